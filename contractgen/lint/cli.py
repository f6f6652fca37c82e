"""The ``lint``, ``rules`` and ``explain`` commands (registered on the main group by the CLI).

Each command parses its options, calls one function and maps the outcome to an exit code:
0 when no error-level finding remains (``--strict``: no warning either), 1 on findings, 2 on a
bad spec, a bad policy file or a bad command line. A :class:`UserError` is printed as
``file:line:col: message`` lines on stderr, never as a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import click

from contractgen.cli_options import config_option, library_option, project_settings
from contractgen.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UserError
from contractgen.lint.formatters import FORMATS
from contractgen.lint.problem import Problem, fails


def _split(values: Iterable[str]) -> list[str]:
    """``--select A,B --select C`` → [A, B, C]."""
    return [part.strip() for v in values for part in v.split(",") if part.strip()]


def _report(err: UserError) -> None:
    for d in err.diagnostics:
        click.echo(str(d), err=True)


@click.command("lint")
@click.argument("specs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output format: text lines, JSON records, SARIF 2.1.0 or GitHub annotations.",
)
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings as well as errors.")
@click.option(
    "--spec-only",
    is_flag=True,
    help="Check the spec only; skip the checks on the assembled exhibit documents.",
)
@click.option(
    "--select",
    multiple=True,
    metavar="RULES",
    help="Run only these rules: codes, names, groups or code prefixes, comma-separated.",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="RULES",
    help="Skip these rules (added to the policy file's ignore list).",
)
@config_option
@click.option("--show-waived", is_flag=True, help="Also print findings the spec waives.")
@library_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file instead of standard output.",
)
@click.option(
    "--history",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Replay a ticket export (CSV or JSON Lines) against the targets: attainment per "
    "period, predicted penalties, a warning per target it would have missed.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1, max=256),
    default=1,
    show_default=True,
    help="Files linted in parallel; the report is the same, in the order the files were given.",
)
def lint(
    specs: tuple[Path, ...],
    fmt: str,
    strict: bool,
    spec_only: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_path: Path | None,
    show_waived: bool,
    libraries: tuple[Path, ...],
    output: Path | None,
    history: Path | None,
    jobs: int,
) -> None:
    """Check deal specs for contradictory or unrealistic targets before signing.

    SPECS are deal spec files, or folders whose *.yaml, *.yml and *.json files are checked.
    Exit status: 0 no errors, 1 findings, 2 bad input or usage.
    """
    code = run_lint(
        specs,
        fmt=fmt,
        strict=strict,
        spec_only=spec_only,
        select=_split(select),
        ignore=_split(ignore),
        config_path=config_path,
        show_waived=show_waived,
        libraries=libraries,
        output=output,
        jobs=jobs,
    )
    if history is not None and code != EXIT_USAGE:
        from contractgen.report.history import run_history
        from contractgen.specfiles import expand_specs

        code = max(code, run_history(expand_specs(specs), history, strict=strict))
    raise click.exceptions.Exit(code)


def run_lint(
    specs: Sequence[Path],
    *,
    fmt: str = "text",
    strict: bool = False,
    spec_only: bool = False,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    config_path: Path | None = None,
    show_waived: bool = False,
    libraries: Sequence[Path] = (),
    output: Path | None = None,
    jobs: int = 1,
) -> int:
    """Lint ``specs`` (in ``jobs`` processes), print the report, and return the exit code."""
    from contractgen import __version__
    from contractgen.lint.batch import lint_files
    from contractgen.lint.config import project_policy
    from contractgen.lint.formatters import (
        format_github,
        format_json,
        format_sarif,
        format_text,
        summary,
    )
    from contractgen.specfiles import expand_specs

    try:
        settings = project_settings(config_path)
        config = project_policy(settings).with_overrides(select=select, ignore=ignore)
        paths = expand_specs(specs)
        libraries = tuple(libraries) or settings.libraries
    except UserError as err:
        _report(err)
        return EXIT_USAGE
    problems: list[Problem] = []
    bad_input = False
    notes: set[str] = set()
    results = lint_files(paths, config, documents=not spec_only, libraries=libraries, jobs=jobs)
    for result in results:
        for diagnostic in result.diagnostics:
            click.echo(str(diagnostic), err=True)
        bad_input = bad_input or bool(result.diagnostics)
        problems.extend(result.problems)
        notes.update(result.notes)
    for note in sorted(notes):
        click.echo(f"note: {note}", err=True)

    if fmt == "json":
        report = format_json(problems)
    elif fmt == "sarif":
        report = format_sarif(problems, config.enabled(), __version__)
    elif fmt == "github":
        report = format_github(problems, show_waived=show_waived)
    else:
        report = format_text(problems, colour=output is None, show_waived=show_waived)
    line = summary(problems, len(paths))
    try:
        if output is not None:
            from contractgen.output import atomic_write

            atomic_write(output, report)
            click.echo(line, err=True)
        else:
            click.echo(report, nl=False)
            click.echo(line, err=fmt != "text")
    except UserError as err:
        _report(err)
        return EXIT_USAGE
    if bad_input:
        return EXIT_USAGE
    if fails(problems, strict=strict):
        return EXIT_FINDINGS
    return EXIT_OK


@click.command("rules")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("text", "json")),
    default="text",
    show_default=True,
    help="A table for reading, or JSON for tools.",
)
def rules(fmt: str) -> None:
    """List the lint rule catalogue: code, name, level and what each rule checks."""
    import json

    from contractgen.lint.options import describe
    from contractgen.lint.registry import all_rules

    catalogue = all_rules()
    if fmt == "json":
        records = [
            {
                "code": r.code,
                "name": r.name,
                "level": r.level.value,
                "groups": list(r.groups),
                "target": r.target,
                "summary": r.summary,
                "options": [
                    {"name": o.name, "default": describe(o.default, o.kind), "help": o.help}
                    for o in r.options
                ],
            }
            for r in catalogue
        ]
        click.echo(json.dumps(records, indent=2))
        return
    width = max(len(r.name) for r in catalogue)
    for r in catalogue:
        click.echo(f"{r.code}  {r.name:<{width}}  {r.level.value:<7}  {r.summary}")


@click.command("explain")
@click.argument("rule")
def explain(rule: str) -> None:
    """Print a lint rule's documentation: why it matters, an example and the fix.

    RULE is a code such as PEN004 or a name such as penalties.amount-above-policy.
    """
    import difflib

    from contractgen.lint.registry import all_rules, find_rule

    found = find_rule(rule)
    if found is None:
        keys = [r.code for r in all_rules()] + [r.name for r in all_rules()]
        close = difflib.get_close_matches(rule, keys, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else "; run `contractgen rules`"
        click.echo(f"{rule}: no rule has this code or name{hint}", err=True)
        raise click.exceptions.Exit(EXIT_USAGE)
    click.echo(found.explain(), nl=False)
