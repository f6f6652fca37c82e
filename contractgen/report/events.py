"""The optional events file: pauses and reopen cycles, row by row (ticket_id, at, status, reason).

Why a separate file: a ticket export has one row per ticket, but a clock stops and starts
several times — while the Partner waits for the Customer, or between a Resolution and a
reopen. Each event row says what happened to a ticket at an instant:

* ``paused`` (with ``reason``, an excusable-delay category) and ``resumed``: the clock stops
  in between — but only when the deal lists that category as an excusable delay; any other
  pause is reported and not applied, because the exhibit does not allow it;
* ``resolved`` and ``reopened``: a Resolution that did not hold; the resolution clock stops
  between the two and runs again after the reopen (the ticket counts once, at its final
  ``resolved_at``).

Events are few next to tickets, so they are read whole and kept by ticket id; an event for a
ticket the export does not contain is an error at the event's line.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from contractgen.errors import Diagnostic, Location, UserError
from contractgen.report.tickets import DELAY_CATEGORIES, MAX_ERRORS, _RowError, parse_instant

STATUSES = ("paused", "resumed", "resolved", "reopened")
EVENT_COLUMNS = ("ticket_id", "at", "status", "reason")


@dataclass(frozen=True)
class Event:
    line: int
    at: int
    status: str
    reason: str


@dataclass
class Stops:
    """What stops a ticket's clocks: allowed pauses and resolved→reopened gaps (microseconds)."""

    pauses: list[tuple[int, int]] = field(default_factory=list)
    """Pauses the deal allows (an excusable-delay category)."""
    refused: list[tuple[int, int, str]] = field(default_factory=list)
    """Pauses whose reason the deal does not list: (start, end, reason); not applied."""
    gaps: list[tuple[int, int]] = field(default_factory=list)
    """From an earlier Resolution to the reopen that undid it."""


@dataclass
class EventLog:
    """Events by ticket id, with the file positions needed to blame a line."""

    path: str
    by_ticket: dict[str, list[Event]] = field(default_factory=dict)
    first_line: dict[str, int] = field(default_factory=dict)

    def stops(self, ticket_id: str, end: int | None, allowed: Iterable[str]) -> Stops:
        """The ticket's stops; an open pause ends at ``end`` (its final Resolution) if given."""
        events = self.by_ticket.get(ticket_id)
        out = Stops()
        if not events:
            return out
        allowed = set(allowed)
        paused: Event | None = None
        resolved: Event | None = None
        for ev in events:
            if ev.status == "paused":
                if paused is not None:
                    raise _event_error(self.path, ev, "a second pause before the first resumed")
                paused = ev
            elif ev.status == "resumed":
                if paused is None:
                    raise _event_error(self.path, ev, "resumed without a pause before it")
                _add_pause(out, paused, ev.at, allowed)
                paused = None
            elif ev.status == "resolved":
                resolved = ev
            else:  # reopened
                if resolved is None:
                    raise _event_error(self.path, ev, "reopened without a resolution before it")
                out.gaps.append((resolved.at, ev.at))
                resolved = None
        if paused is not None and end is not None and end > paused.at:
            _add_pause(out, paused, end, allowed)
        return out

    def unused(self, seen: set[str]) -> None:
        """Raise for events of tickets the export did not contain."""
        missing = sorted((self.first_line[t], t) for t in self.by_ticket if t not in seen)
        if missing:
            raise UserError.many(
                Diagnostic(
                    Location(self.path, line, 1),
                    f'column ticket_id: "{t}" is not a ticket in the ticket file; expected the '
                    "id of a ticket row, e.g. T-10042",
                )
                for line, t in missing[:MAX_ERRORS]
            )


def _add_pause(out: Stops, start: Event, end: int, allowed: set[str]) -> None:
    if start.reason in allowed:
        out.pauses.append((start.at, end))
    else:
        out.refused.append((start.at, end, start.reason))


def _event_error(path: str, ev: Event, what: str) -> UserError:
    return UserError(
        path,
        f"column status: {what}; expected paused/resumed and resolved/reopened in pairs, "
        "in time order per ticket",
        ev.line,
        1,
    )


def read_events(path: Path) -> EventLog:
    """Read and check an events file (CSV with a header, or JSON Lines)."""
    display = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(display, "is not UTF-8 text", 1, 1) from None
    except OSError as exc:
        raise UserError(display, f"cannot read: {exc.strerror or exc}") from None
    log = EventLog(display)
    errors: list[Diagnostic] = []
    rows = (
        _json_rows(text, display, errors)
        if text.lstrip().startswith("{")
        else _csv_rows(text, display)
    )
    for line, row in rows:
        try:
            ev_id, ev = _event(line, row)
        except _RowError as err:
            errors.append(
                Diagnostic(
                    Location(display, line, 1),
                    f"column {err.column}: {err.message}; {_EXPECTED[err.column]}",
                )
            )
            if len(errors) >= MAX_ERRORS:
                break
            continue
        log.by_ticket.setdefault(ev_id, []).append(ev)
        log.first_line.setdefault(ev_id, line)
    if errors:
        raise UserError.many(errors)
    for events in log.by_ticket.values():
        events.sort(key=lambda e: (e.at, e.line))
    return log


_EXPECTED = {
    "ticket_id": "expected the id of a ticket row, e.g. T-10042",
    "at": "expected an ISO 8601 date and time with a UTC offset or Z, e.g. 2027-03-02T11:00:00Z",
    "status": "expected one of " + ", ".join(STATUSES),
    "reason": "expected, for a pause, one of " + ", ".join(DELAY_CATEGORIES),
}


def _event(line: int, row: dict[str, str]) -> tuple[str, Event]:
    ticket_id = row.get("ticket_id", "").strip()
    if not ticket_id:
        raise _RowError("ticket_id", "is empty")
    at_text = row.get("at", "").strip()
    if not at_text:
        raise _RowError("at", "is empty")
    at = parse_instant(at_text, "at")
    status = row.get("status", "").strip()
    if status not in STATUSES:
        raise _RowError("status", f'"{status}" is not a known status')
    reason = row.get("reason", "").strip()
    if status == "paused" and not reason:
        raise _RowError("reason", "is empty; a pause needs its cause")
    if reason and reason not in DELAY_CATEGORIES:
        raise _RowError("reason", f'"{reason}" is not a known cause')
    return ticket_id, Event(line, at, status, reason)


def _csv_rows(text: str, display: str) -> Iterable[tuple[int, dict[str, str]]]:
    reader = csv.reader(text.splitlines())
    header = [h.strip() for h in next(reader, [])]
    for i, name in enumerate(header):
        if name not in EVENT_COLUMNS:
            raise UserError(
                display,
                f'unknown column "{name}"; the columns are {", ".join(EVENT_COLUMNS)}',
                1,
                i + 1,
            )
    missing = [c for c in ("ticket_id", "at", "status") if c not in header]
    if missing:
        raise UserError(
            display,
            f"the header lacks the column(s) {', '.join(missing)}; expected "
            "ticket_id,at,status,reason",
            1,
            1,
        )
    for values in reader:
        if not values:
            continue
        if len(values) != len(header):
            raise UserError(
                display,
                f"has {len(values)} fields but the header has {len(header)}",
                reader.line_num,
                1,
            )
        yield reader.line_num, dict(zip(header, values, strict=True))


def _json_rows(
    text: str, display: str, errors: list[Diagnostic]
) -> Iterable[tuple[int, dict[str, str]]]:
    for line, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise UserError(display, f"is not a JSON object: {exc.msg}", line, exc.colno) from None
        if not isinstance(obj, dict) or not all(isinstance(v, str) for v in obj.values()):
            raise UserError(
                display,
                'expected an object of strings, e.g. {"ticket_id": "T-1", "at": '
                '"2027-03-02T11:00:00Z", "status": "paused", "reason": "customer_caused"}',
                line,
                1,
            )
        unknown = sorted(set(obj) - set(EVENT_COLUMNS))
        if unknown:
            raise UserError(
                display,
                f'unknown column "{unknown[0]}"; the columns are {", ".join(EVENT_COLUMNS)}',
                line,
                1,
            )
        yield line, obj
