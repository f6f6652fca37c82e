"""Accepting every revision gives exactly the new build's text, rejecting every one the old's.

pandoc is the independent reader: it reads the redline with ``--track-changes=accept`` and
``reject``, and the two plain builds without, and the texts must be equal (for ``reject``,
with field results left out: see :func:`~tests.redline.conftest.without_field_results`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.redline.conftest import SCENARIOS, Pair, plain_text, without_field_results

CASES = [(scenario, "exhibit") for scenario in SCENARIOS] + [("all-at-once", "pack")]
"""Every kind of edit on the main exhibit; the pack (all exhibits, sections) with all of them."""


@pytest.mark.parametrize(("scenario", "document"), CASES)
def test_accept_gives_new_and_reject_gives_old(
    pairs: dict[str, Pair], scenario: str, document: str, tmp_path: Path
) -> None:
    pair = pairs[scenario]
    redline = pair.exhibit if document == "exhibit" else pair.pack
    old = pair.old.singles[0] if document == "exhibit" else pair.old.pack
    new = pair.new.singles[0] if document == "exhibit" else pair.new.pack
    assert redline.revisions > 0
    assert plain_text(redline.data, tmp_path, "accept") == plain_text(new, tmp_path)
    rejected = plain_text(without_field_results(redline.data), tmp_path, "reject")
    assert rejected == plain_text(without_field_results(old), tmp_path)


def test_unchanged_deal_has_no_revisions(pairs: dict[str, Pair]) -> None:
    from contractgen.redline.docxdiff import redline_docx

    same = pairs["figures"].old
    result = redline_docx(same.pack, same.pack, author="Reviewer", date="2027-03-01T00:00:00Z")
    assert result.revisions == 0
    assert result.passages == []
