"""Project configuration: company clause libraries, house style and output folder, set once.

A company keeps its settings beside its specs, in ``contractgen.toml`` or in the
``[tool.contractgen]`` table of ``pyproject.toml``, found by walking up from the current folder
(the first file that has settings wins, ``contractgen.toml`` before ``pyproject.toml`` in the same
folder). Paths in it are relative to the file. Command-line options override it.

```toml
# contractgen.toml
library = ["clauses/acme"]          # company clause folders, layered over the built-in one
reference-docx = "styles/acme.docx" # house style for Word output
cover = "legal/master-agreement.docx"
output = "out"
toc = true                          # a table of contents in each exhibit (build --toc)

[lint]                                # read by contractgen lint: see its documentation
```
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from contractgen.errors import UserError

CONFIG_FILE = "contractgen.toml"
BUILD_KEYS = {"library", "reference-docx", "cover", "output", "lint", "toc"}


@dataclass(frozen=True)
class ProjectConfig:
    """Build settings from the project's configuration file (all optional)."""

    source: Path | None = None
    libraries: tuple[Path, ...] = ()
    reference_docx: Path | None = None
    cover: Path | None = None
    output: Path | None = None
    toc: bool = False
    """Put a table of contents in each exhibit's Word document."""
    raw: dict[str, Any] = field(default_factory=dict)


def find_config_file(start: Path | None = None) -> tuple[Path, dict[str, Any]] | None:
    """The nearest configuration file with contractgen settings, and its settings table."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / CONFIG_FILE
        if own.is_file():
            return own, read_toml(own)
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file():
            table = tool_table(read_toml(pyproject), pyproject)
            if table is not None:
                return pyproject, table
    return None


def tool_table(data: dict[str, Any], path: Path) -> dict[str, Any] | None:
    """``[tool.contractgen]`` of a parsed pyproject.toml, or None if it has none.

    ``tool`` and ``tool.contractgen`` are the user's to write, so either may be a value other
    than a table (``tool = 5``); that is a mistake in the file, not a crash.
    """
    tool = data.get("tool")
    if tool is None:
        return None
    if not isinstance(tool, dict):
        raise UserError(str(path), "[tool] must be a table")
    table = tool.get("contractgen")
    if table is not None and not isinstance(table, dict):
        raise UserError(str(path), "[tool.contractgen] must be a table of settings")
    return table


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML file's tables; every way it can fail is a UserError, with the position tomllib
    knows. The one reader for all configuration, so every command words its errors alike."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UserError(str(path), "configuration file not found") from None
    except OSError as exc:
        raise UserError(str(path), f"cannot read: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UserError(str(path), f"cannot read: {exc}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, col = _toml_position(str(exc), text)
        raise UserError(str(path), f"invalid TOML: {exc}", line, col) from None


def _toml_position(message: str, text: str) -> tuple[int, int]:
    """tomllib puts "(at line L, column C)" or "(at end of document)" in its messages; lift
    either into a position (the end of the document is just past its last character)."""
    import re

    m = re.search(r"at line (\d+), column (\d+)", message)
    if m:
        return int(m[1]), int(m[2])
    if "at end of document" in message:
        return text.count("\n") + 1, len(text) - (text.rfind("\n") + 1) + 1
    return 0, 0


def _flag(table: dict[str, Any], key: str, source: Path) -> bool:
    value = table.get(key, False)
    if not isinstance(value, bool):
        raise UserError(str(source), f"{key} must be true or false, e.g. {key} = true")
    return value


def load_project_config(path: Path | None = None) -> ProjectConfig:
    """Read the given configuration file, or find the nearest one; empty settings if none."""
    if path is not None:
        if not path.is_file():
            raise UserError(str(path), "configuration file not found")
        table = read_toml(path)
        if path.name == "pyproject.toml":
            table = tool_table(table, path) or {}
        found: tuple[Path, dict[str, Any]] | None = (path, table)
    else:
        found = find_config_file()
    if found is None:
        return ProjectConfig()
    source, table = found
    unknown = sorted(set(table) - BUILD_KEYS)
    if unknown:
        raise UserError(
            str(source),
            f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(BUILD_KEYS))}",
        )
    base = source.parent
    libraries = table.get("library", [])
    if isinstance(libraries, str):
        libraries = [libraries]
    if not isinstance(libraries, list) or not all(isinstance(p, str) for p in libraries):
        raise UserError(str(source), "library must be a folder or a list of folders")
    return ProjectConfig(
        source=source,
        libraries=tuple(base / p for p in libraries),
        reference_docx=_path(table, "reference-docx", base, source),
        cover=_path(table, "cover", base, source),
        output=_path(table, "output", base, source),
        toc=_flag(table, "toc", source),
        raw=table,
    )


def _path(table: dict[str, Any], key: str, base: Path, source: Path) -> Path | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise UserError(str(source), f"{key} must be a path")
    return base / value
