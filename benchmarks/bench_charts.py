#!/usr/bin/env python
"""What the charts cost per region: by pixel density, and what highlighting the report's own
region in the comparison pictures costs.

Issue "what the reviewer sees on paper", items 5 and 8. For each dpi (150, 200, 300 by
default), in a fresh child process so that kept frames and cached text start empty, on a
dataset (the sample province by default, or a synthetic national one with ``--regions N``):

* CPU ms per region of a region's charts (``FigureMaker.for_region``: achievement, target vs
  actual, trend, and its group's comparison pictures with its own row highlighted), warm: the
  mean over the regions after the first of each group;
* of which the comparison pictures, and the once-per-group cost of drawing a group's pictures
  (the frame the highlight is drawn over);
* the alternative: each region's comparison pictures drawn whole (``EVALREPORT_STOCK=frames``
  for them), i.e. per-region pictures without kept frames;
* CPU ms per region of a whole region (``DocumentMaker.render_region``: charts, context and the
  three documents), warm;
* the kept frames' memory after the run, and the PNG bytes of one region's charts.

    python benchmarks/bench_charts.py                  # the sample province, 150/200/300 dpi
    python benchmarks/bench_charts.py --regions 60     # a synthetic national dataset
    python benchmarks/bench_charts.py --dpi 200        # one density
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _cpu() -> float:
    return time.process_time()


def child(dpi: int, regions: int) -> dict:
    sys.path.insert(0, str(ROOT))
    import evalreport
    from evalreport import _fast
    from evalreport.charts import frames
    from evalreport.charts.figures import FigureMaker
    from evalreport.run.documents import DocumentMaker
    from evalreport.run.synthetic import national_dataset

    data = (national_dataset(regions, seed=0) if regions
            else evalreport.load(ROOT / "samples" / "jatim.yaml"))
    card = evalreport.score(data)
    by_group: dict = {}
    for r in data.regions:
        by_group.setdefault(r.parent, []).append(r)
    groups = [g for g in by_group.values() if len(g) > 1]
    out: dict = {"dpi": dpi, "regions": len(data.regions), "groups": len(groups)}

    maker = FigureMaker(card, dpi=dpi)
    maker.for_region(data.regions[0])  # fonts, text cache, first frames: not per region
    own = comp = 0.0
    n = 0
    frame_once = 0.0
    for g in groups:
        for key in [k for k in frames._frames if k[0] == "region"]:
            del frames._frames[key]  # drawn by the warm-up: draw this group's afresh
        t = _cpu()
        maker.comparison(g[0].parent)  # the group's pictures, no highlight: the kept frames
        frame_once += _cpu() - t
        for r in g:
            t = _cpu()
            maker.for_region(r)
            total = _cpu() - t
            t = _cpu()
            maker.comparison(r.parent, focus=r.code)
            comp += _cpu() - t
            own += total
            n += 1
    out["charts_ms"] = 1000 * own / n
    out["comparison_ms"] = 1000 * comp / n
    out["group_frames_ms"] = 1000 * frame_once / len(groups)
    out["frames_mb"] = sum(f.size for f in frames._frames.values()) / 2**20
    charts = maker.for_region(data.regions[-1])
    out["png_kb"] = sum(len(c.png) for c in (charts.capaian, charts.target_realisasi, charts.tren)
                        + tuple(p["gambar"] for p in charts.perbandingan)) / 1024

    os.environ[_fast.SWITCH] = "frames"  # the same pictures, each drawn whole for its region
    frames.clear_frames()
    whole = 0.0
    for g in groups:
        for r in g:
            t = _cpu()
            maker.comparison(r.parent, focus=r.code)
            whole += _cpu() - t
    out["comparison_whole_ms"] = 1000 * whole / n
    del os.environ[_fast.SWITCH]

    frames.clear_frames()
    docs = DocumentMaker(data, dpi=dpi, card=card)
    docs.render_region(data.regions[0])
    t = _cpu()
    shown = data.regions[1:]
    for r in shown:
        docs.render_region(r)
    out["region_ms"] = 1000 * (_cpu() - t) / len(shown)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dpi", default="150,200,300", help="densities, comma-separated")
    ap.add_argument("--regions", type=int, default=0,
                    help="a synthetic national dataset of N regions instead of the sample")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.regions)))
        return
    rows = []
    for dpi in (int(d) for d in args.dpi.split(",")):
        res = subprocess.run([sys.executable, __file__, "--child", str(dpi), "--regions",
                              str(args.regions)], capture_output=True, text=True, check=True)
        rows.append(json.loads(res.stdout.strip().splitlines()[-1]))
    r0 = rows[0]
    print(f"{r0['regions']} regions in {r0['groups']} groups; CPU ms per region (warm), "
          f"load average {os.getloadavg()[0]:.2f}")
    print(f"{'dpi':>4} {'charts':>7} {'of which':>9} {'whole':>7} {'group':>7} {'region':>7} "
          f"{'frames':>7} {'PNGs':>7}")
    print(f"{'':>4} {'':>7} {'compare':>9} {'compare':>7} {'once':>7} {'3 docs':>7} "
          f"{'MB':>7} {'KB':>7}")
    for r in rows:
        print(f"{r['dpi']:>4} {r['charts_ms']:>7.0f} {r['comparison_ms']:>9.0f} "
              f"{r['comparison_whole_ms']:>7.0f} {r['group_frames_ms']:>7.0f} "
              f"{r['region_ms']:>7.0f} {r['frames_mb']:>7.0f} {r['png_kb']:>7.0f}")


if __name__ == "__main__":
    main()
