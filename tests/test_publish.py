"""Publishing a deal's files: all of the new set or the old set untouched, never a mixture."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from contractgen import build
from contractgen.build import publish
from contractgen.errors import UserError
from contractgen.output import atomic_write


def _read_set(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_publish_replaces_the_whole_set(tmp_path: Path) -> None:
    folder = tmp_path / "out" / "deal"
    publish(folder, {"a.md": b"old a", "stale.md": b"gone next time"})
    publish(folder, {"a.md": b"new a", "b.md": b"new b"})
    assert _read_set(folder) == {"a.md": b"new a", "b.md": b"new b"}
    leftovers = [p.name for p in folder.parent.iterdir() if p.name not in ("deal",)]
    assert all(name.endswith(".lock") for name in leftovers), leftovers


def test_a_failure_half_way_keeps_the_previous_set(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "out" / "deal"
    publish(folder, {"a.md": b"good a", "b.docx": b"good b"})
    calls = {"n": 0}
    real_fsync = os.fsync

    def failing_fsync(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(build.os, "fsync", failing_fsync)
    with pytest.raises(UserError, match="No space left"):
        publish(folder, {"a.md": b"new a", "b.docx": b"new b"})
    assert _read_set(folder) == {"a.md": b"good a", "b.docx": b"good b"}
    assert sorted(p.name for p in folder.parent.iterdir() if not p.name.endswith(".lock")) == [
        "deal"
    ]


def test_a_failed_swap_puts_the_old_set_back(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "out" / "deal"
    publish(folder, {"a.md": b"good"})
    real_rename = os.rename

    def rename(src: str | Path, dst: str | Path) -> None:
        if Path(dst) == folder and ".new-" in Path(src).name:
            raise OSError(5, "Input/output error")
        real_rename(src, dst)

    monkeypatch.setattr(build.os, "rename", rename)
    with pytest.raises(UserError):
        publish(folder, {"a.md": b"new"})
    assert _read_set(folder) == {"a.md": b"good"}


def test_two_builds_of_one_deal_do_not_interleave(tmp_path: Path) -> None:
    folder = tmp_path / "out" / "deal"
    sets = [{f"f{i}.md": f"build {n}".encode() for i in range(20)} for n in range(6)]
    threads = [threading.Thread(target=publish, args=(folder, s)) for s in sets]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    final = _read_set(folder)
    assert final in sets, "the folder mixes files of two builds"


def test_a_symlinked_deal_folder_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (out / "deal").symlink_to(elsewhere)
    with pytest.raises(UserError, match="outside the output folder"):
        build.deal_folder(out, "deal")


def test_an_unwritable_output_folder_is_a_user_error(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        blocker = tmp_path / "file"
        blocker.write_text("not a folder")
        with pytest.raises(UserError):
            publish(blocker / "deal", {"a.md": b"x"})
        return
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    with pytest.raises(UserError):
        publish(ro / "deal", {"a.md": b"x"})


def test_atomic_write_keeps_the_old_file_on_failure(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "deal.yaml"
    target.write_text("good")

    def boom(*_a: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("contractgen.output.os.replace", boom)
    with pytest.raises(UserError):
        atomic_write(target, "new")
    assert target.read_text() == "good"
    assert [p.name for p in tmp_path.iterdir()] == ["deal.yaml"]
