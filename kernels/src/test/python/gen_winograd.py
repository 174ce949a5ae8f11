"""Winograd (Cook-Toom) matrices for the inference transforms of Conv2dWinogradW / Conv2dWinograd3x3,
in exact rationals, and their fp32 error on random data.

For correlation y[i] = sum_k g[k] d[i + k] (i < m, k < r) with alpha = m + r - 1 points p_0 .. p_{alpha-2}
and infinity: y = AT [(G g) * (BT d)], where G evaluates g at the points (rows [1, p, p^2, ...], the
infinity row picks the leading coefficient), AT^T evaluates the output polynomial likewise, and BT is
the transposed inverse of the alpha x alpha evaluation matrix (the transposition principle turns the
linear convolution into a correlation). Each row of BT is scaled by its last non-zero entry and the
matching row of G by the inverse, so BT has small entries.

The Java code spells these matrices out (sparse): F(4, 5) with points 0, 1, -1, 1/2, -1/2, 2, -2;
F(2, 3) and F(4, 3) are Lavin and Gray's (points 0, +-1 and 0, +-1, +-2; same up to row signs).
Usage: /usr/bin/python3 gen_winograd.py
"""
from fractions import Fraction as F

import numpy as np


def inverse(m):
    n = len(m)
    a = [row[:] + [F(int(i == j)) for j in range(n)] for i, row in enumerate(m)]
    for c in range(n):
        p = next(r for r in range(c, n) if a[r][c] != 0)
        a[c], a[p] = a[p], a[c]
        pv = a[c][c]
        a[c] = [x / pv for x in a[c]]
        for r in range(n):
            if r != c and a[r][c] != 0:
                f = a[r][c]
                a[r] = [x - f * y for x, y in zip(a[r], a[c])]
    return [row[n:] for row in a]


def evaluation(points, degree):
    rows = [[p ** k for k in range(degree)] for p in points]
    rows.append([F(0)] * (degree - 1) + [F(1)])
    return rows


def winograd(m, r, points):
    a = m + r - 1
    assert len(points) == a - 1
    g, x, inv = evaluation(points, r), evaluation(points, m), inverse(evaluation(points, a))
    at = [[x[j][i] for j in range(a)] for i in range(m)]
    bt = [[inv[j][i] for j in range(a)] for i in range(a)]
    for j in range(a):
        nz = [v for v in bt[j] if v != 0]
        s = nz[-1]
        bt[j] = [v / s for v in bt[j]]
        g[j] = [v * s for v in g[j]]
    return at, g, bt


def error_1d(m, r, mats, trials=10000):
    at, g, bt = (np.array(mm, dtype=float).astype(np.float32) for mm in mats)
    rng = np.random.default_rng(0)
    w = rng.standard_normal((trials, r)).astype(np.float32)
    d = rng.standard_normal((trials, m + r - 1)).astype(np.float32)
    ref = np.stack([(w.astype(float) * d[:, i:i + r]).sum(1) for i in range(m)], 1)
    y = ((w @ g.T) * (d @ bt.T)) @ at.T
    direct = np.stack([(w * d[:, i:i + r]).sum(1, dtype=np.float32) for i in range(m)], 1)
    return np.abs(y - ref).max(), np.abs(direct - ref).max()


def error_2d(m, mats, channels=256, trials=100):
    """Max error of the 2-D F(m x m, 3 x 3) summed over channels (fp32), and of the fp32 direct sum."""
    at, g, bt = (np.array(mm, dtype=float).astype(np.float32) for mm in mats)
    a = m + 2
    rng = np.random.default_rng(1)
    err = err0 = 0.0
    for _ in range(trials):
        d = rng.standard_normal((channels, a, a)).astype(np.float32)
        w = rng.standard_normal((channels, 3, 3)).astype(np.float32)
        ref = np.array([[(d[:, i:i + 3, j:j + 3].astype(float) * w).sum() for j in range(m)] for i in range(m)])
        u = np.einsum("ak,ckl,bl->cab", g, w, g).astype(np.float32)
        v = np.einsum("ak,ckl,bl->cab", bt, d, bt).astype(np.float32)
        y = at @ (u * v).sum(0, dtype=np.float32) @ at.T
        direct = np.array([[(d[:, i:i + 3, j:j + 3] * w).sum(dtype=np.float32) for j in range(m)] for i in range(m)])
        err, err0 = max(err, np.abs(y - ref).max()), max(err0, np.abs(direct - ref).max())
    return err, err0


def main():
    cases = [("F(4, 5)", 4, 5, [0, 1, -1, F(1, 2), F(-1, 2), 2, -2]),
             ("F(2, 3)", 2, 3, [0, 1, -1]),
             ("F(4, 3)", 4, 3, [0, 1, -1, 2, -2])]
    for name, m, r, pts in cases:
        mats = winograd(m, r, [F(p) for p in pts])
        print(f"{name}, points {', '.join(str(F(p)) for p in pts)}, infinity")
        for label, mm in zip(("AT", "G", "BT"), mats):
            print(f"  {label}")
            for row in mm:
                print("    " + "  ".join(f"{str(v):>6}" for v in row))
        e, e0 = error_1d(m, r, mats)
        print(f"  fp32 max error on N(0, 1) rows: {e:.2e} (direct sum {e0:.2e})")
        if r == 3:
            e, e0 = error_2d(m, mats)
            print(f"  2-D F({m}x{m}, 3x3) over 256 channels, outputs of mean |y| ~38: max error {e:.2e} (direct {e0:.2e})")


if __name__ == "__main__":
    main()
