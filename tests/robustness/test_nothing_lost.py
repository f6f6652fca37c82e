"""Nothing lost: a failed rebuild leaves the last good set exactly as it was, and writes nowhere
else.

The documents in the output folder are what goes to the partner for signature. A rebuild that
fails half-way (a broken house style, a failing company clause, a full disk, Ctrl-C) must leave
the previous complete set byte for byte, and no staging folders behind; and no spec, link or
path trick may make contractgen write outside the output folder.
tests/test_publish.py tests :func:`~contractgen.build.publish` alone; these run the command.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

import contractgen.build
from tests.robustness.helpers import (
    CASE,
    CASE_DEAL,
    CASE_TEXT,
    EXAMPLES,
    MANIFEST,
    company_library,
    crash_problems,
    edited,
    expected_files,
    invoke,
    kept_problems,
    leftovers,
    snapshot,
    user_error_problems,
    write_spec,
)

CHANGED = edited(CASE_TEXT, "  term: 2 years", "  term: 3 years")
"""The case study with a different term: a rebuild that got through would change the files."""


def _rebuild(tmp: Path, out: Path, *options: object) -> tuple[int, str]:
    spec = write_spec(tmp / "specs", CHANGED, "case-study-smart-shelf.yaml")
    result = invoke("build", spec, "-o", out, "-j", "1", *options)
    return result.exit_code, result.output


def test_a_broken_reference_docx_keeps_even_the_markdown_of_the_last_build(
    tmp_path: Path, prebuilt: tuple[Path, dict[str, bytes]]
) -> None:
    """The new Markdown rendered fine; it must still not be published without its Word files."""
    out, before = prebuilt
    reference = tmp_path / "house.docx"
    reference.write_bytes(b"not a zip")
    code, output = _rebuild(tmp_path, out, "--reference-docx", reference)
    assert code == 2, output
    assert kept_problems(out, CASE_DEAL, before) == []


def test_a_failing_company_clause_keeps_the_last_build(
    tmp_path: Path, prebuilt: tuple[Path, dict[str, bytes]]
) -> None:
    """A clause that fails half-way through assembly publishes nothing of the new build."""
    out, before = prebuilt
    library = company_library(tmp_path / "acme", "{{ spec.deal.no_such_field }}")
    code, output = _rebuild(tmp_path, out, "--library", library)
    assert code == 2, output
    assert kept_problems(out, CASE_DEAL, before) == []


def _failing_on_call(n: int, real: object, error: BaseException) -> object:
    """A stand-in for an ``os`` function that fails on its ``n``-th call, like a disk filling up
    after a few files."""
    calls = {"count": 0}

    def call(*args: object) -> object:
        calls["count"] += 1
        if calls["count"] == n:
            raise error
        return real(*args)  # type: ignore[operator]

    return call


def test_a_full_disk_half_way_through_keeps_the_last_build(
    tmp_path: Path, prebuilt: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills after two of the new files are written: they stay in the staging folder, which
    is removed, and the user is told why."""
    out, before = prebuilt
    full = OSError(28, "No space left on device")
    monkeypatch.setattr(contractgen.build.os, "fsync", _failing_on_call(3, os.fsync, full))
    code, output = _rebuild(tmp_path, out)
    assert code == 2, output
    assert "No space left on device" in output
    assert kept_problems(out, CASE_DEAL, before) == []


@pytest.mark.parametrize(
    "error", [OSError(5, "Input/output error"), KeyboardInterrupt()], ids=["io-error", "ctrl-c"]
)
def test_a_failure_between_the_two_renames_puts_the_last_build_back(
    error: BaseException,
    tmp_path: Path,
    prebuilt: tuple[Path, dict[str, bytes]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The old set is moved aside, then the new one moved in: a failure (or Ctrl-C) between the
    two must move the old set back, or the deal folder is simply gone."""
    out, before = prebuilt
    real = os.rename

    def rename(src: str | Path, dst: str | Path) -> None:
        if ".new-" in Path(src).name:
            raise error
        real(src, dst)

    monkeypatch.setattr(contractgen.build.os, "rename", rename)
    code, output = _rebuild(tmp_path, out)
    assert code in (2, 130), output
    assert kept_problems(out, CASE_DEAL, before) == []


def test_a_batch_keeps_the_failed_deal_and_updates_the_others(tmp_path: Path) -> None:
    """In a batch, one deal's failure neither stops the others nor touches its own last good set."""
    specs = tmp_path / "specs"
    specs.mkdir()
    for path in EXAMPLES:
        shutil.copy(path, specs / path.name)
    out = tmp_path / "out"
    assert invoke("build", specs, "-o", out, "-j", "1", "-q").exit_code == 0
    before = {deal.name: snapshot(deal) for deal in out.iterdir() if deal.is_dir()}

    (specs / CASE.name).write_text(CHANGED, encoding="utf-8")
    broken = next(p for p in specs.iterdir() if p.name != CASE.name)
    text = broken.read_text(encoding="utf-8")
    broken.write_text(text.replace("\nsupport:", "\nsupport: [\n", 1), encoding="utf-8")
    result = invoke("build", specs, "-o", out, "-j", "1")
    assert result.exit_code == 1, result.output
    assert f"{broken}:" in result.output

    after = {deal.name: snapshot(deal) for deal in out.iterdir() if deal.is_dir()}
    assert after.keys() == before.keys()
    assert after[CASE_DEAL] != before[CASE_DEAL]  # the good deal was rebuilt
    assert set(after[CASE_DEAL]) == expected_files("all")
    unchanged = [name for name in before if name != CASE_DEAL]
    assert all(after[name] == before[name] for name in unchanged)
    assert leftovers(out) == []


@pytest.mark.parametrize("files", [[], "x", 5, None], ids=["list", "text", "number", "null"])
def test_a_damaged_build_record_means_build_again(
    files: object, prebuilt: tuple[Path, dict[str, bytes]]
) -> None:
    """``--changed-only`` trusts the record of the last build; a hand-edited or damaged one
    (here with the right input hash, so only its file list is wrong) must mean "rebuild",
    never a crash."""
    out, before = prebuilt
    record = json.loads(before[MANIFEST])
    record["files"] = files
    (out / CASE_DEAL / MANIFEST).write_text(json.dumps(record), encoding="utf-8")
    result = invoke("build", CASE, "-o", out, "--changed-only", "-j", "1")
    assert crash_problems(result) == []
    assert result.exit_code == 0, result.output
    assert snapshot(out / CASE_DEAL) == before  # rebuilt, byte-identical to the last build


# --- never outside the output folder ---------------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_deal_folder_that_links_elsewhere_is_refused(tmp_path: Path) -> None:
    """A planted link would make a build replace files anywhere the user may write."""
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "precious.txt").write_text("keep me", encoding="utf-8")
    (out / CASE_DEAL).symlink_to(elsewhere)
    result = invoke("build", CASE, "-o", out, "-j", "1")
    assert user_error_problems(result, out, r"refusing to write outside the output folder") == []
    assert snapshot(elsewhere) == {"precious.txt": b"keep me"}
    assert (out / CASE_DEAL).is_symlink()


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_lock_file_that_links_elsewhere_is_not_followed(tmp_path: Path) -> None:
    """Regression: the per-deal lock file was opened for appending through a planted link,
    creating (or touching) a file anywhere the user running the build may write."""
    out = tmp_path / "out"
    out.mkdir()
    target = tmp_path / "elsewhere" / "created-by-contractgen"
    target.parent.mkdir()
    (out / f".{CASE_DEAL}.lock").symlink_to(target)
    result = invoke("build", CASE, "-o", out, "-j", "1")
    assert user_error_problems(result, out, r"refusing to write outside the output folder") == []
    assert not target.exists()


@pytest.mark.parametrize("deal_id", ["../../escape", "/etc/cron.d/x", "a/../../b", "..", "C:\\x"])
def test_a_deal_id_with_a_path_in_it_is_refused(deal_id: str, tmp_path: Path) -> None:
    """The deal id names the output folder; the spec model refuses ids that are paths."""
    text = edited(CASE_TEXT, f"  id: {CASE_DEAL}", f"  id: '{deal_id}'")
    spec = write_spec(tmp_path / "specs", text)
    result = invoke("build", spec, "-o", tmp_path / "out" / "inner", "-j", "1")
    assert user_error_problems(result, spec, r"deal\.id") == []
    assert snapshot(tmp_path / "out") == {}


@pytest.mark.parametrize(
    "deal_id", ["..", "../x", "/abs/path", "a/../../b", "C:\\x", "\u202e..", "", "con", "." * 300]
)
def test_the_deal_folder_is_always_a_child_of_the_output_folder(
    deal_id: str, tmp_path: Path
) -> None:
    """Whatever the model lets through today, the folder name itself stays inside."""
    folder = contractgen.build.deal_folder(tmp_path, deal_id)
    assert folder.parent == tmp_path.resolve()
    assert folder.name not in ("", ".", "..")


# --- the protection removed ------------------------------------------------------------------


def _naive_publish(folder: Path, files: dict[str, bytes]) -> None:
    """Writing each file straight into place, as a simple tool would."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in sorted(files.items()):
        with open(folder / name, "wb") as fh:
            fh.write(data)
            os.fsync(fh.fileno())


def test_without_the_staging_folder_the_check_sees_a_half_written_set(
    tmp_path: Path, prebuilt: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Write files straight into place instead of staging them: the same full disk must now show up
    as lost files."""
    out, before = prebuilt
    monkeypatch.setattr(contractgen.build, "publish", _naive_publish)
    full = OSError(28, "No space left on device")
    monkeypatch.setattr(contractgen.build.os, "fsync", _failing_on_call(3, os.fsync, full))
    _rebuild(tmp_path, out)
    assert kept_problems(out, CASE_DEAL, before) != []


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_without_the_folder_check_the_build_writes_through_the_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Remove both layers (the folder check and publish's own refusal of a link): the build now
    writes through the link, which the test above would catch."""
    monkeypatch.setattr(contractgen.build, "deal_folder", lambda output, deal_id: output / deal_id)
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (out / CASE_DEAL).symlink_to(elsewhere)
    monkeypatch.setattr(contractgen.build, "publish", _naive_publish)
    invoke("build", CASE, "-o", out, "-j", "1", "--format", "md")
    assert snapshot(elsewhere) != {}
