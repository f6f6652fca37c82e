"""``contractgen redline``: build both deals in memory, compare every document, publish the set.

Nothing is written until every document has been compared; the folder is then replaced as a
whole (:func:`contractgen.build.publish`), so a failed run leaves the previous redline intact.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from contractgen.errors import UserError
from contractgen.exhibit import Exhibit
from contractgen.redline.specdiff import DealDiff, diff_deals
from contractgen.spec.loader import LoadedSpec

PACK = "contract-pack"
DEFAULT_AUTHOR = "contractgen"


@dataclass(frozen=True)
class RedlineOptions:
    """What a redline needs besides the two specs."""

    output: Path | None = None
    """``DIR``: the redline goes to ``DIR/<deal-id>/``; None: ``out/<deal-id>/redline/``."""
    author: str = DEFAULT_AUTHOR
    date: str | None = None
    """ISO 8601 date or date-time for every revision; None: SOURCE_DATE_EPOCH, else now."""
    libraries: tuple[Path, ...] = ()
    old_libraries: tuple[Path, ...] | None = None
    """Company libraries for the old version when they differ from the new one's."""
    reference_docx: Path | None = None
    allow_different_deals: bool = False


@dataclass
class RedlineResult:
    folder: Path
    files: list[str]
    diff: DealDiff
    revisions: dict[str, int] = field(default_factory=dict)


def revision_date(option: str | None, *, now: datetime | None = None) -> str:
    """The date stamped on every revision, as Word writes it (``2027-01-31T09:00:00Z``)."""
    if option is not None:
        try:
            moment = datetime.fromisoformat(option.strip().replace("Z", "+00:00"))
        except ValueError:
            raise UserError(
                "--date",
                f"'{option}' is not an ISO 8601 date; expected e.g. 2027-01-31 or "
                "2027-01-31T09:00:00Z",
            ) from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
    else:
        raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        if raw:
            try:
                moment = datetime.fromtimestamp(int(raw), tz=UTC)
            except (ValueError, OverflowError, OSError):
                raise UserError(
                    "SOURCE_DATE_EPOCH",
                    f"'{raw}' is not a whole number of seconds since 1970 "
                    "(e.g. 1801440000 for 2027-02-01)",
                ) from None
        else:
            moment = now or datetime.now(UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def check_same_deal(old: LoadedSpec, new: LoadedSpec, allow: bool) -> None:
    """Two different deals are refused unless asked for: it is almost always a wrong file."""
    if old.spec.deal.id == new.spec.deal.id or allow:
        return
    where = new.positions.location(("deal", "id"))
    raise UserError(
        where.path,
        f"deal '{new.spec.deal.id}' is not deal '{old.spec.deal.id}' of {old.path}; compare two "
        "versions of one deal, or pass --allow-different-deals to compare anyway",
        where.line,
        where.col,
    )


def _document_id(exhibit: Exhibit) -> str:
    """What identifies a document across versions: an appendix by its clause, not its number."""
    if exhibit.key.startswith("appendix-") and exhibit.clause_versions:
        return "appendix:" + exhibit.clause_versions[0][0]
    return exhibit.key


def _render(
    loaded: LoadedSpec, libraries: Sequence[Path], reference: Path | None
) -> tuple[list[Exhibit], list[bytes], bytes]:
    """The deal's exhibits and their .docx files, rendered exactly as ``build`` renders them."""
    from contractgen.build import PACK_NAME, BuildOptions, render_deal
    from contractgen.library.assemble import assemble_spec

    options = BuildOptions(formats=("docx",), libraries=tuple(libraries), reference_docx=reference)
    # The build reports rendering warnings; a redline repeats nothing.
    files = render_deal(loaded, options, lambda _message: None)
    exhibits = assemble_spec(loaded, libraries)  # the assembly render_deal used (cached)
    return exhibits, [files[f"{e.key}.docx"] for e in exhibits], files[PACK_NAME]


def redline_files(
    old: LoadedSpec, new: LoadedSpec, options: RedlineOptions
) -> tuple[dict[str, bytes], DealDiff, dict[str, int]]:
    """Every file of the redline folder, in memory: name → bytes."""
    from contractgen.docx import render_exhibit
    from contractgen.redline.docxdiff import redline_docx
    from contractgen.redline.report import as_markdown, redline_markdown

    check_same_deal(old, new, options.allow_different_deals)
    date = revision_date(options.date)
    old_libs = options.old_libraries if options.old_libraries is not None else options.libraries
    diff = diff_deals(old, new, libraries=options.libraries, old_libraries=old_libs)
    old_ex, old_docs, old_pack = _render(old, old_libs, options.reference_docx)
    new_ex, new_docs, new_pack = _render(new, options.libraries, options.reference_docx)

    olds = {_document_id(e): (e, d) for e, d in zip(old_ex, old_docs, strict=True)}
    news = {_document_id(e): (e, d) for e, d in zip(new_ex, new_docs, strict=True)}
    order = [*news, *(k for k in olds if k not in news)]
    files: dict[str, bytes] = {}
    revisions: dict[str, int] = {}
    sections = []
    pack = redline_docx(
        old_pack,
        new_pack,
        author=options.author,
        date=date,
        old_name=f"{old.path} ({PACK})",
        new_name=f"{new.path} ({PACK})",
    )
    name = f"redline-{PACK}.docx"
    files[name] = pack.data
    revisions[name] = pack.revisions
    for doc_id in order:
        o = olds.get(doc_id)
        n = news.get(doc_id)
        exhibit = (n or o)[0]  # type: ignore[index]
        result = redline_docx(
            o[1] if o else None,
            n[1] if n else None,
            author=options.author,
            date=date,
            old_name=f"{old.path} ({exhibit.key})",
            new_name=f"{new.path} ({exhibit.key})",
        )
        name = f"redline-{exhibit.key}.docx"
        files[name] = result.data
        revisions[name] = result.revisions
        status = "" if o and n else (" (new document)" if n else " (removed document)")
        sections.append((f"{exhibit.title}{status}", result.revisions, result.passages))

    changes_md = as_markdown(diff)
    files["changes.md"] = changes_md.encode("utf-8")
    files["redline.md"] = redline_markdown(diff, sections).encode("utf-8")
    spec = new.spec
    summary = Exhibit(
        key="changes",
        title=f"Changes to deal {spec.deal.id}",
        markdown=changes_md,
        deal_id=spec.deal.id,
        version=spec.deal.exhibit.version,
        company=spec.parties.brand.name,
        subject=f"Changes from {old.path} to {new.path}",
    )
    files["changes.docx"] = render_exhibit(
        summary, reference=options.reference_docx, on_warning=lambda _m: None
    )
    return files, diff, revisions


def redline_folder(new: LoadedSpec, output: Path | None) -> Path:
    """``DIR/<deal-id>/`` with ``-o DIR``, else ``out/<deal-id>/redline/``."""
    from contractgen.build import deal_folder

    if output is not None:
        return deal_folder(output, new.spec.deal.id)
    return deal_folder(Path("out"), new.spec.deal.id) / "redline"


def run_redline(old: LoadedSpec, new: LoadedSpec, options: RedlineOptions) -> RedlineResult:
    """Compare, then publish the whole folder at once."""
    from contractgen.build import publish

    files, diff, revisions = redline_files(old, new, options)
    folder = redline_folder(new, options.output)
    if folder.parent.is_symlink():
        raise UserError(str(folder.parent), "refusing to write through a symbolic link")
    publish(folder, files)
    return RedlineResult(folder, sorted(files), diff, revisions)
