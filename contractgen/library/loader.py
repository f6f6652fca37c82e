"""Load the clause library: the built-in layer, company layers over it, compiled once.

Later layers win: a clause whose id is already known replaces it (override), a new id is added
where its ``order`` puts it, and a layer's ``library.yaml`` may drop optional clauses. Templates
and ``when:`` conditions are compiled when the library loads, so a broken company clause is
reported before any deal is built, and a batch of hundreds of deals compiles each template once:
the loaded library is cached per process, keyed by the layer folders and the modification
times and sizes of their files (an edited clause is picked up on the next call).

Compiling comes from the per-user cache of :mod:`contractgen.library.bytecode` when it can, so
a new process reads the library's code instead of compiling it again; a clause's code becomes a
renderable template only when a deal first uses the clause (:class:`Templates`).
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Template

from contractgen.errors import UserError
from contractgen.library import bytecode
from contractgen.library.bytecode import Compiled
from contractgen.library.clause import Clause, Kind, parse_clause
from contractgen.library.env import (
    compile_condition,
    compile_template,
    instantiate,
    make_environment,
)
from contractgen.library.layers import Layer, read_layer
from contractgen.library.limits import MAX_TEMPLATE_CHARS
from contractgen.library.sandbox import ClauseSandbox
from contractgen.paths import BUILTIN_LIBRARY

LATE_FUNCTION = "uses"
"""A clause that calls ``uses(term)`` (the definitions) renders after all the others."""
_CACHE_SIZE = 16


@dataclass(frozen=True)
class ClauseInfo:
    """What ``contractgen clauses`` lists about one clause."""

    id: str
    version: str
    title: str
    section: str
    """The folder the clause sits in inside its layer, e.g. "support"."""
    order: int
    kind: str
    optional: bool
    layer: str
    """The layer's name: "built-in" or the company library's name."""
    layer_path: str
    path: str

    def as_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "version": self.version,
            "title": self.title,
            "section": self.section,
            "order": self.order,
            "kind": self.kind,
            "optional": self.optional,
            "layer": self.layer,
            "layer_path": self.layer_path,
            "path": self.path,
        }


class Templates(Mapping[str, Template]):
    """Clause id → template, each made from its compiled code the first time it is asked for
    (a deal renders only the clauses it includes)."""

    def __init__(self, env: ClauseSandbox, compiled: Mapping[str, Compiled]) -> None:
        self._env = env
        self._compiled = dict(compiled)
        self._made: dict[str, Template] = {}

    def __getitem__(self, clause_id: str) -> Template:
        template = self._made.get(clause_id)
        if template is None:
            template = instantiate(self._env, self._compiled[clause_id])
            self._made[clause_id] = template
        return template

    def __iter__(self) -> Iterator[str]:
        return iter(self._compiled)

    def __len__(self) -> int:
        return len(self._compiled)


@dataclass(frozen=True)
class Library:
    """A merged, compiled clause library."""

    layers: tuple[Layer, ...]
    clauses: dict[str, Clause]
    """The clauses in force after every layer, by id."""
    dropped: dict[str, str]
    """Clause ids a layer dropped → that layer's name."""
    env: ClauseSandbox
    templates: Templates
    conditions: dict[str, Callable[..., Any] | None]
    late: frozenset[str]
    """Ids of clauses that render last, because they ask which terms the others use."""

    def ordered(self, *kinds: Kind) -> list[Clause]:
        """Clauses of the given kinds, in document order (``order``, then id for ties)."""
        chosen = [c for c in self.clauses.values() if c.kind in kinds]
        return sorted(chosen, key=lambda c: (c.order, c.id))

    def layer_of(self, clause: Clause) -> Layer:
        """The layer a clause file belongs to (by folder: two layers may share a name)."""
        return next(
            layer for layer in reversed(self.layers) if clause.path.is_relative_to(layer.root)
        )


_CACHE: OrderedDict[tuple[Any, ...], Library] = OrderedDict()


def _fingerprint(roots: Sequence[Path]) -> tuple[Any, ...]:
    """Folder paths plus (name, mtime, size) of every template and layer file in them."""
    parts: list[Any] = []
    for root in roots:
        parts.append(str(root))
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith(".j2") or name == "library.yaml":
                    st = os.stat(os.path.join(dirpath, name))
                    parts.append((dirpath, name, st.st_mtime_ns, st.st_size))
    return tuple(parts)


def library_roots(libraries: Sequence[Path] = ()) -> list[Path]:
    """The layer folders in order: the built-in library, then the company libraries."""
    return [BUILTIN_LIBRARY, *(Path(p).resolve() for p in libraries)]


def load_library(libraries: Sequence[Path] = ()) -> Library:
    """The built-in library with ``libraries`` layered over it, compiled (cached per process)."""
    roots = library_roots(libraries)
    for root in roots[1:]:
        if not root.is_dir():
            raise UserError(str(root), "clause library folder not found")
    key = _fingerprint(roots)
    cached = _CACHE.get(key)
    if cached is not None:
        _CACHE.move_to_end(key)
        return cached
    library = _build(roots)
    _CACHE[key] = library
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return library


def _read_clauses(layer: Layer) -> list[Clause]:
    files: list[tuple[Path, str, str]] = []
    for path in layer.clause_files:
        rel = path.relative_to(layer.root).as_posix()
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise UserError(str(path), "a clause file must be UTF-8 text") from None
        if len(text) > MAX_TEMPLATE_CHARS:
            raise UserError(str(path), f"clause file is over {MAX_TEMPLATE_CHARS:,} characters")
        files.append((path, rel, text))
    key = _layer_key(layer, files)
    cached = _from_records(bytecode.load_data(key), files)
    if cached is not None:
        return cached
    clauses: list[Clause] = []
    seen: dict[str, str] = {}
    for path, rel, text in files:
        clause = parse_clause(text, path, rel, layer.name)
        if clause.id in seen:
            raise UserError(
                str(path),
                f"clause id '{clause.id}' is also used by {seen[clause.id]} in this library",
            )
        seen[clause.id] = rel
        clauses.append(clause)
    bytecode.store_data(key, tuple(_record(c) for c in clauses))
    return clauses


_CHECKING_CODE = (
    Path(__file__).with_name("clause.py"),
    Path(__file__).with_name("specpaths.py"),
    *sorted((Path(__file__).parent.parent / "spec").glob("*.py")),
)
"""The code that decides what a clause file parses to: the front matter rules and the spec
model its ``reads:`` paths are checked against."""
_RECORD_FORMAT = "clause-records-1"


def _layer_key(layer: Layer, files: list[tuple[Path, str, str]]) -> str:
    """Names the parsed form of a layer's clause files: their text and the checking code."""
    parts: list[str | bytes] = [_RECORD_FORMAT, layer.name, str(layer.root)]
    parts.extend(code.read_bytes() for code in _CHECKING_CODE)
    for path, rel, text in files:
        parts.extend((str(path), rel, text))
    return bytecode.digest(*parts)


def _record(clause: Clause) -> tuple[Any, ...]:
    """A parsed clause as plain data (the path is its file's, kept beside it)."""
    return (
        clause.id,
        clause.title,
        clause.version,
        clause.order,
        clause.kind.value,
        clause.key,
        clause.reads,
        clause.when,
        clause.optional,
        clause.default,
        clause.relpath,
        clause.layer,
        clause.source,
        clause.when_line,
    )


def _from_records(records: Any, files: list[tuple[Path, str, str]]) -> list[Clause] | None:
    """The clauses stored by :func:`_record` for ``files``, or None if they do not fit."""
    if not isinstance(records, tuple) or len(records) != len(files):
        return None
    clauses = []
    try:
        for (path, rel, _text), record in zip(files, records, strict=True):
            (cid, title, version, order, kind, key, reads, when, optional, default,
             relpath, layer, source, when_line) = record  # fmt: skip
            if relpath != rel or not all(isinstance(r, str) for r in reads):
                return None
            clauses.append(
                Clause(
                    id=cid,
                    title=title,
                    version=version,
                    order=order,
                    kind=Kind(kind),
                    key=key,
                    reads=tuple(reads),
                    when=when,
                    optional=optional,
                    default=default,
                    path=path,
                    relpath=relpath,
                    layer=layer,
                    source=source,
                    when_line=when_line,
                )
            )
    except (TypeError, ValueError):
        return None
    return clauses


def _build(roots: Sequence[Path]) -> Library:
    layers = tuple(read_layer(root, builtin=i == 0) for i, root in enumerate(roots))
    merged: dict[str, Clause] = {}
    dropped: dict[str, str] = {}
    for layer in layers:
        for clause in _read_clauses(layer):
            merged[clause.id] = clause
            dropped.pop(clause.id, None)
        for drop in layer.drops:
            target = merged.get(drop.clause_id)
            if target is None:
                known = ", ".join(sorted(merged))
                raise UserError(
                    drop.file,
                    f"cannot drop '{drop.clause_id}': no such clause (known: {known})",
                    drop.line,
                    drop.col,
                )
            if not target.optional:
                raise UserError(
                    drop.file,
                    f"cannot drop '{drop.clause_id}': it is not optional (a company library may "
                    "override it with its own text instead)",
                    drop.line,
                    drop.col,
                )
            del merged[drop.clause_id]
            dropped[drop.clause_id] = layer.name
    env = make_environment(roots)
    compiled: dict[str, Compiled] = {}
    conditions: dict[str, Callable[..., Any] | None] = {}
    late: set[str] = set()
    for clause_id, clause in sorted(merged.items()):
        compiled[clause_id] = compile_template(
            env, clause.source, f"{clause.layer}:{clause.relpath}", clause.path, clause_id
        )
        conditions[clause_id] = (
            compile_condition(env, clause.when, clause.path, clause.when_line, clause_id)
            if clause.when
            else None
        )
        if LATE_FUNCTION in compiled[clause_id].undeclared:
            late.add(clause_id)
    return Library(
        layers=layers,
        clauses=merged,
        dropped=dropped,
        env=env,
        templates=Templates(env, compiled),
        conditions=conditions,
        late=frozenset(late),
    )


def list_clauses(libraries: Sequence[Path] = ()) -> list[ClauseInfo]:
    """Every clause in force, in document order (appendices last), with the layer it came from."""
    library = load_library(libraries)
    order = library.ordered(Kind.FRONT) + library.ordered(Kind.SECTION)
    order += library.ordered(Kind.BACK) + library.ordered(Kind.APPENDIX)
    infos = []
    for clause in order:
        layer = library.layer_of(clause)
        folder = clause.relpath.rsplit("/", 1)[0] if "/" in clause.relpath else ""
        infos.append(
            ClauseInfo(
                id=clause.id,
                version=clause.version,
                title=clause.title,
                section=folder,
                order=clause.order,
                kind=clause.kind.value,
                optional=clause.optional,
                layer=clause.layer,
                layer_path=str(layer.root),
                path=str(clause.path),
            )
        )
    return infos
