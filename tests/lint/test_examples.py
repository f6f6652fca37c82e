"""Every example deal spec is sound: it lints without a single finding.

The examples are what the README and the partners see first; a finding on one of them is
either a flaw in the example or a false alarm in a rule, and both must be fixed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from contractgen.lint.engine import lint_loaded
from contractgen.lint.problem import Problem
from contractgen.spec.loader import load_spec

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_spec_has_no_findings(path: Path) -> None:
    result = lint_loaded(
        load_spec(path, display=path.name),
    )
    assert not result.problems, _listing(result.problems)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_exhibits_pass_document_checks(path: Path) -> None:
    pytest.importorskip("contractgen.library.assemble", reason="exhibit assembly not installed")
    from contractgen.build import lint_deal

    result = lint_deal(load_spec(path, display=path.name))
    assert result.documents_checked
    assert not result.problems, _listing(result.problems)


def _listing(problems: list[Problem]) -> str:
    return "\n".join(f"{p.where}: {p.message} [{p.code}]" for p in problems)
