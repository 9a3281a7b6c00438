"""The field reference: every variable, loop and filter a template can use, with examples."""
from __future__ import annotations

import io
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt, RGBColor

from ..context.region import ContextBuilder, representative_region
from ..context.schema import SCHEMA, SUMMARY_SCHEMA, Var
from ..data.load import load
from ..data.model import Dataset
from ..output import write_bytes
from ..scoring.scorecard import score
from ..word.rendering import normalise_zip

FILTERS = [
    ("angka", "{{ i.realisasi_angka|angka }}", "Angka format Indonesia, 2 desimal", "1.234,57"),
    ("persen", "{{ i.capaian_angka|persen }}", "Persen", "91,71%"),
    ("rupiah", "{{ 150000000|rupiah }}", "Uang rupiah", "Rp150.000.000"),
    ("tanggal", "{{ dokumen.tanggal|tanggal }}", "Tanggal panjang", "15 Januari 2025"),
    ("tanggal_hari", "{{ dokumen.tanggal|tanggal_hari }}", "Tanggal dengan hari", "Rabu, 15 Januari 2025"),
    ("bulan_tahun", "{{ dokumen.tanggal|bulan_tahun }}", "Bulan dan tahun", "Januari 2025"),
    ("terbilang", "{{ 150000000|terbilang }}", "Angka dalam huruf", "seratus lima puluh juta"),
    ("terbilang_rupiah", "{{ 150000000|terbilang_rupiah }}", "Uang dalam huruf",
     "seratus lima puluh juta rupiah"),
    ("selisih", "{{ 4.2|selisih }}", "Perubahan bertanda (+/−)", "+4,20"),
]


@dataclass
class FieldRow:
    tag: str
    kind: str
    doc: str
    example: str
    depth: int = 0


def field_rows(data: Any = None) -> list[tuple[str, list[FieldRow]]]:
    """The field reference as sections of rows: the tag to copy, type, description, example."""
    ctx = _example_context(data)
    sections: list[tuple[str, list[FieldRow]]] = []
    for var in SCHEMA:
        rows: list[FieldRow] = []
        _rows(var, var.name, ctx.get(var.name), rows, 0)
        sections.append((f"{var.name} — {var.doc}", rows))
    extra = [v for v in SUMMARY_SCHEMA if v.name not in {s.name for s in SCHEMA}]
    rows = []
    for var in extra:
        _rows(var, var.name, None, rows, 0)
    sections.append(("Khusus ringkasan-wilayah.docx", rows))
    return sections


def _rows(var: Var, path: str, value: Any, rows: list[FieldRow], depth: int) -> None:
    if var.kind == "daftar" and var.fields:
        item = var.name[0] if depth == 0 else var.name[:1]
        rows.append(FieldRow(f"{{%tr for {item} in {path} %}} … {{%tr endfor %}}", "daftar", var.doc,
                             f"{len(value)} butir" if isinstance(value, list) else "", depth))
        first = value[0] if isinstance(value, list) and value else None
        for f in var.fields:
            _rows(f, f"{item}.{f.name}", first.get(f.name) if isinstance(first, dict) else None, rows, depth + 1)
        return
    if var.kind == "bagian":
        for f in var.fields:
            _rows(f, f"{path}.{f.name}", value.get(f.name) if isinstance(value, dict) else None, rows, depth)
        return
    if var.kind == "daftar":
        rows.append(FieldRow(f"{{%p for x in {path} %}} {{{{ x }}}} {{%p endfor %}}", "daftar", var.doc,
                             _example(value[0] if isinstance(value, list) and value else None), depth))
        return
    rows.append(FieldRow(f"{{{{ {path} }}}}", var.kind, var.doc, _example(value), depth))


def _example(value: Any) -> str:
    if value is None or value == "":
        return ""
    if hasattr(value, "png") or hasattr(value, "path"):
        return "(gambar)"
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _example_context(data: Any) -> dict:
    if data is None:
        path = resources.files("evalreport.samples").joinpath("jatim.yaml")
        with resources.as_file(path) as p:
            data = load(p)
    dataset = data if isinstance(data, Dataset) else load(data)
    return ContextBuilder(score(dataset)).build(representative_region(dataset))


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def fields_markdown(data: Any = None) -> str:
    out = ["# Daftar isian templat evalreport", "",
           "Salin tag dari kolom *Tag* ke templat Word. Tag dalam perulangan memakai nama butir "
           "(mis. `i` untuk `indikator`).", ""]
    for title, rows in field_rows(data):
        out += [f"## {title}", "", "| Tag | Jenis | Keterangan | Contoh |", "|---|---|---|---|"]
        for r in rows:
            ind = "&nbsp;&nbsp;" * r.depth
            out.append(f"| {ind}`{_md(r.tag)}` | {r.kind} | {_md(r.doc)} | {_md(r.example)} |")
        out.append("")
    out += ["## Filter", "", "| Filter | Contoh tag | Keterangan | Hasil |", "|---|---|---|---|"]
    out += [f"| {n} | `{_md(t)}` | {_md(d)} | {_md(e)} |" for n, t, d, e in FILTERS]
    return "\n".join(out) + "\n"


def fields_docx(data: Any = None) -> bytes:
    """The field reference as a Word document (landscape, tags in a monospace font)."""
    doc = Document()
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, Cm(2))
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(10)
    doc.add_heading("Daftar Isian Templat evalreport", 0)
    doc.add_paragraph("Salin tag dari kolom Tag ke templat Word. Tag di dalam perulangan memakai nama "
                      "butir, mis. i untuk indikator: {%tr for i in indikator %} … {{ i.nama }} … "
                      "{%tr endfor %}. Contoh diambil dari data contoh.")

    def table(headers: list[str], rows: list[list[str]], widths: list[float], mono: int = 0) -> None:
        t = doc.add_table(rows=1, cols=len(headers))
        t.style = "Table Grid"
        for i, h in enumerate(headers):
            cell = t.rows[0].cells[i]
            cell.text = h
            cell.paragraphs[0].runs[0].bold = True
        for row in rows:
            cells = t.add_row().cells
            for i, v in enumerate(row):
                run = cells[i].paragraphs[0].add_run(v)
                if i == mono:
                    run.font.name = "Courier New"
                    run.font.color.rgb = RGBColor(0x1F, 0x38, 0x64)
        for row in t.rows:
            for i, w in enumerate(widths):
                row.cells[i].width = Cm(w)

    for title, rows in field_rows(data):
        doc.add_heading(title, 1)
        table(["Tag", "Jenis", "Keterangan", "Contoh"],
              [["  " * r.depth + r.tag, r.kind, r.doc, r.example] for r in rows], [9.5, 2.2, 8, 6])
    doc.add_heading("Filter", 1)
    table(["Filter", "Contoh tag", "Keterangan", "Hasil"], [list(x) for x in FILTERS], [3.5, 8, 7, 7], mono=1)
    buf = io.BytesIO()
    doc.save(buf)
    return normalise_zip(buf.getvalue())


def write_fields(target: str | Path, fmt: str = "docx", data: Any = None) -> Path:
    if fmt == "md":
        return write_bytes(target, fields_markdown(data).encode("utf-8"))
    return write_bytes(target, fields_docx(data))
