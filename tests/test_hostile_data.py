"""Hostile or broken data files are read within bounds and refused in one located line.

A YAML alias bomb, JSON nested a hundred thousand levels deep, a file of gigabytes, a workbook
whose sheet unpacks to hundreds of megabytes or declares entities: each is refused before
memory or minutes are spent on it, by every command, without a traceback.
"""
from __future__ import annotations

import io
import json
import time
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import MINIMAL, write_yaml

import evalreport
from evalreport.cli import main
from evalreport.data import load as loading
from evalreport.data import workbook


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={"EVALREPORT_LANG": None})


def one_line(runner: CliRunner, path: Path, words: str, seconds: float = 10.0) -> str:
    """validate, score and render each refuse ``path`` with one error line saying ``words``,
    quickly and without a traceback; the line, in English."""
    for command in ("validate", "score", "render"):
        args = ["--lang", "en", command, str(path)] + (
            ["-o", str(path.parent / "out")] if command == "render" else [])
        started = time.perf_counter()
        result = runner.invoke(main, args)
        assert time.perf_counter() - started < seconds, command
        assert result.exit_code == 1, (command, result.output)
        assert "Traceback" not in result.output
        errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR: ")]
        assert len(errors) == 1, (command, result.stderr)
        assert errors[0].startswith(f"ERROR: {path}") and words in errors[0], errors[0]
    assert not (path.parent / "out").exists() or not any((path.parent / "out").iterdir())
    return errors[0]


# ------------------------------------------------------------------------------------- YAML

def test_a_yaml_alias_bomb_is_refused_at_once(runner, tmp_path):
    """Nine levels of nine aliases: 13 KB of YAML standing for 9^9 values."""
    lines = ["a0: &a0 [" + ", ".join(["'" + "x" * 1400 + "'"] * 9) + "]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    path = write_yaml(tmp_path, "\n".join(lines) + "\n")
    assert 12_000 < path.stat().st_size < 14_000
    line = one_line(runner, path, "the aliases (*name) of this file expand to more than 100000 values")
    assert line == (f"ERROR: {path}: the aliases (*name) of this file expand to more than 100000 "
                    "values; write the data out in full")


def test_a_few_aliases_are_fine(tmp_path, minimal_dict):
    text = yaml.safe_dump(minimal_dict, sort_keys=False, allow_unicode=True)
    text = text.replace("  signatory:\n", "  signatory: &kepala\n", 1)
    text += "extra_signatory_copy: *kepala\n"
    problems = evalreport.check_data(write_yaml(tmp_path, text))
    assert [p.message.render("en") for p in problems] == ["unknown key 'extra_signatory_copy'"]


def test_an_alias_inside_what_it_names_is_refused(runner, tmp_path):
    path = write_yaml(tmp_path, "programme: &p\n  name: x\n  inner: *p\n")
    one_line(runner, path, "line 1: an alias (*name) stands inside the value it names")


@pytest.mark.parametrize("depth", [40, 5000])
def test_deeply_nested_yaml_is_refused(runner, tmp_path, depth):
    path = write_yaml(tmp_path, "programme: " + "[" * depth + "]" * depth + "\n")
    words = ("the data is nested more than 32 levels deep" if depth == 40
             else "invalid YAML: exceeded maximum nesting depth")
    one_line(runner, path, words)


def test_a_key_written_twice_is_refused_at_its_second_line(runner, tmp_path, minimal_dict):
    text = yaml.safe_dump(minimal_dict, sort_keys=False, allow_unicode=True)
    text = text.replace("  target: 70\n", "  target: 70\n  target: 75\n", 1)
    path = write_yaml(tmp_path, text)
    line = text.splitlines().index("  target: 75") + 1
    one_line(runner, path, f"line {line}: the key 'target' is written twice in this section")


@pytest.mark.parametrize("value, words", [
    ("2025-02-30", "invalid YAML: day is out of range for month"),
    ("9" * 5000, "invalid YAML: Exceeds the limit (4300 digits)"),
])
def test_a_value_yaml_cannot_build_is_refused_at_its_line(runner, tmp_path, minimal_dict, value, words):
    text = yaml.safe_dump(minimal_dict, sort_keys=False, allow_unicode=True)
    text = text.replace("date: '2025-01-15'", f"date: {value}")
    path = write_yaml(tmp_path, text)
    line = next(n for n, s in enumerate(text.splitlines(), 1) if s.startswith("  date: "))
    one_line(runner, path, f"line {line}: {words}")


# ------------------------------------------------------------------------------------- JSON

@pytest.mark.parametrize("depth", [40, 100_000])
def test_deeply_nested_json_is_refused(runner, tmp_path, depth):
    path = tmp_path / "data.json"
    path.write_text('{"programme": ' + "[" * depth + "]" * depth + "}", encoding="utf-8")
    one_line(runner, path, "the data is nested more than 32 levels deep")


def test_a_json_key_written_twice_is_refused(runner, tmp_path):
    text = json.dumps(MINIMAL, indent=1).replace('"bands": ', '"bands": "lkjip-6", "bands": ', 1)
    path = tmp_path / "data.json"
    path.write_text(text, encoding="utf-8")
    one_line(runner, path, "the key 'bands' is written twice in one section")


# ------------------------------------------------------------------------------- file sizes

@pytest.mark.parametrize("name", ["data.yaml", "data.json", "data.xlsx"])
def test_a_file_over_the_size_limit_is_refused_before_it_is_read(runner, tmp_path, name):
    path = tmp_path / name
    with open(path, "wb") as fh:  # sparse: no disk is spent on it
        fh.truncate(loading.LARGEST_FILE + 1)
    one_line(runner, path, "the file is 51 MB; data files up to 50 MB are read")


def _workbook_with(tmp_path: Path, extra: dict[str, bytes | int]) -> Path:
    """The small workbook, with parts added: bytes as they are, an int as that many spaces."""
    path = tmp_path / "data.xlsx"
    with zipfile.ZipFile(io.BytesIO(workbook.build(MINIMAL))) as src, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for info in src.infolist():
            out.writestr(info, extra.pop(info.filename, None) or src.read(info))
        for name, content in extra.items():
            if isinstance(content, int):
                with out.open(name, "w", force_zip64=True) as fh:
                    chunk = b" " * (1 << 20)
                    for _ in range(content >> 20):
                        fh.write(chunk)
            else:
                out.writestr(name, content)
    return path


def test_a_workbook_part_that_unpacks_beyond_the_limit_is_refused(runner, tmp_path):
    path = _workbook_with(tmp_path, {"xl/media/padding.bin": loading.LARGEST_PART + (1 << 20)})
    assert path.stat().st_size < 2 << 20  # a zip bomb: small packed, large unpacked
    one_line(runner, path, "the workbook part xl/media/padding.bin unpacks to 201 MB; a part "
                           "may hold at most 200 MB")


def test_a_workbook_whose_parts_unpack_beyond_the_total_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(loading, "LARGEST_WORKBOOK", 4 << 20)
    path = _workbook_with(tmp_path, {"xl/media/a.bin": 3 << 20, "xl/media/b.bin": 3 << 20})
    (p,) = evalreport.check_data(path)
    assert p.message.render("en") == "the workbook unpacks to 7 MB; at most 4 MB is read"


def test_a_workbook_part_with_an_entity_bomb_is_refused(runner, tmp_path):
    entities = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    with zipfile.ZipFile(io.BytesIO(workbook.build(MINIMAL))) as src:
        sheet = src.read("xl/worksheets/sheet2.xml").replace(b"<t>Surabaya</t>", b"<t>&l9;</t>")
    doctype = f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]>'.encode()
    path = _workbook_with(tmp_path, {"xl/worksheets/sheet2.xml": doctype + sheet})
    one_line(runner, path, "the workbook part xl/worksheets/sheet2.xml declares a DTD")


def test_a_workbook_that_is_a_zip_of_something_else_is_one_line(runner, tmp_path):
    path = tmp_path / "data.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    one_line(runner, path, "not a valid Excel workbook (.xlsx)")
