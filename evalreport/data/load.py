"""Loading: a YAML, JSON or Excel file into a validated :class:`~evalreport.data.model.Dataset`.

Reading and validating happen once, here, at the edge. Every problem is collected with its
place (YAML line and path, or sheet/row/column) before anything is raised, so a user fixes all
of them in one pass. Malformed files get one clear line, never a traceback.

A data file is read within bounds, checked before memory is spent on it: at most
:data:`LARGEST_FILE` bytes; a workbook's parts at most :data:`LARGEST_PART` bytes each and
:data:`LARGEST_WORKBOOK` together once unpacked; YAML/JSON nested at most :data:`DEEPEST`
levels; YAML aliases (``*name``) adding at most :data:`ALIAS_BUDGET` values and never a loop.
A key written twice in one YAML/JSON section is an error, not a silent choice of the last.
"""
from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

import yaml

from ..errors import DataError, Location, Problem
from ..i18n.messages import Message, _, verbatim
from . import workbook
from .model import Dataset
from .validate import validate_data

# libyaml's loader where PyYAML was built with it: about ten times faster on a national file
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
YAML_SUFFIXES = {".yaml", ".yml"}
JSON_SUFFIXES = {".json"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
SUFFIXES = YAML_SUFFIXES | JSON_SUFFIXES | EXCEL_SUFFIXES

MB = 1 << 20
LARGEST_FILE = 50 * MB       # a national dataset (500 regions x 50 indicators x 5 years) is ~15 MB
LARGEST_PART = 200 * MB      # one unpacked part of a workbook (a sheet's XML)
LARGEST_WORKBOOK = 500 * MB  # every part of a workbook, unpacked
DEEPEST = 32                 # nesting levels of a YAML/JSON document; the format needs 5
ALIAS_BUDGET = 100_000       # values YAML aliases may add to a document


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


def _node_lines(root: yaml.Node) -> dict[tuple, int]:
    """The line (1-based) of each value of a composed YAML document (checked by
    :func:`_check_tree` first, so the walk is bounded)."""
    lines: dict[tuple, int] = {}

    def walk(node: yaml.Node, path: tuple, line: int) -> None:
        lines[path] = line  # a section is found at its key, a value where it is written
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                walk(v, path + (k.value,), (k if isinstance(
                    v, (yaml.MappingNode, yaml.SequenceNode)) else v).start_mark.line + 1)
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                walk(v, path + (i,), v.start_mark.line + 1)

    walk(root, (), 1)
    return lines


def _json_lines(text: str) -> dict[tuple, int]:
    """Line numbers of a JSON text (already read and checked by :func:`_read_json`), by the
    YAML composer: JSON is YAML, without aliases."""
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except (yaml.YAMLError, RecursionError, ValueError):
        return {}
    return _node_lines(root) if root is not None else {}


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def _fail(file: str, message: Message, line: int | None = None) -> DataError:
    return DataError([Problem(Location(file=file, line=line), message)])


def _megabytes(size: int) -> str:
    """A size in whole megabytes, rounded up (so a size over a limit never reads as equal)."""
    return f"{-(-size // MB)} MB"


def _yaml_error(file: str, text: str, error: yaml.YAMLError) -> DataError:
    """One located line for broken YAML. libyaml found it; the pure-Python parser words it
    better ("mapping values are not allowed here"), and runs only when the file is broken."""
    try:
        yaml.load(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        error = exc
    except (RecursionError, ValueError, OverflowError):
        pass  # e.g. nesting libyaml refused: its own words stand
    mark = getattr(error, "problem_mark", None)
    what = getattr(error, "problem", None) or "syntax error"
    return _fail(file, _("invalid YAML: {reason}", reason=verbatim(what)),
                 mark.line + 1 if mark else None)


def _tree_problem(root: yaml.Node) -> tuple[Message, int | None] | None:
    """What makes a composed YAML document unsafe or lossy to build, with its line: nesting
    deeper than :data:`DEEPEST`, an alias inside the value it names (a loop), aliases adding
    more than :data:`ALIAS_BUDGET` values, or a key written twice in one section. One pass,
    iterative, over the distinct nodes (an alias is the node it names)."""
    size: dict[int, int] = {}    # values a node stands for, aliases expanded
    depth: dict[int, int] = {}
    open_: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        children: list[yaml.Node] = []
        if isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        if done:
            open_.discard(key)
            size[key] = 1 + sum(size[id(c)] for c in children)
            depth[key] = 1 + max((depth[id(c)] for c in children), default=0)
            if depth[key] > DEEPEST:
                return (_("the data is nested more than {limit} levels deep", limit=DEEPEST),
                        node.start_mark.line + 1)
            continue
        if key in size:
            continue
        if key in open_:
            return (_("an alias (*name) stands inside the value it names, a loop without end"),
                    node.start_mark.line + 1)
        open_.add(key)
        if len(open_) > DEEPEST:
            return (_("the data is nested more than {limit} levels deep", limit=DEEPEST),
                    node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for k, _v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value != "<<":
                    if k.value in seen:
                        return (_("the key '{key}' is written twice in this section; the first "
                                  "value would be lost", key=k.value[:60]), k.start_mark.line + 1)
                    seen.add(k.value)
        stack.append((node, True))
        stack.extend((c, False) for c in reversed(children) if id(c) not in size)
    if size[id(root)] - len(size) > ALIAS_BUDGET:
        return (_("the aliases (*name) of this file expand to more than {limit} values; write "
                  "the data out in full", limit=ALIAS_BUDGET), None)  # no line: the whole file
    return None


def _read_yaml(file: str, text: str) -> tuple[Any, dict[tuple, int]]:
    """Compose (libyaml), check the shape, then build the Python values from the same nodes."""
    loader = _LOADER(text)
    try:
        try:
            root = loader.get_single_node()
        except yaml.YAMLError as exc:
            raise _yaml_error(file, text, exc) from None
        if root is None:
            return None, {}
        problem = _tree_problem(root)
        if problem is not None:
            raise _fail(file, *problem)
        lines = _node_lines(root)
        try:
            return loader.construct_document(root), lines
        except yaml.YAMLError as exc:
            raise _yaml_error(file, text, exc) from None
        except (ValueError, OverflowError) as exc:  # a date 2024-02-30, an integer of 5000 digits
            raise _fail(file, _("invalid YAML: {reason}", reason=verbatim(str(exc)[:200])),
                        _bad_scalar_line(root)) from None
    finally:
        loader.dispose()


def _bad_scalar_line(root: yaml.Node) -> int | None:
    """The line of the first value the YAML constructor cannot build."""
    stack = [root]
    builder = yaml.constructor.SafeConstructor()
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            try:
                builder.construct_object(node)
            except (ValueError, OverflowError, yaml.YAMLError):
                return node.start_mark.line + 1
        elif isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in reversed(node.value) for n in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
    return None


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict:
    out: dict = {}
    for k, v in pairs:
        if k in out:
            raise _DuplicateKey(k)
        out[k] = v
    return out


class _DuplicateKey(ValueError):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _read_json(file: str, text: str) -> tuple[Any, dict[tuple, int]]:
    try:
        data = json.loads(text, object_pairs_hook=_json_pairs)
    except json.JSONDecodeError as exc:
        raise _fail(file, _("invalid JSON: {reason} (column {column})",
                            reason=verbatim(exc.msg), column=exc.colno), exc.lineno) from None
    except _DuplicateKey as exc:
        raise _fail(file, _("the key '{key}' is written twice in one section; the first value "
                            "would be lost", key=exc.key[:60])) from None
    except RecursionError:
        raise _fail(file, _("the data is nested more than {limit} levels deep",
                            limit=DEEPEST)) from None
    except (ValueError, OverflowError) as exc:  # e.g. an integer of 5000 digits
        raise _fail(file, _("invalid JSON: {reason}", reason=verbatim(str(exc)[:200]))) from None
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        node, level = stack.pop()
        if level > DEEPEST:
            raise _fail(file, _("the data is nested more than {limit} levels deep", limit=DEEPEST))
        if isinstance(node, dict):
            stack.extend((v, level + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, level + 1) for v in node)
    return data, _json_lines(text)


def _check_workbook(path: Path, file: str) -> None:
    """Refuse a workbook whose parts would unpack beyond the limits, before reading it (the zip
    directory's sizes bind: Python's zip reader stops at the size a part declares)."""
    try:
        with zipfile.ZipFile(path) as zf:
            total = 0
            for info in zf.infolist():
                total += info.file_size
                if info.file_size > LARGEST_PART:
                    raise _fail(file, _(
                        "the workbook part {part} unpacks to {size}; a part may hold at most "
                        "{limit}", part=info.filename, size=_megabytes(info.file_size),
                        limit=_megabytes(LARGEST_PART)))
            if total > LARGEST_WORKBOOK:
                raise _fail(file, _("the workbook unpacks to {size}; at most {limit} is read",
                                    size=_megabytes(total), limit=_megabytes(LARGEST_WORKBOOK)))
            for info in zf.infolist():  # entity tricks live in a DTD, which Excel never writes
                if info.filename.endswith((".xml", ".rels")):
                    with zf.open(info) as fh:
                        head = fh.read(4096)
                    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                        raise _fail(file, _(
                            "the workbook part {part} declares a DTD, which spreadsheets do not "
                            "write; save the file again from Excel or LibreOffice",
                            part=info.filename))
    except (zipfile.BadZipFile, OSError) as exc:
        if isinstance(exc, PermissionError):
            raise
        raise _not_a_workbook(file) from None


def _not_a_workbook(file: str) -> DataError:
    return _fail(file, _("not a valid Excel workbook (.xlsx); save it again from Excel as "
                         "'Excel Workbook (*.xlsx)'"))


def read_raw(path: str | Path) -> tuple[dict, Any, list[Problem]]:
    """Read a data file into a plain dict and a source map. Raises DataError if unreadable."""
    path = Path(path)
    file = str(path)
    if not path.exists():
        raise _fail(file, _("file not found"))
    if path.is_dir():
        raise _fail(file, _("this is a folder, not a data file"))
    suffix = path.suffix.casefold()
    if path.name.startswith("~$"):
        raise _fail(file, _("this is Excel's temporary lock file; choose the real workbook"))
    if suffix not in SUFFIXES:
        raise _fail(file, _("unsupported file type '{suffix}'; use .xlsx, .yaml, .yml or .json",
                            suffix=path.suffix or _("(no extension)")))
    try:
        size = path.stat().st_size
        if size == 0:
            raise _fail(file, _("the file is empty"))
        if size > LARGEST_FILE:
            raise _fail(file, _("the file is {size}; data files up to {limit} are read",
                                size=_megabytes(size), limit=_megabytes(LARGEST_FILE)))
        if suffix in EXCEL_SUFFIXES:
            _check_workbook(path, file)
            problems: list[Problem] = []
            try:
                data, src = workbook.read(path, problems)
            except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError,
                    SyntaxError) as exc:  # SyntaxError: the XML parsers' errors
                if isinstance(exc, PermissionError):
                    raise
                raise _not_a_workbook(file) from None
            src.base_dir = path.resolve().parent
            return data, src, problems
        text = path.read_text(encoding="utf-8-sig")
    except PermissionError:
        raise _fail(file, _("the file cannot be read (locked or no permission); close it in "
                            "Excel and try again")) from None
    except UnicodeDecodeError:
        raise _fail(file, _("the file is not UTF-8 text")) from None
    if not text.strip():
        raise _fail(file, _("the file is empty"))
    if suffix in JSON_SUFFIXES:
        data, lines = _read_json(file, text)
    else:
        data, lines = _read_yaml(file, text)
    if not isinstance(data, dict):
        raise _fail(file, _("the file must hold a mapping (key: value) with sections programme, "
                            "document, regions, indicators, ..."))
    tree = TreeSource(file, lines)
    tree.base_dir = path.resolve().parent
    return data, tree, []


def check(path: str | Path) -> list[Problem]:
    """Every problem in a data file (errors and warnings), without raising for bad data."""
    try:
        raw, src, problems = read_raw(path)
    except DataError as exc:
        return exc.problems
    _data, more = validate_data(raw, src)
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
