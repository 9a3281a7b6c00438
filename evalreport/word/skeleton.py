"""A template's tags as plain Jinja, one tag per line: the *skeleton* Jinja parses to find
what is wrong and where.

docxtpl puts each Word paragraph on a line of its own and rewrites its prefixed tags
(``{%p``, ``{%tr``, ``{%tc``, ``{{r``) to plain Jinja; the skeleton does the same per tag, so a
node's line number is its tag and hence its paragraph. Both ``templates check`` and a syntax
error at render use it, so both say the same thing at the same place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import jinja2
from jinja2 import nodes

from ..i18n.messages import Message, _
from .scan import Tag

CURLY = {"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'", "\u2019": "'", "\u201a": "'"}
DOCXTPL_BLOCKS = {"cellbg", "colspan", "hm", "vm"}  # docxtpl's own tags, take an expression
BLOCKS = ("for", "if", "with", "macro", "call", "filter", "block", "raw", "set", "autoescape")
_PREFIX_RE = re.compile(r"^\{([{%])(p|tr|tc|r)\s")


def line(tag: Tag) -> str:
    """A tag as plain Jinja for the skeleton (docxtpl prefixes and specials rewritten)."""
    text = tag.text
    for k, v in CURLY.items():
        text = text.replace(k, v)
    text = _PREFIX_RE.sub(lambda m: "{" + m.group(1) + " ", text)
    m = re.match(r"\{%\s*(\w+)\s*(.*?)\s*-?%\}$", text, re.S)
    if m and m.group(1) in DOCXTPL_BLOCKS:
        expr = m.group(2)
        return "{{ " + expr + " }}" if expr else ""
    if text.startswith("{#"):
        return ""
    return text


@dataclass
class SyntaxProblem:
    """A tag Jinja cannot read, and why."""

    tag: Tag | None
    message: Message


_SYNTAX = [
    (re.compile(r"Encountered unknown tag '(\w+)'.*?innermost block that needs to be closed is '(\w+)'", re.S),
     lambda m: _("tag '{tag}' out of place: the innermost open block '{block}' is not closed yet "
                 "(crossed blocks?)", tag=m.group(1), block=m.group(2))),
    (re.compile(r"Encountered unknown tag '(\w+)'", re.S),
     lambda m: _("unknown tag '{tag}', or a closing tag without its opening one", tag=m.group(1))),
    (re.compile(r"Unexpected end of template.*?looking for the following tags: .*?'(end\w+)'.*?innermost "
                r"block that needs to be closed is '(\w+)'", re.S),
     lambda m: _("block '{block}' is never closed: add {end}", block=m.group(2),
                 end="{% " + m.group(1) + " %}")),
    (re.compile(r"unexpected '(.)'"), lambda m: _("unexpected '{char}' here", char=m.group(1))),
    (re.compile(r"expected token '([^']+)', got '([^']+)'"),
     lambda m: _("expected '{expected}', found '{found}'", expected=m.group(1), found=m.group(2))),
]


def syntax_message(msg: str) -> Message:
    """Jinja's syntax message in the reader's words."""
    for rx, make in _SYNTAX:
        m = rx.search(msg)
        if m:
            return make(m)
    return _("broken tag: {detail}", detail=msg)


def last_open_block(lines: list[str]) -> int:
    """The line of the innermost block left open (for 'unexpected end of template')."""
    stack: list[int] = []
    for i, text in enumerate(lines):
        m = re.match(r"\{%-?\s*(\w+)", text)
        if not m:
            continue
        word = m.group(1)
        if word == "set" and "=" in text:
            continue  # {% set x = ... %} needs no end; {% set x %} ... {% endset %} does
        if word in BLOCKS:
            stack.append(i)
        elif word.startswith("end") and stack:
            stack.pop()
    return stack[-1] if stack else len(lines) - 1


def parse(tags: list[Tag], env: jinja2.Environment) -> tuple[nodes.Template | None, list[SyntaxProblem]]:
    """The skeleton of ``tags`` parsed, with every syntax problem found on the way (a syntax
    error stops Jinja's parser: the faulty tag is blanked and the rest parsed again).
    The tree is None when the tags could not be read even so."""
    lines = [line(t) for t in tags]
    out: list[SyntaxProblem] = []
    for _attempt in range(20):
        try:
            return env.parse("\n".join(lines)), out
        except jinja2.TemplateSyntaxError as exc:
            msg = exc.message or str(exc)
            i = (exc.lineno or 1) - 1
            closer = re.search(r"'(end\w+)'", msg) if "Unexpected end of template" in msg else None
            if closer and tags:
                i = last_open_block(lines)
            i = min(max(i, 0), len(tags) - 1) if tags else 0
            out.append(SyntaxProblem(tags[i] if tags else None, syntax_message(msg)))
            if not tags:
                return None, out
            if closer:
                # close the block at the end, so what it binds (a loop variable) stays known
                lines.append("{% " + closer.group(1) + " %}")
            elif lines[i]:
                lines[i] = ""
            else:
                return None, out
    return None, out
