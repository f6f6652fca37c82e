"""The acceptance tests as (name, key path, duration), shared by the window rules."""

from __future__ import annotations

from contractgen.lint.context import Loc, SpecContext
from contractgen.spec.types import Duration

TEST_NAMES = ("functional", "performance", "stability", "training")


def acceptance_tests(ctx: SpecContext) -> list[tuple[str, Loc, Duration]]:
    tests = ctx.spec.acceptance.tests
    return [
        (name, ctx.facts.acceptance.tests[name].duration.loc, getattr(tests, name).duration)
        for name in TEST_NAMES
    ]
