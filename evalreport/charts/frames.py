"""Kept chart frames: each chart's fixed part drawn once per process, the region's data on top."""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .. import _fast
from .._fast.raster import STRIP, changed_strips, encode, png, reach, strips

# A region's charts are mostly frame: indicator names, units, rules, legend, axis ticks. That
# part depends on the indicators and the layout, not on the region's values, so it is drawn
# once per process and kept as pixels; each chart then restores those pixels and draws only its
# own bars, lines and values on top (matplotlib's blitting). A chart is always drawn this way,
# frame first and data after, whether its frame is new or kept, so its bytes never depend on
# what was drawn before it.

# Bytes of pixels kept per process at 150 dpi (a figure's and their copy), scaled with the
# pixels of the dpi drawn at: a region's own charts and its group's comparison pictures take
# about 43 MB at 150 dpi, 76 MB at 200 and 171 MB at 300 (benchmarks/bench_charts.py), so
# that about two regions' frames fit; room for fewer would draw every frame again for each
# region (the least recently used frame is the one needed next).
FRAME_BUDGET = 96 * 2**20
_frames: OrderedDict[tuple, _Frame] = OrderedDict()
_frames_lock = threading.Lock()


@dataclass
class _Frame:
    fig: Figure
    axes: list
    height_cm: float
    pixels: np.ndarray  # the frame as drawn: rows of RGBA pixels (a copy)
    strips: dict  # the frame's rows compressed, reused where the data leaves them
    dirty: frozenset[int] = frozenset()  # strips (first rows) the last chart's data drew over

    @property
    def size(self) -> int:
        w, h = self.fig.canvas.get_width_height(physical=True)
        return 8 * w * h


def clear_frames() -> None:
    """Forget the frames kept so far (tests; or to give the memory back)."""
    with _frames_lock:
        _frames.clear()


def _agg(fig: Figure) -> FigureCanvasAgg:
    """The figure's canvas, an Agg canvas (charts are drawn on nothing else)."""
    canvas = fig.canvas
    assert isinstance(canvas, FigureCanvasAgg), type(canvas)
    return canvas


def _framed(key: tuple, frame: Callable[[], tuple[Figure, list, float]],
            data: Callable[[list], Sequence[Artist]]) -> tuple[bytes, float]:
    """PNG bytes and height (cm) of a chart: its frame (made by ``frame()``, or kept from an
    earlier chart with the same ``key``), then what ``data(axes)`` adds to the axes drawn on
    top in z-order with any frame artists it returns (to be drawn over the data again)."""
    if not _fast.enabled("frames"):  # stock: the whole figure drawn for this chart
        fig, axes, height_cm = frame()
        data(axes)
        return png(fig), height_cm
    with _frames_lock:  # one chart at a time on kept frames (threads of a web app)
        kept = _frames.get(key)
        if kept is None:
            fig, axes, height_cm = frame()
            agg = _agg(fig)
            agg.draw()
            pixels = np.array(agg.buffer_rgba())
            kept = _Frame(fig, axes, height_cm, pixels, strips(pixels))
            _frames[key] = kept
            budget = FRAME_BUDGET * max(1.0, (fig.dpi / 150) ** 2)
            while len(_frames) > 1 and sum(f.size for f in _frames.values()) > budget:
                # the least recently used frame of the same kind of chart (key[0]) goes first:
                # a chart whose frame changes from region to region must not push out the
                # frames every region reuses (each comparison picture of its province)
                same = [k for k in _frames if k[0] == key[0] and k != key]
                del _frames[same[0] if same else next(iter(_frames))]
        else:
            _frames.move_to_end(key)
        canvas = _agg(kept.fig)
        buffer = np.asarray(canvas.buffer_rgba())
        # only the strips the last chart's data drew over are put back as the frame was: the
        # others are the frame's still (a comparison picture's highlight is a row or two)
        for i in kept.dirty:
            buffer[i:i + STRIP] = kept.pixels[i:i + STRIP]
        marks = [(ax, set(map(id, ax.get_children())), len(ax.containers)) for ax in kept.axes]

        def added() -> list[Artist]:
            return [a for ax, old, _ in marks for a in ax.get_children() if id(a) not in old]

        try:
            # every strip, until known: drawing may fail half way
            kept.dirty = frozenset(range(0, buffer.shape[0], STRIP))
            again = list(data(kept.axes))
            renderer = canvas.get_renderer()
            drawn = sorted(added() + again, key=lambda a: a.get_zorder())
            for artist in drawn:
                artist.draw(renderer)
            # compared where the data drew (a comparison picture's highlight: a few strips)
            kept.dirty = changed_strips(buffer, kept.pixels,
                                        reach(drawn, renderer, buffer.shape[0]))
            return (encode(buffer, kept.fig.dpi, known=kept.strips, changed=kept.dirty),
                    kept.height_cm)
        finally:  # the frame is left as it was kept, even when drawing the data failed
            for artist in added():
                artist.remove()
            for ax, _, n in marks:
                del ax.containers[n:]

