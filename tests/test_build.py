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
