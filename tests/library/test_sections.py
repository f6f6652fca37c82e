"""Each figure lives in one section: change it in the spec and only that section changes.

And a clause that does not apply is absent, together with every reference to it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from contractgen.errors import UserError
from tests.library.helpers import (
    CASE_STUDY,
    PREMIUM,
    build,
    changed_sections,
    main_markdown,
    modified_spec,
    scan_exhibits,
    sections,
)


def _set(*path: Any, value: Any) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return change


def _clauses(key: str, clause_id: str) -> Callable[[Any], None]:
    return lambda data: data.update({"clauses": {key: [clause_id]}})


CASES = [
    (
        "Definitions and Interpretation",
        _set("calendar", "hours", "start", value="07:30"),
        "07:30 to 17:00",
    ),
    (
        "Scope and Responsibilities",
        _set("responsibilities", 3, "brand", value="C"),
        "| Operator training | C |",
    ),
    (
        "Installation Completion",
        _set("installation", "lead_time", value="12 business days"),
        "twelve (12) Business Days",
    ),
    (
        "Acceptance Test",
        _set("acceptance", "tests", "performance", "threshold", value=">= 97%"),
        "accuracy of at least 97%",
    ),
    (
        "Priorities and Response Times",
        _set("support", "priorities", 2, "response", value="6 business hours"),
        "| 6 Business Hours |",
    ),
    (
        "Resolution Targets",
        _set("support", "priorities", 2, "resolution", value="4 business days"),
        "| 4 Business Days |",
    ),
    (
        "First-Call Resolution",
        _set("support", "fcr", "target", value="72%"),
        "seventy-two percent (72%)",
    ),
    (
        "Customer Satisfaction",
        _set("support", "csat", "min_response_rate", value="25%"),
        "twenty-five percent (25%)",
    ),
    (
        "Escalation",
        _set("escalation", "brand_l2_response", "P0", value="3h"),
        "three (3) hours, around the clock",
    ),
    ("Service Credits", _set("penalties", "cap_per_period", value="12%"), "twelve percent (12%)"),
    (
        "Performance Bonus",
        _set("rewards", 0, "amount", value="4%"),
        "An increase of 4 percentage points",
    ),
    (
        "Excusable Delays",
        _set("excusable_delays", "notice_within", value="48h"),
        "forty-eight (48) hours",
    ),
    (
        "Complaint Classification",
        _set("complaints", "review", value="quarter"),
        "in each calendar quarter, every complaint",
    ),
    (
        "Reporting and Review Meetings",
        _set("reporting", "due_day", value=7),
        "the seventh (7th) day",
    ),
    (
        "Review and Adjustment of Targets",
        _set("review", "change_notice", value="90 days"),
        "ninety (90) days",
    ),
    (
        "Chronic Failure and Termination",
        _set("termination", 1, "below", value=45),
        "below 45% in three (3)",
    ),
]


@pytest.fixture(scope="module")
def baseline() -> str:
    return main_markdown(build(CASE_STUDY))


@pytest.mark.parametrize(("title", "change", "expected"), CASES, ids=[c[0] for c in CASES])
def test_a_figure_changes_in_its_own_section_only(
    baseline: str, title: str, change: Callable[[Any], None], expected: str
) -> None:
    after = main_markdown(build(modified_spec(CASE_STUDY, change)))
    assert changed_sections(baseline, after) == {title}
    assert expected in sections(after)[title]
    assert expected not in baseline


def test_availability_figure_changes_in_availability_only() -> None:
    before = main_markdown(build(PREMIUM))
    after = main_markdown(
        build(modified_spec(PREMIUM, _set("support", "availability", "target", value="99.9%")))
    )
    assert changed_sections(before, after) == {"Availability"}
    text = sections(after)["Availability"]
    assert "ninety-nine point nine percent (99.9%)" in text
    assert "2 hours, 9 minutes and 36 seconds of Downtime in a 90-day quarter" in text


def _titles(markdown: str) -> set[str]:
    return set(sections(markdown))


def test_without_rewards_there_is_no_bonus_section_and_no_mention_of_bonuses() -> None:
    exhibits = build(modified_spec(CASE_STUDY, lambda d: d.pop("rewards")))
    main = main_markdown(exhibits)
    assert "Performance Bonus" not in _titles(main)
    assert "bonus" not in main.lower()
    assert "performance-bonus" not in main
    assert all(cid != "performance-bonus" for cid, _ in exhibits[0].clause_versions)


def test_without_availability_there_is_no_availability_anywhere() -> None:
    def drop(data: Any) -> None:
        data["support"].pop("availability")
        rules = data["penalties"]["rules"]
        rules[:] = [r for r in rules if r["metric"] != "availability"]

    exhibits = build(modified_spec(PREMIUM, drop))
    assert "Availability" not in _titles(main_markdown(exhibits))
    for exhibit in exhibits:
        assert "Availability" not in exhibit.markdown
        assert "`availability`" not in exhibit.markdown


def test_with_availability_the_nines_are_spelled_out_with_their_downtime() -> None:
    text = sections(main_markdown(build(PREMIUM)))["Availability"]
    assert "ninety-nine point four percent (99.4%)" in text
    assert "12 hours, 57 minutes and 36 seconds of Downtime in a 90-day quarter" in text


def test_without_excusable_delays_no_clause_relies_on_them() -> None:
    exhibits = build(modified_spec(CASE_STUDY, lambda d: d.pop("excusable_delays")))
    for exhibit in exhibits:
        assert "Excusable Delay" not in exhibit.markdown


def test_without_penalty_rules_there_is_no_penalty_section_or_service_credit() -> None:
    exhibits = build(modified_spec(CASE_STUDY, lambda d: d["penalties"].pop("rules")))
    main = main_markdown(exhibits)
    assert "Service Credits" not in _titles(main)
    assert "Penalties" not in _titles(main)
    assert "Service Credit" not in main
    assert "penalty under Section" not in main


def test_without_termination_rules_no_section_points_to_termination() -> None:
    exhibits = build(modified_spec(CASE_STUDY, lambda d: d.pop("termination")))
    main = main_markdown(exhibits)
    assert "Chronic Failure and Termination" not in _titles(main)
    assert "if it persists" not in main
    assert "Chronic Failure" not in main


def test_a_deal_can_exclude_an_optional_clause() -> None:
    exhibits = build(modified_spec(CASE_STUDY, _clauses("exclude", "performance-bonus")))
    assert "Performance Bonus" not in _titles(main_markdown(exhibits))


def test_excluding_a_required_clause_is_an_error_at_the_spec_line() -> None:
    with pytest.raises(UserError) as err:
        build(modified_spec(CASE_STUDY, _clauses("exclude", "escalation")))
    text = str(err.value)
    assert "clause 'escalation' is required and cannot be excluded" in text
    assert "case-study-smart-shelf.yaml:" in text


def test_an_unknown_clause_id_in_the_spec_is_an_error() -> None:
    with pytest.raises(UserError, match="no clause 'bonuss' in the library"):
        build(modified_spec(CASE_STUDY, _clauses("exclude", "bonuss")))


def test_a_bare_deal_still_reads_cleanly() -> None:
    """Every optional part left out at once: the conditionals must still produce clean text."""

    def strip(data: Any) -> None:
        for key in (
            "rewards",
            "excusable_delays",
            "complaints",
            "termination",
            "contacts",
            "management_ladder",
            "responsibilities",
            "review",
            "calendar",
        ):
            data.pop(key, None)
        data.pop("penalties")
        data["support"].pop("response_miss_rate")
        data["support"].pop("emergency")
        data.pop("commercial")
        for tier in data["escalation"]["tiers"]:
            tier.pop("contact", None)
        for trigger in data["escalation"]["triggers"]:
            if trigger.pop("contact", None):
                trigger["to"] = "Account Manager"
        data["installation"].pop("delay_penalty")
        data["installation"].pop("report_within")
        data["installation"]["criteria"].pop("integration")
        data["installation"]["criteria"].pop("calibration")

    loaded = modified_spec(CASE_STUDY, strip)
    exhibits = build(loaded)
    problems = scan_exhibits(exhibits, loaded, "bare")
    assert not problems, "\n".join(problems)
    main = main_markdown(exhibits)
    for absent in (
        "Service Credits",
        "Performance Bonus",
        "Excusable Delays",
        "Complaint Classification",
        "Review and Adjustment of Targets",
        "Chronic Failure and Termination",
        "Commercial Terms and Payment Milestones",
    ):
        assert absent not in _titles(main)
    assert "Revenue Share" not in main
