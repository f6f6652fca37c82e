"""One clause file: YAML front matter that describes it, and the Jinja2 template that writes it.

A clause file looks like this::

    ---
    id: escalation
    title: Escalation
    version: "1.0"
    order: 900
    reads: [escalation.tiers, escalation.triggers]
    when: escalation.tiers
    optional: false
    ---
    ### {{ sub("Support Tiers") }}
    ...

The front matter is checked strictly (unknown keys, wrong types and ``reads:`` paths that name no
spec field are errors with ``file:line:col``), because a library is edited by hand by people who
are not programmers, and a silently ignored key is a clause that silently does the wrong thing.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from contractgen.errors import Diagnostic, Location, UserError
from contractgen.library.specpaths import check_path


class Kind(StrEnum):
    """Where a clause goes in the exhibit set."""

    FRONT = "front"
    """Before the numbered sections of the main exhibit (title, parties); not numbered."""
    SECTION = "section"
    """A numbered section of the main exhibit; assembly writes its ``## N. Title`` heading."""
    BACK = "back"
    """After the numbered sections (signatures, document control); not numbered."""
    APPENDIX = "appendix"
    """A document of its own, numbered "Appendix N"; writes its own headings."""


FRONT_MATTER_KEYS: dict[str, str] = {
    "id": "unique clause id, lowercase words joined by hyphens, e.g. escalation",
    "title": "the clause's title, used as its section heading",
    "version": 'the clause text\'s version in quotes, e.g. "1.0"',
    "order": "a whole number placing the clause among the others (lower comes first)",
    "kind": "front, section (default), back or appendix",
    "key": "for an appendix: the file-name word after appendix-N-, e.g. acceptance-record",
    "reads": "the spec fields the clause reads, as dotted paths",
    "when": "a condition over the spec; the clause appears only when it holds",
    "optional": "true if a deal or a company library may leave the clause out",
    "default": "for an optional clause: false to leave it out unless the deal includes it",
}
"""Every key a clause's front matter may hold, with what it is for (shown on a typo)."""

# Patterns, compiled by ``re`` on first use: a clause file is parsed only when the library's
# parsed records are not cached, so most runs never need them.
_ID = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"
_VERSION = r"^[0-9A-Za-z][0-9A-Za-z.+-]{0,39}$"
_FENCE = "---"


@dataclass(frozen=True)
class Clause:
    """A parsed clause file: what it is, where it came from, and its template source."""

    id: str
    title: str
    version: str
    order: int
    kind: Kind
    key: str
    reads: tuple[str, ...]
    when: str | None
    optional: bool
    default: bool
    path: Path
    """The file, as found in its layer."""
    relpath: str
    """Its path inside the layer, with forward slashes: the template name for includes."""
    layer: str
    """The layer's display name: "built-in" or the company library's name."""
    source: str = field(repr=False)
    """Template source with the front matter blanked out, so line numbers match the file."""
    when_line: int = 0
    """Line of the ``when:`` key, for errors in the condition."""

    @property
    def numbered(self) -> bool:
        return self.kind == Kind.SECTION


def template_source(text: str) -> str:
    """The template part of a file: front matter (if any) replaced by a Jinja comment.

    The comment spans exactly the front matter's lines, so a Jinja error on body line N is
    reported on line N of the file the author is editing.
    """
    text = text.removeprefix("\ufeff")
    lines = text.split("\n")
    end = _closing_fence(lines)
    if end is None:
        return text
    return "{#-" + "\n" * end + "-#}\n" + "\n".join(lines[end + 1 :])


def _closing_fence(lines: list[str]) -> int | None:
    if not lines or lines[0].rstrip() != _FENCE:
        return None
    for i in range(1, len(lines)):
        if lines[i].rstrip() == _FENCE:
            return i
    return None


def parse_clause(text: str, path: Path, relpath: str, layer: str) -> Clause:
    """Parse one clause file; every front-matter problem is reported with its position."""
    from contractgen.spec.models import DealSpec

    name = str(path)
    text = text.removeprefix("\ufeff")
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != _FENCE:
        raise UserError(
            name,
            "a clause file starts with front matter: a line '---', the keys id, title, version "
            "and order, and a closing '---' line",
            1,
            1,
        )
    end = _closing_fence(lines)
    if end is None:
        raise UserError(name, "the front matter has no closing '---' line", 1, 1)
    data = _load_yaml("\n".join(lines[1:end]), name)
    problems: list[Diagnostic] = []

    def where(key: str, *, value: bool = False) -> Location:
        line, col = (data.lc.value(key) if value else data.lc.key(key)) if key in data else (0, 0)
        return Location(name, line + 2, col + 1) if key in data else Location(name, 1, 1)

    def problem(key: str, message: str, *, value: bool = True) -> None:
        problems.append(Diagnostic(where(key, value=value), message))

    for key in data:
        if key not in FRONT_MATTER_KEYS:
            close = difflib.get_close_matches(str(key), list(FRONT_MATTER_KEYS), n=1)
            hint = (
                f'; did you mean "{close[0]}"?'
                if close
                else (f"; known keys: {', '.join(FRONT_MATTER_KEYS)}")
            )
            problem(key, f'unknown front matter key "{key}"{hint}', value=False)
    for required in ("id", "title", "version", "order"):
        if required not in data:
            problems.append(
                Diagnostic(
                    Location(name, 1, 1),
                    f'front matter needs "{required}": {FRONT_MATTER_KEYS[required]}',
                )
            )

    clause_id = data.get("id")
    if "id" in data and not (isinstance(clause_id, str) and re.match(_ID, clause_id)):
        problem(
            "id",
            f"id must be lowercase words joined by hyphens, e.g. escalation; got {clause_id!r}",
        )
    title = data.get("title")
    if "title" in data and not (isinstance(title, str) and title.strip() and len(title) <= 120):
        problem("title", "title must be text of 1 to 120 characters")
    version = data.get("version")
    if "version" in data and not (isinstance(version, str) and re.match(_VERSION, version)):
        hint = (
            ' (write it in quotes, e.g. version: "1.0")'
            if isinstance(version, (int, float))
            else ""
        )
        problem("version", f'version must be text such as "1.0"{hint}')
    order = data.get("order")
    if "order" in data and not (
        isinstance(order, int) and not isinstance(order, bool) and 0 <= order <= 100_000
    ):
        problem("order", "order must be a whole number from 0 to 100000")
    kind_text = data.get("kind", "section")
    try:
        kind = Kind(kind_text)
    except ValueError:
        kind = Kind.SECTION
        problem(
            "kind", f"kind must be one of {', '.join(k.value for k in Kind)}; got {kind_text!r}"
        )
    key = data.get("key", clause_id)
    if "key" in data and not (isinstance(key, str) and re.match(_ID, key)):
        problem("key", "key must be lowercase words joined by hyphens, e.g. acceptance-record")
    reads = data.get("reads", [])
    if not isinstance(reads, list) or not all(isinstance(r, str) for r in reads):
        problem("reads", "reads must be a list of dotted spec paths, e.g. [escalation.tiers]")
        reads = []
    else:
        for i, dotted in enumerate(reads):
            why = check_path(DealSpec, dotted)
            if why:
                line, col = data["reads"].lc.item(i)
                problems.append(Diagnostic(Location(name, line + 2, col + 1), f"reads {why}"))
    when = data.get("when")
    if when is not None and not (isinstance(when, str) and when.strip()):
        problem("when", 'when must be a condition in quotes, e.g. when: "rewards"')
    for flag in ("optional", "default"):
        if flag in data and not isinstance(data[flag], bool):
            problem(flag, f"{flag} must be true or false")

    if problems:
        raise UserError.many(problems)
    return Clause(
        id=str(clause_id),
        title=str(title).strip(),
        version=str(version),
        order=int(order),
        kind=kind,
        key=str(key),
        reads=tuple(reads),
        when=when.strip() if isinstance(when, str) else None,
        optional=bool(data.get("optional", False)),
        default=bool(data.get("default", True)),
        path=path,
        relpath=relpath,
        layer=layer,
        source=template_source(text),
        when_line=where("when", value=True).line if "when" in data else 0,
    )


def _load_yaml(text: str, name: str) -> Any:
    """Parse front matter YAML with positions; line numbers are shifted past the opening fence."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt", pure=True)
    try:
        data = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = (exc.problem or exc.context or "YAML syntax error").strip()
        if "duplicate key" in str(exc):
            message = "a front matter key is listed twice"
        line, col = (mark.line + 2, mark.column + 1) if mark else (1, 1)
        raise UserError(name, f"front matter: {message}", line, col) from None
    except YAMLError as exc:
        raise UserError(name, f"front matter: {str(exc).strip().splitlines()[0]}", 1, 1) from None
    if not isinstance(data, CommentedMap):
        raise UserError(name, "front matter must be a mapping of keys (id: ..., title: ...)", 2, 1)
    return data
