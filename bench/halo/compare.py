"""Compares prob8 predictions of the halo sweep. Usage: compare.py WORK_DIR ARCH INPUT HALOS...
Prints one CSV row per halo: arch,input,halo,ref,max_diff,frac_diff,mean_abs_diff for
  ref=whole-same-halo (tiled(H) against one whole-plane tile with the same halo H: only the seams between tiles
  differ) and ref=whole-big (tiled(H) against a whole-plane tile with a large halo, 256 or 272 so that it has the
  same phase modulo 32 as H: seams and the mirror padding at the plane border together), and
  ref=whole-vs-whole-big (whole(H) against that large-halo whole plane: what the halo still matters for when a
  plane is predicted in one call, the mirror padding at its border)."""
import sys
import numpy as np
import tifffile

work, arch, inp = sys.argv[1], sys.argv[2], sys.argv[3]
halos = [int(h) for h in sys.argv[4:]]


def load(kind, h):
    return tifffile.imread(f"{work}/out/{arch}-{inp}-{kind}-h{h}.tif").astype(np.int16)


def row(ref, a, b, h):
    d = np.abs(a - b)
    print(f"{arch},{inp},{h},{ref},{int(d.max())},{np.count_nonzero(d) / d.size:.4e},{d.mean():.5f}")


for h in halos:
    t = load("tiled", h)
    row("whole-same-halo", t, load("whole", h), h)
    big = load("whole", 256 + h % 32)
    row("whole-big", t, big, h)
    row("whole-vs-whole-big", load("whole", h), big, h)
