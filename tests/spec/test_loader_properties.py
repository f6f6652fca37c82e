"""Property tests: whatever text arrives, loading ends in a spec or a UserError, never a crash."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from contractgen.errors import UserError
from contractgen.spec.loader import decode, load_spec_text
from tests.conftest import ROOT

BASE = (ROOT / "examples" / "baseline-aiot-si.yaml").read_text(encoding="utf-8")

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(["2h", "0h", "150%", "4 business hours", "USD 5", "P0", "mon", "2027-01-01"]),
)
keys = st.one_of(
    st.text(min_size=1, max_size=12),
    st.sampled_from(["deal", "support", "priorities", "id", "response", "target", "period"]),
)
trees = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5), st.dictionaries(keys, children, max_size=5)
    ),
    max_leaves=30,
)


def _dump(value: object) -> str:
    out = io.StringIO()
    YAML(typ="safe", pure=True).dump(value, out)
    return out.getvalue()


def _load_never_crashes(text: str) -> None:
    try:
        load_spec_text(text, "random.yaml")
    except UserError as exc:
        assert exc.diagnostics
        for d in exc.diagnostics:
            assert str(d).startswith("random.yaml")


@settings(max_examples=150, deadline=None, derandomize=True)
@given(trees)
def test_random_yaml_documents_never_crash(tree: object) -> None:
    _load_never_crashes(_dump(tree))


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.text(max_size=300))
def test_random_text_never_crashes(text: str) -> None:
    _load_never_crashes(text)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.binary(max_size=300))
def test_random_bytes_never_crash(data: bytes) -> None:
    try:
        text = decode(data, "random.yaml")
    except UserError:
        return
    _load_never_crashes(text)


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.integers(min_value=0, max_value=len(BASE)), st.text(max_size=20))
def test_spliced_examples_never_crash(at: int, insert: str) -> None:
    _load_never_crashes(BASE[:at] + insert + BASE[at:])
