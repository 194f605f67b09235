#!/usr/bin/env python3
"""Where the main thread of a jkeras benchmark spent its time, from a Java Flight Recorder file
(bench/run.sh --jfr writes target/bench/<time>-w2-<rep>.jfr).

JFR samples a thread either running Java code (jdk.ExecutionSample) or inside a native method
(jdk.NativeMethodSample: for jkeras, ND4J's native ops). This prints, for the main thread, how many
samples fell on each side; the native method each native sample was in; and the training-step phase each
sample belongs to, found as the first jkeras frame of a known phase on its stack.

Usage: python3 bench/jfr_summary.py target/bench/<time>-w2-1.jfr
"""
import collections
import json
import subprocess
import sys

# Stack frames that name a phase of io.jkeras.training.Step.train (or what fit does around it).
PHASES = [
    ("io.jkeras.graph.Executor.record", "forward"),
    ("io.jkeras.losses.SparseCategoricalCrossentropy.computeFromSoftmaxLogits", "loss"),
    ("io.jkeras.graph.Tape.backward", "backward"),
    ("io.jkeras.optimizers.Optimizer.apply", "optimizer"),
    ("io.jkeras.training.EpochLogs", "metrics / logs"),
    ("io.jkeras.data.ArrayBatches", "batch gather (shuffle)"),
    ("io.jkeras.training.Trainer.evaluate", "evaluate"),
    ("io.jkeras.datasets", "loading Fashion-MNIST"),
    ("io.jkeras.bench.W2Data", "preparing the data"),
]


def samples(path, event):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", event, path],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    result = []
    for e in events:
        if e["values"].get("sampledThread", {}).get("javaName") != "main":
            continue
        frames = e["values"]["stackTrace"]["frames"]
        result.append([(f["method"]["type"]["name"] + "." + f["method"]["name"]).replace("/", ".") for f in frames])
    return result


def phase(stack):
    for frame in stack:
        for prefix, name in PHASES:
            if frame.startswith(prefix):
                return name
    return "other (start-up, JIT, class loading)"


def main(path):
    native = samples(path, "jdk.NativeMethodSample")
    java = samples(path, "jdk.ExecutionSample")
    total = len(native) + len(java)
    print("%s: %d main-thread samples: %d in native code, %d running Java" % (path, total, len(native), len(java)))
    print("\nnative method of the native samples:")
    for name, n in collections.Counter(s[0].rsplit(".", 2)[-2] + "." + s[0].rsplit(".", 1)[-1]
                                       for s in native).most_common(10):
        print("  %4d  %5.1f%%  %s" % (n, 100.0 * n / max(len(native), 1), name))
    print("\nphase (native + Java samples):")
    both = collections.Counter(phase(s) for s in native)
    javas = collections.Counter(phase(s) for s in java)
    for name, n in (both + javas).most_common():
        print("  %4d  %5.1f%%  %-38s (of which Java: %d)" % (n, 100.0 * n / max(total, 1), name, javas.get(name, 0)))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
