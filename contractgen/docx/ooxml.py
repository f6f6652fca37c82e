"""WordprocessingML names and the few element helpers every other module shares.

The renderer builds ``document.xml`` directly with lxml instead of going through python-docx's
object layer, which is several times slower per paragraph. Qualified names are computed once here
(``W.p`` is ``{http://…/main}p``) so the hot paths never format namespace strings.
"""

from __future__ import annotations

import re

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_NS = "http://www.w3.org/XML/1998/namespace"

NSMAP: dict[str | None, str] = {"w": W_NS, "r": R_NS}

XML_SPACE = f"{{{XML_NS}}}space"
R_ID = f"{{{R_NS}}}id"

# Relationship types the renderer writes or carries over from a reference document.
RT_OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)
RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
RT_APP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RT_STYLES = _RT + "styles"
RT_NUMBERING = _RT + "numbering"
RT_SETTINGS = _RT + "settings"
RT_HEADER = _RT + "header"
RT_FOOTER = _RT + "footer"
RT_HYPERLINK = _RT + "hyperlink"

# Content types of the parts the renderer writes itself.
_CT = "application/vnd.openxmlformats-officedocument."
CT_DOCUMENT = _CT + "wordprocessingml.document.main+xml"
CT_STYLES = _CT + "wordprocessingml.styles+xml"
CT_NUMBERING = _CT + "wordprocessingml.numbering+xml"
CT_SETTINGS = _CT + "wordprocessingml.settings+xml"
CT_FONT_TABLE = _CT + "wordprocessingml.fontTable+xml"
CT_HEADER = _CT + "wordprocessingml.header+xml"
CT_FOOTER = _CT + "wordprocessingml.footer+xml"
CT_CORE = "application/vnd.openxmlformats-package.core-properties+xml"
CT_APP = _CT + "extended-properties+xml"
CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"


class _Names:
    """Attribute access to ``{w-namespace}local`` names: ``W.p``, ``W.val``."""

    def __getattr__(self, local: str) -> str:
        name = f"{{{W_NS}}}{local}"
        setattr(self, local, name)
        return name


W = _Names()
"""Qualified WordprocessingML names, created on first use and then cached as attributes."""

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """Drop the code points XML 1.0 cannot carry (lxml refuses them rather than escaping)."""
    return _XML_INVALID.sub("", text)


sub = etree.SubElement
"""Append a child element: ``sub(parent, tag, attrib=None)``.

lxml's own function under a short name, not a wrapper: a deal creates some 8,500 elements per
exhibit set, and a Python frame around each one cost about 2 ms CPU per deal.
"""

_W_VAL = W.val


def val(parent: etree._Element, tag: str, value: str | int) -> etree._Element:
    """Append ``<tag w:val="value"/>``, the most common shape of a property element."""
    return etree.SubElement(parent, tag, {_W_VAL: str(value)})


def root(tag: str) -> etree._Element:
    """A part's root element declaring the ``w`` and ``r`` prefixes once for the whole part."""
    return etree.Element(tag, nsmap=NSMAP)


def serialize(element: etree._Element) -> bytes:
    """Serialise a part the way Word writes it: UTF-8 with a standalone XML declaration."""
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True)


def parse(data: bytes) -> etree._Element:
    """Parse part XML with entity resolution and network access off (reference files are input)."""
    return etree.fromstring(data, _PARSER)


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
