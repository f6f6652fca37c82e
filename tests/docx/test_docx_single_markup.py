"""A one-exhibit document written straight from its markup is the serialised tree, byte for byte."""

from __future__ import annotations

import pytest
from docx_support import construct_exhibit, construct_names, exhibit, sample_exhibit

from contractgen.docx import document, render_exhibit
from contractgen.exhibit import Exhibit
from contractgen.outline import REF_NUMBER, REF_SCHEME, REF_TEXT

AWKWARD = (
    "Text with & < > \" ' and  two spaces , a trailing space \n\n"
    "| A | B |\n|---|---|\n|  | x |\n| ______ | y & z |\n| last |  |\n\n"
    "Line one  \nline two\twith a tab.\n\n"
    "---\n\n"
    f"See [Section 9]({REF_SCHEME}{REF_NUMBER}/clause-9) and "
    f"[Appendix 4]({REF_SCHEME}{REF_TEXT}/appendix-4), neither in this document.\n\n"
    "> A note with `code & <tags>`.\n"
)


def _cases() -> list[Exhibit]:
    return [sample_exhibit(), exhibit(AWKWARD), *(construct_exhibit(n) for n in construct_names())]


@pytest.mark.parametrize("index", range(len(construct_names()) + 2))
def test_markup_document_equals_serialised_tree(
    index: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = _cases()[index]
    from_markup = render_exhibit(case)
    monkeypatch.setattr(document, "_single_document", lambda markup, sect_pr: None)
    assert render_exhibit(case) == from_markup
