package io.colisten.kernels.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the resampler does to pure tones, measured on the output away from the edges (the first and
 * last outputs whose taps reach past the signal are skipped): passband tones keep amplitude (within
 * 0.1 dB), frequency and phase; tones above the new Nyquist and the images of upsampling come out at
 * least 60 dB below the input; DC passes with gain 1.
 */
class ResamplerSpectrumTest {
    /** Required stop-band attenuation and passband flatness. */
    private static final double STOP_DB = -60, PASS_DB = 0.1;
    private static final double AMP = 0.5;

    static float[] tone(int n, int rate, double freq, double amp) {
        float[] x = new float[n];
        for (int j = 0; j < n; j++) x[j] = (float) (amp * Math.sin(2 * Math.PI * freq * j / rate));
        return x;
    }

    /** [first, last) of the outputs whose taps all fall inside n input samples. */
    static int[] interior(Resampler r, int n) {
        int len = r.outputLength(n);
        if (r.design() == null) return new int[] {0, len};
        long margin = ((long) r.design().halfTaps() + 1) * r.toRate() / r.fromRate() + 2;
        return new int[] {(int) margin, (int) (len - margin)};
    }

    static double rms(float[] y, int from, int to) {
        double s = 0;
        for (int k = from; k < to; k++) s += (double) y[k] * y[k];
        return Math.sqrt(s / (to - from));
    }

    /** Amplitude of the component at freq (Hz) in y[from, to) at rate, through a Hann window. */
    static double amplitudeAt(float[] y, int from, int to, int rate, double freq) {
        double re = 0, im = 0, wsum = 0;
        int n = to - from;
        for (int k = from; k < to; k++) {
            double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * (k - from + 0.5) / n);
            double ph = 2 * Math.PI * freq * k / rate;
            re += w * y[k] * Math.cos(ph);
            im += w * y[k] * Math.sin(ph);
            wsum += w;
        }
        return 2 * Math.hypot(re, im) / wsum;
    }

    static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }

    @ParameterizedTest(name = "{1} Hz at {0} Hz")
    @CsvSource({"44100,1000", "48000,1000", "8000,1000", "11025,1000", "22050,1000", "32000,1000",
            "96000,1000", "12345,1000", "44056,1000", "44099,1000", "44100,7000", "48000,7150",
            "8000,3550", "11025,4900"})
    void passbandToneKeepsAmplitudeFrequencyAndPhase(int from, double freq) {
        Resampler r = Resampler.of(from, 16000);
        int n = from / 2 + 7;
        float[] y = Resampler.resample(tone(n, from, freq, AMP), from, 16000);
        int[] in = interior(r, n);
        double worst = 0;
        for (int k = in[0]; k < in[1]; k++) {
            worst = Math.max(worst, Math.abs(y[k] - AMP * Math.sin(2 * Math.PI * freq * k / 16000)));
        }
        double gainDb = db(amplitudeAt(y, in[0], in[1], 16000, freq) / AMP);
        System.out.printf("%s: %.0f Hz tone gain %.5f dB, worst sample error %.2g%n", r, freq, gainDb, worst);
        assertTrue(Math.abs(gainDb) <= PASS_DB, r + ": " + freq + " Hz gain " + gainDb + " dB");
        // A wrong frequency or a time shift would show as a large sample-by-sample error.
        assertTrue(worst <= AMP * 0.012, r + ": worst deviation from the ideal tone " + worst);
    }

    @ParameterizedTest(name = "{1} Hz at {0} Hz")
    @CsvSource({"44100,8500", "44100,10000", "44100,15000", "44100,20000", "44100,22000",
            "48000,8500", "48000,10000", "48000,15000", "48000,20000", "48000,23900",
            "22050,8500", "22050,10000", "22050,11000", "96000,8500", "96000,30000", "96000,47000",
            "32000,8200", "44056,9000", "44099,8500"})
    void toneAboveTheNewNyquistIsRemoved(int from, double freq) {
        Resampler r = Resampler.of(from, 16000);
        int n = from / 2 + 3;
        float[] x = tone(n, from, freq, AMP);
        float[] y = Resampler.resample(x, from, 16000);
        int[] in = interior(r, n);
        double level = db(rms(y, in[0], in[1]) / (AMP / Math.sqrt(2)));
        System.out.printf("%s: %.0f Hz tone comes out at %.1f dB%n", r, freq, level);
        assertTrue(level <= STOP_DB, r + ": " + freq + " Hz tone only " + level + " dB down");
    }

    @ParameterizedTest(name = "{1} Hz at {0} Hz")
    @CsvSource({"8000,3500", "8000,3900", "8000,3990", "11025,5000", "11025,5400", "12345,6000", "8001,3900"})
    void upsamplingMakesNoImages(int from, double freq) {
        Resampler r = Resampler.of(from, 16000);
        int n = from / 2 + 5;
        float[] y = Resampler.resample(tone(n, from, freq, AMP), from, 16000);
        int[] in = interior(r, n);
        double image = from - freq;
        double level = db(amplitudeAt(y, in[0], in[1], 16000, image) / AMP);
        System.out.printf("%s: image of %.0f Hz at %.0f Hz is %.1f dB%n", r, freq, image, level);
        assertTrue(level <= STOP_DB, r + ": image at " + image + " Hz only " + level + " dB down");
    }

    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(ints = {44100, 48000, 8000, 11025, 12345, 44099, 16000})
    void dcGainIsOne(int from) {
        Resampler r = Resampler.of(from, 16000);
        int n = from / 10 + 1;
        float[] x = new float[n];
        java.util.Arrays.fill(x, 0.3f);
        float[] y = Resampler.resample(x, from, 16000);
        int[] in = interior(r, n);
        for (int k = in[0]; k < in[1]; k++) assertEquals(0.3, y[k], 1e-6, r + " output " + k);
    }
}
