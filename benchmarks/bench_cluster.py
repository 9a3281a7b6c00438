#!/usr/bin/env python
"""A run on a Dask cluster against --jobs on this machine, at district scale; what the scheduler
costs per task; and a projection for the country's villages.

For a synthetic dataset of districts (``evalreport synthetic --level kecamatan``, 7300 by
default) it prints:

* the set-up a run does once in the driving process at that size: loading the data, scoring,
  the resume fingerprints, and the size of what is sent to each worker (the pickled dataset,
  scorecard, templates and shared charts);
* ``run_batch(jobs=2)`` and ``run_batch(cluster="local:2")`` (summary left out), each in a child
  process of its own: wall time, CPU seconds of every process of the run (psutil, polled), the
  documents per second and per CPU second, peak memory of the driving process (with
  ``local:2`` it also holds the scheduler) and of each worker; and whether both wrote the same
  bytes;
* what the scheduler costs per task: a separate scheduler process and 2 worker processes
  (``dask scheduler`` / ``dask worker``), and ``--noop`` tasks that do nothing pushed through
  :class:`evalreport.run.executor.DaskCluster` as a run pushes regions: tasks per second, and
  CPU seconds and memory of the scheduler and of the driving process per task;
* a projection on paper for ``--project`` regions (83,000 villages) on N workers.

The machine's 2 cores are shared with other work: wall times are noisy, CPU seconds steadier;
the load average is printed at the start and the end.

    python benchmarks/bench_cluster.py                       # 7300 districts: ~1 hour on 2 cores
    python benchmarks/bench_cluster.py --regions 1000        # ~10 minutes
    python benchmarks/bench_cluster.py --regions 300 --noop 1000 --engines cluster
"""
from __future__ import annotations

import argparse
import hashlib
import json
import operator
import os
import pickle
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil

HERE = Path(__file__).resolve().parent


# ------------------------------------------------------------------------ process-tree sampler

class Tree(threading.Thread):
    """Polls a process and its descendants: each one's last CPU seconds and peak RSS."""

    def __init__(self, pid: int, every: float = 0.2):
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.every = every
        self.cpu: dict[int, float] = {}
        self.rss: dict[int, float] = {}
        self.role: dict[int, str] = {}
        self._halt = threading.Event()

    def _poll(self) -> None:
        try:
            procs = [self.root] + self.root.children(recursive=True)
        except psutil.Error:
            return
        for p in procs:
            try:
                with p.oneshot():
                    t = p.cpu_times()
                    self.cpu[p.pid] = t.user + t.system
                    self.rss[p.pid] = max(self.rss.get(p.pid, 0.0), p.memory_info().rss / 2**20)
                    if p.pid not in self.role:
                        cmd = " ".join(p.cmdline())
                        self.role[p.pid] = ("main" if p.pid == self.root.pid else
                                            "tracker" if "resource_tracker" in cmd else "worker")
            except psutil.Error:
                pass

    def run(self) -> None:
        while not self._halt.is_set():
            self._poll()
            self._halt.wait(self.every)

    def stop(self) -> None:
        self._poll()
        self._halt.set()
        self.join()

    def summary(self) -> dict[str, Any]:
        workers = [pid for pid, r in self.role.items() if r == "worker"]
        return {"cpu_all": sum(self.cpu.values()),
                "cpu_main": self.cpu.get(self.root.pid, 0.0),
                "cpu_workers": sum(self.cpu[p] for p in workers),
                "rss_main": self.rss.get(self.root.pid, 0.0),
                "rss_workers": sorted((self.rss[p] for p in workers), reverse=True),
                "workers": len(workers)}


# ------------------------------------------------------------------------------- the children

def child(spec: dict) -> dict:
    """One engine's run (in a process of its own)."""
    import evalreport
    from evalreport.run.batch import run_batch

    t = time.perf_counter()
    data = evalreport.load(spec["data"])
    load_s = time.perf_counter() - t
    how = {"cluster": spec["cluster"]} if spec.get("cluster") else {"jobs": spec["jobs"]}
    t0 = time.perf_counter()
    result = run_batch(data, spec["out"], summary=False, **how)
    wall = time.perf_counter() - t0
    return {"load_s": load_s, "wall": wall, "regions": len(result.outcomes),
            "failures": [o.describe("en") for o in result.failures][:3],
            "docs": sum(1 for p in result.paths if p.suffix == ".docx")}


def run_child(spec: dict, workdir: Path) -> dict:
    path = workdir / f"spec-{time.monotonic_ns()}.json"
    path.write_text(json.dumps(spec))
    proc = subprocess.Popen([sys.executable, __file__, "--child", str(path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    tree = Tree(proc.pid)
    tree.start()
    out, err = proc.communicate()
    tree.stop()
    if proc.returncode != 0:
        sys.stderr.write(out[-3000:] + err[-3000:])
        raise SystemExit(f"child failed (exit {proc.returncode})")
    res = json.loads(out.strip().splitlines()[-1])
    res.update(tree.summary())
    return res


def scheduler_cost(n_tasks: int, workdir: Path) -> dict[str, Any]:
    """A scheduler and 2 workers in processes of their own; n_tasks no-op tasks through the
    run's executor; the scheduler's and this process's CPU and memory per task."""
    from evalreport.run.executor import DaskCluster, ProcessPool

    bin_dir = Path(sys.executable).parent
    file = workdir / "scheduler.json"
    sched = subprocess.Popen([str(bin_dir / "dask"), "scheduler", "--scheduler-file", str(file),
                              "--port", "0", "--no-dashboard"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers = None
    try:
        for _ in range(300):
            if file.exists() and file.stat().st_size:
                break
            time.sleep(0.1)
        workers = subprocess.Popen([str(bin_dir / "dask"), "worker", "--scheduler-file", str(file),
                                    "--nworkers", "2", "--nthreads", "1", "--no-dashboard"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        address = json.loads(file.read_text())["address"]
        ex = DaskCluster(address, wait=120)
        while len(ex.client.scheduler_info()["workers"]) < 2:
            time.sleep(0.2)
        sp, me = psutil.Process(sched.pid), psutil.Process()

        def cpu(p: psutil.Process) -> float:
            t = p.cpu_times()
            return t.user + t.system

        # a task that does nothing, from a module every process has (operator.add(0, n))
        list(ex.map(None, operator.add, 0, range(200)))  # warm: imports, connections
        rss0 = sp.memory_info().rss / 2**20
        s0, m0, t0 = cpu(sp), cpu(me), time.perf_counter()
        peak = rss0
        got = 0
        for _item, _r in ex.map(None, operator.add, 0, range(n_tasks)):
            got += 1
            if got % 200 == 0:
                peak = max(peak, sp.memory_info().rss / 2**20)
        wall = time.perf_counter() - t0
        s1, m1 = cpu(sp), cpu(me)
        peak = max(peak, sp.memory_info().rss / 2**20)
        ex.close()
        ex.client.close()
        pool = ProcessPool(2)
        t0, m0p = time.perf_counter(), cpu(me)
        list(pool.map(None, operator.add, 0, range(n_tasks)))
        pool_wall, pool_cpu = time.perf_counter() - t0, cpu(me) - m0p
        return {"tasks": got, "wall": wall, "sched_cpu": s1 - s0, "client_cpu": m1 - m0,
                "sched_rss0": rss0, "sched_rss_peak": peak, "pool_wall": pool_wall,
                "pool_cpu": pool_cpu}
    finally:
        for p in (workers, sched):
            if p is not None:
                p.terminate()
                try:
                    p.wait(20)
                except subprocess.TimeoutExpired:
                    p.kill()


# ------------------------------------------------------------------------------------- main

def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*.docx")):
        h.update(str(p.relative_to(folder)).encode() + p.read_bytes())
    return h.hexdigest()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--regions", type=int, default=7300, help="districts (default 7300)")
    ap.add_argument("--level", default="kecamatan", choices=["kecamatan", "desa"])
    ap.add_argument("--engines", default="jobs,cluster", help="jobs, cluster or both (default)")
    ap.add_argument("--noop", type=int, default=3000, help="no-op tasks for the scheduler's cost")
    ap.add_argument("--project", type=int, default=83000, help="regions of the projection")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(json.loads(Path(args.child).read_text()))))
        return 0

    import evalreport
    from evalreport.charts.figures import ChartCache
    from evalreport.run.batch import region_fingerprints
    from evalreport.run.documents import DOCUMENTS, resolve_templates
    from evalreport.run.synthetic import write_national

    print(f"evalreport bench_cluster — {time.strftime('%Y-%m-%d %H:%M')}, Python "
          f"{sys.version.split()[0]}, {os.cpu_count()} CPUs, "
          f"{psutil.virtual_memory().total / 2**30:.0f} GB, load average "
          f"{os.getloadavg()[0]:.1f} at start")
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    with tempfile.TemporaryDirectory(prefix="bench-cluster-") as tmpname:
        tmp = Path(tmpname)
        n = args.regions
        t = time.perf_counter()
        path = write_national(tmp / f"{args.level}-{n}.yaml", n, args.seed, level=args.level)
        gen_s = time.perf_counter() - t
        t = time.perf_counter()
        data = evalreport.load(path)
        load_s = time.perf_counter() - t
        t = time.perf_counter()
        card = evalreport.score(data)
        score_s = time.perf_counter() - t
        t = time.perf_counter()
        region_fingerprints(card, data.regions, "")
        print_s = time.perf_counter() - t
        shared = (data, card, list(DOCUMENTS), resolve_templates(list(DOCUMENTS)), "id",
                  ChartCache(), str(tmp))
        blob = len(pickle.dumps(shared, protocol=pickle.HIGHEST_PROTOCOL))
        parents = len({r.parent for r in data.regions})
        print(f"\n{n} {args.level} in {parents} comparison groups, {len(data.observations)} values "
              f"(YAML {path.stat().st_size / 1e6:.1f} MB): generated {gen_s:.1f} s, loaded "
              f"{load_s:.1f} s, scored {score_s:.1f} s, resume fingerprints {print_s:.1f} s; "
              f"sent to each worker once per phase: {blob / 1e6:.1f} MB pickled "
              f"(dataset, scorecard, templates)")
        del shared, card, data

        runs: dict[str, dict] = {}
        for engine in engines:
            spec = {"data": str(path), "out": str(tmp / f"out-{engine}")}
            spec.update({"cluster": "local:2"} if engine == "cluster" else {"jobs": 2})
            runs[engine] = run_child(spec, tmp)
        print()
        head = ["engine", "regions", "docs", "wall s", "docs/s", "CPU s all", "CPU s main",
                "docs per CPU s", "ms CPU/region", "peak RSS main MB", "peak RSS workers MB"]
        rows = []
        for engine, r in runs.items():
            label = "run_batch(jobs=2)" if engine == "jobs" else 'run_batch(cluster="local:2")'
            rows.append([label, r["regions"], r["docs"], f"{r['wall']:.0f}",
                         f"{r['docs'] / r['wall']:.2f}", f"{r['cpu_all']:.0f}",
                         f"{r['cpu_main']:.0f}", f"{r['docs'] / r['cpu_all']:.2f}",
                         f"{1000 * r['cpu_all'] / max(1, r['regions']):.0f}",
                         f"{r['rss_main']:.0f}",
                         " / ".join(f"{m:.0f}" for m in r["rss_workers"][:2])])
            if r["failures"]:
                print(f"  {engine} failures: {r['failures']}")
        widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
        for i, row in enumerate([head, *rows]):
            print("  ".join(str(c).rjust(w) if j else str(c).ljust(w)
                            for j, (c, w) in enumerate(zip(row, widths))))
            if i == 0:
                print("  ".join("-" * w for w in widths))
        print("  (CPU: every process of the run, polled with psutil; 'main' is the driving "
              "process, with local:2 also the scheduler; the load of the data is included)")
        if len(runs) == 2:
            same = _digest(tmp / "out-jobs") == _digest(tmp / "out-cluster")
            print(f"  the two runs wrote {'the same' if same else 'DIFFERENT'} documents")

        cost = scheduler_cost(args.noop, tmp) if args.noop else None
        if cost:
            per = cost["wall"] / cost["tasks"]
            print(f"\nscheduler, {cost['tasks']} no-op tasks through DaskCluster.map on a "
                  f"scheduler process and 2 worker processes: {cost['tasks'] / cost['wall']:.0f} "
                  f"tasks/s ({1000 * per:.1f} ms each end to end); scheduler CPU "
                  f"{1000 * cost['sched_cpu'] / cost['tasks']:.2f} ms/task, driving process CPU "
                  f"{1000 * cost['client_cpu'] / cost['tasks']:.2f} ms/task; scheduler RSS "
                  f"{cost['sched_rss0']:.0f} MB, peak {cost['sched_rss_peak']:.0f} MB. The same "
                  f"through a pool of 2: {cost['tasks'] / cost['pool_wall']:.0f} tasks/s, "
                  f"{1000 * cost['pool_cpu'] / cost['tasks']:.2f} ms CPU/task in this process.")

        ref = runs.get("cluster") or runs.get("jobs")
        if ref and cost:
            c = ref["cpu_all"] / max(1, ref["regions"])  # CPU s per region, all included
            sched = cost["sched_cpu"] / cost["tasks"]
            drive = cost["client_cpu"] / cost["tasks"]
            m = args.project
            print(f"\nprojection for {m} regions, from {c * 1000:.0f} ms of CPU per region "
                  f"(all processes of the {n}-region run, set-up included), {1000 * sched:.2f} ms "
                  f"of scheduler CPU and {1000 * drive:.2f} ms of driving-process CPU per task:")
            limit = c / max(sched, drive)
            print(f"  the scheduler and the driving process each keep up with about "
                  f"{limit:.0f} single-threaded workers")
            for workers in (2, 8, 32, 128):
                hours = m * c / workers / 3600
                note = "" if workers < limit else " (past what one driving process keeps up with)"
                print(f"  {workers:>4} workers: {hours:5.1f} h of rendering{note}")
        print(f"\nload average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
