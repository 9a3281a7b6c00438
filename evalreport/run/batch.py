"""Many regions in one run: worker processes, charts' frames kept per worker, resume, summary.

A run scores the dataset once and loads each template once, in this process, and hands the
scorecard and the templates to every phase:

1. nothing is drawn ahead: each region's comparison pictures carry its own row highlighted,
   so each worker draws a group's pictures once, keeps them (:mod:`evalreport.charts.frames`)
   and highlights each region over them;
2. regions are streamed to the workers one at a time; each worker builds its document maker
   once, renders a region, writes its files (all of them or none) and returns only their
   paths, so memory does not grow with the number of regions. Each region is recorded in the
   resume state as soon as it is written (:mod:`evalreport.run.state`);
3. with ``pdf``, the documents are converted in batches, one LibreOffice per worker;
4. the regional summary (``ringkasan-wilayah.docx``) is rendered when there are several
   regions, unless every region rendered in this run failed (the old summary is then kept).

The output folder is locked for the run (:func:`evalreport.output.folder_lock`): a second run
into it stops at once. A folder that cannot take more (a full disk, a read-only file system)
stops the run: the regions not yet rendered are left as they were.

``resume`` skips a region whose documents exist and whose inputs hash as in the last run: its
own data, the shared settings, the templates, the options, and its comparison group's scores
(the regions with the same parent, whose results make its ranks and comparison charts), so a
change in one region re-renders every region whose ranks or comparison charts it changes.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing as mp
import os
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from .._version import __version__
from ..charts.figures import ChartCache, FigureMaker
from ..charts.style import DEFAULT_DPI
from ..data.load import load
from ..data.model import Dataset, Region
from ..errors import EvalReportError, Lang, Location, Problem, ProblemsError
from ..i18n.messages import _, n_
from ..output import OutputError, ensure_folder, folder_lock, sweep_leftovers, write_text
from ..scoring.scorecard import Scorecard, result_row, score
from ..word.rendering import Template
from .convert import require_soffice, to_pdf
from .documents import (DOCUMENTS, DocumentMaker, RegionOutcome, TemplateRef, as_template,
                        choose_regions, provenance, region_folder, resolve_templates)
from .state import JOURNAL_FILE, STATE_FILE, RunState
from .summary import SUMMARY_DOC, render_summary

__all__ = ["BatchResult", "run_batch", "region_fingerprints", "ERRORS_FILE", "STATE_FILE",
           "JOURNAL_FILE", "SUMMARY_DOC", "PROVENANCE_FILE"]

ERRORS_FILE = "errors.txt"
PROVENANCE_FILE = "evalreport-provenance.json"
PDF_BATCH = 24  # documents per LibreOffice call


@dataclass
class BatchResult:
    """What a run did: each region rendered (``outcomes``, failures among them), the regions
    skipped as up to date, the summary written, and why the run stopped if it did."""

    outcomes: list[RegionOutcome]
    skipped: list[Region] = field(default_factory=list)
    summary: Path | None = None
    errors_file: Path | None = None
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)  # of the run, not of one region
    unrendered: list[Region] = field(default_factory=list)  # left out when the run stopped
    stopped: Problem | None = None

    @property
    def paths(self) -> list[Path]:
        out = [p for o in self.outcomes for p in o.paths]
        return out + ([self.summary] if self.summary else [])

    @property
    def failures(self) -> list[RegionOutcome]:
        return [o for o in self.outcomes if not o.ok]

    @property
    def ok(self) -> bool:
        """True when every region asked for is written (or was up to date) and nothing failed."""
        return not self.failures and not self.problems and self.stopped is None

    def describe(self, lang: Lang = "id") -> str:
        """Every problem of the run, each region with its problems under it (errors.txt)."""
        parts = [o.describe(lang) for o in self.failures]
        parts += [p.describe(lang) for p in self.problems]
        if self.stopped is not None:
            parts.append(_("the run stopped: {problem}", problem=self.stopped.describe(lang))
                         .render(lang))
        if self.unrendered:
            parts.append(n_("{n} region not rendered: {regions}",
                            "{n} regions not rendered: {regions}", len(self.unrendered),
                            n=len(self.unrendered),
                            regions=", ".join(r.code for r in self.unrendered)).render(lang))
        return "\n".join(parts) + "\n" if parts else ""


def failed(region: Region, exc: BaseException) -> RegionOutcome:
    """The outcome of a region whose rendering raised ``exc``: its problems, each with a place."""
    outcome = RegionOutcome(region)
    if isinstance(exc, OutputError):
        outcome.fail([exc.problem()])
        outcome.stops_run = exc.fatal
    elif isinstance(exc, ProblemsError):
        outcome.fail(exc.problems)
    elif isinstance(exc, EvalReportError):
        outcome.fail([Problem(Location(), exc.message)])
    else:  # one region's unexpected failure must not lose the others
        error = f"{type(exc).__name__}: {exc}"
        outcome.fail([Problem(Location(), _("unexpected error: {error}", error=error),
                              code="unexpected")])
        outcome.traceback = "".join(traceback.format_exception(exc))
    return outcome


# ------------------------------------------------------------------------------ worker side

_worker: dict[str, Any] = {}


def _init(data: Dataset, card: Scorecard, docs: list[str], templates: Mapping[str, Template],
          lang: str, cache: ChartCache, halt: Any, dpi: int = DEFAULT_DPI) -> None:
    """Once per worker: the document maker, from the run's scorecard, templates and shared
    charts (nothing is scored or loaded again).

    An initializer must not raise: multiprocessing would restart the worker for ever. The
    error is kept and every task of this worker reports it instead."""
    _worker.clear()
    _worker.update(data=data, halt=halt)
    try:
        _worker["maker"] = DocumentMaker(data, docs, templates, lang, dpi, card=card,  # type: ignore[arg-type]
                                         cache=cache)
    except Exception as exc:  # noqa: BLE001 - reported per region by _render_one
        _worker["init_error"] = exc


def _render_one(args: tuple[str, str]) -> RegionOutcome:
    code, out_dir = args
    region = _worker["data"].region(code)
    if _worker["halt"].is_set():
        return RegionOutcome(region, rendered=False)
    if "init_error" in _worker:
        return failed(region, _worker["init_error"])
    try:
        return RegionOutcome(region, paths=_worker["maker"].region(region, out_dir))
    except Exception as exc:  # noqa: BLE001 - reported with its place, the run goes on
        return failed(region, exc)


def _convert(paths: list[str]) -> tuple[list[str], Problem | None]:
    try:
        return [str(p) for p in to_pdf(paths, timeout=60.0 * len(paths) + 60)], None
    except EvalReportError as exc:
        return [], Problem(Location(), _("PDF: {error}", error=exc.message), code="pdf")


# ------------------------------------------------------------------------------ parent side

def _pool(jobs: int, initializer=None, initargs=()):  # fork: workers inherit loaded modules
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    return ctx.Pool(jobs, initializer=initializer, initargs=initargs)


def _canon(obj: Any) -> bytes:
    return json.dumps(obj, sort_keys=True, default=str, ensure_ascii=False).encode()


def _group_digest(card: Scorecard, parent: str | None) -> str:
    """The scores of a comparison group that its regions' ranks and comparison charts show
    (not ``rank``, which is over the whole dataset and printed in no region's document)."""
    rows = [{k: v for k, v in result_row(r, "en").items() if k not in ("rank", "rank_of")}
            for r in card.results if r.region.parent == parent]
    return hashlib.sha256(_canon(rows)).hexdigest()


def region_fingerprints(card: Scorecard, regions: Sequence[Region], common: str) -> dict[str, str]:
    """What each region's documents depend on, hashed: its own rows, the shared settings and
    options (``common``), and its comparison group's scores."""
    data = card.dataset
    groups: dict[str | None, str] = {}
    out = {}
    for region in regions:
        if region.parent not in groups:
            groups[region.parent] = _group_digest(card, region.parent)
        part = data.for_region(region.code).model_dump(mode="json")
        out[region.code] = hashlib.sha256(
            common.encode() + groups[region.parent].encode() + _canon(part)).hexdigest()
    return out


def _common_fingerprint(data: Dataset, docs: Sequence[str], templates: Mapping[str, Template],
                        lang: str, pdf: bool, dpi: int = DEFAULT_DPI) -> str:
    h = hashlib.sha256()
    h.update(_canon({"version": __version__, "docs": list(docs), "lang": lang, "pdf": pdf,
                     "dpi": dpi}))
    for name in docs:
        h.update(templates[name].sha256.encode())
    logo = data.document.letterhead.logo
    if logo:
        path = Path(data.source_dir or ".") / logo
        if path.is_file():
            h.update(hashlib.sha256(path.read_bytes()).hexdigest().encode())
    return h.hexdigest()


def _summary_fingerprint(data: Dataset, template: Template, lang: str, pdf: bool,
                         dpi: int = DEFAULT_DPI) -> str:
    return hashlib.sha256(_canon({"version": __version__, "lang": lang, "pdf": pdf, "dpi": dpi,
                                  "template": template.sha256,
                                  "data": data.model_dump(mode="json")})).hexdigest()


def run_batch(data: Dataset | str | Path, out_dir: str | Path, regions: Sequence[str] | None = None,
              docs: Sequence[str] = tuple(DOCUMENTS), templates: Mapping[str, TemplateRef] | None = None,
              doc_lang: Lang = "id", pdf: bool = False, jobs: int | None = 1, resume: bool = False,
              summary: bool = True,
              progress: Callable[[int, int, RegionOutcome], None] | None = None,
              lang: Lang = "id", dpi: int = DEFAULT_DPI) -> BatchResult:
    """Write the documents of each region (every region by default) into ``out_dir``.

    ``data`` is a :class:`Dataset` or a data file path. ``docs`` picks documents, ``templates``
    maps a document name to an edited .docx, ``doc_lang`` is the language of the documents,
    ``jobs`` the number of worker processes (None: one per core), ``resume`` skips regions
    that are up to date, ``summary`` also writes ``ringkasan-wilayah.docx`` when every region
    of a multi-region dataset is asked for. ``lang`` is the language of ``errors.txt``, ``dpi``
    the charts' pixel density (200 by default, for print).

    A region that fails is reported in the result (``failures``, ``errors_file``) without
    stopping the others. Problems that concern every region (an unknown document, a missing
    template, invalid data, an output folder that cannot be written or is in use by another
    run) raise at once, before anything is written. See the module documentation for the
    phases, the lock and what ``resume`` compares.
    """
    started = time.perf_counter()
    if not isinstance(data, Dataset):
        data = load(data)
    docs = list(docs)
    chosen = choose_regions(data, regions)
    overrides = dict(templates or {})
    loaded = resolve_templates(docs, overrides, doc_lang)
    want_summary = summary and len(data.regions) > 1 and regions is None
    summary_template = (as_template(overrides.get(SUMMARY_DOC, SUMMARY_DOC), doc_lang)
                        if want_summary else None)
    if pdf:
        require_soffice()  # before any work, not after every region
    card = score(data)
    cache = ChartCache()
    maker = DocumentMaker(data, docs, loaded, doc_lang, dpi, card=card, cache=cache)
    out_dir = ensure_folder(out_dir)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(chosen) or 1))
    with folder_lock(out_dir):
        for folder in [out_dir, *(out_dir / region_folder(r) for r in chosen)]:
            sweep_leftovers(folder)  # what a killed run was writing
        state = RunState.load(out_dir)
        common = _common_fingerprint(data, docs, loaded, doc_lang, pdf, dpi)
        prints = region_fingerprints(card, chosen, common)
        todo = [r for r in chosen if not (resume and state.region_done(r.code, prints[r.code]))]
        skipped = [r for r in chosen if r not in todo]
        summary_print = (_summary_fingerprint(data, summary_template, doc_lang, pdf, dpi)
                         if summary_template else "")
        summary_due = bool(summary_template) and not (resume and state.summary_done(summary_print))
        state.start(forget=[r.code for r in todo], forget_summary=summary_due)
        try:
            result = _run(data, card, maker, state, todo, prints, out_dir, jobs, pdf, doc_lang,
                          progress, dpi)
            result.skipped = skipped
            if summary_due and result.stopped is None and (not todo or any(o.ok for o in result.outcomes)):
                _summary(result, state, card, cache, summary_template, summary_print, out_dir,  # type: ignore[arg-type]
                         doc_lang, pdf, dpi)
            _provenance(result, data, loaded, summary_template, out_dir)
            _errors_file(result, out_dir, lang)
        finally:
            try:
                state.finish()
            except OutputError:
                pass  # the journal keeps what the state file could not; the next run folds it in
    result.seconds = time.perf_counter() - started
    return result


def _run(data: Dataset, card: Scorecard, maker: DocumentMaker, state: RunState,
         todo: list[Region], prints: dict[str, str], out_dir: Path, jobs: int, pdf: bool,
         doc_lang: str, progress: Callable[[int, int, RegionOutcome], None] | None,
         dpi: int = DEFAULT_DPI) -> BatchResult:
    """Phases 2 and 3 (see the module documentation)."""
    cache = maker.figures.cache
    # 2. regions, streamed; each recorded as done as soon as it is written
    result = BatchResult([])
    tasks = [(r.code, str(out_dir)) for r in todo]
    halt = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else None).Event()

    def collect(outcome: RegionOutcome) -> None:
        if not outcome.rendered:
            result.unrendered.append(outcome.region)
            return
        result.outcomes.append(outcome)
        if outcome.stops_run and result.stopped is None:
            result.stopped = outcome.problems[0]
            halt.set()
        elif outcome.ok and not pdf:
            try:
                state.record(outcome.region.code, prints[outcome.region.code], outcome.paths)
            except OutputError as exc:
                result.stopped = exc.problem()
                halt.set()
        if progress:
            progress(len(result.outcomes), len(tasks), outcome)

    if jobs > 1 and len(tasks) > 1:
        with _pool(jobs, _init, (data, card, maker.docs, maker.templates, doc_lang, cache,
                                 halt, dpi)) as pool:
            for outcome in pool.imap_unordered(_render_one, tasks, chunksize=1):
                collect(outcome)
    else:
        _worker.clear()
        _worker.update(data=data, halt=halt, maker=maker)
        for t in tasks:
            collect(_render_one(t))
    order = {r.code: n for n, r in enumerate(todo)}
    result.outcomes.sort(key=lambda o: order[o.region.code])
    result.unrendered.sort(key=lambda r: order[r.code])

    # 3. PDFs in batches; a region is done when its PDFs are
    if pdf and result.stopped is None:
        _pdfs(result.outcomes, jobs)
        for o in result.outcomes:
            if o.ok:
                state.record(o.region.code, prints[o.region.code], o.paths)
    return result


def _summary(result: BatchResult, state: RunState, card: Scorecard, cache: ChartCache,
             template: Template, digest: str, out_dir: Path, doc_lang: str, pdf: bool,
             dpi: int = DEFAULT_DPI) -> None:
    """Phase 4: the regional summary; its failure is a problem of the run."""
    place = Location(file=f"{SUMMARY_DOC}.docx")
    try:
        result.summary = render_summary(card.dataset, out_dir, template, doc_lang, pdf,  # type: ignore[arg-type]
                                        card=card, figures=FigureMaker(card, doc_lang, dpi, cache=cache))
        paths = [result.summary] + ([result.summary.with_suffix(".pdf")] if pdf else [])
        state.record_summary(digest, paths)
    except OutputError as exc:
        result.problems.append(exc.problem())
    except ProblemsError as exc:
        result.problems += exc.problems
    except EvalReportError as exc:
        result.problems.append(Problem(place, exc.message))


def _provenance(result: BatchResult, data: Dataset, templates: Mapping[str, Template],
                summary_template: Template | None, out_dir: Path) -> None:
    """``evalreport-provenance.json``: for every document in ``out_dir``, what it was made from
    (the values of its custom properties, :func:`evalreport.run.documents.provenance`). A
    document that ``resume`` skipped keeps the entry of the run that wrote it, so the file stays
    true when only some regions are rendered again; a document no longer in the folder is
    dropped. When it cannot be written, that is one more problem of the run."""
    path = out_dir / PROVENANCE_FILE
    try:
        old = json.loads(path.read_text(encoding="utf-8")).get("documents", {})
    except (OSError, ValueError, AttributeError):
        old = {}
    entries = {k: v for k, v in old.items() if isinstance(v, dict) and (out_dir / k).is_file()}
    by_code = {r.code: r for r in data.regions}
    for o in result.outcomes:
        if not o.ok or o.region.code not in by_code:
            continue
        for p in o.paths:
            if p.suffix == ".docx" and p.stem in templates:
                entries[p.relative_to(out_dir).as_posix()] = dict(
                    provenance(data, templates[p.stem], by_code[o.region.code]))
    if result.summary is not None and summary_template is not None:
        entries[result.summary.relative_to(out_dir).as_posix()] = dict(
            provenance(data, summary_template))
    text = json.dumps({"documents": dict(sorted(entries.items()))}, indent=1,
                      ensure_ascii=False) + "\n"
    try:
        write_text(path, text)
    except OutputError as exc:
        result.problems.append(exc.problem())


def _errors_file(result: BatchResult, out_dir: Path, lang: Lang) -> None:
    """``errors.txt`` lists every problem of the run (removed when there is none). When even
    it cannot be written, that is one more problem of the run, for the caller to show."""
    path = out_dir / ERRORS_FILE
    text = result.describe(lang)
    try:
        if text:
            result.errors_file = write_text(path, text)
        else:
            path.unlink(missing_ok=True)
    except OutputError as exc:
        result.problems.append(exc.problem())
    except OSError as exc:
        result.problems.append(OutputError(path, exc).problem())


def _pdfs(outcomes: list[RegionOutcome], jobs: int) -> None:
    docs = [(o, p) for o in outcomes if o.ok for p in o.paths if p.suffix == ".docx"]
    chunks = [docs[i:i + PDF_BATCH] for i in range(0, len(docs), PDF_BATCH)]
    work = [[str(p) for _, p in c] for c in chunks]
    if jobs > 1 and len(work) > 1:
        with _pool(jobs) as pool:
            results = pool.map(_convert, work)
    else:
        results = [_convert(w) for w in work]
    for chunk, (pdfs, problem) in zip(chunks, results):
        for o, p in chunk:
            pdf = p.with_suffix(".pdf")
            if str(pdf) in pdfs:
                o.paths.append(pdf)
            elif problem and o.ok:
                o.fail([problem])
