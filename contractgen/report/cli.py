"""The ``report`` and ``tickets`` commands: thin wrappers over :func:`run_report` and the generator.

Exit status of ``report``: 0 when every target is met, 1 when some are not (so a scheduled job
can alert), 2 on bad input — with nothing written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import click

from contractgen.errors import EXIT_FINDINGS, EXIT_OK, UserError

FORMATS = ("md", "docx", "json", "all")
_PERIOD = re.compile(r"^([0-9]{4})-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class ReportResult:
    files: dict[str, bytes]
    folder: Path
    all_met: bool


def parse_period(text: str) -> int:
    from contractgen.report.metrics import month_key

    m = _PERIOD.match(text.strip())
    if not m:
        raise UserError("--period", f'"{text}" is not a month; expected YYYY-MM, e.g. 2027-03')
    return month_key(int(m[1]), int(m[2]))


def parse_revenue(text: str | None, currency: str) -> Decimal | None:
    if text is None:
        return None
    raw = text.strip().replace(",", "")
    if raw.upper().startswith(currency):
        raw = raw[len(currency) :].strip()
    try:
        value = Decimal(raw)
    except InvalidOperation:
        value = Decimal(-1)
    if not value.is_finite() or value < 0:
        raise UserError(
            "--revenue",
            f'"{text}" is not an amount; expected the monthly base in {currency}, e.g. 41666.67',
        )
    return value


def build_report(
    spec_path: Path,
    tickets: Path,
    events: Path | None,
    period: str,
    revenue: str | None,
    formats: tuple[str, ...],
    reference_docx: Path | None = None,
) -> tuple[str, dict[str, bytes], bool]:
    """Everything in memory: (deal id, file name → bytes, all targets met)."""
    from contractgen.report.events import read_events
    from contractgen.report.measure import rules_for
    from contractgen.report.parallel import measure_file
    from contractgen.report.remedies import Assessor
    from contractgen.report.render import record, to_docx, to_json, to_markdown
    from contractgen.spec.loader import load_spec

    month = parse_period(period)
    loaded = load_spec(spec_path, display=str(spec_path))
    spec = loaded.spec
    base = parse_revenue(revenue, spec.deal.currency)
    rules = rules_for(loaded)
    log = read_events(events) if events else None
    measured = measure_file(tickets, rules, log, month)
    assessment = Assessor(spec, measured, base).assess(month)
    data = record(spec, rules, measured, assessment)
    label = data["period"]
    files: dict[str, bytes] = {}
    wanted = set(FORMATS[:3]) if "all" in formats else set(formats)
    markdown = to_markdown(spec, data)
    if "md" in wanted:
        files[f"sla-report-{label}.md"] = markdown.encode("utf-8")
    if "json" in wanted:
        files[f"sla-report-{label}.json"] = to_json(data).encode("utf-8")
    if "docx" in wanted:
        if reference_docx is None:
            from contractgen.cli_options import project_settings

            reference_docx = project_settings().reference_docx
        files[f"sla-report-{label}.docx"] = to_docx(spec, markdown, label, reference_docx)
    return spec.deal.id, files, assessment.all_met


def run_report(
    spec_path: Path,
    tickets: Path,
    events: Path | None,
    period: str,
    revenue: str | None,
    output: Path,
    formats: tuple[str, ...],
    reference_docx: Path | None = None,
) -> ReportResult:
    from contractgen.build import deal_folder
    from contractgen.output import atomic_write

    deal_id, files, all_met = build_report(
        spec_path, tickets, events, period, revenue, formats, reference_docx
    )
    folder = deal_folder(output, deal_id)
    for name in sorted(files):
        atomic_write(folder / name, files[name])
    return ReportResult(files, folder, all_met)


@click.command("report")
@click.argument("spec", type=click.Path(path_type=Path))
@click.option(
    "--tickets",
    required=True,
    type=click.Path(path_type=Path),
    help="Ticket export: CSV with a header, or JSON Lines (schemas/tickets.schema.json).",
)
@click.option(
    "--events",
    type=click.Path(path_type=Path),
    help="Pauses and reopen cycles: ticket_id, at, status, reason (CSV or JSON Lines).",
)
@click.option(
    "--period", required=True, metavar="YYYY-MM", help="The month to report, e.g. 2027-03."
)
@click.option(
    "--revenue",
    metavar="AMOUNT",
    help="The monthly penalty base (Revenue Share) in the deal's currency; without it, "
    "penalties are percentages.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Folder; the report goes to DIR/<deal-id>/sla-report-YYYY-MM.*",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="all",
    show_default=True,
    help="Which files to write.",
)
@click.option(
    "--reference-docx",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Styles for the Word report (default: the project configuration's, else the house style).",
)
def report(
    spec: Path,
    tickets: Path,
    events: Path | None,
    period: str,
    revenue: str | None,
    output: Path,
    fmt: str,
    reference_docx: Path | None,
) -> None:
    """Compute the monthly SLA report, penalties and bonuses from a ticket export.

    Exit status: 0 every target met, 1 some target not met, 2 bad input (nothing written).
    """
    result = run_report(spec, tickets, events, period, revenue, output, (fmt,), reference_docx)
    for name in sorted(result.files):
        click.echo(f"wrote {result.folder / name}", err=True)
    raise click.exceptions.Exit(EXIT_OK if result.all_met else EXIT_FINDINGS)


@click.command("tickets")
@click.option(
    "--example",
    "spec",
    required=True,
    type=click.Path(path_type=Path),
    metavar="SPEC",
    help="The deal spec whose priorities and calendar the tickets follow.",
)
@click.option("--count", default=200, show_default=True, type=click.IntRange(1, 10_000_000))
@click.option("--start", "start", default="2027-03", show_default=True, metavar="YYYY-MM")
@click.option("--months", default=1, show_default=True, type=click.IntRange(1, 120))
@click.option("--seed", default=1, show_default=True, type=int)
@click.option(
    "--format", "fmt", type=click.Choice(("csv", "jsonl")), default="csv", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("-"),
    show_default=True,
    help="Ticket file to write; '-' writes to standard output.",
)
@click.option(
    "--events-output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write an events file with pauses and reopen cycles.",
)
def tickets(
    spec: Path,
    count: int,
    start: str,
    months: int,
    seed: int,
    fmt: str,
    output: Path,
    events_output: Path | None,
) -> None:
    """Write a synthetic, reproducible ticket export for a deal (examples, tests, benchmarks)."""
    from contractgen.report.generator import write_example

    write_example(spec, count, parse_period(start), months, seed, fmt, output, events_output)
