"""Compiled clause templates kept per user, so a process does not compile the library again.

Compiling a clause template (lexing, parsing, generating Python, compiling that) is most of what
a single ``contractgen build`` costs: every process used to compile the whole built-in library
before rendering a word. Jinja2 can keep the compiled code of a template in a *bytecode cache*;
:class:`TemplateCache` is one, with the rules this project needs:

* **An entry is named by everything its code depends on**: the template's name, file and source,
  the environment's settings (:func:`environment_fingerprint`: delimiters, whitespace options,
  sandbox class and the source of the module that defines it, finalize, undefined, filters,
  tests, globals and the sandbox limits), the Jinja2 version and the Python version. A change of
  any of them names another entry, so an edit recompiles and nothing stale is ever loaded.
* **It only ever makes a run faster, never different.** Loading code runs it, so an entry is
  trusted only if it is a regular file owned by this user in a folder owned by this user, and
  neither is writable by anyone else; its contents carry a digest that is checked before the
  code is read. A missing, damaged, foreign or unreadable entry, a cache folder that is a file,
  or a disk that refuses writes all mean the same thing: compile as if there were no cache.
* **One switch.** ``CONTRACTGEN_NO_CACHE`` (any non-empty value) turns it off; the per-user
  validator cache obeys the same variable. ``CONTRACTGEN_CACHE_DIR`` moves both.

Besides the code, an entry keeps the names a template reads without defining them
(:func:`jinja2.meta.find_undeclared_variables`), which the library loader needs to know and which
otherwise cost a second parse. The same folder, under the same rules, keeps what the loader made
of a library layer's clause files (their checked front matter, as plain data: see
:func:`load_data`), named by the files' text and the source of the code that checks them.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import stat
import sys
import weakref
from dataclasses import dataclass
from pathlib import Path
from types import CodeType
from typing import Any

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket

SWITCH = "CONTRACTGEN_NO_CACHE"
"""Environment variable: any non-empty value turns the cache off."""

_MAGIC = b"contractgen compiled template 1\n"
"""First bytes of every entry; bumped when the layout changes."""
_DIGEST_SIZE = 32
_TEMPLATE = ".jinja"
"""File suffix of a compiled template."""
_CLAUSES = ".clauses"
"""File suffix of a library layer's parsed clause files (see :mod:`contractgen.library.loader`)."""
_SUFFIXES = (_TEMPLATE, _CLAUSES)
_MAX_ENTRIES = 2000
"""Entries kept at most (about 25 MB); the built-in library and its conditions are about 40."""
_MAX_ENTRY_BYTES = 8 * 1024 * 1024
"""An entry larger than this is not read (the largest built-in template compiles to ~60 KB)."""
_SETTINGS = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "optimized",
    "autoescape",
    "finalize",
    "undefined",
    "is_async",
    "sandboxed",
    "intercepted_binops",
    "intercepted_unops",
)
"""Environment attributes that shape a template's compiled code."""


def cache_dir() -> Path | None:
    """The folder compiled templates live in, or None when the cache is switched off."""
    if os.environ.get(SWITCH):
        return None
    explicit = os.environ.get("CONTRACTGEN_CACHE_DIR")
    if explicit:
        base = Path(explicit)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        base = Path(xdg if xdg else os.path.join(os.path.expanduser("~"), ".cache"))
        base = base / "contractgen"
    return base / "templates"


@dataclass(frozen=True)
class Compiled:
    """A template's code and the names it reads without defining them."""

    code: CodeType
    undeclared: frozenset[str]


def compile_source(env: Environment, source: str, name: str, filename: str) -> Compiled:
    """Compile ``source`` once, from the cache when the environment has one.

    Raises what :meth:`jinja2.Environment.parse` raises for a template that does not compile.
    """
    cache = env.bytecode_cache
    if isinstance(cache, TemplateCache):
        found = cache.lookup(env, name, filename, source)
        if found is not None:
            return found
    from jinja2 import meta

    tree = env.parse(source, name, filename)
    undeclared = frozenset(meta.find_undeclared_variables(tree))
    compiled = Compiled(env.compile(tree, name, filename), undeclared)
    if isinstance(cache, TemplateCache):
        cache.store(env, name, filename, source, compiled)
    return compiled


def template_cache() -> TemplateCache | None:
    """A cache in the user's cache folder, or None when :data:`SWITCH` turns it off."""
    folder = cache_dir()
    return None if folder is None else TemplateCache(folder)


def load_data(key: str) -> Any:
    """Plain data (marshal types) stored under ``key`` by :func:`store_data`, or None."""
    cache = template_cache()
    payload = None if cache is None else cache.read(key, _CLAUSES)
    if payload is None:
        return None
    try:
        return marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None


def store_data(key: str, data: Any) -> None:
    """Keep plain data (str, int, bool, None, tuples of them) for the next process."""
    cache = template_cache()
    if cache is None:
        return
    try:
        payload = marshal.dumps(data)
    except ValueError:
        return
    cache.write(key, _CLAUSES, payload)


def digest(*parts: str | bytes) -> str:
    """A key for :func:`load_data`: the SHA-256 of ``parts``, each length-prefixed."""
    h = hashlib.sha256(f"python {sys.version}".encode())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


_FINGERPRINTS: weakref.WeakKeyDictionary[Environment, bytes] = weakref.WeakKeyDictionary()


def environment_fingerprint(env: Environment) -> bytes:
    """A digest of every setting of ``env`` that can change what a template compiles to.

    Computed once per environment: Jinja2 documents that an environment must not be changed
    after its first template is loaded, and contractgen configures its environments completely
    before that.
    """
    known = _FINGERPRINTS.get(env)
    if known is not None:
        return known
    from jinja2 import __version__ as jinja_version

    from contractgen.library import limits

    parts = [f"jinja2 {jinja_version}", f"python {sys.version}"]
    for cls in type(env).__mro__:
        parts.append(_describe(cls))
        module = sys.modules.get(cls.__module__)
        file = getattr(module, "__file__", None)
        if cls.__module__.startswith("contractgen.") and file:
            parts.append(hashlib.sha256(Path(file).read_bytes()).hexdigest())
    for attr in _SETTINGS:
        parts.append(f"{attr}={_describe(getattr(env, attr, None))}")
    parts.append(f"extensions={sorted(env.extensions)}")
    for table_name in ("filters", "tests", "globals"):
        table = getattr(env, table_name)
        parts.extend(f"{table_name}.{k}={_describe(table[k])}" for k in sorted(table))
    parts.extend(f"limits.{k}={getattr(limits, k)!r}" for k in sorted(vars(limits)) if k.isupper())
    digest = hashlib.sha256("\n".join(parts).encode("utf-8")).digest()
    _FINGERPRINTS[env] = digest
    return digest


def _describe(value: Any) -> str:
    """A stable text for a setting: functions and classes by qualified name, the rest by repr."""
    if isinstance(value, (frozenset, set)):
        return repr(sorted(value))
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '?')}.{value.__qualname__}"
    if callable(value):
        return f"{type(value).__module__}.{type(value).__qualname__}"
    return repr(value)


def entry_key(env: Environment, name: str, filename: str | None, source: str) -> str:
    """The entry's name: a digest of the template and of everything its code depends on."""
    h = hashlib.sha256(environment_fingerprint(env))
    for part in (name, filename or "", source):
        data = part.encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


class TemplateCache(BytecodeCache):
    """Jinja2 bytecode cache in one private folder; see the module docstring for the rules."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._usable: bool | None = None

    # --- Jinja2's interface (used for includes and imports of partials) --------------------

    def get_bucket(
        self, environment: Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        bucket = Bucket(environment, entry_key(environment, name, filename, source), "")
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        found = _decode(self.read(bucket.key, _TEMPLATE))
        if found is not None:
            bucket.code = found.code

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is not None:
            self.write(bucket.key, _TEMPLATE, _encode(Compiled(bucket.code, frozenset())))

    def clear(self) -> None:
        """Remove every entry (the folder stays)."""
        if not self._folder_ok():
            return
        for suffix in _SUFFIXES:
            for entry in self.folder.glob(f"*{suffix}"):
                entry.unlink(missing_ok=True)

    # --- contractgen's own use: code and undeclared names together ----------------------

    def lookup(
        self, env: Environment, name: str, filename: str | None, source: str
    ) -> Compiled | None:
        """The cached compilation of ``source``, or None."""
        return _decode(self.read(entry_key(env, name, filename, source), _TEMPLATE))

    def store(
        self, env: Environment, name: str, filename: str | None, source: str, compiled: Compiled
    ) -> None:
        """Keep ``compiled`` for the next process (quietly does nothing if it cannot)."""
        self.write(entry_key(env, name, filename, source), _TEMPLATE, _encode(compiled))

    # --- files ---------------------------------------------------------------------------

    def _folder_ok(self) -> bool:
        """Create the folder (private) if need be; trust it only if this user alone can write it."""
        if self._usable is None:
            self._usable = False
            try:
                self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
                self._usable = _private(os.lstat(self.folder), stat.S_ISDIR)
            except OSError:  # a file where the folder should be, a read-only disk
                pass
        return self._usable

    def read(self, key: str, suffix: str) -> bytes | None:
        """The payload of entry ``key``, or None unless it is present, private and intact."""
        if not self._folder_ok():
            return None
        try:
            fd = os.open(self.folder / f"{key}{suffix}", os.O_RDONLY | _NOFOLLOW)
        except OSError:
            return None
        try:
            with os.fdopen(fd, "rb") as f:
                st = os.fstat(f.fileno())
                if not _private(st, stat.S_ISREG) or st.st_size > _MAX_ENTRY_BYTES:
                    return None
                data = f.read()
        except OSError:
            return None
        head = len(_MAGIC) + _DIGEST_SIZE
        if not data.startswith(_MAGIC):
            return None
        digest, payload = data[len(_MAGIC) : head], data[head:]
        return payload if hashlib.sha256(payload).digest() == digest else None

    def write(self, key: str, suffix: str, payload: bytes | None) -> None:
        """Store ``payload`` as entry ``key``, atomically; quietly nothing if it cannot."""
        if payload is None or not self._folder_ok():
            return
        data = _MAGIC + hashlib.sha256(payload).digest() + payload
        target = self.folder / f"{key}{suffix}"
        tmp = self.folder / f".{key}.{os.getpid()}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, target)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            return
        self._prune()

    def _prune(self) -> None:
        """Keep the folder bounded: past :data:`_MAX_ENTRIES`, drop the oldest-written half.

        Entries of edited templates are never read again; this runs only after a write (a
        cache miss), so a run that finds everything cached never lists the folder.
        """
        try:
            entries = [e for e in os.scandir(self.folder) if e.name.endswith(_SUFFIXES)]
            if len(entries) <= _MAX_ENTRIES:
                return
            entries.sort(key=lambda e: e.stat(follow_symlinks=False).st_mtime_ns)
            for entry in entries[: len(entries) - _MAX_ENTRIES // 2]:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
        except OSError:
            return


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _private(st: os.stat_result, is_kind: Any) -> bool:
    """Of the expected kind, owned by this user, and not writable by group or others."""
    if not is_kind(st.st_mode):
        return False
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        return False
    return not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _encode(compiled: Compiled) -> bytes | None:
    try:
        return marshal.dumps((compiled.code, tuple(sorted(compiled.undeclared))))
    except ValueError:  # marshal refuses the object: leave it uncached
        return None


def _decode(payload: bytes | None) -> Compiled | None:
    """A compiled template from an entry's payload, or None if it is not one."""
    if payload is None:
        return None
    try:
        code, names = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    if not isinstance(code, CodeType) or not all(isinstance(n, str) for n in names):
        return None
    return Compiled(code, frozenset(names))
