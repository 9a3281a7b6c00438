"""Where a run's work is done: in this process, in worker processes of this machine, or on the
workers of a Dask cluster. :mod:`evalreport.run.batch` runs the same phases over any of them.

A phase maps one task over many items (the parents whose comparison charts are drawn, the
regions, the batches of documents converted to PDF). What every item of a phase needs (the
dataset, its scorecard, the templates, the shared charts: ``shared``) is handed to each worker
once; from it a worker makes its state once (``prepare``: a document maker with its compiled
templates) and keeps it for every item of the phase it runs. Results come back as they finish,
so the process that drives the run (it holds the output folder's lock and the resume state)
records each one at once; workers only write the files of their own items.

* :class:`InProcess`: no other process (``jobs=1``).
* :class:`ProcessPool`: ``jobs`` worker processes forked from this one; they inherit ``shared``
  without a copy being sent.
* :class:`DaskCluster`: the workers of a Dask scheduler (``tcp://host:8786``) or of a cluster
  started for the run on this machine (``local:N``, N worker processes). ``shared`` is pickled
  and sent to the scheduler once per phase, as the argument of one task that every item's task
  depends on: each worker fetches those bytes once and unpickles its own copy, and the
  scheduler can make them again if every worker holding them dies. Items are submitted a
  window at a time (a few per worker thread), so the scheduler holds a few hundred tasks, not
  one per region of the country. A worker that dies while running an item is replaced, and
  Dask runs the item again on another worker; an item whose workers died more often than the
  scheduler allows (its ``allowed-failures``, 3 by default) comes back as :class:`Lost`
  instead of a result, and the run reports that region.
  When the scheduler is gone, the items still out come back as :class:`Lost` without deaths and
  no more are submitted.

A task that raises, raises in the driving process too (tasks of a run catch what concerns one
region themselves). :meth:`Executor.halt` stops a phase: no new item is started, the items
already running finish and are returned.
"""
from __future__ import annotations

import logging
import math
import multiprocessing as mp
import os
import pickle
import threading
import uuid
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .._version import __version__
from ..errors import EvalReportError, Location, Problem, ProblemsError
from ..i18n.messages import _, verbatim

__all__ = ["Executor", "InProcess", "ProcessPool", "DaskCluster", "Lost", "executor_for",
           "local_workers", "INSTALL_DASK"]

INSTALL_DASK = "pip install 'evalreport[dask]'"

Prepare = Callable[[Any], Any]
Task = Callable[[Any, Any], Any]


class Lost:
    """An item whose task never finished: the workers running it died ``deaths`` times, or
    the cluster dropped it (``deaths`` is None). ``detail`` is Dask's own account."""

    def __init__(self, detail: str, deaths: int | None = None):
        self.detail = detail
        self.deaths = deaths

    def __repr__(self) -> str:
        return f"Lost({self.detail!r}, deaths={self.deaths})"


class _Halted:
    """What a worker returns for an item it was told not to start."""


# ----------------------------------------------------------------------------- worker side

# Per worker process: the state of each phase it takes part in, by the phase's token. Dask runs
# tasks on threads; the documents' makers keep caches that are not made for threads, so a worker
# process runs one item at a time (start Dask workers with one thread each: see docs/batch.md).
_states: dict[str, Any] = {}
_lock = threading.Lock()
_KEEP = 4  # phases whose state a long-lived worker keeps (runs from several clients at once)
# how many times an item whose result was lost with its worker is run again
RESULT_RETRIES = 3


class _PrepareFailed:
    def __init__(self, exc: BaseException):
        self.exc = exc


def _prepared(token: str, prepare: Prepare | None, shared: Any, packed: bool = False) -> Any:
    state = _states.get(token)
    if state is None:
        try:
            if packed:  # this worker's own copy: its state may change it (compiled templates)
                shared = pickle.loads(shared)
            state = prepare(shared) if prepare is not None else shared
        except Exception as exc:  # noqa: BLE001 - raised again by every item (see _item)
            state = _PrepareFailed(exc)
        while len(_states) >= _KEEP:
            _states.pop(next(iter(_states)))
        _states[token] = state
    return state


def _item(token: str, prepare: Prepare | None, task: Task, shared: Any, item: Any) -> Any:
    """One item on a Dask worker (or in this process)."""
    with _lock:
        state = _prepared(token, prepare, shared, packed=True)
        if isinstance(state, _PrepareFailed):
            raise state.exc
        return task(state, item)


def _keep(value: bytes) -> bytes:
    """The task whose result is a phase's ``shared``, pickled (its argument, kept by the
    scheduler)."""
    return value


def _forget(token: str) -> None:
    _states.pop(token, None)


def _probe(lock: str, files: Sequence[str]) -> dict[str, Any]:
    """On each worker: its evalreport version, what it reads in the run's lock file, which of
    ``files`` it cannot read."""
    try:
        seen: str | None = Path(lock).read_text(encoding="utf-8")
    except OSError:
        seen = None
    return {"version": __version__, "lock": seen,
            "missing": [f for f in files if not os.access(f, os.R_OK)]}


_pool: dict[str, Any] = {}  # in a pool worker: its phase's token, task and halt event


def _pool_init(token: str, prepare: Prepare | None, task: Task, shared: Any, halt: Any) -> None:
    # must not raise: multiprocessing would start the worker again for ever
    _states.clear()  # the parent's, inherited through fork
    _pool.update(token=token, task=task, halt=halt)
    _prepared(token, prepare, shared)


def _pool_item(item: Any) -> Any:
    if _pool["halt"].is_set():
        return _Halted()
    state = _states[_pool["token"]]
    if isinstance(state, _PrepareFailed):
        raise state.exc
    return _pool["task"](state, item)


def _pool_group(group: list[tuple[int, Any]]) -> list[tuple[int, Any]]:
    """Items that share work, one after the other in this worker; the items after a halt are
    not started, nor those after a result that halts the phase (see :meth:`Executor.map`)."""
    out = []
    for n, item in group:
        result = _pool_item(item)
        if getattr(result, "halts", False):
            _pool["halt"].set()  # the other workers start nothing more either
        out.append((n, result))
    return out


# ----------------------------------------------------------------------------- driving side

class Executor:
    """Runs a run's phases; see the module documentation. ``workers`` is how many items run at
    once (for sizing the phases)."""

    workers: int = 1
    remote: bool = False  # workers on other machines: paths must be absolute, files shared

    def map(self, prepare: Prepare | None, task: Task, shared: Any, items: Iterable[Any],
            ready: Any = None, name: str = "evalreport",
            together: Callable[[Any], Hashable] | None = None) -> Iterator[tuple[Any, Any]]:
        """``(item, task(state, item))`` for each item, in the order they finish, where
        ``state`` is ``prepare(shared)`` made once per worker (``shared`` itself without
        ``prepare``). ``ready`` is a state already made in this process, used when the items
        run here. A result is :class:`Lost` when the item's task never finished.

        ``together(item)``: items with the same value share work that a worker keeps (a
        province's comparison pictures, drawn once per worker): an executor that can runs them
        on the same worker. It changes which worker runs an item, never its result. A result
        whose ``halts`` attribute is true stops the phase there, in a worker's group too."""
        raise NotImplementedError

    def halt(self) -> None:
        """Start no more items of the current phase."""

    def check(self, folder: Path, lock: Path, files: Sequence[Path] = ()) -> None:
        """Raise :class:`~evalreport.errors.ProblemsError` unless every worker sees the output
        folder (``lock``, the run's lock file in it, reads the same) and the files, and runs
        this version of evalreport. Nothing to check for processes of this machine."""

    def close(self) -> None:
        """Give back the workers (a cluster started for the run is stopped)."""

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


class InProcess(Executor):
    """Every item in this process, one after the other."""

    def __init__(self) -> None:
        self._halt = False

    def map(self, prepare, task, shared, items, ready=None, name="evalreport", together=None):
        self._halt = False
        state = ready
        for item in items:
            if self._halt:
                return
            if state is None:
                state = prepare(shared) if prepare is not None else shared
            yield item, task(state, item)

    def halt(self) -> None:
        self._halt = True


def _mp_context():
    # fork: workers inherit the loaded modules and the phase's shared things without a copy
    return mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()


class ProcessPool(Executor):
    """``jobs`` worker processes on this machine, a new pool per phase (forked when the
    phase's shared things are ready). A phase of one item runs in this process."""

    def __init__(self, jobs: int):
        self.workers = max(1, jobs)
        self._here = InProcess()
        self._event: Any = None

    def map(self, prepare, task, shared, items, ready=None, name="evalreport", together=None):
        items = list(items)
        if self.workers <= 1 or len(items) <= 1:
            yield from self._here.map(prepare, task, shared, items, ready, name)
            return
        ctx = _mp_context()
        self._event = ctx.Event()
        token = f"{name}-{uuid.uuid4().hex[:12]}"
        with ctx.Pool(min(self.workers, len(items)), _pool_init,
                      (token, prepare, task, shared, self._event)) as pool:
            positions = ([[n] for n in range(len(items))] if together is None else
                         groups(items, together, self.workers))
            for item, result in _grouped(pool, items, positions):
                if not isinstance(result, _Halted):
                    yield item, result

    def halt(self) -> None:
        self._here.halt()
        if self._event is not None:
            self._event.set()


def groups(items: Sequence[Any], together: Callable[[Any], Hashable], workers: int
           ) -> list[list[int]]:
    """The items' positions in groups of the same ``together`` value, largest first (so that
    the last groups to finish are short ones and no worker waits long for another). A value
    shared by more than a quarter of a worker's share of the items is cut into groups of that
    size, so that one province's regions still spread over every worker."""
    most = max(1, math.ceil(len(items) / (4 * max(1, workers))))
    by: dict[Hashable, list[int]] = {}
    for n, item in enumerate(items):
        by.setdefault(together(item), []).append(n)
    out = [g[i:i + most] for g in by.values() for i in range(0, len(g), most)]
    return sorted(out, key=len, reverse=True)  # stable: same-sized groups keep their order


def _grouped(pool: Any, items: list[Any], positions: list[list[int]]
             ) -> Iterator[tuple[Any, Any]]:
    """The pool's results group by group as each group finishes, each with its item."""
    work = [[(n, items[n]) for n in g] for g in positions]
    for done in pool.imap_unordered(_pool_group, work, chunksize=1):
        for n, result in done:
            yield items[n], result


def _require_dask() -> Any:
    try:
        import distributed  # optional: only --cluster needs it
    except ImportError:
        raise EvalReportError(_("--cluster needs Dask: {command}", command=INSTALL_DASK)) from None
    return distributed


class DaskCluster(Executor):
    """The workers of a Dask cluster: ``address`` is a scheduler's (``tcp://host:8786``),
    ``local:N`` (a cluster of N worker processes started on this machine for the run and
    stopped after it), or a connected ``distributed.Client`` (kept open).

    ``allowed_failures`` sets how many times a region's worker may die before the region is
    reported instead of tried again, for a cluster started here (a scheduler elsewhere keeps
    its own setting). ``wait`` is how long to wait for a first worker."""

    remote = True

    def __init__(self, address: Any, allowed_failures: int | None = None, wait: float = 60.0):
        distributed = _require_dask()
        import dask

        self._cluster: Any = None
        self._own = True
        self._halt = False
        self._tokens: list[str] = []
        self.address = str(address) if isinstance(address, str) else ""
        n = local_workers(address)
        if n is not None:
            # a worker is handed one region at a time: when it dies, only the region it was
            # rendering counts a death (Dask counts one for every task given to that worker)
            settings: dict[str, Any] = {"distributed.scheduler.worker-saturation": 1.0}
            if allowed_failures is not None:
                settings["distributed.scheduler.allowed-failures"] = allowed_failures
            with dask.config.set(settings):
                self._cluster = distributed.LocalCluster(
                    n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0",
                    silence_logs=logging.ERROR)
            self.client = distributed.Client(self._cluster, set_as_default=False)
        elif isinstance(address, str):
            try:
                self.client = distributed.Client(address, timeout=min(wait, 20.0),
                                                 set_as_default=False)
            except (OSError, TimeoutError, ValueError) as exc:
                raise EvalReportError(_("cannot reach the Dask scheduler at {address}: {error}",
                                        address=address, error=str(exc) or type(exc).__name__)
                                      ) from None
        else:
            self.client = address
            self._own = False
        try:
            self.client.wait_for_workers(1, timeout=wait)
        except (TimeoutError, OSError):
            self.close()
            raise EvalReportError(_("no Dask worker joined the scheduler at {address} within "
                                    "{seconds} s", address=self.address or self.client.scheduler.address,
                                    seconds=int(wait))) from None
        self.workers = max(1, sum(self.client.nthreads().values()))

    def check(self, folder: Path, lock: Path, files: Sequence[Path] = ()) -> None:
        try:
            expected = lock.read_text(encoding="utf-8")
        except OSError:
            expected = None
        found = self.client.run(_probe, str(lock), [str(f) for f in files])
        problems = []
        for worker, seen in sorted(found.items()):
            where = Location(place=verbatim(str(worker)))
            if seen["version"] != __version__:
                problems.append(Problem(where, _(
                    "the worker runs evalreport {theirs}, this run {ours}: install the same "
                    "version on every worker", theirs=seen["version"], ours=__version__),
                    code="cluster-version"))
            if expected is None or seen["lock"] != expected:
                problems.append(Problem(where, _(
                    "the worker does not see the output folder {folder}: put it on storage that "
                    "every worker mounts at the same path", folder=str(folder)),
                    code="cluster-storage"))
            for path in seen["missing"]:
                problems.append(Problem(where, _(
                    "the worker cannot read {path}: put it on storage that every worker mounts "
                    "at the same path", path=path), code="cluster-storage"))
        if problems:
            raise ProblemsError(problems)

    def map(self, prepare, task, shared, items, ready=None, name="evalreport", together=None):
        # ``together`` is not followed: one region a task, so that a worker that dies
        # counts a death against the region it was rendering only
        import dask
        from distributed import as_completed
        from distributed.scheduler import KilledWorker

        self._halt = False
        token = f"{name}-{uuid.uuid4().hex[:12]}"
        self._tokens.append(token)
        client = self.client
        # shared goes into the graph once, on purpose: the scheduler keeps it, so it can be
        # made again when every worker holding it has died (scattered data would be lost).
        # Pickled here, so that workers pass each other these bytes, never an object that a
        # worker's state has changed (a template with its compiled parts does not travel).
        blob = pickle.dumps(shared, protocol=pickle.HIGHEST_PROTOCOL)
        with dask.config.set({"distributed.admin.large-graph-warning-threshold": "64GiB"}):
            held = client.submit(_keep, blob, key=f"{token}-shared", pure=False)
        todo = iter(enumerate(items))
        running: dict[str, tuple[int, Any]] = {}
        again: list[tuple[int, Any]] = []  # items whose result went with a dead worker
        tries: dict[int, int] = {}
        done = as_completed(loop=client.loop)
        window = max(16, 4 * self.workers)

        def submit() -> bool:
            if self._halt:
                return False
            if again:
                n, item = again.pop(0)
            else:
                try:
                    n, item = next(todo)
                except StopIteration:
                    return False
            tries[n] = tries.get(n, 0) + 1
            try:
                future = client.submit(_item, token, prepare, task, held, item,
                                       key=f"{token}-{n}-{tries[n]}", pure=False)
            except Exception:  # noqa: BLE001 - the scheduler is gone: the item stays undone
                self._halt = True
                return False
            running[future.key] = (n, item)
            done.add(future)
            return True

        def retried(n: int, item: Any) -> bool:
            """A result lost with its worker while the scheduler still answers: the item is
            run again (its files are written together, so running it twice is harmless)."""
            if client.status != "running" or tries.get(n, 0) >= RESULT_RETRIES:
                return False
            again.append((n, item))
            return submit()

        for _n in range(window):
            if not submit():
                break
        try:
            for future in done:
                n, item = running.pop(future.key)
                if future.status == "finished":
                    try:  # fetched from its worker: the cluster may be gone meanwhile
                        result = future.result()
                    except Exception as exc:  # noqa: BLE001 - finished: not the task's error
                        _quietly(future.release)
                        if retried(n, item):
                            continue
                        self._halt = True
                        result = Lost(str(exc) or type(exc).__name__)
                    submit()
                elif future.status == "error":
                    submit()
                    error = future.exception()
                    if not isinstance(error, KilledWorker):
                        raise error
                    result = Lost(str(error), getattr(error, "allowed_failures", 0) + 1)
                else:  # cancelled, or its result lost
                    _quietly(future.release)
                    if retried(n, item):
                        continue
                    self._halt = True  # the scheduler is gone
                    try:
                        future.result(timeout=1)
                        detail = future.status
                    except Exception as exc:  # noqa: BLE001 - its reason, for the report
                        detail = str(exc) or type(exc).__name__
                    result = Lost(detail)
                _quietly(future.release)
                if not isinstance(result, _Halted):
                    yield item, result
        finally:
            for future in list(done.futures):
                _quietly(future.cancel)
            _quietly(held.release)

    def halt(self) -> None:
        self._halt = True

    def close(self) -> None:
        if self._tokens and getattr(self, "client", None) is not None and not self._own:
            try:  # a cluster that stays up gives back what this run's phases kept
                for token in self._tokens:
                    self.client.run(_forget, token)
            except Exception:  # noqa: BLE001 - the run is over; a worker gone is no problem
                pass
        self._tokens.clear()
        if self._own:  # a scheduler already gone must not turn the run's report into an error
            if getattr(self, "client", None) is not None:
                _quietly(self.client.close)
            if self._cluster is not None:
                _quietly(self._cluster.close)


def _quietly(call: Callable[[], Any]) -> None:
    """Tell the scheduler something that does not matter any more if it is gone."""
    try:
        call()
    except Exception:  # noqa: BLE001 - see above
        pass


def local_workers(cluster: Any) -> int | None:
    """N of ``local:N``; None for any other cluster. Raises at once, before a run starts,
    when Dask is not installed or the address is not one."""
    if isinstance(cluster, Executor) or cluster is None:
        return None
    _require_dask()
    if not isinstance(cluster, str):
        return None
    if cluster.startswith("local:"):
        try:
            n = int(cluster.split(":", 1)[1])
            if n >= 1:
                return n
        except ValueError:
            pass
    elif "://" in cluster or ":" in cluster:
        return None
    raise EvalReportError(_(
        "'{value}' is not a cluster address: write local:N (N worker processes on this "
        "machine) or the scheduler's address, like tcp://host:8786", value=cluster))


def executor_for(jobs: int | None = 1, cluster: Any = None) -> Executor:
    """The executor a run asks for: a Dask cluster when ``cluster`` is given (an address,
    ``local:N``, a ``distributed.Client`` or an :class:`Executor`), else ``jobs`` processes
    (None: one per core)."""
    if isinstance(cluster, Executor):
        return cluster
    if cluster is not None:
        return DaskCluster(cluster)
    jobs = jobs or os.cpu_count() or 1
    return ProcessPool(jobs) if jobs > 1 else InProcess()
