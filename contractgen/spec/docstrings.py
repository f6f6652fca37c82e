"""Attribute docstrings of the spec models, read from the source only when documentation needs them.

The string under each field is its description for editors (JSON Schema) and for the generated
spec reference. Pydantic can collect these itself (``use_attribute_docstrings``), but it then
parses each class's source on every start-up, which costs every ``lint`` run a noticeable share
of its time for text that only ``schema`` and the reference print. Here the module is parsed
once, on demand.
"""

from __future__ import annotations

import ast
import functools
import inspect
import itertools
from typing import Any


@functools.lru_cache(maxsize=1)
def _docstrings() -> dict[str, dict[str, str]]:
    """class name → field name → the docstring written under the field."""
    from contractgen.spec import models

    tree = ast.parse(inspect.getsource(models))
    found: dict[str, dict[str, str]] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        fields: dict[str, str] = {}
        body = node.body
        for first, second in itertools.pairwise(body):
            if (
                isinstance(first, ast.AnnAssign)
                and isinstance(first.target, ast.Name)
                and isinstance(second, ast.Expr)
                and isinstance(second.value, ast.Constant)
                and isinstance(second.value.value, str)
            ):
                fields[first.target.id] = inspect.cleandoc(second.value.value)
        found[node.name] = fields
    return found


def field_description(model: type, field: str) -> str:
    """The docstring under ``field`` in ``model`` (or a base class), or an empty string."""
    for cls in model.__mro__:
        text = _docstrings().get(cls.__name__, {}).get(field)
        if text:
            return text
    return ""


def add_descriptions(schema: dict[str, Any], model: type) -> None:
    """``json_schema_extra`` hook: put each field's docstring into its property schema."""
    for name, prop in schema.get("properties", {}).items():
        text = field_description(model, name)
        if text and "description" not in prop:
            prop["description"] = text
