"""The lean syntax tree is markdown-it-py's SyntaxTreeNode, field for field, on every input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.tree import SyntaxTreeNode

from contractgen.library.assemble import assemble_spec
from contractgen.mdparse import parse_tokens
from contractgen.mdtree import Node, build_tree
from contractgen.spec.loader import load_spec
from tests.conftest import EXAMPLES, ROOT

CONSTRUCTS = sorted((ROOT / "tests" / "docx" / "fixtures" / "constructs").glob("*.md"))


def _shape(node: SyntaxTreeNode | Node) -> tuple:
    fields: tuple = (node.type,)
    if node.type != "root":
        fields += (node.tag, dict(node.attrs), node.content, node.info, node.markup)
    return (*fields, [_shape(child) for child in node.children])


def _same(text: str) -> None:
    tokens = parse_tokens(text)
    assert _shape(build_tree(tokens)) == _shape(SyntaxTreeNode(list(tokens)))


@pytest.mark.parametrize("path", CONSTRUCTS, ids=[p.stem for p in CONSTRUCTS])
def test_constructs(path: Path) -> None:
    _same(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_assembled_exhibits(path: Path) -> None:
    for exhibit in assemble_spec(load_spec(path)):
        _same(exhibit.markdown)


markdownish = st.lists(
    st.sampled_from(
        [
            "# H",
            "- a",
            "  - b",
            "1. x",
            "> q",
            "| a | b |",
            "|---|---|",
            "| 1 | 2 |",
            "```",
            "code",
            "**b** _i_ `c`",
            "[l](http://e.x)",
            "- [ ] task",
            "- [x] done",
            "",
            "---",
            "text",
            "    indented",
            "<b>raw</b>",
            "![img](p.png)",
        ]
    ),
    max_size=30,
).map("\n".join)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(markdownish)
def test_any_markdown(text: str) -> None:
    _same(text)


def test_walk_is_document_order() -> None:
    tree = build_tree(parse_tokens("- a\n  - b\n- c\n"))
    assert [n.type for n in tree.walk()][:6] == [
        "root",
        "bullet_list",
        "list_item",
        "paragraph",
        "inline",
        "text",
    ]


def test_unbalanced_tokens_are_refused() -> None:
    tokens = list(parse_tokens("- a\n"))
    with pytest.raises(ValueError, match="unclosed"):
        build_tree(tokens[:-1])
    with pytest.raises(ValueError, match="unbalanced"):
        build_tree(tokens[1:])
