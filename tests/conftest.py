"""Shared fixtures: the example specs and a CLI runner that never hides a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from contractgen.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def fresh_python(code: str, *args: str, cwd: Path = ROOT) -> str:
    """What ``code`` prints when run with ``args`` in a new interpreter that imports this
    checkout: for what only a fresh process shows (which modules a command loads)."""
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return done.stdout


EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
PRESETS = ("standard", "premium")

# The suite (and every command it runs in a subprocess) keeps the compiled-validator cache in
# a folder of its own, never in the user's cache directory.
os.environ["CONTRACTGEN_CACHE_DIR"] = tempfile.mkdtemp(prefix="contractgen-test-cache-")
os.environ.pop("CONTRACTGEN_NO_CACHE", None)


@pytest.fixture
def run_cli():
    """Invoke the CLI in-process; returns click's Result (exit_code, output, stderr)."""

    def run(*args: str, input: str | None = None) -> Result:
        runner = CliRunner()
        return runner.invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)

    return run


@pytest.fixture(params=EXAMPLES, ids=[p.stem for p in EXAMPLES])
def example(request: pytest.FixtureRequest) -> Path:
    return request.param
