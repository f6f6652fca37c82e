"""Measure a ticket file on both cores: two halves in two processes, merged into one result.

Why: reading and checking a row costs more than its clocks, and a monthly export can hold
millions of rows; the machine this runs on has two cores. The file is cut at a line boundary
near its middle and each half is measured on its own, then the per-month counts are added,
the ticket lists joined in file order, and the one fact that crosses the cut — whether the
first ticket of a (site, issue) in the second half undoes a First-Call Resolution near the end
of the first — settled during the merge. The result is the one a single pass gives (a test
checks it), so the cut is invisible in every report.

The cut is made only where it is safe and worth it: a file of at least
:data:`PARALLEL_MIN_BYTES`, JSON Lines, or CSV without any quote character (a quoted field may
hold a line break, which a cut could split), on a system that can fork.
"""

from __future__ import annotations

import io
import itertools
import multiprocessing
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from contractgen.errors import Diagnostic, UserError
from contractgen.report.events import EventLog
from contractgen.report.measure import Measured, Rules, measure
from contractgen.report.tickets import Ticket, TicketReader

PARALLEL_MIN_BYTES = 8 * 2**20
_BLOCK = 2**20

_STATE: dict[str, Any] = {}
"""What the forked process needs (rules, events, the part to read); set just before forking."""


def measure_file(
    path: Path,
    rules: Rules,
    events: EventLog | None,
    report_month: int | None,
    *,
    min_bytes: int = PARALLEL_MIN_BYTES,
) -> Measured:
    """Measure every ticket of ``path``; raise :class:`UserError` for bad rows (all parts')."""
    spec = rules.spec
    priorities = tuple(p.id for p in spec.support.priorities)
    scale = spec.support.csat.scale
    cut = _cut(path, min_bytes)
    if cut is None:
        reader = TicketReader(path, priorities, scale)
        measured = measure(_clean(reader), rules, events, report_month)
        reader.finish()
        return measured

    _STATE.update(
        path=path,
        rules=rules,
        events=events,
        month=report_month,
        priorities=priorities,
        scale=scale,
        cut=cut,
    )
    try:
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(1) as pool:
            second = pool.apply_async(_second_half)
            first = _first_half()
            parts = [first, second.get()]
    finally:
        _STATE.clear()
    errors = [d for part in parts for d in part[1]]
    if errors:
        raise UserError.many(errors[:60])
    merged = _merge(parts[0][0], parts[1][0], rules.recurrence_us)
    if events is not None:
        events.unused(merged.seen_events)
    return merged


def _clean(reader: TicketReader) -> Iterator[Ticket]:
    """Tickets of a reader; once it has seen an error, the rest are only checked."""
    for t in reader:
        if not reader.errors:
            yield t


def _cut(path: Path, min_bytes: int) -> tuple[int, int] | None:
    """(byte offset of the second half, lines before it), or None to read in one pass."""
    if os.cpu_count() in (None, 1) or "fork" not in multiprocessing.get_all_start_methods():
        return None
    try:
        size = path.stat().st_size
    except OSError:
        return None
    if size < min_bytes:
        return None
    with path.open("rb") as fh:
        head = fh.read(1)
        jsonl = head == b"{"
        fh.seek(size // 2)
        fh.readline()
        offset = fh.tell()
        if offset >= size:
            return None
        fh.seek(0)
        lines = 0
        read = 0
        while True:
            block = fh.read(_BLOCK)
            if not block:
                break
            if not jsonl and b'"' in block:
                return None
            if read < offset:
                lines += block.count(b"\n", 0, max(0, offset - read))
            read += len(block)
    return offset, lines


def _first_half() -> tuple[Measured, list[Diagnostic]]:
    s = _STATE
    _offset, lines = s["cut"]
    reader = _PartReader(s["path"], s["priorities"], s["scale"], start=0, lines=lines)
    return _run(reader)


def _second_half() -> tuple[Measured, list[Diagnostic]]:
    s = _STATE
    offset, lines = s["cut"]
    reader = _PartReader(s["path"], s["priorities"], s["scale"], start=offset, lines=lines)
    return _run(reader)


def _run(reader: _PartReader) -> tuple[Measured, list[Diagnostic]]:
    s = _STATE
    try:
        measured = measure(_clean(reader), s["rules"], s["events"], s["month"], part=True)
    except UserError as err:
        return Measured({}, _empty_detail(), 0, None, None), list(err.diagnostics)
    return measured, list(reader.errors)


def _empty_detail() -> Any:
    from contractgen.report.measure import Detail

    return Detail()


class _PartReader(TicketReader):
    """A :class:`TicketReader` over one half: the first ``lines`` lines, or all after ``start``."""

    def __init__(
        self, path: Path, priorities: tuple[str, ...], scale: int, *, start: int, lines: int
    ) -> None:
        super().__init__(path, priorities, scale)
        self.start = start
        self.lines = lines

    def __iter__(self) -> Iterator[Ticket]:
        with self.path.open("rb") as raw:
            fh = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
            try:
                first = fh.readline()
                if self.start:
                    fh.detach()
                    raw.seek(self.start)
                    fh = io.TextIOWrapper(raw, encoding="utf-8", newline="")
                    if first.lstrip().startswith("{"):
                        yield from self._jsonl_from(fh, self.lines)
                    else:
                        yield from self._csv_from(first, fh, self.lines)
                elif first.lstrip().startswith("{"):
                    rest = itertools.islice(fh, self.lines - 1)
                    yield from self._jsonl_from(itertools.chain([first], rest), 0)
                else:
                    yield from self._csv_from(first, itertools.islice(fh, self.lines - 1), 0)
            except UnicodeDecodeError:
                from contractgen.report.tickets import _bad_utf8

                line, col = _bad_utf8(self.path)
                raise UserError(
                    self.display, "is not UTF-8 text; save it as UTF-8", line, col
                ) from None

    def _csv_from(self, header: str, rest: Any, before: int) -> Iterator[Ticket]:
        if before:
            self.csv_offset = before
        yield from self._csv(header, rest)

    def _jsonl_from(self, lines: Any, before: int) -> Iterator[Ticket]:
        self.json_offset = before
        it = iter(lines)
        first = next(it, "")
        yield from self._jsonl(first, it)


def _merge(a: Measured, b: Measured, window: int) -> Measured:
    months = dict(a.months)
    for month, counts in b.months.items():
        if month in months:
            months[month].add(counts)
        else:
            months[month] = counts
    # The cut's one shared fact: a First-Call Resolution open at the end of the first half
    # that the second half's first ticket of the same site and issue shows did not hold.
    if window:
        for key, created in b.first_seen.items():
            prior = a.last_fix.get(key)
            if prior is not None and created - prior[0] <= window:
                months[prior[1]].fcr -= 1
    d, e = a.detail, b.detail
    for pid, ids in e.response_misses.items():
        d.response_misses.setdefault(pid, []).extend(ids)
    for pid, ids in e.resolution_misses.items():
        d.resolution_misses.setdefault(pid, []).extend(ids)
    for pid, times in e.response_times.items():
        if pid in d.response_times:
            d.response_times[pid].extend(times)
        else:
            d.response_times[pid] = times
    d.exclusions.extend(e.exclusions)
    d.not_excluded.extend(e.not_excluded)
    d.refused_pauses.extend(e.refused_pauses)
    firsts = [m for m in (a.first_month, b.first_month) if m is not None]
    lasts = [m for m in (a.last_month, b.last_month) if m is not None]
    last_fix = {**a.last_fix, **b.last_fix}
    return Measured(
        months,
        d,
        a.tickets + b.tickets,
        min(firsts) if firsts else None,
        max(lasts) if lasts else None,
        a.seen_events | b.seen_events,
        {**b.first_seen, **a.first_seen},
        last_fix,
    )
