"""One error type for everything a user can get wrong, and the exit codes.

Every failure the user can fix (a bad spec, a broken clause library, an unwritable output folder,
a bad reference .docx, a bad configuration) is raised as :class:`UserError` carrying the file and,
where one exists, the line and column. The CLI prints them as ``file:line:col: message`` and exits
with :data:`EXIT_USAGE`; anything else is a bug and exits with :data:`EXIT_BUG`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_BUG = 3


@dataclass(frozen=True, order=True)
class Location:
    """A position in a user's file; line and column are 1-based, 0 when unknown."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.col or 1}"
        return self.path


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One message about one place: sorted by position so a file's errors read top to bottom."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


@dataclass
class UserError(Exception):
    """Something the user can fix. Holds one or more diagnostics, printed one per line."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def __init__(self, path: str | object, message: str = "", line: int = 0, col: int = 0) -> None:
        if isinstance(path, list):
            self.diagnostics = sorted(path)
        else:
            self.diagnostics = [Diagnostic(Location(str(path), line, col), message)]
        super().__init__(str(self))

    @classmethod
    def many(cls, diagnostics: Iterable[Diagnostic]) -> UserError:
        """Bundle several diagnostics (all the errors of one file) into one error."""
        return cls(sorted(diagnostics))

    def __str__(self) -> str:
        return "\n".join(str(d) for d in self.diagnostics)
