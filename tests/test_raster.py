"""The raster step: text-caching canvas and the PNG encoder."""
from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from evalreport._fast import raster


def _figure(canvas_cls, text: str = "Persentase penduduk 72,40 %", facecolor="white"):
    fig = Figure(figsize=(4, 1.5), dpi=150, facecolor=facecolor)
    canvas_cls(fig)
    ax = fig.add_axes((0.1, 0.25, 0.8, 0.6))
    ax.barh([0, 1], [3, 5], color=["#3B5B92", "#F1894A"])
    ax.annotate(text, (0.05, 0.5), xycoords="axes fraction", fontsize=9,
                fontfamily=["Liberation Sans", "DejaVu Sans"], fontweight="bold", va="center")
    ax.text(0.95, 0.1, "Kab. Malang", transform=ax.transAxes, ha="right", fontsize=8)
    return fig


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def test_encoded_png_holds_exactly_the_canvas_pixels():
    fig = _figure(raster.Canvas)
    png = raster.png(fig)
    rgba = np.asarray(fig.canvas.buffer_rgba())
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert (_pixels(png) == rgba[:, :, :3]).all()
    assert Image.open(io.BytesIO(png)).mode == "RGB"


def test_png_records_the_dpi_and_nothing_that_changes_between_runs():
    png = raster.png(_figure(raster.Canvas))
    dpi = Image.open(io.BytesIO(png)).info["dpi"]
    assert round(dpi[0]) == 150 and round(dpi[1]) == 150
    chunks, pos = [], 8
    while pos < len(png):
        size, kind = struct.unpack(">I4s", png[pos:pos + 8])
        body = png[pos + 8:pos + 8 + size]
        assert struct.unpack(">I", png[pos + 8 + size:pos + 12 + size])[0] == zlib.crc32(kind + body)
        chunks.append(kind)
        pos += 12 + size
    assert chunks == [b"IHDR", b"pHYs", b"IDAT", b"IEND"]  # no tIME, no tEXt


def test_a_see_through_figure_is_laid_on_white():
    fig = Figure(figsize=(1, 1), dpi=50, facecolor=(1, 0, 0, 0.5))
    raster.Canvas(fig)
    px = _pixels(raster.png(fig))
    assert (px[5, 5] == [255, 128, 128]).all() or (px[5, 5] == [255, 127, 127]).all()


def test_cached_text_draws_the_same_pixels_as_fresh_text():
    raster.clear_text_cache()
    first = raster.png(_figure(raster.Canvas))
    second = raster.png(_figure(raster.Canvas))  # every line now comes from the cache
    assert first == second


def test_text_lands_where_matplotlib_puts_it():
    """Whole lines on whole pixels (as matplotlib < 3.11) against matplotlib's own per-glyph
    placement: the same ink in the same place, within a pixel."""
    ours = _pixels(raster.png(_figure(raster.Canvas)))
    fig = _figure(FigureCanvasAgg)
    fig.canvas.draw()
    theirs = np.asarray(fig.canvas.buffer_rgba())[:, :, :3].astype(int)
    assert ours.shape == theirs.shape
    ink_ours, ink_theirs = (ours < 128).all(axis=2), (theirs < 128).all(axis=2)
    assert abs(int(ink_ours.sum()) - int(ink_theirs.sum())) < 0.15 * ink_theirs.sum()
    rows = lambda ink: np.nonzero(ink.any(axis=1))[0]  # noqa: E731
    cols = lambda ink: np.nonzero(ink.any(axis=0))[0]  # noqa: E731
    for a, b in ((rows(ink_ours), rows(ink_theirs)), (cols(ink_ours), cols(ink_theirs))):
        assert abs(a.min() - b.min()) <= 1 and abs(a.max() - b.max()) <= 1


@pytest.mark.parametrize("dpi", [150, 200])
def test_font_heights_are_the_ones_matplotlib_lays_text_out_with(dpi):
    """The renderer answers the font's ascent, descent and line gap once per font (matplotlib
    3.11 asks for them three times a label): every text's box, one line or two, with and
    without a descender, bold or not, lies exactly where matplotlib's own renderer puts it."""
    raster.clear_text_cache()
    boxes = {}
    for cls in (raster.Canvas, FigureCanvasAgg):
        fig = Figure(figsize=(4, 3), dpi=dpi, facecolor="white")
        canvas = cls(fig)
        texts = [fig.text(0.1, 0.1 + 0.2 * i, s, fontsize=size, fontweight=weight,
                          fontfamily=["Liberation Sans", "DejaVu Sans"], va=va,
                          bbox=dict(boxstyle="square,pad=0.1", facecolor="white"))
                 for i, (s, size, weight, va) in enumerate([
                     ("91,7%", 7.5, "normal", "center"), ("Kab. Pacitan", 9, "bold", "bottom"),
                     ("Target\n2026", 8, "normal", "top"), ("gypj", 7.5, "normal", "baseline")])]
        renderer = canvas.get_renderer()
        boxes[cls] = [t.get_window_extent(renderer).bounds for t in texts]
    if hasattr(raster._Renderer, "_get_font_height_metrics"):
        assert raster._heights  # asked, and answered from the cache
    assert boxes[raster.Canvas] == boxes[FigureCanvasAgg]


def test_text_without_the_cache_path_still_draws(monkeypatch):
    """Rotated text takes matplotlib's own path."""
    fig = Figure(figsize=(2, 2), dpi=100, facecolor="white")
    raster.Canvas(fig)
    fig.text(0.5, 0.5, "Tahun", rotation=90, fontsize=14, ha="center", va="center")
    px = _pixels(raster.png(fig))
    ink = (px < 128).all(axis=2)
    ys, xs = np.nonzero(ink)
    assert ink.sum() > 50
    assert (ys.max() - ys.min()) > 2 * (xs.max() - xs.min())  # taller than wide: rotated


@pytest.mark.parametrize("limit", [4])
def test_the_cache_stays_bounded(monkeypatch, limit):
    monkeypatch.setattr(raster, "_LIMIT", limit)
    raster.clear_text_cache()
    for i in range(20):
        raster.png(_figure(raster.Canvas, text=f"nilai {i}"))
    assert len(raster._lines) <= limit


def test_strips_of_a_kept_image_are_reused_and_give_the_same_bytes():
    """encode() compresses 32-row strips on their own: with the strips of an earlier image
    (a kept frame) it compresses only the strips whose pixels differ, and the PNG is the same
    bytes as one encoded from scratch, holding exactly the new pixels."""
    rng = np.random.default_rng(0)
    base = np.full((200, 90, 4), 255, dtype=np.uint8)
    base[:, :, :3] = rng.integers(0, 255, (200, 90, 3), dtype=np.uint8)
    known = raster.strips(base)
    assert sorted(known) == list(range(0, 200, raster.STRIP))
    changed = base.copy()
    changed[70:75, 10:20, :3] = 0  # one strip touched
    compressed = []
    real = raster._deflate
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(raster, "_deflate", lambda raw, level: compressed.append(1) or real(raw, level))
        reused = raster.encode(changed, 150, known=known,
                               changed=raster.changed_strips(changed, base))
    assert len(compressed) == 1
    assert reused == raster.encode(changed, 150)
    assert (_pixels(reused) == changed[:, :, :3]).all()
    a, b = b"Kabupaten Malang" * 9, b"Capaian 91,71%" * 7
    assert raster._adler_combine(zlib.adler32(a), zlib.adler32(b), len(b)) == zlib.adler32(a + b)


def test_strips_outside_the_changed_ones_are_taken_without_looking():
    """changed_strips() names the strips where an image differs from the one the known strips
    were made from (a kept frame); with them, encode() compresses those strips again and takes
    the others as kept, unread; the bytes are those of the image encoded from scratch."""
    base = np.full((200, 90, 4), 255, dtype=np.uint8)
    known = raster.strips(base)
    changed = base.copy()
    changed[40:70, 5:9, :3] = 0  # rows 40-69: strips 32 and 64
    changed[199, 89, 0] = 7  # one pixel in the last, short strip
    assert raster.changed_strips(changed, base) == {32, 64, 192}
    assert raster.changed_strips(base, base.copy()) == frozenset()
    compressed = []
    real, rows = raster._deflate, raster._rows
    looked = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(raster, "_deflate", lambda raw, level: compressed.append(1) or real(raw, level))
        mp.setattr(raster, "_rows", lambda block: looked.append(block.shape[0]) or rows(block))
        out = raster.encode(changed, 150, known=known, changed={32, 64, 192})
    assert len(compressed) == 3
    # pixels read: only the three changed strips (the last one is 8 rows), as they are compressed
    assert looked == [32, 32, 8]
    assert out == raster.encode(changed, 150)
    # a changed strip is found however little differs: a pixel's alpha, a first or last row
    for row, col, chan in ((0, 0, 3), (31, 89, 2), (32, 0, 0), (191, 45, 1)):
        other = base.copy()
        other[row, col, chan] ^= 1
        assert raster.changed_strips(other, base) == {row // 32 * 32}


def _labelled(notes: bool, monkeypatch, canvas_cls=raster.Canvas, text="91,71%", **kw):
    """A figure with a grey band and a label over it, drawn as a Note or as its annotation."""
    from matplotlib.patches import Rectangle

    monkeypatch.setattr(raster, "_NOTES", notes and raster._NOTES)
    fig = Figure(figsize=(3, 1.6), dpi=200, facecolor="white")
    canvas_cls(fig)
    ax = fig.add_axes((0.15, 0.15, 0.7, 0.7))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 3)
    ax.add_artist(Rectangle((2, 0), 5, 3, facecolor="#D9D9D9", zorder=1))
    args = dict(ha="left", va="center", size=8.0, family=["Liberation Sans", "DejaVu Sans"],
                color="#262626", box_pad=0.1, zorder=4) | kw
    made = raster.note(ax, (3.3, 1.23), text, (4.5, 0.0), **args)
    fig.canvas.draw()
    return made, np.asarray(fig.canvas.buffer_rgba())[:, :, :3].astype(int)


@pytest.mark.parametrize("kw", [
    {}, {"ha": "center", "va": "bottom"}, {"ha": "right", "va": "top", "box_pad": None},
    {"va": "baseline", "weight": "bold"}, {"va": "center_baseline", "style": "italic"},
    {"ha": "center", "box_pad": 0.25, "box_color": "#FFF2CC"},
], ids=str)
def test_a_note_draws_the_very_pixels_of_its_annotation(kw, monkeypatch):
    """A value label drawn by Note (its line laid out once, from the text cache) is the same
    pixels as matplotlib's annotation with the same text, place, alignment, font and box,
    box edges over a grey band included."""
    note, fast = _labelled(True, monkeypatch, **kw)
    annotation, stock = _labelled(False, monkeypatch, **kw)
    if raster._NOTES:
        assert isinstance(note, raster.Note)
    assert not isinstance(annotation, raster.Note)
    assert (stock < 255).any(axis=2).sum() > 200  # the label and its box are there
    assert (fast == stock).all()


def test_a_note_beyond_one_line_or_off_the_fast_canvas_is_the_annotation(monkeypatch):
    """What Note does not lay out itself (two lines; a renderer other than the text cache's)
    it draws as matplotlib's annotation; with the raster trick off, note() makes the
    annotation itself."""
    _, fast = _labelled(True, monkeypatch, text="Target\n2026")
    _, stock = _labelled(False, monkeypatch, text="Target\n2026")
    assert (fast == stock).all()
    _, fast = _labelled(True, monkeypatch, canvas_cls=FigureCanvasAgg)
    _, stock = _labelled(False, monkeypatch, canvas_cls=FigureCanvasAgg)
    assert (fast == stock).all()
    monkeypatch.setenv("EVALREPORT_STOCK", "raster")
    made, _ = _labelled(True, monkeypatch)
    assert not isinstance(made, raster.Note)


def test_a_note_at_a_point_given_in_the_axis_blend_lands_where_the_annotation_does(monkeypatch):
    """A reference line's label: x in data, y in axes fraction (``ax.get_xaxis_transform()``)."""
    from matplotlib.figure import Figure as F

    out = []
    for notes in (True, False):
        monkeypatch.setattr(raster, "_NOTES", notes and raster._NOTES)
        fig = F(figsize=(3, 1.6), dpi=200, facecolor="white")
        raster.Canvas(fig)
        ax = fig.add_axes((0.15, 0.15, 0.7, 0.6))
        ax.set_xlim(0, 120)
        raster.note(ax, (100, 1.0), "Target 100%", (0, 3), ha="center", va="bottom", size=8.0,
                    family=["Liberation Sans", "DejaVu Sans"], color="#555555",
                    xycoords=ax.get_xaxis_transform())
        fig.canvas.draw()
        out.append(np.asarray(fig.canvas.buffer_rgba())[:, :, :3].astype(int))
    assert (out[0] < 128).any() and (out[0] == out[1]).all()


def test_add_clips_as_add_artist_does(monkeypatch):
    """raster.add() puts an artist on the axes as ax.add_artist does, with the axes' clip box
    made once: a bar running past the axes is cut where add_artist cuts it, a line too, an
    unclipped rectangle (clip=False) runs past them, the pixels are the same, and the artists
    come off the axes again with remove()."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    def drawn(adder) -> tuple[np.ndarray, list]:
        fig = Figure(figsize=(3, 2), dpi=150)
        raster.Canvas(fig)
        ax = fig.add_axes((0.2, 0.2, 0.6, 0.6))
        ax.set_xlim(0, 10)
        ax.set_ylim(0, 4)
        made = [adder(ax, Rectangle((2, 1), 14, 1, facecolor="#3B5B92")),
                adder(ax, Line2D([-3, 12], [3, 3.5], color="#F1894A", linewidth=2)),
                adder(ax, Rectangle((-2, -1), 3, 1, facecolor="#777777"), False)]
        pixels = np.asarray(Image.open(io.BytesIO(raster.png(fig))).convert("RGB"))
        for a in made:
            a.remove()
        assert made[0] not in ax.get_children()
        return pixels, [a.get_clip_box() for a in made]

    def stock(ax, artist, clip=True):
        artist.set_clip_on(clip)
        return ax.add_artist(artist)

    fast, boxes = drawn(raster.add)
    plain, stock_boxes = drawn(stock)
    assert (fast == plain).all()
    assert boxes[0] is boxes[1]  # one box for the axes
    assert boxes[0].bounds == pytest.approx(stock_boxes[0].bounds)
    h, w = fast.shape[:2]
    # nothing past the axes' right edge beside them, where the bar and the line run on
    assert (fast[int(h * 0.21):int(h * 0.79), int(w * 0.81):] == 255).all()
    assert (fast[int(h * 0.82):, : int(w * 0.2)] != 255).any()  # the unclipped one is drawn there
    monkeypatch.setenv("EVALREPORT_STOCK", "raster")
    fig = Figure(figsize=(3, 2), dpi=150)
    ax = fig.add_axes((0.2, 0.2, 0.6, 0.6))
    bar = raster.add(ax, Rectangle((0, 0), 1, 1))
    assert bar.get_clip_box() is not boxes[0] and bar in ax.get_children()


@pytest.mark.parametrize("where", [(0, 0), (37, 61), (69, 89)])
def test_a_see_through_pixel_is_laid_on_white(where):
    """An image with a pixel that is not opaque (anywhere, however little) is written as it
    shows on a white page; an opaque one as it is."""
    rng = np.random.default_rng(1)
    rgba = np.full((70, 90, 4), 255, dtype=np.uint8)
    rgba[:, :, :3] = rng.integers(0, 255, (70, 90, 3), dtype=np.uint8)
    assert (_pixels(raster.encode(rgba, 150)) == rgba[:, :, :3]).all()
    rgba[where[0], where[1]] = (0, 0, 0, 254)
    on_white = np.asarray(Image.alpha_composite(Image.new("RGBA", (90, 70), "white"),
                                                Image.fromarray(rgba, "RGBA")))[:, :, :3]
    out = _pixels(raster.encode(rgba, 150))
    assert (out == on_white).all() and tuple(out[where]) == (1, 1, 1)


def test_pictures_hold_the_same_pixels_with_zlib_ng_or_zlib(monkeypatch):
    """The PNG data is deflated by zlib-ng where the zlib-ng package is installed (as setup.cfg
    asks on the usual machines) and by zlib elsewhere: the same pixels either way, also when
    kept strips are joined with new ones, and the same bytes each time (in this process and in
    another: documents are the same bytes for the same input)."""
    import subprocess
    import sys

    assert raster._ZNG is not None, "zlib-ng is a dependency on this machine's platform"
    rng = np.random.default_rng(2)
    base = np.full((150, 120, 4), 255, dtype=np.uint8)
    base[20:90, 10:80, :3] = rng.integers(0, 4, (70, 70, 3), dtype=np.uint8) * 60
    changed = base.copy()
    changed[100:110, 30:60, :3] = (59, 91, 146)
    fast = raster.encode(changed, 200, known=raster.strips(base),
                         changed=raster.changed_strips(changed, base))
    assert fast == raster.encode(changed, 200)
    code = ("import sys, numpy as np; from evalreport._fast import raster; "
            "a = np.frombuffer(sys.stdin.buffer.read(), np.uint8).reshape(150, 120, 4); "
            "sys.stdout.buffer.write(raster.encode(a, 200))")
    other = subprocess.run([sys.executable, "-c", code], input=changed.tobytes(),
                           capture_output=True, check=True).stdout
    assert other == fast
    monkeypatch.setattr(raster, "_ZNG", None)
    plain = raster.encode(changed, 200)
    assert plain != fast  # two compressors
    assert (_pixels(fast) == changed[:, :, :3]).all() and (_pixels(plain) == changed[:, :, :3]).all()
