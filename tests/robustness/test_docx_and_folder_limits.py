"""A zip bomb posing as a reference .docx is refused unread; published folders are readable."""

from __future__ import annotations

import io
import os
import stat
import zipfile
from pathlib import Path

import pytest

from contractgen.build import publish
from contractgen.docx import package as package_module
from contractgen.docx.package import Package
from contractgen.errors import UserError


def _bomb(path: Path, size: int) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\0" * size)
    path.write_bytes(buf.getvalue())


def test_a_docx_that_expands_too_far_is_refused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(package_module, "MAX_DOCX_EXPANDED", 1_000_000)
    bomb = tmp_path / "bomb.docx"
    _bomb(bomb, 2_000_000)
    assert bomb.stat().st_size < 10_000
    with pytest.raises(UserError, match="zip bomb"):
        Package.from_path(bomb)


def test_a_docx_too_large_on_disk_is_refused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(package_module, "MAX_DOCX_BYTES", 1_000)
    big = tmp_path / "big.docx"
    big.write_bytes(b"PK" + b"\0" * 2_000)
    with pytest.raises(UserError, match="at most 1,000"):
        Package.from_path(big)


def test_published_folders_follow_the_umask_not_mkdtemp(tmp_path: Path) -> None:
    folder = tmp_path / "out" / "deal"
    old = os.umask(0o022)
    try:
        publish(folder, {"a.md": b"x"})
    finally:
        os.umask(old)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
