"""The evaluation cycle from Python and the command line: the previous cycle read and checked
beside this one, and the follow-up workbook written for the secretariat.

>>> import evalreport
>>> evalreport.followup("data-2024.xlsx", "tindak-lanjut.xlsx")   # the workbook to update
>>> data = evalreport.load("data-2025.xlsx")
>>> previous = evalreport.previous(data, "tindak-lanjut.xlsx")   # or the 2024 dataset itself
>>> card = evalreport.score(data, previous=previous)
>>> card.followup.recommendations[0].status
>>> evalreport.render(data, "out/", previous=previous)
"""
from __future__ import annotations

from pathlib import Path

from ..data.followup import PreviousCycle, check_pair, followup_workbook, from_dataset, load_previous
from ..data.model import Dataset
from ..errors import DataError, Problem
from ..output import write_bytes

__all__ = ["previous", "check_previous", "followup"]


def check_previous(current: Dataset, previous: PreviousCycle | str | Path) -> list[Problem]:
    """Every problem of the previous cycle (a file or a loaded one) read beside ``current``:
    the file's own problems, then the pair's (see :func:`evalreport.data.followup.check_pair`)."""
    file = ""
    if not isinstance(previous, PreviousCycle):
        file = str(previous)
        try:
            previous = load_previous(previous)
        except DataError as exc:
            return exc.problems
    return check_pair(current, previous, file)


def previous(current: Dataset, source: PreviousCycle | Dataset | str | Path) -> PreviousCycle:
    """The previous cycle of ``current`` from a dataset, a follow-up workbook or a data file,
    checked beside it; raises :class:`~evalreport.errors.DataError` with every error (warnings,
    such as a region that is no longer evaluated, do not stop it)."""
    if isinstance(source, Dataset):
        cycle = from_dataset(source)
    elif isinstance(source, PreviousCycle):
        cycle = source
    else:
        cycle = load_previous(source)
    file = str(source) if isinstance(source, (str, Path)) else ""
    errors = [p for p in check_pair(current, cycle, file) if p.severity == "error"]
    if errors:
        raise DataError(errors)
    return cycle


def followup(data: Dataset | PreviousCycle | str | Path, output: str | Path) -> Path:
    """Write the follow-up workbook of a cycle (a dataset, a data file, or an earlier follow-up
    workbook, whose latest statuses are kept) to ``output``; returns its path. The file is
    written whole or not at all."""
    if isinstance(data, PreviousCycle):
        cycle = data
    elif isinstance(data, Dataset):
        cycle = from_dataset(data)
    else:
        cycle = load_previous(data)
    path = Path(output)
    write_bytes(path, followup_workbook(cycle))
    return path
