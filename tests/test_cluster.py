"""Past one machine: a run on a Dask cluster (a LocalCluster of 2 worker processes here) writes
the same documents as ``--jobs 2``, with the same guarantees: a failed region in errors.txt
with its place, the summary, resume, progress, shared charts drawn once, and a worker that
dies is replaced and its region rendered again, or reported when it keeps dying."""
from __future__ import annotations

import hashlib
import os
import signal
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

distributed = pytest.importorskip("distributed")
import dask  # noqa: E402
from test_batch import _small  # noqa: E402

import evalreport  # noqa: E402
from evalreport.cli import main  # noqa: E402
from evalreport.errors import EvalReportError, ProblemsError  # noqa: E402
from evalreport.run.batch import ERRORS_FILE, run_batch  # noqa: E402
from evalreport.run.executor import DaskCluster, _probe  # noqa: E402
from evalreport.run.state import RunState  # noqa: E402
from evalreport.run.synthetic import write_national  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning",
                                        "ignore::pytest.PytestUnraisableExceptionWarning")

ROOT = Path(__file__).resolve().parent.parent


def _digest(folder: Path, pattern: str = "*.docx") -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob(pattern))}


@pytest.fixture(scope="module")
def client():
    """2 worker processes, one thread each, one region at a time (as evalreport's local:N);
    a region whose worker dies twice is given up."""
    with dask.config.set({"distributed.scheduler.allowed-failures": 1,
                          "distributed.scheduler.worker-saturation": 1.0}):
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                           dashboard_address=":0", silence_logs=50)
    c = distributed.Client(cluster, set_as_default=False)
    yield c
    c.close()
    cluster.close()


@pytest.fixture(scope="module")
def national(tmp_path_factory) -> Path:
    """12 made-up regencies and cities in several provinces (several comparison groups)."""
    return write_national(tmp_path_factory.mktemp("nasional") / "nasional.yaml", 12, seed=3)


@pytest.fixture(scope="module")
def with_jobs(national, tmp_path_factory) -> Path:
    """The same dataset rendered with --jobs 2: what the cluster must reproduce."""
    out = tmp_path_factory.mktemp("jobs") / "out"
    result = run_batch(national, out, jobs=2)
    assert result.ok and result.summary is not None
    return out


# ---------------------------------------------------------------- the same documents, once

def test_cluster_writes_the_documents_of_jobs_2(client, national, with_jobs, tmp_path):
    seen = []
    out = tmp_path / "out"
    result = run_batch(national, out, cluster=client,
                       progress=lambda done, total, o: seen.append((done, total, o.region.code)))
    assert result.ok, result.describe("en")
    assert _digest(out) == _digest(with_jobs)  # every document and the summary, byte for byte
    assert len(_digest(out)) == 12 * 3 + 1
    assert result.summary == out.absolute() / "ringkasan-wilayah.docx"
    assert not (out / ERRORS_FILE).exists()
    # the progress bar moved once per region, and each region is recorded for --resume
    assert [d for d, _t, _c in seen] == list(range(1, 13)) and {t for _d, t, _c in seen} == {12}
    codes = [r.code for r in evalreport.load(national).regions]
    assert sorted(RunState.load(out).regions) == sorted(codes)
    again = run_batch(national, out, cluster=client, resume=True)
    assert not again.outcomes and sorted(r.code for r in again.skipped) == sorted(codes)
    assert _digest(out) == _digest(with_jobs)


def test_a_failing_region_is_reported_with_its_place_as_with_jobs(client, tmp_path):
    path = _small(tmp_path, n=3)
    bad = evalreport.load(path).regions[1].code
    from docx import Document
    doc = Document(str(ROOT / "templates" / "rekomendasi.docx"))
    doc.add_paragraph("{{ (1 // 0) if wilayah.kode == '%s' else '' }}" % bad)
    template = tmp_path / "rekomendasi.docx"
    doc.save(str(template))

    runs = {}
    for name, how in (("jobs", {"jobs": 2}), ("cluster", {"cluster": client})):
        runs[name] = run_batch(path, tmp_path / name, templates={"rekomendasi": template},
                               summary=False, **how)
    for result in runs.values():
        assert [o.region.code for o in result.failures] == [bad]
        assert len([o for o in result.outcomes if o.ok]) == 2
    errors = {name: (tmp_path / name / ERRORS_FILE).read_text(encoding="utf-8") for name in runs}
    assert errors["cluster"] == errors["jobs"]
    assert bad in errors["cluster"] and "rekomendasi.docx" in errors["cluster"]
    assert _digest(tmp_path / "cluster") == _digest(tmp_path / "jobs")
    assert not list((tmp_path / "cluster").rglob(f"{bad}-*/*.docx"))


# ---------------------------------------------------------------- workers that die

def test_a_killed_worker_is_replaced_and_its_region_rendered_again(
        client, national, with_jobs, tmp_path):
    marker = tmp_path / "killed-once"
    victim = evalreport.load(national).regions[4].code
    before = set(client.scheduler_info()["workers"])

    def kill_once(code, marker):  # on each worker: the first to render `code` dies
        import signal
        from pathlib import Path

        from evalreport.run.documents import DocumentMaker
        real = getattr(DocumentMaker, "_unkilled", DocumentMaker.render_region)
        DocumentMaker._unkilled = real

        def render_region(self, region):
            if region.code == code and not Path(marker).exists():
                Path(marker).touch()
                os.kill(os.getpid(), signal.SIGKILL)
            return real(self, region)
        DocumentMaker.render_region = render_region

    client.run(kill_once, victim, str(marker))
    out = tmp_path / "out"
    result = run_batch(national, out, cluster=client)
    assert marker.exists()  # a worker did die on it
    assert result.ok, result.describe("en")
    assert _digest(out) == _digest(with_jobs)
    assert set(client.scheduler_info()["workers"]) != before  # the dead one was replaced
    assert victim in RunState.load(out).regions


def test_a_region_whose_worker_keeps_dying_is_reported_not_tried_for_ever(client, tmp_path):
    path = _small(tmp_path, n=3)
    victim = evalreport.load(path).regions[0].code

    class KillFor(distributed.WorkerPlugin):  # every worker, the replacements too
        name = "evalreport-test-kill"

        def __init__(self, code):
            self.code = code

        def setup(self, worker):
            import signal

            from evalreport.run.documents import DocumentMaker
            real = DocumentMaker.render_region
            code = self.code

            def render_region(self, region):
                if region.code == code:
                    os.kill(os.getpid(), signal.SIGKILL)
                return real(self, region)
            DocumentMaker.render_region = render_region
            self.real = real

        def teardown(self, worker):
            from evalreport.run.documents import DocumentMaker
            DocumentMaker.render_region = self.real

    client.register_plugin(KillFor(victim))
    try:
        result = run_batch(path, tmp_path / "out", cluster=client, summary=False, lang="en")
    finally:
        client.unregister_worker_plugin(KillFor.name)
    assert [o.region.code for o in result.failures] == [victim]
    assert len([o for o in result.outcomes if o.ok]) == 2
    errors = (tmp_path / "out" / ERRORS_FILE).read_text(encoding="utf-8")
    assert victim in errors and "stopped 2 times" in errors  # allowed-failures 1: died twice
    assert victim not in RunState.load(tmp_path / "out").regions


# ---------------------------------------------------------------- the command line

def test_cli_cluster_local_2_matches_jobs_2(national, with_jobs, tmp_path):
    out = tmp_path / "out"
    run = CliRunner().invoke(main, ["render", str(national), "--all", "--cluster", "local:2",
                                    "-o", str(out)])
    assert run.exit_code == 0, run.output
    assert _digest(out) == _digest(with_jobs)
    both = CliRunner().invoke(main, ["render", str(national), "--cluster", "local:2",
                                     "--jobs", "2", "-o", str(tmp_path / "x")])
    assert both.exit_code == 2 and "--cluster" in both.output


def test_without_dask_cluster_says_how_to_install_it_in_one_line(national, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    run = CliRunner().invoke(main, ["--lang", "en", "render", str(national), "--cluster",
                                    "tcp://scheduler:8786", "-o", str(tmp_path / "out")])
    assert run.exit_code == 1
    assert run.output.strip() == "--cluster needs Dask: pip install 'evalreport[dask]'"
    assert not (tmp_path / "out").exists()


def test_a_malformed_address_is_named_before_anything_is_written(national, tmp_path):
    with pytest.raises(EvalReportError) as exc:
        run_batch(national, tmp_path / "out", cluster="local:zero")
    assert "local:N" in exc.value.describe("en")
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------- shared storage, one version

class _Workers:
    """What two workers answer the run's probe: one sees the folder, one does not."""

    def __init__(self, answers):
        self.answers = answers

    def run(self, fn, *args):
        assert fn is _probe
        return self.answers


def test_a_worker_that_cannot_see_the_folder_or_runs_another_version_stops_the_run(tmp_path):
    lock = tmp_path / ".evalreport.lock"
    lock.write_text('{"pid": 1}', encoding="utf-8")
    here = _probe(str(lock), [str(lock)])
    assert here == {"version": evalreport.__version__, "lock": '{"pid": 1}', "missing": []}
    executor = DaskCluster.__new__(DaskCluster)
    executor.client = _Workers({
        "tcp://10.0.0.1:4000": here,
        "tcp://10.0.0.2:4000": {"version": "0.0.9", "lock": None, "missing": ["/data/logo.png"]}})
    with pytest.raises(ProblemsError) as exc:
        executor.check(tmp_path, lock, [Path("/data/logo.png")])
    text = exc.value.describe("en")
    assert "10.0.0.1" not in text
    assert "tcp://10.0.0.2:4000" in text and "0.0.9" in text
    assert "does not see the output folder" in text and "/data/logo.png" in text
    executor.client = _Workers({"tcp://10.0.0.1:4000": here})
    executor.check(tmp_path, lock, [lock])  # all is well: no problem raised


def test_a_scheduler_that_cannot_be_reached_is_named():
    with pytest.raises(EvalReportError) as exc:
        DaskCluster("tcp://127.0.0.1:9", wait=1)
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in exc.value.describe("en")


def test_a_scheduler_that_dies_stops_the_run_in_one_line_and_resume_finishes_it(tmp_path):
    import json
    import subprocess
    import time

    path = _small(tmp_path, n=3)
    dask_cli = Path(sys.executable).parent / "dask"
    file = tmp_path / "scheduler.json"
    scheduler = subprocess.Popen([str(dask_cli), "scheduler", "--scheduler-file", str(file),
                                  "--port", "0", "--no-dashboard"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    worker = None
    try:
        deadline = time.monotonic() + 60
        while not (file.exists() and file.stat().st_size) and time.monotonic() < deadline:
            time.sleep(0.1)
        worker = subprocess.Popen([str(dask_cli), "worker", "--scheduler-file", str(file),
                                   "--nworkers", "1", "--nthreads", "1", "--no-dashboard"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # a client that gives up reconnecting after 3 s (evalreport's own waits 20 s)
        client = distributed.Client(json.loads(file.read_text())["address"], timeout=3,
                                    set_as_default=False)
        client.wait_for_workers(1, timeout=60)

        def kill_scheduler_after_the_first(done, total, outcome):
            if done == 1:
                scheduler.send_signal(signal.SIGKILL)

        out = tmp_path / "out"
        try:
            result = run_batch(path, out, cluster=client, summary=False, lang="en",
                               progress=kill_scheduler_after_the_first)
        finally:
            client.close()
    finally:
        for p in (worker, scheduler):
            if p is not None:
                p.kill()
                p.wait(30)
    assert result.stopped is not None and not result.failures
    assert len(result.outcomes) == 1 and len(result.unrendered) == 2
    errors = (out / ERRORS_FILE).read_text(encoding="utf-8")
    assert "the Dask scheduler stopped answering" in errors and "--resume" in errors
    assert set(RunState.load(out).regions) == {result.outcomes[0].region.code}
    again = run_batch(path, out, jobs=1, summary=False, resume=True)
    assert again.ok and [o.region.code for o in again.outcomes] == [
        r.code for r in result.unrendered]
