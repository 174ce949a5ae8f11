"""Joins a JMH JSON result with a peer's RESULT lines and prints the table and the summary line.

Usage: compare.py NAME OURS.json PEER.txt   (PEER.txt may be missing: then ours alone is printed)
"""
import json
import os
import sys

TO_SECONDS = {"s/op": 1.0, "ms/op": 1e-3, "us/op": 1e-6, "ns/op": 1e-9}


def our_results(path):
    out = {}
    for r in json.load(open(path)):
        method = r["benchmark"].rsplit(".", 1)[1]
        params = r.get("params") or {}
        key = "/".join([method] + [str(v) for v in params.values()])
        m = r["primaryMetric"]
        sec = m["score"] * TO_SECONDS[m["scoreUnit"]]
        sec_metrics = r.get("secondaryMetrics") or {}
        # JMH 1.37 names it "gc.alloc.rate.norm"; older versions prefixed a middle dot.
        alloc = sec_metrics.get("gc.alloc.rate.norm") or sec_metrics.get("\u00b7gc.alloc.rate.norm")
        out[key] = (sec, alloc["score"] if alloc else None)
    return out


def peer_results(path):
    out = {}
    if not os.path.exists(path):
        return out
    for line in open(path):
        f = line.split()
        if len(f) >= 5 and f[0] == "RESULT":
            out[f[1]] = (float(f[2]), float(f[3]), " ".join(f[4:]))
    return out


def main():
    name, ours_path, peer_path = sys.argv[1:4]
    ours, peer = our_results(ours_path), peer_results(peer_path)
    rows, worst = [], None
    for key, (sec, alloc) in ours.items():
        if key in peer:
            psec, work, unit = peer[key]
            ratio = psec / sec
            rows.append((key, work / sec, work / psec, unit, ratio, alloc))
            if worst is None or ratio < worst[4]:
                worst = rows[-1]
        else:
            rows.append((key, 1.0 / sec, None, "op/s", None, alloc))
    print(f"{'case':44s} {'ours':>12s} {'peer':>12s}  {'unit':10s} {'ratio':>7s} {'alloc B/op':>11s}")
    for key, o, p, unit, ratio, alloc in rows:
        ps = f"{p:12.2f}" if p is not None else f"{'-':>12s}"
        rs = f"{ratio:7.2f}" if ratio is not None else f"{'-':>7s}"
        al = f"{alloc:11.0f}" if alloc is not None else f"{'-':>11s}"
        print(f"{key:44s} {o:12.2f} {ps}  {unit:10s} {rs} {al}")
    if worst is not None:
        key, o, p, unit, ratio, _ = worst
        print(f"{name}: ours {o:.2f} {unit}, peer {p:.2f} {unit}, ratio {ratio:.2f}   (worst case: {key})")
    else:
        key, o, _, unit, _, alloc = rows[0]
        extra = f", {alloc:.0f} B/op allocated" if alloc is not None else ""
        print(f"{name}: ours {o:.2f} {unit}{extra}   (no peer)")


if __name__ == "__main__":
    main()
