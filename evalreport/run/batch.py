"""Many regions in one run: worker processes or a cluster, charts' frames kept per worker,
resume, summary.

A run scores the dataset once and loads each template once, in this process, and hands the
scorecard and the templates to every phase. The phases run the same on the workers of any
:class:`~evalreport.run.executor.Executor`: this process alone, ``jobs`` processes of this
machine, or a Dask cluster; this process keeps the lock, the resume state and ``errors.txt``,
the workers only write the files of their regions.

1. nothing is drawn ahead: each region's comparison pictures carry its own row highlighted,
   so each worker draws a group's pictures once, keeps them (:mod:`evalreport.charts.frames`)
   and highlights each region over them;
2. regions are streamed to the workers, a province's regions to one worker together (cut in
   pieces when a province holds more than a quarter of a worker's share, largest first), so
   that each worker draws a province's comparison pictures once; each worker builds its
   document maker once, renders a region, writes its files (all of them or none) and returns
   only their paths, so memory does not grow with the number of regions. Each region is
   recorded in the resume state as soon as its group comes back (a Dask cluster: as soon as
   it is written; there a task is one region) (:mod:`evalreport.run.state`);
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
import os
import time
import traceback
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._version import __version__
from ..charts.figures import ChartCache, FigureMaker
from ..charts.style import DEFAULT_DPI
from ..data.followup import PreviousCycle
from ..data.load import load
from ..data.model import Dataset, Region
from ..errors import EvalReportError, Lang, Location, Problem, ProblemsError
from ..i18n.messages import _, n_
from ..output import OutputError, ensure_folder, folder_lock, sweep_leftovers, write_text
from ..scoring.scorecard import Scorecard, result_row, score
from ..word.rendering import Template
from .convert import require_soffice, to_pdf
from .documents import (
    DOCUMENTS,
    DocumentMaker,
    RegionOutcome,
    TemplateRef,
    as_template,
    chart_mode,
    choose_regions,
    provenance,
    region_folder,
    resolve_templates,
)
from .executor import Executor, InProcess, Lost, ProcessPool, executor_for, local_workers
from .followup import previous as previous_cycle
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
    # what the templates held that no document carries (macros, outside links), taken out
    warnings: list[Problem] = field(default_factory=list)
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
# Each phase hands its workers the same things once (its ``shared``); a worker makes its state
# from them once (the ``prepare`` functions) and runs items on it (see executor.py).

def _region_worker(shared: tuple) -> dict[str, Any]:
    """Once per worker: the document maker, from the run's scorecard and templates (nothing is
    scored or loaded again; the worker keeps its own charts' frames). An error is kept and
    every region of this worker reports it (a pool's set-up must not raise)."""
    data, card, docs, templates, lang, cache, out_dir, dpi, charts = shared
    state: dict[str, Any] = {"regions": {r.code: r for r in data.regions}, "out": out_dir}
    try:
        state["maker"] = DocumentMaker(data, docs, templates, lang, dpi, card=card,
                                       cache=cache, charts=charts)
    except Exception as exc:  # noqa: BLE001 - reported per region by _render_one
        state["init_error"] = exc
    return state


def _render_one(state: dict[str, Any], code: str) -> RegionOutcome:
    region = state["regions"][code]
    if "init_error" in state:
        return failed(region, state["init_error"])
    try:
        return RegionOutcome(region, paths=state["maker"].region(region, state["out"]))
    except Exception as exc:  # noqa: BLE001 - reported with its place, the run goes on
        return failed(region, exc)


def _convert_batch(_state: Any, work: tuple[int, list[str]]) -> tuple[list[str], Problem | None]:
    paths = work[1]
    try:
        return [str(p) for p in to_pdf(paths, timeout=60.0 * len(paths) + 60)], None
    except EvalReportError as exc:
        return [], Problem(Location(), _("PDF: {error}", error=exc.message), code="pdf")


def lost(region: Region, what: Lost) -> RegionOutcome:
    """The outcome of a region whose workers kept dying while rendering it."""
    outcome = RegionOutcome(region)
    outcome.fail([Problem(Location(), _(
        "the worker rendering this region stopped {n} times (killed, or out of memory); it is "
        "not tried again", n=what.deaths), code="worker-lost")])
    return outcome


# ------------------------------------------------------------------------------ parent side

def _canon(obj: Any) -> bytes:
    return json.dumps(obj, sort_keys=True, default=str, ensure_ascii=False).encode()


# The tables whose rows may belong to one region (a row without a region belongs to all).
_OWN_ROWS = ("targets", "observations", "findings", "recommendations", "actions")


def _result_digest_row(result: Any) -> dict[str, Any]:
    # not ``rank``: it is over the whole dataset and printed in no region's document
    return {k: v for k, v in result_row(result, "en").items() if k not in ("rank", "rank_of")}


def region_fingerprints(card: Scorecard, regions: Sequence[Region], common: str) -> dict[str, str]:
    """What each region's documents depend on, hashed: its own rows, what every region shares
    (the settings, the rows of no single region, how many regions there are) with the options
    (``common``), and the scores of its comparison group (its ranks and comparison charts).

    Each table is read once, whatever the number of regions (a country's villages)."""
    data = card.dataset
    parents = {r.parent for r in regions}
    group_rows: dict[str | None, list[dict[str, Any]]] = {p: [] for p in parents}
    for result in card.results:
        if result.region.parent in group_rows:
            group_rows[result.region.parent].append(_result_digest_row(result))
    groups = {p: hashlib.sha256(_canon(rows)).hexdigest() for p, rows in group_rows.items()}
    shared: dict[str, Any] = data.model_dump(mode="json", exclude={"regions", *_OWN_ROWS})
    shared["regions"] = len(data.regions)  # the documents print it
    own: dict[str, dict[str, list]] = {r.code: {k: [] for k in _OWN_ROWS} for r in regions}
    for key in _OWN_ROWS:
        shared[key] = []
        for row in getattr(data, key):
            if row.region is None:
                shared[key].append(row.model_dump(mode="json"))
            elif row.region in own:
                own[row.region][key].append(row.model_dump(mode="json"))
    base = common.encode() + hashlib.sha256(_canon(shared)).hexdigest().encode()
    return {region.code: hashlib.sha256(
        base + groups[region.parent].encode()
        + _canon({"region": region.model_dump(mode="json"), **own[region.code]})).hexdigest()
        for region in regions}


def _common_fingerprint(data: Dataset, docs: Sequence[str], templates: Mapping[str, Template],
                        lang: str, pdf: bool, dpi: int = DEFAULT_DPI,
                        charts: str = "picture") -> str:
    h = hashlib.sha256()
    h.update(_canon({"version": __version__, "docs": list(docs), "lang": lang, "pdf": pdf,
                     "dpi": dpi, "charts": charts}))
    for name in docs:
        h.update(templates[name].sha256.encode())
    logo = data.document.letterhead.logo
    if logo:
        path = Path(data.source_dir or ".") / logo
        if path.is_file():
            h.update(hashlib.sha256(path.read_bytes()).hexdigest().encode())
    return h.hexdigest()


def _summary_fingerprint(data: Dataset, template: Template, lang: str, pdf: bool,
                         dpi: int = DEFAULT_DPI, charts: str = "picture") -> str:
    return hashlib.sha256(_canon({"version": __version__, "lang": lang, "pdf": pdf, "dpi": dpi,
                                  "charts": charts, "template": template.sha256,
                                  "data": data.model_dump(mode="json")})).hexdigest()


def run_batch(data: Dataset | str | Path, out_dir: str | Path, regions: Sequence[str] | None = None,
              docs: Sequence[str] = tuple(DOCUMENTS), templates: Mapping[str, TemplateRef] | None = None,
              doc_lang: Lang = "id", pdf: bool = False, jobs: int | None = 1, resume: bool = False,
              summary: bool = True,
              progress: Callable[[int, int, RegionOutcome], None] | None = None,
              lang: Lang = "id", dpi: int = DEFAULT_DPI, charts: str | None = None,
              cluster: Any = None, previous: PreviousCycle | Dataset | str | Path | None = None,
              include_drafts: bool = False) -> BatchResult:
    """Write the documents of each region (every region by default) into ``out_dir``.

    ``data`` is a :class:`Dataset` or a data file path. ``docs`` picks documents, ``templates``
    maps a document name to an edited .docx, ``doc_lang`` is the language of the documents,
    ``jobs`` the number of worker processes (None: one per core), ``resume`` skips regions
    that are up to date, ``summary`` also writes ``ringkasan-wilayah.docx`` when every region
    of a multi-region dataset is asked for. ``lang`` is the language of ``errors.txt``, ``dpi``
    the charts' pixel density (200 by default, for print), ``charts`` "picture" or "native"
    (charts Word can edit, with their data); None: as each template asks, else pictures.

    ``cluster`` renders on a Dask cluster instead of ``jobs`` processes: a scheduler's address
    (``tcp://host:8786``), ``local:N`` (N worker processes started on this machine for the
    run), a connected ``distributed.Client``, or an :class:`~evalreport.run.executor.Executor`.
    The documents are the same; ``out_dir`` and the data's folder (the logo) must be on storage
    every worker reaches at the same path (checked before anything is written).
    ``previous`` is the previous cycle (its dataset, its follow-up workbook, or either's path):
    each report then follows up its recommendations and actions
    (:mod:`evalreport.run.followup`). ``include_drafts`` prints the findings and
    recommendations still in draft (status usulan) and marks every page KONSEP.

    A region that fails is reported in the result (``failures``, ``errors_file``) without
    stopping the others. Problems that concern every region (an unknown document, a missing
    template, invalid data, an output folder that cannot be written or is in use by another
    run, a cluster worker that cannot see the output folder) raise at once, before anything is
    written. See the module documentation for the phases, the lock and what ``resume`` compares.
    """
    started = time.perf_counter()
    if not isinstance(data, Dataset):
        data = load(data)
    if include_drafts:
        data = data.with_drafts()
    if cluster is not None and not isinstance(cluster, (InProcess, ProcessPool)):
        # workers elsewhere find the logo by this path, not by this process's folder
        data = data.model_copy(update={"source_dir": str(Path(data.source_dir or ".").absolute())})
    docs = list(docs)
    chosen = choose_regions(data, regions)
    overrides = dict(templates or {})
    loaded = resolve_templates(docs, overrides, doc_lang)
    want_summary = summary and len(data.regions) > 1 and regions is None
    summary_template = (as_template(overrides.get(SUMMARY_DOC, SUMMARY_DOC), doc_lang)
                        if want_summary else None)
    if pdf:
        require_soffice()  # before any work, not after every region
    local_workers(cluster)  # Dask installed, the address well formed: before any work too
    cycle = previous_cycle(data, previous) if previous is not None else None
    card = score(data, previous=cycle)
    cache = ChartCache()
    maker = DocumentMaker(data, docs, loaded, doc_lang, dpi, card=card, cache=cache,
                          charts=charts)
    summary_charts = chart_mode(charts, summary_template)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(chosen) or 1))
    executor = executor_for(jobs, cluster)  # a cluster that cannot be reached leaves no folder
    try:
        out_dir = ensure_folder(out_dir)
        with folder_lock(out_dir) as lock:
            if executor.remote:
                out_dir = out_dir.absolute()
                logo = data.document.letterhead.logo
                executor.check(out_dir, lock, [Path(data.source_dir) / logo] if logo else [])
            result = _in_folder(data, card, maker, executor, chosen, summary_template, out_dir,
                                docs, loaded, doc_lang, pdf, resume, progress, lang, dpi,
                                summary_charts, _cycle_print(cycle, include_drafts))
    finally:
        if executor is not cluster:
            executor.close()
    templates_used = [*loaded.values(), *([summary_template] if summary_template else [])]
    result.warnings = [p for t in templates_used for p in t.problems]
    result.seconds = time.perf_counter() - started
    return result


def _cycle_print(cycle: PreviousCycle | None, include_drafts: bool) -> str:
    """What the previous cycle and the drafts add to every fingerprint: a changed follow-up or
    drafts shown re-render every region and the summary."""
    out = "+drafts" if include_drafts else ""
    if cycle is not None:
        out += hashlib.sha256(_canon(cycle.model_dump(mode="json"))).hexdigest()
    return out


def _in_folder(data: Dataset, card: Scorecard, maker: DocumentMaker, executor: Executor,
               chosen: list[Region], summary_template: Template | None, out_dir: Path,
               docs: list[str], loaded: Mapping[str, Template], doc_lang: Lang, pdf: bool,
               resume: bool, progress: Callable[[int, int, RegionOutcome], None] | None,
               lang: Lang, dpi: int, summary_charts: str, cycle_print: str = "") -> BatchResult:
    """The run in its locked folder: what is to do, the phases, the summary, provenance,
    errors.txt."""
    for folder in [out_dir, *(out_dir / region_folder(r) for r in chosen)]:
        sweep_leftovers(folder)  # what a killed run was writing
    state = RunState.load(out_dir)
    common = _common_fingerprint(data, docs, loaded, doc_lang, pdf, dpi, maker.charts) + cycle_print
    prints = region_fingerprints(card, chosen, common)
    todo = [r for r in chosen if not (resume and state.region_done(r.code, prints[r.code]))]
    skipped = [r for r in chosen if r not in todo]
    summary_print = (_summary_fingerprint(data, summary_template, doc_lang, pdf, dpi,
                                          summary_charts) + cycle_print
                     if summary_template else "")
    summary_due = bool(summary_template) and not (resume and state.summary_done(summary_print))
    state.start(forget=[r.code for r in todo], forget_summary=summary_due)
    try:
        result = _run(data, card, maker, executor, state, todo, prints, out_dir, pdf, doc_lang,
                      progress, dpi)
        result.skipped = skipped
        if summary_due and result.stopped is None and (not todo or any(o.ok for o in result.outcomes)):
            _summary(result, state, card, maker.figures.cache, summary_template,  # type: ignore[arg-type]
                     summary_print, out_dir, doc_lang, pdf, dpi, summary_charts)
        _provenance(result, data, loaded, summary_template, out_dir)
        _errors_file(result, out_dir, lang)
    finally:
        try:
            state.finish()
        except OutputError:
            pass  # the journal keeps what the state file could not; the next run folds it in
    return result


def _run(data: Dataset, card: Scorecard, maker: DocumentMaker, executor: Executor,
         state: RunState, todo: list[Region], prints: dict[str, str], out_dir: Path, pdf: bool,
         doc_lang: str, progress: Callable[[int, int, RegionOutcome], None] | None,
         dpi: int = DEFAULT_DPI) -> BatchResult:
    """Phases 2 and 3 (see the module documentation), on ``executor``'s workers."""
    cache = maker.figures.cache
    # 2. regions, streamed; each recorded as done as soon as it is written
    result = BatchResult([])
    by_code = {r.code: r for r in todo}

    def collect(code: str, outcome: RegionOutcome | Lost) -> None:
        if isinstance(outcome, Lost) and outcome.deaths is None:  # the cluster is gone
            if result.stopped is None:
                result.stopped = Problem(Location(), _(  # Dask's detail: for --debug
                    "the Dask scheduler stopped answering; start it again and run the same "
                    "command with --resume"), code="cluster-lost")
            executor.halt()
            return  # left unrendered, not failed: nothing is wrong with the region
        if isinstance(outcome, Lost):
            outcome = lost(by_code[code], outcome)
        result.outcomes.append(outcome)
        if outcome.stops_run and result.stopped is None:
            result.stopped = outcome.problems[0]
            executor.halt()
        elif outcome.ok and not pdf:
            try:
                state.record(outcome.region.code, prints[outcome.region.code], outcome.paths)
            except OutputError as exc:
                result.stopped = exc.problem()
                executor.halt()
        if progress:
            progress(len(result.outcomes), len(todo), outcome)

    shared = (data, card, maker.docs, maker.templates, doc_lang, cache, str(out_dir), dpi,
              maker.charts)
    ready = {"regions": {r.code: r for r in data.regions}, "out": str(out_dir), "maker": maker}
    # a province's regions together: each worker draws that province's comparison pictures
    # once (a frame kept per process) rather than every worker drawing every province's
    for code, outcome in executor.map(_region_worker, _render_one, shared, list(by_code),
                                      ready=ready, name="evalreport-region",
                                      together=lambda code: by_code[code].parent):
        collect(code, outcome)
    order = {r.code: n for n, r in enumerate(todo)}
    result.outcomes.sort(key=lambda o: order[o.region.code])
    seen = {o.region.code for o in result.outcomes}
    result.unrendered = [r for r in todo if r.code not in seen]

    # 3. PDFs in batches; a region is done when its PDFs are
    if pdf and result.stopped is None:
        _pdfs(result.outcomes, executor)
        for o in result.outcomes:
            if o.ok:
                state.record(o.region.code, prints[o.region.code], o.paths)
    return result


def _summary(result: BatchResult, state: RunState, card: Scorecard, cache: ChartCache,
             template: Template, digest: str, out_dir: Path, doc_lang: str, pdf: bool,
             dpi: int = DEFAULT_DPI, charts: str = "picture") -> None:
    """Phase 4: the regional summary; its failure is a problem of the run."""
    place = Location(file=f"{SUMMARY_DOC}.docx")
    try:
        result.summary = render_summary(card.dataset, out_dir, template, doc_lang, pdf,  # type: ignore[arg-type]
                                        card=card, figures=FigureMaker(card, doc_lang, dpi, cache=cache,
                                                                       charts=charts))
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


def _pdfs(outcomes: list[RegionOutcome], executor: Executor) -> None:
    docs = [(o, p) for o in outcomes if o.ok for p in o.paths if p.suffix == ".docx"]
    chunks = [docs[i:i + PDF_BATCH] for i in range(0, len(docs), PDF_BATCH)]
    work = [(n, [str(p) for _, p in c]) for n, c in enumerate(chunks)]
    results: dict[int, tuple[list[str], Problem | None]] = {}
    for (n, _paths), converted in executor.map(None, _convert_batch, None, work,
                                               name="evalreport-pdf"):
        if isinstance(converted, Lost):
            converted = ([], Problem(Location(), _("PDF: {error}", error=converted.detail),
                                     code="pdf"))
        results[n] = converted
    for n, chunk in enumerate(chunks):
        pdfs, problem = results.get(n, ([], None))
        for o, p in chunk:
            pdf = p.with_suffix(".pdf")
            if str(pdf) in pdfs:
                o.paths.append(pdf)
            elif problem and o.ok:
                o.fail([problem])
