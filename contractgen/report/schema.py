"""The JSON Schema of one ticket row (a JSON Lines object; a CSV row has the same columns).

Generated from :data:`contractgen.report.tickets.COLUMNS`, the table the reader checks rows
against, so the published ``schemas/tickets.schema.json`` cannot drift from what the reader
accepts; a test keeps the committed file equal to this output.
"""

from __future__ import annotations

import json
from typing import Any

from contractgen.report.tickets import COLUMNS, Column

SCHEMA_ID = "https://contractgen.dev/schemas/tickets.schema.json"
_INSTANT = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?"
    r"(Z|[+-][0-9]{2}:[0-9]{2})$"
)


def _property(c: Column) -> dict[str, Any]:
    prop: dict[str, Any] = {"description": c.description}
    if c.kind == "instant":
        prop.update(type="string", format="date-time", pattern=_INSTANT)
    elif c.kind == "flag":
        prop["type"] = ["boolean", "string"]
        prop["pattern"] = "^(true|false|yes|no|y|n|1|0|True|False|TRUE|FALSE|Yes|No|YES|NO|Y|N)?$"
    elif c.kind == "score":
        prop.update(type=["integer", "string"], minimum=1, pattern="^[0-9]+$")
    elif c.choices:
        prop.update(type="string", enum=["", *c.choices])
    elif c.name == "priority":
        prop.update(type="string", pattern="^P[0-9]$")
    else:
        prop.update(type="string", maxLength=100 if c.name == "ticket_id" else 2000)
    if c.name == "ticket_id":
        prop["minLength"] = 1
    prop["examples"] = [c.example]
    return prop


def tickets_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of a ticket row."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "contractgen ticket row",
        "description": (
            "One ticket of a partner's export, as a JSON Lines object or a CSV row with these "
            "columns. Instants are ISO 8601 with a UTC offset or Z. The deal decides which "
            "priorities exist and the CSAT scale; contractgen report checks those too."
        ),
        "type": "object",
        "additionalProperties": False,
        "required": [c.name for c in COLUMNS if c.required],
        "properties": {c.name: _property(c) for c in COLUMNS},
    }


def schema_text() -> str:
    return json.dumps(tickets_schema(), indent=2, ensure_ascii=False) + "\n"
