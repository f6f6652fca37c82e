"""The collector is tuned in contractgen's own processes only; batch workers fork warm."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

from contractgen.runtime import GC_THRESHOLD, start_method, worker_pool
from tests.conftest import ROOT


def _threshold_after(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return done.stdout.strip().splitlines()[-1]


def test_the_cli_tunes_the_collector() -> None:
    code = (
        "import gc, sys\n"
        "from contractgen import cli, runtime\n"
        "leave = runtime.leave\n"
        "runtime.leave = lambda status: (print(gc.get_threshold()), leave(status))\n"
        "sys.argv = ['contractgen', '--version']\n"
        "cli.main()\n"
    )
    assert _threshold_after(code) == str(GC_THRESHOLD)


def test_importing_contractgen_leaves_the_collector_alone() -> None:
    code = (
        "import gc\n"
        "before = gc.get_threshold()\n"
        "import contractgen.cli, contractgen.build, contractgen.lint.engine\n"
        "print(gc.get_threshold() == before)\n"
    )
    assert _threshold_after(code) == "True"


def test_batch_workers_are_tuned(monkeypatch) -> None:
    """build_many hands its pool the tuning as the workers' initializer."""
    import concurrent.futures
    from concurrent.futures import Future

    from contractgen.build import BuildOptions, build_many
    from contractgen.runtime import tune_gc

    seen: dict[str, object] = {}

    class InlinePool:
        def __init__(self, *args: object, **kwargs: object) -> None:
            seen.update(kwargs)

        def __enter__(self) -> InlinePool:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def submit(self, fn, *args):  # type: ignore[no-untyped-def]
            future: Future = Future()
            future.set_result(fn(*args))
            return future

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", InlinePool)
    results = build_many([ROOT / "missing-a.yaml", ROOT / "missing-b.yaml"], BuildOptions(), jobs=2)
    assert [r.status for r in results] == ["failed", "failed"]
    assert seen["initializer"] is tune_gc

_WARMED: list[str] = []
"""State a worker can only see if it was forked after the parent set it."""


def _what_the_worker_sees() -> tuple[list[str], tuple[int, int, int]]:
    import gc

    return list(_WARMED), gc.get_threshold()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers fork on Linux only")
def test_batch_workers_start_with_what_the_parent_warmed() -> None:
    _WARMED.append("templates loaded")
    try:
        with worker_pool(1) as pool:
            seen, threshold = pool.submit(_what_the_worker_sees).result()
    finally:
        _WARMED.clear()
    assert seen == ["templates loaded"]
    assert threshold == GC_THRESHOLD
    assert gc.get_freeze_count() == 0  # the parent's objects are collectable again


def test_workers_start_fresh_where_forking_is_unsafe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert start_method() == "forkserver"
    monkeypatch.setattr(sys, "platform", "linux")
    assert start_method() == "fork"


def _exit_handlers_ran(body: str) -> bool:
    """Whether a process that runs ``body`` and then leaves through ``runtime.leave`` ran its
    exit handlers (the interpreter's full teardown) or took the fast exit."""
    code = (
        "import atexit, os, sys\n"
        "os.environ.pop('CONTRACTGEN_FULL_EXIT', None)\n"
        "from contractgen import runtime\n"
        "atexit.register(lambda: print('exit handlers ran', flush=True))\n"
        f"{body}\n"
        "runtime.leave(0)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return "exit handlers ran" in done.stdout


def test_a_plain_command_takes_the_fast_exit() -> None:
    assert not _exit_handlers_ran("pass")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers fork on Linux only")
def test_the_fast_exit_follows_a_forked_pool_that_shut_down() -> None:
    body = "with runtime.worker_pool(2) as pool:\n    assert list(pool.map(abs, [-1, 2])) == [1, 2]"
    assert not _exit_handlers_ran(body)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers fork on Linux only")
def test_a_pool_that_did_not_shut_down_cleanly_gets_the_full_exit() -> None:
    body = (
        "try:\n"
        "    with runtime.worker_pool(1) as pool:\n"
        "        pool.submit(abs, -1).result()\n"
        "        raise KeyboardInterrupt\n"
        "except KeyboardInterrupt:\n"
        "    pass"
    )
    assert _exit_handlers_ran(body)


def test_other_uses_of_multiprocessing_get_the_full_exit() -> None:
    body = (
        "import multiprocessing\n"
        "runtime.start_method = lambda: 'spawn'\n"
        "with runtime.worker_pool(1) as pool:\n"
        "    pool.submit(abs, -1).result()"
    )
    assert _exit_handlers_ran(body)
