"""Nothing a reviewer should never see reaches the output of any example or starter spec."""

from __future__ import annotations

from pathlib import Path

import pytest

from contractgen.library.assemble import assemble_spec
from contractgen.spec.loader import load_spec
from tests.library.helpers import EXAMPLES, PRESETS, scan_spec_paths


@pytest.mark.parametrize("path", EXAMPLES + PRESETS, ids=lambda p: p.stem)
def test_output_is_clean(path: Path) -> None:
    problems = scan_spec_paths([path])
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_assembly_is_deterministic(path: Path) -> None:
    first = [e.markdown for e in assemble_spec(load_spec(path))]
    second = [e.markdown for e in assemble_spec(load_spec(path))]
    assert first == second
