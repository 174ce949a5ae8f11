package io.colisten.nn.audio;

/**
 * A well-formed RIFF/WAVE file whose encoding (ADPCM, A-law, MP3 in WAV, ...) we do not decode
 * natively; {@link AudioDecoder} hands such files to ffmpeg when it is there.
 */
final class UnsupportedWavEncodingException extends AudioDecodeException {
    UnsupportedWavEncodingException(String file, String reason) {
        super(file, reason);
    }
}
