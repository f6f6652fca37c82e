"""The Jinja2 environment clauses render in, and the translation of its errors.

One environment per library (its layers decide what ``include`` finds), built here with:

* :class:`~contractgen.library.sandbox.ClauseSandbox` and ``StrictUndefined``: a value the spec
  does not have is an error naming the clause, the field and the template line, never a blank;
* a ``finalize`` hook that escapes every printed string for Markdown unless it is already
  :class:`~contractgen.library.markdown.Md`, and refuses to print None, booleans and objects
  (``None`` in a contract is always a bug);
* the contract-style filters, a curated subset of Jinja's own (nothing random, nothing that
  pads text to a size chosen by the template) and bounded ``join`` and ``replace``.

:func:`render` streams a template and stops at :data:`~contractgen.library.limits.MAX_OUTPUT_CHARS`;
:func:`to_user_error` turns anything a template can do wrong into a
:class:`~contractgen.errors.UserError` with ``file:line``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import (
    StrictUndefined,
    Template,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
    nodes,
    pass_environment,
)
from jinja2.environment import TemplateExpression
from jinja2.exceptions import SecurityError, TemplateRuntimeError
from jinja2.filters import FILTERS as JINJA_FILTERS
from jinja2.parser import Parser
from jinja2.runtime import Undefined
from jinja2.utils import Cycler, Joiner

from contractgen.errors import UserError
from contractgen.library.bytecode import Compiled, TemplateCache, compile_source, template_cache
from contractgen.library.filters import FILTERS, TESTS, date, duration, money
from contractgen.library.limits import MAX_OUTPUT_CHARS, MAX_VALUE_CHARS
from contractgen.library.markdown import Md, escape_md
from contractgen.library.sandbox import (
    LOOP_GUARD,
    BoundedNamespace,
    ClauseSandbox,
    bounded_range,
    check_size,
    current_state,
    loop_guard,
    rendering,
)
from contractgen.library.templates import LayeredLoader
from contractgen.library.words import digits
from contractgen.spec.types import Duration, Money

SAFE_JINJA_FILTERS = [
    "abs",
    "attr",
    "capitalize",
    "count",
    "d",
    "default",
    "dictsort",
    "first",
    "float",
    "groupby",
    "int",
    "items",
    "last",
    "length",
    "list",
    "lower",
    "map",
    "max",
    "min",
    "reject",
    "rejectattr",
    "reverse",
    "round",
    "select",
    "selectattr",
    "sort",
    "string",
    "sum",
    "title",
    "trim",
    "truncate",
    "unique",
    "upper",
    "wordcount",
]
"""Jinja's filters that are deterministic and cannot be asked to build a huge value."""

_CONDITION = "<when>"
"""Template name under which ``when:`` conditions are cached (a name no file can have)."""


def to_text(value: Any) -> Md:
    """What a printed value becomes in the Markdown; the environment's ``finalize`` hook."""
    if isinstance(value, Md):
        return value
    if isinstance(value, Undefined):
        return Md(str(value))  # StrictUndefined raises here, with the field's path
    if isinstance(value, str):
        return escape_md(value)
    if value is None:
        where = current_state().last_none
        subject = f"'{where}' is" if where else "a value printed here is"
        raise TemplateRuntimeError(
            f"{subject} not set in this deal spec; test it with {{% if %}} before printing it"
        )
    if isinstance(value, bool):
        raise TemplateRuntimeError("a true/false value cannot be printed; test it with {% if %}")
    if isinstance(value, int):
        return Md(str(value))
    if isinstance(value, Decimal):
        return Md(digits(value))
    if isinstance(value, float):
        if not math.isfinite(value):
            raise TemplateRuntimeError(f"the number {value} cannot be printed")
        return Md(repr(value))
    if isinstance(value, Duration):
        return escape_md(duration(value))
    if isinstance(value, Money):
        return escape_md(money(value))
    if isinstance(value, dt.date):
        return escape_md(date(value))
    raise TemplateRuntimeError(
        f"a {type(value).__name__} value cannot be printed as text; print one of its fields "
        "or use a filter"
    )


@pass_environment
def bounded_join(environment: Any, value: Iterable[Any], d: str = "", attribute: Any = None) -> Md:
    """``join`` that escapes each item for Markdown and refuses a result over the value limit."""
    items = list(value)
    if attribute is not None:
        items = [environment.getitem(item, attribute) for item in items]
    texts = [to_text(item) for item in items]
    total = sum(len(t) for t in texts) + len(d) * max(len(texts) - 1, 0)
    if total > MAX_VALUE_CHARS:
        raise SecurityError(f"join would build {total:,} characters; at most {MAX_VALUE_CHARS:,}")
    return Md(str(d).join(texts))


def bounded_replace(value: str, old: str, new: str, count: int | None = None) -> str:
    """``replace`` that refuses a result over the value limit."""
    s, old, new = str(value), str(old), str(new)
    hits = s.count(old) if old else len(s) + 1
    if count is not None:
        hits = min(hits, max(int(count), 0))
    check_size(" " * max(len(s) + hits * (len(new) - len(old)), 0), "replace")
    out = s.replace(old, new, -1 if count is None else int(count))
    return Md(out) if isinstance(value, Md) else out


def make_environment(roots: Sequence[Path], *, cache: bool = True) -> ClauseSandbox:
    """A sandboxed environment whose ``include`` sees only the library layers ``roots``.

    Its templates are compiled through the per-user cache of :mod:`contractgen.library.bytecode`
    (unless ``cache`` is False or the cache is switched off there).
    """
    env = ClauseSandbox(
        loader=LayeredLoader(roots),
        bytecode_cache=template_cache() if cache else None,
        undefined=StrictUndefined,
        finalize=to_text,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        cache_size=400,
    )
    env.filters.clear()
    env.filters.update({name: JINJA_FILTERS[name] for name in SAFE_JINJA_FILTERS})
    env.filters.update(FILTERS)
    env.filters["join"] = bounded_join
    env.filters["replace"] = bounded_replace
    env.tests.update(TESTS)
    env.globals.clear()
    env.globals.update(
        {
            "range": bounded_range,
            "namespace": BoundedNamespace,
            "dict": dict,
            "cycler": Cycler,
            "joiner": Joiner,
            LOOP_GUARD: loop_guard,
        }
    )
    return env


def compile_template(
    env: ClauseSandbox, source: str, name: str, path: Path, clause_id: str
) -> Compiled:
    """Compile a clause's template (or take it from the cache); a syntax error becomes a
    UserError at its line. :func:`instantiate` makes the compiled code a template."""
    try:
        return compile_source(env, source, name, str(path))
    except TemplateSyntaxError as exc:
        raise UserError(
            str(path),
            f"clause '{clause_id}': template syntax error: {exc.message}",
            exc.lineno or 0,
            1,
        ) from None
    except Exception as exc:  # constant folding runs filters at compile time
        raise to_user_error(exc, clause_id, path) from None


def instantiate(env: ClauseSandbox, compiled: Compiled) -> Template:
    """The template of a compiled clause, ready to render."""
    return env.template_class.from_code(env, compiled.code, env.make_globals(None), None)


def compile_condition(
    env: ClauseSandbox, expression: str, path: Path, line: int, clause_id: str
) -> Callable[..., Any]:
    """Compile a ``when:`` condition; a syntax error points at the front matter line.

    The same as ``env.compile_expression(expression, undefined_to_none=False)``, with the code
    kept in the template cache like a clause's.
    """
    try:
        cache = env.bytecode_cache
        found = (
            cache.lookup(env, _CONDITION, None, expression)
            if isinstance(cache, TemplateCache)
            else None
        )
        if found is None:
            parser = Parser(env, expression, state="variable")
            expr = parser.parse_expression()
            if not parser.stream.eos:
                raise TemplateSyntaxError(
                    "chunk after expression", parser.stream.current.lineno, None, None
                )
            expr.set_environment(env)
            body = [nodes.Assign(nodes.Name("result", "store"), expr, lineno=1)]
            found = Compiled(env.compile(nodes.Template(body, lineno=1)), frozenset())
            if isinstance(cache, TemplateCache):
                cache.store(env, _CONDITION, None, expression, found)
        return TemplateExpression(instantiate(env, found), undefined_to_none=False)
    except TemplateSyntaxError as exc:
        raise UserError(
            str(path),
            f"clause '{clause_id}': the when: condition is not valid: {exc.message}",
            line,
            1,
        ) from None


def evaluate_condition(
    condition: Callable[..., Any],
    names: Mapping[str, Any],
    paths: dict[int, str],
    path: Path,
    line: int,
    clause_id: str,
) -> bool:
    """Evaluate a compiled ``when:`` over the spec's top-level fields."""
    try:
        with rendering(paths):
            return bool(condition(**names))
    except Exception as exc:
        raise UserError(
            str(path),
            f"clause '{clause_id}': the when: condition failed: {_describe(exc)}",
            line,
            1,
        ) from None


def render(
    template: Template,
    context: Mapping[str, Any],
    paths: dict[int, str],
    clause_id: str,
    path: Path,
) -> str:
    """Render a template with bounded work and output; any failure is a UserError."""
    chunks: list[str] = []
    size = 0
    try:
        with rendering(paths):
            for chunk in template.generate(**context):
                size += len(chunk)
                if size > MAX_OUTPUT_CHARS:
                    raise SecurityError(
                        f"the clause rendered more than {MAX_OUTPUT_CHARS:,} characters"
                    )
                chunks.append(chunk)
    except RecursionError as exc:
        file, line = template_position(exc, path)
        raise UserError(
            file,
            f"clause '{clause_id}': recursion is too deep (a macro or include that calls itself?)",
            line,
            1 if line else 0,
        ) from None
    except Exception as exc:
        raise to_user_error(exc, clause_id, path) from None
    return "".join(chunks)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, TemplateNotFound):
        return (
            f"template '{exc.name}' is not in the clause library; include, import and extends "
            "may name only library files, such as 'partials/wording.md.j2'"
        )
    if isinstance(exc, SecurityError):
        return f"blocked by the sandbox: {exc}"
    if isinstance(exc, (UndefinedError, TemplateError)):
        return str(exc.message if isinstance(exc, TemplateError) and exc.message else exc)
    return f"{type(exc).__name__}: {exc}"


def to_user_error(exc: BaseException, clause_id: str, path: Path) -> UserError:
    """A template failure as ``file:line: clause 'id': what went wrong``.

    The line comes from the innermost template frame of the traceback (Jinja rewrites
    tracebacks so that template frames carry template line numbers); if the failure is inside an
    included partial, that partial's file is named.
    """
    if isinstance(exc, UserError):
        return exc
    if isinstance(exc, TemplateSyntaxError):
        return UserError(
            exc.filename or str(path),
            f"clause '{clause_id}': template syntax error: {exc.message}",
            exc.lineno or 0,
            1,
        )
    file, line = template_position(exc, path)
    return UserError(file, f"clause '{clause_id}': {_describe(exc)}", line, 1 if line else 0)


def template_position(exc: BaseException, path: Path) -> tuple[str, int]:
    """The template file and line of the innermost template frame of ``exc``'s traceback, or
    ``(path, 0)`` when no template code was running (Jinja rewrites template frames so they
    carry template line numbers)."""
    file, line = str(path), 0
    tb = exc.__traceback__
    while tb is not None:
        code_file = tb.tb_frame.f_code.co_filename
        if code_file.endswith(".j2"):
            file, line = code_file, tb.tb_lineno
        tb = tb.tb_next
    return file, line
