"""The same figure must not be stated twice with different values.

## Why is this bad?
An exhibit often repeats a figure: the P1 response target in the response table and again in
the summary table of an appendix; the effective date in the header block and in the term
clause. When one copy is edited and the other is not, the contract states two values for one
promise, and each side quotes the one that suits it.

A figure is identified by its labels: in a table, the row's first cell and the column's
header ("P1" × "Response"); in a list item or paragraph, a bold label followed by a colon
("**Effective date:** …"). Only values that contain a digit are compared; labels and values
are compared without Markdown emphasis, case or extra spaces. Two tables are compared only
when they restate each other, that is when at least one other figure they share agrees: a form
repeated once per test ("Planned duration" under Test 1 and under Test 2) describes different
things. A row label that repeats inside its own table (two contacts of one party) is not a key.

## Example
```markdown
## 3. Response Times

| Priority | Response |
|---|---|
| P0 | 2 hours |
| P1 | 4 business hours |

## 9. Summary

| Priority | Response |
|---|---|
| P0 | 2 hours |
| P1 | 8 business hours |
```

## Use instead
```markdown
## 3. Response Times

| Priority | Response |
|---|---|
| P0 | 2 hours |
| P1 | 4 business hours |

## 9. Summary

| Priority | Response |
|---|---|
| P0 | 2 hours |
| P1 | 4 business hours |
```
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from contractgen.lint.markup import plain
from contractgen.lint.problem import Level, Problem

if TYPE_CHECKING:  # the document reader is loaded only when documents are checked
    from contractgen.lint.context import DocumentContext
    from contractgen.lint.documents import ParsedExhibit, Table

CODE = "DOC005"
NAME = "document.conflicting-figures"
GROUPS = ("document", "inconsistent")
LEVEL = Level.ERROR
TARGET = "document"


class Figure(NamedTuple):
    """A figure as the exhibit prints it, keyed by its row label and column heading."""

    key: str
    shown: str
    value: str
    line: int
    exhibit: ParsedExhibit
    norm: str
    """``value`` normalised for comparison (:func:`_norm`), worked out once per figure: each
    table's figures are compared with those of every table before it."""


def figure(key: str, shown: str, value: str, line: int, exhibit: ParsedExhibit) -> Figure:
    return Figure(key, shown, value, line, exhibit, _norm(value))


@lru_cache(maxsize=8192)
def _norm(text: str) -> str:
    """``text`` as compared: markup dropped, lower case, spaces collapsed. Kept per text: the
    tables of every deal repeat the same labels, headers and most figures."""
    return " ".join(plain(text).lower().split())


@lru_cache(maxsize=8192)
def _has_digit(text: str) -> bool:
    """Whether ``text`` holds a digit (kept per text, like :func:`_norm`)."""
    return any(map(str.isdigit, text))


def table_figures(table: Table, ex: ParsedExhibit) -> dict[str, Figure]:
    """Key → figure for one table; rows whose label repeats within the table are left out."""
    rows = [(row, _norm(row[0].text)) for row in table.rows if row]
    labels = Counter(norm for _, norm in rows)
    headers = [(header, _norm(header)) for header in table.header]
    out: dict[str, Figure] = {}
    for row, norm in rows:
        if labels[norm] > 1:
            continue
        label = plain(row[0].text)
        for col, cell in enumerate(row[1 : len(headers)], start=1):
            if not _has_digit(cell.text):
                continue
            header, header_norm = headers[col]
            key = f"{norm}\x00{header_norm}"
            out[key] = figure(key, f"{label} / {header}", cell.text, cell.line, ex)
    return out


def _problem(ctx: DocumentContext, later: Figure, earlier: Figure) -> Problem:
    ex = later.exhibit
    source = ex.lines[later.line - 1] if 0 < later.line <= len(ex.lines) else ""
    value = later.value.strip()
    col = source.find(value) + 1 if value and value in source else 1
    place = (
        f"line {earlier.line}"
        if earlier.exhibit is ex
        else f"{earlier.exhibit.key}.md line {earlier.line}"
    )
    return ctx.problem(
        ex,
        later.line,
        col,
        f'{later.shown} is "{plain(later.value)}" here but "{plain(earlier.value)}" in {place}',
        fix="state the figure once, or make every copy come from the same spec value",
    )


def check(ctx: DocumentContext) -> Iterator[Problem]:
    tables = [table_figures(t, ex) for ex in ctx.exhibits for t in ex.tables]
    reported: set[tuple[str, int]] = set()
    for j, later in enumerate(tables):
        for earlier in tables[:j]:
            shared = later.keys() & earlier.keys()
            if not any(later[k].norm == earlier[k].norm for k in shared):
                continue
            for k in sorted(shared, key=lambda k: later[k].line):
                fig = later[k]
                if fig.norm != earlier[k].norm and (fig.exhibit.key, fig.line) not in reported:
                    reported.add((fig.exhibit.key, fig.line))
                    yield _problem(ctx, fig, earlier[k])
    first: dict[str, Figure] = {}
    for ex in ctx.exhibits:
        for item in ex.labelled:
            if not _has_digit(item.value):
                continue
            fig = figure(_norm(item.label), item.label, item.value, item.line, ex)
            seen = first.setdefault(fig.key, fig)
            if seen is not fig and seen.norm != fig.norm:
                yield _problem(ctx, fig, seen)
