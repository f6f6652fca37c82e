"""Where a spec to compare comes from: a file, or ``REV:path`` read from git.

"What did we change since the signed version" should be one command, so a spec can be named as
git names a file at a revision (``HEAD~1:deals/acme.yaml``, ``v1.0:deal.yaml``). Git's own
error (unknown revision, path not in that revision, not a repository) is reported as the user's
error with exit 2, never as a traceback.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from contractgen.errors import UserError
from contractgen.spec.limits import MAX_FILE_BYTES
from contractgen.spec.loader import LoadedSpec, decode, load_spec_text, read_text

_REV_PATH = re.compile(r"^(?P<rev>[^:\s][^:]*):(?P<path>.*)$")
_GIT_TIMEOUT = 30


def is_git_source(arg: str) -> bool:
    """True when ``arg`` names ``REV:path`` rather than a file that exists."""
    if Path(arg).exists():
        return False
    if re.match(r"^[A-Za-z]:[\\/]", arg):  # a Windows drive, not a revision
        return False
    return _REV_PATH.match(arg) is not None


def read_source(arg: str, *, cwd: Path | None = None) -> str:
    """The text of a spec named by a path or by ``REV:path``."""
    if not is_git_source(arg):
        return read_text(Path(arg), display=arg)
    match = _REV_PATH.match(arg)
    assert match is not None
    rev, path = match["rev"], match["path"]
    if not path:
        raise UserError(
            arg, "names a revision but no file; expected REV:path, e.g. HEAD~1:deal.yaml"
        )
    git = shutil.which("git")
    if git is None:
        raise UserError(arg, "reading REV:path needs git, which is not installed")
    try:
        done = subprocess.run(
            [git, "show", f"{rev}:{path}"],
            cwd=cwd,
            capture_output=True,
            timeout=_GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise UserError(arg, f"git could not be run: {exc}") from None
    if done.returncode != 0:
        raise UserError(arg, _git_problem(done.stderr.decode("utf-8", "replace"), rev, path))
    if len(done.stdout) > MAX_FILE_BYTES:
        raise UserError(arg, f"file is larger than {MAX_FILE_BYTES:,} bytes")
    return decode(done.stdout, arg)


def _git_problem(stderr: str, rev: str, path: str) -> str:
    """Git's complaint in one line, with what was expected."""
    first = next((line.strip() for line in stderr.splitlines() if line.strip()), "")
    first = first.removeprefix("fatal: ")
    if "not a git repository" in first:
        return "is not inside a git repository, so REV:path cannot be read; name a file instead"
    if "does not exist in" in first or "exists on disk, but not in" in first:
        return f"git has no file '{path}' in revision '{rev}' (git: {first})"
    if "invalid object name" in first or "unknown revision" in first or "bad revision" in first:
        return f"git knows no revision '{rev}' (expected a commit, tag or branch, e.g. HEAD~1)"
    return f"git cannot read it: {first or 'unknown error'}"


def load_source(arg: str, *, cwd: Path | None = None) -> LoadedSpec:
    """Read and validate a spec named by a path or ``REV:path``; errors carry positions."""
    return load_spec_text(read_source(arg, cwd=cwd), arg)
