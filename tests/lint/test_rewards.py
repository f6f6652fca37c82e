"""The rewards rules beyond their case file (cases/rewards.yaml, run by test_cases.py)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("index", "threshold", "words", "not_words"),
    [
        (1, 70, ["above", "FCR of 85%"], ["below"]),
        (0, 12, ["below", "miss rate under 5%"], ["FCR"]),
        (2, 4.0, ["above the target"], ["FCR", "miss rate"]),
    ],
)
def test_fix_names_the_direction_and_only_its_own_precedent(
    index: int, threshold: float, words: list[str], not_words: list[str]
) -> None:
    from contractgen.lint.config import LintConfig
    from contractgen.lint.engine import lint_loaded
    from contractgen.spec.loader import load_spec_text
    from tests.lint.lintcase import edited_text

    text = edited_text({f"rewards.{index}.threshold": threshold})
    result = lint_loaded(load_spec_text(text, "deal.yaml"), LintConfig(select=("REW001",)))
    (problem,) = result.problems
    assert problem.fix is not None
    for word in words:
        assert word in problem.fix
    for word in not_words:
        assert word not in problem.fix
