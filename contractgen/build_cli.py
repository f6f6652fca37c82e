"""``contractgen build``: the main job, for one deal or hundreds."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import get_args

import click

from contractgen.build import (
    FORMATS,
    BuildOptions,
    DealResult,
    Status,
    build_many,
)
from contractgen.cli_options import config_option, library_option, project_settings
from contractgen.errors import EXIT_BUG, EXIT_FINDINGS, EXIT_USAGE
from contractgen.specfiles import expand_specs


@click.command()
@click.argument("specs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "docx", "all"]),
    default="all",
    show_default=True,
    help="Markdown, Word (exhibits and contract pack), or both.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder; each deal gets a sub-folder named after its id.  [default: out]",
)
@library_option
@click.option(
    "--reference-docx",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="A .docx whose styles and page setup the Word output uses (house style).",
)
@click.option(
    "--cover",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="A cover or master-agreement .docx placed first in the contract pack.",
)
@config_option
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1, max=256),
    default=None,
    help="Deals built in parallel.  [default: number of CPUs]",
)
@click.option(
    "--changed-only",
    is_flag=True,
    help="Skip deals whose spec, library and reference docx are unchanged since their last build.",
)
@click.option(
    "--lint",
    "lint_first",
    is_flag=True,
    help="Lint each deal first (the project's lint policy); a deal with errors is not written.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="With --lint: warnings also stop a deal from being written.",
)
@click.option(
    "--toc/--no-toc",
    default=None,
    help="A table of contents (a Word TOC field) in each exhibit.  [default: config, else off]",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no per-deal lines.")
def build(
    specs: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    libraries: tuple[Path, ...],
    reference_docx: Path | None,
    cover: Path | None,
    config_path: Path | None,
    jobs: int | None,
    changed_only: bool,
    lint_first: bool,
    strict: bool,
    toc: bool | None,
    quiet: bool,
) -> None:
    """Write the SLA exhibits of one or more deals (files or folders of specs).

    Each deal lands in OUTPUT/<deal-id>/: one Markdown and one Word file per exhibit and
    appendix, and contract-pack.docx with all of them. A deal's files are replaced together or
    not at all. With several specs, a failing deal is reported and the others are still built.

    Each deal is linted on the exhibits it writes; lint errors are printed as warnings and the
    deal is still written (exit status 0). With --lint, a deal with errors is reported and not
    written (exit status 1), like `contractgen lint` then `contractgen build`, in one pass.
    """
    if strict and not lint_first:
        raise click.UsageError("--strict applies to --lint; add --lint")
    config = project_settings(config_path)
    from contractgen.lint.config import project_policy

    policy = project_policy(config)
    options = BuildOptions(
        output=output or config.output or Path("out"),
        formats=FORMATS if fmt == "all" else (fmt,),
        libraries=tuple(libraries) or config.libraries,
        reference_docx=reference_docx or config.reference_docx,
        cover=cover or config.cover,
        changed_only=changed_only,
        lint=policy,
        lint_rejects=lint_first,
        strict=strict,
        toc=config.toc if toc is None else toc,
    )
    _check_inputs(options)
    paths = expand_specs(specs)
    workers = jobs or os.cpu_count() or 1
    started = time.perf_counter()
    show_bar = not quiet and sys.stderr.isatty() and len(paths) > 1
    results: list[DealResult]
    if show_bar:
        with click.progressbar(
            length=len(paths), label="building", file=sys.stderr, show_pos=True
        ) as bar:
            results = build_many(paths, options, jobs=workers, on_result=lambda _r: bar.update(1))
    else:
        results = build_many(paths, options, jobs=workers)
    elapsed = time.perf_counter() - started
    _report(results, quiet=quiet, gate=lint_first)
    counts = {s: sum(r.status == s for r in results) for s in get_args(Status)}
    if len(paths) > 1 or not quiet:
        rejected = f", rejected {counts['rejected']} (lint)" if lint_first else ""
        click.echo(
            f"built {counts['built']}{rejected}, failed {counts['failed'] + counts['bug']}, "
            f"skipped {counts['skipped']} (unchanged) in {elapsed:.2f} s",
            err=True,
        )
    if counts["bug"]:
        sys.exit(EXIT_BUG)
    if counts["failed"]:
        sys.exit(EXIT_USAGE if len(paths) == 1 else EXIT_FINDINGS)
    if counts["rejected"]:
        sys.exit(EXIT_FINDINGS)


def _check_inputs(options: BuildOptions) -> None:
    """Refuse missing companion files before any deal is built."""
    from contractgen.errors import UserError

    for label, path in (("reference .docx", options.reference_docx), ("cover", options.cover)):
        if path is not None and not path.is_file():
            raise UserError(str(path), f"{label} not found")
    for folder in options.libraries:
        if not folder.is_dir():
            raise UserError(str(folder), "clause library folder not found")


def _report(results: list[DealResult], *, quiet: bool, gate: bool = True) -> None:
    for result in results:
        findings = result.findings if gate else _as_warnings(result.findings)
        if findings:
            from contractgen.lint.formatters import format_text

            click.echo(format_text(findings, colour=sys.stderr.isatty()), nl=False, err=True)
        for warning in result.warnings:
            click.echo(f"{result.spec}: warning: {warning}", err=True)
        if result.status == "failed":
            for diagnostic in result.diagnostics:
                click.echo(str(diagnostic), err=True)
        elif result.status == "bug":
            click.echo(
                f"{result.spec}: contractgen hit an internal error (a bug); no output of this "
                "deal was changed. Run with --debug for details.",
                err=True,
            )
            if click.get_current_context().find_root().params.get("debug"):
                click.echo(result.detail, err=True)
        elif result.status == "rejected":
            from contractgen.lint.problem import Level

            errors = sum(p.level == Level.ERROR and not p.waived for p in result.findings)
            what = f"{errors} lint error{'s' * (errors != 1)}" if errors else "lint warnings"
            click.echo(f"{result.spec}: not built: {what} (see above)", err=True)
        elif not quiet:
            verb = "unchanged" if result.status == "skipped" else "built"
            click.echo(f"{result.spec}: {verb} → {result.folder}", err=True)


def _as_warnings(findings: list) -> list:
    """A plain build's view of lint: its unwaived errors, shown as warnings (the deal is still
    written), so a contradictory exhibit never goes out silently; ``--lint`` refuses it."""
    from dataclasses import replace

    from contractgen.lint.problem import Level

    return [
        replace(p, level=Level.WARNING) for p in findings if p.level == Level.ERROR and not p.waived
    ]
