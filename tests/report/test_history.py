"""``lint --history``: the replay prints attainment per period, predicted penalties and warnings."""

from __future__ import annotations

from tests.report.conftest import CASE_SPEC, TICKETS


def test_history_warns_at_each_missed_target_with_its_figures(run_cli):
    result = run_cli("lint", CASE_SPEC, "--spec-only", "--history", TICKETS)
    assert result.exit_code == 0  # warnings fail a run only with --strict
    out = result.stdout
    # March response: 3 of 8 missed (see test_golden for the ticket-by-ticket reasons).
    assert "2027-03 37.5% (3 of 8) missed" in out
    assert "2027-02 20% (1 of 5) missed; 2027-03 12.5% (1 of 8) missed" in out
    # Penalties as a report would assess them: March miss rate 5%, FCR 2 months x 5% = 10%,
    # Q1 CSAT 3 months x 10% = 30%.
    assert "total 45%" in out
    warnings = [line for line in out.splitlines() if line.endswith("[history]")]
    # The miss-rate target sits at support.response_miss_rate.target in the example spec.
    assert any(":185:13: warning" in w and "Response Time miss rate" in w for w in warnings)
    assert any(
        "2 of 4 P1 tickets (50%) had their resolution within 24 hours" in w for w in warnings
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
