"""Replay every input in tests/fuzz/: each once broke something, or nearly did.

A fuzzer's find is only worth keeping if it is checked forever after; the corpus is that
memory. Every file runs through every command that reads its kind of input, and each must end
in exit 0, 1 or 2 with no traceback, leaving either nothing or complete document sets.
See tests/fuzz/README.md for what each folder holds and how to add a file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.robustness.helpers import (
    CASE,
    complete_set_problems,
    crash_problems,
    invoke,
    time_limit,
)

CORPUS = Path(__file__).resolve().parents[1] / "fuzz"
KINDS = ("specs", "configs", "clauses", "docx")


def _files(kind: str) -> list[Path]:
    return sorted(p for p in (CORPUS / kind).iterdir() if p.is_file())


def _ids(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


def test_the_corpus_holds_only_known_kinds_of_input() -> None:
    """A file dropped anywhere else would silently never be replayed."""
    stray = [
        p.relative_to(CORPUS).as_posix()
        for p in CORPUS.rglob("*")
        if p.is_file() and p.parent.name not in KINDS and p.name != "README.md"
    ]
    assert stray == []
    assert all(_files(kind) for kind in KINDS)


def _run(*args: object) -> list[str]:
    with time_limit(60):
        result = invoke(*args)
    return [f"{' '.join(str(a) for a in args[:1])}: {p}" for p in crash_problems(result)]


@pytest.mark.parametrize("spec", _files("specs"), ids=_ids(_files("specs")))
def test_spec(spec: Path, tmp_path: Path) -> None:
    """Build, validate and lint: three readers of a spec, each must fail cleanly or succeed."""
    out = tmp_path / "out"
    problems = _run("build", spec, "-o", out, "-j", "1", "-q")
    problems += complete_set_problems(out, "all")
    problems += _run("validate", spec)
    problems += _run("lint", spec, "--format", "json")
    assert problems == []


@pytest.mark.parametrize("config", _files("configs"), ids=_ids(_files("configs")))
def test_config(config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Named with --config, and found by walking up from the current folder."""
    name = "pyproject.toml" if config.name.endswith(".pyproject.toml") else "contractgen.toml"
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(config, project / name)
    out = tmp_path / "out"
    problems = _run("build", CASE, "--config", project / name, "-o", out, "--format", "md")
    problems += _run("lint", CASE, "--config", project / name)
    monkeypatch.chdir(project)
    problems += _run("build", CASE, "-o", out, "--format", "md")
    problems += _run("lint", CASE)
    problems += complete_set_problems(out, "md")
    assert problems == []


@pytest.mark.parametrize("clause", _files("clauses"), ids=_ids(_files("clauses")))
def test_clause(clause: Path, tmp_path: Path) -> None:
    """As the only clause of a company library, in every command that loads a library."""
    library = tmp_path / "acme"
    library.mkdir()
    shutil.copy(clause, library / clause.name)
    out = tmp_path / "out"
    problems = _run("build", CASE, "--library", library, "-o", out, "--format", "md", "-q")
    problems += _run("lint", CASE, "--library", library, "--format", "json")
    problems += _run("clauses", "--library", library)
    problems += complete_set_problems(out, "md")
    assert problems == []


@pytest.mark.parametrize("docx", _files("docx"), ids=_ids(_files("docx")))
def test_word_file(docx: Path, tmp_path: Path) -> None:
    """As the house style and as the cover: two different readers of the same file."""
    problems = []
    for option in ("--reference-docx", "--cover"):
        out = tmp_path / option.strip("-")
        problems += _run("build", CASE, option, docx, "-o", out, "--format", "docx", "-q")
        problems += complete_set_problems(out, "docx")
    assert problems == []
