"""What a reviewer must find in the case-study exhibit, with the spec's own figures.

The case study is the deal that went wrong without an SLA: shelves not calibrated (87% accuracy
against a promised 95%), VLANs not ready, a distributor that "only installs". Its exhibit must
close each of those gaps in words a reviewer can point at.
"""

from __future__ import annotations

import pytest

from contractgen.exhibit import Exhibit
from tests.library.helpers import CASE_STUDY, build, sections

KEYS = [
    "sla-exhibit",
    "appendix-1-installation-checklist",
    "appendix-2-acceptance-record",
    "appendix-3-monthly-report",
]


@pytest.fixture(scope="module")
def exhibits() -> list[Exhibit]:
    return build(CASE_STUDY)


@pytest.fixture(scope="module")
def parts(exhibits: list[Exhibit]) -> dict[str, str]:
    return sections(exhibits[0].markdown)


def test_the_set_and_its_metadata(exhibits: list[Exhibit]) -> None:
    assert [e.key for e in exhibits] == KEYS
    main = exhibits[0]
    assert main.title == "Exhibit D — Service Level Agreement"
    assert main.deal_id == "shelfwise-pacific-2027"
    assert main.version == "1.0"
    assert main.company == "ShelfWise Robotics Co., Ltd."
    assert main.subject == "ShelfWise Robotics Co., Ltd. and Pacific Retail Systems, Inc."
    assert "SLA" in main.keywords
    assert exhibits[1].title == "Exhibit D — Appendix 1: Installation Completion Checklist"
    assert exhibits[3].title == "Exhibit D — Appendix 3: SLA Report Template"
    assert exhibits[1].clause_versions == (("installation-checklist", "1.0"),)


def test_headings_follow_the_house_style(exhibits: list[Exhibit]) -> None:
    main = exhibits[0].markdown
    assert main.startswith("# Exhibit D — Service Level Agreement\n")
    assert "\n## 10. Escalation\n" in main
    assert "\n### 10.1 Support Tiers\n" in main


def test_calibration_is_a_completion_criterion(parts: dict[str, str]) -> None:
    text = parts["Installation Completion"]
    assert "| 5 | Calibration |" in text
    assert "certified reference weights after mounting and again after 48 hours" in text
    assert "Calibration record per shelf with reference weights and measured deviation" in text
    assert "VLAN and firewall rules" in text
    assert "fifteen (15) Business Days after the Products arrive" in text
    assert (
        "the Installation Fee for that installation is reduced by one percent (1%) for each" in text
    )
    assert '(a "Delay Credit")' in text
    assert "grace period of two (2) Business Days" in text
    assert "shall not exceed ten percent (10%)" in text


def test_checklist_has_a_ticked_item_per_criterion(exhibits: list[Exhibit]) -> None:
    checklist = exhibits[1].markdown
    for item in (
        "Physical installation",
        "Network connectivity",
        "Basic function",
        "Integration",
        "Calibration",
    ):
        assert f"- [ ] **{item}.**" in checklist
    # The Customer's sign-off is the signature block itself, not a box ticked before it.
    assert "- [ ] **Customer sign-off.**" not in checklist
    assert "## Customer Sign-Off" in checklist and "| Signed for | Customer |" in checklist


def test_the_95_percent_accuracy_test(parts: dict[str, str], exhibits: list[Exhibit]) -> None:
    text = parts["Acceptance Test"]
    assert "| Performance | 14 days | Weight-sensing accuracy of at least 95%" in text
    assert "1,000 reference weighings across all shelves" in text
    assert "no more than two (2) hours of Downtime" in text
    assert "within sixty (60) calendar days after Installation Completion" in text
    assert "The Acceptance Window is extended by the time from the recording of the failure" in text
    assert "within ten (10) Business Days" in text
    assert "on two (2) attempts" in text
    assert "Acceptance (including deemed Acceptance) is a payment milestone under Section 5" in text
    assert "Weight-sensing accuracy of at least 95%" in exhibits[2].markdown


def test_the_four_priority_tables(parts: dict[str, str]) -> None:
    response = parts["Priorities and Response Times"]
    resolution = parts["Resolution Targets"]
    for row in (
        "| P0 — Critical | The system is down",
        "No shelf in a store reports stock levels. | 2 hours, around the clock |",
        "| P1 — High |",
        "| 4 Business Hours |",
        "| 8 Business Hours |",
        "| 24 Business Hours |",
    ):
        assert row in response
    for row in (
        "| P0 — Critical | 8 hours, around the clock | Required",
        "| P1 — High | 2 Business Days | Accepted",
        "| P2 — Medium | 3 Business Days |",
        "| P3 — Low | 7 Business Days |",
    ):
        assert row in resolution
    assert "at least eighty percent (80%) in each calendar quarter" in resolution


def test_escalation_triggers(parts: dict[str, str]) -> None:
    text = parts["Escalation"]
    assert (
        "| A P0 Ticket is not Resolved | Pacific L2 | 2 hours after submission, around the clock |"
        in text
    )
    assert "| A P1 Ticket is not Resolved | Pacific L2 | 8 Business Hours after submission" in text
    assert "| A P2 Ticket is not Resolved | ShelfWise L2 | 5 Business Days after submission" in text
    assert (
        "| A Ticket at Pacific L2 is not Resolved | ShelfWise L2 | 3 Business Days after the Ticket"
        in text
    )
    assert "| A defect in the Products is suspected | ShelfWise L2 | Immediately |" in text
    assert "ShelfWise's Channel Manager (to be notified) | Immediately |" in text
    assert (
        "| ShelfWise L2 — ShelfWise technical support | ShelfWise (Technical Support Desk) |"
        in text
    )
    assert "reported three (3) times" in text
    assert "to an escalated P0 Ticket within four (4) hours, around the clock" in text
    assert "| 1 | Channel Manager | Field Operations Manager | 2 Business Days |" in text
    assert "| Pacific L1 — Pacific first-line support | Pacific (Service Desk) |" in text
    assert "| 70% |" in text
    assert (
        "| Technical Support Desk | — | support-l2@shelfwise.example | +1 415 555 0110 "
        "| Around the clock |" in text
    )


def test_penalty_and_bonus_tables(parts: dict[str, str]) -> None:
    penalties = parts["Service Credits"]
    assert (
        "| Response Time miss rate | At most 10% per month | Above 20% in a month "
        "| 5% of the Revenue Share for that month |"
    ) in penalties
    assert (
        "| Below 60% in two (2) consecutive months | 5% of the Revenue Share for each of those two"
        in penalties
    )
    assert "| CSAT | At least 4.0 per quarter | Below 3.5 in a quarter |" in penalties
    assert "fifteen percent (15%)" in penalties
    assert "Service Credit" in penalties
    bonus = parts["Performance Bonus"]
    assert (
        "| First-Call Resolution rate of at least 85% | An increase of 5 percentage points" in bonus
    )
    assert "| CSAT of at least 4.5 | A discount of 5% on the wholesale price" in bonus
    assert "escalat" not in bonus.split("### 12.2")[0], "no bonus for not escalating"


def test_excusable_delays(parts: dict[str, str]) -> None:
    text = parts["Excusable Delays"]
    for cause in (
        "**Force majeure**",
        "**The Customer**",
        "**ShelfWise**",
        "**A third-party carrier**",
    ):
        assert cause in text
    assert "within twenty-four (24) hours after Pacific becomes aware" in text


def test_monthly_report_carries_this_deals_targets(exhibits: list[Exhibit]) -> None:
    report = exhibits[3].markdown
    assert (
        "| Response Time miss rate | At most 10% per month | ______ | met / close / missed |"
        in report
    )
    assert "| CSAT (quarter to date) | At least 4.0 out of 5 per quarter | ______ |" in report
    assert "by the fifth (5th) day of the following month" in report
