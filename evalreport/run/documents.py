"""The main job: from a dataset to each region's Word documents (and PDFs).

``load -> score -> chart -> render -> write``. :class:`DocumentMaker` holds what is shared by
every region of a run (the scorecard, compiled templates, shared charts) and makes one region's
documents with :meth:`DocumentMaker.region`; :func:`render` runs it over the regions asked for.
All of a region's documents are rendered in memory first and written only when all succeeded,
each atomically, so a failure never leaves a partial file nor destroys an earlier good one.
Running it over many regions is :mod:`evalreport.batch`.
"""
from __future__ import annotations

import re
import unicodedata
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
from ..scoring.bands import resolve
from ..scoring.scorecard import Scorecard, score

# The documents each region gets (the bundled templates but the regional summary).
DOCUMENTS: dict[str, str] = {k: v for k, v in BUILTIN.items() if k != "ringkasan-wilayah"}


def slug(text: str) -> str:
    """'Kab. Malang' -> 'kab-malang' (folder names that work on every system)."""
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", t.lower()).strip("-") or "wilayah"


def region_folder(region: Region) -> str:
    return f"{slug(region.code)}-{slug(region.name)}"


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
        return Properties(
            title=f"{DOCUMENTS[doc]} {d.programme.name} {region.name} {d.programme.current_period}",
            author=d.programme.agency, subject=d.programme.name,
            comments=provenance_note(d, self.card.scheme.title),
            keywords=f"evaluasi; {region.name}; {d.programme.current_period}", date=d.document.date,
            custom=provenance(d, self.templates[doc], region))

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


def provenance_note(data: Dataset, scheme: str) -> str:
    """The same in one line, for the document's comments (core properties)."""
    return (f"evalreport {__version__}; data {data.source_name or '-'} "
            f"(SHA-256 {data.source_sha256 or '-'}); {scheme}")


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
