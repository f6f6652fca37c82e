"""A read-only syntax tree over markdown-it tokens, built in one pass.

The Word renderer walks Markdown as a tree (a list holds items, an item holds paragraphs).
markdown-it-py's own ``SyntaxTreeNode`` builds one by re-slicing the token list at every level of
nesting and reads every field through a property; for a deal that was about a tenth of the whole
build. The renderer needs only each node's type, tag, attributes, text and children, so this
tree keeps just those, in slots, and is built with a stack in a single pass. Node types follow
``SyntaxTreeNode``: ``root``, a leaf token's own type, or a pair's type without ``_open``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it.token import Token


class Node:
    """One node: the root, a single token (with its inline children), or an open/close pair."""

    __slots__ = ("attrs", "children", "content", "info", "markup", "tag", "type")

    def __init__(self, type_: str, token: Token | None = None) -> None:
        self.type = type_
        self.children: list[Node] = []
        if token is None:
            self.tag = ""
            self.attrs: dict[str, Any] = {}
            self.content = self.info = self.markup = ""
        else:
            self.tag = token.tag
            self.attrs = token.attrs
            self.content = token.content
            self.info = token.info
            self.markup = token.markup

    def walk(self) -> Iterator[Node]:
        """This node and every node below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def __repr__(self) -> str:
        return f"Node({self.type})"


def build_tree(tokens: Sequence[Token]) -> Node:
    """The tree of a token stream (raises ValueError if its nesting does not balance)."""
    root = Node("root")
    _fill(root, tokens)
    return root


def _fill(parent: Node, tokens: Sequence[Token]) -> None:
    stack = [parent]
    for token in tokens:
        nesting = token.nesting
        if nesting == 1:
            node = Node(token.type.removesuffix("_open"), token)
            stack[-1].children.append(node)
            stack.append(node)
        elif nesting == -1:
            if len(stack) == 1:
                raise ValueError(f"unbalanced closing token {token.type}")
            stack.pop()
        else:
            node = Node(token.type, token)
            if token.children:
                _fill(node, token.children)
            stack[-1].children.append(node)
    if len(stack) != 1:
        raise ValueError(f"unclosed token {stack[-1].type}")
