"""The document rules' fast paths find exactly what the plain line-by-line reading finds.

Each rule searches an exhibit's joined prose once (or looks phrases up in sets) instead of
walking every line with every pattern; these properties compare both ways on generated text.
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from contractgen.lint.context import DocumentContext, RuleRef
from contractgen.lint.documents import Definition, Heading, ParsedExhibit, ProseText
from contractgen.lint.problem import Level
from contractgen.lint.rules.document import (
    missing_cross_reference,
    undefined_term,
    unresolved_placeholder,
    unused_definition,
)
from contractgen.lint.rules.document.undefined_term import (
    _BEFORE,
    _PHRASE,
    _PHRASE_SCAN,
    _after_lower_case_word,
    _Known,
    _within,
    known_phrases,
    words,
)

_PIECES = st.sampled_from(
    ["Service", "Credit", "credits", "None", "None of", "nan", "NaN", "TBD", "{{ x }}", "{{",
     "{% if %}", "[X]", "- [X]", "`None`", "_", "é", "x", " ", "  ", "\t", "(", ")", "-", "1."]
)  # fmt: skip
_LINE = st.lists(_PIECES, max_size=8).map("".join)
_LINES = st.lists(_LINE, min_size=1, max_size=8)


def _exhibit(lines: list[str], code: set[int]) -> ParsedExhibit:
    return ParsedExhibit("main", "Exhibit", lines, code_lines=code)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(_LINES, st.sets(st.integers(1, 8), max_size=3))
def test_prose_text_maps_every_offset_back_to_its_line(lines: list[str], code: set[int]) -> None:
    prose = _exhibit(lines, code).prose_text()
    assert prose.text == "\n".join(text for _, text in prose.lines)
    for index, (number, text) in enumerate(prose.lines):
        start = prose.offsets[index]
        assert prose.text[start : start + len(text)] == text
        assert all(prose.line_at(start + k) == index for k in range(len(text)))
        assert prose.span(number) == (start, start + len(text))
    assert all(prose.span(n) is None for n in code)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_LINES, st.sets(st.integers(1, 8), max_size=3))
def test_placeholders_are_found_as_line_by_line(lines: list[str], code: set[int]) -> None:
    ex = _exhibit(lines, code)
    found = [
        (p.location.line, p.location.col, p.message)
        for p in unresolved_placeholder.check(_context([ex]))
    ]
    expected = []
    for line, text in ex.prose():
        for pattern, what in unresolved_placeholder._PATTERNS:
            for m in pattern.finditer(text):
                if m[0] == "[X]" and unresolved_placeholder._TASK_ITEM.match(text[: m.start()]):
                    continue
                expected.append((line, m.start() + 1, f'"{m[0].strip()}" is {what}'))
    assert found == expected


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    _LINES,
    st.sampled_from(["Service", "Service Credit", "credit", "x", "None"]),
    st.integers(0, 9),
)
def test_a_term_is_found_as_by_a_look_behind(lines: list[str], term: str, skip: int) -> None:
    prose = ProseText(list(enumerate(lines, start=1)))
    plain = re.compile(rf"(?<!\w){re.escape(term)}(?:s|es)?(?!\w)", re.IGNORECASE)
    fast = re.compile(rf"{re.escape(term)}(?:s|es)?(?!\w)", re.IGNORECASE)
    own = prose.span(skip)
    if own is None:
        expected = any(plain.search(text) for _, text in prose.lines)
        assert unused_definition._found(fast, prose.text, 0, len(prose.text)) == expected
    else:
        expected = any(plain.search(text) for n, text in prose.lines if n != skip)
        assert (
            unused_definition._found(fast, prose.text, 0, own[0])
            or unused_definition._found(fast, prose.text, own[1], len(prose.text))
        ) == expected


_REFERRING = st.lists(
    st.lists(
        st.sampled_from(
            ["Section", "Appendix", "Sections", " ", "  ", "\t", "\u00a0", "1", "2.1", ".", "A",
             "b", "x", "(", "_"]
        ),
        max_size=6,
    ).map("".join),
    min_size=1,
    max_size=6,
)  # fmt: skip


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_REFERRING, st.sets(st.integers(1, 6), max_size=2), st.sets(st.integers(1, 6), max_size=2))
def test_missing_references_are_found_as_line_by_line(
    lines: list[str], code: set[int], heading_lines: set[int]
) -> None:
    ex = ParsedExhibit("appendix-2-x", "Exhibit", [*lines, "Section", "1"], code_lines=code)
    ex.headings.append(Heading(2, "1. Scope", 1))
    ex.heading_lines.update(heading_lines)
    found = [
        (p.location.line, p.location.col, p.message)
        for p in missing_cross_reference.check(_context([ex]))
    ]
    per_line = re.compile(r"\b(?P<kind>Section|Appendix)\s+(?P<n>[0-9]+(?:\.[0-9]+)*|[A-Z])\b")
    expected = [
        (line, m.start() + 1, m["kind"], m["n"])
        for line, text in ex.prose()
        if line not in heading_lines
        for m in per_line.finditer(text)
        if not (m["kind"] == "Section" and m["n"] == "1")
        and not (m["kind"] == "Appendix" and m["n"].upper() == "2")
    ]
    assert [(line, col) for line, col, _ in found] == [(line, col) for line, col, *_ in expected]
    assert all(
        f"{kind} {n} is" in message
        for (*_, message), (*_, kind, n) in zip(found, expected, strict=True)
    )


_CASED = st.lists(
    st.sampled_from(
        ["Service", "SERVICE", "service", "Credit", "CREDITS", "creditſ", "\u212a", "k", "K",
         "\u0130", "\u0131", "i", "I", "\u00e9", "\u00c9", "\u2014", "_", " ", "-"]
    ),
    max_size=6,
).map("".join)  # fmt: skip


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.lists(st.lists(_CASED, min_size=1, max_size=4), min_size=1, max_size=3),
    st.lists(
        st.tuples(st.sampled_from(["Service Credit", "credit", "ki", "K", "Service", "\u00e9"]),
                  st.integers(0, 2), st.integers(1, 4)),
        max_size=4,
    ),
)  # fmt: skip
@example([["credit is", "creditſ \u2014"]], [("credit", 0, 1)])  # "s" matches "ſ" ignoring case
@example([["ki", "\u212ai"]], [("ki", 0, 1)])  # "k" matches the Kelvin sign
@example([["I", "\u0130 \u00e9"]], [("I", 0, 1)])  # lower-casing "İ" adds a character
def test_unused_definitions_are_those_a_case_blind_search_misses(
    texts: list[list[str]], defined: list[tuple[str, int, int]]
) -> None:
    exhibits = [ParsedExhibit(f"e{i}", "Exhibit", lines) for i, lines in enumerate(texts)]
    for term, which, line in defined:
        ex = exhibits[which % len(exhibits)]
        ex.definitions.append(Definition(term, min(line, len(ex.lines)), 1))
    found = [p.message for p in unused_definition.check(_context(exhibits))]
    expected = []
    for ex in exhibits:
        for d in ex.definitions:
            plain = re.compile(rf"(?<!\w){re.escape(d.term)}(?:s|es)?(?!\w)", re.IGNORECASE)
            if not any(
                plain.search(text)
                for other in exhibits
                for n, text in other.prose()
                if other is not ex or n != d.line
            ):
                expected.append(f'"{d.term}" is defined but never used')
    assert found == expected


_WORDS = st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=5).map(tuple)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(_WORDS.filter(bool), max_size=6), st.lists(_WORDS, max_size=6))
def test_known_phrases_cover_as_by_comparing_each(
    known: list[tuple[str, ...]], uses: list[tuple[str, ...]]
) -> None:
    lookup = _Known(known)
    for w in uses:
        assert lookup.covers(w) == any(_within(w, k) or _within(k, w) for k in known)


@settings(max_examples=500, deadline=None, derandomize=True)
@given(
    st.lists(
        st.sampled_from(
            ["a", "b", "x'", "'", "A", "9", "_", ",", " ", "\t", "\u00a0", '"', "“", "(", "é"]
        ),
        max_size=10,
    ).map("".join)
)
def test_the_word_before_a_phrase_is_found_as_by_the_plain_pattern(before: str) -> None:
    assert _after_lower_case_word(before) == (_BEFORE.search(before) is not None)


_PROSE_WORDS = st.sampled_from(
    ["the", "within", "Resolution Window", "Business Hours", "Service Credits", "Of", "SLA",
     "P1", "L2", "Follow-Up", "a,", "(", "\"", "`Code Word`", "Acme Corp", "\n"]
)  # fmt: skip


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.lists(_PROSE_WORDS, max_size=14).map(" ".join),
    st.lists(st.sampled_from(["Business Hours", "Service Credit", "Window", "Acme"]), max_size=2),
)
def test_undefined_terms_are_found_as_by_comparing_each_phrase(text: str, heads: list[str]) -> None:
    ex = ParsedExhibit("main", "Exhibit", text.split("\n"), names=("Acme Corp",), heading_lines={2})
    ex.headings.extend(Heading(2, h, 9) for h in heads)
    ctx = _context([ex], {"allow": ()})
    found = [(p.location.line, p.location.col, p.message) for p in undefined_term.check(ctx)]
    known = known_phrases(ctx)
    expected, reported = [], set()
    for line, prose in ex.prose():  # the line-by-line reading, phrase by phrase
        if line in ex.heading_lines:
            continue
        for m in _PHRASE.finditer(prose):
            phrase = m["p"]
            if not any(c.islower() for c in phrase) or phrase in reported:
                continue
            if not _BEFORE.search(prose[: m.start()]):
                continue
            w = words(phrase)
            if any(_within(w, k) or _within(k, w) for k in known):
                continue
            reported.add(phrase)
            expected.append((line, m.start() + 1, phrase))
    assert [(line, col, msg.split('"')[1]) for line, col, msg in found] == expected


@settings(max_examples=500, deadline=None, derandomize=True)
@given(
    st.lists(
        st.sampled_from(
            ["A", "Ab", "ABC", "ABCDEF", "L2", "L", "2", "-", "-Up", "*", "_", "x", " ", "é", "\n"]
        ),
        max_size=12,
    ).map("".join)
)
def test_the_phrase_scan_finds_the_phrases_of_the_plain_pattern(text: str) -> None:
    assert [(m.start(), m["p"]) for m in _PHRASE_SCAN.finditer(text)] == [
        (m.start(), m["p"]) for m in _PHRASE.finditer(text)
    ]


@settings(max_examples=500, deadline=None, derandomize=True)
@given(
    st.lists(
        st.sampled_from(
            ["Section", "Appendix", "Sections", "x", "_", "é", "1", "2.3", ".", "B", "b", " ",
             "\t", "\n"]
        ),
        max_size=10,
    ).map("".join)
)  # fmt: skip
@example("xSection 1 Section 2 éAppendix B (Appendix C)")
def test_the_reference_scan_finds_the_references_of_the_plain_pattern(text: str) -> None:
    plain, scan = missing_cross_reference._REF, missing_cross_reference._REF_SCAN
    assert [(m.span(), m["kind"], m["n"]) for m in scan.finditer(text)] == [
        (m.span(), m["kind"], m["n"]) for m in plain.finditer(text)
    ]


def _context(
    exhibits: list[ParsedExhibit], options: dict[str, object] | None = None
) -> DocumentContext:
    ref = RuleRef(unresolved_placeholder.CODE, unresolved_placeholder.NAME, Level.ERROR)
    return DocumentContext("deal.yaml", exhibits, ref, options or {})
