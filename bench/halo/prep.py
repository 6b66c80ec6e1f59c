"""Writes the real EM planes of the halo sweep as small TIFFs: two cdeep3m-mito/valid slices (1024 x 1024) and
two Lucchi++ train slices (768 x 1024). Usage: prep.py DATA_DIR OUT_DIR"""
import sys
import numpy as np
import tifffile
from PIL import Image

data, out = sys.argv[1], sys.argv[2]
cd = np.stack([np.array(Image.open(f"{data}/cdeep3m-mito/valid/images/images.{z:03d}.png").convert("L"))
               for z in (50, 55)])
tifffile.imwrite(f"{out}/cdeep3m-valid-050-055.tif", cd)
lu = tifffile.imread(f"{data}/lucchi-pp/train-images.tif", key=[40, 120])
tifffile.imwrite(f"{out}/lucchi-040-120.tif", lu)
print(cd.shape, cd.dtype, lu.shape, lu.dtype)
