"""Measure ``contractgen report`` and the calendar engine, side by side with a peer, in one run.

Run from the repository root after ``pip install -e '.[test,bench]'``::

    python benchmarks/report_bench.py                     # 1,000,000 tickets (the goal's size)
    python benchmarks/report_bench.py --tickets 100000    # a quicker run
    python benchmarks/report_bench.py --json benchmarks/results/report-my-machine.json

What it measures:

(a) Whole reports: ``python -m contractgen report`` (MD + JSON + DOCX, as users run it) for
    the case-study deal over a generated export of N tickets spread over three months, each
    run a fresh process, with wall time, CPU time (the process and the half of the file it
    measures in a forked process), tickets per second and peak resident memory. Two sizes (N/10
    and N) show that memory does not grow with the file (the export is streamed).
(b) Business durations: the business time between the same (created, first response) pairs
    from that export, by the calendar engine (``BusinessCalendar.elapsed`` on datetimes, and
    ``elapsed_us`` as the report calls it) and by ``businesstimedelta`` (``Rules([WorkDayRule,
    HolidayRule]).difference``), same zone, hours and holidays, in this process one after the
    other. The two must agree on every pair; the ratio is reported.

Timings are medians with min-max over repeated runs; nothing is asserted about speed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "examples" / "case-study-smart-shelf.yaml"


def _stats(samples: list[float]) -> dict[str, float]:
    return {
        "median": statistics.median(samples),
        "min": min(samples),
        "max": max(samples),
        "runs": len(samples),
    }


def make_tickets(path: Path, count: int) -> None:
    """A reproducible export for the case-study deal: February to April 2027."""
    from contractgen.report.generator import write_example

    write_example(SPEC, count, 2027 * 12 + 1, 3, 7, "csv", path, None)


def _run_cli(tickets: Path, out: Path) -> dict[str, float]:
    """One ``contractgen report`` as a user runs it, in a fresh process: wall time, CPU time
    (the process and the half it forks) and peak resident memory, from ``wait4``."""
    args = [sys.executable, "-m", "contractgen", "report", str(SPEC), "--tickets", str(tickets)]
    args += ["--period", "2027-03", "--revenue", "40000", "-o", str(out)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"contractgen report failed with exit status {code}")
    return {
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_rss_mb": usage.ru_maxrss / 1024,
        "exit_status": code,
    }


def bench_reports(folder: Path, sizes: list[int], repeat: int) -> list[dict[str, object]]:
    rows = []
    for size in sizes:
        tickets = folder / f"tickets-{size}.csv"
        if not tickets.exists():
            t0 = time.perf_counter()
            make_tickets(tickets, size)
            print(f"generated {size:,} tickets in {time.perf_counter() - t0:.1f} s", flush=True)
        runs = []
        for _ in range(repeat):
            runs.append(_run_cli(tickets, folder / "out"))
        walls = [r["wall_s"] for r in runs]
        row = {
            "tickets": size,
            "file_mb": round(tickets.stat().st_size / 2**20, 1),
            "wall_s": _stats(walls),
            "cpu_s": _stats([r["cpu_s"] for r in runs]),
            "tickets_per_s": round(size / statistics.median(walls)),
            "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
            "exit_status": runs[0]["exit_status"],
        }
        print(json.dumps(row), flush=True)
        rows.append(row)
    return rows


def bench_durations(tickets: Path, pairs: int, repeat: int) -> dict[str, object]:
    import csv
    import datetime as dt

    import businesstimedelta as btd  # type: ignore[import-untyped]
    import holidays
    import pytz  # type: ignore[import-untyped]

    from contractgen.domain.calendar import BusinessCalendar, to_us
    from contractgen.spec.loader import load_spec

    spec = load_spec(SPEC).spec
    cal = BusinessCalendar.from_spec(spec.calendar)
    business = {p.id for p in spec.support.priorities if p.response.clock == "business"}
    samples: list[tuple[dt.datetime, dt.datetime]] = []
    with tickets.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["priority"] in business and row["first_response_at"]:
                samples.append(
                    (
                        dt.datetime.fromisoformat(row["created_at"]),
                        dt.datetime.fromisoformat(row["first_response_at"]),
                    )
                )
                if len(samples) == pairs:
                    break

    zone = pytz.timezone(cal.timezone)
    workday = btd.WorkDayRule(
        start_time=dt.time(cal.opens // 60, cal.opens % 60),
        end_time=dt.time(cal.closes // 60, cal.closes % 60),
        working_days=list(cal.working_days),
        tz=zone,
    )
    years = range(2026, 2029)
    codes = [c.split("-") for c in cal.holiday_codes]
    days_off = holidays.HolidayBase()
    for parts in codes:
        region = parts[1] if len(parts) > 1 else None
        days_off.update(dict(holidays.country_holidays(parts[0], subdiv=region, years=years)))
    peer = btd.Rules([workday, btd.HolidayRule(days_off, tz=zone)])

    def ours() -> list[int]:
        return [cal.elapsed(a, b) // dt.timedelta(seconds=1) for a, b in samples]

    us_pairs = [(to_us(a), to_us(b)) for a, b in samples]

    def ours_us() -> list[int]:
        elapsed = cal.elapsed_us
        return [elapsed(a, b) // 1_000_000 for a, b in us_pairs]

    def theirs() -> list[int]:
        out = []
        for a, b in samples:
            d = peer.difference(a, b)
            out.append(d.hours * 3600 + d.seconds)
        return out

    results: dict[str, list[float]] = {
        "contractgen": [],
        "contractgen_us": [],
        "businesstimedelta": [],
    }
    answers: dict[str, list[int]] = {}
    for _ in range(repeat):
        for name, fn in (
            ("contractgen", ours),
            ("contractgen_us", ours_us),
            ("businesstimedelta", theirs),
        ):
            t0 = time.perf_counter()
            answers[name] = fn()
            results[name].append(time.perf_counter() - t0)
    agree = sum(
        x == y for x, y in zip(answers["contractgen"], answers["businesstimedelta"], strict=True)
    )
    med = {k: statistics.median(v) for k, v in results.items()}
    return {
        "pairs": len(samples),
        "agreeing_pairs": agree,
        "seconds": {k: _stats(v) for k, v in results.items()},
        "speedup_datetime_api": round(med["businesstimedelta"] / med["contractgen"], 1),
        "speedup_as_the_report_calls_it": round(
            med["businesstimedelta"] / med["contractgen_us"], 1
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--pairs", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workdir", type=Path, help="Keep generated exports here (reused).")
    parser.add_argument("--json", type=Path, help="Write the result here.")
    args = parser.parse_args()

    folder = args.workdir or Path(tempfile.mkdtemp(prefix="contractgen-report-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    sizes = sorted({max(1, args.tickets // 10), args.tickets})
    reports = bench_reports(folder, sizes, args.repeat)
    durations = bench_durations(folder / f"tickets-{sizes[0]}.csv", args.pairs, args.repeat)
    print(json.dumps(durations), flush=True)
    result = {
        "benchmark": "contractgen report and calendar engine",
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "goals": {"report_1m_tickets_s": 10, "business_duration_speedup": 30},
        "reports": reports,
        "business_durations": durations,
    }
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
