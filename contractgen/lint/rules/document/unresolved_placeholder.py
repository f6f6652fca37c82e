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
from contractgen.lint.problem import Level, Problem

CODE = "DOC001"
NAME = "document.unresolved-placeholder"
GROUPS = ("document", "inconsistent")
LEVEL = Level.ERROR
TARGET = "document"

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\{\{.*?(\}\}|$)"), "an unfilled template expression"),
    (re.compile(r"\{%.*?(%\}|$)"), "a template statement"),
    (re.compile(r"\[X\]"), "a drafting placeholder"),
    (re.compile(r"\bTBD\b"), "a drafting placeholder"),
    (re.compile(r"\bNone\b(?!\s+of\b)"), "a missing value printed as None"),
    (re.compile(r"\b(nan|NaN)\b"), "a missing number printed as nan"),
)
_TASK_ITEM = re.compile(r"^\s*(?:[-*+]|[0-9]+[.)])\s+$")
_ANY = re.compile(r"\{\{|\{%|\[X\]|TBD|None|nan|NaN")
"""Text every pattern's match contains: lines without it are not searched."""


def check(ctx: DocumentContext) -> Iterator[Problem]:
    for ex in ctx.exhibits:
        prose = ex.prose_text()
        last = -1
        for hit in _ANY.finditer(prose.text):
            index = prose.line_at(hit.start())
            if index == last:
                continue
            last = index
            line, text = prose.lines[index]
            for pattern, what in _PATTERNS:
                for m in pattern.finditer(text):
                    if m[0] == "[X]" and _TASK_ITEM.match(text[: m.start()]):
                        continue  # a ticked task-list item, not a placeholder
                    yield ctx.problem(
                        ex,
                        line,
                        m.start() + 1,
                        f'"{m[0].strip()}" is {what}',
                        fix="fill the value in the deal spec, or fix the clause template that "
                        "prints it",
                    )
