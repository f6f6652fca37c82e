"""Fixtures for the robustness tests: a deal built once, copied for each test that breaks it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.robustness.helpers import CASE, CASE_DEAL, invoke, snapshot


@pytest.fixture(scope="session")
def case_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The case study built once in every format: the "previous good set" later builds break."""
    out = tmp_path_factory.mktemp("case-build") / "out"
    result = invoke("build", CASE, "-o", out, "-j", "1", "-q")
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def prebuilt(case_build: Path, tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """A private copy of the built case study: (output folder, the deal folder's files)."""
    out = tmp_path / "out"
    shutil.copytree(case_build, out, symlinks=True)
    return out, snapshot(out / CASE_DEAL)
