"""What a run has written into its output folder, for ``--resume``; kept as each region finishes.

``OUT/.evalreport-state.json`` holds, for each region recorded as done (and for the regional
summary), the hash of everything its documents depend on and its files, relative to ``OUT``.
While a run goes on, each region that finishes is appended as one line to
``OUT/.evalreport-state.jsonl`` and flushed to disk, so a run that is killed keeps every region
it finished. The next run reads both; at its start and at its end the lines are folded into the
state file (written atomically) and the journal is removed. A line cut short by a crash does not
parse and is ignored: that region is simply rendered again.

At its start a run forgets every region it is about to render, so a region whose documents
were being replaced when the run died is never taken for done.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..output import OutputError, write_text

STATE_FILE = ".evalreport-state.json"
JOURNAL_FILE = ".evalreport-state.jsonl"
FORMAT = 2


class RunState:
    """The regions (and summary) of an output folder that are done, with their hashes."""

    def __init__(self, folder: Path, regions: dict[str, dict[str, Any]] | None = None,
                 summary: dict[str, Any] | None = None):
        self.folder = folder
        self.regions: dict[str, dict[str, Any]] = regions or {}
        self.summary = summary
        self._journal: int | None = None

    @classmethod
    def load(cls, folder: str | Path) -> RunState:
        """The state of ``folder``: its state file with the journal of an unfinished run
        replayed on top (an unreadable state is an empty one: everything is rendered)."""
        folder = Path(folder)
        state = cls(folder)
        try:
            raw = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raw = None
        if isinstance(raw, dict) and raw.get("format") == FORMAT:
            state.regions = {str(k): v for k, v in (raw.get("regions") or {}).items()
                             if isinstance(v, dict)}
            state.summary = raw.get("summary") if isinstance(raw.get("summary"), dict) else None
        try:
            lines = (folder / JOURNAL_FILE).read_text(encoding="utf-8").splitlines()
        except (OSError, ValueError):
            lines = []
        for line in lines:
            try:
                entry = json.loads(line)
            except ValueError:
                continue  # cut short by a crash
            if isinstance(entry, dict):
                state._apply(entry)
        return state

    def _apply(self, entry: dict[str, Any]) -> None:
        done = {"hash": entry.get("hash"), "files": entry.get("files", [])}
        if "region" in entry:
            if entry.get("forget"):
                self.regions.pop(str(entry["region"]), None)
            else:
                self.regions[str(entry["region"])] = done
        elif entry.get("summary"):
            self.summary = None if entry.get("forget") else done

    def _current(self, entry: dict[str, Any] | None, digest: str) -> bool:
        return bool(entry and entry.get("hash") == digest and entry.get("files")
                    and all((self.folder / f).is_file() for f in entry["files"]))

    def region_done(self, code: str, digest: str) -> bool:
        """True when the region was recorded with this hash and its files are all there."""
        return self._current(self.regions.get(code), digest)

    def summary_done(self, digest: str) -> bool:
        """As :meth:`region_done`, for the regional summary."""
        return self._current(self.summary, digest)

    def start(self, forget: Iterable[str], forget_summary: bool = False) -> None:
        """Begin a run that will render the regions ``forget`` (and the summary): they are
        no longer done until recorded again. Raises :class:`OutputError` if the folder cannot
        be written."""
        for code in forget:
            self.regions.pop(code, None)
        if forget_summary:
            self.summary = None
        self._save()
        path = self.folder / JOURNAL_FILE
        try:
            self._journal = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_TRUNC, 0o644)
        except OSError as exc:
            raise OutputError(path, exc) from None

    def record(self, code: str, digest: str, paths: Sequence[Path]) -> None:
        """Region ``code`` is done: its files are written."""
        entry = {"region": code, "hash": digest, "files": self._relative(paths)}
        self._apply(entry)
        self._append(entry)

    def record_summary(self, digest: str, paths: Sequence[Path]) -> None:
        """The regional summary is done."""
        entry = {"summary": True, "hash": digest, "files": self._relative(paths)}
        self._apply(entry)
        self._append(entry)

    def finish(self) -> None:
        """End the run: the journal folded into the state file, then removed."""
        if self._journal is not None:
            os.close(self._journal)
            self._journal = None
        self._save()

    def _relative(self, paths: Sequence[Path]) -> list[str]:
        return [Path(os.path.relpath(p, self.folder)).as_posix() for p in paths]

    def _append(self, entry: dict[str, Any]) -> None:
        if self._journal is None:
            return
        line = (json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
        try:
            os.write(self._journal, line)
            os.fsync(self._journal)
        except OSError as exc:
            raise OutputError(self.folder / JOURNAL_FILE, exc) from None

    def _save(self) -> None:
        raw = {"format": FORMAT, "regions": self.regions, "summary": self.summary}
        write_text(self.folder / STATE_FILE, json.dumps(raw, indent=1, sort_keys=True,
                                                        ensure_ascii=False) + "\n")
        try:
            (self.folder / JOURNAL_FILE).unlink(missing_ok=True)
        except OSError as exc:
            raise OutputError(self.folder / JOURNAL_FILE, exc) from None
