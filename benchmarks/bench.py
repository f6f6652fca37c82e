"""Measure contractgen against its peers, side by side in one run, and write a JSON result.

Run from the repository root after ``pip install -e '.[test]'`` (pandoc comes from the
``pypandoc-binary`` test extra)::

    python benchmarks/bench.py                 # the full run (1,000-deal batch)
    python benchmarks/bench.py --deals 200     # a quicker run
    python benchmarks/bench.py --json benchmarks/results/my-machine.json

What it measures, each as a ratio against a peer run in the same process on the same inputs:

(a) Markdown → DOCX per document: contractgen's renderer (in-process) against pandoc (the
    ``pandoc`` binary, as people run it) on the same Markdown files.
(b) Whole deals per second on all cores: lint + every Markdown file + every DOCX + the pack,
    over a generated batch of N deals: ``contractgen build --lint -j N``, through the batch
    function the CLI calls.
(c) ``contractgen lint --spec-only`` cold start against ``python -c "import pydantic, click,
    yaml"`` (yaml: PyYAML, which the lint path parses with) — the floor any Python tool with
    these libraries pays. ``import pydantic`` alone loads little (pydantic imports lazily), so
    a second reference also imports ``pydantic.BaseModel``, which any tool with a pydantic model
    pays. Measured as users run it: bytecode compiled (as pip does on install; the benchmark
    compiles it first, as ``PYTHONDONTWRITEBYTECODE`` may be set) and the per-user validator
    cache warm (one untimed run first; see contractgen/spec/compiled.py).
(d) Peak memory (largest resident set of any process) of ``contractgen build --lint`` over the
    batch, at two batch sizes, to show it does not grow with the batch.
(e) Lint per deal, in process (``--only lint`` runs this part alone): every rule on each example,
    the document checks on freshly assembled exhibits included, as ``contractgen lint`` runs it;
    and the spec rules alone. Run it against an older checkout (``PYTHONPATH``) to compare.

Timings are medians with min–max over repeated runs; no timing is asserted anywhere.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def _stats(samples: list[float]) -> dict[str, float]:
    return {
        "median": statistics.median(samples),
        "min": min(samples),
        "max": max(samples),
        "runs": len(samples),
    }


def _time(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def _fmt(s: dict[str, float], unit: float = 1000.0, suffix: str = "ms") -> str:
    return (
        f"{s['median'] * unit:8.1f} {suffix} (min {s['min'] * unit:.1f}, "
        f"max {s['max'] * unit:.1f}, n={s['runs']})"
    )


# --- (a) per-document rendering --------------------------------------------------------------


def bench_render(repeat: int, work: Path) -> dict[str, object]:
    import pypandoc

    from contractgen.docx import render_exhibit
    from contractgen.library.assemble import assemble_spec
    from contractgen.spec.loader import load_spec

    pandoc = pypandoc.get_pandoc_path()
    exhibits = []
    for path in EXAMPLES:
        exhibits.extend(assemble_spec(load_spec(path)))
    ours: list[float] = []
    theirs: list[float] = []
    render_exhibit(exhibits[0])  # warm the process: reference package parsed once per process
    for i, exhibit in enumerate(exhibits):
        md = work / f"doc{i}.md"
        md.write_text(exhibit.markdown, encoding="utf-8")
        out = work / f"doc{i}.docx"
        # interleave the two so machine noise hits both alike
        for _ in range(repeat):
            t0 = time.perf_counter()
            render_exhibit(exhibit)
            ours.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            subprocess.run(
                [pandoc, "-f", "gfm", "-t", "docx", "-o", str(out), str(md)], check=True
            )
            theirs.append(time.perf_counter() - t0)
    a, b = _stats(ours), _stats(theirs)
    return {
        "documents": len(exhibits),
        "contractgen": a,
        "pandoc": b,
        "speedup_vs_pandoc": b["median"] / a["median"],
    }


# --- (b) whole deals per second ------------------------------------------------------------


def generate_batch(n: int, folder: Path) -> list[Path]:
    """N distinct deals made from the examples: new ids, partner names and one figure each."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = [p.read_text(encoding="utf-8") for p in EXAMPLES]
    paths = []
    for i in range(n):
        text = sources[i % len(sources)]
        src_id = text.split("\n  id: ", 1)[1].split("\n", 1)[0].strip()
        text = text.replace(f"  id: {src_id}", f"  id: bench-deal-{i:04d}", 1)
        text = text.replace("    short_name: ", f"    short_name: P{i:04d} ", 1)
        path = folder / f"deal-{i:04d}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def bench_batch(specs: list[Path], work: Path, jobs: int) -> dict[str, object]:
    """``contractgen build --lint -j N`` over the batch, through the CLI's own batch function."""
    from contractgen.build import BuildOptions, build_many
    from contractgen.lint.config import LintConfig

    out = work / "out-batch"
    options = BuildOptions(output=out, lint=LintConfig())
    t0 = time.perf_counter()
    results = build_many(specs, options, jobs=jobs)
    elapsed = time.perf_counter() - t0
    shutil.rmtree(out, ignore_errors=True)
    return {
        "deals": len(specs),
        "jobs": jobs,
        "seconds": elapsed,
        "deals_per_second": len(specs) / elapsed,
        "all_built": all(r.status == "built" for r in results),
    }


# --- (e) lint per deal ------------------------------------------------------------------------


def bench_lint(repeat: int, work: Path) -> dict[str, object]:
    """Seconds per deal of ``contractgen lint`` (full, and ``--spec-only``), in process."""
    import contextlib
    import io

    from contractgen.lint.cli import run_lint

    try:  # an older checkout kept assemblies in a per-process cache: empty it before each run
        from contractgen.library import assemble as _assemble_module

        recent = getattr(_assemble_module, "_RECENT", None)
    except ImportError:
        recent = None

    def once(spec_only: bool) -> None:
        for path in EXAMPLES:
            if recent is not None:
                recent.clear()
            with contextlib.redirect_stderr(io.StringIO()):
                run_lint([path], spec_only=spec_only, output=work / "lint.txt")

    once(False)  # warm: rule modules imported, clause library loaded
    full = _time(lambda: once(False), repeat)
    spec = _time(lambda: once(True), repeat)
    per = len(EXAMPLES)
    return {
        "deals": per,
        "full_per_deal": _stats([t / per for t in full]),
        "spec_only_per_deal": _stats([t / per for t in spec]),
    }


# --- (c) lint cold start -----------------------------------------------------------------------


def bench_cold_start(repeat: int) -> dict[str, object]:
    spec = str(EXAMPLES[0])
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "contractgen")],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    commands = {
        "lint_spec_only": [sys.executable, "-m", "contractgen", "lint", "--spec-only", spec],
        "bare_imports": [sys.executable, "-c", "import pydantic, click, yaml"],
        "with_base_model": [
            sys.executable,
            "-c",
            "import pydantic, click, yaml; from pydantic import BaseModel",
        ],
    }
    run = functools.partial(subprocess.run, check=False, stdout=subprocess.DEVNULL, env=env)
    run(commands["lint_spec_only"])  # warms the validator cache, as any earlier run has
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():  # interleaved: drift hits all alike
            t0 = time.perf_counter()
            run(command)
            samples[name].append(time.perf_counter() - t0)
    stats = {name: _stats(values) for name, values in samples.items()}
    ours = stats["lint_spec_only"]["median"]
    return {
        **stats,
        "overhead_ms": (ours - stats["bare_imports"]["median"]) * 1000,
        "overhead_over_base_model_ms": (ours - stats["with_base_model"]["median"]) * 1000,
    }


# --- (d) peak memory --------------------------------------------------------------------------


def bench_memory(specs: list[Path], work: Path, jobs: int) -> dict[str, object]:
    """Largest resident set of any process of a ``contractgen build`` run over ``specs``."""
    folder = work / f"mem-{len(specs)}"
    folder.mkdir()
    for s in specs:
        os.link(s, folder / s.name)
    code = (
        "import resource, subprocess, sys\n"
        "r = subprocess.run(sys.argv[1:])\n"
        "own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(max(own, kids), r.returncode)\n"
    )
    cmd = [
        sys.executable, "-c", code,
        sys.executable, "-m", "contractgen", "build", str(folder),
        "-o", str(work / f"out-mem-{len(specs)}"), "-j", str(jobs), "--quiet", "--lint",
    ]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
    elapsed = time.perf_counter() - t0
    peak_kb, rc = proc.stdout.split()
    return {
        "deals": len(specs),
        "peak_rss_mb": int(peak_kb) / 1024,
        "seconds": elapsed,
        "exit_status": int(rc),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--deals", type=int, default=1000, help="batch size for (b) and (d)")
    parser.add_argument("--repeat", type=int, default=7, help="runs per timing")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", type=Path, default=None, help="write the result here")
    parser.add_argument("--only", choices=("lint",), default=None, help="run one part only")
    args = parser.parse_args(argv)
    if args.only == "lint":
        with tempfile.TemporaryDirectory(prefix="contractgen-bench-") as tmp:
            lint = bench_lint(args.repeat, Path(tmp))
        print(f"(e) lint per deal, {lint['deals']} examples")
        print(f"    full       {_fmt(lint['full_per_deal'])}")  # type: ignore[arg-type]
        print(f"    spec only  {_fmt(lint['spec_only_per_deal'])}")  # type: ignore[arg-type]
        return 0

    result: dict[str, object] = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "system": f"{platform.system()} {platform.machine()}",
        },
        "goals": {
            "render_speedup_vs_pandoc": ">= 7",
            "deals_per_second": ">= 20",
            "lint_cold_start_overhead_ms": "<= 60",
            "peak_rss_mb_1000_deals": "< 150",
        },
    }
    with tempfile.TemporaryDirectory(prefix="contractgen-bench-") as tmp:
        work = Path(tmp)
        print("(a) Markdown -> DOCX per document")
        render = bench_render(args.repeat, work)
        print(f"    contractgen {_fmt(render['contractgen'])}")  # type: ignore[arg-type]
        print(f"    pandoc      {_fmt(render['pandoc'])}")  # type: ignore[arg-type]
        print(f"    ratio       {render['speedup_vs_pandoc']:.1f}x faster than pandoc")
        result["render"] = render

        specs = generate_batch(args.deals, work / "specs")
        print(f"(b) whole deals (lint + Markdown + DOCX + pack), {args.deals} deals")
        batch = bench_batch(specs, work, args.jobs)
        print(
            f"    {batch['deals_per_second']:.1f} deals/s on {args.jobs} cores "
            f"({batch['seconds']:.1f} s)"
        )
        result["batch"] = batch

        print("(c) lint --spec-only cold start")
        cold = bench_cold_start(args.repeat * 3)
        print(f"    contractgen lint  {_fmt(cold['lint_spec_only'])}")  # type: ignore[arg-type]
        print(f"    bare imports      {_fmt(cold['bare_imports'])}")  # type: ignore[arg-type]
        print(f"    + BaseModel       {_fmt(cold['with_base_model'])}")  # type: ignore[arg-type]
        print(f"    overhead          {cold['overhead_ms']:.1f} ms over the bare imports")
        print(
            f"                      {cold['overhead_over_base_model_ms']:.1f} ms over them "
            "with BaseModel"
        )
        result["cold_start"] = cold

        print("(d) peak memory of contractgen build")
        small = bench_memory(specs[: max(1, args.deals // 10)], work, args.jobs)
        large = bench_memory(specs, work, args.jobs)
        for m in (small, large):
            print(
                f"    {m['deals']:5d} deals: peak {m['peak_rss_mb']:.0f} MB "
                f"({m['seconds']:.1f} s)"
            )
        result["memory"] = {"small": small, "large": large}
    result["own_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        shown = args.json.relative_to(ROOT) if args.json.is_relative_to(ROOT) else args.json
        print(f"wrote {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
