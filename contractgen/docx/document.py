"""Assemble one output document: exhibits as sections, then every part of the package.

Each exhibit is one Word section. A section's properties (``w:sectPr``: page setup, header and
footer references, "start on a new page") sit in the last paragraph of the section, except for
the document's last section, whose properties close the body. :class:`DocumentBuilder` renders
exhibits one after another into a single body and closes each section as the next begins, so a
pack is one document rendered in one pass, not separate files glued together.

Body content is rendered as markup (:mod:`contractgen.docx.xmltext`). A document of one
exhibit, and a deal's pack made of its exhibits' own renderings, are written from that markup;
a table of contents, a cover, or exhibits rendered straight into one document go through the
parsed elements, which give the same bytes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from contractgen.docx.forms import MC_IGNORABLE
from contractgen.docx.headerfooter import HeaderInfo, LineStyle, footer_xml, header_xml
from contractgen.docx.numbering import NumberingRegistry
from contractgen.docx.ooxml import (
    CT_APP,
    CT_CORE,
    CT_DOCUMENT,
    CT_FOOTER,
    CT_HEADER,
    CT_NUMBERING,
    R_ID,
    RT_APP,
    RT_CORE,
    RT_FOOTER,
    RT_HEADER,
    RT_NUMBERING,
    RT_OFFICE_DOCUMENT,
    W,
    parse,
    root,
    serialize,
    sub,
)
from contractgen.docx.package import Package, Relationship, serialize_rels
from contractgen.docx.properties import (
    CT_CUSTOM,
    CUSTOM_PART,
    RT_CUSTOM,
    DocProperties,
    app_xml,
    core_xml,
    custom_xml,
    document_time,
)
from contractgen.docx.reference import MAIN_PART, NUMBERING_PART, Reference, section_text_width
from contractgen.docx.renderer import new_document_state, render_markdown
from contractgen.docx.toc import toc_elements, with_update_fields
from contractgen.docx.xmltext import BODY_NSMAP, Written, fragment, parse_body
from contractgen.exhibit import Exhibit

_SECT_PR_HEAD = frozenset({W.headerReference, W.footerReference, W.footnotePr, W.endnotePr})


def _new_document() -> etree._Element:
    """An empty main document: ``w:document`` holding an empty ``w:body``."""
    document = etree.Element(W.document, nsmap=BODY_NSMAP)
    # Word 2010's content controls (checkboxes) live in w14; older readers may skip them.
    document.set(MC_IGNORABLE, "w14")
    sub(document, W.body)
    return document


_EMPTY_BODY = "<w:body/>"
_DECLARATION = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
"""What :func:`contractgen.docx.ooxml.serialize` writes before the root element."""


@functools.lru_cache(maxsize=1)
def _document_markup() -> str:
    """:func:`_new_document` as text, whose empty body an exhibit's markup replaces (parsing
    one string is cheaper than moving the parsed elements into a document made apart)."""
    text = etree.tostring(_new_document(), encoding="unicode")
    if text.count(_EMPTY_BODY) != 1:
        raise ValueError(f"unexpected empty document {text!r}")
    return text


_REF_FIELD = re.compile(
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r><w:instrText xml:space="preserve"> REF ([^ <]+) [^<]*</w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    "(.*?)"
    '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    re.DOTALL,
)
_NUM_ID = re.compile('(<w:numId w:val=")([0-9]+)"')
_LINK_ID = re.compile('(<w:hyperlink r:id=")([^"]+)"')
_BOOKMARK_ID = re.compile('(<w:bookmark(?:Start|End) w:id=")([0-9]+)"')
_BOOKMARK_NAME = re.compile('<w:bookmarkStart w:id="[0-9]+" w:name="([^"]*)"/>')


def _single_document(markup: str, sect_pr: str) -> bytes:
    """The main document part of one exhibit written from its body markup and final section
    properties: the bytes :func:`serialize_without_dangling_refs` gives for the parsed tree,
    without serialising it (the markup is written as lxml writes it, see
    :mod:`contractgen.docx.xmltext`). REF fields to bookmarks the exhibit lacks keep only
    their cached text, as there.
    """
    if "REF " in markup:
        names = set(_BOOKMARK_NAME.findall(markup))

        def keep_or_text(field: re.Match[str]) -> str:
            return field.group(0) if field.group(1) in names else field.group(2)

        markup = _REF_FIELD.sub(keep_or_text, markup)
    head, tail = _document_markup().split(_EMPTY_BODY)
    return _DECLARATION + (head + "<w:body>" + markup + sect_pr + "</w:body>" + tail).encode()


def header_rid(index: int) -> str:
    """Relationship id of the header of section ``index`` (0-based)."""
    return f"rIdHeader{index + 1}"


def last_page(index: int) -> str:
    """The hidden bookmark on the last paragraph of section ``index`` (0-based)."""
    return f"_LastPage{index + 1}"


def footer_rid(index: int) -> str:
    """Relationship id of the footer of section ``index`` (0-based)."""
    return f"rIdFooter{index + 1}"


@dataclass(frozen=True)
class SectionRefs:
    """The header and footer relationship ids a section's properties point at."""

    header: str
    footer: str


PAPER_SIZES = {"letter": (12240, 15840), "a4": (11906, 16838)}
"""Page width and height of each paper size, portrait, in twentieths of a point."""


def paper_section(reference: Reference, paper: str) -> etree._Element:
    """The reference's section properties on ``paper`` (its margins and orientation kept)."""
    parsed = parse(reference.sect_pr)
    size = PAPER_SIZES.get(paper)
    pg_sz = parsed.find(W.pgSz)
    if size is None or pg_sz is None:
        return parsed
    width, height = size
    if pg_sz.get(W.orient) == "landscape":
        width, height = height, width
    pg_sz.set(W.w, str(width))
    pg_sz.set(W.h, str(height))
    return parsed


def text_width(reference: Reference, paper: str) -> int:
    """The width between the margins on ``paper`` (tables are laid out to it)."""
    if paper not in PAPER_SIZES:
        return reference.text_width
    return section_text_width(paper_section(reference, paper))


def section_properties(
    reference: Reference,
    index: int,
    refs: SectionRefs | None,
    *,
    even_and_odd: bool | None = None,
    paper: str = "",
) -> etree._Element:
    """The ``w:sectPr`` of exhibit ``index``: its paper, a new page, page 1, and refs.

    Each exhibit and appendix numbers its own pages ("Exhibit D – page 3 of 12"), so every
    section restarts at 1, and takes its own paper size, so a Letter cover and an A4 exhibit
    each print right. When the document's settings ask for separate even-page headers
    (``even_and_odd``, by default the reference's setting), the even pages get the same header
    and footer; otherwise they would inherit the previous section's.
    """
    sect_pr = root(W.sectPr)  # declares w: and r: once, for the references added below
    parsed = paper_section(reference, paper)
    for attr, value in parsed.attrib.items():
        sect_pr.set(attr, value)
    sect_pr.extend(list(parsed))
    if refs is not None:
        if even_and_odd is None:
            even_and_odd = reference.even_and_odd_headers
        kinds = ("default", "even") if even_and_odd else ("default",)
        position = 0
        for tag, rid in ((W.headerReference, refs.header), (W.footerReference, refs.footer)):
            for kind in kinds:
                ref = etree.SubElement(sect_pr, tag, {W.type: kind, R_ID: rid})
                sect_pr.insert(position, ref)
                position += 1
    for old in sect_pr.findall(W.type):
        sect_pr.remove(old)
    head = 0
    while head < len(sect_pr) and sect_pr[head].tag in _SECT_PR_HEAD:
        head += 1
    section_type = etree.SubElement(sect_pr, W.type, {W.val: "nextPage"})
    sect_pr.insert(head, section_type)
    if refs is not None:
        pg_num = sect_pr.find(W.pgNumType)
        if pg_num is None:
            pg_num = etree.Element(W.pgNumType)
            # Schema order: …, pgMar, paperSrc, pgBorders, lnNumType, pgNumType, cols, …
            after = [t for t in (W.pgSz, W.pgMar, W.paperSrc, W.pgBorders, W.lnNumType)]
            anchor = max((sect_pr.index(e) for t in after for e in sect_pr.findall(t)), default=-1)
            sect_pr.insert(anchor + 1, pg_num)
        pg_num.set(W.start, "1")
    del index
    return sect_pr


def attach_to_last_paragraph(body: etree._Element, sect_pr: etree._Element, start: int) -> None:
    """Put ``sect_pr`` into the last paragraph of ``body[start:]``, adding one if needed.

    A section ending in a table (or holding nothing) gets an empty paragraph to carry it.
    """
    last = body[-1] if len(body) > start else None
    if last is None or last.tag != W.p or last.find(f"{W.pPr}/{W.sectPr}") is not None:
        last = sub(body, W.p)
    attach_to_paragraph(last, sect_pr)


def attach_to_paragraph(paragraph: etree._Element, sect_pr: etree._Element) -> None:
    """Make ``paragraph`` the one that ends a section with properties ``sect_pr``."""
    p_pr = paragraph.find(W.pPr)
    if p_pr is None:
        p_pr = etree.SubElement(paragraph, W.pPr)
        paragraph.insert(0, p_pr)
    change = p_pr.find(W.pPrChange)
    if change is not None:
        change.addprevious(sect_pr)
    else:
        p_pr.append(sect_pr)


def serialize_without_dangling_refs(document: etree._Element) -> bytes:
    """``document`` serialised with its REF fields to bookmarks it lacks as plain text.

    An exhibit refers to its appendices, which are other files: in the pack the bookmarks are
    there and the references stay fields; in the exhibit's own file a field would turn into
    "Error! Reference source not found." the first time Word updates it, so only its cached
    text is kept. The field runs are taken out for serialising and put back afterwards, because
    the pack adopts these very elements.
    """
    names = {m.get(W.name) for m in document.iter(W.bookmarkStart)}
    removed: list[tuple[etree._Element, int, etree._Element]] = []
    for instr in list(document.iter(W.instrText)):
        target = _ref_target(instr)
        if target is None or target in names:
            continue
        run = instr.getparent()
        separate = run.getnext()
        end = separate.getnext() if separate is not None else None
        while end is not None and not _is_field_char(end, "end"):
            end = end.getnext()
        for element in (run.getprevious(), run, separate, end):
            if element is not None:
                parent = element.getparent()
                removed.append((parent, parent.index(element), element))
                parent.remove(element)
    try:
        return serialize(document)
    finally:
        for parent, index, element in reversed(removed):
            parent.insert(index, element)


def _is_field_char(run: etree._Element, kind: str) -> bool:
    char = run.find(W.fldChar)
    return char is not None and char.get(W.fldCharType) == kind


def _ref_target(instr: etree._Element) -> str | None:
    """The bookmark a ``REF`` field instruction names (``None`` for other fields)."""
    words = (instr.text or "").split()
    return words[1] if len(words) > 1 and words[0] == "REF" else None


class DocumentBuilder:
    """Renders exhibits into one document and packages it."""

    def __init__(
        self,
        reference: Reference,
        on_warning: Callable[[str], None] | None = None,
        *,
        reference_warnings: bool = True,
        toc: bool = False,
        markup_pack: bool = False,
    ) -> None:
        """``reference_warnings=False``: the caller has already reported the reference's.

        ``toc``: each exhibit with numbered clauses gets a table of contents before its first.
        ``markup_pack``: a pack only ever given exhibits by :meth:`adopt`, assembled from their
        markup rather than their elements (see :meth:`_adopt_markup`); not with ``toc``.
        """
        self.reference = reference
        self.toc = toc
        self._has_toc = False
        if on_warning is not None and reference_warnings:
            for message in reference.warnings:
                on_warning(message)
        self.state = new_document_state(
            reference.styles,
            reference.text_width,
            NumberingRegistry.continuing(
                reference.numbering, reference.outline_abstract, reference.styles.outline_styles
            ),
            on_warning,
        )
        self._document = _new_document()
        self._body = self._document[0]
        self._unparsed: str | None = None
        """An exhibit's body markup not parsed yet: its document is parsed only when elements
        are asked for (a deal's exhibit is written from markup and adopted as markup)."""
        self.headers: list[HeaderInfo] = []
        self._section_start = 0
        self._finished = False
        self._adopted = False
        self._written: Written | None = None
        """The body markup, while the document is that one exhibit's (see :meth:`package`)."""
        self._pieces: list[Written] | None = [] if markup_pack and not toc else None
        """A markup pack's adopted exhibits, renumbered, their sections closed but the last."""

    @property
    def document(self) -> etree._Element:
        """The ``w:document`` element (parsed from the markup on first use)."""
        self._parse()
        return self._document

    @property
    def body(self) -> etree._Element:
        """The ``w:body`` element (parsed from the markup on first use)."""
        self._parse()
        return self._body

    def _parse(self) -> None:
        if self._unparsed is not None:
            body = f"<w:body>{self._unparsed}</w:body>"
            self._unparsed = None
            self._document = parse(_document_markup().replace(_EMPTY_BODY, body, 1).encode())
            self._body = self._document[0]

    def add_exhibit(self, exhibit: Exhibit) -> None:
        """Render ``exhibit`` as a new section (closing the previous exhibit's section)."""
        if self._finished:
            raise RuntimeError("the document has been packaged; start a new DocumentBuilder")
        if self._pieces is not None:
            raise RuntimeError("a markup pack takes exhibits by adopt() only")
        if self.headers:
            self._close_section(len(self.headers) - 1)
        self.state.text_width = text_width(self.reference, exhibit.paper)
        start = len(self.body)
        written = render_markdown(exhibit.markdown, self.state, exhibit.anchors)
        markup = written.markup
        self._written = None
        if start == 0:  # the document's first content: the whole document, parsed when needed
            self._unparsed = markup
            self._written = None if self.toc else written
        else:
            self.body.extend(parse_body(markup))
        if self.toc:
            self._insert_toc(exhibit, start)
        self.headers.append(
            HeaderInfo(
                exhibit.title, exhibit.parties, exhibit.version, exhibit.page_label, exhibit.paper
            )
        )

    def adopt(self, other: DocumentBuilder) -> None:
        """Append the exhibit ``other`` rendered, and has packaged, as this document's next section.

        A pack reuses its exhibits' own elements instead of rendering the Markdown again: they
        are moved here (``other`` is finished, so nothing reads them there any more) and their
        list and hyperlink ids are renumbered into this document's registries. The renumbering
        replays allocations in render order, so the pack is the XML a direct render gives.
        """
        if self._finished:
            raise RuntimeError("the document has been packaged; start a new DocumentBuilder")
        if other.reference is not self.reference:
            raise ValueError("an adopted exhibit must be rendered with the same reference")
        if not other._finished or len(other.headers) != 1 or other._adopted:
            raise ValueError("adopt a packaged single-exhibit document, once")
        other._adopted = True
        if self._pieces is not None:
            self._adopt_markup(other)
            return
        if self.headers:
            self._close_section(len(self.headers) - 1)
        self._written = None
        renumber, relink, bookmark_offset = self._take_ids(other)
        body = other.body
        if len(body) and body[-1].tag == W.sectPr:
            body.remove(body[-1])  # the exhibit's own page setup; this document closes sections
        tags = [W.numId] if renumber else []
        tags += [W.hyperlink] if relink else []
        tags += [W.bookmarkStart, W.bookmarkEnd] if bookmark_offset else []
        for element in body.iter(*tags) if tags else ():  # one walk for every kind of id
            tag = element.tag
            if tag == W.numId:
                old = element.get(W.val)
                if old in renumber:
                    element.set(W.val, renumber[old])
            elif tag == W.hyperlink:
                rid = element.get(R_ID)
                if rid in relink:
                    element.set(R_ID, relink[rid])
            else:
                element.set(W.id, str(int(element.get(W.id, "0")) + bookmark_offset))
        self.body.extend(list(body))
        self.headers.extend(other.headers)
        self._has_toc = self._has_toc or other._has_toc

    def _take_ids(self, other: DocumentBuilder) -> tuple[dict[str, str], dict[str, str], int]:
        """Give ``other``'s list, link and bookmark ids their places in this document, for both
        ways of adopting it: (list ids that change, link ids that change, bookmark id offset)."""
        num_ids = self.state.numbering.adopt(other.state.numbering)
        link_ids = self.state.links.adopt(other.state.links)
        offset = self.state.bookmark_count
        self.state.bookmark_count += other.state.bookmark_count
        renumber = {str(a): str(b) for a, b in num_ids.items() if a != b}
        relink = {a: b for a, b in link_ids.items() if a != b}
        return renumber, relink, offset

    def _adopt_markup(self, other: DocumentBuilder) -> None:
        """:meth:`adopt` on markup: the same ids, section breaks and bookmarks as the element
        path writes, without parsing, moving or serialising elements."""
        assert self._pieces is not None
        if other._written is None:
            raise ValueError("a markup pack adopts exhibits rendered without a table of contents")
        if self.headers:
            self._close_piece(len(self.headers) - 1)
        renumber, relink, offset = self._take_ids(other)

        def ids(markup: str) -> str:
            if renumber:
                markup = _NUM_ID.sub(
                    lambda m: m.group(1) + renumber.get(m.group(2), m.group(2)) + '"', markup
                )
            if relink:
                markup = _LINK_ID.sub(
                    lambda m: m.group(1) + relink.get(m.group(2), m.group(2)) + '"', markup
                )
            if offset:
                markup = _BOOKMARK_ID.sub(
                    lambda m: f'{m.group(1)}{int(m.group(2)) + offset}"', markup
                )
            return markup

        written = other._written
        last = written.last
        self._pieces.append(
            Written(ids(written.head), None if last is None else (ids(last[0]), ids(last[1])))
        )
        self.headers.extend(other.headers)

    def _close_piece(self, index: int) -> None:
        """:meth:`_close_section` on markup: the section's properties go into its last
        paragraph (an empty one is added after a table), which is bookmarked."""
        assert self._pieces is not None
        sect_pr = fragment(
            section_properties(
                self.reference, index, self._refs(index), paper=self.headers[index].paper
            )
        )
        piece = self._pieces[-1]
        opening, content = piece.last if piece.last is not None else ("<w:p>", "")
        if opening == "<w:p>":
            opening = f"<w:p><w:pPr>{sect_pr}</w:pPr>"
        else:
            opening = opening[: -len("</w:pPr>")] + sect_pr + "</w:pPr>"
        self._pieces[-1] = Written(piece.head, (opening, self._last_page_marks(index) + content))

    def _last_page_marks(self, index: int) -> str:
        """The markup :meth:`_mark_last_page` inserts (allocating its bookmark id)."""
        bookmark_id = self.state.next_bookmark_id()
        return (
            f'<w:bookmarkStart w:id="{bookmark_id}" w:name="{last_page(index)}"/>'
            f'<w:bookmarkEnd w:id="{bookmark_id}"/>'
        )

    def _pack_markup(self, last: int) -> str:
        """A markup pack's body before its final section properties (see :meth:`package`)."""
        assert self._pieces is not None
        pieces = self._pieces
        if last > 0:
            # The last paragraph of the body is bookmarked (one is added after a table); an
            # empty last exhibit leaves that to the paragraph closing the one before.
            at = len(pieces) - 1
            while at > 0 and not pieces[at].head and pieces[at].last is None:
                at -= 1
            piece = pieces[at]
            opening, content = piece.last if piece.last is not None else ("<w:p>", "")
            pieces[at] = Written(piece.head, (opening, self._last_page_marks(last) + content))
        return "".join(piece.markup for piece in pieces)

    def _insert_toc(self, exhibit: Exhibit, start: int) -> None:
        """A table of contents before the exhibit's first numbered clause, if it has one.

        An appendix (its title is an anchor that is not numbered) gets none: it is a form of a
        page or two, whose numbered sections a reader sees at a glance.
        """
        first = next((a for a in exhibit.anchors if a.numbered), None)
        if first is None or any(not a.numbered for a in exhibit.anchors):
            return
        for index in range(start, len(self.body)):
            element = self.body[index]
            mark = element.find(W.bookmarkStart)
            if mark is not None and mark.get(W.name) == first.bookmark:
                for offset, item in enumerate(toc_elements(exhibit.anchors, self.state.styles)):
                    self.body.insert(index + offset, item)
                self._has_toc = True
                return

    def _close_section(self, index: int) -> None:
        sect_pr = section_properties(
            self.reference, index, self._refs(index), paper=self.headers[index].paper
        )
        attach_to_last_paragraph(self.body, sect_pr, self._section_start)
        self._mark_last_page(self.body[-1], index)
        self._section_start = len(self.body)

    def _mark_last_page(self, paragraph: etree._Element, index: int) -> None:
        """Bookmark the section's last paragraph: its page number is the section's page count."""
        bookmark_id = str(self.state.next_bookmark_id())
        p_pr = paragraph.find(W.pPr)
        at = 1 if p_pr is not None and paragraph.index(p_pr) == 0 else 0
        paragraph.insert(
            at, etree.Element(W.bookmarkStart, {W.id: bookmark_id, W.name: last_page(index)})
        )
        paragraph.insert(at + 1, etree.Element(W.bookmarkEnd, {W.id: bookmark_id}))

    def _refs(self, index: int) -> SectionRefs:
        return SectionRefs(header_rid(index), footer_rid(index))

    def package(self, props: DocProperties, *, last_section_in_paragraph: bool = False) -> Package:
        """The finished package; call once, after the last :meth:`add_exhibit`.

        ``last_section_in_paragraph`` keeps the body free of a final ``sectPr`` (for composing
        after a cover, where the cover's final section properties end up last).
        """
        if self._finished or not self.headers:
            raise RuntimeError("package() needs at least one exhibit and is called once")
        self._finished = True
        last = len(self.headers) - 1
        main: bytes | None = None
        if self._pieces is not None:
            if last_section_in_paragraph:
                raise RuntimeError("a markup pack ends in its own section properties")
            markup = self._pack_markup(last)
            sect_pr = section_properties(
                self.reference, last, self._refs(last), paper=self.headers[last].paper
            )
            main = _single_document(markup, fragment(sect_pr))
        elif last_section_in_paragraph:
            self._close_section(last)
        else:
            if last > 0:
                if not len(self.body) or self.body[-1].tag != W.p:
                    sub(self.body, W.p)
                self._mark_last_page(self.body[-1], last)
            sect_pr = section_properties(
                self.reference, last, self._refs(last), paper=self.headers[last].paper
            )
            if self._written is not None and last == 0:
                # Written from the markup; parsed later only for an adoption by elements,
                # which drops this final sectPr anyway.
                main = _single_document(self._written.markup, fragment(sect_pr))
            if main is None:
                self.body.append(sect_pr)
        ref = self.reference
        package = Package()
        for name, data in ref.parts.items():
            if self._has_toc and name == ref.settings_part:
                data = with_update_fields(data)
            package.put(name, data, ref.content_types.get(name))
        rels = list(ref.doc_rels)
        numbering = self.state.numbering.build(ref.numbering)
        if numbering is not None:
            package.put(NUMBERING_PART, numbering, CT_NUMBERING)
            rels.append(Relationship("rIdNumbering", RT_NUMBERING, "numbering.xml"))
        for index, info in enumerate(self.headers):
            width = text_width(ref, info.paper)
            name = f"header{index + 1}.xml"
            header = header_xml(info, LineStyle.header(ref.styles), width)
            package.put("word/" + name, header, CT_HEADER)
            rels.append(Relationship(header_rid(index), RT_HEADER, name))
            name = f"footer{index + 1}.xml"
            footer = footer_xml(
                LineStyle.footer(ref.styles),
                width,
                info.page_label,
                last_page=last_page(index) if len(self.headers) > 1 else None,
            )
            package.put("word/" + name, footer, CT_FOOTER)
            rels.append(Relationship(footer_rid(index), RT_FOOTER, name))
        rels.extend(self.state.links.relationships())
        package.put("word/_rels/document.xml.rels", serialize_rels(rels))
        if main is None:
            main = serialize_without_dangling_refs(self.document)
        package.put(MAIN_PART, main, CT_DOCUMENT)
        package.put("docProps/core.xml", core_xml(props, document_time(props.date)), CT_CORE)
        package.put("docProps/app.xml", app_xml(props), CT_APP)
        package_rels = [
            Relationship("rId1", RT_OFFICE_DOCUMENT, MAIN_PART),
            Relationship("rId2", RT_CORE, "docProps/core.xml"),
            Relationship("rId3", RT_APP, "docProps/app.xml"),
        ]
        custom = custom_xml(props)
        if custom is not None:
            package.put(CUSTOM_PART, custom, CT_CUSTOM)
            package_rels.append(Relationship("rId4", RT_CUSTOM, CUSTOM_PART))
        package.put("_rels/.rels", serialize_rels(package_rels))
        return package
