"""PyTorch twin of Neurite's benchmark models, driven line by line by io.neurite.recipes.bench.TorchTwin.

Each request on stdin is one JSON object; each answer on stdout is one JSON line.
  {"cmd": "build", "id": ..., "inputs": {name: [dims of one example]}, "nodes": [...], "outputs": [...],
   "batch": n, "classes": k, "lr": lr}            -> {"params": count}
     nodes in topological order: {"name", "op", "in": [names], "out": [dims of one example], op fields...};
     the model is rebuilt from them (NCHW images, batch-first sequences) and its output shapes are checked.
  {"cmd": "time", "id": ..., "mode": "train" | "infer", "seconds": s, "min_steps": m}
     -> {"ms": mean wall-clock ms per step, "cpu_ms": CPU ms per step of this process (all its threads),
         "thread_cpu_ms": CPU ms per step of the thread that ran the steps}
     train: zero_grad, forward, cross-entropy on logits (the softmax is folded into the loss), backward, Adam step.
     infer: forward in eval mode under no_grad.
  {"cmd": "threads", "threads": n} -> {"threads": n}: torch.set_num_threads(n) from now on.
Threads: --threads N at start (torch.set_num_threads and set_num_interop_threads).
"""
import json
import math
import os
import re
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def activation(name):
    if name in ("linear", "softmax"):      # softmax outputs: CrossEntropyLoss takes the logits
        return nn.Identity()
    table = {"relu": nn.ReLU(), "sigmoid": nn.Sigmoid(), "tanh": nn.Tanh(), "silu": nn.SiLU()}
    if name.startswith("leaky"):
        return nn.LeakyReLU(0.01)
    if name not in table:
        raise ValueError("no PyTorch twin for activation " + name)
    return table[name]


def same_padding(size, k, s, d):
    """Total padding TensorFlow's SAME mode adds along one axis (DL4J's ConvolutionMode.Same)."""
    out = math.ceil(size / s)
    return max((out - 1) * s + (k - 1) * d + 1 - size, 0)


class Padded(nn.Module):
    """Explicit, possibly asymmetric, padding before a module (SAME with an odd total)."""

    def __init__(self, module, pad, value):
        super().__init__()
        self.module, self.pad, self.value = module, pad, value

    def forward(self, x):
        return self.module(F.pad(x, self.pad, value=self.value))


def spatial(module, node, in_shape, k, s, d, fill):
    mode = node["padding"]["mode"]
    if mode == "VALID":
        return module(0)
    if mode == "EXPLICIT":
        return module((node["padding"]["rows"], node["padding"]["cols"]))
    ph = same_padding(in_shape[1], k[0], s[0], d[0])
    pw = same_padding(in_shape[2], k[1], s[1], d[1])
    if ph % 2 == 0 and pw % 2 == 0:
        return module((ph // 2, pw // 2))
    return Padded(module(0), (pw // 2, pw - pw // 2, ph // 2, ph - ph // 2), fill)


class SqueezeExcite(nn.Module):
    """x * sigmoid(W2 silu(W1 mean_hw(x) + b1) + b2), per channel (EfficientNet's squeeze-and-excitation)."""

    def __init__(self, channels, reduced):
        super().__init__()
        self.squeeze, self.excite = nn.Linear(channels, reduced), nn.Linear(reduced, channels)

    def forward(self, x):
        gate = torch.sigmoid(self.excite(F.silu(self.squeeze(x.mean(dim=(2, 3))))))
        return x * gate[:, :, None, None]


class DropPath(nn.Module):
    """Stochastic depth: in training each example's branch is zeroed with probability rate, else scaled by 1/(1-rate)."""

    def __init__(self, rate):
        super().__init__()
        self.rate = rate

    def forward(self, x):
        if not self.training or self.rate == 0:
            return x
        keep = (torch.rand(x.shape[0], 1, 1, 1) >= self.rate).to(x.dtype) / (1 - self.rate)
        return x * keep


class SelfAttention(nn.Module):
    """Multi-head self-attention on [n, steps, d] (PyTorch's layout, batch first), causal when asked."""
    def __init__(self, d, heads, causal):
        super().__init__()
        self.attention = nn.MultiheadAttention(d, heads, batch_first=True)
        self.causal = causal

    def forward(self, x):
        steps = x.shape[1]
        mask = torch.triu(torch.ones(steps, steps, dtype=torch.bool), 1) if self.causal else None
        return self.attention(x, x, x, attn_mask=mask, need_weights=False)[0]


class FirstStep(nn.Module):
    def forward(self, x):
        return x[:, 0, :]


class LastStep(nn.Module):
    def __init__(self, rnn):
        super().__init__()
        self.rnn = rnn

    def forward(self, x):
        return self.rnn(x)[0][:, -1, :]


def layer(node, in_shape):
    op = node["op"]
    if op == "Dense":
        return nn.Sequential(nn.Linear(in_shape[-1], node["units"]), activation(node["activation"]))
    if op == "Conv2D":
        k, s, d = node["kernel"], node["stride"], node["dilation"]
        conv = spatial(lambda p: nn.Conv2d(in_shape[0], node["filters"], k, s, p, d, bias=node["bias"]),
                       node, in_shape, k, s, d, 0.0)
        return nn.Sequential(conv, activation(node["activation"]))
    if op == "DepthwiseConv2D":
        k, s = node["kernel"], node["stride"]
        conv = spatial(lambda p: nn.Conv2d(in_shape[0], in_shape[0], k, s, p, groups=in_shape[0], bias=node["bias"]),
                       node, in_shape, k, s, [1, 1], 0.0)
        return nn.Sequential(conv, activation(node["activation"]))
    if op == "SqueezeExcite":
        return SqueezeExcite(in_shape[0], node["reduced"])
    if op == "DropPath":
        return DropPath(node["rate"])
    if op == "BatchNorm":
        return nn.BatchNorm2d(in_shape[0], eps=node["eps"], momentum=1 - node["decay"]) if len(in_shape) == 3 \
            else nn.BatchNorm1d(in_shape[0], eps=node["eps"], momentum=1 - node["decay"])
    if op == "Pooling2D":
        k, s = node["window"], node["stride"]
        if node["pool"] == "MAX":
            return spatial(lambda p: nn.MaxPool2d(k, s, p), node, in_shape, k, s, [1, 1], float("-inf"))
        return spatial(lambda p: nn.AvgPool2d(k, s, p), node, in_shape, k, s, [1, 1], 0.0)
    if op == "GlobalPooling":
        return nn.Sequential(nn.AdaptiveMaxPool2d(1) if node["pool"] == "MAX" else nn.AdaptiveAvgPool2d(1),
                             nn.Flatten())
    if op == "Flatten":
        return nn.Flatten()
    if op == "ActivationLayer":
        return activation(node["activation"])
    if op == "Dropout":
        return nn.Dropout(node["rate"])
    if op == "SelfAttention":
        return SelfAttention(in_shape[-1], node["heads"], node["causal"])
    if op == "LayerNorm":
        return nn.LayerNorm(in_shape[-1], eps=node["epsilon"])
    if op == "FirstStep":
        return FirstStep()
    if op == "Recurrent":
        if node["bidirectional"] is not None or not node["lastStep"]:
            raise ValueError("the twin supports one-way recurrent layers with lastStep only")
        rnn = {"LSTM": nn.LSTM, "GRU": nn.GRU, "SIMPLE_RNN": nn.RNN}[node["cell"]](
            in_shape[-1], node["units"], batch_first=True)
        return LastStep(rnn)
    raise ValueError("no PyTorch twin for layer " + op)


class Graph(nn.Module):
    def __init__(self, spec):
        super().__init__()
        self.input_names = list(spec["inputs"])
        self.nodes = spec["nodes"]
        self.outputs = spec["outputs"]
        shapes = {name: dims for name, dims in spec["inputs"].items()}
        self.layers = nn.ModuleDict()
        for node in self.nodes:
            if node["op"] not in ("Add", "Concat"):
                self.layers[node["name"]] = layer(node, shapes[node["in"][0]])
            shapes[node["name"]] = node["out"]

    def forward(self, *inputs):
        values = dict(zip(self.input_names, inputs))
        for node in self.nodes:
            xs = [values[i] for i in node["in"]]
            if node["op"] == "Add":
                y = xs[0]
                for x in xs[1:]:
                    y = y + x
            elif node["op"] == "Concat":
                y = torch.cat(xs, dim=1)
            else:
                y = self.layers[node["name"]](xs[0])
            values[node["name"]] = y
        return values[self.outputs[0]]


class Bench:
    def __init__(self, spec):
        torch.manual_seed(1)
        self.model = Graph(spec)
        n = spec["batch"]
        self.x = [torch.rand([n] + dims) for dims in spec["inputs"].values()]
        self.y = torch.arange(n) % spec["classes"]
        self.opt = torch.optim.Adam(self.model.parameters(), lr=spec["lr"])
        self.loss = nn.CrossEntropyLoss()
        with torch.no_grad():
            out = self.model(*self.x)
        expected = [n] + spec["nodes"][-1]["out"]
        if list(out.shape) != expected:
            raise ValueError("twin output shape %s, Neurite's %s" % (list(out.shape), expected))

    def train_step(self):
        self.model.train()
        self.opt.zero_grad(set_to_none=True)
        self.loss(self.model(*self.x), self.y).backward()
        self.opt.step()

    def infer_step(self):
        self.model.eval()
        with torch.no_grad():
            self.model(*self.x)

    def time(self, mode, seconds, min_steps):
        step = self.train_step if mode == "train" else self.infer_step
        cpu0, thread0 = time.process_time(), time.thread_time()
        t0 = time.perf_counter()
        steps = 0
        while steps < min_steps or time.perf_counter() - t0 < seconds:
            step()
            steps += 1
        wall = time.perf_counter() - t0
        return {"ms": wall * 1000 / steps, "cpu_ms": (time.process_time() - cpu0) * 1000 / steps,
                "thread_cpu_ms": (time.thread_time() - thread0) * 1000 / steps}


def main():
    threads = int(sys.argv[sys.argv.index("--threads") + 1]) if "--threads" in sys.argv else 1
    torch.set_num_threads(threads)
    torch.set_num_interop_threads(threads)
    benches = {}
    for line in sys.stdin:
        req = json.loads(line)
        try:
            if req["cmd"] == "build":
                benches[req["id"]] = Bench(req)
                answer = {"params": sum(p.numel() for p in benches[req["id"]].model.parameters())}
            elif req["cmd"] == "time":
                answer = benches[req["id"]].time(req["mode"], req["seconds"], req["min_steps"])
            elif req["cmd"] == "threads":
                torch.set_num_threads(req["threads"])
                answer = {"threads": torch.get_num_threads()}
            elif req["cmd"] == "version":
                answer = {"version": "PyTorch %s, %d threads, BLAS: %s" % (
                    torch.__version__, torch.get_num_threads(), blas())}
            else:
                answer = {"error": "unknown command " + req["cmd"]}
        except Exception as e:  # reported to the Java side, which names the model
            answer = {"error": "%s: %s" % (type(e).__name__, e)}
        print(json.dumps(answer), flush=True)


def blas():
    """BLAS_INFO of the build; for 'generic' (Debian), the libblas.so.3 the system's alternatives point to."""
    info = re.search(r"BLAS_INFO=(\w+)", torch.__config__.show())
    name = info.group(1) if info else "unknown"
    lib = "/usr/lib/x86_64-linux-gnu/libblas.so.3"
    return name + (" (" + os.path.realpath(lib) + ")" if name == "generic" and os.path.exists(lib) else "")


if __name__ == "__main__":
    main()
