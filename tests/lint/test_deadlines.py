"""Data-driven pass and fail cases for the deadlines rules (cases/deadlines.yaml)."""

from __future__ import annotations

import pytest

from tests.lint.lintcase import Case, check_spec_case, load_cases

CASES = load_cases("deadlines")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case: Case) -> None:
    check_spec_case(case)
