"""Markdown to WordprocessingML body content: the parser and the block dispatch table.

The Markdown is parsed by markdown-it-py (CommonMark, GFM pipe tables, task lists, YAML front
matter) into a :class:`~contractgen.mdtree.Node` tree. Each block node type maps to one handler
function in :data:`BLOCK_HANDLERS`; a handler appends markup to the exhibit's
:class:`~contractgen.docx.xmltext.Body` and renders its children with a derived
:class:`~contractgen.docx.context.BlockContext`. Adding a construct is adding an entry.

Raw HTML is switched off in the parser: contract text such as ``R&D <Asia>`` is text, and must
reach the Word file exactly as written.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

from contractgen.docx import markupcache
from contractgen.docx.context import BlockContext, BlockHandler, DocumentState
from contractgen.docx.forms import checkbox
from contractgen.docx.inline import (
    PLAIN,
    RunFormat,
    Segment,
    collect,
    drop_prefix,
    emit,
    inline_markup,
    is_rtl,
    lstrip,
    plain_text,
    split_segments,
)
from contractgen.docx.lists import BALLOT_BOX_CHECKED, item_paragraph, render_list
from contractgen.docx.numbering import NumberingRegistry
from contractgen.docx.ooxml import xml_safe
from contractgen.docx.paragraphs import Indent
from contractgen.docx.styles import StyleMap
from contractgen.docx.tables import render_table
from contractgen.docx.xmltext import Body, Written
from contractgen.docx.xmltext import attr as xml_attr
from contractgen.mdparse import parse_tokens
from contractgen.mdtree import Node, build_tree
from contractgen.outline import Anchor

SPACE_AFTER_BLOCK = 120
"""Space above a paragraph that follows a list or table (twentieths of a point)."""


@functools.lru_cache(maxsize=16)
def parse_markdown(markdown: str) -> Node:
    """The syntax tree of ``markdown``; characters XML cannot hold are dropped first.

    Cached: a deal's exhibits are rendered on their own and again inside the pack. The tokens
    come from the shared parse, which lint's document checks may already have made.
    """
    return build_tree(parse_tokens(xml_safe(markdown)))


def new_document_state(
    styles: StyleMap,
    text_width: int,
    numbering: NumberingRegistry,
    on_warning: Callable[[str], None] | None,
) -> DocumentState:
    """State for one output document, wired to this module's dispatch table."""
    return DocumentState(
        styles=styles,
        text_width=text_width,
        numbering=numbering,
        handlers=BLOCK_HANDLERS,
        on_warning=on_warning,
    )


def render_markdown(markdown: str, state: DocumentState, anchors: Sequence[Anchor] = ()) -> Written:
    """The blocks of ``markdown`` as body markup (see :mod:`contractgen.docx.xmltext`).

    ``anchors`` are the exhibit's numbered headings and title (see :mod:`contractgen.outline`).
    """
    state.start_exhibit({a.text: a for a in anchors})
    markupcache.refresh()
    ctx = BlockContext(doc=state)
    out = Body()
    ctx.render_children(parse_markdown(markdown), out)
    return out.finish()


def _heading(node: Node, ctx: BlockContext, body: Body) -> None:
    """A numbered clause heading is numbered by Word's clause outline, not by its text.

    The exhibit's anchors name the headings that are clauses ("3.2 Completion Criteria"): their
    typed number is dropped, the paragraph gets the outline level the number had, and a bookmark
    spans the heading so REF fields can show its number. Other headings get no number; when the
    heading style numbers its paragraphs, ``numId`` 0 switches that off for them.
    """
    level = int(node.tag[1:]) if node.tag[1:].isdigit() else 1
    segments = collect(node.children[0], ctx) if node.children else []
    text = plain_text(segments)
    anchor = ctx.doc.anchors.get(text)
    numbering: tuple[int, int] | None = None
    typed = _typed_number(text, anchor)
    if anchor is not None and typed:
        style = ctx.doc.styles.outline_styles[min(anchor.level, 2)]
        segments = drop_prefix(segments, typed)
        numbering = (ctx.doc.outline(), anchor.level)
    else:
        style = ctx.doc.styles.heading(level)
        if style in ctx.doc.styles.numbered_headings:
            numbering = (0, 0)  # numId 0: "no numbering" overrides the style
    last = body.last
    if last is not None and last.style == ctx.doc.styles.checklist:
        last.keep_next = True  # a checklist stays with the sign-off heading after it
    p = body.paragraph(style=style, numbering=numbering, bidi=is_rtl(text))
    parts = p.parts
    if anchor is None:
        emit(parts, segments, ctx.doc.styles)
        return
    if anchor.numbered:
        before: list[Segment] = []
        after: list[Segment] = []
        marked = segments
    else:  # an appendix title: the bookmark spans "Appendix 1", what a reference shows
        at = plain_text(segments).find(anchor.label)
        before, rest = split_segments(segments, at)
        marked, after = split_segments(rest, len(anchor.label))
    emit(parts, before, ctx.doc.styles)
    bookmark_id = ctx.doc.next_bookmark_id()
    parts.append(f'<w:bookmarkStart w:id="{bookmark_id}" w:name="{xml_attr(anchor.bookmark)}"/>')
    emit(parts, marked, ctx.doc.styles)
    parts.append(f'<w:bookmarkEnd w:id="{bookmark_id}"/>')
    emit(parts, after, ctx.doc.styles)


def _typed_number(text: str, anchor: Anchor | None) -> int:
    """Length of the number typed before a numbered heading's title ("3. ", "3.2 "), or 0."""
    if anchor is None or not anchor.numbered:
        return 0
    for prefix in (f"{anchor.label}. ", f"{anchor.label} "):
        if text.startswith(prefix):
            return len(prefix)
    return 0


def _paragraph(node: Node, ctx: BlockContext, body: Body) -> None:
    if ctx.checkbox is not None:
        segments = collect(node.children[0], ctx) if node.children else []
        p = item_paragraph(ctx, body, bidi=is_rtl(plain_text(segments)))
        p.parts.append(checkbox(ctx.checkbox == BALLOT_BOX_CHECKED))
        emit(p.parts, [(PLAIN, "\t"), *lstrip(segments)], ctx.doc.styles)
        return
    text, runs = inline_markup(node.children[0] if node.children else None, ctx)
    bidi = is_rtl(text)
    if ctx.numbering is not None:
        p = item_paragraph(ctx, body, bidi=bidi)
    else:
        p = body.paragraph(
            style=_style(ctx),
            bidi=bidi,
            space_before=SPACE_AFTER_BLOCK if _follows_list_or_table(body, ctx) else None,
            indent=Indent(ctx.indent) if ctx.indent else None,
        )
    p.parts.append(runs)


def _follows_list_or_table(body: Body, ctx: BlockContext) -> bool:
    """Whether the paragraph about to be added comes straight after a table or a list.

    List items and table rows carry little or no space after them, so without a gap the next
    paragraph reads as part of the list or table. (An exhibit's body starts empty: after a
    pack's previous exhibit comes a new page.) A numbered heading is not a list item: the text
    under "3.2 Completion Criteria" sits as close to it as under an unnumbered heading.
    """
    if body.last_is_table:
        return True
    last = body.last
    if last is None:
        return False
    styles = ctx.doc.styles
    if last.numbering is not None and last.numbering[0] != 0:
        return last.style == styles.list_paragraph
    return last.style == styles.checklist


def _style(ctx: BlockContext) -> str | None:
    """The paragraph style id to write, or ``None`` for the default paragraph style."""
    style = ctx.paragraph_style
    return None if style is None or style == ctx.doc.styles.normal else style


def _blockquote(node: Node, ctx: BlockContext, body: Body) -> None:
    ctx.replace(paragraph_style=ctx.doc.styles.note).render_children(node, body)


def _rule(node: Node, ctx: BlockContext, body: Body) -> None:
    """A thematic break is a thin rule (an empty paragraph's bottom border), not a page break.

    Authors use ``---`` to separate parts of a clause; forcing a new page would leave half-empty
    pages in a signed document. Page breaks come only between exhibits.
    """
    body.paragraph(style=_style(ctx), bottom_border=True)


def _code(node: Node, ctx: BlockContext, body: Body) -> None:
    """Indented and fenced code: one paragraph in the inline-code style, lines kept together."""
    _literal(node.content.rstrip("\n"), ctx, body, code=True)


def _html_block(node: Node, ctx: BlockContext, body: Body) -> None:
    _literal(node.content.rstrip("\n"), ctx, body, code=False)


def _literal(text: str, ctx: BlockContext, body: Body, *, code: bool) -> None:
    p = body.paragraph(
        style=_style(ctx),
        keep_lines=True,
        indent=Indent(ctx.indent) if ctx.indent else None,
    )
    segments: list[Segment] = [(RunFormat(code=code), text)]
    emit(p.parts, segments, ctx.doc.styles)


def _skip(node: Node, ctx: BlockContext, body: Body) -> None:
    """Front matter is metadata for the Markdown file, not document text."""


def _unknown(node: Node, ctx: BlockContext, body: Body) -> None:
    """A node type without a handler: keep its content rather than lose contract text."""
    if node.children:
        ctx.render_children(node, body)
    elif node.content:
        _literal(node.content.rstrip("\n"), ctx, body, code=False)


BLOCK_HANDLERS: dict[str, BlockHandler] = {
    "heading": _heading,
    "paragraph": _paragraph,
    "bullet_list": render_list,
    "ordered_list": render_list,
    "table": render_table,
    "blockquote": _blockquote,
    "hr": _rule,
    "code_block": _code,
    "fence": _code,
    "html_block": _html_block,
    "front_matter": _skip,
    "__unknown__": _unknown,
}
