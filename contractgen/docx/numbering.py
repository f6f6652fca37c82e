"""Real Word list numbering: abstract definitions plus one ``w:num`` instance per Markdown list.

Typing "1." into the text would break the moment a lawyer inserts an item in Word, so lists use
``numbering.xml``. There is one bullet and one ordered abstract definition per document; every
Markdown list (nested ones too) gets its own ``w:num`` pointing at one of them. Word shares the
counter of all instances of one abstract definition unless an instance overrides its start, so
each ordered instance carries ``lvlOverride/startOverride`` with the list's start number: lists
restart, per list and per exhibit of a pack, and ``4. …`` starts at 4.

Identifiers continue after the reference's own numbering so a company's list styles still work.
``w:nsid`` (Word's identity for a definition when documents are merged) is derived from a hash,
never random, so rebuilds are byte-identical.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

from lxml import etree

from contractgen.docx.ooxml import NSMAP, W, parse, serialize, sub, val

MAX_LEVEL = 8
LEVEL_INDENT = 567
"""Left indent of list text per nesting level (1 cm)."""
HANGING = 340
"""Space the bullet or number hangs into, left of the text."""

_BULLETS = ("\u2022", "\u2013", "\u25e6")
_ORDERED = (("decimal", "%{n}."), ("lowerLetter", "(%{n})"), ("lowerRoman", "(%{n})"))


def text_indent(level: int) -> int:
    """Left edge of an item's text at ``level`` (0-based), for continuation paragraphs too."""
    return LEVEL_INDENT * (min(level, MAX_LEVEL) + 1)


def nsid(seed: str) -> str:
    """A stable 8-hex-digit ``w:nsid`` for a definition, derived from ``seed``."""
    return f"{zlib.crc32(seed.encode('utf-8')) & 0xFFFFFFFF:08X}"


@dataclass
class _ListInstance:
    num_id: int
    abstract_id: int
    level: int
    start: int | None


@dataclass
class NumberingRegistry:
    """Allocates list instances while a document renders, then writes ``numbering.xml``."""

    first_abstract_id: int = 0
    first_num_id: int = 1
    _abstract: dict[str, int] = field(default_factory=dict)
    _instances: list[_ListInstance] = field(default_factory=list)

    @classmethod
    def continuing(cls, existing: bytes | None) -> NumberingRegistry:
        """A registry whose ids follow those already used in a reference's numbering part."""
        if existing is None:
            return cls()
        root = parse(existing)
        abstract_ids = [_int(el.get(W.abstractNumId)) for el in root.iterchildren(W.abstractNum)]
        num_ids = [_int(el.get(W.numId)) for el in root.iterchildren(W.num)]
        return cls(max(abstract_ids, default=-1) + 1, max(num_ids, default=0) + 1)

    def new_list(self, *, ordered: bool, level: int, start: int = 1) -> int:
        """Register one Markdown list at nesting ``level``; returns the ``numId`` to reference."""
        kind = "ordered" if ordered else "bullet"
        if kind not in self._abstract:
            self._abstract[kind] = self.first_abstract_id + len(self._abstract)
        num_id = self.first_num_id + len(self._instances)
        self._instances.append(
            _ListInstance(
                num_id, self._abstract[kind], min(level, MAX_LEVEL), start if ordered else None
            )
        )
        return num_id

    def adopt(self, other: NumberingRegistry) -> dict[int, int]:
        """Register ``other``'s lists here, in its order; returns its numId → the new numId.

        Replaying the allocations in order gives the ids a render straight into this document
        would have given, so adopted content is the same XML as content rendered here.
        """
        kinds = {abstract_id: kind for kind, abstract_id in other._abstract.items()}
        return {
            inst.num_id: self.new_list(
                ordered=kinds[inst.abstract_id] == "ordered",
                level=inst.level,
                start=inst.start if inst.start is not None else 1,
            )
            for inst in other._instances
        }

    def build(self, existing: bytes | None) -> bytes | None:
        """The numbering part: ``existing`` plus this document's definitions, or ``None``."""
        if not self._instances:
            return existing
        root = parse(existing) if existing is not None else etree.Element(W.numbering, nsmap=NSMAP)
        abstracts = [self._abstract_num(kind, aid) for kind, aid in self._abstract.items()]
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
        el = etree.Element(W.abstractNum, {W.abstractNumId: str(abstract_id)}, nsmap=NSMAP)
        val(el, W.nsid, nsid(f"contractgen:{kind}:{abstract_id}"))
        val(el, W.multiLevelType, "hybridMultilevel")
        for level in range(MAX_LEVEL + 1):
            lvl = sub(el, W.lvl, {W.ilvl: str(level)})
            val(lvl, W.start, 1)
            if kind == "ordered":
                fmt, text = _ORDERED[level % len(_ORDERED)]
                val(lvl, W.numFmt, fmt)
                val(lvl, W.lvlText, text.format(n=level + 1))
            else:
                val(lvl, W.numFmt, "bullet")
                val(lvl, W.lvlText, _BULLETS[level % len(_BULLETS)])
            val(lvl, W.lvlJc, "left")
            p_pr = sub(lvl, W.pPr)
            sub(p_pr, W.ind, {W.left: str(text_indent(level)), W.hanging: str(HANGING)})
        return el

    @staticmethod
    def _num(inst: _ListInstance) -> etree._Element:
        el = etree.Element(W.num, {W.numId: str(inst.num_id)}, nsmap=NSMAP)
        val(el, W.abstractNumId, inst.abstract_id)
        if inst.start is not None:
            override = sub(el, W.lvlOverride, {W.ilvl: str(inst.level)})
            val(override, W.startOverride, inst.start)
        return el


def _int(raw: str | None) -> int:
    try:
        return int(raw or "")
    except ValueError:
        return -1
