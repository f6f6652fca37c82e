"""Where ``{% include %}``, ``{% import %}`` and ``{% extends %}`` may look: the library only.

A name is a relative path inside a library layer ("partials/metrics.md.j2"); the top layer that
has the file wins, so a company can override a shared partial as it overrides a clause. Names
that climb out (``..``), absolute paths and symbolic links that lead outside a layer are not
found, so a template cannot read an arbitrary file of the machine it runs on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, TemplateNotFound
from jinja2.loaders import split_template_path

from contractgen.library.clause import template_source
from contractgen.library.limits import MAX_TEMPLATE_CHARS

TEMPLATE_SUFFIX = ".j2"


class LayeredLoader(BaseLoader):
    """Serve ``*.j2`` files from the library layers, the last layer first."""

    def __init__(self, roots: Sequence[Path]) -> None:
        self.roots = [Path(r).resolve() for r in roots]

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        if "\\" in template or template.startswith("/") or ":" in template:
            raise TemplateNotFound(template)
        if not template.endswith(TEMPLATE_SUFFIX):
            raise TemplateNotFound(template)
        parts = split_template_path(template)  # refuses ".." and separators inside a part
        for root in reversed(self.roots):
            path = root.joinpath(*parts)
            if not path.is_file():
                continue
            if not path.resolve().is_relative_to(root):
                raise TemplateNotFound(template)
            text = path.read_text(encoding="utf-8")
            if len(text) > MAX_TEMPLATE_CHARS:
                raise TemplateNotFound(template)
            return template_source(text), str(path), lambda: True
        raise TemplateNotFound(template)
