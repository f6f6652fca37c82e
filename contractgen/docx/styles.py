"""Map the renderer's style roles to style ids of a reference document, once per reference.

Word finds styles by id, but ids are language-specific (a German Word writes ``berschrift1`` for
what an English one calls ``Heading1``); names are stable (``heading 1``). So every role is
resolved here by name, case-insensitively, and the paragraph loop only ever sees ids.

A company reference may lack a style contractgen needs (say ``Note``). Then an accepted
alternative already in the document is used (``Quote``), or else contractgen's own definition is
copied in from the shipped reference, based on the company's ``Normal`` so it still takes the
company's fonts. Either way the caller is told once per style, and the document stays fully styled.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from lxml import etree

from contractgen.docx.ooxml import W


@dataclass(frozen=True)
class StyleRole:
    """A style the renderer needs: its name in the shipped reference, then accepted stand-ins."""

    key: str
    kind: str
    names: tuple[str, ...]

    @property
    def label(self) -> str:
        """The name as Word's style gallery shows it (built-in names are stored lower-case)."""
        name = self.names[0]
        return name[0].upper() + name[1:]


ROLES: tuple[StyleRole, ...] = (
    StyleRole("normal", "paragraph", ("Normal",)),
    StyleRole("heading1", "paragraph", ("heading 1",)),
    StyleRole("heading2", "paragraph", ("heading 2",)),
    StyleRole("heading3", "paragraph", ("heading 3",)),
    StyleRole("heading4", "paragraph", ("heading 4",)),
    StyleRole("list_paragraph", "paragraph", ("List Paragraph", "List")),
    StyleRole("note", "paragraph", ("Note", "Quote", "Quotations", "Block Text")),
    StyleRole("checklist", "paragraph", ("Checklist",)),
    StyleRole("header", "paragraph", ("header",)),
    StyleRole("footer", "paragraph", ("footer",)),
    StyleRole("toc1", "paragraph", ("toc 1",)),
    StyleRole("toc2", "paragraph", ("toc 2",)),
    StyleRole("code", "character", ("Inline Code", "Verbatim Char", "HTML Code")),
    StyleRole("hyperlink", "character", ("Hyperlink",)),
    StyleRole("table", "table", ("Contract Table", "Table Grid", "Table")),
)


@dataclass(frozen=True)
class StyleMap:
    """Style ids for every role, resolved against one reference document."""

    normal: str
    heading1: str
    heading2: str
    heading3: str
    heading4: str
    list_paragraph: str
    note: str
    checklist: str
    header: str
    footer: str
    toc1: str
    toc2: str
    code: str
    hyperlink: str
    table: str
    header_tabs: tuple[int, ...] = ()
    """Tab stops the header style defines, cleared so the header's one tab reaches the margin."""
    footer_tabs: tuple[int, ...] = ()
    numbered_headings: frozenset[str] = frozenset()
    """Heading style ids that number their paragraphs (the clause outline is linked to them);
    a heading that is not a numbered clause switches that off for itself."""

    def heading(self, level: int) -> str:
        """The style for a Markdown heading level; levels below 4 share Heading 4."""
        return (self.heading1, self.heading2, self.heading3, self.heading4)[
            min(max(level, 1), 4) - 1
        ]

    @property
    def outline_styles(self) -> tuple[str, str, str]:
        """The heading styles of clause outline levels 0, 1 and 2 ("3", "3.2", "3.2.1")."""
        return (self.heading2, self.heading3, self.heading4)


class _StyleIndex:
    """Lookup of one styles part by (type, lower-case name or alias) and by id."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self.by_name: dict[tuple[str, str], etree._Element] = {}
        self.by_id: dict[str, etree._Element] = {}
        self.default_paragraph: etree._Element | None = None
        for style in root.iterchildren(W.style):
            self.add(style)

    def add(self, style: etree._Element) -> None:
        kind = style.get(W.type, "paragraph")
        style_id = style.get(W.styleId, "")
        self.by_id.setdefault(style_id, style)
        name_el = style.find(W.name)
        names = [name_el.get(W.val, "")] if name_el is not None else []
        aliases = style.find(W.aliases)
        if aliases is not None:
            names.extend(aliases.get(W.val, "").split(","))
        for name in names:
            if name.strip():
                self.by_name.setdefault((kind, name.strip().lower()), style)
        if kind == "paragraph" and style.get(W.default) in ("1", "true", "on"):
            self.default_paragraph = self.default_paragraph or style

    def find(self, kind: str, name: str) -> etree._Element | None:
        if kind == "paragraph" and name == "Normal" and self.default_paragraph is not None:
            return self.default_paragraph
        return self.by_name.get((kind, name.lower()))

    def name_of(self, style_id: str) -> str | None:
        style = self.by_id.get(style_id)
        name_el = style.find(W.name) if style is not None else None
        return name_el.get(W.val) if name_el is not None else None

    def unique_id(self, wanted: str) -> str:
        candidate, n = wanted, 1
        while candidate in self.by_id:
            n += 1
            candidate = f"{wanted}{n}"
        return candidate


def resolve_styles(
    styles: etree._Element, defaults: etree._Element, *, source: str
) -> tuple[StyleMap, list[str]]:
    """Resolve every role in ``styles`` (modified in place when a definition must be added).

    ``defaults`` is the shipped reference's styles part, the source of missing definitions.
    Returns the map and the warnings, one per style that was not found.
    """
    target = _StyleIndex(styles)
    shipped = _StyleIndex(defaults)
    ids: dict[str, str] = {}
    warnings: list[str] = []
    for role in ROLES:
        found = next(
            (s for name in role.names if (s := target.find(role.kind, name)) is not None), None
        )
        if (
            found is not None
            and _name(found).lower() != role.names[0].lower()
            and (role.key != "normal")
        ):
            warnings.append(f"{source}: style '{role.label}' not found; using '{_name(found)}'")
        if found is None:
            found = _adopt(role, shipped, target)
            warnings.append(
                f"{source}: style '{role.label}' not found; using contractgen's default definition"
            )
        ids[role.key] = found.get(W.styleId, "")
    # Clause headings are numbered by the clause outline the heading styles are linked to;
    # headings that are not clauses (an appendix's "Site Details") switch it off for themselves.
    numbered = [
        ids[role.key]
        for role in ROLES
        if role.key.startswith("heading") and _has_numbering(target, ids[role.key])
    ]
    style_map = StyleMap(
        **ids,
        header_tabs=_tab_stops(target, ids["header"]),
        footer_tabs=_tab_stops(target, ids["footer"]),
        numbered_headings=frozenset(numbered),
    )
    return style_map, warnings


def _has_numbering(index: _StyleIndex, style_id: str) -> bool:
    """Whether ``style_id`` (or a style it is based on) attaches list numbering."""
    return style_num_id(index.by_id, style_id) not in (None, "0")


def style_num_id(by_id: dict[str, etree._Element], style_id: str) -> str | None:
    """The ``numId`` that ``style_id`` (or a style it is based on) attaches, if any."""
    seen: set[str] = set()
    current = by_id.get(style_id)
    while current is not None and style_id not in seen:
        seen.add(style_id)
        num_id = current.find(f"{W.pPr}/{W.numPr}/{W.numId}")
        if num_id is not None:
            return num_id.get(W.val, "0")
        based = current.find(W.basedOn)
        style_id = based.get(W.val, "") if based is not None else ""
        current = by_id.get(style_id) if style_id else None
    return None


def styles_by_id(styles: etree._Element) -> dict[str, etree._Element]:
    """The styles of a styles part by id."""
    return _StyleIndex(styles).by_id


def _name(style: etree._Element) -> str:
    name_el = style.find(W.name)
    return name_el.get(W.val, "") if name_el is not None else style.get(W.styleId, "")


def _adopt(role: StyleRole, shipped: _StyleIndex, target: _StyleIndex) -> etree._Element:
    """Copy the shipped definition of ``role`` into ``target``."""
    return _adopt_named(role.kind, role.names[0], shipped, target)


def _adopt_named(kind: str, name: str, source: _StyleIndex, target: _StyleIndex) -> etree._Element:
    """Copy style ``name`` from ``source`` into ``target``, re-pointing its references.

    ``basedOn``/``next``/``link`` name other styles by id; they are mapped by name to the
    target's ids (so ``basedOn Normal`` lands on the company's Normal) or dropped if absent.
    """
    original = source.find(kind, name)
    if original is None:  # the shipped reference is generated with every role; never absent
        raise LookupError(f"reference lacks style {name!r}")
    style = copy.deepcopy(original)
    for ref_tag in (W.basedOn, W.next, W.link):
        ref = style.find(ref_tag)
        if ref is None:
            continue
        ref_name = source.name_of(ref.get(W.val, ""))
        ref_style = source.by_id.get(ref.get(W.val, ""))
        ref_kind = ref_style.get(W.type, "paragraph") if ref_style is not None else kind
        mapped = target.find(ref_kind, ref_name) if ref_name else None
        if mapped is None or ref_tag == W.link:
            style.remove(ref)
        else:
            ref.set(W.val, mapped.get(W.styleId, ""))
    style.set(W.styleId, target.unique_id(style.get(W.styleId, "")))
    target.root.append(style)
    target.add(style)
    return style


def ensure_style(
    styles: etree._Element, source: etree._Element, kind: str, name: str
) -> tuple[str, tuple[int, ...]]:
    """The id of style ``name`` in ``styles`` (copied from ``source`` if absent), and its tabs.

    Used for a cover document: the header and footer contractgen adds there must use the
    cover's header and footer styles, and clear the tab stops those define.
    """
    target = _StyleIndex(styles)
    found = target.find(kind, name)
    if found is None:
        found = _adopt_named(kind, name, _StyleIndex(source), target)
    style_id = found.get(W.styleId, "")
    return style_id, _tab_stops(target, style_id)


def _tab_stops(index: _StyleIndex, style_id: str) -> tuple[int, ...]:
    """Positions of the tab stops ``style_id`` sets, following its ``basedOn`` chain."""
    positions: list[int] = []
    seen: set[str] = set()
    current = index.by_id.get(style_id)
    while current is not None and style_id not in seen:
        seen.add(style_id)
        for tab in current.iterfind(f"{W.pPr}/{W.tabs}/{W.tab}"):
            pos = tab.get(W.pos)
            if tab.get(W.val) != "clear" and pos is not None and pos.lstrip("-").isdigit():
                positions.append(int(pos))
        based = current.find(W.basedOn)
        style_id = based.get(W.val, "") if based is not None else ""
        current = index.by_id.get(style_id) if style_id else None
    return tuple(sorted(set(positions)))
