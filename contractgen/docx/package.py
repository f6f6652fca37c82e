"""The OPC (zip) container: reading a .docx into parts and writing one byte-for-byte reproducibly.

``zipfile`` as used by python-docx stamps every entry with the current time and orders entries
by insertion, so two builds of the same contract differ. Signed documents are compared and
archived by hash, so :func:`Package.to_bytes` writes entries in a fixed order
(``[Content_Types].xml`` first, then sorted by name), with one fixed date and one fixed
compression level, and regenerates ``[Content_Types].xml`` from the parts it holds.
"""

from __future__ import annotations

import io
import os
import posixpath
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from contractgen.docx.deflated import deflate, switched_off
from contractgen.docx.ooxml import CT_NS, CT_RELS, PKG_REL_NS, RT_OFFICE_DOCUMENT, parse
from contractgen.errors import UserError

CONTENT_TYPES = "[Content_Types].xml"
_ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=UTC)
_READABLE_COMPRESSION = frozenset(
    {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
)


MAX_DOCX_BYTES = 50_000_000
"""A reference or cover .docx larger than this is refused (house styles are kilobytes)."""
MAX_DOCX_EXPANDED = 200_000_000
"""Total uncompressed size of a .docx's parts: refuses zip bombs before anything is inflated."""


def build_time() -> datetime:
    """The one timestamp a build may carry: ``SOURCE_DATE_EPOCH`` if set, else 1980-01-01 UTC.

    Zip entries cannot hold dates before 1980, so earlier epochs are clamped to it.
    """
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if raw:
        try:
            moment = datetime.fromtimestamp(int(raw), tz=UTC)
        except (ValueError, OverflowError, OSError):
            moment = _ZIP_EPOCH
        return max(moment, _ZIP_EPOCH)
    return _ZIP_EPOCH


@dataclass(frozen=True)
class Relationship:
    """One ``<Relationship>`` of a part's ``.rels``; ``target`` is as written (relative or URL)."""

    rid: str
    type: str
    target: str
    external: bool = False


def rels_name(part: str) -> str:
    """The name of the ``.rels`` part that holds ``part``'s relationships (``""`` = package)."""
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def resolve_target(source: str, target: str) -> str:
    """Turn a relationship target into a part name (no leading slash) relative to the zip root."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def parse_rels(data: bytes) -> list[Relationship]:
    """Read a ``.rels`` part."""
    rels = []
    for el in parse(data).iter(f"{{{PKG_REL_NS}}}Relationship"):
        rels.append(
            Relationship(
                rid=el.get("Id", ""),
                type=el.get("Type", ""),
                target=el.get("Target", ""),
                external=el.get("TargetMode") == "External",
            )
        )
    return rels


def serialize_rels(rels: list[Relationship]) -> bytes:
    """Write a ``.rels`` part, relationships in the order given (callers keep that stable)."""
    root = etree.Element(f"{{{PKG_REL_NS}}}Relationships", nsmap={None: PKG_REL_NS})
    for rel in rels:
        attrib = {"Id": rel.rid, "Type": rel.type, "Target": rel.target}
        if rel.external:
            attrib["TargetMode"] = "External"
        etree.SubElement(root, f"{{{PKG_REL_NS}}}Relationship", attrib)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


@dataclass
class Package:
    """Part name (``word/document.xml``, no leading slash) → bytes, plus each part's content type.

    ``.rels`` parts are ordinary parts here; their content type is implied.
    """

    parts: dict[str, bytes] = field(default_factory=dict)
    content_types: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_bytes(cls, data: bytes, *, source: str) -> Package:
        """Open a .docx held in memory; ``source`` names it in error messages."""
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                infos = [info for info in zf.infolist() if not info.is_dir()]
                odd = [i.filename for i in infos if i.compress_type not in _READABLE_COMPRESSION]
                if odd:
                    raise UserError(
                        source,
                        f"cannot read the .docx archive: {odd[0]} uses an "
                        "unsupported compression method",
                    )
                expanded = sum(info.file_size for info in infos)
                if expanded > MAX_DOCX_EXPANDED:
                    raise UserError(
                        source,
                        f"the .docx expands to {expanded:,} bytes; at most "
                        f"{MAX_DOCX_EXPANDED:,} are accepted (a zip bomb?)",
                    )
                parts = {info.filename: zf.read(info) for info in infos}
        # zlib.error: a damaged deflate stream inside an otherwise readable archive.
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error) as exc:
            raise UserError(
                source, f"not a Word .docx file (not a readable zip archive: {exc})"
            ) from exc
        except (OSError, RuntimeError, ValueError) as exc:
            raise UserError(source, f"cannot read the .docx archive: {exc}") from exc
        if CONTENT_TYPES not in parts:
            raise UserError(source, "not a Word .docx file: [Content_Types].xml is missing")
        package = cls(parts={name: blob for name, blob in parts.items() if name != CONTENT_TYPES})
        package.content_types = _read_content_types(parts[CONTENT_TYPES], package.parts, source)
        return package

    @classmethod
    def from_path(cls, path: Path) -> Package:
        """Open a .docx file, reporting a missing or unreadable file as the user's error."""
        try:
            size = path.stat().st_size
            if size > MAX_DOCX_BYTES:
                raise UserError(
                    str(path),
                    f"the file is {size:,} bytes; at most {MAX_DOCX_BYTES:,} are accepted",
                )
            data = path.read_bytes()
        except OSError as exc:
            raise UserError(str(path), f"cannot read the file: {exc.strerror or exc}") from exc
        return cls.from_bytes(data, source=str(path))

    def rels(self, part: str) -> list[Relationship]:
        """The relationships of ``part`` (``""`` for the package itself); none if it has none."""
        data = self.parts.get(rels_name(part))
        return parse_rels(data) if data is not None else []

    def main_document(self, source: str) -> str:
        """The name of the main document part, found through the package relationships."""
        try:
            package_rels = self.rels("")
        except etree.XMLSyntaxError as exc:
            raise UserError(
                source, f"not a Word .docx file: _rels/.rels is damaged: {exc}"
            ) from exc
        for rel in package_rels:
            if rel.type == RT_OFFICE_DOCUMENT and not rel.external:
                name = resolve_target("", rel.target)
                if name in self.parts:
                    return name
        raise UserError(source, "not a Word .docx file: it has no main document part")

    def put(self, name: str, data: bytes, content_type: str | None = None) -> None:
        """Add or replace a part (``content_type`` is required for anything but ``.rels``)."""
        self.parts[name] = data
        if content_type is not None:
            self.content_types[name] = content_type

    def names(self) -> Iterator[str]:
        """Part names in the order they are written: sorted, so output never depends on history."""
        return iter(sorted(self.parts))

    def to_bytes(self, when: datetime | None = None) -> bytes:
        """The .docx as bytes, identical for identical parts (see the module docstring).

        Entries are dated ``when``, by default :func:`build_time`.
        """
        stamp = (when or build_time()).timetuple()[:6]
        entries = [(CONTENT_TYPES, self._content_types_xml())]
        entries += [(name, self.parts[name]) for name in self.names()]
        return write_zip(entries, stamp)

    def _content_types_xml(self) -> bytes:
        root = etree.Element(f"{{{CT_NS}}}Types", nsmap={None: CT_NS})
        etree.SubElement(root, f"{{{CT_NS}}}Default", {"Extension": "rels", "ContentType": CT_RELS})
        etree.SubElement(
            root, f"{{{CT_NS}}}Default", {"Extension": "xml", "ContentType": "application/xml"}
        )
        for name in self.names():
            if name.endswith(".rels"):
                continue
            content_type = self.content_types.get(name)
            if content_type is None or (
                name.endswith(".xml") and content_type == "application/xml"
            ):
                continue
            etree.SubElement(
                root, f"{{{CT_NS}}}Override", {"PartName": "/" + name, "ContentType": content_type}
            )
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_VERSION = 20
"""Version needed to extract (and made by): 2.0, deflate."""
_UTF8_NAME = 0x800
_PERMISSIONS = 0o600 << 16
"""External attributes: a regular file, ``rw-------``, as zipfile writes by default."""
_ZIP32_LIMIT = (1 << 31) - 1


def write_zip(entries: list[tuple[str, bytes]], stamp: tuple[int, ...]) -> bytes:
    """A zip archive of ``entries`` (name, data) in the order given, every entry deflated and
    dated ``stamp``: byte for byte what :mod:`zipfile` writes for them into a seekable file.

    Written here rather than through ``zipfile`` so a part that repeats from file to file is
    deflated once per process (:mod:`contractgen.docx.deflated`); zipfile compresses whatever it
    is given. An archive too large for the plain zip format is left to zipfile.
    """
    if sum(len(data) for _, data in entries) > _ZIP32_LIMIT:
        return _write_with_zipfile(entries, stamp)
    dosdate = (stamp[0] - 1980) << 9 | stamp[1] << 5 | stamp[2]
    dostime = stamp[3] << 11 | stamp[4] << 5 | (stamp[5] // 2)
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    keep = not switched_off()
    for name, data in entries:
        try:
            raw_name, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            raw_name, flags = name.encode("utf-8"), _UTF8_NAME
        crc, compressed = deflate(data, keep=keep)
        size, packed = len(data), len(compressed)
        header = _LOCAL.pack(
            b"PK\x03\x04", _VERSION, 0, flags, zipfile.ZIP_DEFLATED, dostime, dosdate,
            crc, packed, size, len(raw_name), 0,
        )  # fmt: skip
        out += (header, raw_name, compressed)
        record = _CENTRAL.pack(
            b"PK\x01\x02", _VERSION, 0, _VERSION, 0, flags, zipfile.ZIP_DEFLATED, dostime,
            dosdate, crc, packed, size, len(raw_name), 0, 0, 0, 0, _PERMISSIONS, offset,
        )  # fmt: skip
        central.append(record + raw_name)
        offset += len(header) + len(raw_name) + packed
    directory = b"".join(central)
    end = _END.pack(b"PK\x05\x06", 0, 0, len(central), len(central), len(directory), offset, 0)
    return b"".join(out) + directory + end


def _write_with_zipfile(entries: list[tuple[str, bytes]], stamp: tuple[int, ...]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)  # type: ignore[arg-type]
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            zf.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return buf.getvalue()


def _read_content_types(data: bytes, parts: dict[str, bytes], source: str) -> dict[str, str]:
    """Resolve every part's content type from the Default/Override table, once, up front."""
    try:
        root = parse(data)
    except etree.XMLSyntaxError as exc:
        raise UserError(source, f"[Content_Types].xml is not well-formed XML: {exc}") from exc
    defaults: dict[str, str] = {}
    overrides: dict[str, str] = {}
    for el in root:
        if el.tag == f"{{{CT_NS}}}Default":
            defaults[el.get("Extension", "").lower()] = el.get("ContentType", "")
        elif el.tag == f"{{{CT_NS}}}Override":
            overrides[el.get("PartName", "").lstrip("/")] = el.get("ContentType", "")
    lowered = {name.lower(): name for name in parts}
    resolved: dict[str, str] = {}
    for part_name, content_type in overrides.items():
        actual = lowered.get(part_name.lower())
        if actual is not None:
            resolved[actual] = content_type
    for name in parts:
        if name not in resolved and not name.endswith(".rels"):
            ext = posixpath.splitext(name)[1].lstrip(".").lower()
            if ext in defaults:
                resolved[name] = defaults[ext]
    return resolved
