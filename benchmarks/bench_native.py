#!/usr/bin/env python
"""CPU per region with Word charts (``charts="native"``) against pictures, and where it goes.

For each mode, in a process of its own: a synthetic national dataset (or ``--data``) is scored
once, a DocumentMaker made once, the first ``--warm`` regions rendered to warm the process (its
kept frames, compiled templates, a province's comparison), then the next ``--regions`` regions
timed with the process's CPU clock (time.process_time): their charts
(``FigureMaker.for_region``), and the whole region (charts, context, the three documents
rendered in memory; nothing written). With ``--profile``, cProfile's top functions of the
timed regions. The whole 514-region run, as a user types it, is timed with /usr/bin/time
(benchmarks/README.md).

    python benchmarks/bench_native.py                      # 60 regions of a 514-region dataset
    python benchmarks/bench_native.py --regions 120 --profile
"""
from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def child(data_path: str, mode: str, warm: int, n: int, profile: bool) -> dict:
    import evalreport
    from evalreport.run.documents import DocumentMaker
    from evalreport.word.rendering import render

    data = evalreport.load(data_path)
    card = evalreport.score(data)
    maker = DocumentMaker(data, card=card, charts=mode)
    regions = data.regions[: warm + n]
    for r in regions[:warm]:
        maker.render_region(r)
    prof = cProfile.Profile() if profile else None
    charts = 0.0
    start = time.process_time()
    if prof:
        prof.enable()
    for r in regions[warm:]:
        t = time.process_time()
        made = maker.figures.for_region(r)
        charts += time.process_time() - t
        ctx = maker.contexts.build(r, made)
        for doc in maker.docs:
            render(maker.templates[doc], ctx, maker.properties(doc, r), maker.env)
    if prof:
        prof.disable()
        pstats.Stats(prof, stream=sys.stderr).sort_stats("tottime").print_stats(25)
    total = time.process_time() - start
    count = len(regions) - warm
    return {"mode": mode, "regions": count, "cpu_ms_region": round(total / count * 1000, 1),
            "charts_ms_region": round(charts / count * 1000, 1),
            "charts_share": round(charts / total, 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", help="a data file (default: a synthetic 514-region dataset)")
    ap.add_argument("--regions", type=int, default=60)
    ap.add_argument("--warm", type=int, default=5)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--child", nargs=2, metavar=("DATA", "MODE"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], args.child[1], args.warm, args.regions,
                               args.profile)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        data = args.data
        if data is None:
            from evalreport.run.synthetic import write_national
            data = str(Path(tmp) / "national.xlsx")
            write_national(data, 514, 0)
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        for mode in ("picture", "native"):
            cmd = [sys.executable, __file__, "--child", data, mode, "--regions",
                   str(args.regions), "--warm", str(args.warm)] + (["--profile"] if args.profile else [])
            out = subprocess.run(cmd, check=True, capture_output=True, text=True)
            if args.profile:
                print(out.stderr)
            r = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"{mode:8s} {r['cpu_ms_region']:7.1f} ms CPU per region, charts "
                  f"{r['charts_ms_region']:6.1f} ms ({r['charts_share']:.0%}) over "
                  f"{r['regions']} regions")
        print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
