"""Bullet, ordered and task lists.

Ordinary items become ``List Paragraph`` paragraphs whose first paragraph references the list's
``w:num`` (see :mod:`contractgen.docx.numbering`); further paragraphs of the item are indented to
the item's text. Task items (``- [ ] …``) are sign-off lines, not list entries: a ``Checklist``
paragraph beginning with a checkbox content control (☐, ☒ when checked) and a tab, with a
hanging indent so wrapped text lines up after the box and nothing else precedes it.
"""

from __future__ import annotations

from lxml import etree

from contractgen.docx.context import BlockContext, NumberingRef
from contractgen.docx.forms import add_checkbox
from contractgen.docx.inline import TASK_CHECKBOX_PREFIX
from contractgen.docx.numbering import text_indent
from contractgen.docx.ooxml import W
from contractgen.docx.paragraphs import Indent, add_paragraph, keep_with_next
from contractgen.mdtree import Node

CHECK_INDENT = 425
"""Hanging indent of a checklist line; the shipped ``Checklist`` style uses the same value."""
BALLOT_BOX = "\u2610"
BALLOT_BOX_CHECKED = "\u2611"


def render_list(node: Node, ctx: BlockContext, parent: etree._Element) -> None:
    """Render a ``bullet_list`` or ``ordered_list`` node."""
    ordered = node.type == "ordered_list"
    level = ctx.list_level
    start = _start(node) if ordered else 1
    num_id: int | None = None  # allocated on the first item that is not a task item
    items = node.children
    boxes = [task_box(item) for item in items]
    if boxes and boxes[0] is not None and len(parent) and _introduces(parent[-1]):
        keep_with_next(parent[-1])  # the sentence introducing a checklist stays with it
    for position, item in enumerate(items):
        box = boxes[position]
        if box is not None:
            box_at = text_indent(level - 1) if level else 0
            text_at = box_at + CHECK_INDENT
            # A short checklist stays on one page; a long one may break, but its last lines
            # stay together (and, through the heading that follows, with its sign-off).
            follows = position + 1 < len(items) and boxes[position + 1] is not None
            keep = follows and (len(items) <= 4 or position >= len(items) - 3)
            first = ctx.replace(
                checkbox=box, numbering=None, list_level=level + 1, indent=box_at, keep_next=keep
            )
        else:
            if num_id is None:
                num_id = ctx.doc.numbering.new_list(ordered=ordered, level=level, start=start)
            text_at = text_indent(level)
            first = ctx.replace(
                numbering=NumberingRef(num_id, level),
                checkbox=None,
                list_level=level + 1,
                keep_next=False,
            )
        rest = ctx.replace(
            numbering=None,
            checkbox=None,
            keep_next=False,
            list_level=level + 1,
            indent=text_at,
            paragraph_style=ctx.doc.styles.list_paragraph,
        )
        children = item.children
        if children and children[0].type == "paragraph":
            first.render(children[0], parent)
            children = children[1:]
        else:
            empty_item(first, parent)
        for child in children:
            rest.render(child, parent)


def task_box(item: Node) -> str | None:
    """The ballot box for a task item (☐ or ☑), or ``None`` for an ordinary item."""
    if "task-list-item" not in str(item.attrs.get("class", "")).split():
        return None
    for node in item.walk():
        if node.type == "html_inline" and node.content.startswith(TASK_CHECKBOX_PREFIX):
            return BALLOT_BOX_CHECKED if 'checked="checked"' in node.content else BALLOT_BOX
    return BALLOT_BOX


def item_paragraph(ctx: BlockContext, parent: etree._Element, *, bidi: bool) -> etree._Element:
    """The paragraph that opens a list item, bullet/number or ballot box included.

    Called by the paragraph handler when ``ctx`` marks the first paragraph of an item.
    """
    styles = ctx.doc.styles
    if ctx.checkbox is not None:
        indent = Indent(ctx.indent + CHECK_INDENT, CHECK_INDENT) if ctx.indent else None
        return add_paragraph(
            parent, style=styles.checklist, keep_next=ctx.keep_next, bidi=bidi, indent=indent
        )
    numbering = ctx.numbering
    return add_paragraph(
        parent,
        style=styles.list_paragraph,
        numbering=(numbering.num_id, numbering.level) if numbering is not None else None,
        bidi=bidi,
    )


def empty_item(ctx: BlockContext, parent: etree._Element) -> None:
    """An item that opens with a nested list or other block still shows its bullet or box."""
    p = item_paragraph(ctx, parent, bidi=False)
    if ctx.checkbox is not None:
        add_checkbox(p, ctx.checkbox == BALLOT_BOX_CHECKED)


def _start(node: Node) -> int:
    try:
        return max(0, int(node.attrs.get("start", 1)))
    except (TypeError, ValueError):
        return 1


def _introduces(element: etree._Element) -> bool:
    """A paragraph of this section: one that ends a section (a pack's previous exhibit) is on
    another page and introduces nothing here."""
    return element.tag == W.p and element.find(f"{W.pPr}/{W.sectPr}") is None
