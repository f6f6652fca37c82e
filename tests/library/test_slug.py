"""Deal ids become safe folder names, whatever they contain."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from contractgen.library.slug import MAX_SLUG, safe_slug


def test_typical_ids() -> None:
    assert safe_slug("shelfwise-pacific-2027") == "shelfwise-pacific-2027"
    assert safe_slug("UPPER.case_id") == "upper-case-id"
    assert safe_slug("Zürich Deal") == "zurich-deal"
    assert safe_slug("..").startswith("deal-")
    assert safe_slug("a..b") == "a-b"


@given(st.text(max_size=300))
def test_any_text_gives_a_safe_name(text: str) -> None:
    slug = safe_slug(text)
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug)
    assert 1 <= len(slug) <= MAX_SLUG
    assert slug not in (".", "..")
    assert not slug.endswith("-")


def test_ids_with_nothing_usable_get_distinct_hashed_names() -> None:
    first, second = safe_slug("株式会社"), safe_slug("🚀")
    assert first.startswith("deal-") and second.startswith("deal-")
    assert first != second
