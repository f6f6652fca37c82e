"""The published .md labels its ordered lists from the assembled text's own tokens.

publish_markdown rewrites ``ref:`` links and then labels ordered lists; it reads the lists
from the (shared) parse of the assembled text rather than parsing the rewritten text again.
Both must give the same text: rewriting a link moves no line and no block marker.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from contractgen.library import publish
from contractgen.library.publish import label_ordered_lists, publish_markdown
from contractgen.outline import Anchor

_TARGETS = {
    "a_1": ("main", Anchor("3.2 Completion", "3.2", "a_1", 1, "32-completion")),
    "b_2": ("appendix-1", Anchor("Appendix 1", "Appendix 1", "b_2", -1, "appendix-1")),
    "c_3": ("appendix-1", Anchor("1.1 Scope", "1.1", "c_3", 0, "11-scope")),
}

_REF = st.sampled_from(
    ["[Section 3.2](ref:n/a_1)", "[Appendix 1](ref:t/b_2)", "[1.1](ref:n/c_3)",
     "[gone](ref:n/zz_9)", "\\[x\\](ref:n/a_1)", "`[c](ref:n/a_1)`"]
)  # fmt: skip
_WORDS = st.sampled_from(["The Partner", "responds", "within", "4 hours", "*P1*", "|", "x"])
_TEXT = st.lists(st.one_of(_REF, _WORDS), min_size=1, max_size=5).map(" ".join)
_LINE = st.one_of(
    _TEXT,
    _TEXT.map(lambda t: "1. " + t),
    _TEXT.map(lambda t: "2) " + t),
    _TEXT.map(lambda t: "   " + t),
    _TEXT.map(lambda t: "   1. " + t),
    _TEXT.map(lambda t: "      - " + t),
    _TEXT.map(lambda t: "- " + t),
    _TEXT.map(lambda t: "## 3. " + t),
    _TEXT.map(lambda t: "| " + t + " |"),
    st.sampled_from(["", "", "|---|", "```", "    code", "> quoted"]),
)
_DOCUMENT = st.lists(_LINE, min_size=1, max_size=12).map(lambda lines: "\n".join(lines) + "\n")


def _linked(markdown: str, key: str) -> str:
    """The rewritten text before labelling."""
    return publish._REF_LINK.sub(publish.linker(key, _TARGETS), markdown)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_DOCUMENT, st.sampled_from(["main", "appendix-1"]))
def test_labels_from_the_shared_parse_match_a_parse_of_the_linked_text(
    markdown: str, key: str
) -> None:
    assert publish_markdown(markdown, key, _TARGETS) == label_ordered_lists(_linked(markdown, key))


def test_a_linked_list_item_is_labelled_with_its_link_rewritten() -> None:
    markdown = "Intro.\n\n1. See [Section 3.2](ref:n/a_1).\n2. See [Appendix 1](ref:t/b_2).\n"
    assert publish_markdown(markdown, "main", _TARGETS) == (
        "Intro.\n\n(a) See [Section 3.2](#32-completion).\n\n(b) See [Appendix 1](appendix-1.md).\n"
    )
