"""Document properties: ``docProps/core.xml`` (title, subject, …) and ``docProps/app.xml``.

Word shows these under File › Info and document management systems index them, so they carry
the exhibit's metadata. The company is an *extended* property (``<Company>`` in app.xml), not a
core one; the author is the company too. The only timestamps are the build time of
:func:`contractgen.docx.package.build_time`, so rebuilding gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from contractgen.docx.ooxml import xml_safe

_CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
_DC = "http://purl.org/dc/elements/1.1/"
_DCTERMS = "http://purl.org/dc/terms/"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"

APPLICATION = "contractgen"


@dataclass(frozen=True)
class DocProperties:
    """The metadata written into a document's property parts."""

    title: str
    subject: str = ""
    company: str = ""
    keywords: tuple[str, ...] = ()
    revision: int = 1


def core_xml(props: DocProperties, when: datetime) -> bytes:
    """The core properties part."""
    root = etree.Element(
        f"{{{_CP}}}coreProperties",
        nsmap={"cp": _CP, "dc": _DC, "dcterms": _DCTERMS, "xsi": _XSI},
    )
    _add(root, f"{{{_DC}}}title", props.title)
    _add(root, f"{{{_DC}}}subject", props.subject)
    _add(root, f"{{{_DC}}}creator", props.company)
    _add(root, f"{{{_CP}}}keywords", "; ".join(props.keywords))
    _add(root, f"{{{_CP}}}lastModifiedBy", props.company)
    _add(root, f"{{{_CP}}}revision", str(max(1, props.revision)))
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    for tag in ("created", "modified"):
        el = etree.SubElement(root, f"{{{_DCTERMS}}}{tag}", {f"{{{_XSI}}}type": "dcterms:W3CDTF"})
        el.text = stamp
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def app_xml(props: DocProperties) -> bytes:
    """The extended properties part (application and company)."""
    root = etree.Element(f"{{{_EP}}}Properties", nsmap={None: _EP})
    _add(root, f"{{{_EP}}}Application", APPLICATION)
    _add(root, f"{{{_EP}}}Company", props.company)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _add(parent: etree._Element, tag: str, text: str) -> None:
    if text:
        etree.SubElement(parent, tag).text = xml_safe(text)
