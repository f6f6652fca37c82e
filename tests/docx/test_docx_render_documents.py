"""A deal's documents in one pass: the pack adopts the exhibits' elements, same bytes as before.

``render_documents`` is the build's path; ``render_exhibit`` and ``render_pack`` render every
exhibit from its Markdown. Byte equality between the two, over every construct (lists and links
get renumbered on adoption), the examples' real exhibits and a cover, is the whole contract.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_support import construct_exhibit, construct_names, exhibit, sample_exhibit

from contractgen.docx import render_documents, render_exhibit, render_pack
from contractgen.library.assemble import assemble_spec
from contractgen.outline import REF_NUMBER, REF_SCHEME
from contractgen.spec.loader import load_spec
from tests.conftest import EXAMPLES

LINKS = """# Links

See [the portal](https://portal.example.com) and [the form](https://forms.example.com/sla).

1. first
2. second with [the portal](https://portal.example.com)
"""

MORE_LINKS = """# More links

- [the form](https://forms.example.com/sla) again
- [a new one](https://status.example.com)
  1. nested
"""


def _separately(exhibits: list, **kwargs: object) -> tuple[list[bytes], bytes]:
    singles = [render_exhibit(e, reference=kwargs.get("reference")) for e in exhibits]  # type: ignore[arg-type]
    return singles, render_pack(exhibits, title="Pack", **kwargs)  # type: ignore[arg-type]


def _built_cases() -> dict[str, list]:
    cases = {
        "constructs": [sample_exhibit(), *(construct_exhibit(n) for n in construct_names())],
        "links": [exhibit(LINKS, title="Links"), exhibit(MORE_LINKS, title="More")],
        "lists-then-none": [construct_exhibit("ordered_list"), construct_exhibit("rule")],
        # Section ends the pack writes itself: after a table, around and at an empty exhibit.
        "table-then-empty": [
            exhibit("Intro:\n\n| A | B |\n|---|---|\n| 1 | |\n", title="Table last"),
            exhibit("", title="Empty"),
            exhibit("Text & <more>.\n", title="Text"),
            exhibit("", title="Empty last"),
        ],
        "one": [construct_exhibit("table")],
        "dangling": [
            exhibit(f"See [Section 9]({REF_SCHEME}{REF_NUMBER}/clause-9).\n", title="Ref"),
            construct_exhibit("table"),
        ],
    }
    for path in EXAMPLES:
        cases[path.stem] = assemble_spec(load_spec(path))
    return cases


NAMES = sorted(
    ["constructs", "links", "lists-then-none", "table-then-empty", "one", "dangling"]
    + [path.stem for path in EXAMPLES]
)


@pytest.fixture(scope="module")
def cases() -> dict[str, list]:
    """The exhibits of every case, assembled when this module's tests run rather than when the
    suite is collected (every parallel test process collects every module)."""
    built = _built_cases()
    assert sorted(built) == NAMES
    return built


@pytest.mark.parametrize("name", NAMES)
def test_same_bytes_as_rendering_each_document(cases: dict[str, list], name: str) -> None:
    exhibits = cases[name]
    assert render_documents(exhibits, title="Pack") == _separately(exhibits)


def test_same_bytes_with_a_cover(cases: dict[str, list], cover_docx: Path) -> None:
    exhibits = cases["links"]
    assert render_documents(exhibits, title="Pack", cover=cover_docx) == _separately(
        exhibits, cover=cover_docx
    )


def test_each_exhibit_warns_for_itself_and_the_pack_adds_nothing() -> None:
    image = "# Pictures\n\n![site plan](plan.png)\n"
    heard: list[str] = []
    render_documents(
        [exhibit(image, title="One"), exhibit(image, title="Two")],
        title="Pack",
        on_warning=heard.append,
    )
    message = "image 'plan.png' is not embedded in the Word document; its description is shown"
    assert heard == [message, message]


def test_adopting_twice_or_unfinished_is_refused() -> None:
    from contractgen.docx.document import DocumentBuilder
    from contractgen.docx.properties import DocProperties
    from contractgen.docx.reference import load_reference

    ref = load_reference(None)
    pack = DocumentBuilder(ref)
    one = DocumentBuilder(ref)
    one.add_exhibit(sample_exhibit())
    with pytest.raises(ValueError, match="packaged"):
        pack.adopt(one)
    one.package(DocProperties(title="x"))
    pack.adopt(one)
    with pytest.raises(ValueError, match="once"):
        pack.adopt(one)
    other = DocumentBuilder(load_reference(None).__class__(**vars(ref)))
    other.add_exhibit(sample_exhibit())
    other.package(DocProperties(title="y"))
    with pytest.raises(ValueError, match="same reference"):
        pack.adopt(other)
