"""Fixtures shared by the Word renderer tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def cover_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A master agreement as a user would bring it: made by Word's default template (through
    python-docx), with its own header, a numbered list and a table."""
    from docx import Document

    document = Document()
    document.add_heading("Master Channel Partner Agreement", 0)
    document.add_paragraph("Between Northwind Systems Ltd and Contoso Field Services GmbH.")
    for clause in ("Definitions", "Term and termination", "Fees and payment"):
        document.add_paragraph(clause, style="List Number")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Party"
    table.cell(0, 1).text = "Signature"
    document.sections[0].header.paragraphs[0].text = "Master Agreement — Confidential"
    path = tmp_path_factory.mktemp("cover") / "master-agreement.docx"
    document.save(str(path))
    return path
