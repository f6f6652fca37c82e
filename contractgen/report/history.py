"""``lint --history``: replay the partner's past tickets against the spec's targets.

Why: lint's realism rules judge a target against one pilot median; a ticket export says what
every target would actually have done. The replay uses exactly the report's machinery
(:mod:`~contractgen.report.measure`, :mod:`~contractgen.report.remedies`), so the predicted
figures are the figures a report over those months would show. Printed: the attainment of each
metric in every complete period of the export, the penalties that would have applied (as a
share of the monthly base, since no revenue is given), and one warning per target the history
would have missed, at the target's line in the spec.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from contractgen.domain.wording import spec_metric_name
from contractgen.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UserError
from contractgen.report.metrics import (
    TICKET_METRICS,
    meets,
    month_label,
    window,
    window_label,
)
from contractgen.spec.models import Metric

_TARGET_PATHS: dict[Metric, tuple[str, ...]] = {
    Metric.RESPONSE_MISS_RATE: ("support", "response_miss_rate", "target"),
    Metric.RESOLUTION_ACHIEVEMENT: ("support", "resolution_achievement", "target"),
    Metric.FCR: ("support", "fcr", "target"),
    Metric.CSAT: ("support", "csat", "target"),
}


@dataclass(frozen=True)
class Warning_:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: warning {self.message} [history]"


def _fmt(metric: Metric, v: Decimal | None) -> str:
    from contractgen.library.filters import pct, score

    if v is None:
        return "n/a"
    return score(v) if metric == Metric.CSAT else pct(v)


def replay(loaded: Any, tickets: Path) -> tuple[list[str], list[Warning_]]:
    """(summary lines, warnings) for one loaded spec and a ticket export."""
    from contractgen.report.measure import rules_for
    from contractgen.report.parallel import measure_file
    from contractgen.report.remedies import Assessor, credit_words

    spec = loaded.spec
    rules = rules_for(loaded)
    calendar = rules.calendar
    measured = measure_file(tickets, rules, None, None)
    lines = [f"history of {tickets}: {measured.tickets} ticket(s)"]
    warnings: list[Warning_] = []
    if measured.first_month is None or measured.last_month is None:
        return [*lines, "  no tickets to replay"], warnings
    first, last = measured.first_month, measured.last_month
    lines[0] += f", {month_label(first)} to {month_label(last)}, clocks in {calendar.timezone}"
    assessor = Assessor(spec, measured, None)

    for metric in TICKET_METRICS:
        t = assessor.target(metric, last)
        if t is None:
            continue
        target, period = t
        windows = _complete_windows(period, first, last)
        partial = not windows
        if partial:
            windows = [range(window(period, first).start, last + 1)]
        figures = []
        missed = []
        for w in windows:
            v = assessor.value(metric, w)
            ok = v.value is None or not v.usable or meets(metric, v.value, target)
            label = window_label(period, w) + (" (part)" if partial else "")
            detail = "" if metric == Metric.CSAT else f" ({v.numerator} of {v.denominator})"
            figures.append(f"{label} {_fmt(metric, v.value)}{detail}{'' if ok else ' missed'}")
            if not ok:
                missed.append(f"{label}: {_fmt(metric, v.value)}")
        word = "at least" if metric.higher_is_better else "at most"
        lines.append(
            f"  {spec_metric_name(spec, metric)} "
            f"(target {word} {_fmt(metric, target)} per {period}): " + "; ".join(figures)
        )
        if missed:
            loc = loaded.positions.location(_TARGET_PATHS[metric])
            warnings.append(
                Warning_(
                    str(loc),
                    "the ticket history would have missed the "
                    f"{spec_metric_name(spec, metric)} target "
                    f"({word} {_fmt(metric, target)} per {period}) in {len(missed)} of "
                    f"{len(windows)} {period}(s): {'; '.join(missed)}",
                )
            )

    # Per priority: how often each Response and Resolution Time would have held, against the
    # share the rate targets ask of all tickets (100% minus the miss-rate target for responses;
    # the Resolution Achievement target for resolutions).
    miss = assessor.target(Metric.RESPONSE_MISS_RATE, last)
    achieve = assessor.target(Metric.RESOLUTION_ACHIEVEMENT, last)
    goals = {
        "response": (100 - miss[0] if miss else None, "the Response Time miss-rate target allows"),
        "resolution": (achieve[0] if achieve else None, "the Resolution Achievement target asks"),
    }
    for i, p in enumerate(spec.support.priorities):
        for kind, within_name, total_name in (
            ("response", "response_within", "submitted"),
            ("resolution", "resolution_within", "resolved"),
        ):
            share_goal, goal_text = goals[kind]
            within = count = 0
            for counts in measured.months.values():
                pc = counts.by_priority.get(p.id)
                if pc is not None:
                    within += getattr(pc, within_name)
                    count += getattr(pc, total_name)
            if not count:
                continue
            share = (Decimal(within) * 100 / count).quantize(Decimal("0.1"))
            target_text = str(getattr(p, kind))
            shown = _fmt(Metric.FCR, share)
            lines.append(f"  {p.id} {kind} within {target_text}: {within} of {count} ({shown})")
            if share_goal is not None and share < share_goal:
                loc = loaded.positions.location(("support", "priorities", i, kind))
                warnings.append(
                    Warning_(
                        str(loc),
                        f"in the ticket history only {within} of {count} {p.id} tickets "
                        f"({_fmt(Metric.FCR, share)}) had their {kind} within {target_text}, "
                        f"below the {_fmt(Metric.FCR, share_goal)} {goal_text}",
                    )
                )

    # Credits the history would have triggered, assessed month by month as a report would.
    _, credits = credit_words(spec)
    total = Decimal(0)
    hits = []
    for k in range(first, last + 1):
        for rule in spec.penalties.rules:
            res = assessor.penalty(rule, k)
            if res is not None and res.applies:
                total += res.share
                hits.append(
                    f"{month_label(k)} {spec_metric_name(spec, rule.metric)} "
                    f"{format(res.share.normalize(), 'f')}%"
                )
    if hits:
        lines.append(
            f"  predicted {credits} (share of one month's base, before caps and waivers): "
            + "; ".join(hits)
            + f"; total {format(total.normalize(), 'f')}%"
        )
    else:
        lines.append(f"  predicted {credits}: none")
    return lines, warnings


def _complete_windows(period: Any, first: int, last: int) -> list[range]:
    out = []
    w = window(period, first)
    while w.stop - 1 <= last:
        if w.start >= first:
            out.append(w)
        w = range(w.stop, w.stop + period.months)
    return out


def run_history(specs: list[Path], tickets: Path, *, strict: bool) -> int:
    """Print the replay for each spec; exit 1 on warnings only with ``strict``, 2 on bad input."""
    import click

    from contractgen.spec.loader import load_spec

    code = EXIT_OK
    for path in specs:
        try:
            loaded = load_spec(path, display=str(path))
            lines, warnings = replay(loaded, tickets)
        except UserError as err:
            for d in err.diagnostics:
                click.echo(str(d), err=True)
            code = EXIT_USAGE
            continue
        click.echo(f"{path}: " + lines[0])
        for line in lines[1:]:
            click.echo(line)
        for w in warnings:
            click.echo(str(w))
        if warnings and strict and code == EXIT_OK:
            code = EXIT_FINDINGS
    return code
