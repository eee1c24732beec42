"""PyTorch reference for ConvBenchmark's LeNet-5 training step (28x28x1, batch 64, Adam, random data).

Same layers as ConvBenchmark.lenet: conv 6@5x5 'same' + relu, maxpool 2, conv 16@5x5 valid + relu, maxpool 2,
dense 120 relu, dense 84 relu, dense 10 softmax cross-entropy. Run with Debian's torch and OpenBLAS:
    apt-get install python3-torch libopenblas0-pthread
    OMP_NUM_THREADS=1 /usr/bin/python3 recipes/bench/lenet_torch.py [seconds-per-round] [rounds]
Prints the median ms/step and samples/s, to compare with ConvBenchmark run at the same thread count.
"""
import os
import sys
import time

import torch
from torch import nn

BATCH = 64


def lenet():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(16 * 5 * 5, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))


def timed_round(step, seconds):
    """Mean ms per step over at least 3 steps and `seconds` seconds."""
    t0 = time.perf_counter()
    steps = 0
    while steps < 3 or time.perf_counter() - t0 < seconds:
        step()
        steps += 1
    return (time.perf_counter() - t0) * 1000 / steps


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    threads = int(os.environ.get("OMP_NUM_THREADS", "1"))
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    model = lenet()
    params = sum(p.numel() for p in model.parameters())
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    x = torch.rand(BATCH, 1, 28, 28)
    y = torch.arange(BATCH) % 10

    def step():
        opt.zero_grad()
        loss_fn(model(x), y).backward()
        opt.step()

    timed_round(step, 0)  # warm-up
    times = sorted(timed_round(step, seconds) for _ in range(rounds))
    ms = times[len(times) // 2]
    blas = [w.strip(",") for w in torch.__config__.show().split() if w.startswith("BLAS_INFO=")]
    print(f"PyTorch {torch.__version__}, {threads} thread(s), {blas[0] if blas else 'BLAS_INFO unknown'}")
    print(f"LeNet-5     {params:,} params | PyTorch {ms:7.1f} ms/step {BATCH * 1000 / ms:7.0f} samples/s "
          f"(rounds: {[round(t, 1) for t in times]})")


if __name__ == "__main__":
    main()
