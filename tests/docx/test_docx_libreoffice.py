"""LibreOffice opens and lays out what the renderer writes (a second, independent consumer).

Both documents are converted in one ``soffice`` run with a profile directory of their own, so
the test neither collides with a running LibreOffice nor pays the start-up cost twice.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx_support import construct_exhibit, construct_names, sample_exhibit

from contractgen.docx import render_documents, render_exhibit, render_pack
from contractgen.library.assemble import assemble_spec
from contractgen.spec.loader import load_spec
from tests.conftest import ROOT

CASE_STUDY = ROOT / "examples" / "case-study-smart-shelf.yaml"

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory: pytest.TempPathFactory, cover_docx: Path) -> dict[str, Path]:
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) not installed")
    work = tmp_path_factory.mktemp("libreoffice")
    sample = work / "sla-exhibit.docx"
    sample.write_bytes(render_exhibit(sample_exhibit()))
    pack = work / "deal-pack.docx"
    exhibits = [sample_exhibit(), *(construct_exhibit(n) for n in construct_names())]
    pack.write_bytes(render_pack(exhibits, cover=cover_docx, title="Deal pack"))
    case_study = work / "case-study-pack.docx"
    case_study.write_bytes(
        render_documents(assemble_spec(load_spec(CASE_STUDY)), title="Case study")[1]
    )
    profile = (work / "profile").as_uri()
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(sample),
            str(pack),
            str(case_study),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    return {
        "sample": work / "sla-exhibit.pdf",
        "pack": work / "deal-pack.pdf",
        "case-study": work / "case-study-pack.pdf",
    }


def _pages(pdf: Path) -> int:
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo:
        out = subprocess.run([pdfinfo, str(pdf)], capture_output=True, check=True, timeout=30)
        match = re.search(rb"^Pages:\s+(\d+)", out.stdout, re.MULTILINE)
        assert match, out.stdout
        return int(match.group(1))
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


def test_sample_exhibit_converts_to_pdf(pdfs: dict[str, Path]) -> None:
    assert pdfs["sample"].is_file()
    assert 3 <= _pages(pdfs["sample"]) <= 8


def test_pack_with_cover_converts_to_pdf(pdfs: dict[str, Path]) -> None:
    assert pdfs["pack"].is_file()
    # cover page, the sample exhibit, then one page per construct exhibit (each a new section)
    assert _pages(pdfs["pack"]) >= 2 + len(construct_names())


def _text(pdf: Path) -> str:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext not installed")
    out = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, check=True, timeout=60
    )
    return " ".join(out.stdout.decode("utf-8").split())


def test_case_study_numbers_and_references_resolve_in_libreoffice(pdfs: dict[str, Path]) -> None:
    """LibreOffice lays out Word's clause numbering and keeps the REF fields' text."""
    text = _text(pdfs["case-study"])
    assert "3.2 Completion Criteria" in text, "the heading number comes from numbering.xml"
    assert re.search(r"as described in Section 4\b", text), "a resolved cross-reference"
    assert "(a) the issue was fixed permanently" in text
    assert "Error! Reference source not found" not in text
    pages = re.findall(r"Exhibit D, Appendix 2 – page (\d+) of (\d+)", text)
    assert pages and pages[0] == ("1", str(len(pages))), "each appendix counts its own pages"


def test_libreoffice_numbers_the_sections_of_the_appendix_forms(pdfs: dict[str, Path]) -> None:
    """The forms' section numbers come from numbering.xml, restart in each appendix and show
    once: "1 Tickets by Priority", never "1. 1. Tickets" or a bare "Tickets"."""
    text = _text(pdfs["case-study"])
    record = text.split("Appendix 2: Acceptance Test Record", 1)[1].split("Appendix 3:", 1)[0]
    report = text.split("Appendix 3: SLA Report Template", 1)[1]
    for part, sections in (
        (record, ["Functional Test", "Performance Test", "Stability Test", "Training Test"]),
        (
            report,
            [
                "Tickets by Priority",
                "Service Levels",
                "The five most frequent issues with their root causes",
                "Actions planned for the next month",
                "Excusable Delays Claimed",
            ],
        ),
    ):
        for number, title in enumerate(sections, 1):
            found = re.findall(rf"(\S+ )?(\S+ ){re.escape(title)}", part)
            assert found, title
            before, label = found[0]
            assert label == f"{number} ", f"{title!r} numbered {label!r}"
            assert not re.fullmatch(r"\d+\.? ", before), f"a doubled number before {title!r}"
    assert "Report Details" in report and not re.search(r"\d Report Details", report)


def test_libreoffice_keeps_the_content_controls(tmp_path: Path) -> None:
    """Opened and saved again by LibreOffice, the checklist keeps its checkbox and text controls."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) not installed")
    import zipfile

    exhibits = assemble_spec(load_spec(CASE_STUDY))
    source = tmp_path / "checklist.docx"
    source.write_bytes(render_documents(exhibits, title="Case study")[0][1])
    out = tmp_path / "saved"
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    xml = zipfile.ZipFile(out / "checklist.docx").read("word/document.xml").decode("utf-8")
    assert xml.count("<w14:checkbox>") == 5
    assert xml.count("<w:text/>") >= 10
