"""``contractgen clauses``: list the clauses in force and the library layer each comes from.

Legal approves clause text by version; this listing is how they see which version of which
clause a build would use once a company library is layered over the built-in one.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from contractgen.cli_options import config_option, library_option, project_settings
from contractgen.library.loader import ClauseInfo, list_clauses


def format_text(infos: list[ClauseInfo]) -> str:
    """Aligned columns: id, version, kind, layer, title."""
    header = ("ID", "VERSION", "KIND", "LAYER", "TITLE")
    rows = [header] + [
        (i.id, i.version, i.kind + (" (optional)" if i.optional else ""), i.layer, i.title)
        for i in infos
    ]
    widths = [max(len(r[col]) for r in rows) for col in range(len(header) - 1)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(r[:-1], widths, strict=True))
        + "  "
        + r[-1]
        for r in rows
    ]
    return "\n".join(lines)


@click.command("clauses")
@library_option
@config_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
def clauses(libraries: tuple[Path, ...], config_path: Path | None, fmt: str) -> None:
    """List clause ids, versions and titles, and the library layer each comes from.

    Without --library, the configuration's library is listed: the layers a build would use.
    """
    infos = list_clauses(tuple(libraries) or project_settings(config_path).libraries)
    if fmt == "json":
        click.echo(json.dumps([i.as_record() for i in infos], indent=2, ensure_ascii=False))
    else:
        click.echo(format_text(infos))
