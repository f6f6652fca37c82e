"""``escape_md`` takes short cuts for plain text; it must escape exactly as the full rules do."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from contractgen.library.markdown import escape_md

SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&])")
LINE_BREAKS = re.compile(r"[ \t]*(?:\r\n|\r|\n)+[ \t]*")
LIST_START = re.compile(r"^([-+])(?=\s|$)")
RULE_ONLY = re.compile(r"^[-=\s]+$")
ORDERED_START = re.compile(r"^([0-9]{1,9})([.)])(?=\s|$)")


def by_the_rules(text: str) -> str:
    """Every rule applied to every value, as escaping was first written."""
    escaped = SPECIAL.sub(r"\\\1", LINE_BREAKS.sub(" ", text))
    if RULE_ONLY.match(escaped):
        escaped = "\\" + escaped
    escaped = LIST_START.sub(r"\\\1", escaped)
    return ORDERED_START.sub(r"\1\\\2", escaped)


TEXT = st.text(st.sampled_from(list("ab1 9.)-+=*_`\\[]<>#|~&{}\n\r\t٣")), max_size=16)


@settings(max_examples=500, deadline=None)
@given(TEXT)
@example("- item")
@example("12. twelve")
@example("٣. an Arabic-Indic digit")
@example("---")
@example("+\n")
@example("1)")
@example("")
def test_escape_md_matches_the_full_rules(text: str) -> None:
    assert escape_md(text) == by_the_rules(text)
