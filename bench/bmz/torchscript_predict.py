#!/usr/bin/env python3
"""Whole-image prediction of a TorchScript model with PyTorch, averaged over the 8 in-plane dihedral variants
(vemseg's --tta 8), for comparison with vemseg's tiled prediction.

    /usr/bin/python3 bench/bmz/torchscript_predict.py weights.pt input.npy NORM output.npy

input.npy: frames x H x W raw intensities (float32); output.npy: classes x H x W probabilities. NORM is written as
vemseg's --norm: zero-mean-unit-variance:fixed:MEAN,STD, zero-mean-unit-variance (per sample), scale-range:LOW,HIGH
(per sample), scale-linear:GAIN,OFFSET or none. Per-sample statistics are those of each whole input plane (the
sample a 2D model is given), in float64, with bioimage.io's eps of 1e-6.
"""
import sys

import numpy as np
import torch

EPS = 1e-6


def normalise(raw, norm):
    """raw: frames x H x W; returns float32 normalised as NORM says, each frame with its own plane's statistics."""
    parts = norm.split(":")
    out = np.empty(raw.shape, np.float32)
    for f in range(raw.shape[0]):
        v = raw[f].astype(np.float64)
        if parts[0] == "none":
            n = v
        elif parts[0] == "zero-mean-unit-variance" and len(parts) == 3 and parts[1] == "fixed":
            mean, std = (float(s) for s in parts[2].split(","))
            n = (v - mean) / std
        elif parts[0] == "zero-mean-unit-variance":
            n = (v - v.mean()) / (v.std() + EPS)
        elif parts[0] == "scale-range":
            lo_q, hi_q = (float(s) for s in parts[1].split(",")) if len(parts) > 1 else (0.0, 100.0)
            lo, hi = np.percentile(v, lo_q), np.percentile(v, hi_q)
            n = (v - lo) / (hi - lo + EPS)
        elif parts[0] == "scale-linear":
            gain, offset = (float(s) for s in parts[1].split(","))
            n = gain * v + offset
        else:
            raise SystemExit("unknown normalisation " + norm)
        out[f] = n
    return out


def main(weights, inp, norm, out):
    model = torch.jit.load(weights, map_location="cpu").eval()
    x = torch.from_numpy(normalise(np.load(inp).astype(np.float32), norm))[None]
    total = None
    with torch.no_grad():
        for flip in (False, True):
            for k in range(4):
                v = torch.flip(x, [3]) if flip else x
                y = model(torch.rot90(v, k, [2, 3]).contiguous())
                y = torch.rot90(y, -k, [2, 3])
                y = torch.flip(y, [3]) if flip else y
                total = y if total is None else total + y
    np.save(out, (total / 8)[0].numpy().astype(np.float32))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4])
