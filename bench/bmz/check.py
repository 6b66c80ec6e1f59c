#!/usr/bin/env python3
"""Checks a bioimage.io package exported by `vemseg export --bmz` with a real PyTorch.

For each package: unzip it, check rdf.yaml's required fields and the sha256 of every file it names, build the
architecture from the package's source with its kwargs, load the state dict with
torch.load(weights_only=True) and load_state_dict(strict=True), apply the input's preprocessing to the test
input, run the model in eval mode and compare with the test output.

    /usr/bin/python3 bench/bmz/check.py [--tolerance 1e-4] package.zip [package.zip ...]

Prints one line per package ("OK name: max |diff| = ..." or "FAIL ..."), exits 1 if any fails.
Needs torch, numpy and yaml (Debian: python3-torch python3-yaml).
"""
import argparse
import hashlib
import importlib.util
import os
import sys
import tempfile
import zipfile

import numpy as np
import torch
import yaml

REQUIRED = ["type", "format_version", "name", "description", "authors", "cite", "license", "documentation",
            "inputs", "outputs", "weights"]


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def check_file(root, ref, what):
    path = os.path.join(root, ref["source"])
    if not os.path.isfile(path):
        raise ValueError("%s %s is not in the package" % (what, ref["source"]))
    if sha256(path) != ref["sha256"]:
        raise ValueError("%s %s: sha256 does not match rdf.yaml" % (what, ref["source"]))
    return path


def preprocess(x, steps):
    for step in steps or []:
        kw = step.get("kwargs", {})
        if step["id"] == "ensure_dtype":
            x = x.astype(kw["dtype"])
        elif step["id"] == "fixed_zero_mean_unit_variance":
            x = (x - np.float32(kw["mean"])) / np.float32(kw["std"])
        elif step["id"] == "scale_linear":
            x = x * np.float32(kw.get("gain", 1)) + np.float32(kw.get("offset", 0))
        else:
            raise ValueError("preprocessing %s is not handled by this check" % step["id"])
    return x.astype(np.float32)


def check(package, tolerance):
    with tempfile.TemporaryDirectory() as root:
        with zipfile.ZipFile(package) as z:
            z.extractall(root)
        with open(os.path.join(root, "rdf.yaml")) as f:
            rdf = yaml.safe_load(f)
        missing = [k for k in REQUIRED if k not in rdf]
        if missing:
            raise ValueError("rdf.yaml lacks " + ", ".join(missing))
        if rdf["type"] != "model" or not str(rdf["format_version"]).startswith("0.5."):
            raise ValueError("not a model of format 0.5.x")
        inp, out = rdf["inputs"][0], rdf["outputs"][0]
        w = rdf["weights"]["pytorch_state_dict"]
        arch = w["architecture"]
        source = check_file(root, arch, "architecture")
        spec = importlib.util.spec_from_file_location("vemseg_export_arch", source)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        model = getattr(module, arch["callable"])(**arch.get("kwargs", {}))
        state = torch.load(check_file(root, w, "weights"), map_location="cpu", weights_only=True)
        model.load_state_dict(state, strict=True)
        model.eval()
        x = preprocess(np.load(check_file(root, inp["test_tensor"], "test input")), inp.get("preprocessing"))
        expected = np.load(check_file(root, out["test_tensor"], "test output"))
        with torch.no_grad():
            y = model(torch.from_numpy(x)).numpy()
        if y.shape != expected.shape:
            raise ValueError("output shape %s, expected %s" % (y.shape, expected.shape))
        diff = float(np.max(np.abs(y - expected)))
        return rdf["name"], diff, diff <= tolerance


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tolerance", type=float, default=1e-4)
    ap.add_argument("packages", nargs="+")
    args = ap.parse_args()
    failed = 0
    for p in args.packages:
        try:
            name, diff, ok = check(p, args.tolerance)
            print("%s %s (%s): max |diff| = %.3g (tolerance %g)" % ("OK" if ok else "FAIL", p, name, diff,
                                                                     args.tolerance))
            failed += 0 if ok else 1
        except Exception as e:  # one line per package, whatever went wrong
            print("FAIL %s: %s: %s" % (p, type(e).__name__, e))
            failed += 1
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
