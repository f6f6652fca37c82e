"""The spec reference in Markdown, generated from the model so it never drifts from it.

``docs/spec-reference.md`` is this output committed; a test keeps the two equal. Regenerate with
``python -m contractgen.spec.reference > docs/spec-reference.md``.
"""

from __future__ import annotations

import typing
from enum import Enum

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined


def _type_name(annotation: typing.Any) -> str:
    """A reader's name for a field's type: Duration, Percent, list of Priority, one of …"""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        base = args[0]
        meta = args[1:]
        from decimal import Decimal

        if base is Decimal:
            for m in meta:
                text = repr(m)
                if "percent" in text:
                    return "Percent"
            return "Number"
        if base is str:
            return "text"
        if base is int:
            return "whole number"
        return _type_name(base)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        names = [_type_name(a) for a in args if a is not type(None)]
        return " or ".join(names)
    if origin is list:
        return f"list of {_type_name(args[0])}"
    if origin is dict:
        return f"map of {_type_name(args[0])} → {_type_name(args[1])}"
    if origin is typing.Literal:
        return "one of " + ", ".join(f"`{a}`" for a in args)
    if isinstance(annotation, type):
        if issubclass(annotation, Enum):
            return "one of " + ", ".join(f"`{m.value}`" for m in annotation)
        if issubclass(annotation, BaseModel):
            return f"[{annotation.__name__}](#{annotation.__name__.lower()})"
        import datetime

        if annotation is datetime.date:
            return "date (YYYY-MM-DD)"
        if annotation is bool:
            return "true or false"
        if annotation is str:
            return "text"
        if annotation is int:
            return "whole number"
        return annotation.__name__
    return str(annotation)


def _default(info: FieldInfo) -> str:
    if info.is_required():
        return "**required**"
    value = info.default
    if value is PydanticUndefined or value is None:
        return "—"
    if isinstance(value, BaseModel):
        return "(defaults)"
    if isinstance(value, Enum):
        return f"`{value.value}`"
    if isinstance(value, (list, dict)) and not value:
        return "empty"
    return f"`{value}`"


def _models(root: type[BaseModel]) -> list[type[BaseModel]]:
    """Every model reachable from ``root``, in first-seen order."""
    seen: list[type[BaseModel]] = []

    def visit(annotation: typing.Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation in seen:
                return
            seen.append(annotation)
            for info in annotation.model_fields.values():
                visit(info.annotation)
            return
        for arg in typing.get_args(annotation):
            visit(arg)

    visit(root)
    return seen


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def spec_reference() -> str:
    """The whole reference as Markdown."""
    from contractgen.spec.descriptions import describe_fields
    from contractgen.spec.models import DealSpec

    describe_fields()

    lines = [
        "# Deal spec reference",
        "",
        "Generated from the model (`python -m contractgen.spec.reference`); do not edit by hand.",
        "Durations carry their clock: `2h` runs around the clock, `4 business hours` and",
        "`3 business days` only inside the calendar's business hours. Percentages are 0–100",
        '(`95` or `"95%"`). Money is an ISO currency code and an amount (`"USD 10,000"`).',
        "",
    ]
    for model in _models(DealSpec):
        lines += [f"## {model.__name__}", ""]
        doc = (model.__doc__ or "").strip()
        if doc and model is DealSpec:
            lines += [doc, ""]
        lines += ["| key | type | default | meaning |", "|---|---|---|---|"]
        for name, info in model.model_fields.items():
            lines.append(
                f"| `{name}` | {_cell(_type_name(info.annotation))} | {_default(info)} | "
                f"{_cell(info.description or '')} |"
            )
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(spec_reference(), end="")
