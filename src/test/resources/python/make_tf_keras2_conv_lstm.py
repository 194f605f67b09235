"""Writes DIR/tf_keras2_conv_lstm.h5: a legacy Keras HDF5 model file laid out as tf.keras 2.x writes one (root
attributes keras_version / backend / model_config, model_weights/<layer>/<layer>/<weight>:0 with weight_names),
holding Sequential([ConvLSTM2D]) with tf.keras 2's config keys and defaults (recurrent_activation
"hard_sigmoid", no seed key), and random float32 weights; then the numpy reference's output for DIR/x.npy
(conv_lstm_reference.py, with Keras 2's hard sigmoid). Written by hand from tf.keras 2.x's saving code, as no
TensorFlow is installed here: it checks that jkeras reads that layout and config, not a file TensorFlow wrote.
Usage: make_tf_keras2_conv_lstm.py DIR  (/usr/bin/python3 with numpy and h5py)."""
import json
import os
import sys

import h5py
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import conv_lstm_reference  # noqa: E402

d = sys.argv[1]
rng = np.random.default_rng(5)
name = "conv_lst_m2d"  # tf.keras 2's generic_utils.to_snake_case("ConvLSTM2D")
layer_config = {
    "name": name, "trainable": True, "batch_input_shape": [None, 3, 6, 5, 2], "dtype": "float32",
    "return_sequences": True, "return_state": False, "go_backwards": False, "stateful": False, "unroll": False,
    "time_major": False, "filters": 3, "kernel_size": [3, 2], "strides": [1, 1], "padding": "same",
    "data_format": "channels_last", "dilation_rate": [1, 1], "activation": "tanh",
    "recurrent_activation": "hard_sigmoid", "use_bias": True,
    "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": None}},
    "recurrent_initializer": {"class_name": "Orthogonal", "config": {"gain": 1.0, "seed": None}},
    "bias_initializer": {"class_name": "Zeros", "config": {}}, "unit_forget_bias": True,
    "kernel_regularizer": None, "recurrent_regularizer": None, "bias_regularizer": None,
    "activity_regularizer": None, "kernel_constraint": None, "recurrent_constraint": None, "bias_constraint": None,
    "dropout": 0.0, "recurrent_dropout": 0.0}
model_config = {"class_name": "Sequential", "config": {"name": "sequential", "layers": [
    {"class_name": "InputLayer", "config": {"batch_input_shape": [None, 3, 6, 5, 2], "dtype": "float32",
                                            "sparse": False, "ragged": False, "name": "conv_lst_m2d_input"}},
    {"class_name": "ConvLSTM2D", "config": layer_config}]}}
weights = {
    "kernel:0": rng.uniform(-0.5, 0.5, (3, 2, 2, 12)).astype(np.float32),
    "recurrent_kernel:0": rng.uniform(-0.5, 0.5, (3, 2, 3, 12)).astype(np.float32),
    "bias:0": rng.uniform(-0.5, 0.5, (12,)).astype(np.float32)}
with h5py.File(os.path.join(d, "tf_keras2_conv_lstm.h5"), "w") as f:
    f.attrs["keras_version"] = "2.11.0"
    f.attrs["backend"] = "tensorflow"
    f.attrs["model_config"] = json.dumps(model_config)
    mw = f.create_group("model_weights")
    mw.attrs["layer_names"] = np.array([name.encode()])
    mw.attrs["backend"] = b"tensorflow"
    mw.attrs["keras_version"] = b"2.11.0"
    g = mw.create_group(name)
    g.attrs["weight_names"] = np.array([(name + "/" + k).encode() for k in weights])
    for k, v in weights.items():
        g.create_dataset(name + "/" + k, data=v)
for k, v in weights.items():
    np.save(os.path.join(d, k.split(":")[0] + ".npy"), v.astype(np.float64))
json.dump({"strides": [1, 1], "dilation_rate": [1, 1], "padding": "same", "activation": "tanh",
           "recurrent_activation": "hard_sigmoid", "use_bias": True, "go_backwards": False, "channels_first": False,
           "mask": False, "initial_state": False}, open(os.path.join(d, "spec.json"), "w"))
conv_lstm_reference.main(d)
