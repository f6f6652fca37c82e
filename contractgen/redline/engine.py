"""The tracked-change engine: two WordprocessingML bodies in, one body with revisions out.

Blocks (paragraphs, tables, block content controls) are aligned first by a sequence diff over
their keys (style and normalised text, without numbering or field results); blocks that did not
match exactly are paired up by similarity inside each changed stretch. Paired paragraphs are then
compared word by word (:mod:`contractgen.redline.tokens`), paired tables row by row and cell by
cell. What comes out is the NEW body with the OLD text woven in as deletions, so accepting every
revision gives the new document and rejecting every one gives the old.

Design choices a reader may wonder about:

* No move markup: a moved passage is a deletion and an insertion (Word's move records are where
  its "unreadable content" reports come from).
* Numbering, bookmarks and fields are never revisions in themselves: a field is compared by its
  instruction, a list item by its text, an anchor not at all. Deleted list items keep their
  list: :class:`BodyDiff` records which old list instance became which new one.
* Revision ids, authors and dates are stamped in one pass at the end, in document order, so the
  output is byte-identical for identical inputs and a fixed date.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from copy import deepcopy
from dataclasses import dataclass, field

from lxml import etree

from contractgen.redline.tokens import WORD, Token, paragraph_key, tokens
from contractgen.redline.wordml import (
    DEL,
    INS,
    NUM_ID,
    NUM_PR,
    P_PR_CHANGE,
    P_STYLE,
    PPR,
    R_PR_CHANGE,
    RPR,
    SDT,
    SDT_CONTENT,
    SECT_PR,
    TBL,
    TC,
    TCPR,
    TR,
    TRACKED,
    VAL,
    Element,
    P,
    R,
    as_deleted,
    canon,
    ensure_rpr,
    mark_paragraph,
    mark_row,
    text_of,
    w,
)

_PAIR_THRESHOLD = 0.45
"""Two blocks in a changed stretch are one edited block when their texts are this similar."""
_ALIGN_LIMIT = 40_000
"""Largest changed stretch (old blocks × new blocks) paired by similarity; larger ones are a
deletion and an insertion (a rewrite that big is not usefully shown word by word)."""


@dataclass
class Segment:
    """A piece of a changed passage for the text report: ``op`` is ``=``, ``+`` or ``-``."""

    op: str
    text: str


@dataclass
class Passage:
    """One changed paragraph (or table row) and where it sits, for the text report."""

    context: str
    segments: list[Segment]
    kind: str = "changed"
    """``changed``, ``inserted`` or ``deleted``."""


@dataclass
class BodyDiff:
    """The state of one comparison: list pairings, deleted list items, changed passages."""

    num_pairs: dict[str, str] = field(default_factory=dict)
    """Old list instance id → the new one its items continue in."""
    old_num_refs: list[Element] = field(default_factory=list)
    """``w:numId`` elements that came from the old document (deleted items, old properties)."""
    passages: list[Passage] = field(default_factory=list)
    context: str = ""
    """The heading the comparison is under, for the report."""

    # --- blocks -------------------------------------------------------------------------------

    def blocks(self, old: Sequence[Element], new: Sequence[Element]) -> list[Element]:
        """The merged sequence of two containers' block children."""
        okeys = [_block_key(b) for b in old]
        nkeys = [_block_key(b) for b in new]
        out: list[Element] = []
        matcher = difflib.SequenceMatcher(None, okeys, nkeys, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                for o, n in zip(old[i1:i2], new[j1:j2], strict=True):
                    out.extend(self.pair(o, n))
            else:
                for o2, n2 in _align(old[i1:i2], new[j1:j2]):
                    if o2 is not None and n2 is not None:
                        out.extend(self.pair(o2, n2))
                    elif o2 is not None:
                        out.extend(self.deleted(o2))
                    elif n2 is not None:
                        out.extend(self.inserted(n2))
        return out

    def pair(self, old: Element, new: Element) -> list[Element]:
        self._follow_heading(new)
        if new.tag == P:
            self._pair_numbering(old, new)
            if canon(old) == canon(new):
                return [deepcopy(new)]
            return [self.paragraph(old, new)]
        if new.tag == TBL:
            return [self.table(old, new)]
        if new.tag == SDT:
            return [self._sdt(old, new)]
        return [deepcopy(new)]

    def inserted(self, new: Element) -> list[Element]:
        self._follow_heading(new)
        if new.tag == P:
            return [self.paragraph(None, new)]
        if new.tag == TBL:
            return [self._table_whole(new, "ins")]
        if new.tag == SDT:
            return [self._sdt(None, new)]
        return [deepcopy(new)]  # an anchor between blocks: carried over

    def deleted(self, old: Element) -> list[Element]:
        if old.tag == P:
            return [self.paragraph(old, None)]
        if old.tag == TBL:
            return [self._table_whole(old, "del")]
        if old.tag == SDT:
            return [self._sdt(old, None)]
        return []  # the old document's anchors do not survive it

    def _follow_heading(self, new: Element) -> None:
        if new.tag == P and _style(new).lower().startswith(("heading", "title")):
            self.context = " ".join(text_of(new).split())

    def _pair_numbering(self, old: Element, new: Element) -> None:
        o = old.find(f"{PPR}/{NUM_PR}/{NUM_ID}")
        n = new.find(f"{PPR}/{NUM_PR}/{NUM_ID}")
        if o is not None and n is not None:
            self.num_pairs.setdefault(o.get(VAL, ""), n.get(VAL, ""))

    # --- content controls ---------------------------------------------------------------------

    def _sdt(self, old: Element | None, new: Element | None) -> Element:
        """A block content control: its properties from the new side, its content compared."""
        base = new if new is not None else old
        assert base is not None
        if old is not None and new is not None and canon(old) == canon(new):
            return deepcopy(new)
        out = etree.Element(base.tag, dict(base.attrib))
        for child in base:
            if child.tag != SDT_CONTENT:
                out.append(deepcopy(child))
        content = etree.SubElement(out, SDT_CONTENT)
        content.extend(self.blocks(_content(old), _content(new)))
        return out

    # --- paragraphs ---------------------------------------------------------------------------

    def paragraph(self, old: Element | None, new: Element | None) -> Element:
        """One paragraph with word-level revisions (or wholly inserted / deleted)."""
        base = new if new is not None else old
        assert base is not None
        out = etree.Element(P, dict(base.attrib))
        ppr = base.find(PPR)
        if ppr is not None:
            ppr = deepcopy(ppr)
            out.append(ppr)
            if new is None:
                _strip_section(ppr)
                self.old_num_refs.extend(ppr.iter(NUM_ID))
        if old is not None and new is not None:
            self._property_change(out, old.find(PPR), new.find(PPR))
        otoks = tokens(old) if old is not None else []
        ntoks = tokens(new) if new is not None else []
        segments: list[Segment] = []
        for el in _emit(_merge_ops(otoks, ntoks), segments):
            out.append(el)
        kind = "changed"
        if new is None:
            mark_paragraph(out, "del")
            kind = "deleted"
        elif old is None:
            mark_paragraph(out, "ins")
            kind = "inserted"
        changed = kind != "changed" or any(s.op != "=" for s in segments)
        if changed or out.find(f"{PPR}/{P_PR_CHANGE}") is not None:
            self.passages.append(Passage(self.context, _join(segments), kind))
        return out

    def _property_change(self, out: Element, old: Element | None, new: Element | None) -> None:
        """A ``w:pPrChange`` when the paragraph's own properties changed (not its list id)."""
        if _ppr_key(old) == _ppr_key(new):
            return
        before = etree.Element(PPR)
        if old is not None:
            for child in old:
                if child.tag not in (RPR, SECT_PR, P_PR_CHANGE):
                    before.append(deepcopy(child))
        self.old_num_refs.extend(before.iter(NUM_ID))
        change = etree.Element(P_PR_CHANGE)
        change.append(before)
        ppr = out.find(PPR)
        if ppr is None:
            ppr = etree.Element(PPR)
            out.insert(0, ppr)
        ppr.append(change)

    # --- tables -------------------------------------------------------------------------------

    def table(self, old: Element, new: Element) -> Element:
        """A table from the new side; rows aligned, cells compared, rows added/removed tracked."""
        if canon(old) == canon(new):
            return deepcopy(new)
        out = etree.Element(TBL, dict(new.attrib))
        for child in new:
            if child.tag != TR:
                out.append(deepcopy(child))
        orows = [r for r in old if r.tag == TR]
        nrows = [r for r in new if r.tag == TR]
        okeys = [_row_key(r) for r in orows]
        nkeys = [_row_key(r) for r in nrows]
        rows: list[Element] = []
        matcher = difflib.SequenceMatcher(None, okeys, nkeys, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                pairs: Iterable[tuple[Element | None, Element | None]] = zip(
                    orows[i1:i2], nrows[j1:j2], strict=True
                )
            else:
                pairs = _align(orows[i1:i2], nrows[j1:j2])
            for o, n in pairs:
                rows.extend(self._row(o, n))
        # Rows go before any trailing non-row child the new table has (there is none in
        # practice: tblPr and tblGrid come first).
        out.extend(rows)
        return out

    def _row(self, old: Element | None, new: Element | None) -> list[Element]:
        if old is not None and new is not None:
            ocells = [c for c in old if c.tag == TC]
            ncells = [c for c in new if c.tag == TC]
            if canon(old) == canon(new):
                return [deepcopy(new)]
            if len(ocells) != len(ncells):
                return self._row(old, None) + self._row(None, new)
            out = etree.Element(TR, dict(new.attrib))
            for child in new:
                if child.tag != TC:
                    out.append(deepcopy(child))
            for oc, nc in zip(ocells, ncells, strict=True):
                out.append(self._cell(oc, nc))
            return [out]
        base = new if new is not None else old
        assert base is not None
        kind = "ins" if new is not None else "del"
        first_passage = len(self.passages)
        out = etree.Element(TR, dict(base.attrib))
        for child in base:
            if child.tag == TC:
                out.append(
                    self._cell(
                        child if old is not None else None, child if new is not None else None
                    )
                )
            else:
                out.append(deepcopy(child))
        mark_row(out, kind)
        self._one_row_passage(first_passage, "inserted row" if new is not None else "deleted row")
        return [out]

    def _one_row_passage(self, first: int, kind: str) -> None:
        """The cells of a whole inserted or deleted row read as one passage: ``a | b | c``."""
        cells = self.passages[first:]
        if not cells:
            return
        del self.passages[first:]
        segments: list[Segment] = []
        for i, cell in enumerate(cells):
            if i:
                segments.append(Segment("=", " | "))
            segments.extend(cell.segments)
        self.passages.append(Passage(cells[0].context, segments, kind))

    def _cell(self, old: Element | None, new: Element | None) -> Element:
        base = new if new is not None else old
        assert base is not None
        out = etree.Element(TC, dict(base.attrib))
        tcpr = base.find(TCPR)
        if tcpr is not None:
            out.append(deepcopy(tcpr))
        out.extend(self.blocks(_content(old), _content(new)))
        return out

    def _table_whole(self, table: Element, kind: str) -> Element:
        old = table if kind == "del" else None
        new = table if kind == "ins" else None
        out = etree.Element(TBL, dict(table.attrib))
        for child in table:
            if child.tag == TR:
                out.extend(
                    self._row(
                        child if old is not None else None, child if new is not None else None
                    )
                )
            else:
                out.append(deepcopy(child))
        return out


def _if(side: Element | None, element: Element) -> Element | None:
    """``element`` when ``side`` exists (lxml elements are falsy when empty, so no ``and``)."""
    return element if side is not None else None


# --- alignment ------------------------------------------------------------------------------


def _style(p: Element) -> str:
    style = p.find(f"{PPR}/{P_STYLE}")
    return style.get(VAL, "") if style is not None else ""


def _block_key(block: Element) -> tuple[str, ...]:
    if block.tag == P:
        return ("p", *paragraph_key(block, _style(block)))
    if block.tag == TBL:
        return ("tbl", canon(block).decode())
    if block.tag == SDT:
        return ("sdt", canon(block).decode())
    return ("other", canon(block).decode())


def _row_key(row: Element) -> tuple[str, ...]:
    return tuple(" ".join(text_of(c).split()) for c in row if c.tag == TC)


def _words(block: Element) -> list[str]:
    if block.tag == P:
        return WORD.findall(paragraph_key(block, _style(block))[1])
    if block.tag == TR:
        return WORD.findall(" ".join(_row_key(block)))
    return WORD.findall(" ".join(text_of(p) for p in block.iter(P)))


def _similarity(old: Element, new: Element) -> float:
    if old.tag != new.tag:
        return 0.0
    if old.tag == TR and sum(c.tag == TC for c in old) != sum(c.tag == TC for c in new):
        return 0.0
    ow, nw = _words(old), _words(new)
    if not ow and not nw:
        return 1.0
    matcher = difflib.SequenceMatcher(None, ow, nw, autojunk=False)
    if matcher.real_quick_ratio() < _PAIR_THRESHOLD or matcher.quick_ratio() < _PAIR_THRESHOLD:
        score = 0.0
    else:
        score = matcher.ratio()
    if old.tag == P and _style(old) != _style(new):
        score *= 0.9
    if old.tag in (TBL, SDT):
        score = 0.5 + score / 2  # one table edited is likelier than one removed and one added
    return score


def _align(
    old: Sequence[Element], new: Sequence[Element]
) -> list[tuple[Element | None, Element | None]]:
    """Order-preserving pairing of a changed stretch that maximises total similarity.

    Unpaired old blocks come before unpaired new blocks between two pairs, so a replaced
    passage reads as "deleted, then inserted".
    """
    n, m = len(old), len(new)
    pairs: list[tuple[int, int]] = []
    if n == m == 1 and old[0].tag == new[0].tag:
        # One block replaced by one of its kind (a cell's value, a rewritten sentence): an
        # edit of that block reads better than a removal and an addition.
        pairs = [(0, 0)]
    elif n and m and n * m <= _ALIGN_LIMIT:
        sim = [[_similarity(o, nw) for nw in new] for o in old]
        best = [[0.0] * (m + 1) for _ in range(n + 1)]
        for i in range(1, n + 1):
            for j in range(1, m + 1):
                s = sim[i - 1][j - 1]
                diag = best[i - 1][j - 1] + s if s >= _PAIR_THRESHOLD else -1.0
                best[i][j] = max(best[i - 1][j], best[i][j - 1], diag)
        i, j = n, m
        while i and j:
            s = sim[i - 1][j - 1]
            if s >= _PAIR_THRESHOLD and best[i][j] == best[i - 1][j - 1] + s:
                pairs.append((i - 1, j - 1))
                i, j = i - 1, j - 1
            elif best[i][j] == best[i - 1][j]:
                i -= 1
            else:
                j -= 1
        pairs.reverse()
    out: list[tuple[Element | None, Element | None]] = []
    oi = nj = 0
    for pi, pj in [*pairs, (n, m)]:
        out.extend((old[k], None) for k in range(oi, pi))
        out.extend((None, new[k]) for k in range(nj, pj))
        if pi < n and pj < m:
            out.append((old[pi], new[pj]))
        oi, nj = pi + 1, pj + 1
    return out


def _content(container: Element | None) -> list[Element]:
    """The block children of a cell or a content control's content (properties left out)."""
    if container is None:
        return []
    if container.tag == SDT:
        content = container.find(SDT_CONTENT)
        return [] if content is None else list(content)
    return [c for c in container if c.tag != TCPR and isinstance(c.tag, str)]


def _ppr_key(ppr: Element | None) -> bytes:
    if ppr is None:
        return b""
    probe = deepcopy(ppr)
    for child in list(probe):
        if child.tag in (RPR, SECT_PR, P_PR_CHANGE):
            probe.remove(child)
    for num in probe.iter(NUM_ID):
        num.set(VAL, "")  # which list instance is not a property the reader sees
    if len(probe) == 0:
        return b""
    return canon(probe)


def _strip_section(ppr: Element) -> None:
    """A deleted paragraph loses its section break: its header references are the old file's."""
    for child in ppr.findall(SECT_PR):
        ppr.remove(child)


# --- word level -----------------------------------------------------------------------------

_Item = tuple[str, Token, Token | None]
"""(status, token, old token for an unchanged one): status ``=``, ``+``, ``-`` or ``a``
(an anchor carried over)."""


def _merge_ops(old: list[Token], new: list[Token]) -> list[_Item]:
    """Word-level alignment of two token lists, as a flat list of statuses in output order."""
    olds = [t for t in old if t.kind != "anchor"]
    news = [t for t in new if t.kind != "anchor"]
    matcher = difflib.SequenceMatcher(
        None, [t.key for t in olds], [t.key for t in news], autojunk=False
    )
    ops = _absorb_spaces(list(matcher.get_opcodes()), news)
    # Anchors of the new side stay just before the token they preceded.
    anchors_before: dict[int, list[Token]] = {}
    pending: list[Token] = []
    index = 0
    for tok in new:
        if tok.kind == "anchor":
            pending.append(tok)
        else:
            if pending:
                anchors_before[index] = pending
                pending = []
            index += 1
    items: list[_Item] = []

    def new_side(j: int, status: str, old_tok: Token | None = None) -> None:
        for a in anchors_before.get(j, ()):
            items.append(("a", a, None))
        items.append((status, news[j], old_tok))

    for op, i1, i2, j1, j2 in ops:
        if op == "equal":
            for k in range(i2 - i1):
                new_side(j1 + k, "=", olds[i1 + k])
            continue
        for i in range(i1, i2):
            items.append(("-", olds[i], None))
        for j in range(j1, j2):
            new_side(j, "+")
    items.extend(("a", a, None) for a in pending)
    return items


def _absorb_spaces(
    ops: Sequence[tuple[str, int, int, int, int]], news: list[Token]
) -> list[tuple[str, int, int, int, int]]:
    """Fold an unchanged stretch of mere spaces between two changes into the change, so
    "one two" → "three four" reads as one replacement, not two split by a kept space."""
    out: list[tuple[str, int, int, int, int]] = []
    k = 0
    while k < len(ops):
        op = ops[k]
        if (
            op[0] == "equal"
            and out
            and out[-1][0] != "equal"
            and k + 1 < len(ops)
            and ops[k + 1][0] != "equal"
            and all(
                news[j].kind == "text" and not news[j].text.strip() for j in range(op[3], op[4])
            )
        ):
            prev, nxt = out.pop(), ops[k + 1]
            out.append(("replace", prev[1], nxt[2], prev[3], nxt[4]))
            k += 2
            continue
        if op[0] != "equal" and out and out[-1][0] != "equal":
            prev = out.pop()
            out.append(("replace", prev[1], op[2], prev[3], op[4]))
        else:
            out.append(op)
        k += 1
    return out


def _is_space(tok: Token) -> bool:
    return tok.kind == "text" and not tok.text.strip()


def _emit(items: list[_Item], segments: list[Segment]) -> list[Element]:
    """Runs (in ``w:ins``/``w:del`` where changed, inside their hyperlink) for the items."""
    out: list[Element] = []
    group: list[_Item] = []

    def flush() -> None:
        if group:
            out.extend(_group_elements(group))
            group.clear()

    for item in items:
        status, tok, old_tok = item
        if status == "=" and old_tok is not None and old_tok.rpr_key != tok.rpr_key:
            status = "f"
        item = (status, tok, old_tok)
        display = tok.text if tok.kind == "text" else _atom_text(tok)
        if status != "a":
            segments.append(Segment("=" if status == "f" else status, display))
        if group and not _same_group(group[-1], item):
            flush()
        group.append(item)
    flush()
    return out


def _link_of(item: _Item) -> Element | None:
    return None if item[0] == "-" else item[1].link


def _same_group(a: _Item, b: _Item) -> bool:
    return a[0] == b[0] and _link_of(a) is _link_of(b)


def _group_elements(group: list[_Item]) -> list[Element]:
    status = group[0][0]
    pieces: list[Element] = []
    run: Element | None = None
    run_key: tuple[bytes, bytes] | None = None
    for _, tok, old_tok in group:
        if tok.kind == "text":
            key = (tok.rpr_key, old_tok.rpr_key if status == "f" and old_tok else b"")
            if run is None or run_key != key:
                run = _new_run(
                    tok.rpr, old_tok.rpr if status == "f" and old_tok else None, status == "f"
                )
                run_key = key
                pieces.append(run)
            text = run.find(w("t"))
            if text is None:
                text = etree.SubElement(run, w("t"))
                text.text = ""
            text.text = (text.text or "") + tok.text
            continue
        run, run_key = None, None
        if tok.kind == "anchor" or (tok.payload and tok.payload[0].tag == R):
            pieces.extend(deepcopy(p) for p in tok.payload)
        elif tok.in_run:
            holder = _new_run(tok.rpr, None, False)
            holder.extend(deepcopy(p) for p in tok.payload)
            pieces.append(holder)
        else:  # a content control or simple field: tracked inside, not wrapped
            for p in tok.payload:
                element = deepcopy(p)
                if status in "+-":
                    _track_inside(element, status)
                pieces.append(element)
    for piece in pieces:
        text = piece.find(w("t"))
        if text is not None and text.text != (text.text or "").strip():
            text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    if status in "+-":
        wrapped: list[Element] = []
        wrapper: Element | None = None
        for piece in pieces:
            if piece.tag == R:
                if wrapper is None:
                    wrapper = etree.Element(INS if status == "+" else DEL)
                    wrapped.append(wrapper)
                wrapper.append(as_deleted(piece) if status == "-" else piece)
            else:
                wrapper = None
                wrapped.append(piece)
        pieces = wrapped
    link = _link_of(group[0])
    if link is not None:
        shell = deepcopy(link)
        shell.extend(pieces)
        return [shell]
    return pieces


def _new_run(rpr: Element | None, old_rpr: Element | None, fmt: bool) -> Element:
    run = etree.Element(R)
    if rpr is not None:
        run.append(deepcopy(rpr))
    if fmt:
        props = ensure_rpr(run)
        change = etree.SubElement(props, R_PR_CHANGE)
        before = etree.SubElement(change, RPR)
        if old_rpr is not None:
            for child in old_rpr:
                if child.tag not in (R_PR_CHANGE, INS, DEL):
                    before.append(deepcopy(child))
    return run


def _track_inside(element: Element, status: str) -> None:
    """Wrap each run inside a content control or simple field in ``w:ins``/``w:del``."""
    tag = INS if status == "+" else DEL
    for run in list(element.iter(R)):
        parent = run.getparent()
        if parent is None or parent.tag in (INS, DEL):
            continue
        wrapper = etree.Element(tag)
        run.addprevious(wrapper)
        wrapper.append(as_deleted(run) if status == "-" else run)


def _atom_text(tok: Token) -> str:
    """How an atom reads in the text report: a field by its result, a tab as a space."""
    if tok.kind == "anchor":
        return ""
    return "".join(text_of(p) for p in tok.payload) if tok.payload else ""


def _join(segments: list[Segment]) -> list[Segment]:
    joined: list[Segment] = []
    for seg in segments:
        if joined and joined[-1].op == seg.op:
            joined[-1] = Segment(seg.op, joined[-1].text + seg.text)
        elif seg.text:
            joined.append(seg)
    return joined


# --- revision stamps ------------------------------------------------------------------------


def stamp(root: Element, author: str, date: str, first_id: int) -> int:
    """Give every revision an id (document order, from ``first_id``), the author and the date.

    Returns how many revisions there are.
    """
    count = 0
    for el in root.iter(*TRACKED):
        el.attrib.clear()
        el.set(w("id"), str(first_id + count))
        el.set(w("author"), author)
        el.set(w("date"), date)
        count += 1
    return count
