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


def test_field_reference_in_docs_is_current():
    """docs/template-context.md is `evalreport templates fields --format md`; regenerate it."""
    doc = (ROOT / "docs" / "template-context.md").read_text(encoding="utf-8")
    assert doc == fields_markdown(), "run: evalreport templates fields -o docs/template-context.md --format md"
