"""Charts as a reviewer reads them on paper: greyscale-safe colours, one scale per figure, labels
clear of target lines, the report's own region highlighted, ties and missed targets marked, a
source line, and a pixel density for print."""
from __future__ import annotations

import io
import itertools
from pathlib import Path

import pytest
from PIL import Image

import evalreport
from evalreport import _fast
from evalreport._fast import raster
from evalreport.charts import draw, frames
from evalreport.charts.figures import FigureMaker
from evalreport.charts.model import Bar, RegionValue
from evalreport.charts.palette import MIN_LIGHTNESS_GAP, MIN_STATUS_GAP, STATUS_COLOURS, band_hatches, lightness
from evalreport.data.bands import PRESETS

ROOT = Path(__file__).resolve().parent.parent


def fmt(v: float) -> str:
    return f"{v:.2f}".replace(".", ",")


@pytest.fixture(scope="module")
def card():
    return evalreport.score(evalreport.load(ROOT / "samples" / "jatim.yaml"))


def _region(card, name: str):
    return next(r for r in card.dataset.regions if r.name == name)


# -- colours in grey ----------------------------------------------------------------------------


def test_lightness_is_cie_lstar():
    assert lightness("#000000") == pytest.approx(0, abs=0.01)
    assert lightness("#FFFFFF") == pytest.approx(100, abs=0.01)
    assert lightness("#777777") == pytest.approx(50.0, abs=0.3)  # mid grey is L* 50, not 119/255
    assert lightness("7FBC41") == pytest.approx(70.1, abs=0.2)  # the old "Tinggi" green
    with pytest.raises(ValueError):
        lightness("#FFF")


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_every_pair_of_bands_differs_in_grey(name):
    """Printed in black and white, any two bands of a preset are 20 L* apart or, where six
    bands cannot all be, one of them carries a pattern."""
    bands = PRESETS[name].bands
    colors = [b.color for b in bands]
    hatches = band_hatches(colors)
    for (a, ha), (b, hb) in itertools.combinations(zip(bands, hatches), 2):
        gap = abs(lightness(a.color) - lightness(b.color))
        assert gap >= MIN_LIGHTNESS_GAP or ha != hb, (name, a.label, b.label, round(gap, 1))
    if len(bands) <= 5:  # up to five bands, lightness alone tells them apart
        assert not any(hatches), name


def test_the_old_palette_would_fail_and_a_custom_scheme_gets_patterns():
    old = ["#1B7837", "#7FBC41", "#F6C141", "#F1894A", "#D6404E"]
    assert abs(lightness(old[1]) - lightness(old[3])) < 5  # "Tinggi" and "Rendah": one grey
    hatches = band_hatches(old)
    assert hatches[0] == "" and len({hatches[1], hatches[3]}) == 2
    same = band_hatches(["#808080", "#7F7F7F", "#818181"])
    assert len(set(same)) == 3


def test_follow_up_status_fills_differ_in_grey_and_keep_black_text_legible():
    levels = sorted(lightness(c) for c in STATUS_COLOURS.values())
    assert len(levels) == 4
    assert min(b - a for a, b in zip(levels, levels[1:])) >= MIN_STATUS_GAP
    assert levels[0] >= 50  # black text stays at 4.5:1 contrast or better


def test_the_action_plan_context_uses_the_shared_status_palette(card):
    from evalreport.context.region import ContextBuilder

    ctx = ContextBuilder(card).build(card.dataset.regions[0])
    used = {a["warna_status"] for a in ctx["tindak_lanjut"]} | {
        s["warna"] for s in ctx["rtl"]["per_status"]}
    assert used <= set(STATUS_COLOURS.values()) and len(used) >= 2


# -- what a drawn figure holds ------------------------------------------------------------------


def _figures(build, monkeypatch) -> list:
    """Draw charts as whole figures (no kept frames); the figures in the order drawn."""
    monkeypatch.setenv(_fast.SWITCH, "frames")
    figs: list = []
    real = frames.png

    def grab(fig, *a, **kw):
        figs.append(fig)
        return real(fig, *a, **kw)

    monkeypatch.setattr(frames, "png", grab)
    build()
    return figs


ORDER = {"capaian": 0, "target_realisasi": 1, "tren": 2}  # as FigureMaker.for_region draws them


def _labels_and_lines(fig):
    """Per axes: the window extents of value labels (text on a white box) and of dashed
    vertical lines, in pixels."""
    from matplotlib.lines import Line2D
    from matplotlib.text import Annotation

    from evalreport._fast import raster

    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    out = []
    for ax in fig.axes:
        labels = [a.get_window_extent(renderer) for a in ax.get_children()
                  if (isinstance(a, Annotation) and a.get_bbox_patch() is not None)
                  or (isinstance(a, raster.Note) and a.boxed)]
        lines = []
        for line in ax.get_children():
            if isinstance(line, Line2D) and line.get_linestyle() == "--":
                xs = line.get_xdata()
                if len(xs) == 2 and xs[0] == xs[1]:
                    (x0, y0), (x1, y1) = line.get_transform().transform(
                        list(zip(line.get_xdata(), line.get_ydata())))
                    lines.append((x0, min(y0, y1), max(y0, y1)))
        out.append((labels, lines))
    return out


def _assert_clear(fig):
    crossings = []
    for labels, lines in _labels_and_lines(fig):
        assert labels
        for box in labels:
            for x, y0, y1 in lines:
                if box.x0 - 1 < x < box.x1 + 1 and y0 < box.y1 and box.y0 < y1:
                    crossings.append((round(box.x0), round(box.x1), round(x)))
    assert not crossings


@pytest.mark.parametrize("chart", ["capaian", "target_realisasi", "perbandingan"])
def test_value_labels_keep_clear_of_target_lines(chart, card, monkeypatch):
    """Bangkalan's 91,71%, 95,20% and 97,00% labels used to be struck through by the dashed
    100 % line: a label that would touch a target line starts past it."""
    region = _region(card, "Kabupaten Bangkalan")
    if chart == "perbandingan":
        figs = _figures(lambda: FigureMaker(card).comparison(region.parent, focus=region.code),
                        monkeypatch)
        assert len(figs) >= 4
    else:
        figs = [_figures(lambda: FigureMaker(card).for_region(region), monkeypatch)[ORDER[chart]]]
    for fig in figs:
        _assert_clear(fig)


def test_a_comparison_picture_puts_all_its_panels_on_one_scale(card, monkeypatch):
    """Konflik Sosial: KS01 reaches 160 %, KS02 107 %: both panels read on the same axis."""
    region = _region(card, "Kabupaten Malang")
    pictures = []
    figs = _figures(lambda: pictures.extend(FigureMaker(card).comparison(region.parent,
                                                                        focus=region.code)),
                    monkeypatch)
    ks = next(f for f, p in zip(figs, pictures) if p["dimensi"] == "Konflik Sosial")
    limits = {ax.get_xlim() for ax in ks.axes}
    assert len(ks.axes) == 3 and len(limits) == 1
    assert limits.pop()[1] >= 160


def test_target_and_actual_share_one_scale_with_an_axis(card, monkeypatch):
    """Every indicator as % of its target on one axis: KS01 (lower is better, 3,20 against
    < 5,00) is 64 % of its target, inside the shaded side that meets it."""
    region = _region(card, "Kabupaten Malang")
    charts = []
    fig = _figures(lambda: charts.append(FigureMaker(card).for_region(region)),
                   monkeypatch)[ORDER["target_realisasi"]]
    chart = charts[0].target_realisasi
    ax, = fig.axes
    assert ax.xaxis.get_visible() and ax.spines["bottom"].get_visible()
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert "0" in ticks and "100" in ticks
    assert ax.get_xlabel() == "Realisasi sebagai % dari target"
    assert "KS01" in chart.alt_text and "target < 5,00, realisasi 3,20 (64,00% dari target)" in chart.alt_text
    from matplotlib.patches import Rectangle

    zones = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_facecolor()[:3] != (1, 1, 1)
             and p.get_width() > 0 and abs(p.get_x()) < 1e-9 and abs(p.get_width() - 100) < 1e-9]
    assert zones  # the "at most" row: from 0 to 100 % meets the target


def test_a_missed_target_is_striped_and_said_whatever_its_band(card, monkeypatch):
    """Bangkalan KP01: 91,71 %, "Sangat Tinggi", target missed. Its bar must not look like a
    met one: stripes over the band colour, "target tidak tercapai" in its label, a legend entry."""
    from matplotlib.patches import Rectangle

    region = _region(card, "Kabupaten Bangkalan")
    result = next(r for r in card.select(region.code) if r.indicator.code == "KP01")
    assert result.band.rank == 0 and result.met is False
    charts = []
    fig = _figures(lambda: charts.append(FigureMaker(card).for_region(region)),
                   monkeypatch)[ORDER["capaian"]]
    chart = charts[0].capaian
    ax = fig.axes[0]
    bars = sorted((p for p in ax.patches if isinstance(p, Rectangle)), key=lambda p: p.get_y())
    top = [p for p in bars if p.get_facecolor()[:3] == tuple(int(result.band.color[i:i + 2], 16) / 255
                                                            for i in (1, 3, 5))]
    striped = [p for p in top if p.get_hatch() and "/" in p.get_hatch()]
    solid = [p for p in top if not p.get_hatch()]
    assert striped and solid  # the same band, met and missed, drawn differently
    texts = [t.get_text() for t in fig.legends[0].get_texts()]
    assert texts == ["Target tidak tercapai"]
    assert "KP01 Persentase penduduk yang menilai pemerintah daerah responsif: 91,71% " \
           "(Sangat Tinggi, target tidak tercapai)" in chart.alt_text


# -- the focal region and ties ------------------------------------------------------------------


def _drawn(monkeypatch) -> list[tuple[str, str]]:
    """(text, weight) of every line of text drawn from now on."""
    drawn: list[tuple[str, str]] = []
    real = raster._Renderer.draw_text

    def record(self, gc, x, y, s, prop, angle, *a, **kw):
        drawn.append((s, str(prop.get_weight())))
        return real(self, gc, x, y, s, prop, angle, *a, **kw)

    monkeypatch.setattr(raster._Renderer, "draw_text", record)
    return drawn


def test_the_report_region_is_highlighted_over_one_shared_picture(card, monkeypatch):
    monkeypatch.delenv(_fast.SWITCH, raising=False)
    frames.clear_frames()
    maker = FigureMaker(card)
    malang, batu = _region(card, "Kabupaten Malang"), _region(card, "Kota Surabaya")
    plain = maker.comparison(malang.parent)
    kept = len(frames._frames)
    drawn = _drawn(monkeypatch)
    mine = maker.comparison(malang.parent, focus=malang.code)
    assert len(frames._frames) == kept  # the same frames: only the highlight is drawn again
    bold = {s for s, w in drawn if w in ("bold", "700")}
    assert "Kab. Malang" in bold and "Kota Surabaya" not in bold
    other = maker.comparison(malang.parent, focus=batu.code)
    for p, m, o in zip(plain, mine, other):
        assert len({p["gambar"].png, m["gambar"].png, o["gambar"].png}) == 3
        assert (p["gambar"].height_cm, p["gambar"].width_cm) == (m["gambar"].height_cm,
                                                                  m["gambar"].width_cm)
    assert "Kab. Malang peringkat" in " ".join(m["gambar"].alt_text for m in mine)


def test_a_highlighted_picture_matches_a_whole_figure_drawn_with_it(card, monkeypatch):
    """Kept frame plus highlight layer against the whole picture drawn for the region."""
    import numpy as np

    region = _region(card, "Kabupaten Lamongan")

    def pictures():
        frames.clear_frames()
        raster.clear_text_cache()
        maker = FigureMaker(card)
        maker.comparison(region.parent, focus=card.dataset.regions[0].code)  # frames kept
        return [p["gambar"].png for p in maker.comparison(region.parent, focus=region.code)]

    monkeypatch.setenv(_fast.SWITCH, "frames")
    whole = pictures()
    monkeypatch.delenv(_fast.SWITCH)
    kept = pictures()
    for a, b in zip(whole, kept):
        pa = np.asarray(Image.open(io.BytesIO(a)).convert("L"), dtype=float)
        pb = np.asarray(Image.open(io.BytesIO(b)).convert("L"), dtype=float)
        assert pa.shape == pb.shape and (pa != pb).mean() <= 0.002


def test_tied_ranks_are_marked(monkeypatch):
    frames.clear_frames()
    drawn = _drawn(monkeypatch)
    regions = [RegionValue("Kota A", 110.0, rank=1), RegionValue("Kab. B", 100.0, rank=2),
               RegionValue("Kab. C", 100.0, rank=2, highlight=True),
               RegionValue("Kab. D", 90.0, rank=4), RegionValue("Kab. E", None)]
    chart = draw.region_comparison_chart([("K01 Contoh", "%", regions, 100.0)], title="T",
                                         number_format=fmt)
    texts = [s for s, _ in drawn]
    assert texts.count("2=") == 2 and "1" in texts and "4" in texts
    assert "4= peringkat sama" in texts
    assert "Kab. C peringkat 2 dari 5 (sama dengan wilayah lain)" in chart.alt_text


def test_the_sample_ties_are_marked_in_its_pictures(card, monkeypatch):
    """KS03: Jember, Lamongan and Sidoarjo all at 100,00 % share rank 4 (printed "4=", as the
    summary's tables print a shared rank)."""
    frames.clear_frames()
    drawn = _drawn(monkeypatch)
    FigureMaker(card).comparison(card.dataset.regions[0].parent)
    texts = [s for s, _ in drawn]
    assert texts.count("4=") >= 3 and "4= peringkat sama" in texts


# -- source line --------------------------------------------------------------------------------


def test_each_chart_carries_a_source_line_from_its_indicators(card):
    from evalreport.context.region import ContextBuilder
    from evalreport.context.summary import build_summary

    region = card.dataset.regions[0]
    charts = FigureMaker(card).for_region(region)
    line = charts.capaian.source
    assert line.startswith("Sumber: ") and line.endswith(" (diolah)")
    assert line.count("Survei Ketahanan Sosial dan Politik Rumah Tangga, Bakesbangpol") == 1
    assert charts.tren.source == charts.target_realisasi.source == line
    # KS01 is computed from KS01A and KS01B: their sources, not "Diolah dari ..."
    ks = next(p for p in charts.perbandingan if p["dimensi"] == "Konflik Sosial")["sumber"]
    assert "Proyeksi penduduk pertengahan tahun, BPS kabupaten/kota" in ks
    assert "Diolah dari" not in ks
    kp = next(p for p in charts.perbandingan if p["dimensi"] == "Kepercayaan Publik")
    assert kp["sumber"] == kp["gambar"].source
    assert "SP4N-LAPOR!" in kp["sumber"] and "FKUB" not in kp["sumber"]
    ctx = ContextBuilder(card).build(region, charts)
    assert ctx["grafik"]["sumber"] == {"capaian": line, "target_realisasi": line, "tren": line}
    # the disaggregated chart shows PA01 and IN01 only: their sources, no other
    (split,) = charts.terpilah
    assert split["sumber"] == split["gambar"].source and split["bagian"] == ""
    assert "Daftar sasaran program" in split["sumber"] and "SP4N-LAPOR!" not in split["sumber"]
    assert ctx["grafik"]["perbandingan"][0]["sumber"].startswith("Sumber: ")
    summary = build_summary(card)
    assert summary["grafik"]["sumber"]["sebaran"].startswith("Sumber: ")


def test_a_long_source_line_names_the_first_sources_and_how_many_more(card):
    """A chart of all 11 indicators draws on 10 sources: listed in full its source line ran
    to eight lines and onto the next page; it names three and counts the rest."""
    from evalreport.charts.figures import MAX_SOURCES

    maker = FigureMaker(card)
    indicators = card.dataset.reported_indicators
    names = list(dict.fromkeys(s for i in indicators for s in maker._sources(i)))
    assert len(names) > MAX_SOURCES
    line = FigureMaker(card).for_region(card.dataset.regions[0]).capaian.source
    more = len(names) - (MAX_SOURCES - 1)
    assert line == "Sumber: " + "; ".join(names[:MAX_SOURCES - 1]) + f"; dan {more} sumber lain (diolah)"
    en = FigureMaker(card, lang="en").source(indicators)
    assert en.endswith(f"; and {more} other sources (processed)")
    few = indicators[:2]
    assert "sumber lain" not in maker.source(few)


def test_the_source_line_is_empty_when_no_indicator_names_one(card):
    data = card.dataset.model_copy(update={
        "indicators": [i.model_copy(update={"source": None}) for i in card.dataset.indicators]})
    charts = FigureMaker(evalreport.score(data)).for_region(data.regions[0])
    assert charts.capaian.source == "" and charts.perbandingan[0]["sumber"] == ""


# -- words in the document's language -----------------------------------------------------------


def test_chart_words_follow_the_document_language(card, monkeypatch):
    frames.clear_frames()
    drawn = _drawn(monkeypatch)
    charts = FigureMaker(card, lang="en").for_region(card.dataset.regions[0])
    texts = {s for s, _ in drawn}
    assert {"Achievement (%)", "Actual", "Meets the target", "Actual as % of the target",
            "4= tied rank"} <= texts
    assert charts.capaian.source.startswith("Source: ")
    assert charts.capaian.alt_text.startswith("Achievement per indicator, Kabupaten Malang")
    assert "Capaian" not in " ".join(texts)


# -- kept frames across regions -----------------------------------------------------------------


def test_every_region_reuses_the_same_frames(card, monkeypatch):
    """One scale for all regions (scale_max), rows as tall as any region's labels, margins for
    the widest label: a province's reports draw each chart's frame once per set of targets
    (Kota Surabaya has its own, printed under the indicator names), the achievement chart at
    most twice (with and without the 'not met' legend) and each comparison picture once."""
    from collections import Counter

    from evalreport.i18n.formatting import Formatter
    from evalreport.scoring.scorecard import target_text

    f = Formatter("id")
    target_sets = {tuple(target_text(r.target, f, r.indicator.decimals) for r in card.select(g.code))
                   for g in card.dataset.regions}
    assert len(target_sets) == 2

    monkeypatch.delenv(_fast.SWITCH, raising=False)
    frames.clear_frames()
    maker = FigureMaker(card)
    for region in card.dataset.regions:
        maker.for_region(region)
    kinds = Counter(k[0] for k in frames._frames)
    pictures = len(maker.comparison(card.dataset.regions[0].parent))
    assert kinds["target_actual"] == kinds["trend"] == len(target_sets)
    assert kinds["achievement"] <= 2
    assert kinds["region"] == pictures


def test_a_chart_whose_frame_changes_does_not_push_out_the_others(monkeypatch):
    """Over budget, the least recently used frame of the same kind goes first."""
    frames.clear_frames()
    one = draw.achievement_chart([Bar("K01", 50.0)], title="T", number_format=fmt, dpi=150)
    w, h = Image.open(io.BytesIO(one.png)).size
    monkeypatch.setattr(frames, "FRAME_BUDGET", 4 * 8 * w * h)
    frames.clear_frames()
    draw.region_comparison_chart([("K01", "%", [RegionValue("A", 90.0), RegionValue("B", 80.0)],
                                   100.0)], title="T", number_format=fmt, dpi=150)
    region_key = next(iter(frames._frames))
    for i in range(8):  # eight achievement frames, one after another
        draw.achievement_chart([Bar(f"K0{i}", 50.0)], title="T", number_format=fmt, dpi=150)
    assert region_key in frames._frames
    assert sum(f.size for f in frames._frames.values()) <= frames.FRAME_BUDGET
