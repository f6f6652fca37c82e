"""The compiled-validator cache: it may make a run faster, never different.

Equivalence is checked directly: pydantic's own validator and one rebuilt from the cached
schema must accept the same specs into the same values and reject the same specs with the
same errors, over the examples and hypothesis-mutated copies of them.
"""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from pydantic_core import SchemaValidator

from contractgen.spec import compiled
from contractgen.spec.models import DealSpec
from tests.conftest import EXAMPLES, ROOT


def _fresh() -> Any:
    DealSpec.model_rebuild(force=True)
    return DealSpec.__pydantic_validator__


class Pair(tuple):
    """(pydantic's validator, the one made from the stored schema), with a short repr."""

    def __repr__(self) -> str:
        return "Pair(fresh, cached)"


@pytest.fixture(scope="module")
def validators(tmp_path_factory: pytest.TempPathFactory) -> Pair:
    fresh = _fresh()
    path = tmp_path_factory.mktemp("cache") / "deal-spec.pickle"
    compiled._store(path, fresh)
    args = compiled._load(path)
    assert args is not None, "the schema could not be stored and read back"
    return Pair((fresh, SchemaValidator(*args)))


def _outcome(validator: Any, data: Any) -> tuple[str, Any]:
    try:
        spec = validator.validate_python(data)
    except ValidationError as exc:
        # ``msg`` carries the context's text; the context holds exception objects, which never
        # compare equal across two raises.
        return "error", exc.errors(include_url=False, include_context=False)
    return "ok", spec.model_dump(mode="json")


EXAMPLE_DATA = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in EXAMPLES]


@pytest.mark.parametrize("data", EXAMPLE_DATA, ids=[p.stem for p in EXAMPLES])
def test_examples_validate_the_same(validators: tuple[Any, Any], data: Any) -> None:
    fresh, cached = validators
    expected = _outcome(fresh, data)
    assert expected[0] == "ok"
    assert _outcome(cached, data) == expected


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


def _replace(node: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    node = copy.copy(node)
    node[path[0]] = _replace(node[path[0]], path[1:], value)
    return node


replacement = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-5, max_value=200),
    st.decimals(allow_nan=False, places=2, min_value=-10, max_value=200).map(str),
    st.text(max_size=12),
    st.sampled_from(
        ["2h", "0h", "4 business hours", "3 business days", "150%", "99.5%", "USD 5,000",
         "P0", "P9", "mon", "2027-01-01", "America/Los_Angeles", "Mars/Olympus", "quarter",
         "metadata", [], {}, {"metadata": 1}, ["mon", "mon"]]
    ),
)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(data=st.sampled_from(EXAMPLE_DATA), draw=st.data())
def test_mutated_specs_validate_the_same(
    validators: tuple[Any, Any], data: Any, draw: st.DataObject
) -> None:
    fresh, cached = validators
    path = draw.draw(st.sampled_from(_paths(data)[1:]))
    mutated = _replace(data, path, draw.draw(replacement))
    assert _outcome(cached, mutated) == _outcome(fresh, mutated)


def test_a_field_called_metadata_is_kept() -> None:
    schema = {
        "type": "model-fields",
        "fields": {"metadata": {"type": "model-field", "schema": {"type": "str"}, "metadata": {}}},
        "metadata": {"pydantic_js_functions": [lambda: None]},
    }
    assert compiled.strip_metadata(schema) == {
        "type": "model-fields",
        "fields": {"metadata": {"type": "model-field", "schema": {"type": "str"}}},
    }


# --- the cache file across processes ----------------------------------------------------------

PROBE = (
    "from contractgen.spec.models import DealSpec\n"
    "from contractgen.spec.compiled import ensure_validator\n"
    "from contractgen.spec.loader import load_spec\n"
    "ensure_validator(DealSpec)\n"
    "print('rebuilt' if DealSpec.__pydantic_complete__ else 'cached')\n"
    f"load_spec({str(EXAMPLES[0])!r})\n"
)


def _probe(cache: Path | None, **env: str) -> str:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("CONTRACTGEN_")}
    if cache is not None:
        environ["CONTRACTGEN_CACHE_DIR"] = str(cache)
    environ.update(env)
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=environ, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_second_run_uses_the_cache(tmp_path: Path) -> None:
    assert _probe(tmp_path) == "rebuilt"
    files = list(tmp_path.glob("deal-spec-*.pickle"))
    assert len(files) == 1
    assert _probe(tmp_path) == "cached"


def test_damaged_cache_is_rebuilt(tmp_path: Path) -> None:
    _probe(tmp_path)
    (file,) = tmp_path.glob("deal-spec-*.pickle")
    file.write_bytes(file.read_bytes()[:500])
    assert _probe(tmp_path) == "rebuilt"
    assert _probe(tmp_path) == "cached"


def test_cache_others_can_write_is_not_loaded(tmp_path: Path) -> None:
    _probe(tmp_path)
    (file,) = tmp_path.glob("deal-spec-*.pickle")
    file.chmod(0o666)
    assert _probe(tmp_path) == "rebuilt"


def test_cache_folder_that_is_a_file_still_validates(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert _probe(blocker) == "rebuilt"
    assert _probe(blocker) == "rebuilt"


def test_no_cache_writes_nothing(tmp_path: Path) -> None:
    assert _probe(tmp_path, CONTRACTGEN_NO_CACHE="1") == "rebuilt"
    assert not list(tmp_path.iterdir())


def test_default_folder_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONTRACTGEN_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert compiled.cache_dir() == tmp_path / "contractgen"


def test_key_follows_the_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for source in compiled.SPEC_PACKAGE.glob("*.py"):
        (tmp_path / source.name).write_bytes(source.read_bytes())
    monkeypatch.setattr(compiled, "SPEC_PACKAGE", tmp_path)
    before = compiled.cache_key()
    models = tmp_path / "models.py"
    models.write_text(models.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert compiled.cache_key() != before
