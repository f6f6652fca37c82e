"""The names a clause template sees besides the spec: parties, cross-references, numbering.

Wording that every clause needs the same way is computed once here, so that fifteen templates
cannot disagree: how the parties are called ("ShelfWise", or "the Brand" when the spec keeps the
generic short name), what ``ref('escalation')`` prints (a link that renderers turn into a field
or an anchor), how subsections are numbered, and (for the definitions) whether a term is used
anywhere else in the document.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jinja2.exceptions import TemplateRuntimeError

from contractgen.library.markdown import Md, escape_md
from contractgen.library.selection import Plan
from contractgen.outline import (
    REF_NUMBER,
    REF_TEXT,
    bookmark_name,
    clause_number,
    heading_number,
    ref_href,
)

GENERIC_NAMES = frozenset(
    {
        "brand",
        "partner",
        "customer",
        "company",
        "supplier",
        "manufacturer",
        "vendor",
        "distributor",
        "integrator",
        "reseller",
        "licensor",
        "licensee",
        "contractor",
        "provider",
        "client",
        "end user",
        "user",
    }
)
"""Short names that are role nouns: they take "the" ("the Brand shall…")."""


@dataclass(frozen=True)
class ClauseRow:
    """One line of the document-control table."""

    id: str
    title: str
    version: str
    layer: str
    document: str
    """Where the clause appears: "Exhibit C" or "Appendix 2"."""


def party_names(short_name: str) -> tuple[Md, Md]:
    """("ShelfWise", "ShelfWise") or ("the Brand", "The Brand"): mid-sentence and initial."""
    if is_generic(short_name):
        name = escape_md(short_name)
        return Md(f"the {name}"), Md(f"The {name}")
    name = escape_md(short_name)
    return name, name


def is_generic(short_name: str) -> bool:
    """Whether a short name is a role noun ("Brand") rather than a name ("ShelfWise")."""
    return short_name.strip().lower() in GENERIC_NAMES


def parties_context(spec: Any) -> dict[str, Any]:
    """How templates name the parties, mid-sentence and at the start of one.

    ``brand``/``Brand``, ``partner``/``Partner``, ``customer``/``Customer``, ``a_customer``
    ("a Customer", "an End User"), whether each short name is generic, and the exhibit ``label``.
    """
    brand, brand_initial = party_names(spec.parties.brand.short_name)
    partner, partner_initial = party_names(spec.parties.partner.short_name)
    role = escape_md(spec.parties.customer_role)
    article = "an" if role[:1].lower() in "aeiou" else "a"
    return {
        "brand": brand,
        "Brand": brand_initial,
        "brand_is_generic": is_generic(spec.parties.brand.short_name),
        "partner": partner,
        "Partner": partner_initial,
        "partner_is_generic": is_generic(spec.parties.partner.short_name),
        "customer": Md(f"the {role}"),
        "Customer": Md(f"The {role}"),
        "a_customer": Md(f'{article} "{role}"'),
        "label": escape_md(spec.deal.exhibit.label),
    }


SUB_REF = re.compile("\x02([^\x1f\x03]*)\x1f([^\x03]*)\x03")
"""A reference to a sub-clause, left by ``ref(id, sub=...)`` until every clause has rendered
(a sub-clause gets its number only when its own clause renders, possibly later)."""


class RefResolver:
    """``ref(id)`` for templates: a link to another clause, checked at assembly.

    The link text is what a reader sees ("Section 4", "Appendix 1"); the target names the
    clause's Word bookmark (see :mod:`contractgen.outline`), so the Word renderer can write a
    REF field and the published Markdown a link to the heading. ``ref(id, sub="Title")`` refers
    to the sub-clause ``sub("Title")`` of that clause ("Section 3.2"), or to the numbered
    section ``sub("Title")`` of an appendix form ("Section 2"; outside that appendix the
    template names it too: ``… of {{ ref(id) }}``).
    """

    def __init__(self, plan: Plan, known: set[str], dropped: dict[str, str]) -> None:
        self.plan = plan
        self.known = known
        self.dropped = dropped

    def __call__(self, clause_id: str, optional: bool = False, sub: str | None = None) -> Md:
        label = self.plan.label(clause_id)
        if label is not None:
            if sub is not None:
                return Md(f"\x02{clause_id}\x1f{sub}\x03")
            if label.startswith("Appendix"):
                return Md(f"[{label}]({ref_href(REF_TEXT, bookmark_name(clause_id))})")
            return Md(f"[{label}]({ref_href(REF_NUMBER, bookmark_name(clause_id))})")
        if clause_id not in self.known and clause_id not in self.dropped:
            raise TemplateRuntimeError(f"ref('{clause_id}'): there is no clause '{clause_id}'")
        if optional:
            return Md("")
        if clause_id in self.known and any(c.id == clause_id for c in self.plan.everything):
            raise TemplateRuntimeError(f"ref('{clause_id}'): that clause has no number")
        raise TemplateRuntimeError(
            f"ref('{clause_id}'): clause '{clause_id}' is not in this document (excluded, dropped "
            f"or not applicable); write ref('{clause_id}', optional=True) inside an if, and "
            "leave the sentence out when it is empty"
        )


@dataclass(frozen=True)
class SubClause:
    """One ``sub("Title")`` heading: its title, number and Word bookmark."""

    title: str
    number: str
    """"3.2" in a section; "2" for a numbered section of an appendix form."""
    bookmark: str
    """Unique in its document, even when two headings share a title."""


class SubsectionCounter:
    """``sub("Title")`` → "10.2 Title": subsections numbered in the order they are written.

    In an appendix (``form``) ``sub("Title")`` numbers the form's own sections instead:
    "1. Title", "2. Title", restarting in each appendix. That is how a form template says a
    heading is a numbered section; a heading written without ``sub()`` stays unnumbered
    ("Site Details", "Sign-Off"). Either way the Word document numbers the heading through the
    clause outline and drops the typed number (see :mod:`contractgen.outline`).

    Each call records the sub-clause's number and anchor, so ``ref(id, sub="Title")`` and the
    Word renderer (bookmark, numbering) can find it.
    """

    def __init__(self, section: int | None, clause_id: str = "", *, form: bool = False) -> None:
        self.section = section
        self.clause_id = clause_id
        self.form = form
        self.count = 0
        self.numbers: dict[str, str] = {}
        """The number of each title (of its first heading, should a title repeat)."""
        self.entries: list[SubClause] = []
        """Every heading numbered, in order."""
        self._bookmarks: dict[str, str] = {}
        self._taken: set[str] = set()

    def __call__(self, title: str) -> Md:
        if self.form:
            parent: tuple[int, ...] = ()
        elif self.section is not None:
            parent = (self.section,)
        else:
            raise TemplateRuntimeError(
                "sub() numbers subsections of numbered sections and sections of appendices only"
            )
        self.count += 1
        title = str(title)
        number = clause_number((*parent, self.count))
        self.numbers.setdefault(title, number)
        self.entries.append(SubClause(title, number, self._bookmark(title)))
        return Md(f"{heading_number(number)} {escape_md(title)}")

    def bookmark(self, title: str) -> str:
        """The bookmark of the first heading called ``title`` (see :meth:`__call__`)."""
        return self._bookmarks.get(title) or bookmark_name(self.clause_id, title)

    def _bookmark(self, title: str) -> str:
        """A bookmark no earlier heading of this clause has: titles from the spec may repeat,
        or differ only in punctuation, and Word keeps only one bookmark of a name."""
        name = bookmark_name(self.clause_id, title)
        suffix = self.count
        while name in self._taken:
            name = bookmark_name(self.clause_id, f"{title} {suffix}")
            suffix += 1
        self._taken.add(name)
        self._bookmarks.setdefault(title, name)
        return name


_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")


def occurs(term: str, text: str) -> bool:
    """Whether ``term``, or its plural in -s or -es, occurs in ``text`` as a whole word.

    The same answer as searching ``(?<![A-Za-z0-9])TERM(?:s|es)?(?![A-Za-z0-9])``; a regular
    expression that starts with a look-behind is tried at every position of the text, which the
    definitions' dozens of questions over a whole exhibit made a visible cost, so the candidate
    positions come from ``str.find`` and only their edges are checked.
    """
    start = text.find(term)
    while start != -1:
        if start == 0 or text[start - 1] not in _WORD_CHARS:
            end = start + len(term)
            for suffix in ("", "s", "es"):
                after = end + len(suffix)
                if text.startswith(suffix, end) and (
                    after >= len(text) or text[after] not in _WORD_CHARS
                ):
                    return True
        start = text.find(term, start + 1)
    return False


def term_finder(text: str) -> Callable[[str], bool]:
    """``uses("Business Day")``: whether the term (or its plural) occurs in ``text``.

    Case-sensitive on purpose: defined terms are capitalised, and "ticket" in a partner's own
    wording is not a use of the defined term "Ticket".
    """

    def uses(term: str) -> bool:
        return occurs(str(term), text)

    return uses
