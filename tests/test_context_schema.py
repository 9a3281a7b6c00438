"""The template context is described once: what ContextBuilder and build_summary put in a
context is exactly what context/schema.py documents (and so what `templates check` accepts and
the field reference lists), no more and no less, down to the fields of list items."""
from __future__ import annotations

from pathlib import Path

import pytest

import evalreport
from evalreport.context.region import ContextBuilder
from evalreport.context.schema import SCHEMA, SUMMARY_SCHEMA, Var
from evalreport.context.summary import build_summary

ROOT = Path(__file__).resolve().parent.parent


def _mismatches(vars_: tuple[Var, ...], ctx: dict, path: str = "") -> list[str]:
    out = []
    documented = {v.name: v for v in vars_}
    for name in sorted(set(ctx) - set(documented)):
        out.append(f"{path}{name}: in the context, not documented in schema.py")
    for name in sorted(set(documented) - set(ctx)):
        out.append(f"{path}{name}: documented in schema.py, not in the context")
    for name, var in documented.items():
        if name not in ctx or not var.fields:
            continue
        value = ctx[name]
        items = value if isinstance(value, list) else [value]
        for item in items[:3]:
            if isinstance(item, dict):
                out += _mismatches(var.fields, item, f"{path}{name}.")
    return out


@pytest.fixture(scope="module")
def card():
    return evalreport.score(evalreport.load(ROOT / "samples" / "jatim.yaml"))


def test_a_regions_context_is_what_the_schema_documents(card):
    builder = ContextBuilder(card)
    problems = []
    for region in card.dataset.regions:
        problems += _mismatches(SCHEMA, builder.build(region))
    assert not sorted(set(problems)), "\n".join(sorted(set(problems)))


def test_the_summary_context_is_what_the_summary_schema_documents(card):
    problems = _mismatches(SUMMARY_SCHEMA, build_summary(card))
    assert not problems, "\n".join(problems)
