#!/usr/bin/env python
"""What each speed trick of evalreport._fast buys: CPU per region with every trick, with each
one switched off alone (EVALREPORT_STOCK=<trick>), and with all off (EVALREPORT_STOCK=1).

For each setting, in a process of its own: a synthetic national dataset (or ``--data``) is
scored once and a DocumentMaker made once, as a worker of a run does; the first ``--warm``
regions of the two largest provinces warm it (kept frames, compiled templates, the
province's comparison frames), then the next ``--regions`` regions, a province at a time as a
run hands them to a worker, are timed with the process's CPU clock: their charts, and the
three documents rendered and written (``DocumentMaker.region``). The rounds go setting by
setting, ``--rounds`` times over, and the median of each is printed, so a machine whose speed
drifts during the run weighs on every setting alike.

    python benchmarks/bench_tricks.py                   # 40 regions, 3 rounds, pictures
    python benchmarks/bench_tricks.py --charts native   # the docx trick with Word charts
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SETTINGS = [("every trick", ""), ("without raster", "raster"), ("without frames", "frames"),
            ("without docx", "docx"), ("stock (none)", "1")]


def child(data_path: str, charts: str, warm: int, n: int) -> dict:
    import evalreport
    from evalreport.run.documents import DocumentMaker

    data = evalreport.load(data_path)
    card = evalreport.score(data)
    maker = DocumentMaker(data, card=card, charts=charts)
    by_parent: dict[str | None, list] = {}
    for r in data.regions:
        by_parent.setdefault(r.parent, []).append(r)
    regions = [r for group in sorted(by_parent.values(), key=len, reverse=True) for r in group]
    regions = regions[: warm + n]
    with tempfile.TemporaryDirectory() as out:
        for r in regions[:warm]:
            maker.region(r, out)
        charts_s = 0.0
        start = time.process_time()
        for r in regions[warm:]:
            t = time.process_time()
            maker.figures.for_region(r)
            charts_s += time.process_time() - t
            maker.region(r, out)  # its charts again (then kept) and the documents written
        total = time.process_time() - start - charts_s
    count = len(regions) - warm
    return {"region_ms": total / count * 1000, "charts_ms": charts_s / count * 1000}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", help="a data file (default: a synthetic 514-region dataset)")
    ap.add_argument("--charts", choices=("picture", "native"), default="picture")
    ap.add_argument("--regions", type=int, default=40)
    ap.add_argument("--warm", type=int, default=4)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--child", nargs=2, metavar=("DATA", "CHARTS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], args.child[1], args.warm, args.regions)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        data = args.data
        if data is None:
            from evalreport.run.synthetic import write_national
            data = str(Path(tmp) / "national.xlsx")
            write_national(data, 514, 0)
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; charts: {args.charts}; "
              f"{args.regions} regions, median of {args.rounds} rounds")
        got: dict[str, list[dict]] = {name: [] for name, _ in SETTINGS}
        for _round in range(args.rounds):
            for name, stock in SETTINGS:
                env = dict(os.environ, EVALREPORT_STOCK=stock)
                cmd = [sys.executable, __file__, "--child", data, args.charts, "--regions",
                       str(args.regions), "--warm", str(args.warm)]
                out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env)
                got[name].append(json.loads(out.stdout.strip().splitlines()[-1]))
        base = statistics.median(r["region_ms"] for r in got[SETTINGS[0][0]])
        print("| setting | CPU per region | its charts | against every trick |")
        print("|---|---:|---:|---:|")
        for name, _ in SETTINGS:
            region = statistics.median(r["region_ms"] for r in got[name])
            charts = statistics.median(r["charts_ms"] for r in got[name])
            print(f"| {name} | {region:.0f} ms | {charts:.0f} ms | {region - base:+.0f} ms |")
        print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
