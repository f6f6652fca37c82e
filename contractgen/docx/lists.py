"""Bullet, ordered and task lists.

Ordinary items become ``List Paragraph`` paragraphs whose first paragraph references the list's
``w:num`` (see :mod:`contractgen.docx.numbering`); further paragraphs of the item are indented to
the item's text. Task items (``- [ ] …``) are sign-off lines, not list entries: a ``Checklist``
paragraph beginning with a checkbox content control (☐, ☒ when checked) and a tab, with a
hanging indent so wrapped text lines up after the box and nothing else precedes it.
"""

from __future__ import annotations

from contractgen.docx.context import BlockContext, NumberingRef
from contractgen.docx.forms import checkbox
from contractgen.docx.inline import TASK_CHECKBOX_PREFIX
from contractgen.docx.numbering import text_indent
from contractgen.docx.paragraphs import Indent
from contractgen.docx.xmltext import Body, Paragraph
from contractgen.mdtree import Node

CHECK_INDENT = 425
"""Hanging indent of a checklist line; the shipped ``Checklist`` style uses the same value."""
BALLOT_BOX = "\u2610"
BALLOT_BOX_CHECKED = "\u2611"


def render_list(node: Node, ctx: BlockContext, body: Body) -> None:
    """Render a ``bullet_list`` or ``ordered_list`` node."""
    ordered = node.type == "ordered_list"
    level = ctx.list_level
    start = _start(node) if ordered else 1
    num_id: int | None = None  # allocated on the first item that is not a task item
    items = node.children
    boxes = [task_box(item) for item in items]
    if boxes and boxes[0] is not None and body.last is not None:
        body.last.keep_next = True  # the sentence introducing a checklist stays with it
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
            first.render(children[0], body)
            children = children[1:]
        else:
            empty_item(first, body)
        for child in children:
            rest.render(child, body)


def task_box(item: Node) -> str | None:
    """The ballot box for a task item (☐ or ☑), or ``None`` for an ordinary item."""
    if "task-list-item" not in str(item.attrs.get("class", "")).split():
        return None
    for node in item.walk():
        if node.type == "html_inline" and node.content.startswith(TASK_CHECKBOX_PREFIX):
            return BALLOT_BOX_CHECKED if 'checked="checked"' in node.content else BALLOT_BOX
    return BALLOT_BOX


def item_paragraph(ctx: BlockContext, body: Body, *, bidi: bool) -> Paragraph:
    """The paragraph that opens a list item, bullet/number or ballot box included.

    Called by the paragraph handler when ``ctx`` marks the first paragraph of an item.
    """
    styles = ctx.doc.styles
    if ctx.checkbox is not None:
        indent = Indent(ctx.indent + CHECK_INDENT, CHECK_INDENT) if ctx.indent else None
        return body.paragraph(
            style=styles.checklist, keep_next=ctx.keep_next, bidi=bidi, indent=indent
        )
    numbering = ctx.numbering
    return body.paragraph(
        style=styles.list_paragraph,
        numbering=(numbering.num_id, numbering.level) if numbering is not None else None,
        bidi=bidi,
    )


def empty_item(ctx: BlockContext, body: Body) -> None:
    """An item that opens with a nested list or other block still shows its bullet or box."""
    p = item_paragraph(ctx, body, bidi=False)
    if ctx.checkbox is not None:
        p.parts.append(checkbox(ctx.checkbox == BALLOT_BOX_CHECKED))


def _start(node: Node) -> int:
    try:
        return max(0, int(node.attrs.get("start", 1)))
    except (TypeError, ValueError):
        return 1
