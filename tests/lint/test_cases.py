"""Every lint case file, one runner: tests/lint/cases/<family>.yaml, whatever families exist.

A new rule family needs only its case file. Spec cases edit the baseline example (``set``,
``delete``); document cases give exhibit Markdown (``markdown`` or ``exhibits``). See
:mod:`tests.lint.lintcase` for the format.
"""

from __future__ import annotations

import pytest

from tests.lint.lintcase import CASES, Case, check_document_case, check_spec_case, load_cases

FAMILIES = sorted(p.stem for p in CASES.glob("*.yaml"))
ALL = [case for family in FAMILIES for case in load_cases(family)]


def test_there_are_case_files() -> None:
    assert len(FAMILIES) >= 11 and len(ALL) > 100


@pytest.mark.parametrize("case", ALL, ids=[f"{c.family}/{c.id}" for c in ALL])
def test_case(case: Case) -> None:
    if "markdown" in case.data or "exhibits" in case.data:
        check_document_case(case)
    else:
        check_spec_case(case)
