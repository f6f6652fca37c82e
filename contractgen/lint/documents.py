"""Read an assembled exhibit's Markdown once, for all document rules.

The Markdown convention of the clause library: section headings read ``## 7. Escalation``;
defined terms are bold at the start of a list item or table cell in the Definitions section
(``- **Business Hours** means …``); cross-references read "Section 7" or "Appendix 2".
The tokens come from the shared parse (contractgen.mdparse, which the Word renderer reuses);
markdown-it-py is imported only when document checks run.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from contractgen.lint.markup import plain

if TYPE_CHECKING:
    from contractgen.exhibit import Exhibit

_INLINE_CODE = re.compile(r"(`+)(.+?)\1")
_BOLD_START = re.compile(r"^\s*\*\*\"?(?P<term>[^*\"]+?)\"?\*\*")
_SECTION_NUMBER = re.compile(r"^(?P<n>[0-9]+(?:\.[0-9]+)*)\.?\s")
_APPENDIX = re.compile(r"\bAppendix\s+(?P<n>[0-9]+|[A-Z])\b")
_APPENDIX_KEY = re.compile(r"^appendix-(?P<n>[0-9]+|[a-z])(?:-|$)")
_INLINE_DEFINITION = re.compile(r"\([^()]*?[\"“](?P<term>[A-Z][^\"”()]{0,60})[\"”][^()]*\)")


class Heading(NamedTuple):
    """A heading (the parts of a parse are tuples: a deal has ~600 of them, and a tuple is
    built in a third of a frozen dataclass's time, and its class made at import in less)."""

    level: int
    text: str
    line: int


class Definition(NamedTuple):
    term: str
    line: int
    col: int


class Cell(NamedTuple):
    text: str
    line: int


class Table(NamedTuple):
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    line: int

    def name_lines(self) -> set[tuple[int, str]]:
        """(line, text) of cells under a column that holds names (Title, Name, Clause…)."""
        columns = [i for i, h in enumerate(self.header) if h.lower() in NAME_COLUMNS]
        return {(row[i].line, row[i].text) for row in self.rows for i in columns if i < len(row)}


NAME_COLUMNS = frozenset({"title", "name", "clause", "heading", "section", "role", "contact"})
"""Column headers whose cells are names, not sentences that use defined terms."""


class Labelled(NamedTuple):
    """A "**Label:** value" list item or paragraph."""

    label: str
    value: str
    line: int


@dataclass
class ParsedExhibit:
    """An exhibit's Markdown with what the document rules look at, with 1-based lines."""

    key: str
    title: str
    lines: list[str]
    names: tuple[str, ...] = ()
    """Proper names (parties, roles, titles) that are not defined terms."""
    code_lines: set[int] = field(default_factory=set)
    heading_lines: set[int] = field(default_factory=set)
    headings: list[Heading] = field(default_factory=list)
    definitions: list[Definition] = field(default_factory=list)
    definition_lines: set[int] = field(default_factory=set)
    tables: list[Table] = field(default_factory=list)
    table_header_lines: set[int] = field(default_factory=set)
    labelled: list[Labelled] = field(default_factory=list)
    inline_terms: list[str] = field(default_factory=list)
    """Terms defined in running text: (the "Agreement"), (together, the "Completion Criteria")."""
    anchors: tuple[str, ...] = ()
    """The text of the exhibit's anchors (``Exhibit.anchors``: the headings Word numbers, the
    appendix title) as its headings read, in document order."""

    _prose: list[tuple[int, str]] | None = field(default=None, repr=False, compare=False)
    _prose_text: ProseText | None = field(default=None, repr=False, compare=False)

    def prose(self) -> list[tuple[int, str]]:
        """(line, text) of every line outside code, with inline code blanked out (same width).

        Computed once: several rules walk every line of every exhibit, some in nested loops.
        """
        if self._prose is None:
            self._prose = [
                (n, _INLINE_CODE.sub(_blank, text) if "`" in text else text)
                for n, text in enumerate(self.lines, start=1)
                if n not in self.code_lines
            ]
        return self._prose

    def prose_text(self) -> ProseText:
        """:meth:`prose` as one text (computed once): see :class:`ProseText`."""
        if self._prose_text is None:
            self._prose_text = ProseText(self.prose())
        return self._prose_text

    @property
    def section_numbers(self) -> set[str]:
        found: set[str] = set()
        for h in self.headings:
            m = _SECTION_NUMBER.match(h.text)
            if m:
                found.add(m["n"])
        return found

    @property
    def appendix_ids(self) -> set[str]:
        found = {m["n"].upper() for h in self.headings for m in _APPENDIX.finditer(h.text)}
        found.update(m["n"].upper() for m in _APPENDIX.finditer(self.title))
        key = _APPENDIX_KEY.match(self.key)
        if key:
            found.add(key["n"].upper())
        return found


def _blank(match: re.Match[str]) -> str:
    return " " * len(match[0])


class ProseText:
    """Prose lines joined by ``\\n``, for rules that look for a pattern on every line.

    A pattern that cannot match a line break finds the same matches in the joined text as on
    each line on its own (a line holds no line break, and ``\\n`` is neither a word character
    nor a space inside a line), so a rule makes one regex call for the whole exhibit instead
    of one per line and pattern; :meth:`line_at` maps a match back to its line.
    """

    __slots__ = ("lines", "offsets", "text")

    def __init__(self, prose: list[tuple[int, str]]) -> None:
        self.lines = prose
        self.text = "\n".join(text for _, text in prose)
        self.offsets: list[int] = []
        at = 0
        for _, text in prose:
            self.offsets.append(at)
            at += len(text) + 1

    def line_at(self, pos: int) -> int:
        """Index in :attr:`lines` of the line holding ``text[pos]``."""
        return bisect_left(self.offsets, pos + 1) - 1

    def span(self, line: int) -> tuple[int, int] | None:
        """Where prose line number ``line`` (1-based) sits in the text, if it is prose."""
        i = bisect_left(self.lines, (line, ""))
        if i < len(self.lines) and self.lines[i][0] == line:
            return self.offsets[i], self.offsets[i] + len(self.lines[i][1])
        return None


_READ = frozenset(
    {
        *("fence", "code_block", "heading_open", "inline"),
        *("table_open", "thead_open", "thead_close", "tr_open", "th_open", "td_open"),
        *("tr_close", "table_close"),
    }
)
"""The token types parse_exhibit looks at (most of an exhibit's tokens are none of them)."""


def parse_exhibit(exhibit: Exhibit, names: tuple[str, ...] = ()) -> ParsedExhibit:
    from contractgen.mdparse import parse_blocks

    source = exhibit.markdown
    parsed = ParsedExhibit(
        exhibit.key,
        exhibit.title,
        source.splitlines(),
        tuple(n for n in (*names, exhibit.title, exhibit.company, exhibit.subject) if n),
        anchors=tuple(plain(a.text) for a in exhibit.anchors),
    )
    for m in _INLINE_DEFINITION.finditer(source):
        for quoted in re.findall(r"[\"“]([A-Z][^\"”()]{0,60})[\"”]", m[0]):
            parsed.inline_terms.append(quoted)
    tokens = parse_blocks(source)
    definitions_level = 0
    """Heading level that opened the Definitions section (0: not inside it)."""
    header: list[str] = []
    rows: list[tuple[Cell, ...]] = []
    row: list[Cell] = []
    table_line = 0
    in_head = False
    # The branches in order of how often their tokens come (inline, cells, rows, headings).
    for i, tok in enumerate(tokens):
        kind = tok.type
        if kind == "inline":
            if tok.map and tokens[i - 1].type == "paragraph_open":
                line = tok.map[0] + 1
                if definitions_level and i >= 2 and tokens[i - 2].type == "list_item_open":
                    _definition(parsed, tok.content, line)
                _labelled(parsed, tok.content, line)
        elif kind not in _READ:
            continue
        elif kind == "td_open" or kind == "th_open":
            cell = tokens[i + 1]
            line = cell.map[0] + 1 if cell.map else table_line
            if in_head:
                header.append(plain(cell.content))
            else:
                row.append(Cell(cell.content, line))
                if definitions_level and not row[1:]:
                    _definition(parsed, cell.content, line)
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            if not in_head:
                rows.append(tuple(row))
        elif kind == "heading_open":
            if tok.map:
                text = tokens[i + 1].content
                line = tok.map[0] + 1
                level = int(tok.tag[1:])
                parsed.headings.append(Heading(level, plain(text), line))
                parsed.heading_lines.update(range(tok.map[0] + 1, tok.map[1] + 1))
                if definitions_level and level <= definitions_level:
                    definitions_level = 0
                if not definitions_level and "defin" in text.lower():
                    definitions_level = level
        elif kind == "fence" or kind == "code_block":
            if tok.map:
                parsed.code_lines.update(range(tok.map[0] + 1, tok.map[1] + 1))
        elif kind == "table_open":
            header, rows, table_line = [], [], (tok.map[0] + 1 if tok.map else 0)
        elif kind == "thead_open":
            in_head = True
            if tok.map:
                parsed.table_header_lines.update(range(tok.map[0] + 1, tok.map[1] + 2))
        elif kind == "thead_close":
            in_head = False
        elif kind == "table_close":
            parsed.tables.append(Table(tuple(header), tuple(rows), table_line))
    return parsed


def _definition(parsed: ParsedExhibit, content: str, line: int) -> None:
    m = _BOLD_START.match(content)
    if not m:
        return
    term = " ".join(m["term"].split())
    source = parsed.lines[line - 1] if 0 < line <= len(parsed.lines) else ""
    col = source.find(term) + 1 if term in source else 1
    parsed.definitions.append(Definition(term, line, col))
    parsed.definition_lines.add(line)


_LABEL = re.compile(r"^\s*\*\*(?P<label>[^*]+?):?\*\*:?\s+(?P<value>\S.*)$")


def _labelled(parsed: ParsedExhibit, content: str, line: int) -> None:
    first = content.splitlines()[0] if content else ""
    m = _LABEL.match(first)
    if m and (
        m["label"].rstrip().endswith(":") or first[m.end("label") :].startswith(("**:", ":**"))
    ):
        parsed.labelled.append(Labelled(plain(m["label"]).rstrip(":"), plain(m["value"]), line))
