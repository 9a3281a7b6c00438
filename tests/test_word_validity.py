"""What makes Word ask to repair a file, checked on every generated document.

LibreOffice opens files Word refuses; these are the usual causes in generated .docx:
duplicate drawing ids, duplicate bookmarks, table-cell properties out of schema order,
fields left unbalanced, and text that is not valid XML. Checked on documents with pictures
and with Word charts (``charts="native"``).
"""
from __future__ import annotations

import zipfile
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

import evalreport
from evalreport.run.documents import DocumentMaker
from evalreport.run.summary import render_summary

ROOT = Path(__file__).resolve().parent.parent
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
# ECMA-376 order of w:tcPr children (CT_TcPr)
TCPR_ORDER = ["cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap",
              "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns",
              "cellDel", "cellMerge", "tcPrChange"]


@pytest.fixture(scope="module", params=["picture", "native"])
def documents(request, tmp_path_factory):
    data = evalreport.load(ROOT / "samples" / "jatim.yaml")
    out = tmp_path_factory.mktemp("word")
    paths = DocumentMaker(data, charts=request.param).region(data.regions[0], out)
    paths.append(render_summary(data, out, charts=request.param))
    return paths


def _parts(path: Path):
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("word/") and name.endswith(".xml"):
                yield name, etree.fromstring(z.read(name))


def test_drawing_ids_are_unique(documents):
    for path in documents:
        ids = [el.get("id") for _, root in _parts(path) for el in root.iter(f"{WP}docPr")]
        dup = [i for i, n in Counter(ids).items() if n > 1]
        assert not dup, f"{path.name}: duplicate wp:docPr ids {dup}"


def test_bookmarks_are_unique_and_closed(documents):
    for path in documents:
        for name, root in _parts(path):
            starts = [el.get(f"{W}id") for el in root.iter(f"{W}bookmarkStart")]
            ends = [el.get(f"{W}id") for el in root.iter(f"{W}bookmarkEnd")]
            names = [el.get(f"{W}name") for el in root.iter(f"{W}bookmarkStart")]
            assert len(set(starts)) == len(starts), f"{path.name} {name}: duplicate bookmark ids"
            assert len(set(names)) == len(names), f"{path.name} {name}: duplicate bookmark names"
            assert sorted(starts) == sorted(ends), f"{path.name} {name}: unclosed bookmarks"


def test_table_cell_properties_in_schema_order(documents):
    for path in documents:
        for name, root in _parts(path):
            for tcpr in root.iter(f"{W}tcPr"):
                kids = [etree.QName(k).localname for k in tcpr]
                ranks = [TCPR_ORDER.index(k) for k in kids if k in TCPR_ORDER]
                assert ranks == sorted(ranks), f"{path.name} {name}: w:tcPr children out of order {kids}"


def test_fields_are_balanced(documents):
    for path in documents:
        for name, root in _parts(path):
            depth = 0
            for el in root.iter(f"{W}fldChar"):
                kind = el.get(f"{W}fldCharType")
                depth += {"begin": 1, "end": -1}.get(kind, 0)
                assert depth >= 0, f"{path.name} {name}: field end without begin"
            assert depth == 0, f"{path.name} {name}: field left open"


def test_every_table_row_has_as_many_cells_as_the_grid(documents):
    for path in documents:
        for name, root in _parts(path):
            for tbl in root.iter(f"{W}tbl"):
                grid = len(tbl.find(f"{W}tblGrid"))
                for tr in tbl.findall(f"{W}tr"):
                    span = 0
                    for tc in tr.findall(f"{W}tc"):
                        gs = tc.find(f"{W}tcPr/{W}gridSpan")
                        span += int(gs.get(f"{W}val")) if gs is not None else 1
                    assert span == grid, f"{path.name} {name}: a row spans {span} of {grid} grid columns"
