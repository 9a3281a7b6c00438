"""The sandbox a template runs in: Jinja's immutable sandbox, bounded in time and in size.

Jinja's sandbox keeps a template away from Python's internals and (immutable) from changing
the data; it does not stop a template from running for ever or filling the memory:
``{{ 9**(9**9) }}``, ``{{ 'x' * 10**10 }}``, two nested ``range(99999)`` loops, a text doubled in
a loop. Each template here runs with a :class:`Limits`:

* **time**: every loop step, call, filter, operator and printed piece checks the clock; a
  document whose template runs longer than ``seconds`` stops with an error at the tag;
* **size**: an operation whose result would be too large is refused *before* it is computed
  where its size can be told in advance (a power, a repetition, a padding width, a
  replacement, a join), and every computed text, list or number is measured after; a printed
  value longer than ``value_chars`` and a document printing more than ``output_chars`` in all
  are refused.

Each refusal is a :class:`LimitExceeded` with a message for the reader; rendering puts it at
the tag's place in Word (:mod:`evalreport.word.rendering`).
"""
from __future__ import annotations

import functools
import inspect
import math
import re
import time
from collections.abc import Generator, Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, cast

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..i18n.messages import Message, _


@dataclass(frozen=True)
class Limits:
    """How long a document's template may run and how much it may make."""

    seconds: float = 60.0            # one document, every part of it
    output_chars: int = 50_000_000   # everything one document's parts print, together
    value_chars: int = 1_000_000     # one text computed or printed
    items: int = 100_000             # one list computed (also Jinja's largest range)
    int_bits: int = 10_000           # one whole number computed (about 3,000 digits)


class LimitExceeded(Exception):
    """A template went beyond its :class:`Limits` (or asked for something that would)."""

    def __init__(self, message: Message):
        self.message = message
        super().__init__(message.render("en"))


class Budget:
    """What is left to one document's rendering: its deadline and its output."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.deadline = time.monotonic() + limits.seconds
        self.output_left = limits.output_chars

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise LimitExceeded(_("the template ran longer than {seconds} seconds for one document "
                                  "(a loop that does not end, or one far too large?)",
                                  seconds=_number(self.limits.seconds)))

    def spend(self, chars: int) -> None:
        self.output_left -= chars
        if self.output_left < 0:
            raise LimitExceeded(_("the template prints more than {limit} characters for one document",
                                  limit=self.limits.output_chars))
        self.tick()


def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


_BUDGET: ContextVar[Budget | None] = ContextVar("evalreport_budget", default=None)


class budget:
    """``with budget(limits):`` one document's rendering, all its parts sharing one budget."""

    def __init__(self, limits: Limits):
        self.limits = limits

    def __enter__(self) -> Budget:
        b = Budget(self.limits)
        self._token = _BUDGET.set(b)
        return b

    def __exit__(self, *exc) -> None:
        _BUDGET.reset(self._token)


def current_limits() -> Limits:
    """The limits of the document being rendered (the default ones outside a rendering)."""
    b = _BUDGET.get()
    return b.limits if b is not None else _DEFAULT


_DEFAULT = Limits()


def _tick() -> None:
    b = _BUDGET.get()
    if b is not None:
        b.tick()


class _Timed:
    """An iterable whose every step checks the clock (what each ``{% for %}`` loops over)."""

    __slots__ = ("_items", "_budget")

    def __init__(self, items: Iterable, budget_: Budget):
        self._items, self._budget = items, budget_

    def __len__(self) -> int:
        return len(self._items)  # type: ignore[arg-type]  # TypeError: Jinja counts by itself

    def __iter__(self) -> Iterator:
        tick = self._budget.tick
        for item in self._items:
            tick()
            yield item


class _GuardedCode(CodeGenerator):
    """Jinja's code generator, with every loop's items taken through the clock and every
    ``~`` concatenation measured."""

    def visit_Template(self, node: nodes.Template, frame=None) -> None:
        for loop in node.find_all(nodes.For):
            guard = nodes.Call(nodes.EnvironmentAttribute("guard_loop"), [loop.iter], [], None, None)
            guard.set_lineno(loop.iter.lineno)
            guard.set_environment(self.environment)
            loop.iter = guard
        super().visit_Template(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame) -> None:
        self.write("environment.sized(")
        super().visit_Concat(node, frame)
        self.write(")")


class _BoundedTemplate(jinja2.Template):
    """A compiled template whose output is counted against the document's budget."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        ctx = self.new_context(dict(*args, **kwargs))
        limits = cast(Sandbox, self.environment).limits
        token = _BUDGET.set(Budget(limits)) if _BUDGET.get() is None else None
        try:
            b = _BUDGET.get()
            assert b is not None
            out = []
            pieces = cast(Generator[str, None, None], self.root_render_func(ctx))
            for chunk in pieces:
                try:
                    b.spend(len(chunk))
                except LimitExceeded as exc:
                    pieces.throw(exc)  # raised at the tag that printed it, so it has a place
                out.append(chunk)
            return "".join(out)
        except Exception:
            self.environment.handle_exception()
        finally:
            if token is not None:
                _BUDGET.reset(token)


# ------------------------------------------------------------------------ size rules

_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?[a-zA-Z%]")
_BRACE_FIELD = re.compile(r"\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}")


def _too_large(what: str, size: int, limit: int) -> LimitExceeded:
    """The refusal of a result of ``size`` (characters, items, binary digits) over ``limit``."""
    size = min(size, 10**18)
    if what == "text":
        message = _("the template asks for a text of {size} characters; at most {limit} are allowed",
                    size=size, limit=limit)
    elif what == "list":
        message = _("the template asks for a list of {size} items; at most {limit} are allowed",
                    size=size, limit=limit)
    elif what == "number":
        message = _("the template asks for a number of {size} binary digits; at most {limit} are "
                    "allowed", size=size, limit=limit)
    else:
        message = _("the template asks for a width of {size} characters; at most {limit} are allowed",
                    size=size, limit=limit)
    return LimitExceeded(message)


def _int_args(values: Iterable[Any]) -> list[int]:
    return [v for v in values if isinstance(v, int) and not isinstance(v, bool)]


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox within :class:`Limits` (see the module's documentation)."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})
    code_generator_class = _GuardedCode
    template_class = _BoundedTemplate

    def __init__(self, limits: Limits | None = None, **options: Any):
        super().__init__(**options)
        self.limits = limits or Limits()
        self._checked_filters: dict[str, Any] = {}

    # --- what every computed value must fit in
    def sized(self, value: Any) -> Any:
        """``value``, if it is within the limits; else :class:`LimitExceeded`."""
        lim = self.limits
        if isinstance(value, str):
            if len(value) > lim.value_chars:
                raise _too_large("text", len(value), lim.value_chars)
        elif isinstance(value, (list, tuple, dict, set, frozenset)):
            if len(value) > lim.items:
                raise _too_large("list", len(value), lim.items)
        elif isinstance(value, int) and not isinstance(value, bool):
            if value.bit_length() > lim.int_bits:
                raise _too_large("number", value.bit_length(), lim.int_bits)
        return value

    def guard_loop(self, items: Any) -> Any:
        """What a ``{% for %}`` loops over, each step checking the clock."""
        b = _BUDGET.get()
        return _Timed(items, b) if b is not None else items

    # --- operators
    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        _tick()
        lim = self.limits
        if operator == "**" and _int_args([left]) and _int_args([right]) and right > 0 and abs(left) > 1:
            bits = right * math.log2(abs(left))
            if bits > lim.int_bits:
                raise _too_large("number", int(min(bits, 10**18)), lim.int_bits)
        elif operator == "*":
            seq, n = (left, right) if _int_args([right]) else (right, left)
            if isinstance(seq, (str, list, tuple)) and _int_args([n]):
                size = len(seq) * max(n, 0)
                limit = lim.value_chars if isinstance(seq, str) else lim.items
                if size > limit:
                    raise _too_large("text" if isinstance(seq, str) else "list", size, limit)
        elif operator == "%" and isinstance(left, str):
            args = right if isinstance(right, tuple) else (right,)
            self._check_percent(left, args)
        return self.sized(super().call_binop(context, operator, left, right))

    def _check_percent(self, fmt: str, args: Iterable[Any]) -> None:
        limit = self.limits.value_chars
        for m in _PERCENT_SPEC.finditer(fmt):
            for part in m.groups():
                if part and part.isdigit() and int(part) > limit:
                    raise _too_large("width", int(part), limit)
            if "*" in m.groups():
                for n in _int_args(args):
                    if n > limit:
                        raise _too_large("width", n, limit)

    def _check_format(self, fmt: str, args: Iterable[Any], kwargs: dict) -> None:
        limit = self.limits.value_chars
        for field_ in _BRACE_FIELD.findall(fmt):
            spec = field_.split(":", 1)[1] if ":" in field_ else ""
            for digits in re.findall(r"\d+", spec):
                if int(digits) > limit:
                    raise _too_large("width", int(digits), limit)
            if "{" in spec:  # a width given as an argument
                for n in _int_args(list(args) + list(kwargs.values())):
                    if n > limit:
                        raise _too_large("width", n, limit)

    def wrap_str_format(self, value: Any) -> Any:
        """Jinja's sandboxed ``str.format`` / ``format_map``, refusing widths over the limit."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        fmt, by_name = value.__self__, value.__name__ == "format_map"

        @functools.wraps(wrapped)
        def checked(*args: Any, **kwargs: Any) -> Any:
            values = args[0] if by_name and args and isinstance(args[0], dict) else kwargs
            self._check_format(fmt, () if by_name else args, values)
            return self.sized(wrapped(*args, **kwargs))
        return checked

    # --- calls (functions and methods)
    def call(__self, __context, __obj, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 (Jinja's names)
        _tick()
        owner = getattr(__obj, "__self__", None)
        name = getattr(__obj, "__name__", "")
        if isinstance(owner, str):
            __self._check_str_method(owner, name, args, kwargs)
        elif __obj is __self.globals.get("lipsum"):
            n = (args[0] if args else kwargs.get("n", 5))
            most = (args[3] if len(args) > 3 else kwargs.get("max", 100))
            if _int_args([n, most]) and n * most * 12 > __self.limits.value_chars:
                raise _too_large("text", n * most * 12, __self.limits.value_chars)
        return __self.sized(super().call(__context, __obj, *args, **kwargs))

    def _check_str_method(self, s: str, name: str, args: tuple, kwargs: dict) -> None:
        limit = self.limits.value_chars
        if name in ("center", "ljust", "rjust", "zfill"):
            for n in _int_args(args[:1]):
                if n > limit:
                    raise _too_large("width", n, limit)
        elif name == "expandtabs":
            n = (_int_args(args[:1]) or [8])[0]
            if s.count("\t") * n > limit:
                raise _too_large("text", s.count("\t") * n, limit)
        elif name == "replace" and len(args) >= 2:
            self._check_replace(args[0], args[1], s, args[2] if len(args) > 2 else None)
        elif name == "join" and args:
            self._check_join(s, args[0])

    def _check_replace(self, old: Any, new: Any, s: Any, count: Any) -> None:
        if not (isinstance(old, str) and isinstance(new, str) and isinstance(s, str)):
            return
        hits = (len(s) + 1) if old == "" else s.count(old)
        if isinstance(count, int) and count >= 0:
            hits = min(hits, count)
        size = len(s) + hits * (len(new) - len(old))
        if size > self.limits.value_chars:
            raise _too_large("text", size, self.limits.value_chars)

    def _check_join(self, sep: Any, items: Any) -> None:
        if not isinstance(items, (list, tuple)) or not isinstance(sep, str):
            return
        size = len(sep) * max(len(items) - 1, 0) + sum(len(x) for x in items if isinstance(x, str))
        if size > self.limits.value_chars:
            raise _too_large("text", size, self.limits.value_chars)

    # --- filters
    def guard_filters(self) -> None:
        """Put every filter through the clock and the size rules (call once all filters are
        added)."""
        for name, func in list(self.filters.items()):
            if getattr(func, "_evalreport_guarded", False):
                continue
            self.filters[name] = self._guarded_filter(name, func)

    def _guarded_filter(self, name: str, func: Any) -> Any:
        rule = _FILTER_RULES.get(name)
        signature = inspect.signature(func) if rule else None

        @functools.wraps(func)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            _tick()
            if rule is not None:
                try:
                    bound = signature.bind(*args, **kwargs)  # type: ignore[union-attr]
                except TypeError:
                    bound = None  # the filter itself will say what is wrong
                if bound is not None:
                    rule(self, bound.arguments)
            return self.sized(func(*args, **kwargs))

        guarded._evalreport_guarded = True  # type: ignore[attr-defined]
        return guarded


def _rule_width(arg: str):
    def rule(env: Sandbox, a: dict) -> None:
        n = a.get(arg)
        if isinstance(n, int) and _int_args([n]) and n > env.limits.value_chars:
            raise _too_large("width", n, env.limits.value_chars)
    return rule


def _rule_count(arg: str):
    def rule(env: Sandbox, a: dict) -> None:
        n = a.get(arg)
        if isinstance(n, int) and _int_args([n]) and n > env.limits.items:
            raise _too_large("list", n, env.limits.items)
    return rule


def _rule_indent(env: Sandbox, a: dict) -> None:
    s, width = a.get("s"), a.get("width", 4)
    if isinstance(s, str):
        pad = width if _int_args([width]) else len(width) if isinstance(width, str) else 0
        size = len(s) + (s.count("\n") + 1) * pad
        if size > env.limits.value_chars:
            raise _too_large("text", size, env.limits.value_chars)


def _rule_format(env: Sandbox, a: dict) -> None:
    value = a.get("value")
    if isinstance(value, str):
        env._check_percent(value, a.get("args", ()))


def _rule_replace(env: Sandbox, a: dict) -> None:
    env._check_replace(a.get("old"), a.get("new"), a.get("s"), a.get("count"))


def _rule_join(env: Sandbox, a: dict) -> None:
    env._check_join(a.get("d", ""), a.get("value"))


_FILTER_RULES = {
    "center": _rule_width("width"), "indent": _rule_indent, "batch": _rule_count("linecount"),
    "slice": _rule_count("slices"), "format": _rule_format, "replace": _rule_replace,
    "join": _rule_join,
}
