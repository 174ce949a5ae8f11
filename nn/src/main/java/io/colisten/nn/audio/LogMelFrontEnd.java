package io.colisten.nn.audio;

import io.colisten.kernels.dsp.LogMel;
import io.colisten.kernels.dsp.Resampler;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The paper's audio front end (DESIGN.md, numerical conventions): decode to mono, resample to
 * 16 kHz, keep at most the first {@code maxSeconds}, log-mel frames of 64 bands every 10 ms.
 * A recording shorter than one window (300 frames) is padded with silence or skipped, as the
 * policy says. Holds scratch: one instance per thread.
 */
public final class LogMelFrontEnd implements FrameSource {
    public static final int SAMPLE_RATE = 16_000;

    private final AudioDecoder decoder;
    private final ShortRecordingPolicy policy;
    private final LogMel logMel = LogMel.vggish();

    public LogMelFrontEnd(AudioDecoder decoder, ShortRecordingPolicy policy) {
        this.decoder = decoder;
        this.policy = policy;
    }

    public int bands() {
        return logMel.bands();
    }

    @Override
    public RecordingFrames frames(Path file) throws IOException {
        DecodedAudio audio = decoder.decode(file);
        return frames(audio.samples(), audio.sampleRate(), audio.clipped());
    }

    /** Frames of mono samples at any rate (resampled to 16 kHz here). */
    public RecordingFrames frames(float[] mono, int sampleRate, boolean clipped) {
        float[] x = sampleRate == SAMPLE_RATE ? mono : Resampler.resample(mono, sampleRate, SAMPLE_RATE);
        int n = x.length;
        double seconds = n / (double) SAMPLE_RATE;
        int oneWindow = Windows.samplesForOneWindow(logMel.windowLength(), logMel.hop());
        boolean padded = false;
        if (n < oneWindow) {
            if (policy == ShortRecordingPolicy.SKIP) {
                return RecordingFrames.skipped(logMel.bands(), seconds);
            }
            float[] p = new float[oneWindow];
            System.arraycopy(x, 0, p, 0, n);
            x = p;
            n = oneWindow;
            padded = true;
        }
        int frames = logMel.frames(n);
        float[] out = new float[frames * logMel.bands()];
        logMel.compute(out, 0, x, 0, n);
        return new RecordingFrames(out, frames, logMel.bands(), seconds, clipped, padded, false);
    }
}
