package io.colisten.nn.audio;

/**
 * The log-mel frames of one recording, as the front end produced them.
 *
 * @param frames     frameCount x bands log-mel values, frame-major (null when skipped)
 * @param frameCount number of frames (0 when the recording was skipped as too short)
 * @param bands      values per frame
 * @param seconds    audio seconds used (after clipping to the limit, before padding)
 * @param clipped    the recording was longer than the limit and only its start was used
 * @param padded     the recording was shorter than one window and was padded with silence
 * @param tooShort   the recording was shorter than one window and the policy said skip it
 */
public record RecordingFrames(float[] frames, int frameCount, int bands, double seconds,
                              boolean clipped, boolean padded, boolean tooShort) {

    public static RecordingFrames skipped(int bands, double seconds) {
        return new RecordingFrames(null, 0, bands, seconds, false, false, true);
    }
}
