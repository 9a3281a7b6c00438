"""Rendering one Word template with one context into .docx bytes.

docxtpl does the Word-aware Jinja work; this module adds what official documents need:

* a **sandboxed** Jinja environment with **autoescape on** (an ``&`` or ``<`` in the data cannot
  corrupt the XML) and **strict undefined** (a misspelt variable is an error, not a blank);
* errors that say **where**: the variable or broken tag, the template, and the paragraph /
  table cell / header or footer it stands in (:class:`~evalreport.errors.TemplateProblemError`);
* **compiled once**: each template part is cleaned and compiled by Jinja once per template and
  reused for every document (docxtpl alone re-parses and recompiles on every render); likewise
  the template's package is read once (:mod:`~evalreport.docxpackage`);
* **byte-identical output**: fixed zip timestamps and document properties;
* pictures (charts, logo) with alt text, and fields (table of contents, page numbers)
  marked to be updated when the document is opened.

A chart or logo in the context stays a plain value; it becomes a picture of the document only
when a tag prints it (the environment's ``finalize``, bound to the document being rendered),
so the context is shared by all of a region's documents without a per-document copy.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import zipfile
from contextvars import ContextVar
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

import jinja2
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment

from . import scan as docxscan
from .. import _fast
from ..charts.model import Chart, Logo
from .._fast.docx import CompiledDocxTemplate, TemplatePackage, save_docx
from ..errors import EvalReportError, Location, Problem, TemplateProblemError
from .fields import TocStyles, fill_tables_of_contents, toc_styles
from .properties import write_custom_properties
from ..i18n.formatting import Formatter
from ..i18n.messages import _

# The bundled templates, by name, with what each makes.
BUILTIN: dict[str, str] = {
    "laporan-evaluasi": "Laporan Evaluasi",
    "rekomendasi": "Rekomendasi",
    "rencana-tindak-lanjut": "Rencana Tindak Lanjut",
    "ringkasan-wilayah": "Ringkasan Perbandingan Antarwilayah",
}
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_STORED = (".png", ".jpg", ".jpeg", ".gif")  # compressed already: stored in the zip as they are


class _Undefined(StrictUndefined):
    """Strict: printing, testing or iterating a missing name is an error naming it."""


def environment(lang: str = "id") -> SandboxedEnvironment:
    """The Jinja environment every template renders in (charts and logos print as pictures of
    the document being rendered, see :func:`_as_picture`). Immutable: a region's documents
    share one context, so a template may read the data but not change it (``.append``,
    ``.pop``, ``.update`` on a list or dict are refused with the place of the tag)."""
    env = ImmutableSandboxedEnvironment(autoescape=True, undefined=_Undefined,
                                        keep_trailing_newline=True, finalize=_as_picture)
    env.filters.update(Formatter(lang).filters())
    return env


# The document :func:`render` is filling; charts and logos printed by a tag become its pictures.
_RENDERING: ContextVar[DocxTemplate | None] = ContextVar("evalreport_rendering", default=None)


def _as_picture(value: Any) -> Any:
    """Jinja's ``finalize`` (applied to what each ``{{ }}`` prints, before escaping): a chart or
    logo becomes a :class:`Picture` of the document being rendered, which docxtpl inserts
    through ``__html__``; any other value is printed as it is. Works wherever the tag is: in a
    loop, a table cell, a header."""
    if isinstance(value, (Chart, Logo)):
        doc = _RENDERING.get()
        if doc is not None:
            return _picture(value, doc)
    return value


@dataclass
class Template:
    """A Word template loaded once: its bytes, name, and compiled parts (filled lazily)."""

    name: str
    blob: bytes
    compiled: dict[tuple[str, int], jinja2.Template] = field(default_factory=dict, repr=False)
    _package: TemplatePackage | None = field(default=None, init=False, repr=False, compare=False)
    _toc_styles: TocStyles | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.blob).hexdigest()

    def package(self) -> TemplatePackage:
        """The template's package, read once for all documents made from it."""
        if self._package is None:
            self._package = TemplatePackage(self.blob)
        return self._package

    def toc_styles(self, document) -> TocStyles:
        """What the table of contents needs from the styles; rendering never changes the
        styles, so it is read from the first document made from this template and reused."""
        if self._toc_styles is None:
            self._toc_styles = toc_styles(document)
        return self._toc_styles


def load_template(ref: str | Path) -> Template:
    """A bundled template by name (``laporan-evaluasi``) or a .docx file by path."""
    if isinstance(ref, str) and ref in BUILTIN:
        blob = resources.files("evalreport.template_files").joinpath(f"{ref}.docx").read_bytes()
        return Template(f"{ref}.docx", blob)
    path = Path(ref)
    if not path.is_file():
        raise EvalReportError(_("template '{ref}' not found (bundled templates: {names})",
                                ref=str(ref), names=", ".join(BUILTIN)))
    if path.suffix.casefold() != ".docx":
        raise EvalReportError(_("a template must be a .docx file: {ref}", ref=str(ref)))
    blob = path.read_bytes()
    if not zipfile.is_zipfile(io.BytesIO(blob)):
        raise EvalReportError(_("{ref} is not a valid Word (.docx) file", ref=str(ref)))
    return Template(str(path), blob)


class Picture(InlineImage):
    """An inline picture with alt text (wp:docPr/@descr), for screen readers and Word's checker."""

    def __init__(self, tpl, image, width_cm: float | None = None, height_cm: float | None = None,
                 alt_text: str = ""):
        super().__init__(tpl, image, width=Cm(width_cm) if width_cm else None,
                         height=Cm(height_cm) if height_cm else None)
        self.alt_text = alt_text

    def _insert_image(self) -> str:
        xml = super()._insert_image()
        if self.alt_text:
            xml = re.sub(r"(<wp:docPr\b[^>]*?)(/?>)",
                         lambda m: f"{m.group(1)} descr={quoteattr(self.alt_text)}{m.group(2)}", xml, count=1)
        return xml


class _StockDocx(DocxTemplate):
    """docxtpl as it is, except that document properties come from :func:`finish`, not from
    template text (the stock twin of :class:`evalreport._fast.docx.CompiledDocxTemplate`)."""

    def render_properties(self, context, jinja_env=None) -> None:
        pass


def _picture(value: Any, tpl: DocxTemplate) -> Picture:
    """A chart or logo as a picture of the document ``tpl``."""
    if isinstance(value, Chart):
        return Picture(tpl, io.BytesIO(value.png), value.width_cm, value.height_cm, value.alt_text)
    return Picture(tpl, value.path, None, value.height_cm, value.alt_text)


@dataclass(frozen=True)
class Properties:
    """Document properties written into every file (fixed, so output is reproducible)."""

    title: str
    author: str
    subject: str = ""
    comments: str = ""
    keywords: str = ""
    date: dt.date = dt.date(2000, 1, 1)
    custom: tuple[tuple[str, str], ...] = ()  # docProps/custom.xml: provenance, off the pages


def render(template: Template, context: dict, props: Properties, env: SandboxedEnvironment) -> bytes:
    """Render ``template`` with ``context``; the .docx bytes, identical for identical input."""
    doc: DocxTemplate
    if _fast.enabled("docx"):
        doc = CompiledDocxTemplate(template.blob, template.package(), template.compiled, env)
    else:
        doc = _StockDocx(io.BytesIO(template.blob))
    rendering = _RENDERING.set(doc)
    try:
        doc.render(context, env)
    except jinja2.TemplateSyntaxError as exc:
        raise _located(template, exc, "syntax") from None
    except jinja2.UndefinedError as exc:
        raise _located(template, exc, "undefined", context) from None
    except jinja2.exceptions.SecurityError as exc:
        raise _located(template, exc, "security") from None
    except jinja2.TemplateError as exc:
        raise _located(template, exc, "other") from None
    except (TypeError, ValueError, AttributeError) as exc:
        # e.g. a filter given text it cannot format, or a loop over a number
        raise _located(template, exc, "other") from None
    finally:
        _RENDERING.reset(rendering)
    return finish(doc, props, template.toc_styles(doc.docx))


def finish(doc: DocxTemplate, props: Properties, styles: TocStyles | None = None) -> bytes:
    """Set properties, ask Word to refresh fields on opening, and write a reproducible zip."""
    d = doc.docx
    cp = d.core_properties
    when = dt.datetime.combine(props.date, dt.time(8, 0))
    cp.title, cp.author, cp.subject = props.title, props.author, props.subject
    cp.comments, cp.keywords, cp.last_modified_by = props.comments, props.keywords, props.author
    cp.created = cp.modified = when
    cp.last_printed = when
    cp.revision = 1
    write_custom_properties(d, props.custom)
    fill_tables_of_contents(d, styles)
    keep_table_ends(d.element.body)
    settings = d.settings.element
    if settings.find(qn("w:updateFields")) is None:
        upd = OxmlElement("w:updateFields")
        upd.set(qn("w:val"), "true")
        settings.append(upd)
    if _fast.enabled("docx"):
        return save_docx(d)
    buf = io.BytesIO()
    d.save(buf)
    return normalise_zip(buf.getvalue(), total_time=False)


_KEEP_NEXT, _VAL = qn("w:keepNext"), qn("w:val")


def _keeps_next(p) -> bool:
    ppr = p.find(qn("w:pPr"))
    el = ppr.find(_KEEP_NEXT) if ppr is not None else None
    return el is not None and el.get(_VAL, "true") not in ("0", "false")


def keep_table_ends(body) -> None:
    """A table followed by a paragraph set to "keep with next" (in Word: Paragraph > Line and
    Page Breaks) keeps its last row with that paragraph too, so a closing sentence and the
    signature after a table never stand alone on a page. In Word this takes "keep with next"
    on every paragraph of the last row, which a template cannot say for a row a loop repeats;
    staff only set it on the paragraph after the table."""
    children = list(body)
    for tbl, after in zip(children, children[1:]):
        if tbl.tag != qn("w:tbl") or after.tag != qn("w:p") or not _keeps_next(after):
            continue
        rows = tbl.findall(qn("w:tr"))
        if len(rows) < 2:
            continue
        for p in rows[-1].iter(qn("w:p")):
            if not _keeps_next(p):
                p.get_or_add_pPr().get_or_add_keepNext().attrib.pop(_VAL, None)


def normalise_zip(blob: bytes, total_time: bool = True) -> bytes:
    """The same zip with fixed timestamps and attributes, so equal content gives equal bytes
    (pictures stored, the rest deflated, as :func:`evalreport._fast.docx.save_docx` writes);
    ``total_time`` also zeroes Word's editing-time counter in docProps/app.xml."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if total_time and info.filename == "docProps/app.xml":
                data = re.sub(rb"<TotalTime>\d+</TotalTime>", b"<TotalTime>0</TotalTime>", data)
            zi = zipfile.ZipInfo(info.filename, FIXED_TIME)
            zi.compress_type = (zipfile.ZIP_STORED if info.filename.lower().endswith(_STORED)
                                else zipfile.ZIP_DEFLATED)
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, data)
    return out.getvalue()


# -------------------------------------------------------------------------- located errors

_UNDEF_RE = re.compile(r"'([^']+)' is undefined|has no attribute '([^']+)'")


def _located(template: Template, exc: Exception, kind: str,
             context: dict | None = None) -> TemplateProblemError:
    """A render error with the template place a Word user can find."""
    from docx import Document

    name = Path(template.name).name
    msg = str(getattr(exc, "message", None) or exc)
    paras = docxscan.paragraphs(Document(io.BytesIO(template.blob)))
    place = None
    if kind == "undefined":
        m = _UNDEF_RE.search(msg)
        needle = (m.group(1) or m.group(2)) if m else ""
        place = _undefined_place(paras, needle, context or {}) if needle else None
        message = _("variable '{name}' is undefined or not in the data", name=needle)
    elif kind == "syntax":
        lineno = getattr(exc, "lineno", None)
        place = _paragraph_at_line(getattr(exc, "source", None), lineno, paras)
        message = _("broken tag: {detail}", detail=msg)
    elif kind == "security":
        message = _("operation not allowed in a template: {detail}", detail=msg)
    else:
        message = _("could not fill the template: {kind}: {detail}", kind=type(exc).__name__,
                    detail=msg)
    loc = Location(file=name, place=place.place() if place else None)
    return TemplateProblemError([Problem(loc, message, code=f"render-{kind}")])


def _undefined_place(paras: list, needle: str, context: dict) -> Any:
    """The paragraph whose tag really fails on ``needle``: among the tags that mention it, the
    first whose dotted path does not resolve in the context (loop variables cannot be checked
    here, so such a tag is the fallback)."""
    fallback = None
    for tag in docxscan.tags(paras):
        for m in re.finditer(rf"([A-Za-z_][\w.]*\.)?{re.escape(needle)}(?!\w)", tag.text):
            path = ((m.group(1) or "") + needle).split(".")
            if path[0] not in context and len(path) > 1:
                fallback = fallback or tag.paragraph  # a loop variable: unknown here
                continue
            node: Any = context
            ok = True
            for part in path:
                if isinstance(node, dict) and part in node:
                    node = node[part]
                else:
                    ok = False
                    break
            if not ok:
                return tag.paragraph
    return fallback


def _paragraph_at_line(source: str | None, lineno: int | None, paras: list) -> Any:
    """docxtpl puts each paragraph on its own line: find the paragraph by its text."""
    if not source or not lineno:
        return None
    lines = source.splitlines()
    if not 0 < lineno <= len(lines):
        return None
    text = re.sub(r"<[^>]+>", "", lines[lineno - 1]).strip()
    if not text:
        return None
    exact = [p for p in paras if p.text.strip() == text]
    if exact:
        return exact[0]
    near = [p for p in paras if p.text.strip() and (p.text.strip() in text or text in p.text)]
    return max(near, key=lambda p: len(p.text.strip())) if near else None
