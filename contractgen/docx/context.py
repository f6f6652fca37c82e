"""What block handlers are given: the document being built, and where in the Markdown they are.

Handlers never set flags on a shared object to tell nested handlers "you are in a list" or "this
is the first paragraph of a task item". Instead each handler receives an immutable
:class:`BlockContext` and passes a modified copy (``ctx.replace(...)``) to its children, so the
state of a nested construct is visible in one place and cannot leak into its siblings.

The only mutable state is :class:`DocumentState`: registries that collect what the document as a
whole needs (list instances, hyperlink relationships, warnings), shared by every exhibit rendered
into the same document.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from contractgen.docx.numbering import NumberingRegistry
from contractgen.docx.ooxml import RT_HYPERLINK
from contractgen.docx.package import Relationship
from contractgen.docx.styles import StyleMap
from contractgen.docx.xmltext import Body
from contractgen.mdtree import Node
from contractgen.outline import Anchor

BlockHandler = Callable[[Node, "BlockContext", Body], None]


@dataclass
class LinkRegistry:
    """External hyperlink relationships of the main document, one per distinct URL."""

    _ids: dict[str, str] = field(default_factory=dict)

    def rid(self, url: str) -> str:
        """The relationship id for ``url``, allocated on first use."""
        rid = self._ids.get(url)
        if rid is None:
            rid = f"rIdLink{len(self._ids) + 1}"
            self._ids[url] = rid
        return rid

    def adopt(self, other: LinkRegistry) -> dict[str, str]:
        """Register ``other``'s URLs here, in its order; returns its id → the id here."""
        return {rid: self.rid(url) for url, rid in other._ids.items()}

    def relationships(self) -> list[Relationship]:
        """The relationships in allocation order (document order: stable across builds)."""
        return [
            Relationship(rid, RT_HYPERLINK, url, external=True) for url, rid in self._ids.items()
        ]


@dataclass
class DocumentState:
    """Registries of one output document; one instance spans all exhibits of a pack."""

    styles: StyleMap
    text_width: int
    numbering: NumberingRegistry
    handlers: Mapping[str, BlockHandler]
    on_warning: Callable[[str], None] | None = None
    links: LinkRegistry = field(default_factory=LinkRegistry)
    bookmark_count: int = 0
    """Bookmarks written so far; the next bookmark's ``w:id``."""
    anchors: Mapping[str, Anchor] = field(default_factory=dict)
    """The exhibit being rendered: its numbered headings and title by heading text."""
    outline_num: int | None = None
    """The exhibit being rendered: its instance of the clause outline (allocated on first use)."""
    _warned: set[str] = field(default_factory=set)

    def next_bookmark_id(self) -> int:
        """A fresh bookmark id, unique in the document."""
        self.bookmark_count += 1
        return self.bookmark_count - 1

    def outline(self) -> int:
        """The clause outline instance of the exhibit being rendered."""
        if self.outline_num is None:
            self.outline_num = self.numbering.new_outline()
        return self.outline_num

    def start_exhibit(self, anchors: Mapping[str, Anchor]) -> None:
        """Reset what belongs to one exhibit: its headings, its own clause numbering."""
        self.anchors = anchors
        self.outline_num = None

    def warn(self, message: str) -> None:
        """Report ``message`` once per document, however often the construct occurs."""
        if message not in self._warned:
            self._warned.add(message)
            if self.on_warning is not None:
                self.on_warning(message)


@dataclass(frozen=True, slots=True)
class NumberingRef:
    """The ``w:numPr`` of a list item's first paragraph."""

    num_id: int
    level: int


@dataclass(frozen=True, slots=True)
class BlockContext:
    """Where a block sits in the Markdown tree; replaced, never mutated, on the way down."""

    doc: DocumentState
    paragraph_style: str | None = None
    """Style id for ordinary paragraphs here (``None``: the default paragraph style)."""
    list_level: int = 0
    """How many lists enclose this block."""
    numbering: NumberingRef | None = None
    """Set only for the first paragraph of a list item: it carries the bullet or number."""
    checkbox: str | None = None
    """Set only for the first paragraph of a task item: the ballot box it starts with."""
    keep_next: bool = False
    """Keep the item's first paragraph on the page of the next one (checklists stay whole)."""
    indent: int = 0
    """Left indent of blocks inside list items, aligned with the item's text."""

    def replace(self, **changes: object) -> BlockContext:
        """A copy with ``changes`` applied."""
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    def render(self, node: Node, body: Body) -> None:
        """Render one block node into ``body`` through the document's dispatch table."""
        handler = self.doc.handlers.get(node.type)
        if handler is None:
            handler = self.doc.handlers["__unknown__"]
        handler(node, self, body)

    def render_children(self, node: Node, body: Body) -> None:
        """Render every child block of ``node`` into ``body``."""
        for child in node.children:
            self.render(child, body)
