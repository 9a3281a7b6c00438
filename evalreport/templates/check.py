"""Checking a Word template staff edited: ``check`` finds every problem at once and says where
it stands the way a Word user finds it (body paragraph number with its text, table/row/cell,
text box, header or footer of section N, footnote N), in Indonesian or English: Jinja syntax
errors, unclosed or crossed blocks, a row tag outside a table row, unknown variables,
attributes, filters and tests (against the documented context, with a "did you mean"), tags
Word split over several runs, curly quotes, what the file held that is taken out (macros,
links to outside files), and with ``data`` the variables that would print empty.

It looks where rendering fills: the body with its tables, content controls and text boxes,
every header and footer, footnotes and endnotes; each part on its own, as rendering fills
each part on its own. How it finds places: the tags of a part are laid out one per line in a
*skeleton* template (:mod:`evalreport.word.skeleton`); Jinja parses the skeleton, and a node's
line number is its tag, hence its paragraph.
"""
from __future__ import annotations

import io
import re
from collections.abc import Callable
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
from ..errors import Location, Problem
from ..i18n.messages import Message, _, suggestion
from ..scoring.scorecard import score
from ..word import scan as docxscan
from ..word import skeleton
from ..word.rendering import environment, load_template
from ..word.skeleton import CURLY

LOOP = Var("loop", "bagian", "Keterangan perulangan", tuple(
    Var(n, "angka", d) for n, d in (("index", "urutan mulai 1"), ("index0", "urutan mulai 0"),
                                     ("first", "butir pertama"), ("last", "butir terakhir"),
                                     ("length", "jumlah butir"), ("revindex", "urutan mundur"),
                                     ("revindex0", "urutan mundur mulai 0"), ("cycle", "bergantian"),
                                     ("previtem", "butir sebelumnya"), ("nextitem", "butir berikutnya"),
                                     ("changed", "berubah dari butir sebelumnya"),
                                     ("depth", "kedalaman mulai 1"), ("depth0", "kedalaman mulai 0"))))
# Methods a template may call on a section (a dict) or a list of the context: those that only
# read (the sandbox refuses the others at render, and check says so).
READ_METHODS = {"bagian": {"items", "keys", "values", "get"}, "daftar": {"count", "index"}}
_DEL_TEXT = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}delText"
CHANGE_METHODS = {"append", "extend", "insert", "pop", "popitem", "remove", "clear", "update",
                  "setdefault", "sort", "reverse", "add", "discard"}


def _schema_for(template_name: str) -> tuple[Var, ...]:
    if Path(template_name).stem.startswith("ringkasan-wilayah"):
        return SUMMARY_SCHEMA
    return SCHEMA


def _problem(file: str, p: docxscan.Paragraph | None, code: str, message: Message,
             severity: str = "error", tag: str = "", fixable: bool = False) -> Problem:
    """A problem at paragraph ``p`` of the template (kept with it, for annotate)."""
    return Problem(Location(file=file, place=p.place() if p else None), message,
                   severity=severity, code=code, tag=tag, fixable=fixable,  # type: ignore[arg-type]
                   anchor=p.key if p else None)


def check(template: str | Path, data: str | Path | Any = None, lang: str = "id",
          doc_lang: str = "id") -> list[Problem]:
    """Every problem of a template (a path, or a bundled name in document language
    ``doc_lang``), errors before warnings, worded in ``lang``. A file that cannot be a template
    at all raises :class:`~evalreport.errors.TemplateProblemError`."""
    tpl = load_template(template, doc_lang)
    file = tpl.name
    doc = Document(io.BytesIO(tpl.blob))
    paras = docxscan.paragraphs(doc, docxscan.notes(doc))
    tags = docxscan.tags(paras)
    schema = _schema_for(tpl.name)
    out: list[Problem] = list(tpl.problems)

    for p in paras:  # tags opened and not closed in the same paragraph
        rest = docxscan.TAG_RE.sub("", p.text)
        m = docxscan.OPEN_RE.search(rest)
        if m:
            frag = rest[m.start():m.start() + 30]
            closer = {"{{": "}}", "{%": "%}", "{#": "#}"}[m.group(0)]
            out.append(_problem(file, p, "unclosed", _(
                "tag not closed: add '{closer}' in the same paragraph", closer=closer), tag=frag.strip()))
        elif re.search(r"\}\}|%\}", rest):
            out.append(_problem(file, p, "unopened", _("a tag closer without its opener '{{' or '{%'"),
                                tag=re.search(r"\}\}|%\}", rest).group(0)))  # type: ignore[union-attr]

    for p in paras:  # a tracked deletion is not shown, but rendering fills the tags in it
        deleted = "".join(d.text or "" for d in p.element.iter(_DEL_TEXT)
                          if docxscan.nearest_paragraph(d) is p.element)
        for m in docxscan.TAG_RE.finditer(deleted):
            out.append(_problem(file, p, "deleted-tag", _(
                "a tracked deletion holds this tag, which is still filled; accept or reject the "
                "change in Word (Review > Accept)"), "warning", m.group(0)))

    for t in tags:
        p = t.paragraph
        if any(c in t.text for c in CURLY):
            out.append(_problem(file, p, "curly-quotes", _(
                "curly quotes inside the tag; 'templates repair' straightens them"),
                "warning", t.text, fixable=True))
        pieces = len(docxscan.pieces(t))
        if docxscan.crosses_markup(t):
            out.append(_problem(file, p, "crosses-markup", _(
                "Word split the tag across a tracked change, a link or a content control; it cannot "
                "be filled as it is: 'templates repair' mends it"), tag=t.text, fixable=True))
        elif pieces > 1:
            out.append(_problem(file, p, "split-runs", _(
                "Word split the tag into {n} runs; 'templates repair' merges them", n=pieces),
                "warning", t.text, fixable=True))
        if t.prefix == "tr" and p.table is None:
            out.append(_problem(file, p, "tr-outside-row", _(
                "a {%tr ...%} tag must stand in a table row; move it into a table cell or use {%p ...%}"),
                tag=t.text))
        if t.prefix == "tc" and p.table is None:
            out.append(_problem(file, p, "tc-outside-cell", _("a {%tc ...%} tag must stand in a table cell"),
                                tag=t.text))
        if t.prefix == "p" and p.text.strip() != t.text.strip() and len(
                [x for x in tags if x.paragraph is p]) == 1:
            out.append(_problem(file, p, "p-with-text", _(
                "a {%p ...%} tag removes its whole paragraph: the other text in it will not print"),
                "warning", t.text))

    env = environment(lang)
    for part_tags in _by_part(tags):
        out += _check_jinja(file, part_tags, schema, env)
    if data is not None:
        out += _check_empty(file, tags, tpl.name, data)
    order = {"error": 0, "warning": 1}
    return sorted(out, key=lambda f: order[f.severity])


def _by_part(tags: list[docxscan.Tag]) -> list[list[docxscan.Tag]]:
    """The tags of each part, in order: rendering fills each part on its own, so a block must
    open and close in one part, and what one part sets another does not see."""
    parts: dict[str, list[docxscan.Tag]] = {}
    for t in tags:
        parts.setdefault(t.paragraph.partname, []).append(t)
    return list(parts.values())


def _check_jinja(file: str, tags: list[docxscan.Tag], schema: tuple[Var, ...],
                 env: jinja2.Environment) -> list[Problem]:
    ast, syntax = skeleton.parse(tags, env)
    out = [_problem(file, s.tag.paragraph if s.tag else None, "syntax", s.message,
                    tag=s.tag.text if s.tag else "") for s in syntax]
    if ast is None:
        return out
    return out + _Names(file, tags, schema, env).visit_all(ast)


class _Names:
    """Every name a part's tags use, checked against the documented context (and against
    what the tags themselves define: loop variables, ``set``, ``with``, macros and their
    arguments, the sandbox's own functions)."""

    def __init__(self, file: str, tags: list[docxscan.Tag], schema: tuple[Var, ...], env: jinja2.Environment):
        self.file, self.tags, self.env = file, tags, env
        self.top = {v.name: v for v in schema}
        self.known_globals = set(env.globals)
        self.out: list[Problem] = []

    def visit_all(self, ast: nodes.Template) -> list[Problem]:
        scope: dict[str, Var | None] = {name: None for name in self.known_globals}
        self.body(ast.body, scope)
        return self.out

    def report(self, node: nodes.Node, code: str, message: Message) -> None:
        i = (getattr(node, "lineno", 1) or 1) - 1
        t = self.tags[i] if 0 <= i < len(self.tags) else None
        self.out.append(_problem(self.file, t.paragraph if t else None, code, message,
                                 tag=t.text if t else ""))

    # --- expressions
    def resolve(self, expr: nodes.Node, scope: dict[str, Var | None]) -> Var | None:
        """The schema entry an expression stands for, reporting unknown names on the way."""
        if isinstance(expr, nodes.Name):
            if expr.ctx != "load":
                return None
            if expr.name in scope:
                return scope[expr.name]
            if expr.name in self.top:
                return self.top[expr.name]
            self.report(expr, "unknown-variable", _(
                "unknown variable '{name}'{hint}", name=expr.name,
                hint=suggestion(expr.name, list(scope) + list(self.top)) or ""))
            return None
        if isinstance(expr, (nodes.Getattr, nodes.Getitem)):
            base = self.resolve(expr.node, scope)
            if isinstance(expr, nodes.Getattr):
                attr: str | None = expr.attr
            else:
                arg = expr.arg
                attr = arg.value if isinstance(arg, nodes.Const) and isinstance(arg.value, str) else None
                if not isinstance(arg, nodes.Const):
                    self.expr(arg, scope)
            if base is None or attr is None or not base.fields:
                return None
            child = base.child(attr)
            if child is None and isinstance(expr, nodes.Getattr):
                if attr in READ_METHODS.get(base.kind, ()):
                    return None
                if attr in CHANGE_METHODS:
                    self.report(expr, "changes-data", _(
                        "'{name}.{attr}' would change the data, which a template may only read",
                        name=base.name, attr=attr))
                    return None
            if child is None:
                self.report(expr, "unknown-attribute", _(
                    "'{name}' has no field '{attr}'{hint}", name=base.name, attr=attr,
                    hint=suggestion(attr, [f.name for f in base.fields]) or ""))
            return child
        if isinstance(expr, nodes.Filter):
            self.filter_name(expr)
            if expr.node is not None:
                self.resolve(expr.node, scope)
            self.args(expr, scope)
            return None
        self.expr(expr, scope)
        return None

    def filter_name(self, node: nodes.Filter | nodes.FilterBlock) -> None:
        f = node.filter if isinstance(node, nodes.FilterBlock) else node
        if f.name not in self.env.filters:
            self.report(f, "unknown-filter", _("unknown filter '{name}'{hint}", name=f.name,
                                               hint=suggestion(f.name, self.env.filters) or ""))

    def args(self, node: nodes.Node, scope: dict[str, Var | None]) -> None:
        for a in list(getattr(node, "args", [])) + [k.value for k in getattr(node, "kwargs", [])]:
            self.expr(a, scope)
        for dyn in ("dyn_args", "dyn_kwargs"):
            if getattr(node, dyn, None) is not None:
                self.expr(getattr(node, dyn), scope)

    def expr(self, node: nodes.Node, scope: dict[str, Var | None]) -> None:
        if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem, nodes.Filter)):
            self.resolve(node, scope)
        elif isinstance(node, nodes.Test):
            if node.name not in self.env.tests:
                self.report(node, "unknown-test", _("unknown test '{name}'{hint}", name=node.name,
                                                    hint=suggestion(node.name, self.env.tests) or ""))
            if node.name not in ("defined", "undefined"):  # asking is how to be sure of a name
                self.expr(node.node, scope)
            self.args(node, scope)
        else:
            for child in node.iter_child_nodes():
                self.expr(child, scope)

    # --- statements
    def body(self, statements: list[nodes.Node], scope: dict[str, Var | None]) -> None:
        for node in statements:
            self.stmt(node, scope)

    def bind(self, target: nodes.Node, var: Var | None, scope: dict[str, Var | None]) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = var
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self.bind(item, None, scope)
        elif isinstance(target, nodes.NSRef):
            self.resolve(nodes.Name(target.name, "load", lineno=target.lineno), scope)

    def stmt(self, node: nodes.Node, scope: dict[str, Var | None]) -> None:
        handler: Callable | None = getattr(self, f"stmt_{type(node).__name__}", None)
        if handler is not None:
            handler(node, scope)
        else:
            self.expr(node, scope)

    def stmt_Output(self, node: nodes.Output, scope) -> None:
        for child in node.nodes:
            if not isinstance(child, nodes.TemplateData):
                self.expr(child, scope)

    def stmt_For(self, node: nodes.For, scope) -> None:
        it = self.resolve(node.iter, scope)
        inner = dict(scope)
        self.bind(node.target, it, inner)  # a list's fields are its items' fields
        inner["loop"] = LOOP
        if node.test is not None:
            self.expr(node.test, inner)
        self.body(node.body, inner)
        self.body(node.else_, scope)

    def stmt_If(self, node: nodes.If, scope) -> None:
        self.expr(node.test, scope)
        self.body(node.body, scope)
        for elif_ in node.elif_:
            self.stmt_If(elif_, scope)
        self.body(node.else_, scope)

    def stmt_Assign(self, node: nodes.Assign, scope) -> None:
        var = self.resolve(node.node, scope)
        self.bind(node.target, var, scope)

    def stmt_AssignBlock(self, node: nodes.AssignBlock, scope) -> None:
        if node.filter is not None:
            self.filter_name(node.filter)
        self.body(node.body, scope)
        self.bind(node.target, None, scope)

    def stmt_With(self, node: nodes.With, scope) -> None:
        inner = dict(scope)
        for target, value in zip(node.targets, node.values):
            self.bind(target, self.resolve(value, scope), inner)
        self.body(node.body, inner)

    def stmt_Macro(self, node: nodes.Macro, scope) -> None:
        scope[node.name] = None
        inner = dict(scope)
        for arg in node.args:
            self.bind(arg, None, inner)
        for default in node.defaults:
            self.expr(default, scope)
        inner.update({"varargs": None, "kwargs": None, "caller": None})
        self.body(node.body, inner)

    def stmt_CallBlock(self, node: nodes.CallBlock, scope) -> None:
        self.expr(node.call, scope)
        inner = dict(scope)
        for arg in node.args:
            self.bind(arg, None, inner)
        self.body(node.body, inner)

    def stmt_FilterBlock(self, node: nodes.FilterBlock, scope) -> None:
        self.filter_name(node)
        self.args(node.filter, scope)
        self.body(node.body, scope)

    def stmt_Scope(self, node: nodes.Scope, scope) -> None:
        self.body(node.body, dict(scope))

    def stmt_ScopedEvalContextModifier(self, node, scope) -> None:
        self.body(node.body, scope)

    stmt_EvalContextModifier = stmt_ScopedEvalContextModifier

    def stmt_Block(self, node: nodes.Block, scope) -> None:
        self.body(node.body, scope)

    def _other_file(self, node: nodes.Node, scope) -> None:
        self.report(node, "include", _("a template cannot include, import or extend other files; "
                                       "put the text in this template"))
        for name in getattr(node, "names", []) or []:
            scope[name if isinstance(name, str) else name[-1]] = None
        if getattr(node, "target", None):
            scope[node.target] = None  # type: ignore[attr-defined]

    stmt_Include = stmt_Import = stmt_FromImport = stmt_Extends = _other_file


def _check_empty(file: str, tags: list[docxscan.Tag], template_name: str, data: Any) -> list[Problem]:
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
        text = skeleton.line(t)
        m = re.fullmatch(r"\{\{\s*([a-z_]+(?:\.[a-z_]+)*)\s*\}\}", text) or re.fullmatch(
            r"\{%\s*for\s+\w+\s+in\s+([a-z_]+(?:\.[a-z_]+)*)\s*%\}", text)
        if not m:
            continue
        path = m.group(1).split(".")
        if path[0] not in ctx or path[0] == "grafik" or path[-1] == "logo":
            continue  # loop variables are checked by their loop; pictures are drawn at render
        value: Any = ctx
        for part in path:
            value = value.get(part) if isinstance(value, dict) else None
        if value in ("", None, [], "–"):
            message = (_("this loop repeats nothing with this data ({region})", region=region.name)
                       if text.startswith("{%") else
                       _("would print empty with this data ({region})", region=region.name))
            out.append(_problem(file, t.paragraph, "empty", message, "warning", t.text))
    return out
