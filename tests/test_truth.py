"""Documents an official signs unchanged: every sentence true to the region's own data.

Hand-checked cases, each as an official would read it:

1. the sample: every regional letter has its own number and goes to the region's head;
   Kab. Bangkalan's report says "5 dari 11 target tercapai", lists all 6 misses, is "Tinggi"
   (not "Sangat Tinggi") at the default cap and never calls the programme effective;
2. a region with 6 misses and 7 flagged values: every miss named, the notes end "dan 2 lainnya";
3. a region with no data: "belum dapat dinilai", never "belum mencapai", and not ranked;
4. two regions assessed on different indicators: not ranked against each other, and said so;
5. the budgets printed in every regional plan plus the summary add up to the data's total,
   each action once;
6. a mean of exactly 90,005 is 90,01 (half-up) in the report and in the summary alike;
7. letters up and down, with and without recommendations; validation of letter numbers and the
   warnings an official would want; provenance in the file properties, true under --resume.
"""
from __future__ import annotations

import copy
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from docx import Document

import evalreport
from evalreport.context.region import ContextBuilder
from evalreport.context.summary import build_summary
from evalreport.run.batch import PROVENANCE_FILE, run_batch
from evalreport.run.documents import DocumentMaker
from evalreport.run.summary import render_summary
from evalreport.scoring.aggregate import mean
from evalreport.word.properties import read_custom_properties, write_custom_properties
from evalreport.word.rendering import BUILTIN

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def _need_templates() -> None:
    if not all((ROOT / "templates" / f"{n}.docx").exists() for n in BUILTIN):
        pytest.skip("bundled templates not built")


def text_of(blob: bytes) -> str:
    """Every paragraph and table cell of a document's body, one per line."""
    doc = Document(io.BytesIO(blob))
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def jatim():
    return evalreport.load(SAMPLES / "jatim.yaml")


@pytest.fixture(scope="module")
def rendered(jatim):
    """Every region's documents of the sample, as bytes."""
    _need_templates()
    maker = DocumentMaker(jatim)
    return {r.code: maker.render_region(r) for r in jatim.regions}


# ------------------------------------------------------------------- 1. the sample, as signed

def test_every_regional_letter_has_its_own_number_and_the_regions_head(jatim, rendered):
    numbers, heads = {}, {}
    for code, blobs in rendered.items():
        text = text_of(blobs["rekomendasi"])
        numbers[code] = re.search(r"Nomor\n:\n(\S+)", text).group(1)
        heads[code] = re.search(r"Yth\. (.+)", text).group(1)
    assert len(set(numbers.values())) == len(jatim.regions)
    assert numbers["3526"] == "000.4.2/1236/209.3/2025"
    assert heads["3526"] == "Bupati Bangkalan" and heads["3578"] == "Wali Kota Surabaya"
    assert heads["3507"] == "Bupati Malang" and heads["3573"] == "Wali Kota Malang"
    letter = text_of(rendered["3526"]["rekomendasi"])
    assert "Gubernur Jawa Timur" not in letter.split("Tembusan:")[0]  # a copy, not the addressee
    assert "Yth. Gubernur Jawa Timur (sebagai laporan);" in letter
    assert ("Rekomendasi Hasil Evaluasi Program Penguatan Ketahanan Sosial dan Politik Tahun 2024 "
            "di Kabupaten Bangkalan") in letter  # Hal names what it carries, and the region
    assert "Lampiran\n:\n1 (satu) berkas" in letter
    assert "paling lambat 60 (enam puluh) hari sejak surat ini diterima" in letter


def test_bangkalan_report_is_true_to_bangkalan(jatim, rendered):
    text = text_of(rendered["3526"]["laporan-evaluasi"])
    assert "5 dari 11 target tercapai" in text
    card = evalreport.score(jatim)
    missed = [r for r in card.select("3526") if r.met is False]
    assert len(missed) == 6
    summary = next(line for line in text.splitlines() if line.startswith("Target yang belum tercapai:"))
    for r in missed:
        assert r.indicator.name in summary
    assert "lainnya" not in summary
    assert "Predikat rata-rata capaian\nTinggi (5 dari 11 target tercapai)" in text
    assert "89,94%" in text and "90,20%" not in text  # capped mean, not the raw one
    assert not re.search(r"(?i)berjalan efektif|program efektif", text)
    for blobs in rendered.values():
        for name, blob in blobs.items():
            assert not re.search(r"(?i)berjalan efektif", text_of(blob)), name


def test_executive_summary_and_conclusions_share_no_sentence(jatim):
    builder = ContextBuilder(evalreport.score(jatim))
    for region in jatim.regions:
        ctx = builder.build(region)
        assert ctx["kesimpulan"]
        assert not set(ctx["ringkasan"]["kalimat"]) & set(ctx["kesimpulan"]), region.name


def test_a_regions_documents_name_no_other_regions_shortfall(jatim, rendered):
    """Another region's name appears only where the data's scope of the whole evaluation lists
    the regions evaluated (under BAB I's note that it is the evaluation's, not the region's)."""
    scope = " ".join(jatim.programme.scope.split())
    for code, blobs in rendered.items():
        others = [r.name for r in jatim.regions if r.code != code]
        for name, blob in blobs.items():
            lines = [line for line in text_of(blob).splitlines() if any(o in line for o in others)]
            assert all(line == scope for line in lines), (code, name, lines)


def test_top_band_misses_are_marked_where_their_predicate_is_printed(rendered):
    text = text_of(rendered["3526"]["laporan-evaluasi"])
    # KP01: 64,20 against >= 70: 91,71 %, in the top band, target not met
    assert "Sangat Tinggi (target tidak tercapai)" in text
    assert "target tidak tercapai, meskipun capaian 91,71% termasuk predikat Sangat Tinggi" in text


# ------------------------------------------------------------ 2. six misses and seven flags

def _one_region(indicators: int, values: dict[str, float], status: dict[str, str] | None = None,
                name: str = "Kabupaten Uji") -> dict:
    """One region, one period, ``indicators`` higher-is-better indicators with target 100 (so
    that achievement equals the value), in two dimensions."""
    status = status or {}
    return {
        "programme": {"name": "Program Uji", "agency": "Badan Uji", "periods": ["2024"],
                      "region": {"code": "35", "name": "Provinsi Uji", "level": "provinsi"}},
        "document": {"place": "Kota Uji", "date": "2025-01-15",
                     "signatory": {"name": "Pejabat", "title": "Kepala", "nip": "197003151995031002"},
                     "letterhead": {"parent": "PEMERINTAH PROVINSI UJI", "agency": "BADAN UJI"}},
        "regions": [{"code": "3501", "name": name, "parent": "Provinsi Uji"}],
        "dimensions": [{"code": "D1", "name": "Dimensi Satu"}, {"code": "D2", "name": "Dimensi Dua"}],
        "indicators": [{"code": f"I{n:02d}", "name": f"Indikator nomor {n}", "unit": "%",
                        "dimension": "D1" if n % 2 else "D2", "comparator": ">=", "target": 100}
                       for n in range(1, indicators + 1)],
        "observations": [{"region": "3501", "period": "2024", "indicator": code, "value": v,
                          **({"status": status[code]} if code in status else {})}
                         for code, v in values.items()],
    }


def test_six_misses_all_named_and_seven_flags_say_how_many_more():
    values = {f"I{n:02d}": v for n, v in enumerate([50, 60, 70, 80, 90, 95, 100, 100, 100, 100], 1)}
    flags = {f"I{n:02d}": "provisional" for n in range(1, 8)}
    data = evalreport.parse(_one_region(10, values, flags))
    ctx = ContextBuilder(evalreport.score(data)).build(data.regions[0])
    sentences = ctx["ringkasan"]["kalimat"]
    missed = next(s for s in sentences if s.startswith("Target yang belum tercapai:"))
    for n in range(1, 7):
        assert f"Indikator nomor {n} (" in missed
    assert "lainnya" not in missed and missed.count(" terhadap target ") == 6
    notes = next(s for s in sentences if s.startswith("Catatan data:"))
    assert notes == ("Catatan data: I01 data sementara; I02 data sementara; I03 data sementara; "
                     "I04 data sementara; I05 data sementara dan 2 lainnya.")
    assert sentences[0] == "Pada periode 2024, 4 dari 10 target di Kabupaten Uji tercapai dan 6 belum tercapai."
    # and in the rendered report, word for word
    _need_templates()
    text = text_of(DocumentMaker(data, docs=["laporan-evaluasi"]).render_region(data.regions[0])
                   ["laporan-evaluasi"])
    assert missed in text and notes in text


def test_a_longer_list_of_misses_says_how_many_more():
    values = {f"I{n:02d}": 50 + n for n in range(1, 11)}  # ten misses
    data = evalreport.parse(_one_region(10, values))
    ctx = ContextBuilder(evalreport.score(data)).build(data.regions[0])
    missed = next(s for s in ctx["ringkasan"]["kalimat"] if s.startswith("Target yang belum tercapai:"))
    assert missed.count(" terhadap target ") == 8 and missed.endswith(" dan 2 lainnya.")


# -------------------------------------------------------------------- 3. a region with no data

def test_a_region_without_data_cannot_be_assessed_not_missed(minimal_dict):
    minimal_dict["observations"] = [o for o in minimal_dict["observations"] if o["region"] != "3526"]
    data = evalreport.parse(minimal_dict)
    card = evalreport.score(data)
    ctx = ContextBuilder(card).build(data.region("3526"))
    words = " ".join(ctx["ringkasan"]["kalimat"] + ctx["kesimpulan"]
                     + [d["kalimat"] for d in ctx["dimensi"]])
    assert "belum dapat dinilai" in words
    assert "belum mencapai" not in words and "belum tercapai" not in words
    assert ctx["ringkasan"]["jumlah_tanpa_data"] == 4 and ctx["ringkasan"]["rata_capaian"] == "–"
    assert ctx["kesimpulan"][0] == ("Hasil program di Kabupaten Bangkalan belum dapat disimpulkan "
                                    "karena belum ada target yang dapat dinilai.")
    assert all(i["tercapai"] == "belum dapat dinilai" for i in ctx["indikator"])
    rows = {w["kode"]: w for w in build_summary(card)["wilayah_peringkat"]}
    assert rows["3526"]["peringkat"] == "–"
    assert rows["3526"]["catatan"] == "tidak diperingkat: belum ada indikator yang dapat dinilai"


# --------------------------------------------------- 4. regions assessed on different indicators

def test_regions_assessed_on_different_indicators_are_not_ranked_as_comparable(minimal_dict):
    minimal_dict["regions"].append({"code": "3573", "name": "Kota Malang", "level": "kota"})
    # Kota Malang: only public trust, 80 against >= 70 (114,29 %): one indicator of four
    minimal_dict["observations"].append({"region": "3573", "period": "2024", "indicator": "KP01",
                                         "value": 80})
    card = evalreport.score(evalreport.parse(minimal_dict))
    summary = build_summary(card)
    rows = {w["kode"]: w for w in summary["wilayah_peringkat"]}
    assert rows["3573"]["rata_capaian"] == "100,00%" and rows["3573"]["peringkat"] == "–"
    assert rows["3573"]["dinilai"] == "1 dari 4"
    assert rows["3573"]["catatan"] == "tidak diperingkat: dinilai pada 1 dari 4 indikator"
    assert (rows["3507"]["peringkat"], rows["3526"]["peringkat"]) == ("1", "2")
    assert summary["jumlah_diperingkat"] == 2
    assert any("Kota Malang (1 dari 4 indikator)" in n and "tidak diperingkat" in n
               for n in summary["catatan_peringkat"])
    # an unranked region comes after the ranked ones, whatever its mean
    assert [w["kode"] for w in summary["wilayah_peringkat"]][-1] == "3573"


# ------------------------------------------------------------------ 5. budgets counted once

def _budgets(blob: bytes) -> dict[str, Decimal]:
    """Action code -> budget, from every table row of a document that prints both."""
    doc = Document(io.BytesIO(blob))
    out: dict[str, Decimal] = {}
    for table in doc.tables:
        for row in table.rows:
            cells = [c.text for c in row.cells]
            codes = [c for c in cells if re.fullmatch(r"A\d\d", c.split("\n")[0])]
            money = [c for c in cells if re.fullmatch(r"Rp[\d.]+", c)]
            if codes and money:
                code = codes[0].split("\n")[0]
                assert code not in out, f"{code} printed twice with a budget"
                out[code] = Decimal(money[0][2:].replace(".", ""))
    return out


def test_budgets_across_regional_plans_and_the_summary_add_up_to_the_data(jatim, rendered, tmp_path):
    printed: dict[str, Decimal] = {}
    for blobs in rendered.values():
        plan = _budgets_by_activity(jatim, blobs["rencana-tindak-lanjut"])
        assert not set(plan) & set(printed), "an action in two regions' plans"
        printed.update(plan)
        report = _budgets_by_activity(jatim, blobs["laporan-evaluasi"])
        assert report == plan  # the report's appendix is the same plan
    summary = _budgets(render_summary(jatim, tmp_path).read_bytes())
    assert not set(summary) & set(printed)
    printed.update(summary)
    total = sum((a.budget for a in jatim.actions if a.budget is not None), Decimal(0))
    assert sum(printed.values()) == total
    assert set(printed) == {a.code for a in jatim.actions if a.budget is not None}


def _budgets_by_activity(data, blob: bytes) -> dict[str, Decimal]:
    """The regional matrix names activities, not codes: action code -> budget via the activity."""
    by_activity = {a.activity: a.code for a in data.actions}
    doc = Document(io.BytesIO(blob))
    out: dict[str, Decimal] = {}
    for table in doc.tables:
        for row in table.rows:
            cells = [c.text for c in row.cells]
            acts = [by_activity[c] for c in cells if c in by_activity]
            money = [c for c in cells if re.fullmatch(r"Rp[\d.]+", c)]
            if acts and money:
                assert acts[0] not in out
                out[acts[0]] = Decimal(money[0][2:].replace(".", ""))
    return out


def test_the_regional_plan_refers_to_provincial_actions_without_their_budget(jatim):
    ctx = ContextBuilder(evalreport.score(jatim)).build(jatim.region("3526"))
    assert [t["kode"] for t in ctx["tindak_lanjut"]] == ["A01", "A02", "A03", "A04"]
    assert ctx["rtl"]["total_anggaran"] == "Rp260.000.000"
    provincial = ctx["konteks"]["tindak_lanjut"]
    assert [t["kode"] for t in provincial] == ["A06", "A08", "A09", "A10", "A11", "A12", "A13"]
    assert {t["anggaran"] for t in provincial} == {"–"}
    assert all("Provinsi" in t["penanggung_jawab"] for t in provincial)


# -------------------------------------------------------------------- 6. rounding 90,005

def test_a_mean_of_90_005_is_90_01_everywhere():
    assert mean([Decimal("90.00"), Decimal("90.01")]) == Decimal("90.01")  # half-even: 90.00
    data = evalreport.parse(_one_region(2, {"I01": 90.0, "I02": 90.01}))
    card = evalreport.score(data)
    agg = card.aggregate("3501")
    assert (agg.mean, agg.band.label) == (Decimal("90.01"), "Sangat Tinggi")
    ctx = ContextBuilder(card).build(data.regions[0])
    assert ctx["ringkasan"]["rata_capaian"] == "90,01%"
    assert ctx["ringkasan"]["predikat"] == "Sangat Tinggi"
    row = build_summary(card)["wilayah_peringkat"][0]
    assert (row["rata_capaian"], row["predikat"]) == ("90,01%", "Sangat Tinggi")
    d1, d2 = card.dimensions("3501")
    assert (d1.mean_achievement, d2.mean_achievement) == (Decimal("90.00"), Decimal("90.01"))


def test_the_cap_is_a_setting_beside_the_bands(minimal_dict):
    # Kab. Malang 2024: KP01 103.57, IN01 100.00, KS01 120.00, KS02 140.00
    card = evalreport.score(evalreport.parse(minimal_dict))
    assert card.aggregate("3507").mean == Decimal("100.00")
    minimal_dict["achievement_cap"] = 110  # (103.57 + 100 + 110 + 110) / 4 = 105.8925
    assert evalreport.score(evalreport.parse(minimal_dict)).aggregate("3507").mean == Decimal("105.89")
    minimal_dict["achievement_cap"] = None
    assert evalreport.score(evalreport.parse(minimal_dict)).aggregate("3507").mean == Decimal("115.89")
    minimal_dict["achievement_cap"] = "tanpa batas"
    assert evalreport.parse(minimal_dict).achievement_cap is None


# --------------------------------------------------------------------------- 7. letters

def test_a_letter_to_a_superior_reports_and_asks_nothing():
    data = evalreport.load(SAMPLES / "kota-batu.yaml")
    ctx = ContextBuilder(evalreport.score(data)).build(data.regions[0])
    assert ctx["surat"]["ke_atasan"] and ctx["dokumen"]["kepada"] == "Wali Kota Batu"
    text = " ".join(ctx["surat"]["paragraf"])
    assert text.startswith("Bersama ini kami laporkan hasil evaluasi")
    assert "mohon" not in text and "paling lambat" not in text
    assert ctx["surat"]["tembusan"] == ["Sekretaris Daerah Kota Batu", "Inspektur Kota Batu"]


def test_a_letter_without_recommendations_says_so_and_attaches_nothing(minimal_dict):
    data = evalreport.parse(minimal_dict)
    ctx = ContextBuilder(evalreport.score(data)).build(data.region("3526"))
    assert not ctx["surat"]["ada_rekomendasi"] and ctx["dokumen"]["lampiran"] == "–"
    assert ctx["dokumen"]["hal"].startswith("Hasil Evaluasi ")
    assert ("Evaluasi tersebut tidak menghasilkan rekomendasi khusus bagi Kabupaten Bangkalan, "
            "sehingga tidak ada tindak lanjut yang kami mohonkan.") in ctx["surat"]["paragraf"]
    assert ctx["dokumen"]["kepada"] == "Bupati Bangkalan"
    _need_templates()
    text = text_of(DocumentMaker(data, docs=["rekomendasi"]).render_region(data.region("3526"))
                   ["rekomendasi"])
    assert "REKOMENDASI HASIL EVALUASI" not in text  # no annex


def test_the_data_may_name_another_addressee_and_a_number_pattern(minimal_dict):
    minimal_dict["document"]["number"] = "000.4.2/{no:03d}/{kode_wilayah}/2025"
    minimal_dict["regions"][1]["addressee"] = "Penjabat Bupati Bangkalan"
    data = evalreport.parse(minimal_dict)
    builder = ContextBuilder(evalreport.score(data))
    assert builder.build(data.region("3507"))["dokumen"]["nomor"] == "000.4.2/001/3507/2025"
    bkl = builder.build(data.region("3526"))
    assert bkl["dokumen"]["nomor"] == "000.4.2/002/3526/2025"
    assert bkl["dokumen"]["kepada"] == "Penjabat Bupati Bangkalan"


def test_one_number_for_several_letters_fails_validation_naming_the_field(minimal_dict, tmp_path):
    minimal_dict["document"]["number"] = "000.4.2/1234/209.3/2025"
    path = tmp_path / "data.yaml"
    path.write_text(yaml.safe_dump(minimal_dict, allow_unicode=True), encoding="utf-8")
    errors = [p for p in evalreport.check_data(path) if p.severity == "error"]
    assert [(p.code, p.location.path) for p in errors] == [("letter-number-shared", "document.number")]
    assert "Kabupaten Malang dan Kabupaten Bangkalan" in errors[0].message.render("id")
    minimal_dict["document"]["number"] = "000.4.2/{nomor}/2025"
    path.write_text(yaml.safe_dump(minimal_dict, allow_unicode=True), encoding="utf-8")
    (p,) = [p for p in evalreport.check_data(path) if p.severity == "error"]
    assert p.code == "letter-number-pattern" and "{no}" in p.message.render("id")


def test_validate_warns_what_an_official_would_miss(minimal_dict, tmp_path):
    minimal_dict["document"]["signatory"].pop("nip")
    minimal_dict["document"]["addressee"] = "Gubernur Jawa Timur"
    minimal_dict["regions"][0]["document_number"] = "000.4.2/0087/209.3/2025"
    minimal_dict["regions"][1]["document_number"] = "000.4.2/0088/209.3/2025"
    minimal_dict["findings"] = [{"code": "T01", "title": "t", "condition": "k", "criterion": "k",
                                 "cause": "s", "effect": "a",
                                 "evidence": "Surat Nomor 000.4.2/0087/209.3/2025"}]
    path = tmp_path / "data.yaml"
    path.write_text(yaml.safe_dump(minimal_dict, allow_unicode=True), encoding="utf-8")
    problems = evalreport.check_data(path)
    assert all(p.severity == "warning" for p in problems)
    found = {p.code: p.location.path for p in problems}
    assert found == {"no-logo": "document.letterhead.logo", "no-nip": "document.signatory.nip",
                     "addressee-unused": "document.addressee",
                     "letter-number-repeated": "findings[0].evidence"}


# --------------------------------------------------------------------- 8. provenance

def test_custom_properties_keep_a_templates_own(tmp_path):
    doc = Document()
    write_custom_properties(doc, [("Kantor", "Bakesbangpol"), ("evalreport.version", "0")])
    buf = io.BytesIO()
    doc.save(buf)
    again = Document(io.BytesIO(buf.getvalue()))
    write_custom_properties(again, [("evalreport.version", "1"), ("evalreport.region", "3526")])
    out = io.BytesIO()
    again.save(out)
    assert read_custom_properties(out.getvalue()) == {
        "Kantor": "Bakesbangpol", "evalreport.version": "1", "evalreport.region": "3526"}


def test_provenance_file_stays_true_under_resume(tmp_path):
    _need_templates()
    raw = yaml.safe_load((SAMPLES / "jatim.yaml").read_text(encoding="utf-8"))
    (tmp_path / "logo-jatim.png").write_bytes((SAMPLES / "logo-jatim.png").read_bytes())
    path = tmp_path / "data.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = tmp_path / "out"
    run_batch(path, out, regions=["3507", "3526"], docs=["rekomendasi"], jobs=1)
    first = json.loads((out / PROVENANCE_FILE).read_text(encoding="utf-8"))["documents"]
    assert set(first) == {"3507-kabupaten-malang/rekomendasi.docx",
                          "3526-kabupaten-bangkalan/rekomendasi.docx"}
    old_sha = evalreport.load(path).source_sha256
    raw2 = copy.deepcopy(raw)
    # a change in Bangkalan's own recommendation (not in any score, so its neighbours' ranks and
    # charts stay): Bangkalan is rendered again, Kab. Malang is skipped
    next(r for r in raw2["recommendations"] if r["code"] == "R01")["text"] += " (direvisi)"
    path.write_text(yaml.safe_dump(raw2, allow_unicode=True, sort_keys=False), encoding="utf-8")
    new_sha = evalreport.load(path).source_sha256
    result = run_batch(path, out, regions=["3507", "3526"], docs=["rekomendasi"], jobs=1, resume=True)
    assert [r.code for r in result.skipped] == ["3507"]
    now = json.loads((out / PROVENANCE_FILE).read_text(encoding="utf-8"))["documents"]
    for rel, entry in now.items():
        props = read_custom_properties((out / rel).read_bytes())
        assert props == entry, rel  # the file says what each document says of itself
    assert now["3507-kabupaten-malang/rekomendasi.docx"]["evalreport.data_sha256"] == old_sha
    assert now["3526-kabupaten-bangkalan/rekomendasi.docx"]["evalreport.data_sha256"] == new_sha


def test_the_narrative_speaks_english_too(jatim):
    ctx = ContextBuilder(evalreport.score(jatim), "en").build(jatim.region("3526"))
    assert ctx["ringkasan"]["kalimat"][0] == (
        "In 2024, 5 of the 11 targets of Kabupaten Bangkalan were met and 6 were not.")
    assert ctx["dokumen"]["kepada"] == "Regent of Bangkalan"
    assert ctx["ringkasan"]["predikat_teks"] == "Tinggi (5 of 11 targets met)"
