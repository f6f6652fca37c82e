"""A spec with the seed's textbook mistakes gets every one of them reported, where it is."""

from __future__ import annotations

from pathlib import Path

from contractgen.lint.engine import lint_loaded
from contractgen.spec.loader import load_spec
from tests.lint.lintcase import line_of

FLAWED = Path(__file__).resolve().parent / "flawed" / "textbook-mistakes.yaml"


def test_every_textbook_mistake_is_reported() -> None:
    loaded = load_spec(FLAWED)
    found = {(p.code, p.line) for p in lint_loaded(loaded).problems}
    expected = {
        # P0 in 30 minutes, around the clock, with nobody on nights on a standard package
        ("REA002", line_of(loaded, "support.priorities.0.response")),
        ("CAL003", line_of(loaded, "support.priorities.0.response")),
        # a 50% penalty per miss, and an uncapped total exposure
        ("PEN004", line_of(loaded, "penalties.rules.0.amount")),
        ("PEN005", line_of(loaded, "penalties.rules")),
        # more metrics than anyone will track
        ("MET001", line_of(loaded, "penalties.rules.3.metric")),
        # triggers equal to targets: no grace band
        ("PEN001", line_of(loaded, "penalties.rules.0.trigger")),
        ("PEN001", line_of(loaded, "penalties.rules.1.trigger")),
        # bonuses for meeting the target
        ("REW001", line_of(loaded, "rewards.0.threshold")),
        ("REW001", line_of(loaded, "rewards.1.threshold")),
    }
    assert expected <= found, sorted(expected - found)


def test_messages_quote_the_clashing_numbers() -> None:
    problems = lint_loaded(load_spec(FLAWED)).problems
    by_code = {p.code: p for p in problems}
    assert "50%" in by_code["PEN004"].message and "10%" in by_code["PEN004"].message
    assert "30 minutes" in by_code["REA002"].message
    assert "75%" in by_code["PEN005"].message and "15%" in by_code["PEN005"].message
    assert all(p.fix for p in problems)
