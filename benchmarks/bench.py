"""Measure contractgen against its peers, side by side in one run, and write a JSON result.

Run from the repository root after ``pip install -e '.[test]'`` (pandoc comes from the
``pypandoc-binary`` test extra)::

    python benchmarks/bench.py                 # the full run (500-deal batch)
    python benchmarks/bench.py --deals 100     # a quicker run
    python benchmarks/bench.py --json benchmarks/results/my-machine.json

What it measures, each as a ratio against a peer run in the same process on the same inputs:

(a) Markdown → DOCX per document: contractgen's renderer (in-process) against pandoc (the
    ``pandoc`` binary, as people run it) on the same Markdown files. Every timed render parses
    its Markdown afresh (the per-process parse caches are cleared first), so the figure is what
    a document costs, not a cache hit.
(b) Whole deals per second on all cores: lint + every Markdown file + every DOCX + the pack,
    over a generated batch of N deals: ``contractgen build --lint -j N``, through the batch
    function the CLI calls.
(c) ``contractgen lint --spec-only`` cold start against ``python -c "import pydantic, click,
    yaml"`` (yaml: PyYAML, which the lint path parses with) — the floor any Python tool with
    these libraries pays. ``import pydantic`` alone loads little (pydantic imports lazily), so
    a second reference also imports ``pydantic.BaseModel``, which any tool with a pydantic model
    pays. Measured as users run it: bytecode compiled (as pip does on install; the benchmark
    compiles it first, as ``PYTHONDONTWRITEBYTECODE`` may be set) and the per-user caches warm
    (one untimed run first; see contractgen/spec/compiled.py and contractgen/library/bytecode.py).
(d) Memory of ``contractgen build --lint`` over the batch at three batch sizes, summed over EVERY
    process of the build (the command and its workers), sampled from ``/proc`` while it runs:
    the peak of the sum and the largest single process. Flat in the batch size is the goal.
    (``/usr/bin/time`` reports the largest single process, not the sum; on systems where the
    workers come from a forkserver, ``RUSAGE_CHILDREN`` does not see them at all.)
(e) One deal, cold, whole process: ``contractgen build examples/case-study-smart-shelf.yaml
    --format docx`` as a user runs it, against pandoc converting the same deal's Markdown
    files, one process per file, the two alternating run by run; ratios are taken pair by pair.
    With the per-user caches warm (every run after the first), and once more with
    ``CONTRACTGEN_NO_CACHE=1`` for the first run's cost.
(f) ``contractgen lint`` over the batch's folder, whole process, deals per second: the full
    lint with ``--jobs`` = all cores and with one, and ``lint --spec-only``.
(g) Floors: what the libraries contractgen is built on spend on work no build can skip, per
    deal, with nothing of contractgen's own running: markdown-it parsing each exhibit once
    (all of it for Word, its block stage for lint), libyaml reading the spec, zlib deflating
    each Word file's document part, lxml parsing each exhibit's body once; and, alongside
    (e), a process that only imports the libraries a build needs. From these: the most deals
    per second any build or lint on these libraries could reach on these cores, and the
    smallest single-deal time over pandoc, to set beside the goals.

Timings are medians with min–max over repeated runs; no timing is asserted anywhere. On a
shared machine quote the medians and the paired ratios, and say how noisy the run was (the
``load_average`` recorded at the start and the end).
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
from typing import Any

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
    import pypandoc  # type: ignore[import-untyped]

    from contractgen.docx import render_exhibit
    from contractgen.docx.renderer import parse_markdown
    from contractgen.library.assemble import assemble_spec
    from contractgen.mdparse import forget_parses
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
            forget_parses()  # no parse-cache hits: every render parses its Markdown
            parse_markdown.cache_clear()
            t0 = time.perf_counter()
            render_exhibit(exhibit)
            ours.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            subprocess.run([pandoc, "-f", "gfm", "-t", "docx", "-o", str(out), str(md)], check=True)
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
    """N distinct deals made from the examples: new ids, partner names and one figure each.

    The figure is the installation fee, which the payment clause, the milestones and the
    credit caps quote: as in a real batch, deals share most of their wording but not all of
    it, so a memo of repeated text cannot make the batch look faster than real deals would.
    """
    import re

    folder.mkdir(parents=True, exist_ok=True)
    sources = [p.read_text(encoding="utf-8") for p in EXAMPLES]
    fee = re.compile(r"(?m)^(  installation_fee: [A-Z]{3} )([0-9][0-9,]*)")
    paths = []
    for i in range(n):
        text = sources[i % len(sources)]
        src_id = text.split("\n  id: ", 1)[1].split("\n", 1)[0].strip()
        text = text.replace(f"  id: {src_id}", f"  id: bench-deal-{i:04d}", 1)
        text = text.replace("    short_name: ", f"    short_name: P{i:04d} ", 1)
        found = fee.search(text)
        if found:
            amount = int(found[2].replace(",", "")) + 10 * i
            text = f"{text[: found.start(2)]}{amount:,}{text[found.end(2) :]}"
        path = folder / f"deal-{i:04d}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def bench_batch(specs: list[Path], work: Path, jobs: int) -> dict[str, object]:
    """``contractgen build --lint -j N`` over the batch, through the CLI's own batch function."""
    from contractgen.build import BuildOptions, build_many
    from contractgen.lint.config import LintConfig
    from contractgen.runtime import tune_gc

    out = work / "out-batch"
    options = BuildOptions(output=out, lint=LintConfig())
    t0 = time.perf_counter()
    results = build_many(specs, options, jobs=jobs)
    elapsed = time.perf_counter() - t0
    shutil.rmtree(out, ignore_errors=True)
    # The CPU a deal costs, from a few deals built in this process after a warm-up: unlike the
    # rate above, it hardly moves when other programs compete for the cores.
    tune_gc()
    sample = specs[: min(len(specs), 40)]
    build_many(sample[:3], options, jobs=1)
    c0 = time.process_time()
    build_many(sample, options, jobs=1)
    cpu_ms = (time.process_time() - c0) * 1000 / len(sample)
    shutil.rmtree(out, ignore_errors=True)
    return {
        "deals": len(specs),
        "jobs": jobs,
        "seconds": elapsed,
        "deals_per_second": len(specs) / elapsed,
        "all_built": all(r.status == "built" for r in results),
        "cpu_ms_per_deal_one_process": cpu_ms,
        "deals_per_second_if_cores_were_free": jobs * 1000 / cpu_ms,
    }


# --- (c) lint cold start -----------------------------------------------------------------------


def bench_cold_start(repeat: int) -> dict[str, object]:
    spec = str(EXAMPLES[0])
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
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


# --- (d) memory of the whole process tree ---------------------------------------------------


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _children() -> dict[int, list[int]]:
    """Parent pid → child pids, for every process visible in /proc."""
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        # the command name may hold spaces and parentheses: the fields follow the last ')'
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            return int(f.read().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


def tree_rss(root: int) -> tuple[int, int, int]:
    """(sum of resident sets, largest single one, number of processes) of ``root`` and every
    process below it."""
    tree = _children()
    todo, sizes = [root], []
    while todo:
        pid = todo.pop()
        sizes.append(_rss(pid))
        todo.extend(tree.get(pid, ()))
    return sum(sizes), max(sizes), len(sizes)


def run_sampled(cmd: list[str], interval: float = 0.05, **kwargs: object) -> dict[str, float]:
    """Run ``cmd``, sampling the memory of its whole process tree until it exits."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, **kwargs)  # type: ignore[call-overload]
    peak_sum = peak_one = procs = 0
    while proc.poll() is None:
        total, largest, count = tree_rss(proc.pid)
        peak_sum, peak_one, procs = max(peak_sum, total), max(peak_one, largest), max(procs, count)
        time.sleep(interval)
    return {
        "seconds": time.perf_counter() - t0,
        "exit_status": proc.returncode,
        "peak_tree_rss_mb": peak_sum / 2**20,
        "peak_process_rss_mb": peak_one / 2**20,
        "processes": procs,
    }


def bench_memory(specs: list[Path], work: Path, jobs: int) -> dict[str, object]:
    """Memory of every process of a ``contractgen build --lint`` run over ``specs``."""
    folder = work / f"mem-{len(specs)}"
    folder.mkdir()
    for s in specs:
        os.link(s, folder / s.name)
    cmd = [
        *CONTRACTGEN, "build", str(folder), "-o", str(work / f"out-mem-{len(specs)}"),
        "-j", str(jobs), "--quiet", "--lint",
    ]  # fmt: skip
    result = run_sampled(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return {"deals": len(specs), "jobs": jobs, **result}


# --- (e) one deal, cold, whole process ------------------------------------------------------


def _contractgen_command() -> list[str]:
    """The console script next to this Python, as users run it (else ``python -m``)."""
    script = Path(sys.executable).with_name("contractgen")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "contractgen"]


CONTRACTGEN = _contractgen_command()
SINGLE_DEAL = ROOT / "examples" / "case-study-smart-shelf.yaml"


def _run_timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) of one run; fails loudly on a bad exit."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


LIBRARY_IMPORTS = [
    sys.executable,
    "-c",
    "import click, yaml, jinja2.sandbox, markdown_it, lxml.etree, pydantic;"
    " from pydantic import BaseModel",
]
"""A process that imports what a build needs and does nothing else: no build on these libraries
starts faster."""


def bench_single_deal(repeat: int, work: Path) -> dict[str, Any]:
    """``contractgen build DEAL --format docx`` against pandoc on the deal's Markdown files."""
    import pypandoc

    pandoc = pypandoc.get_pandoc_path()
    md_out = work / "single-md"
    subprocess.run(
        [*CONTRACTGEN, "build", str(SINGLE_DEAL), "--format", "md", "-o", str(md_out), "-q"],
        check=True,
    )
    markdown = sorted(md_out.glob("*/*.md"))
    cached_env = {k: v for k, v in os.environ.items() if k != "CONTRACTGEN_NO_CACHE"}
    uncached_env = {**cached_env, "CONTRACTGEN_NO_CACHE": "1"}

    def ours(i: int, env: dict[str, str]) -> tuple[float, float]:
        out = work / f"single-{i}"
        return _run_timed(
            [*CONTRACTGEN, "build", str(SINGLE_DEAL), "--format", "docx", "-o", str(out), "-q"],
            env,
        )

    def theirs() -> tuple[float, float]:
        wall = cpu = 0.0
        for md in markdown:
            w, c = _run_timed(
                [pandoc, "-f", "gfm", "-t", "docx", "-o", str(work / "p.docx"), str(md)]
            )
            wall, cpu = wall + w, cpu + c
        return wall, cpu

    ours(-1, cached_env)  # the first run after an install fills the per-user caches
    samples: dict[str, list[tuple[float, float]]] = {
        "cached": [], "uncached": [], "pandoc": [], "library_imports": []
    }  # fmt: skip
    for i in range(repeat):  # alternate, so drift in the machine's speed hits all four alike
        samples["cached"].append(ours(i, cached_env))
        samples["pandoc"].append(theirs())
        samples["uncached"].append(ours(repeat + i, uncached_env))
        samples["library_imports"].append(_run_timed(LIBRARY_IMPORTS, cached_env))
    result: dict[str, Any] = {"deal": SINGLE_DEAL.name, "markdown_files": len(markdown)}
    for name, values in samples.items():
        result[name] = {
            "wall": _stats([w for w, _ in values]),
            "cpu": _stats([c for _, c in values]),
        }
    for name in ("cached", "uncached", "library_imports"):
        pairs = list(zip(samples[name], samples["pandoc"], strict=True))
        result[f"{name}_over_pandoc"] = {
            "wall": statistics.median(a[0] / b[0] for a, b in pairs),
            "cpu": statistics.median(a[1] / b[1] for a, b in pairs),
        }
    return result


# --- (f) lint over a folder, whole process --------------------------------------------------


def bench_lint_folder(specs: list[Path], work: Path, jobs: int, repeat: int) -> dict[str, object]:
    """``contractgen lint DIR`` over the batch: deals per second, whole process."""
    from contractgen.runtime import start_method

    folder = work / "lint-folder"
    folder.mkdir()
    for s in specs:
        os.link(s, folder / s.name)
    variants = {
        f"full_jobs_{jobs}": ["--jobs", str(jobs)],
        "full_jobs_1": ["--jobs", "1"],
        "spec_only": ["--spec-only"],
        f"spec_only_jobs_{jobs}": ["--spec-only", "--jobs", str(jobs)],
    }
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
    for _ in range(repeat):
        for name, extra in variants.items():
            cmd = [*CONTRACTGEN, "lint", str(folder), "--format", "json", "-o",
                   str(work / "lint.json"), *extra]  # fmt: skip
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wall = time.perf_counter() - t0
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if done.returncode not in (0, 1):
                raise RuntimeError(f"{' '.join(cmd)} exited {done.returncode}")
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            samples[name].append((wall, cpu))
    result: dict[str, object] = {"deals": len(specs), "jobs": jobs}
    for name, values in samples.items():
        walls = _stats([w for w, _ in values])
        entry: dict[str, object] = {"wall": walls, "deals_per_second": len(specs) / walls["median"]}
        if start_method() == "fork" or "--jobs" not in variants[name] or variants[name][-1] == "1":
            # The operating system's CPU account is complete when the workers are the command's
            # own children (forked, see contractgen.runtime); forkserver workers are children of
            # the forkserver, which nobody waits for, so their CPU would not be counted.
            entry["cpu_ms_per_deal"] = statistics.median(c for _, c in values) * 1000 / len(specs)
        result[name] = entry
    return result


# --- (g) floors: the libraries' own share -----------------------------------------------------


def bench_floors(specs: list[Path], work: Path, jobs: int) -> dict[str, object]:
    """CPU per deal that the libraries spend on work every build (or lint) must do, with none
    of contractgen's own code in the timed loops; and the best rates that leaves."""
    import zipfile
    import zlib

    import yaml
    from lxml import etree

    from contractgen.build import BuildOptions, assemble_exhibits, build_many
    from contractgen.mdparse import markdown_parser
    from contractgen.spec.loader import load_spec

    out = work / "out-floors"
    build_many(specs, BuildOptions(output=out), jobs=1)
    texts = [p.read_text(encoding="utf-8") for p in specs]
    exhibits = [[e.markdown for e in assemble_exhibits(load_spec(p))] for p in specs]
    documents: list[list[bytes]] = []
    bodies: list[list[bytes]] = []
    for path in specs:
        folder = out / load_spec(path).spec.deal.id
        parts = []
        for docx in sorted(folder.glob("*.docx")):
            with zipfile.ZipFile(docx) as z:
                parts.append(z.read("word/document.xml"))
        documents.append(parts)
        bodies.append([p for d, p in zip(sorted(folder.glob("*.docx")), parts, strict=True)
                       if d.name != "contract-pack.docx"])  # fmt: skip
    shutil.rmtree(out, ignore_errors=True)
    md = markdown_parser()
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def block_stage(text: str) -> None:
        from markdown_it.rules_core import StateCore

        state = StateCore(text, md, {})
        for rule in md.core.ruler.getRules(""):
            if rule.__name__ == "inline":
                break
            rule(state)

    def deflate(data: bytes) -> None:
        packer = zlib.compressobj(6, zlib.DEFLATED, -15)
        packer.compress(data)
        packer.flush()

    def per_deal(fn: Callable[[int], None]) -> float:
        """The least CPU milliseconds per deal over three passes (the least disturbed)."""
        best = float("inf")
        for _ in range(3):
            c0 = time.process_time()
            for i in range(len(specs)):
                fn(i)
            best = min(best, (time.process_time() - c0) * 1000 / len(specs))
        return best

    def full_parse(i: int) -> None:
        for text in exhibits[i]:
            md.parse(text)

    def blocks(i: int) -> None:
        for text in exhibits[i]:
            block_stage(text)

    def read_spec(i: int) -> None:
        yaml.compose(texts[i], Loader=loader)

    def deflate_parts(i: int) -> None:
        for data in documents[i]:
            deflate(data)

    def parse_bodies(i: int) -> None:
        for data in bodies[i]:
            etree.fromstring(data)

    ms = {
        "markdown_it_full_parse": per_deal(full_parse),
        "markdown_it_block_stage": per_deal(blocks),
        "libyaml_compose": per_deal(read_spec),
        "zlib_deflate_document_parts": per_deal(deflate_parts),
        "lxml_parse_exhibit_bodies": per_deal(parse_bodies),
    }
    build = sum(ms[k] for k in ms if k != "markdown_it_block_stage")
    lint = ms["markdown_it_block_stage"] + ms["libyaml_compose"]
    return {
        "deals": len(specs),
        "jobs": jobs,
        "cpu_ms_per_deal": ms,
        "build_ms_per_deal": build,
        "lint_ms_per_deal": lint,
        "spec_only_ms_per_deal": ms["libyaml_compose"],
        "build_deals_per_second_at_most": jobs * 1000 / build,
        "lint_deals_per_second_at_most": jobs * 1000 / lint,
        "spec_only_deals_per_second_at_most": jobs * 1000 / ms["libyaml_compose"],
    }


def single_deal_floor(single: dict[str, Any], floors: dict[str, Any]) -> dict[str, float]:
    """The fastest a cold single-deal build on these libraries could be, against pandoc: the
    imports-only process plus the case study's own share of the per-deal floors (its
    exhibits are about as long as the batch's)."""
    imports = single["library_imports"]["wall"]["median"] * 1000
    total = imports + floors["build_ms_per_deal"]
    pandoc = single["pandoc"]["wall"]["median"] * 1000
    return {"library_imports_ms": imports, "floor_ms": total, "floor_over_pandoc": total / pandoc}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--deals", type=int, default=500, help="batch size for (b), (d), (f)")
    parser.add_argument("--repeat", type=int, default=7, help="runs per timing")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", type=Path, default=None, help="write the result here")
    parser.add_argument(
        "--only", default="abcdefg", help="which measurements to run, e.g. 'ef' (default: all)"
    )
    args = parser.parse_args(argv)

    result: dict[str, object] = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "system": f"{platform.system()} {platform.machine()}",
            "load_average_at_start": os.getloadavg() if hasattr(os, "getloadavg") else None,
        },
        "goals": {
            "render_speedup_vs_pandoc": ">= 7 (per document, no parse-cache hits)",
            "deals_per_second": ">= 50 (build --lint, all cores)",
            "lint_cold_start_overhead_ms": "<= 60",
            "memory": "tree peak flat in the batch size",
            "single_deal_cold_over_pandoc": "<= 0.5 (at least 2x faster than pandoc)",
            "lint_full_deals_per_second": ">= 60 (all cores)",
            "lint_spec_only_deals_per_second": ">= 300",
        },
    }
    # Whole-process figures as users run them: with bytecode compiled, as pip does on install
    # (PYTHONDONTWRITEBYTECODE may be set, and then nothing would ever write it).
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "contractgen")],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    with tempfile.TemporaryDirectory(prefix="contractgen-bench-") as tmp:
        work = Path(tmp)
        specs = generate_batch(args.deals, work / "specs")
        if "e" in args.only:
            print("(e) one deal, cold, whole process, against pandoc on its Markdown files")
            single = bench_single_deal(args.repeat * 3, work)
            for name in ("cached", "uncached", "pandoc"):
                times = single[name]
                print(f"    {name:9s} wall {_fmt(times['wall'])}  cpu {_fmt(times['cpu'])}")
            for name in ("cached", "uncached"):
                ratio = single[f"{name}_over_pandoc"]
                print(
                    f"    {name}/pandoc (paired medians): wall {ratio['wall']:.2f}, "
                    f"cpu {ratio['cpu']:.2f}"
                )
            result["single_deal"] = single

        if "a" in args.only:
            print("(a) Markdown -> DOCX per document (no parse-cache hits)")
            render = bench_render(args.repeat, work)
            print(f"    contractgen {_fmt(render['contractgen'])}")  # type: ignore[arg-type]
            print(f"    pandoc      {_fmt(render['pandoc'])}")  # type: ignore[arg-type]
            print(f"    ratio       {render['speedup_vs_pandoc']:.1f}x faster than pandoc")
            result["render"] = render

        if "b" in args.only:
            print(f"(b) whole deals (lint + Markdown + DOCX + pack), {args.deals} deals")
            batch = bench_batch(specs, work, args.jobs)
            print(
                f"    {batch['deals_per_second']:.1f} deals/s on {args.jobs} cores "
                f"({batch['seconds']:.1f} s); {batch['cpu_ms_per_deal_one_process']:.0f} ms CPU "
                f"per deal, {batch['deals_per_second_if_cores_were_free']:.0f} deals/s "
                f"if {args.jobs} cores were free"
            )
            result["batch"] = batch

        if "f" in args.only:
            print(f"(f) contractgen lint over a folder of {args.deals} deals, whole process")
            lint = bench_lint_folder(specs, work, args.jobs, max(1, args.repeat // 2))
            for name, entry in lint.items():
                if isinstance(entry, dict):
                    cpu = entry.get("cpu_ms_per_deal")
                    extra = f", {cpu:.1f} ms CPU per deal" if cpu is not None else ""
                    print(
                        f"    {name:16s} {entry['deals_per_second']:6.1f} deals/s "
                        f"(median {entry['wall']['median']:.2f} s{extra})"
                    )
            result["lint_folder"] = lint

        if "c" in args.only:
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

        if "d" in args.only:
            print("(d) memory of every process of contractgen build --lint")
            # Three sizes: the per-process caches fill over the first few dozen deals, so flat
            # means no growth from the middle size to the largest, not from the smallest.
            memory: dict[str, dict[str, object]] = {
                "small": bench_memory(specs[: max(1, args.deals // 10)], work, args.jobs),
                "medium": bench_memory(specs[: max(1, args.deals // 2)], work, args.jobs),
                "large": bench_memory(specs, work, args.jobs),
            }
            for m in memory.values():
                print(
                    f"    {m['deals']:5d} deals: tree peak {m['peak_tree_rss_mb']:.0f} MB over "
                    f"{m['processes']} processes, largest process {m['peak_process_rss_mb']:.0f} "
                    f"MB ({m['seconds']:.1f} s)"
                )
            growth = float(memory["large"]["peak_tree_rss_mb"]) - float(  # type: ignore[arg-type]
                memory["medium"]["peak_tree_rss_mb"]  # type: ignore[arg-type]
            )
            print(f"    tree peak from {args.deals // 2} to {args.deals} deals: {growth:+.1f} MB")
            result["memory"] = {**memory, "tree_growth_medium_to_large_mb": growth}
        if "g" in args.only:
            print("(g) floors: the libraries' own CPU per deal, nothing of contractgen's timed")
            floors = bench_floors(specs[: min(len(specs), 30)], work, args.jobs)
            for name, value in floors["cpu_ms_per_deal"].items():  # type: ignore[attr-defined]
                print(f"    {name:30s} {value:6.1f} ms")
            print(
                f"    at most: build {floors['build_deals_per_second_at_most']:.0f} deals/s, "
                f"lint {floors['lint_deals_per_second_at_most']:.0f} deals/s, spec-only lint "
                f"{floors['spec_only_deals_per_second_at_most']:.0f} deals/s on {args.jobs} cores"
            )
            if "single_deal" in result:
                floor = single_deal_floor(result["single_deal"], floors)  # type: ignore[arg-type]
                floors["single_deal"] = floor
                print(
                    f"    one deal cold: at least {floor['floor_ms']:.0f} ms "
                    f"({floor['library_imports_ms']:.0f} ms importing), "
                    f"{floor['floor_over_pandoc']:.2f}x pandoc"
                )
            result["floors"] = floors
    result["machine"]["load_average_at_end"] = (  # type: ignore[index]
        os.getloadavg() if hasattr(os, "getloadavg") else None
    )
    if args.json:
        if set(args.only) != set("abcdefg") and args.json.is_file():
            # A partial run updates its own entries of an earlier full result.
            earlier = json.loads(args.json.read_text(encoding="utf-8"))
            partial_machine = result.pop("machine")
            result = {**earlier, **result}
            result["partial_run"] = {"measurements": args.only, "machine": partial_machine}
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        shown = args.json.relative_to(ROOT) if args.json.is_relative_to(ROOT) else args.json
        print(f"wrote {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
