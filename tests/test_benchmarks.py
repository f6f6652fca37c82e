"""The benchmark still runs against the code it measures.

``benchmarks/bench.py`` reaches into contractgen's internals (the parse cache it clears, the
batch function it times), so a refactor can break it without any other test noticing. This runs
the quick measurements on a tiny batch and checks the result it writes; the figures themselves
are never asserted.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def _bench_module() -> object:
    spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_benchmark_runs_and_writes_its_result(tmp_path: Path) -> None:
    bench = _bench_module()
    out = tmp_path / "result.json"
    code = bench.main(  # type: ignore[attr-defined]
        ["--deals", "4", "--repeat", "1", "--jobs", "2", "--only", "abg", "--json", str(out)]
    )
    assert code == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["render"]["documents"] == 12
    assert result["render"]["speedup_vs_pandoc"] > 0
    assert result["batch"]["deals"] == 4 and result["batch"]["all_built"] is True
    floors = result["floors"]
    assert floors["deals"] == 4
    assert all(ms > 0 for ms in floors["cpu_ms_per_deal"].values())
    assert floors["build_deals_per_second_at_most"] < floors["lint_deals_per_second_at_most"]
