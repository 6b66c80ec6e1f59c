#!/usr/bin/python3
"""PyTorch whole-slice baseline for bench/predict/whole.sh: the network of torch_predict.py (the same ResUNet as
org.vemseg.nn.model.ResUNet, width 0.25, random weights: speed does not depend on them) applied to each whole slice
in one call, no tiling and no halo, under torch.inference_mode(). A slice is mirror padded only up to the next
multiple of the network's stride (32), at its bottom and right. This is the least work any tool can do per output
voxel with this network on this CPU.

Prints one line: "slices voxels seconds gflop_computed gflop_needed", where gflop_needed counts the network's FLOPs
per pixel for the output voxels only (FLOPs are proportional to pixels: see conv_flops).

Usage: whole_slice.py INPUT (folder of PNG/TIFF slices or a multi-page TIFF) [--slices N] [--threads T] [--width W]
       whole_slice.py --conv [--threads T]   (prints the machine's 3x3-convolution GFLOP/s)
"""
import argparse
import glob
import os
import time

import numpy as np
import torch
import torch.nn.functional as F

from torch_predict import ResUNet, conv_flops


def read(path, n):
    if os.path.isdir(path):
        from PIL import Image
        files = sorted(glob.glob(os.path.join(path, "*.png")) + glob.glob(os.path.join(path, "*.tif")))[:n]
        return np.stack([np.asarray(Image.open(f)) for f in files])
    import tifffile
    with tifffile.TiffFile(path) as t:
        return np.stack([p.asarray() for p in t.pages[:n]])


def predict(args):
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    vol = read(args.input, args.slices)
    t0 = time.time()
    d, h, w = vol.shape
    net = ResUNet(1, 2, max(4, round(64 * args.width))).eval()
    mean, std = float(vol.mean()), float(vol.std())
    ph, pw = -h % 32, -w % 32
    out = np.empty((d, h, w), np.uint8)
    with torch.inference_mode():
        for z in range(d):
            x = torch.from_numpy((vol[z].astype(np.float32) - mean) / std)[None, None]
            if ph or pw:
                x = F.pad(x, (0, pw, 0, ph), mode="reflect")
            p = torch.softmax(net(x), 1)[0, 1, :h, :w]
            out[z] = torch.clamp(torch.round(p * 255), 0, 255).to(torch.uint8).numpy()
    seconds = time.time() - t0
    flops = conv_flops(net, h + ph, w + pw, 1)
    per_pixel = flops / ((h + ph) * (w + pw))
    print(d, d * h * w, "%.3f" % seconds, "%.2f" % (d * flops / 1e9), "%.2f" % (d * h * w * per_pixel / 1e9))


def conv(threads):
    """GFLOP/s of a 3x3 convolution, 32 -> 32 channels on a 512 x 512 map (the decoder's shape at width 0.25)."""
    torch.set_num_threads(threads)
    x = torch.randn(1, 32, 512, 512)
    c = torch.nn.Conv2d(32, 32, 3, 1, 1, bias=False).eval()
    flops = 2 * 32 * 32 * 9 * 512 * 512
    with torch.inference_mode():
        c(x)
        best = 1e9
        for _ in range(5):
            t = time.time()
            c(x)
            best = min(best, time.time() - t)
    print("%.1f" % (flops / best / 1e9))


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("input", nargs="?")
    ap.add_argument("--slices", type=int, default=1 << 30)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--width", type=float, default=0.25)
    ap.add_argument("--conv", action="store_true")
    a = ap.parse_args()
    if a.conv:
        conv(a.threads)
    else:
        predict(a)
