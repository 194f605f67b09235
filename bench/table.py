#!/usr/bin/env python3
"""Prints the side-by-side table of a bench/run.sh results file (JSON lines): one row per figure, one
column per repetition, then the median over repetitions and the jkeras / PyTorch ratio of the medians.

Usage: python3 bench/table.py target/bench/<time>.jsonl
"""
import json
import statistics
import sys

# (row label, tag, field): which JSON figure each row shows.
ROWS = [
    ("gemm GFLOP/s, PyTorch torch.mm(out=)", "gemm_torch_mm", "gflops_median"),
    ("gemm GFLOP/s, jkeras Nd4j.gemm -> 'c' result", "gemm_nd4j_gemm_c", "gflops_median"),
    ("gemm GFLOP/s, jkeras Nd4j.gemm -> 'f' result", "gemm_nd4j_gemm_f", "gflops_median"),
    ("gemm GFLOP/s, jkeras a.mmul(b)", "gemm_nd4j_mmul", "gflops_median"),
    ("W2 train samples/s, PyTorch", "w2_mlp/pytorch", "train_samples_per_s"),
    ("W2 train samples/s, jkeras fit", "w2_mlp/jkeras", "train_samples_per_s"),
    ("W2 samples/s from median batch, PyTorch", "w2_mlp/pytorch", "train_samples_per_s_from_median_batch"),
    ("W2 samples/s from median batch, jkeras", "w2_mlp/jkeras", "train_samples_per_s_from_median_batch"),
    ("W2 epoch wall s, PyTorch", "w2_mlp/pytorch", "epoch_wall_s"),
    ("W2 epoch wall s, jkeras", "w2_mlp/jkeras", "epoch_wall_s"),
    ("W2 test accuracy, PyTorch", "w2_mlp/pytorch", "test_acc"),
    ("W2 test accuracy, jkeras", "w2_mlp/jkeras", "test_acc"),
    ("W2 inference samples/s, PyTorch", "w2_mlp/pytorch", "infer_samples_per_s"),
    ("W2 inference samples/s, jkeras evaluate", "w2_mlp/jkeras", "infer_samples_per_s"),
    ("W2 peak RSS MiB, PyTorch", "w2_mlp/pytorch", "peak_rss_mb"),
    ("W2 peak RSS MiB, jkeras", "w2_mlp/jkeras", "peak_rss_mb"),
    ("W1 train samples/s, PyTorch", "w1_cnn/pytorch", "train_samples_per_s"),
    ("W1 train samples/s, jkeras fit", "w1_cnn/jkeras", "train_samples_per_s"),
    ("W1 test accuracy, PyTorch", "w1_cnn/pytorch", "test_acc"),
    ("W1 test accuracy, jkeras", "w1_cnn/jkeras", "test_acc"),
    ("W1 inference samples/s, PyTorch", "w1_cnn/pytorch", "infer_samples_per_s"),
    ("W1 inference samples/s, jkeras evaluate", "w1_cnn/jkeras", "infer_samples_per_s"),
    ("W1 peak RSS MiB, PyTorch", "w1_cnn/pytorch", "peak_rss_mb"),
    ("W1 peak RSS MiB, jkeras", "w1_cnn/jkeras", "peak_rss_mb"),
    ("W3 VGG16 batch-1 ms, PyTorch", "w3_vgg16/pytorch", "b1_latency_ms_median"),
    ("W3 VGG16 batch-1 ms, jkeras predict", "w3_vgg16/jkeras", "b1_latency_ms_median"),
    ("W3 VGG16 batch-8 images/s, PyTorch", "w3_vgg16/pytorch", "b8_images_per_s"),
    ("W3 VGG16 batch-8 images/s, jkeras", "w3_vgg16/jkeras", "b8_images_per_s"),
    ("W4 LSTM train seqs/s, PyTorch", "w4_lstm/pytorch", "train_seqs_per_s"),
    ("W4 LSTM train seqs/s, jkeras fit", "w4_lstm/jkeras", "train_seqs_per_s"),
]
# jkeras row / PyTorch row: the ratios printed under the table (above 1 means jkeras is faster).
RATIOS = [
    ("gemm: jkeras Nd4j.gemm 'c' / PyTorch", "gemm_nd4j_gemm_c", "gemm_torch_mm", "gflops_median"),
    ("W2 training: jkeras / PyTorch", "w2_mlp/jkeras", "w2_mlp/pytorch", "train_samples_per_s"),
    ("W1 training: jkeras / PyTorch", "w1_cnn/jkeras", "w1_cnn/pytorch", "train_samples_per_s"),
    ("W3 batch-1 speed (PyTorch ms / jkeras ms)", "w3_vgg16/pytorch", "w3_vgg16/jkeras", "b1_latency_ms_median"),
    ("W3 batch-8: jkeras / PyTorch", "w3_vgg16/jkeras", "w3_vgg16/pytorch", "b8_images_per_s"),
    ("W4 training: jkeras / PyTorch", "w4_lstm/jkeras", "w4_lstm/pytorch", "train_seqs_per_s"),
]


def key(rec):
    tag = rec["tag"]
    return tag + "/" + rec["framework"] if tag in ("w1_cnn", "w2_mlp", "w2_step_profile", "w2_op_costs", "w3_vgg16", "w4_lstm") else tag


PHASES = ["slice", "forward", "loss", "backward", "optimizer", "accuracy", "step"]


def main(path):
    runs = {}   # key -> list of records, one per repetition
    loads = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line.startswith("{"):
                continue
            rec = json.loads(line)
            if rec["tag"] == "load":
                loads.append(rec)
            elif rec["tag"] != "env":
                runs.setdefault(key(rec), []).append(rec)
    reps = max((len(v) for v in runs.values()), default=0)

    def values(k, field):
        return [r[field] for r in runs.get(k, []) if field in r]

    def med(k, field):
        v = values(k, field)
        return statistics.median(v) if v else None

    head = ["figure"] + ["rep %d" % (i + 1) for i in range(reps)] + ["median"]
    rows = []
    for label, k, field in ROWS:
        v = values(k, field)
        if not v:
            continue
        cells = [fmt(x) for x in v] + [""] * (reps - len(v)) + [fmt(statistics.median(v))]
        rows.append([label] + cells)
    widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(head, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print("| " + " | ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(r, widths))) + " |")
    print()
    for label, a, b, field in RATIOS:
        ma, mb = med(a, field), med(b, field)
        if ma is not None and mb:
            print("%s: %.3f" % (label, ma / mb))
    if runs.get("w2_step_profile/jkeras"):
        print()
        print("W2 step by phase, ms (median over repetitions of each run's median over its timed steps):")
        print("| phase     | jkeras | PyTorch | jkeras / PyTorch |")
        print("|-----------|--------|---------|------------------|")
        for p in PHASES:
            j, t = med("w2_step_profile/jkeras", p + "_ms_median"), med("w2_step_profile/pytorch", p + "_ms_median")
            if j is None:
                continue
            print("| %-9s | %6.3f | %7s | %16s |" % (p, j, "%.3f" % t if t is not None else "", "%.1f" % (j / t) if t else ""))
        ops = med("w2_step_profile/jkeras", "nd4j_ops_per_step")
        if ops is not None:
            print("jkeras: %d ND4J ops per step; one trivial ND4J op costs %.1f us; the optimizer's bare adam_updater calls %.3f ms"
                  % (ops, med("w2_step_profile/jkeras", "tiny_op_us"),
                     med("w2_step_profile/jkeras", "optimizer_bare_adam_updater_calls_ms_median")))
    if runs.get("w2_op_costs/jkeras") and runs.get("w2_op_costs/pytorch"):
        print()
        print("W2's native calls, each alone, us per call (median over repetitions):")
        print("| call                        | jkeras | PyTorch | jkeras / PyTorch |")
        print("|-----------------------------|--------|---------|------------------|")
        for field in runs["w2_op_costs/jkeras"][0]:
            if not field.endswith("_us"):
                continue
            j, t = med("w2_op_costs/jkeras", field), med("w2_op_costs/pytorch", field)
            if j is None or t is None:
                continue
            print("| %-27s | %6.1f | %7.1f | %16s |" % (field[:-3], j, t, "%.1f" % (j / t) if t else ""))
    if loads:
        print("load per workload: 1-min load average and % CPU busy in the second before it; % of the CPUs other")
        print("processes used while it ran (a figure above ~5 means the workload was disturbed):")
        for rec in loads:
            during = rec.get("others_busy_pct_during")
            print("  rep %d %-20s %s  load %-5s busy before %3d%%%s%s" % (
                rec["rep"], rec["workload"], rec["time"], rec["loadavg_1m"], rec["busy_pct_before"],
                "  others during %3d%%" % during if during is not None else "",
                "  (waited %d s)" % rec["waited_s"] if rec["waited_s"] else ""))


def fmt(x):
    if isinstance(x, float) and abs(x) < 10:
        return ("%.4f" % x).rstrip("0").rstrip(".")
    if isinstance(x, (int, float)):
        return "{:,.1f}".format(x) if abs(x) < 1000 else "{:,.0f}".format(x)
    return str(x)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
