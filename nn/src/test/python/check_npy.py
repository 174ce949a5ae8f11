#!/usr/bin/python3
"""Checks the embeddings folders that nn's Java tests wrote (nn/target/npy-check/) with numpy.load:
embeddings.npy must load with allow_pickle=False as a C-ordered little-endian float32 N x D array
equal to the values NpyTest.goldenMatrix makes, and ids.txt must hold N ids, one per line, equal to
the ids the test wrote ("rec-0", "rec-1", ..., one with non-ASCII text).

Run after `mvn -pl nn -am test`, from the repository root:
    /usr/bin/python3 nn/src/test/python/check_npy.py
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
import make_npy_golden as golden  # noqa: E402

CHECK = os.path.join(os.path.dirname(__file__), "..", "..", "..", "target", "npy-check")


def expected_ids(n):
    return ["rec-%d" % i if i != 1 else "récit/ünï 1.wav" for i in range(n)]


def check(folder):
    arr = np.load(os.path.join(folder, "embeddings.npy"), allow_pickle=False)
    assert arr.dtype == np.dtype("<f4"), arr.dtype
    assert arr.ndim == 2 and arr.flags["C_CONTIGUOUS"], (arr.shape, arr.flags)
    want = golden.golden_matrix(*arr.shape)
    assert np.array_equal(arr.view(np.uint32), want.view(np.uint32)), "values differ"
    with open(os.path.join(folder, "ids.txt"), encoding="utf-8") as f:
        text = f.read()
    ids = text.split("\n")
    assert ids[-1] == "", "ids.txt must end with a newline"
    ids = ids[:-1]
    assert ids == expected_ids(arr.shape[0]), ids[:3]
    return arr.shape


def main():
    folders = sorted(d for d in os.listdir(CHECK) if os.path.isdir(os.path.join(CHECK, d)))
    if not folders:
        sys.exit("no folders in %s: run the nn tests first" % CHECK)
    failed = 0
    for d in folders:
        try:
            shape = check(os.path.join(CHECK, d))
            print("%s: numpy.load ok, shape %s, values bit-equal, %d ids" % (d, shape, shape[0]))
        except AssertionError as e:
            failed += 1
            print("%s: FAILED %s" % (d, e))
    print("%d passed, %d failed" % (len(folders) - failed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
