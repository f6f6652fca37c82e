"""The deal-level change list: which spec values changed, where, and which clauses they touch.

Values are compared as the validated model reads them (``30d`` and ``30 days`` are the same
duration), not as text, so reformatting a spec is not a change. Lists are aligned by a sequence
diff, so removing one responsibility row is one removal, not a change to every row after it.
Each change names the clauses that read the field (their front matter's ``reads:``), which is
what a reviewer needs to find it in the documents.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from contractgen.errors import Location
from contractgen.spec.loader import LoadedSpec, Loc


@dataclass(frozen=True)
class Change:
    """One changed value: ``kind`` is ``changed``, ``added`` or ``removed``."""

    path: str
    kind: str
    old: Any
    new: Any
    old_at: Location | None
    new_at: Location | None
    clauses: tuple[str, ...] = ()
    """Labels of the clauses that read this value, e.g. ``Section 4 Acceptance``."""

    def as_record(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "kind": self.kind,
            "old": self.old,
            "new": self.new,
            "old_position": _where(self.old_at),
            "new_position": _where(self.new_at),
            "clauses": list(self.clauses),
        }


@dataclass(frozen=True)
class ClauseChange:
    """A clause that is in one deal's documents and not the other's, or whose version moved."""

    id: str
    title: str
    kind: str
    """``added``, ``removed`` or ``version`` (the clause library changed between the two)."""
    old_version: str = ""
    new_version: str = ""

    def as_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "old_version": self.old_version or None,
            "new_version": self.new_version or None,
        }


@dataclass
class DealDiff:
    """Everything that differs between two versions of one deal."""

    old_name: str
    new_name: str
    old_deal: str
    new_deal: str
    changes: list[Change] = field(default_factory=list)
    clauses: list[ClauseChange] = field(default_factory=list)

    @property
    def same(self) -> bool:
        return not self.changes and not self.clauses

    @property
    def library_changed(self) -> bool:
        """The two deals were assembled from different versions of some clause."""
        return any(c.kind == "version" for c in self.clauses)

    def as_record(self) -> dict[str, Any]:
        return {
            "old": self.old_name,
            "new": self.new_name,
            "deal": self.new_deal,
            "old_deal": self.old_deal,
            "same": self.same,
            "library_changed": self.library_changed,
            "changes": [c.as_record() for c in self.changes],
            "clauses": [c.as_record() for c in self.clauses],
        }


def _where(at: Location | None) -> str | None:
    return str(at) if at is not None else None


# --- comparing values -----------------------------------------------------------------------


_Step = str | int | tuple[str, int] | tuple[str, int, int]
"""A step of a path through both values: a key, or a list index on the old side, the new
side, or both (``("pair", old_index, new_index)``)."""
_Path = tuple[_Step, ...]
_Diff = Iterator[tuple[_Path, str, Any, Any]]


def compare_values(old: Any, new: Any) -> _Diff:
    """(key path, kind, old, new) for every difference between two plain JSON-like values."""
    yield from _compare(old, new, ())


def _compare(old: Any, new: Any, loc: _Path) -> _Diff:
    if old == new:
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(k for k in new if k not in old)]:
            if key not in new:
                if old[key] is not None:
                    yield (*loc, key), "removed", old[key], None
            elif key not in old:
                if new[key] is not None:
                    yield (*loc, key), "added", None, new[key]
            else:
                yield from _compare(old[key], new[key], (*loc, key))
        return
    if isinstance(old, list) and isinstance(new, list):
        yield from _compare_lists(old, new, loc)
        return
    if old is None:
        yield loc, "added", None, new
    elif new is None:
        yield loc, "removed", old, None
    else:
        yield loc, "changed", old, new


def _compare_lists(old: list[Any], new: list[Any], loc: _Path) -> _Diff:
    """Align list items first, so one removed row is one removal (reported at its old index)."""
    okeys = [json.dumps(v, sort_keys=True) for v in old]
    nkeys = [json.dumps(v, sort_keys=True) for v in new]
    matcher = difflib.SequenceMatcher(None, okeys, nkeys, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        paired = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for k in range(paired):
            # The new index locates the pair: the new file is the one being reviewed.
            for sub, kind, o, n in _compare(old[i1 + k], new[j1 + k], ()):
                yield (*loc, ("pair", i1 + k, j1 + k), *sub), kind, o, n
        for i in range(i1 + paired, i2):
            yield (*loc, ("old", i)), "removed", old[i], None
        for j in range(j1 + paired, j2):
            yield (*loc, ("new", j)), "added", None, new[j]


def _side_loc(loc: _Path, side: str) -> Loc | None:
    """The key path on one side: list steps resolved to that side's index."""
    out: list[str | int] = []
    for step in loc:
        if isinstance(step, tuple):
            tag = step[0]
            if tag == "pair" and len(step) == 3:
                out.append(step[1] if side == "old" else step[2])
            elif tag == side:
                out.append(step[1])
            else:
                return None
        else:
            out.append(step)
    return tuple(out)


def dotted(loc: Loc) -> str:
    """``("support", "priorities", 0, "response")`` → ``support.priorities[0].response``."""
    text = ""
    for step in loc:
        if isinstance(step, int):
            text += f"[{step}]"
        else:
            text += f".{step}" if text else str(step)
    return text


def _field_path(loc: Loc) -> str:
    """The path without list indices, as clause front matter names fields."""
    return ".".join(str(s) for s in loc if not isinstance(s, int))


# --- the deal diff --------------------------------------------------------------------------


def diff_deals(
    old: LoadedSpec,
    new: LoadedSpec,
    *,
    libraries: Sequence[Path] = (),
    old_libraries: Sequence[Path] | None = None,
) -> DealDiff:
    """The change list between two loaded specs, with the clauses each change reaches."""
    from contractgen.library.loader import load_library
    from contractgen.library.selection import plan_document
    from contractgen.library.specpaths import path_index

    old_library = load_library(old_libraries if old_libraries is not None else libraries)
    new_library = load_library(libraries)
    old_plan = plan_document(old_library, old, path_index(old.spec))
    new_plan = plan_document(new_library, new, path_index(new.spec))

    readers: list[tuple[str, tuple[str, ...]]] = []  # (label, reads) in document order
    seen: set[str] = set()
    for plan in (new_plan, old_plan):
        for clause in plan.everything:
            if clause.id in seen:
                continue
            seen.add(clause.id)
            label = plan.label(clause.id)
            name = f"{label} {clause.title}" if label else clause.title
            readers.append((name, clause.reads))

    result = DealDiff(old.path, new.path, old.spec.deal.id, new.spec.deal.id)
    old_data = old.spec.model_dump(mode="json")
    new_data = new.spec.model_dump(mode="json")
    for loc, kind, o, n in compare_values(old_data, new_data):
        # A value that one side lacks has no position there (not its parent's).
        old_loc = _side_loc(loc, "old") if kind != "added" else None
        new_loc = _side_loc(loc, "new") if kind != "removed" else None
        shown = new_loc if new_loc is not None else old_loc
        assert shown is not None
        field_path = _field_path(shown)
        result.changes.append(
            Change(
                path=dotted(shown),
                kind=kind,
                old=o,
                new=n,
                old_at=old.positions.location(old_loc) if old_loc is not None else None,
                new_at=new.positions.location(new_loc) if new_loc is not None else None,
                clauses=tuple(
                    label for label, reads in readers if any(_touches(r, field_path) for r in reads)
                ),
            )
        )

    old_clauses = {c.id: c for c in old_plan.everything}
    new_clauses = {c.id: c for c in new_plan.everything}
    for cid, clause in new_clauses.items():
        before = old_clauses.get(cid)
        if before is None:
            result.clauses.append(ClauseChange(cid, clause.title, "added", "", clause.version))
        elif before.version != clause.version:
            result.clauses.append(
                ClauseChange(cid, clause.title, "version", before.version, clause.version)
            )
    for cid, clause in old_clauses.items():
        if cid not in new_clauses:
            result.clauses.append(ClauseChange(cid, clause.title, "removed", clause.version, ""))
    return result


def _touches(read: str, changed: str) -> bool:
    """A clause reading ``support`` is touched by ``support.fcr.target`` and vice versa."""
    return changed == read or changed.startswith(read + ".") or read.startswith(changed + ".")
