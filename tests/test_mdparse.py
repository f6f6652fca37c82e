"""The shared parse: block tokens first, completed on demand, identical to markdown-it's own."""

from __future__ import annotations

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
