"""Findings as text, JSON, SARIF 2.1.0 or GitHub workflow annotations.

Every formatter reads :meth:`Problem.as_record` (and the catalogue, for SARIF's rule list),
never rule internals, so the formats cannot drift apart. Text is ``file:line:col: level
message [CODE]``, one finding a line; waived findings are left out of text and GitHub output
(unless asked for) but kept, marked, in JSON and SARIF, where auditors look for them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from contractgen.lint.problem import Level, Problem
from contractgen.lint.rule import Rule

FORMATS = ("text", "json", "sarif", "github")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "note"}
_GITHUB_LEVEL = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "notice"}
_LINE_REF = re.compile(r"\(?\bline [0-9]+\)?")
_COLOURS = {Level.ERROR: "red", Level.WARNING: "yellow", Level.INFO: "cyan"}


def summary(problems: Sequence[Problem], files: int) -> str:
    """ "2 errors, 1 warning, 0 info (1 waived) in 3 files"."""
    live = [p for p in problems if not p.waived]
    counts = {level: sum(1 for p in live if p.level == level) for level in Level}
    parts = [
        _plural(counts[Level.ERROR], "error"),
        _plural(counts[Level.WARNING], "warning"),
        f"{counts[Level.INFO]} info",
    ]
    text = ", ".join(parts)
    waived = len(problems) - len(live)
    if waived:
        text += f" ({waived} waived)"
    return f"{text} in {_plural(files, 'file')}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def format_text(
    problems: Sequence[Problem], *, colour: bool = False, show_waived: bool = False
) -> str:
    """One line per finding; with ``colour``, the level is styled for a terminal."""
    import click

    lines: list[str] = []
    for p in problems:
        if p.waived and not show_waived:
            continue
        level = p.level.value
        if colour:
            level = click.style(level, fg=_COLOURS[p.level], bold=p.level == Level.ERROR)
        line = f"{p.where}: {level} {p.message} [{p.code}]"
        if p.waived:
            line += f" (waived: {p.waiver})"
        lines.append(line)
        if p.fix:
            lines.append(f"    fix: {p.fix}")
    return "\n".join(lines) + ("\n" if lines else "")


def format_json(problems: Sequence[Problem]) -> str:
    """A JSON array of finding records (waived findings included, marked)."""
    import json  # machine formats load their modules on use: text output starts faster

    return json.dumps([p.as_record() for p in problems], indent=2, ensure_ascii=False) + "\n"


def format_github(problems: Sequence[Problem], *, show_waived: bool = False) -> str:
    """GitHub Actions workflow commands: ``::error file=…,line=…,col=…,title=CODE::message``."""
    lines: list[str] = []
    for p in problems:
        if p.waived and not show_waived:
            continue
        props = [f"file={_gh_property(p.path)}"]
        message = p.message
        if p.document:
            message = f"{p.document}.md line {p.line}: {message}"
        elif p.line:
            props += [f"line={p.line}", f"col={p.col or 1}"]
        props.append(f"title={_gh_property(p.code + ' ' + p.name)}")
        if p.fix:
            message += f" Fix: {p.fix}"
        if p.waived:
            message += f" (waived: {p.waiver})"
        level = "notice" if p.waived else _GITHUB_LEVEL[p.level]
        lines.append(f"::{level} {','.join(props)}::{_gh_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def format_sarif(problems: Sequence[Problem], rules: Sequence[Rule], version: str) -> str:
    """A SARIF 2.1.0 log with one run, as GitHub code scanning accepts it."""
    index = {r.code: i for i, r in enumerate(rules)}
    results = [_sarif_result(p, index) for p in problems]
    log: dict[str, Any] = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "contractgen",
                        "version": version,
                        "semanticVersion": version,
                        "rules": [_sarif_rule(r) for r in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    import json

    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _sarif_rule(rule: Rule) -> dict[str, Any]:
    why = rule.sections.get("Why is this bad?", "").strip()
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": " ".join(why.split()) or rule.summary},
        "help": {"text": rule.explain(), "markdown": rule.explain()},
        "defaultConfiguration": {"level": _SARIF_LEVEL[rule.level]},
        "properties": {"tags": list(rule.groups)},
    }


def _sarif_result(p: Problem, index: dict[str, int]) -> dict[str, Any]:
    text = p.message
    if p.document:
        text = f"{p.document}.md line {p.line}: {text}"
    if p.fix:
        text += f" Fix: {p.fix}"
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(p.path)}}
    if p.line and not p.document:
        physical["region"] = {"startLine": p.line, "startColumn": p.col or 1}
    result: dict[str, Any] = {
        "ruleId": p.code,
        "level": _SARIF_LEVEL[p.level],
        "message": {"text": text},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {"contractgenFinding/v1": _fingerprint(p)},
    }
    if p.code in index:
        result["ruleIndex"] = index[p.code]
    if p.waived:
        result["suppressions"] = [{"kind": "external", "justification": p.waiver}]
    return result


def _uri(path: str) -> str:
    """A relative URI reference for a file path (forward slashes, spaces escaped)."""
    from urllib.parse import quote

    return quote(path.replace("\\", "/"), safe="/:._-~")


def _fingerprint(p: Problem) -> str:
    """Stable across runs and line shifts: the rule, the file and the message."""
    message = _LINE_REF.sub("", p.message)
    key = f"{p.code}\x00{p.path}\x00{p.document or ''}\x00{message}"
    import hashlib

    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
