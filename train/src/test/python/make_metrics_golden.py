#!/usr/bin/python3
"""Writes the scikit-learn golden values that the io.colisten.train.eval metric tests read:
train/src/test/resources/golden/metrics_binary.json and metrics_macro.json.

Binary cases: scores and 0/1 labels with sklearn's roc_auc_score, average_precision_score,
roc_curve (with and without drop_intermediate) and precision_recall_curve. Scores of the "float"
cases are float32 values (written as the doubles they equal), so the Java tests run them through
both the float and the double entry points; "double" cases hold values no float represents.
roc_auc is null where sklearn raises (one class only).

Macro cases: an n x L float32 score matrix and multi-hot labels. sklearn's macro roc_auc raises on a
column with one class, and its macro average precision counts such a column as 0 (no positive)
or 1 (no negative); ours skips those columns and reports them, so the golden macro values are
sklearn's macro averages over the columns that have both classes, listed in "used".

Run from the repository root:  /usr/bin/python3 train/src/test/python/make_metrics_golden.py
"""
import json
import os

import numpy as np
import sklearn
from sklearn.metrics import (average_precision_score, precision_recall_curve,
                             roc_auc_score, roc_curve)

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "golden")
CURVE_MAX = 300  # curves are written for cases up to this size only (file size)


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=np.float64)]


def float32s(a):
    """float32 values by their shortest decimal (str of np.float32): readers round them back to float."""
    return [float(str(v)) for v in np.asarray(a, dtype=np.float32)]


def binary_case(name, scores, labels, kind):
    scores = np.asarray(scores, dtype=np.float32 if kind == "float" else np.float64).astype(np.float64)
    labels = np.asarray(labels, dtype=np.int64)
    written = float32s(scores) if kind == "float" else floats(scores)
    case = {"name": name, "kind": kind, "scores": written, "labels": [int(v) for v in labels]}
    both = labels.min() != labels.max()
    case["roc_auc"] = float(roc_auc_score(labels, scores)) if both else None
    case["average_precision"] = float(average_precision_score(labels, scores)) if labels.max() == 1 else None
    if both and len(scores) <= CURVE_MAX:
        for key, drop in (("roc", False), ("roc_dropped", True)):
            fpr, tpr, thr = roc_curve(labels, scores, drop_intermediate=drop)
            # sklearn 1.2 puts max + 1 as the first threshold, newer versions inf: not compared.
            case[key] = {"fpr": floats(fpr), "tpr": floats(tpr), "thresholds": floats(thr[1:])}
        p, r, thr = precision_recall_curve(labels, scores)
        case["pr"] = {"precision": floats(p), "recall": floats(r), "thresholds": floats(thr)}
    return case


def binary_cases(rng):
    out = []
    add = lambda *a: out.append(binary_case(*a))
    add("tiny", [0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], "float")
    add("ties_mixed", [0.5, 0.5, 0.5, 0.2, 0.9, 0.9, 0.1, 0.5], [1, 0, 1, 0, 1, 0, 0, 0], "float")
    add("all_tied", [0.25] * 9, [1, 0, 0, 1, 0, 0, 0, 1, 0], "float")
    add("single_positive_top", [0.9, 0.1, 0.2, 0.3, 0.4], [1, 0, 0, 0, 0], "float")
    add("single_positive_mid", list(rng.random(40).astype(np.float32)), [0] * 17 + [1] + [0] * 22, "float")
    add("single_negative", [0.3, 0.1, 0.7, 0.2], [1, 1, 0, 1], "float")
    add("inverted", [0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1], "float")
    add("signed_zeros", [0.0, -0.0, 0.0, -1.0, 1.0, -0.0], [1, 0, 0, 0, 1, 1], "float")
    add("negative_and_large", [-3e7, 1e30, -1e-30, 5.0, -5.0, 1e30], [0, 1, 1, 0, 0, 0], "float")
    add("only_positives", [0.2, 0.5, 0.5], [1, 1, 1], "float")
    add("only_negatives", [0.2, 0.5, 0.1], [0, 0, 0], "float")
    n = 5000
    lab = np.zeros(n, dtype=np.int64)
    lab[rng.choice(n, 7, replace=False)] = 1
    add("imbalance_7_of_5000", rng.random(n).astype(np.float32), lab, "float")
    lab = np.zeros(3000, dtype=np.int64)
    lab[[5, 2999]] = 1
    add("imbalance_2_of_3000_rounded", np.round(rng.random(3000), 2), lab, "float")
    for size in (7, 50, 257, 1000, 2500):
        lab = (rng.random(size) < 0.3).astype(np.int64)
        lab[0], lab[1] = 1, 0
        signal = rng.normal(size=size) + 0.8 * lab
        add("random_%d" % size, signal.astype(np.float32), lab, "float")
        add("random_rounded_%d" % size, np.round(signal, 1).astype(np.float32), lab, "float")
        add("random_double_%d" % size, signal + 1e-9 * rng.random(size), lab, "double")
    return out


def macro_case(name, scores, labels):
    scores = np.asarray(scores, dtype=np.float32).astype(np.float64)
    labels = np.asarray(labels, dtype=np.int64)
    pos = labels.sum(axis=0)
    used = [c for c in range(labels.shape[1]) if 0 < pos[c] < labels.shape[0]]
    case = {"name": name, "scores": [float32s(r) for r in scores], "labels": labels.tolist(), "used": used,
            "roc_auc_per_column": [float(roc_auc_score(labels[:, c], scores[:, c])) if c in used else None
                                   for c in range(labels.shape[1])],
            "average_precision_per_column": [float(average_precision_score(labels[:, c], scores[:, c]))
                                             if c in used else None for c in range(labels.shape[1])]}
    if used:
        case["roc_auc_macro"] = float(roc_auc_score(labels[:, used], scores[:, used], average="macro"))
        case["average_precision_macro"] = float(average_precision_score(labels[:, used], scores[:, used],
                                                                        average="macro"))
    else:
        case["roc_auc_macro"] = None
        case["average_precision_macro"] = None
    return case


def macro_cases(rng):
    out = []
    n, k = 60, 5
    lab = (rng.random((n, k)) < 0.4).astype(np.int64)
    lab[0, :], lab[1, :] = 1, 0
    sc = rng.normal(size=(n, k)) + lab
    out.append(macro_case("dense_5", sc, lab))
    lab2 = lab.copy()
    lab2[:, 1] = 0  # no positive
    lab2[:, 3] = 1  # no negative
    out.append(macro_case("degenerate_columns", np.round(sc, 1), lab2))
    lab3 = (rng.random((300, 10)) < 0.05).astype(np.int64)
    lab3[0, :] = 1
    lab3[1, :] = 0
    lab3[:, 7] = 0
    out.append(macro_case("sparse_10", rng.normal(size=(300, 10)) + 1.5 * lab3, lab3))
    out.append(macro_case("all_degenerate", rng.random((4, 2)), [[1, 0], [1, 0], [1, 0], [1, 0]]))
    return out


def main():
    rng = np.random.default_rng(20261125)
    os.makedirs(OUT, exist_ok=True)
    meta = {"sklearn": sklearn.__version__, "numpy": np.__version__}
    for name, cases in (("metrics_binary.json", binary_cases(rng)), ("metrics_macro.json", macro_cases(rng))):
        with open(os.path.join(OUT, name), "w") as f:
            json.dump({"generator": "train/src/test/python/make_metrics_golden.py", **meta, "cases": cases}, f)
            f.write("\n")
        print("wrote", name, len(cases), "cases")


if __name__ == "__main__":
    main()
