"""The sandbox clause templates run in: no attribute reach, and bounded time and memory.

Jinja2's :class:`~jinja2.sandbox.ImmutableSandboxedEnvironment` already refuses ``__class__``
and friends and refuses to mutate lists and dicts. It does not bound work: ``range(10**9)``,
two nested loops of ten thousand, ``'x' * 10**9`` or a namespace string doubled in a loop all
run until the machine gives up. :class:`ClauseSandbox` adds the bounds of
:mod:`contractgen.library.limits`:

* every ``{% for %}`` loop is rewritten at parse time to iterate through a guard that charges
  one step per item, and every call (function, method, macro) charges one step;
* ``range`` is capped; ``*``, ``**`` and ``%`` refuse results beyond the value limits;
* string methods that pad or multiply text (``center``, ``format``, ``join``…) are unsafe;
* namespace attributes are size-checked when assigned.

It also names spec fields by path when they are undefined (``'spec.escalation.foo' is
undefined``) and marks macro output as Markdown, so a macro's text is not escaped twice.
"""

from __future__ import annotations

import abc
import contextlib
import os
import re
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.runtime import Macro, Namespace, Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment
from pydantic import BaseModel

from contractgen.library.bytecode import SWITCH
from contractgen.library.limits import (
    MAX_INT_BITS,
    MAX_OUTPUT_CHARS,
    MAX_RANGE,
    MAX_STEPS,
    MAX_VALUE_CHARS,
)
from contractgen.library.markdown import Md

LOOP_GUARD = "_contractgen_loop_guard"
"""Global the parser wraps around every ``{% for %}`` iterable."""

_UNBOUNDED_STR_METHODS = frozenset(
    {"center", "ljust", "rjust", "zfill", "expandtabs", "format", "format_map", "join", "replace"}
)
"""String methods whose output size is set by an argument: use the bounded filters instead."""

_PYDANTIC_API = frozenset(
    {
        "construct",
        "copy",
        "dict",
        "from_orm",
        "json",
        "parse_file",
        "parse_obj",
        "parse_raw",
        "schema",
        "schema_json",
        "update_forward_refs",
        "validate",
    }
)
"""Pydantic's own methods: a template reads spec fields, it never re-validates or copies."""

_SAFE_MEMO_SIZE = 4096
"""(type, attribute) decisions remembered at most; the built-in library uses about a hundred."""

_PERCENT_FIELD = r"%[-#0 +]*(\d+|\*)?(?:\.(\d+|\*))?"
"""A printf field of ``text % args`` (compiled by ``re`` when a template first uses it)."""


@dataclass
class RenderState:
    """Per-render bookkeeping: the work done so far and where the spec's parts live."""

    paths: dict[int, str] = field(default_factory=dict)
    steps: int = 0
    last_none: str | None = None

    def charge(self, n: int = 1) -> None:
        self.steps += n
        if self.steps > MAX_STEPS:
            raise SecurityError(
                f"the template did more than {MAX_STEPS:,} loop iterations and calls "
                "(a runaway loop?)"
            )


_STATE: ContextVar[RenderState | None] = ContextVar("contractgen_render_state", default=None)


@contextlib.contextmanager
def rendering(paths: dict[int, str] | None = None) -> Iterator[RenderState]:
    """Run a render with a fresh budget; ``paths`` maps spec objects to their dotted paths."""
    state = RenderState(paths=paths or {})
    token = _STATE.set(state)
    try:
        yield state
    finally:
        _STATE.reset(token)


def current_state() -> RenderState:
    """The running render's state, or a fresh one (for expressions evaluated outside a render)."""
    state = _STATE.get()
    return state if state is not None else RenderState()


def loop_guard(iterable: Iterable[Any]) -> Iterator[Any]:
    """Iterate ``iterable``, charging one step per item."""
    state = current_state()
    for item in iterable:
        state.charge()
        yield item


def bounded_range(*args: int) -> range:
    """``range`` that refuses more than :data:`MAX_RANGE` items."""
    result = range(*args)
    if len(result) > MAX_RANGE:
        raise SecurityError(f"range() of {len(result):,} items; at most {MAX_RANGE:,} are allowed")
    return result


def check_size(value: Any, what: str) -> Any:
    """Refuse a string or list longer than :data:`MAX_VALUE_CHARS`; return it otherwise."""
    if isinstance(value, (str, list, tuple)) and len(value) > MAX_VALUE_CHARS:
        raise SecurityError(
            f"{what} would hold {len(value):,} items; at most {MAX_VALUE_CHARS:,} are allowed"
        )
    return value


class BoundedNamespace(Namespace):
    """``namespace()`` whose attributes cannot grow past the value limit."""

    def __setitem__(self, name: str, value: Any) -> None:
        check_size(value, f"namespace attribute {name!r}")
        Namespace.__setitem__(self, name, value)


def _check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse ``*``, ``**`` and ``%`` whose result would be beyond the limits, before computing."""
    ints = (
        isinstance(left, int)
        and isinstance(right, int)
        and not isinstance(left, bool)
        and not isinstance(right, bool)
    )
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            if (
                isinstance(seq, (str, list, tuple))
                and isinstance(times, int)
                and len(seq) * max(times, 0) > MAX_VALUE_CHARS
            ):
                raise SecurityError(
                    f"repeating a value {times:,} times exceeds {MAX_VALUE_CHARS:,} items"
                )
        if ints and left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise SecurityError(f"the product exceeds {MAX_INT_BITS:,} bits")
    elif operator == "**":
        if ints and right > 0 and abs(left) > 1 and left.bit_length() * right > MAX_INT_BITS:
            raise SecurityError(f"the power exceeds {MAX_INT_BITS:,} bits")
    elif operator == "%" and isinstance(left, str):
        for width, precision in re.findall(_PERCENT_FIELD, left):
            for number in (width, precision):
                if number.isdigit() and int(number) > MAX_VALUE_CHARS:
                    raise SecurityError(f"a format width of {number} is too large")
        args = right if isinstance(right, tuple) else (right,)
        if "*" in left and any(
            isinstance(a, int) and not isinstance(a, bool) and a > MAX_VALUE_CHARS for a in args
        ):
            raise SecurityError("a format width is too large")


_UNKNOWN: Any = object()


def _field_names(cls: type) -> frozenset[str] | None:
    """The fields of a pydantic model class (fixed when the class is made), else None.

    A field name never starts with an underscore (pydantic refuses it), so every field passes
    Jinja2's attribute rule; the model rule here allows them by name.
    """
    if isinstance(cls, type) and issubclass(cls, BaseModel):
        return frozenset(cls.model_fields)
    return None


class ClauseSandbox(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox, with the work bounds and error wording described above."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._safe_memo: dict[tuple[type, str], bool] | None = (
            None if os.environ.get(SWITCH) else {}
        )
        self._safe_memo_token: object = abc.get_cache_token()
        self._fields_memo: dict[type, frozenset[str] | None] | None = (
            None if self._safe_memo is None else {}
        )

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """Parse, then route every for-loop's iterable through :func:`loop_guard`."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            guard = nodes.Name(LOOP_GUARD, "load", lineno=loop.lineno)
            loop.iter = nodes.Call(guard, [loop.iter], [], None, None, lineno=loop.lineno)
        return tree

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """The attribute rule, remembered per (type, attribute name).

        Every rule here and in Jinja2's sandbox (``_``/``__`` names, ``is_internal_attribute``,
        ``modifies_known_mutable``, the string and pydantic rules) looks only at the attribute
        name and at ``isinstance`` tests of ``obj`` against fixed classes; ``value`` is unused.
        Such a test depends on ``type(obj)`` alone, unless the object reports another class
        through ``__class__`` or the name is a ``str`` subclass (then the rule runs every
        time), or an ABC gains a registered subclass (``abc.get_cache_token()`` changes; the
        memo is then emptied). A model's ``model_fields`` are fixed when its class is created.
        Templates check some 1,600 attributes per deal among about a hundred (type, name)
        pairs: a check went from 5.4 to 0.7 microseconds, about 7 ms CPU per warm deal.
        ``CONTRACTGEN_NO_CACHE`` turns it off.
        """
        memo = self._safe_memo
        cls = type(obj)
        if memo is None or obj.__class__ is not cls or type(attr) is not str:
            return self._attribute_rule(obj, attr, value)
        token = abc.get_cache_token()
        if token != self._safe_memo_token:
            memo.clear()
            self._safe_memo_token = token
        key = (cls, attr)
        safe = memo.get(key)
        if safe is None:
            safe = self._attribute_rule(obj, attr, value)
            if len(memo) >= _SAFE_MEMO_SIZE:
                memo.clear()  # names can be computed (obj[name]): keep the memo bounded
            memo[key] = safe
        return safe

    def _attribute_rule(self, obj: Any, attr: str, value: Any) -> bool:
        """Whether templates may read ``obj.attr``: Jinja2's immutable sandbox, plus ours."""
        if not super().is_safe_attribute(obj, attr, value):
            return False
        if isinstance(obj, str) and attr in _UNBOUNDED_STR_METHODS:
            return False
        if isinstance(obj, BaseModel) and attr not in type(obj).model_fields:
            return not attr.startswith("model_") and attr not in _PYDANTIC_API
        return True

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        current_state().charge()
        _check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        current_state().charge()
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(result, str) and len(result) > MAX_OUTPUT_CHARS:
            raise SecurityError(f"a call returned more than {MAX_OUTPUT_CHARS:,} characters")
        if isinstance(__obj, Macro) and isinstance(result, str) and not isinstance(result, Md):
            return Md(result)
        return result

    def getattr(self, obj: Any, attribute: str) -> Any:
        memo = self._fields_memo
        if memo is not None:
            cls = type(obj)
            fields = memo.get(cls, _UNKNOWN)
            if fields is _UNKNOWN:
                fields = memo[cls] = _field_names(cls)
            if fields is not None and attribute in fields and obj.__class__ is cls:
                # A field of a spec model: data, which the attribute rule always allows (see
                # _attribute_rule) and which is stored in the instance's dict. Read there
                # directly: about 1,300 reads a deal, each through Jinja2's getattr, the rule
                # and the path naming before.
                value = obj.__dict__.get(attribute, _UNKNOWN)
                if value is not None and value is not _UNKNOWN:
                    return value
        if isinstance(obj, str) and attribute in _UNBOUNDED_STR_METHODS:
            return self.unsafe_undefined(obj, attribute)
        return self._named(obj, attribute, super().getattr(obj, attribute), dotted=True)

    def getitem(self, obj: Any, argument: Any) -> Any:
        return self._named(obj, argument, super().getitem(obj, argument), dotted=False)

    def _named(self, obj: Any, name: Any, value: Any, *, dotted: bool) -> Any:
        """Give an undefined spec field its dotted path; remember the last field that was None."""
        state = _STATE.get()
        if state is None:
            return value
        parent = state.last_none if obj is None else state.paths.get(id(obj))
        if parent is None:
            return value
        # The path is spelled only when it is used: most reads find a value that is set, and
        # spelling it for each was a third of this method's cost (~1,500 reads a deal).
        if value is not None and not isinstance(value, Undefined):
            return value
        child = f"{parent}.{name}" if dotted and isinstance(name, str) else f"{parent}[{name!r}]"
        if isinstance(value, Undefined):
            if getattr(value, "_undefined_exception", None) is SecurityError:
                return value
            if obj is None:
                hint = f"'{child}' is undefined: '{parent}' is not set in this deal spec"
            else:
                hint = f"'{child}' is undefined"
            return self.undefined(hint=hint, obj=obj, name=name)
        if value is None:
            state.last_none = child
        return value
