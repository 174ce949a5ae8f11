"""The search behind notes/models.md: which readings of the paper's SmallCNN and MobileNet text give
its figures (SmallCNN 537k parameters / 22M multiplies, MobileNet 670k / 26.1M). Counts follow our
convention: conv and linear MACs for one window, batch norm affine parameters counted, no conv bias.

Run: python3 notes/models-readings.py   (pure Python, a minute or so)
"""
import itertools


def out(i, k, s, p):
    return (i + 2 * p - k) // s + 1


def smallcnn(chs, ops, conv_stride, pool_stride, same, head, hw=(300, 64)):
    h, w = hw
    cin, macs, params, ci = 1, 0, 0, 0
    for op in ops:
        if op == "c":
            h, w = out(h, 7, conv_stride[0], 3 if same else 0), out(w, 5, conv_stride[1], 2 if same else 0)
            c = chs[ci]
            ci += 1
            macs += h * w * 35 * cin * c
            params += 35 * cin * c + 2 * c
            cin = c
        else:
            h, w = out(h, 4, pool_stride[0], 0), out(w, 2, pool_stride[1], 0)
        if h <= 0 or w <= 0:
            return None
    f = {"mean": cin, "mean+max": 2 * cin, "flatten": cin * h * w}[head]
    return params + 128 * f + 128, macs + 128 * f


def mobilenet(alpha, pool_after=3, pool_stride=(2, 1), first_stride=(2, 1), hw=(300, 64)):
    blocks = [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2)] + [(512, 1)] * 5 + [(1024, 2), (1024, 1)]
    ch = lambda c: max(8, int(c * alpha))
    h, w = out(hw[0], 3, first_stride[0], 1), out(hw[1], 3, first_stride[1], 1)
    cin = ch(32)
    macs, params, layer = h * w * 9 * cin, 9 * cin + 2 * cin, 1
    for c, s in blocks:
        h, w = out(h, 3, s, 1), out(w, 3, s, 1)
        macs += h * w * 9 * cin
        params += 11 * cin
        layer += 1
        if layer == pool_after:
            h, w = out(h, 4, pool_stride[0], 0), out(w, 2, pool_stride[1], 0)
        macs += h * w * cin * ch(c)
        params += cin * ch(c) + 2 * ch(c)
        cin = ch(c)
        layer += 1
        if layer == pool_after:
            h, w = out(h, 4, pool_stride[0], 0), out(w, 2, pool_stride[1], 0)
    return params + cin * 128 + 128, macs + cin * 128


def main():
    print("SmallCNN as stated (same convs, mean head), 32-64-64-128:",
          smallcnn((32, 64, 64, 128), "cpcccp", (2, 1), (2, 1), True, "mean"))
    hits = []
    widths = [4, 8, 12, 16, 24, 32, 48, 64, 96, 128, 256]
    for ops in ("cpcccp", "cpccp"):
        n = ops.count("c")
        for chs in itertools.product(widths, repeat=n):
            for cs, ps, same, head, hw in itertools.product(((2, 1), (2, 2), (1, 2)), ((2, 1), (2, 2), (4, 2)),
                                                           (True, False), ("mean", "mean+max", "flatten"),
                                                           ((300, 64), (64, 300))):
                r = smallcnn(chs, ops, cs, ps, same, head, hw)
                if r and abs(r[0] / 537e3 - 1) < 0.03 and abs(r[1] / 22e6 - 1) < 0.03:
                    hits.append((ops, chs, cs, ps, same, head, hw, r))
    print(f"SmallCNN readings within 3% of both figures: {len(hits)}")
    for h in hits[:20]:
        print("  ", h)
    print("MobileNet by width (extra pool 4x2 / 2x1 after the third conv layer):")
    for a in (0.25, 0.3125, 0.375, 0.4375, 0.5, 0.75, 1.0):
        print(f"   {a}: {mobilenet(a)}")
    print("MobileNet readings within 3% of both (pool after layer 2-5, pool / first strides varied):")
    for a in [x / 32 for x in range(6, 40)]:
        for pa, ps, fs in itertools.product((2, 3, 4, 5), ((2, 1), (2, 2)), ((2, 1), (2, 2))):
            p, m = mobilenet(a, pa, ps, fs)
            if abs(p / 670e3 - 1) < 0.03 and abs(m / 26.1e6 - 1) < 0.03:
                print(f"   width {a}, pool after layer {pa}, pool stride {ps}, first stride {fs}: {p}, {m}")


if __name__ == "__main__":
    main()
