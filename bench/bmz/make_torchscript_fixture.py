#!/usr/bin/env python3
"""Makes the TorchScript test fixture: a tiny 2D U-Net (1 frame in, 2 classes out, softmax), random but seeded
weights with batch-norm statistics moved off 0/1, traced with torch.jit.trace, packaged as a bioimage.io model
(format 0.5) with torchscript weights, fixed normalisation, tile step 16 and halo 32. With a second argument, also
the same network as a package with per-sample normalisation (scale_range, percentiles 1 and 99.8 of each sample),
whose test output is computed from the test input's own percentiles:

    /usr/bin/python3 bench/bmz/make_torchscript_fixture.py vemseg-nn/src/test/resources/bmz/tiny-unet-torchscript.zip \
        vemseg-nn/src/test/resources/bmz/tiny-unet-per-sample.zip

The test tensors are seeded noise (no data is committed). The network's receptive field radius is below 32 pixels
and its two 2x2 poolings make it shift-equivariant on a 4-pixel grid, so tiled prediction on a 16-pixel grid with
a 32-pixel halo equals whole-image prediction away from the image border.
"""
import hashlib
import io
import sys
import zipfile

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from torchscript_predict import normalise

MEAN, STD = 128.0, 40.0
PER_SAMPLE = (1.0, 99.8)


def block(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU())


class TinyUNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc1 = block(1, 8)
        self.enc2 = block(8, 16)
        self.mid = block(16, 16)
        self.dec2 = block(32, 8)
        self.dec1 = block(16, 8)
        self.head = nn.Conv2d(8, 2, 1)

    def forward(self, x):
        e1 = self.enc1(x)
        e2 = self.enc2(F.max_pool2d(e1, 2))
        m = self.mid(F.max_pool2d(e2, 2))
        d2 = self.dec2(torch.cat([F.interpolate(m, scale_factor=2.0, mode="nearest"), e2], 1))
        d1 = self.dec1(torch.cat([F.interpolate(d2, scale_factor=2.0, mode="nearest"), e1], 1))
        return torch.softmax(self.head(d1), 1)


def sha(b):
    return hashlib.sha256(b).hexdigest()


def npy(a):
    buf = io.BytesIO()
    np.save(buf, a)
    return buf.getvalue()


def network():
    torch.manual_seed(16)
    net = TinyUNet()
    for m in net.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.running_mean.uniform_(-0.2, 0.2)
            m.running_var.uniform_(0.5, 1.5)
            m.weight.data.uniform_(0.5, 1.5)
            m.bias.data.uniform_(-0.2, 0.2)
    net.eval()
    rng = np.random.default_rng(16)
    raw = rng.uniform(0, 255, (1, 1, 64, 64)).astype(np.float32)
    x = torch.from_numpy((raw - MEAN) / STD)
    traced = torch.jit.trace(net, x)
    buf = io.BytesIO()
    torch.jit.save(traced, buf)
    return traced, buf.getvalue(), raw, x


FIXED = f"""  - id: fixed_zero_mean_unit_variance
    kwargs: {{mean: {MEAN}, std: {STD}}}"""
SCALE_RANGE = f"""  - id: scale_range
    kwargs: {{axes: [channel, y, x], min_percentile: {PER_SAMPLE[0]}, max_percentile: {PER_SAMPLE[1]}, eps: 1.0e-6}}"""


def main(out, per_sample_out=None):
    traced, weights, raw, x = network()
    write(out, traced, weights, raw, x, FIXED, "fixed normalisation")
    if per_sample_out:
        # a darker, low-contrast sample, so that its own percentiles differ clearly from 0 and 255
        sample = (40 + 0.5 * raw).astype(np.float32)
        xs = torch.from_numpy(normalise(sample[0], "scale-range:%g,%g" % PER_SAMPLE))[None]
        write(per_sample_out, traced, weights, sample, xs, SCALE_RANGE, "per-sample scale_range normalisation")


def write(out, traced, weights, raw, x, preprocessing, what):
    with torch.no_grad():
        y = traced(x).numpy()
    files = {"weights.pt": weights, "test_input.npy": npy(raw), "test_output.npy": npy(y)}
    rdf = f"""type: model
format_version: 0.5.4
name: vemseg tiny TorchScript U-Net test fixture
description: A tiny 2D U-Net with seeded random weights, traced with torch.jit.trace, for vemseg's tests ({what}).
authors:
- name: vemseg
cite:
- text: vemseg test fixture
  url: https://github.com/vemseg
license: MIT
documentation: README.md
tags: [test-fixture, torchscript]
inputs:
- id: raw
  axes:
  - type: batch
  - type: channel
    channel_names: [z]
  - type: space
    id: y
    size: {{min: 64, step: 16}}
  - type: space
    id: x
    size: {{min: 64, step: 16}}
  data: {{type: float32}}
  test_tensor: {{source: test_input.npy, sha256: {sha(files['test_input.npy'])}}}
  preprocessing:
{preprocessing}
outputs:
- id: probabilities
  axes:
  - type: batch
  - type: channel
    channel_names: [background, foreground]
  - type: space
    id: y
    size: {{tensor_id: raw, axis_id: y}}
    halo: 32
  - type: space
    id: x
    size: {{tensor_id: raw, axis_id: x}}
    halo: 32
  data: {{type: float32}}
  test_tensor: {{source: test_output.npy, sha256: {sha(files['test_output.npy'])}}}
weights:
  torchscript:
    source: weights.pt
    sha256: {sha(weights)}
    pytorch_version: "{torch.__version__.split('a')[0]}"
"""
    files["README.md"] = b"Test fixture made by bench/bmz/make_torchscript_fixture.py.\n"
    files["rdf.yaml"] = rdf.encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, files[name])
    print(out, len(weights), "bytes of weights")


if __name__ == "__main__":
    main(*sys.argv[1:3])
