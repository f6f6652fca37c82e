"""Same input, same bytes: documents are compared and archived by hash."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx_support import construct_exhibit, exhibit, part_xml, sample_exhibit, w
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from contractgen.docx import render_exhibit, render_pack
from contractgen.mdparse import parse_tokens


def test_exhibit_rebuilds_byte_identical() -> None:
    assert render_exhibit(sample_exhibit()) == render_exhibit(sample_exhibit())


def test_pack_rebuilds_byte_identical() -> None:
    pack = [sample_exhibit(), construct_exhibit("nested_list")]
    assert render_pack(pack, title="Pack") == render_pack(pack, title="Pack")


def test_pack_with_cover_rebuilds_byte_identical(cover_docx: Path) -> None:
    pack = [sample_exhibit(), construct_exhibit("ordered_list")]
    first = render_pack(pack, cover=cover_docx, title="Pack")
    second = render_pack(pack, cover=cover_docx, title="Pack")
    assert first == second


def test_zip_entries_are_ordered_and_dated_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    docx = render_exhibit(sample_exhibit())
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        infos = zf.infolist()
    names = [i.filename for i in infos]
    assert names[0] == "[Content_Types].xml"
    assert names[1:] == sorted(names[1:])
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}
    core = part_xml(docx, "docProps/core.xml")
    stamps = [el.text for el in core if el.tag.endswith(("created", "modified"))]
    assert stamps == ["1980-01-01T00:00:00Z"] * 2


def test_source_date_epoch_sets_the_only_timestamp(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709294400")  # 2024-03-01 12:00:00 UTC
    docx = render_exhibit(sample_exhibit())
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        assert {i.date_time for i in zf.infolist()} == {(2024, 3, 1, 12, 0, 0)}
    core = part_xml(docx, "docProps/core.xml")
    stamps = [el.text for el in core if el.tag.endswith(("created", "modified"))]
    assert stamps == ["2024-03-01T12:00:00Z"] * 2
    assert render_exhibit(sample_exhibit()) == docx


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n`"),
    min_size=1,
    max_size=60,
)


def _run_text(docx: bytes) -> str:
    """Text of the runs, with tabs and line breaks as characters."""
    pieces = []
    for el in part_xml(docx, "word/document.xml").iter(w("t"), w("tab"), w("br")):
        if el.tag == w("t"):
            pieces.append(el.text or "")
        else:
            pieces.append("\t" if el.tag == w("tab") else "\n")
    return "".join(pieces)


@settings(max_examples=80, deadline=None)
@given(_TEXT)
@example("\x85")  # a span of one Unicode space: markdown-it versions disagree on its padding
@example("\xa0x\xa0")
def test_any_text_in_a_code_span_comes_back_exactly(text: str) -> None:
    """Inline code is the one place Markdown leaves text alone; it must reach Word unchanged.

    Only characters XML 1.0 cannot hold are dropped (no Word file can contain them). What the
    span holds is the parser's to say: markdown-it before 4.3 keeps the padding spaces around
    a span of Unicode spaces only (NEL, NBSP), which CommonMark strips; whatever it gives is
    what Word must show.
    """
    safe = "".join(c for c in text if c == "\t" or (c >= " " and c not in "\ufffe\uffff"))
    assume(safe.strip(" "))
    markdown = f"`` {safe} ``"
    (span,) = [
        child.content
        for token in parse_tokens(markdown)
        for child in token.children or ()
        if child.type == "code_inline"
    ]
    assert span == safe or not safe.strip()  # CommonMark's answer but for Unicode spaces
    docx = render_exhibit(exhibit(markdown))
    assert _run_text(docx) == span
