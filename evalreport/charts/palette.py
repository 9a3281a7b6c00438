"""Colours that must survive a greyscale print: how light a colour is (CIE L*), the patterns that
tell apart band colours of the same lightness, and the follow-up status colours.

Reports are photocopied and printed in black and white, so a colour is only told apart from
another by its lightness there. Band colours (:mod:`evalreport.data.bands`) are at least
:data:`MIN_LIGHTNESS_GAP` apart in L* where the scheme allows it; where it does not (six bands
cannot all be 20 L* apart between black and white), :func:`band_hatches` gives the later of
two close colours a pattern. No matplotlib here: the document context reads this module too.
"""
from __future__ import annotations

from collections.abc import Sequence

from ..data.model import FollowUpStatus

__all__ = ["lightness", "band_hatches", "contrast_ink", "drawingml_pattern", "STATUS_COLOURS",
           "MIN_LIGHTNESS_GAP", "MIN_STATUS_GAP", "BAND_HATCHES", "MISSED_HATCH"]

# Two colours at least this far apart in CIE L* are told apart in a greyscale print (about a
# fifth of the way from black to white).
MIN_LIGHTNESS_GAP = 20.0
# Status fills sit behind black text, so none may be darker than about L* 50 (contrast 4.5:1):
# four of them between 50 and 100 can be 15 apart, and the status is written in the cell too.
MIN_STATUS_GAP = 15.0

# Patterns for band colours that lightness alone cannot tell apart, in order of use: dots,
# then cross-hatching (diagonal lines alone mean "target not met", see MISSED_HATCH).
BAND_HATCHES = ("", "...", "xx", "++", "oo")
MISSED_HATCH = "////"

# The same patterns in a Word chart (DrawingML preset patterns, ECMA-376 ST_PresetPatternVal).
# A bar holds one pattern, so a missed target on a band that has a pattern of its own gets a
# diagonal pattern that keeps something of the band's: every missed bar is diagonal, and two
# bands that a pattern tells apart stay apart when both are missed.
DRAWINGML_PATTERNS = {"": None, "...": "pct30", "xx": "smGrid", "++": "lgGrid", "oo": "openDmnd"}
DRAWINGML_MISSED = {"": "wdUpDiag", "...": "dashUpDiag", "xx": "dkUpDiag", "++": "ltUpDiag",
                    "oo": "upDiag"}

# Follow-up status of a recommendation's action (BPK classes), as table cell fills (RRGGBB),
# from light to dark: pale green (done), yellow (not yet in line), grey (cannot be followed
# up) and rose (not followed up, the one that needs attention), at L* 97, 82, 67 and 52.
STATUS_COLOURS: dict[FollowUpStatus, str] = {
    FollowUpStatus.DONE: "ECFBE6",
    FollowUpStatus.NOT_YET_DONE: "EEC862",
    FollowUpStatus.CANNOT: "A3A3A3",
    FollowUpStatus.NOT_STARTED: "C35C61",
}


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def lightness(color: str) -> float:
    """CIE L* (0 black to 100 white) of an sRGB colour written "#RRGGBB" or "RRGGBB": the grey
    it becomes in print (the relative luminance Y of sRGB, D65, on the CIE lightness scale)."""
    c = color.lstrip("#")
    if len(c) != 6:
        raise ValueError(f"not an RRGGBB colour: {color!r}")
    r, g, b = (_linear(int(c[i:i + 2], 16)) for i in (0, 2, 4))
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    f = y ** (1 / 3) if y > (6 / 29) ** 3 else y / (3 * (6 / 29) ** 2) + 4 / 29
    return 116 * f - 16


def band_hatches(colors: Sequence[str], gap: float = MIN_LIGHTNESS_GAP) -> list[str]:
    """A pattern for each band colour of a scheme, in order: none, unless the colour is less than
    ``gap`` L* from an earlier band's colour with the same pattern, then the next pattern free
    among those close ones. So any two bands differ in lightness or in pattern in a greyscale
    print (a custom scheme too)."""
    out: list[str] = []
    levels = [lightness(c) for c in colors]
    for i, level in enumerate(levels):
        taken = {out[j] for j in range(i) if abs(levels[j] - level) < gap}
        out.append(next((h for h in BAND_HATCHES if h not in taken), BAND_HATCHES[-1]))
    return out


def drawingml_pattern(hatch: str, missed: bool = False) -> str | None:
    """The preset pattern of a Word chart's bar for a band's pattern (:func:`band_hatches`) and
    a missed target; None: a plain fill."""
    return (DRAWINGML_MISSED if missed else DRAWINGML_PATTERNS).get(hatch, DRAWINGML_PATTERNS[""]
                                                                    if not missed else "wdUpDiag")


def contrast_ink(color: str) -> str:
    """White or near-black, whichever shows on ``color`` (for patterns drawn over a fill)."""
    return "#FFFFFF" if lightness(color) < 60 else "#1F1F1F"
