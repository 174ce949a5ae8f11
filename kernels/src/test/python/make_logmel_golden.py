"""Writes NumPy golden values for the log-mel front end into kernels/src/test/resources/golden/,
read by io.colisten.kernels.dsp.LogMelGoldenTest and MelMatrixTest.

Run from the repository root:  /usr/bin/python3 kernels/src/test/python/make_logmel_golden.py

The conventions are DESIGN.md's "Numerical conventions" (the VGGish / AudioSet front end, as in
its mel_features.py), computed here in float64:
  periodic Hann window of 400, hop 160, rfft of 512, magnitude (not power), no centring/padding;
  64 mel bands 125-7500 Hz on the HTK scale mel(f) = 1127 ln(1 + f/700), triangles in the mel
  domain over the 257 bin centre frequencies linspace(0, 8000, 257), band edges evenly spaced in
  mel (66 edges), bin 0's weights zero; log(magnitude @ weights + 0.01).

Files:
  logmel_input.wav     16-bit PCM mono 16 kHz WAV (44-byte header) of a seeded test signal of
                       64,123 samples (~4 s): three tones, a linear chirp 100 Hz -> 7.9 kHz, white
                       noise, and 0.25 s of exact silence at 1.0-1.25 s. The expected output is
                       computed from the quantised samples (int16 / 32768).
  logmel_expected.f32  little-endian float32, frames x 64 (frame-major), frames = 1 + (n-400)//160.
  mel_matrix_vggish.f64  little-endian float64, 257 x 64 (row = FFT bin, column = band).
"""
import os
import struct

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "golden")

RATE, WINDOW, HOP, FFT, BANDS, F_MIN, F_MAX, LOG_OFFSET = 16000, 400, 160, 512, 64, 125.0, 7500.0, 0.01


def hertz_to_mel(f):
    return 1127.0 * np.log(1.0 + f / 700.0)


def mel_matrix(bands=BANDS, bins=FFT // 2 + 1, rate=RATE, f_min=F_MIN, f_max=F_MAX):
    """(bins, bands) triangular weights, the mel_features.spectrogram_to_mel_matrix construction."""
    bins_mel = hertz_to_mel(np.linspace(0.0, rate / 2.0, bins))
    edges = np.linspace(hertz_to_mel(f_min), hertz_to_mel(f_max), bands + 2)
    w = np.empty((bins, bands))
    for i in range(bands):
        lo, centre, hi = edges[i:i + 3]
        lower = (bins_mel - lo) / (centre - lo)
        upper = (hi - bins_mel) / (hi - centre)
        w[:, i] = np.maximum(0.0, np.minimum(lower, upper))
    w[0, :] = 0.0
    return w


def log_mel(x):
    """(frames, bands) log-mel of a float64 signal, frames = 1 + (n - WINDOW) // HOP."""
    frames = 1 + (len(x) - WINDOW) // HOP
    framed = np.lib.stride_tricks.as_strided(x, shape=(frames, WINDOW), strides=(HOP * x.itemsize, x.itemsize))
    hann = 0.5 - 0.5 * np.cos(2.0 * np.pi / WINDOW * np.arange(WINDOW))
    magnitude = np.abs(np.fft.rfft(framed * hann, FFT))
    return np.log(magnitude @ mel_matrix() + LOG_OFFSET)


def test_signal():
    rng = np.random.default_rng(20261125)
    n = 4 * RATE + 123
    t = np.arange(n) / RATE
    x = 0.20 * np.sin(2 * np.pi * 440.0 * t) + 0.15 * np.sin(2 * np.pi * 1000.0 * t + 0.3) \
        + 0.08 * np.sin(2 * np.pi * 3150.0 * t + 1.1)
    f0, f1, dur = 100.0, 7900.0, n / RATE
    x += 0.12 * np.sin(2 * np.pi * (f0 * t + 0.5 * (f1 - f0) / dur * t * t))
    x += 0.03 * rng.standard_normal(n)
    x[RATE:RATE + RATE // 4] = 0.0
    q = np.clip(np.round(x * 32768.0), -32768, 32767).astype("<i2")
    return q


def write_wav(path, q):
    data = q.tobytes()
    header = b"RIFF" + struct.pack("<I", 36 + len(data)) + b"WAVE" \
        + b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, RATE, RATE * 2, 2, 16) \
        + b"data" + struct.pack("<I", len(data))
    with open(path, "wb") as f:
        f.write(header + data)


def main():
    os.makedirs(OUT, exist_ok=True)
    q = test_signal()
    write_wav(os.path.join(OUT, "logmel_input.wav"), q)
    expected = log_mel(q.astype(np.float64) / 32768.0)
    expected.astype("<f4").tofile(os.path.join(OUT, "logmel_expected.f32"))
    mel_matrix().astype("<f8").tofile(os.path.join(OUT, "mel_matrix_vggish.f64"))
    print("numpy %s: %d samples, %d frames x %d bands, log-mel range [%.4f, %.4f]" % (
        np.__version__, len(q), expected.shape[0], expected.shape[1], expected.min(), expected.max()))


if __name__ == "__main__":
    main()
