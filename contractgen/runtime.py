"""Process-wide settings for contractgen's own processes: the CLI and its batch workers.

Never applied on import: a program that uses contractgen as a library keeps its own settings.
"""

from __future__ import annotations

import gc

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
