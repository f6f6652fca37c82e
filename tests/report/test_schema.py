"""The published ticket schema: equal to the generated one, and true to what the reader accepts."""

from __future__ import annotations

import json

import jsonschema

from contractgen.report.schema import schema_text, tickets_schema
from contractgen.report.tickets import COLUMNS
from tests.conftest import ROOT


def test_committed_schema_is_the_generated_one():
    committed = (ROOT / "schemas" / "tickets.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "regenerate schemas/tickets.schema.json from the columns"


def test_every_column_example_is_valid():
    row = {c.name: c.example for c in COLUMNS}
    jsonschema.Draft202012Validator(tickets_schema()).validate(row)


def test_the_schema_refuses_what_the_reader_refuses():
    validator = jsonschema.Draft202012Validator(tickets_schema())
    base = {"ticket_id": "T-1", "priority": "P1", "created_at": "2027-03-02T09:15:00Z"}
    assert validator.is_valid(base)
    assert not validator.is_valid({**base, "created_at": "2027-03-02T09:15:00"})
    assert not validator.is_valid({**base, "prio": "P1"})
    assert not validator.is_valid({k: v for k, v in base.items() if k != "priority"})
    assert not validator.is_valid({**base, "excusable": "weather"})
    assert json.loads(json.dumps(tickets_schema()))["required"] == [
        "ticket_id",
        "priority",
        "created_at",
    ]
