"""Charts (evalreport.charts): deterministic PNGs of the stated size, Indonesian alt text."""
from __future__ import annotations

import hashlib
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the package is not installed in the venv
    sys.path.insert(0, str(ROOT))

from evalreport._fast import raster  # noqa: E402
from evalreport.charts import draw as charts
from evalreport.charts import frames
from evalreport.charts.draw import (  # noqa: E402
    Bar,
    Pair,
    RegionValue,
    Series,
    achievement_chart,
    distribution_chart,
    region_comparison_chart,
    target_actual_chart,
    trend_chart,
)
from evalreport.charts.style import DEFAULT_DPI  # noqa: E402


def fmt(v: float) -> str:
    return f"{v:.2f}".replace(".", ",")


LONG = "Persentase organisasi kemasyarakatan yang terdaftar dan aktif melapor ke Kesbangpol"
BARS = [
    Bar("K01 Kepercayaan publik", 91.714, "#1B7837", "91,71% · Sangat Tinggi"),
    Bar("K02 Kasus konflik antarkelompok per 10.000 penduduk", 124.0, "#1B7837"),
    Bar(f"K03 {LONG}", None),
    Bar("K04 Partisipasi pemilih", 48.5, "#D6404E", "48,50% · Sangat Rendah"),
]
PAIRS = [
    Pair("K01 Persentase warga yang menilai pemda responsif", "%", 70.0, 72.4, "≥ 70"),
    Pair("K02 Kasus konflik antarkelompok per 10.000 penduduk", "kasus", 0.5, 0.44),
    Pair(f"K03 {LONG}", "%", 80.0, None),
]
SERIES = [
    Series("K01 Persentase warga yang menilai pemda responsif", "%", ["2022", "2023", "2024"],
           [61.2, 66.75, 72.4], 70.0),
    Series("K02 Kasus konflik antarkelompok per 10.000 penduduk", "kasus",
           ["2022", "2023", "2024"], [0.82, None, 0.44], 0.5),
    Series("K03 Partisipasi pemilih", "%", ["2022", "2023", "2024"], [74.2, 81.9, 79.3], None,
           (75.0, 85.0)),
]
REGIONS = ["Kota Surabaya", "Kab. Malang", "Kab. Jember", "Kab. Banyuwangi", "Kota Malang"]
PANELS = [
    ("K01 Persentase warga yang menilai pemda responsif", "%",
     [RegionValue(r, 90 - 5 * i, highlight=r == "Kab. Malang") for i, r in enumerate(REGIONS)],
     70.0),
    ("K02 Kasus konflik", "kasus",
     [RegionValue(r, None if i == 4 else 0.2 + 0.1 * i) for i, r in enumerate(REGIONS)], None),
]
BANDS = [("Sangat Tinggi", "#1B7837", 7), ("Tinggi", "#7FBC41", 12), ("Sedang", "#F6C141", 0),
         ("Rendah", "#F1894A", 6)]

BUILD = {
    "achievement": lambda: achievement_chart(BARS, title="Capaian indikator 2024",
                                             number_format=fmt),
    "target_actual": lambda: target_actual_chart(PAIRS, title="Target dan realisasi",
                                                 number_format=fmt),
    "trend": lambda: trend_chart(SERIES, title="Tren 2022–2024", number_format=fmt),
    "region": lambda: region_comparison_chart(PANELS, title="Perbandingan daerah",
                                              number_format=fmt),
    "distribution": lambda: distribution_chart(BANDS, title="Sebaran predikat"),
}


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


@pytest.mark.parametrize("kind", BUILD)
def test_same_input_gives_the_same_bytes(kind):
    assert BUILD[kind]().png == BUILD[kind]().png


@pytest.mark.parametrize("kind", BUILD)
def test_png_pixel_size_matches_the_stated_size(kind):
    chart = BUILD[kind]()
    w, h = png_size(chart.png)
    assert chart.width_cm == 16.0
    assert abs(w - chart.width_cm / 2.54 * DEFAULT_DPI) <= 1
    assert abs(h - chart.height_cm / 2.54 * DEFAULT_DPI) <= 1
    assert 3 <= chart.height_cm <= 22


def test_dpi_sets_the_pixel_size_not_the_document_size():
    lo = achievement_chart(BARS, title="T", number_format=fmt, dpi=100)
    hi = achievement_chart(BARS, title="T", number_format=fmt, dpi=300)
    assert (lo.width_cm, lo.height_cm) == (hi.width_cm, hi.height_cm)
    assert abs(png_size(hi.png)[0] - hi.width_cm / 2.54 * 300) <= 1
    assert abs(png_size(lo.png)[1] - lo.height_cm / 2.54 * 100) <= 1


def _drawn_text(monkeypatch) -> list[tuple[str, float]]:
    """Every line of text the charts draw from now on: (text, size in points)."""
    drawn: list[tuple[str, float]] = []
    real = raster._Renderer.draw_text

    def record(self, gc, x, y, s, prop, angle, *a, **kw):
        drawn.append((s, prop.get_size_in_points()))
        return real(self, gc, x, y, s, prop, angle, *a, **kw)

    monkeypatch.setattr(raster._Renderer, "draw_text", record)
    return drawn


@pytest.mark.parametrize("kind", BUILD)
def test_no_text_smaller_than_8_pt_at_print_size(kind, monkeypatch):
    frames.clear_frames()  # so that the frame's text is drawn too
    drawn = _drawn_text(monkeypatch)
    BUILD[kind]()
    texts = [(s, size) for s, size in drawn if s.strip()]
    assert len(texts) > 5
    assert min(size for _, size in texts) >= 8


# the charts of two regions with the same indicators: one frame, different data
OTHER = {
    "achievement": lambda: achievement_chart(
        [Bar(b.label, None if b.value is None else b.value * 0.9, "#F1894A",
             "" if b.value is None else f"{fmt(b.value * 0.9)}% · Rendah") for b in BARS],
        title="Capaian indikator 2024", number_format=fmt),
    "target_actual": lambda: target_actual_chart(
        [Pair(p.label, p.unit, p.target, 1.5 if p.actual is None else None, p.target_text)
         for p in PAIRS], title="Target dan realisasi", number_format=fmt),
    "trend": lambda: trend_chart(
        [Series(s.label, s.unit, s.periods, list(reversed(s.values)), s.target, s.target_band)
         for s in SERIES], title="Tren 2022–2024", number_format=fmt),
}


@pytest.mark.parametrize("kind", OTHER)
def test_a_kept_frame_gives_the_same_bytes_as_a_new_one(kind):
    frames.clear_frames()
    fresh = OTHER[kind]().png
    frames.clear_frames()
    BUILD[kind]()  # draws the frame and this region's data, then takes the data away
    kept = OTHER[kind]()
    assert frames._frames and len(frames._frames) == 1  # the frame was kept and reused
    assert kept.png == fresh
    assert kept.png != BUILD[kind]().png


@pytest.mark.parametrize("kind", OTHER)
def test_a_kept_frame_does_not_collect_artists(kind):
    frames.clear_frames()
    BUILD[kind]()
    frame, = frames._frames.values()
    counts = [len(ax.get_children()) for ax in frame.axes]
    for _ in range(3):
        OTHER[kind]()
        BUILD[kind]()
    assert [len(ax.get_children()) for ax in frame.axes] == counts


def test_charts_drawn_in_threads_are_the_charts_drawn_one_after_another():
    """A web app may draw charts in several threads: kept frames are used one at a time."""
    from concurrent.futures import ThreadPoolExecutor

    calls = [BUILD[k] for k in OTHER] + [OTHER[k] for k in OTHER]
    frames.clear_frames()
    alone = [f().png for f in calls]
    frames.clear_frames()
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda f: f().png, calls * 4))
    assert together == alone * 4


def test_kept_frames_stay_within_their_memory_budget(monkeypatch):
    frames.clear_frames()
    one = achievement_chart(BARS[:1], title="T", number_format=fmt, dpi=150)
    w, h = png_size(one.png)
    monkeypatch.setattr(frames, "FRAME_BUDGET", 3 * 8 * w * h)  # bytes at 150 dpi
    for i in range(6):  # six different frames (labels differ)
        achievement_chart([Bar(f"K0{i}", 50.0)], title="T", number_format=fmt, dpi=150)
    assert 1 <= len(frames._frames) <= 3
    assert sum(f.size for f in frames._frames.values()) <= frames.FRAME_BUDGET


def test_a_failure_while_drawing_data_leaves_the_frame_clean():
    frames.clear_frames()
    BUILD["achievement"]()
    frame, = frames._frames.values()
    counts = [len(ax.get_children()) for ax in frame.axes]

    broken = [Bar(b.label, b.value, b.color if i != 3 else "no-such-colour", b.note)
              for i, b in enumerate(BARS)]  # the last bar fails, after the others were added
    with pytest.raises(ValueError):
        achievement_chart(broken, title="Capaian indikator 2024", number_format=fmt)
    assert len(frames._frames) == 1  # the same frame was used
    assert [len(ax.get_children()) for ax in frame.axes] == counts


def test_achievement_alt_text_has_labels_numbers_and_missing_data():
    alt = BUILD["achievement"]().alt_text
    assert alt.startswith("Capaian indikator 2024.")
    assert "K01 Kepercayaan publik: 91,71% (Sangat Tinggi)" in alt
    assert "K02 Kasus konflik antarkelompok per 10.000 penduduk: 124,00%" in alt
    assert f"K03 {LONG}: tidak ada data" in alt  # the full label, even where the chart cuts it
    assert "Target (100%)" in alt


def test_target_actual_alt_text():
    alt = BUILD["target_actual"]().alt_text
    assert ("K01 Persentase warga yang menilai pemda responsif (%): "
            "target ≥ 70, realisasi 72,40") in alt
    assert "target 0,50, realisasi 0,44" in alt
    assert "target 80,00, realisasi tidak ada data" in alt


def test_trend_alt_text_names_every_period_and_the_gap():
    alt = BUILD["trend"]().alt_text
    assert "61,20 (2022), 66,75 (2023), 72,40 (2024); target 70,00" in alt
    assert "0,82 (2022), tidak ada data (2023), 0,44 (2024)" in alt
    assert "target 75,00–85,00" in alt


def test_region_alt_text_ranks_and_highlights():
    alt = BUILD["region"]().alt_text
    assert "Kota Surabaya 90,00; Kab. Malang 85,00" in alt
    assert "Kab. Malang peringkat 2 dari 5" in alt
    assert "Kota Malang tidak ada data" in alt
    assert "Target 70,00" in alt


def test_distribution_alt_text_counts_and_shares():
    alt = BUILD["distribution"]().alt_text
    assert "Sebaran 25 wilayah" in alt
    assert "Tinggi 12 wilayah (48%)" in alt
    assert "Sedang 0 wilayah (0%)" in alt


def test_distribution_shares_add_up_to_100():
    alt = distribution_chart([("A", "#000000", 7), ("B", "#000000", 12), ("C", "#000000", 9),
                              ("D", "#000000", 6), ("E", "#000000", 4)], title="T").alt_text
    assert "A 7 wilayah (18%); B 12 wilayah (32%); C 9 wilayah (24%); D 6 wilayah (16%); " \
           "E 4 wilayah (10%)" in alt  # plain rounding would give 11% and a total of 101%
    assert charts._shares([0, 0]) == [0, 0]
    assert charts._shares([1, 1, 1]) == [34, 33, 33]


def test_all_values_missing_still_draws():
    chart = achievement_chart([Bar("K01", None), Bar("K02", None)], title="T", number_format=fmt)
    assert png_size(chart.png)[0] > 0
    assert chart.alt_text.count("tidak ada data") == 2
    trend = trend_chart([Series("K01", "%", ["2023", "2024"], [None, None], None)], title="T",
                        number_format=fmt)
    assert "tidak ada data (2023), tidak ada data (2024)" in trend.alt_text


def test_negative_and_zero_values_draw():
    chart = achievement_chart([Bar("K01", -12.5), Bar("K02", 0.0)], title="T", number_format=fmt)
    assert "K01: -12,50%" in chart.alt_text and "K02: 0,00%" in chart.alt_text


@pytest.mark.parametrize("call", [
    lambda: achievement_chart([], title="T", number_format=fmt),
    lambda: target_actual_chart([], title="T", number_format=fmt),
    lambda: trend_chart([], title="T", number_format=fmt),
    lambda: region_comparison_chart([], title="T", number_format=fmt),
    lambda: distribution_chart([], title="T"),
])
def test_empty_input_is_refused_clearly(call):
    with pytest.raises(ValueError, match="no .* to draw"):
        call()


def test_trend_periods_and_values_must_match():
    with pytest.raises(ValueError, match="3 periods but 2 values"):
        trend_chart([Series("K01", "%", ["2022", "2023", "2024"], [1.0, 2.0], None)], title="T",
                    number_format=fmt)


def test_negative_count_is_refused():
    with pytest.raises(ValueError, match="negative"):
        distribution_chart([("Tinggi", "#7FBC41", -1)], title="T")


def _regions(n: int, highlight: int | None = None) -> list[RegionValue]:
    return [RegionValue(f"Kab. Contoh {i + 1}", 100 - i, highlight=i == highlight)
            for i in range(n)]


def test_region_chart_with_60_regions_stays_within_22_cm():
    chart = region_comparison_chart([("K01", "%", _regions(60, 29), 70.0)], title="60 daerah",
                                    number_format=fmt)
    assert chart.height_cm <= 22
    assert "Kab. Contoh 30 peringkat 30 dari 60" in chart.alt_text
    assert "tertinggi Kab. Contoh 1 100,00" in chart.alt_text


def test_region_chart_height_grows_with_regions_and_is_capped():
    heights = [region_comparison_chart([("K01", "%", _regions(n), None)], title="T",
                                       number_format=fmt).height_cm for n in (5, 20, 40)]
    assert heights[0] < heights[1] < heights[2] <= 22
    many = region_comparison_chart([(f"K{i:02}", "%", _regions(40), 70.0) for i in range(12)],
                                   title="T", number_format=fmt)
    assert many.height_cm <= 22


def test_rank_rows_keep_top_bottom_and_highlight():
    rows = charts._rank_rows(_regions(60, 29), limit=100)
    shown = [i for i, _ in rows if i is not None]
    assert shown == [*range(15), 29, *range(45, 60)]
    assert [m for i, m in rows if i is None] == [14, 15]
    assert len(charts._rank_rows(_regions(40), limit=100)) == 40
    assert len(charts._rank_rows(_regions(40), limit=21)) <= 21


@pytest.mark.parametrize("build", [
    lambda ps: target_actual_chart(ps, title="T", number_format=fmt),
    lambda ps: trend_chart([Series(p.label, p.unit, ["2022", "2023", "2024"],
                                   [p.actual, None, p.actual], p.target) for p in ps],
                           title="T", number_format=fmt),
    lambda ps: achievement_chart([Bar(p.label, p.actual) for p in ps], title="T",
                                 number_format=fmt),
])
def test_twelve_indicators_fit_in_22_cm(build):
    pairs = [Pair(f"K{i:02} {LONG}", "kasus per 10.000 penduduk", 10.0 * i, 9.5 * i)
             for i in range(1, 13)]
    chart = build(pairs)
    assert chart.height_cm <= 22
    assert abs(png_size(chart.png)[1] - chart.height_cm / 2.54 * DEFAULT_DPI) <= 1


def test_tick_labels_drop_zero_decimals_only_when_all_ticks_are_whole():
    tick = charts._TickFormatter(fmt)
    assert tick.format_ticks([0.0, 25.0, 50.0]) == ["0", "25", "50"]
    assert tick.format_ticks([0.0, 0.5, 1.0]) == ["0,00", "0,50", "1,00"]
    thousands = charts._TickFormatter(lambda v: f"{v:,.2f}".replace(",", "_")
                                       .replace(".", ",").replace("_", "."))
    assert thousands.format_ticks([0.0, 1000.0]) == ["0", "1.000"]
    no_decimals = charts._TickFormatter(lambda v: f"{v:,.0f}".replace(",", "."))
    assert no_decimals.format_ticks([0.0, 1000.0]) == ["0", "1.000"]


def test_long_labels_are_wrapped_never_cut():
    lines = charts._wrap(LONG, 120, 8.5)
    assert len(lines) > 2 and not any("…" in line for line in lines)
    assert " ".join(lines) == LONG
    assert all(charts._width(line, 8.5) <= 120 for line in lines)
    # a word wider than the line breaks after its slash rather than running over
    parts = charts._wrap("Diolah dari rekap-kabupaten/kota/kecamatan/desa", 60, 8.5)
    assert all(charts._width(line, 8.5) <= 60 for line in parts)
    assert "".join(parts).replace(" ", "") == "Diolahdarirekap-kabupaten/kota/kecamatan/desa"


LONGER = f"K03 {LONG} di tingkat kecamatan, desa dan kelurahan pada akhir tahun anggaran berjalan"


@pytest.mark.parametrize("build", [
    lambda: achievement_chart([*BARS[:2], Bar(LONGER, 50.0)], title="T", number_format=fmt),
    lambda: target_actual_chart([*PAIRS[:2], Pair(LONGER, "%", 80.0, 70.0)], title="T",
                                number_format=fmt),
    lambda: trend_chart([*SERIES[:2], Series(LONGER, "%", ["2023", "2024"], [1.0, 2.0], None)],
                        title="T", number_format=fmt),
])
def test_every_word_of_a_long_indicator_name_is_drawn(build, monkeypatch):
    """Indicator names wrap onto as many lines as they need; the row grows, nothing is cut."""
    frames.clear_frames()
    drawn = _drawn_text(monkeypatch)
    chart = build()
    texts = [s for s, _ in drawn]
    assert not any("…" in t for t in texts)
    words = " ".join(texts).split()
    for word in LONGER.split():
        assert word in words, word
    assert chart.height_cm <= 22


def test_module_never_imports_pyplot_and_is_deterministic_across_processes():
    code = (
        "import hashlib, sys\n"
        "from tests.test_charts import BUILD\n"
        "digest = hashlib.sha256(b''.join(BUILD[k]().png for k in sorted(BUILD))).hexdigest()\n"
        "print('matplotlib.pyplot' in sys.modules, digest)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                         text=True, check=True).stdout.split()
    here = hashlib.sha256(b"".join(BUILD[k]().png for k in sorted(BUILD))).hexdigest()
    assert out == ["False", here]


def test_a_range_target_is_drawn_as_its_range_on_the_shared_scale():
    """Actual and target as % of the target: a range 60-100 (middle 80) is the span 75-125 %
    of the scale that the actual bar (50 = 62.5 %) is drawn on, not a bar to its middle."""
    import io

    import numpy as np
    from PIL import Image

    chart = target_actual_chart([Pair("K01 Indeks kerukunan", "skor", 80.0, 50.0, "60,00–100,00",
                                      target_band=(60.0, 100.0), comparator="between")],
                                title="", number_format=fmt, show_title=False)
    px = np.asarray(Image.open(io.BytesIO(chart.png)).convert("RGB")).astype(int)

    def columns(rgb: str) -> np.ndarray:
        """The columns of the longest run of this colour along one pixel row (the bar, not
        the legend's sample)."""
        colour = [int(rgb[i:i + 2], 16) for i in (1, 3, 5)]
        hit = np.abs(px - colour).sum(axis=2) <= 6
        xs = np.nonzero(hit[hit.sum(axis=1).argmax()])[0]
        runs = np.split(xs, np.nonzero(np.diff(xs) > 1)[0] + 1)  # text pixels stand apart
        return max(runs, key=len)

    actual, span = columns(charts.ACTUAL), columns(charts.BAND_FACE)
    origin, unit = actual.min(), (actual.max() - actual.min()) / 62.5  # the actual bar: 0 to 62.5
    assert abs(span.min() - (origin + 75 * unit)) <= 4  # from 75 % ...
    assert abs(span.max() - (origin + 125 * unit)) <= 4  # ... to 125 %, not from 0 to 100
    assert "60,00–100,00" in chart.alt_text and "62,50% dari target" in chart.alt_text


def test_region_chart_explains_its_bar_colours(monkeypatch):
    drawn = _drawn_text(monkeypatch)
    region_comparison_chart(PANELS, title="T", number_format=fmt,
                            bands=[("Sangat Tinggi", "#1B7837"), ("Rendah", "#F1894A")])
    texts = {s for s, _ in drawn}
    assert {"Sangat Tinggi", "Rendah", "Target"} <= texts


def test_a_long_legend_takes_two_rows_within_the_width():
    from matplotlib.patches import Patch as P

    short = charts._Grid("", legend=[P(label="Target"), P(label="Tinggi")])
    long = charts._Grid("", legend=[P(label=f"Predikat sangat panjang nomor {i}") for i in range(6)])
    assert short.legend_rows == 1 and long.legend_rows == 2
    assert long.top - short.top == charts.SMALL_PT * charts.LEAD + 8


def test_a_kept_comparison_layout_draws_what_a_fresh_one_draws():
    """A group's layout is worked out once and kept; each region highlighted over it, at
    either dpi and after its frames are dropped, is the picture a fresh layout gives. Rows cut
    to the top and bottom depend on the region highlighted: that layout is not kept."""

    def draw(highlight, dpi, n=20):
        return region_comparison_chart([("K01", "%", _regions(n, highlight), 70.0),
                                        ("K02", "%", _regions(n, highlight), 80.0)],
                                       title="T", number_format=fmt, dpi=dpi).png

    fresh = {}
    for h in (3, 11):
        for dpi in (150, 200):
            charts._layouts.clear()
            frames.clear_frames()
            fresh[h, dpi] = draw(h, dpi)
    charts._layouts.clear()
    frames.clear_frames()
    for h, dpi in [(3, 150), (11, 200), (11, 150), (3, 200)]:
        assert draw(h, dpi) == fresh[h, dpi], (h, dpi)
    assert len(charts._layouts) == 1  # one layout for both regions and both dpis
    frames.clear_frames()
    assert draw(11, 200) == fresh[11, 200]  # a frame made again from the kept layout
    draw(29, 200, n=60)  # 60 regions: cut to the top and bottom, not kept
    assert len(charts._layouts) == 1
