"""The spec fields that carry the drafting: commercial terms, references, coverage, remedies.

Each refusal is a contradiction the exhibit could not word (milestones that do not close, a
trigger naming a tier nobody staffs); each default keeps an older spec valid.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from contractgen.errors import UserError
from contractgen.spec.loader import load_spec, load_spec_text
from contractgen.spec.models import Coverage, DealSpec, LapseRule, RemedyPosition
from tests.conftest import ROOT

CASE = ROOT / "examples" / "case-study-smart-shelf.yaml"
TEXT = CASE.read_text(encoding="utf-8")


def _load(text: str) -> DealSpec:
    return load_spec_text(text, "spec.yaml").spec


def _error(text: str) -> str:
    with pytest.raises(UserError) as info:
        _load(text)
    return str(info.value)


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_the_case_study_carries_the_commercial_terms() -> None:
    spec = load_spec(CASE).spec
    com = spec.commercial
    assert com is not None
    assert com.unit_price is not None and com.unit_price.amount == Decimal(5000)
    assert sum(m.share for m in com.milestones) == 100
    assert com.milestone("after_acceptance") is not None
    assert spec.penalties.position == RemedyPosition.SOLE_AND_EXCLUSIVE


def test_milestones_that_do_not_add_up_are_refused_with_the_balance_as_fix() -> None:
    text = TEXT.replace(
        "      share: 10%\n      after: 90 days", "      share: 5%\n      after: 90 days"
    )
    message = _error(text)
    assert "milestones add up to 95%, not 100%" in message
    assert "after_acceptance" in message


def test_payer_and_payee_must_differ() -> None:
    assert "payer and payee are the same party" in _error(
        TEXT.replace("  payee: partner\n", "  payee: brand\n")
    )


def test_a_trigger_naming_a_tier_that_does_not_exist_points_at_it() -> None:
    text = TEXT.replace(
        "    - kind: product_bug\n      tier: brand L2",
        "    - kind: product_bug\n      tier: brand L5",
    )
    message = _error(text)
    assert f"spec.yaml:{_line_of(text, 'tier: brand L5')}:" in message
    assert 'there is no tier "brand L5"' in message
    assert "partner L1, partner L2, brand L2, brand L3" in message


def test_a_reference_to_an_unknown_contact_is_refused() -> None:
    text = TEXT.replace("      contact: brand-channel\n", "      contact: brand-ceo\n")
    assert 'there is no contact with id "brand-ceo"' in _error(text)


def test_two_contacts_may_not_share_an_id() -> None:
    text = TEXT.replace("    id: partner-on-call\n", "    id: partner-desk\n")
    assert 'contact id "partner-desk" is used twice' in _error(text)


def test_a_brand_l2_beside_a_partner_l2_is_allowed_but_not_two_partner_l2() -> None:
    spec = load_spec(CASE).spec
    assert [t.key for t in spec.escalation.tiers].count("brand L2") == 1
    assert spec.escalation.receiving_brand_tier() is spec.escalation.tier("brand L2")
    text = TEXT.replace(
        "      owner: brand\n      name: ShelfWise technical support",
        "      owner: partner\n      name: ShelfWise technical support",
    )
    assert "tier partner L2 is listed twice" in _error(text)


def test_a_trigger_needs_a_destination() -> None:
    text = TEXT.replace(
        "    - kind: product_bug\n      tier: brand L2\n", "    - kind: product_bug\n"
    )
    assert "a trigger needs a destination" in _error(text)


def test_free_text_destinations_resolve_to_tiers_and_contacts() -> None:
    spec = load_spec(CASE).spec
    legacy = spec.escalation.triggers[0].model_copy(update={"tier": None, "to": "Brand L2"})
    assert spec.escalation_target(legacy) is spec.escalation.tier("brand L2")
    by_name = legacy.model_copy(update={"to": "ShelfWise L3"})
    assert spec.escalation_target(by_name) is spec.escalation.tier("brand L3")
    by_role = legacy.model_copy(update={"to": "Channel Manager"})
    assert spec.escalation_target(by_role) is spec.contact("brand-channel")
    nowhere = legacy.model_copy(update={"to": "Brand L7"})
    assert spec.escalation_target(nowhere) is None


def test_holidays_take_one_code_or_a_list_and_are_held_as_a_list() -> None:
    assert load_spec(CASE).spec.calendar.holidays == ["US-CA"]
    text = TEXT.replace("  holidays: US-CA\n", "  holidays: [BE, NL, LU]\n  holiday_rule: site\n")
    cal = _load(text).calendar
    assert cal.holidays == ["BE", "NL", "LU"]
    assert cal.holiday_rule == "site"
    assert "holidays" in _error(TEXT.replace("  holidays: US-CA\n", "  holidays: [Benelux]\n"))


def test_contacts_default_to_business_hours_coverage() -> None:
    spec = load_spec(CASE).spec
    assert spec.contact("partner-desk").coverage == Coverage.BUSINESS_HOURS
    assert spec.contact("brand-support").coverage == Coverage.AROUND_THE_CLOCK
    assert next(c for c in spec.contacts if c.id is None).coverage == Coverage.BUSINESS_HOURS


def test_a_share_cut_needs_its_amount() -> None:
    text = TEXT.replace("    share_reduction: 5%\n", "")
    assert 'reduce_revenue_share needs "share_reduction"' in _error(text)


def test_an_extension_on_lapse_needs_its_length() -> None:
    text = TEXT.replace("  on_lapse: deemed_acceptance\n", "  on_lapse: extension\n")
    assert 'needs "lapse_extension"' in _error(text)
    ok = _load(
        text.replace(
            "  on_lapse: extension\n", "  on_lapse: extension\n  lapse_extension: 14 days\n"
        )
    )
    assert ok.acceptance.on_lapse == LapseRule.EXTENSION


def test_old_milestone_fields_must_agree_with_the_commercial_ones() -> None:
    text = TEXT.replace(
        "  report_within: 24h\n", "  report_within: 24h\n  payment_milestone: 30%\n"
    )
    message = _error(text)
    assert "30% here, but commercial.milestones says 40% for installation_completion" in message


def test_commercial_amounts_use_the_deals_currency() -> None:
    text = TEXT.replace("  unit_price: USD 5,000\n", "  unit_price: EUR 5,000\n")
    assert "amount is in EUR, but the deal's currency is USD" in _error(text)


def test_a_spec_without_the_new_sections_keeps_its_defaults(tmp_path: Path) -> None:
    minimal = TEXT.split("\ncommercial:\n")[0] + "\n"
    spec = _load(minimal)
    assert spec.commercial is None
    assert spec.measurement.system_of_record == "the Partner's ticketing system"
    assert spec.disputes.expert_after.amount == 30
    assert [d.value for d in spec.precedence] == [
        "exhibit",
        "appendices",
        "statement_of_work",
        "agreement",
    ]
    assert spec.acceptance.deemed_after is not None
