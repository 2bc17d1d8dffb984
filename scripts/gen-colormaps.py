#!/usr/bin/env python3
"""Writes viz's colormap tables (run once; the output is committed).

Usage: scripts/gen-colormaps.py PATH/TO/matplotlib/_cm_listed.py

Reads the 256-entry RGB tables of magma, inferno, plasma and viridis from matplotlib's
_cm_listed.py (the published data of the colormaps by Nathaniel J. Smith, Stefan van der Walt
and, for viridis, Eric Firing, released under CC0) without importing matplotlib, and writes one
text file per map: 256 lines "r g b" with the values exactly as published (floats in [0, 1]).
"""
import ast
import pathlib
import sys

NAMES = ["magma", "inferno", "plasma", "viridis"]


def main(src):
    tree = ast.parse(pathlib.Path(src).read_text())
    tables = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            for cmap in NAMES:
                if name == "_%s_data" % cmap:
                    tables[cmap] = ast.literal_eval(node.value)
    out = pathlib.Path(__file__).resolve().parent.parent / "viz/src/main/resources/org/convscope/viz/colormaps"
    out.mkdir(parents=True, exist_ok=True)
    for cmap in NAMES:
        rows = tables[cmap]
        assert len(rows) == 256 and all(len(r) == 3 for r in rows), cmap
        text = "# %s: matplotlib's 256-entry table (CC0), r g b in [0, 1]\n" % cmap
        text += "".join("%.6f %.6f %.6f\n" % tuple(r) for r in rows)
        (out / ("%s.txt" % cmap)).write_text(text)
        print("wrote", out / ("%s.txt" % cmap))


if __name__ == "__main__":
    main(sys.argv[1])
