"""The assembled exhibit must not contain unresolved placeholders.

## Why is this bad?
A template expression that was not filled (``{{ partner.name }}``), a drafting marker
(``[X]``, ``TBD``) or a missing value printed as ``None`` or ``nan`` makes the signed document
incomplete: legal reviewers stop at it, or worse, nobody does and the contract says
"within None business hours". Code blocks and inline code are not checked. ``None`` followed
by "of" ("None of the parties…") is ordinary English and is not reported.

## Example
```markdown
## 4. Response Times

The Partner responds to P1 tickets within {{ p1.response }}.
```

## Use instead
```markdown
## 4. Response Times

The Partner responds to P1 tickets within 4 business hours.
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from contractgen.lint.context import DocumentContext
from contractgen.lint.lazyre import Patterns
from contractgen.lint.problem import Level, Problem

CODE = "DOC001"
NAME = "document.unresolved-placeholder"
GROUPS = ("document", "inconsistent")
LEVEL = Level.ERROR
TARGET = "document"

_RE = Patterns(
    __name__,
    {
        "expression": r"\{\{.*?(\}\}|$)",
        "statement": r"\{%.*?(%\}|$)",
        "marker": r"\[X\]",
        "tbd": r"\bTBD\b",
        "none": r"\bNone\b(?!\s+of\b)",
        "nan": r"\b(nan|NaN)\b",
        "_TASK_ITEM": r"^\s*(?:[-*+]|[0-9]+[.)])\s+$",
        # Text every pattern's match contains: lines without it are not searched.
        "_ANY": r"\{\{|\{%|\[X\]|TBD|None|nan|NaN",
    },
)
"""Compiled on first use (see :mod:`contractgen.lint.lazyre`)."""
_KINDS = (
    ("expression", "an unfilled template expression"),
    ("statement", "a template statement"),
    ("marker", "a drafting placeholder"),
    ("tbd", "a drafting placeholder"),
    ("none", "a missing value printed as None"),
    ("nan", "a missing number printed as nan"),
)


def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(pattern, what its match is), in the order findings on one line are reported."""
    return tuple((_RE(key), what) for key, what in _KINDS)


def __getattr__(name: str) -> object:
    return _patterns() if name == "_PATTERNS" else _RE.attribute(name)


def check(ctx: DocumentContext) -> Iterator[Problem]:
    patterns, any_marker, task_item = _patterns(), _RE("_ANY"), _RE("_TASK_ITEM")
    for ex in ctx.exhibits:
        prose = ex.prose_text()
        last = -1
        for hit in any_marker.finditer(prose.text):
            index = prose.line_at(hit.start())
            if index == last:
                continue
            last = index
            line, text = prose.lines[index]
            for pattern, what in patterns:
                for m in pattern.finditer(text):
                    if m[0] == "[X]" and task_item.match(text[: m.start()]):
                        continue  # a ticked task-list item, not a placeholder
                    yield ctx.problem(
                        ex,
                        line,
                        m.start() + 1,
                        f'"{m[0].strip()}" is {what}',
                        fix="fill the value in the deal spec, or fix the clause template that "
                        "prints it",
                    )
