"""The report's misses, ticket by ticket, against the day-by-day oracle of tests/domain.

Generated tickets (the generator aims at the deadlines, so many answers fall exactly on them)
over February to April 2027 — nights, weekends, Presidents' Day, the March DST change, pauses
the deal allows (across weekends too) and reopen cycles — are reported for March; the oracle
recomputes every ticket's response and resolution time by walking the calendar a day at a time
(a late Resolution counts in the month its Resolution Time ended, as the exhibit defines it),
with the exhibit's targets typed in here rather than read through the engine.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from zoneinfo import ZoneInfo

from tests.domain.test_calendar_oracle import oracle_elapsed
from tests.report.conftest import CASE_SPEC

H = dt.timedelta(hours=1)
# priority -> (response budget, business?, resolution budget, business?)  (case-study exhibit)
TARGETS = {
    "P0": (2 * H, False, 8 * H, False),
    "P1": (4 * H, True, 18 * H, True),  # 2 Business Days of 9 Business Hours
    "P2": (8 * H, True, 27 * H, True),
    "P3": (24 * H, True, 63 * H, True),
}
LA = ZoneInfo("America/Los_Angeles")
MARCH = dt.datetime(2027, 3, 1, tzinfo=LA)
APRIL = dt.datetime(2027, 4, 1, tzinfo=LA)


def _elapsed(business: bool, start, end, stops) -> dt.timedelta:
    if business:
        return oracle_elapsed("case-study", start, end, stops)
    total = end - start
    for p, q in _merged(stops):
        lo, hi = max(p, start), min(q, end)
        if hi > lo:
            total -= hi - lo
    return total


def _merged(stops):
    out: list[list[dt.datetime]] = []
    for p, q in sorted(stops):
        if out and p <= out[-1][1]:
            out[-1][1] = max(out[-1][1], q)
        else:
            out.append([p, q])
    return out


def test_report_misses_match_the_oracle(run_cli, tmp_path):
    tickets, events = tmp_path / "t.csv", tmp_path / "e.csv"
    made = run_cli(
        "tickets", "--example", CASE_SPEC, "--count", "600", "--start", "2027-02",
        "--months", "3", "--seed", "11", "-o", tickets, "--events-output", events,
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    result = run_cli(
        "report", CASE_SPEC, "--tickets", tickets, "--events", events,
        "--period", "2027-03", "-o", tmp_path / "out", "--format", "json",
    )  # fmt: skip
    assert result.exit_code in (0, 1), result.output
    data = json.loads(
        (tmp_path / "out" / "shelfwise-pacific-2027" / "sla-report-2027-03.json").read_text()
    )
    got = {(r["metric"], r["priority"]): sorted(r["misses"]) for r in data["priorities"]}

    pauses: dict[str, list] = {}
    resolved_at: dict[str, dt.datetime] = {}
    gaps: dict[str, list] = {}
    with events.open() as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        at = dt.datetime.fromisoformat(row["at"])
        if row["status"] == "paused" and row["reason"] == "customer_caused":
            pauses.setdefault(row["ticket_id"], []).append([at, None])
        elif row["status"] == "resumed":
            pauses[row["ticket_id"]][-1][1] = at
        elif row["status"] == "resolved":
            resolved_at[row["ticket_id"]] = at
        elif row["status"] == "reopened":
            gaps.setdefault(row["ticket_id"], []).append((resolved_at[row["ticket_id"]], at))

    want: dict[tuple[str, str], list[str]] = {k: [] for k in got}
    counted = 0
    with tickets.open() as fh:
        for t in csv.DictReader(fh):
            if t["complaint_class"] in ("product", "expectation") or (
                t["excusable"] and t["evidence"]
            ):
                continue
            created = dt.datetime.fromisoformat(t["created_at"])
            resp_budget, resp_bh, res_budget, res_bh = TARGETS[t["priority"]]
            stops = [tuple(p) for p in pauses.get(t["ticket_id"], [])]
            if (created.astimezone(LA).year, created.astimezone(LA).month) == (2027, 3):
                counted += 1
                answer = t["first_response_at"]
                late = (
                    not answer
                    or _elapsed(resp_bh, created, dt.datetime.fromisoformat(answer), stops)
                    > resp_budget
                )
                if late:
                    want[("response", t["priority"])].append(t["ticket_id"])
            # Resolution: a ticket not Resolved within its Resolution Time is late in the month
            # its Resolution Time ended (Resolved later or still open): the budget had not run
            # out by 1 March and had by 1 April.
            done = dt.datetime.fromisoformat(t["resolved_at"]) if t["resolved_at"] else None
            all_stops = stops + gaps.get(t["ticket_id"], []) if done else stops
            if done is None or _elapsed(res_bh, created, done, all_stops) > res_budget:
                before = _elapsed(res_bh, created, max(created, MARCH), all_stops)
                by_end = _elapsed(res_bh, created, max(created, APRIL), all_stops)
                if before < res_budget <= by_end:
                    want[("resolution", t["priority"])].append(t["ticket_id"])
    assert counted > 150
    assert sum(len(v) for v in want.values()) > 10  # the comparison has misses to compare
    assert got == {k: sorted(v) for k, v in want.items()}
