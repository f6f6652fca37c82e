"""Shared helpers for the clause-library tests: modified specs, section splitting, output scans.

:func:`scan_spec_paths` is the output scan the project's own test runs over every example; it
takes a list of spec paths so that other suites (``init`` presets, company specs) can reuse it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Sequence
from copy import deepcopy
from functools import cache
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from mdit_py_plugins.tasklists import tasklists_plugin
from ruamel.yaml import YAML

from contractgen.exhibit import Exhibit
from contractgen.library.assemble import assemble_spec
from contractgen.library.markdown import unescape_md
from contractgen.spec.loader import LoadedSpec, load_spec, load_spec_text

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
PRESETS = sorted((ROOT / "contractgen" / "spec" / "presets").glob("*.yaml"))
CASE_STUDY = ROOT / "examples" / "case-study-smart-shelf.yaml"
PREMIUM = ROOT / "examples" / "premium-24x7.yaml"

FORBIDDEN = ("{{", "{%", "}}", "%}", "{#", "#}", "[X]")
FORBIDDEN_WORDS = ("TBD", "None", "nan", "NaN", "null", "undefined")


def markdown_parser() -> MarkdownIt:
    """The same Markdown dialect the Word renderer reads: CommonMark, tables, task lists."""
    return MarkdownIt("commonmark", {"html": False}).enable("table").use(tasklists_plugin)


# --- specs ------------------------------------------------------------------------------------


@cache
def _round_trip_tree(text: str) -> Any:
    """``text`` parsed by ruamel's round-trip loader, once per run: the parse is the dearest
    step of a modified spec, and most tests modify the same few examples."""
    return YAML(typ="rt").load(text)


def modified_spec(path: Path, change: Callable[[Any], None]) -> LoadedSpec:
    """Load ``path`` after ``change`` has edited (a private copy of) its parsed YAML."""
    yaml = YAML(typ="rt")
    data = deepcopy(_round_trip_tree(path.read_text(encoding="utf-8")))
    change(data)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return load_spec_text(buffer.getvalue(), str(path))


def build(loaded_or_path: LoadedSpec | Path, libraries: Sequence[Path] = ()) -> list[Exhibit]:
    loaded = loaded_or_path if isinstance(loaded_or_path, LoadedSpec) else load_spec(loaded_or_path)
    return assemble_spec(loaded, libraries)


def main_markdown(exhibits: list[Exhibit]) -> str:
    return exhibits[0].markdown


_REF = re.compile(r"\[([^\]]*)\]\(ref:[nt]/[A-Za-z0-9_]+\)")


def as_read(markdown: str) -> str:
    """The text as a reader sees it: ``[Section 4](ref:n/acceptance)`` reads "Section 4"."""
    return _REF.sub(r"\1", markdown)


def sections(markdown: str) -> dict[str, str]:
    """The main exhibit split at its H2 headings: heading text (without number) → body."""
    markdown = as_read(markdown)
    parts: dict[str, str] = {}
    current = "(front)"
    lines: list[str] = []
    for line in markdown.split("\n"):
        if line.startswith("## "):
            parts[current] = "\n".join(lines)
            current = re.sub(r"^## (\d+\. )?", "", line)
            lines = []
        else:
            lines.append(line)
    parts[current] = "\n".join(lines)
    return parts


def changed_sections(before: str, after: str) -> set[str]:
    """Titles of the sections whose text differs (a section that appears or goes counts too)."""
    a, b = sections(before), sections(after)
    return {title for title in a.keys() | b.keys() if a.get(title) != b.get(title)}


# --- scanning ---------------------------------------------------------------------------------


def spec_strings(loaded: LoadedSpec) -> list[str]:
    """Every free-text value of a spec (text with a space): the user's own words, exempt from
    the term checks."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(loaded.spec.model_dump(mode="json"))
    return sorted({f for f in found if " " in f}, key=len, reverse=True)


def table_problems(markdown: str, where: str) -> list[str]:
    """Table cells that are empty: every cell of a generated table carries a value or a dash."""
    problems: list[str] = []
    tokens = markdown_parser().parse(markdown)
    for i, tok in enumerate(tokens):
        if tok.type in ("th_open", "td_open"):
            inline = tokens[i + 1]
            if inline.type != "inline" or not inline.content.strip():
                row = tok.map[0] + 1 if tok.map else "?"
                problems.append(f"{where}: empty table cell (table row near line {row})")
    return problems


def row_width_problems(markdown: str, where: str) -> list[str]:
    """Every row of a table has as many cells as its header row (source-level check)."""
    problems: list[str] = []
    width: int | None = None
    for line in markdown.split("\n"):
        if not line.startswith("|"):
            width = None
            continue
        cells = len(re.findall(r"(?<!\\)\|", line)) - 1
        if width is None:
            width = cells
        elif cells != width:
            problems.append(f"{where}: row has {cells} cells, header has {width}: {line!r}")
    return problems


def reference_problems(exhibits: Sequence[Exhibit], where: str) -> list[str]:
    """Every "Section N" / "Appendix N" must name a section or appendix of this exhibit set."""
    main = exhibits[0].markdown
    numbers = set(re.findall(r"^## (\d+)\. ", main, flags=re.M))
    appendices = {str(i) for i in range(1, len(exhibits))}
    problems: list[str] = []
    for exhibit in exhibits:
        for n in re.findall(r"\bSection (\d+)", exhibit.markdown):
            if n not in numbers:
                problems.append(f"{where}/{exhibit.key}: refers to Section {n}, which is absent")
        for n in re.findall(r"\bAppendix (\d+)", exhibit.markdown):
            if n not in appendices:
                problems.append(f"{where}/{exhibit.key}: refers to Appendix {n}, which is absent")
    return problems


def defined_terms(main: str) -> list[str]:
    """Terms the exhibit defines: **"Term"** in the definitions and "Term" in quoted brackets."""
    return sorted(set(re.findall(r'\*\*"([^"]+)"\*\*', main)))


def term_case_problems(exhibits: Sequence[Exhibit], loaded: LoadedSpec, where: str) -> list[str]:
    """A defined term must not appear in lower case in the document's own wording."""
    problems: list[str] = []
    terms = [t for t in defined_terms(exhibits[0].markdown) if t != t.lower()]
    user_text = spec_strings(loaded)
    for exhibit in exhibits:
        text = re.sub(r"`[^`]*`", " ", unescape_md(exhibit.markdown))
        text = re.sub(r"\]\((?:ref:|#)[^)]*\)", "]", text)  # link targets are not wording
        for value in user_text:
            text = text.replace(value, " ")
        for term in terms:
            lower = term.lower()
            pattern = rf"(?<![A-Za-z-]){re.escape(lower)}(?:s|es)?(?![A-Za-z])"
            for m in re.finditer(pattern, text):
                context = text[max(0, m.start() - 30) : m.end() + 30].replace("\n", " ")
                problems.append(f"{where}/{exhibit.key}: {term!r} in lower case: …{context}…")
    return problems


def scan_exhibits(exhibits: Sequence[Exhibit], loaded: LoadedSpec, where: str) -> list[str]:
    """Everything a reviewer should never find in generated text."""
    problems: list[str] = []
    for exhibit in exhibits:
        label = f"{where}/{exhibit.key}"
        text = exhibit.markdown
        for bad in FORBIDDEN:
            if bad in text:
                problems.append(f"{label}: contains {bad!r}")
        for word in FORBIDDEN_WORDS:
            if re.search(rf"\b{re.escape(word)}\b", text):
                problems.append(f"{label}: contains the word {word!r}")
        if not text.endswith("\n") or text.endswith("\n\n"):
            problems.append(f"{label}: must end with exactly one newline")
        if "\n\n\n" in text:
            problems.append(f"{label}: two blank lines in a row")
        problems += table_problems(text, label)
        problems += row_width_problems(text, label)
    problems += reference_problems(exhibits, where)
    problems += term_case_problems(exhibits, loaded, where)
    return problems


def scan_spec_paths(paths: Iterable[Path], libraries: Sequence[Path] = ()) -> list[str]:
    """Build every spec in ``paths`` and scan all of its exhibits; returns the problems found."""
    problems: list[str] = []
    for path in paths:
        loaded = load_spec(path)
        problems += scan_exhibits(assemble_spec(loaded, libraries), loaded, Path(path).stem)
    return problems


# --- a company library with a numbered form -----------------------------------------------

SITE_LOG = """---
id: site-log
title: Site Visit Log
version: "1.0"
order: 400
kind: appendix
key: site-log
---
# {{ label }} — {{ appendix }}: {{ title }}

## Site

Record each visit in {{ ref("site-log", sub="Visits") }}.

## {{ sub("Visits") }}

| Date | Purpose |
|---|---|
| ______ | ______ |

## {{ sub("Findings") }}

Findings follow from {{ ref("site-log", sub="Visits") }}.
"""

SITE_CLAUSE = """---
id: site-visits
title: Site Visits
version: "1.0"
order: 1450
---
{{ Partner }} records every visit in {{ ref("site-log", sub="Visits") }} of {{ ref("site-log") }}.
"""


def site_log_library(tmp_path: Path) -> Path:
    """A company library with an appendix whose sections refer to each other, and a clause of
    the main exhibit that refers to one of them."""
    root = tmp_path / "lib"
    (root / "appendices").mkdir(parents=True)
    (root / "governance").mkdir()
    (root / "appendices" / "site-log.md.j2").write_text(SITE_LOG, encoding="utf-8")
    (root / "governance" / "site-visits.md.j2").write_text(SITE_CLAUSE, encoding="utf-8")
    return root
