"""``contractgen clauses``: what is in force, at which version, from which layer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from contractgen.library.cli import clauses

COMPANY = Path(__file__).parent / "company_lib"


def _run(*args: str) -> str:
    result = CliRunner().invoke(clauses, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_text_listing_shows_ids_versions_layers_and_titles() -> None:
    out = _run()
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "VERSION", "KIND", "LAYER", "TITLE"]
    row = next(line for line in lines if line.startswith("escalation "))
    assert row.split()[:4] == ["escalation", "1.1", "section", "built-in"]
    assert row.rstrip().endswith("Escalation")
    assert any(line.startswith("performance-bonus ") and "(optional)" in line for line in lines)


def test_json_listing_with_a_company_layer() -> None:
    records = json.loads(_run("--library", str(COMPANY), "--format", "json"))
    by_id = {r["id"]: r for r in records}
    assert by_id["escalation"]["layer"] == "acme"
    assert by_id["escalation"]["version"] == "2.1-acme"
    assert by_id["data-protection"]["optional"] is True
    assert "complaint-classification" not in by_id
    assert [r["kind"] for r in records][-3:] == ["appendix"] * 3
    assert set(records[0]) == {
        "id",
        "version",
        "title",
        "section",
        "order",
        "kind",
        "optional",
        "layer",
        "layer_path",
        "path",
    }


def test_the_command_is_wired_into_the_main_cli(run_cli) -> None:
    result = run_cli("clauses", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output)[0]["id"] == "title"


def test_a_broken_company_library_exits_2_with_file_and_line(tmp_path: Path, run_cli) -> None:
    (tmp_path / "x.md.j2").write_text(
        "---\nid: x\ntitle: X\nversion: '1'\norder: 1\nfoo: 1\n---\nT\n"
    )
    result = run_cli("clauses", "--library", str(tmp_path))
    assert result.exit_code == 2
    assert f"{tmp_path / 'x.md.j2'}:6:1: unknown front matter key" in result.output


def test_the_configured_library_is_listed_without_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli
) -> None:
    """`clauses` reads the same settings as `build`: the layers a build would use."""
    (tmp_path / "contractgen.toml").write_text(
        f'library = ["{COMPANY.as_posix()}"]\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    result = run_cli("clauses", "--format", "json")
    assert result.exit_code == 0, result.output
    layers = {record["layer"] for record in json.loads(result.output)}
    assert layers == {"built-in", "acme"}
