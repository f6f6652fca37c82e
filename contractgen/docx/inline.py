"""Inline Markdown (emphasis, code, links, breaks) to Word runs.

Inline nodes are first flattened into *segments*, ``(format, text)`` pairs, then written as runs.
The two steps keep the XML small and predictable: neighbouring text with the same format becomes
one run (``a`` softbreak ``b`` is one ``w:t``), consecutive segments of the same link share one
``w:hyperlink``, and a paragraph's direction can be decided from its text before the paragraph
element is created.

Formatting is expressed with styles where Word has them (the inline-code and hyperlink character
styles) and with ``w:b``/``w:i`` for emphasis, which Word treats as direct formatting anyway.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace

from lxml import etree

from contractgen.docx.context import BlockContext
from contractgen.docx.ooxml import R_ID, XML_SPACE, W, sub, val
from contractgen.docx.styles import StyleMap
from contractgen.mdtree import Node

TASK_CHECKBOX_PREFIX = '<input class="task-list-item-checkbox"'


@dataclass(frozen=True, slots=True)
class RunFormat:
    """How a run of text looks; ``link`` is a hyperlink relationship id."""

    bold: bool = False
    italic: bool = False
    code: bool = False
    link: str | None = None


PLAIN = RunFormat()

Segment = tuple[RunFormat, str]
"""Text in one format. ``\\n`` in the text is a line break, ``\\t`` a tab."""

InlineHandler = Callable[[Node, RunFormat, list[Segment], BlockContext], None]


def collect(inline: Node, ctx: BlockContext) -> list[Segment]:
    """Flatten an ``inline`` node into segments (see the module docstring)."""
    out: list[Segment] = []
    _children(inline, PLAIN, out, ctx)
    return out


def _children(node: Node, fmt: RunFormat, out: list[Segment], ctx: BlockContext) -> None:
    for child in node.children:
        INLINE_HANDLERS.get(child.type, _unknown)(child, fmt, out, ctx)


def _text(node: Node, fmt: RunFormat, out: list[Segment], ctx: BlockContext) -> None:
    out.append((fmt, node.content))


def _softbreak(node: Node, fmt: RunFormat, out: list[Segment], ctx: BlockContext) -> None:
    out.append((fmt, " "))


def _hardbreak(node: Node, fmt: RunFormat, out: list[Segment], ctx: BlockContext) -> None:
    out.append((fmt, "\n"))


def _strong(node: Node, fmt: RunFormat, out: list[Segment], ctx: BlockContext) -> None:
    _children(node, replace(fmt, bold=True), out, ctx)


def _em(node: Node, fmt: RunFormat, out: list[Segment], ctx: BlockContext) -> None:
    _children(node, replace(fmt, italic=True), out, ctx)


def _code(node: Node, fmt: RunFormat, out: list[Segment], ctx: BlockContext) -> None:
    out.append((replace(fmt, code=True), node.content))


def _link(node: Node, fmt: RunFormat, out: list[Segment], ctx: BlockContext) -> None:
    href = str(node.attrs.get("href", "")).strip()
    if href:
        fmt = replace(fmt, link=ctx.doc.links.rid(href))
    _children(node, fmt, out, ctx)


def _image(node: Node, fmt: RunFormat, out: list[Segment], ctx: BlockContext) -> None:
    """Images are not embedded (exhibits are text); the alt text keeps the sentence whole."""
    src = str(node.attrs.get("src", ""))
    ctx.doc.warn(f"image '{src}' is not embedded in the Word document; its description is shown")
    _children(node, fmt, out, ctx)


def _html(node: Node, fmt: RunFormat, out: list[Segment], ctx: BlockContext) -> None:
    """Raw HTML is contract text the author typed, so it is kept literally, never interpreted.

    The one exception is the task-list checkbox the tasklists plugin inserts: the list item
    renders it as a ballot box.
    """
    if not node.content.startswith(TASK_CHECKBOX_PREFIX):
        out.append((fmt, node.content))


def _unknown(node: Node, fmt: RunFormat, out: list[Segment], ctx: BlockContext) -> None:
    if node.children:
        _children(node, fmt, out, ctx)
    elif node.content:
        out.append((fmt, node.content))


INLINE_HANDLERS: dict[str, InlineHandler] = {
    "text": _text,
    "softbreak": _softbreak,
    "hardbreak": _hardbreak,
    "strong": _strong,
    "em": _em,
    "code_inline": _code,
    "link": _link,
    "image": _image,
    "html_inline": _html,
}


def plain_text(segments: list[Segment]) -> str:
    """The text of ``segments`` as one string (for widths and direction)."""
    return "".join(text for _, text in segments)


def lstrip(segments: list[Segment]) -> list[Segment]:
    """Drop leading whitespace (left after a task item's ``[ ]`` marker)."""
    result = list(segments)
    while result:
        fmt, text = result[0]
        stripped = text.lstrip()
        if stripped:
            result[0] = (fmt, stripped)
            break
        result.pop(0)
    return result


def is_rtl(text: str) -> bool:
    """Whether the first strongly directional character is right-to-left (Arabic, Hebrew, …).

    Such paragraphs get ``w:bidi`` so Word lays them out from the right margin.
    """
    for char in text:
        if char < "\u0590":
            if char.isalpha():
                return False
            continue
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def emit(paragraph: etree._Element, segments: list[Segment], styles: StyleMap) -> None:
    """Write ``segments`` as runs (grouped into hyperlinks) at the end of ``paragraph``."""
    container = paragraph
    current_link: str | None = None
    pending_fmt: RunFormat | None = None
    pending: list[str] = []
    for fmt, text in segments:
        if not text:
            continue
        if fmt == pending_fmt:
            pending.append(text)
            continue
        if pending_fmt is not None:
            _run(container, pending_fmt, "".join(pending), styles)
        if fmt.link != current_link:
            current_link = fmt.link
            container = paragraph
            if current_link is not None:
                container = sub(paragraph, W.hyperlink, {R_ID: current_link, W.history: "1"})
        pending_fmt, pending = fmt, [text]
    if pending_fmt is not None:
        _run(container, pending_fmt, "".join(pending), styles)


def _run(parent: etree._Element, fmt: RunFormat, text: str, styles: StyleMap) -> None:
    run = sub(parent, W.r)
    if fmt != PLAIN:
        r_pr = sub(run, W.rPr)
        if fmt.link is not None:
            val(r_pr, W.rStyle, styles.hyperlink)
        elif fmt.code:
            val(r_pr, W.rStyle, styles.code)
        if fmt.bold:
            sub(r_pr, W.b)
            sub(r_pr, W.bCs)
        if fmt.italic:
            sub(r_pr, W.i)
            sub(r_pr, W.iCs)
        if len(r_pr) == 0:
            run.remove(r_pr)
    if "\n" not in text and "\t" not in text:
        _t(run, text)
        return
    for line_no, line in enumerate(text.split("\n")):
        if line_no:
            sub(run, W.br)
        for piece_no, piece in enumerate(line.split("\t")):
            if piece_no:
                sub(run, W.tab)
            if piece:
                _t(run, piece)


def _t(run: etree._Element, text: str) -> None:
    t = sub(run, W.t)
    t.text = text
    if text[0] == " " or text[-1] == " " or "  " in text:
        t.set(XML_SPACE, "preserve")
