#!/usr/bin/env python3
"""Whole-image prediction of a TorchScript model with PyTorch, averaged over the 8 in-plane dihedral variants
(vemseg's --tta 8), for comparison with vemseg's tiled prediction.

    /usr/bin/python3 bench/bmz/torchscript_predict.py weights.pt input.npy mean std output.npy

input.npy: frames x H x W raw intensities (float32); output.npy: classes x H x W probabilities.
"""
import sys

import numpy as np
import torch


def main(weights, inp, mean, std, out):
    model = torch.jit.load(weights, map_location="cpu").eval()
    x = torch.from_numpy((np.load(inp).astype(np.float32) - np.float32(mean)) / np.float32(std))[None]
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
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), sys.argv[5])
