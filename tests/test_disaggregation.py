"""Disaggregated results (data terpilah) and the data annex: what the evaluator entered reaches
the documents, where reviewers look for it.

Given breakdowns declared once and values per category, validation names unknown categories
and categories that do not fit their headline; the scorecard scores each category against the
same target; the report prints a table per indicator and breakdown, the gap, a grouped-bar
chart and a sentence in the findings' context; the summary shows the gap by region; and the
report's data annex lets a reviewer recompute every derived rate.
"""
from __future__ import annotations

import copy
import io
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from conftest import write_yaml
from docx import Document
from openpyxl import load_workbook

import evalreport
from evalreport.charts.figures import FigureMaker
from evalreport.context.region import ContextBuilder
from evalreport.context.summary import build_summary
from evalreport.data import workbook
from evalreport.run.documents import DocumentMaker
from evalreport.scoring.scorecard import score

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "jatim.yaml"


def _with_breakdowns(minimal: dict, observations: list[dict], **breakdown) -> dict:
    data = copy.deepcopy(minimal)
    data["disaggregations"] = [{"name": "jenis kelamin", "categories": ["perempuan", "laki-laki"],
                                **breakdown}]
    data["observations"] += observations
    return data


def _obs(indicator: str, value, category: str, region: str = "3507", period: str = "2024") -> dict:
    return {"region": region, "period": period, "indicator": indicator, "value": value,
            "disaggregation": category}


def _found(path: Path) -> list:
    """The problems about disaggregated values (the fixture's letterhead has no logo)."""
    return [p for p in evalreport.check_data(path) if p.code.startswith("disaggregation")]


def _problems(tmp_path: Path, data: dict) -> list[str]:
    return [p.describe("id") for p in _found(write_yaml(tmp_path, data))]


# ---------------------------------------------------------------------------- validation

def test_an_unknown_category_is_an_error_at_its_line_with_did_you_mean(tmp_path, minimal_dict):
    data = _with_breakdowns(minimal_dict, [_obs("KP01", 70.1, "jenis kelamin: perempuan"),
                                           _obs("KP01", 74.9, "jenis kelamin: laki laki")])
    problems = _problems(tmp_path, data)
    assert len(problems) == 1, problems
    assert "kategori 'laki laki' pada pemilahan 'jenis kelamin' tidak dikenal" in problems[0]
    assert "maksudnya 'laki-laki'?" in problems[0]
    assert re.search(r"baris \d+", problems[0])


def test_an_unknown_breakdown_is_an_error_naming_the_declared_ones(tmp_path, minimal_dict):
    data = _with_breakdowns(minimal_dict, [_obs("KP01", 70.1, "jenis klamin: perempuan")])
    problems = _problems(tmp_path, data)
    assert len(problems) == 1, problems
    assert "pemilahan 'jenis klamin' tidak dikenal" in problems[0]
    assert "maksudnya 'jenis kelamin: perempuan'?" in problems[0]


def test_values_without_declared_breakdowns_still_load_with_a_warning(tmp_path, minimal_dict):
    data = copy.deepcopy(minimal_dict)
    data["observations"] += [_obs("KP01", 70.1, "jenis kelamin: perempuan"),
                             _obs("KP01", 74.9, "jenis kelamin: laki-laki")]
    problems = _found(write_yaml(tmp_path, data))
    assert [p.severity for p in problems] == ["warning"]
    assert "nyatakan setiap pemilahan" in problems[0].describe("id")
    card = score(evalreport.load(write_yaml(tmp_path, data)))
    (b,) = card.disaggregated("3507", "KP01")
    assert [c.category for c in b.categories] == ["perempuan", "laki-laki"]


def test_a_rate_outside_its_categories_is_warned_about_naming_the_rows(tmp_path, minimal_dict):
    # 3507 KP01 2024 is 72.5: categories 60.0 and 65.0 cannot average to it
    data = _with_breakdowns(minimal_dict, [_obs("KP01", 60.0, "jenis kelamin: perempuan"),
                                           _obs("KP01", 65.0, "jenis kelamin: laki-laki")])
    problems = _found(write_yaml(tmp_path, data))
    assert [p.severity for p in problems] == ["warning"]
    text = problems[0].describe("id")
    assert "nilai utama 72.5" in text and "60 sampai 65" in text
    lines = [int(n) for n in re.findall(r"baris (\d+)", text)]
    assert len(lines) == 3  # the headline's own line, then the two categories' lines


def test_counts_that_do_not_add_up_to_the_headline_are_warned_about(tmp_path, minimal_dict):
    # KS02 3507 2024 (aduan, additive) is 4 in the fixture
    data = _with_breakdowns(minimal_dict, [_obs("KS02", 1, "jenis kelamin: perempuan"),
                                           _obs("KS02", 1, "jenis kelamin: laki-laki")], additive=True)
    headline = next(o["value"] for o in data["observations"] if o["region"] == "3507"
                    and o["period"] == "2024" and o["indicator"] == "KS02" and "disaggregation" not in o)
    problems = _found(write_yaml(tmp_path, data))
    text = " ".join(p.describe("id") for p in problems)
    assert f"berjumlah 2, tidak sama dengan nilai utama {headline:g}" in text
    good = _with_breakdowns(minimal_dict, [_obs("KS02", 1, "jenis kelamin: perempuan"),
                                           _obs("KS02", headline - 1, "jenis kelamin: laki-laki")],
                            additive=True)
    assert _found(write_yaml(tmp_path, good, "good.yaml")) == []


# ---------------------------------------------------------------------------- scoring

def test_each_category_is_scored_against_the_same_target_with_the_gap():
    card = score(evalreport.load(SAMPLE))
    (b,) = card.disaggregated("3509", "PA01")
    women, men = b.categories
    # PA01 target >= 50: 42.10 / 50 = 84.20 %, 53.40 / 50 = 106.80 %
    assert (women.category, women.achievement, women.met) == ("perempuan", Decimal("84.20"), False)
    assert (men.category, men.achievement, men.met) == ("laki-laki", Decimal("106.80"), True)
    assert b.gap.value == pytest.approx(-11.3) and b.gap.exceeds
    assert card.disaggregated("3509", "KP01") == []


def test_the_gap_threshold_is_a_setting_of_the_breakdown(tmp_path, minimal_dict):
    obs = [_obs("KP01", 70.1, "jenis kelamin: perempuan"), _obs("KP01", 74.9, "jenis kelamin: laki-laki")]
    for threshold, named in ((4, True), (5, False)):
        data = _with_breakdowns(minimal_dict, obs, gap_threshold=threshold)
        card = score(evalreport.load(write_yaml(tmp_path, data)))
        ctx = ContextBuilder(card).build(card.dataset.region("3507"))
        (kp01,) = [i for i in ctx["indikator"] if i["kode"] == "KP01"]
        assert kp01["terpilah"][0]["selisih"] == "selisih perempuan - laki-laki −4,80 poin"
        assert bool(ctx["temuan_terpilah"]) is named


# ---------------------------------------------------------------------------- the report

@pytest.fixture(scope="module")
def jember():
    data = evalreport.load(SAMPLE)
    region = data.region("3509")
    maker = DocumentMaker(data, docs=["laporan-evaluasi"])
    return data, Document(io.BytesIO(maker.render_region(region)["laporan-evaluasi"]))


def _rows(doc, header: list[str]) -> list[list[str]]:
    """The body rows of every table whose header row is ``header``."""
    out = []
    for t in doc.tables:
        cells = [c.text.strip() for c in t.rows[0].cells]
        if cells == header:
            out += [[c.text.strip() for c in row.cells] for row in t.rows[1:]]
    return out


def test_the_report_prints_each_category_its_gap_and_the_findings_context(jember):
    _data, doc = jember
    rows = _rows(doc, ["Kategori", "Realisasi", "Capaian", "Predikat", "Keterangan", "Status Data"])
    assert ["perempuan", "42,10", "84,20%", "Tinggi", "Tidak tercapai", "tetap"] in rows
    assert ["laki-laki", "53,40", "106,80%", "Sangat Tinggi", "Tercapai", "tetap"] in rows
    assert ["penyandang disabilitas", "68,40", "85,50%", "Tinggi", "Tidak tercapai", "tetap"] in rows
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "selisih perempuan - laki-laki −11,30 poin, melebihi batas selisih 5,00 poin." in text
    assert ("Persentase penduduk yang mengikuti forum warga dalam 12 bulan terakhir di Kabupaten "
            "Jember: perempuan 42,10% berbanding laki-laki 53,40%, selisih −11,30 poin") in text
    assert "Capaian menurut kategori (data terpilah), Kabupaten Jember periode 2024" in text
    assert "None" not in text and " gap " not in text and "points" not in text


def test_the_grouped_bar_chart_is_in_the_report(jember):
    _data, doc = jember
    alts = [el.get("descr") for el in doc.element.body.iter()
            if el.tag.endswith("}docPr") and el.get("descr")]
    (alt,) = [a for a in alts if a.startswith("Capaian menurut kategori")]
    assert "perempuan 84,20%" in alt and "laki-laki 106,80%" in alt and "keseluruhan 95,60%" in alt


def test_the_data_annex_lets_a_reviewer_recompute_every_derived_rate(jember):
    data, doc = jember
    rows = _rows(doc, ["Kode", "Periode", "Pembilang", "Penyebut", "Pengali", "Hasil", "Satuan"])
    derived = {(i.code, p) for i in data.indicators if i.formula for p in data.programme.periods}
    assert {(r[0], r[1]) for r in rows} == derived

    def number(text: str) -> Decimal:
        return Decimal(text.split("\n")[0].replace(".", "").replace(",", "."))

    for code, _period, num, den, scale, result, _unit in rows:
        ind = data.indicator(code)
        q = Decimal(1).scaleb(-ind.decimals)
        assert (number(num) / number(den) * number(scale)).quantize(q, ROUND_HALF_UP) == number(result)
    # every value entered for the region is listed, with its status
    values = _rows(doc, ["No", "Kode", "Periode", "Kategori", "Nilai", "Status", "Catatan"])
    mine = [o for o in data.observations if o.region == "3509"]
    assert len(values) == len(mine)
    assert ["KS01A", "2024", "keseluruhan", "1.144", "tetap"] in [v[1:6] for v in values]
    assert ["PA01", "2024", "jenis kelamin: perempuan", "42,10", "tetap"] in [v[1:6] for v in values]
    assert all(cell for v in values for cell in v)


def test_the_summary_shows_the_gap_by_region():
    card = score(evalreport.load(SAMPLE))
    ctx = build_summary(card, "id", FigureMaker(card))
    (pa01,) = [i for i in ctx["indikator_peringkat"] if i["kode"] == "PA01"]
    (sex,) = pa01["terpilah"]
    by_region = {w["wilayah"]: w["selisih"] for w in sex["wilayah"]}
    assert by_region["Kabupaten Jember"] == "selisih perempuan - laki-laki −11,30 poin"
    assert by_region["Kabupaten Bangkalan"] == "selisih perempuan - laki-laki −15,20 poin"
    # every region of the sample with PA01 by sex, and each gap above 5 points counted
    assert len(by_region) == 8
    assert sex["jumlah_melebihi"] == sum(1 for w in sex["wilayah"] if w["melebihi_batas"]) == 6


# ---------------------------------------------------------------------------- the workbook

def test_a_blank_workbook_declares_the_usual_breakdowns_with_a_dropdown():
    wb = load_workbook(io.BytesIO(workbook.build()))
    sheet = wb["Disagregasi"]
    assert [c.value for c in sheet[1]][:2] == ["Pemilahan", "Kategori"]
    assert [sheet.cell(r, 1).value for r in range(2, 5)] == ["jenis kelamin", "kelompok umur", "disabilitas"]
    realisasi = wb["Realisasi"]
    column = next(c.column_letter for c in realisasi[1] if c.value == "Disagregasi")
    (dv,) = [dv for dv in realisasi.data_validations.dataValidation if column in str(dv.sqref)]
    lists = wb[workbook.LIST_SHEET]
    ref = dv.formula1.split("!")[1].replace("$", "")
    choices = [c.value for row in lists[ref] for c in row]
    assert choices[:2] == ["jenis kelamin: perempuan", "jenis kelamin: laki-laki"]


def test_the_sample_workbook_holds_the_same_breakdowns_as_the_yaml():
    assert (evalreport.load(ROOT / "samples" / "jatim.xlsx").disaggregations
            == evalreport.load(SAMPLE).disaggregations)


def test_many_breakdowns_are_split_over_pictures_that_say_which_part(tmp_path, minimal_dict):
    data = copy.deepcopy(minimal_dict)
    names = ["jenis kelamin", "disabilitas", "kelompok umur", "wilayah"]
    data["disaggregations"] = [{"name": n, "categories": ["a", "b"]} for n in names]
    headline = {o["indicator"]: o["value"] for o in data["observations"]
                if o["region"] == "3507" and o["period"] == "2024"}
    for n in names:
        for code in ("KP01", "IN01"):
            data["observations"] += [_obs(code, headline[code] - 1, f"{n}: a"),
                                     _obs(code, headline[code] + 1, f"{n}: b")]
    card = score(evalreport.load(write_yaml(tmp_path, data)))
    region = card.dataset.region("3507")
    pictures = FigureMaker(card).for_region(region).terpilah
    assert [p["bagian"] for p in pictures] == ["1 dari 2", "2 dari 2"]
    assert [p["gambar"].alt_text.count(", menurut ") for p in pictures] == [6, 2]
    assert all(p["gambar"].height_cm <= 22 for p in pictures)


def test_with_word_charts_the_categories_are_a_word_chart_too():
    from evalreport.charts.model import NativeChart

    card = score(evalreport.load(SAMPLE))
    (part,) = FigureMaker(card, charts="native").for_region(card.dataset.region("3509")).terpilah
    chart = part["gambar"]
    assert isinstance(chart, NativeChart) and part["sumber"] == chart.source
    # each row names its indicator, breakdown and category, in the chart and its workbook
    assert b"PA01 \xc2\xb7 jenis kelamin \xc2\xb7 perempuan" in chart.xml
    assert "84,20%" in chart.alt_text and "106,80%" in chart.alt_text
