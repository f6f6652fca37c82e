"""Form fields of the appendix checklists and records: Word content controls.

A checklist tick is a checkbox content control (``w14:checkbox``, Word 2010's extension: the
document root declares the ``w14`` namespace and lists it in ``mc:Ignorable``, or Word refuses
the file); a blank to fill in (``______`` in the Markdown, see :mod:`contractgen.outline`) is a
plain-text content control, multi-line when the blank asks for a paragraph. Printed, the
controls show what a paper form shows: an empty box, a line or a framed area to write in.
"""

from __future__ import annotations

import functools
import re

from lxml import etree

from contractgen.docx.ooxml import XML_SPACE, W, sub
from contractgen.outline import MULTILINE_BLANK

W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W14_CHECKBOX = f"{{{W14_NS}}}checkbox"
W14_CHECKED = f"{{{W14_NS}}}checked"
W14_CHECKED_STATE = f"{{{W14_NS}}}checkedState"
W14_UNCHECKED_STATE = f"{{{W14_NS}}}uncheckedState"
W14_VAL = f"{{{W14_NS}}}val"
W14_FONT = f"{{{W14_NS}}}font"
MC_IGNORABLE = f"{{{MC_NS}}}Ignorable"

BOX_FONT = "Segoe UI Symbol"
"""A font with the ballot boxes, as Word itself writes checkbox controls."""
BLANK_RUN = re.compile(r"(_{6,})")
INLINE_BLANK = "\u00a0" * 14
"""What an inline blank shows until filled in: an underlined gap to write on."""
ROW_WITH_BLANK = 624
"""Minimum height of a table row with a blank to fill in by hand (1.1 cm): room for ink."""
ROW_WITH_AREA = 1418
"""Minimum height of a table row where a paragraph is to be written (2.5 cm)."""


def add_checkbox(parent: etree._Element, checked: bool) -> None:
    """A checkbox content control showing ☐ (or ☒ when checked)."""
    sdt = sub(parent, W.sdt)
    sdt_pr = sub(sdt, W.sdtPr)
    box = etree.SubElement(sdt_pr, W14_CHECKBOX)
    etree.SubElement(box, W14_CHECKED, {W14_VAL: "1" if checked else "0"})
    etree.SubElement(box, W14_CHECKED_STATE, {W14_VAL: "2612", W14_FONT: BOX_FONT})
    etree.SubElement(box, W14_UNCHECKED_STATE, {W14_VAL: "2610", W14_FONT: BOX_FONT})
    content = sub(sdt, W.sdtContent)
    run = sub(content, W.r)
    r_pr = sub(run, W.rPr)
    sub(r_pr, W.rFonts, {W.ascii: BOX_FONT, W.hAnsi: BOX_FONT, W.eastAsia: BOX_FONT})
    sub(run, W.t).text = "\u2612" if checked else "\u2610"


def add_text_control(parent: etree._Element, *, multiline: bool, shown: str) -> etree._Element:
    """A plain-text content control; ``shown`` is its initial content. Returns the run in it."""
    sdt = _text_control(multiline, shown).__copy__()
    parent.append(sdt)
    return sdt[1][0]


@functools.lru_cache(maxsize=16)
def _text_control(multiline: bool, shown: str) -> etree._Element:
    """The finished control, copied per blank (forms hold hundreds of blanks per deal; a copy
    costs about half the CPU of creating the six elements one by one)."""
    sdt = etree.Element(W.sdt)
    sdt_pr = sub(sdt, W.sdtPr)
    text = sub(sdt_pr, W.text)
    if multiline:
        text.set(W.multiLine, "1")
    content = sub(sdt, W.sdtContent)
    run = sub(content, W.r)
    t = sub(run, W.t)
    t.text = shown
    t.set(XML_SPACE, "preserve")
    return sdt


def is_blank(text: str) -> bool:
    """Whether ``text`` is only a blank to fill in."""
    if "______" not in text:
        return False
    stripped = text.strip()
    return len(stripped) >= 6 and set(stripped) == {"_"}


def is_area(text: str) -> bool:
    """Whether ``text`` is a blank that asks for a paragraph."""
    return is_blank(text) and len(text.strip()) >= MULTILINE_BLANK
