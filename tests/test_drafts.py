"""Drafts from rules: a dataset whose missed targets have no recommendation gets one draft per
missed indicator; drafts print only when asked for, and then every page says KONSEP."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

import evalreport
from evalreport.cli import main
from evalreport.data.model import ItemStatus
from evalreport.data.rules import BUNDLED_RULES, bundled_rules, load_rules, parse_rules
from evalreport.data.workbook import build
from evalreport.errors import DataError
from evalreport.word.draft import mark_draft

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "jatim.yaml"


@pytest.fixture(scope="module")
def bare(tmp_path_factory) -> Path:
    """The sample without findings, recommendations or actions: 13 targets missed, none answered."""
    data = evalreport.load(SAMPLE).model_copy(update={"findings": [], "recommendations": [], "actions": []})
    path = tmp_path_factory.mktemp("bare") / "data.xlsx"
    path.write_bytes(build(data.model_dump(mode="json")))
    shutil.copy(SAMPLE.with_name("logo-jatim.png"), path.with_name("logo-jatim.png"))
    return path


@pytest.fixture(scope="module")
def drafted(bare, tmp_path_factory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("usulan") / "usulan.xlsx"
    return out, evalreport.recommend(bare, out)


def test_one_draft_per_missed_indicator_naming_it(bare, drafted):
    out, result = drafted
    card = evalreport.score(evalreport.load(bare))
    missed = [r for r in card.select() if r.met is False]
    assert len(missed) == 13
    assert len(result.drafts.findings) == len(result.drafts.recommendations) == len(missed)
    by_code = {f.code: f for f in result.drafts.findings}
    for r in missed:
        finding = by_code[f"U-{r.region.code}-{r.indicator.code}"]
        assert r.indicator.name in finding.title and r.region.name in finding.condition
        assert finding.indicators == [r.indicator.code]
    # the recommendations answer them, addressed and prioritised
    rec = next(x for x in result.drafts.recommendations if x.code == "UR-3526-KS01")
    assert rec.findings == ["U-3526-KS01"] and rec.addressed_to == "Bakesbangpol Kabupaten Bangkalan"
    assert rec.priority.value == "high"  # Konflik Sosial: high


def test_drafts_are_kept_apart_when_loaded(drafted):
    out, _result = drafted
    data = evalreport.load(out)
    assert data.findings == [] and data.recommendations == []
    assert len(data.draft_findings) == 13 and len(data.draft_recommendations) == 13
    assert {x.status for x in data.draft_findings} == {ItemStatus.DRAFT}
    # accepting one in Excel (Status: diterima) makes it an accepted item
    from openpyxl import load_workbook

    wb = load_workbook(out)
    ws = wb["Temuan"]
    status = [c.value for c in ws[1]].index("Status") + 1
    assert ws.cell(2, status).value == "usulan"
    ws.cell(2, status).value = "diterima"
    accepted = out.with_name("diterima.xlsx")
    wb.save(accepted)
    data = evalreport.load(accepted)
    assert len(data.findings) == 1 and len(data.draft_findings) == 12


def test_documents_print_drafts_only_when_asked_and_then_every_page_says_konsep(drafted, tmp_path):
    out, _result = drafted
    plain = evalreport.render(out, tmp_path / "final", regions=["3526"], docs=["laporan-evaluasi"])
    assert plain.ok
    report = Document(str(tmp_path / "final" / "3526-kabupaten-bangkalan" / "laporan-evaluasi.docx"))
    text = "\n".join(p.text for p in report.paragraphs)
    assert "U-3526" not in text and "Tidak terdapat rekomendasi khusus" in text
    assert not any("KONSEP" in p.text for s in report.sections for p in s.header.paragraphs)

    konsep = evalreport.render(out, tmp_path / "konsep", regions=["3526"], include_drafts=True)
    assert konsep.ok
    folder = tmp_path / "konsep" / "3526-kabupaten-bangkalan"
    report = Document(str(folder / "laporan-evaluasi.docx"))
    assert any("U-3526-KS01" in p.text for p in report.paragraphs)
    for name in ("laporan-evaluasi", "rekomendasi", "rencana-tindak-lanjut"):
        doc = Document(str(folder / f"{name}.docx"))
        for n, section in enumerate(doc.sections):
            headers = [section.header] + ([section.first_page_header]
                                          if section.different_first_page_header_footer else [])
            for header in headers:
                assert header.paragraphs[0].text == "KONSEP", (name, n)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_konsep_is_on_every_page_of_the_pdf(drafted, tmp_path):
    import subprocess

    out, _result = drafted
    result = evalreport.render(out, tmp_path, regions=["3526"], docs=["rekomendasi"],
                               include_drafts=True, pdf=True)
    assert result.ok
    pdf = tmp_path / "3526-kabupaten-bangkalan" / "rekomendasi.pdf"
    pages = int(next(line.split()[-1] for line in subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True).stdout.splitlines()
        if line.startswith("Pages:")))
    assert pages >= 2
    for page in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                              capture_output=True, text=True).stdout
        assert "KONSEP" in text, page


def test_mark_draft_marks_a_document_without_headers():
    import io

    doc = Document()
    doc.add_paragraph("isi")
    buf = io.BytesIO()
    doc.save(buf)
    marked = Document(io.BytesIO(mark_draft(buf.getvalue())))
    assert marked.sections[0].header.paragraphs[0].text == "KONSEP"


def test_the_mark_does_not_push_the_page_down():
    """On paper the drafts' chapter titles sat against the header's rule: the mark made the
    header taller than the room above the text. The header now starts higher by the mark."""
    import io

    from evalreport.word.draft import MARK_HEIGHT, MIN_HEADER_DISTANCE

    template = Path(__file__).resolve().parent.parent / "templates" / "laporan-evaluasi.docx"
    before = Document(str(template))
    marked = Document(io.BytesIO(mark_draft(template.read_bytes())))
    for old, new in zip(before.sections, marked.sections, strict=True):
        assert new.top_margin == old.top_margin
        expected = max(MIN_HEADER_DISTANCE, old.header_distance - MARK_HEIGHT)
        assert abs(new.header_distance - expected) <= 635  # Word keeps whole twips
        assert new.header_distance < old.header_distance


# ----------------------------------------------------------------------------- rules

def test_bundled_rules_cover_the_five_dimensions_and_export_as_they_are(tmp_path):
    rules = bundled_rules()
    dims = {d for r in rules.rules for d in r.when.dimension}
    assert dims == {"Kepercayaan Publik", "Konflik Sosial", "Partisipasi", "Stabilitas Politik Lokal",
                    "Inklusi Sosial"}
    result = CliRunner().invoke(main, ["rules", "export", str(tmp_path / "aturan.yaml")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "aturan.yaml").read_text(encoding="utf-8") == BUNDLED_RULES
    assert load_rules(tmp_path / "aturan.yaml") == rules


def test_a_rule_with_an_unknown_field_is_refused_with_its_place():
    raw = {"rules": [{"code": "X", "when": {"met": False},
                      "finding": {"title": "{indicator_nama}", "condition": "a", "criterion": "b",
                                  "cause": "c", "effect": "d"},
                      "recommendation": {"text": "t", "addressed_to": "{region}"}}]}
    with pytest.raises(DataError) as err:
        parse_rules(raw, "aturan.yaml")
    [problem] = err.value.problems
    text = problem.describe("id")
    assert "aturan.yaml" in text and "rules.0.finding.title" in text and "indicator_nama" in text


def test_data_gaps_and_worsening_change_the_draft(bare, tmp_path):
    data = evalreport.load(bare)
    # Bangkalan's KP01 value removed: a data gap, drafted by the DATA rule
    obs = [o for o in data.observations if not (o.region == "3526" and o.indicator == "KP01"
                                                 and o.period == "2024")]
    gap = data.model_copy(update={"observations": obs})
    result = evalreport.recommend(gap, tmp_path / "u.xlsx")
    finding = next(f for f in result.drafts.findings if f.code == "U-3526-KP01")
    assert finding.title.startswith("Data ") and "belum tersedia" in finding.title
    rules = bundled_rules()
    changed = {"priority_when_worse": "high", "priority": "low"}
    worse = rules.model_copy(update={"rules": [
        r.model_copy(update={"recommendation": r.recommendation.model_copy(update=changed)})
        for r in rules.rules]})
    result = evalreport.recommend(data, tmp_path / "w.xlsx", rules=worse)
    card = evalreport.score(data)
    for rec in result.drafts.recommendations:
        r = card.get(rec.region, card.current_period, rec.code.rsplit("-", 1)[1])
        assert rec.priority.value == ("high" if r.trend == "worse" else "low")
