"""Library layers: the built-in clause folder and the company folders laid over it.

A layer is a folder of ``*.md.j2`` clause files, optionally with a ``library.yaml``::

    name: acme            # how listings and the document-control table name this layer
    drop: [complaint-classification]   # optional clauses this company never uses

Files under ``partials/`` are shared macros for ``{% import %}``, not clauses.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from contractgen.errors import UserError
from contractgen.library.limits import MAX_LIBRARY_FILES

BUILTIN_NAME = "built-in"
LAYER_CONFIG = "library.yaml"
CLAUSE_SUFFIX = ".md.j2"
PARTIALS = "partials"
_LAYER_KEYS = ("name", "drop")


@dataclass(frozen=True)
class Drop:
    """A clause a layer removes, with where it said so."""

    clause_id: str
    file: str
    line: int
    col: int


@dataclass(frozen=True)
class Layer:
    """One library folder: its name, its clause files and the clauses it drops."""

    name: str
    root: Path
    clause_files: tuple[Path, ...]
    drops: tuple[Drop, ...]


def clause_files(root: Path) -> list[Path]:
    """The clause files of a layer, in a stable order (partials excluded)."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        rel = Path(dirpath).relative_to(root)
        if rel.parts and rel.parts[0] == PARTIALS:
            continue
        found.extend(Path(dirpath) / f for f in sorted(filenames) if f.endswith(CLAUSE_SUFFIX))
        if len(found) > MAX_LIBRARY_FILES:
            raise UserError(
                str(root), f"more than {MAX_LIBRARY_FILES:,} clause files in one library"
            )
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def read_layer(root: Path, *, builtin: bool = False) -> Layer:
    """Read a layer folder and its ``library.yaml``; problems are UserErrors with positions."""
    if not root.is_dir():
        raise UserError(str(root), "clause library folder not found")
    name = BUILTIN_NAME if builtin else root.name
    drops: list[Drop] = []
    config = root / LAYER_CONFIG
    if config.is_file():
        name, drops = _read_config(config, name)
    return Layer(name=name, root=root, clause_files=tuple(clause_files(root)), drops=tuple(drops))


def _read_config(path: Path, default_name: str) -> tuple[str, list[Drop]]:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    file = str(path)
    try:
        data = YAML(typ="rt", pure=True).load(path.read_text(encoding="utf-8"))
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise UserError(file, (exc.problem or "YAML syntax error").strip(), line, col) from None
    except (YAMLError, OSError, UnicodeDecodeError) as exc:
        raise UserError(file, f"cannot read: {exc}") from None
    if data is None:
        return default_name, []
    if not isinstance(data, CommentedMap):
        raise UserError(file, "library.yaml must be a mapping: name: ..., drop: [...]", 1, 1)
    for key in data:
        if key not in _LAYER_KEYS:
            line, col = data.lc.key(key)
            raise UserError(
                file,
                f'unknown key "{key}"; library.yaml knows: {", ".join(_LAYER_KEYS)}',
                line + 1,
                col + 1,
            )
    name = data.get("name", default_name)
    if not isinstance(name, str) or not name.strip() or len(name) > 60:
        line, col = data.lc.value("name")
        raise UserError(file, "name must be text of 1 to 60 characters", line + 1, col + 1)
    raw = data.get("drop", [])
    if not isinstance(raw, CommentedSeq) or not all(isinstance(x, str) for x in raw):
        line, col = data.lc.value("drop") if "drop" in data else (0, 0)
        raise UserError(
            file, "drop must be a list of clause ids, e.g. [performance-bonus]", line + 1, col + 1
        )
    drops = []
    for i, clause_id in enumerate(raw):
        line, col = raw.lc.item(i)
        drops.append(Drop(clause_id, file, line + 1, col + 1))
    return name.strip(), drops
