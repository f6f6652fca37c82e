"""The numbered sections of the appendix forms in Word: real numbering, never typed numbers.

Each appendix numbers its sections with its own instance of the clause outline (restarting at
1), linked to the heading paragraphs; the typed number of the Markdown is dropped; each section
is bookmarked, and references to it are REF fields.
"""

from __future__ import annotations

import functools
import itertools
import re
from pathlib import Path

from docx_support import NS, body, part_xml, parts, w
from lxml import etree

from contractgen.docx import render_documents, render_exhibit
from contractgen.exhibit import Exhibit
from contractgen.library.assemble import assemble_spec
from contractgen.spec.loader import load_spec
from tests.conftest import ROOT
from tests.library.helpers import site_log_library

CASE_STUDY = ROOT / "examples" / "case-study-smart-shelf.yaml"
HEADINGS = ("Heading1", "Heading2", "Heading3", "Heading4")


@functools.lru_cache(maxsize=1)
def _case_study() -> tuple[list[Exhibit], list[bytes], bytes]:
    exhibits = assemble_spec(load_spec(CASE_STUDY))
    singles, pack = render_documents(exhibits, title="Pack")
    return exhibits, singles, pack


def _text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(w("t")))


def _headings(docx: bytes) -> list[etree._Element]:
    out = []
    for p in body(docx).iter(w("p")):
        style = p.find("w:pPr/w:pStyle", NS)
        if style is not None and style.get(w("val")) in HEADINGS:
            out.append(p)
    return out


def _num(p: etree._Element) -> tuple[str, str] | None:
    """(numId, ilvl) of a paragraph, or ``None``."""
    num_pr = p.find("w:pPr/w:numPr", NS)
    if num_pr is None:
        return None
    return num_pr.find("w:numId", NS).get(w("val")), num_pr.find("w:ilvl", NS).get(w("val"))


def _form_sections(docx: bytes) -> list[etree._Element]:
    """Heading paragraphs Word numbers (numId other than 0)."""
    return [p for p in _headings(docx) if (_num(p) or ("0", ""))[0] != "0"]


def test_form_sections_are_numbered_by_the_outline_not_by_their_text() -> None:
    exhibits, singles, _ = _case_study()
    for exhibit, docx in zip(exhibits[1:], singles[1:], strict=True):
        expected = [a.text.split(" ", 1)[1] for a in exhibit.anchors if a.numbered]
        numbered = _form_sections(docx)
        assert [_text(p) for p in numbered] == expected, exhibit.key
        root = part_xml(docx, "word/numbering.xml")
        for p in numbered:
            num_id, ilvl = _num(p)  # type: ignore[misc]
            assert ilvl == "0"
            num = root.find(f"w:num[@w:numId='{num_id}']", NS)
            abstract_id = num.find("w:abstractNumId", NS).get(w("val"))
            abstract = root.find(f"w:abstractNum[@w:abstractNumId='{abstract_id}']", NS)
            lvl = abstract.find("w:lvl[@w:ilvl='0']", NS)
            assert lvl.find("w:numFmt", NS).get(w("val")) == "decimal"
            assert lvl.find("w:lvlText", NS).get(w("val")) == "%1"
            assert lvl.find("w:pStyle", NS).get(w("val")) == "Heading2", "linked to the style"
            assert p.find("w:pPr/w:pStyle", NS).get(w("val")) == "Heading2"
        for p in _headings(docx):
            text = _text(p)
            assert not re.match(r"\s*(\d|Test \d)", text), f"typed number in {text!r}"


def test_unnumbered_form_headings_switch_the_numbering_off() -> None:
    _, singles, _ = _case_study()
    report = singles[3]
    plain = {_text(p): _num(p) for p in _headings(report)}
    assert plain["Report Details"] == ("0", "0")
    assert plain["Sign-Off"] == ("0", "0")


def test_every_document_of_the_pack_restarts_its_own_numbering() -> None:
    exhibits, _, pack = _case_study()
    root = part_xml(pack, "word/numbering.xml")
    by_doc: list[set[str]] = []
    doc = -1
    for p in _headings(pack):
        if p.find("w:pPr/w:pStyle", NS).get(w("val")) == "Heading1":
            doc += 1
            by_doc.append(set())
            continue
        num = _num(p)
        if num is not None and num[0] != "0":
            by_doc[doc].add(num[0])
    assert len(by_doc) == len(exhibits)
    record, report = by_doc[2], by_doc[3]
    assert len(record) == 1 and len(report) == 1 and record != report
    assert not (record | report) & (by_doc[0] | by_doc[1]), "not the exhibit's instance"
    for num_id in record | report:
        num = root.find(f"w:num[@w:numId='{num_id}']", NS)
        override = num.find("w:lvlOverride[@w:ilvl='0']/w:startOverride", NS)
        assert override.get(w("val")) == "1"


def test_form_sections_are_bookmarked_and_referred_to_by_ref_fields(tmp_path: Path) -> None:
    exhibits = assemble_spec(load_spec(CASE_STUDY), [site_log_library(tmp_path)])
    singles, pack = render_documents(exhibits, title="Pack")
    log_index = next(i for i, e in enumerate(exhibits) if e.key.endswith("site-log"))
    log = singles[log_index]
    visits = next(p for p in _form_sections(log) if _text(p) == "Visits")
    mark = visits.find("w:bookmarkStart", NS)
    assert mark is not None and mark.get(w("name")) == "site_log__visits"
    for docx, count in ((log, 2), (pack, 3)):
        instructions = [
            (t.text or "").strip() for t in body(docx).iter(w("instrText")) if "REF " in t.text
        ]
        assert instructions.count("REF site_log__visits \\r \\h") == count
    # The exhibit's own file has no such bookmark: the reference keeps its text only.
    assert b"site_log__visits" not in parts(singles[0])["word/document.xml"]
    main_text = "".join(body(singles[0]).itertext())
    assert "records every visit in Section 1 of Appendix 4" in main_text


def test_an_appendix_gets_no_table_of_contents() -> None:
    exhibits, _, _ = _case_study()
    docx = render_exhibit(exhibits[3], toc=True)
    assert not any("TOC " in (t.text or "") for t in body(docx).iter(w("instrText")))
    assert _form_sections(docx), "still numbered"


def test_text_under_a_numbered_heading_gets_no_space_meant_for_text_after_a_list() -> None:
    """The gap before a paragraph that follows a list is for lists only: a numbered heading
    (its numPr is the outline's) keeps its text as close as an unnumbered one does."""
    _, singles, _ = _case_study()
    blocks = [el for el in body(singles[0]) if el.tag in (w("p"), w("tbl"))]
    after_heading = after_list = 0
    for before, p in itertools.pairwise(blocks):
        if p.tag != w("p") or before.tag != w("p") or _num(before) in (None, ("0", "0")):
            continue
        if p.find("w:pPr/w:numPr", NS) is not None or p.find("w:pPr/w:pStyle", NS) is not None:
            continue
        spaced = p.find("w:pPr/w:spacing", NS) is not None
        style = before.find("w:pPr/w:pStyle", NS).get(w("val"))
        if style in HEADINGS:
            after_heading += 1
            assert not spaced, _text(p)[:60]
        elif style == "ListParagraph":
            after_list += 1
            assert spaced, _text(p)[:60]
    assert after_heading > 10 and after_list > 0


def test_the_filled_in_sla_report_numbers_its_sections_the_same_way() -> None:
    from contractgen.report.render import to_docx

    markdown = (
        "# SLA Report\n\n## Report Details\n\nText.\n\n## 1. Tickets by Priority\n\nText.\n\n"
        "## 2. Service Levels\n\nText.\n"
    )
    docx = to_docx(load_spec(CASE_STUDY).spec, markdown, "2027-03")
    assert [_text(p) for p in _form_sections(docx)] == ["Tickets by Priority", "Service Levels"]
    assert {_num(p) for p in _form_sections(docx)} == {_num(_form_sections(docx)[0])}
    assert _num(_headings(docx)[1]) == ("0", "0"), "Report Details stays unnumbered"
