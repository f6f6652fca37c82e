"""An optional table of contents: a Word TOC field whose entries are already written.

Readers that do not update fields (LibreOffice, pandoc, a PDF printer) show the cached entries:
each numbered clause and sub-clause with its number and title, linked to its bookmark. Page
numbers cannot be known before the pages are laid out, so the entries carry none; the document
asks Word to update its fields when it is opened (``w:updateFields``), which adds them.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from contractgen.docx.ooxml import XML_SPACE, W, parse, serialize, sub
from contractgen.docx.paragraphs import add_paragraph
from contractgen.docx.styles import StyleMap
from contractgen.outline import Anchor

TOC_TITLE = "Contents"
TOC_INSTRUCTION = 'TOC \\o "2-3" \\h \\z \\u'
"""Headings 2 and 3 (clauses and sub-clauses), as links, without page numbers on screen."""

_AFTER_UPDATE_FIELDS = frozenset(
    {
        "hdrShapeDefaults",
        "footnotePr",
        "endnotePr",
        "compat",
        "docVars",
        "rsids",
        "mathPr",
        "attachedSchema",
        "themeFontLang",
        "clrSchemeMapping",
        "doNotIncludeSubdocsInStats",
        "doNotAutoCompressPictures",
        "forceUpgrade",
        "captions",
        "readModeInkLockDown",
        "smartTagType",
        "schemaLibrary",
        "shapeDefaults",
        "doNotEmbedSmartTags",
        "decimalSymbol",
        "listSeparator",
    }
)
"""Settings that come after ``w:updateFields`` in the schema's order."""


def toc_elements(anchors: Sequence[Anchor], styles: StyleMap) -> list[etree._Element]:
    """The title and entry paragraphs of a table of contents for ``anchors``."""
    holder = etree.Element(W.body)
    title = add_paragraph(holder, keep_next=True)
    run = sub(title, W.r)
    sub(sub(run, W.rPr), W.b)
    sub(run, W.t).text = TOC_TITLE
    entries = [a for a in anchors if a.numbered and a.level <= 1]
    for index, anchor in enumerate(entries):
        p = add_paragraph(holder, style=styles.toc1 if anchor.level == 0 else styles.toc2)

        def entry(p: etree._Element = p, anchor: Anchor = anchor) -> None:
            link = sub(p, W.hyperlink, {W.anchor: anchor.bookmark, W.history: "1"})
            _text(link, anchor.label)
            sub(sub(link, W.r), W.tab)
            _text(link, anchor.text[len(anchor.text) - len(_title(anchor)) :])

        if index == 0:
            _begin(p)
        entry()
        if index == len(entries) - 1:
            sub(sub(p, W.r), W.fldChar, {W.fldCharType: "end"})
    return list(holder)


def _title(anchor: Anchor) -> str:
    """The heading text without its typed number."""
    for prefix in (f"{anchor.label}. ", f"{anchor.label} "):
        if anchor.text.startswith(prefix):
            return anchor.text[len(prefix) :]
    return anchor.text


def _begin(p: etree._Element) -> None:
    """The field's begin, instruction and separate runs (its result is the entries)."""
    sub(sub(p, W.r), W.fldChar, {W.fldCharType: "begin"})
    instr = sub(sub(p, W.r), W.instrText)
    instr.text = f" {TOC_INSTRUCTION} "
    instr.set(XML_SPACE, "preserve")
    sub(sub(p, W.r), W.fldChar, {W.fldCharType: "separate"})


def _text(parent: etree._Element, text: str) -> None:
    t = sub(sub(parent, W.r), W.t)
    t.text = text
    if text != text.strip():
        t.set(XML_SPACE, "preserve")


def with_update_fields(settings: bytes) -> bytes:
    """The settings part asking Word to update fields (the TOC's page numbers) on opening."""
    root = parse(settings)
    if root.find(W.updateFields) is not None:
        return settings
    element = etree.Element(W.updateFields, {W.val: "true"})
    for child in root:
        if etree.QName(child).localname in _AFTER_UPDATE_FIELDS:
            child.addprevious(element)
            break
    else:
        root.append(element)
    return serialize(root)
