"""Spec text reaches the document as exactly the characters typed, whatever they are.

A partner named ``R&D | Asia *Ltd*`` must neither split a table row nor turn "Ltd" italic, and
``&``, ``<`` and emoji must survive: the check parses the generated Markdown with the same
parser the Word renderer uses and compares the text a reader would see.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from contractgen.library.markdown import Md, escape_md, tidy, unescape_md
from tests.library.helpers import CASE_STUDY, build, markdown_parser, modified_spec, scan_exhibits


def _cells(markdown: str) -> list[str]:
    """Plain text of every table cell, as a reader sees it."""
    tokens = markdown_parser().parse(markdown)
    cells = []
    for i, tok in enumerate(tokens):
        if tok.type in ("th_open", "td_open"):
            inline = tokens[i + 1]
            cells.append("".join(_text(c) for c in inline.children or []))
    return cells


def _text(token: Any) -> str:
    if token.type in ("text", "code_inline"):
        return token.content
    if token.type == "softbreak":
        return " "
    return "".join(_text(c) for c in token.children or [])


def _inline_types(markdown: str) -> set[str]:
    types: set[str] = set()
    for tok in markdown_parser().parse(markdown):
        for child in tok.children or []:
            types.add(child.type)
    return types


def _with_partner(name: str, short: str = "Asia") -> Any:
    def change(data: Any) -> None:
        data["parties"]["partner"]["name"] = name
        data["parties"]["partner"]["short_name"] = short

    return modified_spec(CASE_STUDY, change)


def test_a_partner_name_with_pipes_and_stars_stays_in_its_cell() -> None:
    name = "R&D | Asia *Ltd*"
    loaded = _with_partner(name)
    exhibits = build(loaded)
    main = exhibits[0].markdown
    assert r"R\&D \| Asia \*Ltd\*" in main
    assert name in _cells(main)  # the signature table's header cell holds the name alone
    assert "em_open" not in _inline_types(main)
    problems = scan_exhibits(exhibits, loaded, "pipes")
    assert not problems, "\n".join(problems)


def test_unicode_ampersands_and_angle_brackets_pass_through_unchanged() -> None:
    name = 'R&D <Asia> | "Ltd" 株式会社 🚀'
    exhibits = build(_with_partner(name, short="Kabushiki"))
    main = exhibits[0].markdown
    assert name in _cells(main)
    assert "株式会社 🚀" in main
    assert unescape_md(r'R\&D \<Asia\> \| "Ltd" 株式会社 🚀') == name
    assert "html_inline" not in _inline_types(main)
    subject = exhibits[0].subject
    assert subject.endswith(name)


def test_a_short_name_is_escaped_in_headings_too() -> None:
    exhibits = build(_with_partner("Example Pty Ltd", short="A_B"))
    assert "A\\_B" in exhibits[0].markdown


def test_md_text_is_not_escaped_twice() -> None:
    once = escape_md("*x*")
    assert escape_md(once) == once
    assert isinstance(once, Md)


def test_line_breaks_in_spec_text_become_spaces() -> None:
    assert escape_md("first line\n  second line") == "first line second line"


def test_block_starters_are_escaped_only_at_the_start() -> None:
    assert escape_md("1. first") == r"1\. first"
    assert escape_md("- item") == r"\- item"
    assert escape_md("---") == r"\---"
    assert escape_md("+44 20 7946 0000") == "+44 20 7946 0000"
    assert escape_md("4.0") == "4.0"
    assert escape_md("a - b") == "a - b"


def test_tidy_removes_trailing_spaces_and_double_blank_lines() -> None:
    assert tidy("a  \n\n\n\nb\n\n") == "a\n\nb"


_TEXT = (
    st.text(
        alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")),
        min_size=1,
        max_size=60,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_any_text_renders_as_itself_in_a_paragraph(text: str) -> None:
    tokens = markdown_parser().parse(escape_md(text) + "\n")
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert "".join(_text(c) for c in tokens[1].children or []) == text


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_any_text_renders_as_itself_in_a_table_cell(text: str) -> None:
    markdown = f"| Item | Detail |\n|---|---|\n| name | {escape_md(text)} |\n"
    assert _cells(markdown) == ["Item", "Detail", "name", text]
