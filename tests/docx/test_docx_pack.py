"""Packs: several exhibits in one document, optionally after the user's cover document."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx_support import (
    NS,
    R_NS,
    body,
    construct_exhibit,
    document_text,
    exhibit,
    part_xml,
    parts,
    sample_exhibit,
    w,
)
from lxml import etree

from contractgen.docx import render_pack
from contractgen.errors import UserError


def _exhibits() -> list:
    return [
        sample_exhibit(),
        construct_exhibit("nested_list"),
        construct_exhibit("table"),
    ]


def _sections(docx: bytes) -> list[etree._Element]:
    the_body = body(docx)
    inner = the_body.findall("w:p/w:pPr/w:sectPr", NS)
    return [*inner, the_body.find("w:sectPr", NS)]


def _header_texts(docx: bytes, sections: list[etree._Element]) -> list[str]:
    rels = etree.fromstring(parts(docx)["word/_rels/document.xml.rels"])
    targets = {r.get("Id"): r.get("Target") for r in rels}
    texts = []
    for sect in sections:
        ref = sect.find("w:headerReference[@w:type='default']", NS)
        header = part_xml(docx, "word/" + targets[ref.get(f"{{{R_NS}}}id")])
        texts.append("".join(header.itertext()))
    return texts


def test_each_exhibit_is_a_section_with_its_own_header() -> None:
    docx = render_pack(_exhibits(), title="Deal D-2024-017 — exhibit pack")
    sections = _sections(docx)
    assert len(sections) == 3
    assert all(s.find("w:type", NS).get(w("val")) == "nextPage" for s in sections)
    headers = _header_texts(docx, sections)
    assert headers[0].startswith("Exhibit A — Service Level Agreement")
    assert headers[1].startswith("Appendix — nested_list")
    assert headers[2].startswith("Appendix — table")
    core = part_xml(docx, "docProps/core.xml")
    assert core.find("{http://purl.org/dc/elements/1.1/}title").text.endswith("exhibit pack")


def test_a_section_ending_in_a_table_gets_a_paragraph_to_carry_it() -> None:
    docx = render_pack([construct_exhibit("table"), sample_exhibit()], title="Pack")
    the_body = body(docx)
    holder = the_body.find("w:p/w:pPr/w:sectPr", NS).getparent().getparent()
    assert holder.getprevious().tag == w("tbl")


def test_pack_text_keeps_exhibit_order() -> None:
    docx = render_pack(_exhibits(), title="Pack")
    text = document_text(docx)
    assert text.index("Exhibit A — Service Level Agreement") < text.index("First level item")
    assert text.index("First level item") < text.index("Request for information")


def test_pack_needs_exhibits() -> None:
    with pytest.raises(ValueError):
        render_pack([], title="Empty")


def test_cover_comes_first_and_keeps_its_header(cover_docx: Path) -> None:
    docx = render_pack(_exhibits(), cover=cover_docx, title="Pack")
    text = document_text(docx)
    assert text.index("Master Channel Partner Agreement") < text.index("Exhibit A — Service")
    sections = _sections(docx)
    assert len(sections) == 4, "the cover's section plus one per exhibit"
    headers = _header_texts(docx, sections)
    assert headers[0] == "Master Agreement — Confidential"
    assert headers[1].startswith("Exhibit A — Service Level Agreement")
    assert headers[3].startswith("Appendix — table")
    for sect in sections[1:]:
        assert sect.find("w:footerReference", NS) is not None
        assert sect.find("w:type", NS).get(w("val")) == "nextPage"
    core = part_xml(docx, "docProps/core.xml")
    assert core.find("{http://purl.org/dc/elements/1.1/}title").text == "Pack"


def test_cover_lists_and_exhibit_lists_do_not_share_numbering(cover_docx: Path) -> None:
    docx = render_pack(_exhibits(), cover=cover_docx, title="Pack")
    numbering = part_xml(docx, "word/numbering.xml")
    nsids = [el.get(w("val")) for el in numbering.iterfind("w:abstractNum/w:nsid", NS)]
    assert len(nsids) == len(set(nsids))
    styles = part_xml(docx, "word/styles.xml")
    cover_list = styles.xpath(
        "w:style[w:name/@w:val='List Number']/w:pPr/w:numPr/w:numId/@w:val", namespaces=NS
    )
    ours = [el.get(w("val")) for el in body(docx).iterfind(".//w:numPr/w:numId", NS)]
    assert cover_list and ours
    assert set(cover_list).isdisjoint(ours)


def test_exhibit_styles_join_the_cover(cover_docx: Path) -> None:
    docx = render_pack(
        [construct_exhibit("blockquote"), sample_exhibit()], cover=cover_docx, title="Pack"
    )
    styles = part_xml(docx, "word/styles.xml")
    names = {s.find("w:name", NS).get(w("val")) for s in styles.iterfind("w:style", NS)}
    assert {"Note", "Checklist", "Contract Table", "Inline Code"} <= names


def test_not_a_docx_cover_is_a_user_error(tmp_path: Path) -> None:
    cover = tmp_path / "cover.docx"
    cover.write_bytes(b"%PDF-1.4 not a Word file")
    with pytest.raises(UserError, match=r"not a Word \.docx file"):
        render_pack([exhibit("Text.")], cover=cover, title="Pack")


def test_broken_cover_is_a_user_error(tmp_path: Path) -> None:
    import zipfile

    cover = tmp_path / "cover.docx"
    with zipfile.ZipFile(cover, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(UserError, match=re.escape(cover.name)):
        render_pack([exhibit("Text.")], cover=cover, title="Pack")


def test_cover_with_even_page_headers_gives_exhibits_even_headers(tmp_path: Path) -> None:
    from docx import Document

    cover = Document()
    cover.add_paragraph("Master agreement.")
    cover.settings.odd_and_even_pages_header_footer = True
    cover.sections[0].even_page_header.paragraphs[0].text = "Even cover header"
    path = tmp_path / "even.docx"
    cover.save(str(path))
    docx = render_pack([sample_exhibit()], cover=path, title="Pack")
    sections = _sections(docx)
    exhibit_section = sections[-1]
    kinds = [r.get(w("type")) for r in exhibit_section.findall("w:headerReference", NS)]
    assert kinds == ["default", "even"]
    ids = {r.get(f"{{{R_NS}}}id") for r in exhibit_section.findall("w:headerReference", NS)}
    assert len(ids) == 1, "even pages show the exhibit's own header"
