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

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace

from lxml import etree

from contractgen.docx.context import BlockContext
from contractgen.docx.forms import BLANK_RUN, INLINE_BLANK, is_area, is_blank, text_control
from contractgen.docx.markupcache import inline_key, keep_inline, kept_inline
from contractgen.docx.ooxml import W, sub, val
from contractgen.docx.styles import StyleMap
from contractgen.docx.xmltext import attr as xml_attr
from contractgen.docx.xmltext import fragment
from contractgen.docx.xmltext import text as xml_text
from contractgen.mdtree import Node
from contractgen.outline import REF_NUMBER, parse_ref_href

TASK_CHECKBOX_PREFIX = '<input class="task-list-item-checkbox"'


@dataclass(frozen=True, slots=True)
class RunFormat:
    """How a run of text looks; ``link`` is a hyperlink relationship id."""

    bold: bool = False
    italic: bool = False
    code: bool = False
    link: str | None = None
    field: str | None = None
    """A field instruction (``REF clause \\r \\h``): the text is the field's cached result."""


PLAIN = RunFormat()


@functools.lru_cache(maxsize=256)
def _derive(fmt: RunFormat, name: str, value: object) -> RunFormat:
    """``fmt`` with one field changed; the few formats of a document are made once each
    (``dataclasses.replace`` costs several times a cache lookup, for every bold or linked run)."""
    return replace(fmt, **{name: value})  # type: ignore[arg-type]


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
    _children(node, _derive(fmt, "bold", True), out, ctx)


def _em(node: Node, fmt: RunFormat, out: list[Segment], ctx: BlockContext) -> None:
    _children(node, _derive(fmt, "italic", True), out, ctx)


def _code(node: Node, fmt: RunFormat, out: list[Segment], ctx: BlockContext) -> None:
    out.append((_derive(fmt, "code", True), node.content))


def _link(node: Node, fmt: RunFormat, out: list[Segment], ctx: BlockContext) -> None:
    href = str(node.attrs.get("href", "")).strip()
    reference = parse_ref_href(href)
    if reference is not None:
        _reference(node, fmt, out, ctx, *reference)
        return
    if href:
        fmt = _derive(fmt, "link", ctx.doc.links.rid(href))
    _children(node, fmt, out, ctx)


_TRAILING_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)*$")


def _reference(
    node: Node, fmt: RunFormat, out: list[Segment], ctx: BlockContext, kind: str, bookmark: str
) -> None:
    """A cross-reference: a REF field to the clause's bookmark, its result already filled in.

    "Section 4" becomes the text "Section " and a field ``REF clause \\r \\h`` (the number of
    the bookmarked heading, a link in Word) whose cached result is "4", so readers that do not
    update fields (LibreOffice, pandoc, a PDF printer) show the right text, and Word keeps it
    right when a clause is inserted. An appendix reference shows the bookmarked title text.
    """
    inner: list[Segment] = []
    _children(node, fmt, inner, ctx)
    text = plain_text(inner)
    if kind == REF_NUMBER:
        match = _TRAILING_NUMBER.search(text)
        if match is None:
            out.extend(inner)
            return
        if match.start():
            out.append((fmt, text[: match.start()]))
        out.append((_derive(fmt, "field", f"REF {bookmark} \\r \\h"), match.group(0)))
        return
    out.append((_derive(fmt, "field", f"REF {bookmark} \\h"), text))


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


def inline_markup(inline: Node | None, ctx: BlockContext) -> tuple[str, str]:
    """The plain text and the runs markup of an ``inline`` node (``None``: no content).

    Text seen before is written from what :mod:`contractgen.docx.markupcache` kept.
    """
    if inline is None:
        return "", ""
    key = inline_key(inline.content, ctx)
    if key is not None:
        found = kept_inline(key)
        if found is not None:
            return found
    segments = collect(inline, ctx)
    parts: list[str] = []
    emit(parts, segments, ctx.doc.styles)
    result = plain_text(segments), "".join(parts)
    if key is not None:
        keep_inline(key, result)
    return result


def plain_text(segments: list[Segment]) -> str:
    """The text of ``segments`` as one string (for widths and direction)."""
    return "".join(text for _, text in segments)


def split_segments(segments: list[Segment], at: int) -> tuple[list[Segment], list[Segment]]:
    """``segments`` cut after ``at`` characters of text (a bookmark starts or ends there)."""
    head: list[Segment] = []
    tail: list[Segment] = []
    seen = 0
    for fmt, text in segments:
        if seen >= at:
            tail.append((fmt, text))
        elif seen + len(text) <= at:
            head.append((fmt, text))
        else:
            cut = at - seen
            head.append((fmt, text[:cut]))
            tail.append((fmt, text[cut:]))
        seen += len(text)
    return head, tail


def drop_prefix(segments: list[Segment], length: int) -> list[Segment]:
    """``segments`` without their first ``length`` characters (a heading's typed number)."""
    return split_segments(segments, length)[1]


_OPENS_AFTER = frozenset(" \t\n([{\u2014\u2013/-")
_QUOTE = re.compile("([\"'])")
_OPENING = {'"': "\u201c", "'": "\u2018"}
_CLOSING = {'"': "\u201d", "'": "\u2019"}


def smarten(segments: list[Segment]) -> list[Segment]:
    """Typographic quotes and apostrophes in text ("term" → “term”, Partner's → Partner’s).

    Code and field results are left alone. A quote opens after a space, an opening bracket or
    a dash (or at the start), and closes anywhere else; the previous segment's last character
    counts, so ``"**Term**"`` gets an opening quote before the bold run.
    """
    for _, text in segments:
        if '"' in text or "'" in text:
            break
    else:
        return segments  # the common case, checked without a generator
    out: list[Segment] = []
    previous = " "
    for fmt, text in segments:
        if not fmt.code and fmt.field is None and ('"' in text or "'" in text):
            pieces = _QUOTE.split(text)  # text, quote, text, quote, …, text
            for index in range(0, len(pieces) - 1, 2):
                if pieces[index]:
                    previous = pieces[index][-1]
                quotes = _OPENING if previous in _OPENS_AFTER else _CLOSING
                previous = pieces[index + 1] = quotes[pieces[index + 1]]
            text = "".join(pieces)
            if pieces[-1]:
                previous = pieces[-1][-1]
        elif text:
            previous = text[-1]
        out.append((fmt, text))
    return out


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


def emit(parts: list[str], segments: list[Segment], styles: StyleMap) -> None:
    """Write ``segments`` as runs (grouped into hyperlinks) at the end of a paragraph's
    content ``parts`` (markup, see :mod:`contractgen.docx.xmltext`)."""
    current_link: str | None = None
    pending_fmt: RunFormat | None = None
    pending: list[str] = []
    for fmt, text in smarten(segments):
        if not text:
            continue
        if fmt is pending_fmt or fmt == pending_fmt:
            pending.append(text)
            continue
        if pending_fmt is not None:
            _run(parts, pending_fmt, "".join(pending), styles)
        if fmt.link != current_link:
            if current_link is not None:
                parts.append("</w:hyperlink>")
            current_link = fmt.link
            if current_link is not None:
                parts.append(f'<w:hyperlink r:id="{xml_attr(current_link)}" w:history="1">')
        pending_fmt, pending = fmt, [text]
    if pending_fmt is not None:
        _run(parts, pending_fmt, "".join(pending), styles)
    if current_link is not None:
        parts.append("</w:hyperlink>")


def _run(parts: list[str], fmt: RunFormat, text: str, styles: StyleMap) -> None:
    if fmt.field is not None:
        instruction = fmt.field
        fmt = _derive(fmt, "field", None)
        add_field(parts, instruction, lambda: _run(parts, fmt, text, styles))
        return
    if not fmt.code and "______" in text:
        _with_blanks(parts, fmt, text, styles)
        return
    if fmt is PLAIN or fmt == PLAIN:
        parts.append("<w:r>")
    else:
        if fmt.link is not None:
            style = styles.hyperlink
        elif fmt.code:
            style = styles.code
        else:
            style = None
        parts.append(_run_open(style, fmt.bold, fmt.italic))
    if "\n" not in text and "\t" not in text:
        parts.append(_t(text))
    else:
        for line_no, line in enumerate(text.split("\n")):
            if line_no:
                parts.append("<w:br/>")
            for piece_no, piece in enumerate(line.split("\t")):
                if piece_no:
                    parts.append("<w:tab/>")
                if piece:
                    parts.append(_t(piece))
    parts.append("</w:r>")


@functools.lru_cache(maxsize=64)
def _run_open(style: str | None, bold: bool, italic: bool) -> str:
    """``<w:r>`` and its ``w:rPr`` in this format, built once per format.

    A deal writes thousands of formatted runs in a handful of formats.
    """
    r_pr = etree.Element(W.rPr)
    if style is not None:
        val(r_pr, W.rStyle, style)
    if bold:
        sub(r_pr, W.b)
        sub(r_pr, W.bCs)
    if italic:
        sub(r_pr, W.i)
        sub(r_pr, W.iCs)
    return "<w:r>" + fragment(r_pr) if len(r_pr) else "<w:r>"


def _with_blanks(parts: list[str], fmt: RunFormat, text: str, styles: StyleMap) -> None:
    """Text with blanks to fill in: each blank becomes a plain-text content control.

    A blank that is a table cell's whole text fills the cell (the cell is the box to write in);
    a blank inside a sentence shows as an underlined gap.
    """
    whole = is_blank(text)
    for piece in BLANK_RUN.split(text):
        if not piece:
            continue
        if BLANK_RUN.fullmatch(piece):
            shown = " " if whole else INLINE_BLANK
            parts.append(text_control(multiline=is_area(piece), shown=shown, underline=not whole))
        else:
            _run(parts, fmt, piece, styles)


def add_field(parts: list[str], instruction: str, result: Callable[[], None]) -> None:
    """A complex field: begin, the instruction, separate, the cached result, end.

    ``result`` writes the cached result's runs. Readers that do not update fields show it, so
    it must already be right.
    """
    parts.append(
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {xml_text(instruction)} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )
    result()
    parts.append('<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def _t(text: str) -> str:
    if text[0] == " " or text[-1] == " " or "  " in text:
        return f'<w:t xml:space="preserve">{xml_text(text)}</w:t>'
    return f"<w:t>{xml_text(text)}</w:t>"
