#!/usr/bin/python3
"""Plots validation IoU (and training loss) against training minutes from a vemseg training log CSV.

Usage: plot.py MODEL.vsm.log.csv OUT.png
"""
import csv
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

rows = list(csv.DictReader(open(sys.argv[1])))
val = [(float(r["minutes"]), float(r["val_iou"])) for r in rows if r["val_iou"]]
loss = [(float(r["minutes"]), float(r["loss"])) for r in rows]
fig, ax = plt.subplots(figsize=(8, 4.5))
ax.plot([m for m, _ in val], [v for _, v in val], "o-", color="tab:blue", label="validation IoU (mitochondria)")
ax.axhline(0.75, color="tab:gray", ls="--", lw=1, label="goal 0.75")
ax.set_xlabel("training minutes (2-core CPU)")
ax.set_ylabel("IoU")
ax.set_ylim(0, 1)
ax2 = ax.twinx()
k = 50  # running mean of the loss over 50 iterations
sm = [sum(v for _, v in loss[max(0, i - k + 1):i + 1]) / min(k, i + 1) for i in range(len(loss))]
ax2.plot([m for m, _ in loss], sm, color="tab:orange", lw=1, alpha=0.7, label="training loss (mean of 50)")
ax2.set_ylabel("loss")
lines = ax.get_legend_handles_labels()[0] + ax2.get_legend_handles_labels()[0]
labels = ax.get_legend_handles_labels()[1] + ax2.get_legend_handles_labels()[1]
ax.legend(lines, labels, loc="lower right")
ax.set_title("vemseg train, cdeep3m-mito, default settings")
fig.tight_layout()
fig.savefig(sys.argv[2], dpi=100)
print(f"best validation IoU {max(v for _, v in val):.4f}; wrote {sys.argv[2]}")
