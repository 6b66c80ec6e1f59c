#!/usr/bin/python3
"""Per-operator self time of two PyTorch profiler Chrome traces (vemseg's and the PyTorch peer's), for
bench/train-speed/profile.sh. Usage: profile_compare.py VEMSEG_TRACE.json PYTORCH_TRACE.json [ITERATIONS]

Self time = an event's duration minus that of the events nested in it on the same thread; printed per
iteration (both traces cover ITERATIONS iterations, default 50), largest differences first.
"""
import json
import sys
from collections import defaultdict
def load(fn, iters):
    ev = json.load(open(fn))
    ev = ev["traceEvents"] if isinstance(ev, dict) else ev
    ev = [e for e in ev if e.get("ph") == "X"]
    # self time: subtract children on the same thread (events nested by ts/dur)
    by_tid = defaultdict(list)
    for e in ev: by_tid[e.get("tid")].append(e)
    selft = defaultdict(float); cnt = defaultdict(int)
    for tid, es in by_tid.items():
        es.sort(key=lambda e: (e["ts"], -e.get("dur", 0)))
        stack = []
        for e in es:
            while stack and stack[-1]["ts"] + stack[-1]["dur"] <= e["ts"]:
                stack.pop()
            if stack:
                selft[stack[-1]["name"]] -= e["dur"]
            selft[e["name"]] += e["dur"]; cnt[e["name"]] += 1
            stack.append(e)
    return {k: (cnt[k]/iters, selft[k]/iters/1000) for k in cnt}
n = int(sys.argv[3]) if len(sys.argv) > 3 else 50
a = load(sys.argv[1], n); b = load(sys.argv[2], n)
ta = sum(v[1] for v in a.values()); tb = sum(v[1] for v in b.values())
print(f"operator self time per iteration, ms: vemseg {ta:.1f}, pytorch {tb:.1f}")
print(f"{'operator':60s} {'vemseg n':>8s} {'ms':>7s} {'torch n':>8s} {'ms':>7s}")
keys = sorted(set(a) | set(b), key=lambda k: -abs(a.get(k, (0,0))[1] - b.get(k, (0,0))[1]))
for k in keys[:30]:
    x = a.get(k, (0,0)); y = b.get(k, (0,0))
    print(f"{k[:60]:60s} {x[0]:7.1f} {x[1]:7.2f} {y[0]:7.1f} {y[1]:7.2f}  diff {x[1]-y[1]:+6.2f}")
