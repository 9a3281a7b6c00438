"""Speed that rests on libraries' private internals, kept in one place with a way around it.

Each trick here uses a private piece of a library, so each is pinned from above in setup.cfg to
the versions it was written against, and each has a stock twin that uses only public API:

=========================  ==================================  ===========================================
trick                      private pieces used                 stock twin
=========================  ==================================  ===========================================
``raster``: text cache,    matplotlib ``RendererAgg._prepare_  ``FigureCanvasAgg`` and ``Figure.savefig``
font heights kept, value   font``, ``draw_text_image``,        (Pillow's PNG writer); value labels as
labels laid out once, an   ``FigureCanvasAgg._lastKey``, the   ``ax.annotate``; ``ax.add_artist``
axes' clip box made once,  renderer hook ``_get_font_height_
own PNG writer             metrics`` (3.11), ``fontManager.
                           _find_fonts_by_props``; ``Note``
                           repeats 3.11's ``Text._get_layout``
                           for one line; ``add`` repeats
                           ``Axes.add_artist`` (``_children``,
                           ``_set_artist_props``)
``frames``: a chart's      (public API: the canvas's           the whole figure drawn for every chart
fixed part drawn once      ``buffer_rgba`` rows put back
                           where the last data drew, changes
                           looked for where the data's artists
                           say they draw; pixels differ
                           slightly from a full draw)
``docx``: a template's     python-docx ``PackageReader``,      ``docxtpl.DocxTemplate`` opened, rendered and
package read once, parts   ``Unmarshaller``, ``PackageWriter.  saved as docxtpl does, then the zip
compiled once, pictures    _write_*``, ``ImageParts._get_by_   normalised; pictures placed by docxtpl's
placed without searching   sha1``, ``CT_Inline.new_pic_        ``InlineImage``; the body parsed alone and
the part, the body parsed  inline``, ``XmlPart._element``;     moved into the document's root
once where it goes, one-   docxtpl's ``render_xml_part``/
pass zip writer            ``patch_xml``/``resolve_listing``/
                           ``fix_tables``/``map_tree``
                           overridden
=========================  ==================================  ===========================================

The switch: ``EVALREPORT_STOCK=1`` (or ``all``) runs every stock twin; a comma-separated list
(``raster,frames,docx``) runs only those. Tests compare both paths: documents byte-identical,
charts within a stated pixel tolerance (tests/test_fast_seam.py); benchmarks/README.md has what
each trick buys.
"""
from __future__ import annotations

import os

TRICKS = ("raster", "frames", "docx")
SWITCH = "EVALREPORT_STOCK"


def enabled(trick: str) -> bool:
    """Whether the fast path of ``trick`` is used (read at each call, so tests can flip it)."""
    if trick not in TRICKS:
        raise ValueError(f"unknown trick {trick!r}; known: {', '.join(TRICKS)}")
    value = os.environ.get(SWITCH, "").strip().casefold()
    if value in ("", "0", "no", "false"):
        return True
    if value in ("1", "all", "yes", "true"):
        return False
    return trick not in {v.strip() for v in value.split(",")}
