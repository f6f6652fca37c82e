"""The hand-off between assembly and the renderers.

Assembly turns a deal spec and the clause library into :class:`Exhibit` objects: Markdown text
plus the metadata a Word document needs (title, header text, core properties, the anchors of
its numbered headings). The Markdown is
complete on its own (it is also written as a ``.md`` file), so the DOCX renderer never needs the
spec or the clause library.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from contractgen.outline import Anchor


@dataclass(frozen=True)
class Exhibit:
    """One document of a deal's exhibit set."""

    key: str
    """File stem, safe for any file system, e.g. ``sla-exhibit``."""
    title: str
    """Document title, shown in the Word header and core properties."""
    markdown: str
    """The document body as CommonMark + GFM tables + task lists (no front matter)."""
    deal_id: str
    """The deal's identifier (file names, the build record; never printed in the contract)."""
    version: str
    """The exhibit version agreed in the spec, shown in the header."""
    company: str = ""
    """The brand's legal name: the Word ``company`` property."""
    subject: str = ""
    """Word ``subject`` property: typically brand and partner names."""
    keywords: tuple[str, ...] = ()
    """Word ``keywords`` property."""
    revision: int = 1
    """Word ``revision`` property."""
    clause_versions: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    """(clause id, version) pairs this document was assembled from, in document order."""
    anchors: tuple[Anchor, ...] = ()
    """The headings other text refers to (numbered clauses, the appendix title), in order."""
    published: str = ""
    """The text of the ``.md`` file: cross-references as links to heading anchors, operative
    list items labelled (a), (b)… Empty: the same as :attr:`markdown`."""
    layer_of: tuple[tuple[str, str], ...] = ()
    """(clause id, library layer) pairs, for the build record."""
    paper: str = ""
    """``letter`` or ``a4``; empty: the reference document's page size."""
    date: str = ""
    """The exhibit's own date (ISO ``YYYY-MM-DD``), used for the document's created/modified
    dates when ``SOURCE_DATE_EPOCH`` is not set."""
    page_label: str = ""
    """What the footer calls this document: "Exhibit D", "Exhibit D, Appendix 1"."""
    parties: str = ""
    """The parties as the header names them: "ShelfWise and Pacific" (their short names)."""
    spec_sha256: str = ""
    """SHA-256 of the spec text the exhibit was assembled from (a document property)."""

    @property
    def markdown_file(self) -> str:
        """What is written to the ``.md`` file."""
        return self.published or self.markdown
