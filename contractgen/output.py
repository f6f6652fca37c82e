"""Writing files so that a failure never leaves a half-written one or destroys a good one.

Each file is written to a temporary file in the same folder, flushed to disk, then moved over
the target with ``os.replace`` (atomic on POSIX and Windows): a reader sees the old file or the
new one, never a mixture. The one file writer of the project: specs from ``init``, the schema,
lint reports. (A deal's output folder is published as a whole by :func:`contractgen.build.publish`.)
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from contractgen.errors import UserError


def current_umask() -> int:
    """The process umask (reading it means setting it; it is set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write(path: Path, data: bytes | str) -> None:
    """Replace ``path`` with ``data`` atomically; raise UserError if the folder is unwritable.

    The file gets the mode any new file of the user's gets (0666 less the umask: usually 0644),
    not the private 0600 of a temporary file, so teammates and CI can read what was written.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UserError(str(folder), f"cannot write here: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            if hasattr(os, "fchmod"):  # POSIX; Windows has no modes to give
                os.fchmod(fh.fileno(), 0o666 & ~current_umask())
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise UserError(str(path), f"cannot write: {exc.strerror or exc}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
