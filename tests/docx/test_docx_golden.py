"""Golden ``word/document.xml`` body fragments, one per Markdown construct.

A golden file is the pretty-printed body the renderer produced when a person last checked the
construct in Word or LibreOffice. Any change to the generated XML shows up here as a diff.
Regenerate deliberately with ``CONTRACTGEN_UPDATE_GOLDEN=1 pytest tests/docx``; on a mismatch
the actual output is saved under ``tests/_actual/docx/`` for inspection.
"""

from __future__ import annotations

import difflib
import os

import pytest
from docx_support import ACTUAL, GOLDEN, body_fragment, construct_exhibit, construct_names

from contractgen.docx import render_exhibit

UPDATE = os.environ.get("CONTRACTGEN_UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize("name", construct_names())
def test_body_matches_golden(name: str) -> None:
    actual = body_fragment(render_exhibit(construct_exhibit(name)))
    golden = GOLDEN / f"{name}.xml"
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        return
    assert golden.exists(), f"no golden file {golden.name}; run with CONTRACTGEN_UPDATE_GOLDEN=1"
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        ACTUAL.mkdir(parents=True, exist_ok=True)
        (ACTUAL / golden.name).write_text(actual, encoding="utf-8")
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=f"golden/{golden.name}",
                tofile=f"_actual/docx/{golden.name}",
            )
        )
        pytest.fail(f"document.xml body differs from the golden file:\n{diff}")


def test_every_golden_file_has_a_fixture() -> None:
    stale = {p.stem for p in GOLDEN.glob("*.xml")} - set(construct_names())
    assert not stale, f"golden files without a fixture: {sorted(stale)}"
