package io.colisten.train.labels;

import io.colisten.nn.text.TokenBuffer;
import io.colisten.nn.text.Tokenizer;

import java.util.Arrays;

/**
 * The distinct n-grams of one recording (title and description together), so that a term counts
 * once per recording however often it occurs: counts are document frequencies. Spans point into the
 * {@link TokenBuffer}; equality compares chars, not only hashes, so the set is exact. One per thread;
 * the slot table is reset by bumping a generation stamp instead of clearing it.
 */
final class DistinctNGrams implements Tokenizer.NGramVisitor {
    private long[] hashes = new long[1024];
    private int[] starts = new int[1024];
    private int[] ends = new int[1024];
    private int count;

    private int[] slotItem = new int[2048];
    private int[] slotStamp = new int[2048];
    private int mask = 2047;
    private int stamp = 0;
    private char[] chars;

    /** Collects the distinct n-grams of {@code b}; valid until the next call. */
    void collect(TokenBuffer b) {
        int most = Tokenizer.MAX_NGRAM * b.tokenCount();
        if (most > hashes.length) {
            int n = Integer.highestOneBit(most) << 1;
            hashes = new long[n];
            starts = new int[n];
            ends = new int[n];
        }
        if (2 * most > slotItem.length) {
            int n = Integer.highestOneBit(2 * most) << 1;
            slotItem = new int[n];
            slotStamp = new int[n];
            mask = n - 1;
            stamp = 0;
        }
        if (++stamp == Integer.MAX_VALUE) {
            Arrays.fill(slotStamp, 0);
            stamp = 1;
        }
        count = 0;
        chars = b.chars();
        Tokenizer.forEachNGram(b, this);
    }

    @Override
    public void visit(int start, int end, long hash) {
        int len = end - start;
        int s = (int) hash & mask;
        while (slotStamp[s] == stamp) {
            int i = slotItem[s];
            if (hashes[i] == hash && ends[i] - starts[i] == len
                    && Arrays.equals(chars, starts[i], ends[i], chars, start, end)) {
                return;
            }
            s = (s + 1) & mask;
        }
        slotStamp[s] = stamp;
        slotItem[s] = count;
        hashes[count] = hash;
        starts[count] = start;
        ends[count] = end;
        count++;
    }

    int count() {
        return count;
    }

    long hash(int i) {
        return hashes[i];
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    char[] chars() {
        return chars;
    }
}
