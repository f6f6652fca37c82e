"""Kept table markup: the same document as a fresh render, and never kept where it must not be."""

from __future__ import annotations

import pytest
from docx_support import construct_exhibit, exhibit, sample_exhibit

from contractgen.docx import render_documents, render_exhibit, tablecache

TABLE = "Intro:\n\n| Priority | Response |\n|---|---:|\n| P1 | 1 hour |\n| P2 | 4 hours |\n"
LINKED = "| Contact | Page |\n|---|---|\n| Desk | [portal](https://example.com/desk) |\n"


def test_kept_tables_give_the_same_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    exhibits = [sample_exhibit(), construct_exhibit("table"), exhibit(TABLE + "\n" + LINKED)]
    tablecache.forget()
    first = render_documents(exhibits, title="Pack")
    assert tablecache._KEPT, "the tables were kept"
    second = render_documents(exhibits, title="Pack")  # tables written from what was kept
    monkeypatch.setenv("CONTRACTGEN_NO_CACHE", "1")
    tablecache.forget()
    fresh = render_documents(exhibits, title="Pack")
    assert not tablecache._KEPT
    assert first == second == fresh


def test_a_table_with_a_link_is_never_kept() -> None:
    tablecache.forget()
    render_exhibit(exhibit(LINKED))
    assert not tablecache._KEPT


def test_the_same_table_on_other_paper_is_laid_out_again() -> None:
    tablecache.forget()
    a4 = render_exhibit(exhibit(TABLE, paper="a4"))
    letter = render_exhibit(exhibit(TABLE, paper="letter"))
    assert len(tablecache._KEPT) == 2
    assert a4 != letter
