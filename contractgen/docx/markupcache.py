"""Markup kept per process for tables and inline text that come back unchanged.

A batch renders the same clause library deal after deal: most of its tables (service levels,
credits, escalation contacts, sign-off forms) and most of its sentences are the same from one
deal to the next. Their markup is a function of their Markdown and a few layout facts, so it
is kept under exactly those, and what was seen before is written from the kept text instead of
being rendered again:

* a table's markup under its cells' Markdown, the text width and indent it is laid out in, and
  the table and code styles;
* a paragraph's or a cell's runs (and their plain text, which decides direction and column
  widths) under its inline Markdown and the code style.

Markdown holding a link or an image (``[`` or ``<``) is never kept: a link allocates a
relationship id in the document being written, and an image reports a warning.

Measured on distinct generated deals (variants of the shipped examples; about two tables in
three seen before): tables alone, 33.9 -> 31.0 ms CPU a deal (least of five runs of 20 deals
each, alternating in one process); tables and inline text, counted with callgrind over 8 deals
after 6 warm-up deals, 206 -> 175 million instructions a deal for Word rendering (-15%).

``CONTRACTGEN_NO_CACHE`` (any non-empty value) turns it off: everything is rendered afresh.
"""

from __future__ import annotations

import os
from collections.abc import Hashable

from contractgen.docx.context import BlockContext
from contractgen.mdtree import Node

_MAX_ENTRIES = 256
"""Tables kept at most; the cache starts afresh when full. A deal has about 35, a dozen of them
new in a batch of variants, so it fills in about 20 deals and a worker's memory stops growing
early in a batch (at 1,024 it grew by some 8 MB over the first hundred deals)."""
_MAX_INLINE = 4096
"""Inline texts kept at most (a deal has about 1,000, some 40 of them new in a batch of
variants; an entry costs about 1.5 KB, so 16,384 entries grew a worker by some 20 MB over its
first 400 deals)."""

_TABLES: dict[Hashable, str] = {}
_INLINE: dict[tuple[str, str], tuple[str, str]] = {}
_on = True


def refresh() -> None:
    """Read the switch (once per exhibit: reading the environment costs more than a lookup)."""
    global _on
    _on = not os.environ.get("CONTRACTGEN_NO_CACHE")


def table_key(node: Node, ctx: BlockContext) -> Hashable | None:
    """What the markup of the ``table`` node depends on, or ``None`` if it is not to be kept."""
    if not _on:
        return None
    rows: list[Hashable] = []
    for section in node.children:
        for tr in section.children:
            cells: list[Hashable] = [section.type]
            for cell in tr.children:
                content = cell.children[0].content if cell.children else None
                if content is not None and ("[" in content or "<" in content):
                    return None
                cells.append((cell.attrs.get("style"), content))
            rows.append(tuple(cells))
    styles = ctx.doc.styles
    return (ctx.indent, ctx.doc.text_width, styles.table, styles.code, tuple(rows))


def kept(key: Hashable) -> str | None:
    """The table markup kept under ``key``, if any."""
    return _TABLES.get(key)


def keep(key: Hashable, markup: str) -> None:
    """Keep a table's ``markup`` under ``key``."""
    if len(_TABLES) >= _MAX_ENTRIES:
        _TABLES.clear()
    _TABLES[key] = markup


def inline_key(content: str, ctx: BlockContext) -> tuple[str, str] | None:
    """What the runs of inline Markdown ``content`` depend on, or ``None`` if not to be kept."""
    if not _on or "[" in content or "<" in content:
        return None
    return (content, ctx.doc.styles.code)


def kept_inline(key: tuple[str, str]) -> tuple[str, str] | None:
    """The (plain text, runs markup) kept under ``key``, if any."""
    return _INLINE.get(key)


def keep_inline(key: tuple[str, str], value: tuple[str, str]) -> None:
    """Keep inline text's (plain text, runs markup) under ``key``."""
    if len(_INLINE) >= _MAX_INLINE:
        _INLINE.clear()
    _INLINE[key] = value


def forget() -> None:
    """Drop everything kept (tests compare kept and fresh renders)."""
    _TABLES.clear()
    _INLINE.clear()
