"""Where a Lucchi++-style score loses its IoU: splits a prediction's errors by distance from the slice edge and
from the label boundary, and scores what is left when each kind is excluded.

Usage: error_bands.py PROB.tif LABELS.tif [THRESHOLD]   (PROB: vemseg prob8 output, THRESHOLD: probability, 0.5)

Prints IoU / precision / recall on full slices; IoU per band of distance from the nearest slice edge; the share
of false positives and false negatives in the outer 32 px; the score without the outer 32 px; the score with a
1-px exclusion zone around label boundaries (CDeep3M's evaluation option); and the score when predicted 3D
objects that overlap the labels by less than 10 % are removed (false objects).
"""
import sys

import numpy as np
import tifffile
from scipy import ndimage


def score(pred, lab, keep=None):
    if keep is not None:
        pred, lab = pred[keep], lab[keep]
    tp = np.count_nonzero(pred & lab)
    fp = np.count_nonzero(pred & ~lab)
    fn = np.count_nonzero(~pred & lab)
    return tp / (tp + fp + fn), tp / max(tp + fp, 1), tp / max(tp + fn, 1)


def line(name, s):
    print(f"{name:44s} IoU {s[0]:.4f}  precision {s[1]:.4f}  recall {s[2]:.4f}")


prob = tifffile.imread(sys.argv[1])
threshold = float(sys.argv[3]) if len(sys.argv) > 3 else 0.5
pred = prob > threshold * 255 if prob.dtype == np.uint8 else prob > threshold
lab = tifffile.imread(sys.argv[2]) > 0
d, h, w = lab.shape
yy, xx = np.mgrid[0:h, 0:w]
edge = np.minimum(np.minimum(yy, h - 1 - yy), np.minimum(xx, w - 1 - xx))
edge = np.broadcast_to(edge, lab.shape)

line(f"full slices @ {threshold:.3f}", score(pred, lab))
for lo, hi in ((0, 32), (32, 64), (64, 128), (128, 256), (256, 10**6)):
    band = (edge >= lo) & (edge < hi)
    iou = score(pred, lab, band)[0]
    print(f"  {lo:>3}-{hi if hi < 10**6 else '':<4} px from the slice edge: IoU {iou:.4f}, label fraction "
          f"{lab[band].mean():.3f}, predicted fraction {pred[band].mean():.3f}")
outer = edge < 32
fp, fn = pred & ~lab, ~pred & lab
print(f"  outer 32 px: {outer.mean():.1%} of voxels, {fp[outer].sum() / fp.sum():.1%} of false positives, "
      f"{fn[outer].sum() / fn.sum():.1%} of false negatives")
line("without the outer 32 px", score(pred, lab, ~outer))
# 1-px exclusion zone: voxels next to a label boundary (in-plane 4-neighbours) are not scored
boundary = np.zeros_like(lab)
for z in range(d):
    boundary[z] = ndimage.binary_dilation(lab[z]) & ~ndimage.binary_erosion(lab[z])
line("1-px exclusion zone at label boundaries", score(pred, lab, ~boundary))
comps, n = ndimage.label(pred)
overlap = ndimage.sum(lab, comps, index=np.arange(1, n + 1))
size = ndimage.sum(pred, comps, index=np.arange(1, n + 1))
false = np.flatnonzero(overlap < 0.1 * size) + 1
cleaned = pred & ~np.isin(comps, false)
line(f"without {len(false)} of {n} false 3D objects", score(cleaned, lab))
line("both exclusions and no false objects", score(cleaned, lab, ~boundary & ~outer))
