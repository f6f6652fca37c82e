"""Which clauses a deal's exhibit set contains, and the numbers they get.

A clause is in the document when its layer kept it, the deal did not exclude it (optional
clauses only), the deal included it if it is off by default, and its ``when:`` condition holds
for the spec. Numbers are given after selection and before any rendering, so a clause can refer
to any other by id (``ref('escalation')`` → "Section 10") and an absent clause can be detected
where it is referred to.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from contractgen.errors import Diagnostic, UserError
from contractgen.library.clause import Clause, Kind
from contractgen.library.env import evaluate_condition
from contractgen.library.loader import Library


@dataclass(frozen=True)
class Plan:
    """The clauses of one deal's exhibit set, in document order, with their labels."""

    front: tuple[Clause, ...]
    sections: tuple[Clause, ...]
    back: tuple[Clause, ...]
    appendices: tuple[Clause, ...]
    numbers: dict[str, int]
    """Section number or appendix number, by clause id (front and back clauses have none)."""

    @property
    def main(self) -> tuple[Clause, ...]:
        """The clauses of the main exhibit, in order."""
        return self.front + self.sections + self.back

    @property
    def everything(self) -> tuple[Clause, ...]:
        return self.main + self.appendices

    def label(self, clause_id: str) -> str | None:
        """ "Section 3" or "Appendix 1"; None for an absent or unnumbered clause."""
        number = self.numbers.get(clause_id)
        if number is None:
            return None
        return f"{'Appendix' if self._kinds[clause_id] == Kind.APPENDIX else 'Section'} {number}"

    @cached_property
    def _kinds(self) -> dict[str, Kind]:
        """Each clause's kind by id, made once: templates ask for labels hundreds of times a
        deal, and a search of the clause list per label was 1-2 ms of a deal's assembly."""
        kinds: dict[str, Kind] = {}
        for clause in self.everything:
            kinds.setdefault(clause.id, clause.kind)
        return kinds


def condition_names(spec: Any) -> dict[str, Any]:
    """What a ``when:`` condition can name: every top-level spec section, and ``spec`` itself."""
    names = {field: getattr(spec, field) for field in type(spec).model_fields}
    names["spec"] = spec
    return names


def _check_selection(library: Library, loaded: Any) -> tuple[set[str], set[str]]:
    """The deal's ``clauses.exclude`` and ``clauses.include``, checked against the library."""
    selection = loaded.spec.clauses
    problems: list[Diagnostic] = []
    known = ", ".join(sorted(library.clauses))
    for key, ids in (("exclude", selection.exclude), ("include", selection.include)):
        for i, clause_id in enumerate(ids):
            where = loaded.positions.location(("clauses", key, i))
            clause = library.clauses.get(clause_id)
            if clause is None and clause_id in library.dropped:
                if key == "include":
                    layer = library.dropped[clause_id]
                    problems.append(
                        Diagnostic(where, f"clause '{clause_id}' was dropped by library '{layer}'")
                    )
            elif clause is None:
                problems.append(
                    Diagnostic(where, f"no clause '{clause_id}' in the library (known: {known})")
                )
            elif key == "exclude" and not clause.optional:
                problems.append(
                    Diagnostic(where, f"clause '{clause_id}' is required and cannot be excluded")
                )
    if problems:
        raise UserError.many(problems)
    return set(selection.exclude), set(selection.include)


def plan_document(library: Library, loaded: Any, paths: dict[int, str]) -> Plan:
    """Select the deal's clauses and number them."""
    excluded, included = _check_selection(library, loaded)
    names = condition_names(loaded.spec)

    def applies(clause: Clause) -> bool:
        if clause.optional and clause.id in excluded:
            return False
        if clause.optional and not clause.default and clause.id not in included:
            return False
        condition = library.conditions[clause.id]
        if condition is None:
            return True
        return evaluate_condition(condition, names, paths, clause.path, clause.when_line, clause.id)

    def chosen(kind: Kind) -> tuple[Clause, ...]:
        return tuple(c for c in library.ordered(kind) if applies(c))

    sections = chosen(Kind.SECTION)
    appendices = chosen(Kind.APPENDIX)
    numbers = {c.id: i for i, c in enumerate(sections, start=1)}
    numbers.update({c.id: i for i, c in enumerate(appendices, start=1)})
    return Plan(
        front=chosen(Kind.FRONT),
        sections=sections,
        back=chosen(Kind.BACK),
        appendices=appendices,
        numbers=numbers,
    )
