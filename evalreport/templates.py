"""Tools for the Word templates that secretariat staff edit: list, export, check, repair,
annotate and a field reference.

``check`` finds every problem at once and says where it stands the way a Word user finds it
(body paragraph number with its text, table/row/cell, header or footer of section N), in
Indonesian or English: Jinja syntax errors, unclosed or crossed blocks, a row tag outside a
table row, unknown variables, attributes and filters (against the documented context, with a
"did you mean"), tags Word split over several runs, curly quotes, and with ``data`` the
variables that would print empty.

How it finds places: the tags of every paragraph are laid out one per line in a *skeleton*
template; Jinja parses the skeleton, and a node's line number is its tag, hence its paragraph.
"""
from __future__ import annotations

import difflib
import io
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import jinja2
from docx import Document
from docx.oxml.ns import qn
from docx.text.run import Run
from jinja2 import nodes

from . import docxscan
from .context import SCHEMA, Var
from .errors import EvalReportError, Location, Problem
from .output import write_bytes
from .rendering import BUILTIN, environment, load_template, normalise_zip

CURLY = {"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'", "\u2019": "'", "\u201a": "'"}
DOCXTPL_BLOCKS = {"cellbg", "colspan", "hm", "vm"}  # docxtpl's own tags, take an expression
LOOP = Var("loop", "bagian", "Keterangan perulangan", tuple(
    Var(n, "angka", d) for n, d in (("index", "urutan mulai 1"), ("index0", "urutan mulai 0"),
                                     ("first", "butir pertama"), ("last", "butir terakhir"),
                                     ("length", "jumlah butir"), ("revindex", "urutan mundur"),
                                     ("revindex0", "urutan mundur mulai 0"), ("cycle", "bergantian"),
                                     ("previtem", "butir sebelumnya"), ("nextitem", "butir berikutnya"))))


@dataclass
class Finding:
    """One problem in a template, with its place and the tag it concerns."""

    code: str
    severity: str            # "error" or "warning"
    paragraph: docxscan.Paragraph | None
    tag: str
    message_id: str
    message_en: str
    fixable: bool = False    # repair can fix it

    def where(self, lang: str = "id") -> str:
        return self.paragraph.where(lang) if self.paragraph else ("templat" if lang == "id" else "template")

    def message(self, lang: str = "id") -> str:
        return self.message_id if lang == "id" else self.message_en

    def describe(self, lang: str = "id") -> str:
        tag = f" {self.tag}" if self.tag else ""
        return f"{self.where(lang)}:{tag} — {self.message(lang)}"

    def problem(self, file: str) -> Problem:
        return Problem(Location(file=file, place=self.where("id"), place_en=self.where("en")),
                       f"{self.tag} — {self.message_id}" if self.tag else self.message_id,
                       f"{self.tag} — {self.message_en}" if self.tag else self.message_en,
                       severity=self.severity, code=self.code)  # type: ignore[arg-type]


# ------------------------------------------------------------------------- list and export

def list_templates() -> list[tuple[str, str]]:
    """The bundled templates: (name, description)."""
    from .documents import DOCUMENTS
    names = dict(DOCUMENTS)
    names["ringkasan-wilayah"] = "Ringkasan Perbandingan Antarwilayah"
    return [(n, names[n]) for n in BUILTIN]


def export(name: str, directory: str | Path, force: bool = False) -> Path:
    """Copy a bundled template into ``directory`` to be edited in Word."""
    if name not in BUILTIN:
        close = difflib.get_close_matches(name, BUILTIN, n=1)
        hint = f"; maksudnya '{close[0]}'?" if close else ""
        hint_en = f"; did you mean '{close[0]}'?" if close else ""
        raise EvalReportError(f"templat bawaan '{name}' tidak ada{hint} (ada: {', '.join(BUILTIN)})",
                              f"no bundled template '{name}'{hint_en} (there are: {', '.join(BUILTIN)})")
    target = Path(directory) / f"{name}.docx"
    if target.exists() and not force:
        raise EvalReportError(f"sudah ada: {target}; pakai --force untuk menimpa",
                              f"already exists: {target}; use --force to overwrite")
    return write_bytes(target, load_template(name).blob)


# ----------------------------------------------------------------------------------- check

def _schema_for(template_name: str) -> tuple[Var, ...]:
    if Path(template_name).stem.startswith("ringkasan-wilayah"):
        from .summary import SUMMARY_SCHEMA
        return SUMMARY_SCHEMA
    return SCHEMA


_PREFIX_RE = re.compile(r"^\{([{%])(p|tr|tc|r)\s")


def _skeleton_line(tag: docxscan.Tag) -> str:
    """A tag as plain Jinja for the skeleton (docxtpl prefixes and specials rewritten)."""
    text = tag.text
    for k, v in CURLY.items():
        text = text.replace(k, v)
    text = _PREFIX_RE.sub(lambda m: "{" + m.group(1) + " ", text)
    m = re.match(r"\{%\s*(\w+)\s*(.*?)\s*-?%\}$", text, re.S)
    if m and m.group(1) in DOCXTPL_BLOCKS:
        expr = m.group(2)
        return "{{ " + expr + " }}" if expr else ""
    if text.startswith("{#"):
        return ""
    return text


def _split_runs(p: docxscan.Paragraph, t: docxscan.Tag) -> int:
    """In how many text runs the tag is spread (1 for a tag Word left whole)."""
    n = 0
    for i, (node, start) in enumerate(p.runs):
        end = start + len(node.text or "")
        if end > t.start and start < t.end and (node.text or ""):
            n += 1
    return n


def check(template: str | Path, data: str | Path | Any = None, lang: str = "id") -> list[Finding]:
    """Every problem of a template (a path or a bundled name), errors before warnings."""
    tpl = load_template(template)
    doc = Document(io.BytesIO(tpl.blob))
    paras = docxscan.paragraphs(doc)
    tags = docxscan.tags(paras)
    schema = _schema_for(tpl.name)
    out: list[Finding] = []

    for p in paras:  # tags opened and not closed in the same paragraph
        rest = docxscan.TAG_RE.sub("", p.text)
        m = docxscan.OPEN_RE.search(rest)
        if m:
            frag = rest[m.start():m.start() + 30]
            closer = {"{{": "}}", "{%": "%}", "{#": "#}"}[m.group(0)]
            out.append(Finding("unclosed", "error", p, frag.strip(),
                               f"tag tidak ditutup: tambahkan '{closer}' dalam paragraf yang sama",
                               f"tag not closed: add '{closer}' in the same paragraph"))
        elif re.search(r"\}\}|%\}", rest):
            out.append(Finding("unopened", "error", p, re.search(r"\}\}|%\}", rest).group(0),
                               "penutup tag tanpa pembuka '{{' atau '{%'",
                               "a tag closer without its opener '{{' or '{%'"))

    for t in tags:
        p = t.paragraph
        if any(c in t.text for c in CURLY):
            out.append(Finding("curly-quotes", "warning", p, t.text,
                               "tanda kutip melengkung di dalam tag; 'templates repair' meluruskannya",
                               "curly quotes inside the tag; 'templates repair' straightens them",
                               fixable=True))
        if _split_runs(p, t) > 1:
            out.append(Finding("split-runs", "warning", p, t.text,
                               f"tag terpecah menjadi {_split_runs(p, t)} potongan format di Word; "
                               "'templates repair' menyatukannya",
                               f"Word split the tag into {_split_runs(p, t)} runs; 'templates repair' merges them",
                               fixable=True))
        if t.prefix == "tr" and p.table is None:
            out.append(Finding("tr-outside-row", "error", p, t.text,
                               "tag {%tr ...%} harus berada di dalam baris tabel; pindahkan ke sel tabel "
                               "atau ganti dengan {%p ...%}",
                               "a {%tr ...%} tag must stand in a table row; move it into a table cell or "
                               "use {%p ...%}"))
        if t.prefix == "tc" and p.table is None:
            out.append(Finding("tc-outside-cell", "error", p, t.text,
                               "tag {%tc ...%} harus berada di dalam sel tabel",
                               "a {%tc ...%} tag must stand in a table cell"))
        if t.prefix == "p" and p.text.strip() != t.text.strip() and len(
                [x for x in tags if x.paragraph is p]) == 1:
            out.append(Finding("p-with-text", "warning", p, t.text,
                               "tag {%p ...%} menghapus seluruh paragrafnya: teks lain di paragraf ini "
                               "tidak akan tercetak",
                               "a {%p ...%} tag removes its whole paragraph: the other text in it will "
                               "not print"))

    out += _check_jinja(tags, schema, lang)
    if data is not None:
        out += _check_empty(tags, tpl.name, data)
    order = {"error": 0, "warning": 1}
    return sorted(out, key=lambda f: order[f.severity])


_SYNTAX_ID = [
    (re.compile(r"Encountered unknown tag '(\w+)'.*?innermost block that needs to be closed is '(\w+)'", re.S),
     "tag '{0}' tidak pada tempatnya: blok '{1}' yang terakhir dibuka belum ditutup (blok bersilang?)",
     "tag '{0}' out of place: the innermost open block '{1}' is not closed yet (crossed blocks?)"),
    (re.compile(r"Encountered unknown tag '(\w+)'", re.S),
     "tag '{0}' tidak dikenal atau tidak punya pasangan pembuka",
     "unknown tag '{0}', or a closing tag without its opening one"),
    (re.compile(r"Unexpected end of template.*?looking for the following tags: .*?'(end\w+)'.*?innermost "
                r"block that needs to be closed is '(\w+)'", re.S),
     "blok '{1}' tidak pernah ditutup: tambahkan {{% {0} %}}",
     "block '{1}' is never closed: add {{% {0} %}}"),
    (re.compile(r"unexpected '(.)'"),
     "tanda '{0}' tidak diharapkan di sini", "unexpected '{0}' here"),
    (re.compile(r"expected token '([^']+)', got '([^']+)'"),
     "diharapkan '{0}', tertulis '{1}'", "expected '{0}', found '{1}'"),
]


def _syntax_message(msg: str) -> tuple[str, str]:
    for rx, mid, men in _SYNTAX_ID:
        m = rx.search(msg)
        if m:
            return mid.format(*m.groups()), men.format(*m.groups())
    return f"penulisan tag salah: {msg}", f"broken tag: {msg}"


def _check_jinja(tags: list[docxscan.Tag], schema: tuple[Var, ...], lang: str) -> list[Finding]:
    env = environment(lang)
    lines = [_skeleton_line(t) for t in tags]
    out: list[Finding] = []
    # A syntax error stops Jinja's parser; blank the faulty tag and parse again to find the next.
    for _ in range(20):
        try:
            ast = env.parse("\n".join(lines))
            break
        except jinja2.TemplateSyntaxError as exc:
            msg = exc.message or str(exc)
            i = (exc.lineno or 1) - 1
            closer = re.search(r"'(end\w+)'", msg) if "Unexpected end of template" in msg else None
            if closer and tags:
                i = _last_open_block(lines)
            i = min(max(i, 0), len(tags) - 1) if tags else 0
            mid, men = _syntax_message(msg)
            out.append(Finding("syntax", "error", tags[i].paragraph if tags else None,
                               tags[i].text if tags else "", mid, men))
            if not tags:
                return out
            if closer:
                # close the block at the end, so what it binds (a loop variable) stays known
                lines.append("{% " + closer.group(1) + " %}")
            elif lines[i]:
                lines[i] = ""
            else:
                return out
    else:
        return out
    known_filters = set(env.filters)
    top = {v.name: v for v in schema}

    def tag_at(node: nodes.Node) -> docxscan.Tag | None:
        i = (getattr(node, "lineno", 1) or 1) - 1
        return tags[i] if 0 <= i < len(tags) else None

    def report(node: nodes.Node, code: str, mid: str, men: str) -> None:
        t = tag_at(node)
        out.append(Finding(code, "error", t.paragraph if t else None, t.text if t else "", mid, men))

    def resolve(expr: nodes.Node, scope: dict[str, Var | None]) -> Var | None:
        """The schema entry an expression stands for, reporting unknown names on the way."""
        if isinstance(expr, nodes.Name):
            if expr.name in scope:
                return scope[expr.name]
            if expr.name in top:
                return top[expr.name]
            names = list(scope) + list(top)
            close = difflib.get_close_matches(expr.name, names, n=1)
            report(expr, "unknown-variable",
                   f"variabel '{expr.name}' tidak dikenal" + (f"; maksudnya '{close[0]}'?" if close else ""),
                   f"unknown variable '{expr.name}'" + (f"; did you mean '{close[0]}'?" if close else ""))
            return None
        if isinstance(expr, (nodes.Getattr, nodes.Getitem)):
            base = resolve(expr.node, scope)
            attr = expr.attr if isinstance(expr, nodes.Getattr) else (
                expr.arg.value if isinstance(expr.arg, nodes.Const) and isinstance(expr.arg.value, str) else None)
            if isinstance(expr, nodes.Getitem) and not isinstance(expr.arg, nodes.Const):
                visit(expr.arg, scope)
            if base is None or attr is None or not base.fields:
                return None
            child = base.child(attr)
            if child is None:
                close = difflib.get_close_matches(attr, [f.name for f in base.fields], n=1)
                report(expr, "unknown-attribute",
                       f"'{base.name}' tidak punya isian '{attr}'" + (f"; maksudnya '{close[0]}'?" if close else ""),
                       f"'{base.name}' has no field '{attr}'" + (f"; did you mean '{close[0]}'?" if close else ""))
            return child
        if isinstance(expr, nodes.Filter):
            check_filter(expr)
            if expr.node is not None:
                resolve(expr.node, scope)
            for a in list(expr.args) + [k.value for k in expr.kwargs]:
                visit(a, scope)
            return None
        visit(expr, scope)
        return None

    def check_filter(f: nodes.Filter) -> None:
        if f.name not in known_filters:
            close = difflib.get_close_matches(f.name, sorted(known_filters), n=1)
            report(f, "unknown-filter",
                   f"filter '{f.name}' tidak dikenal" + (f"; maksudnya '{close[0]}'?" if close else ""),
                   f"unknown filter '{f.name}'" + (f"; did you mean '{close[0]}'?" if close else ""))

    def bind(target: nodes.Node, var: Var | None, scope: dict[str, Var | None]) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = var
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                bind(item, None, scope)

    def visit(node: nodes.Node, scope: dict[str, Var | None]) -> None:
        if isinstance(node, nodes.For):
            it = resolve(node.iter, scope)
            inner = dict(scope)
            bind(node.target, it, inner)  # a list's fields are its items' fields
            inner["loop"] = LOOP
            if node.test is not None:
                visit(node.test, inner)
            for child in node.body:
                visit(child, inner)
            for child in node.else_:
                visit(child, scope)
            return
        if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem, nodes.Filter)):
            if isinstance(node, nodes.Name) and node.ctx != "load":
                return
            resolve(node, scope)
            return
        if isinstance(node, nodes.Assign):
            visit(node.node, scope)
            bind(node.target, None, scope)
            return
        if isinstance(node, (nodes.Macro, nodes.CallBlock)):
            return  # macros are left to Jinja at render time
        if isinstance(node, nodes.Test):
            visit(node.node, scope)
            for a in node.args:
                visit(a, scope)
            return
        for child in node.iter_child_nodes():
            visit(child, scope)

    visit(ast, {})
    return out


def _last_open_block(lines: list[str]) -> int:
    """The line of the innermost block left open (for 'unexpected end of template')."""
    stack: list[int] = []
    for i, line in enumerate(lines):
        m = re.match(r"\{%-?\s*(\w+)", line)
        if not m:
            continue
        word = m.group(1)
        if word in ("for", "if", "with", "macro", "call", "filter", "block", "raw"):
            stack.append(i)
        elif word.startswith("end") and stack:
            stack.pop()
    return stack[-1] if stack else len(lines) - 1


def _check_empty(tags: list[docxscan.Tag], template_name: str, data: Any) -> list[Finding]:
    """With real data: simple variables that would print empty, loops with nothing to repeat."""
    from .context import ContextBuilder
    from .load import load
    from .model import Dataset
    from .scoring import score

    dataset = data if isinstance(data, Dataset) else load(data)
    card = score(dataset)
    if Path(template_name).stem.startswith("ringkasan-wilayah"):
        from .summary import build_summary
        ctx = build_summary(card)
    else:
        ctx = ContextBuilder(card).build(dataset.regions[0])
    out = []
    for t in tags:
        line = _skeleton_line(t)
        m = re.fullmatch(r"\{\{\s*([a-z_]+(?:\.[a-z_]+)*)\s*\}\}", line) or re.fullmatch(
            r"\{%\s*for\s+\w+\s+in\s+([a-z_]+(?:\.[a-z_]+)*)\s*%\}", line)
        if not m:
            continue
        path = m.group(1).split(".")
        if path[0] not in ctx or path[0] == "grafik" or path[-1] == "logo":
            continue  # loop variables are checked by their loop; pictures are drawn at render
        value: Any = ctx
        for part in path:
            value = value.get(part) if isinstance(value, dict) else None
        if value in ("", None, [], "–"):
            is_loop = line.startswith("{%")
            out.append(Finding(
                "empty", "warning", t.paragraph, t.text,
                ("perulangan ini tidak menghasilkan apa pun dengan data ini" if is_loop
                 else "akan kosong dengan data ini") + f" ({dataset.regions[0].name})",
                ("this loop repeats nothing with this data" if is_loop
                 else "would print empty with this data") + f" ({dataset.regions[0].name})"))
    return out


# ---------------------------------------------------------------------------------- repair

@dataclass
class Change:
    paragraph: docxscan.Paragraph
    before: str
    after: str
    what_id: str
    what_en: str

    def describe(self, lang: str = "id") -> str:
        what = self.what_id if lang == "id" else self.what_en
        return f"{self.paragraph.where(lang)}: {what}: {self.before} → {self.after}"


_CLUTTER = {qn("w:proofErr"), qn("w:bookmarkStart"), qn("w:bookmarkEnd"), qn("w:permStart"),
            qn("w:permEnd")}


def repair(source: str | Path, target: str | Path) -> list[Change]:
    """Write a repaired copy of a template; returns each change made. Text outside tags is kept."""
    tpl = load_template(source)
    doc = Document(io.BytesIO(tpl.blob))
    changes: list[Change] = []
    for p in docxscan.paragraphs(doc):
        in_paragraph: list[Change] = []
        for t in reversed(docxscan.tags([p])):  # right to left: offsets stay valid
            in_paragraph = _repair_tag(p, t) + in_paragraph
        changes += in_paragraph
    buf = io.BytesIO()
    doc.save(buf)
    write_bytes(target, normalise_zip(buf.getvalue()))
    return changes


def _repair_tag(p: docxscan.Paragraph, t: docxscan.Tag) -> list[Change]:
    changes = []
    parts = [(node, start) for node, start in p.runs
             if (node.text or "") and start < t.end and start + len(node.text) > t.start]
    fixed = t.text
    for k, v in CURLY.items():
        fixed = fixed.replace(k, v)
    if len(parts) > 1:
        first, fstart = parts[0]
        first_run = first.getparent()
        # keep what stands before the tag in the first node, then the whole tag
        first.text = first.text[: t.start - fstart] + fixed
        last, lstart = parts[-1]
        tail = last.text[t.end - lstart:]
        for node, _ in parts[1:]:
            node.text = ""
        if tail:
            last.text = tail
        else:
            first.text += ""
        first.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        # clutter between the first and the last run of the tag goes
        runs = [n.getparent() for n, _ in parts]
        parent = first_run.getparent()
        removed = 0
        sib = first_run.getnext()
        while sib is not None and sib is not runs[-1]:
            nxt = sib.getnext()
            if sib.tag in _CLUTTER:
                if sib.tag in (qn("w:bookmarkStart"), qn("w:bookmarkEnd")):
                    parent.remove(sib)
                    first_run.addprevious(sib)  # bookmarks keep existing, before the tag
                else:
                    parent.remove(sib)
                removed += 1
            sib = nxt
        for r in runs[1:]:
            if r is not None and all((x.text or "") == "" for x in r.iter(qn("w:t"))) and r.getparent() is not None:
                if not [c for c in r if c.tag not in (qn("w:rPr"), qn("w:t"))]:
                    r.getparent().remove(r)
        changes.append(Change(p, t.text, fixed, f"tag yang terpecah menjadi {len(parts)} potongan disatukan",
                              f"tag split into {len(parts)} runs merged"))
    elif fixed != t.text:
        node, start = parts[0]
        node.text = node.text[: t.start - start] + fixed + node.text[t.end - start:]
        changes.append(Change(p, t.text, fixed, "tanda kutip diluruskan", "quotes straightened"))
    if len(parts) > 1 and fixed != t.text:
        changes.append(Change(p, t.text, fixed, "tanda kutip diluruskan", "quotes straightened"))
    return changes


# -------------------------------------------------------------------------------- annotate

def annotate(template: str | Path, target: str | Path, findings: Iterable[Finding],
             lang: str = "id") -> int:
    """A copy of the template with each finding as a Word comment on the faulty text.

    Word allows comments in the body only: a problem in a header or footer is noted on the
    first body paragraph, saying where it is. Returns the number of comments written.
    """
    tpl = load_template(template)
    doc = Document(io.BytesIO(tpl.blob))
    paras = docxscan.paragraphs(doc)
    # the same paragraphs in the fresh document, matched by position
    author, initials = "evalreport", "ER"
    n = 0
    first_body = next((p for p in paras if p.part == "body" and p.runs), None)
    for f in findings:
        p = _same_paragraph(paras, f.paragraph) if f.paragraph else None
        text = f"{f.tag} — {f.message(lang)}" if f.tag else f.message(lang)
        if p is None or p.part != "body":
            if first_body is None:
                continue
            where = f.where(lang)
            p, text = first_body, f"[{where}] {text}"
        runs = _runs_for(p, f.tag)
        if not runs:
            continue
        doc.add_comment(runs, text=text, author=author, initials=initials)
        n += 1
    buf = io.BytesIO()
    doc.save(buf)
    write_bytes(target, normalise_zip(buf.getvalue()))
    return n


def _same_paragraph(paras: list[docxscan.Paragraph], ref: docxscan.Paragraph) -> docxscan.Paragraph | None:
    for p in paras:
        if (p.part, p.section, p.number, p.table, p.row, p.cell) == (
                ref.part, ref.section, ref.number, ref.table, ref.row, ref.cell) and p.text == ref.text:
            return p
    return None


def _runs_for(p: docxscan.Paragraph, tag: str) -> list[Run]:
    """The runs that carry ``tag`` in the paragraph (all its runs if not found)."""
    from docx.text.paragraph import Paragraph as DocxParagraph
    para = DocxParagraph(p.element, None)  # type: ignore[arg-type]
    start = p.text.find(tag) if tag else -1
    if start < 0:
        rs = [n.getparent() for n, _ in p.runs]
    else:
        end = start + len(tag)
        rs = [n.getparent() for n, s in p.runs if s < end and s + len(n.text or "") > start]
    seen, out = set(), []
    for r in rs:
        if r is not None and r.tag == qn("w:r") and id(r) not in seen:
            seen.add(id(r))
            out.append(Run(r, para))
    return out


# ---------------------------------------------------------------------------------- fields

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
    from .summary import SUMMARY_SCHEMA
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
    from .context import ContextBuilder
    from .load import load
    from .model import Dataset
    from .scoring import score
    if data is None:
        path = resources.files("evalreport.samples").joinpath("jatim.yaml")
        with resources.as_file(path) as p:
            data = load(p)
    dataset = data if isinstance(data, Dataset) else load(data)
    return ContextBuilder(score(dataset)).build(dataset.regions[0])


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
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt, RGBColor

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
