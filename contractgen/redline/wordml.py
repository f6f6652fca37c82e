"""The WordprocessingML names and small element helpers the redline engine shares.

Kept apart from :mod:`contractgen.docx` on purpose: the engine reads documents the renderer
wrote, but must not depend on how the renderer builds them.
"""

from __future__ import annotations

from lxml import etree
from lxml.etree import _Element as Element

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

__all__ = ["Element"]


def w(local: str) -> str:
    """The qualified name of a ``w:`` element or attribute."""
    return f"{{{W_NS}}}{local}"


P, R, T, TBL, TR, TC, SDT = w("p"), w("r"), w("t"), w("tbl"), w("tr"), w("tc"), w("sdt")
PPR, RPR, TRPR, TCPR, SDTPR = w("pPr"), w("rPr"), w("trPr"), w("tcPr"), w("sdtPr")
SDT_CONTENT, SECT_PR, NUM_PR, NUM_ID = w("sdtContent"), w("sectPr"), w("numPr"), w("numId")
INS, DEL, DEL_TEXT, INSTR_TEXT = w("ins"), w("del"), w("delText"), w("instrText")
DEL_INSTR_TEXT, FLD_CHAR, FLD_SIMPLE = w("delInstrText"), w("fldChar"), w("fldSimple")
HYPERLINK, P_STYLE, R_PR_CHANGE, P_PR_CHANGE = (
    w("hyperlink"),
    w("pStyle"),
    w("rPrChange"),
    w("pPrChange"),
)
ID, AUTHOR, DATE, VAL = w("id"), w("author"), w("date"), w("val")

TRACKED = frozenset({INS, DEL, R_PR_CHANGE, P_PR_CHANGE})
"""Elements that carry a revision id, author and date."""

BOOKMARK_LIKE = frozenset(
    {
        w("bookmarkStart"),
        w("bookmarkEnd"),
        w("commentRangeStart"),
        w("commentRangeEnd"),
        w("permStart"),
        w("permEnd"),
    }
)
"""Anchors: they mark a place and hold no text, so they are never compared."""

DROPPED = frozenset({w("proofErr"), w("lastRenderedPageBreak")})
"""Reader scratch marks that mean nothing in a comparison and are not carried over."""


def text_of(element: Element) -> str:
    """The visible text of an element: ``w:t`` contents, tabs as spaces (no field codes)."""
    parts: list[str] = []
    for el in element.iter(T, w("tab"), w("br"), w("cr"), w("noBreakHyphen"), w("sym")):
        if el.tag == T:
            parts.append(el.text or "")
        elif el.tag == w("noBreakHyphen"):
            parts.append("-")
        elif el.tag == w("sym"):
            parts.append("?")
        else:
            parts.append(" ")
    return "".join(parts)


def canon(element: Element | None) -> bytes:
    """A comparable serialisation of an element (empty for none)."""
    if element is None:
        return b""
    return etree.tostring(element, method="c14n")


def ensure_rpr(run: Element) -> Element:
    """The run's ``w:rPr``, created as its first child when it has none."""
    rpr = run.find(RPR)
    if rpr is None:
        rpr = etree.Element(RPR)
        run.insert(0, rpr)
    return rpr


def ensure_ppr(paragraph: Element) -> Element:
    """The paragraph's ``w:pPr``, created as its first child when it has none."""
    ppr = paragraph.find(PPR)
    if ppr is None:
        ppr = etree.Element(PPR)
        paragraph.insert(0, ppr)
    return ppr


def mark_paragraph(paragraph: Element, kind: str) -> None:
    """Mark a paragraph's mark as inserted or deleted (``w:ins``/``w:del`` in ``pPr/rPr``).

    The schema wants the mark's ``rPr`` before ``sectPr`` and ``pPrChange``, and the revision
    first inside it.
    """
    ppr = ensure_ppr(paragraph)
    rpr = ppr.find(RPR)
    if rpr is None:
        rpr = etree.Element(RPR)
        tail = [c for c in ppr if c.tag in (SECT_PR, P_PR_CHANGE)]
        if tail:
            tail[0].addprevious(rpr)
        else:
            ppr.append(rpr)
    rpr.insert(0, etree.Element(INS if kind == "ins" else DEL))


def mark_row(row: Element, kind: str) -> None:
    """Mark a table row as inserted or deleted (``w:ins``/``w:del`` last in ``w:trPr``)."""
    trpr = row.find(TRPR)
    if trpr is None:
        trpr = etree.Element(TRPR)
        first = [c for c in row if c.tag in (w("tblPrEx"),)]
        if first:
            first[0].addnext(trpr)
        else:
            row.insert(0, trpr)
    change = trpr.find(w("trPrChange"))
    marker = etree.Element(INS if kind == "ins" else DEL)
    if change is not None:
        change.addprevious(marker)
    else:
        trpr.append(marker)


def as_deleted(element: Element) -> Element:
    """Turn text inside ``element`` into deleted text (``w:delText``, ``w:delInstrText``)."""
    for el in element.iter(T, INSTR_TEXT):
        el.tag = DEL_TEXT if el.tag == T else DEL_INSTR_TEXT
    return element
