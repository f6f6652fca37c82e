"""Data-driven cases for the document rules (cases/document.yaml), on hand-written Markdown."""

from __future__ import annotations

import pytest

from tests.lint.lintcase import Case, check_document_case, load_cases

CASES = load_cases("document")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case: Case) -> None:
    check_document_case(case)
