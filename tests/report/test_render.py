"""The Markdown report keeps long ticket lists readable; the JSON keeps every id."""

from __future__ import annotations

import json

from contractgen.report.render import LIST_LIMIT


def test_long_lists_are_cut_in_the_document_but_not_in_the_json(run_cli, tmp_path):
    from tests.report.conftest import CASE_SPEC

    rows = ["ticket_id,priority,created_at"]
    rows += [f"T-{n:04d},P2,2027-03-{1 + n % 28:02d}T10:00:00-08:00" for n in range(150)]
    tickets = tmp_path / "t.csv"
    tickets.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run_cli(
        "report", CASE_SPEC, "--tickets", tickets, "--period", "2027-03",
        "-o", tmp_path / "o", "--format", "all",
    )  # fmt: skip
    assert result.exit_code == 1  # no ticket was answered: every one is a miss
    folder = tmp_path / "o" / "shelfwise-pacific-2027"
    markdown = (folder / "sla-report-2027-03.md").read_text(encoding="utf-8")
    line = next(x for x in markdown.splitlines() if x.startswith("- P2 Response Time"))
    assert line.count("T-") == LIST_LIMIT
    assert "150 Tickets" in line
    assert line.endswith("… and 50 more (the JSON report lists every one)")
    data = json.loads((folder / "sla-report-2027-03.json").read_text(encoding="utf-8"))
    p2 = next(r for r in data["priorities"] if r["metric"] == "response" and r["priority"] == "P2")
    assert len(p2["misses"]) == 150
