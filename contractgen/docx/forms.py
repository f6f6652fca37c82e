"""Form fields of the appendix checklists and records: Word content controls.

A checklist tick is a checkbox content control (``w14:checkbox``, Word 2010's extension: the
document root declares the ``w14`` namespace and lists it in ``mc:Ignorable``, or Word refuses
the file); a blank to fill in (``______`` in the Markdown, see :mod:`contractgen.outline`) is a
plain-text content control, multi-line when the blank asks for a paragraph. Printed, the
controls show what a paper form shows: an empty box, a line or a framed area to write in.
"""

from __future__ import annotations

import re

from contractgen.outline import MULTILINE_BLANK

W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
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


def checkbox(checked: bool) -> str:
    """A checkbox content control showing ☐ (or ☒ when checked), as paragraph markup."""
    return _CHECKED if checked else _UNCHECKED


def _checkbox(checked: bool) -> str:
    font = f'w14:font="{BOX_FONT}"'
    fonts = f'w:ascii="{BOX_FONT}" w:hAnsi="{BOX_FONT}" w:eastAsia="{BOX_FONT}"'
    box = "\u2612" if checked else "\u2610"
    return (
        "<w:sdt><w:sdtPr><w14:checkbox>"
        f'<w14:checked w14:val="{1 if checked else 0}"/>'
        f'<w14:checkedState w14:val="2612" {font}/>'
        f'<w14:uncheckedState w14:val="2610" {font}/>'
        "</w14:checkbox></w:sdtPr><w:sdtContent>"
        f"<w:r><w:rPr><w:rFonts {fonts}/></w:rPr><w:t>{box}</w:t></w:r>"
        "</w:sdtContent></w:sdt>"
    )


_CHECKED = _checkbox(True)
_UNCHECKED = _checkbox(False)


def text_control(*, multiline: bool, shown: str, underline: bool) -> str:
    """A plain-text content control whose initial content is ``shown`` (plain text, no markup
    characters), underlined as a gap to write on when ``underline``; paragraph markup."""
    text = '<w:text w:multiLine="1"/>' if multiline else "<w:text/>"
    r_pr = '<w:rPr><w:u w:val="single"/></w:rPr>' if underline else ""
    return (
        f"<w:sdt><w:sdtPr>{text}</w:sdtPr><w:sdtContent>"
        f'<w:r>{r_pr}<w:t xml:space="preserve">{shown}</w:t></w:r>'
        "</w:sdtContent></w:sdt>"
    )


def is_blank(text: str) -> bool:
    """Whether ``text`` is only a blank to fill in."""
    if "______" not in text:
        return False
    stripped = text.strip()
    return len(stripped) >= 6 and set(stripped) == {"_"}


def is_area(text: str) -> bool:
    """Whether ``text`` is a blank that asks for a paragraph."""
    return is_blank(text) and len(text.strip()) >= MULTILINE_BLANK
