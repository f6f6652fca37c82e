"""The rule catalogue: a static list of rule modules, imported once per process.

The list is written out rather than discovered by scanning the package at each run: it keeps
the order of the catalogue deliberate (family by family, as the docs read), costs nothing to
find, and a test compares it with the files on disk so a new rule module cannot be forgotten.
"""

from __future__ import annotations

import importlib
from functools import lru_cache

from contractgen.lint.rule import Rule, rule_from_module

_P = "contractgen.lint.rules."

RULE_MODULES: tuple[str, ...] = tuple(
    _P + m
    for m in (
        "ordering.response_by_priority",
        "ordering.resolution_by_priority",
        "ordering.resolution_before_response",
        "ordering.escalation_before_response",
        "ordering.escalation_after_resolution",
        "ordering.escalation_path_too_long",
        "ordering.p0_without_workaround",
        "calendar.business_hours_undefined",
        "calendar.round_the_clock_on_standard",
        "calendar.p0_nobody_on_duty",
        "calendar.no_holiday_calendar",
        "metrics.too_many_core_metrics",
        "metrics.csat_off_scale",
        "metrics.csat_above_ceiling",
        "metrics.no_survey_response_rate",
        "metrics.fcr_no_recurrence_window",
        "metrics.fcr_above_l1_share",
        "metrics.perfect_target",
        "metrics.serious_level_above_target",
        "escalation.tier_shares_sum",
        "escalation.no_product_bug_trigger",
        "escalation.no_management_trigger",
        "escalation.no_brand_l2_response",
        "escalation.trigger_disagrees",
        "penalties.no_grace_band",
        "penalties.period_mismatch",
        "penalties.target_mismatch",
        "penalties.amount_above_policy",
        "penalties.exposure_above_cap",
        "penalties.no_excusable_delays",
        "penalties.no_waiver",
        "penalties.no_cure_period",
        "penalties.no_destination",
        "penalties.counts_non_service_complaints",
        "rewards.pays_for_target",
        "rewards.reachable_under_penalty",
        "rewards.no_qualifying_period",
        "delivery.test_longer_than_window",
        "delivery.tests_exceed_window",
        "delivery.milestones_over_100",
        "delivery.performance_test_unmeasurable",
        "delivery.no_report_deadline",
        "delivery.no_calibration",
        "availability.downtime_below_p0_resolution",
        "availability.stricter_than_stability_test",
        "availability.too_many_nines",
        "availability.nines_spelled_out",
        "realism.tighter_than_pilot",
        "realism.p0_response_too_fast",
        "realism.ramp_loosens",
        "realism.ramp_step_too_large",
        "realism.ramp_year_one_differs",
        "governance.no_review_cadence",
        "governance.no_change_notice",
        "governance.change_notice_too_short",
        "governance.no_reporting_due_day",
        "deadlines.clocks_cross",
        "deadlines.due_when_nobody_works",
        "references.escalation_target_exists",
        "references.desk_coverage",
        "references.emergency_line_without_number",
        "references.ladder_first_step_listed",
        "acceptance.no_room_to_retest",
        "money.milestones_do_not_close",
        "money.fee_base_undefined",
        "incentives.rewards_skipping_a_duty",
        "incentives.bonus_period_undefined",
        "measurability.fcr_hindsight_after_report",
        "measurability.period_not_from_reports",
        "consequences.target_without_consequence",
        "units.minutes_for_long_periods",
        "document.unresolved_placeholder",
        "document.undefined_term",
        "document.unused_definition",
        "document.missing_cross_reference",
        "document.conflicting_figures",
        "document.typed_heading_number",
    )
)


@lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    """Every rule, in catalogue order; codes and names are checked to be unique."""
    rules = tuple(rule_from_module(importlib.import_module(m)) for m in RULE_MODULES)
    codes: set[str] = set()
    names: set[str] = set()
    for r in rules:
        if r.code in codes or r.name in names:
            raise TypeError(f"rule {r.code} {r.name} is registered twice")
        codes.add(r.code)
        names.add(r.name)
    return rules


def find_rule(key: str) -> Rule | None:
    """A rule by code (any case) or dotted name."""
    k = key.strip()
    for r in all_rules():
        if r.code == k.upper() or r.name == k.lower():
            return r
    return None


def groups() -> dict[str, tuple[str, ...]]:
    """Group name → codes in it, for selection and for ``contractgen rules``."""
    out: dict[str, list[str]] = {}
    for r in all_rules():
        for g in r.groups:
            out.setdefault(g, []).append(r.code)
    return {g: tuple(codes) for g, codes in out.items()}


def select(selector: str) -> tuple[str, ...]:
    """Codes matched by a selector: ``ALL``, a code, a name, a group or a code prefix (``PEN``).

    Raises KeyError for a selector that matches nothing, so a typo in a policy file is an error.
    """
    s = selector.strip()
    rules = all_rules()
    if s.upper() == "ALL":
        return tuple(r.code for r in rules)
    rule = find_rule(s)
    if rule is not None:
        return (rule.code,)
    by_group = groups().get(s.lower())
    if by_group:
        return by_group
    prefix = s.upper()
    if prefix.isalpha():
        matched = tuple(r.code for r in rules if r.code.startswith(prefix))
        if matched:
            return matched
    raise KeyError(s)
