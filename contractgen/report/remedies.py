"""Statuses, penalties and bonuses for one reported month, from the per-month counts.

The exhibit's remedies clauses restated as arithmetic:

* a metric is **met** at or better than its target, **close** when short of it but not worse
  than its penalty trigger (without a penalty rule: short of it after a met period), and
  **missed** otherwise; a metric measured over a quarter is shown "to date" in its first months;
* a service credit (the exhibit's word may be "penalty") is assessed when its period ends: a
  row applies when the metric is strictly worse than its trigger in its number of consecutive
  periods (read from the same export; a period without tickets is not a hit). A period counts
  towards only one run of a row: once a run has given rise to a credit, the next run starts
  with the following period. A row's ``escalates`` step (a worse, sustained miss) replaces the
  row's amount for its periods: for the same metric and period only the highest amount that
  applies is deducted, so a sustained run adds only the difference for periods already
  credited. Each amount is a percentage of the base (the Revenue Share, or the Support Fee);
* credits are totalled per settlement period and capped at ``cap_per_period`` % of that
  period's base; a waiver earned by running on target after a credit sets a period's credits
  to nothing; the total for one Contract Year is capped at ``cap_per_contract_year`` % of
  twelve months' base (earlier settlement periods of the year use it up first). Installation
  delay credits are not ticket data and are not in this total (the report does not measure
  installations);
* a bonus is assessed when its period ends, for the threshold held over its consecutive periods.

Money: with ``--revenue`` (the base per month), each penalty is ``amount`` % of the monthly
base times the months it covers, rounded once, half up, to the currency's minor unit; without
it, every penalty is stated as a percentage of its base and of the settlement period's base.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from contractgen.report.measure import Measured
from contractgen.report.metrics import (
    HUNDRED,
    TICKET_METRICS,
    MonthCounts,
    Value,
    earns,
    meets,
    value_of,
    window,
    window_label,
    worse_than,
)
from contractgen.spec.models import (
    CreditWording,
    DealSpec,
    Metric,
    Penalty,
    Period,
    Reward,
    RewardKind,
)

MINOR_UNITS: dict[str, int] = {
    "BHD": 3, "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "IQD": 3, "ISK": 0, "JOD": 3, "JPY": 0,
    "KMF": 0, "KRW": 0, "KWD": 3, "LYD": 3, "OMR": 3, "PYG": 0, "RWF": 0, "TND": 3, "UGX": 0,
    "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
}  # fmt: skip
"""ISO 4217 currencies whose minor unit is not two decimals."""
ROUNDING = "half up"


def credit_words(spec: DealSpec) -> tuple[str, str]:
    """What the report calls the deductions, as the exhibit does: "service credit(s)", or
    "penalty"/"penalties" where ``penalties.wording`` says so."""
    if spec.penalties.wording == CreditWording.PENALTY:
        return "penalty", "penalties"
    return "service credit", "service credits"


def minor_unit(currency: str) -> int:
    return MINOR_UNITS.get(currency, 2)


def to_minor(amount: Decimal, currency: str) -> Decimal:
    """Round once, half up, to the currency's minor unit (cents, or whole yen)."""
    return amount.quantize(Decimal(1).scaleb(-minor_unit(currency)), ROUND_HALF_UP)


@dataclass(frozen=True)
class MetricStatus:
    metric: Metric
    period: Period
    label: str
    """The period measured, e.g. "2027-03" or "2027-Q1"."""
    to_date: bool
    value: Value
    target: Decimal | None
    status: str
    """met | close | missed | no tickets | not measured"""


@dataclass(frozen=True)
class PenaltyResult:
    rule: Penalty
    windows: tuple[tuple[str, Decimal | None], ...]
    """The periods read (oldest first) with their values."""
    applies: bool
    months: int
    """Months of base the penalty is taken of (period length times consecutive periods)."""
    share: Decimal
    """Percent of one month's base: amount times months."""
    money: Decimal | None
    assessed_in: str
    sustained: bool = False
    """The escalating row (a worse, sustained miss) gave the amount."""


@dataclass(frozen=True)
class BonusResult:
    reward: Reward
    windows: tuple[tuple[str, Decimal | None], ...]
    due: bool
    """False while the reward's period has not ended with the reported month."""
    earned: bool
    money: Decimal | None


@dataclass
class Settlement:
    label: str
    period: Period
    penalties: list[PenaltyResult] = field(default_factory=list)
    """Penalties that applied in the settlement period so far, including this month's."""
    total_share: Decimal = Decimal(0)
    """Percent of one month's base, before the cap."""
    cap_share: Decimal | None = None
    year_cap_share: Decimal | None = None
    """The cap per Contract Year, in percent of one month's base (twelve months' worth)."""
    year_used_share: Decimal = Decimal(0)
    """What earlier settlement periods of the same Contract Year paid towards that cap."""
    payable_share: Decimal = Decimal(0)
    waived: str = ""
    total_money: Decimal | None = None
    payable_money: Decimal | None = None


@dataclass
class Assessment:
    month: int
    statuses: list[MetricStatus]
    penalties: list[PenaltyResult]
    """Penalties assessed in the reported month (their period ends with it)."""
    settlement: Settlement
    bonuses: list[BonusResult]
    revenue: Decimal | None
    currency: str

    @property
    def all_met(self) -> bool:
        return all(s.status in ("met", "no tickets", "not measured") for s in self.statuses)


class Assessor:
    def __init__(self, spec: DealSpec, measured: Measured, revenue: Decimal | None) -> None:
        self.spec = spec
        self.months = measured.months
        self.first = measured.first_month
        self.revenue = revenue
        self.currency = spec.deal.currency
        self.min_rate = spec.support.csat.min_response_rate
        self._cache: dict[tuple[Metric, int, int], Value] = {}
        self._ledger: dict[tuple[int, int], dict[int, tuple[Decimal, bool]]] = {}

    # values over windows ------------------------------------------------------------------

    def value(self, metric: Metric, months: range) -> Value:
        key = (metric, months.start, months.stop)
        cached = self._cache.get(key)
        if cached is None:
            total = MonthCounts()
            for k in months:
                c = self.months.get(k)
                if c is not None:
                    total.add(c)
            cached = self._cache[key] = value_of(metric, total, self.min_rate)
        return cached

    def usable(self, metric: Metric, months: range) -> Decimal | None:
        v = self.value(metric, months)
        return v.value if v.usable else None

    def windows(self, period: Period, month: int, n: int) -> list[range]:
        """The ``n`` windows of ``period`` ending with the one containing ``month``."""
        out = [window(period, month)]
        while len(out) < n:
            out.insert(0, window(period, out[0].start - 1))
        return out

    def has_data(self, months: range) -> bool:
        return self.first is not None and months.stop > self.first

    # targets --------------------------------------------------------------------------------

    def target(self, metric: Metric, month: int) -> tuple[Decimal, Period] | None:
        sup = self.spec.support
        year = _contract_year(self.spec, month)
        ramp = next((r for r in self.spec.ramp if r.year == year), None)
        if metric == Metric.RESPONSE_MISS_RATE and sup.response_miss_rate:
            return sup.response_miss_rate.target, sup.response_miss_rate.period
        if metric == Metric.RESOLUTION_ACHIEVEMENT:
            t = ramp.resolution_achievement if ramp and ramp.resolution_achievement else None
            return t or sup.resolution_achievement.target, sup.resolution_achievement.period
        if metric == Metric.FCR:
            return (ramp.fcr if ramp and ramp.fcr else sup.fcr.target), sup.fcr.period
        if metric == Metric.CSAT:
            return (ramp.csat if ramp and ramp.csat else sup.csat.target), sup.csat.period
        if metric == Metric.AVAILABILITY and sup.availability:
            return sup.availability.target, sup.availability.period
        return None

    # the month ------------------------------------------------------------------------------

    def statuses(self, month: int) -> list[MetricStatus]:
        out: list[MetricStatus] = []
        for metric in (*TICKET_METRICS, Metric.AVAILABILITY):
            t = self.target(metric, month)
            if t is None:
                continue
            target, period = t
            months = window(period, month)
            label = window_label(period, months)
            to_date = month != months[-1]
            if metric not in TICKET_METRICS:
                v = value_of(metric, MonthCounts())
                out.append(MetricStatus(metric, period, label, to_date, v, target, "not measured"))
                continue
            months = range(months.start, month + 1)
            v = self.value(metric, months)
            out.append(
                MetricStatus(
                    metric,
                    period,
                    label,
                    to_date,
                    v,
                    target,
                    self._status(metric, v, target, month),
                )
            )
        return out

    def _status(self, metric: Metric, v: Value, target: Decimal, month: int) -> str:
        if v.value is None:
            return "no tickets"
        if meets(metric, v.value, target):
            return "met"
        rule = next((r for r in self.spec.penalties.rules if r.metric == metric), None)
        if rule is not None:
            return "missed" if worse_than(metric, v.value, rule.trigger) else "close"
        t = self.target(metric, month)
        assert t is not None
        prev = window(t[1], window(t[1], month).start - 1)
        pv = self.value(metric, prev).value
        return "close" if pv is not None and meets(metric, pv, target) else "missed"

    def _hit(self, rule: Penalty, w: range, trigger: Decimal) -> bool:
        v = self.usable(rule.metric, w)
        return v is not None and self.has_data(w) and worse_than(rule.metric, v, trigger)

    def _levels(self, rule: Penalty, month: int) -> dict[int, tuple[Decimal, bool]]:
        """Per period of ``rule`` (by its first month), the highest amount that applies after
        the assessment at ``month``, and whether the sustained (escalated) row gave it.

        The exhibit's rules: a row's credit applies when its trigger is hit in its number of
        consecutive periods; a period counts towards only one run of a row (after a run gives
        rise to a credit, the next run starts with the following period); for the same metric
        and period only the highest amount that applies is deducted.
        """
        ledger = self._ledger.get((id(rule), month))
        if ledger is not None:
            return ledger
        rows: list[tuple[Decimal, int, Decimal, bool]] = [
            (rule.trigger, rule.consecutive_periods, rule.amount, False)
        ]
        if rule.escalates is not None:
            e = rule.escalates
            rows.append((e.trigger, e.consecutive_periods, e.amount, True))
        out: dict[int, tuple[Decimal, bool]] = {}
        first = self.first if self.first is not None else month
        start = window(rule.period, min(first, month)).start
        for trigger, n, amount, sustained in rows:
            run: list[range] = []
            k = start
            while k <= month:
                w = window(rule.period, k)
                if w[-1] > month:
                    break
                run = [*run, w] if self._hit(rule, w, trigger) else []
                if len(run) == n:
                    for r in run:
                        if out.get(r.start, (Decimal(0), False))[0] < amount:
                            out[r.start] = (amount, sustained)
                    run = []
                k = w.stop
        self._ledger[(id(rule), month)] = out
        return out

    def penalty(self, rule: Penalty, month: int) -> PenaltyResult | None:
        """The rule assessed at ``month``, or None when its period does not end then.

        What is assessed is what the month adds to the credits already assessed for the same
        metric: a sustained run raises its earlier periods to the higher amount (only the
        difference is added), and a period already at that amount adds nothing.
        """
        if window(rule.period, month)[-1] != month:
            return None
        now = self._levels(rule, month)
        before = self._levels(rule, window(rule.period, month).start - 1)
        added = {
            k: amount - before.get(k, (Decimal(0), False))[0]
            for k, (amount, _) in now.items()
            if amount > before.get(k, (Decimal(0), False))[0]
        }
        sustained = any(now[k][1] for k in added)
        n = rule.consecutive_periods
        if sustained and rule.escalates is not None:
            n = max(n, rule.escalates.consecutive_periods)
        ws = self.windows(rule.period, month, n)
        figures = tuple((window_label(rule.period, w), self.usable(rule.metric, w)) for w in ws)
        applies = bool(added)
        months = rule.period.months * (len(added) if added else rule.consecutive_periods)
        share = sum((a * rule.period.months for a in added.values()), Decimal(0))
        if not applies:
            share = rule.amount * months
        money = None
        if self.revenue is not None:
            money = to_minor(self.revenue * share / HUNDRED, self.currency) if applies else None
        return PenaltyResult(
            rule,
            figures,
            applies,
            months,
            share,
            money,
            window_label(Period.MONTH, range(month, month + 1)),
            sustained,
        )

    def on_target(self, months: range) -> bool:
        """Every penalty-table metric met its table target in every period inside ``months``."""
        for rule in self.spec.penalties.rules:
            k = months.start
            while k < months.stop:
                w = window(rule.period, k)
                v = self.usable(rule.metric, w)
                if v is None or not meets(rule.metric, v, rule.target):
                    return False
                k = w.stop
        return True

    def applied_before(self, month: int) -> bool:
        start = self.first if self.first is not None else month
        return any(
            (p := self.penalty(rule, k)) is not None and p.applies
            for k in range(start, month)
            for rule in self.spec.penalties.rules
        )

    def waived(self, month: int) -> str:
        wv = self.spec.penalties.waiver
        if wv is None:
            return ""
        current = window(wv.period, month)
        for j in range(wv.waives):
            run = self.windows(
                wv.period, current.start - 1 - j * wv.period.months, wv.after_periods_met
            )
            span = range(run[0].start, run[-1].stop)
            if not self.has_data(span) or span.start < (self.first or span.start):
                continue
            between = range(span.stop, current.start)
            if (
                self.on_target(span)
                and self.applied_before(span.start)
                and not any(
                    (p := self.penalty(r, k)) is not None and p.applies
                    for k in between
                    for r in self.spec.penalties.rules
                )
            ):
                labels = ", ".join(window_label(wv.period, w) for w in run)
                return (
                    f"waived: every target in the penalty table was met in {labels} after a "
                    "penalty had applied"
                )
        return ""

    def settlement(self, month: int) -> Settlement:
        """The settlement period of ``month`` so far: its credits, after the cap per period,
        the waiver and the cap per Contract Year (what earlier settlement periods of the same
        Contract Year already used of it)."""
        pen = self.spec.penalties
        s_window = window(pen.settlement, month)
        s = Settlement(window_label(pen.settlement, s_window), pen.settlement)
        for k in range(s_window.start, month + 1):
            for rule in pen.rules:
                p = self.penalty(rule, k)
                if p is not None and p.applies:
                    s.penalties.append(p)
        s.total_share = sum((p.share for p in s.penalties), Decimal(0))
        s.payable_share = s.total_share
        if pen.cap_per_period is not None:
            s.cap_share = pen.cap_per_period * pen.settlement.months
            s.payable_share = min(s.total_share, s.cap_share)
        s.waived = self.waived(month)
        if s.waived:
            s.payable_share = Decimal(0)
        if pen.cap_per_contract_year is not None:
            year = _contract_year(self.spec, month)
            s.year_cap_share = pen.cap_per_contract_year * 12
            used = Decimal(0)
            k = s_window.start - 1
            while (
                self.first is not None
                and k >= self.first
                and _contract_year(self.spec, window(pen.settlement, k)[-1]) == year
            ):
                used += self.settlement(window(pen.settlement, k)[-1]).payable_share
                k = window(pen.settlement, k).start - 1
            s.year_used_share = used
            s.payable_share = max(Decimal(0), min(s.payable_share, s.year_cap_share - used))
        if self.revenue is not None:
            s.total_money = sum((p.money or Decimal(0) for p in s.penalties), Decimal(0))
            capped = to_minor(self.revenue * s.payable_share / HUNDRED, self.currency)
            s.payable_money = min(capped, s.total_money)
        return s

    def bonus(self, reward: Reward, month: int) -> BonusResult:
        due = window(reward.period, month)[-1] == month
        n = reward.consecutive_periods or 1
        ws = self.windows(reward.period, month, n)
        ws[-1] = range(ws[-1].start, month + 1)
        figures = tuple((window_label(reward.period, w), self.usable(reward.metric, w)) for w in ws)
        earned = due and all(
            v is not None and self.has_data(w) and earns(reward.metric, v, reward.threshold)
            for w, (_, v) in zip(ws, figures, strict=True)
        )
        money = None
        if earned and reward.kind == RewardKind.ONE_TIME and reward.payment is not None:
            money = to_minor(reward.payment.amount, reward.payment.currency)
        return BonusResult(reward, figures, due, earned, money)

    def assess(self, month: int) -> Assessment:
        penalties = [p for r in self.spec.penalties.rules if (p := self.penalty(r, month))]
        return Assessment(
            month,
            self.statuses(month),
            penalties,
            self.settlement(month),
            [self.bonus(r, month) for r in self.spec.rewards],
            self.revenue,
            self.currency,
        )


def _contract_year(spec: DealSpec, month: int) -> int:
    eff = spec.deal.effective_date
    return (month - (eff.year * 12 + eff.month - 1)) // 12 + 1
