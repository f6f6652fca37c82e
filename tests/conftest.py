"""Shared fixtures: the example specs and a CLI runner that never hides a traceback.

Also the suite's default parallelism: when pytest-xdist is installed (the ``test`` extra has
it) and pytest picks the tests itself (no paths on the command line, as in the README's
``pytest``), the test files are spread over one process per core (``-n auto``; any parallel
run defaults to ``--dist loadfile``). Given paths, one process runs them, as starting the
extra processes costs more than a few files take. It is set here rather than in ``addopts``
so that ``pytest -p no:xdist`` still parses; ``-n 0`` forces one process and ``-n auto``
parallel runs of any paths, an explicit ``--dist`` wins, and ``--pdb`` runs in one process.
"""

from __future__ import annotations

import atexit
import os
import shutil
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
# Each test process (one per core in a parallel run) has its own, removed when it ends.
os.environ["CONTRACTGEN_CACHE_DIR"] = tempfile.mkdtemp(prefix="contractgen-test-cache-")
os.environ.pop("CONTRACTGEN_NO_CACHE", None)
atexit.register(shutil.rmtree, os.environ["CONTRACTGEN_CACHE_DIR"], ignore_errors=True)


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """Default to ``-n auto`` for a whole-suite run when xdist is loaded, and to ``--dist
    loadfile`` for any parallel run.

    Runs before xdist's own ``pytest_cmdline_main``, which turns ``auto`` into a count (and
    into no distribution at all under ``--pdb``). Whole files go to one process, so a
    module-scoped fixture is built once and a file's tests keep their order. The processes
    xdist starts (``config.workerinput`` is xdist's name for their settings) are left alone.
    """
    option = config.option
    if hasattr(config, "workerinput") or not config.pluginmanager.hasplugin("xdist"):
        return
    chosen = config.args_source is not pytest.Config.ArgsSource.ARGS
    if chosen and option.numprocesses is None and not option.tx:
        option.numprocesses = "auto"
    if (option.numprocesses or option.tx) and option.dist == "no" and not option.distload:
        option.dist = "loadfile"
        # Files in the order pytest_collection_modifyitems gives them, not by test count
        # (newer xdist's default): a two-test file that installs a wheel outlasts most.
        if hasattr(option, "loadscopereorder"):
            option.loadscopereorder = False


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """In parallel runs, files holding ``slow`` tests (installs, builds from scratch) come
    first, each file's tests in their own order: started last, such a file would keep one
    process busy long after the other has finished."""
    if not hasattr(config, "workerinput"):  # only in the processes xdist starts
        return
    slow = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in slow)


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
