"""Markdown tables from the halo sweep's results.csv: per architecture and input, max |prob8 tiled - prob8 whole|
and the fraction of voxels that differ at all, against both references; then the smallest halo within 1/255
(max diff <= 1) on every input. Usage: table.py RESULTS.csv"""
import csv
import sys
from collections import defaultdict

rows = list(csv.DictReader(open(sys.argv[1])))
cell = {}
halos = sorted({int(r["halo"]) for r in rows})
archs = list(dict.fromkeys(r["arch"] for r in rows))
inputs = list(dict.fromkeys(r["input"] for r in rows))
for r in rows:
    cell[r["arch"], r["input"], int(r["halo"]), r["ref"]] = (int(r["max_diff"]), float(r["frac_diff"]))
REFS = ("whole-same-halo", "whole-big", "whole-vs-whole-big")
for ref in REFS:
    print(f"\nreference: {ref}; each cell max |diff| in prob8 levels / fraction of voxels differing\n")
    print("| architecture | input | " + " | ".join(f"halo {h}" for h in halos) + " |")
    print("|---|---|" + "---:|" * len(halos))
    for a in archs:
        for i in inputs:
            cells = []
            for h in halos:
                c = cell.get((a, i, h, ref))
                cells.append("–" if c is None else f"{c[0]} / {100 * c[1]:.3g}%")
            print(f"| {a} | {i} | " + " | ".join(cells) + " |")
print("\nsmallest halo with max |diff| <= 1 on every input (from which all larger halos also pass):\n")
print("| architecture | tiled vs whole, same halo | tiled vs whole, large halo | whole vs whole, large halo |")
print("|---|---:|---:|---:|")
for a in archs:
    out = []
    for ref in REFS:
        ok = None
        for h in reversed(halos):
            cs = [cell.get((a, i, h, ref)) for i in inputs]
            if any(c is None or c[0] > 1 for c in cs):
                break
            ok = h
        out.append("none tested" if ok is None else str(ok))
    print(f"| {a} | " + " | ".join(out) + " |")
