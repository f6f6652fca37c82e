"""Golden files: each example's Markdown, pinned byte for byte.

A change to a clause's wording shows up here as a readable diff of the documents legal reads.
Regenerate deliberately, then review the diff in version control::

    CONTRACTGEN_UPDATE_GOLDEN=1 pytest tests/library/test_golden.py
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from tests.library.helpers import EXAMPLES, build

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("CONTRACTGEN_UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_markdown_matches_golden(path: Path) -> None:
    folder = GOLDEN / path.stem
    exhibits = build(path)
    expected_names = {f"{e.key}.md" for e in exhibits}
    if UPDATE:
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("*.md"):
            if stale.name not in expected_names:
                stale.unlink()
        for exhibit in exhibits:
            (folder / f"{exhibit.key}.md").write_bytes(exhibit.markdown.encode("utf-8"))
    assert folder.is_dir(), f"no golden files for {path.name}; run with CONTRACTGEN_UPDATE_GOLDEN=1"
    assert {p.name for p in folder.glob("*.md")} == expected_names
    for exhibit in exhibits:
        golden = folder / f"{exhibit.key}.md"
        expected = golden.read_bytes().decode("utf-8")
        if exhibit.markdown != expected:
            diff = "".join(
                difflib.unified_diff(
                    expected.splitlines(keepends=True),
                    exhibit.markdown.splitlines(keepends=True),
                    fromfile=str(golden.relative_to(GOLDEN)),
                    tofile=f"{path.stem} (assembled now)",
                )
            )
            pytest.fail(
                f"{exhibit.key} differs from its golden file; if the change is intended, "
                f"regenerate with CONTRACTGEN_UPDATE_GOLDEN=1\n{diff}"
            )


def test_every_example_has_goldens_and_no_golden_is_orphaned() -> None:
    stems = {p.stem for p in EXAMPLES}
    folders = {p.name for p in GOLDEN.iterdir() if p.is_dir()} if GOLDEN.is_dir() else set()
    assert folders == stems
