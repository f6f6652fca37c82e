"""``contractgen diff`` and ``contractgen redline`` end to end: exit codes, git sources, bad
input, output folder, determinism."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.redline.conftest import CASE, SCENARIOS, edited, position

DATE = "2027-03-01T09:00:00Z"


@pytest.fixture
def specs(tmp_path: Path) -> tuple[Path, Path]:
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    old.write_text(CASE.read_text(encoding="utf-8"), encoding="utf-8")
    new.write_text(edited(SCENARIOS["figures"] + SCENARIOS["table-rows"]), encoding="utf-8")
    return old, new


def test_diff_exit_codes_and_text(run_cli, specs: tuple[Path, Path]) -> None:
    old, new = specs
    same = run_cli("diff", old, old)
    assert same.exit_code == 0 and "no changes" in same.output
    result = run_cli("diff", old, new)
    assert result.exit_code == 1
    line = next(ln for ln in result.output.splitlines() if "acceptance.window" in ln)
    at_new = position(new.read_text(), "45 days", after="window:")
    at_old = position(old.read_text(), "60 days", after="window:")
    # new position first, the old one after; the clauses that read the value
    assert line.startswith(f"{new}:{at_new}: acceptance.window: 60 days → 45 days")
    assert "Section 4 Acceptance Test" in line and f"(was at {old}:{at_old})" in line
    row = position(old.read_text(), "activity: Operator training")
    assert (
        f"{old}:{row}: responsibilities[3]: removed activity: Operator training," in result.output
    )


def test_diff_json_and_markdown(run_cli, specs: tuple[Path, Path]) -> None:
    old, new = specs
    record = json.loads(run_cli("diff", old, new, "--format", "json").output)
    paths = {c["path"]: c for c in record["changes"]}
    assert set(paths) == {
        "installation.lead_time",
        "acceptance.window",
        "penalties.cap_per_period",
        "responsibilities[3]",
        "responsibilities[5]",
    }
    window = paths["acceptance.window"]
    assert (window["old"], window["new"]) == ("60 days", "45 days")
    at_old = position(old.read_text(), "60 days", after="window:")
    assert window["old_position"] == f"{old}:{at_old}"
    assert paths["responsibilities[5]"]["kind"] == "added"
    md = run_cli("diff", old, new, "--format", "md").output
    assert "| `acceptance.window` | 60 days | 45 days |" in md


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_diff_reads_rev_path_from_git(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    (repo / "deals").mkdir(parents=True)
    spec = repo / "deals" / "acme.yaml"
    spec.write_text(CASE.read_text(encoding="utf-8"), encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "signed")
    spec.write_text(edited(SCENARIOS["party-name"]), encoding="utf-8")
    monkeypatch.chdir(repo)
    result = run_cli("diff", "HEAD:deals/acme.yaml", "deals/acme.yaml")
    assert result.exit_code == 1
    at = position(CASE.read_text(encoding="utf-8"), "Pacific Retail Systems, Inc.")
    assert f"(was at HEAD:deals/acme.yaml:{at})" in result.output  # the old side's position
    bad_rev = run_cli("diff", "v9.9:deals/acme.yaml", "deals/acme.yaml")
    assert bad_rev.exit_code == 2
    assert "git knows no revision 'v9.9'" in bad_rev.stderr
    bad_path = run_cli("diff", "HEAD:deals/nope.yaml", "deals/acme.yaml")
    assert bad_path.exit_code == 2
    assert "git has no file 'deals/nope.yaml' in revision 'HEAD'" in bad_path.stderr


def test_bad_input_exits_2_with_a_position(run_cli, specs: tuple[Path, Path]) -> None:
    old, new = specs
    new.write_text(new.read_text().replace("window: 45 days", "window: soon"), encoding="utf-8")
    for command in ("diff", "redline"):
        result = run_cli(command, old, new)
        assert result.exit_code == 2
        assert f"{new}:{position(new.read_text(), 'soon')}" in result.stderr
    missing = run_cli("diff", old, old.parent / "missing.yaml")
    assert missing.exit_code == 2 and "file not found" in missing.stderr


def test_different_deals_are_refused_unless_allowed(
    run_cli, specs: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = specs
    new.write_text(
        new.read_text().replace("id: shelfwise-pacific-2027", "id: other-deal"), encoding="utf-8"
    )
    refused = run_cli("redline", old, new, "-o", tmp_path / "out", "--date", DATE)
    assert refused.exit_code == 2
    at = position(new.read_text(), "other-deal")
    assert f"{new}:{at}: deal 'other-deal' is not deal 'shelfwise-pacific-2027'" in refused.stderr
    assert not (tmp_path / "out").exists()
    allowed = run_cli(
        "redline", old, new, "-o", tmp_path / "out", "--date", DATE, "--allow-different-deals"
    )
    assert allowed.exit_code == 0, allowed.stderr
    assert (tmp_path / "out" / "other-deal" / "redline-sla-exhibit.docx").is_file()


def test_redline_writes_the_folder_byte_identically(
    run_cli, specs: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = specs
    out = tmp_path / "out"
    result = run_cli("redline", old, new, "-o", out, "--date", DATE, "--author", "Legal")
    assert result.exit_code == 0, result.stderr
    folder = out / "shelfwise-pacific-2027"
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "changes.docx",
        "changes.md",
        "redline-appendix-1-installation-checklist.docx",
        "redline-appendix-2-acceptance-record.docx",
        "redline-appendix-3-monthly-report.docx",
        "redline-contract-pack.docx",
        "redline-sla-exhibit.docx",
        "redline.md",
    ]
    first = {p.name: p.read_bytes() for p in folder.iterdir()}
    run_cli("redline", old, new, "-o", out, "--date", DATE, "--author", "Legal")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == first
    assert b'w:author="Legal"' in _document_xml(folder / "redline-sla-exhibit.docx")
    redline_md = (folder / "redline.md").read_text(encoding="utf-8")
    assert "<del>sixty</del><ins>forty-five</ins>" in redline_md
    assert "(removed table row) <del>Operator training</del>" in redline_md
    changes = (folder / "changes.md").read_text(encoding="utf-8")
    assert "| `acceptance.window` | 60 days | 45 days |" in changes
    # the change list is not inside the redlined documents
    assert b"acceptance.window" not in _document_xml(folder / "redline-contract-pack.docx")


def _document_xml(path: Path) -> bytes:
    import zipfile

    with zipfile.ZipFile(path) as zf:
        return zf.read("word/document.xml")


def test_revision_date_from_source_date_epoch(
    run_cli, specs: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = specs
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1801440000")
    assert run_cli("redline", old, new, "-o", tmp_path).exit_code == 0
    xml = _document_xml(tmp_path / "shelfwise-pacific-2027" / "redline-sla-exhibit.docx")
    assert b'w:date="2027-02-01T00:00:00Z"' in xml
    bad = run_cli("redline", old, new, "-o", tmp_path, "--date", "next tuesday")
    assert bad.exit_code == 2 and "expected e.g. 2027-01-31" in bad.stderr


def test_default_folder_and_removed_appendix(
    run_cli, specs: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = specs
    new.write_text(
        new.read_text().replace(
            "\nparties:", "\nclauses:\n  exclude: [monthly-report]\n\nparties:"
        ),
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = run_cli("redline", old, new, "--date", DATE)
    assert result.exit_code == 0, result.stderr
    folder = tmp_path / "out" / "shelfwise-pacific-2027" / "redline"
    removed = _document_xml(folder / "redline-appendix-3-monthly-report.docx")
    assert b"<w:ins " not in removed and b"<w:del " in removed
    assert (
        "clause 'monthly-report' (SLA Report Template) removed" in run_cli("diff", old, new).output
    )


def test_library_versions_differ_is_allowed_and_said(
    run_cli, specs: tuple[Path, Path], tmp_path: Path
) -> None:
    from contractgen.paths import BUILTIN_LIBRARY

    old, new = specs
    source = (BUILTIN_LIBRARY / "governance" / "termination.md.j2").read_text(encoding="utf-8")
    for name, version in (("lib-old", "1.0"), ("lib-new", "1.1")):
        folder = tmp_path / name / "governance"
        folder.mkdir(parents=True)
        (folder / "termination.md.j2").write_text(
            re.sub(r'(?m)^version: ".*"$', f'version: "{version}"', source), encoding="utf-8"
        )
    args = ("--library", tmp_path / "lib-new", "--old-library", tmp_path / "lib-old")
    diff = run_cli("diff", old, old, *args)
    assert diff.exit_code == 1
    assert (
        "clause 'termination' (Chronic Failure and Termination): library version 1.0 → 1.1"
        in diff.output
    )
    assert "different versions of the clause library" in diff.output
    result = run_cli("redline", old, new, "-o", tmp_path / "out", "--date", DATE, *args)
    assert result.exit_code == 0 and "clause library versions differ" in result.stderr
