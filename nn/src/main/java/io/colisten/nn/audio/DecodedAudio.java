package io.colisten.nn.audio;

/**
 * A decoded recording, mixed to mono at its native rate.
 *
 * @param samples        mono samples, one per frame; integer PCM lies in [-1, 1)
 * @param sampleRate     frames per second of {@code samples}
 * @param decodedSeconds {@code samples.length / sampleRate}
 * @param clipped        true when the recording was longer than the decoder's limit and was cut there
 */
public record DecodedAudio(float[] samples, int sampleRate, double decodedSeconds, boolean clipped) {
    public DecodedAudio {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sampleRate must be positive: " + sampleRate);
        }
    }

    static DecodedAudio of(float[] samples, int sampleRate, boolean clipped) {
        return new DecodedAudio(samples, sampleRate, samples.length / (double) sampleRate, clipped);
    }
}
