#!/usr/bin/env python3
"""Writes tiny-cnn.h5, a Keras 2 `model.save()` file, without Keras: the model config JSON and the weights layout
are written by hand with h5py, the expected outputs are computed with a plain numpy forward pass.

Model (channels_last, as Keras stores it): input 6x6x2 -> Conv2D 3 filters 3x3 valid relu -> MaxPooling2D 2x2
-> Flatten (2*2*3 = 12, in height, width, channel order) -> Dense 4 relu -> Dense 3 softmax.

Run from this directory: /usr/bin/python3 make_fixture.py  (needs Debian's python3-h5py and python3-numpy).
Outputs: tiny-cnn.h5 and tiny-cnn-expected.json (inputs as [n, channels, height, width], Neurite's layout, and the
softmax outputs).
"""
import json
import os
import tempfile

import h5py
import numpy as np

rng = np.random.default_rng(20240601)
kernel = rng.normal(0, 0.5, (3, 3, 2, 3)).astype(np.float32)   # Keras Conv2D kernel: (kh, kw, in, out)
conv_bias = rng.normal(0, 0.1, (3,)).astype(np.float32)
dense1 = rng.normal(0, 0.5, (12, 4)).astype(np.float32)        # Keras Dense kernel: (in, out)
dense1_bias = rng.normal(0, 0.1, (4,)).astype(np.float32)
dense2 = rng.normal(0, 0.5, (4, 3)).astype(np.float32)
dense2_bias = rng.normal(0, 0.1, (3,)).astype(np.float32)
inputs = rng.uniform(0, 1, (2, 6, 6, 2)).astype(np.float32)     # NHWC


def forward(x):
    n = x.shape[0]
    conv = np.zeros((n, 4, 4, 3), dtype=np.float64)
    for i in range(4):
        for j in range(4):
            patch = x[:, i:i + 3, j:j + 3, :]                       # (n, 3, 3, 2)
            conv[:, i, j, :] = np.tensordot(patch, kernel, axes=([1, 2, 3], [0, 1, 2])) + conv_bias
    conv = np.maximum(conv, 0)
    pooled = conv.reshape(n, 2, 2, 2, 2, 3).max(axis=(2, 4))       # (n, 2, 2, 3)
    flat = pooled.reshape(n, 12)                                    # height, width, channel order
    h = np.maximum(flat @ dense1 + dense1_bias, 0)
    z = h @ dense2 + dense2_bias
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def glorot():
    return {"class_name": "GlorotUniform", "config": {"seed": None}}


def zeros():
    return {"class_name": "Zeros", "config": {}}


def layer(class_name, **config):
    base = {"trainable": True, "dtype": "float32"}
    base.update(config)
    return {"class_name": class_name, "config": base}


weighted = {"kernel_initializer": glorot(), "bias_initializer": zeros(), "kernel_regularizer": None,
            "bias_regularizer": None, "activity_regularizer": None, "kernel_constraint": None, "bias_constraint": None}
model_config = {"class_name": "Sequential", "config": {"name": "tiny_cnn", "layers": [
    layer("Conv2D", name="conv2d", batch_input_shape=[None, 6, 6, 2], filters=3, kernel_size=[3, 3],
          strides=[1, 1], padding="valid", data_format="channels_last", dilation_rate=[1, 1], activation="relu",
          use_bias=True, **weighted),
    layer("MaxPooling2D", name="max_pooling2d", pool_size=[2, 2], padding="valid", strides=[2, 2],
          data_format="channels_last"),
    layer("Flatten", name="flatten", data_format="channels_last"),
    layer("Dense", name="dense", units=4, activation="relu", use_bias=True, **weighted),
    layer("Dense", name="dense_1", units=3, activation="softmax", use_bias=True, **weighted),
]}}
weights = {"conv2d": [("kernel:0", kernel), ("bias:0", conv_bias)], "max_pooling2d": [], "flatten": [],
           "dense": [("kernel:0", dense1), ("bias:0", dense1_bias)],
           "dense_1": [("kernel:0", dense2), ("bias:0", dense2_bias)]}


def write_atomically(path, write):
    fd, tmp = tempfile.mkstemp(dir=".", suffix=".tmp")
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def write_h5(path):
    with h5py.File(path, "w") as f:
        f.attrs["keras_version"] = "2.2.4"
        f.attrs["backend"] = "tensorflow"
        f.attrs["model_config"] = json.dumps(model_config)
        g = f.create_group("model_weights")
        g.attrs["keras_version"] = "2.2.4"
        g.attrs["backend"] = "tensorflow"
        g.attrs["layer_names"] = np.array([n.encode() for n in weights], dtype="S")
        for name, ws in weights.items():
            lg = g.create_group(name)
            lg.attrs["weight_names"] = np.array([f"{name}/{w}".encode() for w, _ in ws], dtype="S")
            for w, value in ws:
                lg.create_dataset(f"{name}/{w}", data=value)


def write_expected(path):
    with open(path, "w") as out:
        json.dump({"inputs_nchw": inputs.transpose(0, 3, 1, 2).tolist(), "probabilities": forward(inputs).tolist()},
                  out, indent=1)


write_atomically("tiny-cnn.h5", write_h5)
write_atomically("tiny-cnn-expected.json", write_expected)
