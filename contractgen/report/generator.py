"""Synthetic ticket exports for a deal: the same seed gives the same file, byte for byte.

Why synthetic data shaped by the deal: examples, tests and the benchmark need tickets whose
response and resolution times straddle the deal's own targets on the deal's own clocks (a P1
answered in 3.5 of its 4 Business Hours over a weekend), so the generator draws a share of the
budget and asks the calendar engine for the instant it runs out, rather than adding hours.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import random
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from contractgen.domain.calendar import BusinessCalendar, from_us, to_us
from contractgen.errors import UserError
from contractgen.report.measure import Rules
from contractgen.report.tickets import COLUMN_NAMES
from contractgen.spec.models import DealSpec

_US_HOUR = 3_600_000_000
_MIX = {"P0": 5, "P1": 15, "P2": 40, "P3": 40}
_ISSUES = ("scale-drift", "offline-shelf", "label-mismatch", "report-late", "vlan-drop")


def generate(
    spec: DealSpec, count: int, first_month: int, months: int, seed: int
) -> Iterator[tuple[dict[str, str], list[dict[str, str]]]]:
    """(ticket row, its event rows) in order of creation."""
    rng = random.Random(seed)
    calendar = BusinessCalendar.from_spec(spec.calendar)
    rules = Rules(spec, calendar)
    zone = calendar.zone
    start = rules.months.start(first_month)
    stop = rules.months.start(first_month + months)
    step = (stop - start) / count
    ids = [p.id for p in spec.support.priorities]
    weights = [_MIX.get(pid, 10) for pid in ids]
    excusable = sorted(rules.pause_reasons)
    scale = spec.support.csat.scale
    sites = [f"store-{i:03d}" for i in range(1, 41)]
    for n in range(count):
        created = int(start + n * step + rng.random() * step * 0.5)
        if rng.random() < 0.8:
            # Most tickets arrive while the desk is open.
            created = to_us(calendar.next_opening(from_us(created))) + rng.randrange(
                0, 4 * _US_HOUR
            )
        pid = rng.choices(ids, weights)[0]
        targets = rules.for_ticket(pid, first_month)
        resp, res = targets.response, targets.resolution
        row = dict.fromkeys(COLUMN_NAMES, "")
        row["ticket_id"] = f"T-{n + 1:07d}"
        row["priority"] = pid
        row["created_at"] = _iso(created, zone)
        events: list[dict[str, str]] = []
        if rng.random() < 0.98:
            share = rng.choice((0.2, 0.5, 0.8, 0.95, 1.0, 1.0, 1.4)) * rng.uniform(0.5, 1.0)
            if rng.random() < 0.03:
                share = 1.0  # exactly on the deadline: still within
            row["first_response_at"] = _iso(
                resp.clock.deadline_us(created, int(resp.budget_us * share)), zone
            )
        resolved = None
        if rng.random() < 0.9:
            share = rng.choice((0.3, 0.6, 0.9, 1.0, 1.2)) * rng.uniform(0.6, 1.05)
            resolved = res.clock.deadline_us(created, int(res.budget_us * share))
            resolved = max(resolved, created + 60_000_000)
            row["resolved_at"] = _iso(resolved, zone)
            closed = resolved + rng.randrange(_US_HOUR, 30 * _US_HOUR)
            row["closed_at"] = _iso(closed, zone)
            fix = rng.random() < 0.72
            row["first_contact_fix"] = "true" if fix else "false"
            row["onsite_visit"] = "true" if rng.random() < 0.08 else "false"
            if rng.random() < 0.06:
                row["escalated_to"] = rng.choice(("L2", "L2", "L3"))
            if rng.random() < 0.45:
                row["csat_score"] = str(min(scale, max(1, round(rng.gauss(4.2, 0.8)))))
            if excusable and rng.random() < 0.04:
                # The Partner waited for the Customer: a pause the exhibit allows.
                p_start = created + (resolved - created) // 3
                p_end = created + (resolved - created) // 2
                why = "customer_caused" if "customer_caused" in excusable else excusable[0]
                events.append(_event(row["ticket_id"], p_start, "paused", why, zone))
                events.append(_event(row["ticket_id"], p_end, "resumed", "", zone))
            elif rng.random() < 0.02:
                first = created + (resolved - created) // 4
                again = created + (resolved - created) // 2
                row["reopened_at"] = _iso(again, zone)
                events.append(_event(row["ticket_id"], first, "resolved", "", zone))
                events.append(_event(row["ticket_id"], again, "reopened", "", zone))
        roll = rng.random()
        if roll < 0.02 and excusable:
            row["excusable"] = excusable[-1]
            row["evidence"] = "Written notice sent to the Brand within 24 hours"
        elif roll < 0.05:
            row["complaint_class"] = "product"
        else:
            row["complaint_class"] = "service"
        row["site"] = rng.choice(sites)
        row["issue"] = rng.choice(_ISSUES)
        yield row, events


def _iso(us: int, zone: object) -> str:
    return from_us(us - us % 1_000_000).astimezone(zone).isoformat()  # type: ignore[arg-type]


def _event(ticket_id: str, at: int, status: str, reason: str, zone: object) -> dict[str, str]:
    return {"ticket_id": ticket_id, "at": _iso(at, zone), "status": status, "reason": reason}


def write_example(
    spec_path: Path,
    count: int,
    first_month: int,
    months: int,
    seed: int,
    fmt: str,
    output: Path,
    events_output: Path | None,
) -> None:
    """Write the tickets (and optionally their events) for the deal in ``spec_path``.

    Rows are streamed to a temporary file beside the target and moved over it at the end, so
    a million-row export needs no more memory than a small one and a failure leaves no half
    file.
    """
    from contractgen.spec.loader import load_spec

    spec = load_spec(spec_path, display=str(spec_path)).spec
    if events_output is not None and str(events_output) == str(output):
        raise UserError(str(events_output), "the events file must differ from the ticket file")
    with contextlib.ExitStack() as stack:
        out = sys.stdout if str(output) == "-" else stack.enter_context(_atomic_text(output))
        ev_out = stack.enter_context(_atomic_text(events_output)) if events_output else None
        writer = csv.DictWriter(out, COLUMN_NAMES, lineterminator="\n") if fmt == "csv" else None
        ev_writer = (
            csv.DictWriter(ev_out, ("ticket_id", "at", "status", "reason"), lineterminator="\n")
            if ev_out is not None
            else None
        )
        if writer is not None:
            writer.writeheader()
        if ev_writer is not None:
            ev_writer.writeheader()
        for row, events in generate(spec, count, first_month, months, seed):
            if writer is not None:
                writer.writerow(row)
            else:
                compact: dict[str, object] = {k: v for k, v in row.items() if v}
                for flag in ("onsite_visit", "first_contact_fix"):
                    if flag in compact:
                        compact[flag] = compact[flag] == "true"
                if "csat_score" in compact:
                    compact["csat_score"] = int(row["csat_score"])
                out.write(json.dumps(compact, ensure_ascii=False) + "\n")
            if ev_writer is not None:
                for ev in events:
                    ev_writer.writerow(ev)


@contextlib.contextmanager
def _atomic_text(path: Path) -> Iterator[TextIO]:
    """A text file written beside ``path`` and moved over it only if the block succeeds."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UserError(str(path), f"cannot write here: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
