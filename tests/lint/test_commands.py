"""The lint, rules and explain commands: output, exit codes 0/1/2, --strict, files and folders."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from contractgen.lint.cli import explain, lint, rules
from contractgen.lint.registry import all_rules
from tests.lint.lintcase import ROOT, edited_text

FLAWED = Path(__file__).resolve().parent / "flawed" / "textbook-mistakes.yaml"


@click.group()
def group() -> None:
    """A stand-in for the main command group."""


group.add_command(lint)
group.add_command(rules)
group.add_command(explain)


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(group, [str(a) for a in args], catch_exceptions=False)


def spec(tmp_path: Path, text: str, name: str = "deal.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def no_policy(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from an empty folder so no project policy file changes the results."""
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))


def test_clean_spec_exits_0(tmp_path: Path) -> None:
    example = ROOT / "examples" / "baseline-aiot-si.yaml"
    path = spec(tmp_path, example.read_text(encoding="utf-8"))
    result = invoke("lint", "--spec-only", path)
    assert result.exit_code == 0, result.output
    assert result.stdout == "0 errors, 0 warnings, 0 info in 1 file\n"


def test_findings_exit_1_with_positions(tmp_path: Path) -> None:
    result = invoke("lint", "--spec-only", FLAWED)
    assert result.exit_code == 1
    assert f"{FLAWED}:73:17: warning P0 response 30 minutes (line 73)" in result.stdout
    assert "[REA002]" in result.stdout and "    fix: " in result.stdout
    # the P0 response at night is told once, by CAL003 (an error), not by DLN002 as well
    assert result.stdout.rstrip().splitlines()[-1] == "10 errors, 8 warnings, 0 info in 1 file"


def test_warnings_fail_only_with_strict(tmp_path: Path) -> None:
    path = spec(tmp_path, edited_text(delete=["reporting.due_day"]))
    assert invoke("lint", "--spec-only", "--select", "GOV", path).exit_code == 0
    assert invoke("lint", "--spec-only", "--select", "GOV", "--strict", path).exit_code == 1


def test_info_never_fails(tmp_path: Path) -> None:
    availability = {"target": "99.9%", "period": "year"}
    path = spec(tmp_path, edited_text({"support.availability": availability}))
    result = invoke("lint", "--spec-only", "--strict", "--select", "AVL004", path)
    assert result.exit_code == 0 and "info availability 99.9% per year" in result.stdout


def test_bad_spec_exits_2_without_traceback(tmp_path: Path) -> None:
    path = spec(tmp_path, "deal:\n  id: [unclosed\n")
    result = invoke("lint", "--spec-only", path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{path}:")
    assert "Traceback" not in result.output


def test_invalid_spec_lists_every_error(tmp_path: Path) -> None:
    text = edited_text({"support.priorities.0.response": "soon"})
    path = spec(tmp_path, text)
    line = text.splitlines().index("      response: soon") + 1
    result = invoke("lint", "--spec-only", path)
    assert result.exit_code == 2
    assert f"{path}:{line}:17: support.priorities[0].response:" in result.stderr


def test_missing_file_and_bad_options_exit_2(tmp_path: Path) -> None:
    assert invoke("lint", tmp_path / "nope.yaml").exit_code == 2
    result = invoke("lint", "--select", "NOPE", FLAWED)
    assert result.exit_code == 2 and '"NOPE" is not a rule code' in result.stderr
    assert invoke("lint", "--format", "xml", FLAWED).exit_code == 2
    assert invoke("lint").exit_code == 2


def test_bad_file_does_not_hide_other_findings(tmp_path: Path) -> None:
    bad = spec(tmp_path, "deal: [\n", "bad.yaml")
    result = invoke("lint", "--spec-only", bad, FLAWED)
    assert result.exit_code == 2
    assert "[PEN004]" in result.stdout


def test_folder_lints_every_spec_file_sorted(tmp_path: Path) -> None:
    spec(tmp_path, edited_text(delete=["reporting.due_day"]), "b.yaml")
    spec(tmp_path, edited_text(delete=["review.cadence"]), "a.yml")
    (tmp_path / "notes.txt").write_text("not a spec", encoding="utf-8")
    result = invoke("lint", "--spec-only", "--select", "GOV", tmp_path)
    lines = [line for line in result.stdout.splitlines() if "[GOV" in line]
    assert [Path(line.split(":")[0]).name for line in lines] == ["a.yml", "b.yaml"]
    assert "in 2 files" in result.stdout
    empty = tmp_path / "empty"
    empty.mkdir()
    assert invoke("lint", empty).exit_code == 2


def test_json_to_stdout_and_summary_to_stderr() -> None:
    result = invoke("lint", "--spec-only", "--format", "json", FLAWED)
    records = json.loads(result.stdout)
    assert {r["code"] for r in records} >= {"PEN004", "REA002", "REW001"}
    assert "errors" in result.stderr and result.exit_code == 1


def test_output_file(tmp_path: Path) -> None:
    out = tmp_path / "lint.sarif"
    result = invoke("lint", "--spec-only", "--format", "sarif", "-o", out, FLAWED)
    assert result.exit_code == 1 and result.stdout == ""
    log = json.loads(out.read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0" and log["runs"][0]["results"]
    assert not list(tmp_path.glob(".lint.sarif.*"))  # no temp file left behind


def test_github_format() -> None:
    result = invoke("lint", "--spec-only", "--format", "github", FLAWED)
    assert result.stdout.startswith("::warning file=") and result.exit_code == 1


def test_waived_findings_do_not_fail(tmp_path: Path) -> None:
    text = edited_text(
        {
            "penalties.rules.0.amount": "12%",
            "lint": {"waive": {"PEN004": "Approved by the channel director."}},
        }
    )
    path = spec(tmp_path, text)
    args = ("lint", "--spec-only", "--strict", "--select", "PEN004", path)
    result = invoke(*args)
    assert result.exit_code == 0 and "PEN004" not in result.stdout
    assert "(1 waived)" in result.stdout
    shown = invoke(*args, "--show-waived")
    assert "(waived: Approved by the channel director.)" in shown.stdout
    records = json.loads(invoke(*args, "--format", "json").stdout)
    assert records[0]["waived"] and records[0]["waiver"] == "Approved by the channel director."
    sarif = json.loads(invoke(*args, "--format", "sarif").stdout)
    assert sarif["runs"][0]["results"][0]["suppressions"][0]["kind"] == "external"


def test_policy_file_option(tmp_path: Path) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text(
        '[lint]\nselect = ["PEN004"]\n[lint.rules.PEN004]\nmax = "60%"\n', encoding="utf-8"
    )
    result = invoke("lint", "--spec-only", "--config", policy, FLAWED)
    assert result.exit_code == 0 and "0 errors, 0 warnings" in result.stdout
    policy.write_text('[lint]\nselekt = ["PEN004"]\n', encoding="utf-8")
    result = invoke("lint", "--spec-only", "--config", policy, FLAWED)
    assert result.exit_code == 2 and result.stderr.startswith(f"{policy}: unknown lint setting")


def test_policy_discovered_from_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "contractgen.toml").write_text('[lint]\nselect = ["GOV004"]\n', encoding="utf-8")
    path = spec(tmp_path, edited_text(delete=["reporting.due_day"]))
    monkeypatch.chdir(tmp_path)
    result = invoke("lint", "--spec-only", "--strict", path.name)
    assert result.exit_code == 1 and "[GOV004]" in result.stdout and "[DEL006]" not in result.stdout


def test_rules_lists_the_catalogue() -> None:
    result = invoke("rules")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == len(all_rules())
    assert result.stdout.startswith("ORD001  ordering.response-by-priority")
    records = json.loads(invoke("rules", "--format", "json").stdout)
    pen = next(r for r in records if r["code"] == "PEN004")
    assert pen["options"] == [
        {
            "name": "max",
            "default": '"10%"',
            "help": "Largest single penalty, as a percentage of its base.",
        }
    ]


def test_explain_by_code_or_name() -> None:
    by_code = invoke("explain", "pen004")
    assert by_code.exit_code == 0
    for part in ("## Why is this bad?", "## Example", "## Use instead", "## Options", "`max`"):
        assert part in by_code.stdout
    assert invoke("explain", "penalties.amount-above-policy").stdout == by_code.stdout
    unknown = invoke("explain", "PEN04")
    assert unknown.exit_code == 2 and "did you mean" in unknown.stderr


def test_commands_are_documented() -> None:
    for command in (lint, rules, explain):
        assert command.help and len(command.help.split()) > 5
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"{command.name} {param.name} has no help"


def test_examples_folder_runs_end_to_end() -> None:
    result = invoke("lint", "--spec-only", "--format", "json", ROOT / "examples")
    assert result.exit_code in (0, 1)
    assert "in 3 files" in result.stderr or "files" in result.stderr
