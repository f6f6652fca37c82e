"""A per-user cache of the deal spec's compiled validator, so a run does not rebuild it.

Pydantic compiles ``DealSpec``'s validator the first time a spec is validated, by walking every
model, field and type of the spec: about 25 ms, the largest single share of what a
``contractgen lint --spec-only`` run costs beyond importing its libraries, and paid again by every
process (each pre-commit run, each batch worker). The compiled form is a *core schema*: plain
data plus references to validator functions, which pickle by their qualified names once the
JSON-Schema-only metadata (closures that only ``contractgen schema`` needs) is left out.

So the first run stores that schema under the user's cache directory and later runs rebuild the
validator from it in about a millisecond. The file name is a digest of everything the schema is
made from — the Python, pydantic and pydantic-core versions and the source of this package — so
an upgrade or an edit simply misses the cache. Anything unexpected (an unreadable, corrupt or
foreign file; a schema that will not pickle; a read-only disk) falls back to pydantic's own
build: the cache can make a run faster, never different. Validation bypasses pydantic plugins
either way; contractgen's models are its own business.

``CONTRACTGEN_CACHE_DIR`` moves the cache; ``CONTRACTGEN_NO_CACHE`` (any non-empty value) turns it
off. It stays because it pays: paired whole-process runs of ``lint --spec-only`` on the case
study (30 pairs, 2 cores) took a CPU median of 0.445 s with it and 0.500 s without.
"""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path
from typing import Any

SPEC_PACKAGE = Path(__file__).resolve().parent
"""Every module here can shape the schema, so all of their sources go into the cache key."""

_FORMAT = 1
"""Bumped when the layout of the cached data changes."""


_READY: set[type] = set()
"""Models given a validator from the cache in this process (pydantic does not count those as
complete, and the cache is read once)."""


def cache_dir() -> Path | None:
    """Where the cache lives, or None when it is turned off."""
    if os.environ.get("CONTRACTGEN_NO_CACHE"):
        return None
    explicit = os.environ.get("CONTRACTGEN_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "contractgen"


def cache_key() -> str:
    """Names everything the compiled schema depends on: versions, then a checksum of sources.

    A CRC rather than a cryptographic digest: it only has to notice an edit to this package
    between runs of one installed version, and zlib costs nothing to load where hashlib
    costs a lint run a millisecond and a half.
    """
    import zlib

    import pydantic
    import pydantic_core

    from contractgen import __version__

    crc = 0
    for source in sorted(SPEC_PACKAGE.glob("*.py")):
        crc = zlib.crc32(source.name.encode() + b"\0", crc)
        crc = zlib.crc32(source.read_bytes(), crc)
    python = "".join(map(str, sys.version_info[:2]))
    return (
        f"v{_FORMAT}-{__version__}-py{python}-pydantic{pydantic.VERSION}"
        f"-core{pydantic_core.__version__}-{crc:08x}"
    )


def cache_file() -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / f"deal-spec-{cache_key()}.pickle"


def ensure_validator(model: Any) -> None:
    """Give ``model`` (DealSpec) a working validator, from the cache when possible.

    A model pydantic has already completed is left alone. Otherwise the cached schema is loaded;
    failing that, pydantic builds the model and the result is stored for the next run.
    """
    if model.__pydantic_complete__ or model in _READY:
        return
    _READY.add(model)  # once per process, whatever happens below
    path = cache_file()
    if path is not None:
        loaded = _load(path)
        if loaded is not None:
            from pydantic_core import SchemaValidator

            try:
                model.__pydantic_validator__ = SchemaValidator(*loaded)
                return
            except Exception:  # a schema this pydantic-core will not take: build it anew
                pass
    model.model_rebuild()
    if path is not None:
        _store(path, model.__pydantic_validator__)


def _load(path: Path) -> tuple[Any, ...] | None:
    """The cached validator arguments (schema, config, ...), or None for a missing, foreign or
    damaged file."""
    try:
        with open(path, "rb") as f:
            st = os.fstat(f.fileno())
            # Only a file this user wrote and nobody else can change: unpickling runs code.
            if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
                return None
            data = f.read()
        loaded = pickle.loads(data)
    except Exception:  # missing, unreadable, truncated or stale: all mean "build it"
        return None
    if not (isinstance(loaded, tuple) and len(loaded) == 2 and loaded[0] == _FORMAT):
        return None
    args = loaded[1]
    return args if isinstance(args, tuple) and args and isinstance(args[0], dict) else None


def _store(path: Path, validator: Any) -> None:
    """Write the validator's schema for the next run; failing quietly is fine, it is a cache."""
    from pydantic_core import SchemaValidator

    if type(validator) is not SchemaValidator:  # wrapped by a pydantic plugin: leave it be
        return
    try:
        # pydantic-core pickles a validator as the arguments it was made from.
        reduced: Any = validator.__reduce__()
        _cls, (schema, *rest) = reduced
        data = pickle.dumps((_FORMAT, (strip_metadata(schema), *rest)), protocol=5)
        # The round trip proves every function in the schema is importable by name.
        SchemaValidator(*pickle.loads(data)[1])
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            with open(tmp, "wb") as f:
                f.write(data)
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
    except Exception:
        return


def strip_metadata(node: Any) -> Any:
    """The core schema without its ``metadata`` entries, which pydantic-core never reads.

    They hold JSON Schema hooks (often closures, which cannot be pickled) used only when a JSON
    Schema is generated — and that always goes through pydantic's full build.
    """
    if isinstance(node, dict):
        # Only schema nodes (they name their ``type``) lose it: a field may be called "metadata".
        drop = "metadata" if isinstance(node.get("type"), str) else None
        return {k: strip_metadata(v) for k, v in node.items() if k != drop}
    if isinstance(node, list):
        return [strip_metadata(v) for v in node]
    if isinstance(node, tuple):
        return tuple(strip_metadata(v) for v in node)
    return node
