"""GFM tables to Word tables, each built in one pass straight into the document tree.

python-docx's ``table.cell(r, c)`` walks the grid on every call, which makes a 40-row penalty
table cost more than the rest of the exhibit. Here the whole ``w:tbl`` is written row by row.

What makes a contract table usable on paper: a named table style (borders and header shading come
from the reference document), a header row that repeats on every page (``w:tblHeader``), rows that
never split across a page break (``w:cantSplit``), and a fixed layout whose column widths are
computed from the text so the table exactly fills the text width, whatever the page setup.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from lxml import etree

from contractgen.docx.context import BlockContext
from contractgen.docx.inline import Segment, collect, emit, is_rtl, plain_text
from contractgen.docx.ooxml import W, sub, val
from contractgen.docx.paragraphs import add_paragraph
from contractgen.mdtree import Node

CHAR_WIDTH = 105
"""Average width of one character of table text (9.5 pt), in twentieths of a point."""
CELL_PADDING = 230
"""Left and right cell margins plus the border, per column."""
MIN_CHARS = 3
MAX_WORD_CHARS = 24
FILL_IN_CHARS = 18
"""Room a blank to fill in by hand ("______") asks for: a name or a date, not six characters."""
KEEP_TOGETHER_ROWS = 8
"""Tables this short (a signature block, a sign-off form) are kept on one page."""
"""A column is never made narrower than its longest word, up to this many characters."""

_ALIGN = {"text-align:left": "left", "text-align:right": "right", "text-align:center": "center"}
_LOOK = {
    W.val: "0420",
    W.firstRow: "1",
    W.lastRow: "0",
    W.firstColumn: "0",
    W.lastColumn: "0",
    W.noHBand: "0",
    W.noVBand: "1",
}

Cell = tuple[str | None, list[Segment]]


def render_table(node: Node, ctx: BlockContext, parent: etree._Element) -> None:
    """Render a ``table`` node (``thead``/``tbody`` → ``tr`` → ``th``/``td``)."""
    rows: list[tuple[bool, list[Cell]]] = []
    for section in node.children:
        header = section.type == "thead"
        for tr in section.children:
            cells: list[Cell] = []
            for cell in tr.children:
                segments = collect(cell.children[0], ctx) if cell.children else []
                cells.append((_ALIGN.get(str(cell.attrs.get("style", ""))), segments))
            rows.append((header, cells))
    if not rows:
        return
    width = max(ctx.doc.text_width - ctx.indent, 1000)
    widths = column_widths([[plain_text(s) for _, s in cells] for _, cells in rows], width)

    tbl = sub(parent, W.tbl)
    tbl_pr = sub(tbl, W.tblPr)
    val(tbl_pr, W.tblStyle, ctx.doc.styles.table)
    sub(tbl_pr, W.tblW, {W.w: str(sum(widths)), W.type: "dxa"})
    if ctx.indent:
        sub(tbl_pr, W.tblInd, {W.w: str(ctx.indent), W.type: "dxa"})
    sub(tbl_pr, W.tblLayout, {W.type: "fixed"})
    sub(tbl_pr, W.tblLook, _LOOK)
    grid = sub(tbl, W.tblGrid)
    for w in widths:
        sub(grid, W.gridCol, {W.w: str(w)})

    styles = ctx.doc.styles
    cell_widths = [{W.w: str(w), W.type: "dxa"} for w in widths]
    keep_together = len(rows) <= KEEP_TOGETHER_ROWS
    for row_index, (header, cells) in enumerate(rows):
        keep_next = keep_together and row_index < len(rows) - 1
        tr = sub(tbl, W.tr)
        tr_pr = sub(tr, W.trPr)
        sub(tr_pr, W.cantSplit)
        if header:
            sub(tr_pr, W.tblHeader)
        for index, (align, segments) in enumerate(cells[: len(widths)]):
            tc = sub(tr, W.tc)
            sub(sub(tc, W.tcPr), W.tcW, cell_widths[index])
            p = add_paragraph(
                tc, align=align, bidi=is_rtl(plain_text(segments)), keep_next=keep_next
            )
            emit(p, segments, styles)


def column_widths(rows: Sequence[Sequence[str]], total: int) -> list[int]:
    """Column widths summing to ``total``, shared out by how much text each column holds.

    Each column wants room for its longest cell on one line and needs at least its longest word.
    If every column fits on one line, the spare width is shared in proportion; otherwise each
    column gets its minimum and the remainder goes to the columns with the most text.
    """
    columns = max((len(row) for row in rows), default=0)
    if columns == 0:
        return []
    longest = [MIN_CHARS] * columns
    widest_word = [MIN_CHARS] * columns
    for row in rows:
        for index, text in enumerate(row[:columns]):
            width = _text_width(text)
            if "___" in text:
                width = max(width, FILL_IN_CHARS)
            longest[index] = max(longest[index], width)
            for word in text.split():
                widest_word[index] = max(widest_word[index], min(_text_width(word), MAX_WORD_CHARS))
    wanted = [n * CHAR_WIDTH + CELL_PADDING for n in longest]
    needed = [n * CHAR_WIDTH + CELL_PADDING for n in widest_word]
    if sum(wanted) <= total:
        shares = _scale(wanted, total)
    elif sum(needed) >= total:
        shares = _scale(needed, total)
    else:
        spare = total - sum(needed)
        flex = [w - n for w, n in zip(wanted, needed, strict=True)]
        flex_total = sum(flex) or 1
        shares = [n + spare * f / flex_total for n, f in zip(needed, flex, strict=True)]
    return _round_to(shares, total)


def _text_width(text: str) -> int:
    """Length in average characters: East Asian wide characters count twice."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _scale(values: list[int], total: int) -> list[float]:
    factor = total / sum(values)
    return [v * factor for v in values]


def _round_to(values: list[float], total: int) -> list[int]:
    """Round to whole twips keeping the sum exact (the remainder goes to the widest column)."""
    rounded = [int(v) for v in values]
    widest = max(range(len(rounded)), key=lambda i: (rounded[i], -i))
    rounded[widest] += total - sum(rounded)
    return rounded
