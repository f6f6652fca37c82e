"""The ``.md`` file of an exhibit: the assembled Markdown as a reader of plain Markdown needs it.

The assembled Markdown marks cross-references as ``ref:`` links and operative enumerations as
ordered lists (see :mod:`contractgen.outline`). A Markdown viewer knows neither: here references
become links to the heading anchors (in the same file, or in the appendix's own file), and
ordered-list items become paragraphs labelled (a), (b) … / (i), (ii) …, the labels the Word
document shows, so "7.1(b)" can be cited from either.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from contractgen.mdparse import parse_blocks
from contractgen.outline import Anchor, item_label

if TYPE_CHECKING:
    from markdown_it.token import Token

_REF_LINK = re.compile(r"(?<!\\)\]\(ref:[nt]/([A-Za-z0-9_]+)\)")
_ORDERED_ITEM = re.compile(r"(?m)^ {0,3}[0-9]{1,9}[.)](?: |$)")


def publish_markdown(markdown: str, key: str, targets: dict[str, tuple[str, Anchor]]) -> str:
    """The published text of document ``key``; ``targets``: bookmark → (document key, anchor)."""
    link = linker(key, targets)
    if "](ref:" not in markdown:
        return label_ordered_lists(markdown)
    text = _REF_LINK.sub(link, markdown)
    if not _ORDERED_ITEM.search(text):
        return text
    # The lists are found in the tokens of the assembled text, which lint and the Word renderer
    # parse anyway (one shared parse), not in a second parse of the linked text: rewriting a link
    # target never adds or removes a line, an indent or a block marker, so both texts have the
    # same blocks on the same lines, and a paragraph's linked text is its own text with the
    # links rewritten. Measured over 30 generated deals, assembling and parsing each exhibit for
    # its readers took 58-62 ms CPU a deal with this, 86-104 ms parsing the linked text again.
    return _labelled(parse_blocks(markdown), text, lambda content: _REF_LINK.sub(link, content))


def linker(key: str, targets: dict[str, tuple[str, Anchor]]) -> Callable[[re.Match[str]], str]:
    """The replacement of a ``ref:`` link target (a match of ``_REF_LINK``) in document ``key``."""

    def link(match: re.Match[str]) -> str:
        found = targets.get(match.group(1))
        if found is None:  # a heading this set does not have: keep the text, drop the link
            return "](#)"
        doc, anchor = found
        if doc == key:
            return f"](#{anchor.slug})"
        if not anchor.numbered:
            return f"]({doc}.md)"
        return f"]({doc}.md#{anchor.slug})"

    return link


def label_ordered_lists(markdown: str) -> str:
    """Top-level ordered lists rewritten as labelled paragraphs ("(a) …", nested "(i) …")."""
    if not _ORDERED_ITEM.search(markdown):
        return markdown
    return _labelled(parse_blocks(markdown), markdown, None)


_Fix = Callable[[str], str] | None
"""What to apply to a paragraph's text from the tokens to get it as it reads in ``markdown``."""


def _labelled(tokens: tuple[Token, ...], markdown: str, fix: _Fix) -> str:
    """``markdown`` with its top-level ordered lists labelled, its blocks read from ``tokens``."""
    lines = markdown.split("\n")
    spans: list[tuple[int, int, list[str]]] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "ordered_list_open" and token.level == 0 and token.map:
            end = _close(tokens, i)
            spans.append((token.map[0], token.map[1], _list(tokens, i, end, lines, 0, fix)))
            i = end + 1
            continue
        i += 1
    for start, stop, replacement in reversed(spans):
        while replacement and not replacement[-1]:
            replacement.pop()
        before = [""] if start > 0 and lines[start - 1].strip() else []
        after = [""] if stop < len(lines) and lines[stop].strip() else []
        lines[start:stop] = before + replacement + after
    return "\n".join(lines)


def _close(tokens: tuple[Token, ...], open_index: int) -> int:
    """Index of the token closing the one opened at ``open_index``."""
    depth = 0
    for j in range(open_index, len(tokens)):
        depth += tokens[j].nesting
        if depth == 0:
            return j
    return len(tokens) - 1


def _list(
    tokens: tuple[Token, ...], start: int, end: int, lines: list[str], depth: int, fix: _Fix
) -> list[str]:
    """The labelled paragraphs of the ordered list ``tokens[start:end + 1]``."""
    try:
        first = int(tokens[start].attrs.get("start", 1) or 1)
    except (TypeError, ValueError):
        first = 1
    out: list[str] = []
    index = first
    i = start + 1
    while i < end:
        if tokens[i].type != "list_item_open":
            i += 1
            continue
        item_end = _close(tokens, i)
        label = item_label(depth, index)
        out.extend(_item(tokens, i + 1, item_end, lines, depth, label, fix))
        index += 1
        i = item_end + 1
    return out


def _item(
    tokens: tuple[Token, ...],
    start: int,
    end: int,
    lines: list[str],
    depth: int,
    label: str,
    fix: _Fix,
) -> list[str]:
    out: list[str] = []
    labelled = False
    i = start
    while i < end:
        token = tokens[i]
        close = _close(tokens, i) if token.nesting == 1 else i
        if token.type == "paragraph_open":
            content = tokens[i + 1].content if fix is None else fix(tokens[i + 1].content)
            if not labelled:
                content = f"{label} {content}"
                labelled = True
            out.extend([content, ""])
        elif token.type == "ordered_list_open":
            if not labelled:
                out.extend([label, ""])
                labelled = True
            out.extend(_list(tokens, i, close, lines, depth + 1, fix))
        elif token.map:
            block = lines[token.map[0] : token.map[1]]
            indent = min((len(x) - len(x.lstrip()) for x in block if x.strip()), default=0)
            out.extend([x[indent:] for x in block])
            out.append("")
        i = close + 1
    if not labelled:
        out.extend([label, ""])
    return out
