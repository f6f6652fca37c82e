"""What each kind of edit looks like in the redline: only the edited words are revisions."""

from __future__ import annotations

import re

from lxml import etree

from contractgen.redline.wordml import W_NS
from tests.redline.conftest import Pair

NS = {"w": W_NS}


def _document(docx: bytes) -> etree._Element:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        return etree.fromstring(zf.read("word/document.xml"))


def _words(root: etree._Element, xpath: str) -> list[str]:
    text = " ".join("".join(el.itertext()) for el in root.xpath(xpath, namespaces=NS))
    return text.split()


def test_three_figures_delete_only_those_figures_words(pairs: dict[str, Pair]) -> None:
    root = _document(pairs["figures"].exhibit.data)
    # lead time (in words and digits), acceptance window, penalty cap, in document order
    assert _words(root, "//w:del") == ["fifteen", "15", "sixty", "60", "fifteen", "15"]
    assert _words(root, "//w:ins") == ["twenty", "20", "forty-five", "45", "twelve", "12"]
    assert not root.xpath("//w:rPrChange | //w:pPrChange | //w:trPr/w:ins", namespaces=NS)
    # The pack holds the appendices too, which repeat the lead time and the window.
    pack = _document(pairs["figures"].pack.data)
    deleted = _words(pack, "//w:del")
    assert set(deleted) == {"fifteen", "15", "sixty", "60"}
    assert len(deleted) == len(_words(pack, "//w:ins")) == 9


def test_party_name_is_one_insertion_per_mention(pairs: dict[str, Pair]) -> None:
    root = _document(pairs["party-name"].exhibit.data)
    assert not root.xpath("//w:del", namespaces=NS)
    assert _words(root, "//w:ins") == ["Coast"] * 3  # parties line, party table, signatures


def test_rows_added_and_removed_are_tracked_rows(pairs: dict[str, Pair]) -> None:
    root = _document(pairs["table-rows"].exhibit.data)
    deleted_rows = root.xpath("//w:tr[w:trPr/w:del]", namespaces=NS)
    inserted_rows = root.xpath("//w:tr[w:trPr/w:ins]", namespaces=NS)
    assert len(deleted_rows) == 1 and len(inserted_rows) == 1
    assert "Operator training" in "".join(deleted_rows[0].itertext())
    assert "Spare parts stock" in "".join(inserted_rows[0].itertext())
    # nothing outside those two rows is a revision
    outside = root.xpath(
        "//w:ins[not(ancestor::w:tr[w:trPr/w:ins or w:trPr/w:del]) and not(parent::w:trPr)]"
        " | //w:del[not(ancestor::w:tr[w:trPr/w:ins or w:trPr/w:del]) and not(parent::w:trPr)]",
        namespaces=NS,
    )
    assert outside == []


def test_clause_switched_on_is_an_inserted_clause(pairs: dict[str, Pair]) -> None:
    root = _document(pairs["availability-on"].exhibit.data)
    inserted_paragraphs = root.xpath("//w:p[w:pPr/w:rPr/w:ins]", namespaces=NS)
    headings = [
        "".join(p.itertext())
        for p in inserted_paragraphs
        if p.xpath("w:pPr/w:pStyle[starts-with(@w:val, 'Heading')]", namespaces=NS)
    ]
    assert any(h.endswith("Availability") for h in headings), headings
    assert not root.xpath("//w:p[w:pPr/w:rPr/w:del]", namespaces=NS)  # nothing removed
    # Outside the new clause nothing is removed but a section number typed in the text (with
    # Word numbering and REF fields there is none: numbers and references move by themselves).
    deleted = _words(root, "//w:del")
    assert all(re.fullmatch(r"\d+(\.\d+)*\.?", word) for word in deleted), deleted


def test_revisions_have_unique_ids_author_and_date(pairs: dict[str, Pair]) -> None:
    root = _document(pairs["all-at-once"].pack.data)
    tracked = root.xpath("//w:ins | //w:del | //w:rPrChange | //w:pPrChange", namespaces=NS)
    assert len(tracked) == pairs["all-at-once"].pack.revisions
    ids = [el.get(f"{{{W_NS}}}id") for el in tracked]
    assert len(set(ids)) == len(ids)
    bookmark_ids = set(root.xpath("//w:bookmarkStart/@w:id", namespaces=NS))
    assert not bookmark_ids & set(ids)
    assert {el.get(f"{{{W_NS}}}author") for el in tracked} == {"Reviewer"}
    assert {el.get(f"{{{W_NS}}}date") for el in tracked} == {"2027-03-01T09:00:00Z"}
    assert not root.xpath("//w:moveFrom | //w:moveTo", namespaces=NS)
