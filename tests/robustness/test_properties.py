"""Property tests: generated valid specs always build; generated broken ones never crash.

Hand-written cases cover what someone thought of; these cover what nobody did. Both properties
run with a fixed seed (``derandomize=True``: the same examples on every machine and every run,
so a failure in CI reproduces locally) and a bounded number of examples, to keep the suite fast.

A mutation that fails is written to ``tests/fuzz/specs/last-failure.yaml`` (after shrinking it
holds the smallest failing spec); give it a descriptive name there and it is replayed for good by
test_fuzz_corpus.py.
"""

from __future__ import annotations

import copy
import io
import json
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pypandoc
import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from contractgen.build import BuildOptions, build_deal
from contractgen.spec.loader import parse_yaml
from tests.robustness.helpers import (
    EXAMPLES,
    YAML_PRINTABLE,
    TookTooLong,
    complete_set_problems,
    crash_problems,
    expected_files,
    invoke,
    leftovers,
    snapshot,
    time_limit,
)

FUZZ = Path(__file__).resolve().parents[1] / "fuzz"
PARSED: dict[str, dict[str, Any]] = {
    p.name: parse_yaml(p.read_text(encoding="utf-8"), p.name)[0] for p in EXAMPLES
}
OPTIONAL_SECTIONS = (
    "contacts",
    "management_ladder",
    "responsibilities",
    "calendar",
    "penalties",
    "rewards",
    "excusable_delays",
    "complaints",
    "reporting",
    "review",
    "termination",
    "pilot",
    "ramp",
    "clauses",
    "lint",
)
"""Top-level sections the model gives a default or lets be absent."""

SETTINGS = settings(
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def dump_json(data: dict[str, Any], *, ascii_only: bool) -> str:
    """A spec as JSON (which the loader reads as YAML), readable back as exactly ``data``.

    With ``ascii_only`` every non-ASCII character is an escape, and characters beyond U+FFFF are
    surrogate pairs, as Python's json module writes them by default. Otherwise characters are
    written as themselves, except the few YAML may not hold raw, which become ``\\uXXXX``.
    """
    text = json.dumps(data, ensure_ascii=ascii_only, default=str, indent=1)
    return YAML_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _xml_legal(ch: str) -> bool:
    code = ord(ch)
    return code >= 0x20 and not 0x7F <= code < 0x80 and code not in (0xFFFE, 0xFFFF)


visible = st.characters(exclude_categories=("Cs", "Zs", "Zl", "Zp")).filter(
    lambda ch: _xml_legal(ch) and not ch.isspace()
)
"""A character that is neither whitespace nor forbidden: what a name may start and end with."""
inner = st.characters(exclude_categories=("Cs",)).filter(_xml_legal)
names = st.builds(
    lambda first, middle, last: re.sub(" +", " ", first + middle + last),
    visible,
    st.text(inner, max_size=30),
    visible,
)
"""Names in any script, with any symbols, emoji and combining marks; runs of spaces collapsed
(both readers collapse them, as a Word user would expect)."""


def _forget_contacts(data: dict[str, Any]) -> None:
    """Without contacts, tiers and triggers cannot name one: a trigger then names its role."""
    for tier in data["escalation"]["tiers"]:
        tier.pop("contact", None)
    for trigger in data["escalation"]["triggers"]:
        if trigger.pop("contact", None):
            trigger["to"] = "Account Manager"


@st.composite
def valid_specs(draw: st.DrawFn) -> tuple[str, str]:
    """A variation of an example that must build: (spec text as JSON, the partner's name)."""
    data = copy.deepcopy(PARSED[draw(st.sampled_from(sorted(PARSED)))])
    partner = draw(names)
    data["parties"]["partner"]["name"] = partner
    data["parties"]["brand"]["name"] = draw(names)
    data["deal"]["title"] = draw(names)
    data["parties"]["partner"]["headcount"] = draw(st.integers(1, 1_000_000))
    data["acceptance"]["max_attempts"] = draw(st.integers(1, 10))
    data["acceptance"]["window"] = f"{draw(st.integers(1, 365))} days"
    data["installation"]["lead_time"] = f"{draw(st.integers(1, 60))} business days"
    if "reporting" in data:
        data["reporting"]["due_day"] = draw(st.integers(1, 28))
    for section in OPTIONAL_SECTIONS:
        if section in data and draw(st.booleans()):
            del data[section]
    if "contacts" not in data:
        _forget_contacts(data)
    return dump_json(data, ascii_only=draw(st.booleans())), partner


def plain_quotes(text: str) -> str:
    return text.translate({0x201C: '"', 0x201D: '"', 0x2018: "'", 0x2019: "'"})


def pandoc_plain(path: Path) -> str:
    fmt = "gfm" if path.suffix == ".md" else "docx"
    return pypandoc.convert_file(str(path), "plain", format=fmt, extra_args=["--wrap=none"])


@pytest.mark.slow
@settings(SETTINGS, max_examples=12)  # each example builds a deal and runs pandoc twice
@given(valid_specs())
def test_valid_specs_build_markdown_and_word_that_pandoc_reads(spec: tuple[str, str]) -> None:
    """Names in any script, figures anywhere in their ranges, optional sections present or not: the
    deal builds, and pandoc reads the partner's name back exactly from both formats."""
    text, partner = spec
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "deal.json"
        path.write_text(text, encoding="utf-8")
        with time_limit(60):
            result = build_deal(path, BuildOptions(output=Path(tmp) / "out"))
        assert result.status == "built", [str(d) for d in result.diagnostics] or result.detail
        folder = Path(result.folder or "")
        assert complete_set_problems(folder.parent, "all") == []
        for name in ("sla-exhibit.md", "sla-exhibit.docx"):
            # Word sets quotes typographically: compare quotes as plain ones.
            assert plain_quotes(partner) in plain_quotes(pandoc_plain(folder / name)), name


# --- mutations ---------------------------------------------------------------------------------

KeyPath = tuple[str | int, ...]


def _paths(node: Any, here: KeyPath = ()) -> list[KeyPath]:
    found = [here] if here else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*here, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _paths(value, (*here, i))
    return found


def _at(node: Any, path: KeyPath) -> Any:
    for part in path:
        node = node[part]
    return node


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["", "0h", "-2h", "150%", "USD -1", "P10", "2027-02-30", "25:00", "Europe"]),
    st.just("x" * 5000),
)


def _retyped(value: Any, draw: st.DrawFn) -> Any:
    """The same content in the wrong type: what a YAML indentation slip produces."""
    if isinstance(value, dict):
        return draw(st.sampled_from([[value], list(value), None, "mapping"]))
    if isinstance(value, list):
        return draw(st.sampled_from([{"item": value}, value[:1], value * 3, value[::-1], []]))
    if isinstance(value, str):
        return draw(
            st.sampled_from([[value], {value: value}, len(value), value[: len(value) // 2]])
        )
    return draw(st.sampled_from([str(value), [value], {"value": value}]))


@st.composite
def mutated_specs(draw: st.DrawFn) -> tuple[str, str]:
    """An example broken in one to three ways: (the example's file name, the spec text)."""
    example = draw(st.sampled_from(sorted(PARSED)))
    data = copy.deepcopy(PARSED[example])
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(data)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent, key = _at(data, path[:-1]), path[-1]
        operation = draw(st.sampled_from(["delete", "duplicate", "swap", "retype", "scalar"]))
        if operation == "delete":
            del parent[key]
        elif operation == "duplicate" and isinstance(parent, list):
            parent.insert(key, copy.deepcopy(parent[key]))  # type: ignore[arg-type]
        elif operation == "duplicate":
            parent[key] = [copy.deepcopy(parent[key])] * 2
        elif operation == "swap":  # exchange two values; copy one over if they nest
            other = draw(st.sampled_from(paths))
            other_parent, other_key = _at(data, other[:-1]), other[-1]
            nested = path[: len(other)] == other or other[: len(path)] == path
            value = copy.deepcopy(other_parent[other_key])
            if not nested:
                other_parent[other_key] = parent[key]
            parent[key] = value
        elif operation == "retype":
            parent[key] = _retyped(parent[key], draw)
        else:
            parent[key] = draw(scalars)
    out = io.StringIO()
    yaml.safe_dump(data, out, allow_unicode=True, sort_keys=False)
    text = out.getvalue()
    lines = text.split("\n")
    edit = draw(st.sampled_from(["none", "none", "truncate", "line", "swap-lines", "splice"]))
    if edit == "truncate":
        text = text[: draw(st.integers(0, len(text)))]
    elif edit == "line":
        i = draw(st.integers(0, len(lines) - 1))
        text = "\n".join(
            lines[:i] + lines[i + 1 :] if draw(st.booleans()) else lines[: i + 1] + lines[i:]
        )
    elif edit == "swap-lines":
        i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
        text = "\n".join(lines)
    elif edit == "splice":
        at = draw(st.integers(0, len(text)))
        piece = draw(st.sampled_from(["&a ", "*a", "<<: *a", "!!binary x", "{", "[", "\t", "? "]))
        text = text[:at] + piece + text[at:]
    return example, text


def keep_failure(text: str) -> None:
    """Write a failing input where the corpus replay will find it (shrinking overwrites it, so
    the smallest failing input stays)."""
    (FUZZ / "specs").mkdir(parents=True, exist_ok=True)
    (FUZZ / "specs" / "last-failure.yaml").write_text(
        text, encoding="utf-8", errors="surrogatepass"
    )


def outcome_problems(out: Path, before: dict[str, dict[str, bytes]], fmt: str) -> list[str]:
    """Every deal folder is either exactly as before or a complete new set; no staging left."""
    problems = [f"temporary folder left behind: {name}" for name in leftovers(out)]
    for folder in sorted(p for p in out.iterdir() if p.is_dir()):
        after = snapshot(folder)
        if after == before.get(folder.name):
            continue
        if set(after) != expected_files(fmt) or not all(after.values()):
            problems.append(f"{folder.name} holds {sorted(after)}: not the old set, nor a new one")
    problems += [f"{deal} is gone" for deal in before if not (out / deal).is_dir()]
    return problems


@pytest.fixture(scope="module")
def previous_builds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every example built once in every format: the state each mutated build starts from."""
    out = tmp_path_factory.mktemp("previous") / "out"
    for example in EXAMPLES:
        result = invoke("build", example, "-o", out, "-j", "1", "-q")
        assert result.exit_code == 0, result.output
    return out


@pytest.mark.slow
@settings(SETTINGS, max_examples=120)  # each example is a whole build into a copied output folder
@given(mutated_specs(), st.sampled_from(["md"] * 6 + ["docx", "all"]))
def test_mutated_specs_never_crash_and_never_leave_a_partial_set(
    previous_builds: Path, mutation: tuple[str, str], fmt: str
) -> None:
    """Deleted, duplicated, swapped, retyped and random values, truncated or spliced text: the build
    fails cleanly or succeeds, and the output folder keeps the old set or holds a complete new
    one."""
    _, text = mutation
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        shutil.copytree(previous_builds, out)
        before = {p.name: snapshot(p) for p in out.iterdir() if p.is_dir()}
        spec = Path(tmp) / "deal.yaml"
        spec.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            with time_limit(60):
                result = invoke("build", spec, "-o", out, "--format", fmt, "-j", "1", "-q")
        except TookTooLong:
            keep_failure(text)
            raise
        event(f"exit {result.exit_code}")  # --hypothesis-show-statistics: how many got through
        problems = crash_problems(result) + outcome_problems(out, before, fmt)
        if problems:
            keep_failure(text)
        assert problems == [], result.output
