"""A rule as the catalogue sees it: built from one rule module's constants and docstring.

Each rule module declares ``CODE``, ``NAME``, ``GROUPS``, ``LEVEL``, ``OPTIONS`` and a
``check(ctx)`` generator; its docstring is its documentation (first line: short description;
then ``## Why is this bad?``, ``## Example`` and ``## Use instead``). :func:`rule_from_module`
checks all of that once, so a malformed rule fails the test suite rather than a user's run.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cached_property
from types import ModuleType
from typing import Any

from contractgen.lint.options import Option
from contractgen.lint.problem import Level, Problem

CODE_RE = re.compile(r"^[A-Z]{3}[0-9]{3}$")
NAME_RE = re.compile(r"^[a-z]+\.[a-z0-9]+(-[a-z0-9]+)*$")
REQUIRED_SECTIONS = ("Why is this bad?", "Example", "Use instead")
_SECTION_RE = re.compile(r"^## (.+?)\s*$", re.MULTILINE)
_FENCE_RE = re.compile(r"^```(?P<lang>[a-z]*)\n(?P<body>.*?)^```", re.MULTILINE | re.DOTALL)

SPEC = "spec"
DOCUMENT = "document"


class Rule:
    """One entry of the catalogue (made once per process for each rule module, and never
    changed; a plain class: a frozen dataclass costs the import of this module about 1 ms)."""

    def __init__(
        self,
        *,
        code: str,
        name: str,
        groups: tuple[str, ...],
        level: Level,
        docstring: str,
        check: Callable[[Any], Iterator[Problem]],
        options: tuple[Option, ...] = (),
        target: str = SPEC,
    ) -> None:
        self.code = code
        self.name = name
        self.groups = groups
        self.level = level
        self.docstring = docstring
        """The rule module's docstring, as written; parsed only when documentation is shown."""
        self.check = check
        self.options = options
        self.target = target
        """``spec`` rules read the deal spec; ``document`` rules read the assembled exhibits."""

    def __repr__(self) -> str:
        return f"Rule({self.code} {self.name})"

    @cached_property
    def doc(self) -> str:
        return _dedent(self.docstring)

    @cached_property
    def _parsed(self) -> tuple[str, dict[str, str]]:
        # A lint run never shows the documentation, so 61 docstrings are not parsed per run.
        return split_doc(self.docstring)

    @property
    def summary(self) -> str:
        return self._parsed[0]

    @property
    def sections(self) -> dict[str, str]:
        return self._parsed[1]

    @property
    def family(self) -> str:
        return self.name.split(".", 1)[0]

    def option(self, name: str) -> Option | None:
        return next((o for o in self.options if o.name == name), None)

    def fragment(self, section: str) -> tuple[str, str] | None:
        """The first fenced block of a section as (language, text): the Example, say."""
        m = _FENCE_RE.search(self.sections.get(section, ""))
        return (m["lang"], m["body"]) if m else None

    def explain(self) -> str:
        """The documentation as ``contractgen explain`` prints it: docstring plus options."""
        head = f"{self.code} {self.name} ({self.level.value}; groups: {', '.join(self.groups)})"
        parts = [head, "", self.doc.strip()]
        if self.options:
            parts += ["", "## Options", ""]
            for o in self.options:
                parts.append(f"- `{o.name}` (default {o.describe_default()}): {o.help}")
        return "\n".join(parts) + "\n"


def split_doc(doc: str) -> tuple[str, dict[str, str]]:
    """Short description and ``{heading: body}`` of a rule docstring.

    Only ``## `` lines outside fenced blocks start a section, so a Markdown example may hold
    headings of its own.
    """
    text = _dedent(doc)
    summary = text.strip().splitlines()[0].strip() if text.strip() else ""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    fenced = False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        m = None if fenced else _SECTION_RE.match(line)
        if m:
            current = sections.setdefault(m[1], [])
        elif current is not None:
            current.append(line)
    return summary, {k: "\n".join(v).strip("\n") for k, v in sections.items()}


def _dedent(doc: str) -> str:
    import inspect

    return inspect.cleandoc(doc)


def rule_from_module(module: ModuleType) -> Rule:
    """Build a :class:`Rule` from a rule module, refusing one that breaks the conventions."""
    where = module.__name__
    code = getattr(module, "CODE", None)
    name = getattr(module, "NAME", None)
    if not isinstance(code, str) or not CODE_RE.match(code):
        raise TypeError(f"{where}: CODE must look like ORD001, got {code!r}")
    if not isinstance(name, str) or not NAME_RE.match(name):
        raise TypeError(f"{where}: NAME must look like family.rule-name, got {name!r}")
    level = getattr(module, "LEVEL", None)
    if not isinstance(level, Level):
        raise TypeError(f"{where}: LEVEL must be a Level")
    check = getattr(module, "check", None)
    if not callable(check):
        raise TypeError(f"{where}: a rule module needs a check(ctx) generator")
    family = name.split(".", 1)[0]
    groups = tuple(getattr(module, "GROUPS", ()))
    if family not in groups:
        groups = (family, *groups)
    return Rule(
        code=code,
        name=name,
        groups=groups,
        level=level,
        docstring=module.__doc__ or "",
        check=check,
        options=tuple(getattr(module, "OPTIONS", ())),
        target=getattr(module, "TARGET", SPEC),
    )
