"""Kept markup: the same documents as a fresh render, and never kept where it must not be."""

from __future__ import annotations

import pytest
from docx_support import construct_exhibit, exhibit, sample_exhibit

from contractgen.docx import markupcache, render_documents, render_exhibit

TABLE = "Intro:\n\n| Priority | Response |\n|---|---:|\n| P1 | 1 hour |\n| P2 | 4 hours |\n"
LINKED = "| Contact | Page |\n|---|---|\n| Desk | [portal](https://example.com/desk) |\n"


def test_kept_tables_give_the_same_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    exhibits = [sample_exhibit(), construct_exhibit("table"), exhibit(TABLE + "\n" + LINKED)]
    markupcache.forget()
    first = render_documents(exhibits, title="Pack")
    assert markupcache._TABLES, "the tables were kept"
    second = render_documents(exhibits, title="Pack")  # tables written from what was kept
    monkeypatch.setenv("CONTRACTGEN_NO_CACHE", "1")
    markupcache.forget()
    fresh = render_documents(exhibits, title="Pack")
    assert not markupcache._TABLES
    assert first == second == fresh


def test_a_table_with_a_link_is_never_kept() -> None:
    markupcache.forget()
    render_exhibit(exhibit(LINKED))
    assert not markupcache._TABLES


def test_the_same_table_on_other_paper_is_laid_out_again() -> None:
    markupcache.forget()
    a4 = render_exhibit(exhibit(TABLE, paper="a4"))
    letter = render_exhibit(exhibit(TABLE, paper="letter"))
    assert len(markupcache._TABLES) == 2
    assert a4 != letter
