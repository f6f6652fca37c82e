"""The spec models' field descriptions, read from their attribute docstrings only when asked.

Each field of a spec section is documented by the string under it; those strings are the JSON
Schema's descriptions (what an editor shows while a spec is typed) and the spec reference's.
pydantic can collect them itself as each model class is made (``use_attribute_docstrings``), but
it does so by finding and parsing the class's source again for each of the ~55 models: about
45 ms of every process that imports the models, and only ``contractgen schema`` and the spec
reference ever read a description. So the models are made without them, and
:func:`describe_fields` — called by those two before they build anything — reads
``models.py`` once and gives every field its docstring, the way pydantic would have: the string
statement right after the field's annotation, cleaned with :func:`inspect.cleandoc`, and only
where the field states no ``description`` of its own. A model already built in this process is
rebuilt (sections before the models that hold them), so its schema carries the descriptions too.
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path
from typing import Any

_described = False


def attribute_docstrings(source: str) -> dict[str, dict[str, str]]:
    """``{class name: {field: docstring}}`` for the top-level classes of a module's source."""
    found: dict[str, dict[str, str]] = {}
    for node in ast.parse(source).body:
        if not isinstance(node, ast.ClassDef):
            continue
        docs: dict[str, str] = {}
        previous: ast.stmt | None = None
        for stmt in node.body:
            if (
                isinstance(stmt, ast.Expr)
                and isinstance(stmt.value, ast.Constant)
                and isinstance(stmt.value.value, str)
                and isinstance(previous, ast.AnnAssign)
                and isinstance(previous.target, ast.Name)
            ):
                docs[previous.target.id] = inspect.cleandoc(stmt.value.value)
            previous = stmt
        found[node.name] = docs
    return found


def spec_models() -> list[type[Any]]:
    """Every model class of the spec, in the order they were made (a section before its users)."""
    from contractgen.spec.models import Model

    result: list[type[Any]] = []
    pending = list(Model.__subclasses__())
    while pending:
        model = pending.pop(0)
        if model not in result:
            result.append(model)
        pending.extend(model.__subclasses__())
    return result


def describe_fields() -> None:
    """Give every spec field its description (once per process); see the module docstring."""
    global _described
    if _described:
        return
    _described = True
    from contractgen.spec import models

    docs = attribute_docstrings(Path(models.__file__).read_text(encoding="utf-8"))
    built: list[type[Any]] = []
    for model in spec_models():
        for name, info in model.model_fields.items():
            if info.description is not None:
                continue
            # The class whose own body annotates the field is where its docstring is written.
            owner = next(
                (k for k in model.__mro__ if name in (vars(k).get("__annotations__") or {})), model
            )
            text = docs.get(owner.__name__, {}).get(name)
            if text is not None and owner.__module__ == models.__name__:
                info.description = text
        if model.__pydantic_complete__:
            built.append(model)
    for model in built:
        model.model_rebuild(force=True)
