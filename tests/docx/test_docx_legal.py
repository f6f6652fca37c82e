"""What legal needs from the case-study pack, read from the Word XML itself.

Clause numbers come from numbering.xml, never from the heading text; operative lists use the
(a)/(i) levels; every clause has a bookmark and every reference is a REF field whose cached text
is right; the exhibit ends at its signatures; the appendices are forms with content controls;
the paper and the dates are the deal's own. Inserting a clause changes only a few paragraphs.
"""

from __future__ import annotations

import difflib
import functools
import io
import re
import zipfile
from pathlib import Path

from docx_support import NS, body, part_xml, w
from lxml import etree

from contractgen.docx import render_documents
from contractgen.exhibit import Exhibit
from contractgen.library.assemble import assemble_spec
from contractgen.outline import BOOKMARK_MAX
from contractgen.spec.loader import load_spec, load_spec_text
from tests.conftest import ROOT

CASE_STUDY = ROOT / "examples" / "case-study-smart-shelf.yaml"
BASELINE = ROOT / "examples" / "baseline-aiot-si.yaml"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
AVAILABILITY = """
  availability:
    target: 99.5%
    period: quarter
"""


@functools.lru_cache(maxsize=4)
def _build(path: Path, text: str | None = None) -> tuple[list[Exhibit], list[bytes], bytes]:
    loaded = load_spec(path) if text is None else load_spec_text(text, str(path))
    exhibits = assemble_spec(loaded)
    singles, pack = render_documents(exhibits, title="Pack")
    return exhibits, singles, pack


def _case_study() -> tuple[list[Exhibit], list[bytes], bytes]:
    return _build(CASE_STUDY)


def _paragraph_text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(w("t")))


def _numbering(docx: bytes) -> tuple[dict[str, etree._Element], dict[str, etree._Element]]:
    root = part_xml(docx, "word/numbering.xml")
    nums = {n.get(w("numId")): n for n in root.iterfind("w:num", NS)}
    abstracts = {a.get(w("abstractNumId")): a for a in root.iterfind("w:abstractNum", NS)}
    return nums, abstracts


def _level(docx: bytes, p: etree._Element) -> etree._Element:
    """The ``w:lvl`` that numbers paragraph ``p``."""
    nums, abstracts = _numbering(docx)
    num_id = p.find("w:pPr/w:numPr/w:numId", NS).get(w("val"))
    ilvl = p.find("w:pPr/w:numPr/w:ilvl", NS).get(w("val"))
    abstract = abstracts[nums[num_id].find("w:abstractNumId", NS).get(w("val"))]
    return abstract.find(f"w:lvl[@w:ilvl='{ilvl}']", NS)


def _styled(docx: bytes, style: str) -> list[etree._Element]:
    return [
        p
        for p in body(docx).iter(w("p"))
        if p.find("w:pPr/w:pStyle", NS) is not None
        and p.find("w:pPr/w:pStyle", NS).get(w("val")) == style
    ]


def _fields(docx: bytes) -> list[tuple[str, str]]:
    """(instruction, cached result) of every complex field in the body, in order."""
    out: list[tuple[str, str]] = []
    instruction: list[str] = []
    result: list[str] = []
    state = None
    for el in body(docx).iter(w("fldChar"), w("instrText"), w("t")):
        if el.tag == w("fldChar"):
            kind = el.get(w("fldCharType"))
            if kind == "begin":
                state, instruction, result = "instr", [], []
            elif kind == "separate":
                state = "result"
            elif kind == "end" and state is not None:
                out.append(("".join(instruction).strip(), "".join(result)))
                state = None
        elif el.tag == w("instrText") and state == "instr":
            instruction.append(el.text or "")
        elif el.tag == w("t") and state == "result":
            result.append(el.text or "")
    return out


def test_clause_headings_are_numbered_by_the_outline_linked_to_their_styles() -> None:
    exhibits, singles, _ = _case_study()
    docx = singles[0]
    headings = _styled(docx, "Heading2") + _styled(docx, "Heading3")
    numbered = [p for p in headings if p.find("w:pPr/w:numPr/w:numId", NS).get(w("val")) != "0"]
    assert len(numbered) == sum(1 for a in exhibits[0].anchors if a.numbered)
    for p in numbered:
        assert not re.match(r"\s*\d", _paragraph_text(p)), "no typed number in the heading"
        lvl = _level(docx, p)
        style = p.find("w:pPr/w:pStyle", NS).get(w("val"))
        assert lvl.find("w:pStyle", NS).get(w("val")) == style, "the level is linked to the style"
        expected = "%1" if style == "Heading2" else "%1.%2"
        assert lvl.find("w:lvlText", NS).get(w("val")) == expected
    styles = part_xml(docx, "word/styles.xml")
    for style_id, ilvl in (("Heading2", "0"), ("Heading3", "1"), ("Heading4", "2")):
        style = styles.find(f"w:style[@w:styleId='{style_id}']", NS)
        assert style.find("w:pPr/w:numPr/w:ilvl", NS).get(w("val")) == ilvl


def test_each_document_of_the_pack_restarts_its_clause_numbering() -> None:
    _, _, pack = _case_study()
    nums, _ = _numbering(pack)
    first = _styled(pack, "Heading2")[0]
    num_id = first.find("w:pPr/w:numPr/w:numId", NS).get(w("val"))
    override = nums[num_id].find("w:lvlOverride[@w:ilvl='0']/w:startOverride", NS)
    assert override.get(w("val")) == "1"


def test_operative_lists_use_the_a_and_i_levels() -> None:
    from contractgen.docx import render_exhibit
    from contractgen.exhibit import Exhibit as Ex

    _, singles, _ = _case_study()
    docx = singles[0]
    items = [p for p in _styled(docx, "ListParagraph") if p.find("w:pPr/w:numPr", NS) is not None]
    formats = {_level(docx, p).find("w:numFmt", NS).get(w("val")) for p in items}
    assert "lowerLetter" in formats and "bullet" in formats
    fcr = next(p for p in items if _paragraph_text(p).startswith("the issue was fixed"))
    assert _level(docx, fcr).find("w:lvlText", NS).get(w("val")) == "(%1)"
    nested = render_exhibit(
        Ex(key="x", title="X", markdown="1. a\n   1. b\n", deal_id="", version="")
    )
    levels = [_level(nested, p) for p in _styled(nested, "ListParagraph")]
    assert [lvl.find("w:numFmt", NS).get(w("val")) for lvl in levels] == [
        "lowerLetter",
        "lowerRoman",
    ]


def test_every_numbered_clause_and_appendix_has_a_bookmark_named_from_its_id() -> None:
    exhibits, _, pack = _case_study()
    every = list(body(pack).iter(w("bookmarkStart")))
    ids = [b.get(w("id")) for b in every]
    starts = [b for b in every if not b.get(w("name")).startswith("_")]  # hidden: page counts
    names = [b.get(w("name")) for b in starts]
    assert len(set(names)) == len(names) and len(set(ids)) == len(ids)
    assert len(every) - len(starts) == 4, "one last-page bookmark per document of the pack"
    assert sorted(ids, key=int) == [str(i) for i in range(len(ids))]
    ends = {e.get(w("id")) for e in body(pack).iter(w("bookmarkEnd"))}
    assert ends == set(ids)
    for name in names:
        assert re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", name) and len(name) <= BOOKMARK_MAX
    anchors = [a for e in exhibits for a in e.anchors]
    assert {a.bookmark for a in anchors} == set(names)
    assert "installation" in names and "installation__completion_criteria" in names
    assert "installation_checklist" in names


def test_references_are_ref_fields_whose_cached_result_is_the_targets_number() -> None:
    exhibits, singles, pack = _case_study()
    labels = {a.bookmark: a.label for e in exhibits for a in e.anchors}
    refs = [(i, r) for i, r in _fields(pack) if i.startswith("REF ")]
    assert len(refs) >= 30
    for instruction, result in refs:
        words = instruction.split()
        assert words[1] in labels, f"{instruction} names a bookmark that exists"
        assert "\\h" in words
        assert result == labels[words[1]], instruction
        assert ("\\r" in words) == (not result.startswith("Appendix"))
    # The exhibit's own file keeps references to its appendices (other files) as plain text.
    single = [i for i, _ in _fields(singles[0]) if i.startswith("REF ")]
    assert single and all(not i.split()[1].endswith("checklist") for i in single)


def test_the_exhibit_ends_with_its_signature_block() -> None:
    exhibits, singles, _ = _case_study()
    root = body(singles[0])
    blocks = [el for el in root if el.tag in (w("p"), w("tbl"))]
    while blocks and blocks[-1].tag == w("p") and not _paragraph_text(blocks[-1]):
        blocks.pop()
    table = blocks[-1]
    assert table.tag == w("tbl")
    labels = [_paragraph_text(tr.find("w:tc", NS)) for tr in table.iterfind("w:tr", NS)]
    assert labels == ["Signed for", "By", "Name", "Title", "Date"]
    assert _paragraph_text(table.findall("w:tr", NS)[2].findall("w:tc", NS)[1]) == "Zhang Min"
    by = table.findall("w:tr", NS)[1]
    assert int(by.find("w:trPr/w:trHeight", NS).get(w("val"))) >= 567, "room to sign in ink"
    heading = next(p for p in reversed(_styled(singles[0], "Heading2")))
    assert _paragraph_text(heading) == "Signatures"
    lead_in = blocks[-2]
    assert lead_in.find("w:pPr/w:keepNext", NS) is not None
    assert "Document Control" not in "".join(root.itertext())
    assert "document-control" not in dict(exhibits[0].clause_versions)


def test_appendices_are_forms_with_content_controls() -> None:
    _, singles, _ = _case_study()
    checklist, record = singles[1], singles[2]
    boxes = list(body(checklist).iter(f"{{{W14}}}checkbox"))
    assert len(boxes) == 5
    entries = [s for s in body(record).iter(w("sdt")) if s.find("w:sdtPr/w:text", NS) is not None]
    assert len(entries) >= 10
    multi = [s for s in entries if s.find("w:sdtPr/w:text", NS).get(w("multiLine")) == "1"]
    assert multi, "observations are multi-line answers"
    table = body(record).find("w:tbl", NS)
    widths = [int(g.get(w("w"))) for g in table.iterfind("w:tblGrid/w:gridCol", NS)]
    assert widths[1] >= sum(widths) / 2, "the entry column is at least half the table"
    text = "".join(body(checklist).itertext())
    assert "______" not in text and "\u2610\t" not in text


def test_completion_does_not_wait_for_the_report_due_after_it() -> None:
    exhibits, _, _ = _case_study()
    appendix = exhibits[1].markdown
    criteria = appendix.split("## Completion Criteria", 1)[1].split("\n## ", 1)[0]
    assert "installation report" not in criteria.lower()
    sign_off = appendix.split("## Customer Sign-Off", 1)[1].split("\n## ", 1)[0]
    assert "| Signed for | Customer |" in sign_off
    assert "Pacific |" not in sign_off, "only the Customer signs, as Section 3 requires"


def test_paper_follows_the_deal() -> None:
    _, singles, pack = _case_study()
    for docx in (singles[0], pack):
        sizes = {(s.get(w("w")), s.get(w("h"))) for s in body(docx).iter(w("pgSz"))}
        assert sizes == {("12240", "15840")}, "a California deal prints on Letter"
    _, baseline, _ = _build(BASELINE)
    size = body(baseline[0]).find("w:sectPr/w:pgSz", NS)
    assert (size.get(w("w")), size.get(w("h"))) == ("11906", "16838")


def test_created_and_modified_are_the_exhibits_own_date(monkeypatch: object) -> None:
    _, singles, _ = _case_study()
    core = part_xml(singles[0], "docProps/core.xml")
    dates = [el.text for el in core if etree.QName(el).localname in ("created", "modified")]
    assert dates == ["2027-02-01T00:00:00Z"] * 2
    custom = part_xml(singles[0], "docProps/custom.xml")
    names = [p.get("name") for p in custom]
    assert names == ["contractgen version", "Spec SHA-256", "Clause versions"]


def test_proofing_language_is_british_and_body_text_11_pt() -> None:
    _, singles, _ = _case_study()
    styles = part_xml(singles[0], "word/styles.xml")
    defaults = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert defaults.find("w:lang", NS).get(w("val")) == "en-GB"
    assert defaults.find("w:sz", NS).get(w("val")) == "22"
    text = "".join(body(singles[0]).itertext())
    assert "\u201cCustomer\u201d" in text and "ShelfWise\u2019s" in text
    assert '"' not in text and "'" not in text


def _authored_paragraphs(docx: bytes) -> list[str]:
    """Paragraph texts without field results (numbers are not in the text at all)."""
    texts = []
    for p in body(docx).iter(w("p")):
        parts: list[str] = []
        in_result = False
        for el in p.iter(w("fldChar"), w("t")):
            if el.tag == w("fldChar"):
                kind = el.get(w("fldCharType"))
                in_result = kind == "separate" or (in_result and kind != "end")
            elif not in_result:
                parts.append(el.text or "")
        texts.append("".join(parts))
    return texts


def test_adding_a_clause_changes_few_existing_paragraphs() -> None:
    text = CASE_STUDY.read_text(encoding="utf-8")
    assert "\nsupport:\n" in text and "availability:" not in text
    with_availability = text.replace("\nsupport:\n", "\nsupport:" + AVAILABILITY, 1)
    before = _authored_paragraphs(_case_study()[1][0])
    exhibits, singles, _ = _build(CASE_STUDY, with_availability)
    assert any(c == "availability" for c, _ in exhibits[0].clause_versions)
    after = _authored_paragraphs(singles[0])
    changed = 0
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, _, _ in matcher.get_opcodes():
        if op in ("replace", "delete"):
            changed += a2 - a1
    assert len(after) > len(before), "the clause was added"
    assert changed <= 5, f"{changed} existing paragraphs changed"
    print(f"adding the availability clause changed {changed} existing paragraphs")


def test_publish_shows_labels_and_anchor_links() -> None:
    exhibits, _, _ = _case_study()
    published = exhibits[0].markdown_file
    assert "(a) the issue was fixed permanently" in published
    assert "[Section 4](#4-acceptance-test)" in published
    assert "](ref:" not in published
    appendix = exhibits[1].markdown_file
    assert "[Section 3](sla-exhibit.md#3-installation-completion)" in appendix


def test_every_word_file_carries_its_provenance() -> None:
    _, singles, pack = _case_study()
    for data in (*singles, pack):
        assert "docProps/custom.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()


def test_table_of_contents_is_a_toc_field_with_its_entries_written() -> None:
    from contractgen.docx import render_exhibit

    exhibits, _, _ = _case_study()
    docx = render_exhibit(exhibits[0], toc=True)
    fields = [(i, r) for i, r in _fields(docx) if i.startswith("TOC ")]
    assert len(fields) == 1 and '\\o "2-3"' in fields[0][0]
    entries = [a for a in exhibits[0].anchors if a.numbered and a.level <= 1]
    paragraphs = _styled(docx, "TOC1") + _styled(docx, "TOC2")
    assert len(paragraphs) == len(entries)
    assert fields[0][1].startswith("1Definitions and Interpretation1.1Defined Terms")
    links = [h.get(w("anchor")) for p in paragraphs for h in p.iterfind("w:hyperlink", NS)]
    assert sorted(links) == sorted(a.bookmark for a in entries)
    settings = part_xml(docx, "word/settings.xml")
    assert settings.find("w:updateFields", NS).get(w("val")) == "true"
    order = [el for el in body(docx).iter(w("p"))]
    styles = [p.find("w:pPr/w:pStyle", NS) for p in order]
    names = [st.get(w("val")) if st is not None else "" for st in styles]
    last_entry = max(i for i, n in enumerate(names) if n in ("TOC1", "TOC2"))
    first_clause = next(
        i
        for i, p in enumerate(order)
        if names[i] == "Heading2" and p.find("w:bookmarkStart", NS) is not None
    )
    assert last_entry < first_clause, "the contents come before the first clause"
    assert part_xml(_case_study()[1][0], "word/settings.xml").find("w:updateFields", NS) is None


def test_paper_defaults_by_the_deals_country() -> None:
    from types import SimpleNamespace as NS_

    from contractgen.library.paper import paper_size

    def spec(paper: str | None, holidays: object, zone: str) -> object:
        calendar = NS_(holidays=holidays, timezone=zone)
        return NS_(deal=NS_(paper=paper), calendar=calendar)

    assert paper_size(spec(None, "US-CA", "Europe/Berlin")) == "letter"
    assert paper_size(spec(None, ["CA-ON"], "")) == "letter"
    assert paper_size(spec(None, "NL", "America/New_York")) == "a4", "the calendar decides"
    assert paper_size(spec(None, None, "America/Chicago")) == "letter"
    assert paper_size(spec(None, None, "America/Mexico_City")) == "a4"
    assert paper_size(spec("a4", "US-NY", "")) == "a4", "the spec's own choice wins"
