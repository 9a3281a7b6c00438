#!/usr/bin/env python
"""Two versions of evalreport against each other in one process, round by round: CPU per
region of each, and the ratio per round.

On a machine whose speed moves by a fifth between minutes, two runs taken one after the other
can show a change that is not there, or hide one that is. Here both versions live in one
process (each copied under a module name of its own), load and score the same data once, warm
up on one region, and then render the same few regions of the largest province in turn, round
after round, so that each round's ratio compares the two under the same conditions. The median
of the ratios is the figure to read.

    python benchmarks/bench_pair.py OLD_TREE NEW_TREE --data national.xlsx
    python benchmarks/bench_pair.py ../evalreport-main . --rounds 40 --per 2

A tree is a folder holding the ``evalreport`` package (a checkout, or a git worktree of another
commit). Templates come from the first tree. ``national.xlsx``: ``evalreport synthetic
national.xlsx``.
"""
from __future__ import annotations

import argparse
import importlib
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path


def maker(tree: Path, name: str, root: Path, data_path: str, charts: str):
    """``tree``'s evalreport as the module ``name``: its DocumentMaker over the data, the
    largest province's regions, and a folder to write into, warmed on that province's first
    region."""
    shutil.copytree(tree / "evalreport", root / name,
                    ignore=shutil.ignore_patterns("__pycache__"))
    ev = importlib.import_module(name)
    documents = importlib.import_module(f"{name}.run.documents")
    data = ev.load(data_path)
    made = documents.DocumentMaker(data, card=ev.score(data), charts=charts)
    groups: dict = {}
    for r in data.regions:
        groups.setdefault(r.parent, []).append(r)
    regions = max(groups.values(), key=len)
    out = tempfile.mkdtemp()
    made.region(regions[0], out)
    return made, regions[1:], out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("old", type=Path, help="the tree measured first in even rounds")
    ap.add_argument("new", type=Path)
    ap.add_argument("--data", default="national.xlsx", help="a dataset (default national.xlsx)")
    ap.add_argument("--rounds", type=int, default=40)
    ap.add_argument("--per", type=int, default=2, help="regions per version and round")
    ap.add_argument("--charts", default="picture", choices=("picture", "native"))
    args = ap.parse_args()
    root = Path(tempfile.mkdtemp())
    sys.path.insert(0, str(root))
    sys.path.insert(1, str(args.old.resolve()))  # the templates, as "evalreport"
    pair = [maker(t.resolve(), f"evalreport_{n}", root, args.data, args.charts)
            for n, t in enumerate((args.old, args.new))]
    ms: list[list[float]] = [[], []]
    for k in range(args.rounds):
        for n in ((0, 1) if k % 2 == 0 else (1, 0)):  # each goes first every other round
            made, regions, out = pair[n]
            chunk = [regions[(k * args.per + i) % len(regions)] for i in range(args.per)]
            t = time.process_time()
            for r in chunk:
                made.region(r, out)
            ms[n].append((time.process_time() - t) / args.per * 1000)
    for tree, values in zip((args.old, args.new), ms):
        print(f"{str(tree):40s} median {statistics.median(values):7.1f} ms a region "
              f"(range {min(values):.0f}-{max(values):.0f})")
    ratios = [b / a for a, b in zip(*ms)]
    q = statistics.quantiles(ratios, n=4)
    print(f"new / old per round: median {statistics.median(ratios):.3f} "
          f"(quartiles {q[0]:.3f}-{q[2]:.3f}, {len(ratios)} rounds)")


if __name__ == "__main__":
    main()
