"""A region's documents speak of that region: its own items, its own comparison group, its
rank, and a summary that ranks and breaks pages as a reader expects.

1. A region's documents show only its own findings, recommendations and actions (the general
   ones as provincial context), and the finding headings carry the codes the recommendations
   cite.
2. A region is ranked within its comparison group (the regions with the same parent, as in its
   comparison charts), and the text names that group.
3. The regional summary gives regions with the same average the same rank.
4. In the regional summary, long lists can split across pages and the signature keeps with
   the closing sentence.
"""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

import evalreport
from evalreport.context.region import ContextBuilder
from evalreport.context.summary import build_summary
from evalreport.run.documents import DocumentMaker
from evalreport.run.synthetic import national_dataset

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
TEMPLATES = ROOT / "templates"

T01_TITLE = "Angka kejadian konflik di Kabupaten Bangkalan tetap di atas batas target"


def _need_templates() -> None:
    if not all((TEMPLATES / f"{n}.docx").exists() for n in ("laporan-evaluasi", "ringkasan-wilayah")):
        pytest.skip("bundled templates not built")


def _text(blob: bytes) -> str:
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
def jatim_ctx(jatim):
    builder = ContextBuilder(evalreport.score(jatim))
    return lambda name: builder.build(jatim.region(name))


# ------------------------------------------------------------ 1. findings of other regions

def test_a_general_recommendation_shows_only_the_findings_of_this_region(jatim_ctx):
    # R06 is general (provincial context) and answers T06 (general) and T01 (Bangkalan only).
    malang = {r["kode"]: r for r in jatim_ctx("Kab. Malang")["konteks"]["rekomendasi"]}
    assert malang["R06"]["temuan"] == "T06"
    assert "Bangkalan" not in malang["R06"]["temuan_judul"]
    bangkalan = {r["kode"]: r for r in jatim_ctx("Kab. Bangkalan")["konteks"]["rekomendasi"]}
    assert bangkalan["R06"]["temuan"] == "T06, T01"
    assert T01_TITLE in bangkalan["R06"]["temuan_judul"]
    assert "R06" not in {r["kode"] for r in jatim_ctx("Kab. Bangkalan")["rekomendasi"]}


def test_action_rows_do_not_pull_in_another_regions_finding(jatim_ctx):
    ctx = jatim_ctx("Kab. Malang")
    assert ctx["tindak_lanjut"] == []  # Kab. Malang has no action of its own
    shown = ctx["konteks"]["tindak_lanjut"]
    assert not any(T01_TITLE in t["temuan"] for t in shown)
    a10 = next(t for t in shown if t["kode"] == "A10")  # A10 follows R06
    assert a10["temuan"].startswith("T06: ") and a10["anggaran"] == "–"  # budget: in the summary


def test_rendered_documents_of_one_region_omit_another_regions_finding(jatim):
    _need_templates()
    maker = DocumentMaker(jatim)
    malang = maker.render_region(jatim.region("Kab. Malang"))
    for name, blob in malang.items():
        text = _text(blob)
        assert T01_TITLE not in text, name
        assert "T06, T01" not in text, name
    bangkalan = maker.render_region(jatim.region("Kab. Bangkalan"))
    assert T01_TITLE in _text(bangkalan["rekomendasi"])


def test_finding_headings_carry_the_codes_that_recommendations_cite(jatim):
    _need_templates()
    region = jatim.region("Kab. Bangkalan")
    doc = Document(io.BytesIO(DocumentMaker(jatim, docs=["laporan-evaluasi"]).render_region(region)
                              ["laporan-evaluasi"]))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 3"
                and p.text.startswith("Temuan ")]
    # numbered 1..n in this report, each with the code the recommendations cite
    assert [h.split(":")[0] for h in headings] == ["Temuan 1 (T01)", "Temuan 2 (T02)"]
    ctx = ContextBuilder(evalreport.score(jatim)).build(region)
    cited = {c.strip() for r in ctx["rekomendasi"] for c in r["temuan"].split(",")}
    assert cited <= {h.split("(")[1].split(")")[0] for h in headings}
    assert [t["kode"] for t in ctx["konteks"]["temuan"]] == ["T04", "T05", "T06", "T07", "T08"]


def test_synthetic_copies_of_a_finding_show_only_in_their_own_region():
    data = national_dataset(60, seed=1)
    builder = ContextBuilder(evalreport.score(data))
    r06 = next(r for r in data.recommendations if r.code == "R06")
    copies = [c for c in r06.findings if c.startswith("T01-")]
    assert copies  # the sample's T01 was copied to some regions, and R06 links every copy
    owner = {f.code: f.region for f in data.findings}
    for region in data.regions[:5] + [data.region(owner[c]) for c in copies]:
        ctx = builder.build(region)
        shown = {t["kode"] for t in ctx["temuan"] + ctx["konteks"]["temuan"]}
        rec = next(r for r in ctx["konteks"]["rekomendasi"] if r["kode"] == "R06")
        linked = rec["temuan"].split(", ")
        assert linked == ["T06"] + [c for c in copies if owner[c] == region.code]
        assert set(linked) <= shown
        for f in data.findings:
            if f.region not in (None, region.code):
                assert f.code not in shown


def test_an_action_of_another_regions_recommendation_is_not_shown(minimal_dict):
    minimal_dict["findings"] = [
        {"code": "T01", "title": "Konflik tinggi di Bangkalan", "region": "3526", "condition": "k",
         "criterion": "k", "cause": "s", "effect": "a"}]
    minimal_dict["recommendations"] = [
        {"code": "R01", "findings": ["T01"], "text": "Revitalisasi tim terpadu", "region": "3526",
         "addressed_to": "Bakesbangpol Kab. Bangkalan"}]
    minimal_dict["actions"] = [  # no region of its own, but it follows Bangkalan's R01
        {"code": "A01", "recommendation": "R01", "activity": "Rapat triwulanan",
         "responsible": "Bakesbangpol Kab. Bangkalan", "deadline": "2025-06-30",
         "success_indicator": "Rapat terlaksana", "budget": 1000000}]
    data = evalreport.parse(minimal_dict)
    builder = ContextBuilder(evalreport.score(data))
    malang = builder.build(data.region("3507"))
    assert (malang["temuan"], malang["rekomendasi"], malang["tindak_lanjut"]) == ([], [], [])
    assert malang["rtl"]["total_anggaran"] == "Rp0"
    bangkalan = builder.build(data.region("3526"))
    assert [t["kode"] for t in bangkalan["tindak_lanjut"]] == ["A01"]


# ------------------------------------------------------------ 2. rank within the parent

def _two_provinces(minimal_dict) -> dict:
    """Five regions in three provinces, public trust only (T = 70):
    Aceh: 63 (90 %), 70 (100 %); Bali: 77 (110 %), a city 56 (80 %); Bengkulu: 66.5 (95 %)."""
    minimal_dict["regions"] = [
        {"code": "1101", "name": "Kabupaten Simeulue", "level": "kabupaten", "parent": "Provinsi Aceh"},
        {"code": "1102", "name": "Kabupaten Aceh Singkil", "level": "kabupaten", "parent": "Provinsi Aceh"},
        {"code": "5101", "name": "Kabupaten Jembrana", "level": "kabupaten", "parent": "Provinsi Bali"},
        {"code": "5171", "name": "Kota Denpasar", "level": "kota", "parent": "Provinsi Bali"},
        {"code": "1701", "name": "Kabupaten Bengkulu Selatan", "level": "kabupaten",
         "parent": "Provinsi Bengkulu"},
    ]
    minimal_dict["observations"] = [
        {"region": c, "period": "2024", "indicator": "KP01", "value": v}
        for c, v in (("1101", 63), ("1102", 70), ("5101", 77), ("5171", 56), ("1701", 66.5))]
    return minimal_dict


def test_result_keeps_the_dataset_rank_and_gains_the_rank_within_its_parent(minimal_dict):
    card = evalreport.score(evalreport.parse(_two_provinces(minimal_dict)))
    ranks = {r.region.code: (r.rank, r.rank_of, r.group_rank, r.group_rank_of)
             for r in card.ranking("KP01")}
    assert ranks == {
        "5101": (1, 5, 1, 2), "1102": (2, 5, 1, 2), "1701": (3, 5, 1, 1),
        "1101": (4, 5, 2, 2), "5171": (5, 5, 2, 2)}
    assert [r.code for r in card.group(card.dataset.region("1101"))] == ["1101", "1102"]


def test_group_rank_is_competition_ranking(minimal_dict):
    data = _two_provinces(minimal_dict)
    data["regions"][1]["parent"] = data["regions"][2]["parent"] = "Provinsi Aceh"
    for o in data["observations"]:
        o["value"] = {"1101": 63, "1102": 70, "5101": 63}.get(o["region"], o["value"])
    card = evalreport.score(evalreport.parse(data))
    aceh = {r.region.code: (r.group_rank, r.group_rank_of) for r in card.ranking("KP01")
            if r.region.parent == "Provinsi Aceh"}
    assert aceh == {"1102": (1, 3), "1101": (2, 3), "5101": (2, 3)}  # 100, 90, 90 -> 1, 2, 2


def test_context_names_the_comparison_group(minimal_dict):
    data = evalreport.parse(_two_provinces(minimal_dict))
    builder = ContextBuilder(evalreport.score(data))
    aceh = builder.build(data.region("1101"))
    assert aceh["wilayah_pembanding"] == {"nama": "Provinsi Aceh", "jumlah": 2, "jumlah_lain": 1,
                                  "sebutan": "kabupaten"}
    assert aceh["indikator"][0]["peringkat"] == "2 dari 2"  # 4th of 5 in the whole dataset
    bali = builder.build(data.region("5171"))
    assert bali["wilayah_pembanding"]["sebutan"] == "kabupaten/kota"
    alone = builder.build(data.region("1701"))
    assert alone["wilayah_pembanding"]["jumlah"] == 1 and alone["indikator"][0]["peringkat"] == "–"


def test_without_parents_the_group_is_the_dataset_named_after_the_programme(minimal_dict):
    data = evalreport.parse(minimal_dict)  # regions without a parent
    ctx = ContextBuilder(evalreport.score(data)).build(data.region("3526"))
    assert ctx["wilayah_pembanding"] == {"nama": "Provinsi Jawa Timur", "jumlah": 2, "jumlah_lain": 1,
                                 "sebutan": "kabupaten"}


def test_report_text_ranks_within_the_province(minimal_dict):
    _need_templates()
    data = evalreport.parse(_two_provinces(minimal_dict))
    maker = DocumentMaker(data, docs=["laporan-evaluasi"])
    text = _text(maker.render_region(data.region("1101"))["laporan-evaluasi"])
    assert "dibandingkan dengan 1 kabupaten lain yang dievaluasi di Provinsi Aceh" in text
    assert "Peringkat 2 dari 2 kabupaten yang dievaluasi di Provinsi Aceh." in text
    assert "4 wilayah lain" not in text and "Peringkat 4 dari 5" not in text
    text = _text(maker.render_region(data.region("1701"))["laporan-evaluasi"])
    assert "satu-satunya wilayah di Provinsi Bengkulu" in text


def test_single_province_report_compares_the_whole_dataset(jatim):
    _need_templates()
    blob = DocumentMaker(jatim, docs=["laporan-evaluasi"]).render_region(jatim.region("Kab. Malang"))
    text = _text(blob["laporan-evaluasi"])
    assert "dibandingkan dengan 7 kabupaten/kota lain yang dievaluasi di Provinsi Jawa Timur" in text
    assert "dari 8 kabupaten/kota yang dievaluasi di Provinsi Jawa Timur." in text


def test_summary_still_ranks_every_region(minimal_dict):
    card = evalreport.score(evalreport.parse(_two_provinces(minimal_dict)))
    rows = build_summary(card)["indikator_peringkat"][0]["baris"]
    assert [b["peringkat"] for b in rows] == ["1", "2", "3", "4", "5"]


# ------------------------------------------------------------ 3. tied averages in the summary

def test_equal_averages_share_a_rank_in_the_summary(minimal_dict):
    data = _two_provinces(minimal_dict)
    values = {"1101": 63, "1102": 70, "5101": 63, "5171": 56}  # 90, 100, 90, 80; 1701: none
    data["observations"] = [o for o in data["observations"] if o["region"] in values]
    for o in data["observations"]:
        o["value"] = values[o["region"]]
    card = evalreport.score(evalreport.parse(data))
    rows = build_summary(card)["wilayah_peringkat"]
    assert [(w["kode"], w["rata_capaian"], w["peringkat"]) for w in rows] == [
        ("1102", "100,00%", "1"), ("5101", "90,00%", "2="), ("1101", "90,00%", "2="),
        ("5171", "80,00%", "4"), ("1701", "–", "–")]
    assert rows[-1]["catatan"] == "tidak diperingkat: belum ada indikator yang dapat dinilai"


# ------------------------------------------------------------ 4. page breaks in the summary

def _summary_template():
    _need_templates()
    return Document(str(TEMPLATES / "ringkasan-wilayah.docx"))


def _keeps(par) -> tuple[bool, bool]:
    """(keep with next, keep lines together) as set on the paragraph or its style."""
    def has(tag: str) -> bool:
        for ppr in (par._p.pPr, par.style.element.pPr):
            el = ppr.find(qn(tag)) if ppr is not None else None
            if el is not None:
                return el.get(qn("w:val"), "true") not in ("0", "false")
        return False
    return has("w:keepNext"), has("w:keepLines")


def test_the_list_of_regions_that_missed_a_target_can_split_across_pages():
    doc = _summary_template()
    pars = doc.paragraphs
    i = next(n for n, p in enumerate(pars) if "ind.tidak_tercapai" in p.text)
    assert _keeps(pars[i]) == (False, False)  # a list of hundreds of names: free to split
    head = next(n for n, p in enumerate(pars) if p.style.name == "Heading 3")
    assert head < i and _keeps(pars[head])[0]
    intro = pars[head + 1]  # the short target line keeps with what follows
    assert "ind.target" in intro.text and "ind.tidak_tercapai" not in intro.text
    assert _keeps(intro)[0]


def test_the_signature_keeps_with_the_closing_sentence():
    doc = _summary_template()
    body = list(doc.element.body.iterchildren())
    sig = next(n for n, el in enumerate(body) if el.tag == qn("w:tbl")
               and "penandatangan.nama" in "".join(el.itertext()))
    before = [el for el in body[:sig] if el.tag == qn("w:p")][-2:]
    closing, spacer = (next(p for p in doc.paragraphs if p._p is el) for el in before)
    assert "Demikian" in closing.text
    assert _keeps(closing)[0] and _keeps(spacer)[0]
