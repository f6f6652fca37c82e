"""A build leaves nothing in the output folder but the deals' folders: no lock, no temp files.

The per-deal lock file exists only while a build holds it, whether the build succeeds, fails or
is interrupted; the build record sits inside the deal's folder, next to the outputs.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from contractgen import build as build_module
from contractgen.build import BuildOptions, build_deal, publish
from tests.conftest import ROOT

CASE_STUDY = ROOT / "examples" / "case-study-smart-shelf.yaml"


def test_a_build_leaves_only_the_deal_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = build_deal(CASE_STUDY, BuildOptions(output=out, formats=("md",)))
    assert result.status == "built"
    assert os.listdir(out) == ["shelfwise-pacific-2027"]
    files = set(os.listdir(out / "shelfwise-pacific-2027"))
    assert {"build-record.md", "build-record.json"} <= files
    assert not [f for f in files if f.endswith(".lock") or ".new-" in f or ".old-" in f]


def test_a_failed_publish_leaves_no_lock_and_the_old_set(tmp_path: Path) -> None:
    out = tmp_path / "out"
    folder = out / "deal"
    publish(folder, {"a.md": b"old"})

    class Boom(Exception):
        pass

    def failing_fsync(fd: int) -> None:
        raise Boom

    original = build_module.os.fsync
    build_module.os.fsync = failing_fsync  # type: ignore[assignment]
    try:
        with pytest.raises(Boom):
            publish(folder, {"a.md": b"new"})
    finally:
        build_module.os.fsync = original  # type: ignore[assignment]
    assert os.listdir(out) == ["deal"]
    assert (folder / "a.md").read_bytes() == b"old"


def test_an_interrupted_publish_leaves_no_lock(tmp_path: Path) -> None:
    out = tmp_path / "out"

    def interrupt(fd: int) -> None:
        raise KeyboardInterrupt

    original = build_module.os.fsync
    build_module.os.fsync = interrupt  # type: ignore[assignment]
    try:
        with pytest.raises(KeyboardInterrupt):
            publish(out / "deal", {"a.md": b"x"})
    finally:
        build_module.os.fsync = original  # type: ignore[assignment]
    assert os.listdir(out) == []
