"""The monthly SLA report as JSON, Markdown (the SLA Report appendix, filled in) and Word.

Why one record and two renderings: :func:`record` builds the whole report as plain data;
the Markdown is written from that record and the Word file from that Markdown, through the
project's Markdown-to-Word renderer in the house style, so the three cannot tell different
stories. Everything is sorted and no clock is read, so the same inputs give the same bytes.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from statistics import median_low
from typing import Any

from contractgen.domain.wording import spec_metric_name
from contractgen.library.filters import pct, score, short_clocked
from contractgen.outline import Anchor, bookmark_name, heading_number, heading_slug
from contractgen.report.measure import Measured, Rules
from contractgen.report.metrics import month_label
from contractgen.report.remedies import ROUNDING, Assessment, credit_words, minor_unit
from contractgen.spec.models import DealSpec, Metric, PenaltyBase, RewardKind

_US_PER_HOUR = Decimal(3_600_000_000)
LIST_LIMIT = 100
"""Ticket ids shown per list in the Markdown and Word report; the JSON has them all, so a
month of a million tickets still gives a document a person can read."""


def _num(d: Decimal | None) -> str | None:
    return None if d is None else format(d.normalize(), "f") if d == d.to_integral() else str(d)


def _value_text(metric: Metric, v: Decimal | None) -> str:
    if v is None:
        return "n/a"
    if metric == Metric.CSAT:
        return score(v)
    if metric == Metric.ESCALATIONS_TO_BRAND:
        return str(int(v))
    return pct(v)


def _hours(us: int) -> Decimal:
    return (Decimal(us) / _US_PER_HOUR).quantize(Decimal("0.01"))


def record(
    spec: DealSpec, rules: Rules, measured: Measured, assessment: Assessment
) -> dict[str, Any]:
    """The whole report as JSON-ready data (Decimals as strings)."""
    month = assessment.month
    counts = measured.months.get(month)
    detail = measured.detail
    per_priority: list[dict[str, Any]] = []
    for p in spec.support.priorities:
        pc = counts.by_priority.get(p.id) if counts else None
        targets = rules.for_ticket(p.id, month)
        times = detail.response_times.get(p.id)
        median = _hours(median_low(times)) if times else None
        resp_misses = sorted(detail.response_misses.get(p.id, []))
        res_misses = sorted(detail.resolution_misses.get(p.id, []))
        per_priority.append(
            {
                "metric": "response",
                "priority": p.id,
                "target": targets.response.text,
                "tickets": pc.submitted if pc else 0,
                "within_target": pc.response_within if pc else 0,
                "misses": resp_misses,
                "median_hours": _num(median),
            }
        )
        per_priority.append(
            {
                "metric": "resolution",
                "priority": p.id,
                "target": targets.resolution.text,
                "tickets": pc.resolved if pc else 0,
                "within_target": pc.resolution_within if pc else 0,
                "misses": res_misses,
            }
        )
    s = assessment.settlement
    cur = assessment.currency
    return {
        "deal": spec.deal.id,
        "period": month_label(month),
        "time_zone": rules.calendar.timezone,
        "holidays": list(rules.calendar.holiday_codes),
        "tickets_read": measured.tickets,
        "opened": {
            p.id: (
                counts.by_priority[p.id].submitted if counts and p.id in counts.by_priority else 0
            )
            for p in spec.support.priorities
        },
        "closed": {
            p.id: (counts.by_priority[p.id].closed if counts and p.id in counts.by_priority else 0)
            for p in spec.support.priorities
        },
        "priorities": per_priority,
        "metrics": [
            {
                "metric": str(st.metric),
                "period": str(st.period),
                "measured_over": st.label + (" (to date)" if st.to_date else ""),
                "value": _num(st.value.value),
                "numerator": st.value.numerator,
                "denominator": st.value.denominator,
                "target": _num(st.target),
                "status": st.status,
                "counts_for_adjustments": st.value.usable,
                "note": st.value.note,
            }
            for st in assessment.statuses
        ],
        "exclusions": [
            {"ticket_id": e.ticket_id, "reason": e.reason}
            for e in sorted(detail.exclusions, key=lambda e: e.ticket_id)
        ],
        "claims_not_excluded": [
            {"ticket_id": e.ticket_id, "reason": e.reason}
            for e in sorted(detail.not_excluded, key=lambda e: e.ticket_id)
        ],
        "pauses_not_applied": [
            {"ticket_id": e.ticket_id, "reason": e.reason}
            for e in sorted(detail.refused_pauses, key=lambda e: (e.ticket_id, e.reason))
        ],
        "penalties": [
            {
                "metric": str(p.rule.metric),
                "period": str(p.rule.period),
                "trigger": _num(
                    p.rule.escalates.trigger if p.sustained and p.rule.escalates else p.rule.trigger
                ),
                "sustained": p.sustained,
                "periods_read": [{"period": lbl, "value": _num(v)} for lbl, v in p.windows],
                "applies": p.applies,
                "amount_percent": _num(
                    p.rule.escalates.amount if p.sustained and p.rule.escalates else p.rule.amount
                ),
                "percent_of_monthly_base": _num(p.share),
                "base": str(p.rule.base),
                "base_months": p.months,
                "amount": _num(p.money),
            }
            for p in assessment.penalties
        ],
        "settlement": {
            "period": s.label,
            "penalties_so_far": [
                {
                    "metric": str(p.rule.metric),
                    "assessed_in": p.assessed_in,
                    "amount": _num(p.money),
                    "percent_of_monthly_base": _num(p.share),
                }
                for p in s.penalties
            ],
            "total_percent_of_monthly_base": _num(s.total_share),
            "cap_percent_of_monthly_base": _num(s.cap_share),
            "year_cap_percent_of_monthly_base": _num(s.year_cap_share),
            "year_used_percent_of_monthly_base": _num(s.year_used_share),
            "payable_percent_of_monthly_base": _num(s.payable_share),
            "waiver": s.waived,
            "total": _num(s.total_money),
            "payable": _num(s.payable_money),
        },
        "bonuses": [
            {
                "metric": str(b.reward.metric),
                "period": str(b.reward.period),
                "threshold": _num(b.reward.threshold),
                "periods_read": [{"period": lbl, "value": _num(v)} for lbl, v in b.windows],
                "due": b.due,
                "earned": b.earned,
                "kind": str(b.reward.kind),
                "amount_percent": _num(b.reward.amount),
                "payment": _num(b.money),
            }
            for b in assessment.bonuses
        ],
        "money": {
            "currency": cur,
            "monthly_base": _num(assessment.revenue),
            "minor_unit_digits": minor_unit(cur),
            "rounding": f"each amount rounded once, {ROUNDING}, to the minor unit",
        },
        "all_targets_met": assessment.all_met,
    }


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def to_markdown(spec: DealSpec, data: dict[str, Any]) -> str:
    """The SLA Report appendix's layout, every blank filled from ``data``."""
    partner = spec.parties.partner
    cur = data["money"]["currency"]
    base_name = (
        "Revenue Share"
        if any(r.base == PenaltyBase.REVENUE_SHARE for r in spec.penalties.rules)
        or not spec.penalties.rules
        else "Support Fee"
    )
    credit, credits = credit_words(spec)
    out: list[str] = []
    add = out.append
    add(f"# SLA Report — {partner.name} — {data['period']}")
    add("")
    add(
        f"Monthly SLA Report under {spec.deal.exhibit.label} ({spec.deal.title}), computed from "
        f"the ticket export. Clocks: {data['time_zone']}"
        + (f", public holidays of {', '.join(data['holidays'])}" if data["holidays"] else "")
        + "; times around the clock are elapsed real time."
    )
    add("")
    add("## Report Details")
    add("")
    add("| Item | Entry |")
    add("|---|---|")
    add(f"| Partner | {_cell(partner.name)} |")
    add(f"| Reporting month | {data['period']} |")
    add(f"| Deal | {_cell(spec.deal.id)} |")
    add(f"| Tickets read | {data['tickets_read']} |")
    add("")
    add("## 1. Tickets by Priority")
    add("")
    add(
        "| Priority | Tickets opened | Tickets closed | Response Time target "
        "| Median Response Time | Resolution Time target | Late against Resolution Time |"
    )
    add("|---|---|---|---|---|---|---|")
    rows = {(r["metric"], r["priority"]): r for r in data["priorities"]}
    for p in spec.support.priorities:
        resp, res = rows[("response", p.id)], rows[("resolution", p.id)]
        median = resp["median_hours"]
        median_text = "n/a" if median is None else f"{median} h"
        add(
            f"| {p.id} — {_cell(p.name)} | {data['opened'][p.id]} | {data['closed'][p.id]} | "
            f"{short_clocked(p.response)} | {median_text} | {short_clocked(p.resolution)} | "
            f"{len(res['misses'])} of {res['tickets']} |"
        )
    add("")
    add(
        "Median Response Times are on each Priority's own clock (Business Hours or elapsed "
        "hours). Tickets excluded in section 4 are not counted in any figure."
    )
    add("")
    add("## 2. Service Levels")
    add("")
    add("| Metric | Measured over | Target | Actual | Status |")
    add("|---|---|---|---|---|")
    for m in data["metrics"]:
        metric = Metric(m["metric"])
        value = Decimal(m["value"]) if m["value"] is not None else None
        target = Decimal(m["target"])
        word = "At least" if metric.higher_is_better else "At most"
        actual = _value_text(metric, value)
        if (
            metric != Metric.CSAT
            and m["denominator"]
            and metric
            in (
                Metric.RESPONSE_MISS_RATE,
                Metric.RESOLUTION_ACHIEVEMENT,
                Metric.FCR,
            )
        ):
            actual += f" ({m['numerator']} of {m['denominator']})"
        if metric == Metric.CSAT and m["note"]:
            actual += f" ({m['note']})"
        goal = f"{word} {_value_text(metric, target)}"
        add(
            f"| {spec_metric_name(spec, metric)} | {m['measured_over']} | {goal} | "
            f"{_cell(actual)} | "
            f"{m['status']} |"
        )
    add("")
    add(
        'Status: "met" is at or better than the target; "close" is short of the target without '
        f'reaching the trigger of a {credit}; "missed" is any other result.'
    )
    add("")
    add("## 3. Tickets Outside Their Targets")
    add("")
    any_miss = False
    for r in data["priorities"]:
        if r["misses"]:
            any_miss = True
            what = "Response Time" if r["metric"] == "response" else "Resolution Time"
            ids = r["misses"]
            shown = ", ".join(ids[:LIST_LIMIT]) + _more(len(ids))
            count = f"{len(ids)} Ticket{'' if len(ids) == 1 else 's'}"
            add(f"- {r['priority']} {what} ({r['target']}): {count} — {shown}")
    if not any_miss:
        add("No Ticket was outside its Response Time or Resolution Time this month.")
    add("")
    add("## 4. Excusable Delays and Exclusions")
    add("")
    if data["exclusions"]:
        add("| Ticket | Reason |")
        add("|---|---|")
        for e in data["exclusions"][:LIST_LIMIT]:
            add(f"| {_cell(e['ticket_id'])} | {_cell(e['reason'])} |")
        if len(data["exclusions"]) > LIST_LIMIT:
            add("")
            excluded = len(data["exclusions"])
            add(f"{excluded} Tickets were excluded in all{_more(excluded)}")
    else:
        add("No Ticket was excluded this month.")
    extra = data["claims_not_excluded"] + data["pauses_not_applied"]
    if extra:
        add("")
        add("Claims not accepted (the Tickets count as recorded):")
        add("")
        for e in extra[:LIST_LIMIT]:
            add(f"- {_cell(e['ticket_id'])}: {_cell(e['reason'])}")
        if len(extra) > LIST_LIMIT:
            add(f"- {len(extra)} claims in all{_more(len(extra))}")
    add("")
    add(f"## 5. {credits.capitalize()}")
    add("")
    if not data["penalties"]:
        add(f"No {credit} period ends with this month.")
    for p in data["penalties"]:
        metric = Metric(p["metric"])
        read = "; ".join(
            f"{w['period']}: {_value_text(metric, Decimal(w['value']) if w['value'] else None)}"
            for w in p["periods_read"]
        )
        direction = "below" if metric.higher_is_better else "above"
        verdict = "applies" if p["applies"] else "does not apply"
        amount = (
            f"{cur} {_money(p['amount'], cur)}"
            if p["amount"] is not None
            else f"{p['percent_of_monthly_base']}% of one month's {base_name}"
        )
        if p["sustained"]:
            amount += (
                f" (sustained: {p['amount_percent']}% per period instead of the lower amount, "
                "less what was already credited for those periods)"
            )
        line = (
            f"- {spec_metric_name(spec, metric)}"
            + (" (sustained)" if p["sustained"] else "")
            + f", trigger {direction} "
            f"{_value_text(metric, Decimal(p['trigger']))} ({read}): {verdict}"
        )
        add(line + (f" — {amount}" if p["applies"] else ""))
    st = data["settlement"]
    add("")
    add(f"Settlement period {st['period']} to date:")
    add("")
    add("| Item | Amount |")
    add("|---|---|")
    total = _share_or_money(st["total_percent_of_monthly_base"], st["total"], cur, base_name)
    add(f"| {credits.capitalize()} assessed | {total} |")
    if st["cap_percent_of_monthly_base"] is not None:
        cap = _share_or_money(st["cap_percent_of_monthly_base"], None, cur, base_name)
        add(f"| Cap for the period | {cap} |")
    if st["year_cap_percent_of_monthly_base"] is not None:
        cap = _share_or_money(st["year_cap_percent_of_monthly_base"], None, cur, base_name)
        used = _share_or_money(st["year_used_percent_of_monthly_base"], None, cur, base_name)
        add(f"| Cap for the Contract Year | {cap}; used by earlier periods of the year: {used} |")
    if st["waiver"]:
        add(f"| Waiver | {_cell(st['waiver'])} |")
    payable = _share_or_money(st["payable_percent_of_monthly_base"], st["payable"], cur, base_name)
    add(f"| Payable | {payable} |")
    add("")
    add("## 6. Bonuses")
    add("")
    for b in data["bonuses"]:
        metric = Metric(b["metric"])
        read = "; ".join(
            f"{w['period']}: {_value_text(metric, Decimal(w['value']) if w['value'] else None)}"
            for w in b["periods_read"]
        )
        if not b["due"]:
            verdict = "not due this month"
        elif b["earned"]:
            verdict = "earned — " + _bonus_text(b, cur)
        else:
            verdict = "not earned"
        threshold = _value_text(metric, Decimal(b["threshold"]))
        add(
            f"- {spec_metric_name(spec, metric)}, threshold {threshold} per {b['period']} "
            f"({read}): {verdict}"
        )
    if not data["bonuses"]:
        add("The deal has no bonuses.")
    add("")
    add("## 7. Money")
    add("")
    money = data["money"]
    if money["monthly_base"] is None:
        add(
            f"No monthly {base_name} was given, so {credits} are stated as percentages of the "
            f"monthly {base_name}."
        )
    else:
        add(f"Monthly {base_name}: {cur} {_money(money['monthly_base'], cur)}.")
    add(
        f"Amounts are in {cur} with {money['minor_unit_digits']} decimal place(s); "
        f"{money['rounding']}."
    )
    return "\n".join(out) + "\n"


def _more(count: int) -> str:
    """What follows a shortened list: the JSON report always has every ticket id."""
    if count <= LIST_LIMIT:
        return ""
    return f" … and {count - LIST_LIMIT} more (the JSON report lists every one)"


def _money(text: str, currency: str) -> str:
    d = Decimal(text)
    places = minor_unit(currency)
    return f"{d:,.{places}f}"


def _share_or_money(share: str, money: str | None, cur: str, base: str) -> str:
    text = f"{share}% of the monthly {base}"
    if money is not None:
        text = f"{cur} {_money(money, cur)} ({text})"
    return text


def _bonus_text(b: dict[str, Any], cur: str) -> str:
    kind = RewardKind(b["kind"])
    if kind == RewardKind.REVENUE_SHARE_POINTS:
        return f"+{b['amount_percent']} percentage points of Revenue Share for the period"
    if kind == RewardKind.WHOLESALE_DISCOUNT:
        return f"{b['amount_percent']}% off the wholesale price in the following Contract Year"
    return f"a one-time payment of {cur} {_money(b['payment'], cur)}"


def to_docx(spec: DealSpec, markdown: str, month: str, reference: Path | None = None) -> bytes:
    """The Markdown through the project's Word renderer, in the house style (or the styles
    of ``reference``, as ``build --reference-docx``)."""
    from contractgen.docx import render_exhibit
    from contractgen.exhibit import Exhibit

    exhibit = Exhibit(
        key=f"sla-report-{month}",
        title=f"SLA Report {month}",
        markdown=markdown,
        deal_id=spec.deal.id,
        version=spec.deal.exhibit.version,
        company=spec.parties.brand.name,
        subject=f"{spec.parties.brand.name} / {spec.parties.partner.name}",
        keywords=("SLA report", month),
        anchors=section_anchors(markdown),
    )
    return render_exhibit(exhibit, reference=reference)


_SECTION = re.compile(r"^## ([0-9]+)\. (.+)$", re.MULTILINE)


def section_anchors(markdown: str) -> tuple[Anchor, ...]:
    """The numbered sections :func:`to_markdown` writes ("## 3. Tickets Outside Their
    Targets"), as anchors: Word numbers them through the clause outline, like the sections of
    the SLA Report appendix, instead of showing a typed number; the ``.md`` file keeps it."""
    anchors = []
    for number, title in _SECTION.findall(markdown):
        text = f"{heading_number(number)} {title}"
        bookmark = bookmark_name("sla-report", title)
        anchors.append(Anchor(text, number, bookmark, 0, heading_slug(text)))
    return tuple(anchors)
