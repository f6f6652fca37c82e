"""The reference document: the shipped house style, a company's own, and broken ones."""

from __future__ import annotations

import importlib.util
import io
import zipfile
from pathlib import Path

import pytest
from docx_support import NS, body, construct_exhibit, part_xml, parts, sample_exhibit, w
from lxml import etree

from contractgen.docx import DEFAULT_REFERENCE, render_exhibit
from contractgen.docx.reference import load_reference
from contractgen.errors import UserError

TOOL = Path(__file__).resolve().parents[2] / "tools" / "make_reference_docx.py"


def _rewrite(source: Path, target: Path, edits: dict[str, bytes | None]) -> Path:
    """Copy a .docx, replacing (bytes) or dropping (None) the named parts."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            if info.filename in edits:
                replacement = edits[info.filename]
                if replacement is not None:
                    zout.writestr(info.filename, replacement)
            else:
                zout.writestr(info, zin.read(info))
    return target


def _styles() -> etree._Element:
    with zipfile.ZipFile(DEFAULT_REFERENCE) as zf:
        return etree.fromstring(zf.read("word/styles.xml"))


def _style(root: etree._Element, style_id: str) -> etree._Element:
    return root.find(f"w:style[@w:styleId='{style_id}']", NS)


def _with_styles(tmp_path: Path, root: etree._Element, name: str = "company.docx") -> Path:
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return _rewrite(DEFAULT_REFERENCE, tmp_path / name, {"word/styles.xml": data})


def test_shipped_reference_is_small_and_up_to_date() -> None:
    assert DEFAULT_REFERENCE.is_file()
    assert DEFAULT_REFERENCE.stat().st_size < 60_000
    spec = importlib.util.spec_from_file_location("make_reference_docx", TOOL)
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert tool.build_reference() == DEFAULT_REFERENCE.read_bytes(), (
        "clause_library/templates/reference.docx is stale: run tools/make_reference_docx.py"
    )


def test_shipped_reference_defines_every_style_without_warnings() -> None:
    warnings: list[str] = []
    render_exhibit(sample_exhibit(), on_warning=warnings.append)
    assert warnings == []
    names = {s.find("w:name", NS).get(w("val")) for s in _styles().iterfind("w:style", NS)}
    assert {
        "Normal",
        "heading 1",
        "heading 2",
        "heading 3",
        "List Paragraph",
        "Note",
        "Checklist",
        "Inline Code",
        "Hyperlink",
        "Contract Table",
        "header",
        "footer",
    } <= names


def test_company_reference_look_is_used(tmp_path: Path) -> None:
    root = _styles()
    defaults = root.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    defaults.set(w("ascii"), "Georgia")
    defaults.set(w("hAnsi"), "Georgia")
    _style(root, "Heading1").find("w:rPr/w:color", NS).set(w("val"), "C00000")
    reference = _with_styles(tmp_path, root)
    warnings: list[str] = []
    docx = render_exhibit(sample_exhibit(), reference=reference, on_warning=warnings.append)
    assert warnings == []
    styles = part_xml(docx, "word/styles.xml")
    fonts = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert fonts.get(w("ascii")) == "Georgia"
    assert _style(styles, "Heading1").find("w:rPr/w:color", NS).get(w("val")) == "C00000"
    first = body(docx).find("w:p/w:pPr/w:pStyle", NS)
    assert first.get(w("val")) == "Heading1"


def test_company_page_setup_sets_table_and_header_widths(tmp_path: Path) -> None:
    with zipfile.ZipFile(DEFAULT_REFERENCE) as zf:
        document = zf.read("word/document.xml")
    letter = document.replace(b'w:w="11906" w:h="16838"', b'w:w="12240" w:h="15840"')
    reference = _rewrite(DEFAULT_REFERENCE, tmp_path / "letter.docx", {"word/document.xml": letter})
    docx = render_exhibit(construct_exhibit("table"), reference=reference)
    expected = 12240 - 2 * 1247
    grid = [int(c.get(w("w"))) for c in body(docx).iterfind(".//w:gridCol", NS)]
    assert sum(grid) == expected
    assert body(docx).find("w:sectPr/w:pgSz", NS).get(w("w")) == "12240"


def test_missing_style_warns_once_and_gets_the_default_definition(tmp_path: Path) -> None:
    root = _styles()
    root.remove(_style(root, "Note"))
    reference = _with_styles(tmp_path, root)
    warnings: list[str] = []
    note = construct_exhibit("blockquote")
    docx = render_exhibit(note, reference=reference, on_warning=warnings.append)
    assert warnings == [
        "company.docx: style 'Note' not found; using contractgen's default definition"
    ]
    styles = part_xml(docx, "word/styles.xml")
    added = styles.xpath("w:style[w:name/@w:val='Note']", namespaces=NS)[0]
    assert added.find("w:basedOn", NS).get(w("val")) == "Normal"
    used = body(docx).find("w:p/w:pPr/w:pStyle", NS).get(w("val"))
    assert used == added.get(w("styleId"))
    again: list[str] = []
    render_exhibit(note, reference=reference, on_warning=again.append)
    assert again == warnings, "the cached reference still reports its missing styles"


def test_missing_style_uses_an_accepted_alternative(tmp_path: Path) -> None:
    root = _styles()
    note = _style(root, "Note")
    note.find("w:name", NS).set(w("val"), "Quote")
    note.set(w("styleId"), "Quote")
    reference = _with_styles(tmp_path, root)
    warnings: list[str] = []
    docx = render_exhibit(
        construct_exhibit("blockquote"), reference=reference, on_warning=warnings.append
    )
    assert warnings == ["company.docx: style 'Note' not found; using 'Quote'"]
    assert body(docx).find("w:p/w:pPr/w:pStyle", NS).get(w("val")) == "Quote"


def test_style_ids_are_found_by_name_whatever_the_language(tmp_path: Path) -> None:
    root = _styles()
    heading = _style(root, "Heading1")
    heading.set(w("styleId"), "berschrift1")
    reference = _with_styles(tmp_path, root)
    docx = render_exhibit(construct_exhibit("headings"), reference=reference)
    assert body(docx).find("w:p/w:pPr/w:pStyle", NS).get(w("val")) == "berschrift1"


def test_header_style_tab_stops_are_cleared(tmp_path: Path) -> None:
    root = _styles()
    header = _style(root, "Header")
    p_pr = header.find("w:pPr", NS)
    tabs = etree.SubElement(p_pr, w("tabs"))
    p_pr.insert(1, tabs)
    for kind, pos in (("center", "4680"), ("right", "9360")):
        etree.SubElement(tabs, w("tab"), {w("val"): kind, w("pos"): pos})
    docx = render_exhibit(sample_exhibit(), reference=_with_styles(tmp_path, root))
    line = part_xml(docx, "word/header1.xml").findall(".//w:tabs/w:tab", NS)
    assert [(t.get(w("val")), t.get(w("pos"))) for t in line] == [
        ("clear", "4680"),
        ("clear", "9360"),
        ("right", str(load_reference(None).text_width)),
    ]


def test_reference_numbering_is_kept_and_list_ids_follow_it(tmp_path: Path) -> None:
    numbering = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b'<w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:numFmt w:val="upperRoman"/>'
        b"</w:lvl></w:abstractNum>"
        b'<w:num w:numId="12"><w:abstractNumId w:val="7"/></w:num></w:numbering>'
    )
    reference = tmp_path / "numbered.docx"
    _rewrite(DEFAULT_REFERENCE, reference, {"word/numbering.xml": numbering})
    docx = render_exhibit(construct_exhibit("ordered_list"), reference=reference)
    merged = part_xml(docx, "word/numbering.xml")
    assert [a.get(w("abstractNumId")) for a in merged.iterfind("w:abstractNum", NS)] == ["7", "8"]
    assert [n.get(w("numId")) for n in merged.iterfind("w:num", NS)] == ["12", "13", "14", "15"]


def test_not_a_zip_is_a_user_error(tmp_path: Path) -> None:
    bogus = tmp_path / "reference.docx"
    bogus.write_text("this is not a Word file", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        render_exhibit(sample_exhibit(), reference=bogus)
    assert str(bogus) in str(caught.value)
    assert "not a Word .docx file" in str(caught.value)


def test_missing_file_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="cannot read"):
        render_exhibit(sample_exhibit(), reference=tmp_path / "absent.docx")


@pytest.mark.parametrize(
    ("dropped", "message"),
    [
        ("word/styles.xml", "no styles part"),
        ("word/document.xml", "no main document part"),
        ("[Content_Types].xml", "Content_Types"),
    ],
)
def test_reference_missing_parts_is_a_user_error(
    tmp_path: Path, dropped: str, message: str
) -> None:
    reference = _rewrite(DEFAULT_REFERENCE, tmp_path / "broken.docx", {dropped: None})
    with pytest.raises(UserError, match=message):
        render_exhibit(sample_exhibit(), reference=reference)


def test_damaged_styles_xml_is_a_user_error(tmp_path: Path) -> None:
    reference = _rewrite(
        DEFAULT_REFERENCE, tmp_path / "damaged.docx", {"word/styles.xml": b"<w:styles"}
    )
    with pytest.raises(UserError, match="damaged"):
        render_exhibit(sample_exhibit(), reference=reference)


def test_python_docx_default_template_works_as_a_reference(tmp_path: Path) -> None:
    """A Word-made reference: built-in names, a theme, latent styles, Letter paper."""
    from docx import Document

    path = tmp_path / "word-default.docx"
    Document().save(str(path))
    warnings: list[str] = []
    docx = render_exhibit(sample_exhibit(), reference=path, on_warning=warnings.append)
    assert any("'Note'" in m for m in warnings)
    assert any("'Checklist'" in m for m in warnings)
    assert not any("Heading" in m for m in warnings)
    found = parts(docx)
    assert "word/theme/theme1.xml" in found
    assert zipfile.ZipFile(io.BytesIO(docx)).testzip() is None


def test_headings_that_are_not_clauses_switch_a_numbered_style_off(tmp_path: Path) -> None:
    root = _styles()
    p_pr = _style(root, "Heading2").find("w:pPr", NS)
    num_pr = etree.SubElement(p_pr, w("numPr"))
    p_pr.insert(2, num_pr)
    etree.SubElement(num_pr, w("numId"), {w("val"): "5"})
    warnings: list[str] = []
    docx = render_exhibit(
        construct_exhibit("headings"),
        reference=_with_styles(tmp_path, root),
        on_warning=warnings.append,
    )
    assert warnings == []
    heading2 = body(docx).findall("w:p", NS)[1]
    assert heading2.find("w:pPr/w:numPr/w:numId", NS).get(w("val")) == "0"
    assert body(docx).findall("w:p", NS)[0].find("w:pPr/w:numPr", NS) is None
