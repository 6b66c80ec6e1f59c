"""Times scikit-image / SciPy on the benchmark volume: best of N runs per algorithm.

Usage: peers.py VOLUME.raw SIZE RUNS
Prints one line per algorithm: name seconds check-value.
"""
import sys
import time

import numpy as np
from scipy import ndimage
from skimage import measure

path, n, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
mask = np.fromfile(path, dtype=np.uint8).reshape(n, n, n)


def best(f):
    t, r = float("inf"), None
    for _ in range(runs):
        s = time.perf_counter()
        r = f()
        t = min(t, time.perf_counter() - s)
    return t, r


t, (lab, count) = best(lambda: measure.label(mask, connectivity=3, return_num=True))
print(f"cc26 {t:.4f} {count}")
t, (lab, count) = best(lambda: measure.label(mask, connectivity=1, return_num=True))
print(f"cc6 {t:.4f} {count}")
t, dist = best(lambda: ndimage.distance_transform_edt(mask, sampling=(2.0, 1.0, 1.0)))
print(f"edt {t:.4f} {dist.sum():.6e}")
t, (verts, faces, _, _) = best(lambda: measure.marching_cubes(mask, level=0.5, spacing=(1.0, 1.0, 1.0)))
print(f"mc {t:.4f} {measure.mesh_surface_area(verts, faces):.6e}")
