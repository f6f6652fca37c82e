"""Assemble a deal's exhibit set: the main SLA exhibit and its appendices, as Markdown.

``assemble_spec(loaded)`` selects the clauses that apply to the deal, numbers them, renders each
in the sandbox, and joins the main exhibit's clauses under ``## N. Title`` headings. The
definitions render last: they list only the terms the rest of the document uses, so they are
rendered against the finished text of every other clause until the list stops changing (a
definition can itself use another term). The Markdown depends only on the spec and the library:
no clock, no randomness, no set or dict order.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from contractgen.errors import UserError
from contractgen.exhibit import Exhibit
from contractgen.library.clause import Clause
from contractgen.library.context import (
    ClauseRow,
    RefResolver,
    SubsectionCounter,
    parties_context,
    term_finder,
)
from contractgen.library.env import render
from contractgen.library.loader import Library, load_library
from contractgen.library.markdown import escape_md, tidy, unescape_md
from contractgen.library.selection import Plan, plan_document
from contractgen.library.specpaths import path_index

MAIN_KEY = "sla-exhibit"
_MAX_DEFINITION_PASSES = 5
"""Definitions are re-rendered until stable; each pass can only add terms, so few are needed."""


def assemble_spec(loaded: Any, libraries: Sequence[Path] = ()) -> list[Exhibit]:
    """The main SLA exhibit (key ``sla-exhibit``) followed by one Exhibit per appendix."""
    return _assemble(load_library(libraries), loaded)


def _assemble(library: Library, loaded: Any) -> list[Exhibit]:
    spec = loaded.spec
    paths = path_index(spec)
    plan = plan_document(library, loaded, paths)
    base = _base_context(spec, plan, library)

    bodies: dict[str, str] = {}
    for clause in plan.everything:
        if clause.id not in library.late:
            bodies[clause.id] = _render(library, clause, plan, base, paths, extra={})
    _render_late(library, plan, base, paths, bodies)

    main = _main_markdown(plan, bodies)
    exhibits = [_exhibit(spec, MAIN_KEY, main, plan.main)]
    for clause in plan.appendices:
        key = f"appendix-{plan.numbers[clause.id]}-{clause.key}"
        exhibits.append(_exhibit(spec, key, bodies[clause.id] + "\n", (clause,)))
    return exhibits


def _base_context(spec: Any, plan: Plan, library: Library) -> dict[str, Any]:
    label = spec.deal.exhibit.label
    rows = [
        ClauseRow(c.id, c.title, c.version, c.layer, plan.label(c.id) or label)
        for c in plan.everything
    ]
    appendix_ids = {c.id for c in plan.appendices}
    return {
        "spec": spec,
        **parties_context(spec),
        "ref": RefResolver(plan, set(library.clauses), library.dropped),
        "clauses": rows,
        "appendices": [row for row in rows if row.id in appendix_ids],
    }


def _render(
    library: Library,
    clause: Clause,
    plan: Plan,
    base: dict[str, Any],
    paths: dict[int, str],
    extra: dict[str, Any],
) -> str:
    number = plan.numbers.get(clause.id) if clause.numbered else None
    context = {
        **base,
        "n": number,
        "sub": SubsectionCounter(number),
        "appendix": plan.label(clause.id) if not clause.numbered else None,
        "title": escape_md(clause.title),
        **extra,
    }
    text = tidy(render(library.templates[clause.id], context, paths, clause.id, clause.path))
    if not text:
        raise UserError(
            str(clause.path),
            f"clause '{clause.id}' rendered no text; give it a when: condition instead",
        )
    return text


def _render_late(
    library: Library,
    plan: Plan,
    base: dict[str, Any],
    paths: dict[int, str],
    bodies: dict[str, str],
) -> None:
    """Render the clauses that ask ``uses(term)`` until the terms they list stop changing."""
    late = [c for c in plan.everything if c.id in library.late]
    if not late:
        return
    others = "\n\n".join(bodies[c.id] for c in plan.everything if c.id in bodies)
    previous: dict[str, str] = {}
    for _ in range(_MAX_DEFINITION_PASSES):
        text = "\n\n".join([others, *previous.values()])
        current = {
            c.id: _render(library, c, plan, base, paths, {"uses": term_finder(text)}) for c in late
        }
        if current == previous:
            break
        previous = current
    bodies.update(previous)


def _main_markdown(plan: Plan, bodies: dict[str, str]) -> str:
    parts: list[str] = []
    for clause in plan.main:
        if clause.numbered:
            heading = f"## {plan.numbers[clause.id]}. {escape_md(clause.title)}"
            parts.append(f"{heading}\n\n{bodies[clause.id]}")
        else:
            parts.append(bodies[clause.id])
    return "\n\n".join(parts) + "\n"


def _title(markdown: str, fallback: str) -> str:
    first = markdown.split("\n", 1)[0]
    if first.startswith("# "):
        return unescape_md(first[2:].strip())
    return fallback


def _exhibit(spec: Any, key: str, markdown: str, clauses: Sequence[Clause]) -> Exhibit:
    brand = spec.parties.brand
    partner = spec.parties.partner
    label = spec.deal.exhibit.label
    keywords: list[str] = []
    for word in (
        "service level agreement",
        "SLA",
        label,
        brand.short_name,
        partner.short_name,
        spec.deal.id,
    ):
        if word not in keywords:
            keywords.append(word)
    return Exhibit(
        key=key,
        title=_title(markdown, f"{label} — Service Level Agreement"),
        markdown=markdown,
        deal_id=spec.deal.id,
        version=spec.deal.exhibit.version,
        company=brand.name,
        subject=f"{brand.name} and {partner.name}",
        keywords=tuple(keywords),
        clause_versions=tuple((c.id, c.version) for c in clauses),
    )
