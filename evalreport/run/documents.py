"""The main job: from a dataset to each region's Word documents (and PDFs).

``load -> score -> chart -> render -> write``. :class:`DocumentMaker` holds what is shared by
every region of a run (the scorecard, compiled templates, shared charts) and makes one region's
documents with :meth:`DocumentMaker.region`; :func:`render` runs it over the regions asked for.
All of a region's documents are rendered in memory first and written only when all succeeded,
each atomically, so a failure never leaves a partial file nor destroys an earlier good one.
Running it over many regions is :mod:`evalreport.batch`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from .._version import __version__
from ..context.region import ContextBuilder
from .convert import to_pdf
from ..errors import EvalReportError, Lang, Problem
from ..i18n.messages import _
from ..charts.figures import ChartCache, FigureMaker
from ..data.model import Dataset, Region
from ..output import write_bytes
from ..word.rendering import BUILTIN, Properties, Template, environment, load_template
from ..word.rendering import render as render_docx
from ..scoring.scorecard import Scorecard, score

# The documents each region gets (the bundled templates but the regional summary).
DOCUMENTS: dict[str, str] = {k: v for k, v in BUILTIN.items() if k != "ringkasan-wilayah"}


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


@dataclass
class RegionOutcome:
    region: Region
    paths: list[Path] = field(default_factory=list)
    error: str | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None


def resolve_templates(docs: Sequence[str], overrides: Mapping[str, str | Path] | None) -> dict[str, Template]:
    """The template for each document: the user's copy where given, else the bundled one."""
    overrides = dict(overrides or {})
    unknown = set(overrides) - set(DOCUMENTS) - {"ringkasan-wilayah"}
    if unknown:
        raise EvalReportError(_("unknown document: {names}; choose from: {known}",
                                names=", ".join(sorted(unknown)), known=", ".join(DOCUMENTS)))
    return {d: load_template(overrides.get(d, d)) for d in docs}


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
    """Everything a run shares between regions; makes one region's documents at a time."""

    def __init__(self, data: Dataset, docs: Sequence[str] = tuple(DOCUMENTS),
                 templates: Mapping[str, str | Path] | None = None, lang: Lang = "id",
                 dpi: int = 150, card: Scorecard | None = None, cache: ChartCache | None = None):
        unknown = [d for d in docs if d not in DOCUMENTS]
        if unknown:
            raise EvalReportError(_("unknown document: {names}; choose from: {known}",
                                    names=", ".join(unknown), known=", ".join(DOCUMENTS)))
        self.data = data
        self.docs = list(docs)
        self.lang = lang
        self.card = card or score(data)
        self.templates = resolve_templates(self.docs, templates)
        self.env = environment(lang)
        self.contexts = ContextBuilder(self.card, lang)
        self.figures = FigureMaker(self.card, lang, dpi, cache)

    def properties(self, doc: str, region: Region) -> Properties:
        d = self.data
        prov = (f"Dibuat dengan evalreport {__version__} dari {d.source_name or '-'} "
                f"(SHA-256 {d.source_sha256 or '-'}); skema predikat: {self.card.scheme.title}")
        agency = d.document.letterhead.agency
        return Properties(
            title=fit_property(f"{DOCUMENTS[doc]} {d.programme.name} {region.name} "
                               f"{d.programme.current_period}"),
            author=fit_property(agency.title() if agency.isupper() else agency),
            subject=fit_property(d.programme.name), comments=fit_property(prov),
            keywords=fit_property(f"evaluasi; {region.name}; {d.programme.current_period}"),
            date=d.document.date)

    def render_region(self, region: Region) -> dict[str, bytes]:
        """The documents of one region as bytes, by document name (nothing is written)."""
        needs_charts = "laporan-evaluasi" in self.docs
        charts = self.figures.for_region(region) if needs_charts else None
        ctx = self.contexts.build(region, charts)
        return {doc: render_docx(self.templates[doc], ctx, self.properties(doc, region), self.env)
                for doc in self.docs}

    def region(self, region: Region, out_dir: str | Path, pdf: bool = False) -> list[Path]:
        """Render and write one region's documents into ``out_dir/<code>-<name>/``."""
        blobs = self.render_region(region)
        folder = Path(out_dir) / region_folder(region)
        paths = [write_bytes(folder / f"{doc}.docx", blob) for doc, blob in blobs.items()]
        if pdf:
            paths += to_pdf(paths)
        return paths


def choose_regions(data: Dataset, regions: Sequence[str] | None) -> list[Region]:
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
