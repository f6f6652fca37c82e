"""What each SLA metric counts, as the exhibit's clauses define it — in one module.

The clause templates (``clause_library/support`` and ``remedies``) are the contract; this
module restates them as arithmetic over per-month counts, and says in which month a ticket
counts for each metric (:func:`resolution_month`, :func:`fcr_month`), so that the report,
``lint --history`` and any later wording module read one definition. Each rate is defined
"for a period, or for any longer period over which this Exhibit measures it": a quarter adds
its months' counts (never averages their rates).

* **Response Time miss rate** — Tickets *submitted* in the period (local time of the deal's
  zone) whose first response came later than their Response Time, over all Tickets submitted
  in the period. A Ticket with no recorded first response is a miss. Lower is better.
* **Resolution Achievement Rate** — Tickets Resolved in the period within their Resolution
  Time, over (all Tickets Resolved in the period + Tickets whose Resolution Time *ended* in the
  period without Resolution). A Ticket still open when its Resolution Time ends is late in the
  month its Resolution Time ended, and is not counted again when it is later Resolved; a
  Ticket Resolved late counts once, in that month, as a miss. Higher is better.
* **First-Call Resolution rate** — First-Call Resolutions over the Tickets *counted* for the
  period: those closed in it (closed_at, else resolved_at) whose recurrence window has ended by
  the period's last day; a Ticket closed later (window still running) counts for the following
  month. A First-Call Resolution is fixed in the first contact with the Customer's
  confirmation, no recurrence within the window, no on-site visit, no escalation.
* **CSAT** — the average score of Tickets closed in the period; the survey response rate is
  scores over Tickets closed. Below the deal's minimum rate it is reported but not used for
  service credits or bonuses.
* **Escalations to the Brand** — Tickets submitted in the period that were escalated to a
  tier the Brand staffs (or named after the Brand).
* **Availability** and **on-time installation** are not ticket data: reported as not measured.

Exclusions apply to every ticket metric: an excusable delay whose category the deal lists,
backed by evidence; announced maintenance where the availability exclusions mention it; and a
complaint class that does not count. Periods are calendar months, quarters, half-years and
years in the deal's time zone. The metrics' names are the exhibit's
(:func:`contractgen.domain.wording.spec_metric_name`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from contractgen.spec.models import Metric, Period

HUNDRED = Decimal(100)
RATE_PLACES = Decimal("0.01")
"""Rates and scores are stated to two decimal places, rounded half up."""

TICKET_METRICS = (
    Metric.RESPONSE_MISS_RATE,
    Metric.RESOLUTION_ACHIEVEMENT,
    Metric.FCR,
    Metric.CSAT,
    Metric.ESCALATIONS_TO_BRAND,
)
NOT_IN_TICKETS = (Metric.AVAILABILITY, Metric.INSTALLATION_ON_TIME)


@dataclass
class PriorityCounts:
    """One month and one priority: the counts the per-priority objects report."""

    submitted: int = 0
    response_within: int = 0
    resolved: int = 0
    """Tickets the Resolution Achievement Rate counts in the month: Resolved within their
    Resolution Time in it, plus those whose Resolution Time ended in it without Resolution."""
    resolution_within: int = 0
    closed: int = 0


class _ByPriority(dict[str, PriorityCounts]):
    """Counts per priority, made on first use (a plain lookup afterwards: the hot path)."""

    def __missing__(self, pid: str) -> PriorityCounts:
        counts = self[pid] = PriorityCounts()
        return counts


@dataclass
class MonthCounts:
    """Everything the metrics need from one local calendar month of tickets."""

    by_priority: dict[str, PriorityCounts] = field(default_factory=_ByPriority)
    fcr: int = 0
    fcr_counted: int = 0
    """Tickets the First-Call Resolution rate counts for the month (see :func:`fcr_month`)."""
    closed: int = 0
    csat_responses: int = 0
    csat_sum: int = 0
    escalations_to_brand: int = 0
    excluded: int = 0

    def priority(self, pid: str) -> PriorityCounts:
        return self.by_priority[pid]

    def add(self, other: MonthCounts) -> None:
        for pid, c in other.by_priority.items():
            mine = self.priority(pid)
            mine.submitted += c.submitted
            mine.response_within += c.response_within
            mine.resolved += c.resolved
            mine.resolution_within += c.resolution_within
            mine.closed += c.closed
        self.fcr += other.fcr
        self.fcr_counted += other.fcr_counted
        self.closed += other.closed
        self.csat_responses += other.csat_responses
        self.csat_sum += other.csat_sum
        self.escalations_to_brand += other.escalations_to_brand
        self.excluded += other.excluded

    @property
    def submitted(self) -> int:
        return sum(c.submitted for c in self.by_priority.values())

    @property
    def response_misses(self) -> int:
        return sum(c.submitted - c.response_within for c in self.by_priority.values())

    @property
    def resolved(self) -> int:
        return sum(c.resolved for c in self.by_priority.values())

    @property
    def resolution_within(self) -> int:
        return sum(c.resolution_within for c in self.by_priority.values())


class MonthTable(dict[int, MonthCounts]):
    """Counts per month, made on first use."""

    def __missing__(self, key: int) -> MonthCounts:
        counts = self[key] = MonthCounts()
        return counts


@dataclass(frozen=True)
class Value:
    """A metric's value over a window of months, with the figures it is made of."""

    metric: Metric
    value: Decimal | None
    """None when the window has no ticket the metric counts (no denominator)."""
    numerator: int
    denominator: int
    usable: bool = True
    """False when the value is reported but may not drive penalties or bonuses (CSAT rate)."""
    note: str = ""


def rate(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(part) * HUNDRED / whole).quantize(RATE_PLACES, ROUND_HALF_UP)


def value_of(
    metric: Metric, counts: MonthCounts, min_response_rate: Decimal | None = None
) -> Value:
    """The metric over ``counts`` (one month, or several months added together)."""
    if metric == Metric.RESPONSE_MISS_RATE:
        n, d = counts.response_misses, counts.submitted
        return Value(metric, rate(n, d), n, d)
    if metric == Metric.RESOLUTION_ACHIEVEMENT:
        n, d = counts.resolution_within, counts.resolved
        return Value(metric, rate(n, d), n, d)
    if metric == Metric.FCR:
        n, d = counts.fcr, counts.fcr_counted
        return Value(metric, rate(n, d), n, d)
    if metric == Metric.CSAT:
        n, d = counts.csat_sum, counts.csat_responses
        avg = None if d == 0 else (Decimal(n) / d).quantize(RATE_PLACES, ROUND_HALF_UP)
        response = rate(d, counts.closed)
        usable = True
        note = f"{d} survey response(s) to {counts.closed} closed ticket(s)"
        if min_response_rate is not None and (response is None or response < min_response_rate):
            usable = False
            note += f", a response rate below {min_response_rate.normalize():f}%: reported only"
        return Value(metric, avg, n, d, usable, note)
    if metric == Metric.ESCALATIONS_TO_BRAND:
        n = counts.escalations_to_brand
        return Value(metric, Decimal(n), n, counts.submitted)
    return Value(metric, None, 0, 0, False, "not measured from ticket data")


def meets(metric: Metric, value: Decimal, target: Decimal) -> bool:
    """At or better than the target ("within N" and "at least N" both include N)."""
    return value >= target if metric.higher_is_better else value <= target


def worse_than(metric: Metric, value: Decimal, trigger: Decimal) -> bool:
    """Strictly worse than a penalty trigger (the exhibit's "below" / "above")."""
    return value < trigger if metric.higher_is_better else value > trigger


def earns(metric: Metric, value: Decimal, threshold: Decimal) -> bool:
    """Reaches a bonus threshold as the bonus table words it.

    "At least" for a metric where more is better; "below" for a rate where less is; "no more
    than" for a count of escalations (zero means none).
    """
    if metric == Metric.ESCALATIONS_TO_BRAND:
        return value <= threshold
    return value >= threshold if metric.higher_is_better else value < threshold


# --- in which month a ticket counts --------------------------------------------------------


def resolution_month(
    within: bool, resolved_month: int | None, deadline_month: int | None
) -> int | None:
    """The month a ticket counts in for the Resolution Achievement Rate, or None (not yet).

    Resolved within its Resolution Time: the month of its Resolution. Otherwise the month in
    which its Resolution Time ended (``deadline_month``, None while it has not ended), whether
    or not it was Resolved afterwards — it is counted there once, as late.
    """
    return resolved_month if within else deadline_month


def fcr_month(closed_month: int, window_end_month: int) -> int:
    """The month a closed ticket counts for in the First-Call Resolution rate.

    ``window_end_month`` is the month in which the recurrence window after the close ends
    (the closing month itself when the window ends by its last day, or there is none): a
    ticket whose window is still running at the month's end counts for the following month.
    """
    return closed_month if window_end_month <= closed_month else closed_month + 1


# --- periods -------------------------------------------------------------------------------


def month_key(year: int, month: int) -> int:
    """A month as one integer (months since year 0), so windows are ranges."""
    return year * 12 + month - 1


def month_label(key: int) -> str:
    return f"{key // 12:04d}-{key % 12 + 1:02d}"


def window(period: Period, key: int) -> range:
    """The calendar window of ``period`` that contains month ``key`` (months as keys)."""
    n = period.months
    start = key - (key % 12) % n
    return range(start, start + n)


def window_label(period: Period, months: range) -> str:
    first = months[0]
    year, m = divmod(first, 12)
    if period == Period.MONTH:
        return month_label(first)
    if period == Period.QUARTER:
        return f"{year}-Q{m // 3 + 1}"
    if period == Period.HALF_YEAR:
        return f"{year}-H{m // 6 + 1}"
    return f"{year}"
