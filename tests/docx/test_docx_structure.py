"""What the rendered WordprocessingML must contain, construct by construct."""

from __future__ import annotations

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

from contractgen.docx import render_exhibit, render_pack
from contractgen.docx.reference import load_reference
from contractgen.docx.tables import column_widths


def _nums(docx: bytes) -> dict[str, etree._Element]:
    numbering = part_xml(docx, "word/numbering.xml")
    return {el.get(w("numId")): el for el in numbering.iterfind("w:num", NS)}


def _num_ids(docx: bytes) -> list[str]:
    """numId of every list paragraph, in document order (numId 0 switches numbering off)."""
    ids = [el.get(w("val")) for el in body(docx).iterfind(".//w:numPr/w:numId", NS)]
    return [i for i in ids if i != "0"]


def _start(num: etree._Element) -> tuple[str, str] | None:
    override = num.find("w:lvlOverride", NS)
    if override is None:
        return None
    return override.get(w("ilvl")), override.find("w:startOverride", NS).get(w("val"))


def test_headings_without_anchors_keep_their_text_and_switch_numbering_off() -> None:
    """Markdown that is not an assembled exhibit (no anchors) keeps its heading text as is."""
    docx = render_exhibit(construct_exhibit("headings"))
    paragraphs = body(docx).findall("w:p", NS)
    styles = [p.find("w:pPr/w:pStyle", NS) for p in paragraphs]
    assert [s.get(w("val")) if s is not None else None for s in styles] == [
        "Heading1",
        "Heading2",
        "Heading3",
        None,
        "Heading4",
    ]
    off = [el.get(w("val")) for el in body(docx).iterfind(".//w:numPr/w:numId", NS)]
    assert off == ["0", "0", "0"], "the numbered heading styles are switched off for them"
    assert "3.2 Completion Criteria" in document_text(docx)


def test_each_list_gets_its_own_restarting_numbering_instance() -> None:
    docx = render_exhibit(construct_exhibit("ordered_list"))
    ids = _num_ids(docx)
    assert len(ids) == 7
    first, second, third = ids[0], ids[3], ids[5]
    assert ids == [first] * 3 + [second] * 2 + [third] * 2
    assert len({first, second, third}) == 3
    nums = _nums(docx)
    assert [_start(nums[i]) for i in (first, second, third)] == [("0", "1"), ("0", "4"), ("0", "1")]
    abstract = {nums[i].find("w:abstractNumId", NS).get(w("val")) for i in (first, second, third)}
    assert len(abstract) == 1, "lists of one kind share one abstract definition"


def test_numbering_definitions_are_real_word_numbering() -> None:
    docx = render_exhibit(construct_exhibit("nested_list"))
    numbering = part_xml(docx, "word/numbering.xml")
    formats = {
        lvl.get(w("ilvl")): lvl.find("w:numFmt", NS).get(w("val"))
        for lvl in numbering.findall("w:abstractNum", NS)[1].iterfind("w:lvl", NS)
    }
    assert formats["0"] == "lowerLetter"
    assert formats["1"] == "lowerRoman"
    assert {el.get(w("val")) for el in numbering.iterfind(".//w:numFmt", NS)} >= {"bullet"}
    assert "1." not in document_text(docx).split("\n")[0], "numbers are not typed into the text"
    levels = [el.get(w("val")) for el in body(docx).iterfind(".//w:numPr/w:ilvl", NS)]
    assert levels == ["0", "1", "1", "2", "2", "0", "0", "1", "1"]
    continuation = body(docx).findall("w:p", NS)[6]
    assert continuation.find("w:pPr/w:numPr", NS) is None
    assert continuation.find("w:pPr/w:ind", NS).get(w("left")) == "567"


def test_bullet_lists_each_get_an_instance() -> None:
    docx = render_exhibit(construct_exhibit("bullet_list"))
    ids = _num_ids(docx)
    assert len(ids) == 5 and len(set(ids)) == 2
    numbering = part_xml(docx, "word/numbering.xml")
    bullet = numbering.findall("w:abstractNum", NS)[-1]
    assert bullet.find("w:lvl/w:numFmt", NS).get(w("val")) == "bullet"


def test_numbering_restarts_in_every_exhibit_of_a_pack() -> None:
    lists = construct_exhibit("ordered_list")
    docx = render_pack([lists, lists], title="Pack")
    ids = _num_ids(docx)
    assert len(ids) == 14
    assert set(ids[:7]).isdisjoint(ids[7:])
    nums = _nums(docx)
    assert [_start(nums[i]) for i in dict.fromkeys(ids)] == [("0", "1"), ("0", "4"), ("0", "1")] * 2


def test_task_items_are_checkbox_controls_without_numbering() -> None:
    docx = render_exhibit(construct_exhibit("task_list"))
    checklist = [
        p
        for p in body(docx).iterfind("w:p", NS)
        if p.find("w:pPr/w:pStyle", NS) is not None
        and p.find("w:pPr/w:pStyle", NS).get(w("val")) == "Checklist"
    ]
    assert len(checklist) == 4
    for p in checklist:
        assert p.find("w:pPr/w:numPr", NS) is None
        assert p.find(".//w:tab", NS) is not None
    boxes = [p.find("w:sdt", NS) for p in checklist]
    assert all(box is not None for box in boxes), "each line starts with a content control"
    w14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
    checked = [box.find(f"w:sdtPr/{w14}checkbox/{w14}checked", NS) for box in boxes]
    assert [c.get(f"{w14}val") for c in checked] == ["0", "0", "1", "0"]
    assert [box.find(".//w:t", NS).text for box in boxes] == ["☐", "☐", "☒", "☐"]
    root = part_xml(docx, "word/document.xml")
    assert root.nsmap["w14"] == w14.strip("{}")
    ignorable = root.get("{http://schemas.openxmlformats.org/markup-compatibility/2006}Ignorable")
    assert "w14" in ignorable.split()
    text = document_text(docx)
    assert "[ ]" not in text and "[x]" not in text


def test_tables_repeat_the_header_row_and_never_split_rows() -> None:
    docx = render_exhibit(construct_exhibit("table"))
    table = body(docx).find("w:tbl", NS)
    rows = table.findall("w:tr", NS)
    assert len(rows) == 5
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
    assert all(r.find("w:trPr/w:tblHeader", NS) is None for r in rows[1:])
    assert all(r.find("w:trPr/w:cantSplit", NS) is not None for r in rows)
    assert table.find("w:tblPr/w:tblStyle", NS).get(w("val")) == "ContractTable"
    assert table.find("w:tblPr/w:tblLayout", NS).get(w("type")) == "fixed"


def test_table_widths_fill_the_text_width_and_follow_the_text() -> None:
    docx = render_exhibit(construct_exhibit("table"))
    table = body(docx).find("w:tbl", NS)
    grid = [int(c.get(w("w"))) for c in table.iterfind("w:tblGrid/w:gridCol", NS)]
    assert len(grid) == 5
    assert sum(grid) == load_reference(None).text_width
    assert int(table.find("w:tblPr/w:tblW", NS).get(w("w"))) == sum(grid)
    assert grid[1] == max(grid), "the description column holds the most text"
    for row in table.iterfind("w:tr", NS):
        widths = [int(tc.get(w("w"))) for tc in row.iterfind("w:tc/w:tcPr/w:tcW", NS)]
        assert widths == grid


def test_table_cells_follow_markdown_alignment_and_keep_inline_formatting() -> None:
    docx = render_exhibit(construct_exhibit("table"))
    rows = body(docx).find("w:tbl", NS).findall("w:tr", NS)
    aligns = [p.get(w("val")) for p in rows[0].iterfind("w:tc/w:p/w:pPr/w:jc", NS)]
    assert aligns == ["left", "left", "right", "center", "right"]
    header_texts = ["".join(tc.itertext()) for tc in rows[0].iterfind("w:tc", NS)]
    assert header_texts[3] == "Resolution | Target"
    first = rows[1].findall("w:tc", NS)
    assert first[0].find(".//w:rPr/w:b", NS) is not None
    assert first[4].find(".//w:rStyle", NS).get(w("val")) == "InlineCode"
    short_row = rows[3].findall("w:tc", NS)
    assert len(short_row) == 5, "a short row is padded with empty cells"
    assert all(tc.find("w:p", NS) is not None for tc in short_row)


def test_column_widths_share_out_the_width() -> None:
    assert column_widths([["a", "b"]], 1000) == [500, 500]
    widths = column_widths([["ID", "A long description of the service level"]] * 3, 9000)
    assert sum(widths) == 9000 and widths[1] > 3 * widths[0]
    long_text = " ".join(["word"] * 200)
    widths = column_widths([["Priority", long_text, "Response time"]], 9000)
    assert sum(widths) == 9000
    assert widths[0] >= 8 * 105, "a column keeps room for its longest word"
    assert column_widths([], 9000) == []
    cjk = column_widths([["株式会社株式会社", "ab"]], 4000)
    assert cjk[0] > cjk[1]


def test_fill_in_blanks_get_room_to_write() -> None:
    _label, blank = column_widths([["Date of Installation Completion", "______"]], 9000)
    assert blank >= 18 * 105, "a blank to fill in by hand needs room for a name or a date"


def _keep_next_rows(docx: bytes) -> list[bool]:
    rows = body(docx).iterfind(".//w:tbl/w:tr", NS)
    return [r.find("w:tc/w:p/w:pPr/w:keepNext", NS) is not None for r in rows]


def test_short_tables_stay_on_one_page_long_ones_may_break() -> None:
    short = "| Signed for | Brand |\n|---|---|\n| Name | ______ |\n| Date | ______ |\n"
    assert _keep_next_rows(render_exhibit(exhibit(short))) == [True, True, False]
    long = "| A | B |\n|---|---|\n" + "".join(f"| {i} | x |\n" for i in range(20))
    assert not any(_keep_next_rows(render_exhibit(exhibit(long))))


def test_block_quotes_use_the_note_style() -> None:
    docx = render_exhibit(construct_exhibit("blockquote"))
    styles = [s.get(w("val")) for s in body(docx).iterfind("w:p/w:pPr/w:pStyle", NS)]
    assert styles == ["Note", "Note", "ListParagraph"]


def test_horizontal_rule_is_a_bottom_border_not_a_page_break() -> None:
    docx = render_exhibit(construct_exhibit("rule"))
    paragraphs = body(docx).findall("w:p", NS)
    assert len(paragraphs) == 3
    assert paragraphs[1].find("w:pPr/w:pBdr/w:bottom", NS) is not None
    assert body(docx).find(".//w:br[@w:type='page']", NS) is None


def test_front_matter_is_skipped() -> None:
    docx = render_exhibit(construct_exhibit("front_matter"))
    text = document_text(docx)
    assert "deal: D-2024-017" not in text and "title:" not in text
    assert text.startswith("Exhibit B — Installation Checklist")


def test_hyperlinks_are_real_relationships() -> None:
    docx = render_exhibit(construct_exhibit("inline"))
    links = body(docx).findall(".//w:hyperlink", NS)
    assert len(links) == 3
    rels = etree.fromstring(parts(docx)["word/_rels/document.xml.rels"])
    by_id = {r.get("Id"): r for r in rels}
    first = by_id[links[0].get(f"{{{R_NS}}}id")]
    assert first.get("Target") == "https://partners.example.com/portal"
    assert first.get("TargetMode") == "External"
    assert links[0].find(".//w:rStyle", NS).get(w("val")) == "Hyperlink"


def test_raw_html_and_special_characters_stay_literal() -> None:
    docx = render_exhibit(exhibit('R&D <Asia> | "Ltd" <b>x</b> &amp; 5 < 6'))
    assert document_text(docx) == "R&D <Asia> | \u201cLtd\u201d <b>x</b> & 5 < 6"
    xml = parts(docx)["word/document.xml"].decode("utf-8")
    assert "R&amp;D &lt;Asia&gt;" in xml and "&amp;amp;" not in xml


def test_characters_xml_cannot_hold_are_dropped_not_fatal() -> None:
    docx = render_exhibit(exhibit("bell\x07 and form\x0cfeed"))
    assert document_text(docx) == "bell and formfeed"


def test_right_to_left_paragraphs_are_marked_bidi() -> None:
    docx = render_exhibit(construct_exhibit("unicode"))
    paragraphs = body(docx).findall("w:p", NS)
    arabic = next(p for p in paragraphs if "اتفاقية" in "".join(p.itertext()))
    assert arabic.find("w:pPr/w:bidi", NS) is not None
    assert paragraphs[1].find("w:pPr/w:bidi", NS) is None


def test_images_are_reported_and_keep_their_description() -> None:
    warnings: list[str] = []
    docx = render_exhibit(
        exhibit("See ![the site plan](plan.png) and ![it again](plan.png)."),
        on_warning=warnings.append,
    )
    assert document_text(docx) == "See the site plan and it again."
    assert warnings == [
        "image 'plan.png' is not embedded in the Word document; its description is shown"
    ]


def test_header_names_the_exhibit_parties_and_version_never_the_deal_id() -> None:
    docx = render_exhibit(sample_exhibit())
    header = part_xml(docx, "word/header1.xml")
    text = "".join(header.itertext())
    assert text == "Exhibit A — Service Level Agreement" + "Northwind and Contoso · Version 1.2"
    assert "D-2024-017" not in text
    tab = header.find(".//w:tabs/w:tab", NS)
    assert tab.get(w("val")) == "right"
    assert int(tab.get(w("pos"))) == load_reference(None).text_width


def test_footer_counts_the_pages_of_its_own_document() -> None:
    docx = render_exhibit(sample_exhibit())
    footer = part_xml(docx, "word/footer1.xml")
    instructions = [t.text.strip() for t in footer.iterfind(".//w:instrText", NS)]
    assert instructions == ["PAGE", "NUMPAGES"], "a single exhibit is the whole file"
    pack = render_pack([sample_exhibit(), sample_exhibit()], title="Pack")
    for index, name in enumerate(("word/footer1.xml", "word/footer2.xml"), start=1):
        fields = [t.text.strip() for t in part_xml(pack, name).iterfind(".//w:instrText", NS)]
        # in a pack each exhibit counts its own pages: the page of its last paragraph
        assert fields == ["PAGE", f"PAGEREF _LastPage{index}"]
        marks = [m.get(w("name")) for m in body(pack).iter(w("bookmarkStart"))]
        assert f"_LastPage{index}" in marks
    starts = [el.get(w("start")) for el in body(pack).iterfind(".//w:sectPr/w:pgNumType", NS)]
    assert starts == ["1", "1"]
    kinds = [f.get(w("fldCharType")) for f in footer.iterfind(".//w:fldChar", NS)]
    assert kinds == ["begin", "separate", "end"] * 2
    assert "".join(footer.itertext()).startswith("Confidential")
    sect = body(docx).find("w:sectPr", NS)
    assert sect.find("w:headerReference", NS).get(w("type")) == "default"
    assert sect.find("w:footerReference", NS) is not None


def test_core_and_app_properties() -> None:
    docx = render_exhibit(sample_exhibit())
    core = part_xml(docx, "docProps/core.xml")
    values = {etree.QName(el).localname: el.text for el in core}
    assert values["title"] == "Exhibit A — Service Level Agreement"
    assert values["subject"] == "Northwind Systems / Contoso Field Services"
    assert values["creator"] == "Northwind Systems Ltd"
    assert values["keywords"] == "SLA; channel partner"
    assert values["revision"] == "3"
    assert values["created"] == values["modified"]
    app = part_xml(docx, "docProps/app.xml")
    company = app.find(
        "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}Company"
    )
    assert company.text == "Northwind Systems Ltd"


def test_content_types_cover_every_part() -> None:
    docx = render_exhibit(sample_exhibit())
    found = parts(docx)
    types = etree.fromstring(found["[Content_Types].xml"])
    overrides = {el.get("PartName").lstrip("/") for el in types if el.get("PartName")}
    xml_parts = {n for n in found if n.endswith(".xml") and n != "[Content_Types].xml"}
    assert overrides == xml_parts


@pytest.mark.parametrize("markdown", ["", "   \n", "---\na: 1\n---\n"])
def test_empty_documents_are_still_valid(markdown: str) -> None:
    docx = render_exhibit(exhibit(markdown))
    assert body(docx).find("w:sectPr", NS) is not None
    numbering = part_xml(docx, "word/numbering.xml")
    assert numbering.find("w:num", NS).get(w("numId")) == "1", "only the reference's outline"
    assert len(numbering.findall("w:num", NS)) == 1


def test_a_checklist_stays_on_one_page_with_its_lead_in() -> None:
    docx = render_exhibit(exhibit("Signed by:\n\n- [ ] Brand\n- [ ] Partner\n- [ ] Customer\n"))
    paragraphs = body(docx).findall("w:p", NS)
    keeps = [p.find("w:pPr/w:keepNext", NS) is not None for p in paragraphs]
    assert keeps == [True, True, True, False]


def test_element_shapes_are_copied_into_each_document_never_shared() -> None:
    """Paragraph shapes are built once and copied: editing one rendered element (as sections
    do afterwards) never changes the next."""
    from contractgen.docx.paragraphs import add_paragraph

    parent = etree.Element(w("body"))
    first = add_paragraph(parent, style="Note", keep_next=True)
    first[0].append(etree.Element(w("bidi")))
    second = add_paragraph(parent, style="Note", keep_next=True)
    assert first[0] is not second[0]
    assert [child.tag for child in second[0]] == [w("pStyle"), w("keepNext")]
    docx = render_exhibit(sample_exhibit())
    assert render_exhibit(sample_exhibit()) == docx
