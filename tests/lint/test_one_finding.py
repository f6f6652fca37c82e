"""One fault, one finding: pairs of rules that used to report one fault twice stay apart.

Each pair below was found by linting every spec the tests use and the examples with all rules,
and listing the places two rules reported at; the case files hold a case per pair that shows
which rule reports the fault. This test runs the flawed specs, whose faults are many and mixed,
and checks that no such pair reports at one place again.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from contractgen.lint.config import LintConfig
from contractgen.lint.engine import lint_loaded
from contractgen.spec.loader import load_spec
from tests.lint.lintcase import ROOT

FLAWED = sorted((Path(__file__).resolve().parent / "flawed").glob("*.yaml"))
SPECS = [*FLAWED, *sorted((ROOT / "examples").glob("*.yaml"))]

TOLD_ONCE = {
    frozenset({"CAL003", "DLN002"}),  # P0 response at night with nobody on duty: CAL003
    frozenset({"CAL002", "DLN002"}),  # the same for the other priorities: CAL002
    frozenset({"DLN001", "ORD003"}),  # resolution before response: by the clocks' split
    frozenset({"DLN001", "ORD004"}),  # escalation before response: by the clocks' split
    frozenset({"ORD005", "ORD006"}),  # a late escalation with the L2 answer agreed: ORD006
    frozenset({"REW001", "REW002"}),  # a reward paying under the penalty: REW002
    frozenset({"MET002", "REW001"}),  # a CSAT threshold off the scale: MET002
    frozenset({"MET002", "REW002"}),
    frozenset({"AVL001", "AVL004"}),  # the downtime quoted against a P0 outage: AVL001
}


@pytest.mark.parametrize("path", SPECS, ids=[p.stem for p in SPECS])
def test_no_fault_is_told_by_two_rules(path: Path) -> None:
    problems = lint_loaded(load_spec(path), LintConfig()).problems
    at: dict[int, set[str]] = defaultdict(set)
    for p in problems:
        at[p.line].add(p.code)
    doubles = [
        (line, sorted(pair)) for line, codes in at.items() for pair in TOLD_ONCE if pair <= codes
    ]
    assert not doubles


OWNERS = {
    "DLN002": ("CAL003", "CAL002"),
    "DLN001": ("ORD003", "ORD004"),
    "ORD003": ("DLN001",),
    "ORD006": ("DLN001",),
    "ORD005": ("ORD006",),
    "REW001": ("REW002", "MET002"),
    "AVL004": ("AVL001",),
}
"""A rule that leaves a shared fault to its owners, and those owners."""


@pytest.mark.parametrize("quiet", sorted(OWNERS))
def test_a_rule_without_its_owners_reports_at_least_as_much(quiet: str) -> None:
    """Leaving a fault to its owner depends on the owner running: without the owners, a rule
    reports everything it reports beside them, on every flawed spec and example."""
    for path in SPECS:
        loaded = load_spec(path)
        together = lint_loaded(loaded, LintConfig((quiet, *OWNERS[quiet]))).problems
        alone = lint_loaded(loaded, LintConfig((quiet,))).problems
        assert {p.line for p in together if p.code == quiet} <= {p.line for p in alone}, path


def test_switching_the_owner_off_brings_the_finding_back() -> None:
    """The textbook case: with CAL003 ignored, DLN002 tells the P0 response at night."""
    loaded = load_spec(next(p for p in FLAWED if p.stem == "textbook-mistakes"))
    full = lint_loaded(loaded, LintConfig()).problems
    cal003 = {p.line for p in full if p.code == "CAL003"}
    assert cal003, "the spec no longer has the fault this test needs"
    assert not cal003 & {p.line for p in full if p.code == "DLN002"}
    without = lint_loaded(loaded, LintConfig(ignore=("CAL003",))).problems
    assert cal003 <= {p.line for p in without if p.code == "DLN002"}
