"""Creating ``w:p`` elements with their paragraph properties in schema order.

Word rejects a document whose ``w:pPr`` children are out of the order the schema prescribes
(pStyle, keepNext, keepLines, numPr, pBdr, tabs, bidi, spacing, ind, jc), so every paragraph is
made here, by one function that knows that order.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from contractgen.docx.ooxml import W, sub, val


@dataclass(frozen=True, slots=True)
class Indent:
    """A left indent, optionally with a hanging first line (twentieths of a point)."""

    left: int
    hanging: int = 0


def add_paragraph(
    parent: etree._Element,
    *,
    style: str | None = None,
    keep_next: bool = False,
    keep_lines: bool = False,
    numbering: tuple[int, int] | None = None,
    bottom_border: bool = False,
    tabs: tuple[tuple[str, int], ...] = (),
    bidi: bool = False,
    space_before: int | None = None,
    indent: Indent | None = None,
    align: str | None = None,
) -> etree._Element:
    """Append a paragraph to ``parent``; ``numbering`` is ``(numId, level)``."""
    p = sub(parent, W.p)
    if not (
        style
        or keep_next
        or keep_lines
        or numbering
        or bottom_border
        or tabs
        or bidi
        or space_before is not None
        or indent
        or align
    ):
        return p
    key = (
        style, keep_next, keep_lines, numbering, bottom_border, tabs, bidi, space_before, indent,
        align,
    )  # fmt: skip
    p_pr = _PROPERTIES.get(key)
    if p_pr is None:
        if len(_PROPERTIES) >= _PROPERTIES_SIZE:
            _PROPERTIES.clear()
        p_pr = _PROPERTIES[key] = paragraph_properties(*key)
    p.append(p_pr.__copy__())
    return p


_PROPERTIES: dict[tuple[object, ...], etree._Element] = {}
"""Finished ``w:pPr`` subtrees by their arguments, copied into each new paragraph.

A deal writes about 850 paragraphs in a few dozen distinct shapes; copying a finished subtree
costs about half the CPU of creating its elements one by one.
"""
_PROPERTIES_SIZE = 1024
"""Shapes kept at most (list ids make the numbered ones vary from document to document)."""


def paragraph_properties(
    style: str | None,
    keep_next: bool,
    keep_lines: bool,
    numbering: tuple[int, int] | None,
    bottom_border: bool,
    tabs: tuple[tuple[str, int], ...],
    bidi: bool,
    space_before: int | None,
    indent: Indent | None,
    align: str | None,
) -> etree._Element:
    """A ``w:pPr`` with the given properties, its children in schema order."""
    p_pr = etree.Element(W.pPr)
    if style:
        val(p_pr, W.pStyle, style)
    if keep_next:
        sub(p_pr, W.keepNext)
    if keep_lines:
        sub(p_pr, W.keepLines)
    if numbering is not None:
        num_pr = sub(p_pr, W.numPr)
        val(num_pr, W.ilvl, numbering[1])
        val(num_pr, W.numId, numbering[0])
    if bottom_border:
        borders = sub(p_pr, W.pBdr)
        sub(
            borders,
            W.bottom,
            {W.val: "single", W.sz: "6", W.space: "1", W.color: "auto"},
        )
    if tabs:
        tabs_el = sub(p_pr, W.tabs)
        for kind, pos in tabs:
            sub(tabs_el, W.tab, {W.val: kind, W.pos: str(pos)})
    if bidi:
        sub(p_pr, W.bidi)
    if space_before is not None:
        sub(p_pr, W.spacing, {W.before: str(space_before)})
    if indent is not None:
        attrib = {W.left: str(indent.left)}
        if indent.hanging:
            attrib[W.hanging] = str(indent.hanging)
        sub(p_pr, W.ind, attrib)
    if align:
        val(p_pr, W.jc, align)
    return p_pr
