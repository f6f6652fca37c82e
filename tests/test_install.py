"""contractgen as a new user gets it: a wheel in a fresh venv, and the pre-commit hook.

Both install the project from scratch (the registry's packages come from pip's cache after the
first run), so they are marked slow; they still run by default, because a wheel that lacks the
clause library or a hook that cannot install is exactly what the rest of the suite, running from
the checkout, cannot notice.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

CASE = ROOT / "examples" / "case-study-smart-shelf.yaml"
TIMEOUT = 600


def _run(args: list[str | Path], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env={**os.environ, "PYTHONPATH": "", **env},
    )
    assert proc.returncode == 0, f"{args}\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``bin`` folder of a fresh venv holding only the wheel built from this checkout."""
    work = tmp_path_factory.mktemp("wheel")
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", work, ROOT], work)
    (wheel,) = work.glob("contractgen-*.whl")
    # No pip of its own (bootstrapping one costs seconds): this pip installs into the venv
    # through the venv's interpreter (``--python``), dependencies resolved from the wheel.
    venv.EnvBuilder(with_pip=False, clear=True).create(work / "venv")
    bin_dir = work / "venv" / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    _run([sys.executable, "-m", "pip", "--python", python, "install", "-q", wheel], work)
    return bin_dir


def test_the_wheel_works_from_an_unrelated_folder(installed: Path, tmp_path: Path) -> None:
    """init, validate, lint and build, run where no checkout is in sight."""
    exe = installed / "contractgen"
    _run([exe, "init", "-o", "deal.yaml"], tmp_path)
    first = (tmp_path / "deal.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert "$schema=" in first and str(ROOT) not in first
    shutil.copy(CASE, tmp_path / "case.yaml")
    _run([exe, "validate", "deal.yaml", "case.yaml"], tmp_path)
    _run([exe, "lint", "case.yaml"], tmp_path)  # with the document checks: needs the library
    _run([exe, "build", "case.yaml", "-o", "out", "-q"], tmp_path)
    built = {p.suffix for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert {".md", ".docx"} <= built
    schema = _run([exe, "schema"], tmp_path).stdout
    assert schema == (ROOT / "schemas" / "deal-spec.schema.json").read_text(encoding="utf-8")


def test_the_pre_commit_hook_installs_and_checks_a_spec(tmp_path: Path) -> None:
    """``pre-commit try-repo`` installs the hook from this checkout as a user's repository would."""
    pytest.importorskip("pre_commit")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "deals-repo"
    (repo / "deals").mkdir(parents=True)
    shutil.copy(CASE, repo / "deals" / "smart-shelf.yaml")
    git = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com"}
    git |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    _run(["git", "init", "-q"], repo)
    _run(["git", "add", "."], repo)
    home = {"PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), **git}
    proc = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", ROOT, "contractgen-lint", "--all-files"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env={**os.environ, "PYTHONPATH": "", **home},
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert "contractgen lint" in out and "Passed" in out, out
