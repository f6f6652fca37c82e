"""GFM tables to Word tables, each built in one pass straight into the document tree.

python-docx's ``table.cell(r, c)`` walks the grid on every call, which makes a 40-row penalty
table cost more than the rest of the exhibit. Here the whole ``w:tbl`` is written row by row.

What makes a contract table usable on paper: a named table style (borders and header shading come
from the reference document), a header row that repeats on every page (``w:tblHeader``), rows that
never split across a page break (``w:cantSplit``; the table itself may break between rows), the
sentence introducing it kept on its page, and a fixed layout whose column widths are computed
from the text so the table exactly fills the text width, whatever the page setup. Forms (tables
with blanks to fill in) give their entry columns at least half the width and their rows room to
write or sign in ink.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence

from contractgen.docx.context import BlockContext
from contractgen.docx.forms import ROW_WITH_AREA, ROW_WITH_BLANK, is_area, is_blank
from contractgen.docx.inline import inline_markup, is_rtl
from contractgen.docx.markupcache import keep, kept, table_key
from contractgen.docx.xmltext import Body, ParagraphKey, close_paragraph, paragraph_open
from contractgen.docx.xmltext import attr as xml_attr
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

Cell = tuple[str | None, str, str]
"""A cell's alignment, plain text and runs markup."""


def render_table(node: Node, ctx: BlockContext, body: Body) -> None:
    """Render a ``table`` node (``thead``/``tbody`` → ``tr`` → ``th``/``td``).

    A table seen before in this process is written from its kept markup
    (:mod:`contractgen.docx.markupcache`).
    """
    key = table_key(node, ctx)
    markup = kept(key) if key is not None else None
    if markup is None:
        markup = table_markup(node, ctx)
        if key is not None:
            keep(key, markup)
    if not markup:
        return
    if body.last is not None:
        body.last.keep_next = True  # the sentence introducing a table stays with it
    body.block(markup)


def table_markup(node: Node, ctx: BlockContext) -> str:
    """The ``w:tbl`` markup of a ``table`` node ("" for a table without rows)."""
    rows: list[tuple[bool, list[Cell]]] = []
    for section in node.children:
        header = section.type == "thead"
        for tr in section.children:
            cells: list[Cell] = []
            for cell in tr.children:
                text, runs = inline_markup(cell.children[0] if cell.children else None, ctx)
                cells.append((_ALIGN.get(str(cell.attrs.get("style", ""))), text, runs))
            rows.append((header, cells))
    if not rows:
        return ""
    width = max(ctx.doc.text_width - ctx.indent, 1000)
    texts = [[text for _, text, _ in cells] for _, cells in rows]
    widths = column_widths(texts, width)

    styles = ctx.doc.styles
    out = [
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{xml_attr(styles.table)}"/>'
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
    ]
    if ctx.indent:
        out.append(f'<w:tblInd w:w="{ctx.indent}" w:type="dxa"/>')
    out.append(_TABLE_LAYOUT)
    out += [f'<w:gridCol w:w="{w}"/>' for w in widths]
    out.append("</w:tblGrid>")

    # Each distinct empty cell (width, alignment, direction, kept with the next row, text on the
    # bottom line) is made once: see _cell.
    keep_together = len(rows) <= KEEP_TOGETHER_ROWS
    for row_index, (header, cells) in enumerate(rows):
        keep_next = keep_together and row_index < len(rows) - 1
        row_texts = texts[row_index]
        fill_in = not header and any(is_blank(t) for t in row_texts)
        if fill_in:
            height = ROW_WITH_AREA if any(is_area(t) for t in row_texts) else ROW_WITH_BLANK
            out.append(
                "<w:tr><w:trPr><w:cantSplit/>"
                f'<w:trHeight w:val="{height}" w:hRule="atLeast"/></w:trPr>'
            )
        else:
            out.append(_HEADER_ROW if header else _BODY_ROW)
        for index, (align, text, runs) in enumerate(cells[: len(widths)]):
            # a label sits on the line written beside it
            bottom = fill_in and not is_area(text)
            opening = _cell(widths[index], align, is_rtl(text), keep_next, bottom)
            out.append(close_paragraph(opening, runs) + "</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


_TABLE_LAYOUT = (
    '<w:tblLayout w:type="fixed"/><w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" '
    'w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>'
)
_BODY_ROW = "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
"""A row without blanks: never split across pages."""
_HEADER_ROW = "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
"""A header row: never split, and repeated at the top of each page."""


@functools.lru_cache(maxsize=512)
def _cell(width: int, align: str | None, bidi: bool, keep_next: bool, bottom: bool) -> str:
    """A ``w:tc`` of ``width`` twips up to its one paragraph's content (``bottom``: text on
    the cell's bottom line).

    A deal writes about 1,700 cells in some 50 shapes, the same from deal to deal.
    """
    v_align = '<w:vAlign w:val="bottom"/>' if bottom else ""
    key: ParagraphKey = (None, keep_next, False, None, False, (), bidi, None, None, align)
    properties = f'<w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{v_align}</w:tcPr>'
    return "<w:tc>" + properties + paragraph_open(key)


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
            ascii_only = text.isascii()
            width = len(text) if ascii_only else _text_width(text)
            if width < FILL_IN_CHARS and "___" in text:
                width = FILL_IN_CHARS
            if width > longest[index]:
                longest[index] = width
            words = text.split()
            if words:  # the widest word, counted once per cell
                widest = max(map(len if ascii_only else _text_width, words))
                if widest > MAX_WORD_CHARS:
                    widest = MAX_WORD_CHARS
                if widest > widest_word[index]:
                    widest_word[index] = widest
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
    if any("______" in text for row in rows for text in row):
        entry = [any(is_blank(row[i]) for row in rows if i < len(row)) for i in range(columns)]
    else:
        entry = [False] * columns  # no blanks to fill in (most tables): nothing to look for
    return _round_to(_entries_get_half(shares, entry, total), total)


def _entries_get_half(shares: list[float], entry: list[bool], total: int) -> list[float]:
    """Columns to write in (those with blanks) get at least half the width between them.

    Text is sized by its length, but a blank is sized by the handwriting it will hold: a form
    whose entry column gets a quarter of the page cannot be filled in.
    """
    if not any(entry) or all(entry):
        return shares
    entries = sum(s for s, e in zip(shares, entry, strict=True) if e)
    if entries >= total / 2:
        return shares
    others = total - entries
    grow = (total / 2) / entries
    shrink = (total / 2) / others
    return [s * (grow if e else shrink) for s, e in zip(shares, entry, strict=True)]


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
