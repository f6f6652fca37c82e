"""A desk listed for Business Hours must not carry an around-the-clock obligation.

## Why is this bad?
The contacts list is where a customer or a partner finds who answers. If the brand's L2 desk
is listed for Business Hours but must answer escalated P0 tickets within 4 hours around the
clock, or the partner's service desk is listed for Business Hours on a deal with on-call or the
premium package, the exhibit promises night and weekend answers from a desk it also says is
closed. A support desk is a contact a tier names, or one whose role calls it a desk; a brand
desk carries the brand's escalation answer times, a partner desk the priorities' response times.

A desk may keep Business Hours when the same party lists a contact staffed around the clock
(an on-call line, ``coverage: around_the_clock``): that contact carries the out-of-hours
obligation, and the contacts list says where to call at night.

## Example
```yaml
escalation:
  brand_l2_response:
    P0: 4h
contacts:
  - party: brand
    role: Brand L2 Support Desk
    coverage: business_hours
```

## Use instead
```yaml
escalation:
  brand_l2_response:
    P0: 4h
contacts:
  - party: brand
    role: Brand L2 Support Desk
    coverage: around_the_clock
```

or keep the desk in Business Hours and list the on-call line that answers out of hours:

```yaml
escalation:
  brand_l2_response:
    P0: 4h
contacts:
  - party: brand
    role: Brand L2 Support Desk
    coverage: business_hours
  - party: brand
    role: Brand L2 On-Call Engineer
    phone: "+65 6100 2999"
    coverage: around_the_clock
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.domain.deadlines import partner_covers_all_hours
from contractgen.lint.context import SpecContext
from contractgen.lint.problem import Level, Problem
from contractgen.spec.models import Coverage, DealSpec
from contractgen.spec.types import Clock

CODE = "REF002"
NAME = "references.desk-coverage"
GROUPS = ("references", "calendar", "inconsistent")
LEVEL = Level.ERROR


def _desk_ids(spec: DealSpec) -> set[str]:
    return {t.contact for t in spec.escalation.tiers if t.contact}


def _obligation(spec: DealSpec, party: str) -> str | None:
    """What makes a desk of ``party`` answer around the clock, or None."""
    if party == "brand":
        for pid, d in spec.escalation.brand_l2_response.items():
            if d.clock == Clock.ELAPSED:
                return f"escalated {pid} tickets within {d}, around the clock"
        return None
    if not partner_covers_all_hours(spec):
        return None
    for p in spec.support.priorities:
        if p.response.clock == Clock.ELAPSED:
            why = "premium package" if spec.support.package == "premium" else "on-call agreed"
            return f"{p.id} tickets within {p.response}, around the clock ({why})"
    return None


def check(ctx: SpecContext) -> Iterator[Problem]:
    spec = ctx.spec
    desks = _desk_ids(spec)
    on_call = {c.party for c in spec.contacts if c.coverage == Coverage.AROUND_THE_CLOCK}
    for c in ctx.facts.contacts.items():
        contact = c.value
        is_desk = (contact.id in desks) or "desk" in contact.role.lower()
        if not is_desk or contact.party in on_call:
            continue
        duty = _obligation(spec, contact.party)
        if duty is None:
            continue
        where = c.coverage if c.coverage.written else c.role
        yield ctx.problem(
            where,
            f'the {contact.party}\'s "{contact.role}" {ctx.at(where)} is listed for Business '
            f"Hours but must answer {duty}",
            fix="set coverage: around_the_clock for this desk, list the "
            f"{contact.party}'s on-call line as a contact with coverage: around_the_clock, or "
            "write the obligation in Business Hours",
        )
