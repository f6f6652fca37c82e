"""Deflated parts, compressed once per process when the same part bytes come back.

Most parts of a .docx are the same in every file a process writes: the reference's styles,
settings, font table and theme, and often the package relationships, content types, numbering
and footers. Deflating a small part costs far more in setting up the compressor than in
compressing, so the package writer asks here instead of calling zlib itself. A part's
compressed bytes are kept from the second time its exact bytes are written (a part written
once, such as a document body, is never kept); deflate is deterministic, so a kept entry is
the bytes a fresh compression gives and the output is unchanged.

Measured on distinct generated deals (five files a deal, 14 parts a file): writing the zip
archives cost 8.6 ms CPU a deal compressing every part, 6.7 ms with the kept entries (the
documents' own bodies, different in every file, are most of what is left).

``CONTRACTGEN_NO_CACHE`` (any non-empty value) turns it off: every part is compressed afresh.
"""

from __future__ import annotations

import os
import zlib

COMPRESS_LEVEL = 6
"""The deflate level of every entry (zipfile's default for ZIP_DEFLATED is the same)."""
_MAX_BYTES = 2 * 1024 * 1024
"""Part bytes kept at most; the cache starts afresh when full. A batch repeats a few dozen parts
of a few kilobytes each; parts that repeat only within one deal (its properties and footers,
written once per file) are kept too and never asked for again, about 2 KB a deal, so a larger
bound only lets a long batch grow for longer."""
_MAX_PART = 512 * 1024
"""Larger parts are never kept (a reference's styles part is tens of kilobytes)."""
_MAX_SEEN = 4096

_KEPT: dict[bytes, tuple[int, bytes]] = {}
_SEEN: set[int] = set()
_kept_bytes = 0


def switched_off() -> bool:
    """Whether ``CONTRACTGEN_NO_CACHE`` is set (read once per archive by the caller)."""
    return bool(os.environ.get("CONTRACTGEN_NO_CACHE"))


def deflate(data: bytes, *, keep: bool = True) -> tuple[int, bytes]:
    """``data``'s CRC-32 and its raw deflate stream (no zlib header), as a zip entry holds.

    ``keep=False`` (the switch is set): compressed afresh, nothing kept.
    """
    if not keep:
        return zlib.crc32(data), _compress(data)
    kept = _KEPT.get(data)
    if kept is not None:
        return kept
    result = zlib.crc32(data), _compress(data)
    if len(data) <= _MAX_PART:
        _remember(data, result)
    return result


def _remember(data: bytes, result: tuple[int, bytes]) -> None:
    """Keep ``result`` if ``data`` was written before (by hash); else note that it was."""
    global _kept_bytes
    key = hash(data)
    if key not in _SEEN:
        if len(_SEEN) >= _MAX_SEEN:
            _SEEN.clear()
        _SEEN.add(key)
        return
    if _kept_bytes + len(data) > _MAX_BYTES:
        _KEPT.clear()
        _kept_bytes = 0
    _KEPT[data] = result
    _kept_bytes += len(data)


def _compress(data: bytes) -> bytes:
    compressor = zlib.compressobj(COMPRESS_LEVEL, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def forget() -> None:
    """Drop every kept part (tests compare a fresh compression with a kept one)."""
    global _kept_bytes
    _KEPT.clear()
    _SEEN.clear()
    _kept_bytes = 0
