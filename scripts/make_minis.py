#!/usr/bin/env python3
"""Cuts the embedded minis out of full datasets in a Neurite data home (see make-minis.sh).

Deterministic: same inputs give byte-identical outputs (gzip with mtime 0, fixed selection rules).
"""
import gzip
import json
import shutil
import struct
import sys
from pathlib import Path

home, out = Path(sys.argv[1]), Path(sys.argv[2])


def gz_write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as z:
        z.write(data)


def read_maybe_gz(path):
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def idx_head(data, count):
    """The first `count` items of an IDX file, header adjusted."""
    magic = struct.unpack(">i", data[:4])[0]
    ndims = magic & 0xFF
    dims = list(struct.unpack(">" + "i" * ndims, data[4:4 + 4 * ndims]))
    per_item = 1
    for d in dims[1:]:
        per_item *= d
    header = struct.pack(">i", magic) + struct.pack(">" + "i" * ndims, count, *dims[1:])
    start = 4 + 4 * ndims
    return header + data[start:start + count * per_item]


# MNIST and Fashion-MNIST: the first 2,000 training and first 500 test examples.
for name in ["mnist", "fashion-mnist"]:
    for part, count in [("train", 2000), ("t10k", 500)]:
        for kind in ["images-idx3", "labels-idx1"]:
            base = f"{part}-{kind}-ubyte"
            src = home / name / base
            if not src.exists():
                src = home / name / (base + ".gz")
            gz_write(out / name / (base + ".gz"), idx_head(read_maybe_gz(src), count))

# scikit-learn tables: whole files.
for f in ["iris.csv", "wine_data.csv", "breast_cancer.csv", "digits.csv.gz"]:
    (out / "sklearn").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(home / "sklearn" / f, out / "sklearn" / f)

# IMDB: the first 1,000 negative and first 1,000 positive reviews, alternating.
reviews = json.loads((home / "imdb" / "reviews.json").read_text(encoding="utf-8"))
neg = [r for r in reviews if r["s"] == 0][:1000]
pos = [r for r in reviews if r["s"] == 1][:1000]
mini = [r for pair in zip(neg, pos) for r in pair]
gz_write(out / "imdb" / "reviews.json.gz", json.dumps(mini, ensure_ascii=False).encode("utf-8"))

# Gutenberg: Hamlet.
gz_write(out / "gutenberg" / "shakespeare-hamlet.txt.gz", (home / "gutenberg" / "shakespeare-hamlet.txt").read_bytes())

# English-French: the first 2,000 aligned pairs.
lines = (home / "en-fr" / "pairs.tsv").read_bytes().split(b"\n")[:2000]
gz_write(out / "en-fr" / "pairs.tsv.gz", b"\n".join(lines) + b"\n")

# Time series: whole files.
for name, f in [("airline", "bjg.gdt"), ("sunspots", "sunspots.csv")]:
    (out / name).mkdir(parents=True, exist_ok=True)
    shutil.copyfile(home / name / f, out / name / f)
