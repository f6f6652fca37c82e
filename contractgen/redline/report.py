"""The change list and the changed passages as text, JSON and Markdown.

One record per change (:meth:`Change.as_record`) feeds every format, so ``contractgen diff``,
``changes.md`` and ``redline.md`` never disagree about what changed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from contractgen.redline.engine import Passage
from contractgen.redline.specdiff import Change, ClauseChange, DealDiff

_MAX_VALUE = 160
"""Longer values (a whole list item) are cut in the text and Markdown forms, not in JSON."""


def show(value: Any) -> str:
    """A spec value as a reader would write it: scalars plain, structures as compact JSON."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = _plain(value)
    return text if len(text) <= _MAX_VALUE else text[: _MAX_VALUE - 1] + "…"


def _plain(value: Any) -> str:
    """Structures as a reader writes them: ``activity: Training, brand: I`` and ``a; b``."""
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_plain(v)}" for k, v in value.items() if v is not None)
    if isinstance(value, list):
        return "; ".join(_plain(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _arrow(change: Change) -> str:
    if change.kind == "added":
        return f"added {show(change.new)}"
    if change.kind == "removed":
        return f"removed {show(change.old)}"
    return f"{show(change.old)} → {show(change.new)}"


def _clause_line(clause: ClauseChange) -> str:
    if clause.kind == "version":
        return (
            f"clause '{clause.id}' ({clause.title}): library version "
            f"{clause.old_version} → {clause.new_version}"
        )
    return f"clause '{clause.id}' ({clause.title}) {clause.kind}"


def library_note(diff: DealDiff) -> str:
    return (
        "The two versions were assembled from different versions of the clause library; "
        "wording changes in those clauses come from the library, not from the deal."
    )


# --- contractgen diff ------------------------------------------------------------------------


def as_text(diff: DealDiff) -> str:
    """``file:line:col: path: old → new [clauses]``, one change a line (new position first)."""
    if diff.same:
        return f"{diff.old_name} and {diff.new_name}: same deal, no changes\n"
    lines = []
    for c in diff.changes:
        where = c.new_at or c.old_at
        also = f" (was at {c.old_at})" if c.new_at and c.old_at else ""
        touched = f" [{'; '.join(c.clauses)}]" if c.clauses else ""
        lines.append(f"{where}: {c.path}: {_arrow(c)}{touched}{also}")
    lines.extend(_clause_line(c) for c in diff.clauses)
    if diff.library_changed:
        lines.append(library_note(diff))
    lines.append(f"{len(diff.changes)} changed value(s), {len(diff.clauses)} clause change(s)")
    return "\n".join(lines) + "\n"


def as_json(diff: DealDiff) -> str:
    return json.dumps(diff.as_record(), indent=2, ensure_ascii=False) + "\n"


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def as_markdown(diff: DealDiff, *, heading: str = "#") -> str:
    """The change list as a Markdown table (the body of ``changes.md``)."""
    out = [f"{heading} Changes to deal {diff.new_deal}", ""]
    out.append(f"From `{_cell(diff.old_name)}` to `{_cell(diff.new_name)}`.")
    out.append("")
    if diff.same:
        out.append("No changes: the two versions describe the same deal.")
        return "\n".join(out) + "\n"
    if diff.changes:
        out.append("| Spec value | Old | New | Clauses affected | Position (old / new) |")
        out.append("| --- | --- | --- | --- | --- |")
        for c in diff.changes:
            positions = " / ".join(_position(at) for at in (c.old_at, c.new_at))
            out.append(
                f"| `{_cell(c.path)}` | {_cell(show(c.old))} | {_cell(show(c.new))} | "
                f"{_cell('; '.join(c.clauses) or '—')} | {positions} |"
            )
        out.append("")
    if diff.clauses:
        out.extend(f"- {_cell(_clause_line(c))}" for c in diff.clauses)
        out.append("")
    if diff.library_changed:
        out.append(library_note(diff))
        out.append("")
    return "\n".join(out)


def _position(at: Any) -> str:
    return f"{at.line}:{at.col}" if at is not None and at.line else "—"


# --- redline.md ------------------------------------------------------------------------------


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("*", "\\*")


def passage_markdown(passage: Passage) -> str:
    """A changed passage with ``<del>`` and ``<ins>`` marks (rendered by GitHub and GitLab)."""
    parts: list[str] = []
    for seg in passage.segments:
        text = _escape(re.sub(r"\s+", " ", seg.text))
        if seg.op == "+" and seg.text.strip():
            parts.append(f"<ins>{text}</ins>")
        elif seg.op == "-" and seg.text.strip():
            parts.append(f"<del>{text}</del>")
        else:
            parts.append(text)
    body = "".join(parts).strip()
    if passage.kind == "inserted":
        return f"(new paragraph) {body}" if body else "(new empty paragraph)"
    if passage.kind in ("inserted row", "deleted row"):
        return f"({'new' if passage.kind == 'inserted row' else 'removed'} table row) {body}"
    if passage.kind == "deleted":
        return f"(removed paragraph) {body}" if body else "(removed empty paragraph)"
    return body or "(formatting only)"


def redline_markdown(
    diff: DealDiff, documents: Sequence[tuple[str, int, Sequence[Passage]]]
) -> str:
    """``redline.md``: the change list, then each document's changed passages by heading."""
    out = [f"# Redline of deal {diff.new_deal}", ""]
    out.append(as_markdown(diff, heading="##").split("\n", 2)[2].rstrip() + "\n")
    for name, revisions, passages in documents:
        out.append(f"## {name}")
        out.append("")
        if not passages:
            out.append("No changes.")
            out.append("")
            continue
        out.append(f"{len(passages)} changed passage(s), {revisions} tracked revision(s).")
        out.append("")
        context = None
        for passage in passages:
            if passage.context != context:
                if context is not None:
                    out.append("")
                context = passage.context
                out.append(f"### {_escape(context or 'Start of document')}")
                out.append("")
            out.append(f"- {passage_markdown(passage)}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
