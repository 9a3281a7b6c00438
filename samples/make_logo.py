"""Draw ``logo-jatim.png`` and ``logo-nasional.png``: neutral placeholder emblems.

They are NOT the coat of arms of Provinsi Jawa Timur nor the national emblem: plain shields
with the word "JATIM" (the sample letterhead) or "RI" (the synthetic national dataset of the
benchmarks), so that documents show where a logo goes without reproducing an official emblem.
Replace them with your agency's own logo file (PNG or JPEG) in real use.

Run from anywhere:  python samples/make_logo.py
It writes both files into samples/ (300 x 360 px, transparent background). The PNGs carry no
"Software" text chunk, so the same matplotlib version writes the same bytes every time.
"""
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath
from matplotlib.transforms import Affine2D

NAVY, GOLD = "#1F3A68", "#D4A437"
HERE = Path(__file__).resolve().parent
LOGOS = {"logo-jatim.png": "JATIM", "logo-nasional.png": "RI"}


def shield(scale: float = 1.0) -> MplPath:
    """A heater shield in a 0..1 x 0..1.2 box: flat top, straight sides, curved point."""
    cx, top, s = 0.5, 1.15, scale
    w, h = 0.42 * s, 1.05 * s
    left, right, bottom = cx - w, cx + w, top - h
    side = top - 0.45 * h
    verts = [
        (left, top), (right, top), (right, side),
        (right, side - 0.35 * h), (cx + 0.15 * w, bottom + 0.08 * h), (cx, bottom),  # right curve
        (cx - 0.15 * w, bottom + 0.08 * h), (left, side - 0.35 * h), (left, side),  # left curve
        (left, top),
    ]
    codes = [MplPath.MOVETO, MplPath.LINETO, MplPath.LINETO,
             MplPath.CURVE4, MplPath.CURVE4, MplPath.CURVE4,
             MplPath.CURVE4, MplPath.CURVE4, MplPath.CURVE4,
             MplPath.CLOSEPOLY]
    return MplPath(verts, codes)


def draw(word: str, out: Path) -> None:
    fig = Figure(figsize=(3.0, 3.6), dpi=100)  # 300 x 360 px
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.2)
    ax.set_axis_off()
    # outer gold shield, inner navy shield: a gold rim
    ax.add_patch(PathPatch(shield(1.0), facecolor=GOLD, edgecolor="none"))
    inner = shield(0.9).transformed(Affine2D().translate(0, -0.06))
    ax.add_patch(PathPatch(inner, facecolor=NAVY, edgecolor="none"))
    # a five-pointed star above the word, a gold bar below it
    ax.plot([0.5], [0.86], marker=(5, 1, 0), markersize=34, color=GOLD, markeredgewidth=0)
    ax.text(0.5, 0.60, word, ha="center", va="center", color=GOLD,
            fontsize=30, fontweight="bold", family="DejaVu Sans")
    ax.add_patch(PathPatch(MplPath([(0.3, 0.44), (0.7, 0.44)]), edgecolor=GOLD, linewidth=4))
    fig.savefig(out, transparent=True, metadata={"Software": None})
    print(out)


def main() -> None:
    for name, word in LOGOS.items():
        draw(word, HERE / name)


if __name__ == "__main__":
    main()
