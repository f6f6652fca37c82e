"""Two .docx files in, one .docx with tracked changes out.

The new document is the base: its styles, numbering, headers, page setup and relationships are
kept as they are, and only its body is replaced by the merged one. The old text woven in as
deletions may refer to things only the old file has — a list instance, a style — so those are
carried over: a deleted list item joins the new list its neighbours continue in, or gets a copy
of its old list definition; a style only the old file defines is copied across.
"""

from __future__ import annotations

from collections.abc import Iterable
from copy import deepcopy
from dataclasses import dataclass, field

from lxml import etree

from contractgen.docx.package import Package, resolve_target
from contractgen.errors import UserError
from contractgen.redline.engine import BodyDiff, Passage, stamp
from contractgen.redline.wordml import (
    DEL,
    INS,
    NUM_PR,
    P_PR_CHANGE,
    R_PR_CHANGE,
    SECT_PR,
    VAL,
    Element,
    w,
)

_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


@dataclass
class Redline:
    """A redlined document and what it holds."""

    data: bytes
    revisions: int
    passages: list[Passage] = field(default_factory=list)


@dataclass
class _Doc:
    package: Package
    document: str
    root: Element

    @classmethod
    def open(cls, data: bytes, source: str) -> _Doc:
        package = Package.from_bytes(data, source=source)
        name = package.main_document(source)
        try:
            root = etree.fromstring(package.parts[name], _PARSER)
        except etree.XMLSyntaxError as exc:
            raise UserError(source, f"the document part is not well-formed XML: {exc}") from exc
        return cls(package, name, root)

    @property
    def body(self) -> Element:
        body = self.root.find(w("body"))
        if body is None:
            raise UserError(self.document, "the document has no body")
        return body

    def blocks(self) -> list[Element]:
        return [c for c in self.body if c.tag != SECT_PR and isinstance(c.tag, str)]

    def part(self, rel_type: str) -> str | None:
        for rel in self.package.rels(self.document):
            if rel.type == _RT + rel_type and not rel.external:
                return resolve_target(self.document, rel.target)
        return None

    def xml(self, rel_type: str) -> tuple[str, Element] | None:
        name = self.part(rel_type)
        if name is None or name not in self.package.parts:
            return None
        return name, etree.fromstring(self.package.parts[name], _PARSER)


def redline_docx(
    old: bytes | None,
    new: bytes | None,
    *,
    author: str,
    date: str,
    old_name: str = "old.docx",
    new_name: str = "new.docx",
) -> Redline:
    """The new document (or, when it was removed, the old one) with revisions against the other.

    ``date`` is the ISO 8601 date-time every revision carries; the zip entries are dated by
    :func:`contractgen.docx.package.build_time`, so fixed inputs give identical bytes.
    """
    if old is None and new is None:
        raise ValueError("redline_docx needs at least one document")
    new_doc = _Doc.open(new, new_name) if new is not None else None
    old_doc = _Doc.open(old, old_name) if old is not None else None
    base = new_doc if new_doc is not None else old_doc
    assert base is not None
    diff = BodyDiff()
    merged = diff.blocks(
        old_doc.blocks() if old_doc is not None else [],
        new_doc.blocks() if new_doc is not None else [],
    )
    body = base.body
    section = body.find(SECT_PR)
    for child in list(body):
        body.remove(child)
    body.extend(merged)
    if section is not None:
        body.append(section)
    if new_doc is not None and old_doc is not None:
        _carry_numbering(diff, old_doc, new_doc)
        _carry_styles(old_doc, new_doc)
    first = _max_id(base.root) + 1
    count = stamp(base.root, author, date, first)
    base.package.put(
        base.document,
        etree.tostring(base.root, xml_declaration=True, encoding="UTF-8", standalone=True),
    )
    return Redline(base.package.to_bytes(), count, diff.passages)


def _max_id(root: Element) -> int:
    """The highest numeric ``w:id`` already used (bookmarks, comments), so revisions never clash."""
    top = 0
    key = w("id")
    for el in root.iter():
        value = el.get(key) if isinstance(el.tag, str) else None
        if (
            value is not None
            and value.lstrip("-").isdigit()
            and el.tag
            not in (
                INS,
                DEL,
                R_PR_CHANGE,
                P_PR_CHANGE,
            )
        ):
            top = max(top, int(value))
    return top


def _carry_numbering(diff: BodyDiff, old: _Doc, new: _Doc) -> None:
    """Point every old list reference at a list of the new document.

    A deleted item whose list continues in the new document joins that list; an item of a list
    that is gone entirely keeps its old definition, copied in under fresh ids.
    """
    if not diff.old_num_refs:
        return
    new_numbering = new.xml("numbering")
    old_numbering = old.xml("numbering")
    copied: dict[str, str] = {}
    changed = False
    for ref in diff.old_num_refs:
        old_id = ref.get(VAL, "")
        target = diff.num_pairs.get(old_id) or copied.get(old_id)
        if target is None and new_numbering is not None and old_numbering is not None:
            target = _copy_list(old_id, old_numbering[1], new_numbering[1])
            if target is not None:
                copied[old_id] = target
                changed = True
        if target is None:
            holder = ref.getparent()
            if holder is not None and holder.tag == NUM_PR and holder.getparent() is not None:
                holder.getparent().remove(holder)
            continue
        ref.set(VAL, target)
    if changed and new_numbering is not None:
        name, root = new_numbering
        new.package.put(
            name, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        )


def _copy_list(old_id: str, old_root: Element, new_root: Element) -> str | None:
    num = next((n for n in old_root.iter(w("num")) if n.get(w("numId")) == old_id), None)
    if num is None:
        return None
    abstract_ref = num.find(w("abstractNumId"))
    abstract_id = abstract_ref.get(VAL) if abstract_ref is not None else None
    abstract = next(
        (a for a in old_root.iter(w("abstractNum")) if a.get(w("abstractNumId")) == abstract_id),
        None,
    )
    if abstract is None or abstract_ref is None:
        return None
    fresh_abstract = str(_next(new_root.iter(w("abstractNum")), w("abstractNumId")))
    fresh_num = str(_next(new_root.iter(w("num")), w("numId")))
    a_copy = deepcopy(abstract)
    a_copy.set(w("abstractNumId"), fresh_abstract)
    for nsid in a_copy.findall(w("nsid")):
        a_copy.remove(nsid)  # a second list must not claim the first one's identity
    n_copy = deepcopy(num)
    n_copy.set(w("numId"), fresh_num)
    ref = n_copy.find(w("abstractNumId"))
    assert ref is not None
    ref.set(VAL, fresh_abstract)
    # Schema order: every abstractNum before the first num.
    first_num = new_root.find(w("num"))
    if first_num is not None:
        first_num.addprevious(a_copy)
    else:
        new_root.append(a_copy)
    new_root.append(n_copy)
    return fresh_num


def _next(elements: Iterable[Element], attr: str) -> int:
    values = [int(v) for e in elements if (v := e.get(attr, "")).isdigit()]
    return max(values, default=0) + 1


def _carry_styles(old: _Doc, new: _Doc) -> None:
    """Copy styles the merged body uses that only the old document defines."""
    used = {el.get(VAL, "") for el in new.body.iter(w("pStyle"), w("rStyle"), w("tblStyle"))}
    new_styles = new.xml("styles")
    old_styles = old.xml("styles")
    if new_styles is None or old_styles is None:
        return
    name, root = new_styles
    known = {s.get(w("styleId")) for s in root.iter(w("style"))}
    missing = sorted(used - known - {""})
    added = False
    for style in old_styles[1].iter(w("style")):
        if style.get(w("styleId")) in missing:
            root.append(deepcopy(style))
            added = True
    if added:
        new.package.put(
            name, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        )
