"""The deal-level change list: values compared as the model reads them, lists aligned."""

from __future__ import annotations

from contractgen.redline.specdiff import compare_values, diff_deals, dotted
from contractgen.spec.loader import load_spec_text
from tests.redline.conftest import CASE, SCENARIOS, edited, position


def test_lists_are_aligned_so_one_removal_is_one_change() -> None:
    old = {"rows": [{"a": 1}, {"a": 2}, {"a": 3}, {"a": 4}]}
    new = {"rows": [{"a": 1}, {"a": 3}, {"a": 4}, {"a": 5}]}
    changes = [(kind, loc) for loc, kind, _, _ in compare_values(old, new)]
    assert changes == [("removed", ("rows", ("old", 1))), ("added", ("rows", ("new", 3)))]


def test_an_edited_list_item_reports_the_field_inside_it() -> None:
    old = {"tiers": [{"level": "L1", "share": "70%"}, {"level": "L2", "share": "25%"}]}
    new = {"tiers": [{"level": "L1", "share": "60%"}, {"level": "L2", "share": "25%"}]}
    [(loc, kind, o, n)] = list(compare_values(old, new))
    assert (kind, o, n) == ("changed", "70%", "60%")
    assert loc == ("tiers", ("pair", 0, 0), "share")


def test_dotted_paths() -> None:
    assert dotted(("support", "priorities", 0, "response")) == "support.priorities[0].response"


def test_rewording_a_value_the_same_way_is_not_a_change() -> None:
    text = CASE.read_text(encoding="utf-8")
    old = load_spec_text(text, "old.yaml")
    new = load_spec_text(text.replace("window: 60 days", "window: 60d"), "new.yaml")
    assert diff_deals(old, new).same


def test_changes_name_the_clauses_that_read_them() -> None:
    old = load_spec_text(CASE.read_text(encoding="utf-8"), "old.yaml")
    new_text = edited(SCENARIOS["availability-on"])
    new = load_spec_text(new_text, "new.yaml")
    result = diff_deals(old, new)
    [change] = result.changes
    assert change.path == "support.availability" and change.kind == "added"
    assert change.old_at is None and change.new_at is not None
    assert f"{change.new_at.line}:{change.new_at.col}" == position(new_text, "target: 99.5%")
    assert "Section 10 Availability" in change.clauses
    assert [(c.id, c.kind) for c in result.clauses] == [("availability", "added")]
