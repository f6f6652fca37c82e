"""A capitalised term used as a defined term must be defined.

## Why is this bad?
Capitalising a phrase mid-sentence ("within the Resolution Window") tells the reader it has a
precise meaning given in the Definitions section. If the Definitions section has no such
entry, the meaning is whatever each side wants it to be, exactly where precision matters.

A use is a phrase of two to four capitalised words inside a sentence (after a lower-case
word, so sentence starts and headings do not count) outside tables' header rows and code. It
is not reported when it is a defined term (or its plural), part of one, part of a heading, a
term defined in running text (``(together, the "Completion Criteria")``), or
part of a name from the spec (parties, roles, tiers, the agreement) or the exhibit's title;
cells in a table column headed Title, Name, Clause, Heading, Section, Role or Contact hold names
and are skipped. Names the spec does not know can be allowed by policy (option ``allow``).

## Example
```markdown
## 1. Definitions

- **Business Hours** means 09:00 to 18:00 on working days.

## 5. Resolution

A ticket is resolved within the Resolution Window during Business Hours.
```

## Use instead
```markdown
## 1. Definitions

- **Business Hours** means 09:00 to 18:00 on working days.
- **Resolution Window** means the time allowed to resolve a ticket.

## 5. Resolution

A ticket is resolved within the Resolution Window during Business Hours.
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from contractgen.lint.context import DocumentContext
from contractgen.lint.lazyre import Patterns
from contractgen.lint.options import Option
from contractgen.lint.problem import Level, Problem

CODE = "DOC002"
NAME = "document.undefined-term"
GROUPS = ("document", "inconsistent")
LEVEL = Level.WARNING
TARGET = "document"
OPTIONS = (
    Option("allow", (), "Capitalised phrases that are names, not defined terms.", kind="strings"),
)

_WORD = r"(?:[A-Z][a-z]+(?:-[A-Za-z][a-z]+)*|[A-Z]{2,5}[0-9]?|L[0-9])"
_RE = Patterns(
    __name__,
    {
        "_PHRASE": rf"(?<![\w*-])(?P<p>{_WORD}(?: {_WORD}){{1,3}})(?![\w-])",
        # _PHRASE with its first word's capital first and the look-behind after it: the same
        # matches, but the regex engine jumps from capital to capital instead of trying every
        # position (three times faster over the library's Markdown).
        "_PHRASE_SCAN": (
            rf"(?P<p>[A-Z](?<![\w*-].)(?:[a-z]+(?:-[A-Za-z][a-z]+)*|[A-Z]{{1,4}}[0-9]?|(?<=L)[0-9])"
            rf"(?: {_WORD}){{1,3}})(?![\w-])"
        ),
        "_BEFORE": r"(?:^|[^\w])(?P<w>[a-z][a-z']*),?\s+[\"“(]?$",
        # _BEFORE read backwards from the end of the text before a phrase: the same answer,
        # but anchored where the phrase starts, instead of tried at every position of the line
        # before it.
        "_BEFORE_REVERSED": r"[\"“(]?\s+,?[a-z']*[a-z](?!\w)",
    },
)
"""Compiled on first use (see :mod:`contractgen.lint.lazyre`); ``_PHRASE`` and ``_BEFORE`` are
the plain forms the tests hold the fast ones to."""


def __getattr__(name: str) -> re.Pattern[str]:
    return _RE.attribute(name)


def _after_lower_case_word(before: str) -> bool:
    """Whether ``_BEFORE`` matches ``before`` (the text of the line before a phrase)."""
    return bool(before) and _RE("_BEFORE_REVERSED").match(before[::-1]) is not None


def singular(word: str) -> str:
    """A rough English singular, enough to match a term with its plural."""
    w = word.lower()
    if w.endswith("ia") and len(w) > 4:
        return w[:-2] + "ion"  # criteria → criterion
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


_WORD_CHARS = re.compile(r"[A-Za-z0-9]+")


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """The singular words of ``text``, as a tuple (shared: callers never change it).

    Kept per text: every deal reads the same definitions, headings and phrases again, and
    splitting them was a quarter of the rule (known phrases 0.74 ms a deal over 20 generated
    deals, 0.2 ms kept).
    """
    return tuple(map(singular, _WORD_CHARS.findall(text)))


def _within(small: tuple[str, ...], big: tuple[str, ...]) -> bool:
    """Whether ``small`` occurs in ``big`` as consecutive words (what ``_Known`` answers)."""
    n = len(small)
    return n > 0 and any(big[i : i + n] == small for i in range(len(big) - n + 1))


def _runs(phrase: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """Every run of consecutive words of ``phrase`` (``_within(run, phrase)`` for each)."""
    for i in range(len(phrase)):
        for j in range(i + 1, len(phrase) + 1):
            yield phrase[i:j]


def known_phrases(ctx: DocumentContext) -> list[tuple[str, ...]]:
    known = [words(d.term) for ex in ctx.exhibits for d in ex.definitions]
    known += [words(t) for ex in ctx.exhibits for t in ex.inline_terms]
    known += [words(n) for ex in ctx.exhibits for n in ex.names]
    known += [words(h.text) for ex in ctx.exhibits for h in ex.headings]
    known += [words(a) for a in ctx.options["allow"]]
    return [k for k in known if k]


class _Known:
    """``covers(w)``: ``_within(w, k) or _within(k, w)`` for some known phrase ``k``.

    Answered from sets instead of comparing ``w`` with every known phrase (each use was
    tested against every definition, heading and name of the deal: 5,000 comparisons a deal).
    The runs of known phrases are collected by length, only for the lengths uses have.
    """

    def __init__(self, known: list[tuple[str, ...]]) -> None:
        self._known = known
        self._whole = set(known)
        self._runs: dict[int, set[tuple[str, ...]]] = {}
        self._answers: dict[tuple[str, ...], bool] = {}

    def covers(self, w: tuple[str, ...]) -> bool:
        answer = self._answers.get(w)
        if answer is None:
            answer = bool(w) and (
                w in self._runs_of(len(w)) or any(r in self._whole for r in _runs(w))
            )
            self._answers[w] = answer
        return answer

    def _runs_of(self, n: int) -> set[tuple[str, ...]]:
        runs = self._runs.get(n)
        if runs is None:
            runs = self._runs[n] = {
                k[i : i + n] for k in self._known for i in range(len(k) - n + 1)
            }
        return runs


def check(ctx: DocumentContext) -> Iterator[Problem]:
    known = _Known(known_phrases(ctx))
    split: dict[str, tuple[str, ...]] = {}
    reported: set[str] = set()
    for ex in ctx.exhibits:
        skip = ex.heading_lines | ex.table_header_lines | ex.definition_lines
        names: dict[int, list[str]] = {}
        for table in ex.tables:
            for n, cell in table.name_lines():
                names.setdefault(n, []).append(cell)
        # One pass over the joined prose (a phrase never spans a line: see ProseText).
        prose = ex.prose_text()
        # Every test below only filters, so they run cheapest and most often decisive first:
        # most capitalised phrases are defined terms, answered from a dict.
        for m in _RE("_PHRASE_SCAN").finditer(prose.text):
            phrase = m["p"]
            # An ASCII phrase starting with a capital: no lower-case letter means isupper().
            if phrase.isupper() or phrase in reported:
                continue
            w = split.get(phrase)
            if w is None:
                w = split[phrase] = words(phrase)
            if known.covers(w):
                continue
            index = prose.line_at(m.start())
            line = prose.lines[index][0]
            if line in skip:
                continue
            if any(phrase in cell for cell in names.get(line, ())):
                continue
            if not _after_lower_case_word(prose.text[prose.offsets[index] : m.start()]):
                continue
            reported.add(phrase)
            yield ctx.problem(
                ex,
                line,
                m.start() - prose.offsets[index] + 1,
                f'"{phrase}" is capitalised like a defined term but is not defined',
                fix=f'add "**{phrase}**" to the Definitions section, or write it in lower case',
            )
