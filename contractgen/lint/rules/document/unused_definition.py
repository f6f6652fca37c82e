"""Every defined term should be used somewhere in the exhibits.

## Why is this bad?
A definition nobody uses is clutter at best; at worst it is a sign the clause that needed it
was dropped or renamed (the Definitions section defines "Service Credit" while the penalty
clause now says "Customer Credit"), and the reader is left to guess whether the two mean the
same. Uses are counted across all exhibits of the deal, in any case and in the plural.

## Example
```markdown
## 1. Definitions

- **Business Hours** means 09:00 to 18:00 on working days.
- **Service Credit** means a credit against future fees.

## 4. Response

The Partner responds within four Business Hours.
```

## Use instead
```markdown
## 1. Definitions

- **Business Hours** means 09:00 to 18:00 on working days.

## 4. Response

The Partner responds within four Business Hours.
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from contractgen.lint.context import DocumentContext
from contractgen.lint.problem import Level, Problem

CODE = "DOC003"
NAME = "document.unused-definition"
GROUPS = ("document", "readability")
LEVEL = Level.WARNING
TARGET = "document"


def check(ctx: DocumentContext) -> Iterator[Problem]:
    for ex in ctx.exhibits:
        for d in ex.definitions:
            pattern = re.compile(rf"(?<!\w){re.escape(d.term)}(?:s|es)?(?!\w)", re.IGNORECASE)
            used = any(
                pattern.search(text)
                for other in ctx.exhibits
                for line, text in other.prose()
                if not (other is ex and line == d.line)
            )
            if not used:
                yield ctx.problem(
                    ex,
                    d.line,
                    d.col,
                    f'"{d.term}" is defined but never used',
                    fix="remove the definition, or use the term where the clause meant it",
                )
