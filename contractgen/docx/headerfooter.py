"""Header and footer parts.

Every page of an exhibit says what it is: the header carries the exhibit title on the left and the
parties and the version on the right; the footer says "Confidential" and "Exhibit D – page X of Y".
Each exhibit and appendix numbers its own pages (its section restarts at 1), so the page
numbers are real Word fields: ``PAGE``, and for the count ``NUMPAGES`` in a single exhibit or,
in a pack, ``PAGEREF`` to a bookmark on the exhibit's last paragraph, as complex fields, so they
stay right when the document is edited.

The right-hand text sits at a right-aligned tab stop on the right margin. Tab stops the
reference's header/footer style defines (Word's built-in ones have centre and right stops for
Letter paper) are cleared first, so the one tab always reaches the margin of the actual page.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from contractgen.docx.ooxml import XML_SPACE, W, root, serialize, sub, xml_safe
from contractgen.docx.paragraphs import add_paragraph
from contractgen.docx.styles import StyleMap

CONFIDENTIAL = "Confidential"


@dataclass(frozen=True)
class HeaderInfo:
    """What one exhibit's header says."""

    title: str
    parties: str
    """The parties' short names ("ShelfWise and Pacific"): the spec's deal id is a file name,
    not contract text, so it never appears on a page."""
    version: str
    page_label: str = ""
    """What the footer calls the document: "Exhibit D", "Exhibit D, Appendix 1"."""
    paper: str = ""
    """The section's paper ("letter" or "a4"; empty: the reference's page size)."""

    @property
    def right_text(self) -> str:
        """The right-hand part: ``<parties> · Version <version>`` (parts left out when empty)."""
        parts = []
        if self.parties:
            parts.append(self.parties)
        if self.version:
            parts.append(f"Version {self.version}")
        return " \u00b7 ".join(parts)


@dataclass(frozen=True)
class LineStyle:
    """The paragraph style of a header or footer line and the tab stops it already defines."""

    style_id: str
    tabs: tuple[int, ...] = ()

    @classmethod
    def header(cls, styles: StyleMap) -> LineStyle:
        """The header line style of a resolved reference."""
        return cls(styles.header, styles.header_tabs)

    @classmethod
    def footer(cls, styles: StyleMap) -> LineStyle:
        """The footer line style of a resolved reference."""
        return cls(styles.footer, styles.footer_tabs)


def header_xml(info: HeaderInfo, style: LineStyle, text_width: int) -> bytes:
    """The ``w:hdr`` part for one exhibit."""
    hdr = root(W.hdr)
    p = _line(hdr, style, text_width)
    _text_run(p, xml_safe(info.title))
    if info.right_text:
        sub(sub(p, W.r), W.tab)
        _text_run(p, xml_safe(info.right_text))
    return serialize(hdr)


def footer_xml(
    style: LineStyle, text_width: int, page_label: str = "", *, last_page: str | None = None
) -> bytes:
    """The ``w:ftr`` part of one exhibit: confidentiality and "Exhibit D – page X of Y".

    Y is ``NUMPAGES`` when the exhibit is the whole file. In a pack it is the page of the
    exhibit's last paragraph (``PAGEREF`` to the bookmark ``last_page``): the exhibit's pages
    are numbered from 1, so that is its page count. ``SECTIONPAGES`` says the same in Word, but
    LibreOffice does not compute it and would print its cached value.
    """
    ftr = root(W.ftr)
    p = _line(ftr, style, text_width)
    _text_run(p, CONFIDENTIAL)
    sub(sub(p, W.r), W.tab)
    _text_run(p, f"{xml_safe(page_label)} \u2013 page " if page_label else "Page ")
    _field(p, "PAGE")
    _text_run(p, " of ")
    _field(p, "NUMPAGES" if last_page is None else f"PAGEREF {last_page}")
    return serialize(ftr)


def _line(part: etree._Element, style: LineStyle, text_width: int) -> etree._Element:
    tabs = tuple(("clear", pos) for pos in style.tabs if pos != text_width)
    return add_paragraph(part, style=style.style_id, tabs=(*tabs, ("right", text_width)))


def _text_run(p: etree._Element, text: str) -> None:
    t = sub(sub(p, W.r), W.t)
    t.text = text
    if text != text.strip():
        t.set(XML_SPACE, "preserve")


def _field(p: etree._Element, instruction: str) -> None:
    """A complex field: begin, instruction, separate, a placeholder result, end."""
    sub(sub(p, W.r), W.fldChar, {W.fldCharType: "begin"})
    instr = sub(sub(p, W.r), W.instrText)
    instr.text = f" {instruction} "
    instr.set(XML_SPACE, "preserve")
    sub(sub(p, W.r), W.fldChar, {W.fldCharType: "separate"})
    _text_run(p, "1")
    sub(sub(p, W.r), W.fldChar, {W.fldCharType: "end"})
