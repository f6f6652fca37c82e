"""Untrusted templates and Word files, end to end through ``contractgen build``.

A company clause library and a house-style .docx come from outside the project and are run or
read on a shared build machine. tests/library/test_sandbox.py checks the sandbox at the library
level; here the whole command runs, because what matters to the user is what they see (exit 2,
the clause or file named, no traceback) and what they keep (the documents of the last good build,
byte for byte).
"""

from __future__ import annotations

import io
import os
import re
import struct
import time
import zipfile
from pathlib import Path

import pytest

from tests.robustness.helpers import (
    BODY_LINE,
    CASE,
    CASE_DEAL,
    DEFAULT_REFERENCE,
    company_library,
    invoke,
    kept_problems,
    rezipped,
    user_error_problems,
)

CLAUSE = "company-terms"

HOSTILE_TEMPLATES = {
    "attribute reach": (
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        r"blocked by the sandbox",
    ),
    "globals reach": ("{{ spec.__class__.__init__.__globals__ }}", r"blocked by the sandbox"),
    "pydantic api": ("{{ spec.model_dump() }}", r"undefined|blocked"),
    "import a module": (
        "{% import 'os' as os %}{{ os.system('id') }}",
        r"not in the clause library",
    ),
    "include a system file": ("{% include '/etc/passwd' %}", r"not in the clause library"),
    "include by ..": ("{% include '../outside.md.j2' %}", r"not in the clause library"),
    "endless loops": (
        "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}",
        r"loop iterations",
    ),
    "runaway recursion": (
        "{% macro r(n) %}{{ r(n + 1) }}{{ r(n + 1) }}{% endmacro %}{{ r(0) }}",
        r"recursion is too deep",
    ),
    "hundreds of megabytes": (
        "{% for i in range(10000) %}{{ 'x' * 99999 }}{% endfor %}",
        r"more than 1,000,000 characters",
    ),
    "one huge string": ("{{ 'x' * 10**9 }}", r"exceeds 100,000 items"),
    "huge number": ("{{ 10 ** 10000000 }}", r"exceeds 10,000 bits"),
}


NO_LINE = {"hundreds of megabytes"}


@pytest.mark.parametrize("name", list(HOSTILE_TEMPLATES))
def test_a_hostile_clause_is_stopped_named_and_changes_nothing(
    name: str, tmp_path: Path, prebuilt: tuple[Path, dict[str, bytes]]
) -> None:
    """Each thing a hostile or careless template might do, through the whole command."""
    out, before = prebuilt
    body, pattern = HOSTILE_TEMPLATES[name]
    (tmp_path / "outside.md.j2").write_text("SECRET OUTSIDE TEXT", encoding="utf-8")
    library = company_library(tmp_path / "acme", body, CLAUSE)
    started = time.perf_counter()
    result = invoke("build", CASE, "-o", out, "--library", library, "-j", "1")
    assert time.perf_counter() - started < 20, "the bound took too long to stop the template"
    clause = library / f"{CLAUSE}.md.j2"
    # The output bound stops the clause as a whole: no one line is to blame. Recursion points
    # at the line of the call that recursed.
    line = None if name in NO_LINE else BODY_LINE
    assert user_error_problems(result, clause, rf"clause '{CLAUSE}': ", line) == []
    assert re.search(pattern, result.output), result.output
    assert "SECRET OUTSIDE TEXT" not in result.output
    assert kept_problems(out, CASE_DEAL, before) == []


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_symbolic_link_out_of_the_library_is_refused(
    tmp_path: Path, prebuilt: tuple[Path, dict[str, bytes]]
) -> None:
    """A link inside the library folder must not smuggle in a file from outside it."""
    out, before = prebuilt
    (tmp_path / "secret.md.j2").write_text("SECRET OUTSIDE TEXT", encoding="utf-8")
    library = company_library(tmp_path / "acme", "{% include 'partials/link.md.j2' %}", CLAUSE)
    (library / "partials").mkdir()
    (library / "partials" / "link.md.j2").symlink_to(tmp_path / "secret.md.j2")
    result = invoke("build", CASE, "-o", out, "--library", library, "-j", "1")
    problems = user_error_problems(result, library, r"not in the clause library")
    assert problems == []
    assert "SECRET OUTSIDE TEXT" not in result.output
    assert kept_problems(out, CASE_DEAL, before) == []


def test_without_the_sandbox_the_check_sees_the_leak(
    tmp_path: Path, prebuilt: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Let the sandbox allow every attribute: the same clause now builds, and the check fails."""
    from contractgen.library.sandbox import ClauseSandbox

    monkeypatch.setattr(ClauseSandbox, "is_safe_attribute", lambda *_args: True)
    out, before = prebuilt
    library = company_library(tmp_path / "acme", "{{ ''.__class__.__name__ }}", CLAUSE)
    result = invoke("build", CASE, "-o", out, "--library", library, "-j", "1")
    clause = library / f"{CLAUSE}.md.j2"
    problems = user_error_problems(result, clause, r"blocked by the sandbox", BODY_LINE)
    problems += kept_problems(out, CASE_DEAL, before)
    assert problems != []


# --- reference and cover .docx ----------------------------------------------------------------

REFERENCE = DEFAULT_REFERENCE.read_bytes()
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
EMPTY_STYLES = f'<?xml version="1.0"?><w:styles xmlns:w="{W_NS}"/>'.encode()
WRONG_ROOT = b'<?xml version="1.0"?><other xmlns="urn:example"/>'


def broken_deflate(docx: bytes, part: str) -> bytes:
    """``docx`` with ``part``'s compressed data made invalid (a reserved deflate block type).

    The archive's directory stays readable, so only decompressing that part fails, the way a
    file damaged in transfer or by a crashing editor fails.
    """
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(docx)) as zin,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for name in zin.namelist():
            zout.writestr(name, zin.read(name))
        offset = zout.getinfo(part).header_offset
    data = bytearray(out.getvalue())
    name_length, extra_length = struct.unpack_from("<HH", data, offset + 26)
    data[offset + 30 + name_length + extra_length] = 0xFF  # BFINAL=1, BTYPE=11: reserved
    return bytes(data)


BROKEN_REFERENCES = {
    "not a zip": (b"This is a memo, saved as .docx by mistake.", r"not a Word \.docx file"),
    "empty file": (b"", r"not a Word \.docx file"),
    "no document.xml": (rezipped(REFERENCE, {"word/document.xml": None}), r"no main document"),
    "no content types": (rezipped(REFERENCE, {"[Content_Types].xml": None}), r"Content_Types"),
    "no styles.xml": (rezipped(REFERENCE, {"word/styles.xml": None}), r"no styles part"),
    "damaged styles.xml": (rezipped(REFERENCE, {"word/styles.xml": b"<w:styles"}), r"damaged"),
    "damaged package rels": (rezipped(REFERENCE, {"_rels/.rels": b""}), r"damaged|not a Word"),
    "damaged deflate stream": (
        broken_deflate(REFERENCE, "word/styles.xml"),
        r"not a Word \.docx file|cannot read",
    ),
}


@pytest.mark.parametrize("name", list(BROKEN_REFERENCES))
def test_a_broken_reference_docx_is_named_and_changes_nothing(
    name: str, tmp_path: Path, prebuilt: tuple[Path, dict[str, bytes]]
) -> None:
    """House-style files are made by hand in Word and mailed around; each kind of damage gets a
    message naming the file, and the DOCX stage failing must not publish the Markdown either."""
    out, before = prebuilt
    data, pattern = BROKEN_REFERENCES[name]
    reference = tmp_path / "house-style.docx"
    reference.write_bytes(data)
    result = invoke("build", CASE, "-o", out, "--reference-docx", reference, "-j", "1")
    assert user_error_problems(result, reference, pattern) == []
    assert kept_problems(out, CASE_DEAL, before) == []


def test_a_reference_without_the_needed_styles_falls_back_with_warnings(tmp_path: Path) -> None:
    """The documented fallback: missing styles come from contractgen's own definitions, and the
    user is told which, so a half-finished house style still gives a usable document."""
    reference = tmp_path / "bare.docx"
    reference.write_bytes(rezipped(REFERENCE, {"word/styles.xml": EMPTY_STYLES}))
    result = invoke("build", CASE, "-o", tmp_path / "out", "--reference-docx", reference, "-q")
    assert result.exit_code == 0, result.output
    assert "style 'Normal' not found; using contractgen's default definition" in result.output
    assert "Traceback" not in result.output
    import pypandoc

    text = pypandoc.convert_file(str(tmp_path / "out" / CASE_DEAL / "sla-exhibit.docx"), "plain")
    assert "Pacific Retail Systems, Inc." in text


def _cover() -> bytes:
    """A one-page master agreement without lists, as many real ones are: Word then writes no
    numbering part at all."""
    from docx import Document

    document = Document()
    document.add_heading("Master Channel Partner Agreement", 0)
    document.add_paragraph("Signed by both parties.")
    buf = io.BytesIO()
    document.save(buf)
    data = buf.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        rels = zf.read("word/_rels/document.xml.rels")
        types = zf.read("[Content_Types].xml")
    return rezipped(
        data,
        {
            "word/numbering.xml": None,
            "word/_rels/document.xml.rels": re.sub(
                rb"<Relationship [^>]*numbering[^>]*/>", b"", rels
            ),
            "[Content_Types].xml": re.sub(rb"<Override [^>]*numbering[^>]*/>", b"", types),
        },
    )


COVER = _cover()

BROKEN_COVERS = {
    "not a zip": (b"%PDF-1.7 a PDF renamed to .docx", r"not a Word \.docx file"),
    "damaged styles root": (rezipped(COVER, {"word/styles.xml": WRONG_ROOT}), r"damaged"),
    "empty settings": (rezipped(COVER, {"word/settings.xml": b""}), r"damaged|cannot read"),
    "empty package rels": (rezipped(COVER, {"_rels/.rels": b""}), r"damaged"),
    "empty document rels": (
        rezipped(COVER, {"word/_rels/document.xml.rels": b""}),
        r"damaged|cannot read",
    ),
    "damaged deflate stream": (
        broken_deflate(COVER, "word/document.xml"),
        r"not a Word \.docx file|cannot read",
    ),
}


@pytest.mark.parametrize("name", list(BROKEN_COVERS))
def test_a_broken_cover_is_named_and_changes_nothing(
    name: str, tmp_path: Path, prebuilt: tuple[Path, dict[str, bytes]]
) -> None:
    """The cover is read by python-docx, whose own errors on damaged files are arbitrary; each must
    reach the user as a message naming the file."""
    out, before = prebuilt
    data, pattern = BROKEN_COVERS[name]
    cover = tmp_path / "master-agreement.docx"
    cover.write_bytes(data)
    result = invoke("build", CASE, "-o", out, "--cover", cover, "-j", "1")
    assert user_error_problems(result, cover, pattern) == []
    assert kept_problems(out, CASE_DEAL, before) == []


def test_a_cover_without_lists_is_not_a_problem(tmp_path: Path) -> None:
    """Regression: a cover with no numbering part used to stop the build with an internal
    error (python-docx cannot create the part; it is now added when the cover lacks one)."""
    cover = tmp_path / "master-agreement.docx"
    cover.write_bytes(COVER)
    result = invoke("build", CASE, "-o", tmp_path / "out", "--cover", cover, "-q")
    assert result.exit_code == 0, result.output
    import pypandoc

    pack = tmp_path / "out" / CASE_DEAL / "contract-pack.docx"
    text = pypandoc.convert_file(str(pack), "plain", extra_args=["--wrap=none"])
    # (pandoc takes the cover's Title paragraph for metadata; its body text comes first)
    assert text.index("Signed by both parties.") < text.index("Pacific Retail Systems")
