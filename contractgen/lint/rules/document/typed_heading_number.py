"""A heading must not type its own number: Word numbers headings written with sub().

## Why is this bad?
Word numbers the exhibit's clauses and the sections of its appendix forms itself, through the
clause outline: a heading written with ``sub("Title")`` in a template becomes a numbered
heading with a bookmark, and the typed number the Markdown shows for it is dropped. A number
typed into a heading by hand ("## 2. Service Levels", "## Test 1: Functional",
"### Section 4 Notices", "## II. Scope") is plain text in Word: it does not change when a
section is inserted or dropped, so the document ends up with two sections 2 or a gap, and no
cross-reference can point to it, so "see Section 2" goes stale without anyone noticing. This
happens in a company clause library (``--library``), whose templates are written by hand; the
built-in library numbers every heading through ``sub()``. Headings that are the exhibit's
numbered anchors (their number comes from ``sub()``) are not reported.

The Example is what a template writes and what the assembled Markdown then reads; the fix is
in the template, as Use instead shows.

## Example
```markdown
# Appendix 2: Acceptance Test Record

## Test 1: Functional

The Customer confirms each function of the statement of work.
```

## Use instead
```markdown
# Appendix 2: Acceptance Test Record

## {{ sub("Functional Test") }}

The Customer confirms each function of the statement of work.
```
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from contractgen.lint.context import DocumentContext
from contractgen.lint.lazyre import Patterns
from contractgen.lint.problem import Level, Problem

CODE = "DOC006"
NAME = "document.typed-heading-number"
GROUPS = ("document", "drafting")
LEVEL = Level.WARNING
TARGET = "document"

_RE = Patterns(
    __name__,
    {
        # "2.", "2.1", "2.1.", "2)", "2:", "(2)", "II.", "iv)" then a space; "Section 2",
        # "Test 1:", "Part II" (a sectioning word and a number) then a break or the end.
        # "2.5% cap" and "24/7 Support" are not numbers of the heading.
        "_TYPED": (
            r"^(?P<label>(?:[0-9]+\.)+[0-9]*|[0-9]+[):]|\([0-9]+\)|[IVXLC]+[.)]|[ivxlc]+[.)]"
            r"|(?i:section|clause|article|part|chapter|test|step|phase|stage|item|§)\s*"
            r"(?:[0-9]+(?:\.[0-9]+)*|[IVXLC]+)\b[.:)]?)(?=\s|$)"
        ),
        "_REST": r"^[\s:.)\-–—]+",
    },
)
"""Compiled on first use (see :mod:`contractgen.lint.lazyre`): one match per heading."""


def __getattr__(name: str) -> re.Pattern[str]:
    return _RE.attribute(name)


def typed_number(heading: str) -> tuple[str, str] | None:
    """``(label, title)`` of a heading that starts with a typed number: ("Test 1:",
    "Functional") for "Test 1: Functional"; None for a heading without one."""
    m = _RE("_TYPED").match(heading)
    if m is None:
        return None
    return m["label"], _RE("_REST").sub("", heading[m.end() :])


def check(ctx: DocumentContext) -> Iterator[Problem]:
    typed = _RE("_TYPED")
    for ex in ctx.exhibits:
        anchored = Counter(ex.anchors)
        for h in ex.headings:
            if anchored[h.text] > 0:
                anchored[h.text] -= 1  # Word numbers it (a typed "2." of the same text is not)
                continue
            if not typed.match(h.text):
                continue
            label, title = typed_number(h.text) or ("", "")
            source = ex.lines[h.line - 1] if 0 < h.line <= len(ex.lines) else ""
            col = source.find(label) + 1 if label in source else 1
            hashes = "#" * h.level
            fix = (
                f'number it with sub() in the template: {hashes} {{{{ sub("{title}") }}}}'
                if title
                else 'number it with sub("Title") in the template'
            )
            yield ctx.problem(
                ex,
                h.line,
                col,
                f'heading "{h.text}" types its number "{label}": in Word that is plain text, '
                "which goes wrong when a section is inserted and which no cross-reference can "
                "point to",
                fix=fix,
            )
