"""A paragraph as a sequence of comparable tokens: words and spaces with their run formatting,
and atoms (fields, content controls, tabs) that are compared whole.

Why atoms: a ``REF`` field's cached result is a clause number that moves whenever a clause is
inserted before its target; comparing its *instruction* (``REF _Ref_escalation \\r \\h``) instead
of its result is what keeps renumbering out of a redline. A content control is compared by its
tag and text; anchors (bookmarks, comment ranges) hold no text and are never compared, only
carried over from the new document at their place.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from copy import deepcopy
from dataclasses import dataclass, field

from lxml import etree

from contractgen.redline.wordml import (
    BOOKMARK_LIKE,
    DEL,
    DROPPED,
    FLD_CHAR,
    FLD_SIMPLE,
    HYPERLINK,
    INS,
    INSTR_TEXT,
    PPR,
    RPR,
    SDT,
    SDT_CONTENT,
    SDTPR,
    Element,
    T,
    canon,
    text_of,
    w,
)

WORD = re.compile(r"\s+|\w+(?:[.,:/'’-]\w+)*|[^\w\s]")
"""Words (keeping figures such as ``1,250.00`` and ``99.95`` whole), runs of spaces, and single
punctuation marks."""

_RUN_ATOMS = frozenset(
    {w("tab"), w("br"), w("cr"), w("noBreakHyphen"), w("softHyphen"), w("sym"), w("ptab")}
)
_PASS_THROUGH_CONTAINERS = frozenset({w("smartTag"), w("customXml"), w("dir"), w("bdo")})


@dataclass
class Token:
    """One comparable piece of a paragraph.

    ``kind`` is ``text`` (``text`` holds a word or spaces), ``atom`` (``payload`` holds the
    elements to emit: run children for a tab, whole runs for a field, the element itself for a
    content control) or ``anchor`` (a bookmark: never compared).
    """

    kind: str
    key: tuple[str, ...]
    text: str = ""
    rpr: Element | None = None
    payload: list[Element] = field(default_factory=list)
    link: Element | None = None
    """The ``w:hyperlink`` the token sits in (a childless copy), if any."""
    in_run: bool = False
    """An atom that is a run's child (a tab, a break): emitted inside a run of its own."""

    @property
    def rpr_key(self) -> bytes:
        return canon(self.rpr)


def tokens(paragraph: Element) -> list[Token]:
    """The paragraph's tokens in reading order (``w:pPr`` excluded)."""
    out: list[Token] = []
    _walk(paragraph, out, None)
    return out


def _walk(container: Element, out: list[Token], link: Element | None) -> None:
    children = [c for c in container if c.tag != PPR]
    i = 0
    while i < len(children):
        child = children[i]
        tag = child.tag
        if tag == w("r") and _begins_field(child):
            end = _field_end(children, i)
            runs = children[i : end + 1]
            out.append(_field_token(runs, link))
            i = end + 1
            continue
        if tag == w("r"):
            out.extend(_run_tokens(child, link))
        elif tag == HYPERLINK:
            shell = etree.Element(child.tag, dict(child.attrib))
            _walk(child, out, shell)
        elif tag in _PASS_THROUGH_CONTAINERS or tag == INS:
            _walk(child, out, link)  # an already tracked insertion reads as accepted
        elif tag == DEL or tag in DROPPED or not isinstance(tag, str):
            pass  # an already tracked deletion reads as accepted: gone
        elif tag in BOOKMARK_LIKE:
            out.append(Token("anchor", ("anchor",), payload=[deepcopy(child)], link=link))
        elif tag == FLD_SIMPLE:
            instr = " ".join((child.get(w("instr")) or "").split())
            out.append(Token("atom", ("field", instr), payload=[deepcopy(child)], link=link))
        elif tag == SDT:
            out.append(_sdt_token(child, link))
        else:  # maths, drawings outside runs, anything unknown: compared whole
            out.append(
                Token("atom", ("xml", canon(child).decode()), payload=[deepcopy(child)], link=link)
            )
        i += 1


def _begins_field(run: Element) -> bool:
    char = run.find(FLD_CHAR)
    return char is not None and char.get(w("fldCharType")) == "begin"


def _field_end(runs: list[Element], start: int) -> int:
    """Index of the run holding the ``end`` that closes the field begun at ``start``."""
    depth = 0
    for j in range(start, len(runs)):
        if runs[j].tag != w("r"):
            continue
        for char in runs[j].iter(FLD_CHAR):
            kind = char.get(w("fldCharType"))
            if kind == "begin":
                depth += 1
            elif kind == "end":
                depth -= 1
                if depth == 0:
                    return j
    return len(runs) - 1  # an unterminated field: the rest of the paragraph is its result


def _field_token(runs: list[Element], link: Element | None) -> Token:
    """A complex field as one atom keyed by its instruction, not its cached result."""
    instr = "".join(t.text or "" for r in runs for t in r.iter(INSTR_TEXT))
    return Token(
        "atom",
        ("field", " ".join(instr.split())),
        payload=[deepcopy(r) for r in runs],
        link=link,
    )


def _sdt_token(sdt: Element, link: Element | None) -> Token:
    """An inline content control: compared by its tag, its type and its current text."""
    props = sdt.find(SDTPR)
    tag = ""
    kind = ""
    if props is not None:
        tag_el = props.find(w("tag"))
        tag = tag_el.get(w("val"), "") if tag_el is not None else ""
        kinds = [etree.QName(c).localname for c in props if c.tag not in (RPR, w("id"))]
        kind = ",".join(sorted(kinds))
    content = sdt.find(SDT_CONTENT)
    text = text_of(content) if content is not None else ""
    return Token("atom", ("sdt", tag, kind, text), payload=[deepcopy(sdt)], link=link)


def _run_tokens(run: Element, link: Element | None) -> Iterator[Token]:
    rpr = run.find(RPR)
    for child in run:
        tag = child.tag
        if tag == RPR or tag in DROPPED or not isinstance(tag, str):
            continue
        if tag == T:
            for word in WORD.findall(child.text or ""):
                yield Token("text", ("t", word), text=word, rpr=rpr, link=link)
        elif tag in _RUN_ATOMS:
            key = (etree.QName(child).localname, canon(child).decode())
            yield Token("atom", key, rpr=rpr, payload=[deepcopy(child)], link=link, in_run=True)
        else:  # drawings, footnote references, field pieces outside a field: whole
            key = ("xml", canon(child).decode())
            yield Token("atom", key, rpr=rpr, payload=[deepcopy(child)], link=link, in_run=True)


def paragraph_key(paragraph: Element, style: str) -> tuple[str, str]:
    """What identifies a paragraph for alignment: its style and normalised text.

    Field results, numbering and anchors are left out; a number typed at the start of a heading
    ("9. Escalation") is dropped too, so a renumbered heading still pairs with its old self.
    """
    parts: list[str] = []
    for tok in tokens(paragraph):
        if tok.kind == "text":
            parts.append(tok.text)
        elif tok.kind == "atom":
            parts.append(f"\x00{tok.key[0]}:{tok.key[1] if len(tok.key) > 1 else ''}\x00")
    text = " ".join("".join(parts).split())
    if style.lower().startswith("heading"):
        text = _TYPED_NUMBER.sub("", text)
    return style, text


_TYPED_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)*\.?|Appendix \d+[.:]?)\s+")
