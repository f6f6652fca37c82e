"""One error path: every mistake a user can make exits 2 with ``file:line:col: message``.

Whatever the user got wrong — the spec, a company clause, the reference or cover .docx, the
output folder, the configuration — they must see which file (and where in it) and exit 2, with no
traceback: a traceback tells a sales-ops user "the tool is broken" when the fix is theirs.
Anything else is a bug: a short apology that points at ``--debug``, exit 3, and the previous
documents left as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click
import pytest

from contractgen import cli as cli_module
from tests.robustness.helpers import (
    BODY_LINE,
    CASE,
    CASE_DEAL,
    CASE_TEXT,
    company_library,
    edited,
    invoke,
    kept_problems,
    line_of,
    run_process,
    user_error_problems,
    write_spec,
)

Case = Callable[[Path], tuple[list[object], str, str, int | None]]
"""Builds a bad input under a folder: (build arguments, file named, message pattern, line)."""


def _spec(old: str, new: str, pattern: str, offset: int = 0) -> Case:
    """A spec edit; the error is on the edited line, or ``offset`` lines after it."""

    def make(tmp: Path) -> tuple[list[object], str, str, int | None]:
        text = edited(CASE_TEXT, old, new)
        spec = write_spec(tmp, text)
        return [spec], str(spec), pattern, line_of(text, new.strip().splitlines()[0]) + offset

    return make


def _clause(body: str, pattern: str) -> Case:
    def make(tmp: Path) -> tuple[list[object], str, str, int | None]:
        library = company_library(tmp / "acme", body)
        clause = library / "company-terms.md.j2"
        return [CASE, "--library", library], str(clause), pattern, BODY_LINE

    return make


def _library_config(tmp: Path) -> tuple[list[object], str, str, int | None]:
    library = company_library(tmp / "acme", "Text.")
    (library / "library.yaml").write_text("name: acme\ndrop: [no-such-clause]\n", "utf-8")
    return [CASE, "--library", library], str(library / "library.yaml"), "cannot drop", 2


def _docx(option: str, data: bytes, pattern: str) -> Case:
    def make(tmp: Path) -> tuple[list[object], str, str, int | None]:
        path = tmp / "house.docx"
        path.write_bytes(data)
        return [CASE, option, path], str(path), pattern, None

    return make


def _output_under_a_file(tmp: Path) -> tuple[list[object], str, str, int | None]:
    (tmp / "notes.txt").write_text("not a folder", encoding="utf-8")
    return [CASE, "-o", tmp / "notes.txt" / "out"], str(tmp / "notes.txt"), "cannot", None


def _deal_folder_is_a_file(tmp: Path) -> tuple[list[object], str, str, int | None]:
    out = tmp / "out"
    out.mkdir()
    (out / CASE_DEAL).write_text("someone else's file", encoding="utf-8")
    folder = (out / CASE_DEAL).resolve()
    return [CASE, "-o", out], str(folder), "not a folder contractgen made", None


def _lock_is_a_folder(tmp: Path) -> tuple[list[object], str, str, int | None]:
    out = tmp / "out"
    (out / f".{CASE_DEAL}.lock").mkdir(parents=True)
    return [CASE, "-o", out], str(out.resolve() / f".{CASE_DEAL}.lock"), "lock file", None


def _config(name: str, text: str | bytes, pattern: str, line: int | None = None) -> Case:
    def make(tmp: Path) -> tuple[list[object], str, str, int | None]:
        path = tmp / "cfg" / name
        path.parent.mkdir()
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        return [CASE, "--config", path], str(path), pattern, line

    return make


CASES: dict[str, Case] = {
    # the parser notices the open bracket where the next line fails to continue it
    "spec: YAML syntax": _spec(
        "  currency: USD\n", "  currency: [USD\n", r"a list opened with \[ is not closed", 1
    ),
    "spec: unknown key": _spec("  title: Smart", "  titel: Smart", r'unknown key "titel"'),
    "spec: value out of range": _spec("  due_day: 5", "  due_day: 31", r"due_day"),
    "spec: time zone is a folder": _spec(
        "  timezone: America/Los_Angeles", "  timezone: America", r"not an IANA time zone"
    ),
    "library: template syntax": _clause("{% if %}", r"clause 'company-terms': template syntax"),
    "library: undefined field": _clause("{{ spec.deal.nothing }}", r"'spec.deal.nothing'"),
    "library: library.yaml": _library_config,
    "reference: not a zip": _docx("--reference-docx", b"plain text", r"not a Word \.docx"),
    "cover: not a zip": _docx("--cover", b"PK\x03\x04 truncated", r"not a Word \.docx"),
    "output: under a file": _output_under_a_file,
    "output: deal folder is a file": _deal_folder_is_a_file,
    "output: lock file is a folder": _lock_is_a_folder,
    "config: TOML syntax": _config("contractgen.toml", "output = 'a' 'b'\n", r"TOML", 1),
    "config: unknown setting": _config("contractgen.toml", "libary = 'x'\n", r"unknown setting"),
    "config: wrong type": _config("contractgen.toml", "output = 3\n", r"output must be a path"),
    "config: not UTF-8": _config("contractgen.toml", b"output = 'caf\xe9'\n", r"cannot read"),
    "config: [tool] not a table": _config("pyproject.toml", "tool = 5\n", r"\[tool\]"),
    "config: [tool.contractgen] not a table": _config(
        "pyproject.toml", "[tool]\ncontractgen = 'yes'\n", r"\[tool\.contractgen\]"
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_each_kind_of_bad_input_is_a_clean_user_error(name: str, tmp_path: Path) -> None:
    """One case per source of user error: each names its file (and line where the file has lines)
    and exits 2."""
    args, path, pattern, line = CASES[name](tmp_path)
    if "-o" not in args:  # the output cases name their own folder
        args += ["-o", tmp_path / "out"]
    result = invoke("build", *args, "-j", "1")
    assert user_error_problems(result, path, pattern, line) == []


LINT_CONFIGS = {
    "not UTF-8": ("contractgen.toml", b"[lint]\nselect = ['caf\xe9']\n", r"cannot read"),
    "TOML syntax": ("contractgen.toml", b"[lint\n", r"TOML"),
    "select not a list": ("contractgen.toml", b"[lint]\nselect = 5\n", r"select"),
    "[tool] not a table": ("pyproject.toml", b"tool = 5\n", r"\[tool\]"),
}


@pytest.mark.parametrize("name", list(LINT_CONFIGS))
def test_a_bad_lint_configuration_is_a_clean_user_error(name: str, tmp_path: Path) -> None:
    """lint reads its policy with its own reader; it must fail the same clean way."""
    file_name, data, pattern = LINT_CONFIGS[name]
    path = tmp_path / file_name
    path.write_bytes(data)
    result = invoke("lint", CASE, "--config", path)
    assert user_error_problems(result, path, pattern) == []


def test_a_pyproject_with_a_non_table_tool_is_refused_when_found_by_walking_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The configuration is found, not named, so the user may not know it is being read."""
    (tmp_path / "pyproject.toml").write_text("tool = 5\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for command in (["build", CASE, "-o", tmp_path / "out"], ["lint", CASE]):
        result = invoke(*command)
        assert user_error_problems(result, tmp_path / "pyproject.toml", r"\[tool\]") == []


def test_the_real_process_prints_one_line_per_problem_and_no_traceback(tmp_path: Path) -> None:
    """CliRunner mixes streams; a real process shows exactly what lands on the terminal."""
    text = edited(CASE_TEXT, "  term: 2 years", "  term: 2 fortnights")
    write_spec(tmp_path, text)
    proc = run_process(["build", "deal.yaml", "-o", "out", "-q"], tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    assert proc.stderr.splitlines()[0].startswith(f"deal.yaml:{line_of(text, 'fortnights')}:")
    assert not (tmp_path / "out" / CASE_DEAL).exists()


# --- bugs: exit 3, an apology, nothing changed -------------------------------------------------


def _boom(*_args: object, **_kwargs: object) -> bytes:
    raise RuntimeError("simulated defect in the pack renderer")


def test_a_bug_mid_build_exits_3_and_changes_nothing(
    prebuilt: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A defect in contractgen itself, simulated in the pack renderer: the user is told it is a bug,
    not their file, and keeps the last good set; --debug shows the traceback to report."""
    out, before = prebuilt
    import contractgen.docx

    monkeypatch.setattr(contractgen.docx, "render_documents", _boom)
    result = invoke("build", CASE, "-o", out, "-j", "1")
    assert result.exit_code == 3, result.output
    assert "internal error" in result.output and "--debug" in result.output
    assert "Traceback" not in result.output
    assert "simulated defect" not in result.output
    assert kept_problems(out, CASE_DEAL, before) == []

    debug = invoke("--debug", "build", CASE, "-o", out, "-j", "1")
    assert debug.exit_code == 3
    assert "Traceback" in debug.output and "simulated defect" in debug.output
    assert kept_problems(out, CASE_DEAL, before) == []


def test_a_bug_outside_any_deal_exits_3_with_the_apology(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A defect before any deal is built reaches the CLI's own handler, not the per-deal one."""
    import contractgen.config

    def broken(_path: Path | None = None) -> None:
        raise KeyError("simulated defect")

    monkeypatch.setattr(contractgen.config, "load_project_config", broken)
    result = invoke("build", CASE, "-o", tmp_path / "out")
    assert result.exit_code == 3
    assert "this is a bug" in result.output and "--debug" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_the_real_entry_point_exits_3_on_a_bug(tmp_path: Path) -> None:
    """``main()``, the console script, maps a bug to 3 too, not just click's test runner."""
    script = tmp_path / "run.py"
    script.write_text(
        "import contractgen.docx\n"
        "def boom(*args, **kwargs):\n"
        "    raise RuntimeError('simulated defect')\n"
        "contractgen.docx.render_documents = boom\n"
        "from contractgen.cli import main\n"
        "main()\n",
        encoding="utf-8",
    )
    proc = run_process(["build", CASE, "-o", "out", "-q"], tmp_path, script=script)
    assert proc.returncode == 3, proc.stderr
    assert "Traceback" not in proc.stderr and "simulated defect" not in proc.stderr
    assert "--debug" in proc.stderr
    assert not (tmp_path / "out" / CASE_DEAL).exists()


# --- the protection removed --------------------------------------------------------------------


def test_without_the_error_mapping_the_check_sees_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Take away the CLI's UserError handling: the same bad configuration must now fail the
    check, proving the check above would notice a regression."""
    args, path, pattern, line = CASES["config: unknown setting"](tmp_path)
    monkeypatch.setattr(cli_module.LazyGroup, "invoke", click.Group.invoke)
    result = invoke("build", *args, "-o", tmp_path / "out")
    assert user_error_problems(result, path, pattern, line) != []
