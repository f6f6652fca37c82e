"""The package's own zip writer: the bytes zipfile writes, with or without kept compressions."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx_support import sample_exhibit

from contractgen.docx import deflated, render_exhibit
from contractgen.docx.package import _write_with_zipfile, build_time, write_zip

STAMP = build_time().timetuple()[:6]
ENTRIES = [
    ("[Content_Types].xml", b"<Types/>"),
    ("word/document.xml", b"<w:document>" + b"text " * 2000 + b"</w:document>"),
    ("word/m\u00e9dia.xml", b"<x/>"),  # a non-ASCII name sets the UTF-8 flag
    ("empty.xml", b""),
]


def test_same_bytes_as_zipfile() -> None:
    deflated.forget()
    assert write_zip(ENTRIES, STAMP) == _write_with_zipfile(ENTRIES, STAMP)


def test_archive_reads_back() -> None:
    with zipfile.ZipFile(io.BytesIO(write_zip(ENTRIES, STAMP))) as zf:
        assert zf.testzip() is None
        assert [(i.filename, zf.read(i)) for i in zf.infolist()] == ENTRIES


def test_kept_compression_gives_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    deflated.forget()
    first = write_zip(ENTRIES, STAMP)
    second = write_zip(ENTRIES, STAMP)  # parts seen before: kept now
    assert deflated._KEPT
    third = write_zip(ENTRIES, STAMP)  # served from what was kept
    monkeypatch.setenv("CONTRACTGEN_NO_CACHE", "1")
    fresh = write_zip(ENTRIES, STAMP)
    assert first == second == third == fresh


def test_switched_off_keeps_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    deflated.forget()
    monkeypatch.setenv("CONTRACTGEN_NO_CACHE", "1")
    for _ in range(3):
        write_zip(ENTRIES, STAMP)
    assert not deflated._KEPT


def test_document_identical_with_and_without_kept_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    deflated.forget()
    cached = [render_exhibit(sample_exhibit()) for _ in range(3)]
    monkeypatch.setenv("CONTRACTGEN_NO_CACHE", "1")
    assert cached == [render_exhibit(sample_exhibit())] * 3
