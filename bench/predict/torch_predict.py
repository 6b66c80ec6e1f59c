#!/usr/bin/python3
"""The vemseg prediction pipeline written in PyTorch, as a peer for bench/predict/run.sh.

Same network as org.vemseg.nn.model.ResUNet (layer for layer, same channels for a given width), same
tiling as org.vemseg.core.predict (tile, halo discarded, overlap blended with raised-cosine ramps, last tile
shifted inward, mirror padding at the borders), same test-time variants (the 8 in-plane dihedral elements),
same batch. Output: uint8 probability of class 1 (round(255 p)) as a multi-page TIFF.

Weights are random (throughput does not depend on them); batch norm runs in eval mode under
torch.inference_mode(). Prints one line: "slices voxels seconds tiles_per_slice network_calls gflop_per_tile".

Usage: torch_predict.py INPUT_DIR_OF_PNGS OUTPUT.tif --tta 1 --tile 1024 --halo 192 --overlap 64 --batch 2
       --width 0.25 --threads 2
       torch_predict.py --matmul       (prints the machine's fp32 matmul GFLOP/s)
"""
import argparse
import glob
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def conv_bn_relu(cin, cout, k, stride):
    return nn.Sequential(nn.Conv2d(cin, cout, k, stride, (k - 1) // 2, bias=False), nn.BatchNorm2d(cout),
                         nn.ReLU(inplace=True))


class BasicBlock(nn.Module):
    def __init__(self, cin, filters, stride):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(cin, filters, 3, stride, 1, bias=False), nn.BatchNorm2d(filters),
                                  nn.ReLU(inplace=True), nn.Conv2d(filters, filters, 3, 1, 1, bias=False),
                                  nn.BatchNorm2d(filters))
        self.shortcut = None
        if stride != 1 or cin != filters:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, filters, 1, stride, 0, bias=False), nn.BatchNorm2d(filters))

    def forward(self, x):
        s = x if self.shortcut is None else self.shortcut(x)
        return F.relu(self.body(x) + s)


class ResUNet(nn.Module):
    """Mirror of org.vemseg.nn.model.ResUNet: ResNet-18 encoder (2-2-2-2 basic blocks) + light U-Net decoder."""

    def __init__(self, frames, classes, base):
        super().__init__()
        self.stem = conv_bn_relu(frames, base, 7, 2)
        self.pool = nn.MaxPool2d(3, 2, 1)
        layers = []
        cin = base
        for i in range(4):
            f = base << i
            layers.append(nn.Sequential(BasicBlock(cin, f, 1 if i == 0 else 2), BasicBlock(f, f, 1)))
            cin = f
        self.layers = nn.ModuleList(layers)
        ch = [base, base, 2 * base, 4 * base, 8 * base]
        ups = [None] * 4
        x = ch[4]
        for i in range(3, -1, -1):
            out = max(8, ch[i])
            ups[i] = conv_bn_relu(x + ch[i], out, 3, 1)
            x = out
        self.ups = nn.ModuleList(ups)
        c = max(8, ch[0] // 2)
        self.last = conv_bn_relu(x, c, 3, 1)
        self.head = nn.Conv2d(c, classes, 1, 1, 0, bias=True)

    def forward(self, x):
        s = self.stem(x)
        feats = [s]
        x = self.pool(s)
        for layer in self.layers:
            x = layer(x)
            feats.append(x)
        x = feats[4]
        for i in range(3, -1, -1):
            x = self.ups[i](torch.cat([F.interpolate(x, scale_factor=2, mode="nearest"), feats[i]], 1))
        x = self.last(F.interpolate(x, scale_factor=2, mode="nearest"))
        return self.head(x)


def conv_flops(net, h, w, frames):
    """Multiply-adds x 2 of all convolutions for one h x w tile, counted with forward hooks."""
    total = [0]

    def hook(m, inp, out):
        k = m.kernel_size[0] * m.kernel_size[1] * (m.in_channels // m.groups)
        total[0] += 2 * out.numel() * k

    hs = [m.register_forward_hook(hook) for m in net.modules() if isinstance(m, nn.Conv2d)]
    with torch.inference_mode():
        net(torch.zeros(1, frames, h, w))
    for x in hs:
        x.remove()
    return total[0]


def starts(n, valid, stride):
    """org.vemseg.core.predict.TilePlan.starts for a whole axis."""
    if n <= valid:
        return [0]
    out = []
    s = 0
    while True:
        last = s + valid >= n
        out.append(max(0, min(n - valid if last else s, n - valid)))
        if last:
            return out
        s += stride


def profile(valid, ramp, start, end):
    d = np.arange(valid, dtype=np.float64)
    w = np.ones(valid)
    bump = lambda x: 0.5 - 0.5 * np.cos(np.pi * (x + 0.5) / ramp)
    if start:
        w = np.where(d < ramp, w * bump(d), w)
    if end:
        e = valid - 1 - d
        w = np.where(e < ramp, w * bump(e), w)
    return w.astype(np.float32)


# The 8 in-plane variants: (k rotations by 90 degrees, flip x first). Inverse: rotate back, then flip.
VARIANTS = [(0, False), (0, True), (2, True), (2, False), (1, False), (1, True), (3, False), (3, True)]


def apply(x, v):
    k, flip = v
    if flip:
        x = torch.flip(x, [-1])
    return torch.rot90(x, k, [-2, -1]) if k else x


def undo(y, v):
    k, flip = v
    if k:
        y = torch.rot90(y, -k, [-2, -1])
    return torch.flip(y, [-1]) if flip else y


def read_slices(folder):
    from PIL import Image
    files = sorted(glob.glob(os.path.join(folder, "*.png")) + glob.glob(os.path.join(folder, "*.tif")))
    return np.stack([np.asarray(Image.open(f)) for f in files])


def predict(args):
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    t0 = time.time()
    vol = read_slices(args.input)
    d, h, w = vol.shape
    net = ResUNet(1, 2, max(4, round(64 * args.width))).eval()
    mean, std = float(vol.mean()), float(vol.std())  # a bundle stores these; any values cost the same
    tile, halo, overlap = args.tile, args.halo, args.overlap
    th = min(tile, -(-(h + 2 * halo) // 32) * 32)
    tw = min(tile, -(-(w + 2 * halo) // 32) * 32)
    vh, vw = th - 2 * halo, tw - 2 * halo
    ys, xs = starts(h, vh, vh - overlap), starts(w, vw, vw - overlap)
    wy = [profile(vh, max(1, min(overlap, vh // 2)), i > 0, i < len(ys) - 1) for i in range(len(ys))]
    wx = [profile(vw, max(1, min(overlap, vw // 2)), j > 0, j < len(xs) - 1) for j in range(len(xs))]
    variants = VARIANTS[:args.tta]
    out = np.empty((d, h, w), np.uint8)
    calls = 0
    jobs = [(i, j, v) for i in range(len(ys)) for j in range(len(xs)) for v in variants]
    with torch.inference_mode():
        for z in range(d):
            padded = np.pad(vol[z].astype(np.float32), halo, mode="reflect")
            padded = torch.from_numpy((padded - mean) / std)
            acc = torch.zeros(h, w)
            wsum = torch.zeros(h, w)
            for b in range(0, len(jobs), args.batch):
                batch = jobs[b:b + args.batch]
                x = torch.stack([apply(padded[ys[i]:ys[i] + th, xs[j]:xs[j] + tw], v) for i, j, v in batch])
                p = torch.softmax(net(x[:, None]), 1)[:, 1]
                calls += 1
                for (i, j, v), pk in zip(batch, p):
                    valid = undo(pk, v)[halo:halo + vh, halo:halo + vw]
                    wt = torch.from_numpy(np.outer(wy[i], wx[j]))
                    acc[ys[i]:ys[i] + vh, xs[j]:xs[j] + vw] += valid * wt / len(variants)
                    wsum[ys[i]:ys[i] + vh, xs[j]:xs[j] + vw] += wt / len(variants)
            out[z] = torch.clamp(torch.round(acc / wsum * 255), 0, 255).to(torch.uint8).numpy()
    import tifffile
    tifffile.imwrite(args.output, out)
    seconds = time.time() - t0
    flops = conv_flops(net, th, tw, 1)
    print(d, d * h * w, "%.3f" % seconds, len(ys) * len(xs), calls, "%.4f" % (flops / 1e9))


def matmul(threads):
    torch.set_num_threads(threads)
    n = 2048
    a = torch.randn(n, n)
    b = torch.randn(n, n)
    torch.mm(a, b)
    best = 1e9
    for _ in range(5):
        t = time.time()
        torch.mm(a, b)
        best = min(best, time.time() - t)
    print("%.1f" % (2 * n ** 3 / best / 1e9))


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("input", nargs="?")
    ap.add_argument("output", nargs="?")
    ap.add_argument("--tta", type=int, default=1)
    ap.add_argument("--tile", type=int, default=1024)
    ap.add_argument("--halo", type=int, default=192)
    ap.add_argument("--overlap", type=int, default=64)
    ap.add_argument("--batch", type=int, default=2)
    ap.add_argument("--width", type=float, default=0.25)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--matmul", action="store_true")
    a = ap.parse_args()
    if a.matmul:
        matmul(a.threads)
    else:
        predict(a)
