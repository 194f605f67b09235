"""Writes a weights-only .h5 in the layout of Keras 2's save_weights_to_hdf5_group (keras/engine/saving.py,
the layout of Keras's published applications weights such as vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5):
root attributes layer_names (every layer, fixed-length bytes), backend, keras_version; one group per layer,
created in sorted name order as Keras does, with attribute weight_names ("block1_conv1/kernel:0", an empty float
array for weight-less layers, as np.asarray([]) gives) and one dataset per name.

Values are deterministic: weight j of the k-th layer with weights holds (flat index % 1009) * 1e-4 + 10 k + j, in
C order, float32.

Usage: keras_weights_file.py OUT.h5 SPEC, where SPEC is a JSON list of [layer_name, [[weight_name, shape], ...]].
"""
import json
import sys

import h5py
import numpy as np


def main(out, spec):
    layers = json.loads(spec)
    with h5py.File(out, 'w') as f:
        f.attrs['layer_names'] = np.array([name.encode('utf8') for name, _ in layers])
        f.attrs['backend'] = b'tensorflow'
        f.attrs['keras_version'] = b'2.3.1'
        k = 0
        values = {}
        for name, weights in layers:
            if weights:
                k += 1
            for j, (wname, shape) in enumerate(weights):
                n = int(np.prod(shape))
                values[wname] = ((np.arange(n) % 1009) * 1e-4 + 10 * k + j).astype('float32').reshape(shape)
        for name, weights in sorted(layers, key=lambda l: l[0]):
            g = f.create_group(name)
            names = [w.encode('utf8') for w, _ in weights]
            g.attrs['weight_names'] = np.array(names) if names else np.asarray([])
            for (wname, _), bname in zip(weights, names):
                d = g.create_dataset(bname, values[wname].shape, dtype='float32')
                d[...] = values[wname]


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
