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


def leave(code: int) -> NoReturn:
    """End the process once the command's output is out, skipping the interpreter's teardown.

    Freeing every module and object at exit costs a finished command tens of milliseconds and
    does nothing for it: its files are written and closed, and its temporary files removed,
    before this point. (mypy takes the same shortcut.) A process that used multiprocessing, or
    runs under coverage, exits normally: their exit handlers release worker resources and write
    measurement data; so does every process when ``CONTRACTGEN_FULL_EXIT`` is set.
    """
    if (
        os.environ.get("CONTRACTGEN_FULL_EXIT")
        or "multiprocessing" in sys.modules
        or "coverage" in sys.modules
    ):
        sys.exit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe (`contractgen lint … | head -1`): nothing left to say
        pass
    os._exit(code)


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

    context = multiprocessing.get_context(start_method())
    gc.freeze()
    try:
        with ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=tune_gc
        ) as pool:
            yield pool
    finally:
        gc.unfreeze()
