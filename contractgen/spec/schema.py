"""The deal spec's JSON Schema, generated from the model so the two can never disagree.

Editors (VS Code's YAML extension, JetBrains) use it to validate and complete a spec as it is
typed; ``schemas/deal-spec.schema.json`` is this output committed, and a test keeps it equal.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from contractgen.paths import SCHEMA_ID


def deal_spec_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a deal spec."""
    from contractgen.spec.descriptions import describe_fields
    from contractgen.spec.models import DealSpec, Model

    describe_fields()
    # Section defaults are made with model_construct (see models.py), so their models are
    # compiled here, where their defaults are serialized into the schema, and not at import.
    pending = list(Model.__subclasses__())
    while pending:
        model = pending.pop()
        model.model_rebuild()
        pending.extend(model.__subclasses__())
    schema = DealSpec.model_json_schema(mode="validation", schema_generator=StatedLimits)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }


class StatedLimits(GenerateJsonSchema):
    """Pydantic's generator, with the models' ``str_max_length`` stated on every text value.

    The limit is validated at every supported pydantic version, but only 2.14 and later write it
    into the schema (as ``maxLength`` on strings that set none of their own). Stating it here
    makes the schema the same JSON whichever pydantic generated it, and tells editors the truth.
    """

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        json_schema = super().str_schema(schema)
        limit = self._config.str_max_length
        if "maxLength" not in json_schema and limit is not None:
            json_schema["maxLength"] = limit
        return json_schema


def schema_text() -> str:
    """The schema as stable, pretty JSON text ending in a newline."""
    return json.dumps(deal_spec_schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
