"""Field descriptions come from the attribute docstrings, as pydantic would read them, but only
when the schema or the spec reference asks."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from pydantic._internal._docs_extraction import extract_docstrings_from_cls

from contractgen.spec import models
from contractgen.spec.descriptions import attribute_docstrings, spec_models
from tests.conftest import fresh_python

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def docs() -> dict[str, dict[str, str]]:
    return attribute_docstrings(Path(models.__file__).read_text(encoding="utf-8"))


def test_every_model_reads_as_pydantic_reads_it(docs: dict[str, dict[str, str]]) -> None:
    classes = spec_models()
    assert models.DealSpec in classes and len(classes) > 40
    for model in classes:
        assert docs[model.__name__] == extract_docstrings_from_cls(model, use_inspect=True), model


def test_the_reader_takes_only_a_string_right_under_an_annotation() -> None:
    source = textwrap.dedent(
        '''
        class A:
            """The class's own docstring."""

            x: int
            """  Documents x.

                 Second paragraph.
            """
            y: int = 3
            z = 4
            """Under a plain assignment: not a field's."""

            def f(self) -> None:
                w: int
                """Inside a method: not a field's."""
        '''
    )
    assert attribute_docstrings(source) == {"A": {"x": "Documents x.\n\nSecond paragraph."}}


def _run(code: str) -> str:
    return fresh_python(textwrap.dedent(code)).strip()


def test_importing_the_models_reads_no_docstring() -> None:
    out = _run(
        """
        import sys
        from contractgen.spec.models import DealSpec, Deal
        print(Deal.model_fields["id"].description, "contractgen.spec.descriptions" in sys.modules)
        """
    )
    assert out == "None False"


def test_models_built_before_the_schema_still_give_the_committed_schema() -> None:
    """Validating a spec builds the models without descriptions; the schema rebuilds them."""
    out = _run(
        """
        from pathlib import Path
        from contractgen.spec.loader import load_spec_text
        from contractgen.spec import models
        from contractgen.spec.schema import schema_text

        path = Path("examples/case-study-smart-shelf.yaml")
        load_spec_text(path.read_text(encoding="utf-8"), str(path))
        models.DealSpec.model_rebuild(force=True)
        models.Deal.model_rebuild(force=True)
        committed = Path("schemas/deal-spec.schema.json").read_text(encoding="utf-8")
        print(models.DealSpec.__pydantic_complete__, schema_text() == committed)
        """
    )
    assert out == "True True"
