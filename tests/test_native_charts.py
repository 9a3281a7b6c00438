"""Word charts (``render --charts native``): the parts Word needs, the values they hold, the same
bytes every time, and how LibreOffice prints them.

A report of the sample province is rendered with native charts and read back as a package
(zipfile, lxml), with python-docx and openpyxl; the chart XML is checked against the ECMA-376
order of its elements (Word refuses a chart whose elements are out of order; LibreOffice
does not).
"""
from __future__ import annotations

import io
import itertools
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import evalreport
from evalreport import _fast
from evalreport.charts import native
from evalreport.charts.figures import FigureMaker
from evalreport.charts.model import RegionValue
from evalreport.charts.palette import BAND_HATCHES, band_hatches, drawingml_pattern, lightness
from evalreport.cli import main
from evalreport.data.bands import PRESETS
from evalreport.errors import TemplateProblemError
from evalreport.run.batch import run_batch
from evalreport.run.documents import DocumentMaker
from evalreport.word.charts import CHART_CONTENT_TYPE, XLSX_CONTENT_TYPE
from evalreport.word.properties import write_custom_properties
from evalreport.word.rendering import Properties, environment, load_template
from evalreport.word.rendering import render as render_docx

ROOT = Path(__file__).resolve().parent.parent
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
NS = {"c": C, "a": A, "r": R, "wp": WP, "pr": PR, "ct": CT}
REPORT = "laporan-evaluasi.docx"


@pytest.fixture(scope="module")
def data():
    return evalreport.load(ROOT / "samples" / "jatim.yaml")


@pytest.fixture(scope="module")
def card(data):
    return evalreport.score(data)


@pytest.fixture(scope="module")
def report(data, tmp_path_factory) -> Path:
    """Kab. Malang's report with Word charts."""
    out = tmp_path_factory.mktemp("native")
    paths = DocumentMaker(data, ["laporan-evaluasi"], charts="native").region(
        data.region("Kab. Malang"), out)
    return paths[0]


def _package(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _charts(parts: dict[str, bytes]) -> list[str]:
    return sorted((n for n in parts if re.fullmatch(r"word/charts/chart\d+\.xml", n)),
                  key=lambda n: int(re.search(r"\d+", n).group()))


def _cached(chart: etree._Element) -> dict[str, list[float | None]]:
    """Series name -> its cached values (None where no point is cached)."""
    out = {}
    for ser in chart.iterfind(".//c:ser", NS):
        name = ser.findtext("c:tx//c:v", namespaces=NS)
        cache = ser.find("c:val/c:numRef/c:numCache", NS)
        values: list[float | None] = [None] * int(cache.find("c:ptCount", NS).get("val"))
        for pt in cache.iterfind("c:pt", NS):
            values[int(pt.get("idx"))] = float(pt.findtext("c:v", namespaces=NS))
        out[name] = values
    return out


def _bars(chart: etree._Element) -> list[float | None]:
    """The bar of each category of the first bar group: the one value any series has there
    (a bar chart's series are its bands, one bar per category)."""
    series = list(_cached(chart.find(".//c:barChart", NS)).values())
    n = len(series[0])
    out = []
    for i in range(n):
        got = [s[i] for s in series if s[i] is not None]
        assert len(got) <= 1, f"category {i} has {len(got)} bars"
        out.append(got[0] if got else None)
    return out


# -- the package ------------------------------------------------------------------------------


def test_chart_parts_have_workbooks_content_types_and_relationships(report):
    parts = _package(report)
    charts = _charts(parts)
    assert len(charts) >= 5
    types = etree.fromstring(parts["[Content_Types].xml"])
    for chart in charts:
        over = types.find(f"ct:Override[@PartName='/{chart}']", NS)
        assert over is not None and over.get("ContentType") == CHART_CONTENT_TYPE
        rels = etree.fromstring(parts[chart.replace("charts/", "charts/_rels/") + ".rels"])
        (rel,) = rels.iterfind("pr:Relationship", NS)
        assert rel.get("Type") == f"{R}/package"
        book = "word/" + rel.get("Target").replace("../", "")
        assert re.fullmatch(r"word/embeddings/Microsoft_Excel_Worksheet\d+\.xlsx", book)
        ext = etree.fromstring(parts[chart]).find("c:externalData", NS)
        assert ext.get(f"{{{R}}}id") == rel.get("Id")
        ct = types.find(f"ct:Override[@PartName='/{book}']", NS)
        if ct is None:
            ct = types.find("ct:Default[@Extension='xlsx']", NS)
        assert ct.get("ContentType") == XLSX_CONTENT_TYPE
        openpyxl.load_workbook(io.BytesIO(parts[book]))  # a workbook Excel's reader opens
    # every drawing of the body shows its own chart part
    doc_rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    targets = {r.get("Id"): r.get("Target") for r in doc_rels.iterfind("pr:Relationship", NS)
               if r.get("Type") == f"{R}/chart"}
    shown = [targets[c.get(f"{{{R}}}id")]
             for c in etree.fromstring(parts["word/document.xml"]).iterfind(".//c:chart", NS)]
    assert sorted(shown) == sorted(c.removeprefix("word/") for c in charts)
    assert not any(n.startswith("word/media/") and n.endswith(".png") for n in parts
                   if "image" not in n and "logo" not in n.lower() and n.count("/") > 2)


def test_python_docx_opens_it_with_every_chart_inline_and_described(report):
    doc = Document(report)
    parts = _package(report)
    assert len(doc.inline_shapes) >= len(_charts(parts))
    body = etree.fromstring(parts["word/document.xml"])
    for inline in body.iterfind(".//wp:inline", NS):
        if inline.find(".//c:chart", NS) is None:
            continue
        descr = inline.find("wp:docPr", NS).get("descr")
        assert len(descr) > 40
        cx = int(inline.find("wp:extent", NS).get("cx"))
        assert cx in (round(native.FULL_WIDTH_CM / 2.54 * 914400),
                      round(native.HALF_WIDTH_CM / 2.54 * 914400))


def test_cached_values_and_workbooks_hold_the_scores(report, card, data):
    """The achievement chart caches each indicator's achievement, the target/actual chart
    each actual as a share of its target, and the workbook the same numbers in its cells."""
    parts = _package(report)
    first = etree.fromstring(parts[_charts(parts)[0]])
    results = card.select(data.region("Kab. Malang").code)
    assert _bars(first) == pytest.approx([float(r.achievement) for r in results], rel=1e-13)
    second = etree.fromstring(parts[_charts(parts)[1]])
    actual = _cached(second.findall(".//c:barChart", NS)[1])
    (shares,) = actual.values()
    for r, share in zip(results, shares):
        assert share == pytest.approx(r.actual / r.target.reference * 100)
    # the zone where a value meets its target grows from the target line (100 %): to the
    # axis end for "at least", to 0 for "at most", over the range for a range (75-85: its
    # middle is 100 %)
    zones = _cached(second.findall(".//c:barChart", NS)[0])
    meets, upper = zones["Memenuhi target"], zones["Rentang target"]
    hi = float(second.find(".//c:valAx/c:scaling/c:max", NS).get("val"))
    for r, lower, up in zip(results, meets, upper):
        comparator = r.target.comparator.value
        if comparator == "between":
            assert (lower, up) == (pytest.approx(r.target.min / r.target.reference * 100),
                                   pytest.approx(r.target.max / r.target.reference * 100))
        elif comparator in (">=", ">"):
            assert (lower, up) == (hi, None)
        elif comparator in ("<=", "<"):
            assert (lower, up) == (0.0, None)
    for name in _charts(parts):
        chart = etree.fromstring(parts[name])
        rels = etree.fromstring(parts[name.replace("charts/", "charts/_rels/") + ".rels"])
        book = "word/" + rels.find("pr:Relationship", NS).get("Target").replace("../", "")
        sheet = openpyxl.load_workbook(io.BytesIO(parts[book]))["Sheet1"]
        for ser in chart.iterfind(".//c:ser", NS):
            ref = ser.findtext("c:val/c:numRef/c:f", namespaces=NS)
            col = ref.split("!")[1].split(":")[0].replace("$", "").rstrip("0123456789")
            n = int(ser.find("c:val//c:ptCount", NS).get("val"))
            in_chart: list[float | None] = [None] * n
            for pt in ser.iterfind("c:val//c:pt", NS):
                in_chart[int(pt.get("idx"))] = float(pt.findtext("c:v", namespaces=NS))
            assert [sheet[f"{col}{row}"].value for row in range(2, n + 2)] == in_chart
            head = ser.findtext("c:tx/c:strRef/c:f", namespaces=NS).split("!")[1].replace("$", "")
            assert sheet[head].value == ser.findtext("c:tx//c:v", namespaces=NS)


def test_the_reports_region_is_marked_in_its_comparison_charts(report):
    parts = _package(report)
    marked = 0
    for name in _charts(parts):
        chart = etree.fromstring(parts[name])
        cats = [pt.findtext("c:v", namespaces=NS) for pt in
                chart.find(".//c:ser", NS).iterfind("c:cat//c:pt", NS)]
        mine = [i for i, c in enumerate(cats) if c.startswith("► ")]
        if not mine:
            continue
        marked += 1
        assert len(mine) == 1 and "Kab. Malang" in cats[mine[0]]
        (i,) = mine
        edges = chart.xpath(f".//c:barChart/c:ser/c:dPt[c:idx/@val='{i}']/c:spPr/a:ln/a:solidFill/"
                            "a:srgbClr/@val", namespaces=NS)
        assert edges == ["111111"]
        bold = chart.xpath(f".//c:ser/c:dLbls/c:dLbl[c:idx/@val='{i}']//a:defRPr/@b",
                           namespaces=NS)
        assert bold == ["1"]
    assert marked == 11  # one chart per compared indicator


def test_ties_missed_targets_and_the_target_line():
    regions = [RegionValue("Kota A", 110.0, "#016024", band="Sangat Tinggi", rank=1),
               RegionValue("Kab. B", 104.0, "#016024", band="Sangat Tinggi", rank=2),
               RegionValue("Kab. C", 104.0, "#016024", band="Sangat Tinggi", rank=2,
                           highlight=True),
               RegionValue("Kota D", 91.5, "#40963A", band="Tinggi", rank=4, met=False)]
    group = native.region_comparison_chart(
        [("KP01 Kepercayaan", "", regions, 100.0)], title="Perbandingan",
        number_format=lambda v, d=2: f"{v:.{d}f}".replace(".", ",") + "%",
        bands=[("Sangat Tinggi", "#016024", ""), ("Tinggi", "#40963A", "")])
    (chart,) = group.charts
    root = etree.fromstring(chart.xml)
    cats = [pt.findtext("c:v", namespaces=NS) for pt in root.find(".//c:ser", NS)
            .iterfind("c:cat//c:pt", NS)]
    assert cats == ["1 Kota A", "2= Kab. B", "► 2= Kab. C", "4 Kota D"]
    assert "4= peringkat sama" in etree.tostring(root, encoding="unicode")
    tinggi = root.xpath(".//c:ser[c:tx//c:v='Tinggi']", namespaces=NS)[0]
    missed = tinggi.xpath("c:dPt[c:idx/@val='3']/c:spPr/a:pattFill/@prst", namespaces=NS)
    assert missed == [drawingml_pattern("", missed=True)]
    names = [s.findtext("c:tx//c:v", namespaces=NS) for s in root.iterfind(".//c:ser", NS)]
    assert names == ["Sangat Tinggi", "Tinggi", "Target tidak tercapai", "Target"]
    crossing = [float(ax.find("c:crossesAt", NS).get("val"))
                for ax in root.iterfind(".//c:catAx", NS) if ax.find("c:crossesAt", NS) is not None]
    assert crossing == [100.0]
    assert "Kab. C peringkat 2 dari 4 (sama dengan wilayah lain)" in chart.alt_text


def test_english_charts_speak_english(card, data):
    made = FigureMaker(card, "en", charts="native").for_region(data.regions[0])
    root = etree.fromstring(made.capaian.xml)
    assert root.find("c:lang", NS).get("val") == "en-US"
    text = etree.tostring(root, encoding="unicode")
    assert "Achievement (%)" in text and "Capaian" not in text
    assert "Target not met" in text or all(r.met is not False for r in card.select(
        data.regions[0].code))


# -- the same bytes every time ------------------------------------------------------------------


def test_workbooks_carry_no_time_of_writing(report):
    parts = _package(report)
    books = [n for n in parts if n.startswith("word/embeddings/")]
    assert books
    for name in books:
        with zipfile.ZipFile(io.BytesIO(parts[name])) as z:
            assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
            core = z.read("docProps/core.xml").decode()
        stamps = re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]+)<", core)
        assert stamps == ["2000-01-01T00:00:00Z"] * 2


def test_same_report_from_fast_and_stock_paths_and_again(data, tmp_path, monkeypatch):
    region = data.region("Kab. Malang")
    blobs = []
    for stock in ("", "docx", ""):
        if stock:
            monkeypatch.setenv(_fast.SWITCH, stock)
        else:
            monkeypatch.delenv(_fast.SWITCH, raising=False)
        blobs.append(DocumentMaker(data, ["laporan-evaluasi"], charts="native")
                     .render_region(region)["laporan-evaluasi"])
    assert blobs[0] == blobs[1] == blobs[2]


def test_one_worker_or_two_write_the_same_documents(data, tmp_path):
    one = run_batch(data, tmp_path / "one", jobs=1, charts="native", docs=["laporan-evaluasi"])
    two = run_batch(data, tmp_path / "two", jobs=2, charts="native", docs=["laporan-evaluasi"])
    assert one.ok and two.ok
    for path in one.paths:
        twin = tmp_path / "two" / path.relative_to(tmp_path / "one")
        assert path.read_bytes() == twin.read_bytes(), path.name


# -- how a run chooses ---------------------------------------------------------------------------


def _template_asking(tmp_path: Path, value: str) -> Path:
    doc = Document(io.BytesIO(load_template("laporan-evaluasi").blob))
    write_custom_properties(doc, [("evalreport.charts", value)])
    path = tmp_path / REPORT
    doc.save(path)
    return path


def test_a_template_asks_for_word_charts_and_the_run_option_decides_over_it(data, tmp_path):
    path = _template_asking(tmp_path, "native")
    assert DocumentMaker(data, ["laporan-evaluasi"], {"laporan-evaluasi": path}).charts == "native"
    assert DocumentMaker(data, ["laporan-evaluasi"], {"laporan-evaluasi": path},
                         charts="picture").charts == "picture"
    assert DocumentMaker(data, ["laporan-evaluasi"]).charts == "picture"  # the default


def test_a_template_asking_for_something_else_is_told_where(data, tmp_path):
    path = _template_asking(tmp_path, "vector")
    with pytest.raises(TemplateProblemError) as err:
        DocumentMaker(data, ["laporan-evaluasi"], {"laporan-evaluasi": path})
    text = err.value.problems[0].describe("en")
    assert "evalreport.charts" in text and "vector" in text and "laporan-evaluasi.docx" in text


def test_cli_charts_native_and_resume_renders_again_when_the_mode_changes(tmp_path):
    runner = CliRunner()
    sample = str(ROOT / "samples" / "jatim.yaml")
    out = tmp_path / "out"
    args = ["render", sample, "--region", "Kab. Malang", "--docs", "laporan-evaluasi", "-o", str(out)]
    assert runner.invoke(main, args).exit_code == 0
    report = next(out.glob(f"*/{REPORT}"))
    assert not _charts(_package(report))
    again = runner.invoke(main, [*args, "--resume", "--charts", "native"])
    assert again.exit_code == 0, again.output
    assert _charts(_package(report))  # not skipped as up to date: the mode is in the fingerprint
    third = runner.invoke(main, [*args, "--resume", "--charts", "native"])
    assert third.exit_code == 0 and "1 dilewati" in third.output  # now up to date


# -- a chart in a header, two documents, part names ----------------------------------------------


def test_charts_printed_in_a_header_and_the_body_get_their_own_parts_and_ids(card, data, tmp_path):
    made = FigureMaker(card, charts="native").for_region(data.regions[0])
    doc = Document()
    doc.sections[0].header.paragraphs[0].text = "{{ kecil }}"
    doc.add_paragraph("{{ besar }}")
    doc.add_paragraph("{% for g in lainnya %}{{ g }}{% endfor %}")
    src = tmp_path / "t.docx"
    doc.save(src)
    ctx = {"kecil": made.capaian, "besar": made.target_realisasi, "lainnya": [made.tren]}
    blobs = [render_docx(load_template(src), ctx, Properties("T", "A"), environment())
             for _ in range(2)]
    assert blobs[0] == blobs[1]
    parts = _package_bytes(blobs[0])
    n = 2 + len(made.tren.charts)
    assert _charts(parts) == [f"word/charts/chart{k}.xml" for k in range(1, n + 1)]
    header = next(k for k in parts if re.fullmatch(r"word/header\d+\.xml", k)
                  and b"c:chart" in parts[k])
    ids = [d.get("id") for k in ("word/document.xml", header)
           for d in etree.fromstring(parts[k]).iter(f"{{{WP}}}docPr")]
    assert len(ids) == n and len(set(ids)) == n
    Document(io.BytesIO(blobs[0]))


def _package_bytes(blob: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        return {n: z.read(n) for n in z.namelist()}


# -- greyscale ---------------------------------------------------------------------------------


def _fills(xml: bytes) -> dict[str, tuple]:
    """Band series name -> (colour, pattern or None) of its bars."""
    root = etree.fromstring(xml)
    out = {}
    for ser in root.iterfind(".//c:barChart/c:ser", NS):
        sppr = ser.find("c:spPr", NS)
        patt = sppr.find("a:pattFill", NS)
        if patt is not None:
            out[ser.findtext("c:tx//c:v", namespaces=NS)] = (
                patt.find("a:bgClr/a:srgbClr", NS).get("val"), patt.get("prst"))
        elif sppr.find("a:solidFill", NS) is not None:
            out[ser.findtext("c:tx//c:v", namespaces=NS)] = (
                sppr.find("a:solidFill/a:srgbClr", NS).get("val"), None)
    return out


@pytest.mark.parametrize("scheme", sorted(PRESETS))
def test_band_fills_of_every_scheme_tell_bands_apart_in_grey(scheme):
    bands = PRESETS[scheme].bands
    colors = [b.color for b in bands]
    hatches = band_hatches(colors)
    regions = [RegionValue(f"Wilayah {i}", 100.0 - i, b.color, band=b.label, hatch=h, rank=i + 1)
               for i, (b, h) in enumerate(zip(bands, hatches))]
    (chart,) = native.region_comparison_chart(
        [("X", "", regions, 100.0)], title="", number_format=lambda v, d=2: f"{v:.2f}%",
        bands=[(b.label, b.color, h) for b, h in zip(bands, hatches)]).charts
    fills = _fills(chart.xml)
    shown = [fills[b.label] for b in bands]
    for (c1, p1), (c2, p2) in itertools.combinations(shown, 2):
        assert p1 != p2 or abs(lightness(c1) - lightness(c2)) >= 20, (c1, p1, c2, p2)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.from_regex(r"#[0-9A-F]{6}", fullmatch=True), min_size=2, max_size=5,
                unique=True))
def test_any_colours_are_told_apart_in_grey_missed_or_not(colors):
    """Two bands differ in lightness or in pattern, met or missed; a missed bar is always a
    diagonal pattern and a met one never. (Up to five bands of one lightness: the palette has
    five patterns, and a scheme of more bands has more than one lightness.)"""
    hatches = band_hatches(colors)
    looks = {(c, drawingml_pattern(h, m)): m for c, h in zip(colors, hatches)
             for m in (False, True)}
    for (c1, p1), (c2, p2) in itertools.combinations(looks, 2):
        if c1 != c2 and looks[(c1, p1)] == looks[(c2, p2)]:
            assert p1 != p2 or abs(lightness(c1) - lightness(c2)) >= 20
    assert all(("Diag" in (p or "")) == m for (_c, p), m in looks.items())


def test_the_patterns_map_one_to_one():
    met = [drawingml_pattern(h) for h in BAND_HATCHES]
    missed = [drawingml_pattern(h, True) for h in BAND_HATCHES]
    assert len(set(met)) == len(met) and len(set(missed)) == len(missed)
    assert not set(met) & set(missed)


# -- the order Word requires (ECMA-376 Part 1, dml-chart.xsd and dml-main.xsd) ------------------

GROUPS = ("areaChart", "lineChart", "barChart", "scatterChart")
AXES = ("valAx", "catAx", "dateAx", "serAx")
AX_HEAD = ["axId", "scaling", "delete", "axPos", "majorGridlines", "minorGridlines", "title",
           "numFmt", "majorTickMark", "minorTickMark", "tickLblPos", "spPr", "txPr", "crossAx",
           ("crosses", "crossesAt")]
LABEL_BODY = ["numFmt", "spPr", "txPr", "dLblPos", "showLegendKey", "showVal", "showCatName",
              "showSerName", "showPercent", "showBubbleSize", "separator"]
ORDER: dict[str, list] = {
    "chartSpace": ["date1904", "lang", "roundedCorners", "style", "clrMapOvr", "pivotSource",
                   "protection", "chart", "spPr", "txPr", "externalData", "printSettings",
                   "userShapes", "extLst"],
    "chart": ["title", "autoTitleDeleted", "pivotFmts", "view3D", "floor", "sideWall",
              "backWall", "plotArea", "legend", "plotVisOnly", "dispBlanksAs",
              "showDLblsOverMax", "extLst"],
    "plotArea": ["layout", GROUPS, AXES, "dTable", "spPr", "extLst"],
    "barChart": ["barDir", "grouping", "varyColors", "ser", "dLbls", "gapWidth", "overlap",
                 "serLines", "axId", "extLst"],
    "lineChart": ["grouping", "varyColors", "ser", "dLbls", "dropLines", "hiLowLines",
                  "upDownBars", "marker", "smooth", "axId", "extLst"],
    "barChart/ser": ["idx", "order", "tx", "spPr", "invertIfNegative", "pictureOptions", "dPt",
                     "dLbls", "trendline", "errBars", "cat", "val", "shape", "extLst"],
    "lineChart/ser": ["idx", "order", "tx", "spPr", "marker", "dPt", "dLbls", "trendline",
                      "errBars", "cat", "val", "smooth", "extLst"],
    "dPt": ["idx", "invertIfNegative", "marker", "bubble3D", "explosion", "spPr",
            "pictureOptions", "extLst"],
    "dLbls": ["dLbl", ("delete", *LABEL_BODY), "showLeaderLines", "leaderLines", "extLst"],
    "dLbl": ["idx", ("delete", "layout"), "tx", *LABEL_BODY, "extLst"],
    "errBars": ["errDir", "errBarType", "errValType", "noEndCap", "plus", "minus", "val",
                "spPr", "extLst"],
    "catAx": [*AX_HEAD, "auto", "lblAlgn", "lblOffset", "tickLblSkip", "tickMarkSkip",
              "noMultiLvlLbl", "extLst"],
    "valAx": [*AX_HEAD, "crossBetween", "majorUnit", "minorUnit", "dispUnits", "extLst"],
    "scaling": ["logBase", "orientation", "max", "min", "extLst"],
    "legend": ["legendPos", "legendEntry", "layout", "overlay", "spPr", "txPr", "extLst"],
    "legendEntry": ["idx", ("delete", "txPr"), "extLst"],
    "title": ["tx", "layout", "overlay", "spPr", "txPr", "extLst"],
    "marker": ["symbol", "size", "spPr", "extLst"],
    "layout": ["manualLayout", "extLst"],
    "manualLayout": ["layoutTarget", "xMode", "yMode", "wMode", "hMode", "x", "y", "w", "h",
                     "extLst"],
    "numRef": ["f", "numCache", "extLst"],
    "numCache": ["formatCode", "ptCount", "pt", "extLst"],
    "strRef": ["f", "strCache", "extLst"],
    "strCache": ["ptCount", "pt", "extLst"],
    "externalData": ["autoUpdate"],
    "a:spPr": ["xfrm", ("noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill"),
               "ln", "effectLst", "scene3d", "sp3d", "extLst"],
    "a:ln": [("noFill", "solidFill", "gradFill", "pattFill"), ("prstDash", "custDash"),
             ("round", "bevel", "miter"), "headEnd", "tailEnd", "extLst"],
    "a:defRPr": ["ln", ("noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill"),
                 "effectLst", "highlight", "uLnTx", "uFillTx", "latin", "ea", "cs", "sym",
                 "hlinkClick", "extLst"],
    "a:pattFill": ["fgClr", "bgClr"],
    "a:txBody": ["bodyPr", "lstStyle", "p"],
    "a:p": ["pPr", "r", "endParaRPr"],
}
ORDER["a:rPr"] = ORDER["a:defRPr"]


def _rank(order: list, name: str) -> int | None:
    for i, item in enumerate(order):
        if name == item or (isinstance(item, tuple) and name in item):
            return i
    return None


def _order_of(el: etree._Element) -> list | None:
    q = etree.QName(el)
    parent = etree.QName(el.getparent()).localname if el.getparent() is not None else ""
    if q.namespace == C:
        if q.localname == "ser":
            return ORDER[f"{parent}/ser"]
        if q.localname == "spPr":
            return ORDER["a:spPr"]
        if q.localname in ("txPr", "rich"):
            return ORDER["a:txBody"]
        return ORDER.get(q.localname)
    return ORDER.get(f"a:{q.localname}") if q.namespace == A else None


def test_chart_xml_follows_the_schema_order(report, card):
    parts = _package(report)
    xmls = [parts[n] for n in _charts(parts)]
    xmls.append(FigureMaker(card, charts="native").distribution(
        [(b.label, b.color, 2) for b in card.scheme.bands]).xml)
    checked = set()
    for xml in xmls:
        for el in etree.fromstring(xml).iter():
            order = _order_of(el)
            if order is None:
                continue
            ranks = []
            for child in el:
                rank = _rank(order, etree.QName(child).localname)
                assert rank is not None, \
                    f"{etree.QName(child).localname} not allowed in {etree.QName(el).localname}"
                ranks.append(rank)
            assert ranks == sorted(ranks), \
                f"{etree.QName(el).localname}: {[etree.QName(x).localname for x in el]}"
            checked.add(etree.QName(el).localname)
    assert {"chartSpace", "chart", "plotArea", "barChart", "lineChart", "ser", "dPt", "dLbls",
            "dLbl", "catAx", "valAx", "legend", "title", "marker"} <= checked


def test_text_is_arial_and_never_below_8_pt(report):
    parts = _package(report)
    for name in _charts(parts):
        root = etree.fromstring(parts[name])
        sizes = [int(el.get("sz")) for el in root.iter(f"{{{A}}}defRPr", f"{{{A}}}rPr")]
        assert sizes and min(sizes) >= 800
        assert {el.get("typeface") for el in root.iter(f"{{{A}}}latin")} == {"Arial"}


# -- as LibreOffice prints it -------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_prints_the_native_report(data, tmp_path):
    result = run_batch(data, tmp_path, regions=["Kab. Malang"], docs=["laporan-evaluasi"],
                       pdf=True, charts="native")
    assert result.ok, result.describe("en")
    pdf = next(p for p in result.paths if p.suffix == ".pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    # value labels as the charts' number formats write them, the ranks and the marked region
    for label in ("102,57% · Sangat Tinggi", "71,80", "► 6 Kab. Malang", "109,86%", "2024",
                  "Target tidak tercapai", "Memenuhi target"):
        assert label in text, label
    assert "102.57" not in text
