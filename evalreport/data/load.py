"""Loading: a YAML, JSON or Excel file into a validated :class:`~evalreport.model.Dataset`.

Reading and validating happen once, here, at the edge. Every problem is collected with its
place (YAML line and path, or sheet/row/column) before anything is raised, so a user fixes all
of them in one pass. Malformed files get one clear line, never a traceback.
"""
from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

import yaml

from . import workbook
from ..errors import DataError, Location, Problem, legacy
from .model import Dataset
from .validate import validate_data

# libyaml's loader where PyYAML was built with it: about ten times faster on a national file
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
YAML_SUFFIXES = {".yaml", ".yml"}
JSON_SUFFIXES = {".json"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
SUFFIXES = YAML_SUFFIXES | JSON_SUFFIXES | EXCEL_SUFFIXES


class TreeSource:
    """Line numbers of every value of a YAML or JSON document, by path."""

    def __init__(self, file: str, lines: dict[tuple, int] | None = None):
        self.file = file
        self.lines = lines or {}
        self.base_dir: Path | None = None

    def locate(self, loc: tuple) -> Location:
        path = _path_text(loc)
        for n in range(len(loc), -1, -1):
            if loc[:n] in self.lines:
                return Location(file=self.file, line=self.lines[loc[:n]], path=path or None)
        return Location(file=self.file, path=path or None)


def _path_text(loc: tuple) -> str:
    out = ""
    for p in loc:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


def _yaml_lines(text: str) -> dict[tuple, int]:
    """Walk the composed YAML nodes and note the line (1-based) of each value."""
    lines: dict[tuple, int] = {}
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError:
        return lines

    def walk(node: yaml.Node, path: tuple, line: int) -> None:
        lines[path] = line  # a section is found at its key, a value where it is written
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                walk(v, path + (k.value,), (k if isinstance(
                    v, (yaml.MappingNode, yaml.SequenceNode)) else v).start_mark.line + 1)
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                walk(v, path + (i,), v.start_mark.line + 1)

    if root is not None:
        walk(root, (), 1)
    return lines


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def _fail(file: str, message_id: str, message_en: str, line: int | None = None) -> DataError:
    return DataError([Problem(Location(file=file, line=line), legacy(message_id, message_en))])


def _yaml_error(file: str, text: str, error: yaml.YAMLError) -> DataError:
    """One located line for broken YAML. libyaml found it; the pure-Python parser words it
    better ("mapping values are not allowed here"), and runs only when the file is broken."""
    try:
        yaml.load(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        error = exc
    mark = getattr(error, "problem_mark", None)
    what = getattr(error, "problem", None) or "syntax error"
    return _fail(file, f"YAML tidak sah: {what}", f"invalid YAML: {what}", mark.line + 1 if mark else None)


def read_raw(path: str | Path) -> tuple[dict, Any, list[Problem]]:
    """Read a data file into a plain dict and a source map. Raises DataError if unreadable."""
    path = Path(path)
    file = str(path)
    if not path.exists():
        raise _fail(file, "berkas tidak ditemukan", "file not found")
    if path.is_dir():
        raise _fail(file, "ini sebuah folder, bukan berkas data", "this is a folder, not a data file")
    suffix = path.suffix.casefold()
    if path.name.startswith("~$"):
        raise _fail(file, "ini berkas kunci sementara Excel; pilih berkas aslinya",
                    "this is Excel's temporary lock file; choose the real workbook")
    if suffix not in SUFFIXES:
        raise _fail(file, f"jenis berkas '{path.suffix or '(tanpa ekstensi)'}' tidak didukung; "
                          "gunakan .xlsx, .yaml, .yml atau .json",
                    f"unsupported file type '{path.suffix or '(no extension)'}'; "
                    "use .xlsx, .yaml, .yml or .json")
    try:
        if path.stat().st_size == 0:
            raise _fail(file, "berkas kosong", "the file is empty")
        if suffix in EXCEL_SUFFIXES:
            problems: list[Problem] = []
            try:
                data, src = workbook.read(path, problems)
            except (zipfile.BadZipFile, KeyError, OSError) as exc:
                if isinstance(exc, PermissionError):
                    raise
                raise _fail(file, "bukan buku kerja Excel (.xlsx) yang sah; simpan ulang dari Excel "
                                  "sebagai 'Excel Workbook (*.xlsx)'",
                            "not a valid Excel workbook (.xlsx); save it again from Excel as "
                            "'Excel Workbook (*.xlsx)'") from None
            src.base_dir = path.resolve().parent
            return data, src, problems
        text = path.read_text(encoding="utf-8-sig")
    except PermissionError:
        raise _fail(file, "berkas tidak dapat dibaca (terkunci atau tanpa izin); tutup berkas di "
                          "Excel lalu coba lagi",
                    "the file cannot be read (locked or no permission); close it in Excel and "
                    "try again") from None
    except UnicodeDecodeError:
        raise _fail(file, "berkas bukan teks UTF-8", "the file is not UTF-8 text") from None
    if not text.strip():
        raise _fail(file, "berkas kosong", "the file is empty")
    if suffix in JSON_SUFFIXES:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise _fail(file, f"JSON tidak sah: {exc.msg} (kolom {exc.colno})",
                        f"invalid JSON: {exc.msg} (column {exc.colno})", exc.lineno) from None
    else:
        try:
            data = yaml.load(text, Loader=_LOADER)
        except yaml.YAMLError as fast_error:
            raise _yaml_error(file, text, fast_error) from None
    if not isinstance(data, dict):
        raise _fail(file, "isi berkas harus berupa pemetaan (kunci: nilai) dengan bagian "
                          "programme, document, regions, indicators, ...",
                    "the file must hold a mapping (key: value) with sections programme, "
                    "document, regions, indicators, ...")
    src = TreeSource(file, _yaml_lines(text))
    src.base_dir = path.resolve().parent
    return data, src, []


def check(path: str | Path) -> list[Problem]:
    """Every problem in a data file (errors and warnings), without raising for bad data."""
    try:
        raw, src, problems = read_raw(path)
    except DataError as exc:
        return exc.problems
    _, more = validate_data(raw, src)
    return problems + more


def load(path: str | Path) -> Dataset:
    """Load and validate a data file (.xlsx, .yaml, .yml, .json).

    Raises :class:`~evalreport.errors.DataError` listing every problem with its place.
    """
    path = Path(path)
    raw, src, problems = read_raw(path)
    data, more = validate_data(raw, src)
    problems += more
    errors = [p for p in problems if p.severity == "error"]
    if errors or data is None:
        raise DataError(errors)
    data.source_name = path.name
    data.source_sha256 = file_sha256(path)
    data.source_dir = str(path.resolve().parent)
    return data


def parse(raw: dict, name: str = "<data>") -> Dataset:
    """Validate a dataset given as a plain dict (for Python apps with their own data)."""
    data, problems = validate_data(raw, TreeSource(name))
    errors = [p for p in problems if p.severity == "error"]
    if errors or data is None:
        raise DataError(errors)
    data.source_name = name
    data.source_sha256 = hashlib.sha256(
        json.dumps(raw, sort_keys=True, default=str).encode()).hexdigest()
    return data
