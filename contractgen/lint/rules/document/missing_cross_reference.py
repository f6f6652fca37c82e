"""Cross-references must point at sections and appendices that exist.

## Why is this bad?
"As set out in Section 9" sends the reader to the rules that decide a dispute. If the exhibit
has no Section 9 (a clause was dropped and the numbering moved), the reference points nowhere,
or to the wrong clause, and the sentence that relies on it has no content. Sections are the
numbered headings (``## 7. Escalation``); appendices are the headings, titles or file names
that say "Appendix N", across all exhibits of the deal.

## Example
```markdown
## 1. Scope

Penalties are settled as set out in Section 9.
```

## Use instead
```markdown
## 1. Scope

Penalties are settled as set out in Section 2.

## 2. Penalties

Penalties are settled each quarter.
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from contractgen.lint.context import DocumentContext
from contractgen.lint.lazyre import Patterns
from contractgen.lint.problem import Level, Problem

CODE = "DOC004"
NAME = "document.missing-cross-reference"
GROUPS = ("document", "inconsistent")
LEVEL = Level.ERROR
TARGET = "document"

_RE = Patterns(
    __name__,
    {
        "_REF": r"\b(?P<kind>Section|Appendix)[^\S\n]+(?P<n>[0-9]+(?:\.[0-9]+)*|[A-Z])\b",
        # _REF with the word boundary checked after the first letter ("S" or "A", then no word
        # character before it): the same matches, but the regex engine jumps from S to A
        # instead of trying every position of the text.
        "_REF_SCAN": (
            r"(?P<kind>S(?<!\w.)ection|A(?<!\w.)ppendix)[^\S\n]+(?P<n>[0-9]+(?:\.[0-9]+)*|[A-Z])\b"
        ),
    },
)
"""Compiled on first use (see :mod:`contractgen.lint.lazyre`). A reference on one line:
searched for in an exhibit's joined prose (see ProseText), where the space after the word may
not be a line break; one search an exhibit instead of one a line took the rule from 0.11 to
0.06 s in a cProfile of lint over 30 generated deals."""


def __getattr__(name: str) -> re.Pattern[str]:
    return _RE.attribute(name)


def check(ctx: DocumentContext) -> Iterator[Problem]:
    sections: set[str] = set()
    appendices: set[str] = set()
    for ex in ctx.exhibits:
        sections |= ex.section_numbers
        appendices |= ex.appendix_ids
    for ex in ctx.exhibits:
        prose = ex.prose_text()
        for m in _RE("_REF_SCAN").finditer(prose.text):
            # most references exist: that test first, then where the line is (both only filter)
            kind, n = m["kind"], m["n"]
            known = sections if kind == "Section" else appendices
            if (n.upper() if kind == "Appendix" else n) in known:
                continue
            index = prose.line_at(m.start())
            line = prose.lines[index][0]
            if line in ex.heading_lines:
                continue
            listed = ", ".join(sorted(known, key=_order)) or "none"
            yield ctx.problem(
                ex,
                line,
                m.start() - prose.offsets[index] + 1,
                f"{kind} {n} is referred to but does not exist ({kind.lower()}s: {listed})",
                fix=f"point the reference at the right {kind.lower()}, or restore the "
                f"{kind.lower()} it meant",
            )


def _order(n: str) -> tuple[int | str, ...]:
    return tuple(int(p) if p.isdigit() else p for p in n.split("."))
