"""A province in one run: failures kept apart, resume by content, jobs do not change output."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import evalreport
from evalreport.cli import main
from evalreport.i18n.messages import verbatim
from evalreport.run.batch import ERRORS_FILE, run_batch
from evalreport.word.rendering import BUILTIN

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _templates():
    missing = [n for n in BUILTIN if not (ROOT / "templates" / f"{n}.docx").exists()]
    if missing:
        pytest.skip(f"bundled templates not built: {missing}")


def _small(tmp_path: Path, n: int = 3, edit=None) -> Path:
    raw = yaml.safe_load((ROOT / "samples" / "jatim.yaml").read_text(encoding="utf-8"))
    keep = {r["code"] for r in raw["regions"][:n]}
    raw["regions"] = raw["regions"][:n]
    raw["observations"] = [o for o in raw["observations"] if str(o["region"]) in keep]
    for key in ("targets", "findings", "recommendations", "actions"):
        raw[key] = [x for x in raw.get(key, []) if x.get("region") in (None, *keep)]
    finds = {f["code"] for f in raw["findings"]}
    for r in raw["recommendations"]:
        r["findings"] = [c for c in r.get("findings", []) if c in finds]
    recs = {r["code"] for r in raw["recommendations"]}
    raw["actions"] = [a for a in raw["actions"] if a["recommendation"] in recs]
    if edit:
        edit(raw)
    path = tmp_path / "data.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (tmp_path / "logo-jatim.png").write_bytes((ROOT / "samples" / "logo-jatim.png").read_bytes())
    return path


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*.docx"))}


def test_one_broken_region_does_not_lose_the_others(tmp_path, monkeypatch):
    data = evalreport.load(_small(tmp_path))
    bad = data.regions[1].code
    import evalreport.run.documents as documents
    real = documents.DocumentMaker.render_region

    def flaky(self, region):
        if region.code == bad:
            raise evalreport.TemplateProblemError([evalreport.Problem(
                evalreport.Location(file="laporan-evaluasi.docx",
                                    place=verbatim("isi dokumen, paragraf 7")),
                verbatim("variabel 'x' tidak dikenal"))])
        return real(self, region)

    monkeypatch.setattr(documents.DocumentMaker, "render_region", flaky)
    result = run_batch(data, tmp_path / "out", jobs=1, summary=False)
    assert [o.region.code for o in result.failures] == [bad]
    assert len([o for o in result.outcomes if o.ok]) == 2
    errors = (tmp_path / "out" / ERRORS_FILE).read_text(encoding="utf-8")
    assert bad in errors and "paragraf 7" in errors


def test_text_value_is_shown_not_crashed_on(tmp_path):
    def edit(raw):
        first = raw["indicators"][0]["code"]
        obs = next(o for o in raw["observations"] if o["indicator"] == first
                   and str(o["period"]) == str(raw["programme"]["periods"][-1]))
        obs["value"] = "belum dilaporkan"
    data = evalreport.load(_small(tmp_path, edit=edit))
    result = run_batch(data, tmp_path / "out", jobs=1, summary=False)
    assert not result.failures
    from docx import Document
    first = next(p for p in result.paths if p.name == "laporan-evaluasi.docx")
    doc = Document(str(first))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert any("belum dilaporkan" in c for c in cells) or any(
        "belum dilaporkan" in p.text for p in doc.paragraphs)


def test_resume_rerenders_only_what_changed(tmp_path):
    path = _small(tmp_path)
    out = tmp_path / "out"
    first = run_batch(path, out, jobs=1, summary=False)
    assert len(first.outcomes) == 3 and not first.skipped
    again = run_batch(path, out, jobs=1, resume=True, summary=False)
    assert len(again.skipped) == 3 and not again.outcomes

    def own_finding(raw):  # a finding of 3509's only: no other region prints it
        next(f for f in raw["findings"] if f["code"] == "T03")["condition"] += " (diperbarui)"
    _small(tmp_path, edit=own_finding)
    changed = run_batch(path, out, jobs=1, resume=True, summary=False)
    assert [o.region.code for o in changed.outcomes] == ["3509"]
    assert len(changed.skipped) == 2

    code = evalreport.load(path).regions[2].code

    def value(raw):  # 3510's value: its rank and its bar in every comparison chart of the group
        own_finding(raw)
        for o in raw["observations"]:
            if str(o["region"]) == code and str(o["period"]) == "2024":
                if isinstance(o["value"], (int, float)):
                    o["value"] = o["value"] + 1
                    break
    _small(tmp_path, edit=value)
    group = run_batch(path, out, jobs=1, resume=True, summary=False)
    assert [o.region.code for o in group.outcomes] == [r.code for r in evalreport.load(path).regions]
    assert not group.skipped

    tpl = tmp_path / "laporan-evaluasi.docx"
    tpl.write_bytes((ROOT / "templates" / "laporan-evaluasi.docx").read_bytes() + b"")
    from docx import Document
    d = Document(str(tpl))
    d.add_paragraph("Catatan kantor.")
    d.save(str(tpl))
    all_again = run_batch(path, out, jobs=1, resume=True, summary=False,
                          templates={"laporan-evaluasi": tpl})
    assert len(all_again.outcomes) == 3 and not all_again.skipped


def test_jobs_1_and_2_give_identical_files(tmp_path):
    path = _small(tmp_path)
    run_batch(path, tmp_path / "one", jobs=1, summary=True)
    run_batch(path, tmp_path / "two", jobs=2, summary=True)
    one, two = _digest(tmp_path / "one"), _digest(tmp_path / "two")
    assert one == two and len(one) == 3 * 3 + 1


def test_summary_ranks_regions(tmp_path):
    path = _small(tmp_path, n=4)
    result = run_batch(path, tmp_path / "out", jobs=1)
    assert result.summary is not None and result.summary.name == "ringkasan-wilayah.docx"
    from docx import Document
    doc = Document(str(result.summary))
    text = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    names = [r.name for r in evalreport.load(path).regions]
    assert all(n in text for n in names)


def test_cli_render_exit_status_and_errors_file(tmp_path):
    path = _small(tmp_path, n=2)
    runner = CliRunner()
    ok = runner.invoke(main, ["render", str(path), "-o", str(tmp_path / "out"), "--jobs", "1"])
    assert ok.exit_code == 0, ok.output
    assert "laporan-evaluasi.docx" in ok.output
    broken = tmp_path / "rusak"
    broken.mkdir()
    from docx import Document
    d = Document()
    d.add_paragraph("Halo {{ wilayah.namma }}")
    d.save(str(broken / "rekomendasi.docx"))
    bad = runner.invoke(main, ["render", str(path), "-o", str(tmp_path / "out2"), "--jobs", "1",
                               "--template", str(broken / "rekomendasi.docx"), "--no-summary"])
    assert bad.exit_code == 1
    assert "namma" in bad.output and "paragraf 1" in bad.output
    assert (tmp_path / "out2" / ERRORS_FILE).exists()


def test_pdf_without_libreoffice_fails_before_writing_anything(tmp_path, monkeypatch):
    monkeypatch.setenv("EVALREPORT_SOFFICE", str(tmp_path / "no-soffice"))
    path = _small(tmp_path, n=2)
    with pytest.raises(evalreport.ConversionError) as exc:
        run_batch(path, tmp_path / "out", jobs=1, pdf=True)
    assert "apt-get install libreoffice" in exc.value.describe("en")
    assert not list((tmp_path / "out").rglob("*.docx"))


def test_a_worker_that_cannot_start_reports_instead_of_hanging(tmp_path, monkeypatch):
    import evalreport.run.batch as batch
    path = _small(tmp_path, n=2)
    calls = {"n": 0}
    real = batch.DocumentMaker

    def broken(*args, **kwargs):  # the parent's fail-fast check passes, the workers' fail
        calls["n"] += 1
        if calls["n"] > 1:
            raise RuntimeError("kaput")
        return real(*args, **kwargs)

    monkeypatch.setattr(batch, "DocumentMaker", broken)
    result = run_batch(path, tmp_path / "out", jobs=2, summary=False)
    assert len(result.failures) == 2
    assert all("kaput" in o.describe("en") for o in result.failures)
