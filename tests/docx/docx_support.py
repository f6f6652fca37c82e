"""Shared helpers for the Word renderer tests: fixtures, reading parts, expected text."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from lxml import etree

from contractgen.exhibit import Exhibit
from contractgen.mdparse import markdown_parser

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
CONSTRUCTS = FIXTURES / "constructs"
GOLDEN = HERE / "golden"
ACTUAL = HERE.parent / "_actual" / "docx"
SAMPLE = FIXTURES / "sla_exhibit.md"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W_NS, "r": R_NS}


def w(local: str) -> str:
    """The qualified name of a WordprocessingML element or attribute."""
    return f"{{{W_NS}}}{local}"


def construct_names() -> list[str]:
    """Stems of the per-construct fixture files."""
    return sorted(p.stem for p in CONSTRUCTS.glob("*.md"))


def exhibit(
    markdown: str,
    *,
    title: str = "Exhibit A — Service Level Agreement",
    key: str = "sla-exhibit",
    **extra: object,
) -> Exhibit:
    """An exhibit with test metadata around ``markdown``."""
    fields: dict[str, object] = {
        "deal_id": "D-2024-017",
        "version": "1.2",
        "parties": "Northwind and Contoso",
        "company": "Northwind Systems Ltd",
        "subject": "Northwind Systems / Contoso Field Services",
        "keywords": ("SLA", "channel partner"),
        "revision": 3,
    }
    fields.update(extra)
    return Exhibit(key=key, title=title, markdown=markdown, **fields)  # type: ignore[arg-type]


def sample_exhibit() -> Exhibit:
    """The realistic five-page SLA exhibit."""
    return exhibit(SAMPLE.read_text(encoding="utf-8"))


def construct_exhibit(name: str) -> Exhibit:
    """The exhibit for one construct fixture."""
    text = (CONSTRUCTS / f"{name}.md").read_text(encoding="utf-8")
    return exhibit(text, title=f"Appendix — {name}", key=name)


def parts(docx: bytes) -> dict[str, bytes]:
    """Every part of a .docx by name."""
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def part_xml(docx: bytes, name: str) -> etree._Element:
    """One part of a .docx, parsed."""
    return etree.fromstring(parts(docx)[name])


def body(docx: bytes) -> etree._Element:
    """The ``w:body`` of the main document."""
    return part_xml(docx, "word/document.xml").find(w("body"))


def body_fragment(docx: bytes) -> str:
    """The body content pretty-printed, without the final section properties (golden files)."""
    root = etree.fromstring(parts(docx)["word/document.xml"])
    the_body = root.find(w("body"))
    for sect in the_body.findall(w("sectPr")):
        the_body.remove(sect)
    etree.indent(the_body, space="  ")
    return etree.tostring(the_body, encoding="unicode") + "\n"


def document_text(docx: bytes) -> str:
    """All ``w:t`` text of the main document, paragraphs separated by newlines."""
    lines = []
    for p in body(docx).iter(w("p")):
        lines.append("".join(t.text or "" for t in p.iter(w("t"))))
    return "\n".join(lines)


def expected_texts(markdown: str) -> list[str]:
    """The text of every heading, paragraph, list item and table cell, in document order.

    Taken from the same markdown-it token stream the renderer uses, so the check is about the
    Word file, not about a second reading of Markdown.
    """
    texts = []
    for token in markdown_parser().parse(markdown):
        if token.type != "inline":
            continue
        pieces = []
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                pieces.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                pieces.append(" ")
        text = normalise("".join(pieces))
        if text:
            texts.append(text)
    return texts


def normalise(text: str) -> str:
    """Whitespace collapsed to single spaces, typographic quotes read as plain ones (the Word
    renderer sets quotes typographically on purpose)."""
    text = text.translate(_PLAIN_QUOTES)
    return re.sub(r"\s+", " ", text).strip()


_PLAIN_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


def assert_in_order(haystack: str, needles: list[str]) -> None:
    """Every needle occurs in ``haystack``, each after the previous one."""
    position = 0
    for needle in needles:
        found = haystack.find(needle, position)
        assert found >= 0, f"{needle!r} not found (in order) after position {position}"
        position = found + len(needle)
