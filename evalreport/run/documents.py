"""The main job: from a dataset to each region's Word documents (and PDFs).

``load -> score -> chart -> render -> write``. :class:`DocumentMaker` holds what is shared by
every region of a run (the scorecard, compiled templates, shared charts) and makes one region's
documents with :meth:`DocumentMaker.region`. All of a region's documents are rendered in
memory first and written together (:func:`evalreport.output.write_together`): all the new ones,
or, when a write fails, all the old ones as they were. A failure never leaves a partial file nor
destroys an earlier good one. Running it over many regions is :mod:`evalreport.run.batch`.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .._version import __version__
from ..charts.figures import ChartCache, FigureMaker
from ..charts.model import CHART_MODES
from ..charts.style import DEFAULT_DPI
from ..context.region import ContextBuilder
from ..data.bands import resolve
from ..data.model import Dataset, Region
from ..errors import EvalReportError, Lang, Location, Problem
from ..i18n.messages import Message, _
from ..output import write_together
from ..scoring.scorecard import Scorecard, score
from ..word.draft import mark_draft
from ..word.rendering import BUILTIN, Properties, Template, environment, load_template
from ..word.rendering import render as render_docx
from .convert import to_pdf

# The documents each region gets (the bundled templates but the regional summary).
DOCUMENTS: dict[str, Message] = {k: v for k, v in BUILTIN.items() if k != "ringkasan-wilayah"}


# The document that holds a region's charts.
CHART_DOCUMENT = "laporan-evaluasi"


def chart_mode(charts: str | None, template: Template | None) -> str:
    """How a document's charts are made: ``charts`` when given ("picture" or "native"), else
    as its template asks (:attr:`~evalreport.word.rendering.Template.charts`), else pictures."""
    if charts is not None:
        if charts not in CHART_MODES:
            raise EvalReportError(_("unknown chart mode '{value}'; choose from: {known}",
                                    value=charts, known=", ".join(CHART_MODES)))
        return charts
    return (template.charts if template is not None else None) or "picture"


# Word's document properties (title, subject, keywords, ...) hold at most 255 characters.
PROPERTY_LENGTH = 255


def region_folder(region: Region) -> str:
    """The region's folder in the output folder: '3507-kabupaten-malang', '35.07-kota-batu'."""
    return region.folder


def fit_property(text: str) -> str:
    """A document property within Word's 255 characters: a longer text is cut at a word and
    ends with an ellipsis (a property names the document; its text is in the document)."""
    text = " ".join(text.split())
    if len(text) <= PROPERTY_LENGTH:
        return text
    cut = text[:PROPERTY_LENGTH - 1]
    if " " in cut[PROPERTY_LENGTH // 2:]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-") + "\u2026"


def region_place(region: Region) -> Message:
    """Where a problem of a whole region stands: "region 3507 Kabupaten Malang"."""
    return _("region {code} {name}", code=region.code, name=region.name)


@dataclass
class RegionOutcome:
    """What became of one region in a run: the files written, or the problems that stopped it.

    ``traceback`` keeps the details of an unexpected error (for ``--debug``); ``stops_run``
    says that the output folder cannot take more (a full disk, a read-only file system), so
    the run stops; ``rendered`` is False for a region left out because the run stopped."""

    region: Region
    paths: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    traceback: str = ""
    stops_run: bool = False
    rendered: bool = True

    @property
    def ok(self) -> bool:
        return self.rendered and not any(p.severity == "error" for p in self.problems)

    @property
    def halts(self) -> bool:
        """Start no other region (the executor's word for :attr:`stops_run`)."""
        return self.stops_run

    def fail(self, problems: Sequence[Problem]) -> None:
        """Record problems; one without a place is placed at the region."""
        here = Location(place=region_place(self.region))
        self.problems += [p if p.location != Location() else replace(p, location=here)
                          for p in problems]

    def describe(self, lang: Lang = "id") -> str:
        """The region and each of its problems on a line of its own (errors.txt)."""
        lines = [f"{self.region.code} {self.region.name}"]
        lines += ["  " + p.describe(lang).replace("\n", "\n  ") for p in self.problems]
        return "\n".join(lines)


TemplateRef = str | Path | Template


def resolve_templates(docs: Sequence[str], overrides: Mapping[str, TemplateRef] | None = None,
                      lang: Lang = "id") -> dict[str, Template]:
    """The template for each document, loaded once: the user's copy where given (a path or a
    loaded :class:`Template`), else the bundled one in document language ``lang``."""
    overrides = dict(overrides or {})
    unknown = [d for d in docs if d not in DOCUMENTS]
    unknown += sorted(set(overrides) - set(DOCUMENTS) - {"ringkasan-wilayah"} - set(unknown))
    if unknown:
        raise EvalReportError(_("unknown document: {names}; choose from: {known}",
                                names=", ".join(unknown), known=", ".join(DOCUMENTS)))
    return {d: as_template(overrides.get(d, d), lang) for d in docs}


def as_template(ref: TemplateRef, lang: Lang = "id") -> Template:
    """A loaded template as it is; a bundled name (in document language ``lang``) or a .docx
    path loaded."""
    return ref if isinstance(ref, Template) else load_template(ref, lang)


def template_overrides(paths: Iterable[str | Path]) -> dict[str, Path]:
    """``--template`` values: ``NAME=FILE``, a file named after its document, or a folder of them."""
    out: dict[str, Path] = {}
    for raw in paths:
        text = str(raw)
        if "=" in text and text.split("=", 1)[0] in DOCUMENTS:
            name, file = text.split("=", 1)
            out[name] = Path(file)
            continue
        p = Path(text)
        if p.is_dir():
            for name in DOCUMENTS:
                if (p / f"{name}.docx").is_file():
                    out[name] = p / f"{name}.docx"
            continue
        if p.stem not in DOCUMENTS:
            raise EvalReportError(_(
                "cannot tell which document template {path} is for; name the file like "
                "laporan-evaluasi.docx or write laporan-evaluasi={path}", path=text))
        out[p.stem] = p
    return out


class DocumentMaker:
    """Everything a run shares between regions; makes one region's documents at a time.

    ``lang`` is the language of the documents. A run passes the scorecard it made (``card``)
    and its loaded templates, so that neither is made twice; without them the dataset is
    scored and the templates loaded here. ``charts``: "picture" or "native" (Word charts);
    None: as the report's template asks (:func:`chart_mode`)."""

    def __init__(self, data: Dataset, docs: Sequence[str] = tuple(DOCUMENTS),
                 templates: Mapping[str, TemplateRef] | None = None, lang: Lang = "id",
                 dpi: int = DEFAULT_DPI, card: Scorecard | None = None,
                 cache: ChartCache | None = None, charts: str | None = None):
        self.data = data
        self.docs = list(docs)
        self.lang = lang
        self.templates = resolve_templates(self.docs, templates, lang)
        self.card = card if card is not None else score(data)
        self.env = environment(lang)
        self.contexts = ContextBuilder(self.card, lang, dpi)
        report = self.templates.get(CHART_DOCUMENT)
        self.charts = chart_mode(charts, report)
        self.figures = FigureMaker(self.card, lang, dpi, cache, charts=self.charts)

    def properties(self, doc: str, region: Region) -> Properties:
        """The document's properties (title, author, keywords, where it came from)."""
        d = self.data
        prov = _("Made with evalreport {version} from {source} (SHA-256 {sha}); band scheme: "
                 "{scheme}", version=__version__, source=d.source_name or "-",
                 sha=d.source_sha256 or "-", scheme=self.card.scheme.titled(self.lang))
        return Properties(
            title=fit_property(f"{DOCUMENTS[doc].render(self.lang)} {d.programme.name} {region.name} "
                               f"{d.programme.current_period}"),
            author=fit_property(d.programme.agency), subject=fit_property(d.programme.name),
            comments=fit_property(prov.render(self.lang)),
            keywords=fit_property(_("evaluation; {region}; {period}", region=region.name,
                                    period=d.programme.current_period).render(self.lang)),
            date=d.document.date, custom=provenance(d, self.templates[doc], region))

    def render_region(self, region: Region) -> dict[str, bytes]:
        """The documents of one region as bytes, by document name (nothing is written)."""
        needs_charts = CHART_DOCUMENT in self.docs
        charts = self.figures.for_region(region) if needs_charts else None
        ctx = self.contexts.build(region, charts)
        blobs = {doc: render_docx(self.templates[doc], ctx, self.properties(doc, region), self.env)
                 for doc in self.docs}
        if self.data.drafts_included:  # drafts not yet accepted: nothing here is to be signed
            blobs = {doc: mark_draft(blob) for doc, blob in blobs.items()}
        return blobs

    def region(self, region: Region, out_dir: str | Path, pdf: bool = False) -> list[Path]:
        """Render and write one region's documents into ``out_dir/<code>-<name>/``, all of
        them or none (an old PDF of a replaced document goes with it: a PDF never disagrees
        with the document beside it). Raises :class:`~evalreport.output.OutputError` when a
        file cannot be written, the old files then as they were."""
        blobs = self.render_region(region)
        folder = Path(out_dir) / region_folder(region)
        files = {folder / f"{doc}.docx": blob for doc, blob in blobs.items()}
        paths = write_together(files, remove=[p.with_suffix(".pdf") for p in files])
        if pdf:
            paths += to_pdf(paths)
        return paths


def provenance(data: Dataset, template: Template, region: Region | None = None
               ) -> tuple[tuple[str, str], ...]:
    """Where a document comes from, for its custom properties and the run's provenance file:
    the evalreport version, the data file and its SHA-256, the band scheme, the achievement cap,
    the template and its SHA-256, and the region."""
    scheme = resolve(data.bands)
    cap = data.achievement_cap
    return (
        ("evalreport.version", __version__),
        ("evalreport.data_file", data.source_name or "-"),
        ("evalreport.data_sha256", data.source_sha256 or "-"),
        ("evalreport.band_scheme", scheme.title),
        ("evalreport.achievement_cap", "-" if cap is None else f"{cap:g}"),
        ("evalreport.template", Path(template.name).name),
        ("evalreport.template_sha256", template.sha256),
        ("evalreport.region", region.code if region else "-"),
    )


def choose_regions(data: Dataset, regions: Sequence[str] | None) -> list[Region]:
    """The regions asked for (code or name), in the order asked; every region when none."""
    if not regions:
        return list(data.regions)
    out, unknown = [], []
    for key in regions:
        try:
            out.append(data.region(key))
        except KeyError:
            unknown.append(key)
    if unknown:
        names = ", ".join(f"{r.code} {r.name}" for r in data.regions)
        raise EvalReportError(_("unknown region: {regions}; known: {names}",
                                regions=", ".join(unknown), names=names))
    return out
