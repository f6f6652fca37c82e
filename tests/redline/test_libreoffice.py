"""LibreOffice opens every redline, shows its revisions, and converts it to PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.redline.conftest import Pair

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")


def _convert(files: list[Path], target: str, work: Path) -> None:
    assert SOFFICE is not None
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(work),
            *map(str, files),
        ],
        capture_output=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")


def test_libreoffice_converts_redlines_and_reads_their_revisions(
    pairs: dict[str, Pair], tmp_path: Path
) -> None:
    pair = pairs["all-at-once"]
    exhibit = tmp_path / "redline-sla-exhibit.docx"
    pack = tmp_path / "redline-contract-pack.docx"
    exhibit.write_bytes(pair.exhibit.data)
    pack.write_bytes(pair.pack.data)
    _convert([exhibit, pack], "pdf", tmp_path)
    for name in ("redline-sla-exhibit.pdf", "redline-contract-pack.pdf"):
        pdf = tmp_path / name
        assert pdf.is_file() and pdf.stat().st_size > 10_000, name
    # The ODF form says what LibreOffice understood: tracked insertions and deletions.
    _convert([exhibit], "odt", tmp_path)
    with zipfile.ZipFile(tmp_path / "redline-sla-exhibit.odt") as zf:
        content = zf.read("content.xml").decode("utf-8")
    insertions = len(re.findall(r"<text:insertion>", content))
    deletions = len(re.findall(r"<text:deletion>", content))
    assert insertions > 5 and deletions > 5, (insertions, deletions)
