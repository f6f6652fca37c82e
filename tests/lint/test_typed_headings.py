"""DOC006: a number typed into a heading is found in a company library, and only there.

Headings numbered through ``sub()`` are the exhibit's anchors (Word numbers them and drops the
typed number), so they are never reported; the built-in library numbers every heading that way.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from contractgen.build import lint_deal
from contractgen.exhibit import Exhibit
from contractgen.lint.config import LintConfig
from contractgen.lint.rules.document.typed_heading_number import typed_number
from contractgen.outline import Anchor
from contractgen.spec.loader import load_spec
from tests.lint.lintcase import ROOT, run_documents

COMPANY = Path(__file__).resolve().parent / "fixtures" / "typed-headings-library"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
BASELINE = ROOT / "examples" / "baseline-aiot-si.yaml"
ONLY = LintConfig(("DOC006",))


def test_company_library_typed_numbers_are_reported_where_they_are() -> None:
    result = lint_deal(load_spec(BASELINE, display="deal.yaml"), ONLY, libraries=[COMPANY])
    found = {(p.document, p.line, p.message.split('"')[1]) for p in result.problems}
    markdown = _assembled(BASELINE, COMPANY)
    expected = {
        (key, _line_of(markdown[key], heading), heading)
        for key, heading in (
            ("sla-exhibit", "Section 2 Keys and Badges"),
            ("appendix-4-site-survey", "Test 1: Power Supply"),
            ("appendix-4-site-survey", "3. Mounting Points"),
        )
    }
    assert found == expected
    for p in result.problems:
        assert p.where.startswith(f"deal.yaml#{p.document}.md:{p.line}:")
        assert p.level.value == "warning" and p.fix and "sub(" in p.fix
    # the sub() headings of the same clauses are numbered by Word, not typed
    assert re.search(r"^### [0-9]+\.1 Visits$", markdown["sla-exhibit"], re.M)
    assert "## 1. Network" in markdown["appendix-4-site-survey"]


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_built_in_library_is_clean_on_every_example(path: Path) -> None:
    result = lint_deal(load_spec(path), ONLY)
    assert result.documents_checked and not result.problems


def test_no_built_in_template_types_a_heading_number() -> None:
    """Every template, also the optional clauses no example includes."""
    typed = [
        f"{t.relative_to(ROOT)}:{n}: {line}"
        for t in sorted((ROOT / "clause_library").rglob("*.md.j2"))
        for n, line in enumerate(t.read_text(encoding="utf-8").splitlines(), start=1)
        if line.startswith("#") and typed_number(line.lstrip("#").strip())
    ]
    assert not typed


def test_an_anchored_heading_is_not_reported_and_a_typed_twin_is() -> None:
    markdown = "# Appendix 1: Form\n\n## 1. Network\n\n## 1. Network\n"
    anchor = Anchor("1. Network", "1", "form__network", 0, "1-network")
    anchored = Exhibit("appendix-1-form", "Form", markdown, "case", "1.0", anchors=(anchor,))
    (problem,) = run_documents([anchored], ["DOC006"])
    assert problem.line == 5


@pytest.mark.parametrize(
    ("heading", "label"),
    [
        ("2. Service Levels", "2."),
        ("2.1 Scope", "2.1"),
        ("Section 2 Scope", "Section 2"),
        ("Test 1: Functional", "Test 1:"),
        ("II. Scope", "II."),
        ("(3) Notices", "(3)"),
    ],
)
def test_typed_numbers(heading: str, label: str) -> None:
    assert typed_number(heading) is not None
    assert typed_number(heading)[0] == label  # type: ignore[index]


@pytest.mark.parametrize(
    "heading",
    ["Site Details", "24/7 Support", "2.5% Cap", "5 Whys", "Test Results", "Sections", "I am"],
)
def test_headings_without_a_typed_number(heading: str) -> None:
    assert typed_number(heading) is None


def _assembled(spec: Path, library: Path) -> dict[str, str]:
    from contractgen.build import assemble_exhibits

    return {e.key: e.markdown for e in assemble_exhibits(load_spec(spec), [library])}


def _line_of(markdown: str, heading: str) -> int:
    lines = markdown.splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.lstrip("#").strip() == heading)
