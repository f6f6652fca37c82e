"""Process-wide settings for contractgen's own processes: the CLI and its batch workers.

Never applied on import: a program that uses contractgen as a library keeps its own settings.
Both shortcuts here were measured with paired whole-process runs of
``contractgen lint --spec-only examples/case-study-smart-shelf.yaml`` (2 cores, 30 pairs): the
collector tuning saves about 8 ms, the fast exit about 45-65 ms of CPU time per run.

``CONTRACTGEN_FULL_EXIT`` (any non-empty value) turns the fast exit off, for a debugger, a
profiler or an exit handler of an embedding program that must run.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

GC_THRESHOLD = (100_000, 50, 100)
"""Python's default is a young-generation pass every 700 net allocations. contractgen allocates
in bulk and keeps most of it (pydantic building 46 model classes, 61 rule modules, then a
document's tree of elements), so at the default pace the collector mostly finds nothing: about
8 ms of a ``lint --spec-only`` run and a tenth of each deal in a batch. A pass every 100,000
allocations still frees cycles (lxml proxies, tracebacks) long before memory matters; a batch
worker's peak grows by about 13 MB."""


def tune_gc() -> None:
    """Collect less often (see :data:`GC_THRESHOLD`); mypy tunes its collector the same way."""
    gc.set_threshold(*GC_THRESHOLD)


_pools = {"open": 0, "unsafe": 0}
"""Pools of :func:`worker_pool` still running, and pools whose workers did not come from a
fork or did not shut down cleanly: either needs multiprocessing's own exit handlers."""


def leave(code: int) -> NoReturn:
    """End the process once the command's output is out, skipping the interpreter's teardown.

    Freeing every module and object at exit costs a finished command tens of milliseconds and
    does nothing for it: its files are written and closed, and its temporary files removed,
    before this point. (mypy takes the same shortcut.) A process that runs under coverage exits
    normally, so that coverage writes its data; so does every process when
    ``CONTRACTGEN_FULL_EXIT`` is set. So does a process that used multiprocessing in any other
    way than a :func:`worker_pool` of forked workers that has shut down: the exit handlers of
    multiprocessing then have workers, a forkserver or a resource tracker to release. After a
    forked pool's clean shutdown (its workers joined, its queues closed) they have nothing
    left to do, and the full teardown of a batch command's process cost 40-55 ms of wall time
    at its end (paired runs of ``lint --spec-only --jobs 2``, 2 cores).
    """
    if (
        os.environ.get("CONTRACTGEN_FULL_EXIT")
        or "coverage" in sys.modules
        or ("multiprocessing" in sys.modules and not _only_closed_forked_pools())
    ):
        sys.exit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe (`contractgen lint … | head -1`): nothing left to say
        pass
    os._exit(code)


def _only_closed_forked_pools() -> bool:
    """Whether multiprocessing was used only by forked pools that have all shut down."""
    from multiprocessing import active_children

    if _pools["open"] or _pools["unsafe"] or active_children():
        return False
    # A forkserver or a resource tracker (never used by a forked pool; their modules load only
    # when one starts) has its own process for the exit handlers to stop.
    return not any(
        name in sys.modules
        for name in ("multiprocessing.forkserver", "multiprocessing.resource_tracker")
    )


def start_method() -> str:
    """How a batch starts its worker processes: ``fork`` on Linux, else a fresh interpreter.

    A forked worker begins with everything its parent has imported and warmed (the models'
    validators, the clause library's templates, the rule registry, compiled patterns), so the
    batch commands do their first item in the parent and fork afterwards. A forkserver or spawned
    worker starts bare and paid all of that again, about half a second per worker for a build.
    macOS system libraries are not safe to use after a fork, and Windows has none, so elsewhere
    a worker starts anew.
    """
    if sys.platform.startswith("linux"):
        return "fork"
    return "forkserver" if os.name == "posix" else "spawn"


@contextmanager
def worker_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """A process pool for a batch command, its workers forked warm where that is safe.

    Objects that exist before the fork are frozen for the collector while the pool runs: a
    collection in a worker would otherwise touch, and so copy, the pages they live on.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = start_method()
    context = multiprocessing.get_context(method)
    gc.freeze()
    _pools["open"] += 1
    clean = False
    try:
        with ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=tune_gc
        ) as pool:
            yield pool
        clean = True
    finally:
        _pools["open"] -= 1
        if not clean or method != "fork":
            _pools["unsafe"] += 1
        gc.unfreeze()
