"""``uses(term)``: the whole-word search the definitions clause asks, against its regex."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from contractgen.library.context import occurs

ALPHABET = st.sampled_from(list("Tiketsa e1-_.é\n"))


def by_regex(term: str, text: str) -> bool:
    pattern = rf"(?<![A-Za-z0-9]){re.escape(term)}(?:s|es)?(?![A-Za-z0-9])"
    return re.search(pattern, text) is not None


@settings(max_examples=400, deadline=None)
@given(term=st.text(ALPHABET, max_size=4), text=st.text(ALPHABET, max_size=40))
@example(term="Ticket", text="Tickets")
@example(term="Ticket", text="Ticketes.")
@example(term="Ticket", text="XTicket Ticketing")
@example(term="Ticket", text="Ticketing, Ticket")
@example(term="", text="")
@example(term="Tick", text="Tickess")
def test_occurs_answers_as_the_whole_word_pattern(term: str, text: str) -> None:
    assert occurs(term, text) == by_regex(term, text)
