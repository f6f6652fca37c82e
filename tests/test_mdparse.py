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


def _fresh(text: str) -> list[object]:
    return mdparse.markdown_parser().parse(text)


def test_a_text_seen_in_another_document_gets_markdown_its_own_tokens() -> None:
    """The second document's paragraph and cell come from the memo, its own text does not:
    every token is still exactly what markdown-it gives."""
    shared = "The *Partner* shall respond within `4` hours \\* and [see](ref:n/a_1)."
    first = f"# One\n\n{shared}\n\n| a | b |\n|---|---|\n| {shared} | x |\n"
    second = (
        f"## Two\n\n{shared}\n\n- [ ] {shared}\n- [x] done\n\n"
        f"| a | b |\n|---|---|\n| {shared} | y |\n"
    )
    assert list(mdparse.parse_tokens(first)) == _fresh(first)
    assert shared in mdparse._inline_kept
    assert list(mdparse.parse_tokens(second)) == _fresh(second)
    # a task item is parsed afresh: the task-list rule rewrites its tokens in place
    assert not any(key.startswith("[") for key in mdparse._inline_kept)
    assert list(mdparse.parse_tokens(first + "\n")) == _fresh(first + "\n")


def test_every_exhibit_of_the_examples_parses_as_markdown_it_parses_it() -> None:
    from contractgen.library.assemble import assemble_spec
    from contractgen.spec.loader import load_spec
    from tests.conftest import ROOT

    texts = [
        e.markdown
        for path in sorted((ROOT / "examples").glob("*.yaml"))
        for e in assemble_spec(load_spec(path))
    ]
    for text in texts + [t + "\n" for t in texts]:  # the second round finds the memo full
        assert list(mdparse.parse_tokens(text)) == _fresh(text)


def test_link_references_and_the_switch_bypass_the_memo(monkeypatch) -> None:
    mdparse.forget_inline()
    with_references = "See [the form][f] and [the form][f].\n\n[f]: /form\n"
    assert list(mdparse.parse_tokens(with_references)) == _fresh(with_references)
    assert not mdparse._inline_kept  # children depend on the references: nothing kept
    monkeypatch.setenv("CONTRACTGEN_NO_CACHE", "1")
    text = "Plain *text* that is new.\n"
    assert list(mdparse.parse_tokens(text)) == _fresh(text)
    assert not mdparse._inline_kept


def test_the_memo_stays_bounded(monkeypatch) -> None:
    monkeypatch.setattr(mdparse, "_MAX_INLINE", 3)
    mdparse.forget_inline()
    for i in range(10):
        mdparse.parse_tokens(f"Paragraph {i} *a*.\n\nAnother {i}.\n")
    assert 0 < len(mdparse._inline_kept) <= 3
