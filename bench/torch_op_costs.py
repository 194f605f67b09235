#!/usr/bin/env python3
"""PyTorch's twins of the single calls io.jkeras.bench.OpCosts times: the calls of a W2 step at W2's shapes
(batch 100, Dense 784-256-256-10), each alone, median microseconds per call, with the same JSON keys.

The products are torch.mm into a kept output (what F.linear's addmm does, without the bias), the bias add
an in-place broadcast add, the bias gradient a sum over the batch, relu and its gradient torch.relu and
threshold_backward, and each Adam step one torch.optim.Adam step on one variable with a fresh gradient
(built as the reference script builds it: with foreach off it took 5 times longer), less the gradient copy.
Usage: OMP_NUM_THREADS=2 /usr/bin/python3 bench/torch_op_costs.py
"""
import json
import statistics
import time

import torch

DENSE = [(784, 256), (256, 256), (256, 10)]
BATCH = 100


def timed(fn, warm=200, rounds=30, calls=50):
    for _ in range(warm):
        fn()
    t = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        for _ in range(calls):
            fn()
        t.append((time.perf_counter() - t0) / calls * 1e6)
    return round(statistics.median(t), 1)


def adam(shape):
    w = torch.nn.Parameter((torch.rand(shape) - 0.5) * 0.1)
    source = (torch.rand(shape) - 0.5) * 0.01
    w.grad = source.clone()
    opt = torch.optim.Adam([w], lr=1e-3, betas=(0.9, 0.999), eps=1e-7)  # as the reference script builds it
    copy = timed(lambda: w.grad.copy_(source))

    def step():
        w.grad.copy_(source)
        opt.step()
    return round(max(0.0, timed(step) - copy), 1)


def main():
    torch.set_num_threads(2)
    torch.manual_seed(42)
    kv = {"tag": "w2_op_costs", "framework": "pytorch", "torch": torch.__version__}
    total = 0.0
    with torch.no_grad():
        for i, o in DENSE:
            s = "%dx%d" % (i, o)
            x, w, b = torch.rand(BATCH, i), (torch.rand(i, o) - 0.5) * 0.1, torch.rand(o)
            z, dz = torch.empty(BATCH, o), torch.rand(BATCH, o) - 0.5
            dw, dx = torch.empty(i, o), torch.empty(BATCH, i)
            kv["gemm_fwd_%s_us" % s] = timed(lambda: torch.mm(x, w, out=z))
            kv["gemm_dW_%s_us" % s] = timed(lambda: torch.mm(x.t(), dz, out=dw))
            kv["gemm_dx_%s_us" % s] = timed(lambda: torch.mm(dz, w.t(), out=dx))
            kv["bias_add_%s_us" % s] = timed(lambda: z.add_(b))
            kv["bias_grad_%s_us" % s] = timed(lambda: dz.sum(0))
            if (i, o) == (256, 256):
                y = torch.relu(z)
                kv["relu_100x256_us"] = timed(lambda: torch.relu(z))
                kv["relu_bp_100x256_us"] = timed(lambda: torch.ops.aten.threshold_backward(dz, y, 0))
    for i, o in DENSE:
        s = "%dx%d" % (i, o)
        kv["adam_%s_kernel_us" % s] = adam((i, o))
        kv["adam_%s_bias_us" % s] = adam((o,))
        total += kv["adam_%s_kernel_us" % s] + kv["adam_%s_bias_us" % s]
    kv["adam_all_variables_us"] = round(total, 1)
    tiny = torch.zeros(10)
    kv["add_scalar_10_us"] = timed(lambda: tiny.add_(1.0))
    print(json.dumps(kv))


if __name__ == "__main__":
    main()
