package io.colisten.nn.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The checked contents of a WAVE fmt chunk: how the bytes of one frame become samples.
 *
 * @param encoding      sample layout in its container
 * @param channels      interleaved samples per frame (>= 1)
 * @param sampleRate    frames per second (>= 1)
 * @param blockAlign    bytes per frame, = channels * containerBits / 8
 * @param containerBits bits each sample occupies (8, 16, 24, 32 or 64)
 * @param validBits     significant bits of an integer sample (left-justified in its container;
 *                      the low containerBits - validBits bits are ignored)
 */
record WavFormat(Encoding encoding, int channels, int sampleRate, int blockAlign, int containerBits, int validBits) {
    /** How one sample sits in its container (little-endian throughout). */
    enum Encoding { UNSIGNED_8, SIGNED_16, SIGNED_24, SIGNED_32, FLOAT_32, FLOAT_64 }

    static final int TAG_PCM = 0x0001;
    static final int TAG_FLOAT = 0x0003;
    static final int TAG_EXTENSIBLE = 0xFFFE;
    /** Bytes of a WAVE_FORMAT_EXTENSIBLE fmt chunk (the 16 basic ones, cbSize, 22 extension bytes). */
    static final int EXTENSIBLE_SIZE = 40;
    /** Above every rate in use (DSD-derived PCM tops out at 768 kHz); guards the resampler downstream. */
    static final long MAX_SAMPLE_RATE = 1_536_000;
    /** Bytes 4..15 of every KSDATAFORMAT_SUBTYPE_* GUID of the form xxxxxxxx-0000-0010-8000-00aa00389b71. */
    private static final byte[] GUID_TAIL = {0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38,
        (byte) 0x9B, 0x71};

    /**
     * Parses and checks a fmt chunk.
     *
     * @param fmt  the chunk's first {@code size} bytes (at most {@link #EXTENSIBLE_SIZE} are read)
     * @param size the chunk's declared size
     */
    static WavFormat parse(String file, byte[] fmt, long size) throws AudioDecodeException {
        if (size < 16) {
            throw new AudioDecodeException(file, "fmt chunk too short (" + size + " bytes, needs 16)");
        }
        ByteBuffer b = ByteBuffer.wrap(fmt).order(ByteOrder.LITTLE_ENDIAN);
        int tag = Short.toUnsignedInt(b.getShort(0));
        int channels = Short.toUnsignedInt(b.getShort(2));
        long rate = Integer.toUnsignedLong(b.getInt(4));
        int blockAlign = Short.toUnsignedInt(b.getShort(12));
        int bits = Short.toUnsignedInt(b.getShort(14));

        boolean isFloat;
        int containerBits;
        int validBits;
        if (tag == TAG_EXTENSIBLE) {
            if (size < EXTENSIBLE_SIZE || Short.toUnsignedInt(b.getShort(16)) < 22) {
                throw new AudioDecodeException(file, "WAVE_FORMAT_EXTENSIBLE fmt chunk too short (" + size
                        + " bytes, needs " + EXTENSIBLE_SIZE + ")");
            }
            int subTag = b.getInt(24);
            if (!guidTailMatches(fmt)) {
                throw new UnsupportedWavEncodingException(file, "unsupported WAVE_FORMAT_EXTENSIBLE subformat GUID "
                        + guid(fmt));
            }
            if (subTag != TAG_PCM && subTag != TAG_FLOAT) {
                throw new UnsupportedWavEncodingException(file, "unsupported WAVE_FORMAT_EXTENSIBLE subformat "
                        + tagName(subTag));
            }
            isFloat = subTag == TAG_FLOAT;
            containerBits = bits;
            int declaredValid = Short.toUnsignedInt(b.getShort(18));
            // 0 means "all bits valid" (some writers leave it unset).
            validBits = declaredValid == 0 ? bits : declaredValid;
            if (bits % 8 != 0) {
                throw new AudioDecodeException(file, "WAVE_FORMAT_EXTENSIBLE container of " + bits
                        + " bits is not whole bytes");
            }
            if (validBits > containerBits) {
                throw new AudioDecodeException(file, "valid bits " + validBits + " exceed the " + containerBits
                        + "-bit container");
            }
        } else if (tag == TAG_PCM || tag == TAG_FLOAT) {
            isFloat = tag == TAG_FLOAT;
            // Plain PCM with e.g. 12 or 20 bits sits left-justified in whole bytes.
            containerBits = (bits + 7) / 8 * 8;
            validBits = bits;
        } else {
            throw new UnsupportedWavEncodingException(file, "unsupported format tag " + tagName(tag));
        }

        if (channels == 0) {
            throw new AudioDecodeException(file, "zero channels");
        }
        if (rate == 0) {
            throw new AudioDecodeException(file, "zero sample rate");
        }
        if (rate > MAX_SAMPLE_RATE) {
            throw new AudioDecodeException(file, "implausible sample rate " + rate + " Hz (above " + MAX_SAMPLE_RATE
                    + ")");
        }
        if (bits == 0) {
            throw new AudioDecodeException(file, "zero bits per sample");
        }
        Encoding encoding = encoding(file, isFloat, containerBits);
        if (isFloat) {
            validBits = containerBits;
        }
        long expectedAlign = (long) channels * containerBits / 8;
        if (blockAlign != expectedAlign) {
            throw new AudioDecodeException(file, "block align " + blockAlign + " does not match " + channels
                    + " channels x " + containerBits + " bits (expected " + expectedAlign + ")");
        }
        return new WavFormat(encoding, channels, (int) rate, blockAlign, containerBits, validBits);
    }

    private static Encoding encoding(String file, boolean isFloat, int containerBits) throws AudioDecodeException {
        if (isFloat) {
            return switch (containerBits) {
                case 32 -> Encoding.FLOAT_32;
                case 64 -> Encoding.FLOAT_64;
                default -> throw new UnsupportedWavEncodingException(file, "unsupported " + containerBits
                        + "-bit IEEE float samples (32 or 64 expected)");
            };
        }
        return switch (containerBits) {
            case 8 -> Encoding.UNSIGNED_8;
            case 16 -> Encoding.SIGNED_16;
            case 24 -> Encoding.SIGNED_24;
            case 32 -> Encoding.SIGNED_32;
            default -> throw new UnsupportedWavEncodingException(file, "unsupported " + containerBits
                    + "-bit integer PCM samples (8, 16, 24 or 32 expected)");
        };
    }

    private static boolean guidTailMatches(byte[] fmt) {
        for (int i = 0; i < GUID_TAIL.length; i++) {
            if (fmt[28 + i] != GUID_TAIL[i]) {
                return false;
            }
        }
        return true;
    }

    private static String guid(byte[] fmt) {
        StringBuilder s = new StringBuilder();
        for (int i = 24; i < 40; i++) {
            s.append(String.format("%02x", fmt[i] & 0xFF));
        }
        return s.toString();
    }

    /** "0x0002 (Microsoft ADPCM)" for the tags one meets in the wild, the bare number otherwise. */
    static String tagName(int tag) {
        String name = switch (tag) {
            case 0x0002 -> "Microsoft ADPCM";
            case 0x0006 -> "A-law";
            case 0x0007 -> "mu-law";
            case 0x0011 -> "IMA ADPCM";
            case 0x0031 -> "GSM 6.10";
            case 0x0050 -> "MPEG";
            case 0x0055 -> "MP3";
            case 0x0160, 0x0161, 0x0162, 0x0163 -> "Windows Media Audio";
            case 0x2000 -> "AC-3";
            default -> null;
        };
        String hex = String.format("0x%04X", tag);
        return name == null ? hex : hex + " (" + name + ")";
    }
}
