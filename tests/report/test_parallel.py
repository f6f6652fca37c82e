"""Measuring a file in two halves gives exactly the single pass's report."""

from __future__ import annotations

import json

import pytest

from contractgen.domain.calendar import BusinessCalendar
from contractgen.errors import UserError
from contractgen.report.cli import parse_period
from contractgen.report.events import read_events
from contractgen.report.generator import write_example
from contractgen.report.measure import Rules
from contractgen.report.parallel import measure_file
from contractgen.report.remedies import Assessor
from contractgen.report.render import record, to_json
from contractgen.spec.loader import load_spec
from tests.report.conftest import CASE_SPEC


@pytest.fixture(scope="module")
def spec():
    return load_spec(CASE_SPEC).spec


def _report(spec, tickets, events, min_bytes):
    rules = Rules(spec, BusinessCalendar.from_spec(spec.calendar))
    log = read_events(events) if events else None
    month = parse_period("2027-03")
    measured = measure_file(tickets, rules, log, month, min_bytes=min_bytes)
    return to_json(record(spec, rules, measured, Assessor(spec, measured, None).assess(month)))


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_two_halves_equal_one_pass(spec, tmp_path, fmt):
    tickets, events = tmp_path / f"t.{fmt}", tmp_path / "e.csv"
    write_example(CASE_SPEC, 1500, parse_period("2027-02"), 2, 3, fmt, tickets, events)
    one = _report(spec, tickets, events, min_bytes=10**12)
    two = _report(spec, tickets, events, min_bytes=1)
    assert json.loads(one)["tickets_read"] == 1500
    assert one == two


def test_bad_rows_in_both_halves_keep_their_lines(spec, tmp_path):
    tickets = tmp_path / "t.csv"
    write_example(CASE_SPEC, 400, parse_period("2027-02"), 1, 3, "csv", tickets, None)
    lines = tickets.read_text(encoding="utf-8").splitlines(keepends=True)
    for n in (10, 390):
        lines[n - 1] = lines[n - 1].replace(",P", ",P9", 1)
    tickets.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(UserError) as err:
        _report(spec, tickets, None, min_bytes=1)
    assert [d.location.line for d in err.value.diagnostics] == [10, 390]
