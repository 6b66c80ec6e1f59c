"""Writes the benchmark volume: a blobby binary mask (smoothed noise, thresholded), raw uint8 z-y-x.

Usage: make_volume.py OUT.raw SIZE [SEED]
Deterministic for a given size and seed, so vemseg and the Python peers read the same voxels.
"""
import sys

import numpy as np
from scipy import ndimage

out, n = sys.argv[1], int(sys.argv[2])
seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
rng = np.random.default_rng(seed)
field = ndimage.gaussian_filter(rng.standard_normal((n, n, n), dtype=np.float32), sigma=4)
mask = (field > np.quantile(field[::4, ::4, ::4], 0.8)).astype(np.uint8)  # about 20 % foreground
# An empty border: skimage's marching cubes leaves surfaces open at the volume's faces, vemseg closes them;
# with nothing on the border both produce the same closed surface.
mask[[0, -1], :, :] = 0
mask[:, [0, -1], :] = 0
mask[:, :, [0, -1]] = 0
mask.tofile(out)
print(f"{out}: {n}^3, foreground {mask.mean():.3f}")
