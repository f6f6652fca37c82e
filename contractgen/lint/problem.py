"""The finding record every rule yields and every formatter reads.

One record, many formats: formatters never look at rule internals, only at
:meth:`Problem.as_record`, so text, JSON, SARIF and GitHub output always agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from contractgen.errors import Location


class Level(StrEnum):
    """How serious a finding is."""

    ERROR = "error"
    """The spec contradicts itself: the exhibit cannot be honoured as written."""
    WARNING = "warning"
    """The spec holds together but will fail in practice."""
    INFO = "info"
    """Worth a second look; never fails a run."""


@dataclass(frozen=True)
class Problem:
    """One finding: which rule, how serious, what is wrong, where, and how to fix it.

    ``location`` points into the deal spec. Findings of the document checks point into an
    assembled exhibit instead: ``document`` then names the exhibit (its file stem) and the
    location's line and column count inside that exhibit's Markdown.
    """

    code: str
    name: str
    level: Level
    message: str
    location: Location
    fix: str | None = None
    document: str | None = None
    waiver: str | None = None
    """The written reason, when the spec waives this finding."""

    @property
    def waived(self) -> bool:
        return self.waiver is not None

    @property
    def path(self) -> str:
        return self.location.path

    @property
    def line(self) -> int:
        return self.location.line

    @property
    def col(self) -> int:
        return self.location.col

    @property
    def where(self) -> str:
        """``file:line:col`` (``file#exhibit.md:line:col`` for a document finding)."""
        path = f"{self.path}#{self.document}.md" if self.document else self.path
        if self.line:
            return f"{path}:{self.line}:{self.col or 1}"
        return path

    def sort_key(self) -> tuple[Any, ...]:
        return (self.path, self.document or "", self.line, self.col, self.code, self.message)

    def waive(self, reason: str) -> Problem:
        return replace(self, waiver=reason)

    def as_record(self) -> dict[str, Any]:
        """Plain data, the one view every formatter reads (stable keys, JSON-serialisable)."""
        return {
            "code": self.code,
            "name": self.name,
            "level": self.level.value,
            "message": self.message,
            "path": self.path,
            "document": self.document,
            "line": self.line,
            "col": self.col or (1 if self.line else 0),
            "fix": self.fix,
            "waived": self.waived,
            "waiver": self.waiver,
        }


def fails(problems: Iterable[Problem], *, strict: bool = False) -> bool:
    """Whether findings fail a check: an unwaived error (with ``strict``, a warning too).

    One rule for ``contractgen lint``'s exit status and ``build --lint``'s rejections.
    """
    failing = {Level.ERROR, Level.WARNING} if strict else {Level.ERROR}
    return any(p.level in failing and not p.waived for p in problems)
