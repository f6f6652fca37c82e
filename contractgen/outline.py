"""How clauses, sub-clauses and list items are numbered and referred to, in one place.

Assembly writes the numbers into the Markdown (Markdown has no numbering of its own); the Word
renderer writes the same formats into ``numbering.xml`` and lets Word count. Both read the
formats below, so "3.2" in the Markdown and "3.2" in Word cannot drift apart.

The assembled Markdown (``Exhibit.markdown``) marks what the renderers need to know:

* A numbered heading reads ``## 3. Title`` / ``### 3.2 Title``; the exhibit lists it in
  ``Exhibit.anchors`` with its Word bookmark name, so the renderer can drop the typed number and
  number the heading through the clause outline instead. A numbered section of an appendix
  form (a template's ``sub("Title")`` there) reads ``## 2. Title`` and is an anchor at level 0
  of the appendix's own outline; the form's other headings carry no number.
* A cross-reference is a link with the :data:`REF_SCHEME` scheme: ``[Section 4](ref:n/acceptance)``
  (Word: ``REF acceptance \\r \\h``, the number of the bookmarked heading) or
  ``[Appendix 1](ref:t/installation_checklist)`` (Word: ``REF … \\h``, the bookmarked text).
  Readers of the plain text (lint) see "Section 4". The published ``.md`` file turns these into
  links to the heading anchors (:func:`publish_markdown` in ``contractgen.library.publish``).
* Operative enumerations are ordered lists (``1.``); they are labelled (a), (b) … and, nested,
  (i), (ii) … by :func:`item_label`. Bullets stay bullets.
* A table cell or paragraph holding only underscores is a blank to fill in: six or more for one
  line (``______``), :data:`MULTILINE_BLANK` or more for a paragraph-long answer.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

REF_SCHEME = "ref:"
REF_NUMBER = "n"
"""``ref:n/<bookmark>``: the reference shows the number of the bookmarked clause."""
REF_TEXT = "t"
"""``ref:t/<bookmark>``: the reference shows the bookmarked text ("Appendix 1")."""

CLAUSE_LEVELS: tuple[str, ...] = ("%1", "%1.%2", "%1.%2.%3")
"""Word ``lvlText`` of the clause outline's levels: "3", "3.2", "3.2.1" (no trailing period, so
"Section 3" reads the same whether Word or contractgen prints the number)."""

ITEM_LEVELS: tuple[tuple[str, str], ...] = (
    ("lowerLetter", "(%{n})"),
    ("lowerRoman", "(%{n})"),
    ("upperLetter", "(%{n})"),
)
"""Word ``numFmt`` and ``lvlText`` of operative list levels: (a), (i), (A), then again."""

BLANK = re.compile(r"^_{6,}$")
MULTILINE_BLANK = 12
"""A blank of this many underscores or more asks for a paragraph, not one line."""

BOOKMARK_MAX = 40
_BOOKMARK_BAD = re.compile(r"[^A-Za-z0-9]+")


def clause_number(parts: tuple[int, ...]) -> str:
    """``(3, 2)`` → ``"3.2"``: the number Word's clause outline shows for that heading."""
    return ".".join(str(p) for p in parts)


def heading_number(number: str) -> str:
    """How the Markdown writes a clause number in its heading: "3." for a section (the usual
    Markdown form, which lint and readers expect), "3.2" for a sub-clause. Word shows "3" and
    "3.2" (:data:`CLAUSE_LEVELS`), so a reference reads "Section 3" in both."""
    return f"{number}." if "." not in number else number


def item_label(level: int, index: int) -> str:
    """The label of item ``index`` (1-based) of an operative list nested ``level`` deep."""
    fmt, text = ITEM_LEVELS[level % len(ITEM_LEVELS)]
    return text.replace("%{n}", _format(fmt, index))


def _format(fmt: str, index: int) -> str:
    if fmt == "lowerRoman":
        return _roman(index).lower()
    letters = _letters(index)
    return letters if fmt == "upperLetter" else letters.lower()


def _letters(index: int) -> str:
    """1 → A, 26 → Z, 27 → AA, 28 → BB: Word's letter numbering repeats the letter."""
    letter = chr(ord("A") + (index - 1) % 26)
    return letter * ((index - 1) // 26 + 1)


def _roman(index: int) -> str:
    out = []
    for value, numeral in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while index >= value:
            out.append(numeral)
            index -= value
    return "".join(out)


def bookmark_name(clause_id: str, sub: str | None = None) -> str:
    """A Word bookmark name for a clause or one of its sub-clauses, stable across rebuilds.

    Word accepts letters, digits and underscores, at most 40 characters, starting with a letter
    (names starting with "_" are hidden ones). Sub-clauses join the clause id and their title
    with a double underscore, which no clause id contains, so the two kinds never collide; a
    name too long is cut and ends in a checksum of the full name, so it stays unique.
    """
    base = _BOOKMARK_BAD.sub("_", clause_id).strip("_").lower() or "clause"
    if sub is not None:
        base = f"{base}__{_BOOKMARK_BAD.sub('_', sub).strip('_').lower()}"
    if not base[0].isalpha():
        base = f"c{base}"
    if len(base) > BOOKMARK_MAX:
        digest = f"{zlib.crc32(base.encode('utf-8')) & 0xFFFFFFFF:08x}"
        base = f"{base[: BOOKMARK_MAX - 9].rstrip('_')}_{digest}"
    return base


def ref_href(kind: str, bookmark: str) -> str:
    """The link target of a cross-reference in the assembled Markdown."""
    return f"{REF_SCHEME}{kind}/{bookmark}"


def parse_ref_href(href: str) -> tuple[str, str] | None:
    """``(kind, bookmark)`` of a cross-reference link target, or ``None`` for any other link."""
    if not href.startswith(REF_SCHEME):
        return None
    kind, _, bookmark = href[len(REF_SCHEME) :].partition("/")
    if kind not in (REF_NUMBER, REF_TEXT) or not bookmark:
        return None
    return kind, bookmark


@dataclass(frozen=True)
class Anchor:
    """A heading other text can refer to: where it is, what it is called in Word and Markdown."""

    text: str
    """The heading's text as the Markdown shows it ("3.2 Completion Criteria")."""
    label: str
    """What a reference to it shows: "3.2" (a numbered clause) or "Appendix 1"."""
    bookmark: str
    """The Word bookmark name."""
    level: int
    """Clause outline level (0: "3", 1: "3.2", 2: "3.2.1"; an appendix form's sections are
    level 0 of its own outline); -1 for an appendix title."""
    slug: str
    """The heading's anchor in the published Markdown (GitHub's rule)."""

    @property
    def numbered(self) -> bool:
        return self.level >= 0


_SLUG_DROP = re.compile(r"[^\w\- ]", re.UNICODE)


def heading_slug(text: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    return _SLUG_DROP.sub("", text.strip().lower()).replace(" ", "-")
