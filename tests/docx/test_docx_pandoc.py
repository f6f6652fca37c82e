"""Round trip through pandoc: an independent DOCX reader must find all of the contract text.

pandoc reads every rendered document back to plain text; every heading, paragraph, list item and
table cell of the Markdown (taken from the markdown-it token stream) must be there, in order and
character for character. This catches text lost in runs, tables or lists, and escaping mistakes.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from docx_support import (
    SAMPLE,
    assert_in_order,
    construct_exhibit,
    construct_names,
    exhibit,
    expected_texts,
    normalise,
    sample_exhibit,
)

from contractgen.docx import render_exhibit, render_pack

pypandoc = pytest.importorskip("pypandoc", reason="pypandoc-binary not installed")


def _pandoc() -> str:
    try:
        return pypandoc.get_pandoc_path()
    except OSError:
        pytest.skip("pandoc not available")


def _plain(docx: bytes, tmp_path: Path, name: str = "doc.docx") -> str:
    path = tmp_path / name
    path.write_bytes(docx)
    result = subprocess.run(
        [_pandoc(), "-f", "docx", "-t", "plain", "--wrap=none", "--columns=100000", str(path)],
        capture_output=True,
        check=True,
        timeout=60,
    )
    return normalise(result.stdout.decode("utf-8"))


@pytest.mark.parametrize("name", construct_names())
def test_construct_text_survives_pandoc(name: str, tmp_path: Path) -> None:
    source = construct_exhibit(name)
    assert_in_order(_plain(render_exhibit(source), tmp_path), expected_texts(source.markdown))


def test_sample_exhibit_text_survives_pandoc(tmp_path: Path) -> None:
    text = _plain(render_exhibit(sample_exhibit()), tmp_path)
    expected = expected_texts(SAMPLE.read_text(encoding="utf-8"))
    assert len(expected) > 80
    assert_in_order(text, expected)


def test_pack_text_survives_pandoc(tmp_path: Path, cover_docx: Path) -> None:
    pack = [sample_exhibit(), *(construct_exhibit(n) for n in construct_names())]
    text = _plain(render_pack(pack, cover=cover_docx, title="Pack"), tmp_path)
    # pandoc takes the cover's Title paragraph as metadata; its body text comes first.
    assert text.startswith("Between Northwind Systems Ltd and Contoso Field Services GmbH.")
    expected = [t for e in pack for t in expected_texts(e.markdown)]
    assert_in_order(text, expected)


@pytest.mark.parametrize(
    "line",
    [
        'R&D <Asia> | "Ltd" 株式会社 🚀',
        "اتفاقية مستوى الخدمة بين الشريك والعميل",
        "e\u0301 Zoe\u0308 n\u0303 a\u0308\u0301 \u0915\u093f",
        "אבג — 'single' “curly” ‘quotes’ & <b>tags</b> &amp;",
    ],
)
def test_unicode_comes_through_pandoc_exactly(line: str, tmp_path: Path) -> None:
    text = _plain(render_exhibit(exhibit(line)), tmp_path)
    expected = normalise(line.replace("&amp;", "&"))
    assert text == expected


def _table_cells(markdown: str) -> list[str]:
    """The text of every table cell, in order (blanks to fill in are content controls)."""
    from contractgen.mdparse import markdown_parser

    cells: list[str] = []
    depth = 0
    for token in markdown_parser().parse(markdown):
        depth += token.type == "table_open"
        depth -= token.type == "table_close"
        if depth and token.type == "inline":
            text = "".join(c.content for c in token.children or [] if c.type != "link_open")
            text = normalise(re.sub(r"_{6,}", " ", text))
            if text:
                cells.append(text)
    return cells


def test_case_study_pack_table_cells_survive_pandoc(tmp_path: Path) -> None:
    from contractgen.docx import render_documents
    from contractgen.library.assemble import assemble_spec
    from contractgen.spec.loader import load_spec
    from tests.conftest import ROOT

    exhibits = assemble_spec(load_spec(ROOT / "examples" / "case-study-smart-shelf.yaml"))
    _, pack = render_documents(exhibits, title="Pack")
    text = _plain(pack, tmp_path)
    expected = [cell for e in exhibits for cell in _table_cells(e.markdown)]
    assert len(expected) > 200
    assert_in_order(text, expected)


def test_form_sections_reach_pandoc_as_headings_without_typed_numbers(tmp_path: Path) -> None:
    """pandoc reads the numbered form sections as level-2 headings (not list items), and their
    text carries no typed number: the number is Word's."""
    from contractgen.docx import render_exhibit
    from contractgen.library.assemble import assemble_spec
    from contractgen.spec.loader import load_spec
    from tests.conftest import ROOT

    exhibits = assemble_spec(load_spec(ROOT / "examples" / "case-study-smart-shelf.yaml"))
    report = next(e for e in exhibits if e.key.endswith("monthly-report"))
    path = tmp_path / "report.docx"
    path.write_bytes(render_exhibit(report))
    result = subprocess.run(
        [_pandoc(), "-f", "docx", "-t", "markdown", "--wrap=none", str(path)],
        capture_output=True,
        check=True,
        timeout=60,
    )
    headings = re.findall(r"(?m)^## (.*)$", result.stdout.decode("utf-8"))
    titles = [re.sub(r"\s*\{[^}]*\}$", "", h) for h in headings]
    for anchor in (a for a in report.anchors if a.numbered):
        assert anchor.text.split(" ", 1)[1] in titles
    assert not any(re.match(r"\d", t) for t in titles), titles
