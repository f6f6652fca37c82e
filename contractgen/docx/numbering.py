"""Real Word numbering: abstract definitions plus one ``w:num`` instance per list or document.

Typing "1." into the text would break the moment a lawyer inserts an item in Word, so lists and
clause headings use ``numbering.xml``. There is one bullet and one ordered ("(a)", "(i)")
abstract definition per document; every Markdown list (nested ones too) gets its own ``w:num``
pointing at one of them. Clause headings use the clause outline (1 / 1.1 / 1.1.1), the
multilevel definition the reference's heading styles are linked to (or contractgen's own, when a
company reference does not number its headings); each exhibit or appendix gets its own
``w:num`` of it, so numbering restarts in each document of a pack. Word shares the
counter of all instances of one abstract definition unless an instance overrides its start, so
each ordered instance carries ``lvlOverride/startOverride`` with the list's start number: lists
restart, per list and per exhibit of a pack, and ``4. …`` starts at 4.

Identifiers continue after the reference's own numbering so a company's list styles still work.
``w:nsid`` (Word's identity for a definition when documents are merged) is derived from a hash,
never random, so rebuilds are byte-identical.
"""

from __future__ import annotations

import functools
import zlib
from dataclasses import dataclass, field

from lxml import etree

from contractgen.docx.ooxml import NSMAP, W, parse, serialize, sub, val
from contractgen.outline import CLAUSE_LEVELS, ITEM_LEVELS

MAX_LEVEL = 8
LEVEL_INDENT = 567
"""Left indent of list text per nesting level (1 cm)."""
HANGING = 340
"""Space the bullet hangs into, left of the text."""
LABEL_HANGING = LEVEL_INDENT
"""Space an item label ("(iii)") hangs into: at level 0 the label sits on the body's margin."""
CLAUSE_INDENT = 709
"""Where a clause heading's text starts, after its number and a tab (1.25 cm)."""

_BULLETS = ("\u2022", "\u2013", "\u25e6")


def text_indent(level: int) -> int:
    """Left edge of an item's text at ``level`` (0-based), for continuation paragraphs too."""
    return LEVEL_INDENT * (min(level, MAX_LEVEL) + 1)


def nsid(seed: str) -> str:
    """A stable 8-hex-digit ``w:nsid`` for a definition, derived from ``seed``."""
    return f"{zlib.crc32(seed.encode('utf-8')) & 0xFFFFFFFF:08X}"


@dataclass
class _ListInstance:
    num_id: int
    kind: str
    level: int
    start: int | None


@dataclass
class NumberingRegistry:
    """Allocates list instances while a document renders, then writes ``numbering.xml``."""

    first_abstract_id: int = 0
    first_num_id: int = 1
    outline_abstract: int | None = None
    """The reference's clause-outline definition (linked to its heading styles), if it has one."""
    heading_styles: tuple[str, ...] = ()
    """Style ids of the outline levels, for contractgen's own outline definition."""
    _abstract: dict[str, int] = field(default_factory=dict)
    _instances: list[_ListInstance] = field(default_factory=list)

    @classmethod
    def continuing(
        cls,
        existing: bytes | None,
        outline_abstract: int | None = None,
        heading_styles: tuple[str, ...] = (),
    ) -> NumberingRegistry:
        """A registry whose ids follow those already used in a reference's numbering part."""
        if existing is None:
            return cls(heading_styles=heading_styles)
        root = parse(existing)
        abstract_ids = [_int(el.get(W.abstractNumId)) for el in root.iterchildren(W.abstractNum)]
        num_ids = [_int(el.get(W.numId)) for el in root.iterchildren(W.num)]
        return cls(
            max(abstract_ids, default=-1) + 1,
            max(num_ids, default=0) + 1,
            outline_abstract,
            heading_styles,
        )

    def new_list(self, *, ordered: bool, level: int, start: int = 1) -> int:
        """Register one Markdown list at nesting ``level``; returns the ``numId`` to reference."""
        kind = "ordered" if ordered else "bullet"
        return self._new(kind, min(level, MAX_LEVEL), start if ordered else None)

    def new_outline(self) -> int:
        """A fresh instance of the clause outline for one document: its clauses start at 1."""
        return self._new("clause", 0, 1)

    def _new(self, kind: str, level: int, start: int | None) -> int:
        if kind not in self._abstract and not (kind == "clause" and self._own_outline is False):
            self._abstract[kind] = self.first_abstract_id + len(self._abstract)
        num_id = self.first_num_id + len(self._instances)
        self._instances.append(_ListInstance(num_id, kind, level, start))
        return num_id

    @property
    def _own_outline(self) -> bool:
        """Whether this document needs contractgen's own clause outline definition."""
        return self.outline_abstract is None

    def _abstract_id(self, kind: str) -> int:
        if kind == "clause" and self.outline_abstract is not None:
            return self.outline_abstract
        return self._abstract[kind]

    def adopt(self, other: NumberingRegistry) -> dict[int, int]:
        """Register ``other``'s lists here, in its order; returns its numId → the new numId.

        Replaying the allocations in order gives the ids a render straight into this document
        would have given, so adopted content is the same XML as content rendered here.
        """
        return {
            inst.num_id: self._new(inst.kind, inst.level, inst.start) for inst in other._instances
        }

    def build(self, existing: bytes | None) -> bytes | None:
        """The numbering part: ``existing`` plus this document's definitions, or ``None``."""
        if not self._instances:
            return existing
        root = parse(existing) if existing is not None else etree.Element(W.numbering, nsmap=NSMAP)
        abstracts = [self._abstract_num(kind, aid) for kind, aid in self._abstract.items()]
        if "clause" in self._abstract:
            index = list(self._abstract).index("clause")
            abstracts[index] = outline_abstract(self._abstract["clause"], self.heading_styles)
        nums = [self._num(inst) for inst in self._instances]
        # Schema order: numPicBullet*, abstractNum*, num*, numIdMacAtCleanup?
        existing_abstracts = list(root.iterchildren(W.abstractNum))
        if existing_abstracts:
            anchor = root.index(existing_abstracts[-1]) + 1
        else:
            anchor = len(list(root.iterchildren(W.numPicBullet)))
        for offset, el in enumerate(abstracts):
            root.insert(anchor + offset, el)
        cleanup = root.find(W.numIdMacAtCleanup)
        for el in nums:
            if cleanup is not None:
                cleanup.addprevious(el)
            else:
                root.append(el)
        return serialize(root)

    @staticmethod
    def _abstract_num(kind: str, abstract_id: int) -> etree._Element:
        return _abstract_template(kind, abstract_id).__copy__()

    def _num(self, inst: _ListInstance) -> etree._Element:
        el = etree.Element(W.num, {W.numId: str(inst.num_id)}, nsmap=NSMAP)
        val(el, W.abstractNumId, self._abstract_id(inst.kind))
        if inst.start is not None:
            override = sub(el, W.lvlOverride, {W.ilvl: str(inst.level)})
            val(override, W.startOverride, inst.start)
        return el


def _abstract_num(abstract_id: int, kind: str, level_type: str) -> etree._Element:
    """An empty list definition: its id, a stable nsid named by ``kind`` and the id (so the same
    definition keeps its nsid from one build to the next), and its multi-level type."""
    el = etree.Element(W.abstractNum, {W.abstractNumId: str(abstract_id)}, nsmap=NSMAP)
    val(el, W.nsid, nsid(f"contractgen:{kind}:{abstract_id}"))
    val(el, W.multiLevelType, level_type)
    return el


@functools.lru_cache(maxsize=32)
def _abstract_template(kind: str, abstract_id: int) -> etree._Element:
    """The bullet or ordered list definition, built once per id and copied into each document
    (some 60 elements each, in every document with lists)."""
    el = _abstract_num(abstract_id, kind, "hybridMultilevel")
    for level in range(MAX_LEVEL + 1):
        lvl = sub(el, W.lvl, {W.ilvl: str(level)})
        val(lvl, W.start, 1)
        if kind == "ordered":
            fmt, text = ITEM_LEVELS[level % len(ITEM_LEVELS)]
            val(lvl, W.numFmt, fmt)
            val(lvl, W.lvlText, text.format(n=level + 1))
            hanging = LABEL_HANGING
        else:
            val(lvl, W.numFmt, "bullet")
            val(lvl, W.lvlText, _BULLETS[level % len(_BULLETS)])
            hanging = HANGING
        val(lvl, W.lvlJc, "left")
        p_pr = sub(lvl, W.pPr)
        sub(p_pr, W.ind, {W.left: str(text_indent(level)), W.hanging: str(hanging)})
    return el


def outline_abstract(abstract_id: int, styles: tuple[str, ...]) -> etree._Element:
    """The clause outline: "1", "1.1", "1.1.1", each level linked to its heading style.

    The shipped reference carries this definition (``tools/make_reference_docx.py`` writes it
    with this function); a document rendered with a reference that lacks one gets it here.
    """
    el = _abstract_num(abstract_id, "clause", "multilevel")
    for level in range(MAX_LEVEL + 1):
        lvl = sub(el, W.lvl, {W.ilvl: str(level)})
        val(lvl, W.start, 1)
        if level < len(CLAUSE_LEVELS):
            val(lvl, W.numFmt, "decimal")
            if level < len(styles) and styles[level]:
                val(lvl, W.pStyle, styles[level])
            val(lvl, W.suff, "tab")
            val(lvl, W.lvlText, CLAUSE_LEVELS[level])
        else:
            val(lvl, W.numFmt, "none")
            val(lvl, W.lvlText, "")
        val(lvl, W.lvlJc, "left")
        p_pr = sub(lvl, W.pPr)
        sub(p_pr, W.ind, {W.left: str(CLAUSE_INDENT), W.hanging: str(CLAUSE_INDENT)})
    return el


def _int(raw: str | None) -> int:
    try:
        return int(raw or "")
    except ValueError:
        return -1
