"""How much of the IoU gap is whole false objects: IoU of a prediction before and after removing the predicted
3D objects that overlap the labels by less than 10 % of their voxels.

Usage: /usr/bin/python3 bench/train-accuracy/false_objects.py PREDICTION.tif LABEL_FOLDER [THRESHOLD]
(prediction: uint8 0-255 or float 0-1 probabilities; labels: slice PNGs, foreground > 0)
"""
import glob
import sys

import numpy as np
import tifffile
from PIL import Image
from scipy import ndimage

prob = tifffile.imread(sys.argv[1]).astype(np.float32)
if prob.max() > 1.5:
    prob /= 255.0
labels = np.stack([np.array(Image.open(f)) for f in sorted(glob.glob(sys.argv[2] + "/*.png"))]) > 0
mask = prob > (float(sys.argv[3]) if len(sys.argv) > 3 else 0.5)


def report(name, m):
    tp = (m & labels).sum()
    print(f"{name}: IoU {tp / (m | labels).sum():.3f}  precision {tp / m.sum():.3f}  recall {tp / labels.sum():.3f}")


report("prediction", mask)
objects, n = ndimage.label(mask)
overlap = ndimage.mean(labels, objects, np.arange(1, n + 1))
keep = np.concatenate([[False], overlap >= 0.1])
report(f"without the {(overlap < 0.1).sum()} of {n} objects overlapping the labels < 10 %", keep[objects])
