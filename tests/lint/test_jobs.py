"""``lint --jobs N``: the same report, diagnostics and exit status as one process."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from contractgen.lint.cli import lint
from tests.lint.lintcase import ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
FLAWED = ROOT / "tests" / "lint" / "flawed" / "textbook-mistakes.yaml"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Good specs, a flawed one and one that does not parse, in a folder."""
    out = tmp_path_factory.mktemp("specs")
    for path in EXAMPLES:
        shutil.copy(path, out / path.name)
    shutil.copy(FLAWED, out / "b-flawed.yaml")
    (out / "c-broken.yaml").write_text("deal: [\n", encoding="utf-8")
    return out


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(lint, [*args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("fmt", ["text", "json"])
@pytest.mark.parametrize("spec_only", [False, True], ids=["full", "spec-only"])
def test_parallel_lint_reports_exactly_what_one_process_does(
    folder: Path, fmt: str, spec_only: bool
) -> None:
    args = [str(folder), str(FLAWED), "--format", fmt] + (["--spec-only"] if spec_only else [])
    serial = _run(*args)
    parallel = _run(*args, "--jobs", "2")
    assert serial[0] == 2  # the broken spec
    assert "c-broken.yaml:2:1" in serial[2]
    assert parallel == serial


def test_parallel_lint_exit_status_on_findings_only(folder: Path) -> None:
    serial = _run(str(FLAWED), *map(str, EXAMPLES))
    assert serial[0] == 1
    assert _run(str(FLAWED), *map(str, EXAMPLES), "-j", "3") == serial
