"""IoU, precision and recall of a prob8 map at 0.5 and at the threshold best for these very labels (the ceiling of
any threshold choice), on full slices and on their central 512x512 crops (what training validates on)."""
import sys

import numpy as np
import tifffile


def curve(p, lab):
    fg = np.bincount(p[lab].ravel(), minlength=256)
    bg = np.bincount(p[~lab].ravel(), minlength=256)
    rows = []
    for k in range(255):  # foreground = level > k, i.e. probability above (k + 0.5) / 255
        tp, fp, fn = fg[k + 1:].sum(), bg[k + 1:].sum(), fg[:k + 1].sum()
        rows.append((tp / (tp + fp + fn), tp / (tp + fp), tp / (tp + fn)))
    return rows


p = tifffile.imread(sys.argv[1]).astype(np.int32)
lab = tifffile.imread(sys.argv[2]) > 0
h, w = p.shape[1:]
y0, x0 = (h - 512) // 2, (w - 512) // 2
for name, pp, ll in (("full slices", p, lab),
                     ("central 512 crops", p[:, y0:y0 + 512, x0:x0 + 512], lab[:, y0:y0 + 512, x0:x0 + 512])):
    c = curve(pp, ll)
    best = max(range(255), key=lambda k: c[k][0])
    for label, k in (("0.5", 127), ("best", best)):
        iou, prec, rec = c[k]
        print(f"{name:18s} threshold {label:4s} ({(k + 0.5) / 255:.3f}): IoU {iou:.4f} precision {prec:.4f} "
              f"recall {rec:.4f}")
