package io.colisten.nn.audio;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/**
 * A stream over bytes that hands out at most a few bytes per read, as a pipe may, and counts
 * what it handed out.
 */
class DribbleInputStream extends InputStream {
    private final ByteArrayInputStream in;
    private final int maxPerRead;
    private long delivered;

    DribbleInputStream(byte[] bytes, int maxPerRead) {
        this.in = new ByteArrayInputStream(bytes);
        this.maxPerRead = maxPerRead;
    }

    @Override
    public int read() {
        int b = in.read();
        delivered += b >= 0 ? 1 : 0;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        int n = in.read(b, off, Math.min(len, maxPerRead));
        delivered += Math.max(n, 0);
        return n;
    }

    long delivered() {
        return delivered;
    }
}
