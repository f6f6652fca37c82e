"""The command line: thin click commands that parse options, call one function, map errors.

Commands live in the modules that own them and are imported only when invoked (a lazy group),
so ``contractgen lint`` never pays for python-docx and ``--version`` is instant. Every
:class:`~contractgen.errors.UserError` prints as ``file:line:col: message`` and exits 2; any
other exception is a bug: a short apology, exit 3, and the traceback only with ``--debug``.
"""

from __future__ import annotations

import importlib
import sys
import traceback
from pathlib import Path
from typing import Any

import click

from contractgen import __version__
from contractgen.errors import EXIT_BUG, EXIT_OK, EXIT_USAGE, UserError

#: command name → "module:attribute"; loaded on first use.
LAZY_COMMANDS: dict[str, str] = {
    "build": "contractgen.build_cli:build",
    "diff": "contractgen.redline.cli:diff",
    "redline": "contractgen.redline.cli:redline",
    "lint": "contractgen.lint.cli:lint",
    "rules": "contractgen.lint.cli:rules",
    "explain": "contractgen.lint.cli:explain",
    "clauses": "contractgen.library.cli:clauses",
    "report": "contractgen.report.cli:report",
    "tickets": "contractgen.report.cli:tickets",
}


class LazyGroup(click.Group):
    """A click group that imports a command's module only when that command runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS:
            module_name, attr = LAZY_COMMANDS[cmd_name].split(":")
            return getattr(importlib.import_module(module_name), attr)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except UserError as exc:
            for diagnostic in exc.diagnostics:
                click.echo(str(diagnostic), err=True)
            ctx.exit(EXIT_USAGE)
        except KeyboardInterrupt:
            click.echo("interrupted; no output was changed", err=True)
            ctx.exit(130)
        except Exception:
            if ctx.find_root().params.get("debug"):
                traceback.print_exc()
            else:
                click.echo(
                    "contractgen hit an internal error; this is a bug, not a problem with your "
                    "files. No output was changed. Run again with --debug for the details and "
                    "report them.",
                    err=True,
                )
            ctx.exit(EXIT_BUG)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="contractgen")
@click.option("--debug", is_flag=True, help="Show a Python traceback for internal errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Generate SLA exhibits for channel-partner contracts from a deal spec, and lint the spec
    for contradictory or unrealistic targets before anyone signs."""
    from contractgen.cli_options import SettingsStore

    # The project settings, read on a command's first use (see cli_options.project_settings).
    ctx.obj = SettingsStore()


PRESETS = ("standard", "premium")


@cli.command()
@click.option(
    "--preset",
    type=click.Choice(PRESETS),
    default="standard",
    show_default=True,
    help="standard: business hours with a P0 on-call; premium: 24/7 with availability.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("deal.yaml"),
    show_default=True,
    help="Where to write the spec; '-' writes to standard output.",
)
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
def init(preset: str, output: Path, force: bool) -> None:
    """Write a fully commented starter deal spec."""
    from contractgen.paths import SCHEMA_ID
    from contractgen.spec.presets import preset_text

    # The schema's public $id: it names the same schema wherever the spec is moved or cloned
    # (a path into this installation or checkout would not).
    text = preset_text(preset, schema_ref=SCHEMA_ID)
    if str(output) == "-":
        click.echo(text, nl=False)
        return
    if output.exists() and not force:
        raise UserError(str(output), "already exists; use --force to overwrite it")
    from contractgen.output import atomic_write

    atomic_write(output, text)
    click.echo(f"wrote {output} ({preset} preset); next: contractgen lint {output}", err=True)


@cli.command()
@click.argument("specs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-q", "--quiet", is_flag=True, help="Print nothing for valid specs.")
def validate(specs: tuple[Path, ...], quiet: bool) -> None:
    """Check that deal specs are well-formed and complete (no lint)."""
    from contractgen.spec.loader import load_spec

    diagnostics = []
    for path in specs:
        try:
            loaded = load_spec(path)
        except UserError as exc:
            diagnostics.extend(exc.diagnostics)
            continue
        if not quiet:
            click.echo(f"{path}: valid (deal {loaded.spec.deal.id})")
    if diagnostics:
        raise UserError.many(diagnostics)


@cli.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the schema to this file instead of standard output.",
)
def schema(output: Path | None) -> None:
    """Print the deal spec's JSON Schema (for editors and other tools)."""
    from contractgen.spec.schema import schema_text

    text = schema_text()
    if output is None:
        click.echo(text, nl=False)
    else:
        from contractgen.output import atomic_write

        atomic_write(output, text)


def main() -> None:
    """Console-script entry point."""
    from contractgen import runtime

    runtime.tune_gc()
    try:
        cli.main(prog_name="contractgen", standalone_mode=True)
        code = EXIT_OK
    except SystemExit as exc:
        if isinstance(exc.code, str):  # sys.exit("message"): say it, as Python would
            print(exc.code, file=sys.stderr)
        code = exc.code if isinstance(exc.code, int) else (EXIT_OK if exc.code is None else 1)
    runtime.leave(code)
