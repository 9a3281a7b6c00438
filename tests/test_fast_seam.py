"""The speed seam (evalreport._fast): every trick against its stock twin.

Documents: byte-identical with and without the docx trick. Charts: the stock path (matplotlib's
own canvas, a whole figure per chart, Pillow's PNG writer) and the fast path (text cache, kept
frames, own PNG writer) agree within a stated tolerance, measured per pixel.
"""
from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import evalreport
from evalreport import _fast
from evalreport._fast import raster
from evalreport.charts import frames
from evalreport.charts.figures import FigureMaker
from evalreport.charts.style import DEFAULT_DPI
from evalreport.run.documents import DocumentMaker

ROOT = Path(__file__).resolve().parent.parent

# The tolerance of the raster trick: it places each line of text on whole pixels where
# matplotlib 3.11 places every glyph on its own sub-pixel offset, so glyph edges differ and
# nothing else does. Per chart, in grey levels (0-255): the mean absolute difference, and the
# largest difference between the means of 1 mm square pixel blocks (6 x 6 pixels at 150 dpi;
# a shifted glyph, not a missing bar or label, which would differ by far more). The frames
# trick draws the axis line again over the data, so that line's antialiased edge is a little
# darker where no bar covers it: at most 0.2 % of a chart's pixels differ.
MAX_MEAN_DIFF = 8.0
MAX_BLOCK_DIFF = 48.0


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=np.float64)


def _blocks(a: np.ndarray, k: int = round(6 * DEFAULT_DPI / 150)) -> np.ndarray:
    h, w = a.shape[0] - a.shape[0] % k, a.shape[1] - a.shape[1] % k
    return a[:h, :w].reshape(h // k, k, w // k, k).mean(axis=(1, 3))


def _region_charts(card, region, stock: str | None, monkeypatch) -> list:
    """A region's charts, drawn after another region's (so that kept frames are reused)."""
    if stock:
        monkeypatch.setenv(_fast.SWITCH, stock)
    else:
        monkeypatch.delenv(_fast.SWITCH, raising=False)
    _fresh()
    FigureMaker(card).for_region(card.dataset.regions[0])
    c = FigureMaker(card).for_region(region)
    return [c.capaian, c.target_realisasi, c.tren] + [p["gambar"] for p in c.perbandingan]


def _fresh() -> None:
    frames.clear_frames()
    raster.clear_text_cache()


@pytest.fixture(scope="module")
def card():
    return evalreport.score(evalreport.load(ROOT / "samples" / "jatim.yaml"))


def test_switch_reads_the_environment(monkeypatch):
    monkeypatch.delenv(_fast.SWITCH, raising=False)
    assert all(_fast.enabled(t) for t in _fast.TRICKS)
    monkeypatch.setenv(_fast.SWITCH, "1")
    assert not any(_fast.enabled(t) for t in _fast.TRICKS)
    monkeypatch.setenv(_fast.SWITCH, "frames")
    assert [_fast.enabled(t) for t in _fast.TRICKS] == [True, False, True]
    with pytest.raises(ValueError):
        _fast.enabled("warp")


def test_stock_charts_are_plain_matplotlib_pngs(card, monkeypatch):
    monkeypatch.setenv(_fast.SWITCH, "all")
    _fresh()
    chart = FigureMaker(card).for_region(card.dataset.regions[0]).capaian
    img = Image.open(io.BytesIO(chart.png))
    assert img.format == "PNG"
    assert not frames._frames  # nothing kept on the stock path


def test_fast_charts_match_stock_charts_within_tolerance(card, monkeypatch):
    region = card.dataset.regions[1]
    stock = _region_charts(card, region, "all", monkeypatch)
    fast = _region_charts(card, region, None, monkeypatch)
    assert len(stock) == len(fast) > 3
    for a, b in zip(stock, fast):
        assert (a.width_cm, a.height_cm, a.alt_text) == (b.width_cm, b.height_cm, b.alt_text)
        pa, pb = _pixels(a.png), _pixels(b.png)
        assert pa.shape == pb.shape
        assert np.abs(pa - pb).mean() <= MAX_MEAN_DIFF, a.alt_text[:50]
        assert np.abs(_blocks(pa) - _blocks(pb)).max() <= MAX_BLOCK_DIFF, a.alt_text[:50]


def test_kept_frames_draw_what_a_whole_figure_draws(card, monkeypatch):
    region = card.dataset.regions[2]
    whole = _region_charts(card, region, "frames", monkeypatch)
    kept = _region_charts(card, region, None, monkeypatch)
    for a, b in zip(whole, kept):
        assert (_pixels(a.png) != _pixels(b.png)).mean() <= 0.002, a.alt_text[:50]


def test_documents_are_byte_identical_without_the_docx_trick(card, monkeypatch, tmp_path):
    region = card.dataset.regions[0]
    maker = DocumentMaker(card.dataset, card=card)
    charts = maker.figures.for_region(region)
    ctx = maker.contexts.build(region, charts)
    from evalreport.word.rendering import render
    fast = {d: render(maker.templates[d], ctx, maker.properties(d, region), maker.env)
            for d in maker.docs}
    monkeypatch.setenv(_fast.SWITCH, "docx")
    stock = {d: render(maker.templates[d], ctx, maker.properties(d, region), maker.env)
             for d in maker.docs}
    for d in maker.docs:
        assert fast[d] == stock[d], d


def test_a_kept_frame_gives_back_every_row_the_last_highlight_drew_over(card, monkeypatch):
    """Comparison pictures on one kept frame, each region highlighted in turn: the frame's
    rows under the last highlight are restored before the next, so a picture is the same
    bytes whichever region was highlighted before it (and none keeps another's box)."""
    monkeypatch.delenv(_fast.SWITCH, raising=False)
    regions = card.dataset.regions
    parent = regions[0].parent

    maker = FigureMaker(card)  # one maker: its pictures share their kept frames

    def pictures(code):
        return [p["gambar"].png for p in maker.comparison(parent, focus=code)]

    _fresh()
    first = pictures(regions[0].code)
    kept = len(frames._frames)
    alone = {}
    for r in regions[1:4]:
        _fresh()
        alone[r.code] = pictures(r.code)
    _fresh()
    pictures(regions[0].code)
    for r in [*regions[1:4], regions[2]]:  # after another region's highlight, each time
        assert pictures(r.code) == alone[r.code], r.name
    assert pictures(regions[0].code) == first
    assert first != alone[regions[1].code]
    assert len(frames._frames) == kept  # the same frames all along


def test_pictures_are_placed_as_docxtpl_places_them(monkeypatch, tmp_path):
    """The docx trick places pictures itself (a part's next shape id found once, each picture's
    SHA-1 once): the same picture twice shares one image part, a picture in the header goes
    into the header's part, and the document is byte-identical to docxtpl's."""
    import sys
    import zipfile
    sys.path.insert(0, str(Path(__file__).parent))
    import wordlike as w

    from evalreport.charts.model import Chart
    from evalreport.word.rendering import Properties, environment, load_template, render

    def png(shade: int) -> bytes:
        buf = io.BytesIO()
        Image.new("RGB", (40, 20), (shade, 90, 200)).save(buf, format="PNG")
        return buf.getvalue()

    path = w.with_tags(tmp_path / "t.docx", "{{ a }}", "teks {{ b }} lagi", "{{ a }}",
                       header_text="{{ logo }}")
    ctx = {"a": Chart(png(10), 4, 2, "grafik A"), "b": Chart(png(20), 4, 2, "grafik B"),
           "logo": Chart(png(30), 2, 1, "logo")}
    out = {}
    for stock in ("", "docx"):
        monkeypatch.setenv(_fast.SWITCH, stock)
        out[stock] = render(load_template(path), ctx, Properties("T", "A"), environment())
    assert out[""] == out["docx"]
    with zipfile.ZipFile(io.BytesIO(out[""])) as z:
        media = sorted(n for n in z.namelist() if n.startswith("word/media/"))
        body = z.read("word/document.xml").decode()
        headers = [z.read(n).decode() for n in z.namelist() if n.startswith("word/header")]
    assert len(media) == 3  # a, b and the logo; a twice is one part
    assert body.count("<w:drawing>") == 3 and 'descr="grafik A"' in body
    assert any('descr="logo"' in h for h in headers)


@pytest.mark.parametrize("periods", [["2021", "2022", "2023", "2024", "2025"], ["2025"]])
def test_a_column_loop_fixes_the_table_grid_as_docxtpl_does(monkeypatch, tmp_path, periods):
    """A {%tc %} loop making more or fewer cells than the table's grid has columns: the docx
    trick parses the body once and fixes the grid with docxtpl's own steps; the document is
    byte-identical to docxtpl's, and the grid has a column for each cell."""
    import sys
    import zipfile
    sys.path.insert(0, str(Path(__file__).parent))
    import wordlike as w

    from evalreport.word.rendering import Properties, environment, load_template, render

    path = w.with_tags(tmp_path / "t.docx", "Tabel", cells=[
        ["Kode", "{%tc for p in ps %}", "{{ p }}", "{%tc endfor %}"],
        ["A1", "{%tc for p in ps %}", "{{ p }}!", "{%tc endfor %}"]])
    out = {}
    for stock in ("", "docx"):
        monkeypatch.setenv(_fast.SWITCH, stock)
        out[stock] = render(load_template(path), {"ps": periods}, Properties("T", "A"), environment())
    assert out[""] == out["docx"]
    with zipfile.ZipFile(io.BytesIO(out[""])) as z:
        body = z.read("word/document.xml").decode()
    assert body.count("<w:gridCol ") == 1 + len(periods)
    assert body.count("<w:tc>") == 2 * (1 + len(periods))


def test_a_template_making_broken_xml_is_told_alike_on_both_paths(monkeypatch, tmp_path):
    """What is not well-formed after filling is the same error, in the same words, with and
    without the docx trick (which parses the body strictly once instead of twice)."""
    import sys
    sys.path.insert(0, str(Path(__file__).parent))
    import wordlike as w

    from evalreport.errors import TemplateProblemError
    from evalreport.word.rendering import Properties, environment, load_template, render

    path = w.with_tags(tmp_path / "t.docx", "awal {{ x|safe }} akhir")
    told = {}
    for stock in ("", "docx"):
        monkeypatch.setenv(_fast.SWITCH, stock)
        with pytest.raises(TemplateProblemError) as err:
            render(load_template(path), {"x": "</w:t></w:r></w:p></w:body>"}, Properties("T", "A"),
                   environment())
        told[stock] = str(err.value)
    assert told[""] == told["docx"]
    assert "not valid Word XML" in told[""]


@pytest.mark.parametrize("most", [raster.REACH_MOST, 10**6])
def test_kept_frames_look_for_changes_wherever_the_data_drew(card, monkeypatch, most):
    """A kept frame's changes are looked for only in the strips the data's artists say they
    draw in (with a strip to spare): for every chart of three regions, at 200 and 300 dpi,
    those strips hold every strip that really changed (also when every chart, not only those
    with few artists, is looked at so), and the comparison pictures' highlight leaves most
    strips unread."""
    monkeypatch.delenv(_fast.SWITCH, raising=False)
    monkeypatch.setattr(raster, "REACH_MOST", most)
    real = frames.changed_strips
    seen = []

    def checked(rgba, base, among=None):
        everywhere = real(rgba, base)
        found = real(rgba, base, among)
        assert found == everywhere, (sorted(everywhere - found), sorted(among or ()))
        seen.append((among is not None and len(among) < rgba.shape[0] // raster.STRIP // 2,
                     bool(everywhere)))
        return found

    monkeypatch.setattr(frames, "changed_strips", checked)
    for dpi in (200, 300):
        _fresh()
        maker = FigureMaker(card, dpi=dpi)
        for region in card.dataset.regions[:3]:
            maker.for_region(region)
    assert len(seen) > 20 and all(changed for _few, changed in seen)
    assert sum(few for few, _changed in seen) >= len(seen) // 3  # the comparison pictures


@pytest.mark.parametrize("charts,lang", [("picture", "id"), ("native", "id"), ("picture", "en")])
def test_bodies_parsed_in_the_root_give_docxtpls_documents(card, monkeypatch, charts, lang):
    """The docx trick parses each rendered body inside the document's root instead of moving
    it there: every document of a region (pictures or Word charts, Indonesian or English) is
    byte-identical to docxtpl's, and the body was parsed in the root, not moved."""
    from evalreport._fast import docx as fast_docx
    from evalreport.word.rendering import render

    region = card.dataset.regions[1]
    maker = DocumentMaker(card.dataset, card=card, charts=charts, lang=lang)
    ctx = maker.contexts.build(region, maker.figures.for_region(region))
    ways = []
    real = fast_docx.CompiledDocxTemplate.map_tree

    def counted(self, tree):
        ways.append("root" if tree.getparent() is not None else "moved")
        return real(self, tree)

    monkeypatch.setattr(fast_docx.CompiledDocxTemplate, "map_tree", counted)
    fast = {d: render(maker.templates[d], ctx, maker.properties(d, region), maker.env)
            for d in maker.docs}
    monkeypatch.setenv(_fast.SWITCH, "docx")
    stock = {d: render(maker.templates[d], ctx, maker.properties(d, region), maker.env)
             for d in maker.docs}
    assert ways == ["root"] * len(maker.docs)
    for d in maker.docs:
        assert fast[d] == stock[d], d


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_BODY = f'<w:body xmlns:w="{_W}" xmlns:wp="{_WP}">{{}}</w:body>'
_PIC = f'<w:r><w:drawing><wp:inline xmlns:wp="{_WP}" xmlns:a="{_A}"><a:graphic/></wp:inline></w:drawing></w:r>'


@pytest.mark.parametrize("inner,in_root", [
    (f"<w:p>{_PIC}{_PIC}</w:p>", True),  # pictures side by side: each keeps its own a
    (f'<w:p><w:r><w:t>xmlns:w="urn:x" {_W}</w:t></w:r></w:p>', True),  # looks like one, is text
    (f'<w:p xmlns:w="{_W}"><w:r><w:t>a</w:t></w:r></w:p>', True),  # the root's again, inside
    (f'<w:p><wp:inline xmlns:a="{_A}"><a:graphic xmlns:a="{_A}"/></wp:inline></w:p>', False),
    (f'<w:p><wp:inline xmlns:b="{_A}"><b:x><a:y xmlns:a="{_A}"/></b:x></wp:inline></w:p>', False),
    ('<w:p><x xmlns="urn:x"/></w:p>', False),  # a default namespace
    ('<w:p><wp:x xmlns:wp="urn:other"/></w:p>', False),  # a root prefix bound elsewhere
    (f'<w:p><ns0:p xmlns:ns0="{_W}"/></w:p>', False),  # a root address under another prefix
    (f"<w:p><wp:inline xmlns:wp='{_WP}'/></w:p>", True),  # single quotes: the root's again
    (f"<w:p><wp:inline xmlns:a='{_A}'><a:graphic xmlns:a=\"{_A}\"/></wp:inline></w:p>", False),
])
def test_a_body_in_the_root_is_the_body_moved_there(inner, in_root):
    """What the text made for parsing in the root gives, against docxtpl's way (the body
    parsed alone and moved into the root): the same XML whenever it is used, and not used
    where it could differ."""
    from lxml import etree

    from evalreport._fast import docx as fast_docx
    from evalreport.word.rendering import load_template

    template = load_template("laporan-evaluasi")
    package = template.package()
    root = package.open().element
    shell = package.shell(root)
    body = _BODY.format(inner)
    text = fast_docx._in_root(body, shell)
    assert (text is not None) == in_root
    if text is None:
        return
    moved = etree.fromstring(etree.tostring(root))
    moved.replace(moved.find(f"{{{_W}}}body"),
                  etree.fromstring(body, etree.XMLParser(recover=True)))
    assert etree.tostring(etree.fromstring(text)) == etree.tostring(moved)
