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
from contractgen.lint.problem import Level, Problem

CODE = "DOC004"
NAME = "document.missing-cross-reference"
GROUPS = ("document", "inconsistent")
LEVEL = Level.ERROR
TARGET = "document"

_REF = re.compile(r"\b(?P<kind>Section|Appendix)\s+(?P<n>[0-9]+(?:\.[0-9]+)*|[A-Z])\b")


def check(ctx: DocumentContext) -> Iterator[Problem]:
    sections: set[str] = set()
    appendices: set[str] = set()
    for ex in ctx.exhibits:
        sections |= ex.section_numbers
        appendices |= ex.appendix_ids
    for ex in ctx.exhibits:
        for line, text in ex.prose():
            if line in ex.heading_lines:
                continue
            for m in _REF.finditer(text):
                kind, n = m["kind"], m["n"]
                known = sections if kind == "Section" else appendices
                if (n.upper() if kind == "Appendix" else n) in known:
                    continue
                listed = ", ".join(sorted(known, key=_order)) or "none"
                yield ctx.problem(
                    ex,
                    line,
                    m.start() + 1,
                    f"{kind} {n} is referred to but does not exist ({kind.lower()}s: {listed})",
                    fix=f"point the reference at the right {kind.lower()}, or restore the "
                    f"{kind.lower()} it meant",
                )


def _order(n: str) -> tuple[int | str, ...]:
    return tuple(int(p) if p.isdigit() else p for p in n.split("."))
