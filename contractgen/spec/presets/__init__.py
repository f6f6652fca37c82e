"""Starter specs written by ``contractgen init``: fully commented, and sound (they lint clean)."""

from __future__ import annotations

from importlib.resources import files


def preset_text(name: str, *, schema_ref: str) -> str:
    """The commented starter spec ``name``, headed by the editor's schema line."""
    body = files(__package__).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return f"# yaml-language-server: $schema={schema_ref}\n" + body
