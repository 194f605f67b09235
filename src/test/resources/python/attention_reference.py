"""Independent float64 numpy reference of Keras's attention layers, for jkeras's tests.

Reads one JSON object on stdin: {"kind": "attention" | "additive" | "mha", "arrays": {name: {"shape", "data"}},
"options": {...}}; writes {name: {"shape", "data"}} on stdout. Written from Keras 3's formulas
(keras/src/layers/attention/*.py): MultiHeadAttention goes through Keras's own einsum equations, not through the
permute-and-matmul route jkeras takes.
"""
import json
import string
import sys

import numpy as np


def arr(a):
    return np.array(a["data"], dtype=np.float64).reshape(a["shape"])


def out(x):
    x = np.asarray(x, dtype=np.float64)
    return {"shape": list(x.shape), "data": x.reshape(-1).tolist()}


def softmax(x, axes):
    m = x.max(axis=axes, keepdims=True)
    e = np.exp(x - m)
    return e / e.sum(axis=axes, keepdims=True)


def causal(tq, tv):
    ones = np.ones((1, tq, tv), dtype=np.int64)
    return np.cumsum(ones, axis=-2) >= np.cumsum(ones, axis=-1)


def attention(a, o, kind):
    q, v = a["query"], a["value"]
    k = a.get("key", v)
    flat = q.ndim == 2
    if flat:  # tf.keras 2: matmul of (B, d) and (d, B)
        q, v, k = q[None], v[None], k[None]
    if kind == "additive":
        t = np.tanh(q[:, :, None, :] + k[:, None, :, :])
        scores = (t * a["scale"]).sum(-1) if "scale" in a else t.sum(-1)
    elif o.get("score_mode", "dot") == "dot":
        scores = q @ np.swapaxes(k, 1, 2)
        if "scale" in a:
            scores = scores * a["scale"]
    else:
        u = q[:, :, None, :] + k[:, None, :, :]
        if "scale" in a:
            u = a["scale"] * u
        scores = a["concat_score_weight"] * np.tanh(u).sum(-1)
    mask = None
    if "value_mask" in a:
        mask = a["value_mask"].reshape(q.shape[0], -1)[:, None, :] > 0
    if o.get("use_causal_mask"):
        c = causal(scores.shape[-2], scores.shape[-1])
        mask = c if mask is None else (mask & c)
    if mask is not None:
        scores = scores - 1e9 * (~mask)
    w = softmax(scores, -1)
    res = w @ v
    if "query_mask" in a:
        res = res * a["query_mask"].reshape(q.shape[0], -1)[:, :, None]
    if flat:
        res, w = res[0], w[0]
    return {"output": res, "scores": w}


def attention_equation(rank, axes):
    letters = string.ascii_lowercase
    target = letters[:rank]
    batch = [i for i in range(rank) if i not in axes and i != rank - 1]
    source, off = "", rank
    for i in range(rank):
        if i in batch or i == rank - 1:
            source += target[i]
        else:
            source += letters[off]
            off += 1
    product = "".join([target[i] for i in batch] + [target[i] for i in axes] + [source[i] for i in axes])
    return f"{source},{target}->{product}", f"{product},{source}->{target}", len(product)


def mha(a, o):
    q, v = a["query"], a["value"]
    k = a.get("key", v)
    n, kd = o["num_heads"], o["key_dim"]

    def proj(x, name):
        y = np.tensordot(x, a[name + "_kernel"], axes=([-1], [0]))
        return y + a[name + "_bias"] if name + "_bias" in a else y

    Q, K, V = proj(q, "query"), proj(k, "key"), proj(v, "value")
    rank = Q.ndim
    axes = o.get("attention_axes")
    axes = tuple(range(1, rank - 2)) if axes is None else tuple(x if x >= 0 else rank - 1 + x for x in axes)
    dot_eq, comb_eq, srank = attention_equation(rank, axes)
    scores = np.einsum(dot_eq, K, Q / np.sqrt(kd))
    mask = None
    if "query_mask" in a:
        mask = a["query_mask"][:, :, None] > 0
    for name in ("value_mask", "key_mask"):
        if name in a:
            m = a[name][:, None, :] > 0
            mask = m if mask is None else (mask & m)
    if o.get("use_causal_mask"):
        c = causal(q.shape[1], v.shape[1])
        mask = c if mask is None else (mask & c)
    if "attention_mask" in a:
        am = a["attention_mask"] > 0
        mask = am if mask is None else (am & mask)
    norm = tuple(range(srank - len(axes), srank))
    if mask is not None:
        while mask.ndim < scores.ndim:
            mask = np.expand_dims(mask, -len(axes) * 2 - 1)
        scores = scores + (1.0 - mask.astype(np.float64)) * -1e9
    w = softmax(scores, norm)
    if mask is not None:  # Keras 3's Softmax layer zeroes masked positions (a fully masked row weighs nothing)
        w = np.where(np.broadcast_to(mask, w.shape), w, 0.0)
    ctx = np.einsum(comb_eq, w, V)
    ok = a["attention_output_kernel"]
    y = np.tensordot(ctx, ok, axes=([-2, -1], [0, 1]))
    if "attention_output_bias" in a:
        y = y + a["attention_output_bias"]
    return {"output": y, "scores": w}


def main():
    spec = json.load(sys.stdin)
    a = {k: arr(v) for k, v in spec["arrays"].items()}
    o = spec.get("options", {})
    kind = spec["kind"]
    if kind == "mha":
        res = mha(a, o)
    elif kind == "keras_attention_h5":
        res = keras_attention_h5(a, o)
    else:
        res = attention(a, o, kind)
    json.dump({k: out(v) for k, v in res.items()}, sys.stdout)


def keras_attention_h5(a, o):
    """The forward pass of tf.keras 2.11's keras-attention.h5, from the file's weights read with h5py, in float64:
    Dense(relu) -> Attention([d, d]) on rank-2 tensors (tf.matmul of (B, d) and (d, B): the samples of the batch
    attend to each other) -> Concatenate([d, att]) -> Dense(relu) -> Dense(relu)."""
    import h5py

    with h5py.File(o["path"], "r") as f:
        w = f["model_weights"]

        def dense(name, x):
            k = np.array(w[name][name]["kernel:0"], dtype=np.float64)
            b = np.array(w[name][name]["bias:0"], dtype=np.float64)
            return np.maximum(x @ k + b, 0.0)

        d = dense("dense", a["x"])
        att = attention({"query": d, "value": d}, {}, "attention")["output"]
        h = dense("dense_1", np.concatenate([d, att], axis=-1))
        return {"output": dense("outputs", h), "attention": att}


if __name__ == "__main__":
    main()
