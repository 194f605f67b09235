"""Writes the HDF5 layout samples in src/test/resources/h5-layouts/ (run once; the files are committed).

Usage: /usr/bin/python3 make_h5_layouts.py <output dir>   (h5py 3.7 / HDF5 1.10.8, Debian bookworm)

Each file holds the same content in one of HDF5's format generations, with the features a Keras file may
use and a damaged-file check must not mistake for damage: a user block (layouts_v0.h5 only), soft and hard
links, a compact, a contiguous and a gzip-chunked dataset, a group of 300 members (a B-tree of several
nodes), 20 attributes, fixed- and variable-length string attributes.
"""
import sys
import h5py
import numpy as np

out = sys.argv[1]
rng = np.random.default_rng(0)


def fill(f):
    g = f.create_group("model_weights")
    g.attrs["layer_names"] = np.array([b"dense", b"dense_1"])
    g.attrs["note"] = "variable-length string"
    for n in ["dense", "dense_1"]:
        lg = g.create_group(n)
        lg.attrs["weight_names"] = np.array([(n + "/kernel:0").encode(), (n + "/bias:0").encode()])
        lg.create_dataset(n + "/kernel:0", data=np.arange(12, dtype=np.float32).reshape(4, 3))
        lg.create_dataset(n + "/bias:0", data=np.arange(3, dtype=np.float32))
    f.create_dataset("chunked", data=np.arange(2400, dtype=np.float32).reshape(60, 40), chunks=(16, 16), compression="gzip")
    space = h5py.h5s.create_simple((10,))
    dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
    dcpl.set_layout(h5py.h5d.COMPACT)
    h5py.h5d.create(f.id, b"compact", h5py.h5t.NATIVE_INT32, space, dcpl).write(h5py.h5s.ALL, h5py.h5s.ALL,
                                                                                 np.arange(10, dtype=np.int32))
    many = f.create_group("many")
    for i in range(300):
        many.create_dataset("d%03d" % i, data=np.array([i], dtype=np.int64))
    for i in range(20):
        f.attrs["a%02d" % i] = np.arange(8) + i
    f["soft"] = h5py.SoftLink("/model_weights/dense")
    f["hard"] = f["model_weights"]


with h5py.File(out + "/layouts_v0.h5", "w", userblock_size=512) as f:
    fill(f)
with h5py.File(out + "/layouts_latest.h5", "w", libver="latest") as f:
    fill(f)
