#!/usr/bin/python3
"""Training speed of the same network in PyTorch, as a peer for bench/train-speed/run.sh.

Same network as org.vemseg.nn.model.ResUNet (the mirror in bench/predict/torch_predict.py), same batch,
patch size and optimiser (AdamW), same loss (class-weighted cross-entropy), patches sampled from the same
images with random flips/rotations. Prints "iterations seconds" for the timed iterations (after warm-up).

Usage: torch_train.py IMAGE_DIR LABEL_DIR --iterations 200 --warmup 20 --patch 160 --batch 4 --width 0.25 --threads 2
       [--profile TRACE.json]  (profile iterations 50-99 instead, for profile.sh)
"""
import argparse
import glob
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "predict"))
from torch_predict import ResUNet  # noqa: E402  (the layer-for-layer mirror of vemseg's ResUNet)

ap = argparse.ArgumentParser()
ap.add_argument("images")
ap.add_argument("labels")
ap.add_argument("--iterations", type=int, default=200)
ap.add_argument("--warmup", type=int, default=20)
ap.add_argument("--patch", type=int, default=160)
ap.add_argument("--batch", type=int, default=4)
ap.add_argument("--width", type=float, default=0.25)
ap.add_argument("--threads", type=int, default=2)
ap.add_argument("--profile", metavar="TRACE", help="instead of timing: profile iterations 50-99 into a Chrome trace")
a = ap.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(1)
rng = np.random.default_rng(1)

img = np.stack([np.asarray(Image.open(f)) for f in sorted(glob.glob(os.path.join(a.images, "*.png")))]).astype(np.float32)
lab = np.stack([np.asarray(Image.open(f)) for f in sorted(glob.glob(os.path.join(a.labels, "*.png")))]).astype(np.int64)
img = (img - img.mean()) / img.std()
freq = np.bincount(lab.ravel(), minlength=2) / lab.size
w = 1 / np.sqrt(freq)
w = torch.tensor(w / w.mean(), dtype=torch.float32)

base = max(4, round(64 * a.width))
net = ResUNet(1, 2, base)
net.train()
opt = torch.optim.AdamW(net.parameters(), lr=3e-3, weight_decay=1e-2)


def batch():
    d, h, wd = img.shape
    xs, ys = [], []
    for _ in range(a.batch):
        z, y, x = rng.integers(d), rng.integers(h - a.patch + 1), rng.integers(wd - a.patch + 1)
        pi, pl = img[z, y:y + a.patch, x:x + a.patch], lab[z, y:y + a.patch, x:x + a.patch]
        k = rng.integers(4)
        pi, pl = np.rot90(pi, k), np.rot90(pl, k)
        if rng.integers(2):
            pi, pl = pi[:, ::-1], pl[:, ::-1]
        xs.append(pi.copy())
        ys.append(pl.copy())
    return torch.from_numpy(np.stack(xs)[:, None]), torch.from_numpy(np.stack(ys))


def step():
    x, y = batch()
    opt.zero_grad()
    loss = F.cross_entropy(net(x), y, weight=w)
    loss.backward()
    opt.step()
    return loss.item()


if a.profile:
    # the same window as vemseg's -Dvemseg.profile (iterations 50-99), for bench/train-speed/profile.sh
    for _ in range(50):
        step()
    with torch.autograd.profiler.profile() as prof:
        for _ in range(50):
            step()
    prof.export_chrome_trace(a.profile)
    sys.exit(0)
for _ in range(a.warmup):
    step()
t0 = time.perf_counter()
for _ in range(a.iterations):
    step()
print(f"{a.iterations} {time.perf_counter() - t0:.3f}")
