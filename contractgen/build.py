"""From deal specs to files: render every document in memory, then publish the set at once.

A deal's documents are rendered completely before anything touches the output folder; they are
then written into a fresh temporary folder beside the target and swapped in with two renames,
under a per-deal lock. So a failed build never leaves a half-written or truncated file and never
destroys the previous good set, and two builds of the same deal at once cannot interleave.

Batches fan out over a process pool; each deal is independent, so ``--jobs 1`` and ``--jobs 4``
give byte-identical files. A worker never raises: it returns a :class:`DealResult`.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from contractgen import __version__
from contractgen.errors import Diagnostic, Location, UserError
from contractgen.output import current_umask
from contractgen.paths import BUILTIN_LIBRARY, DEFAULT_REFERENCE_DOCX

if TYPE_CHECKING:
    from contractgen.exhibit import Exhibit
    from contractgen.lint.config import LintConfig
    from contractgen.lint.engine import LintResult
    from contractgen.lint.problem import Problem
    from contractgen.spec.loader import LoadedSpec

FORMATS = ("md", "docx")
MANIFEST = ".contractgen-build.json"
PACK_NAME = "contract-pack.docx"

Status = Literal["built", "skipped", "rejected", "failed", "bug"]
"""``rejected``: lint (``build --lint``) found errors, so the deal was not written."""


@dataclass(frozen=True)
class BuildOptions:
    """Everything a build needs besides the spec; picklable for worker processes."""

    output: Path = Path("out")
    formats: tuple[str, ...] = FORMATS
    libraries: tuple[Path, ...] = ()
    reference_docx: Path | None = None
    cover: Path | None = None
    changed_only: bool = False
    lint: LintConfig | None = None
    """Lint each deal with this policy before it is written; None: do not lint."""
    lint_rejects: bool = True
    """With ``lint``: a deal with lint errors is not written (``build --lint``). False: the
    findings are reported and the deal is written anyway (plain ``build``)."""
    strict: bool = False
    """With ``lint``: warnings reject a deal too, not only errors."""
    toc: bool = False
    """A table of contents in each exhibit's Word document."""


@dataclass
class DealResult:
    """What happened to one spec; small and picklable, so a batch's memory stays flat."""

    spec: str
    status: Status
    deal_id: str | None = None
    folder: str | None = None
    files: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    findings: list[Problem] = field(default_factory=list)
    """Lint findings (``build --lint``), waived ones included and marked."""
    detail: str = ""
    seconds: float = 0.0


# --- inputs -------------------------------------------------------------------------------


_FINGERPRINTS: dict[tuple[str, ...], str] = {}


def _folder_fingerprint(folders: Sequence[Path]) -> str:
    """Hash of every file in the clause library layers (cached per process: batches reuse it)."""
    key = tuple(str(f) for f in folders)
    if key not in _FINGERPRINTS:
        h = hashlib.sha256()
        for folder in folders:
            if not folder.is_dir():
                continue
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                h.update(path.relative_to(folder).as_posix().encode())
                h.update(hashlib.sha256(path.read_bytes()).digest())
        _FINGERPRINTS[key] = h.hexdigest()
    return _FINGERPRINTS[key]


_DIGESTS: dict[tuple[str, int, int], bytes] = {}


def _file_digest(path: Path) -> bytes:
    """SHA-256 of a companion file, read once per process while its size and mtime hold (a
    batch hashes the same reference .docx for every deal)."""
    st = path.stat()
    key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
    if key not in _DIGESTS:
        _DIGESTS[key] = hashlib.sha256(path.read_bytes()).digest()
    return _DIGESTS[key]


def inputs_hash(spec_bytes: bytes, options: BuildOptions) -> str:
    """A content hash of everything that decides the output: spec, library, style, version."""
    h = hashlib.sha256()
    h.update(__version__.encode())
    h.update(",".join(options.formats).encode())
    h.update(b"toc" if options.toc else b"-")
    h.update(hashlib.sha256(spec_bytes).digest())
    h.update(_folder_fingerprint([BUILTIN_LIBRARY, *options.libraries]).encode())
    for extra in (options.reference_docx, options.cover):
        h.update(_file_digest(extra) if extra is not None and extra.is_file() else b"-")
    docx_default = "docx" in options.formats and options.reference_docx is None
    if docx_default and DEFAULT_REFERENCE_DOCX.is_file():
        h.update(_file_digest(DEFAULT_REFERENCE_DOCX))
    return h.hexdigest()


# --- rendering ------------------------------------------------------------------------------


def render_deal(
    loaded: LoadedSpec,
    options: BuildOptions,
    on_warning: Callable[[str], None],
    exhibits: Sequence[Exhibit] | None = None,
) -> dict[str, bytes]:
    """Render every requested document of one deal into memory: file name → bytes
    (``exhibits``: already assembled by the caller), with the deal's build record."""
    from contractgen.record import record_files

    if exhibits is None:
        exhibits = assemble_exhibits(loaded, options.libraries)
    files: dict[str, bytes] = record_files(loaded.spec, str(loaded.source), exhibits)
    if "md" in options.formats:
        for exhibit in exhibits:
            files[f"{exhibit.key}.md"] = exhibit.markdown_file.encode("utf-8")
    if "docx" in options.formats:
        from contractgen.docx import render_documents

        spec = loaded.spec
        singles, pack = render_documents(
            exhibits,
            reference=options.reference_docx,
            cover=options.cover,
            title=f"{spec.deal.exhibit.label} — {spec.deal.title}",
            on_warning=on_warning,
            toc=options.toc,
        )
        for exhibit, data in zip(exhibits, singles, strict=True):
            files[f"{exhibit.key}.docx"] = data
        files[PACK_NAME] = pack
    return files


# --- publishing -------------------------------------------------------------------------------


def deal_folder(output: Path, deal_id: str) -> Path:
    """The deal's folder inside ``output``; refuses anything that would land outside it."""
    from contractgen.library.slug import safe_slug

    root = output.resolve()
    folder = root / safe_slug(deal_id)
    if folder.parent != root or folder.is_symlink():
        raise UserError(
            str(output / safe_slug(deal_id)),
            "refusing to write outside the output folder (a symbolic link or '..' in the path)",
        )
    return folder


@contextlib.contextmanager
def _deal_lock(root: Path, name: str) -> Iterator[None]:
    """An exclusive lock per deal, so two builds of one deal wait for each other.

    The lock file exists only while a build holds it: it is removed before the lock is let go,
    also when the build fails or is interrupted, so the output folder keeps nothing but the
    deals. A build that waited on a file removed meanwhile finds it gone (another inode at the
    path, or none) and locks afresh, so two builds never hold "the" lock at once.
    """
    lock_path = root / f".{name}.lock"
    while True:
        fh = _open_lock(lock_path)
        try:
            _lock(fh)
            try:
                current = os.stat(lock_path, follow_symlinks=False)
            except FileNotFoundError:
                current = None
            if current is not None and current.st_ino == os.fstat(fh.fileno()).st_ino:
                break
        except BaseException:
            fh.close()
            raise
        fh.close()  # the file this build waited on was removed by the holder: try again
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock_path)
        fh.close()


def _open_lock(lock_path: Path) -> io.BufferedRandom:
    if lock_path.is_symlink():
        raise UserError(
            str(lock_path),
            "refusing to write outside the output folder (the lock file is a symbolic link)",
        )
    try:
        # O_NOFOLLOW: a link planted after the check above is refused too, never followed.
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except OSError as exc:
        raise UserError(str(lock_path), f"cannot create the lock file: {exc.strerror}") from None
    return os.fdopen(fd, "r+b")


def _lock(fh: io.BufferedRandom) -> None:
    try:
        if sys.platform == "win32":  # pragma: no cover - msvcrt locks a byte range instead
            import msvcrt

            msvcrt.locking(fh.fileno(), msvcrt.LK_LOCK, 1)
        else:
            import fcntl

            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
    except OSError as exc:
        raise UserError(str(fh.name), f"cannot lock the output folder: {exc.strerror}") from None


def publish(folder: Path, files: dict[str, bytes]) -> None:
    """Replace ``folder`` with exactly ``files``: all of the new set, or the old set untouched."""
    root = folder.parent
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(str(root), f"cannot create the output folder: {exc.strerror}") from None
    if not os.access(root, os.W_OK):
        raise UserError(str(root), "the output folder is not writable")
    with _deal_lock(root, folder.name):
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.new-", dir=root))
        try:
            # mkdtemp makes a private folder (0700); a published deal is as readable as any
            # folder the user creates, so it gets the mode their umask gives.
            os.chmod(staging, 0o777 & ~current_umask())
            for name, data in sorted(files.items()):
                target = staging / name
                with open(target, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
            old: Path | None = None
            if folder.exists():
                if not folder.is_dir() or folder.is_symlink():
                    raise UserError(str(folder), "exists and is not a folder contractgen made")
                old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old-", dir=root))
                os.rmdir(old)
                os.rename(folder, old)
            try:
                os.rename(staging, folder)
            except BaseException:  # Ctrl-C too: the old set must not stay hidden under .old-
                if old is not None:
                    os.rename(old, folder)
                raise
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        except OSError as exc:
            raise UserError(str(folder), f"cannot write the documents: {exc.strerror}") from None
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)


def _manifest(loaded: LoadedSpec, digest: str, files: dict[str, bytes]) -> bytes:
    """A record of what was built from what: deterministic, so rebuilds stay byte-identical."""
    spec = loaded.spec
    record = {
        "generator": f"contractgen {__version__}",
        "deal": spec.deal.id,
        "exhibit_version": spec.deal.exhibit.version,
        "inputs_sha256": digest,
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())},
    }
    return (json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _unchanged(folder: Path, digest: str) -> bool:
    try:
        record = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(record, dict) or not isinstance(record.get("files"), dict):
        return False  # edited or damaged by hand: build again rather than trust it
    return record.get("inputs_sha256") == digest and all(
        (folder / name).is_file() for name in record.get("files", {})
    )


# --- one deal, many deals -----------------------------------------------------------------


def build_deal(spec_path: Path, options: BuildOptions) -> DealResult:
    """Build one deal; never raises (errors come back in the result)."""
    from contractgen.spec.loader import load_spec_text, read_text

    started = time.perf_counter()
    result = DealResult(spec=str(spec_path), status="failed")
    try:
        text = read_text(spec_path, display=str(spec_path))
        loaded = load_spec_text(text, str(spec_path))
        result.deal_id = loaded.spec.deal.id
        folder = deal_folder(options.output, loaded.spec.deal.id)
        digest = inputs_hash(text.encode("utf-8"), options)
        unchanged = options.changed_only and _unchanged(folder, digest)
        gate = options.lint is not None and options.lint_rejects
        # The stages in order: assemble once, lint those exhibits, then render the same ones.
        # Unchanged deals are still linted under --lint: the policy may have changed.
        exhibits = None if unchanged and not gate else assemble_exhibits(loaded, options.libraries)
        if options.lint is not None and (exhibits is not None or gate):
            from contractgen.lint.problem import fails

            result.findings = _lint(loaded, options.lint, exhibits)
            if gate and fails(result.findings, strict=options.strict):
                result.status = "rejected"
                return result
        result.folder = str(folder)
        if unchanged:
            result.status = "skipped"
            return result
        files = render_deal(loaded, options, _once(result.warnings), exhibits)
        files[MANIFEST] = _manifest(loaded, digest, files)
        publish(folder, files)
        result.files = sorted(n for n in files if n != MANIFEST)
        result.status = "built"
    except UserError as exc:
        result.diagnostics = list(exc.diagnostics)
    except RecursionError:
        result.diagnostics = [Diagnostic(Location(str(spec_path)), "input is nested too deeply")]
    except Exception:
        result.status = "bug"
        result.detail = traceback.format_exc()
    finally:
        result.seconds = time.perf_counter() - started
    return result


def _lint(
    loaded: LoadedSpec, policy: LintConfig, exhibits: Sequence[Exhibit] | None
) -> list[Problem]:
    """Lint findings for a loaded deal, waived ones included, on the exhibits the build renders
    (their Markdown is parsed once for both, so linting adds little to a build)."""
    from contractgen.lint.engine import lint_loaded

    return lint_loaded(loaded, policy, exhibits=exhibits).problems


def assemble_exhibits(loaded: LoadedSpec, libraries: Sequence[Path] = ()) -> list[Exhibit]:
    """The assembly stage: the deal's exhibits from the clause library."""
    from contractgen.library.assemble import assemble_spec

    return assemble_spec(loaded, libraries)


def lint_deal(
    loaded: LoadedSpec,
    config: LintConfig | None = None,
    *,
    documents: bool = True,
    libraries: Sequence[Path] = (),
) -> LintResult:
    """``contractgen lint`` for one loaded deal: assemble the exhibits (only when a document rule
    is enabled) and hand them to lint, which never assembles anything itself."""
    from contractgen.lint.config import LintConfig
    from contractgen.lint.engine import lint_loaded, wants_documents

    config = config or LintConfig()
    exhibits = None
    if documents and wants_documents(config):
        exhibits = assemble_exhibits(loaded, libraries)
    return lint_loaded(loaded, config, exhibits=exhibits)


def _once(warnings: list[str]) -> Callable[[str], None]:
    """A warning sink that keeps each message once (every document may report the same one)."""

    def add(message: str) -> None:
        if message not in warnings:
            warnings.append(message)

    return add


def _worker(args: tuple[Path, BuildOptions]) -> DealResult:
    return build_deal(*args)


def build_many(
    specs: Sequence[Path],
    options: BuildOptions,
    *,
    jobs: int = 1,
    on_result: Callable[[DealResult], None] | None = None,
) -> list[DealResult]:
    """Build every spec, in parallel when ``jobs`` > 1; results come back in spec order."""
    results: list[DealResult | None] = [None] * len(specs)
    if jobs <= 1 or len(specs) <= 1:
        for i, spec in enumerate(specs):
            result = results[i] = build_deal(spec, options)
            if on_result:
                on_result(result)
        return [r for r in results if r is not None]

    from concurrent.futures import as_completed

    from contractgen.runtime import start_method, worker_pool

    first = 0
    if start_method() == "fork":
        # Built here, before the workers exist, so that they start warm (see start_method).
        first = 1
        result = results[0] = build_deal(specs[0], options)
        if on_result:
            on_result(result)
    rest = range(first, len(specs))
    # No max_tasks_per_child: CPython 3.11's pool can deadlock when it replaces a retired
    # worker. Memory stays flat without recycling: every per-process cache is bounded.
    with worker_pool(min(jobs, len(rest))) as pool:
        futures = {pool.submit(_worker, (specs[i], options)): i for i in rest}
        for future in as_completed(futures):
            i = futures[future]
            try:
                result = future.result()
            except Exception:  # a worker process died (out of memory, killed)
                result = DealResult(spec=str(specs[i]), status="bug", detail=traceback.format_exc())
            results[i] = result
            if on_result:
                on_result(result)
    return [r for r in results if r is not None]
