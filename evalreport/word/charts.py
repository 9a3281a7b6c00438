"""Word charts in a document: a :class:`~evalreport.charts.model.NativeChart` as parts of the
document being rendered.

A native chart is three things in the package: the chart part (``/word/charts/chartN.xml``),
its workbook (``/word/embeddings/Microsoft_Excel_WorksheetN.xlsx``, related from the chart part
as ``rId1``, so that Word's "Edit Data" opens it) and a ``wp:inline`` drawing in a run of the
story part (body, header, footer) that relates to the chart part. :func:`add_chart` adds the
parts to any story part and returns the drawing's XML; :class:`InlineCharts` prints one chart
or a :class:`~evalreport.charts.model.ChartGroup` where a template's tag stands, as
``docxtpl.InlineImage`` does for a picture.

Part names are the first free numbers of the document's package, so a template that holds
charts of its own keeps them. Drawing ids are made unique across the document when it is
finished (:func:`renumber_drawings`): parts being rendered still hold the template's XML, so
no id given out during rendering can be checked against them.
"""
from __future__ import annotations

import weakref
from xml.sax.saxutils import quoteattr

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.shared import Cm

from ..charts.model import ChartGroup, NativeChart
from ..charts.native import WORKBOOK_RID

__all__ = ["CHART_CONTENT_TYPE", "XLSX_CONTENT_TYPE", "add_chart", "add_chart_run", "InlineCharts",
           "renumber_drawings"]

CHART_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_NS = {
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "c": CHART_URI,
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
_DOCPR = "{%s}docPr" % _NS["wp"]
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Until the document is finished, a chart's drawing id is a placeholder this high above any
# id Word or python-docx give, then renumbered with every other drawing of the document.
_PROVISIONAL = 1_000_000
# per package being rendered: the next free number of each part name, and the charts so far
_COUNTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _next_number(package, template: str, taken: dict) -> str:
    """The first free part name of the form ``template`` in ``package`` (counted once per
    package and then kept: walking every part for each chart costs more than the chart)."""
    n = taken.get(template)
    if n is None:
        used = {str(p.partname) for p in package.iter_parts()}
        n = 1
        while template % n in used:
            n += 1
    taken[template] = n + 1
    return template % n


def add_chart(part, chart: NativeChart, number: int) -> str:
    """Add the chart part and its workbook to the package of ``part`` (the document part, or
    a header or footer part), related from ``part``; the XML of the ``wp:inline`` that shows it
    (with the alt text in ``wp:docPr/@descr``), to put in a ``w:drawing`` of a run of that
    part. ``number``: the chart's place in the document (its provisional drawing id and name)."""
    package = part.package
    taken = _COUNTS.setdefault(package, {})
    chart_part = Part(PackURI(_next_number(package, "/word/charts/chart%d.xml", taken)),
                      CHART_CONTENT_TYPE, chart.xml, package)
    rid = part.relate_to(chart_part, RT.CHART)
    book = Part(PackURI(_next_number(package, "/word/embeddings/Microsoft_Excel_Worksheet%d.xlsx",
                                     taken)), XLSX_CONTENT_TYPE, chart.xlsx, package)
    chart_part.rels.add_relationship(RT.PACKAGE, book, WORKBOOK_RID)
    cx, cy = int(Cm(chart.width_cm)), int(Cm(chart.height_cm))
    return (
        f'<wp:inline distT="0" distB="0" distL="0" distR="0" xmlns:wp="{_NS["wp"]}" '
        f'xmlns:a="{_NS["a"]}" xmlns:c="{_NS["c"]}" xmlns:r="{_NS["r"]}">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{_PROVISIONAL + number}" name="Chart {number}" '
        f'descr={quoteattr(chart.alt_text)}/>'
        f'<wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="{CHART_URI}"><c:chart r:id="{rid}"/></a:graphicData>'
        f'</a:graphic></wp:inline>')


def add_chart_run(paragraph, chart: NativeChart | ChartGroup) -> None:
    """Append a chart (or each chart of a group) to a python-docx paragraph (of the body, a
    table cell, a header or a footer), each in a run of its own."""
    for one in (chart.charts if isinstance(chart, ChartGroup) else (chart,)):
        counts = _COUNTS.setdefault(paragraph.part.package, {})
        count = counts["charts"] = counts.get("charts", 0) + 1
        run = paragraph.add_run()
        run.element.append(parse_xml(f'<w:drawing xmlns:w="{_W}">'
                                     f'{add_chart(paragraph.part, one, count)}</w:drawing>'))


class InlineCharts:
    """A chart or a group of charts for a docxtpl template: the tag prints each in a run of
    its own in the part being rendered (body, header or footer), one after another in the
    tag's paragraph (Word puts two side by side when they fit the line). Jinja's autoescape
    leaves it alone (it has ``__html__``)."""

    def __init__(self, tpl, chart: NativeChart | ChartGroup):
        self.tpl = tpl
        self.charts = chart.charts if isinstance(chart, ChartGroup) else (chart,)

    def _insert(self) -> str:
        part = self.tpl.current_rendering_part
        package = part.package
        runs = []
        for chart in self.charts:
            counts = _COUNTS.setdefault(package, {})
            count = counts["charts"] = counts.get("charts", 0) + 1
            runs.append(f"<w:r><w:drawing>{add_chart(part, chart, count)}</w:drawing></w:r>")
        return "</w:t></w:r>" + "".join(runs) + '<w:r><w:t xml:space="preserve">'

    def __html__(self) -> str:
        return self._insert()

    def __str__(self) -> str:
        return self._insert()


def renumber_drawings(document) -> None:
    """Give every drawing of the document (body, headers, footers) its own ``wp:docPr`` id,
    1, 2, 3 ... in the order of the parts and of the drawings in them: pictures inserted while
    a part was rendered take their id from the template's XML, so two may share one, and
    Word asks to repair a document whose drawing ids repeat."""
    parts = [document.part]
    for rel in document.part.rels.values():
        if not rel.is_external and rel.reltype in (RT.HEADER, RT.FOOTER):
            parts.append(rel.target_part)
    seen = set()
    n = 0
    for part in parts:
        if id(part) in seen:
            continue
        seen.add(id(part))
        for el in part.element.iter(_DOCPR):
            n += 1
            el.set("id", str(n))
