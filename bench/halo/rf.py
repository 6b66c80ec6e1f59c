"""Theoretical receptive field of vemseg's networks, from the layer structure in vemseg-nn's model package
(ResNetEncoder + UNetDecoder, DeepEm3d). Walks the longest path from input to output: a k x k conv with
dilation d at cumulative stride j widens the field by (k - 1) * d * j; nearest-neighbour and sub-pixel upsampling
widen it by nothing (each output pixel reads one input pixel) and divide j. The field is symmetric, so a halo of
(field - 1) / 2 covers it fully. Usage: rf.py"""


class Path:
    def __init__(self):
        self.r, self.j = 1, 1

    def conv(self, k, s=1, d=1, n=1):
        for _ in range(n):
            self.r += (k - 1) * d * self.j
            self.j *= s
        return self

    def up(self, f):
        self.j //= f
        return self


def resunet(blocks, bottleneck):
    p = Path().conv(7, 2).conv(3, 2)  # stem 7x7/2, max pool 3x3/2
    for stage, n in enumerate(blocks):
        for b in range(n):
            s = 2 if b == 0 and stage > 0 else 1
            if bottleneck:
                p.conv(3, s)  # 1x1, 3x3 (stride), 1x1
            else:
                p.conv(3, s).conv(3)
    for _ in range(4):  # up to layer3, layer2, layer1, stem: upsample 2x, concat, 3x3 conv
        p.up(2).conv(3)
    p.up(2).conv(3)  # upFull; head 1x1
    return p


def deepem3d():
    p = Path().conv(3, n=3)  # stem
    out = 0
    for s in range(4):
        p.conv(3, 2)  # Reduction: 3x3/2 max pool beside a 3x3/2 conv
        for _ in range(2):
            if s < 2:
                p.conv(3, n=2)  # type A: deepest branch 1x1, 3x3, 3x3
            else:
                p.conv(7)  # type B: 1x7 then 7x1 = a 7x7 field
        side = Path()
        side.r, side.j = p.r, p.j
        side.conv(3).up(2 << s).conv(3, d=23)  # sub-pixel conv 3x3, shuffle to full res, dilated 3x3 (d up to 23)
        out = max(out, side.r)
    p.r = out
    return p


for name, p, stride in (("resunet", resunet([2, 2, 2, 2], False), 32),
                        ("resunet50", resunet([3, 4, 6, 3], True), 32),
                        ("deepem3d", deepem3d(), 16)):
    print(f"{name}: stride {stride}, receptive field {p.r} px, half-width {(p.r - 1) // 2} px")
