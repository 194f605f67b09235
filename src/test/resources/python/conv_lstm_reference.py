"""An independent float64 reference for ConvLSTM1D/2D/3D (Keras 3's ConvLSTMCell on the TensorFlow backend's
rnn loop), written for ConvLSTMTest from Keras's formulas: plain numpy, convolutions as sums over the kernel
offsets with TensorFlow's SAME padding (the extra pad at the end). Usage: conv_lstm_reference.py DIR, where DIR
holds spec.json and the .npy inputs; writes out_*.npy there. Run with /usr/bin/python3 (numpy)."""
import json
import os
import sys

import numpy as np


def conv(x, w, strides, dilation, same):
    # x (N, *S, C), w (*K, C, O) -> (N, *S', O)
    rank = w.ndim - 2
    k = w.shape[:rank]
    pads = []
    out = []
    for i in range(rank):
        eff = (k[i] - 1) * dilation[i] + 1
        n = x.shape[1 + i]
        if same:
            o = -(-n // strides[i])
            total = max((o - 1) * strides[i] + eff - n, 0)
            pads.append((total // 2, total - total // 2))
        else:
            o = (n - eff) // strides[i] + 1
            pads.append((0, 0))
        out.append(o)
    xp = np.pad(x, [(0, 0)] + pads + [(0, 0)])
    y = np.zeros((x.shape[0],) + tuple(out) + (w.shape[-1],))
    for off in np.ndindex(*k):
        sl = [slice(None)]
        for i in range(rank):
            start = off[i] * dilation[i]
            sl.append(slice(start, start + (out[i] - 1) * strides[i] + 1, strides[i]))
        patch = xp[tuple(sl)]
        y += np.tensordot(patch, w[off], axes=([-1], [0]))
    return y


def act(name, v):
    if name == "tanh":
        return np.tanh(v)
    if name == "sigmoid":
        return 1 / (1 + np.exp(-v))
    if name == "hard_sigmoid":  # Keras 1/2 (and tf.keras 2): clip(0.2 x + 0.5, 0, 1)
        return np.clip(0.2 * v + 0.5, 0, 1)
    if name == "relu":
        return np.maximum(v, 0)
    if name == "linear":
        return v
    raise ValueError(name)


def main(d):
    spec = json.load(open(os.path.join(d, "spec.json")))
    x = np.load(os.path.join(d, "x.npy")).astype(np.float64)
    w = np.load(os.path.join(d, "kernel.npy")).astype(np.float64)
    u = np.load(os.path.join(d, "recurrent_kernel.npy")).astype(np.float64)
    b = np.load(os.path.join(d, "bias.npy")).astype(np.float64) if spec["use_bias"] else None
    mask = np.load(os.path.join(d, "mask.npy")).astype(np.float64) if spec["mask"] else None
    rank = w.ndim - 2
    f = u.shape[-2]
    strides, dil, same = spec["strides"], spec["dilation_rate"], spec["padding"] == "same"
    if spec["channels_first"]:
        x = np.moveaxis(x, 2, -1)
    steps = x.shape[1]
    if mask is None:
        mask = np.ones((x.shape[0], steps))
    if spec["go_backwards"]:
        x = x[:, ::-1]
        mask = mask[:, ::-1]
    probe = conv(x[:, 0], w, strides, dil, same)
    if spec["initial_state"]:
        h = np.load(os.path.join(d, "h0.npy")).astype(np.float64)
        c = np.load(os.path.join(d, "c0.npy")).astype(np.float64)
        if spec["channels_first"]:
            h, c = np.moveaxis(h, 1, -1), np.moveaxis(c, 1, -1)
    else:
        h = np.zeros(probe.shape[:-1] + (f,))
        c = np.zeros_like(h)
    out = np.zeros_like(h)
    outs = []
    ones = [1] * rank
    for t in range(steps):
        z = conv(x[:, t], w, strides, dil, same) + conv(h, u, ones, ones, True)
        if b is not None:
            z = z + b
        zi, zf, zc, zo = np.split(z, 4, axis=-1)
        i = act(spec["recurrent_activation"], zi)
        fg = act(spec["recurrent_activation"], zf)
        cn = fg * c + i * act(spec["activation"], zc)
        hn = act(spec["recurrent_activation"], zo) * act(spec["activation"], cn)
        m = mask[:, t].reshape((-1,) + (1,) * (h.ndim - 1))
        h = m * hn + (1 - m) * h
        c = m * cn + (1 - m) * c
        out = m * hn + (1 - m) * out  # a masked step repeats the previous output (zeros before the first)
        outs.append(out)
    seq = np.stack(outs, axis=1)
    if spec["channels_first"]:
        seq, h, c = np.moveaxis(seq, -1, 2), np.moveaxis(h, -1, 1), np.moveaxis(c, -1, 1)
    np.save(os.path.join(d, "out_seq.npy"), seq)
    np.save(os.path.join(d, "out_h.npy"), h)
    np.save(os.path.join(d, "out_c.npy"), c)


if __name__ == "__main__":
    main(sys.argv[1])
