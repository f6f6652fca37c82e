"""Lint policy from TOML (selection, levels, thresholds) and waivers written in the spec."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from contractgen.errors import UserError
from contractgen.lint.config import LintConfig, load_config, parse_config
from contractgen.lint.engine import lint_loaded
from contractgen.lint.problem import Level
from contractgen.lint.registry import all_rules
from contractgen.spec.loader import load_spec_text
from tests.lint.lintcase import edited_text, load_edited, run


def test_defaults_enable_every_rule() -> None:
    cfg = LintConfig()
    assert len(cfg.enabled()) == len(all_rules())
    assert cfg.options_for(next(r for r in cfg.enabled() if r.code == "PEN004")) == {
        "max": Decimal(10)
    }


def test_select_ignore_by_code_name_group_and_prefix() -> None:
    cfg = parse_config(
        {
            "select": ["penalties", "GOV"],
            "ignore": ["PEN009", "governance.no-change-notice"],
            "extend-select": ["rewards.pays-for-target"],
        },
        "policy.toml",
    )
    codes = {r.code for r in cfg.enabled()}
    assert "PEN001" in codes and "GOV001" in codes and "REW001" in codes
    assert "PEN009" not in codes and "GOV002" not in codes and "ORD001" not in codes


def test_thresholds_and_levels_change_findings() -> None:
    loaded = load_edited()
    strict = parse_config(
        {
            "rules": {
                "PEN004": {"max": "4%", "level": "error"},
                "penalties.exposure-above-cap": {"cap": 12},
            }
        },
        "policy.toml",
    )
    found = {(p.code, p.level) for p in lint_loaded(loaded, strict).problems}
    assert ("PEN004", Level.ERROR) in found  # 5% and 10% penalties are over a 4% maximum
    assert ("PEN005", Level.WARNING) in found  # the 15% cap is over a 12% policy cap


def test_duration_option() -> None:
    cfg = parse_config({"rules": {"REA002": {"min": "3h"}}}, "policy.toml")
    found = run(load_edited(), ["REA002"], cfg)
    assert [p.code for p in found] == ["REA002"]


@pytest.mark.parametrize(
    ("table", "needle"),
    [
        ({"selekt": ["ALL"]}, 'unknown lint setting "selekt"'),
        ({"select": ["XYZ123"]}, '"XYZ123" is not a rule code'),
        ({"ignore": "nonsense-group"}, '"nonsense-group" is not a rule code'),
        ({"rules": {"PEN999": {"max": 5}}}, "rules.PEN999: no rule has this code or name"),
        ({"rules": {"PEN004": {"maximum": 5}}}, 'unknown option "maximum" for PEN004'),
        ({"rules": {"PEN004": {"max": "lots"}}}, "rules.PEN004.max: expected a number"),
        ({"rules": {"PEN004": {"max": 150}}}, "expected a percentage from 0 to 100"),
        ({"rules": {"REA002": {"min": 30}}}, "expected a duration"),
        ({"rules": {"PEN004": {"level": "fatal"}}}, "expected error, warning or info"),
        ({"rules": {"ORD005": {"factor": "0.5"}}}, "must be at least 1"),
        ({"select": 5}, "must be a list"),
    ],
)
def test_bad_policy_is_a_usage_error_naming_the_file(table: dict, needle: str) -> None:
    with pytest.raises(UserError) as err:
        parse_config(table, "policy.toml")
    text = str(err.value)
    assert text.startswith("policy.toml: ") and needle in text


def test_policy_found_by_walking_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "contractgen.toml").write_text('[lint]\nignore = ["GOV004"]\n', encoding="utf-8")
    nested = tmp_path / "deals" / "2027"
    nested.mkdir(parents=True)
    monkeypatch.chdir(nested)
    cfg = load_config()
    assert cfg.source == str(tmp_path.resolve() / "contractgen.toml")
    assert "GOV004" not in {r.code for r in cfg.enabled()}


def test_pyproject_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.contractgen.lint.rules.PEN004]\nmax = "8%"\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert load_config().options == {"PEN004": {"max": Decimal(8)}}


def test_no_policy_file_means_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert load_config() == LintConfig()


def test_explicit_config_file(tmp_path: Path) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text('[lint]\nselect = ["PEN"]\n', encoding="utf-8")
    assert {r.family for r in load_config(policy).enabled()} == {"penalties"}
    with pytest.raises(UserError, match="configuration file not found"):
        load_config(tmp_path / "missing.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("[lint\n", encoding="utf-8")
    with pytest.raises(UserError, match="invalid TOML"):
        load_config(broken)


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("[lint]\nselect = [\n", (3, 1)),  # the file ends inside the list
        ("[lint]\nselect = [", (2, 11)),
        ("[lint]\nselect = \n", (2, 10)),  # tomllib names the line and column itself
    ],
)
def test_toml_errors_carry_a_position(text: str, position: tuple[int, int], tmp_path: Path) -> None:
    broken = tmp_path / "policy.toml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_config(broken)
    (diagnostic,) = caught.value.diagnostics
    assert (diagnostic.location.line, diagnostic.location.col) == position


def test_command_line_overrides() -> None:
    cfg = parse_config({"select": ["PEN"], "ignore": ["PEN001"]}, "policy.toml")
    cfg = cfg.with_overrides(select=["GOV"], ignore=["GOV004"])
    assert {r.code for r in cfg.enabled()} == {"GOV001", "GOV002", "GOV003"}
    with pytest.raises(UserError, match="command line"):
        LintConfig().with_overrides(select=["nope"])


def test_waiver_marks_finding_with_its_reason() -> None:
    text = edited_text(
        {
            "penalties.rules.0.amount": "12%",
            "lint": {"waive": {"PEN004": "Approved by the channel director for this pilot."}},
        }
    )
    result = lint_loaded(load_spec_text(text, "w.yaml"))
    (waived,) = [p for p in result.problems if p.code == "PEN004"]
    assert waived.waived and waived.waiver == "Approved by the channel director for this pilot."


def test_waiver_of_unknown_code_is_an_error() -> None:
    text = edited_text({"lint": {"waive": {"ZZZ999": "no such rule"}}})
    with pytest.raises(UserError) as err:
        lint_loaded(load_spec_text(text, "w.yaml"))
    assert "lint.waive: ZZZ999 is not a rule code" in str(err.value)
    assert str(err.value).startswith("w.yaml:")


def test_waiver_needs_a_reason() -> None:
    text = edited_text({"lint": {"waive": {"PEN004": ""}}})
    with pytest.raises(UserError):
        load_spec_text(text, "w.yaml")
