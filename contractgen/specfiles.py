"""Which files a command's SPECS arguments stand for: the one expander every command uses."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from contractgen.errors import UserError

SPEC_SUFFIXES = (".yaml", ".yml", ".json")


def expand_specs(paths: Iterable[Path]) -> list[Path]:
    """Files as given (a missing one is reported when it is read); a folder stands for the spec
    files directly inside it, sorted, and a folder with none is an error naming it."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p for p in path.iterdir() if p.suffix.lower() in SPEC_SUFFIXES and p.is_file()
            )
            if not found:
                raise UserError(str(path), "folder holds no *.yaml, *.yml or *.json spec")
            out.extend(found)
        else:
            out.append(path)
    return out
