"""Assemble a deal's exhibit set: the main SLA exhibit and its appendices, as Markdown.

``assemble_spec(loaded)`` selects the clauses that apply to the deal, numbers them, renders each
in the sandbox, and joins the main exhibit's clauses under ``## N. Title`` headings. Numbered
headings and appendix titles are listed as anchors (bookmark names for Word, slugs for the
published Markdown); references to sub-clauses are resolved once every clause has rendered. The
definitions render last: they list only the terms the rest of the document uses, so they are
rendered against the finished text of every other clause until the list stops changing (a
definition can itself use another term). The Markdown depends only on the spec and the library:
no clock, no randomness, no set or dict order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from contractgen.errors import UserError
from contractgen.exhibit import Exhibit
from contractgen.library.clause import Clause, Kind
from contractgen.library.context import (
    SUB_REF,
    ClauseRow,
    RefResolver,
    SubsectionCounter,
    occurs,
    parties_context,
    term_finder,
)
from contractgen.library.env import render
from contractgen.library.loader import Library, load_library
from contractgen.library.markdown import escape_md, tidy, unescape_md
from contractgen.library.paper import paper_size
from contractgen.library.publish import publish_markdown
from contractgen.library.selection import Plan, plan_document
from contractgen.library.specpaths import path_index
from contractgen.outline import (
    REF_NUMBER,
    Anchor,
    bookmark_name,
    clause_number,
    heading_number,
    heading_slug,
    ref_href,
)
from contractgen.record import spec_sha256

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
    subs: dict[str, SubsectionCounter] = {}
    for clause in plan.everything:
        if clause.id not in library.late:
            bodies[clause.id] = _render(library, clause, plan, base, paths, {}, subs)
    _render_late(library, plan, base, paths, bodies, subs)
    for clause_id, body in bodies.items():
        bodies[clause_id] = _resolve_sub_refs(body, plan, subs, clause_id)

    keys = {MAIN_KEY: MAIN_KEY}
    for clause in plan.appendices:
        keys[clause.id] = f"appendix-{plan.numbers[clause.id]}-{clause.key}"
    documents: list[tuple[str, str, tuple[Clause, ...], tuple[Anchor, ...]]] = [
        (MAIN_KEY, _main_markdown(plan, bodies), plan.main, _main_anchors(plan, subs))
    ]
    for clause in plan.appendices:
        markdown = bodies[clause.id] + "\n"
        anchors = _appendix_anchors(plan, clause, markdown, subs.get(clause.id))
        documents.append((keys[clause.id], markdown, (clause,), anchors))
    targets = {a.bookmark: (key, a) for key, _, _, anchors in documents for a in anchors}
    common = {
        "paper": paper_size(spec),
        "date": spec.deal.effective_date.isoformat(),
        "spec_sha256": spec_sha256(str(getattr(loaded, "source", ""))),
    }
    label = spec.deal.exhibit.label
    return [
        replace(
            _exhibit(
                spec, key, markdown, clauses, anchors, publish_markdown(markdown, key, targets)
            ),
            page_label=label if key == MAIN_KEY else f"{label}, {plan.label(clauses[0].id)}",
            **common,
        )
        for key, markdown, clauses, anchors in documents
    ]


def _main_anchors(plan: Plan, subs: dict[str, SubsectionCounter]) -> tuple[Anchor, ...]:
    """The numbered headings of the main exhibit, in document order."""
    anchors: list[Anchor] = []
    for clause in plan.sections:
        number = clause_number((plan.numbers[clause.id],))
        text = f"{heading_number(number)} {clause.title}"
        anchors.append(Anchor(text, number, bookmark_name(clause.id), 0, heading_slug(text)))
        anchors.extend(_sub_anchors(subs.get(clause.id), 1))
    return tuple(anchors)


def _sub_anchors(counter: SubsectionCounter | None, level: int) -> list[Anchor]:
    """The anchors of the headings ``sub()`` numbered, at clause outline ``level``."""
    anchors: list[Anchor] = []
    for entry in counter.entries if counter else ():
        text = f"{heading_number(entry.number)} {unescape_md(escape_md(entry.title))}"
        anchors.append(Anchor(text, entry.number, entry.bookmark, level, heading_slug(text)))
    return anchors


def _appendix_anchors(
    plan: Plan, clause: Clause, markdown: str, counter: SubsectionCounter | None
) -> tuple[Anchor, ...]:
    """An appendix is referred to by its title, which says "Appendix N"; its numbered form
    sections (``sub()``) are the top level of its own clause outline, restarting at 1."""
    label = plan.label(clause.id) or ""
    title = _title(markdown, "")
    anchors = _sub_anchors(counter, 0)
    if not title or label not in title:
        return tuple(anchors)
    return (Anchor(title, label, bookmark_name(clause.id), -1, heading_slug(title)), *anchors)


def _resolve_sub_refs(
    body: str, plan: Plan, subs: dict[str, SubsectionCounter], clause_id: str
) -> str:
    """Replace the placeholders ``ref(id, sub=...)`` left by their sub-clause's link."""
    if "\x02" not in body:
        return body

    def link(match: re.Match[str]) -> str:
        target, title = match.group(1), match.group(2)
        counter = subs.get(target)
        number = counter.numbers.get(title) if counter is not None else None
        if number is None:
            known = ", ".join(repr(t) for t in (counter.numbers if counter else ())) or "none"
            raise UserError(
                f"clause '{clause_id}'",
                f"ref('{target}', sub='{title}'): clause '{target}' has no sub-clause "
                f"'{title}' (its sub-clauses: {known})",
            )
        assert counter is not None
        return f"[Section {number}]({ref_href(REF_NUMBER, counter.bookmark(title))})"

    return SUB_REF.sub(link, body)


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
    subs: dict[str, SubsectionCounter],
) -> str:
    number = plan.numbers.get(clause.id) if clause.numbered else None
    counter = SubsectionCounter(number, clause.id, form=clause.kind == Kind.APPENDIX)
    subs[clause.id] = counter
    context = {
        **base,
        "n": number,
        "sub": counter,
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
    subs: dict[str, SubsectionCounter],
) -> None:
    """Render the clauses that ask ``uses(term)`` until the terms they list stop changing."""
    late = [c for c in plan.everything if c.id in library.late]
    if not late:
        return
    others = "\n\n".join(bodies[c.id] for c in plan.everything if c.id in bodies)
    previous: dict[str, str] = {}
    asked: dict[str, dict[str, bool]] = {}
    """Clause id → every ``uses(term)`` answer its body in ``previous`` was rendered with."""
    for _ in range(_MAX_DEFINITION_PASSES):
        text = "\n\n".join([others, *previous.values()])
        current: dict[str, str] = {}
        for c in late:
            answers = asked.get(c.id)
            if answers is not None and all(occurs(t, text) == a for t, a in answers.items()):
                # Rendering is deterministic and ``uses`` is all that changes between passes:
                # with every answer the same, the body (and its sub-clause counter) would be.
                current[c.id] = previous[c.id]
                continue
            answers = asked[c.id] = {}
            uses = _recorded(term_finder(text), answers)
            current[c.id] = _render(library, c, plan, base, paths, {"uses": uses}, subs)
        if current == previous:
            break
        previous = current
    bodies.update(previous)


def _recorded(uses: Callable[[str], bool], answers: dict[str, bool]) -> Callable[[str], bool]:
    """``uses``, noting each term asked and its answer in ``answers``.

    The last pass of :func:`_render_late` only confirms that the definitions no longer change;
    with the answers noted it asks the same questions of the new text instead of rendering the
    definitions again (over 30 generated deals a cProfile of lint_deal spent 0.25 s rendering
    the two passes, 0.17 s this way).
    """

    def recorded(term: str) -> bool:
        answer = answers[str(term)] = uses(term)
        return answer

    recorded.__name__ = "uses"
    return recorded


def _main_markdown(plan: Plan, bodies: dict[str, str]) -> str:
    parts: list[str] = []
    for clause in plan.main:
        if clause.numbered:
            number = clause_number((plan.numbers[clause.id],))
            heading = f"## {heading_number(number)} {escape_md(clause.title)}"
            parts.append(f"{heading}\n\n{bodies[clause.id]}")
        else:
            parts.append(bodies[clause.id])
    return "\n\n".join(parts) + "\n"


def _title(markdown: str, fallback: str) -> str:
    first = markdown.split("\n", 1)[0]
    if first.startswith("# "):
        return unescape_md(first[2:].strip())
    return fallback


def _exhibit(
    spec: Any,
    key: str,
    markdown: str,
    clauses: Sequence[Clause],
    anchors: tuple[Anchor, ...],
    published: str,
) -> Exhibit:
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
        parties=f"{brand.short_name} and {partner.short_name}",
        company=brand.name,
        subject=f"{brand.name} and {partner.name}",
        keywords=tuple(keywords),
        clause_versions=tuple((c.id, c.version) for c in clauses),
        anchors=anchors,
        published=published,
        layer_of=tuple((c.id, c.layer) for c in clauses),
    )
