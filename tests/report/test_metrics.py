"""The exhibit's counting rules for the Resolution Achievement and First-Call Resolution rates.

Case-study clocks: P1 Resolution Time 2 Business Days = 18 Business Hours, Monday to Friday
08:00-17:00 in Los Angeles; Cesar Chavez Day (Wed 31 March 2027) is a holiday; FCR recurrence
window 7 days.
"""

from __future__ import annotations

import json

import pytest

from contractgen.report.metrics import fcr_month, resolution_month
from tests.report.conftest import CASE_SPEC

HEADER = "ticket_id,priority,created_at,first_response_at,resolved_at,closed_at,first_contact_fix"
ROWS = [
    # A: Thu 25 Mar 09:00; 8 + 9 + 1 Business Hours -> its Resolution Time ends Mon 29 Mar
    # 09:00; Resolved late on 5 April: late in March, not counted again in April.
    "A,P1,2027-03-25T09:00:00-07:00,2027-03-25T09:30:00-07:00,2027-04-05T10:00:00-07:00,,false",
    # B: Tue 30 Mar 16:00, still open: 1 h Tuesday, Wednesday a holiday, 9 h Thursday, 8 h
    # Friday -> ends Fri 2 April 16:00: late in April.
    "B,P1,2027-03-30T16:00:00-07:00,2027-03-30T16:30:00-07:00,,,false",
    # C: paused (customer-caused) an hour after creation and still paused: its Resolution
    # Time has not ended, so it counts in no month.
    "C,P1,2027-03-25T09:00:00-07:00,2027-03-25T09:30:00-07:00,,,false",
    # D: Resolved within 3 Business Hours on Mon 1 March, closed then: its window ends 8 March.
    "D,P1,2027-03-01T09:00:00-08:00,2027-03-01T09:30:00-08:00,2027-03-01T12:00:00-08:00,,false",
    # E: a First-Call Resolution closed Sun 28 March: its window ends 4 April -> April.
    "E,P1,2027-03-26T09:00:00-07:00,2027-03-26T09:10:00-07:00,2027-03-26T10:00:00-07:00,"
    "2027-03-28T10:00:00-07:00,true",
    # F: a First-Call Resolution closed 10 March -> March.
    "F,P1,2027-03-10T09:00:00-08:00,2027-03-10T09:10:00-08:00,2027-03-10T10:00:00-08:00,,true",
]
EVENTS = "ticket_id,at,status,reason\nC,2027-03-25T10:00:00-07:00,paused,customer_caused\n"


@pytest.fixture
def report(run_cli, tmp_path):
    (tmp_path / "t.csv").write_text(HEADER + "\n" + "\n".join(ROWS) + "\n", encoding="utf-8")
    (tmp_path / "e.csv").write_text(EVENTS, encoding="utf-8")

    def run(month: str) -> dict:
        result = run_cli(
            "report", CASE_SPEC, "--tickets", tmp_path / "t.csv", "--events", tmp_path / "e.csv",
            "--period", month, "-o", tmp_path / month, "--format", "json",
        )  # fmt: skip
        assert result.exit_code in (0, 1), result.output
        path = tmp_path / month / "shelfwise-pacific-2027" / f"sla-report-{month}.json"
        return json.loads(path.read_text(encoding="utf-8"))

    return run


def _resolution_p1(data: dict) -> tuple[int, list[str]]:
    row = next(
        r for r in data["priorities"] if r["metric"] == "resolution" and r["priority"] == "P1"
    )
    return row["tickets"], row["misses"]


def _fcr(data: dict) -> tuple[int, int]:
    m = next(m for m in data["metrics"] if m["metric"] == "fcr")
    return m["numerator"], m["denominator"]


def test_a_late_ticket_counts_once_in_the_month_its_resolution_time_ended(report):
    march, april = report("2027-03"), report("2027-04")
    # March: D, E, F within; A late (ended 29 March); B ends in April; C has not ended.
    assert _resolution_p1(march) == (4, ["A"])
    # April: B late; A (Resolved in April, late) is not counted again.
    assert _resolution_p1(april) == (1, ["B"])


def test_fcr_counts_a_ticket_once_its_recurrence_window_has_ended(report):
    march, april = report("2027-03"), report("2027-04")
    # March: D (not first-call) and F; E's window runs into April. April: E and A (closed on
    # its Resolution, 5 April; window ends 12 April).
    assert _fcr(march) == (1, 2)
    assert _fcr(april) == (1, 2)


def test_the_month_rules_themselves():
    assert resolution_month(True, 5, 4) == 5
    assert resolution_month(False, 5, 4) == 4
    assert resolution_month(False, None, None) is None
    assert fcr_month(5, 5) == 5
    assert fcr_month(5, 6) == 6
