"""``ref()`` writes links the renderers turn into fields and anchors; ``ref(id, sub=...)``
refers to a sub-clause, whichever clause renders first."""

from __future__ import annotations

from pathlib import Path

import pytest

from contractgen.errors import UserError
from contractgen.library.assemble import assemble_spec
from contractgen.spec.loader import load_spec
from tests.conftest import ROOT

CASE_STUDY = ROOT / "examples" / "case-study-smart-shelf.yaml"

REFERRING = """---
id: alpha-notes
title: Alpha Notes
version: "1.0"
order: 151
---
The second part of the next clause is {{ ref("beta-terms", sub="Second Part") }}.
"""

REFERRED = """---
id: beta-terms
title: Beta Terms
version: "1.0"
order: 152
---
### {{ sub("First Part") }}

One.

### {{ sub("Second Part") }}

Two.
"""


def _library(tmp_path: Path, referring: str = REFERRING) -> Path:
    folder = tmp_path / "lib" / "general"
    folder.mkdir(parents=True)
    (folder / "alpha.md.j2").write_text(referring, encoding="utf-8")
    (folder / "beta.md.j2").write_text(REFERRED, encoding="utf-8")
    return tmp_path / "lib"


def test_a_reference_to_a_later_sub_clause_is_resolved(tmp_path: Path) -> None:
    exhibits = assemble_spec(load_spec(CASE_STUDY), [_library(tmp_path)])
    main = exhibits[0]
    anchor = next(a for a in main.anchors if a.bookmark == "beta_terms__second_part")
    assert anchor.level == 1 and anchor.label.endswith(".2")
    link = f"[Section {anchor.label}](ref:n/beta_terms__second_part)"
    assert f"The second part of the next clause is {link}." in main.markdown
    assert f"[Section {anchor.label}](#{anchor.slug})" in main.markdown_file
    assert f"### {anchor.label} Second Part" in main.markdown


def test_a_reference_to_a_missing_sub_clause_is_an_error(tmp_path: Path) -> None:
    library = _library(tmp_path, REFERRING.replace("Second Part", "Third Part"))
    with pytest.raises(UserError) as caught:
        assemble_spec(load_spec(CASE_STUDY), [library])
    message = str(caught.value)
    assert "ref('beta-terms', sub='Third Part')" in message
    assert "'First Part', 'Second Part'" in message


def test_references_name_the_bookmark_and_read_as_plain_text() -> None:
    main = assemble_spec(load_spec(CASE_STUDY))[0]
    assert "[Section 4](ref:n/acceptance)" in main.markdown
    assert "[Appendix 1](ref:t/installation_checklist)" in main.markdown
    assert "## 3. Installation Completion" in main.markdown
