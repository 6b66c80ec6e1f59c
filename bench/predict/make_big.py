#!/usr/bin/python3
"""Writes a large uint8 multi-page TIFF by repeating the cdeep3m-mito slices (for the peak-memory run).

Usage: make_big.py SLICE_FOLDER OUT.tif DEPTH   (DEPTH x 1024 x 1024; 2000 slices = 2.1 GB)
Pages are written one at a time, so this needs little memory.
"""
import glob
import os
import sys

import numpy as np
import tifffile
from PIL import Image

folder, out, depth = sys.argv[1], sys.argv[2], int(sys.argv[3])
slices = [np.asarray(Image.open(f)) for f in sorted(glob.glob(os.path.join(folder, "*.png")))]
with tifffile.TiffWriter(out, bigtiff=depth * slices[0].nbytes > 3.5e9) as tw:
    for z in range(depth):
        tw.write(slices[z % len(slices)], contiguous=True)
