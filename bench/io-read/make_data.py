"""Writes the 1 GB benchmark volumes with the Python tools themselves (neutral ground):
real FIB-SEM (Lucchi++) tiled to 1 GB, as an uncompressed multi-page TIFF (tifffile) and as an
OME-Zarr v2 array, chunks 64^3, Blosc zstd level 5 with byte shuffle (zarr-python)."""
import json, os, sys
import numpy as np, tifffile, zarr
from numcodecs import Blosc

src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
base = tifffile.imread(src)                      # 165 x 768 x 1024 uint8
vol = np.concatenate([base, base[::-1]] * 4, 0)  # 1320 x 768 x 1024 = 1.04 GB, continuous in z
tifffile.imwrite(os.path.join(out, "stack.tif"), vol, bigtiff=False, photometric="minisblack")
g = zarr.open_group(os.path.join(out, "volume.ome.zarr"), mode="w")
a = g.create_dataset("0", shape=vol.shape, chunks=(64, 64, 64), dtype="u1",
                     compressor=Blosc(cname="zstd", clevel=5, shuffle=Blosc.SHUFFLE))
a[:] = vol
g.attrs["multiscales"] = [{"version": "0.4", "name": "bench", "axes": [{"name": n, "type": "space", "unit": "nanometer"} for n in "zyx"],
                           "datasets": [{"path": "0", "coordinateTransformations": [{"type": "scale", "scale": [5.0, 5.0, 5.0]}]}]}]
print(vol.shape, vol.nbytes)
