#!/usr/bin/env python
"""Batch speed and memory: evalreport.run_batch over a synthetic national dataset, against the
naive single-process renderer of bench_render.py.

Issue "batch", item 6. For each size (50 and 514 regions by default) it generates the synthetic
national dataset (``evalreport.synthetic``) in a temporary folder and prints:

* regions/s, documents/s and wall time of ``run_batch(..., jobs=N, pdf=False, summary=False)``;
* peak memory: the largest single process (ru_maxrss of the main process and, through
  RUSAGE_CHILDREN, of the largest worker) and all processes together (RSS and PSS of the whole
  process tree, polled from /proc every 50 ms);
* the same for the naive single-process implementation doing the same work. For 514 regions
  the naive run takes long: it is run in full only if its estimate fits the budget
  (``--naive-budget``, 600 s); otherwise on an evenly spread subset of the 514 regions, and
  the full time is extrapolated from it, which the output says;
* the ratio (target: >= 4x the naive single-process throughput) and the 514-region wall time
  (target: under 90 s);
* where the time goes: run_batch's phases (set-up, shared comparison charts, regions) and,
  inside the workers, charts / context / render / write per region.

Each run is a child process of its own, so rusage figures are its own. The data is loaded from
the generated workbook (.xlsx, the format users keep); the time to load the same data from YAML
and from xlsx is printed separately.

    python benchmarks/bench_batch.py                     # 50 and 514 regions, jobs=2
    python benchmarks/bench_batch.py --quick             # 50 regions; naive on 16 of them
    python benchmarks/bench_batch.py --regions 514 --jobs 2 --skip-naive
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_render import (  # noqa: E402
    DOCS,
    NaiveRenderer,
    chart_sizes_from_docx,
    fill_missing_sizes,
    hwm_mb,
    maxrss_mb,
    table,
    template_paths,
)

TARGET_RATIO, TARGET_514_S = 4.0, 90.0


# ------------------------------------------------------------------------- process-tree memory

def _tree(root: int) -> list[int]:
    """root and all its descendants (from /proc/*/stat)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += children.get(pid, [])
    return out


def _mem(pid: int) -> tuple[float, float]:
    """(RSS, PSS) of one process, MB (PSS shares copy-on-write pages fairly between workers)."""
    rss = pss = 0.0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1]) / 1024
            elif line.startswith("Pss:"):
                pss = int(line.split()[1]) / 1024
    except OSError:
        pass
    return rss, pss


class TreeMemory(threading.Thread):
    """Polls a process tree: the peak of its summed RSS and PSS, and of any single RSS."""

    def __init__(self, pid: int, every: float = 0.05):
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.sum_rss = self.sum_pss = self.max_one = 0.0
        self.max_procs = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            pids = _tree(self.pid)
            mems = [_mem(p) for p in pids]
            self.sum_rss = max(self.sum_rss, sum(m[0] for m in mems))
            self.sum_pss = max(self.sum_pss, sum(m[1] for m in mems))
            self.max_one = max([self.max_one] + [m[0] for m in mems])
            self.max_procs = max(self.max_procs, len(pids))
            self._halt.wait(self.every)

    def stop(self) -> None:
        self._halt.set()
        self.join()


# --------------------------------------------------------------------------------- children

def _cpu() -> tuple[float, float]:
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime, c.ru_utime + c.ru_stime


_ACC: dict[str, float] = {}  # per process: worker timings (forked workers get their own copy)
_ORIG: dict[str, Any] = {}
_STATS_DIR: list[Path] = []


def _add(label: str, seconds: float) -> None:
    _ACC[label] = _ACC.get(label, 0.0) + seconds


def _timed(owner, name: str, label: str) -> None:
    orig = getattr(owner, name)

    def wrapper(*a, **k):
        t = time.perf_counter()
        try:
            return orig(*a, **k)
        finally:
            _add(label, time.perf_counter() - t)
    setattr(owner, name, wrapper)


def _init_timed(shared):
    """batch._region_worker (a region worker's set-up), timed."""
    t = time.perf_counter()
    try:
        return _ORIG["init"](shared)
    finally:
        _add("worker set-up (_init)", time.perf_counter() - t)


def _chart_init_timed(shared):
    """batch._chart_worker (a shared-chart worker's set-up), timed."""
    t = time.perf_counter()
    try:
        return _ORIG["chart_init"](shared)
    finally:
        _add("shared pool worker set-up", time.perf_counter() - t)
        (_STATS_DIR[0] / f"{os.getpid()}.json").write_text(json.dumps(_ACC))


def _one_timed(state, code):
    t = time.perf_counter()
    try:
        return _ORIG["one"](state, code)
    finally:
        _add("region total (_render_one)", time.perf_counter() - t)
        _add("regions", 1)
        (_STATS_DIR[0] / f"{os.getpid()}.json").write_text(json.dumps(_ACC))


_PHASES = {"evalreport-charts": "shared", "evalreport-region": "regions", "evalreport-pdf": "pdf"}


def _instrument(stats_dir: Path) -> dict[str, float]:
    """Time run_batch's phases (through the process pool's map) and, in each worker, charts /
    context / render / write per region (through the names documents.py calls; workers are
    forked, so they inherit these wrappers). Worker totals go to stats_dir/<pid>.json after
    each region."""
    from evalreport.run import batch, documents, executor

    marks: dict[str, float] = {}
    _STATS_DIR.append(stats_dir)
    _timed(documents.FigureMaker, "for_region", "charts (FigureMaker.for_region)")
    _timed(documents.ContextBuilder, "build", "context (ContextBuilder.build)")
    _timed(documents, "render_docx", "render (rendering.render)")
    _timed(documents, "write_together", "write (write_together)")
    _ORIG.update(init=batch._region_worker, chart_init=batch._chart_worker, one=batch._render_one,
                 map=executor.ProcessPool.map)

    def timed_map(self, prepare, task, shared, items, ready=None, name="evalreport"):
        label = _PHASES.get(name, "other")
        marks[f"{label} start"] = time.perf_counter()
        try:
            yield from _ORIG["map"](self, prepare, task, shared, items, ready, name)
        finally:
            marks[f"{label} end"] = time.perf_counter()

    batch._region_worker, batch._chart_worker, batch._render_one = (
        _init_timed, _chart_init_timed, _one_timed)
    executor.ProcessPool.map = timed_map
    return marks


def child(spec: dict) -> dict:
    import evalreport
    from evalreport.run.batch import run_batch
    from evalreport.scoring.scorecard import score

    t = time.perf_counter()
    data = evalreport.load(spec["data"])
    load_s = time.perf_counter() - t
    by_code = {r.code: r for r in data.regions}
    codes = spec.get("regions") or [r.code for r in data.regions]
    out = Path(spec["out"])
    res: dict[str, Any] = {"load_s": load_s, "n": len(codes)}
    if spec["engine"] == "evalreport":
        stats_dir = Path(spec["stats"])
        stats_dir.mkdir(parents=True, exist_ok=True)
        marks = _instrument(stats_dir)
        cpu0 = _cpu()
        t0 = time.perf_counter()
        result = run_batch(data, out, regions=spec.get("regions"), docs=DOCS, templates=spec["templates"],
                           jobs=spec["jobs"], pdf=False, summary=False,
                           **({"dpi": spec["dpi"]} if spec.get("dpi") else {}))
        wall = time.perf_counter() - t0
        cpu1 = _cpu()
        res.update(wall=wall, failures=[o.describe("en") for o in result.failures][:5],
                   docs=sum(1 for p in result.paths if p.suffix == ".docx"),
                   marks={k: v - t0 for k, v in marks.items()})
        workers = [json.loads(p.read_text()) for p in stats_dir.glob("*.json")]
        res["workers"] = workers
        t = time.perf_counter()
        score(data)
        res["score_s"] = time.perf_counter() - t
        res["parents"] = len({by_code[c].parent for c in codes})
    else:
        sizes = json.loads(Path(spec["sizes"]).read_text())
        cpu0 = _cpu()
        t0 = time.perf_counter()
        naive = NaiveRenderer(data, spec["templates"], sizes)
        for c in codes:
            naive.region(by_code[c], out)
        wall = time.perf_counter() - t0
        cpu1 = _cpu()
        res.update(wall=wall, docs=len(codes) * len(DOCS), phases=naive.phases, failures=[])
    res["cpu_self"], res["cpu_children"] = cpu1[0] - cpu0[0], cpu1[1] - cpu0[1]
    res["maxrss_self_mb"] = hwm_mb()  # not ru_maxrss: that carries this script's peak over the exec
    res["maxrss_children_mb"] = maxrss_mb(resource.RUSAGE_CHILDREN)
    return res


def run_child(spec: dict, workdir: Path, timeout: float = 3600.0) -> dict:
    spec_file = workdir / f"spec-{spec['engine']}-{time.monotonic_ns()}.json"
    spec_file.write_text(json.dumps(spec))
    proc = subprocess.Popen([sys.executable, __file__, "--child", str(spec_file)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)  # its own process group, to stop it whole
    mem = TreeMemory(proc.pid)
    mem.start()
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGTERM)  # the child and its workers, nothing else
        stdout, stderr = proc.communicate()
        mem.stop()
        sys.stderr.write(stderr[-3000:])
        raise SystemExit(f"{spec['engine']} child took longer than {timeout:.0f} s; stopped") from None
    mem.stop()
    if proc.returncode != 0:
        sys.stderr.write(stdout + stderr)
        raise SystemExit(f"{spec['engine']} child failed (exit {proc.returncode})")
    res = json.loads(stdout.strip().splitlines()[-1])
    res.update(tree_rss_mb=mem.sum_rss, tree_pss_mb=mem.sum_pss, max_one_mb=mem.max_one,
               procs=mem.max_procs)
    return res


# ------------------------------------------------------------------------------------- main

def _spread(codes: list[str], k: int) -> list[str]:
    """k codes evenly spread over the list (so every part of the country is in)."""
    if k >= len(codes):
        return list(codes)
    return [codes[int(i * len(codes) / k)] for i in range(k)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--regions", default="", help="sizes to run, comma-separated (default 50,514; --quick 50)")
    ap.add_argument("--jobs", type=int, default=2, help="run_batch worker processes (default 2)")
    ap.add_argument("--quick", action="store_true", help="50 regions only, naive on 16 of them")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--naive-budget", type=float, default=600.0,
                    help="run the naive renderer on all regions only if its estimate is below this (s)")
    ap.add_argument("--naive-sample", type=int, default=0,
                    help="regions in the naive subset when the full run does not fit (default 40, --quick 16)")
    ap.add_argument("--skip-naive", action="store_true")
    ap.add_argument("--timeout", type=float, default=3600.0, help="stop a run that takes longer (s)")
    ap.add_argument("--templates", help="folder with laporan-evaluasi.docx etc. instead of the bundled ones")
    ap.add_argument("--dpi", type=int, default=0, help="the charts' dpi (default: run_batch's)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(json.loads(Path(args.child).read_text()))))
        return 0

    from evalreport import load
    from evalreport.run.synthetic import write_national

    sizes_wanted = [int(x) for x in (args.regions or ("50" if args.quick else "50,514")).split(",") if x]
    naive_k = args.naive_sample or (16 if args.quick else 40)
    print(f"evalreport bench_batch — {time.strftime('%Y-%m-%d %H:%M')}, Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start")
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmpname:
        tmp = Path(tmpname)
        templates, which = template_paths(tmp, args.templates)
        print(f"templates: {which}")
        print(f"run_batch(jobs={args.jobs}, pdf=False, summary=False) vs naive single process; "
              f"documents: {', '.join(DOCS)}\n")
        rows, notes, phase_lines = [], [], []
        per_region_naive: dict[int, float] = {}
        results: dict[int, dict] = {}
        for n in sizes_wanted:
            # the data: generated, written as YAML and as xlsx; load times of both
            t = time.perf_counter()
            yaml_path = write_national(tmp / f"national-{n}.yaml", n, args.seed)
            xlsx_path = write_national(tmp / f"national-{n}.xlsx", n, args.seed)
            gen_s = time.perf_counter() - t
            t = time.perf_counter()
            data = load(yaml_path)
            yaml_s = time.perf_counter() - t
            t = time.perf_counter()
            load(xlsx_path)
            xlsx_s = time.perf_counter() - t
            codes = [r.code for r in data.regions]
            parents = len({r.parent for r in data.regions})
            print(f"{n} regions in {parents} provinces, {len(data.observations)} values: generated in "
                  f"{gen_s:.1f} s; load: YAML {yaml_s:.1f} s ({yaml_path.stat().st_size / 1e6:.1f} MB), "
                  f"xlsx {xlsx_s:.1f} s ({xlsx_path.stat().st_size / 1e6:.1f} MB)")

            ev = run_child({"engine": "evalreport", "data": str(xlsx_path), "out": str(tmp / f"ev-{n}"),
                            "stats": str(tmp / f"stats-{n}"), "templates": templates, "jobs": args.jobs,
                            "dpi": args.dpi},
                           tmp, args.timeout)
            results[n] = ev
            if ev["failures"]:
                print(f"  evalreport failures: {ev['failures']}")
            rows.append([f"evalreport run_batch jobs={args.jobs}", n, ev["docs"], f"{ev['wall']:.1f}",
                         f"{n / ev['wall']:.2f}", f"{ev['docs'] / ev['wall']:.2f}",
                         f"{ev['cpu_self'] + ev['cpu_children']:.0f}",
                         f"{ev['maxrss_self_mb']:.0f} / {ev['maxrss_children_mb']:.0f}",
                         f"{ev['tree_rss_mb']:.0f}", f"{ev['tree_pss_mb']:.0f}", ""])
            phase_lines.append(_phases(n, ev, args.jobs))

            if args.skip_naive:
                continue
            sizes = chart_sizes_from_docx(tmp / f"ev-{n}")
            fill_missing_sizes(data, data.regions, sizes)
            (tmp / f"sizes-{n}.json").write_text(json.dumps(sizes))
            # the naive run in full if it fits the budget (estimated from the smaller sizes, else
            # assumed to fit up to 100 regions), else on an evenly spread subset
            estimate = min(per_region_naive.values()) * n if per_region_naive else None
            fits = estimate <= args.naive_budget if estimate is not None else n <= 100
            subset = _spread(codes, naive_k) if (args.quick or not fits) else codes
            nv = run_child({"engine": "naive", "data": str(xlsx_path), "out": str(tmp / f"naive-{n}"),
                            "sizes": str(tmp / f"sizes-{n}.json"), "templates": templates,
                            "regions": subset}, tmp, args.timeout)
            per_region = nv["wall"] / len(subset)
            per_region_naive[n] = per_region
            full = per_region * n
            cpu_full = (nv["cpu_self"] + nv["cpu_children"]) / len(subset) * n
            how = ""
            if len(subset) < n:
                how = f"EXTRAPOLATED from {len(subset)} of {n}"
                notes.append(f"naive, {n} regions: run on {len(subset)} regions spread over the country "
                             f"({nv['wall']:.0f} s); the full time is extrapolated linearly: "
                             f"{per_region:.2f} s/region x {n} = {full:.0f} s")
            rows.append(["naive single process", n, n * len(DOCS), f"{full:.1f}", f"{n / full:.2f}",
                         f"{n * len(DOCS) / full:.2f}", f"{cpu_full:.0f}",
                         f"{nv['maxrss_self_mb']:.0f} / -",
                         f"{nv['tree_rss_mb']:.0f}", f"{nv['tree_pss_mb']:.0f}", how])
            ratio = full / ev["wall"]
            notes.append(f"{n} regions: evalreport / naive throughput {ratio:.2f}x "
                         f"(target >= {TARGET_RATIO:.0f}x: {'MET' if ratio >= TARGET_RATIO else 'NOT MET'})")
            nph = nv["phases"]
            tot = sum(nph.values())
            phase_lines.append(f"naive, {n} regions ({len(subset)} run), per region: " + ", ".join(
                f"{k} {1000 * v / len(subset):.0f} ms ({100 * v / tot:.0f}%)" for k, v in nph.items()))

        print()
        print(table(["engine", "regions", "docs", "wall s", "regions/s", "docs/s", "CPU s",
                     "peak RSS main / largest worker MB", "all processes RSS MB", "all processes PSS MB",
                     "note"], rows))
        print("  peak RSS: of the main process (VmHWM; its ru_maxrss would carry over this script's own peak"
              " through fork + exec)\n  and of the largest worker (ru_maxrss of RUSAGE_CHILDREN);"
              "\n  all processes: peak of the process tree's summed RSS / PSS, polled every 50 ms"
              " (RSS counts pages shared by forked workers once per worker, PSS shares them out)")
        for line in notes:
            print("  " + line)
        if 514 in results:
            w = results[514]["wall"]
            print(f"  514 regions: run_batch {w:.1f} s (target < {TARGET_514_S:.0f} s: "
                  f"{'MET' if w < TARGET_514_S else 'NOT MET'}); loading the data adds "
                  f"{results[514]['load_s']:.1f} s from xlsx (more from YAML, see above)")
        print("\nwhere the time goes:")
        for block in phase_lines:
            print(block)
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (other work on the "
          "machine slows the wall times; CPU s is steadier)")
    return 0


def _phases(n: int, ev: dict, jobs: int) -> str:
    m = ev["marks"]
    lines = [f"evalreport, {n} regions, wall {ev['wall']:.1f} s, CPU {ev['cpu_self']:.1f} s main + "
             f"{ev['cpu_children']:.1f} s workers:"]
    shared_s = m.get("shared end", 0) - m.get("shared start", 0)
    lines.append(f"  set-up before the shared charts (fail-fast DocumentMaker = score + templates, "
                 f"fingerprints): {m.get('shared start', m.get('regions start', 0)):.1f} s")
    lines.append(f"  shared comparison charts ({ev['parents']} groups, a pool of {jobs}): {shared_s:.1f} s "
                 f"(score() of the whole dataset takes {ev['score_s']:.2f} s)")
    shared_setup = sum(w.get("shared pool worker set-up", 0.0) for w in ev["workers"])
    if shared_setup:
        lines.append(f"    of which the shared pool's worker set-up: {shared_setup:.1f} s CPU in all")
    if "regions start" in m:
        lines.append(f"  regions (pool of {jobs}): {m['regions end'] - m['regions start']:.1f} s; after it "
                     f"(state file): {ev['wall'] - m['regions end']:.1f} s")
    tot: dict[str, float] = {}
    for w in ev["workers"]:
        for k, v in w.items():
            tot[k] = tot.get(k, 0.0) + v
    regions = tot.pop("regions", 0) or 1
    setup = tot.pop("worker set-up (_init)", 0.0)
    shared_setup = tot.pop("shared pool worker set-up", 0.0)
    tot.pop("other pool worker set-up", None)
    whole = tot.get("region total (_render_one)", 0.0)
    parts = " | ".join(f"{k} {1000 * v / regions:.0f} ms ({100 * v / whole:.0f}%)"
                       for k, v in tot.items() if k != "region total (_render_one)")
    nworkers = sum(1 for w in ev["workers"] if w.get("regions"))
    lines.append(f"  in the workers, per region (sum over {nworkers} workers / {int(regions)} regions): "
                 f"{1000 * whole / regions:.0f} ms = {parts}; worker set-up {setup:.1f} s in all")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
