"""Writing files so that a failure never leaves a partial file nor destroys a good one.

* :func:`write_bytes` writes one file: to a temporary file in the target folder, flushed to
  disk, then moved into place with :func:`os.replace`, which is atomic on one file system.
* :func:`write_together` writes several files as one: all of them, or none. Every new file is
  first written in full to a temporary file beside its target; a failure there (a full disk,
  no permission) removes the temporary files and leaves every old file as it was. Then each
  old file is moved aside and its new one moved in; if a move fails, the moves already made
  are undone, so the folder holds either all the new files or all the old ones. Only a crash
  of the machine or of the process (``kill -9``) between two moves can leave a mix, and a run
  records a region as done only after all its moves (see :mod:`evalreport.run.state`).
* :func:`folder_lock` keeps a second run out of an output folder while one writes into it.

A file or folder that cannot be written raises :class:`OutputError`, which names the path and
the reason in the reader's language (a full disk, a read-only folder, a path below a file).
"""
from __future__ import annotations

import errno
import json
import os
import re
import socket
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from .errors import EvalReportError, Location, Problem
from .i18n.messages import Message, _, verbatim

try:  # the folder lock: flock where there is one (every Unix), msvcrt's lock on Windows
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt

LOCK_FILE = ".evalreport.lock"

# What an operating-system error means for the person running evalreport.
_REASONS: dict[int, Message] = {
    errno.ENOSPC: _("no space left on the disk"),
    errno.EROFS: _("the file system is read-only"),
    errno.EACCES: _("permission denied"),
    errno.EPERM: _("permission denied"),
    errno.ENOTDIR: _("a part of the path is a file, not a folder"),
    errno.EEXIST: _("a file of that name stands where a folder is needed"),
    errno.EISDIR: _("a folder of that name stands where a file is needed"),
    errno.ENAMETOOLONG: _("the name is too long"),
}
if hasattr(errno, "EDQUOT"):
    _REASONS[errno.EDQUOT] = _("the disk quota is used up")

# Errors after which no other file of the same folder can be written either.
_FATAL = {errno.ENOSPC, errno.EROFS, getattr(errno, "EDQUOT", errno.ENOSPC)}


def reason(exc: OSError) -> Message:
    """Why the operating system refused, in words (its own text for a rare error)."""
    known = _REASONS.get(exc.errno or 0)
    if known is not None:
        return known
    return verbatim(exc.strerror or str(exc) or type(exc).__name__)


class OutputError(EvalReportError):
    """A file or folder of the output cannot be written."""

    def __init__(self, path: str | Path, exc: OSError):
        self.path = Path(path)
        self.errno = exc.errno
        self.reason = reason(exc)
        super().__init__(_("cannot write {path}: {reason}", path=str(self.path), reason=self.reason))

    @property
    def fatal(self) -> bool:
        """True when the folder as a whole cannot take more (a full disk, a read-only file
        system): writing other files there is pointless."""
        return self.errno in _FATAL

    def problem(self) -> Problem:
        """The same error as a :class:`Problem` placed at the file."""
        return Problem(Location(file=str(self.path)), _("cannot write the file: {reason}",
                                                        reason=self.reason), code="output")


class FolderLocked(EvalReportError):
    """Another run is writing into the same output folder."""

    def __init__(self, folder: Path, holder: Mapping[str, object]):
        self.folder = folder
        self.holder = dict(holder)
        started = holder.get("started")
        when = (time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(float(started)))
                if isinstance(started, (int, float)) else "?")
        super().__init__(_(
            "{folder} is in use by another evalreport run (process {pid} on {host}, started "
            "{started}); wait for it to finish or write into another folder",
            folder=str(folder), pid=holder.get("pid", "?"), host=holder.get("host", "?"),
            started=when))


def ensure_folder(path: str | Path) -> Path:
    """``path`` as a folder, made with its parents if needed; :class:`OutputError` if it cannot be."""
    path = Path(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:  # a file where the folder should be
        raise OutputError(path, OSError(errno.EEXIST, exc.strerror)) from None
    except OSError as exc:
        raise OutputError(path, exc) from None
    return path


def _stage(path: Path, data: bytes) -> Path:
    """Write ``data`` in full to a new temporary file beside ``path``; its name."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def _move(src: str | Path, dst: str | Path) -> None:
    """Every move of this module, in one place (tests make one fail)."""
    os.replace(src, dst)


def write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically; the folder is created if needed."""
    path = Path(path)
    ensure_folder(path.parent)
    try:
        tmp = _stage(path, data)
    except OSError as exc:
        raise OutputError(path, exc) from None
    try:
        _move(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(path, exc) from None
    return path


def write_text(path: str | Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically."""
    return write_bytes(path, text.encode("utf-8"))


def write_together(files: Mapping[Path, bytes], remove: Iterable[Path] = ()) -> list[Path]:
    """Write every file of ``files`` and remove every file of ``remove``, all or nothing.

    Returns the written paths. On failure raises :class:`OutputError` naming the file that
    failed, after putting back every old file and removing every new one (see the module
    documentation for the one case this cannot cover)."""
    targets = [Path(p) for p in files]
    gone = [Path(p) for p in remove if Path(p) not in files and Path(p).exists()]
    staged: dict[Path, Path] = {}
    try:
        for path in targets:
            ensure_folder(path.parent)
            try:
                staged[path] = _stage(path, files[path])
            except OSError as exc:
                raise OutputError(path, exc) from None
    except BaseException:
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)
        raise
    # every new file is on disk: swap them in, keeping the old ones aside until all are in
    moved: list[tuple[Path, Path | None]] = []  # (target, its old file set aside, or None)
    try:
        for path in [*targets, *gone]:
            aside = None
            if path.exists():
                aside = path.with_name(f".{path.name}.{os.getpid()}.old")
                try:
                    _move(path, aside)
                except OSError as exc:
                    raise OutputError(path, exc) from None
            moved.append((path, aside))
            if path in staged:
                try:
                    _move(staged[path], path)
                except OSError as exc:
                    raise OutputError(path, exc) from None
                del staged[path]
    except BaseException:
        _undo(moved)
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)
        raise
    for _path, aside in moved:
        if aside is not None:
            aside.unlink(missing_ok=True)
    return targets


# The names of the files the writers above make on the way: left behind only by a crash.
_LEFTOVER = re.compile(r"^\..+\.(?:[a-z0-9_]{8}\.tmp|\d+\.old)$")


def sweep_leftovers(folder: str | Path) -> list[Path]:
    """Remove the temporary and set-aside files a crashed writer left in ``folder``; returns
    them. Only for a folder nobody else is writing into (a run holds its lock)."""
    out: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return out
    for entry in entries:
        if _LEFTOVER.match(entry.name) and entry.is_file(follow_symlinks=False):
            try:
                os.unlink(entry.path)
                out.append(Path(entry.path))
            except OSError:
                pass
    return out


def _undo(moved: list[tuple[Path, Path | None]]) -> None:
    """Put the old files back where :func:`write_together` moved them aside."""
    for path, aside in reversed(moved):
        try:
            if aside is None:
                path.unlink(missing_ok=True)
            else:
                os.replace(aside, path)
        except OSError:  # the error that stopped the swap is the one to report
            pass


# ------------------------------------------------------------------------------ folder lock

_held: dict[str, int] = {}  # lock file -> descriptor, in the process that took the lock


def _close_in_child() -> None:
    # A forked worker must not keep the lock alive after the run that took it has died.
    for fd in _held.values():
        try:
            os.close(fd)
        except OSError:
            pass
    _held.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_in_child)


def _try_lock(fd: int) -> bool:
    if fcntl is None:  # pragma: no cover - Windows
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            return False
        raise


def _holder(path: Path) -> dict[str, object]:
    try:
        info = json.loads(path.read_text(encoding="utf-8") or "{}")
        return info if isinstance(info, dict) else {}
    except (OSError, ValueError):
        return {}


@contextmanager
def folder_lock(folder: str | Path) -> Iterator[Path]:
    """Hold ``folder/.evalreport.lock`` while the block runs; yields the lock file's path.

    A second run into the same folder raises :class:`FolderLocked` at once, naming the process
    that holds the lock and when it started. The lock is the operating system's (``flock``): it
    ends with the process that held it, however that process ended, so a lock file left by a
    killed run is simply taken over. Worker processes forked during the run do not hold it."""
    folder = ensure_folder(folder)
    path = folder / LOCK_FILE
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise OutputError(folder, exc) from None
        try:
            if not _try_lock(fd):
                raise FolderLocked(folder, _holder(path))
            try:  # the file may have been removed by the run that held it just before
                if os.fstat(fd).st_ino == os.stat(path).st_ino:
                    break
            except FileNotFoundError:
                pass
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
    _held[str(path)] = fd
    try:
        info = {"pid": os.getpid(), "host": socket.gethostname(), "started": time.time()}
        try:
            os.ftruncate(fd, 0)
            os.write(fd, json.dumps(info).encode())
        except OSError as exc:
            raise OutputError(path, exc) from None
        yield path
    finally:
        _held.pop(str(path), None)
        try:
            path.unlink(missing_ok=True)  # while still locked: nobody can be waiting on it
        except OSError:
            pass
        os.close(fd)
