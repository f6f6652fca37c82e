"""The rule catalogue: every rule well-formed, documented, and its documentation true.

A rule's docstring is its documentation (``contractgen explain`` prints it), so this test
holds the documentation to account: the *Example* fragment must make the rule fire and the
*Use instead* fragment must not, applied to the sound baseline spec.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from contractgen.lint.registry import RULE_MODULES, all_rules, find_rule, groups, select
from contractgen.lint.rule import CODE_RE, DOCUMENT, REQUIRED_SECTIONS, SPEC, Rule
from tests.lint.lintcase import (
    exhibit,
    load_cases,
    load_fragment,
    run,
    run_documents,
)

RULES = all_rules()
FAMILIES = sorted({r.family for r in RULES})
PACKAGE = Path(__file__).resolve().parents[2] / "contractgen" / "lint" / "rules"


def test_registry_lists_every_rule_module_on_disk() -> None:
    on_disk = {
        "contractgen.lint.rules." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts)
        for p in PACKAGE.glob("*/*.py")
        if not p.name.startswith("_")
    }
    assert set(RULE_MODULES) == on_disk
    assert len(RULE_MODULES) == len(set(RULE_MODULES))


def test_codes_names_and_families_agree() -> None:
    prefixes: dict[str, str] = {}
    for r in RULES:
        assert CODE_RE.match(r.code)
        module = next(m for m in RULE_MODULES if r.check.__module__ == m)
        assert module.split(".")[-2] == r.family, f"{r.code} lives outside its family folder"
        assert prefixes.setdefault(r.family, r.code[:3]) == r.code[:3], r.code
        assert r.target == (DOCUMENT if r.family == "document" else SPEC)


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_docstring_has_every_section(rule: Rule) -> None:
    assert rule.summary.endswith("."), f"{rule.code}: first line is one sentence"
    assert len(rule.summary) <= 100
    for section in REQUIRED_SECTIONS:
        assert rule.sections.get(section, "").strip(), f"{rule.code}: no '{section}' section"
    lang = "markdown" if rule.target == DOCUMENT else "yaml"
    for section in ("Example", "Use instead"):
        fragment = rule.fragment(section)
        assert fragment is not None and fragment[0] == lang, f"{rule.code}: {section} fence"
    assert len(rule.sections["Why is this bad?"].split()) >= 30, f"{rule.code}: say why"


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_example_fires_and_use_instead_does_not(rule: Rule) -> None:
    bad = rule.fragment("Example")
    good = rule.fragment("Use instead")
    assert bad is not None and good is not None
    if rule.target == DOCUMENT:
        fired = run_documents([exhibit(bad[1])], [rule.code])
        clean = run_documents([exhibit(good[1])], [rule.code])
    else:
        fired = run(load_fragment(bad[1]), [rule.code])
        clean = run(load_fragment(good[1]), [rule.code])
    assert fired, f"{rule.code}: the documented Example does not fire the rule"
    assert not clean, f"{rule.code}: 'Use instead' still fires: {[p.message for p in clean]}"
    for p in fired:
        assert p.fix, f"{rule.code}: every finding suggests a fix"


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_every_rule_has_pass_and_fail_cases(rule: Rule) -> None:
    cases = [c for c in load_cases(rule.family) if c.rule == rule.code]
    assert any(c.is_fail for c in cases), f"{rule.code}: no fail case in cases/{rule.family}.yaml"
    assert any(not c.is_fail for c in cases), f"{rule.code}: no pass case"


def test_spec_messages_quote_positions() -> None:
    """Findings that compare two values say where both are (the acceptance example)."""
    loaded = load_fragment(
        "support:\n  priorities:\n    - id: P1\n      response: 8 business hours\n"
        "    - id: P2\n      response: 4 business hours\n"
    )
    (problem,) = run(loaded, ["ORD001"])
    assert re.fullmatch(
        r"P2 response 4 business hours \(line \d+\) is faster than P1 response "
        r"8 business hours \(line \d+\).*",
        problem.message,
    )


def test_options_have_valid_defaults() -> None:
    for r in RULES:
        for o in r.options:
            assert o.parse(o.default) == o.default, f"{r.code}.{o.name}"
            assert o.help.endswith(".")


def test_selectors() -> None:
    assert select("PEN004") == ("PEN004",)
    assert select("penalties.amount-above-policy") == ("PEN004",)
    family = {r.code for r in RULES if r.family == "penalties"}
    assert set(select("PEN")) == family
    assert set(select("penalties")) == family | {"REW002"}  # REW002 is also in the group
    assert len(select("ALL")) == len(RULES)
    assert find_rule("pen004") is not None
    assert {"inconsistent", "unrealistic"} <= set(groups())
    with pytest.raises(KeyError):
        select("NOPE999")


@pytest.mark.parametrize("family", FAMILIES)
def test_case_files_name_only_their_family(family: str) -> None:
    codes = {r.code for r in RULES if r.family == family}
    ids = [c.id for c in load_cases(family)]
    assert len(ids) == len(set(ids)), f"{family}: case names must be unique per rule"
    for case in load_cases(family):
        assert case.rule in codes, f"{family}: case {case.name} is about {case.rule}"


def test_rule_reference_is_up_to_date() -> None:
    from contractgen.lint.reference import render

    committed = (PACKAGE.parents[2] / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == render(), (
        "docs/rules.md is stale: run `python -m contractgen.lint.reference > docs/rules.md`"
    )


def test_rule_reference_documents_every_rule() -> None:
    from contractgen.lint.reference import render

    sections = set(re.findall(r"^### ([A-Z]{3}[0-9]{3})$", render(), re.MULTILINE))
    assert sections == {r.code for r in RULES}
