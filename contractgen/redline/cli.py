"""``contractgen diff`` and ``contractgen redline``: thin commands over the redline package."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from contractgen.cli_options import config_option, library_option, project_settings
from contractgen.errors import EXIT_FINDINGS, EXIT_OK

F = TypeVar("F", bound=Callable[..., object])


def old_library_option(f: F) -> F:
    """``--old-library DIR`` (repeatable): OLD's own company library, when it differs."""
    return click.option(
        "--old-library",
        "old_libraries",
        multiple=True,
        type=click.Path(file_okay=False, path_type=Path),
        metavar="DIR",
        help="A company clause library for OLD only, when OLD was built with another one "
        "(repeatable; default: the --library layers).",
    )(f)


@click.command()
@click.argument("old")
@click.argument("new")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "md"]),
    default="text",
    show_default=True,
    help="text: file:line:col lines; json: one record; md: a Markdown table.",
)
@library_option
@old_library_option
@config_option
def diff(
    old: str,
    new: str,
    fmt: str,
    libraries: tuple[Path, ...],
    old_libraries: tuple[Path, ...],
    config_path: Path | None,
) -> None:
    """List what changed between two versions of a deal: each spec value with its old and new
    value and position, and the clauses whose text it changes.

    OLD and NEW are each a spec file or REV:path read from git (e.g. HEAD~1:deals/acme.yaml).
    Exit 0 when the deals are the same, 1 when they
    differ, 2 on bad input.
    """
    from contractgen.redline.report import as_json, as_markdown, as_text
    from contractgen.redline.source import load_source
    from contractgen.redline.specdiff import diff_deals

    libraries = libraries or project_settings(config_path).libraries
    old_spec = load_source(old)
    new_spec = load_source(new)
    result = diff_deals(
        old_spec, new_spec, libraries=libraries, old_libraries=old_libraries or None
    )
    render = {"text": as_text, "json": as_json, "md": as_markdown}[fmt]
    click.echo(render(result), nl=False)
    raise SystemExit(EXIT_OK if result.same else EXIT_FINDINGS)


@click.command()
@click.argument("old")
@click.argument("new")
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write into DIR/<deal-id>/.  [default: out/<deal-id>/redline/]",
)
@click.option("--author", default="contractgen", show_default=True, help="Revision author.")
@click.option(
    "--date",
    default=None,
    help="ISO 8601 date of every revision, e.g. 2027-01-31T09:00:00Z  "
    "[default: SOURCE_DATE_EPOCH, else now]",
)
@library_option
@old_library_option
@config_option
@click.option(
    "--reference-docx",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The .docx whose styles both versions were built with (as for build).",
)
@click.option(
    "--allow-different-deals",
    is_flag=True,
    help="Compare two specs with different deal ids (refused by default).",
)
def redline(
    old: str,
    new: str,
    output: Path | None,
    author: str,
    date: str | None,
    libraries: tuple[Path, ...],
    old_libraries: tuple[Path, ...],
    config_path: Path | None,
    reference_docx: Path | None,
    allow_different_deals: bool,
) -> None:
    """Write NEW's documents with Word tracked changes against OLD, plus a change summary.

    Writes redline-contract-pack.docx, one redline-<document>.docx per exhibit and appendix,
    changes.docx, changes.md and redline.md. OLD and NEW are each a spec file or REV:path read
    from git (e.g. HEAD~1:deals/acme.yaml).
    """
    from contractgen.redline.run import RedlineOptions, run_redline
    from contractgen.redline.source import load_source

    settings = project_settings(config_path)
    libraries = libraries or settings.libraries
    reference_docx = reference_docx or settings.reference_docx
    old_spec = load_source(old)
    new_spec = load_source(new)
    options = RedlineOptions(
        output=output,
        author=author,
        date=date,
        libraries=libraries,
        old_libraries=old_libraries or None,
        reference_docx=reference_docx,
        allow_different_deals=allow_different_deals,
    )
    result = run_redline(old_spec, new_spec, options)
    total = sum(result.revisions.values())
    note = ""
    if result.diff.library_changed:
        note = " (clause library versions differ; see changes.md)"
    click.echo(
        f"wrote {result.folder}: {len(result.diff.changes)} changed value(s), "
        f"{result.revisions.get('redline-contract-pack.docx', 0)} tracked revision(s) in the "
        f"pack, {total} in all documents{note}",
        err=True,
    )
