"""Many regions in one run: worker processes, shared charts drawn once, resume, summary.

Phases, each over a pool of worker processes (or in this process with ``jobs=1``):

1. the charts shared by many documents (each parent region's comparison of its regions) are
   drawn once and handed to every worker;
2. regions are streamed to the workers one at a time; each worker builds its templates, fonts
   and scorecard once, renders a region, writes its files and returns only their paths, so
   memory does not grow with the number of regions;
3. with ``pdf``, the documents are converted in batches, one LibreOffice per worker;
4. the regional summary (``ringkasan-wilayah.docx``) is rendered when there are several regions.

``resume`` skips a region whose documents exist and whose inputs (its own data, the shared
settings, the templates, the options) hash as in the last run. Ranks and comparison charts in
other regions' documents depend on every region: a plain run (without ``resume``) refreshes them.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing as mp
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from .._version import __version__
from .convert import require_soffice, to_pdf
from .documents import DOCUMENTS, DocumentMaker, RegionOutcome, choose_regions, provenance
from ..errors import EvalReportError, Lang, ProblemsError
from ..charts.figures import ChartCache, FigureMaker
from ..data.load import load
from ..data.model import Dataset, Region
from ..output import write_text
from ..scoring.scorecard import score
from ..word.rendering import load_template
from .summary import render_summary

STATE_FILE = ".evalreport-state.json"
PROVENANCE_FILE = "evalreport-provenance.json"
ERRORS_FILE = "errors.txt"
SUMMARY_DOC = "ringkasan-wilayah"
PDF_BATCH = 24  # documents per LibreOffice call


@dataclass
class BatchResult:
    outcomes: list[RegionOutcome]
    skipped: list[Region] = field(default_factory=list)
    summary: Path | None = None
    errors_file: Path | None = None
    seconds: float = 0.0

    @property
    def paths(self) -> list[Path]:
        out = [p for o in self.outcomes for p in o.paths]
        return out + ([self.summary] if self.summary else [])

    @property
    def failures(self) -> list[RegionOutcome]:
        return [o for o in self.outcomes if not o.ok]


# ------------------------------------------------------------------------------ worker side

_worker: dict[str, Any] = {}


def _init(data: Dataset, docs: list[str], templates: Mapping[str, Any], lang: str,
          cache: ChartCache) -> None:
    """Once per worker: scorecard, compiled templates, fonts (first chart) and shared charts.

    An initializer must not raise: multiprocessing would restart the worker for ever. The
    error is kept and every task of this worker reports it instead."""
    _worker["data"] = data
    try:
        _worker["maker"] = DocumentMaker(data, docs, templates, lang, cache=cache)  # type: ignore[arg-type]
    except Exception as exc:  # noqa: BLE001 - reported per region by _render_one
        _worker["init_error"] = exc


def _render_one(args: tuple[str, str]) -> RegionOutcome:
    code, out_dir = args
    if "init_error" in _worker:
        exc = _worker["init_error"]
        error = exc.describe() if isinstance(exc, EvalReportError) else f"{type(exc).__name__}: {exc}"
        return RegionOutcome(_worker["data"].region(code), error=error)
    maker: DocumentMaker = _worker["maker"]
    region = maker.data.region(code)
    outcome = RegionOutcome(region)
    try:
        outcome.paths = maker.region(region, out_dir)
    except ProblemsError as exc:
        outcome.error, outcome.problems = exc.describe(maker.lang), exc.problems
    except EvalReportError as exc:
        outcome.error = exc.describe(maker.lang)
    except Exception as exc:  # one region's unexpected failure must not lose the others
        outcome.error = f"{type(exc).__name__}: {exc}"
    return outcome


def _init_shared(data: Dataset, lang: str) -> None:
    """Once per worker of the shared-chart phase: the scorecard and its figure maker (an error
    is kept for the task to raise, as in :func:`_init`)."""
    try:
        _worker["figures"] = FigureMaker(score(data), lang)
    except Exception as exc:  # noqa: BLE001 - raised again by _shared_chart
        _worker["init_error"] = exc


def _shared_chart(parent: str | None) -> tuple[tuple, Any]:
    if "init_error" in _worker:
        raise _worker["init_error"]
    maker: FigureMaker = _worker["figures"]
    chart = maker.comparison(parent)
    key = next(k for k in maker.cache.shared if k[:2] == ("comparison", parent))
    return key, chart


def _convert(args: tuple[list[str], str]) -> tuple[list[str], str | None]:
    paths, lang = args
    try:
        return [str(p) for p in to_pdf(paths, timeout=60.0 * len(paths) + 60)], None
    except EvalReportError as exc:
        return [], exc.describe(lang)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------ parent side

def _pool(jobs: int, initializer=None, initargs=()):  # fork: workers inherit loaded modules
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    return ctx.Pool(jobs, initializer=initializer, initargs=initargs)


def _canon(obj: Any) -> bytes:
    return json.dumps(obj, sort_keys=True, default=str, ensure_ascii=False).encode()


def region_fingerprint(data: Dataset, region: Region, common: str) -> str:
    """What a region's documents depend on, hashed: its own rows plus the shared settings."""
    part = data.for_region(region.code).model_dump(mode="json")
    return hashlib.sha256(common.encode() + _canon(part)).hexdigest()


def _common_fingerprint(data: Dataset, docs: Sequence[str], templates: dict[str, Any],
                        lang: str, pdf: bool) -> str:
    h = hashlib.sha256()
    h.update(_canon({"version": __version__, "docs": list(docs), "lang": lang, "pdf": pdf}))
    for name in docs:
        h.update(load_template(templates.get(name, name)).sha256.encode())
    logo = data.document.letterhead.logo
    if logo:
        path = Path(data.source_dir or ".") / logo
        if path.is_file():
            h.update(hashlib.sha256(path.read_bytes()).hexdigest().encode())
    return h.hexdigest()


def run_batch(data: Dataset | str | Path, out_dir: str | Path, regions: Sequence[str] | None = None,
              docs: Sequence[str] = tuple(DOCUMENTS), templates: Mapping[str, Any] | None = None,
              lang: Lang = "id", pdf: bool = False, jobs: int | None = 1, resume: bool = False,
              summary: bool = True,
              progress: Callable[[int, int, RegionOutcome], None] | None = None) -> BatchResult:
    """Write the documents of each region (every region by default) into ``out_dir``.

    ``data`` is a :class:`Dataset` or a data file path. ``docs`` picks documents, ``templates``
    maps a document name to an edited .docx, ``jobs`` is the number of worker processes (None:
    one per core), ``resume`` skips regions that are up to date, ``summary`` also writes
    ``ringkasan-wilayah.docx`` when every region of a multi-region dataset is rendered.

    A region that fails is reported in the result (``failures``, ``errors_file``) without
    stopping the others. Problems that concern every region (an unknown document, a missing
    template, invalid data) raise at once. See the module documentation for the phases.
    """
    started = time.perf_counter()
    if not isinstance(data, Dataset):
        data = load(data)
    templates = dict(templates or {})
    chosen = choose_regions(data, regions)
    DocumentMaker(data, docs, templates, lang, card=None)  # fail fast on unknown docs/templates
    if pdf:
        require_soffice()  # before any work, not after every region
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(chosen) or 1))

    state_path = out_dir / STATE_FILE
    state: dict[str, Any] = {}
    if state_path.exists():
        try:
            state = json.loads(state_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            state = {}
    common = _common_fingerprint(data, docs, templates, lang, pdf)
    prints = {r.code: region_fingerprint(data, r, common) for r in chosen}
    todo, skipped = [], []
    for r in chosen:
        prev = state.get(r.code)
        if (resume and prev and prev.get("hash") == prints[r.code]
                and all(Path(p).exists() for p in prev.get("files", []))):
            skipped.append(r)
        else:
            todo.append(r)

    # 1. shared charts, once each
    cache = ChartCache()
    if "laporan-evaluasi" in docs and todo:
        parents = sorted({r.parent for r in todo}, key=lambda p: p or "")
        if jobs > 1 and len(parents) > 1:
            with _pool(jobs, _init_shared, (data, lang)) as pool:
                for key, chart in pool.imap_unordered(_shared_chart, parents):
                    cache.shared[key] = chart
        else:
            maker = FigureMaker(score(data), lang, cache=cache)
            for p in parents:
                maker.comparison(p)

    # 2. regions, streamed
    outcomes: list[RegionOutcome] = []
    tasks = [(r.code, str(out_dir)) for r in todo]

    def collect(outcome: RegionOutcome) -> None:
        outcomes.append(outcome)
        if progress:
            progress(len(outcomes), len(tasks), outcome)

    if jobs > 1 and len(tasks) > 1:
        with _pool(jobs, _init, (data, list(docs), templates, lang, cache)) as pool:
            for outcome in pool.imap_unordered(_render_one, tasks, chunksize=1):
                collect(outcome)
    else:
        _init(data, list(docs), templates, lang, cache)
        for t in tasks:
            collect(_render_one(t))
    order = {r.code: n for n, r in enumerate(chosen)}
    outcomes.sort(key=lambda o: order[o.region.code])

    # 3. PDFs in batches
    if pdf:
        _pdfs(outcomes, jobs, lang)

    # remember what is up to date, forget what failed
    for o in outcomes:
        if o.ok:
            state[o.region.code] = {"hash": prints[o.region.code], "files": [str(p) for p in o.paths]}
        else:
            state.pop(o.region.code, None)
    write_text(state_path, json.dumps(state, indent=1, sort_keys=True))

    # 4. the regional summary
    summary_path = None
    if summary and len(data.regions) > 1 and regions is None:
        try:
            summary_path = render_summary(data, out_dir, templates.get(SUMMARY_DOC), lang, pdf)
        except ProblemsError as exc:
            outcomes.append(RegionOutcome(Region(code="-", name=SUMMARY_DOC), error=exc.describe(lang),
                                          problems=exc.problems))
        except EvalReportError as exc:
            outcomes.append(RegionOutcome(Region(code="-", name=SUMMARY_DOC), error=exc.describe(lang)))

    write_provenance(out_dir, data, docs, templates, outcomes, summary_path)

    errors_path = out_dir / ERRORS_FILE
    failures = [o for o in outcomes if not o.ok]
    if failures:
        lines = [f"{o.region.code} {o.region.name}\n  " + (o.error or "").replace("\n", "\n  ")
                 for o in failures]
        write_text(errors_path, "\n".join(lines) + "\n")
    elif errors_path.exists():
        errors_path.unlink()
    return BatchResult(outcomes, skipped, summary_path, errors_path if failures else None,
                       time.perf_counter() - started)


def write_provenance(out_dir: Path, data: Dataset, docs: Sequence[str], templates: Mapping[str, Any],
                     outcomes: list[RegionOutcome], summary: Path | None) -> Path:
    """``evalreport-provenance.json``: for every document in ``out_dir``, what it was made from
    (the values of its custom properties). A document skipped by ``resume`` keeps the entry of
    the run that wrote it, so the file stays true when only some regions are rendered again."""
    path = out_dir / PROVENANCE_FILE
    try:
        old = json.loads(path.read_text(encoding="utf-8")).get("documents", {})
    except (OSError, ValueError, AttributeError):
        old = {}
    entries = {k: v for k, v in old.items() if (out_dir / k).exists()}
    loaded = {name: load_template(templates.get(name, name)) for name in docs}
    by_code = {r.code: r for r in data.regions}
    for o in outcomes:
        if not o.ok or o.region.code not in by_code:
            continue
        for p in o.paths:
            if p.suffix == ".docx" and p.stem in loaded:
                entries[p.relative_to(out_dir).as_posix()] = dict(
                    provenance(data, loaded[p.stem], by_code[o.region.code]))
    if summary is not None:
        tpl = load_template(templates.get(SUMMARY_DOC, SUMMARY_DOC))
        entries[summary.relative_to(out_dir).as_posix()] = dict(provenance(data, tpl))
    write_text(path, json.dumps({"documents": dict(sorted(entries.items()))}, indent=1,
                                ensure_ascii=False) + "\n")
    return path


def _pdfs(outcomes: list[RegionOutcome], jobs: int, lang: str) -> None:
    docs = [(o, p) for o in outcomes if o.ok for p in o.paths if p.suffix == ".docx"]
    chunks = [docs[i:i + PDF_BATCH] for i in range(0, len(docs), PDF_BATCH)]
    work = [([str(p) for _, p in c], lang) for c in chunks]
    if jobs > 1 and len(work) > 1:
        with _pool(jobs) as pool:
            results = pool.map(_convert, work)
    else:
        results = [_convert(w) for w in work]
    for chunk, (pdfs, error) in zip(chunks, results):
        for o, p in chunk:
            pdf = p.with_suffix(".pdf")
            if str(pdf) in pdfs:
                o.paths.append(pdf)
            elif error and o.ok:
                o.error = f"PDF: {error}"
