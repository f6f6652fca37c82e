"""Numbered sections of the appendix forms: ``sub()`` in an appendix, never a typed number.

The Markdown shows the numbers ("## 2. Service Levels"); the exhibit lists each such heading as
an anchor at outline level 0, so the Word renderer numbers it (tests/docx/test_docx_forms.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from contractgen.errors import UserError
from contractgen.exhibit import Exhibit
from tests.library.helpers import (
    CASE_STUDY,
    EXAMPLES,
    SITE_CLAUSE,
    build,
    modified_spec,
    site_log_library,
)

_HEADING = re.compile(r"^(#{1,6}) (.*)$", re.MULTILINE)
_TYPED = re.compile(r"^(?:[0-9]+(?:\.[0-9]+)*\.?|Test [0-9]+:?) ")
"""A heading text that starts with a number: "2. Title", "3.2 Title", "Test 1: Title"."""


def _appendix(exhibits: list[Exhibit], key: str) -> Exhibit:
    return next(e for e in exhibits if e.key.endswith(key))


def _sections(exhibit: Exhibit) -> list[tuple[str, str]]:
    """(label, heading text) of the numbered form sections, in order."""
    return [(a.label, a.text) for a in exhibit.anchors if a.numbered]


def test_the_report_numbers_its_sections_from_one() -> None:
    report = _appendix(build(CASE_STUDY), "monthly-report")
    assert _sections(report) == [
        ("1", "1. Tickets by Priority"),
        ("2", "2. Service Levels"),
        ("3", "3. The five most frequent issues with their root causes"),
        ("4", "4. Actions planned for the next month"),
        ("5", "5. Excusable Delays Claimed"),
    ]
    for _, text in _sections(report):
        assert f"\n## {text}\n" in report.markdown, "the Markdown shows the number"
        assert f"\n## {text}\n" in report.markdown_file
    assert "\n## Report Details\n" in report.markdown, "a heading without sub() stays unnumbered"
    assert all(a.level == 0 for a in report.anchors if a.numbered)


def test_each_appendix_restarts_at_one() -> None:
    exhibits = build(CASE_STUDY)
    record = _appendix(exhibits, "acceptance-record")
    assert _sections(record) == [
        ("1", "1. Functional Test"),
        ("2", "2. Performance Test"),
        ("3", "3. Stability Test"),
        ("4", "4. Training Test"),
    ]
    assert _sections(_appendix(exhibits, "installation-checklist")) == []


def test_a_section_added_by_the_deal_moves_the_numbers_after_it() -> None:
    def more_contents(data: dict) -> None:
        data["reporting"]["contents"].insert(0, "Staffing changes")

    report = _appendix(build(modified_spec(CASE_STUDY, more_contents)), "monthly-report")
    labels = [text for _, text in _sections(report)]
    assert labels[2] == "3. Staffing changes"
    assert labels[-1] == "6. Excusable Delays Claimed"


def test_repeated_titles_get_their_own_numbers_and_bookmarks() -> None:
    def repeated(data: dict) -> None:
        data["reporting"]["contents"] = ["Open issues", "Open issues", "Open issues!"]

    report = _appendix(build(modified_spec(CASE_STUDY, repeated)), "monthly-report")
    anchors = [a for a in report.anchors if a.numbered]
    assert [a.text for a in anchors[2:5]] == [
        "3. Open issues",
        "4. Open issues",
        "5. Open issues!",
    ]
    bookmarks = [a.bookmark for a in report.anchors]
    assert len(set(bookmarks)) == len(bookmarks), bookmarks
    assert len({a.text for a in report.anchors}) == len(report.anchors)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_heading_that_shows_a_number_is_numbered_by_word(path: Path) -> None:
    """A heading whose text starts with a number is one the renderer numbers (an anchor);
    any other would reach Word as typed text."""
    for exhibit in build(path):
        anchors = {a.text for a in exhibit.anchors if a.numbered}
        for match in _HEADING.finditer(exhibit.markdown):
            text = match.group(2)
            if _TYPED.match(text):
                assert text in anchors, f"{exhibit.key}: '{text}' is a typed number"


def test_references_to_a_form_section_name_its_bookmark(tmp_path: Path) -> None:
    exhibits = build(CASE_STUDY, [site_log_library(tmp_path)])
    log = _appendix(exhibits, "site-log")
    assert _sections(log) == [("1", "1. Visits"), ("2", "2. Findings")]
    link = "[Section 1](ref:n/site_log__visits)"
    assert f"Record each visit in {link}." in log.markdown, "a reference before the heading"
    assert f"Findings follow from {link}." in log.markdown
    assert "Record each visit in [Section 1](#1-visits)." in log.markdown_file
    main = exhibits[0]
    appendix = next(a for a in log.anchors if not a.numbered)
    assert f"records every visit in {link} of [{appendix.label}](ref:t/site_log)" in main.markdown
    assert f"[Section 1]({log.key}.md#1-visits)" in main.markdown_file


def test_a_reference_to_a_missing_form_section_is_an_error(tmp_path: Path) -> None:
    library = site_log_library(tmp_path)
    clause = library / "governance" / "site-visits.md.j2"
    clause.write_text(SITE_CLAUSE.replace('sub="Visits"', 'sub="Visitors"'), encoding="utf-8")
    with pytest.raises(UserError) as caught:
        build(CASE_STUDY, [library])
    assert "ref('site-log', sub='Visitors')" in str(caught.value)
    assert "'Visits', 'Findings'" in str(caught.value)


def test_sub_outside_a_numbered_section_or_appendix_is_an_error(tmp_path: Path) -> None:
    root = tmp_path / "lib" / "back"
    root.mkdir(parents=True)
    (root / "notes.md.j2").write_text(
        '---\nid: closing-notes\ntitle: Notes\nversion: "1.0"\norder: 9990\nkind: back\n---\n'
        '## {{ sub("Notes") }}\n\nText.\n',
        encoding="utf-8",
    )
    with pytest.raises(UserError) as caught:
        build(CASE_STUDY, [tmp_path / "lib"])
    assert "sub() numbers subsections of numbered sections and sections of appendices" in str(
        caught.value
    )
