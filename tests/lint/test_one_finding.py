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
