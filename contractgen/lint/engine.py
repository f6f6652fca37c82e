"""Run the enabled rules over a loaded spec (and its assembled exhibits), apply waivers.

Spec rules read the validated model (through the domain layer) only. Document rules read the
exhibits, which lint receives as an argument: the stage that owns assembly
(:func:`contractgen.build.lint_deal`, or a build) assembles them once and hands them over, so
lint never imports the clause library and nothing is assembled twice. The Markdown parser is
imported only when document checks run, so ``--spec-only`` stays light.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from contractgen.errors import Diagnostic, UserError
from contractgen.lint.config import LintConfig
from contractgen.lint.context import RUNNING, DocumentContext, RuleRef, SpecContext
from contractgen.lint.problem import Problem
from contractgen.lint.registry import find_rule
from contractgen.lint.rule import DOCUMENT, SPEC

if TYPE_CHECKING:
    from contractgen.exhibit import Exhibit
    from contractgen.spec.loader import LoadedSpec
    from contractgen.spec.models import DealSpec


class LintResult:
    """Findings for one spec, sorted by position, and whether the exhibits were checked."""

    def __init__(
        self,
        path: str,
        problems: list[Problem] | None = None,
        documents_checked: bool = False,
        notes: list[str] | None = None,
    ) -> None:
        self.path = path
        self.problems: list[Problem] = [] if problems is None else problems
        self.documents_checked = documents_checked
        self.notes: list[str] = [] if notes is None else notes
        """Remarks for the user that are not findings (e.g. why document checks did not run)."""


def lint_loaded(
    loaded: LoadedSpec,
    config: LintConfig | None = None,
    *,
    exhibits: Sequence[Exhibit] | None = None,
) -> LintResult:
    """All enabled checks on one loaded spec; waivers from the spec applied.

    The document rules run on ``exhibits`` when they are given (None: spec rules only).
    """
    config = config or LintConfig()
    result = LintResult(loaded.path)
    result.problems.extend(check_spec(loaded, config))
    if exhibits is not None and wants_documents(config):
        names = spec_names(loaded.spec)
        result.problems.extend(check_documents(loaded.path, exhibits, config, names))
        result.documents_checked = True
    result.problems = sorted(apply_waivers(loaded, result.problems), key=Problem.sort_key)
    return result


class _Step(NamedTuple):
    """An enabled rule with what its contexts carry: identity, level and option values.

    (Tuples, not dataclasses: a dataclass costs its module's import about half a millisecond.)
    """

    check: Callable[[Any], Iterator[Problem]]
    ref: RuleRef
    options: Mapping[str, Any]


class _Plan(NamedTuple):
    spec: tuple[_Step, ...]
    document: tuple[_Step, ...]
    spec_codes: frozenset[str]


_LAST_PLAN: list[tuple[LintConfig, _Plan]] = []
"""The plan of the last policy seen: a run lints every deal under one policy object."""


def _plan(config: LintConfig) -> _Plan:
    """The enabled rules of ``config`` by target, worked out once per policy, not per deal
    (selection, levels and option values were resolved for every deal, three times over)."""
    if _LAST_PLAN and _LAST_PLAN[0][0] is config:
        return _LAST_PLAN[0][1]
    steps: dict[str, list[_Step]] = {SPEC: [], DOCUMENT: []}
    for rule in config.enabled():
        ref = RuleRef(rule.code, rule.name, config.level(rule))
        steps.setdefault(rule.target, []).append(_Step(rule.check, ref, config.options_for(rule)))
    codes = frozenset(step.ref.code for step in steps[SPEC])
    plan = _Plan(tuple(steps[SPEC]), tuple(steps[DOCUMENT]), codes)
    _LAST_PLAN[:] = [(config, plan)]
    return plan


def wants_documents(config: LintConfig) -> bool:
    """Whether any enabled rule reads the exhibits (if none does, they need not be assembled)."""
    return bool(_plan(config).document)


def check_spec(loaded: LoadedSpec, config: LintConfig) -> list[Problem]:
    problems: list[Problem] = []
    plan = _plan(config)
    memo: dict[str, object] = {RUNNING: plan.spec_codes}
    for step in plan.spec:
        problems.extend(step.check(SpecContext(loaded, step.ref, step.options, memo)))
    return problems


def check_documents(
    spec_path: str,
    exhibits: Sequence[Exhibit],
    config: LintConfig,
    names: Sequence[str] = (),
) -> list[Problem]:
    """The document rules over assembled exhibits (or hand-written ones, in tests).

    ``names`` are proper names from the spec (parties, roles, tiers), which the defined-term
    rules must not mistake for undefined terms.
    """
    from contractgen.lint.documents import parse_exhibit

    steps = _plan(config).document
    if not steps:
        return []
    parsed = [parse_exhibit(e, tuple(names)) for e in exhibits]
    problems: list[Problem] = []
    for step in steps:
        problems.extend(step.check(DocumentContext(spec_path, parsed, step.ref, step.options)))
    return problems


def spec_names(spec: DealSpec) -> list[str]:
    """Names the spec gives to parties, people, roles and tiers: not defined terms."""
    p = spec.parties
    names = [p.brand.name, p.brand.short_name, p.partner.name, p.partner.short_name]
    names += [p.customer_role, spec.deal.title, spec.deal.exhibit.label]
    names += [spec.deal.exhibit.agreement_name, p.partner.territory or ""]
    for c in spec.contacts:
        names += [c.role, c.name or ""]
    for step in spec.management_ladder:
        names += [step.brand, step.partner]
    names += [t.name for t in spec.escalation.tiers]
    names += [t.to or "" for t in spec.escalation.triggers]
    names += [r.activity for r in spec.responsibilities]
    return [n for n in names if n]


def apply_waivers(loaded: LoadedSpec, problems: list[Problem]) -> list[Problem]:
    """Mark findings the spec waives (``lint: waive: {CODE: reason}``); refuse unknown codes."""
    waive = loaded.spec.lint.waive
    bad = [code for code in waive if find_rule(code) is None]
    if bad:
        raise UserError.many(
            _diagnostic(loaded, ("lint", "waive", code), f"lint.waive: {code} is not a rule code")
            for code in bad
        )
    return [p.waive(waive[p.code]) if p.code in waive else p for p in problems]


def _diagnostic(loaded: LoadedSpec, loc: tuple[str, ...], message: str) -> Diagnostic:
    return Diagnostic(loaded.positions.location(loc, prefer_key=True), message)
