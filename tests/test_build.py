"""`contractgen build`: one deal, batches, --changed-only, determinism across --jobs."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT

CASE = ROOT / "examples" / "case-study-smart-shelf.yaml"


def _tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


def test_build_writes_markdown_docx_and_pack(tmp_path: Path, run_cli) -> None:
    result = run_cli("build", CASE, "-o", tmp_path, "-j", "1")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "shelfwise-pacific-2027"
    names = sorted(p.name for p in folder.iterdir())
    assert "contract-pack.docx" in names
    for key in (
        "sla-exhibit",
        "appendix-1-installation-checklist",
        "appendix-2-acceptance-record",
        "appendix-3-monthly-report",
    ):
        assert f"{key}.md" in names
        assert f"{key}.docx" in names


def test_format_md_writes_no_word_files(tmp_path: Path, run_cli) -> None:
    assert run_cli("build", CASE, "-o", tmp_path, "--format", "md").exit_code == 0
    files = list((tmp_path / "shelfwise-pacific-2027").glob("*.docx"))
    assert files == []


def test_rebuild_is_byte_identical(tmp_path: Path, run_cli) -> None:
    run_cli("build", CASE, "-o", tmp_path / "a", "-j", "1")
    run_cli("build", CASE, "-o", tmp_path / "b", "-j", "1")
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")


def test_batch_with_a_broken_deal_builds_the_rest(tmp_path: Path, run_cli) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    for path in EXAMPLES:
        shutil.copy(path, specs / path.name)
    broken = specs / "broken.yaml"
    text = CASE.read_text(encoding="utf-8")
    text = text.replace("  lead_time: 15 business days", "  lead_time: soon")
    broken.write_text(text.replace("shelfwise-pacific-2027", "broken-deal"), encoding="utf-8")
    result = run_cli("build", specs, "-o", tmp_path / "out", "-j", "2", "--format", "md")
    assert result.exit_code == 1, result.output
    line = text[: text.index("  lead_time: soon")].count("\n") + 1
    assert f"{broken}:{line}:" in result.output
    built = sorted(p.name for p in (tmp_path / "out").iterdir() if p.is_dir())
    assert len(built) == len(EXAMPLES)
    assert "built 3, failed 1, skipped 0" in result.output


def test_single_bad_spec_exits_2(tmp_path: Path, run_cli) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("deal: {id: x}\n", encoding="utf-8")
    result = run_cli("build", bad, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_changed_only_skips_unchanged_and_rebuilds_changed(tmp_path: Path, run_cli) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    for path in EXAMPLES[:2]:
        shutil.copy(path, specs / path.name)
    out = tmp_path / "out"
    assert run_cli("build", specs, "-o", out, "--format", "md", "-j", "1").exit_code == 0
    first = sorted(specs.iterdir())[0]
    first.write_text(first.read_text().replace("  term: 2 years", "  term: 3 years"))
    result = run_cli("build", specs, "-o", out, "--format", "md", "--changed-only", "-j", "1")
    assert result.exit_code == 0, result.output
    assert "built 1, failed 0, skipped 1" in result.output


def test_jobs_1_and_jobs_4_give_identical_files(tmp_path: Path, run_cli) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    for path in EXAMPLES:
        shutil.copy(path, specs / path.name)
    assert run_cli("build", specs, "-o", tmp_path / "one", "-j", "1").exit_code == 0
    assert run_cli("build", specs, "-o", tmp_path / "four", "-j", "4").exit_code == 0
    assert _tree(tmp_path / "one") == _tree(tmp_path / "four")


@pytest.mark.parametrize("deal_id", ["a..b", "UPPER.case_id", "x" * 80])
def test_deal_folder_stays_inside_output(deal_id: str, tmp_path: Path) -> None:
    from contractgen.build import deal_folder

    folder = deal_folder(tmp_path, deal_id)
    assert folder.parent == tmp_path.resolve()
    assert ".." not in folder.name


def test_missing_reference_docx_is_a_user_error(tmp_path: Path, run_cli) -> None:
    result = run_cli("build", CASE, "-o", tmp_path, "--reference-docx", tmp_path / "nope.docx")
    assert result.exit_code == 2
    assert "reference .docx not found" in result.output


# --- build --lint ------------------------------------------------------------------------------

FLAWED = ROOT / "tests" / "lint" / "flawed" / "textbook-mistakes.yaml"


def _specs_with_flawed(tmp_path: Path) -> Path:
    specs = tmp_path / "specs"
    specs.mkdir()
    for path in EXAMPLES:
        shutil.copy(path, specs / path.name)
    shutil.copy(FLAWED, specs / "flawed.yaml")
    return specs


def test_lint_rejects_a_deal_with_errors_and_builds_the_rest(tmp_path: Path, run_cli) -> None:
    specs = _specs_with_flawed(tmp_path)
    out = tmp_path / "out"
    result = run_cli("build", specs, "-o", out, "--lint", "-j", "2", "--format", "md")
    assert result.exit_code == 1, result.output
    assert "built 3, rejected 1 (lint), failed 0, skipped 0" in result.output
    flawed = specs / "flawed.yaml"
    assert f"{flawed}: not built: " in result.output
    assert f"{flawed}:140:16: error " in result.output  # the finding itself, with its position
    assert "[PEN001]" in result.output
    assert len([p for p in out.iterdir() if p.is_dir()]) == len(EXAMPLES)


def test_without_lint_the_flawed_deal_is_built_and_its_errors_shown_as_warnings(
    tmp_path: Path, run_cli
) -> None:
    result = run_cli("build", FLAWED, "-o", tmp_path, "--format", "md")
    assert result.exit_code == 0, result.output
    assert f"{FLAWED}:140:16: warning " in result.output  # lint's error, shown as a warning
    assert " error " not in result.output
    assert (tmp_path / "textbook-mistakes").is_dir() or any(tmp_path.iterdir())


def test_lint_keeps_a_rejected_deals_previous_files(tmp_path: Path, run_cli) -> None:
    out = tmp_path / "out"
    assert run_cli("build", FLAWED, "-o", out, "--format", "md").exit_code == 0
    before = _tree(out)
    result = run_cli("build", FLAWED, "-o", out, "--format", "md", "--lint")
    assert result.exit_code == 1, result.output
    assert _tree(out) == before


def test_lint_strict_rejects_on_warnings(tmp_path: Path, run_cli) -> None:
    spec = tmp_path / "deal.yaml"
    text = CASE.read_text(encoding="utf-8")
    assert text.count("\n      response: 2h\n") == 1  # the P0 response
    # a 30-minute P0 response is only a warning (REA002): faster than a partner can answer
    spec.write_text(text.replace("\n      response: 2h\n", "\n      response: 30m\n"), "utf-8")
    warned = run_cli("build", spec, "-o", tmp_path / "a", "--format", "md", "--lint")
    assert warned.exit_code == 0, warned.output
    assert " warning " in warned.output
    strict = run_cli("build", spec, "-o", tmp_path / "b", "--format", "md", "--lint", "--strict")
    assert strict.exit_code == 1, strict.output
    assert "not built: lint warnings" in strict.output
    assert not (tmp_path / "b").exists() or not any((tmp_path / "b").iterdir())


def test_strict_without_lint_is_a_usage_error(run_cli) -> None:
    result = run_cli("build", CASE, "--strict")
    assert result.exit_code == 2
    assert "--strict applies to --lint" in result.output


def test_lint_uses_the_project_policy(tmp_path: Path, run_cli) -> None:
    spec = tmp_path / "deal.yaml"
    text = CASE.read_text(encoding="utf-8")
    assert "\n  on_call: true" in text
    # without on-call, the around-the-clock P0 targets fall due when nobody works: nobody is
    # on duty for the response (CAL003) and other deadlines fall at night (DLN002)
    spec.write_text(text.replace("\n  on_call: true", "\n  on_call: false"), encoding="utf-8")
    args = ("build", spec, "--format", "md", "--lint")
    rejected = run_cli(*args, "-o", tmp_path / "a")
    assert rejected.exit_code == 1 and "[DLN002]" in rejected.output, rejected.output
    assert "[CAL003]" in rejected.output, rejected.output
    config = tmp_path / "contractgen.toml"
    config.write_text('[lint]\nignore = ["DLN002", "CAL003"]\n', encoding="utf-8")
    result = run_cli(*args, "-o", tmp_path / "b", "--config", config)
    assert result.exit_code == 0, result.output
    assert "DLN002" not in result.output and "CAL003" not in result.output


def test_lint_and_build_outputs_equal_plain_build(tmp_path: Path, run_cli) -> None:
    assert run_cli("build", CASE, "-o", tmp_path / "plain", "-j", "1").exit_code == 0
    assert run_cli("build", CASE, "-o", tmp_path / "lint", "-j", "1", "--lint").exit_code == 0
    assert _tree(tmp_path / "plain") == _tree(tmp_path / "lint")
