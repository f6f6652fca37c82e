"""Regular expressions compiled when first used, not when their module is imported.

Every rule module is imported by every lint and every build (the catalogue is one list), yet a
``lint --spec-only`` never runs the document rules, and some patterns only exist as the plain
reference a faster one is tested against. Compiled at import, the document rules' patterns
cost each such process about 2 ms (measured: 2.1 ms for the twelve patterns, fresh ``re``
cache). A rule module keeps its patterns in a :class:`Patterns` table, reads them with
``_RE("NAME")`` and, through a module ``__getattr__``, still offers them as module attributes
(``from module import _PHRASE``), compiled on that first access.
"""

from __future__ import annotations

import re
from collections.abc import Mapping


class Patterns:
    """Named pattern sources of one module; each is compiled once, on first use."""

    __slots__ = ("_compiled", "_module", "_sources")

    def __init__(self, module: str, sources: Mapping[str, str | tuple[str, int]]) -> None:
        self._module = module
        self._sources = dict(sources)
        self._compiled: dict[str, re.Pattern[str]] = {}

    def __call__(self, name: str) -> re.Pattern[str]:
        pattern = self._compiled.get(name)
        if pattern is None:
            source = self._sources[name]
            text, flags = (source, 0) if isinstance(source, str) else source
            pattern = self._compiled[name] = re.compile(text, flags)
        return pattern

    def attribute(self, name: str) -> re.Pattern[str]:
        """For the module's ``__getattr__``: the pattern, or the AttributeError Python expects."""
        if name not in self._sources:
            raise AttributeError(f"module {self._module!r} has no attribute {name!r}")
        return self(name)
