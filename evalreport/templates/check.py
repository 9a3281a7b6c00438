"""Checking a Word template staff edited: ``check`` finds every problem at once and says where
it stands the way a Word user finds it (body paragraph number with its text, table/row/cell, header or footer of section N), in
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
from pathlib import Path
from typing import Any

import jinja2
from docx import Document
from jinja2 import nodes

from ..context.region import ContextBuilder, representative_region
from ..context.schema import SCHEMA, SUMMARY_SCHEMA, Var
from ..context.summary import build_summary
from ..data.load import load
from ..data.model import Dataset
from ..errors import Location, Problem, legacy
from ..scoring.scorecard import score
from ..word import scan as docxscan
from ..word.rendering import environment, load_template

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
        return Problem(Location(file=file, place=self.paragraph.place() if self.paragraph else None),
                       legacy(self.message_id, self.message_en), severity=self.severity,  # type: ignore[arg-type]
                       code=self.code, tag=self.tag, fixable=self.fixable)


def _schema_for(template_name: str) -> tuple[Var, ...]:
    if Path(template_name).stem.startswith("ringkasan-wilayah"):
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
    dataset = data if isinstance(data, Dataset) else load(data)
    card = score(dataset)
    region = representative_region(dataset)
    if Path(template_name).stem.startswith("ringkasan-wilayah"):
        ctx = build_summary(card)
    else:
        ctx = ContextBuilder(card).build(region)
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
                 else "akan kosong dengan data ini") + f" ({region.name})",
                ("this loop repeats nothing with this data" if is_loop
                 else "would print empty with this data") + f" ({region.name})"))
    return out
