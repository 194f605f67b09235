"""Synthetic files in the exact formats of Keras's datasets, and what Keras's own load_data code gives for them.

Usage: keras_datasets.py OUT_DIR

Writes into OUT_DIR:
  mnist.npz, boston_housing.npz, imdb.npz, reuters.npz, imdb_word_index.json, reuters_word_index.json
  cifar-10-batches-py/{data_batch_1..5,test_batch,batches.meta}  (Python 2 style pickles: str keys and data as
      BINSTRING, as the original CIFAR files, which Keras reads with encoding="bytes")
  cifar-10-python.tar.gz  (that folder, tarred as the original archive)
  cifar-100-python/{train,test,meta}  (Python 3 protocol-2 pickles with bytes keys)
  cifar-100-python.tar.gz
  expected/*.json  what Keras's load_data code (copied below, step for step, from keras/src/datasets/*.py, with
      get_file replaced by the local path) returns, as {"dtype", "shape", "values"} or lists of sequences.
Used by io.jkeras.datasets.DatasetsAgainstKerasTest. Needs NumPy only.
"""
import json
import os
import pickle
import struct
import sys
import tarfile

import numpy as np

out = sys.argv[1]
exp = os.path.join(out, "expected")
os.makedirs(exp, exist_ok=True)
gen = np.random.RandomState(2024)   # the synthetic data only; Keras's shuffles use their own seeds below


def enc(a):
    a = np.asarray(a)
    return {"dtype": a.dtype.str, "shape": list(a.shape), "values": a.ravel().tolist()}


def seqs(xs):
    return [[int(w) for w in x] for x in xs]


def dump(name, obj):
    with open(os.path.join(exp, name + ".json"), "w") as f:
        json.dump(obj, f)


def object_array(items):
    a = np.empty(len(items), dtype=object)   # never a 2-D array, even where lengths agree
    for i, x in enumerate(items):
        a[i] = x
    return a


# ---- Keras's code (keras/src/datasets/*.py, keras/src/utils/python_utils.py), get_file(...) -> path -------------

def remove_long_seq(maxlen, seq, label):
    new_seq, new_label = [], []
    for x, y in zip(seq, label):
        if len(x) < maxlen:
            new_seq.append(x)
            new_label.append(y)
    return new_seq, new_label


def imdb_load_data(path, num_words=None, skip_top=0, maxlen=None, seed=113, start_char=1, oov_char=2, index_from=3):
    with np.load(path, allow_pickle=True) as f:
        x_train, labels_train = f["x_train"], f["y_train"]
        x_test, labels_test = f["x_test"], f["y_test"]
    rng = np.random.RandomState(seed)
    indices = np.arange(len(x_train))
    rng.shuffle(indices)
    x_train = x_train[indices]
    labels_train = labels_train[indices]
    indices = np.arange(len(x_test))
    rng.shuffle(indices)
    x_test = x_test[indices]
    labels_test = labels_test[indices]
    if start_char is not None:
        x_train = [[start_char] + [w + index_from for w in x] for x in x_train]
        x_test = [[start_char] + [w + index_from for w in x] for x in x_test]
    elif index_from:
        x_train = [[w + index_from for w in x] for x in x_train]
        x_test = [[w + index_from for w in x] for x in x_test]
    else:
        x_train = [[w for w in x] for x in x_train]
        x_test = [[w for w in x] for x in x_test]
    if maxlen:
        x_train, labels_train = remove_long_seq(maxlen, x_train, labels_train)
        x_test, labels_test = remove_long_seq(maxlen, x_test, labels_test)
        if not x_train or not x_test:
            raise ValueError("no sequence was kept")
    xs = x_train + x_test
    labels = np.concatenate([labels_train, labels_test])
    if not num_words:
        num_words = max(max(x) for x in xs)
    if oov_char is not None:
        xs = [[w if (skip_top <= w < num_words) else oov_char for w in x] for x in xs]
    else:
        xs = [[w for w in x if skip_top <= w < num_words] for x in xs]
    idx = len(x_train)
    x_train, y_train = xs[:idx], labels[:idx]
    x_test, y_test = xs[idx:], labels[idx:]
    return (x_train, y_train), (x_test, y_test)


def reuters_load_data(path, num_words=None, skip_top=0, maxlen=None, test_split=0.2, seed=113, start_char=1,
                      oov_char=2, index_from=3):
    with np.load(path, allow_pickle=True) as f:
        xs, labels = f["x"], f["y"]
    rng = np.random.RandomState(seed)
    indices = np.arange(len(xs))
    rng.shuffle(indices)
    xs = xs[indices]
    labels = labels[indices]
    if start_char is not None:
        xs = [[start_char] + [w + index_from for w in x] for x in xs]
    elif index_from:
        xs = [[w + index_from for w in x] for x in xs]
    if maxlen:
        xs, labels = remove_long_seq(maxlen, xs, labels)
    if not num_words:
        num_words = max(max(x) for x in xs)
    if oov_char is not None:
        xs = [[w if skip_top <= w < num_words else oov_char for w in x] for x in xs]
    else:
        xs = [[w for w in x if skip_top <= w < num_words] for x in xs]
    idx = int(len(xs) * (1 - test_split))
    x_train, y_train = np.array(xs[:idx], dtype="object"), np.array(labels[:idx])
    x_test, y_test = np.array(xs[idx:], dtype="object"), np.array(labels[idx:])
    return (x_train, y_train), (x_test, y_test)


def boston_load_data(path, test_split=0.2, seed=113):
    assert 0 <= test_split < 1
    with np.load(path, allow_pickle=True) as f:
        x = f["x"]
        y = f["y"]
    rng = np.random.RandomState(seed)
    indices = np.arange(len(x))
    rng.shuffle(indices)
    x = x[indices]
    y = y[indices]
    x_train = np.array(x[: int(len(x) * (1 - test_split))])
    y_train = np.array(y[: int(len(x) * (1 - test_split))])
    x_test = np.array(x[int(len(x) * (1 - test_split)):])
    y_test = np.array(y[int(len(x) * (1 - test_split)):])
    return (x_train, y_train), (x_test, y_test)


def load_batch(fpath, label_key="labels"):
    with open(fpath, "rb") as f:
        d = pickle.load(f, encoding="bytes")
        d_decoded = {}
        for k, v in d.items():
            d_decoded[k.decode("utf8")] = v
        d = d_decoded
    data = d["data"]
    labels = d[label_key]
    data = data.reshape(data.shape[0], 3, 32, 32)
    return data, labels


def cifar10_load_data(path, per_batch):
    # Keras's code with 10000 replaced by the synthetic batch size.
    num_train_samples = 5 * per_batch
    x_train = np.empty((num_train_samples, 3, 32, 32), dtype="uint8")
    y_train = np.empty((num_train_samples,), dtype="uint8")
    for i in range(1, 6):
        fpath = os.path.join(path, "data_batch_" + str(i))
        (x_train[(i - 1) * per_batch: i * per_batch, :, :, :], y_train[(i - 1) * per_batch: i * per_batch]) = load_batch(fpath)
    fpath = os.path.join(path, "test_batch")
    x_test, y_test = load_batch(fpath)
    y_train = np.reshape(y_train, (len(y_train), 1))
    y_test = np.reshape(y_test, (len(y_test), 1))
    x_train = x_train.transpose(0, 2, 3, 1)
    x_test = x_test.transpose(0, 2, 3, 1)
    x_test = x_test.astype(x_train.dtype)
    y_test = y_test.astype(y_train.dtype)
    return (x_train, y_train), (x_test, y_test)


def cifar100_load_data(path, label_mode="fine"):
    fpath = os.path.join(path, "train")
    x_train, y_train = load_batch(fpath, label_key=label_mode + "_labels")
    fpath = os.path.join(path, "test")
    x_test, y_test = load_batch(fpath, label_key=label_mode + "_labels")
    y_train = np.reshape(y_train, (len(y_train), 1))
    y_test = np.reshape(y_test, (len(y_test), 1))
    x_train = x_train.transpose(0, 2, 3, 1)
    x_test = x_test.transpose(0, 2, 3, 1)
    return (x_train, y_train), (x_test, y_test)


# ---- the synthetic files ---------------------------------------------------------------------------------------

def words(n, vocab):
    # Zipf-like ranks as in the real files: small indexes are frequent.
    return [int(min(vocab, 1 + gen.zipf(1.6))) for _ in range(n)]


def dump_tt(name, tt, sequences=False):
    (xa, ya), (xb, yb) = tt
    f = seqs if sequences else enc
    dump(name, {"x_train": f(xa), "y_train": enc(ya), "x_test": f(xb), "y_test": enc(yb)})


# MNIST: uint8 images and labels, compressed as Keras's mnist.npz is.
np.savez_compressed(os.path.join(out, "mnist.npz"),
                    x_train=gen.randint(0, 256, (30, 28, 28)).astype(np.uint8), y_train=gen.randint(0, 10, 30).astype(np.uint8),
                    x_test=gen.randint(0, 256, (10, 28, 28)).astype(np.uint8), y_test=gen.randint(0, 10, 10).astype(np.uint8))
with np.load(os.path.join(out, "mnist.npz"), allow_pickle=True) as f:     # keras mnist.load_data
    dump_tt("mnist", ((f["x_train"], f["y_train"]), (f["x_test"], f["y_test"])))

# Boston Housing: float64 x (N, 13) and y (N,).
np.savez(os.path.join(out, "boston_housing.npz"), x=gen.rand(37, 13) * 100, y=gen.rand(37) * 50)
for name, kw in [("boston_default", {}), ("boston_split", {"test_split": 0.3, "seed": 7}), ("boston_zero", {"test_split": 0.0})]:
    dump(name + "_args", kw)
    dump_tt(name, boston_load_data(os.path.join(out, "boston_housing.npz"), **kw))

# IMDB: object arrays of Python lists, int64 labels.
tr = [words(gen.randint(1, 40), 60) for _ in range(41)]
te = [words(gen.randint(1, 40), 60) for _ in range(23)]
np.savez(os.path.join(out, "imdb.npz"), x_train=object_array(tr), y_train=gen.randint(0, 2, 41).astype(np.int64),
         x_test=object_array(te), y_test=gen.randint(0, 2, 23).astype(np.int64))
imdb_cases = [{}, {"num_words": 20}, {"num_words": 25, "skip_top": 4}, {"maxlen": 20}, {"seed": 7, "maxlen": 30, "num_words": 30},
              {"start_char": None}, {"start_char": None, "index_from": 0}, {"oov_char": None, "num_words": 15, "skip_top": 5},
              {"index_from": 10, "start_char": 5, "oov_char": 3}]
for i, kw in enumerate(imdb_cases):
    dump("imdb_%d_args" % i, kw)
    dump_tt("imdb_%d" % i, imdb_load_data(os.path.join(out, "imdb.npz"), **kw), sequences=True)

# Reuters: an object array of int32 NumPy arrays (the other form np.load gives back), int64 labels.
rx = [np.array(words(gen.randint(1, 30), 80), dtype=np.int32) for _ in range(57)]
np.savez(os.path.join(out, "reuters.npz"), x=object_array(rx), y=gen.randint(0, 46, 57).astype(np.int64))
reuters_cases = [{}, {"num_words": 30, "test_split": 0.25}, {"maxlen": 12, "seed": 99}, {"test_split": 0.0},
                 {"skip_top": 3, "oov_char": None, "start_char": None}]
for i, kw in enumerate(reuters_cases):
    dump("reuters_%d_args" % i, kw)
    dump_tt("reuters_%d" % i, reuters_load_data(os.path.join(out, "reuters.npz"), **kw), sequences=True)

for name, n in [("imdb_word_index.json", 60), ("reuters_word_index.json", 80)]:
    with open(os.path.join(out, name), "w") as f:
        json.dump({"w%d" % (i + 1): i + 1 for i in range(n)}, f)


# CIFAR-10: Python 2 pickles. Python 2's str is a byte string, pickled as SHORT_BINSTRING/BINSTRING; Python 3's
# pickle writes bytes otherwise, so this pickler writes them as Python 2 did.
class Py2Pickler(pickle._Pickler):
    dispatch = pickle._Pickler.dispatch.copy()

    def save_py2_str(self, obj):
        n = len(obj)
        if n < 256:
            self.write(pickle.SHORT_BINSTRING + bytes([n]) + obj)
        else:
            self.write(pickle.BINSTRING + struct.pack("<i", n) + obj)
        self.memoize(obj)

    dispatch[bytes] = save_py2_str


PER_BATCH = 4
c10 = os.path.join(out, "cifar-10-batches-py")
os.makedirs(c10, exist_ok=True)
names = ["data_batch_%d" % i for i in range(1, 6)] + ["test_batch"]
for name in names:
    n = PER_BATCH if name != "test_batch" else 3
    d = {b"batch_label": ("synthetic " + name).encode(), b"labels": [int(v) for v in gen.randint(0, 10, n)],
         b"data": gen.randint(0, 256, (n, 3072)).astype(np.uint8),
         b"filenames": [("img_%d.png" % i).encode() for i in range(n)]}
    with open(os.path.join(c10, name), "wb") as f:
        Py2Pickler(f, protocol=2).dump(d)
with open(os.path.join(c10, "batches.meta"), "wb") as f:
    Py2Pickler(f, protocol=2).dump({b"label_names": [b"airplane"], b"num_cases_per_batch": PER_BATCH})
dump_tt("cifar10", cifar10_load_data(c10, PER_BATCH))
with tarfile.open(os.path.join(out, "cifar-10-python.tar.gz"), "w:gz") as t:
    t.add(c10, arcname="cifar-10-batches-py")

# CIFAR-100: Python 3 pickles, protocol 2, bytes keys (written by _codecs.encode).
c100 = os.path.join(out, "cifar-100-python")
os.makedirs(c100, exist_ok=True)
for name, n in [("train", 9), ("test", 5)]:
    fine = gen.randint(0, 100, n)
    d = {b"filenames": [b"x.png"] * n, b"batch_label": b"synthetic", b"fine_labels": [int(v) for v in fine],
         b"coarse_labels": [int(v) // 5 for v in fine], b"data": gen.randint(0, 256, (n, 3072)).astype(np.uint8)}
    with open(os.path.join(c100, name), "wb") as f:
        pickle.dump(d, f, protocol=2)
with open(os.path.join(c100, "meta"), "wb") as f:
    pickle.dump({b"fine_label_names": [b"apple"], b"coarse_label_names": [b"fish"]}, f, protocol=2)
for mode in ["fine", "coarse"]:
    dump_tt("cifar100_" + mode, cifar100_load_data(c100, mode))
with tarfile.open(os.path.join(out, "cifar-100-python.tar.gz"), "w:gz") as t:
    t.add(c100, arcname="cifar-100-python")
print("ok")
