"""An exhibit's body written as WordprocessingML text, parsed into elements once.

Creating an lxml element from Python costs about a microsecond and a Python call each, and an
exhibit set is some 8,500 of them; lxml parses the same markup from one string in C. So the
block handlers write escaped markup into a :class:`Body` and :func:`parse_body` turns the whole
exhibit into elements in one parse; everything after rendering (sections, the table of
contents, adopting exhibits into a pack, serialising) works on those elements as before. The
elements are the ones the handlers used to create one by one, so the serialised file is byte for
byte the same.

Repeated property blocks (a paragraph's ``w:pPr``, a run's ``w:rPr``, an empty cell) are still
built as elements by the functions that know their schema order, once per shape, and kept as
text here (:func:`fragment`).

The markup is written exactly as lxml serialises the same elements (escaping, empty elements
closing themselves), so a document of one exhibit can be written from it without serialising
the parsed tree (see :mod:`contractgen.docx.document`).

Handlers add blocks to the end of the body only. The one thing they change afterwards is the
paragraph just written (a sentence introducing a table or a checklist keeps with it), so that
paragraph stays open (:attr:`Body.last`) until the next block starts.
"""

from __future__ import annotations

from lxml import etree

from contractgen.docx.forms import MC_NS, W14_NS
from contractgen.docx.ooxml import NSMAP, W, parse
from contractgen.docx.paragraphs import Indent, paragraph_properties

BODY_NSMAP: dict[str | None, str] = {**NSMAP, "w14": W14_NS, "mc": MC_NS}
"""Every prefix body content uses; the main document's root declares the same."""


def _declarations() -> str:
    probe = etree.SubElement(etree.Element(W.body, nsmap=BODY_NSMAP), W.p)
    text = etree.tostring(probe, encoding="unicode")  # <w:p xmlns:w="…" …/>
    return text[len("<w:p") : -len("/>")]


_DECLARATIONS = _declarations()
"""`` xmlns:w="…" xmlns:r="…" …``: what lxml writes on a fragment serialised on its own."""
_OPEN_BODY = f"<w:body{_DECLARATIONS}>"


def fragment(element: etree._Element) -> str:
    """``element`` (a finished template, not in a document) as markup for a :class:`Body`."""
    holder = etree.Element(W.body, nsmap=BODY_NSMAP)
    holder.append(_copy(element))
    text = etree.tostring(holder[0], encoding="unicode")
    if _DECLARATIONS not in text:
        raise ValueError(f"unexpected namespace declarations in {text[:80]!r}")
    return text.replace(_DECLARATIONS, "", 1)


def _copy(element: etree._Element) -> etree._Element:
    return element.__copy__()


def text(value: str) -> str:
    """``value`` escaped as element content (a carriage return is kept as a reference, since a
    parser would read a literal one as a line feed)."""
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    if "\r" in value:
        value = value.replace("\r", "&#13;")
    return value


def attr(value: str) -> str:
    """``value`` escaped for a double-quoted attribute (white space kept as references, since
    a parser would normalise it to spaces)."""
    value = text(value)
    if '"' in value:
        value = value.replace('"', "&quot;")
    if "\n" in value:
        value = value.replace("\n", "&#10;")
    if "\t" in value:
        value = value.replace("\t", "&#9;")
    return value


ParagraphKey = tuple[
    str | None,
    bool,
    bool,
    tuple[int, int] | None,
    bool,
    tuple[tuple[str, int], ...],
    bool,
    int | None,
    Indent | None,
    str | None,
]
"""The arguments of :func:`contractgen.docx.paragraphs.paragraph_properties`, in order."""

_PROPERTIES: dict[ParagraphKey, str] = {}
_PROPERTIES_SIZE = 1024
"""Shapes kept at most (list ids make the numbered ones vary from document to document)."""


def paragraph_open(key: ParagraphKey) -> str:
    """``<w:p>`` and its ``w:pPr`` for these properties (the properties built once per shape)."""
    found = _PROPERTIES.get(key)
    if found is None:
        style, keep_next, keep_lines, numbering, border, tabs, bidi, before, indent, align = key
        if (
            style or keep_next or keep_lines or numbering or border or tabs or bidi
            or before is not None or indent or align
        ):  # fmt: skip
            found = "<w:p>" + fragment(paragraph_properties(*key))
        else:
            found = "<w:p>"
        if len(_PROPERTIES) >= _PROPERTIES_SIZE:
            _PROPERTIES.clear()
        _PROPERTIES[key] = found
    return found


def close_paragraph(opening: str, content: str) -> str:
    """A whole paragraph from markup ending in :func:`paragraph_open`'s text and its content,
    written as lxml writes it (an empty element closes itself), so the markup is the
    serialised document's."""
    if content:
        return opening + content + "</w:p>"
    if opening.endswith("<w:p>"):
        return opening[: -len("<w:p>")] + "<w:p/>"
    return opening + "</w:p>"


class Paragraph:
    """A paragraph being written: its properties (still changeable) and its content so far."""

    __slots__ = ("keep_next", "numbering", "parts", "style")

    def __init__(
        self, style: str | None, keep_next: bool, numbering: tuple[int, int] | None
    ) -> None:
        self.style = style
        self.keep_next = keep_next
        """Set by a following table or checklist: keep this paragraph on its page."""
        self.numbering = numbering
        self.parts: list[str] = []
        """Markup of the paragraph's content (runs, hyperlinks, bookmarks, controls)."""


class Body:
    """The blocks of one exhibit as markup, the last paragraph still open."""

    __slots__ = ("_done", "_pending", "last", "last_is_table")

    def __init__(self) -> None:
        self._done: list[str] = []
        self.last: Paragraph | None = None
        """The block just written, if it is a paragraph (body paragraphs only)."""
        self.last_is_table = False
        self._pending: tuple[ParagraphKey, Paragraph] | None = None

    def paragraph(
        self,
        *,
        style: str | None = None,
        keep_next: bool = False,
        keep_lines: bool = False,
        numbering: tuple[int, int] | None = None,
        bottom_border: bool = False,
        bidi: bool = False,
        space_before: int | None = None,
        indent: Indent | None = None,
    ) -> Paragraph:
        """Start a paragraph (see :func:`contractgen.docx.paragraphs.add_paragraph`)."""
        self._flush()
        p = Paragraph(style, keep_next, numbering)
        key: ParagraphKey = (
            style, keep_next, keep_lines, numbering, bottom_border, (), bidi, space_before,
            indent, None,
        )  # fmt: skip
        self._pending = (key, p)
        self.last = p
        self.last_is_table = False
        return p

    def block(self, markup: str) -> None:
        """Append a finished block (a table)."""
        self._flush()
        self._done.append(markup)
        self.last = None
        self.last_is_table = True

    def _flush(self) -> None:
        if self._pending is None:
            return
        key, p = self._pending
        self._pending = None
        if p.keep_next and not key[1]:
            key = (key[0], True, *key[2:])
        self._done.append(close_paragraph(paragraph_open(key), "".join(p.parts)))

    def markup(self) -> str:
        """Every block written, as one string."""
        return self.finish().markup

    def finish(self) -> Written:
        """Every block written, the last paragraph (if the body ends in one) kept apart."""
        last: tuple[str, str] | None = None
        if self._pending is not None:
            key, p = self._pending
            self._pending = None
            if p.keep_next and not key[1]:
                key = (key[0], True, *key[2:])
            last = (paragraph_open(key), "".join(p.parts))
        self.last = None
        return Written("".join(self._done), last)


class Written:
    """An exhibit's body markup: its blocks up to the last, and the last paragraph as its
    opening (``<w:p>`` and properties) and content, or ``None`` when it ends in a table or is
    empty. A pack closes the exhibit's section in that paragraph's properties."""

    __slots__ = ("head", "last")

    def __init__(self, head: str, last: tuple[str, str] | None) -> None:
        self.head = head
        self.last = last

    @property
    def markup(self) -> str:
        """The whole body markup."""
        return self.head + (close_paragraph(*self.last) if self.last is not None else "")


def parse_body(markup: str) -> etree._Element:
    """A ``w:body`` holding the blocks of ``markup`` (move them into the document)."""
    return parse((_OPEN_BODY + markup + "</w:body>").encode("utf-8"))
