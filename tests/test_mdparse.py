"""The shared parse: block tokens first, completed on demand, identical to markdown-it's own."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from contractgen import mdparse

_LINE = st.lists(
    st.sampled_from(
        ["# ", "1. ", "- ", "- [ ] ", "- [x] ", "  ", "    ", "> ", "| a | b |", "|---|---|",
         "```", "---", "***", "*em*", "**strong**", "`code`", "[l](ref:n/a_1)", "[r]", "[r]: /u",
         "<b>", "&amp;", "\\*", "text", "Text", "  \n", "==="]
    ),
    max_size=6,
).map("".join)  # fmt: skip
_TEXT = st.lists(_LINE, max_size=10).map("\n".join)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_TEXT, st.booleans())
def test_tokens_are_markdown_its_own_whether_or_not_blocks_came_first(
    text: str, blocks_first: bool
) -> None:
    text += "\n<!-- variant -->" if blocks_first else ""  # a text of its own, not a cache hit
    if blocks_first:
        blocks = mdparse.parse_blocks(text)
        assert [t.type for t in blocks] == [t.type for t in mdparse.markdown_parser().parse(text)]
    assert list(mdparse.parse_tokens(text)) == mdparse.markdown_parser().parse(text)


def test_blocks_carry_the_raw_inline_text_and_lines_without_inline_children() -> None:
    text = "# Title *one*\n\n1. See [Section 3](ref:n/a_1).\n"
    blocks = mdparse.parse_blocks(text)
    inline = [t for t in blocks if t.type == "inline"]
    assert [t.content for t in inline] == ["Title *one*", "See [Section 3](ref:n/a_1)."]
    assert [t.map for t in inline] == [[0, 1], [2, 3]]
    assert all(not t.children for t in inline)
    full = mdparse.parse_tokens(text)
    assert full == blocks  # the same tokens, now completed in place
    assert [c.type for c in full[1].children or []] == ["text", "em_open", "text", "em_close"]
    assert mdparse.parse_blocks(text) == full


def _pristine_row_split() -> Callable[[str], list[str]]:
    """markdown-it's own ``escapedSplit``, from a fresh copy of its table module."""
    import importlib
    import importlib.util

    table = importlib.import_module("markdown_it.rules_block.table")
    spec = importlib.util.spec_from_file_location("pristine_table", table.__file__)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "markdown_it.rules_block"
    spec.loader.exec_module(module)
    split: Callable[[str], list[str]] = module.escapedSplit
    return split


_PRISTINE_SPLIT = _pristine_row_split()


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.text(alphabet="|\\ a`", max_size=12))
def test_row_split_gives_markdown_its_cells(row: str) -> None:
    assert mdparse.split_row(row) == _PRISTINE_SPLIT(row)


def test_table_rule_splits_rows_with_split_row() -> None:
    import importlib

    mdparse.markdown_parser()
    table = importlib.import_module("markdown_it.rules_block.table")
    assert table.escapedSplit is mdparse.split_row
