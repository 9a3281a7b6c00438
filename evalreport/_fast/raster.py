"""From a matplotlib figure to PNG bytes, fast: the raster trick of :mod:`evalreport._fast`.

A national run draws three charts for each of 514 regions, and the same words come back in
every one of them (indicator names, units, tick labels, legends). Two things here make that
cheap, without changing what is drawn:

* :class:`Canvas`, an Agg canvas whose renderer keeps each line of text it has drawn as a
  grey-scale bitmap (and its measured size) for the life of the process, so a label is laid out
  and rasterised once per worker instead of once per chart. Whole lines are placed on whole
  pixels, as matplotlib did before 3.11; matplotlib 3.11 places every glyph on its own
  sub-pixel offset, which is what made text take most of the drawing time.
* :class:`Note`, a value label (one line of text at a data point, shifted by some points,
  on a white box) drawn from that cache in a few steps: matplotlib lays an annotation out three
  times each time it is drawn and makes a box patch for it, and a region's charts have about
  eighty of them. It draws the very pixels ``ax.annotate`` draws (matplotlib 3.11's layout of a
  line; with 3.10, or on another renderer, the annotation itself is drawn).
* :func:`png`, which writes the canvas as an 8-bit RGB PNG without per-row filter search (the
  images are flat colour; Pillow tries four filters on every row, which took longer than
  compressing). The bytes depend only on the pixels: no time stamp, no software name.

Both fall back to matplotlib's own path where theirs would not apply (rotated or math text,
a matplotlib without the private pieces used).
"""
from __future__ import annotations

import io
import math
import struct
import threading
import weakref
import zlib
from collections.abc import Collection, Sequence
from functools import lru_cache
from typing import Any, TypeVar

import matplotlib
import numpy as np
from matplotlib import colors as mcolors
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, fontManager, get_font
from matplotlib.ft2font import FT2Font
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch, Patch
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Affine2D, Bbox, IdentityTransform, TransformedBbox
from PIL import Image

from . import enabled

_ZNG: Any  # optional: a faster zlib (see _deflate)
try:
    from zlib_ng import zlib_ng as _ZNG
except ImportError:  # pragma: no cover - platforms without its wheel
    _ZNG = None

__all__ = ["Canvas", "canvas", "add", "note", "Note", "png", "encode", "strips", "changed_strips", "reach",
           "clear_text_cache"]

_LIMIT = 20_000  # lines of text kept per process (a few MB): more than a national run meets
_lines: dict[tuple, tuple[float, float, float, np.ndarray, float, float]] = {}
_heights: dict[tuple, tuple[float, float, float] | tuple[None, None, None]] = {}
_FAST = (hasattr(RendererAgg, "_prepare_font")
         and all(hasattr(FT2Font, name) for name in ("draw_glyphs_to_bitmap", "get_image")))


def clear_text_cache() -> None:
    _lines.clear()
    _heights.clear()


def _remember(cache: dict, key: tuple, value):
    if len(cache) >= _LIMIT:  # drop the oldest half: labels that came back stay young
        for old in list(cache)[: _LIMIT // 2]:
            cache.pop(old, None)  # another thread may have dropped it
    cache[key] = value
    return value


def _font_key(prop) -> tuple:
    return (tuple(prop.get_family()), prop.get_style(), prop.get_variant(), prop.get_weight(),
            prop.get_stretch(), prop.get_size_in_points(), prop.get_file())


class _Renderer(RendererAgg):
    """RendererAgg that lays out, measures and rasterises each (text, font, size, dpi) once."""

    def _line(self, s: str, prop) -> tuple[float, float, float, np.ndarray, float, float]:
        """Width, height and descent of a line of text (as RendererAgg measures them), its
        grey-scale bitmap and the bitmap's offset: one FreeType layout for all of them."""
        key = (s, _font_key(prop), self.dpi)
        found = _lines.get(key)
        if found is None:
            font = self._prepare_font(prop)
            font.set_text(s, 0.0, flags=get_hinting_flag())
            w, h = font.get_width_height()
            d = font.get_descent()
            font.draw_glyphs_to_bitmap(antialiased=True)
            xo, yo = font.get_bitmap_offset()
            found = _remember(_lines, key, (
                w / 64.0, h / 64.0, d / 64.0, np.array(font.get_image(), dtype=np.uint8),
                xo / 64.0, (yo + d) / 64.0))
        return found

    def _get_font_height_metrics(self, prop):
        """The font's ascent, descent and line gap in pixels, as matplotlib 3.11's
        ``Text._get_layout`` reads them from the font's tables for every text it lays out
        (three times a label); here once per font, size and dpi. (A renderer may answer this
        for the text; matplotlib 3.10 does not ask, and measures "lp" instead, cached above.)"""
        key = (_font_key(prop), self.dpi)
        found = _heights.get(key)
        if found is None:
            found = _remember(_heights, key, _font_heights(prop, self.dpi))
        return found

    def get_text_width_height_descent(self, s, prop, ismath):
        if ismath or not _FAST:
            return super().get_text_width_height_descent(s, prop, ismath)
        return self._line(s, prop)[:3]

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if ismath or angle or not gc.get_antialiased() or not _FAST:
            return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
        *_, bitmap, xo, yo = self._line(s, prop)
        if bitmap.size:
            # y is downwards here; the bitmap's reference is its baseline less the descent
            self._renderer.draw_text_image(bitmap, round(x + xo), round(y + yo) + 1, 0, gc)


def _font_heights(prop, dpi: float) -> tuple[float, float, float] | tuple[None, None, None]:
    """What matplotlib 3.11's ``Text._get_layout`` works out of a font's OS/2 or hhea table
    (None: neither table, and matplotlib measures the text "lp" instead)."""
    font = get_font(fontManager._find_fonts_by_props(prop))
    for table_name, gap, ascent, descent in (
            ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
            ("hhea", "lineGap", "ascent", "descent")):
        table: Any = font.get_sfnt_table(table_name)  # type: ignore[call-overload]
        if table is None:
            continue
        head: Any = font.get_sfnt_table("head")
        scale = 1 / head["unitsPerEm"] * prop.get_size_in_points() * dpi / 72
        return table[ascent] * scale, -table[descent] * scale, table[gap] * scale
    return None, None, None


# Note lays a line out as matplotlib 3.11's Text._get_layout does with its default line
# spacing, "normal" (3.10 measures differently)
_NOTES = (_FAST and tuple(int(p) for p in matplotlib.__version__.split(".")[:2]) >= (3, 11)
          and getattr(Text(), "_linespacing", None) == "normal")
_SHIFT = {"left": 0.0, "center": 0.5, "right": 1.0}  # of the width, to the left


class Note(Artist):
    """One line of text at data point ``xy`` shifted by ``offset`` points, aligned by
    ``ha``/``va``, with a square white box behind it when ``box_pad`` is given (a fraction of
    the font size): what ``ax.annotate(text, xy, xytext=offset, textcoords="offset points",
    annotation_clip=False, bbox=dict(boxstyle="square,pad=...", facecolor=..., edgecolor="none"))``
    draws, pixel for pixel, without the annotation's repeated layout. Drawn by matplotlib's own
    annotation on a renderer other than :class:`_Renderer`."""

    def __init__(self, ax, xy: tuple[float, float], text: str, offset: tuple[float, float], *,
                 ha: str, va: str, prop: FontProperties, color, box_pad: float | None = None,
                 box_color="white", zorder: float = 3, xycoords=None):
        super().__init__()
        self._ax, self._xy, self._text, self._offset = ax, xy, text, offset
        self._coords = xycoords  # a transform of xy to the display (None: the data's)
        self._ha, self._va, self._prop = ha, va, prop
        self._rgba = mcolors.to_rgba(color)
        self._box_pad, self._box_color = box_pad, box_color
        self.set_zorder(zorder)

    @property
    def text(self) -> str:
        return self._text

    @property
    def boxed(self) -> bool:
        """Whether the note stands on a box (a value label)."""
        return self._box_pad is not None

    def _annotation(self) -> Annotation:
        bbox = (None if self._box_pad is None else
                dict(boxstyle=f"square,pad={self._box_pad}", facecolor=self._box_color,
                     edgecolor="none"))
        a = Annotation(self._text, self._xy, xycoords=self._coords or "data",
                       xytext=self._offset, textcoords="offset points",
                       ha=self._ha, va=self._va, fontproperties=self._prop, color=self._rgba,
                       parse_math=False, annotation_clip=False, bbox=bbox, zorder=self.zorder)
        a.axes = self._ax
        a.set_figure(self._ax.get_figure(root=False))
        return a

    def _layout(self, renderer) -> tuple[float, float, float, float, float, float]:
        """Where the line's baseline and its box stand from the text's position: (x and y of
        the line, the box's lower left x and y, its width and height), as
        ``Text._get_layout`` of matplotlib 3.11 lays out one unrotated line."""
        w, h, d = renderer.get_text_width_height_descent(self._text, self._prop, False)
        min_ascent, min_descent, _gap = renderer._get_font_height_metrics(self._prop)
        # line spacing "normal": at least the font's ascent and descent (one line: no gap)
        a = max(h - d, min_ascent) + 0 / 2
        d = max(d, min_descent) + 0 / 2
        height = a + d
        ox = _SHIFT[self._ha] * w
        oy = {"bottom": -height, "top": 0.0, "center": -height / 2, "baseline": -height + d,
              "center_baseline": -height + height - a / 2}[self._va]
        return 0 - ox, -a - oy, 0 - ox, -height - oy, w, height

    def _own(self, renderer) -> bool:
        """Whether this note is drawn (and measured) here, not by its annotation."""
        return (_NOTES and isinstance(renderer, _Renderer) and self._ha in _SHIFT
                and "\n" not in self._text
                and renderer._get_font_height_metrics(self._prop)[0] is not None)

    def _position(self) -> tuple[float, float]:
        """The text's position in display pixels: ``xy`` moved by ``offset`` points."""
        dpi = self._ax.get_figure(root=True).dpi
        x0, y0 = (self._coords or self._ax.transData).transform(self._xy)
        posx, posy = Affine2D().scale(dpi / 72).translate(x0, y0).transform(self._offset)
        return posx, posy

    def reach(self, renderer) -> Bbox:
        """Where the note draws, in display pixels: its line and its box (the box's pad
        beyond the line included). Cheaper than :meth:`get_window_extent`, and not smaller."""
        if not self._own(renderer):
            return self.get_window_extent(renderer)
        posx, posy = self._position()
        _lx, _ly, bx, by, bw, bh = self._layout(renderer)
        pad = (self._box_pad or 0.0) * renderer.points_to_pixels(self._prop.get_size_in_points())
        return Bbox.from_extents(posx + bx - pad, posy + by - pad, posx + bx + bw + pad,
                                 posy + by + bh + pad)

    def draw(self, renderer) -> None:
        if not self.get_visible() or not self._text:
            return
        if not self._own(renderer):
            self._annotation().draw(renderer)
            return
        posx, posy = self._position()
        if not (np.isfinite(posx) and np.isfinite(posy)):
            return
        lx, ly, bx, by, bw, bh = self._layout(renderer)
        if self._box_pad is not None:
            patch = _box(self._box_pad, self._box_color, threading.get_ident())
            patch.set_bounds(0.0, 0.0, bw, bh)
            patch.set_transform(Affine2D().rotate_deg(0).translate(posx + bx, posy + by))
            patch.set_mutation_scale(renderer.points_to_pixels(self._prop.get_size_in_points()))
            patch.draw(renderer)
        gc = renderer.new_gc()
        gc.set_foreground(self._rgba, isRGBA=True)
        gc.set_alpha(None)  # as Text.draw: the colour's own alpha
        gc.set_antialiased(True)
        gc.set_snap(None)
        y = ly + posy
        if renderer.flipy():
            y = renderer.get_canvas_width_height()[1] - y
        renderer.draw_text(gc, lx + posx, y, self._text, self._prop, 0.0, ismath=False,
                           mtext=None)
        gc.restore()
        self.stale = False

    def get_window_extent(self, renderer=None) -> Bbox:
        return self._annotation().get_window_extent(renderer)


@lru_cache(maxsize=16)
def _box(pad: float, color, _thread: int) -> FancyBboxPatch:
    """The box patch a note draws behind it (one per pad, colour and thread; moved for each
    note it is drawn for)."""
    return FancyBboxPatch((0, 0), 1, 1, boxstyle=f"square,pad={pad}",
                          transform=IdentityTransform(), facecolor=color, edgecolor="none")


_clips: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # axes -> its clip box


_A = TypeVar("_A", bound=Artist)


def add(ax, artist: _A, clip: bool = True) -> _A:
    """``ax.add_artist(artist)``, clipped to the axes as that clips it (``clip``; else drawn
    unclipped: clip_on off), with the axes' clip box made once per axes: ``add_artist`` works out the
    axes patch's transform again for every artist it clips (a tenth of a region's chart time
    for its bars and lines). The stock path is ``ax.add_artist`` itself."""
    if not clip:
        artist.set_clip_on(False)
    if not enabled("raster") or not _ADD or not isinstance(getattr(ax, "_children", None), list):
        return ax.add_artist(artist)
    artist.axes = ax
    ax._children.append(artist)
    artist._remove_method = ax._children.remove  # type: ignore[attr-defined]
    ax._set_artist_props(artist)
    if clip and artist.get_clip_path() is None:  # as set_clip_path(ax.patch) clips: to a box
        box = _clips.get(ax)
        if box is None:
            box = _clips[ax] = TransformedBbox(Bbox.unit(), ax.patch.get_transform())
        artist.clipbox = box
        artist._clippath = None  # type: ignore[attr-defined]
        artist.pchanged()
        artist.stale = True
    ax.stale = True
    return artist


# add() repeats matplotlib 3.10's and 3.11's Axes.add_artist, and Artist.set_clip_path given
# an axes patch (a Rectangle: a clip box)
_ADD = hasattr(Axes, "_set_artist_props")


@lru_cache(maxsize=64)
def _font(family, size: float, weight: str, style: str) -> FontProperties:
    """The font of a note, made once (checking its settings costs more than drawing a short
    label); only read, never changed, by the notes and annotations given it (an annotation
    keeps a copy)."""
    return FontProperties(family=list(family) if isinstance(family, tuple) else family,
                          size=size, weight=weight, style=style)  # type: ignore[arg-type]


def note(ax, xy: tuple[float, float], text: str, offset: tuple[float, float], *, ha: str,
         va: str, size: float, family, color, weight: str = "normal", style: str = "normal",
         box_pad: float | None = None, box_color="white", zorder: float = 3,
         xycoords=None) -> Artist:
    """A value label on ``ax`` (see :class:`Note`): a :class:`Note` on the fast path, the
    annotation itself on the stock path."""
    prop = _font(tuple(family) if isinstance(family, list | tuple) else family, size, weight, style)
    if not enabled("raster") or not _NOTES:
        bbox = (None if box_pad is None else
                dict(boxstyle=f"square,pad={box_pad}", facecolor=box_color, edgecolor="none"))
        return ax.annotate(text, xy, xycoords=xycoords or "data", xytext=offset,
                           textcoords="offset points", ha=ha, va=va,
                           fontproperties=prop, color=color, parse_math=False,
                           annotation_clip=False, bbox=bbox, zorder=zorder)
    # as an annotation: drawn beyond the axes too
    return add(ax, Note(ax, xy, text, offset, ha=ha, va=va, prop=prop, color=color,
                        box_pad=box_pad, box_color=box_color, zorder=zorder, xycoords=xycoords),
               clip=False)


class Canvas(FigureCanvasAgg):
    """FigureCanvasAgg with the text-caching renderer."""

    def get_renderer(self):
        w, h = self.get_width_height(physical=True)
        key = w, h, self.figure.dpi
        if self._lastKey != key:
            self.renderer = _Renderer(w, h, self.figure.dpi)
            self._lastKey = key
        return self.renderer


def canvas(fig: Figure) -> FigureCanvasAgg:
    """The canvas a chart is drawn on: the text-caching :class:`Canvas`, or matplotlib's own
    Agg canvas on the stock path."""
    return Canvas(fig) if enabled("raster") else FigureCanvasAgg(fig)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(
        ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(fig: Figure, level: int = 3) -> bytes:
    """The figure drawn on its canvas (a :class:`Canvas` if it has none) as PNG bytes: 8-bit
    RGB (the figures are opaque), the figure's dpi recorded in a pHYs chunk."""
    if not enabled("raster"):  # stock: matplotlib draws, Pillow writes
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=fig.dpi, facecolor="white", metadata={"Software": None})
        return buf.getvalue()
    agg = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else Canvas(fig)
    agg.draw()
    return encode(np.asarray(agg.buffer_rgba()), fig.dpi, level)


@lru_cache(maxsize=8)
def _rgb_columns(w: int) -> np.ndarray:
    """Indexes of the R, G and B bytes in a row of w RGBA pixels."""
    return (np.arange(w)[:, None] * 4 + np.arange(3)).ravel()


STRIP = 32  # rows of pixels compressed together (a kept frame's strips are reused)


def _rows(rgba: np.ndarray) -> np.ndarray:
    """PNG scanlines of an RGBA image: a filter byte (0, none) and the RGB bytes of each row,
    laid on white where the image is see-through, as a page shows it."""
    h, w = rgba.shape[:2]
    # the alpha bytes: each pixel's as the top byte of a little-endian word (one pass over
    # whole words, not a stride through the image's fourth bytes)
    if np.ascontiguousarray(rgba).view("<u4").min() < 0xFF000000:
        img = Image.frombuffer("RGBA", (w, h), np.ascontiguousarray(rgba), "raw", "RGBA", 0, 1)
        rgba = np.asarray(Image.alpha_composite(Image.new("RGBA", (w, h), "white"), img))
    rows = np.empty((h, 1 + 3 * w), dtype=np.uint8)
    rows[:, 0] = 0
    np.take(rgba.reshape(h, 4 * w), _rgb_columns(w), axis=1, out=rows[:, 1:])  # drop alpha
    return rows


def _deflate(raw: bytes, level: int) -> bytes:
    """Raw deflate of one strip, ended with a full flush: byte-aligned and independent of the
    strips before it, so compressed strips can be joined in any combination.

    By zlib-ng (the ``zlib-ng`` package) where it is installed, at level 2 for zlib's 3 (the
    same size on these pictures in about 0.6 of the time; compressing is a sixth of a
    region's CPU), else by zlib. Both give the same bytes for the same input every time (a
    faster deflate that did not, ISA-L, was left out: benchmarks/README.md)."""
    z = _ZNG if _ZNG is not None else zlib
    c = z.compressobj(_NG_LEVEL.get(level, level) if _ZNG is not None else level, z.DEFLATED, -15)
    return c.compress(raw) + c.flush(z.Z_FULL_FLUSH)


_NG_LEVEL = {3: 2}  # zlib's level -> zlib-ng's of about the same size


_BASE = 65521  # the Adler-32 modulus


def _adler_combine(a1: int, a2: int, len2: int) -> int:
    """Adler-32 of two pieces of data joined, from the pieces' own (zlib's adler32_combine)."""
    rem = len2 % _BASE
    s1 = a1 & 0xFFFF
    s2 = (rem * s1) % _BASE
    s1 += (a2 & 0xFFFF) + _BASE - 1
    s2 += ((a1 >> 16) & 0xFFFF) + ((a2 >> 16) & 0xFFFF) + _BASE - rem
    s1 = s1 - _BASE if s1 >= _BASE else s1
    s1 = s1 - _BASE if s1 >= _BASE else s1
    s2 = s2 - 2 * _BASE if s2 >= 2 * _BASE else s2
    s2 = s2 - _BASE if s2 >= _BASE else s2
    return s1 | (s2 << 16)


# first row -> (Adler-32 and length of the strip's scanlines, the scanlines compressed)
Strips = dict


def _strip(block: np.ndarray, level: int) -> tuple[int, int, bytes]:
    raw = _rows(block).tobytes()
    return zlib.adler32(raw), len(raw), _deflate(raw, level)


def strips(rgba: np.ndarray, level: int = 3) -> Strips:
    """The compressed strips of an image, for :func:`encode` to reuse where a later image has
    the same pixels (a kept frame: the strips its data leaves untouched)."""
    rgba = np.ascontiguousarray(rgba)
    return {i: _strip(rgba[i:i + STRIP], level) for i in range(0, rgba.shape[0], STRIP)}


def changed_strips(rgba: np.ndarray, base: np.ndarray,
                   among: Collection[int] | None = None) -> frozenset[int]:
    """The strips (by first row) where two images of the same size differ: what a kept
    frame's data drew over, to compress again now and to put back before the next chart.
    ``among``: the only strips that can differ (the others are not looked at)."""
    h = rgba.shape[0]
    if among is not None:  # a few strips: each compared on its own
        a, b = _pixel_words(rgba), _pixel_words(base)
        return frozenset(i for i in sorted(among) if 0 <= i < h and i % STRIP == 0
                         and not np.array_equal(a[i:i + STRIP], b[i:i + STRIP]))
    # a pixel's four bytes compared as one number, rows reduced to "differs anywhere"
    rows = (_pixel_words(rgba) != _pixel_words(base)).any(axis=1)
    return frozenset(int(i) * STRIP for i in np.flatnonzero(
        np.logical_or.reduceat(rows, np.arange(0, h, STRIP))))


# How far beyond an artist's extent its pixels may go (a line's half width, which its extent
# leaves out; antialiasing; a glyph past its advance), in points: far more than any of them
# (the charts' lines are at most 1.8 pt wide; tests: 6 pixels at 300 dpi are enough, 2 not)
REACH_MARGIN = 12.0


# More artists than this: every strip is compared (asking each where it draws costs more
# than reading the whole image: a bar about 0.1 ms, a chart's image about 4 ms at 200 dpi)
REACH_MOST = 16


def reach(artists: Sequence[Artist], renderer, height: int) -> frozenset[int] | None:
    """The strips (by first row) of an image ``height`` rows high that drawing ``artists``
    can have changed, from where each says it draws, with :data:`REACH_MARGIN` (at least a
    strip) to spare; None when an artist is of a kind not known to draw only there (then every
    strip can), or when there are more than :data:`REACH_MOST` of them."""
    if len(artists) > REACH_MOST:
        return None
    margin = max(STRIP, math.ceil(renderer.points_to_pixels(REACH_MARGIN)))
    found: set[int] = set()
    for a in artists:
        if not a.get_visible():
            continue
        if isinstance(a, Note):
            if not a.text:
                continue  # draws nothing
            box = a.reach(renderer)
        elif isinstance(a, (Patch, Line2D, Text)):
            box = a.get_window_extent(renderer)
        else:
            return None
        if not np.isfinite(box.extents).all():
            return None
        top = max(0, int(height - box.y1) - margin)
        bottom = min(height - 1, int(height - box.y0) + margin)
        if top <= bottom:
            found.update(range(top // STRIP * STRIP, bottom + 1, STRIP))
    return frozenset(found)


def _pixel_words(rgba: np.ndarray) -> np.ndarray:
    """Rows of RGBA pixels seen (without a copy where possible) as rows of 32-bit words."""
    return np.ascontiguousarray(rgba).view(np.uint32).reshape(rgba.shape[0], -1)


def encode(rgba: np.ndarray, dpi: float, level: int = 3, known: Strips | None = None,
           changed: Collection[int] = ()) -> bytes:
    """An RGBA image (rows of pixels) as PNG bytes (Pillow's writer on the stock path).

    The image data is one zlib stream of strips of 32 rows, each deflated on its own (a full
    flush between them), so a strip in ``known`` (from :func:`strips`, of an earlier image of
    the same size) is neither converted nor compressed again: a comparison picture with one
    region highlighted compresses only the few strips the highlight touches. ``changed``: the
    strips (by first row, :func:`changed_strips`) where the image differs from the one
    ``known`` was made from; the others are taken from ``known`` without reading their
    pixels."""
    if not enabled("raster"):
        buf = io.BytesIO()
        Image.fromarray(np.ascontiguousarray(rgba), "RGBA").convert("RGB").save(
            buf, format="PNG", dpi=(dpi, dpi))
        return buf.getvalue()
    h, w = rgba.shape[:2]
    rgba = np.ascontiguousarray(rgba)
    parts = [b"\x78\x5e"]  # zlib header: deflate, 32 KB window
    adler = 1
    for i in range(0, h, STRIP):
        block = rgba[i:i + STRIP]
        hit = known.get(i) if known else None
        if hit is None or i in changed:
            hit = _strip(block, level)
        adler = _adler_combine(adler, hit[0], hit[1])
        parts.append(hit[2])
    parts += [b"\x03\x00", struct.pack(">I", adler)]  # an empty final block, the checksum
    ppm = round(dpi / 0.0254)
    return b"".join((
        b"\x89PNG\r\n\x1a\n",
        _chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)),
        _chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1)),
        _chunk(b"IDAT", b"".join(parts)),
        _chunk(b"IEND", b""),
    ))
