"""Shared by the two priority-ordering rules: find a lower priority with a faster target."""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import SpecContext
from contractgen.lint.facts import ordered_priorities
from contractgen.lint.problem import Problem


def check_order(ctx: SpecContext, field: str) -> Iterator[Problem]:
    """One finding per priority whose ``field`` target beats a more urgent priority's."""
    ordered = ordered_priorities(ctx.spec)
    for j, (fj, pj) in enumerate(ordered):
        mine = getattr(pj, field)
        slower = [(fi, pi) for fi, pi in ordered[:j] if ctx.clock.shorter(mine, getattr(pi, field))]
        if not slower:
            continue
        fi, pi = slower[-1]
        theirs = getattr(pi, field)
        here = ctx.facts.support.priorities[fj][field].loc
        there = ctx.facts.support.priorities[fi][field].loc
        yield ctx.problem(
            here,
            f"{pj.id} {field} {mine} {ctx.at(here)} is faster than {pi.id} {field} {theirs} "
            f"{ctx.at(there)}; a less urgent ticket would be handled first",
            fix=f"give {pj.id} a {field} target of at least {theirs}, "
            f"or tighten {pi.id} to at most {mine}",
        )
