"""The committed JSON Schema equals the model's, and every example validates against both."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
from ruamel.yaml import YAML

from contractgen.spec.loader import load_spec
from contractgen.spec.presets import preset_text
from contractgen.spec.schema import deal_spec_schema, schema_text
from tests.conftest import PRESETS, ROOT

COMMITTED = ROOT / "schemas" / "deal-spec.schema.json"


def _plain(value: Any) -> Any:
    """YAML values as JSON would hold them (dates become strings)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _schema_errors(path: Path) -> list[str]:
    data = _plain(YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8")))
    validator = jsonschema.Draft202012Validator(deal_spec_schema())
    return [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(data)]


def test_committed_schema_is_the_models_schema() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        "schemas/deal-spec.schema.json is stale: run `contractgen schema -o "
        "schemas/deal-spec.schema.json` and commit it"
    )


def test_schema_command_prints_the_committed_schema(run_cli) -> None:
    result = run_cli("schema")
    assert result.exit_code == 0
    assert result.output == COMMITTED.read_text(encoding="utf-8")


def test_the_text_limit_is_stated_whichever_pydantic_generates_the_schema() -> None:
    """pydantic 2.13 leaves ``str_max_length`` out of a pattern-only string's schema, 2.14 writes
    it: the committed schema may depend on neither, so the generator states it itself."""
    from typing import Annotated

    from pydantic import BaseModel, ConfigDict, StringConstraints

    from contractgen.spec.schema import StatedLimits

    class Sample(BaseModel):
        model_config = ConfigDict(str_max_length=7)
        code: Annotated[str, StringConstraints(pattern=r"^P[0-9]$")]
        own: Annotated[str, StringConstraints(max_length=3)]
        keyed: dict[Annotated[str, StringConstraints(pattern=r"^[A-Z]+$")], int]

    props = Sample.model_json_schema(schema_generator=StatedLimits)["properties"]
    assert props["code"]["maxLength"] == 7
    assert props["own"]["maxLength"] == 3
    assert props["keyed"]["propertyNames"] == {"maxLength": 7}


def test_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json.loads(COMMITTED.read_text()))


def test_schema_carries_the_attribute_docstrings() -> None:
    schema = deal_spec_schema()
    lead = schema["$defs"]["Installation"]["properties"]["lead_time"]
    assert "equipment arrival" in lead["description"]


def test_example_validates_with_model_and_schema(example: Path) -> None:
    load_spec(example)
    assert _schema_errors(example) == []


def test_schema_rejects_what_the_model_rejects(tmp_path: Path) -> None:
    text = (ROOT / "examples" / "baseline-aiot-si.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("  lead_time: 10 business days", "  lead_time: 10 fortnights"))
    assert _schema_errors(bad)


def test_examples_begin_with_the_schema_line(example: Path) -> None:
    first = example.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/deal-spec.schema.json"


def test_presets_validate(tmp_path: Path) -> None:
    for name in PRESETS:
        path = tmp_path / f"{name}.yaml"
        path.write_text(preset_text(name, schema_ref="x.json"), encoding="utf-8")
        load_spec(path)
        assert _schema_errors(path) == []


def test_spec_reference_is_generated_from_the_model() -> None:
    from contractgen.spec.reference import spec_reference

    committed = (ROOT / "docs" / "spec-reference.md").read_text(encoding="utf-8")
    assert committed == spec_reference(), (
        "docs/spec-reference.md is stale: run "
        "`python -m contractgen.spec.reference > docs/spec-reference.md`"
    )
