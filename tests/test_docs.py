"""The docs stay honest: every command is documented, the field reference is current."""
from __future__ import annotations

from pathlib import Path

import click

from evalreport.cli import main
from evalreport.templates import fields_markdown

ROOT = Path(__file__).resolve().parent.parent


def _commands(group: click.Group, prefix: str = "") -> list[str]:
    out = []
    for name, cmd in group.commands.items():
        out.append(f"{prefix}{name}")
        if isinstance(cmd, click.Group):
            out += _commands(cmd, f"{prefix}{name} ")
    return out


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [c for c in _commands(main) if f"evalreport {c}" not in readme]
    assert not missing, f"commands not shown in README.md: {missing}"


def test_every_command_explains_itself_with_an_example():
    """`evalreport <command> --help` says what the command does and shows how it is called."""
    from click.testing import CliRunner
    missing = []
    for name in _commands(main):
        res = CliRunner().invoke(main, [*name.split(), "--help"])
        assert res.exit_code == 0, (name, res.output)
        body = res.output.split("\n\n", 2)
        if len(body) < 2 or not body[1].strip() or f"evalreport {name}" not in res.output:
            missing.append(name)
    assert not missing, f"commands without a description and an example in --help: {missing}"


def test_field_reference_in_docs_is_current():
    """docs/template-context.md is `evalreport templates fields --format md`; regenerate it."""
    doc = (ROOT / "docs" / "template-context.md").read_text(encoding="utf-8")
    assert doc == fields_markdown(), "run: evalreport templates fields -o docs/template-context.md --format md"
