"""Shared fixtures for the report tests: the case-study deal and its small ticket export."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT

CASE_SPEC = ROOT / "examples" / "case-study-smart-shelf.yaml"
DATA = Path(__file__).parent / "data"
TICKETS = DATA / "case-study-tickets.csv"
EVENTS = DATA / "case-study-events.csv"
GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def case_report(run_cli, tmp_path):
    """Run ``report`` for March 2027 on the committed export; returns (result, deal folder)."""

    def run(*extra: str):
        result = run_cli(
            "report",
            CASE_SPEC,
            "--tickets",
            TICKETS,
            "--events",
            EVENTS,
            "--period",
            "2027-03",
            "-o",
            tmp_path,
            *extra,
        )
        return result, tmp_path / "shelfwise-pacific-2027"

    return run
