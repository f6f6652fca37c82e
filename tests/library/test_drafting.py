"""The exhibit reads as counsel would sign it: none of the contradictions found in review, and
every clause an SLA exhibit needs, for each example and each ``init`` preset.

Each test names the fault it guards against. They read the Markdown, because the Markdown is
what legal reads; figures come from the spec so that a change of example cannot hide a fault.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from contractgen.spec.loader import LoadedSpec, load_spec
from tests.library.helpers import (
    CASE_STUDY,
    EXAMPLES,
    PRESETS,
    as_read,
    build,
    main_markdown,
    modified_spec,
    sections,
)

DEALS = EXAMPLES + PRESETS


@cache
def _loaded(path: Path) -> LoadedSpec:
    return load_spec(path)


@cache
def _main(path: Path) -> str:
    return as_read(main_markdown(build(_loaded(path))))


@pytest.fixture(params=DEALS, ids=lambda p: p.stem)
def deal(request: pytest.FixtureRequest) -> tuple[Any, str, dict[str, str]]:
    spec = _loaded(request.param).spec
    main = _main(request.param)
    return spec, main, sections(main)


def _rows(text: str, first_cell: str) -> list[list[str]]:
    """Table rows whose first cell starts with ``first_cell``, as lists of cells."""
    out = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        if line.startswith("|") and len(cells) > 1 and cells[0].startswith(first_cell):
            out.append(cells)
    return out


def _body(main: str) -> str:
    """The exhibit's own text: everything before the signature block and document control."""
    return main.split("\n## Signatures\n")[0]


# --- clocks that cross --------------------------------------------------------------------


def test_no_business_hour_response_with_around_the_clock_deadlines(deal: Any) -> None:
    """A P1 answered in Business Hours cannot be due for escalation or resolution at night."""
    spec, _main_text, parts = deal
    response = parts["Priorities and Response Times"]
    resolution = parts["Resolution Targets"]
    escalation = parts["Escalation"]
    for p in spec.support.priorities:
        answer = _rows(response, f"{p.id} — ")[0][-1]
        if "around the clock" in answer:
            continue
        assert "around the clock" not in _rows(resolution, f"{p.id} — ")[0][1], p.id
        for row in _rows(escalation, f"A {p.id} Ticket is not Resolved"):
            assert "around the clock" not in row[2], (p.id, row)


def test_every_around_the_clock_clock_is_staffed(deal: Any) -> None:
    """On the standard package, the on-call covers each priority with a 24x7 clock."""
    spec, _main_text, parts = deal
    hours = parts["Priorities and Response Times"].split("### ")[2]
    if spec.support.package == "premium":
        assert "24 hours a day, seven days a week" in hours
        return
    response = parts["Priorities and Response Times"]
    resolution = parts["Resolution Targets"]
    for p in spec.support.priorities:
        clocks = _rows(response, f"{p.id} — ")[0][-1] + _rows(resolution, f"{p.id} — ")[0][1]
        if "around the clock" in clocks:
            assert re.search(rf"accept and work on [^.]*\b{p.id}\b[^.]* Tickets at any time", hours)
        else:
            assert re.search(rf"Every time limit for [^.]*\b{p.id}\b[^.]* runs only during", hours)


# --- desks that exist ---------------------------------------------------------------------


def test_escalations_go_to_tiers_and_contacts_that_exist(deal: Any) -> None:
    spec, _main_text, parts = deal
    escalation = parts["Escalation"]
    tiers = {row[0].split(" — ")[0] for row in _rows(escalation, "") if " — " in row[0]}
    roles = {
        f"{row[0]}'s {row[1]}"
        for row in _rows(escalation, "")
        if len(row) == 6 and row[0] not in ("Party", "---")
    }
    triggers = escalation[escalation.index("| Trigger | Escalate to |") :].split("\n\n")[0]
    for row in _rows(triggers, "A")[0:] + _rows(triggers, "The"):
        target = row[1].split(",")[0].replace(" (to be notified)", "").removeprefix("the ")
        assert target in tiers or target in roles or target.startswith("The next support tier"), (
            target,
            tiers,
            roles,
        )
    brand = spec.parties.brand.short_name
    assert f"{brand} L2" in tiers, "the brand-side tier that escalations name is in the table"


def test_desks_with_around_the_clock_duties_are_staffed_around_the_clock(deal: Any) -> None:
    spec, _main_text, parts = deal
    escalation = parts["Escalation"]
    contacts = {row[1]: row[5] for row in _rows(escalation, "") if len(row) == 6}
    bt = spec.escalation.receiving_brand_tier()
    desk = next(c for c in spec.contacts if c.id == bt.contact)
    if any(d.clock == "24x7" for d in spec.escalation.brand_l2_response.values()):
        assert contacts[desk.role] == "Around the clock"
        assert f"through {spec.parties.brand.short_name} L2 ({desk.role}" in escalation
    if spec.support.package == "premium":
        partner_desk = next(c for c in spec.contacts if c.id == "partner-desk")
        assert contacts[partner_desk.role] == "Around the clock"


def test_the_emergency_line_has_a_number(deal: Any) -> None:
    spec, _main_text, parts = deal
    hours = parts["Priorities and Response Times"]
    if spec.support.emergency:
        assert f"emergency line on {spec.support.emergency.phone}" in hours
    assert not re.search(r"emergency line(?! on \+)", hours)


# --- room to retest -----------------------------------------------------------------------


def test_the_acceptance_window_leaves_room_to_fix_and_retest(deal: Any) -> None:
    spec, _main_text, parts = deal
    acc = spec.acceptance
    days = {"days": 1, "weeks": 7}
    tests = [acc.tests.functional, acc.tests.performance, acc.tests.stability, acc.tests.training]
    run = sum(t.duration.amount * days[t.duration.unit.value] for t in tests)
    fix = acc.fix_period.amount * (Decimal(7) / 5 if "business" in acc.fix_period.unit else 1)
    longest = max(t.duration.amount for t in tests)
    assert acc.window.amount >= run + fix + longest
    text = parts["Acceptance Test"]
    assert "The Acceptance Window is extended by the time from the recording of the failure" in text
    assert "Acceptance is also deemed to occur if" in text
    assert "Window Lapsed" in text


# --- payments that close --------------------------------------------------------------------


def test_payment_milestones_close_and_say_who_pays_whom(deal: Any) -> None:
    spec, main, parts = deal
    text = parts["Commercial Terms and Payment Milestones"]
    shares = [Decimal(row[1].rstrip("%")) for row in _rows(text, "") if row[1].endswith("%")]
    assert sum(shares) == 100
    assert "(balance)" in text
    brand, partner = spec.parties.brand.short_name, spec.parties.partner.short_name
    if brand == "Brand":
        brand, partner = "The Brand", "the Partner"
    assert f"{brand} shall pay {partner} the Installation Fee" in text
    assert "contract price for the installation project" not in main
    assert "installation fee" not in main
    assert "Installation Completion is a payment milestone under Section" in main


# --- loopholes and ambiguities --------------------------------------------------------------


def test_open_tickets_count_against_the_resolution_rate(deal: Any) -> None:
    _spec, _main_text, parts = deal
    assert "Resolution Time ended in that period without Resolution" in parts["Resolution Targets"]


def test_every_rate_is_defined_for_the_periods_bonuses_use(deal: Any) -> None:
    _spec, _main_text, parts = deal
    for title in ("Priorities and Response Times", "Resolution Targets", "First-Call Resolution"):
        assert "or for any longer period over which this Exhibit measures it" in parts[title]


def test_no_bonus_for_not_escalating(deal: Any) -> None:
    _spec, main, _parts = deal
    assert "No Ticket escalated to" not in main


def test_no_cure_for_a_past_period(deal: Any) -> None:
    _spec, main, _parts = deal
    assert "cured the underlying failure" not in main
    assert "A result for a period that has ended cannot be cured" in main


def test_fcr_is_final_when_the_report_is_due(deal: Any) -> None:
    spec, _main_text, parts = deal
    window = spec.support.fcr.recurrence_window
    assert window is not None
    assert "has ended by the last day of the period" in parts["First-Call Resolution"]


def test_consecutive_period_runs_do_not_overlap(deal: Any) -> None:
    _spec, main, _parts = deal
    assert "a period counts towards only one run of that row" in main
    assert "a period counts towards only one run of the same row" in main


def test_every_target_has_a_consequence(deal: Any) -> None:
    spec, _main_text, parts = deal
    if spec.support.availability:
        assert "| Availability |" in parts["Service Credits"]
    for title in (
        "Priorities and Response Times",
        "Resolution Targets",
        "First-Call Resolution",
        "Customer Satisfaction",
    ):
        assert "may lead to" in parts[title] or "improvement plan" in parts[title], title


def test_termination_remedies_are_defined_and_quantified(deal: Any) -> None:
    _spec, main, parts = deal
    text = parts["Chronic Failure and Termination"]
    assert "support appointment" not in main
    assert '"Support Appointment" means' in text
    assert "reduce the Revenue Share by five (5) percentage points" in text


# --- words, not codes -------------------------------------------------------------------------


def test_no_spec_codes_in_the_legal_text(deal: Any) -> None:
    spec, main, _parts = deal
    body = _body(main)
    for code in spec.calendar.holidays or []:
        assert not re.search(rf"(?<![A-Za-z-]){re.escape(code)}(?![A-Za-z-])", body), code
    assert spec.calendar.timezone not in body
    assert "time zone" not in body.split("### 1.2")[0]
    assert spec.deal.id not in body
    assert "public-holiday calendar" not in body


def test_case_study_names_its_calendar_as_a_lawyer_would() -> None:
    main = _main(CASE_STUDY)
    assert "other than a public holiday in the State of California." in main
    assert "08:00 to 17:00 on a Business Day, Pacific Time." in main


def test_several_holiday_calendars_say_how_they_combine() -> None:
    benelux = next(p for p in EXAMPLES if p.stem == "baseline-aiot-si")
    assert "a public holiday in Belgium, the Netherlands or Luxembourg." in _main(benelux)

    def rule(value: str) -> Any:
        return lambda d: d["calendar"].__setitem__("holiday_rule", value)

    every = main_markdown(build(modified_spec(benelux, rule("all"))))
    assert "a day that is a public holiday in each of Belgium, the Netherlands and Luxembourg" in (
        every
    )
    site = main_markdown(build(modified_spec(benelux, rule("site"))))
    assert "in whichever of Belgium, the Netherlands or Luxembourg the relevant Customer site" in (
        site
    )


# --- one name per party -----------------------------------------------------------------------


def test_each_party_has_one_name(deal: Any) -> None:
    spec, main, _parts = deal
    body = _body(main).replace(spec.deal.exhibit.agreement_name, "")
    assert 'or the "Brand"' not in body and 'or the "Partner"' not in body
    for role, short in (
        ("Brand", spec.parties.brand.short_name),
        ("Partner", spec.parties.partner.short_name),
    ):
        if short != role:
            assert not re.search(rf"\b{role}\b", body), role
    assert "revenue share" not in body
    assert "Priority allocation" not in body


def test_service_credit_is_defined_once_and_used(deal: Any) -> None:
    _spec, main, parts = deal
    assert main.count('"Service Credit")') == 1
    assert main.count('**"Service Credit"** has the meaning given in Section') == 1
    assert "may lead to a Service Credit under Section" in parts["Resolution Targets"]


# --- clauses an SLA exhibit needs ---------------------------------------------------------------


def test_the_added_clauses_appear(deal: Any) -> None:
    spec, _main_text, parts = deal
    scope = parts["Scope and Responsibilities"]
    assert "### 2.2 Order of Precedence" in scope
    assert "No Customer or other third party may enforce any of its terms" in scope
    assert "shall procure it under its contract with the Customer" in scope
    measurement = parts["Measurement, Records and Audit"]
    for phrase in ('(the "System of Record")', "Every time limit for a Ticket starts", "audit"):
        assert phrase in measurement
    disputes = parts["Disputed Figures"]
    assert "acts as an expert, not as an arbitrator" in disputes
    credits = parts["Service Credits"]
    assert "genuine pre-estimate" in credits and "adjustment of the price" in credits
    assert "sole and exclusive financial remedy" in credits
    assert "for one Contract Year shall not exceed" in credits
    if spec.installation.delay_penalty:
        assert "Delay Credits under Section 3 do not count towards these caps" in credits
    assert "Chronic Failure" in parts["Chronic Failure and Termination"]
    assert "remain payable" in parts["Expiry and Survival"]


def test_the_seed_items_appear(deal: Any) -> None:
    spec, _main_text, parts = deal
    brand = spec.parties.brand.short_name
    assert (
        "If the First-Call Resolution rate is below seventy percent (70%) in two (2) consecutive "
        "months" in parts["First-Call Resolution"]
    )
    assert "at its then current rates" in parts["First-Call Resolution"]
    assert (
        "| Above 30% in two (2) consecutive months | 10% of the Revenue Share for each of those "
        "two (2) months, instead of the amount in the row above, and a written improvement plan |"
    ) in parts["Service Credits"]
    assert f"| A P2 Ticket is not Resolved | {brand} L2 |" in parts["Escalation"]
    assert "the premium package costs 20% more" in parts["Commercial Terms and Payment Milestones"]


# --- the spec's choices change the words --------------------------------------------------------


def test_penalty_wording_only_on_request() -> None:
    loaded = modified_spec(CASE_STUDY, lambda d: d["penalties"].__setitem__("wording", "penalty"))
    main = main_markdown(build(loaded))
    parts = sections(main)
    assert "Penalties" in parts and "Service Credits" not in parts
    assert '(each such reduction a "Penalty")' in main
    assert "Although this Exhibit calls them Penalties" in main
    assert "Service Credit" not in main
    assert '(a "Delay Penalty")' in main


def test_without_prejudice_position() -> None:
    loaded = modified_spec(
        CASE_STUDY, lambda d: d["penalties"].__setitem__("position", "without_prejudice")
    )
    text = sections(main_markdown(build(loaded)))["Service Credits"]
    assert "without prejudice to any other right or remedy" in text
    assert "sole and exclusive" not in text


def test_delay_credits_may_count_towards_the_caps() -> None:
    loaded = modified_spec(
        CASE_STUDY,
        lambda d: d["penalties"].__setitem__("delay_credits_count_towards_caps", True),
    )
    text = sections(main_markdown(build(loaded)))["Service Credits"]
    assert "Delay Credits under Section 3 count towards these caps." in text


def test_lapse_extension_and_rejection() -> None:
    def lapse(value: str, extension: str | None = None) -> Any:
        def change(d: Any) -> None:
            d["acceptance"]["on_lapse"] = value
            if extension:
                d["acceptance"]["lapse_extension"] = extension

        return change

    ext = sections(main_markdown(build(modified_spec(CASE_STUDY, lapse("extension", "14 days")))))
    assert "extended once, by fourteen (14) calendar days" in ext["Acceptance Test"]
    rej = sections(main_markdown(build(modified_spec(CASE_STUDY, lapse("rejection")))))
    assert "as if the last permitted attempt had failed" in rej["Acceptance Test"]


def test_an_escalation_bonus_counts_only_avoidable_escalations() -> None:
    def reward(d: Any) -> None:
        d["rewards"].append(
            {
                "metric": "escalations_to_brand",
                "threshold": 0,
                "period": "year",
                "consecutive_periods": 1,
                "kind": "one_time",
                "payment": "USD 10,000",
            }
        )

    text = sections(main_markdown(build(modified_spec(CASE_STUDY, reward))))["Performance Bonus"]
    assert "| No avoidable escalation to ShelfWise |" in text
    assert "An escalation that Section 10 requires" in text


def test_a_spec_without_commercial_terms_states_the_balance() -> None:
    def legacy(d: Any) -> None:
        d.pop("commercial")
        d["installation"]["payment_milestone"] = "40%"
        d["acceptance"]["payment_milestone"] = "50%"

    text = sections(main_markdown(build(modified_spec(CASE_STUDY, legacy))))[
        "Commercial Terms and Payment Milestones"
    ]
    assert "the balance of ten percent (10%) falls due as the Agreement provides" in text


def test_free_text_takes_the_exhibits_party_names() -> None:
    def free_text(d: Any) -> None:
        d["termination"][0] = {
            "metric": "resolution_achievement",
            "below": 80,
            "consecutive_periods": 2,
            "period": "quarter",
            "remedy": "The Brand may reduce the Partner's revenue share.",
        }

    main = main_markdown(build(modified_spec(CASE_STUDY, free_text)))
    assert "ShelfWise may reduce Pacific's Revenue Share." in main
