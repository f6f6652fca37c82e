"""Bounded: every documented limit holds exactly at its number, and fails just above it.

Specs may be pasted, generated, or sent by someone hostile to a shared build server, and company
clause libraries are code nobody here reviewed; memory and time must stay bounded on any input.
Each limit is tested at its documented value (accepted) and one above (refused with a clear
message), through the CLI. The numbers come from the limits modules, so a change there is a
change here and in docs/bad-inputs.md.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from contractgen.library import limits as library_limits
from contractgen.spec import limits as spec_limits
from contractgen.spec.loader import parse_yaml
from tests.robustness.helpers import (
    CASE,
    CASE_DEAL,
    CASE_TEXT,
    CLAUSE_FRONT,
    company_library,
    complete_set_problems,
    edited,
    invoke,
    run_process,
    user_error_problems,
    with_partner,
    write_spec,
)


def build_md(tmp: Path, text: str) -> tuple[Any, Path]:
    """Build ``text`` as Markdown only (the limits act before any Word file is rendered)."""
    spec = write_spec(tmp, text)
    result = invoke("build", spec, "-o", tmp / "out", "--format", "md", "-j", "1", "-q")
    return result, spec


def _section(name: str, next_name: str, body: str) -> str:
    """The case study with the lines from ``name`` up to ``next_name`` replaced by ``body``."""
    start, end = CASE_TEXT.index(name), CASE_TEXT.index(next_name)
    return CASE_TEXT[:start] + body + CASE_TEXT[end:]


def _id(i: int) -> str:
    """The contact ids the case study's tiers and triggers name, on the first three contacts."""
    names = ("brand-channel", "brand-support", "partner-desk")
    return f", id: {names[i]}" if i < len(names) else ""


def contacts(n: int) -> str:
    return _section(
        "contacts:\n",
        "management_ladder:",
        "contacts:\n"
        + "".join(f"  - {{party: brand, role: Desk {i}{_id(i)}}}\n" for i in range(n)),
    )


def responsibilities(n: int) -> str:
    rows = "".join(f"  - {{activity: Task {i}, brand: C, partner: RA}}\n" for i in range(n))
    return _section("responsibilities:\n", "calendar:", "responsibilities:\n" + rows + "\n")


def penalties(n: int) -> str:
    rule = "    - {metric: csat, target: 4.0, trigger: 3.5, period: quarter, amount: 1%}\n"
    return _section("  rules:\n", "rewards:\n", "  rules:\n" + rule * n + "\n")


def triggers(n: int) -> str:
    items = "".join(f"    - {{kind: management, to: Manager {i}}}\n" for i in range(n))
    return _section("  triggers:\n", "  brand_l2_response:", "  triggers:\n" + items)


def priorities(n: int) -> str:
    items = "".join(
        f"    - {{id: P{min(i, 9)}, name: Level {i}, definition: Level {i} fault., "
        f"example: Example {i}., response: {i + 1}h, resolution: {i + 2}h}}\n"
        for i in range(n)
    )
    return _section("  priorities:\n", "  response_miss_rate:", "  priorities:\n" + items)


def partner_name(n: int) -> str:
    return with_partner("N" * n)


def territory(n: int) -> str:
    old = "    territory: US West (California, Oregon, Washington, Nevada and Arizona)"
    return edited(CASE_TEXT, old, "    territory: " + "T" * n)


def deal_id(n: int) -> str:
    return edited(CASE_TEXT, f"  id: {CASE_DEAL}", "  id: " + "d" * n)


def file_bytes(n: int) -> str:
    """The case study padded with a comment to exactly ``n`` bytes."""
    pad = n - len(CASE_TEXT.encode("utf-8")) - 2
    return CASE_TEXT + "#" + "x" * pad + "\n"


def aliases(n: int) -> str:
    """100 contacts sharing an anchored role; ``n`` alias references in all (n >= 99)."""
    items = "  - {party: &b brand, role: &r Desk, id: brand-channel}\n"
    ids = {0: ", id: brand-support", 1: ", id: partner-desk"}  # the ids the case study names
    for i in range(99):
        party = "*b" if i < n - 99 else "brand"
        items += f"  - {{party: {party}, role: *r{ids.get(i, '')}}}\n"
    return _section("contacts:\n", "management_ladder:", "contacts:\n" + items + "\n")


def report_contents(n: int) -> str:
    items = "".join(f"    - Report item {i}\n" for i in range(n))
    return _section("  contents:\n", "\nreview:", "  contents:\n" + items)


def waivers(n: int) -> str:
    """``n`` waived codes; the lint section is the case study's last, so it is appended."""
    codes = "".join(f"    XYZ{i:03d}: reason {i}\n" for i in range(n))
    return CASE_TEXT + "lint:\n  waive:\n" + codes


LIMIT = spec_limits.MAX_LIST_ITEMS
ACCEPTED_AT_THE_LIMIT: dict[str, tuple[Callable[[int], str], int, str]] = {
    "file size": (file_bytes, spec_limits.MAX_FILE_BYTES, r"at most 1,000,000 bytes"),
    "alias references": (aliases, spec_limits.MAX_ALIASES, r"more than 100 alias references"),
    "contacts": (contacts, LIMIT, r"contacts: at most 100 items"),
    "responsibility rows": (responsibilities, LIMIT, r"responsibilities: at most 100 items"),
    "penalty rules": (penalties, LIMIT, r"penalties\.rules: at most 100 items"),
    "escalation triggers": (triggers, LIMIT, r"escalation\.triggers: at most 100 items"),
    "priorities": (priorities, 10, r"support\.priorities: at most 10 items"),
    "report contents": (report_contents, LIMIT, r"reporting\.contents: at most 100 items"),
    "a name": (partner_name, spec_limits.MAX_STRING_LENGTH, r"longer than 200 characters"),
    "a free text": (territory, spec_limits.MAX_TEXT_LENGTH, r"longer than 4000 characters"),
    "the deal id": (deal_id, 80, r"longer than 80 characters"),
}


@pytest.mark.parametrize("name", list(ACCEPTED_AT_THE_LIMIT))
def test_a_spec_at_the_limit_builds_and_one_above_is_refused(name: str, tmp_path: Path) -> None:
    """Off-by-one is the classic bug of a limit: the documented number itself must be allowed."""
    make, limit, pattern = ACCEPTED_AT_THE_LIMIT[name]
    at, _ = build_md(tmp_path / "at", make(limit))
    assert at.exit_code == 0, at.output
    assert complete_set_problems(tmp_path / "at" / "out", "md") == []
    above, spec = build_md(tmp_path / "above", make(limit + 1))
    assert user_error_problems(above, spec, pattern) == []
    assert not (tmp_path / "above" / "out").exists()


# --- limits on the document's shape: checked before validation ---------------------------------


def _count(value: object) -> int:
    """Values in a parsed document, counted as the loader's budget counts them."""
    if isinstance(value, dict):
        return 1 + sum(_count(v) for v in value.values())
    if isinstance(value, list):
        return 1 + sum(_count(v) for v in value)
    return 1


CASE_NODES = _count(parse_yaml(CASE_TEXT, "case")[0])


def values(total: int) -> str:
    """The case study plus a ``padding`` key, expanding (through aliases) to ``total`` values."""
    block, repeats = 199, 89  # an anchored list of 199 zeros, repeated through 89 aliases
    rest = total - CASE_NODES - 1 - (repeats + 1) * (block + 1)
    assert rest >= 0
    zeros = ", ".join(["0"] * block)
    items = [f"&block [{zeros}]", *(["*block"] * repeats), *(["0"] * rest)]
    return CASE_TEXT + f"padding: [{', '.join(items)}]\n"


def nesting(depth: int) -> str:
    """The case study plus a ``padding`` key, making the document ``depth`` levels deep."""
    inner = depth - 1  # the document's own mapping is the first level
    return CASE_TEXT + "padding: " + "[" * inner + "]" * inner + "\n"


SHAPE_LIMITS: dict[str, tuple[Callable[[int], str], int, str]] = {
    "values after alias expansion": (values, spec_limits.MAX_NODES, r"more than 20,000 values"),
    "nesting depth": (nesting, spec_limits.MAX_DEPTH, r"nesting is deeper than 20 levels"),
}


@pytest.mark.parametrize("name", list(SHAPE_LIMITS))
def test_the_shape_limits_hold_at_their_exact_numbers(name: str, tmp_path: Path) -> None:
    """No valid spec comes near these limits, so "at the limit" is judged by what is reported:
    the limit passes it on to validation (which refuses the extra key), one above it stops it."""
    make, limit, pattern = SHAPE_LIMITS[name]
    at, spec = build_md(tmp_path / "at", make(limit))
    assert user_error_problems(at, spec, r'unknown key "padding"') == []
    assert "more than" not in at.output and "deeper" not in at.output
    above, spec = build_md(tmp_path / "above", make(limit + 1))
    assert user_error_problems(above, spec, pattern) == []


BOMBS = {
    "billion laughs": "".join(
        f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" if i else "l0: &l0 [lol]\n"
        for i in range(10)
    ),
    "merge-key doubling": "m0: &m0 {a: 1}\n"
    + "".join(f"m{i}: &m{i} {{<<: [*m{i - 1}, *m{i - 1}]}}\n" for i in range(1, 50)),
    "alias inside itself": "a: &a [1, *a]\n",
    "merge of itself": "a: &a {b: 1, <<: *a}\n",
}


@pytest.mark.parametrize("name", list(BOMBS))
def test_expansion_bombs_stop_fast_with_a_position(name: str, tmp_path: Path) -> None:
    """Regression for the last two: merge keys were expanded outside the value budget (these
    49 lines would take longer than anyone waits), and an alias inside its own anchor recursed
    until Python gave up. Run as a real process with a timeout, so a regression fails instead of
    hanging the test run."""
    spec = write_spec(tmp_path, BOMBS[name])
    started = time.perf_counter()
    proc = run_process(["build", spec, "-o", tmp_path / "out", "--format", "md", "-q"], tmp_path)
    assert time.perf_counter() - started < 30
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    first = proc.stderr.splitlines()[0]
    assert re.match(rf"^{re.escape(str(spec))}:\d+:\d+: ", first), first
    assert re.search(r"alias|expands to more than|itself", first), first


# --- clause templates ----------------------------------------------------------------------------

CLAUSE_LIMITS: dict[str, tuple[Callable[[int], str], int, str]] = {
    "range()": (
        lambda n: f"{{% for i in range({n}) %}}{{% endfor %}}Done.",
        library_limits.MAX_RANGE,
        r"range\(\) of 10,001 items",
    ),
    "value length": (
        lambda n: f"{{{{ 'x' * {n} }}}}",
        library_limits.MAX_VALUE_CHARS,
        r"exceeds 100,000 items",
    ),
    "clause output": (
        # ten pieces of 100,000 characters, plus (above the limit) one more
        lambda n: "y" * (n - 1_000_000) + "{% for i in range(10) %}{{ 'x' * 100000 }}{% endfor %}",
        library_limits.MAX_OUTPUT_CHARS,
        r"rendered more than 1,000,000 characters",
    ),
    "integer size": (
        # the sandbox reckons 2 ** n at 2 bits per unit of n (bit length of 2, times n)
        lambda n: f"{{{{ 2 ** {n} }}}}",
        library_limits.MAX_INT_BITS // 2,
        r"exceeds 10,000 bits",
    ),
}


@pytest.mark.parametrize("name", list(CLAUSE_LIMITS))
def test_a_clause_at_the_limit_renders_and_one_above_is_stopped(name: str, tmp_path: Path) -> None:
    """A company clause may use a bound fully; one step further is stopped and the clause named."""
    make, limit, pattern = CLAUSE_LIMITS[name]
    for label, n, ok in (("at", limit, True), ("above", limit + 1, False)):
        library = company_library(tmp_path / label / "acme", make(n))
        out = tmp_path / label / "out"
        result = invoke("build", CASE, "-o", out, "--format", "md", "--library", library, "-q")
        if ok:
            assert result.exit_code == 0, result.output
        else:
            clause = library / "company-terms.md.j2"
            assert user_error_problems(result, clause, pattern) == []
            assert not out.exists()


def test_loop_steps_are_bounded(tmp_path: Path) -> None:
    """80,000 inner iterations pass; 200,000 (plus the outer loop) exceed MAX_STEPS."""
    assert library_limits.MAX_STEPS == 200_000
    loops = "{{% for i in range(10000) %}}{{% for j in range({}) %}}{{% endfor %}}{{% endfor %}}ok"
    below = company_library(tmp_path / "below", loops.format(8))
    result = invoke("build", CASE, "-o", tmp_path / "o1", "--format", "md", "--library", below)
    assert result.exit_code == 0, result.output
    above = company_library(tmp_path / "above", loops.format(20))
    result = invoke("build", CASE, "-o", tmp_path / "o2", "--format", "md", "--library", above)
    assert user_error_problems(result, above, r"more than 200,000 loop iterations") == []


def test_a_clause_file_at_the_size_limit_loads_and_one_above_is_refused(tmp_path: Path) -> None:
    """The size check reads characters, not bytes, and counts the front matter too."""
    front = CLAUSE_FRONT.format(id="company-terms")
    opening, closing = "Text. {# ", " #}"
    pad = library_limits.MAX_TEMPLATE_CHARS - len(front) - len(opening) - len(closing)
    for label, extra, code in (("at", 0, 0), ("above", 1, 2)):
        library = tmp_path / label
        library.mkdir()
        clause = library / "company-terms.md.j2"
        clause.write_text(front + opening + "p" * (pad + extra) + closing, encoding="utf-8")
        result = invoke(
            "build", CASE, "-o", tmp_path / f"o-{label}", "--format", "md", "--library", library
        )
        assert result.exit_code == code, result.output
    assert user_error_problems(result, clause, r"over 200,000 characters") == []


def test_a_library_at_the_file_limit_is_read_and_one_above_is_refused(tmp_path: Path) -> None:
    """Judged, like the shape limits, by what is reported: the thousand (empty) files are read,
    so the first one is refused for its missing front matter; one more and none is read."""
    library = tmp_path / "acme"
    library.mkdir()
    for i in range(library_limits.MAX_LIBRARY_FILES):
        (library / f"clause-{i:04}.md.j2").write_text("", encoding="utf-8")
    result = invoke("build", CASE, "-o", tmp_path / "out", "--library", library)
    assert user_error_problems(result, library / "clause-0000.md.j2", r"front matter") == []
    (library / "clause-1000.md.j2").write_text("", encoding="utf-8")
    result = invoke("build", CASE, "-o", tmp_path / "out", "--library", library)
    assert user_error_problems(result, library, r"more than 1,000 clause files") == []


# --- the protection removed ---------------------------------------------------------------------


def test_without_the_depth_limit_the_check_sees_no_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Remove the depth limit: the check of the test above must notice."""
    import contractgen.spec.loader

    monkeypatch.setattr(contractgen.spec.loader, "MAX_DEPTH", 10**6)
    result, spec = build_md(tmp_path, nesting(spec_limits.MAX_DEPTH + 1))
    assert user_error_problems(result, spec, r"nesting is deeper than 20 levels") != []


def test_without_the_size_limit_the_check_sees_no_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Remove the file-size limit: the check of the test above must notice."""
    import contractgen.spec.loader

    monkeypatch.setattr(contractgen.spec.loader, "MAX_FILE_BYTES", 10**9)
    result, spec = build_md(tmp_path, file_bytes(spec_limits.MAX_FILE_BYTES + 1))
    assert user_error_problems(result, spec, r"at most 1,000,000 bytes") != []


def test_waivers_are_bounded_too(tmp_path: Path) -> None:
    """A waiver names a rule code, so a build at the limit is refused for unknown codes; what
    matters is that one above the limit is refused by the limit, before any code is looked up."""
    above, spec = build_md(tmp_path, waivers(LIMIT + 1))
    assert user_error_problems(above, spec, r"lint\.waive: at most 100 items") == []
