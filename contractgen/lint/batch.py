"""Lint many spec files, over several processes when asked (``contractgen lint --jobs N``).

Each file is independent, so files are handed to a process pool in input order and their
results come back in that order: the report, the diagnostics and the exit status are the same
for any number of jobs. A file whose spec cannot be read or validated gives its diagnostics
back instead of findings, as the serial loop always did; an unexpected exception in a worker
reaches the caller like one in the serial loop (an internal error).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from contractgen.errors import Diagnostic, UserError

if TYPE_CHECKING:
    from contractgen.lint.config import LintConfig
    from contractgen.lint.problem import Problem


class FileResult:
    """What linting one file gave: findings and notes, or the diagnostics of a bad spec.

    (The result types here and in the engine are plain classes, not dataclasses: a dataclass
    costs its module's import about half a millisecond.)
    """

    def __init__(
        self,
        problems: list[Problem] | None = None,
        notes: list[str] | None = None,
        diagnostics: list[Diagnostic] | None = None,
    ) -> None:
        self.problems: list[Problem] = [] if problems is None else problems
        self.notes: list[str] = [] if notes is None else notes
        self.diagnostics: list[Diagnostic] = [] if diagnostics is None else diagnostics


def lint_file(
    path: Path, config: LintConfig, documents: bool, libraries: Sequence[Path]
) -> FileResult:
    """Load and lint one spec file; a bad spec comes back as diagnostics, never raised."""
    from contractgen.spec.loader import load_spec

    try:
        loaded = load_spec(path, display=str(path))
        if documents:
            from contractgen.build import lint_deal

            result = lint_deal(loaded, config, documents=True, libraries=libraries)
        else:
            # Spec rules only: nothing is assembled, so the build stages (and the file and
            # hashing modules they load) stay out of a --spec-only run.
            from contractgen.lint.engine import lint_loaded

            result = lint_loaded(loaded, config)
    except UserError as err:
        return FileResult(diagnostics=list(err.diagnostics))
    return FileResult(problems=result.problems, notes=result.notes)


def lint_files(
    paths: Sequence[Path],
    config: LintConfig,
    *,
    documents: bool = True,
    libraries: Sequence[Path] = (),
    jobs: int = 1,
) -> list[FileResult]:
    """Lint every file, in ``jobs`` processes when there is more than one file; results are in
    the order of ``paths``."""
    one = partial(lint_file, config=config, documents=documents, libraries=tuple(libraries))
    if jobs <= 1 or len(paths) <= 1:
        return [one(path) for path in paths]

    from contractgen.runtime import worker_pool

    # The first file is linted here, before the workers exist: it imports the loader, the
    # models and the rules and pays every first-time cost (validators, regexes, templates)
    # once, and workers forked afterwards start with all of it (see runtime.start_method).
    first = one(paths[0])
    rest = paths[1:]
    workers = min(jobs, len(rest))
    # Several files per task: a spec-only lint of one file is a millisecond or two, less than
    # sending it to a worker and back.
    chunk = max(1, len(rest) // (workers * 8))
    with worker_pool(workers) as pool:
        return [first, *pool.map(one, rest, chunksize=chunk)]
