"""The networks of vemseg (https://github.com/vemseg) as plain PyTorch modules.

Each class rebuilds one vemseg architecture layer for layer, so that the state dict vemseg exports loads with
``load_state_dict(..., strict=True)``: module and parameter names follow vemseg's blocks (``nn.Sequential``
where vemseg chains layers, named attributes where its forward pass calls named children).

Conventions shared with vemseg:
  * input N x F x H x W: F consecutive z frames (1, 3 or 5) as channels, the centre one is segmented;
    intensities already normalised (see the package's rdf.yaml preprocessing);
  * convolutions have "same" padding (dilation * (k - 1) / 2), batch norm eps 1e-5, momentum 0.1 (vemseg's
    0.9 counts the other way), used with running statistics in eval mode;
  * output N x classes x H x W probabilities: a softmax over the class axis of the logits.
  * ``downsample`` > 1: the network sees slices averaged over downsample x downsample pixels and its logits
    are enlarged back bilinearly (align_corners=False), as ``vemseg train --downsample`` does.

Only torch is needed; tested with PyTorch 1.13.
"""
import math

import torch
import torch.nn.functional as F
from torch import nn


def _round(x):
    # Java's Math.round (half up), not Python's round (half to even)
    return int(math.floor(x + 0.5))


def _scaled(published, width):
    return max(4, _round(published * width))


def _bn(channels):
    return nn.BatchNorm2d(channels, eps=1e-5, momentum=0.1)


def _conv(cin, cout, kernel, stride=1, dilation=1, bias=False):
    return nn.Conv2d(cin, cout, kernel, stride=stride, padding=dilation * (kernel - 1) // 2, dilation=dilation,
                     bias=bias)


def _conv_bn_relu(cin, cout, kernel, stride=1):
    return nn.Sequential(_conv(cin, cout, kernel, stride), _bn(cout), nn.ReLU())


def _conv_bn_relu_rect(cin, cout, kh, kw):
    conv = nn.Conv2d(cin, cout, (kh, kw), padding=((kh - 1) // 2, (kw - 1) // 2), bias=False)
    return nn.Sequential(conv, _bn(cout), nn.ReLU())


class _Vemseg(nn.Module):
    """Downsampling around the network and the softmax after it."""

    def __init__(self, downsample):
        super().__init__()
        self.downsample = int(downsample)

    def logits(self, x):
        raise NotImplementedError

    def forward(self, x):
        f = self.downsample
        if f == 1:
            return torch.softmax(self.logits(x), dim=1)
        h, w = x.shape[2], x.shape[3]
        small = F.interpolate(x, size=(h // f, w // f), mode="area")
        logits = F.interpolate(self.logits(small), size=(h, w), mode="bilinear", align_corners=False)
        return torch.softmax(logits, dim=1)


# ----------------------------------------------------------------------------------------------- ResUNet

class _Residual(nn.Module):
    """ReLU(body(x) + shortcut(x)); the shortcut is a strided 1x1 conv + BN when stride or channels change."""

    def __init__(self, body, cin, cout, stride):
        super().__init__()
        self.body = body
        self.shortcut = (nn.Sequential(_conv(cin, cout, 1, stride), _bn(cout))
                         if stride != 1 or cin != cout else None)

    def forward(self, x):
        s = x if self.shortcut is None else self.shortcut(x)
        return F.relu(self.body(x) + s)


def _basic(cin, planes, stride):
    body = nn.Sequential(_conv(cin, planes, 3, stride), _bn(planes), nn.ReLU(), _conv(planes, planes, 3),
                         _bn(planes))
    return _Residual(body, cin, planes, stride)


def _bottleneck(cin, planes, stride):
    body = nn.Sequential(_conv_bn_relu(cin, planes, 1), _conv_bn_relu(planes, planes, 3, stride),
                         _conv(planes, planes * 4, 1), _bn(planes * 4))
    return _Residual(body, cin, planes * 4, stride)


_DEPTHS = {"resnet18": ([2, 2, 2, 2], 1, _basic), "resnet50": ([3, 4, 6, 3], 4, _bottleneck)}


class _Encoder(nn.Module):
    def __init__(self, frames, base, depth):
        super().__init__()
        blocks, expansion, block = _DEPTHS[depth]
        self.stem = _conv_bn_relu(frames, base, 7, 2)
        self.pool = nn.MaxPool2d(3, 2, 1)
        cin = base
        for i in range(4):
            planes = base << i
            layer = []
            for b in range(blocks[i]):
                layer.append(block(cin, planes, 2 if b == 0 and i > 0 else 1))
                cin = planes * expansion
            self.add_module("layer%d" % (i + 1), nn.Sequential(*layer))
        self.channels = [base] + [expansion * (base << i) for i in range(4)]
        self.planes = [base] + [base << i for i in range(4)]

    def forward(self, x):
        s = self.stem(x)
        out = [s]
        x = self.pool(s)
        for i in range(4):
            x = getattr(self, "layer%d" % (i + 1))(x)
            out.append(x)
        return out


def _up2(x):
    return F.interpolate(x, size=(x.shape[2] * 2, x.shape[3] * 2), mode="nearest")


class _Decoder(nn.Module):
    def __init__(self, channels, widths, classes):
        super().__init__()
        n = len(widths)
        cin = channels[n - 1]
        for i in range(n - 2, -1, -1):
            cout = max(8, widths[i])
            self.add_module("up%d" % i, _conv_bn_relu(cin + channels[i], cout, 3))
            cin = cout
        c = max(8, widths[0] // 2)
        self.upFull = _conv_bn_relu(cin, c, 3)
        self.head = _conv(c, classes, 1, bias=True)
        self.n = n

    def forward(self, features):
        x = features[-1]
        for i in range(self.n - 2, -1, -1):
            x = getattr(self, "up%d" % i)(torch.cat([_up2(x), features[i]], dim=1))
        return self.head(self.upFull(_up2(x)))


class ResUNet(_Vemseg):
    """vemseg's resunet (encoder resnet18) and resunet50 (encoder resnet50): input H, W multiples of 32."""

    def __init__(self, frames=1, classes=2, width=0.25, encoder="resnet18", downsample=1):
        super().__init__(downsample)
        base = max(4, _round(64 * width))
        self.encoder = _Encoder(frames, base, encoder)
        self.decoder = _Decoder(self.encoder.channels, self.encoder.planes, classes)

    def logits(self, x):
        return self.decoder(self.encoder(x))


# ---------------------------------------------------------------------------------------------- DeepEM3D

class _Reduction(nn.Module):
    """Stride-2 3x3 max pool beside a stride-2 3x3 conv, concatenated."""

    def __init__(self, cin, filters):
        super().__init__()
        self.pool = nn.MaxPool2d(3, 2, 1)
        self.conv = _conv_bn_relu(cin, filters, 3, 2)

    def forward(self, x):
        return torch.cat([self.pool(x), self.conv(x)], dim=1)


class _InceptionResidual(nn.Module):
    """relu(x + 0.2 * project(concat(branches(x))))."""

    def __init__(self, channels, branches, branch_out):
        super().__init__()
        for i, b in enumerate(branches):
            self.add_module("branch%d" % i, b)
        self.n = len(branches)
        self.project = _conv(branch_out, channels, 1, bias=True)

    def forward(self, x):
        outs = [getattr(self, "branch%d" % i)(x) for i in range(self.n)]
        return F.relu(x + self.project(torch.cat(outs, dim=1)) * 0.2)


def _type_a(ch, width):
    c32, c48, c64 = _scaled(32, width), _scaled(48, width), _scaled(64, width)
    return _InceptionResidual(ch, [
        _conv_bn_relu(ch, c32, 1),
        nn.Sequential(_conv_bn_relu(ch, c32, 1), _conv_bn_relu(c32, c32, 3)),
        nn.Sequential(_conv_bn_relu(ch, c32, 1), _conv_bn_relu(c32, c48, 3), _conv_bn_relu(c48, c64, 3)),
    ], c32 + c32 + c64)


def _type_b(ch, width):
    c128, c160, c192 = _scaled(128, width), _scaled(160, width), _scaled(192, width)
    return _InceptionResidual(ch, [
        _conv_bn_relu(ch, c192, 1),
        nn.Sequential(_conv_bn_relu(ch, c128, 1), _conv_bn_relu_rect(c128, c160, 1, 7),
                      _conv_bn_relu_rect(c160, c192, 7, 1)),
    ], c192 + c192)


class _SubPixelUpsample(nn.Module):
    """3x3 conv to filters * f^2 channels, then depth-to-space by f (a transposed conv, kernel 3f, stride f)."""

    def __init__(self, cin, filters, factor):
        super().__init__()
        self.filters = filters
        self.factor = factor
        self.conv = _conv(cin, filters * factor * factor, 3, bias=True)

    def forward(self, x):
        x = self.conv(x)
        n, _, h, w = x.shape
        f = self.factor
        return x.reshape(n, self.filters, f, f, h, w).permute(0, 1, 4, 2, 5, 3).reshape(n, self.filters, h * f, w * f)


_DILATIONS = [5, 11, 17, 23]


class DeepEm3d(_Vemseg):
    """vemseg's deepem3d (CDeep3M's DeepEM3D layout): input H, W multiples of 16; the F frames are the input
    channels of the first convolution, which is a 3D convolution F x 3 x 3 without z padding."""

    def __init__(self, frames=1, classes=2, width=0.25, downsample=1):
        super().__init__(downsample)
        s32, s64, side = _scaled(32, width), _scaled(64, width), _scaled(16, width)
        self.stem = nn.Sequential(_conv_bn_relu(frames, s32, 3), _conv_bn_relu(s32, s32, 3),
                                  _conv_bn_relu(s32, s64, 3))
        channels = s64
        for s, published in enumerate([96, 128, 192, 256]):
            filters = _scaled(published, width)
            blocks = [_Reduction(channels, filters)]
            channels += filters
            for _ in range(2):
                blocks.append(_type_a(channels, width) if s < 2 else _type_b(channels, width))
            self.add_module("stage%d" % (s + 1), nn.Sequential(*blocks))
            self.add_module("side%d" % (s + 1), _SubPixelUpsample(channels, side, 2 << s))
            for d in _DILATIONS:
                self.add_module("side%ddil%d" % (s + 1, d), _conv(side, classes, 3, dilation=d, bias=True))

    def logits(self, x):
        x = self.stem(x)
        total = None
        for s in range(1, 5):
            x = getattr(self, "stage%d" % s)(x)
            side = getattr(self, "side%d" % s)(x)
            for d in _DILATIONS:
                y = getattr(self, "side%ddil%d" % (s, d))(side)
                total = y if total is None else total + y
        return total
