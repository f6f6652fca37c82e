"""The Word renderer: exhibits (Markdown plus metadata) to .docx bytes.

Only the build imports this package; nothing else in contractgen depends on python-docx or lxml.

* :func:`render_exhibit` renders one exhibit into its own document.
* :func:`render_pack` renders several exhibits into one document, one section each, optionally
  after a cover or master agreement the user supplies.
* :func:`render_documents` does both for a deal: each exhibit once, and the pack made of that
  same rendering rather than a second one (the build's path; same bytes as the two above).

Both take an optional reference .docx (like pandoc's ``--reference-doc``) whose styles and page
setup are used; without one, the shipped house style :data:`DEFAULT_REFERENCE` applies. Both
return the complete file as bytes, byte-identical for identical input (the caller writes it).

Decisions a reader of the output may wonder about:

* Clause headings (the exhibit's anchors) are numbered by Word's clause outline, linked to the
  heading styles and restarted in each exhibit; their typed numbers are dropped. The numbered
  sections of an appendix form are the top level of the appendix's own outline, restarting
  at 1. Other headings keep their text and switch a numbered style off. References are REF
  fields.
* Optionally (``toc``) a table of contents: a TOC field whose entries are already filled in.
* A thematic break (``---``) is a thin rule, not a page break; new pages start only between
  exhibits.
* Each exhibit and appendix numbers its own pages ("Exhibit D – page 3 of 12") and has its
  own header, footer and paper size.
* With a cover document, the cover is the master: its styles win where names clash, so the pack
  reads as one document (see :mod:`contractgen.docx.compose`).
* Raw HTML in the Markdown is contract text and is kept literally; images are not embedded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from contractgen.docx.document import DocumentBuilder
from contractgen.docx.properties import DocProperties
from contractgen.docx.reference import DEFAULT_REFERENCE, load_reference
from contractgen.exhibit import Exhibit
from contractgen.record import document_properties

__all__ = ["DEFAULT_REFERENCE", "render_documents", "render_exhibit", "render_pack"]


def render_exhibit(
    exhibit: Exhibit,
    *,
    reference: Path | None = None,
    on_warning: Callable[[str], None] | None = None,
    toc: bool = False,
) -> bytes:
    """One exhibit as a complete .docx (``toc``: with a table of contents).

    Raises :class:`~contractgen.errors.UserError` for an unusable reference document;
    ``on_warning`` hears about styles the reference lacks and content Word cannot show.
    """
    builder = DocumentBuilder(load_reference(reference), on_warning, toc=toc)
    return _render_single(builder, exhibit)


def render_documents(
    exhibits: Sequence[Exhibit],
    *,
    reference: Path | None = None,
    cover: Path | None = None,
    title: str,
    on_warning: Callable[[str], None] | None = None,
    toc: bool = False,
) -> tuple[list[bytes], bytes]:
    """Every exhibit as its own .docx, and the pack of them all: ``(exhibit files, pack)``.

    The same bytes as :func:`render_exhibit` for each exhibit plus :func:`render_pack`, for
    about half the work: each exhibit's Markdown is rendered once, and the pack adopts what
    was rendered after the exhibit's own file is written out (its markup, renumbered; with a
    cover, its elements).
    """
    if not exhibits:
        raise ValueError("render_documents needs at least one exhibit")
    ref = load_reference(reference)
    pack = DocumentBuilder(ref, on_warning, toc=toc, markup_pack=cover is None)
    singles: list[bytes] = []
    for exhibit in exhibits:
        # The pack's builder has reported the reference's warnings; once is enough.
        builder = DocumentBuilder(ref, on_warning, reference_warnings=False, toc=toc)
        singles.append(_render_single(builder, exhibit))
        pack.adopt(builder)
    props = _pack_properties(exhibits, title)
    if cover is None:
        return singles, pack.package(props).to_bytes()
    from contractgen.docx.compose import compose_with_cover

    return singles, compose_with_cover(cover, pack, props).to_bytes()


def _render_single(builder: DocumentBuilder, exhibit: Exhibit) -> bytes:
    """``exhibit`` as the whole of ``builder``'s document, packaged."""
    builder.add_exhibit(exhibit)
    return builder.package(_exhibit_properties(exhibit)).to_bytes()


def _exhibit_properties(exhibit: Exhibit) -> DocProperties:
    return DocProperties(
        title=exhibit.title,
        subject=exhibit.subject,
        company=exhibit.company,
        keywords=exhibit.keywords,
        revision=exhibit.revision,
        date=exhibit.date,
        custom=document_properties([exhibit]) if exhibit.clause_versions else (),
    )


def render_pack(
    exhibits: Sequence[Exhibit],
    *,
    reference: Path | None = None,
    cover: Path | None = None,
    title: str,
    on_warning: Callable[[str], None] | None = None,
) -> bytes:
    """Several exhibits as one .docx: the cover (if any), then each exhibit on a new page.

    Every exhibit is its own section with its own header; lists restart in each exhibit. The
    document properties take ``title`` and the metadata of the exhibits (first non-empty subject
    and company, all keywords, highest revision).
    """
    if not exhibits:
        raise ValueError("render_pack needs at least one exhibit")
    builder = DocumentBuilder(load_reference(reference), on_warning)
    for exhibit in exhibits:
        builder.add_exhibit(exhibit)
    props = _pack_properties(exhibits, title)
    if cover is None:
        return builder.package(props).to_bytes()
    from contractgen.docx.compose import compose_with_cover

    return compose_with_cover(cover, builder, props).to_bytes()


def _pack_properties(exhibits: Sequence[Exhibit], title: str) -> DocProperties:
    keywords: dict[str, None] = {}
    for exhibit in exhibits:
        keywords.update(dict.fromkeys(exhibit.keywords))
    return DocProperties(
        title=title,
        subject=next((e.subject for e in exhibits if e.subject), ""),
        company=next((e.company for e in exhibits if e.company), ""),
        keywords=tuple(keywords),
        revision=max(e.revision for e in exhibits),
        date=max(e.date for e in exhibits),
        custom=document_properties(exhibits) if any(e.clause_versions for e in exhibits) else (),
    )
