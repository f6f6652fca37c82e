"""Validation messages say what is expected, with an example; YAML errors in plain words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from contractgen.errors import UserError
from contractgen.spec.loader import load_spec_text
from contractgen.spec.types import _FORMS, expected_form
from tests.lint.lintcase import edited_text

ROOT = Path(__file__).resolve().parents[2]
CUSTOM_TYPES = ("Money", "Percent", "Number", "Duration")
"""Types that validate (and word their messages) themselves rather than through a pattern."""


def _patterns(node: object, out: set[str]) -> set[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                out.add(value)
            _patterns(value, out)
    elif isinstance(node, list):
        for item in node:
            _patterns(item, out)
    return out


def test_every_text_pattern_of_the_model_has_a_worded_form() -> None:
    from contractgen.spec.types import _CURRENCY_RE, _MONEY_RE

    schema = json.loads((ROOT / "schemas" / "deal-spec.schema.json").read_text(encoding="utf-8"))
    own = {
        _MONEY_RE.pattern,
        _CURRENCY_RE.pattern,
        r"^-?[0-9.,]+$",
        r"^\s*[0-9]+(\.[0-9]+)?\s*%\s*$",
    }
    missing = [
        p
        for p in _patterns(schema, set())
        if p not in _FORMS and p not in own and "business" not in p  # Duration's unit words
    ]
    assert missing == []
    assert all("e.g." in form for form in _FORMS.values())


@pytest.mark.parametrize(
    ("dotted", "value", "expected"),
    [
        ("calendar.holidays", "United States", 'e.g. "US", "US-CA" or "NL"'),
        ("calendar.hours.start", "9am", 'written HH:MM, e.g. "09:00"'),
        ("support.priorities.0.id", "Critical", 'from P0 (most urgent) to P9, e.g. "P1"'),
    ],
)
def test_the_issue_examples_state_the_form(dotted: str, value: str, expected: str) -> None:
    with pytest.raises(UserError) as caught:
        load_spec_text(edited_text({dotted: value}), "deal.yaml")
    message = str(caught.value.diagnostics[0])
    assert f'"{value}" is not in the expected form; expected' in message
    assert expected in message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("deal:\n  title: [unclosed\n", "a list opened with [ is not closed"),
        ("deal: {id: x\nparties: 1\n", "a mapping opened with { is not closed"),
        ("deal:\n  id: x\n   title: y\n", "put the value in quotes"),
        ('deal:\n  title: "open\n', "the file ends inside a quoted text"),
    ],
)
def test_yaml_syntax_errors_in_plain_words(text: str, words: str) -> None:
    with pytest.raises(UserError) as caught:
        load_spec_text(text, "deal.yaml")
    assert words in str(caught.value.diagnostics[0])


def test_unknown_pattern_still_says_something() -> None:
    assert expected_form(None) and "pattern" in expected_form("^x$")
