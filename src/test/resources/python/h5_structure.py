"""Lists an HDF5 file's structure, one line per item, sorted, for comparing a jkeras file with a Keras one.

G <path>                          a group
D <path> <shape> <dtype>          a dataset
A <path> <name> <kind> <shape>    an attribute: kind is vlen-str, fixed-str(<size>) or the numpy dtype

Values are left out on purpose: two files of the same architecture differ in weights and configs.
Usage: python3 h5_structure.py FILE            the structure
       python3 h5_structure.py FILE DATASET    the dataset's values, flattened in C order, one per line (repr)
"""
import sys

import h5py


def attr_kind(obj, name):
    attr = obj.attrs.get_id(name)
    t = attr.get_type()
    if t.get_class() == h5py.h5t.STRING:
        return "vlen-str" if t.is_variable_str() else "fixed-str(%d)" % t.get_size()
    return str(attr.dtype)


def describe(path, obj, out):
    if isinstance(obj, h5py.Dataset):
        out.append("D %s %s %s" % (path, list(obj.shape), obj.dtype))
    else:
        out.append("G %s" % path)
    for name in obj.attrs:
        shape = list(obj.attrs.get_id(name).shape)
        out.append("A %s %s %s %s" % (path, name, attr_kind(obj, name), shape))


def main():
    if len(sys.argv) > 2:
        with h5py.File(sys.argv[1], "r") as f:
            for v in f[sys.argv[2]][()].reshape(-1):
                print(repr(float(v)))
        return
    lines = []
    with h5py.File(sys.argv[1], "r") as f:
        describe("/", f, lines)
        f.visititems(lambda name, obj: describe("/" + name, obj, lines))
    for line in sorted(lines):
        print(line)


if __name__ == "__main__":
    main()
