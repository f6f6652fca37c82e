"""Put a user's cover or master-agreement .docx in front of a rendered pack, with docxcompose.

contractgen's own exhibits are rendered straight into one document (see
:mod:`contractgen.docx.document`); docxcompose is used only for what it is good at: bringing in a
document contractgen did not write, with its styles, numbering, images and footnotes.

The cover is the *master*: it keeps its look, headers and page setup, and the exhibits are
appended. Where the cover defines a style with the same name as the reference (``Normal``,
``heading 1``), the cover's definition applies to the whole pack, so the pack reads as one
document; styles only contractgen uses (``Note``, ``Contract Table``…) come from the reference.

docxcompose is written for appending one-section documents, so three things are put right after
appending:

* Sections. docxcompose drops the appended document's header and footer references and lets the
  cover's final section properties end the document. Here the cover's final section is closed
  where the cover ends, and every exhibit gets back its own section properties, header and footer.
* List identity. docxcompose gives merged list definitions a random ``w:nsid``; they are
  replaced by values derived from the definition's id, so the pack rebuilds byte-identically.
* Numbering restarts. docxcompose's "restart the first numbered paragraph" is switched off: each
  of contractgen's lists already has its own restarting ``w:num``.
"""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from contractgen.docx.document import (
    DocumentBuilder,
    SectionRefs,
    attach_to_paragraph,
    last_page,
    section_properties,
    text_width,
)
from contractgen.docx.headerfooter import LineStyle, footer_xml, header_xml
from contractgen.docx.numbering import nsid
from contractgen.docx.ooxml import (
    CT_APP,
    CT_CORE,
    CT_DOCUMENT,
    CT_FOOTER,
    CT_HEADER,
    RT_APP,
    RT_CORE,
    RT_FOOTER,
    RT_HEADER,
    RT_NUMBERING,
    RT_SETTINGS,
    RT_STYLES,
    W,
    parse,
)
from contractgen.docx.package import (
    Package,
    Relationship,
    resolve_target,
    serialize_rels,
)
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
from contractgen.docx.reference import setting_on
from contractgen.docx.styles import ensure_style
from contractgen.errors import UserError

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

CT_DOCUMENT_MACRO = "application/vnd.ms-word.document.macroEnabled.main+xml"
CORE_PART = "docProps/core.xml"
APP_PART = "docProps/app.xml"


def compose_with_cover(cover: Path, builder: DocumentBuilder, props: DocProperties) -> Package:
    """The cover followed by the exhibits rendered in ``builder``, as one package."""
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError
    from docxcompose.composer import Composer

    _check_cover(cover)
    try:
        master = Document(str(cover))
    # python-docx reports some malformed packages as AttributeError; this call only parses.
    except (
        PackageNotFoundError,
        KeyError,
        ValueError,
        SyntaxError,
        AttributeError,
        zipfile.BadZipFile,
    ) as exc:
        raise UserError(str(cover), f"cannot read the cover document: {exc}") from exc

    body = master.element.body
    final = body.find(W.sectPr)
    cover_sect = copy.deepcopy(final) if final is not None else None
    cover_length = len(body) - (1 if final is not None else 0)
    composer = Composer(master)
    composer.restart_numbering = False
    # A cover without lists has no numbering part; python-docx cannot create one, docxcompose can.
    numbering = composer.numbering_part().element
    cover_abstracts = {el.get(W.abstractNumId) for el in numbering.iterchildren(W.abstractNum)}

    exhibits = len(builder.headers)
    pack = builder.package(props, last_section_in_paragraph=True).to_bytes()
    try:
        composer.append(Document(io.BytesIO(pack)))
    except (KeyError, ValueError, SyntaxError) as exc:
        raise UserError(str(cover), f"cannot append the exhibits to the cover: {exc}") from exc

    refs = _add_headers_and_footers(master, builder)
    _fix_sections(master, builder, refs, exhibits, cover_sect, cover_length)
    for abstract in numbering.iterchildren(W.abstractNum):
        abstract_id = abstract.get(W.abstractNumId)
        nsid_el = abstract.find(W.nsid)
        if abstract_id not in cover_abstracts and nsid_el is not None:
            nsid_el.set(W.val, nsid(f"contractgen:pack:{abstract_id}"))

    buf = io.BytesIO()
    master.save(buf)
    package = Package.from_bytes(buf.getvalue(), source=str(cover))
    _set_properties(package, props)
    return package


def _check_cover(cover: Path) -> None:
    """Reject a cover that is not a Word document with a message naming what is wrong.

    python-docx's own errors for damaged files are often bare ``KeyError``s.
    """
    package = Package.from_path(cover)
    main = package.main_document(str(cover))
    content_type = package.content_types.get(main, "")
    if content_type not in (CT_DOCUMENT, CT_DOCUMENT_MACRO):
        raise UserError(str(cover), f"not a Word document (its main part is {content_type!r})")
    try:
        root = parse(package.parts[main])
    except etree.XMLSyntaxError as exc:
        raise UserError(str(cover), f"the cover document is damaged: {exc}") from exc
    if root.tag != W.document or root.find(W.body) is None:
        raise UserError(str(cover), "the cover document has no document body")
    # python-docx trusts these parts' root elements and fails with odd errors when they are wrong.
    expected = {RT_STYLES: W.styles, RT_NUMBERING: W.numbering, RT_SETTINGS: W.settings}
    try:
        document_rels = package.rels(main)
    except etree.XMLSyntaxError as exc:
        raise UserError(str(cover), f"the cover document is damaged: {exc}") from exc
    for rel in document_rels:
        name = resolve_target(main, rel.target)
        if rel.type not in expected or rel.external or name not in package.parts:
            continue
        try:
            tag = parse(package.parts[name]).tag
        except etree.XMLSyntaxError as exc:
            raise UserError(str(cover), f"the cover document is damaged: {name}: {exc}") from exc
        if tag != expected[rel.type]:
            raise UserError(
                str(cover), f"the cover document is damaged: {name} has the wrong content"
            )


def _add_headers_and_footers(master: WordDocument, builder: DocumentBuilder) -> list[SectionRefs]:
    """Add one footer and a header per exhibit to the master; their relationship ids."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    document_part = master.part
    package = document_part.package
    used = {str(part.partname) for part in package.iter_parts()}

    def new_part(stem: str, content_type: str, blob: bytes, reltype: str) -> str:
        n = 1
        while f"/word/{stem}{n}.xml" in used:
            n += 1
        name = f"/word/{stem}{n}.xml"
        used.add(name)
        part = Part(PackURI(name), content_type, blob, package)
        return str(document_part.relate_to(part, reltype))

    ref = builder.reference
    source = parse(ref.parts[ref.styles_part])
    styles = master.styles.element
    header_style = LineStyle(*ensure_style(styles, source, "paragraph", "header"))
    footer_style = LineStyle(*ensure_style(styles, source, "paragraph", "footer"))
    refs: list[SectionRefs] = []
    for info in builder.headers:
        width = text_width(ref, info.paper)
        header = new_part("header", CT_HEADER, header_xml(info, header_style, width), RT_HEADER)
        footer_part = footer_xml(
            footer_style, width, info.page_label, last_page=last_page(len(refs))
        )
        footer = new_part("footer", CT_FOOTER, footer_part, RT_FOOTER)
        refs.append(SectionRefs(header, footer))
    return refs


def _fix_sections(
    master: WordDocument,
    builder: DocumentBuilder,
    refs: list[SectionRefs],
    exhibits: int,
    cover_sect: etree._Element | None,
    cover_length: int,
) -> None:
    """Close the cover's last section where it ends; give each exhibit its own section back."""
    body = master.element.body
    even = setting_on(master.settings.element, W.evenAndOddHeaders)
    holders = [p for p in body.iterchildren(W.p) if p.find(f"{W.pPr}/{W.sectPr}") is not None]
    ours = holders[-exhibits:]
    for index, holder in enumerate(ours):
        old = holder.find(f"{W.pPr}/{W.sectPr}")
        new = section_properties(
            builder.reference,
            index,
            refs[index],
            even_and_odd=even,
            paper=builder.headers[index].paper,
        )
        if index < exhibits - 1:
            old.getparent().replace(old, new)
            continue
        p_pr = old.getparent()
        p_pr.remove(old)
        if len(p_pr) == 0:
            holder.remove(p_pr)
        for stale in body.findall(W.sectPr):
            body.remove(stale)
        body.append(new)

    if cover_length == 0:
        return
    if cover_sect is None:
        cover_sect = section_properties(builder.reference, 0, None)
    last = body[cover_length - 1]
    if last.tag != W.p or last.find(f"{W.pPr}/{W.sectPr}") is not None:
        last = etree.SubElement(body, W.p)
        body.insert(cover_length, last)
    attach_to_paragraph(last, cover_sect)


def _set_properties(package: Package, props: DocProperties) -> None:
    """Replace the cover's property parts with the pack's, at the standard part names."""
    ours = (RT_CORE, RT_APP, RT_CUSTOM)
    rels = [r for r in package.rels("") if r.type not in ours]
    for rel in package.rels(""):
        if rel.type in ours and not rel.external:
            name = rel.target.lstrip("/")
            package.parts.pop(name, None)
            package.content_types.pop(name, None)
    taken = {r.rid for r in rels}
    custom = custom_xml(props)
    targets = [(RT_CORE, CORE_PART), (RT_APP, APP_PART)]
    if custom is not None:
        targets.append((RT_CUSTOM, CUSTOM_PART))
    for rel_type, target in targets:
        n = 1
        while f"rId{n}" in taken:
            n += 1
        taken.add(f"rId{n}")
        rels.append(Relationship(f"rId{n}", rel_type, target))
    package.put("_rels/.rels", serialize_rels(rels))
    package.put(CORE_PART, core_xml(props, document_time(props.date)), CT_CORE)
    package.put(APP_PART, app_xml(props), CT_APP)
    if custom is not None:
        package.put(CUSTOM_PART, custom, CT_CUSTOM)
