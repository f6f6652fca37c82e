"""Clauses that ask ``uses(term)`` are rendered again until the terms they list stop changing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from contractgen.library import assemble
from contractgen.library.clause import Clause
from contractgen.library.loader import Library
from tests.library.helpers import CASE_STUDY, build, main_markdown

_DEFINITIONS = """---
id: definitions
title: Definitions and Interpretation
version: "9.0"
order: 100
---
### {{ sub("Defined Terms") }}

{% if uses("Escalation") %}
- **"Escalation"** means a referral made in the Referral Order.
{% endif %}
{% if uses("Referral Order") %}
- **"Referral Order"** means the order of the contacts in the escalation table.
{% endif %}
"""


def _library(tmp_path: Path) -> Path:
    folder = tmp_path / "lib"
    (folder / "general").mkdir(parents=True)
    (folder / "library.yaml").write_text("name: late-terms\ndrop: []\n", encoding="utf-8")
    (folder / "general" / "definitions.md.j2").write_text(_DEFINITIONS, encoding="utf-8")
    return folder


def test_a_term_used_only_by_another_definition_is_defined(tmp_path: Path) -> None:
    """Escalation is used by the deal's clauses; Referral Order only by Escalation's
    definition, so it is listed from the second pass on, whose answers differ from the first."""
    markdown = main_markdown(build(CASE_STUDY, [_library(tmp_path)]))
    assert '**"Escalation"** means' in markdown
    assert '**"Referral Order"** means' in markdown


def test_a_pass_with_the_same_answers_is_not_rendered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rendered: list[str] = []
    render = assemble._render

    def counting(library: Library, clause: Clause, *args: Any) -> str:
        if clause.id in library.late:
            rendered.append(clause.id)
        return render(library, clause, *args)

    monkeypatch.setattr(assemble, "_render", counting)
    build(CASE_STUDY, [_library(tmp_path)])
    assert rendered == ["definitions", "definitions"]  # a third pass would repeat the second
