"""A run leaves a consistent folder: killed runs resume, two runs never share a folder, a
region's documents change together, and an output folder that cannot be written is named in
one line.

Given an output folder from an earlier run, whatever happens to the next one (killed, a write
that fails, a full disk, every region failing), the folder holds for each region either all its
new documents or all its old ones, the resume state says which regions are done, and the
summary is not replaced by one from a run that rendered nothing.
"""
from __future__ import annotations

import errno
import hashlib
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from test_batch import _small

import evalreport
import evalreport.output as output
from evalreport.cli import main
from evalreport.output import FolderLocked, OutputError, folder_lock, write_together
from evalreport.run.batch import ERRORS_FILE, run_batch
from evalreport.run.documents import region_folder
from evalreport.run.state import JOURNAL_FILE, RunState
from evalreport.run.synthetic import write_national

DOCS = ["rekomendasi", "rencana-tindak-lanjut"]
CLI = [sys.executable, "-c", "from evalreport.cli import main; main()"]


def _digest(folder: Path, pattern: str = "*.docx") -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob(pattern))}


def _leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob(".*") if p.name.endswith((".tmp", ".old"))]


@pytest.fixture(scope="module")
def national(tmp_path_factory) -> Path:
    """60 made-up regencies and cities in many provinces."""
    return write_national(tmp_path_factory.mktemp("nasional") / "nasional.yaml", 60, seed=1)


# ------------------------------------------------------------------------- killed and resumed

def test_kill_9_in_the_middle_then_resume_renders_only_what_is_missing(national, tmp_path):
    out = tmp_path / "out"
    journal = out / JOURNAL_FILE
    proc = subprocess.Popen([*CLI, "render", str(national), "-o", str(out), "--jobs", "2",
                             "--docs", ",".join(DOCS), "--no-summary"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if journal.exists() and journal.read_bytes().count(b"\n") >= 12:
                break
            time.sleep(0.01)
        assert proc.poll() is None, "the run ended before it could be killed: " + proc.stderr.read().decode()
        proc.send_signal(signal.SIGKILL)  # the run itself, as `kill -9 <pid>` does
        proc.wait()
        # its worker processes may live on for a moment: they do not hold the folder's lock
        with folder_lock(out):
            pass
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()

    done = set(RunState.load(out).regions)
    data = evalreport.load(national)
    every = {r.code for r in data.regions}
    assert 12 <= len(done) < len(every), len(done)
    for code in done:  # what the state says is done is there, whole
        for doc in DOCS:
            with zipfile.ZipFile(out / region_folder(data.region(code)) / f"{doc}.docx") as z:
                assert z.testzip() is None

    again = run_batch(national, out, docs=DOCS, jobs=2, resume=True, summary=False)
    assert {o.region.code for o in again.outcomes} == every - done
    assert {r.code for r in again.skipped} == done
    assert not again.failures
    assert not _leftovers(out)  # what the killed run was writing is cleared away
    assert set(RunState.load(out).regions) == every
    assert not journal.exists()
    assert len(list(out.rglob("*.docx"))) == 2 * len(every)


def test_resume_rerenders_the_comparison_group_of_a_changed_region(national, tmp_path):
    """A value changes one region's achievement: the ranks and comparison charts of every
    region of its province change, those of other provinces do not."""
    path = tmp_path / "nasional.yaml"
    path.write_bytes(national.read_bytes())
    (tmp_path / "logo-nasional.png").write_bytes((national.parent / "logo-nasional.png").read_bytes())
    out = tmp_path / "out"
    run_batch(path, out, docs=["rekomendasi"], jobs=1, summary=False)
    data = evalreport.load(path)
    changed = data.regions[5]
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    current = raw["programme"]["current_period"]
    obs = next(o for o in raw["observations"] if o["region"] == changed.code
               and str(o["period"]) == str(current) and isinstance(o["value"], (int, float)))
    obs["value"] = obs["value"] * 1.5 + 1
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")

    again = run_batch(path, out, docs=["rekomendasi"], jobs=1, resume=True, summary=False)
    province = {r.code for r in data.regions if r.parent == changed.parent}
    assert len(province) > 1 and len(province) < len(data.regions)
    assert {o.region.code for o in again.outcomes} == province
    assert len(again.skipped) == len(data.regions) - len(province)


# ------------------------------------------------------------------------------ the lock

HOLD = """import sys, time
from evalreport.output import folder_lock
with folder_lock(sys.argv[1]):
    print("ready", flush=True)
    time.sleep(120)
"""


def _holder(folder: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(folder)], stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout.readline() == "ready\n"
    return proc


def test_a_second_run_into_the_same_folder_stops_at_once(tmp_path):
    path = _small(tmp_path, n=2)
    out = tmp_path / "out"
    other = _holder(out)
    try:
        with pytest.raises(FolderLocked) as exc:
            run_batch(path, out, docs=["rekomendasi"], jobs=1, summary=False)
        text = exc.value.describe("en")
        assert str(out) in text and f"process {other.pid}" in text and "started 20" in text
        assert not list(out.rglob("*.docx")) and not (out / ".evalreport-state.json").exists()

        res = CliRunner().invoke(main, ["render", str(path), "-o", str(out), "--jobs", "1"])
        assert res.exit_code == 1
        assert res.stderr.splitlines() == [res.stderr.strip()]  # one line
        assert "sedang dipakai proses evalreport lain" in res.stderr and str(other.pid) in res.stderr
        assert "Traceback" not in res.output
    finally:
        other.kill()
        other.wait()
    result = run_batch(path, out, docs=["rekomendasi"], jobs=1, summary=False)
    assert result.ok and not (out / ".evalreport.lock").exists()


def test_a_lock_left_by_a_killed_run_is_taken_over(tmp_path):
    path = _small(tmp_path, n=2)
    out = tmp_path / "out"
    dead = _holder(out)
    dead.send_signal(signal.SIGKILL)
    dead.wait()
    assert str(dead.pid) in (out / ".evalreport.lock").read_text()  # left behind
    result = run_batch(path, out, docs=["rekomendasi"], jobs=1, summary=False)
    assert result.ok and len(result.paths) == 2


# -------------------------------------------------------------- documents change together

def _rename_programme(path: Path) -> None:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw["programme"]["name"] += " Tahap II"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_region_whose_third_write_fails_keeps_its_old_documents(tmp_path, monkeypatch):
    path = _small(tmp_path, n=2)
    out = tmp_path / "out"
    run_batch(path, out, jobs=1, summary=False)
    data = evalreport.load(path)
    first = out / region_folder(data.regions[0])
    (first / "rekomendasi.pdf").write_bytes(b"%PDF old")
    before = _digest(first)
    _rename_programme(path)  # every document differs now

    real, calls = output._stage, []

    def third_fails(target, blob):  # the first region's third document
        calls.append(target) if target.suffix == ".docx" else None
        if target.suffix == ".docx" and len(calls) == 3:
            raise OSError(errno.EIO, "Input/output error")
        return real(target, blob)

    monkeypatch.setattr(output, "_stage", third_fails)
    result = run_batch(path, out, jobs=1, summary=False)
    assert [o.region.code for o in result.failures] == [data.regions[0].code]
    assert _digest(first) == before  # all three old documents, none of the new
    assert (first / "rekomendasi.pdf").read_bytes() == b"%PDF old"  # and its PDF
    assert not _leftovers(out)
    second = out / region_folder(data.regions[1])
    assert len(_digest(second)) == 3 and result.outcomes[1].ok
    errors = (out / ERRORS_FILE).read_text(encoding="utf-8")
    assert f"{data.regions[0].code} {data.regions[0].name}" in errors
    assert errors == (f"{data.regions[0].code} {data.regions[0].name}\n  "
                      f"{first / 'rencana-tindak-lanjut.docx'}: berkas tidak dapat ditulis: "
                      "Input/output error\n")

    monkeypatch.setattr(output, "_stage", real)
    fixed = run_batch(path, out, jobs=1, summary=False, resume=True)
    assert [o.region.code for o in fixed.outcomes] == [data.regions[0].code]  # the failed one
    assert not (first / "rekomendasi.pdf").exists()  # an old PDF goes with its old document


def test_a_move_that_fails_puts_every_old_file_back(tmp_path, monkeypatch):
    folder = tmp_path / "wilayah"
    folder.mkdir()
    names = ["a.docx", "b.docx", "c.docx"]
    for n in names[:2]:
        (folder / n).write_bytes(b"old " + n.encode())  # c.docx is new in this run
    (folder / "a.pdf").write_bytes(b"old pdf")
    real, moves = os.replace, []

    def third_move_in_fails(src, dst):
        moves.append(dst)
        if Path(dst).name == "c.docx":
            raise OSError(errno.EIO, "Input/output error")
        return real(src, dst)

    monkeypatch.setattr(output, "_move", third_move_in_fails)
    with pytest.raises(OutputError) as exc:
        write_together({folder / n: b"new " + n.encode() for n in names}, remove=[folder / "a.pdf"])
    assert exc.value.path == folder / "c.docx"
    assert sorted(p.name for p in folder.iterdir()) == ["a.docx", "a.pdf", "b.docx"]
    assert [(folder / n).read_bytes() for n in names[:2]] == [b"old a.docx", b"old b.docx"]
    assert (folder / "a.pdf").read_bytes() == b"old pdf"

    monkeypatch.setattr(output, "_move", real)
    write_together({folder / n: b"new " + n.encode() for n in names}, remove=[folder / "a.pdf"])
    assert sorted(p.name for p in folder.iterdir()) == names
    assert (folder / "c.docx").read_bytes() == b"new c.docx"


def test_the_summary_is_kept_when_no_region_succeeded(tmp_path):
    path = _small(tmp_path, n=3)
    out = tmp_path / "out"
    first = run_batch(path, out, docs=["rekomendasi"], jobs=1)
    assert first.summary is not None
    summary = first.summary.read_bytes()
    from docx import Document
    broken = tmp_path / "rekomendasi.docx"
    d = Document()
    d.add_paragraph("Halo {{ wilayah.namma }}")
    d.save(str(broken))
    _rename_programme(path)  # the summary would differ
    result = run_batch(path, out, docs=["rekomendasi"], jobs=1, templates={"rekomendasi": broken})
    assert len(result.failures) == 3 and result.summary is None
    assert (out / "ringkasan-wilayah.docx").read_bytes() == summary


# ------------------------------------------------------ output folders that cannot be written

def test_a_full_disk_stops_the_run_in_one_line(tmp_path, monkeypatch):
    path = _small(tmp_path, n=3)
    out = tmp_path / "out"
    real = output._stage

    def full(target, blob):
        if target.suffix == ".docx":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(target, blob)

    monkeypatch.setattr(output, "_stage", full)
    res = CliRunner().invoke(main, ["render", str(path), "-o", str(out), "--jobs", "1"])
    assert res.exit_code == 1
    assert "Traceback" not in res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)
    lines = res.stderr.splitlines()
    assert any(line.startswith("GAGAL: ") and "ruang disk penuh" in line for line in lines)
    assert sum("ruang disk penuh" in line for line in lines) == 2  # the region, and why the run stopped
    assert "2 wilayah tidak dirender" in res.stderr  # the run stopped at the first region
    errors = (out / ERRORS_FILE).read_text(encoding="utf-8")
    assert "ruang disk penuh" in errors and "proses dihentikan" in errors
    assert not list(out.rglob("*.docx")) and not _leftovers(out)


def test_a_disk_that_takes_nothing_is_named_in_one_line(tmp_path, monkeypatch):
    path = _small(tmp_path, n=2)
    out = tmp_path / "out"

    def full(target, blob):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output, "_stage", full)
    res = CliRunner().invoke(main, ["--lang", "en", "render", str(path), "-o", str(out)])
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert res.stderr.splitlines() == [f"cannot write {out / '.evalreport-state.json'}: "
                                       "no space left on the disk"]


@pytest.mark.parametrize("kind", ["below a file", "read-only"])
def test_an_output_folder_that_cannot_be_written_is_named_in_one_line(tmp_path, monkeypatch, kind):
    path = _small(tmp_path, n=2)
    (tmp_path / "berkas.txt").write_text("isi")
    if kind == "below a file":
        out, reason = tmp_path / "berkas.txt" / "out", "a part of the path is a file, not a folder"
    else:
        out, reason = tmp_path / "arsip", "the file system is read-only"
        out.mkdir()
        real_open = os.open

        def read_only(file, flags, *args, **kw):  # as a read-only mount answers
            if str(file).startswith(str(out)) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
                raise OSError(errno.EROFS, "Read-only file system", str(file))
            return real_open(file, flags, *args, **kw)

        monkeypatch.setattr(os, "open", read_only)
    res = CliRunner().invoke(main, ["--lang", "en", "render", str(path), "-o", str(out), "--jobs", "1"])
    assert res.exit_code == 1, res.output
    assert res.stderr.splitlines() == [f"cannot write {out}: {reason}"]
    assert "Traceback" not in res.output
    assert (tmp_path / "berkas.txt").read_text() == "isi"


def test_an_output_folder_that_is_a_file_is_named(tmp_path):
    path = _small(tmp_path, n=2)
    (tmp_path / "berkas.txt").write_text("isi")
    with pytest.raises(OutputError) as exc:
        run_batch(path, tmp_path / "berkas.txt", jobs=1)
    assert exc.value.describe("en") == (f"cannot write {tmp_path / 'berkas.txt'}: a file of that "
                                        "name stands where a folder is needed")
    assert (tmp_path / "berkas.txt").read_text() == "isi"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="permissions do not bind the superuser")
def test_a_folder_without_write_permission_is_named_in_one_line(tmp_path):
    path = _small(tmp_path, n=2)
    out = tmp_path / "arsip"
    out.mkdir()
    out.chmod(0o555)
    try:
        res = CliRunner().invoke(main, ["--lang", "en", "render", str(path), "-o", str(out)])
    finally:
        out.chmod(0o755)
    assert res.exit_code == 1
    assert res.stderr.splitlines() == [f"cannot write {out}: permission denied"]


# --------------------------------------------------------------- once per run, with places

def test_a_run_scores_once_and_loads_each_template_once(tmp_path, monkeypatch):
    """Counted in a file, so that worker processes' calls count too."""
    import evalreport.run.documents as documents
    import evalreport.scoring.scorecard as scorecard
    path = _small(tmp_path, n=3)
    log = tmp_path / "calls.txt"
    real_init, real_load = scorecard.Scorecard.__init__, documents.load_template

    def init(self, *a, **kw):
        with log.open("a") as fh:
            fh.write(f"score {os.getpid()}\n")
        real_init(self, *a, **kw)

    def load_template(ref):
        with log.open("a") as fh:
            fh.write(f"template {ref}\n")
        return real_load(ref)

    monkeypatch.setattr(scorecard.Scorecard, "__init__", init)
    monkeypatch.setattr(documents, "load_template", load_template)
    result = run_batch(path, tmp_path / "out", jobs=2)
    assert result.ok and result.summary is not None
    calls = log.read_text().splitlines()
    assert calls.count(f"score {os.getpid()}") == 1 and sum(c.startswith("score") for c in calls) == 1
    assert sorted(c for c in calls if c.startswith("template")) == [
        "template laporan-evaluasi", "template rekomendasi", "template rencana-tindak-lanjut",
        "template ringkasan-wilayah"]


def test_a_failure_without_a_place_is_placed_at_its_region(tmp_path, monkeypatch):
    import evalreport.run.documents as documents
    path = _small(tmp_path, n=2)
    data = evalreport.load(path)
    bad = data.regions[0]
    real = documents.DocumentMaker.render_region

    def broken(self, region):
        if region.code == bad.code:
            raise evalreport.EvalReportError("logo tidak terbaca")
        return real(self, region)

    monkeypatch.setattr(documents.DocumentMaker, "render_region", broken)
    result = run_batch(data, tmp_path / "out", docs=["rekomendasi"], jobs=1, summary=False)
    [failure] = result.failures
    assert failure.problems[0].describe("id") == f"wilayah {bad.code} {bad.name}: logo tidak terbaca"
    errors = (tmp_path / "out" / ERRORS_FILE).read_text(encoding="utf-8")
    assert errors == (f"{bad.code} {bad.name}\n  wilayah {bad.code} {bad.name}: logo tidak terbaca\n")
