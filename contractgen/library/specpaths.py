"""Dotted paths into the deal spec: checking a clause's ``reads:`` and naming what is missing.

Two jobs, one idea: a clause names spec fields by dotted path ("escalation.tiers"), both in its
front matter and in error messages. :func:`check_path` rejects a ``reads:`` entry that names no
field of the model, so a typo is caught when the library loads rather than when a deal happens to
need the clause. :func:`path_index` maps every container of a loaded spec to its path, so an
undefined attribute can be reported as ``'spec.escalation.foo' is undefined`` instead of
Jinja's "'Escalation object' has no attribute 'foo'".
"""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel


def _models_in(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """The model inside list[...] / X | None / Annotated[...], and whether a dict was passed."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    origin = typing.get_origin(annotation)
    if origin is dict:
        return None, True
    for arg in typing.get_args(annotation):
        model, is_dict = _models_in(arg)
        if model is not None or is_dict:
            return model, is_dict
    return None, False


def check_path(model: type[BaseModel], dotted: str) -> str | None:
    """None if ``dotted`` names a field of ``model`` (through lists and optionals), else why not.

    Below a mapping field (e.g. ``escalation.brand_l2_response``) any key is accepted: its keys
    are priority ids chosen by the deal.
    """
    current: type[BaseModel] | None = model
    walked: list[str] = []
    for part in dotted.split("."):
        if current is None:
            return None  # below a mapping: keys are the deal's own
        info = current.model_fields.get(part)
        if info is None:
            where = ".".join(walked) or "the spec"
            known = ", ".join(current.model_fields)
            return f"'{dotted}': {where} has no field '{part}' (fields: {known})"
        walked.append(part)
        nested, is_dict = _models_in(info.annotation)
        if nested is None and not is_dict:
            rest = dotted.split(".")[len(walked) :]
            if rest:
                return f"'{dotted}': '{'.'.join(walked)}' is a value, it has no fields"
            return None
        current = nested
    return None


_CONTAINERS = (BaseModel, list, tuple, dict)
"""What :func:`path_index` indexes: the values a template can ask for an attribute or item."""


def path_index(root: Any, name: str = "spec") -> dict[int, str]:
    """id() of every model, list and dict reachable from ``root`` → its dotted path.

    Only containers are indexed (only they can be asked for an attribute); scalars such as None
    are shared objects and would give wrong paths. The first path found for an object wins.
    """
    index: dict[int, str] = {}
    # A child is tested before it is visited, so the scalars (most of a spec's values) cost one
    # isinstance test each instead of a call and a formatted path: 1,100 calls a deal were ~1 ms.

    def walk(node: Any, path: str) -> None:
        index[id(node)] = path
        if isinstance(node, BaseModel):
            for field in type(node).model_fields:
                child = getattr(node, field)
                if isinstance(child, _CONTAINERS) and id(child) not in index:
                    walk(child, f"{path}.{field}")
        elif isinstance(node, (list, tuple)):
            for i, item in enumerate(node):
                if isinstance(item, _CONTAINERS) and id(item) not in index:
                    walk(item, f"{path}[{i}]")
        else:
            for key, item in node.items():
                if isinstance(item, _CONTAINERS) and id(item) not in index:
                    walk(item, f"{path}[{key!r}]")

    if isinstance(root, _CONTAINERS):
        walk(root, name)
    return index
