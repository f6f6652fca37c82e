"""Shared fixtures: the case-study deal edited in several ways, built once per test session.

Each scenario is a list of (old text, new text) replacements applied to the case-study spec, so
every edit is visible in one place and the spec stays the project's real example.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from contractgen.docx import render_documents
from contractgen.exhibit import Exhibit
from contractgen.library.assemble import assemble_spec
from contractgen.redline.docxdiff import Redline, redline_docx
from contractgen.spec.loader import LoadedSpec, load_spec_text

ROOT = Path(__file__).resolve().parents[2]
CASE = ROOT / "examples" / "case-study-smart-shelf.yaml"
DATE = "2027-03-01T09:00:00Z"

TRAINING_ROW = "  - activity: Operator training\n    brand: I\n    partner: RA\n    customer: C\n"
AVAILABILITY = (
    "    min_response_rate: 30%\n"
    "  availability:\n"
    "    target: 99.5%\n"
    "    period: quarter\n"
    "    exclusions:\n"
    "      - Maintenance announced at least five business days in advance\n"
)

SCENARIOS: dict[str, list[tuple[str, str]]] = {
    # three figures: the acceptance window, the installation lead time, the penalty cap
    "figures": [
        ("window: 60 days", "window: 45 days"),
        ("lead_time: 15 business days", "lead_time: 20 business days"),
        ("cap_per_period: 15%", "cap_per_period: 12%"),
    ],
    "party-name": [
        ("name: Pacific Retail Systems, Inc.", "name: Pacific Coast Retail Systems, Inc."),
    ],
    # one responsibility row removed, another added
    "table-rows": [
        (TRAINING_ROW, ""),
        (
            "  - activity: Renewals",
            "  - activity: Spare parts stock\n    brand: RA\n    partner: C\n"
            "  - activity: Renewals",
        ),
    ],
    # switches the availability clause on: a whole clause inserted before later sections
    "availability-on": [("    min_response_rate: 30%\n", AVAILABILITY)],
}
SCENARIOS["all-at-once"] = [edit for edits in SCENARIOS.values() for edit in edits]


def edited(replacements: list[tuple[str, str]]) -> str:
    text = CASE.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    return text


def position(text: str, needle: str, after: str = "") -> str:
    """``line:col`` (1-based) where ``needle`` first starts in ``text`` (after the first
    ``after``): expected positions are found in the spec rather than typed, so the tests
    survive edits to the example."""
    offset = text.index(needle, text.index(after) if after else 0)
    line = text.count("\n", 0, offset) + 1
    return f"{line}:{offset - (text.rfind(chr(10), 0, offset) + 1) + 1}"


@dataclass
class Build:
    loaded: LoadedSpec
    exhibits: list[Exhibit]
    singles: list[bytes]
    pack: bytes


@dataclass
class Pair:
    old: Build
    new: Build
    exhibit: Redline
    pack: Redline


def build(text: str, name: str) -> Build:
    loaded = load_spec_text(text, name)
    exhibits = assemble_spec(loaded)
    singles, pack = render_documents(exhibits, title="Exhibit D")
    return Build(loaded, exhibits, singles, pack)


@pytest.fixture(scope="session")
def case_build() -> Build:
    return build(CASE.read_text(encoding="utf-8"), "old.yaml")


@pytest.fixture(scope="session")
def pairs(case_build: Build) -> dict[str, Pair]:
    """Every scenario built and redlined once (main exhibit and pack)."""
    out: dict[str, Pair] = {}
    for name, replacements in SCENARIOS.items():
        new = build(edited(replacements), "new.yaml")
        out[name] = Pair(
            case_build,
            new,
            redline_docx(case_build.singles[0], new.singles[0], author="Reviewer", date=DATE),
            redline_docx(case_build.pack, new.pack, author="Reviewer", date=DATE),
        )
    return out


def without_field_results(docx: bytes) -> bytes:
    """The document with every complex field's displayed result emptied.

    A redline keeps the new document's fields as they are: a ``REF`` to a clause that moved
    shows the new number even when the revisions are rejected (updating fields, as Word does
    before printing, brings the old number back, since the bookmarks move with the text). So the
    rejected text is compared with the old text with field results left out on both sides.
    """
    import io
    import zipfile

    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    depth_in_result = 0
    for el in root.iter(f"{w}fldChar", f"{w}t", f"{w}delText"):
        if el.tag == f"{w}fldChar":
            kind = el.get(f"{w}fldCharType")
            if kind == "separate":
                depth_in_result += 1
            elif kind == "end" and depth_in_result:
                depth_in_result -= 1
        elif depth_in_result:
            el.text = ""
    parts["word/document.xml"] = etree.tostring(root)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return out.getvalue()


def pandoc_path() -> str:
    pypandoc = pytest.importorskip("pypandoc", reason="pypandoc-binary not installed")
    try:
        return str(pypandoc.get_pandoc_path())
    except OSError:
        pytest.skip("pandoc not available")


_RULE = re.compile(r"[-\s]*")
_LIST_LABEL = re.compile(r"^(?:[-*•]|\d+[.)]|\(?(?:[a-z]{1,2}|[ivxl]+)\))(?: |$)")
_TEXTS: dict[tuple[str, str | None], str] = {}


def plain_text(docx: bytes, tmp_path: Path, track: str | None = None) -> str:
    """pandoc's plain text of a document, as text: spacing collapsed, list labels, table rules
    and empty lines dropped.

    Why: pandoc sizes table rules by cell width; it keeps an empty row where a tracked row was
    deleted (it does not read ``w:del`` in ``w:trPr``), and an empty list item, numbered on
    with the others, where a tracked list paragraph was inserted or deleted (it reads the
    tracked paragraph mark of plain paragraphs only). List labels are numbering, not text.
    """
    key = (hashlib.sha256(docx).hexdigest(), track)
    if key in _TEXTS:
        return _TEXTS[key]
    path = tmp_path / "doc.docx"
    path.write_bytes(docx)
    args = [pandoc_path(), "-f", "docx", "-t", "plain", "--wrap=none", str(path)]
    if track:
        args.insert(-1, f"--track-changes={track}")
    done = subprocess.run(args, capture_output=True, check=True, timeout=120)
    lines = (
        _LIST_LABEL.sub("", " ".join(line.split()))
        for line in done.stdout.decode("utf-8").splitlines()
    )
    _TEXTS[key] = "\n".join(line for line in lines if not _RULE.fullmatch(line)) + "\n"
    return _TEXTS[key]
