#!/usr/bin/env python3
"""PyTorch's W2 step taken apart into the phases that io.jkeras.bench.StepProfile times for jkeras
(slice, forward, loss, backward, optimizer, accuracy), so each jkeras phase has a twin to compare with.

The model, initialisation, data and optimizer are those of ../shared/bench/pytorch_workloads.py w2
(imported from it, not copied). Prints one JSON line in StepProfile's schema, framework "pytorch".
Usage: OMP_NUM_THREADS=2 /usr/bin/python3 bench/torch_step_profile.py [--steps 200] [--warmup 20]
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "bench"))
import pytorch_workloads as pw  # noqa: E402  (the reference script: same model, init, data and Adam)

PHASES = ["slice", "forward", "loss", "backward", "optimizer", "accuracy"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=200)
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    model = pw.glorot_(pw.SeedMLP())
    xtr, ytr, _, _ = pw.load_fmnist(args.seed)
    xtr = xtr.reshape(-1, 784)
    opt = pw.adam(model)
    model.train()
    batch, nb = 100, xtr.shape[0] // 100
    t = {p: [] for p in PHASES}
    total = []
    correct = 0
    for s in range(args.warmup + args.steps):
        i = s % nb
        t0 = time.perf_counter()
        xb, yb = xtr[i * batch:(i + 1) * batch], ytr[i * batch:(i + 1) * batch]
        t1 = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        out = model(xb)
        t2 = time.perf_counter()
        loss = F.cross_entropy(out, yb)
        t3 = time.perf_counter()
        loss.backward()
        t4 = time.perf_counter()
        opt.step()
        t5 = time.perf_counter()
        correct += int((out.argmax(1) == yb).sum())  # what Keras's accuracy metric does each batch
        t6 = time.perf_counter()
        if s < args.warmup:
            continue
        marks = [t0, t1, t2, t3, t4, t5, t6]
        for k, p in enumerate(PHASES):
            t[p].append((marks[k + 1] - marks[k]) * 1e3)
        total.append((t6 - t0) * 1e3)
    line = {"tag": "w2_step_profile", "framework": "pytorch", "batch": batch, "steps": args.steps, "warmup": args.warmup}
    for p in PHASES:
        line[p + "_ms_median"] = round(statistics.median(t[p]), 3)
        line[p + "_ms_mean"] = round(statistics.mean(t[p]), 3)
    line["step_ms_median"] = round(statistics.median(total), 3)
    line["step_ms_mean"] = round(statistics.mean(total), 3)
    line["samples_per_s_from_median_step"] = round(batch / statistics.median(total) * 1e3, 1)
    print(json.dumps(line), flush=True)


if __name__ == "__main__":
    sys.exit(main())
