"""Rendering one Word template with one context into .docx bytes.

docxtpl does the Word-aware Jinja work; this module adds what official documents need:

* a template file **checked and cleaned** before use: bounded, no DTDs, macros and links to
  outside files taken out (:mod:`~evalreport.word.intake`);
* a **sandboxed** Jinja environment with **autoescape on** (an ``&`` or ``<`` in the data cannot
  corrupt the XML), **strict undefined** (a misspelt variable is an error, not a blank) and
  **limits** on time and size (:mod:`~evalreport.word.sandbox`);
* data text printed **literally** (:func:`printable`): no page break from a form feed;
* every place a tag may stand filled: body, tables, content controls, text boxes, headers and
  footers, footnotes **and endnotes**; what each part becomes checked to be well-formed XML;
* errors that say **where**: the variable or broken tag, the template, and the paragraph /
  table cell / text box / header or footer / note it stands in
  (:class:`~evalreport.errors.TemplateProblemError`), for every way rendering can fail;
* **compiled once**: each template part is cleaned and compiled by Jinja once per template and
  reused for every document (docxtpl alone re-parses and recompiles on every render); likewise
  the template's package is read once (:mod:`evalreport._fast.docx`);
* **byte-identical output**: fixed zip timestamps and document properties;
* pictures (charts, logo) with alt text, charts Word can edit (chart parts with their
  workbooks, :mod:`~evalreport.word.charts`), and fields (table of contents, page numbers)
  marked to be updated when the document is opened.

A chart or logo in the context stays a plain value; it becomes a picture or a chart part of the
document only when a tag prints it (the environment's ``finalize``, bound to the document being
rendered), so the context is shared by all of a region's documents without a per-document copy.
Whether a report's charts are pictures or Word charts is chosen when they are made
(:class:`~evalreport.charts.figures.FigureMaker`); a template may ask for one or the other in
its custom property ``evalreport.charts`` (:func:`template_charts`).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import html
import io
import re
import zipfile
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

import jinja2
from docx import Document
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from markupsafe import Markup

from .. import _fast
from .._fast.docx import STRICT, CompiledDocxTemplate, TemplatePackage, save_docx
from ..charts.model import CHART_MODES, Chart, ChartGroup, Logo, NativeChart
from ..errors import EvalReportError, Location, Problem, TemplateProblemError
from ..i18n.formatting import Formatter
from ..i18n.messages import LANGS, Message, _
from . import scan as docxscan
from . import skeleton
from .charts import InlineCharts, renumber_drawings
from .fields import TocStyles, fill_tables_of_contents, toc_styles
from .intake import MAX_FILE_BYTES, admit
from .layout import drop_empty_last_section, keep_rows_together, open_long_words
from .properties import read_custom_properties, write_custom_properties
from .sandbox import LimitExceeded, Limits, Sandbox, budget, current_limits

# The bundled templates, by name, with what each makes. Each comes in every document language:
# the Indonesian set in the package's template folder, the others in a folder named after
# their language (``en/laporan-evaluasi.docx``), built from the same layout.
BUILTIN: dict[str, Message] = {
    "laporan-evaluasi": _("Evaluation Report"),
    "rekomendasi": _("Recommendations"),
    "rencana-tindak-lanjut": _("Follow-up Action Plan"),
    "ringkasan-wilayah": _("Regional Comparison Summary"),
}
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_STORED = (".png", ".jpg", ".jpeg", ".gif", ".xlsx")  # compressed already: stored as they are
CHARTS_PROPERTY = "evalreport.charts"  # a template's custom property that picks one


class _Undefined(StrictUndefined):
    """Strict: printing, testing or iterating a missing name is an error naming it."""


def environment(lang: str = "id", limits: Limits | None = None) -> Sandbox:
    """The Jinja environment every template renders in (charts and logos print as pictures of
    the document being rendered, see :func:`_finalize`). Immutable: a region's documents
    share one context, so a template may read the data but not change it (``.append``,
    ``.pop``, ``.update`` on a list or dict are refused with the place of the tag). Bounded:
    a template runs within ``limits`` (:mod:`evalreport.word.sandbox`)."""
    env = Sandbox(limits, autoescape=True, undefined=_Undefined, keep_trailing_newline=True,
                  finalize=_finalize)
    env.filters.update(Formatter(lang).filters())
    env.guard_filters()
    return env


# The document :func:`render` is filling; charts and logos printed by a tag become its pictures.
_RENDERING: ContextVar[DocxTemplate | None] = ContextVar("evalreport_rendering", default=None)

# Characters data text may hold that Word's XML cannot, or that docxtpl would turn into a page
# or paragraph break: line and page separators print as a line break, the rest is dropped.
_CONTROL = re.compile("\r\n?|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_AS_LINE_BREAK = {"\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"}


def printable(text: str) -> str:
    """Text as a document prints it, literally: a line break (newline, carriage return,
    vertical tab, form feed, line or paragraph separator) stays a line break and a tab a tab;
    other control characters, which Word cannot hold, are dropped. Never a page or paragraph
    break: those belong to the template."""
    limit = current_limits().value_chars
    if len(text) > limit:
        raise LimitExceeded(_("a value of {size} characters is too long to print (at most {limit})",
                              size=len(text), limit=limit))
    if _CONTROL.search(text) is None:
        return text
    cleaned = _CONTROL.sub(lambda m: "\n" if m.group(0) in _AS_LINE_BREAK else "", text)
    return Markup(cleaned) if isinstance(text, Markup) else cleaned


def _finalize(value: Any) -> Any:
    """Jinja's ``finalize`` (applied to what each ``{{ }}`` prints, before escaping): a chart or
    logo becomes a :class:`Picture` of the document being rendered, which docxtpl inserts
    through ``__html__``, wherever the tag is (in a loop, a table cell, a header); a text is
    made :func:`printable`; any other value is printed as it is."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, (Chart, Logo)):
        doc = _RENDERING.get()
        if doc is not None:
            return _picture(value, doc)
    if isinstance(value, (NativeChart, ChartGroup)):
        doc = _RENDERING.get()
        if doc is not None:
            return InlineCharts(doc, value)
    return value



@dataclass
class Template:
    """A Word template loaded once: its bytes (with macros and links to outside files taken
    out, see :mod:`evalreport.word.intake`), name, a warning for each thing taken out, and
    its compiled parts (filled lazily)."""

    name: str
    blob: bytes
    compiled: dict[tuple[str, int], jinja2.Template] = field(default_factory=dict, repr=False)
    problems: list[Problem] = field(default_factory=list, compare=False)
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

    @property
    def charts(self) -> str | None:
        """How this template asks for its charts ("picture" or "native"), from its custom
        document property ``evalreport.charts`` (Word: File > Info > Properties > Advanced >
        Custom); None when it does not say. Another value is a
        :class:`~evalreport.errors.TemplateProblemError` naming the template."""
        return template_charts(self)

    def toc_styles(self, document) -> TocStyles:
        """What the table of contents needs from the styles; rendering never changes the
        styles, so it is read from the first document made from this template and reused."""
        if self._toc_styles is None:
            self._toc_styles = toc_styles(document)
        return self._toc_styles


def template_charts(template: Template) -> str | None:
    """See :attr:`Template.charts`."""
    value = read_custom_properties(template.blob).get(CHARTS_PROPERTY)
    if value is None or not value.strip():
        return None
    mode = value.strip().casefold()
    if mode not in CHART_MODES:
        raise TemplateProblemError([Problem(Location(file=template.name), _(
            "the custom property {name} is '{value}'; it must be one of: {choices}",
            name=CHARTS_PROPERTY, value=value, choices=", ".join(CHART_MODES)),
            code="charts-property")])
    return mode


def builtin_path(name: str, lang: str = "id") -> str:
    """Where bundled template ``name`` of document language ``lang`` lies in the package's
    template folder: ``laporan-evaluasi.docx``, ``en/laporan-evaluasi.docx``."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; allowed: {', '.join(LANGS)}")
    return f"{name}.docx" if lang == "id" else f"{lang}/{name}.docx"


def load_template(ref: str | Path, lang: str = "id") -> Template:
    """A bundled template by name (``laporan-evaluasi``, in document language ``lang``) or a
    .docx file by path (whatever its language), checked and cleaned
    (:func:`evalreport.word.intake.admit`): a file that is not a usable Word document is a
    :class:`~evalreport.errors.TemplateProblemError` naming it."""
    if isinstance(ref, str) and ref in BUILTIN:
        where = builtin_path(ref, lang)
        blob = resources.files("evalreport.template_files").joinpath(where).read_bytes()
        return _admitted(where, blob)
    path = Path(ref)
    if not path.is_file():
        raise EvalReportError(_("template '{ref}' not found (bundled templates: {names})",
                                ref=str(ref), names=", ".join(BUILTIN)))
    if path.suffix.casefold() != ".docx":
        raise EvalReportError(_("a template must be a .docx file: {ref}", ref=str(ref)))
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:  # refused before it is read
            raise TemplateProblemError([Problem(Location(file=str(path)), _(
                "the file is too large for a template ({size} MB; at most {limit} MB)",
                size=size // 2**20, limit=MAX_FILE_BYTES // 2**20), code="too-large")])
        blob = path.read_bytes()
    except OSError as exc:
        raise EvalReportError(_("cannot read {ref}: {detail}", ref=str(ref),
                                detail=exc.strerror or str(exc))) from None
    return _admitted(str(path), blob)


def _admitted(name: str, blob: bytes) -> Template:
    clean, problems = _admit(blob, name)
    return Template(name, clean, problems=list(problems))


@lru_cache(maxsize=16)
def _admit(blob: bytes, name: str) -> tuple[bytes, tuple[Problem, ...]]:
    """The checked and cleaned template, opened once by python-docx to be sure it can be
    (worked out once per file and name in a process)."""
    admitted = admit(blob, name)
    try:
        Document(io.BytesIO(admitted.blob))
    except Exception as exc:  # python-docx says why in its own words; any failure is the file's
        raise TemplateProblemError([Problem(Location(file=name), _(
            "cannot be read as a Word document ({detail}); open it in Word and save it again",
            detail=_detail(exc)), code="damaged")]) from None
    return admitted.blob, tuple(admitted.problems)


class Picture(InlineImage):
    """An inline picture with alt text (wp:docPr/@descr), for screen readers and Word's checker."""

    def __init__(self, tpl, image, width_cm: float | None = None, height_cm: float | None = None,
                 alt_text: str = ""):
        super().__init__(tpl, image, width=Cm(width_cm) if width_cm else None,
                         height=Cm(height_cm) if height_cm else None)
        self.alt_text = alt_text

    def _insert_image(self) -> str:
        xml = (self.tpl.picture_xml(self) if isinstance(self.tpl, CompiledDocxTemplate)
               else super()._insert_image())
        if self.alt_text:
            xml = re.sub(r"(<wp:docPr\b[^>]*?)(/?>)",
                         lambda m: f"{m.group(1)} descr={quoteattr(self.alt_text)}{m.group(2)}", xml, count=1)
        return xml


class _Filling:
    """What both ways of rendering (docxtpl as it is, and the compiled one of
    :mod:`evalreport._fast.docx`) do beyond docxtpl, the same way, so both write the same bytes:

    * footnotes **and endnotes** are filled (docxtpl fills footnotes only, and once per
      section, filling what it filled before again), each part once;
    * what a part becomes is checked to be well-formed XML before it is used: docxtpl reads
      the body back with a *recovering* parser, which drops what it cannot read without a word
      (a text over 10 MB, a tag that broke the structure); here that is an error instead.
    """

    # docxtpl's DocxTemplate, which this is mixed into (it has no type information)
    docx: Any
    patch_xml: Callable[[str], str]
    render_xml_part: Callable[..., str]

    def render_footnotes(self, context, jinja_env=None) -> None:
        done = set()
        for rel in list(self.docx.part.rels.values()):
            if rel.is_external or rel.reltype not in _NOTE_RELTYPES:
                continue
            part = rel.target_part
            if str(part.partname) in done:
                continue
            done.add(str(part.partname))
            xml = self.patch_xml(part.blob.decode("utf-8"))
            xml = self.render_xml_part(xml, part, context, jinja_env)
            blob = xml.encode("utf-8")
            etree.fromstring(blob, STRICT)
            part._blob = blob  # python-docx keeps notes as bytes; docxtpl writes them back so too

    def fix_tables(self, xml: str):
        etree.fromstring(xml.encode("utf-8"), STRICT)  # raises what the recovering parser hides
        return super().fix_tables(xml)  # type: ignore[misc]


_NOTE_RELTYPES = {reltype for reltype, _note, _ref in docxscan.NOTES.values()}


class _StockDocx(_Filling, DocxTemplate):
    """docxtpl as it is, except that document properties come from :func:`finish`, not from
    template text (the stock twin of :class:`evalreport._fast.docx.CompiledDocxTemplate`)."""

    def render_properties(self, context, jinja_env=None) -> None:
        pass


class _FastDocx(_Filling, CompiledDocxTemplate):
    """The compiled docxtpl of :mod:`evalreport._fast.docx`."""

    fix_tables = CompiledDocxTemplate.fix_tables  # strict already (and where the body goes)


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
    """Render ``template`` with ``context``; the .docx bytes, identical for identical input.

    Whatever stops the template (a broken tag, a missing variable, something the sandbox
    refuses, a limit reached, what it makes not being valid Word XML) is a
    :class:`~evalreport.errors.TemplateProblemError` at the place in Word it stands."""
    doc: DocxTemplate
    if _fast.enabled("docx"):
        doc = _FastDocx(template.blob, template.package(), template.compiled, env)
    else:
        doc = _StockDocx(io.BytesIO(template.blob))
    rendering = _RENDERING.set(doc)
    try:
        with budget(getattr(env, "limits", None) or Limits()):
            doc.render(context, env)
    except Exception as exc:  # every way a template can fail is told at its place
        raise located(template, doc, exc, env) from None
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
    styles = styles or toc_styles(d)
    fill_tables_of_contents(d, styles)
    keep_table_ends(d.element.body)
    keep_rows_together(d.element.body)
    open_long_words(d.element.body, styles.sizes)
    drop_empty_last_section(d.element.body)
    renumber_drawings(d)
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
        if after.find(".//" + qn("w:drawing")) is not None:
            continue  # a picture keeps with its caption; the table may end a page before it
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

_UNDEF_RE = re.compile(r"'([^']+)' is undefined|has no attribute '([^']+)'|no element '?([^']+?)'?$")


def located(template: Template, doc: DocxTemplate, exc: Exception,
            env: jinja2.Environment) -> TemplateProblemError:
    """A render error as a problem at the place in Word it stands: the paragraph of the tag
    (found from the line Jinja was at, in the part being filled), else the part."""
    message, hint, code = _what_failed(exc)
    try:
        place, message, code, tag = _place(template, doc, exc, env, message, hint, code)
    except Exception:  # finding the place must never hide what went wrong: say it without one
        place, tag = None, None
    return TemplateProblemError([Problem(Location(file=template.name, place=place), message,
                                         code=code, tag=tag.text if tag else "")])


def _place(template: Template, doc: DocxTemplate, exc: Exception, env: jinja2.Environment,
           message: Message, hint: str, code: str) -> tuple:
    """The place of a render error (and the message and code, when the place tells more)."""
    part = getattr(doc, "current_rendering_part", None)
    partname = str(part.partname) if part is not None else docxscan.BODY
    original = Document(io.BytesIO(template.blob))
    paras = [p for p in docxscan.paragraphs(original, docxscan.notes(original), fallbacks=True)
             if p.partname == partname]
    tag = None
    if isinstance(exc, jinja2.TemplateSyntaxError):
        _tree, found = skeleton.parse(docxscan.tags(paras), env)
        if found and found[0].tag is not None:
            tag, message = found[0].tag, found[0].message
    if tag is None and isinstance(exc, etree.XMLSyntaxError):
        tag = next((t for t in docxscan.tags(paras) if docxscan.crosses_markup(t)), None)
        if tag is not None:
            message, code = _("Word split the tag across a tracked change, a link or a content "
                              "control; it cannot be filled as it is: 'templates repair' mends it"), \
                "render-crosses-markup"
    if tag is None:
        line = exc.lineno if isinstance(exc, jinja2.TemplateSyntaxError) else _template_line(exc)
        if line:
            tag = _tag_at_line(_source_lines(original, partname), line, paras, hint)
    place: Message | None = None
    if tag is not None:
        place = tag.paragraph.place()
    elif paras:
        place = paras[0].part_place()
    return place, message, code, tag


def _what_failed(exc: Exception) -> tuple[Message, str, str]:
    """The message, a name the failing tag mentions (if known) and the problem's code."""
    detail = str(getattr(exc, "message", None) or exc)
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return skeleton.syntax_message(detail), "", "render-syntax"
    if isinstance(exc, jinja2.UndefinedError):
        m = _UNDEF_RE.search(detail)
        name = next((g for g in m.groups() if g), "") if m else detail
        return _("variable '{name}' is undefined or not in the data", name=name), name, "render-undefined"
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return _("operation not allowed in a template: {detail}", detail=detail), "", "render-security"
    if isinstance(exc, LimitExceeded):
        return exc.message, "", "render-limit"
    if isinstance(exc, RecursionError):
        return _("the template calls itself without end (a macro that calls itself?)"), "", "render-limit"
    if isinstance(exc, MemoryError):
        return _("the template needs more memory than there is"), "", "render-limit"
    if isinstance(exc, etree.XMLSyntaxError):
        return _("what the template makes here is not valid Word XML ({detail}); look for a "
                 "{{%p ...%}}, {{%tr ...%}} or {{%tc ...%}} tag out of place, or a value printed with "
                 "|safe", detail=detail), "", "render-xml"
    if isinstance(exc, jinja2.TemplateNotFound) or "no loader" in detail:
        return _("a template cannot include or import other files ({detail})", detail=detail), "", \
            "render-include"
    return _("could not fill the template: {kind}: {detail}", kind=type(exc).__name__,
             detail=detail[:300]), "", "render-other"


def _detail(exc: Exception) -> str:
    """An exception in one short line: its kind and what it says."""
    return (type(exc).__name__ + ": " + str(exc))[:300]


def _template_line(exc: BaseException) -> int | None:
    """The line of the template Jinja was at when ``exc`` was raised (the innermost)."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _source_lines(doc, partname: str) -> list[str]:
    """The Jinja source docxtpl made of a part of the template: its XML cleaned by docxtpl,
    each paragraph on a line of its own."""
    if partname == docxscan.BODY:
        xml = etree.tostring(doc.element.body, encoding="unicode")
    else:
        rel = next((r for r in doc.part.rels.values()
                    if not r.is_external and str(r.target_part.partname) == partname), None)
        if rel is None:
            return []
        if rel.reltype in _NOTE_RELTYPES:  # as _Filling.render_footnotes reads it
            xml = rel.target_part.blob.decode("utf-8")
        else:  # as docxtpl reads a header or footer
            xml = etree.tostring(parse_xml(rel.target_part.blob), encoding="unicode")
    src = DocxTemplate.patch_xml(DocxTemplate.__new__(DocxTemplate), xml)
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", src).split("\n")


def _tag_key(text: str) -> str:
    """A tag reduced to what docxtpl and Word share of it (prefix, quotes, spaces and
    whitespace control left out), to match tags in the Jinja source with tags in Word."""
    text = html.unescape(text)
    for k, v in skeleton.CURLY.items():
        text = text.replace(k, v)
    m = re.match(r"^\{([{%#])-?\s*(?:(?:p|tr|tc|r)\s)?(.*?)-?([}%#])\}$", text, re.S)
    body = m.group(2) if m else text
    return m.group(1) + " ".join(body.split()) if m else " ".join(body.split())


def _tag_at_line(lines: list[str], lineno: int, paras: list, hint: str) -> docxscan.Tag | None:
    """The tag at line ``lineno`` of a part's Jinja source, as Word shows it: the tags on that
    line matched, by their text and how often it came before, with the tags in Word (of
    several on the line, the first that mentions ``hint``, else the first)."""
    if not 0 < lineno <= len(lines):
        return None
    occurrences: dict[str, list] = {}
    for tag in docxscan.tags(paras):
        occurrences.setdefault(_tag_key(skeleton.line(tag) or tag.text), []).append(tag)
    seen: dict[str, int] = {}
    for text in lines[: lineno - 1]:
        for m in docxscan.TAG_RE.finditer(text):
            key = _tag_key(m.group(0))
            seen[key] = seen.get(key, 0) + 1
    candidates = []
    for m in docxscan.TAG_RE.finditer(lines[lineno - 1]):
        key = _tag_key(m.group(0))
        n = seen.get(key, 0)
        seen[key] = n + 1
        found = occurrences.get(key, [])
        if n < len(found):
            candidates.append(found[n])
    if not candidates:
        return None
    if hint:
        word = re.escape(hint)
        named = [t for t in candidates if re.search(rf"(?<![\w.]){word}(?!\w)|\.{word}(?!\w)", t.text)]
        candidates = named or candidates
    return candidates[0]
