"""``lint --history``: the replay prints attainment per period, predicted penalties and warnings."""

from __future__ import annotations

from tests.report.conftest import CASE_SPEC, TICKETS


def test_history_warns_at_each_missed_target_with_its_figures(run_cli):
    result = run_cli("lint", CASE_SPEC, "--spec-only", "--history", TICKETS)
    assert result.exit_code == 0  # warnings fail a run only with --strict
    out = result.stdout
    # Response: February 2 of 5 and March 3 of 9 missed (see test_golden for the
    # ticket-by-ticket reasons); FCR February 1 of 4, March 1 of 6.
    assert "2027-02 40% (2 of 5) missed; 2027-03 33.33% (3 of 9) missed" in out
    assert "2027-02 25% (1 of 4) missed; 2027-03 16.67% (1 of 6) missed" in out
    # The replay reads no events file, so M4's customer-caused pause does not stop its clock
    # (35 Business Hours > 27: late): Q1 resolution 12 of 14, where the report has 13 of 14.
    assert "2027-Q1 (part) 85.71% (12 of 14)" in out
    # Service credits as a report would assess them: February miss rate 5%, March miss rate
    # sustained 15% (10% for February and March instead of 5%), FCR 2 months x 5% = 10%, Q1
    # CSAT 3 months x 10% = 30%.
    assert "total 60%" in out
    warnings = [line for line in out.splitlines() if line.endswith("[history]")]
    # The miss-rate target sits at support.response_miss_rate.target in the example spec.
    lines = CASE_SPEC.read_text(encoding="utf-8").splitlines()
    at = lines.index("  response_miss_rate:") + 2
    assert lines[at - 1] == "    target: 10%"
    assert any(f":{at}:13: warning" in w and "Response Time miss rate" in w for w in warnings)
    assert any(
        "only 3 of 5 P1 tickets (60%) had their response within 4 business hours" in w
        for w in warnings
    )


def test_history_warnings_fail_under_strict(run_cli):
    result = run_cli("lint", CASE_SPEC, "--spec-only", "--strict", "--history", TICKETS)
    assert result.exit_code == 1


def test_a_bad_history_file_is_bad_input(run_cli, tmp_path):
    bad = tmp_path / "h.csv"
    bad.write_text("ticket_id,priority,created_at\nT-1,P9,2027-03-02T09:15:00Z\n", encoding="utf-8")
    result = run_cli("lint", CASE_SPEC, "--spec-only", "--history", bad)
    assert result.exit_code == 2
    assert 'h.csv:2:5: column priority: "P9" is not a priority of this deal' in result.stderr
