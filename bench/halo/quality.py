"""Foreground IoU of each briefly trained model's whole-plane prediction (halo 256, prob8 >= 128) on the two
cdeep3m-mito/valid slices, to show the weights have real structure. Usage: quality.py DATA_DIR WORK_DIR ARCH..."""
import sys
import numpy as np
import tifffile
from PIL import Image

data, work = sys.argv[1], sys.argv[2]
lab = np.stack([np.array(Image.open(f"{data}/cdeep3m-mito/valid/labels/mitos_3D.{z:03d}.png")) > 0 for z in (50, 55)])
for arch in sys.argv[3:]:
    p = tifffile.imread(f"{work}/out/{arch}-cdeep3m-valid-050-055-whole-h256.tif") >= 128
    print(f"{arch}: foreground IoU {np.sum(p & lab) / np.sum(p | lab):.3f} on cdeep3m-mito/valid 050, 055 "
          f"(predicted foreground {p.mean():.1%}, labelled {lab.mean():.1%})")
