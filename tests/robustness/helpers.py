"""Shared helpers for the robustness tests: run the CLI, edit specs, and judge what was left behind.

The checks are written as functions that *return* a list of problems instead of asserting, so
each test can both assert "no problems" with the protection in place and assert "problems" with
the protection monkeypatched away. That second half shows the check has teeth: a test that still
passes after its protection is removed protects nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

from click.testing import CliRunner, Result

from contractgen.cli import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
CASE = ROOT / "examples" / "case-study-smart-shelf.yaml"
CASE_TEXT = CASE.read_text(encoding="utf-8")
CASE_DEAL = "shelfwise-pacific-2027"
PARTNER_LINE = "    name: Pacific Retail Systems, Inc."
"""The partner's name in the case study; tests swap it for hostile or international text."""

DOCUMENTS = (
    "sla-exhibit",
    "appendix-1-installation-checklist",
    "appendix-2-acceptance-record",
    "appendix-3-monthly-report",
)
MANIFEST = ".contractgen-build.json"
PACK = "contract-pack.docx"
TEMP_MARKERS = (".new-", ".old-")
"""Name parts of the staging folders :func:`contractgen.build.publish` swaps in and out."""


def expected_files(fmt: str) -> set[str]:
    """Every file a complete build of one deal holds for ``--format fmt``."""
    names = {MANIFEST, "build-record.md", "build-record.json"}  # the record, in every format
    if fmt in ("md", "all"):
        names |= {f"{d}.md" for d in DOCUMENTS}
    if fmt in ("docx", "all"):
        names |= {f"{d}.docx" for d in DOCUMENTS} | {PACK}
    return names


# --- running the command line ------------------------------------------------------------------


def invoke(*args: object) -> Result:
    """Run the CLI in-process, catching everything: a crash shows up in the result, not here.

    The shared ``run_cli`` fixture re-raises exceptions, which is right for feature tests; here an
    escaped exception *is* the failure being looked for, so it must be observable.
    """
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=True)


class TookTooLong(BaseException):
    """Raised by :func:`time_limit`; a BaseException so that no ``except Exception`` inside
    contractgen or click can mistake it for an ordinary failure and carry on."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail, rather than hang the whole test run, if the block takes longer than ``seconds``.

    A regression of an expansion bound turns a replayed input into hours of work; this turns
    it into one failing test. Only where a timer signal can be delivered (POSIX, main thread).
    """
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise TookTooLong(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_process(
    args: Sequence[object], cwd: Path, script: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m contractgen`` (or ``script``) for real: exactly what a terminal shows."""
    program = [str(script)] if script is not None else ["-m", "contractgen"]
    return subprocess.run(
        [sys.executable, *program, *(str(a) for a in args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )


def crash_problems(result: Result) -> list[str]:
    """An exit status other than 0, 1 or 2, a traceback, or an exception that escaped the CLI."""
    problems = []
    if result.exit_code not in (0, 1, 2):
        problems.append(f"exit status {result.exit_code}")
    if "Traceback" in result.output:
        problems.append("a traceback was printed")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        problems.append(f"{type(result.exception).__name__} escaped: {result.exception}")
    return problems


def user_error_problems(
    result: Result, path: str | Path, pattern: str, line: int | None = None
) -> list[str]:
    """Why ``result`` is not a clean user error: exit 2, ``file[:line:col]: message``, no trace.

    ``path`` is the file the first message must start with; with ``line``, the message must
    carry that line (and a column).
    """
    problems = crash_problems(result)
    if result.exit_code != 2:
        problems.append(f"exit status {result.exit_code}, expected 2")
    messages = [m for m in result.output.splitlines() if m.startswith(str(path))]
    if not messages:
        problems.append(f"no message starts with {path}: {result.output[:400]!r}")
    elif line is not None and not re.match(rf"^{re.escape(str(path))}:{line}:\d+: ", messages[0]):
        problems.append(f"expected {path}:{line}:<col>: …, got {messages[0]!r}")
    if not re.search(pattern, result.output):
        problems.append(f"{pattern!r} not in {result.output[:400]!r}")
    return problems


# --- specs -------------------------------------------------------------------------------------


def edited(text: str, old: str, new: str) -> str:
    """``text`` with its single occurrence of ``old`` replaced (fails loudly if absent)."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def write_spec(folder: Path, text: str, name: str = "deal.yaml") -> Path:
    """Write spec text as UTF-8 into ``folder`` and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, needle: str) -> int:
    """1-based line on which ``needle`` first occurs in ``text``."""
    return text[: text.index(needle)].count("\n") + 1


YAML_PRINTABLE = re.compile(
    "[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\x85\u2028\u2029\ufeff]"
)
"""Characters YAML may not hold raw, or reads as a line break or byte-order mark."""


def yaml_quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that reads back as exactly ``text``.

    Printable characters (CJK, emoji, right-to-left scripts) are written as themselves; the ones
    YAML cannot hold raw are written as ``\\uXXXX`` escapes, which the loader still sees (and
    refuses, if a Word document cannot hold them).
    """
    body = text.replace("\\", "\\\\").replace('"', '\\"')
    body = body.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return '"' + YAML_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", body) + '"'


def with_partner(name: str, text: str = CASE_TEXT) -> str:
    """The case study with the partner's legal name replaced by ``name``."""
    return edited(text, PARTNER_LINE, f"    name: {yaml_quoted(name)}")


# --- what a build leaves behind ---------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative name → bytes); empty if the folder does not exist."""
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def digest(files: dict[str, bytes]) -> dict[str, str]:
    """Short content hashes, so an assertion message stays readable."""
    return {name: hashlib.sha256(data).hexdigest()[:12] for name, data in files.items()}


def leftovers(output: Path) -> list[str]:
    """Staging folders a build left in the output folder (there must never be any)."""
    if not output.exists():
        return []
    return sorted(p.name for p in output.iterdir() if any(m in p.name for m in TEMP_MARKERS))


def kept_problems(output: Path, deal: str, before: dict[str, bytes]) -> list[str]:
    """Why the deal's previous set is not exactly as it was, or why temp folders remain."""
    problems = []
    after = snapshot(output / deal)
    if after != before:
        changed = sorted(n for n in before.keys() | after.keys() if before.get(n) != after.get(n))
        problems.append(f"previous files changed or lost: {changed}")
    if leftovers(output):
        problems.append(f"temporary folders left behind: {leftovers(output)}")
    return problems


def complete_set_problems(output: Path, fmt: str) -> list[str]:
    """The output folder holds nothing, or complete deal sets only: never part of one."""
    if not output.exists():
        return []
    problems = [f"temporary folder left behind: {name}" for name in leftovers(output)]
    for folder in sorted(p for p in output.iterdir() if p.is_dir()):
        names = {p.name for p in folder.iterdir()}
        if names != expected_files(fmt):
            problems.append(f"{folder.name} holds {sorted(names)}, not a complete {fmt} set")
        empty = sorted(n for n in names if not (folder / n).stat().st_size)
        problems += [f"{folder.name}/{name} is empty" for name in empty]
    return problems


# --- company clause libraries and Word files ---------------------------------------------------

CLAUSE_FRONT = '---\nid: {id}\ntitle: Company Clause\nversion: "1.0"\norder: 150\n---\n'
"""Front matter of a company clause: its body starts on line 7 of the file."""
BODY_LINE = 7
DEFAULT_REFERENCE = ROOT / "clause_library" / "templates" / "reference.docx"


def company_library(folder: Path, body: str, clause_id: str = "company-terms") -> Path:
    """A one-clause company library whose clause ``clause_id`` renders ``body``."""
    folder.mkdir(parents=True, exist_ok=True)
    clause = folder / f"{clause_id}.md.j2"
    clause.write_text(CLAUSE_FRONT.format(id=clause_id) + body + "\n", encoding="utf-8")
    return folder


def rezipped(source: bytes, change: dict[str, bytes | None]) -> bytes:
    """A copy of the .docx ``source`` with parts replaced (bytes) or removed (None)."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as zin, zipfile.ZipFile(out, "w") as zout:
        for name in zin.namelist():
            data = change.get(name, zin.read(name))
            if data is not None:
                zout.writestr(name, data)
    return out.getvalue()
