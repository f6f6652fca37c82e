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


def _records(problems: Sequence[Problem], show_waived: bool) -> list[dict[str, Any]]:
    """The records a format prints: waived findings only when it shows them."""
    return [r for r in (p.as_record() for p in problems) if show_waived or not r["waived"]]


def _where(r: dict[str, Any]) -> str:
    """``file:line:col`` (``file#exhibit.md:line:col`` for a document finding)."""
    path = f"{r['path']}#{r['document']}.md" if r["document"] else r["path"]
    return f"{path}:{r['line']}:{r['col']}" if r["line"] else path


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def format_text(
    problems: Sequence[Problem], *, colour: bool = False, show_waived: bool = False
) -> str:
    """One line per finding; with ``colour``, the level is styled for a terminal."""
    import click

    lines: list[str] = []
    for r in _records(problems, show_waived):
        level = r["level"]
        if colour:
            level = click.style(level, fg=_COLOURS[level], bold=level == Level.ERROR)
        line = f"{_where(r)}: {level} {r['message']} [{r['code']}]"
        if r["waived"]:
            line += f" (waived: {r['waiver']})"
        lines.append(line)
        if r["fix"]:
            lines.append(f"    fix: {r['fix']}")
    return "\n".join(lines) + ("\n" if lines else "")


def format_json(problems: Sequence[Problem]) -> str:
    """A JSON array of finding records (waived findings included, marked)."""
    import json  # machine formats load their modules on use: text output starts faster

    return json.dumps([p.as_record() for p in problems], indent=2, ensure_ascii=False) + "\n"


def format_github(problems: Sequence[Problem], *, show_waived: bool = False) -> str:
    """GitHub Actions workflow commands: ``::error file=…,line=…,col=…,title=CODE::message``."""
    lines: list[str] = []
    for r in _records(problems, show_waived):
        props = [f"file={_gh_property(r['path'])}"]
        message = r["message"]
        if r["document"]:
            message = f"{r['document']}.md line {r['line']}: {message}"
        elif r["line"]:
            props += [f"line={r['line']}", f"col={r['col']}"]
        props.append(f"title={_gh_property(r['code'] + ' ' + r['name'])}")
        if r["fix"]:
            message += f" Fix: {r['fix']}"
        if r["waived"]:
            message += f" (waived: {r['waiver']})"
        level = "notice" if r["waived"] else _GITHUB_LEVEL[r["level"]]
        lines.append(f"::{level} {','.join(props)}::{_gh_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def format_sarif(problems: Sequence[Problem], rules: Sequence[Rule], version: str) -> str:
    """A SARIF 2.1.0 log with one run, as GitHub code scanning accepts it."""
    index = {r.code: i for i, r in enumerate(rules)}
    results = [_sarif_result(r, index) for r in _records(problems, show_waived=True)]
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


def _sarif_result(r: dict[str, Any], index: dict[str, int]) -> dict[str, Any]:
    text = r["message"]
    if r["document"]:
        text = f"{r['document']}.md line {r['line']}: {text}"
    if r["fix"]:
        text += f" Fix: {r['fix']}"
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(r["path"])}}
    if r["line"] and not r["document"]:
        physical["region"] = {"startLine": r["line"], "startColumn": r["col"]}
    result: dict[str, Any] = {
        "ruleId": r["code"],
        "level": _SARIF_LEVEL[r["level"]],
        "message": {"text": text},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {"contractgenFinding/v1": _fingerprint(r)},
    }
    if r["code"] in index:
        result["ruleIndex"] = index[r["code"]]
    if r["waived"]:
        result["suppressions"] = [{"kind": "external", "justification": r["waiver"]}]
    return result


def _uri(path: str) -> str:
    """A relative URI reference for a file path (forward slashes, spaces escaped)."""
    from urllib.parse import quote

    return quote(path.replace("\\", "/"), safe="/:._-~")


def _fingerprint(r: dict[str, Any]) -> str:
    """Stable across runs and line shifts: the rule, the file and the message."""
    message = _LINE_REF.sub("", r["message"])
    key = f"{r['code']}\x00{r['path']}\x00{r['document'] or ''}\x00{message}"
    import hashlib

    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
