#!/usr/bin/python3
"""Writes the .npy golden files that NpyTest reads (nn/src/test/resources/golden/npy/), with NumPy's
own writer, so that the Java writer can be compared byte for byte and the reader tested on files
NumPy made, including the versions and layouts it must refuse.

Run from the repository root:  /usr/bin/python3 nn/src/test/python/make_npy_golden.py
"""
import os

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "golden", "npy")


def golden_matrix(rows, cols):
    """The values NpyTest.goldenMatrix builds: (r * cols + c) * 0.25 - 3, with a few special values."""
    a = (np.arange(rows * cols, dtype=np.float64) * 0.25 - 3).astype(np.float32).reshape(rows, cols)
    if rows * cols >= 4:
        flat = a.reshape(-1)
        flat[0] = -0.0
        flat[1] = np.float32(1.4e-45)  # the smallest subnormal
        flat[2] = np.finfo(np.float32).max
        flat[3] = np.float32(1) / np.float32(3)
    return a


def main():
    os.makedirs(OUT, exist_ok=True)
    for rows, cols in [(3, 128), (0, 128), (1, 5), (1000, 3)]:
        np.save(os.path.join(OUT, "f4_%dx%d.npy" % (rows, cols)), golden_matrix(rows, cols))
    with open(os.path.join(OUT, "f4_v2_2x3.npy"), "wb") as f:
        np.lib.format.write_array(f, golden_matrix(2, 3), version=(2, 0))
    np.save(os.path.join(OUT, "f8_2x3.npy"), golden_matrix(2, 3).astype(np.float64))
    np.save(os.path.join(OUT, "be_f4_2x3.npy"), golden_matrix(2, 3).astype(">f4"))
    np.save(os.path.join(OUT, "fortran_2x3.npy"), np.asfortranarray(golden_matrix(2, 3)))
    np.save(os.path.join(OUT, "f4_2x3x4.npy"), np.zeros((2, 3, 4), dtype="<f4"))
    print("wrote", sorted(os.listdir(OUT)))


if __name__ == "__main__":
    main()
