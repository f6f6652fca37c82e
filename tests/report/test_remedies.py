"""Service credits, caps, waivers and bonuses from per-month counts (the case-study tables).

Case-study tables: response miss rate > 20% in a month -> 5% of that month's share, > 30%
two months running -> 10% of each instead; resolution achievement < 70% in a quarter -> 10%
of the quarter's; FCR < 60% two months running -> 5% of those two months'; CSAT < 3.5 in a
quarter -> 10% of the quarter's; caps 15% of the quarter's share and 10% of the Contract
Year's; waiver for the next quarter after two quarters on target.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from contractgen.report.measure import Detail, Measured
from contractgen.report.metrics import MonthCounts, month_key
from contractgen.report.remedies import Assessor, to_minor
from contractgen.spec.loader import load_spec
from contractgen.spec.models import Reward
from tests.report.conftest import CASE_SPEC


@pytest.fixture(scope="module")
def spec():
    return load_spec(CASE_SPEC).spec


def month(*, misses=0, late=0, fcr=10, score=5, tickets=10, escalations=0) -> MonthCounts:
    c = MonthCounts()
    p = c.priority("P2")
    p.submitted = p.resolved = p.closed = tickets
    p.response_within = tickets - misses
    p.resolution_within = tickets - late
    c.closed = tickets
    c.fcr = fcr
    c.fcr_counted = tickets
    c.csat_responses = tickets
    c.csat_sum = score * tickets
    c.escalations_to_brand = escalations
    return c


def assessor(spec, months: dict[int, MonthCounts], revenue="10000") -> Assessor:
    keys = sorted(months)
    measured = Measured(months, Detail(), 0, keys[0], keys[-1])
    return Assessor(spec, measured, Decimal(revenue) if revenue else None)


Y = 2027


def test_the_cap_cuts_the_quarter_total(spec):
    # Every month: 5 of 10 responses late (50%), FCR 1 of 10, CSAT 2, 5 of 10 resolved late
    # (50% < 70%). Miss rate: January 5%; February above 30% for Jan+Feb, so 10% for each
    # instead of 5%: adds 5 + 10 = 15%; March starts a new run of the sustained row (alone:
    # not sustained) and gets 5%: 25%. FCR: Jan+Feb is a run (5% x 2 = 10%, assessed in
    # February); March starts a new run, alone: nothing. Resolution 10% x 3 = 30%; CSAT
    # 10% x 3 = 30%. Total 95% of a monthly share = USD 9,500. The cap is 15% of the quarter's
    # share = 45% of a month = USD 4,500.
    bad = {month_key(Y, m): month(misses=5, late=5, fcr=1, score=2) for m in (1, 2, 3)}
    s = assessor(spec, bad).settlement(month_key(Y, 3))
    assert (s.total_share, s.cap_share, s.payable_share) == (95, 45, 45)
    assert (s.total_money, s.payable_money) == (Decimal("9500.00"), Decimal("4500.00"))


def test_a_trigger_is_strictly_worse_than_its_figure(spec):
    # 2 of 10 late = exactly 20%: the penalty applies only above 20%.
    a = assessor(spec, {month_key(Y, 1): month(misses=2)})
    rule = next(r for r in spec.penalties.rules if r.metric == "response_miss_rate")
    assert a.penalty(rule, month_key(Y, 1)).applies is False
    a = assessor(spec, {month_key(Y, 1): month(misses=3)})
    assert a.penalty(rule, month_key(Y, 1)).applies is True


def test_fcr_needs_two_months_running(spec):
    rule = next(r for r in spec.penalties.rules if r.metric == "fcr")
    months = {month_key(Y, 1): month(fcr=7), month_key(Y, 2): month(fcr=5)}
    assert assessor(spec, months).penalty(rule, month_key(Y, 2)).applies is False
    months[month_key(Y, 1)] = month(fcr=5)
    result = assessor(spec, months).penalty(rule, month_key(Y, 2))
    assert (result.applies, result.months, result.money) == (True, 2, Decimal("1000.00"))


def test_two_quarters_on_target_after_a_penalty_waive_the_next(spec):
    months = {month_key(Y, 1): month(misses=5)}  # a penalty in January
    months.update({month_key(Y, m): month() for m in range(2, 10)})  # then on target
    months[month_key(Y, 10)] = month(misses=5)  # October misses again
    a = assessor(spec, months)
    s = a.settlement(month_key(Y, 10))
    assert s.total_money == Decimal("500.00")
    assert "2027-Q2, 2027-Q3" in s.waived
    assert (s.payable_share, s.payable_money) == (0, Decimal("0.00"))


def test_no_waiver_without_an_earlier_penalty(spec):
    months = {month_key(Y, m): month() for m in range(1, 10)}
    months[month_key(Y, 10)] = month(misses=5)
    assert assessor(spec, months).settlement(month_key(Y, 10)).waived == ""


def test_a_bonus_needs_its_consecutive_quarters(spec):
    fcr_bonus = next(r for r in spec.rewards if r.metric == "fcr")  # >= 85% two quarters
    months = {month_key(Y, m): month(fcr=9) for m in range(4, 10)}
    a = assessor(spec, months)
    assert a.bonus(fcr_bonus, month_key(Y, 8)).due is False
    assert a.bonus(fcr_bonus, month_key(Y, 9)).earned is True
    assert a.bonus(fcr_bonus, month_key(Y, 6)).earned is False  # Q1 has no tickets


def test_escalation_bonus_is_a_year_with_none(spec):
    # The case study has no such reward any more; one is added: USD 10,000 for a calendar
    # year without a Ticket escalated to the Brand.
    reward = Reward(
        metric="escalations_to_brand",
        threshold=0,
        period="year",
        consecutive_periods=1,
        kind="one_time",
        payment="USD 10,000",
    )
    with_reward = spec.model_copy(update={"rewards": [reward]})
    months = {month_key(Y, m): month() for m in range(1, 13)}
    result = assessor(with_reward, months).bonus(reward, month_key(Y, 12))
    assert (result.earned, result.money) == (True, Decimal("10000.00"))
    months[month_key(Y, 5)] = month(escalations=1)
    assert assessor(with_reward, months).bonus(reward, month_key(Y, 12)).earned is False


def test_a_month_counts_towards_only_one_run_of_a_row(spec):
    # FCR below 60% in January to April (1 of 10 each month), 5% for two months running.
    # Jan+Feb is a run and gives a credit assessed in February; March starts a new run, so
    # March alone gives nothing; Mar+Apr gives the next credit, assessed in April.
    rule = next(r for r in spec.penalties.rules if r.metric == "fcr")
    months = {month_key(Y, m): month(fcr=1) for m in range(1, 5)}
    a = assessor(spec, months)
    assert [a.penalty(rule, month_key(Y, m)).applies for m in range(1, 5)] == [
        False,
        True,
        False,
        True,
    ]
    assert a.penalty(rule, month_key(Y, 4)).money == Decimal("1000.00")  # 5% x 2 x 10,000


def test_a_sustained_miss_replaces_the_lower_amount(spec):
    # Miss rate: January 25% (> 20%: 5%), February and March 40% (> 30% two months running:
    # 10% for each of them instead of 5%). January: 5% = USD 500. February: above 20%, the
    # 5% row gives 5% for February, but not yet two months above 30% -> 5% = USD 500. March:
    # Feb+Mar above 30% -> 10% for February and for March; February already had 5%, so March
    # adds (10 - 5) + 10 = 15% = USD 1,500. Only the highest amount per month is deducted:
    # January 5 + February 10 + March 10 = 25% of a month = USD 2,500.
    rule = next(r for r in spec.penalties.rules if r.metric == "response_miss_rate")
    months = {
        month_key(Y, 1): month(misses=25, tickets=100),
        month_key(Y, 2): month(misses=4),
        month_key(Y, 3): month(misses=4),
    }
    a = assessor(spec, months)
    jan, feb, mar = (a.penalty(rule, month_key(Y, m)) for m in (1, 2, 3))
    assert (jan.money, jan.sustained) == (Decimal("500.00"), False)
    assert (feb.money, feb.sustained) == (Decimal("500.00"), False)
    assert (mar.share, mar.money, mar.sustained) == (15, Decimal("1500.00"), True)


def test_the_cap_per_contract_year_limits_later_quarters(spec):
    # Contract Year 1 runs from February 2027 (the effective date). Every month from April
    # 2027 misses everything: each quarter's credits exceed the quarterly cap of 15% x 3 =
    # 45% of a month, so each quarter pays 45%. The yearly cap is 10% of twelve months = 120%
    # of a month: Q2 45, Q3 45 (90 used), Q4 only 30 (120 - 90). A settlement period counts
    # in the Contract Year of its last month.
    bad = {month_key(Y, m): month(misses=5, late=5, fcr=1, score=2) for m in range(4, 13)}
    bad.update({month_key(Y + 1, m): month(misses=5, late=5, fcr=1, score=2) for m in (1, 2, 3)})
    a = assessor(spec, bad)
    q2, q3, q4 = (a.settlement(month_key(Y, m)) for m in (6, 9, 12))
    assert (q2.payable_share, q3.payable_share, q4.payable_share) == (45, 45, 30)
    assert (q4.year_cap_share, q4.year_used_share) == (120, 90)
    assert q4.payable_money == Decimal("3000.00")
    # Q1 2028 ends in March 2028, Contract Year 2: a fresh yearly cap.
    assert a.settlement(month_key(Y + 1, 3)).year_used_share == 0


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [("1234.565", "USD", "1234.57"), ("1234.5", "JPY", "1235"), ("1.0005", "KWD", "1.001")],
)
def test_money_is_rounded_once_half_up_to_the_minor_unit(amount, currency, expected):
    assert str(to_minor(Decimal(amount), currency)) == expected
