"""Tile phase check: on a plane whose size is not a multiple of the network's stride (cdeep3m-mito/valid 050, 055
cropped to 1000 x 1000), TilePlan shifts the last tile row and column inward to start at 1000 - 256 = 744, which is
not a multiple of 32 (or 16). Compares tiled(halo 256) with whole(halo 256) separately where only tiles starting at
multiples of 192 contribute (y, x < 744) and where the shifted last row/column does.
Usage: odd.py WORK_DIR ARCH -> CSV row arch,halo,max_aligned,frac_aligned,max_shifted,frac_shifted"""
import sys
import numpy as np
import tifffile

work, arch = sys.argv[1], sys.argv[2]
w = tifffile.imread(f"{work}/odd/{arch}-whole-h256.tif").astype(np.int16)
t = tifffile.imread(f"{work}/odd/{arch}-tiled-h256.tif").astype(np.int16)
d = np.abs(w - t)
inner = d[:, :744, :744]
m = np.ones(d.shape[1:], bool)
m[:744, :744] = False
o = d[:, m]
print(f"{arch},256,{int(inner.max())},{np.count_nonzero(inner) / inner.size:.4e},"
      f"{int(o.max())},{np.count_nonzero(o) / o.size:.4e}")
