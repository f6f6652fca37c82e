"""The CLI's own behaviour: version, init, validate, exit codes, and that every command is
documented in the README's CLI reference."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from contractgen import __version__
from contractgen.cli import cli
from tests.conftest import EXAMPLES, PRESETS, ROOT


def test_version(run_cli) -> None:
    result = run_cli("--version")
    assert result.exit_code == 0
    assert __version__ in result.output


def test_python_dash_m_works() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "contractgen", "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )
    assert proc.returncode == 0
    assert "validate" in proc.stdout


@pytest.mark.parametrize("preset", PRESETS)
def test_init_writes_a_valid_commented_spec(preset: str, tmp_path: Path, run_cli) -> None:
    out = tmp_path / "deal.yaml"
    result = run_cli("init", "--preset", preset, "-o", out)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert text.count("#") > 40, "the starter spec should explain itself"
    assert run_cli("validate", out).exit_code == 0


def test_init_schema_line_names_the_schema_wherever_the_spec_lives(
    tmp_path: Path, run_cli
) -> None:
    """The public $id, not a path into this checkout or installation: the line stays right when
    the spec is moved, committed or opened on another machine."""
    import json

    for folder in (tmp_path, tmp_path / "deep" / "er"):
        out = folder / "deal.yaml"
        assert run_cli("init", "-o", out).exit_code == 0
        ref = out.read_text(encoding="utf-8").splitlines()[0].split("$schema=")[1]
        committed = json.loads((ROOT / "schemas" / "deal-spec.schema.json").read_text())
        assert ref == committed["$id"]
        assert ref.startswith("https://")


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_init_gives_the_spec_the_mode_of_any_new_file(tmp_path: Path, run_cli) -> None:
    """Written atomically through a private temporary file, the spec must still end up with the
    mode the user's umask gives (0644 under the usual 022), so teammates and CI can read it."""
    old = os.umask(0o022)
    try:
        run_cli("init", "-o", tmp_path / "a.yaml")
        os.umask(0o002)
        run_cli("init", "-o", tmp_path / "b.yaml")
    finally:
        os.umask(old)
    assert (tmp_path / "a.yaml").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "b.yaml").stat().st_mode & 0o777 == 0o664


def test_init_refuses_to_overwrite(tmp_path: Path, run_cli) -> None:
    out = tmp_path / "deal.yaml"
    out.write_text("keep me", encoding="utf-8")
    result = run_cli("init", "-o", out)
    assert result.exit_code == 2
    assert "already exists" in result.output
    assert out.read_text(encoding="utf-8") == "keep me"
    assert run_cli("init", "-o", out, "--force").exit_code == 0
    assert out.read_text(encoding="utf-8") != "keep me"


def test_init_to_stdout(run_cli) -> None:
    result = run_cli("init", "--preset", "premium", "-o", "-")
    assert result.exit_code == 0
    assert "package: premium" in result.output


def test_validate_examples(run_cli) -> None:
    result = run_cli("validate", *EXAMPLES)
    assert result.exit_code == 0, result.output
    assert result.output.count(": valid") == len(EXAMPLES)


def test_validate_reports_every_bad_file_and_exits_2(tmp_path: Path, run_cli) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("deal: [\n", encoding="utf-8")
    result = run_cli("validate", EXAMPLES[0], bad, tmp_path / "missing.yaml")
    assert result.exit_code == 2
    assert f"{bad}:" in result.output
    assert "missing.yaml: file not found" in result.output


def test_internal_error_is_an_apology_with_exit_3(monkeypatch, run_cli) -> None:
    import contractgen.spec.loader as loader

    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(loader, "load_spec", boom)
    result = run_cli("validate", EXAMPLES[0])
    assert result.exit_code == 3
    assert "bug" in result.output
    assert "Traceback" not in result.output
    debug = run_cli("--debug", "validate", EXAMPLES[0])
    assert debug.exit_code == 3
    assert "RuntimeError: boom" in debug.output


def _all_commands() -> list[str]:
    import click

    ctx = click.Context(cli)
    return cli.list_commands(ctx)


@pytest.mark.parametrize("name", _all_commands())
def test_every_command_has_help_and_a_readme_entry(name: str) -> None:
    import click

    ctx = click.Context(cli)
    command = cli.get_command(ctx, name)
    assert command is not None
    assert (command.help or "").strip(), f"{name} has no help text"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"### `contractgen {name}" in readme, f"README's CLI reference lacks {name}"


# --- leaving without the interpreter's teardown -------------------------------------------------

FLAWED = ROOT / "tests" / "lint" / "flawed" / "textbook-mistakes.yaml"


def _contractgen(*args: str, **kwargs: object) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "COVERAGE_PROCESS_START"}
    return subprocess.run(
        [sys.executable, "-m", "contractgen", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        **kwargs,  # type: ignore[arg-type]
    )


def test_fast_exit_keeps_every_byte_of_buffered_output(tmp_path: Path) -> None:
    """stdout to a file is block-buffered: the report must be flushed before the process ends."""
    import json

    report = tmp_path / "report.json"
    with report.open("w") as fh:
        done = subprocess.run(
            [sys.executable, "-m", "contractgen", "lint", "--format", "json", str(FLAWED)],
            stdout=fh,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env={k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"},
        )
    assert done.returncode == 1
    findings = json.loads(report.read_text(encoding="utf-8"))
    assert len(findings) >= 9
    assert "10 errors" in done.stderr


def test_exit_statuses_survive_the_fast_exit() -> None:
    clean = ("lint", "--spec-only", "--select", "ORD001", str(EXAMPLES[0]))
    assert _contractgen(*clean).returncode == 0
    assert _contractgen("lint", str(FLAWED)).returncode == 1
    missing = _contractgen("validate", "nope.yaml")
    assert missing.returncode == 2
    assert "nope.yaml: file not found" in missing.stderr


def test_a_reader_that_stops_early_gets_no_noise() -> None:
    """``contractgen lint … | head -1``: the closed pipe ends the run quietly."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "contractgen", "lint", "--format", "json", str(FLAWED)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Traceback" not in err
    assert "Exception ignored" not in err


def test_the_fast_exit_can_be_switched_off() -> None:
    """With CONTRACTGEN_FULL_EXIT the interpreter's teardown runs: exit handlers see it."""
    code = (
        "import atexit\n"
        "from contractgen.runtime import leave\n"
        "atexit.register(lambda: print('handlers ran'))\n"
        "leave(0)\n"
    )
    run = {"cwd": ROOT, "capture_output": True, "text": True}
    fast = subprocess.run([sys.executable, "-c", code], **run)
    full = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, "CONTRACTGEN_FULL_EXIT": "1"}, **run
    )
    assert fast.stdout == "" and fast.returncode == 0
    assert full.stdout == "handlers ran\n" and full.returncode == 0


def test_leave_flushes_what_is_still_buffered() -> None:
    code = (
        "import sys\n"
        "from contractgen.runtime import leave\n"
        "sys.stdout.write('out' * 1000)\n"
        "sys.stderr.write('err')\n"
        "leave(3)\n"
    )
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=buffered
    )
    assert done.returncode == 3
    assert done.stdout == "out" * 1000
    assert done.stderr == "err"
