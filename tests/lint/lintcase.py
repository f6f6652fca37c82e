"""Build test specs by patching the baseline example, and run selected rules on them.

Two ways to patch, both applied to ``tests/lint/base.yaml`` (a frozen copy of the baseline
example, so that improving the examples leaves every case testing what it was written for)
through ruamel's round-trip loader (so untouched lines keep their place):

* **edits** (the case files): ``set`` maps dotted paths (``support.priorities.2.response``;
  a number is a list index, one past the end appends) to values, ``delete`` lists dotted paths;
* **fragments** (rule docstrings): a YAML excerpt deep-merged into the spec. Mappings merge
  key by key; list entries that carry an identity (a priority's ``id``, a tier's ``level``, a
  penalty's, reward's or termination's ``metric``, a ramp ``year``, a complaint class ``id``)
  merge into the entry with the same identity, or are appended; other lists, and per-priority
  tables (``P0: …``), replace the base value whole. ``key: null`` sets null, or removes the key
  when the model does not accept null there (an excerpt's way to say "not stated").
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, MutableMapping, Sequence
from copy import deepcopy
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from contractgen.errors import UserError
from contractgen.exhibit import Exhibit
from contractgen.lint.config import LintConfig
from contractgen.lint.engine import apply_waivers, check_documents, check_spec
from contractgen.lint.problem import Problem
from contractgen.spec.loader import LoadedSpec, load_spec_text

ROOT = Path(__file__).resolve().parents[2]
BASE = Path(__file__).resolve().parent / "base.yaml"
CASES = Path(__file__).resolve().parent / "cases"

IDENTITY: dict[tuple[str, ...], tuple[str, ...]] = {
    ("support", "priorities"): ("id",),
    ("escalation", "tiers"): ("level",),
    ("penalties", "rules"): ("metric",),
    ("rewards",): ("metric",),
    ("ramp",): ("year",),
    ("termination",): ("metric",),
    ("complaints", "classes"): ("id",),
}


def _yaml() -> Any:
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def _parts(dotted: str) -> list[str | int]:
    return [int(p) if p.isdigit() else p for p in dotted.split(".")]


def _dump(tree: Any) -> str:
    out = io.StringIO()
    _yaml().dump(tree, out)
    return out.getvalue()


def _dump_section(tree: Any, key: str, first: bool) -> str:
    """One top-level key of ``tree`` as it reads in the whole dump: the text of a block mapping
    is the text of its top-level keys one after the other, comments included."""
    from ruamel.yaml.comments import CommentedMap

    section = CommentedMap()
    section[key] = tree[key]
    if key in tree.ca.items:
        section.ca.items[key] = tree.ca.items[key]
    if first and tree.ca.comment:
        section.ca.comment = tree.ca.comment
    return _dump(section)


@lru_cache(maxsize=8)
def _base_sections(text: str) -> dict[str, tuple[bool, str]]:
    """Each top-level key of a base spec: (whether it comes first, its dumped text)."""
    tree = deepcopy(_parsed(text))
    first = next(iter(tree), None)
    return {key: (key == first, _dump_section(tree, key, key == first)) for key in tree}


def _dump_edited(tree: Any, touched: Iterable[Any], base_text: str) -> str:
    """``_dump(tree)`` for a copy of the base tree in which only the ``touched`` top-level keys
    were edited: the others keep their dumped text from the base. Dumping is the dearest step
    of a case once the base is parsed, and an edit touches one or two of some 17 sections."""
    if not tree or getattr(tree.ca, "end", None):
        return _dump(tree)
    touched = set(touched)
    base = _base_sections(base_text)
    first = next(iter(tree))
    out = []
    for key in tree:
        kept = base.get(key)
        if key in touched or kept is None or kept[0] != (key == first):
            out.append(_dump_section(tree, key, key == first))
        else:
            out.append(kept[1])
    return "".join(out)


@lru_cache(maxsize=8)
def _parsed(text: str) -> Any:
    """A base spec's round-trip tree, parsed once per run: ruamel's round-trip parse is the
    dearest step of every case, and every case starts from the same base text."""
    return _yaml().load(text)


def base_tree(base: Path = BASE) -> Any:
    """A private copy of the base spec's round-trip tree (comments and layout kept), free to
    edit."""
    return deepcopy(_parsed(base.read_text(encoding="utf-8")))


def edited_text(
    set_: Mapping[str, Any] | None = None, delete: Iterable[str] = (), base: Path = BASE
) -> str:
    """The base spec with dotted-path edits applied."""
    base_text = base.read_text(encoding="utf-8")
    tree = deepcopy(_parsed(base_text))
    for dotted, value in (set_ or {}).items():
        *parents, last = _parts(dotted)
        node = tree
        for part in parents:
            if isinstance(node, list):
                node = node[int(part)]
            else:
                if part not in node or node[part] is None:
                    node[part] = {}
                node = node[part]
        if isinstance(node, list) and isinstance(last, int) and last == len(node):
            node.append(deepcopy(value))
        else:
            node[last] = deepcopy(value)
    for dotted in delete:
        *parents, last = _parts(dotted)
        node = tree
        for part in parents:
            node = node[part]
        del node[last]
    touched = [_parts(dotted)[0] for dotted in [*(set_ or {}), *delete]]
    return _dump_edited(tree, touched, base_text)


def _is_priority_table(value: Any) -> bool:
    return (
        isinstance(value, Mapping)
        and bool(value)
        and all(
            isinstance(k, str) and len(k) == 2 and k[0] == "P" and k[1].isdigit() for k in value
        )
    )


def _merge(node: Any, fragment: Any, path: tuple[str, ...], drop_nulls: bool) -> Any:
    if isinstance(fragment, Mapping) and isinstance(node, MutableMapping):
        if _is_priority_table(fragment) and _is_priority_table(node):
            return deepcopy(dict(fragment))
        for key, value in fragment.items():
            if value is None and drop_nulls:
                node.pop(key, None)
            elif key in node and node[key] is not None:
                node[key] = _merge(node[key], value, (*path, key), drop_nulls)
            else:
                node[key] = _strip(deepcopy(value), drop_nulls)
        return node
    if isinstance(fragment, list) and isinstance(node, list) and path in IDENTITY:
        keys = IDENTITY[path]
        for item in fragment:
            ident = {k: item[k] for k in keys if isinstance(item, Mapping) and k in item}
            match = next(
                (
                    existing
                    for existing in node
                    if ident and all(existing.get(k) == v for k, v in ident.items())
                ),
                None,
            )
            if match is None:
                node.append(_strip(deepcopy(item), drop_nulls))
            else:
                _merge(match, item, path, drop_nulls)
        return node
    return _strip(deepcopy(fragment), drop_nulls)


def _strip(value: Any, drop_nulls: bool) -> Any:
    if drop_nulls and isinstance(value, dict):
        return {k: _strip(v, drop_nulls) for k, v in value.items() if v is not None}
    if drop_nulls and isinstance(value, list):
        return [_strip(v, drop_nulls) for v in value]
    return value


def merged_text(fragment: str, base: Path = BASE, *, drop_nulls: bool = False) -> str:
    """The base spec with a YAML excerpt deep-merged into it."""
    from ruamel.yaml import YAML

    frag = YAML(typ="safe").load(fragment) or {}
    base_text = base.read_text(encoding="utf-8")
    merged = _merge(deepcopy(_parsed(base_text)), frag, (), drop_nulls)
    if not isinstance(frag, Mapping):
        return _dump(merged)
    return _dump_edited(merged, frag, base_text)


def load_fragment(fragment: str, base: Path = BASE) -> LoadedSpec:
    """Merge an excerpt and load it; nulls the model refuses are read as "not stated"."""
    try:
        return load_spec_text(merged_text(fragment, base), "case.yaml")
    except UserError:
        return load_spec_text(merged_text(fragment, base, drop_nulls=True), "case.yaml")


def load_edited(
    set_: Mapping[str, Any] | None = None, delete: Iterable[str] = (), base: Path = BASE
) -> LoadedSpec:
    return load_spec_text(edited_text(set_, delete, base), "case.yaml")


def run(
    loaded: LoadedSpec, codes: Sequence[str], config: LintConfig | None = None
) -> list[Problem]:
    """The findings of the given rules only, waivers applied, sorted by position."""
    cfg = config or LintConfig()
    cfg = LintConfig(tuple(codes), (), (), cfg.levels, cfg.options, cfg.source)
    return sorted(apply_waivers(loaded, check_spec(loaded, cfg)), key=Problem.sort_key)


def exhibit(markdown: str, key: str = "sla-exhibit", title: str = "Exhibit C") -> Exhibit:
    return Exhibit(key=key, title=title, markdown=markdown, deal_id="case", version="1.0")


def run_documents(exhibits: Sequence[Exhibit], codes: Sequence[str]) -> list[Problem]:
    cfg = LintConfig(tuple(codes))
    return sorted(check_documents("case.yaml", exhibits, cfg), key=Problem.sort_key)


def line_of(loaded: LoadedSpec, dotted: str) -> int:
    """The line a finding at this key path reports (the key's line when the value is absent)."""
    loc = tuple(_parts(dotted))
    prefer_key = loc not in loaded.positions.values
    return loaded.positions.location(loc, prefer_key=prefer_key).line


# --- case files ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    family: str
    name: str
    rule: str
    data: dict[str, Any]

    @property
    def id(self) -> str:
        return f"{self.rule}-{self.name}"

    @property
    def expect(self) -> list[str]:
        return list(self.data.get("expect", []))

    @property
    def also(self) -> list[str]:
        """Other rules to run on the case, which must report nothing beyond ``expect``: how a
        case shows that a fault two rules could report is reported by one of them only."""
        return list(self.data.get("also", []))

    @property
    def is_fail(self) -> bool:
        return bool(self.expect)


def load_cases(family: str) -> list[Case]:
    return list(_cases(family))


@cache
def _cases(family: str) -> tuple[Case, ...]:
    """A family's cases, read once per run (several tests walk the same files)."""
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load((CASES / f"{family}.yaml").read_text(encoding="utf-8"))
    return tuple(Case(family, c["name"], c["rule"], c) for c in data["cases"])


def _expectation(text: str) -> tuple[str, str | None, int | None]:
    """``CODE``, ``CODE@dotted.path`` or ``CODE:line``."""
    if "@" in text:
        code, at = text.split("@", 1)
        return code, at, None
    if ":" in text:
        code, line = text.split(":", 1)
        return code, None, int(line)
    return text, None, None


def check_spec_case(case: Case) -> None:
    """Run one spec case and assert its findings are exactly the expected ones."""
    loaded = load_edited(case.data.get("set"), case.data.get("delete", []))
    wanted = [_expectation(e) for e in case.expect]
    codes = sorted({case.rule, *case.also, *(code for code, _, _ in wanted)})
    found = run(loaded, codes)
    expected = sorted((code, line_of(loaded, at) if at else line) for code, at, line in wanted)
    actual = sorted((p.code, p.line) for p in found)
    assert all(line is not None for _, line in expected), f"{case.id}: give each finding a place"
    assert actual == expected, _explain(case, expected, actual, found)


def check_document_case(case: Case) -> None:
    items = case.data.get("exhibits") or [{"markdown": case.data["markdown"]}]
    exhibits = [
        exhibit(e["markdown"], e.get("key", "sla-exhibit"), e.get("title", "Exhibit C"))
        for e in items
    ]
    wanted = [_expectation(e) for e in case.expect]
    codes = sorted({case.rule, *(code for code, _, _ in wanted)})
    found = run_documents(exhibits, codes)
    expected = sorted((code, line) for code, _, line in wanted)
    actual = sorted((p.code, p.line) for p in found)
    assert actual == expected, _explain(case, expected, actual, found)


def _explain(
    case: Case,
    expected: list[tuple[str, int | None]],
    actual: list[tuple[str, int]],
    found: list[Problem],
) -> str:
    lines = [f"{case.id}: expected {expected}, got {actual}"]
    lines += [f"  {p.where} {p.message}" for p in found]
    return "\n".join(lines)
