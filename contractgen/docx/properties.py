"""Document properties: ``docProps/core.xml`` (title, subject, …) and ``docProps/app.xml``.

Word shows these under File › Info and document management systems index them, so they carry
the exhibit's metadata. The company is an *extended* property (``<Company>`` in app.xml), not a
core one; the author is the company too. Created and modified are the exhibit's own date (its
effective date), or ``SOURCE_DATE_EPOCH`` when that is set (:func:`document_time`), never the
clock, so rebuilding gives the same bytes. Provenance (spec hash, clause versions, contractgen
version) goes into custom properties (``docProps/custom.xml``), which Word shows under
File › Properties › Custom.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime

from lxml import etree

from contractgen.docx.ooxml import xml_safe

_CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
_DC = "http://purl.org/dc/elements/1.1/"
_DCTERMS = "http://purl.org/dc/terms/"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
CUSTOM_PART = "docProps/custom.xml"
RT_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
CT_CUSTOM = "application/vnd.openxmlformats-officedocument.custom-properties+xml"

APPLICATION = "contractgen"


@dataclass(frozen=True)
class DocProperties:
    """The metadata written into a document's property parts."""

    title: str
    subject: str = ""
    company: str = ""
    keywords: tuple[str, ...] = ()
    revision: int = 1
    date: str = ""
    """The document's own date (ISO), its created/modified date unless SOURCE_DATE_EPOCH is set."""
    custom: tuple[tuple[str, str], ...] = ()
    """Custom properties (name, text), in order."""


def document_time(own_date: str) -> datetime:
    """Created/modified: ``SOURCE_DATE_EPOCH`` if set, else ``own_date`` at midnight UTC.

    Without either, the zip epoch of :func:`contractgen.docx.package.build_time`.
    """
    from contractgen.docx.package import build_time

    if os.environ.get("SOURCE_DATE_EPOCH", "").strip() or not own_date:
        return build_time()
    try:
        day = date.fromisoformat(own_date)
    except ValueError:
        return build_time()
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def custom_xml(props: DocProperties) -> bytes | None:
    """The custom properties part, or ``None`` when there are none."""
    if not props.custom:
        return None
    root = etree.Element(f"{{{_CUSTOM}}}Properties", nsmap={None: _CUSTOM, "vt": _VT})
    for pid, (name, text) in enumerate(props.custom, start=2):
        prop = etree.SubElement(
            root, f"{{{_CUSTOM}}}property", {"fmtid": _FMTID, "pid": str(pid), "name": name}
        )
        etree.SubElement(prop, f"{{{_VT}}}lpwstr").text = xml_safe(text)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


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
