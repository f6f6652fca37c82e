"""The table of bad inputs: each exits 2 with file:line:col where a position exists, no traceback.

Each case edits the sound baseline example (or writes raw bytes) and states the position and
words the user must see.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT

BASE = (ROOT / "examples" / "baseline-aiot-si.yaml").read_text(encoding="utf-8")


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def _replace(
    old: str, new: str, at: str | None = None, offset: int = 0
) -> Callable[[Path], tuple[str, int | None]]:
    """Edit the baseline; the error is expected on the line of ``at`` (default: the edit)."""

    def make(tmp: Path) -> tuple[str, int | None]:
        assert old in BASE, old
        text = BASE.replace(old, new, 1)
        (tmp / "spec.yaml").write_text(text, encoding="utf-8")
        return "spec.yaml", _line_of(text, at or new.strip().splitlines()[0]) + offset

    return make


def _raw(data: bytes, line: int | None) -> Callable[[Path], tuple[str, int | None]]:
    def make(tmp: Path) -> tuple[str, int | None]:
        (tmp / "spec.yaml").write_bytes(data)
        return "spec.yaml", line

    return make


def _missing(tmp: Path) -> tuple[str, int | None]:
    return "nope.yaml", None


def _directory(tmp: Path) -> tuple[str, int | None]:
    (tmp / "specs").mkdir()
    return "specs", None


def _huge(tmp: Path) -> tuple[str, int | None]:
    with (tmp / "spec.yaml").open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    return "spec.yaml", None


ALIAS_BOMB = (
    b'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
    b"b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    b"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    b"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    b"e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    b"f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
)

CASES: dict[str, tuple[Callable[[Path], tuple[str, int | None]], str]] = {
    # the parser notices the open bracket on the next line, where the flow sequence breaks
    "yaml syntax error": (
        _replace("  currency: EUR\n", "  currency: [EUR\n", offset=1),
        r"a list opened with \[ is not closed",
    ),
    "duplicate key": (
        _replace("  currency: EUR\n", "  currency: EUR\n  currency: USD\n", at="  currency: USD"),
        r'duplicate key "currency"',
    ),
    "unknown key (typo)": (
        _replace("  title: Vision", "  titel: Vision"),
        r'unknown key "titel" in deal; did you mean "title"\?',
    ),
    "wrong type": (
        _replace("    max_attempts: 2\n", "    max_attempts: twice\n")
        if "    max_attempts: 2\n" in BASE
        else _replace("  max_attempts: 2\n", "  max_attempts: twice\n"),
        r"expected a whole number",
    ),
    "bad duration": (
        _replace("  lead_time: 10 business days", "  lead_time: 10 fortnights"),
        r'unknown time unit "fortnights"',
    ),
    "150 percent": (
        _replace("      share: 40%", "      share: 150%"),
        r"percentage from 0 to 100",
    ),
    "zero duration": (_replace("  window: 60 days", "  window: 0 days"), r"longer than zero"),
    "empty file": (_raw(b"", 1), r"empty"),
    "comments only": (_raw(b"# nothing here\n", 1), r"empty"),
    "binary file": (_raw(b"PK\x03\x04\x00\x00binary", 1), r"binary file"),
    "missing file": (_missing, r"file not found"),
    "a directory": (_directory, r"is a directory"),
    "a 50 MB file": (_huge, r"at most 1,000,000 bytes"),
    "alias bomb": (_raw(ALIAS_BOMB, None), r"alias|expands to more than"),
    "non-UTF-8 bytes": (_raw("deal:\n  id: caf\xe9\n".encode("latin-1"), 2), r"not valid UTF-8"),
    "a list at the top": (_raw(b"- a\n- b\n", 1), r"not a single value|mapping of sections"),
    "control character": (
        _replace(
            "  title: Vision sensor installation and support, Benelux",
            '  title: "Vision\\x07 sensor"',
        ),
        r"U\+0007",
    ),
    "lone surrogate": (
        _replace(
            "  title: Vision sensor installation and support, Benelux",
            '  title: "Vision\\ud800 sensor"',
        ),
        r"lone surrogate",
    ),
    "end before start": (
        _replace('    end: "18:00"', '    end: "08:00"'),
        r"must be after they start",
    ),
    "NaN percent": (
        _replace("      share: 40%", "      share: .nan"),
        r"percentage",
    ),
    "tab indentation": (_raw(b"deal:\n\tid: x\n", 2), r"tab"),
    "two documents": (
        _raw(b"deal: {id: a}\n---\ndeal: {id: b}\n", 2),
        r"one YAML document, but a second one starts here",
    ),
    "anchor defined twice": (
        _raw(b"a: &x 1\nb: &x 2\n", 2),
        r"anchor &x is defined twice \(first at line 1\)",
    ),
    "alias to nothing": (
        _raw(b"deal: *nope\n", 1),
        r"alias \*nope refers to no anchor &nope defined above it",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_exits_2_with_position(name: str, tmp_path: Path) -> None:
    make, pattern = CASES[name]
    target, line = make(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "contractgen", "validate", target],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert re.search(pattern, proc.stderr), proc.stderr
    first = proc.stderr.splitlines()[0]
    assert first.startswith(target), first
    if line is not None:
        assert re.match(rf"^{re.escape(target)}:{line}:\d+: ", first), first


def test_all_errors_of_a_file_are_reported_sorted(tmp_path: Path) -> None:
    text = (
        BASE.replace("  title: Vision", "  titel: Vision")
        .replace("      share: 40%", "      share: 150%")
        .replace("  window: 60 days", "  window: 0 days")
    )
    spec = tmp_path / "spec.yaml"
    spec.write_text(text, encoding="utf-8")
    from contractgen.errors import UserError
    from contractgen.spec.loader import load_spec

    with pytest.raises(UserError) as info:
        load_spec(spec)
    lines = [d.location.line for d in info.value.diagnostics]
    assert len(lines) == 3  # the typo is reported once, not also as a missing "title"
    assert lines == sorted(lines)


def test_a_missing_key_points_at_its_parent(tmp_path: Path) -> None:
    text = BASE.replace("  lead_time: 10 business days\n", "")
    spec = tmp_path / "spec.yaml"
    spec.write_text(text, encoding="utf-8")
    from contractgen.errors import UserError
    from contractgen.spec.loader import load_spec

    with pytest.raises(UserError) as info:
        load_spec(spec)
    (d,) = info.value.diagnostics
    assert d.message == 'missing required key "lead_time" in installation'
    assert (d.location.line, d.location.col) == (_line_of(text, "installation:"), 1)


def test_a_typo_is_reported_once_with_a_suggestion(tmp_path: Path) -> None:
    text = BASE.replace("    evidence: Site photos", "    evidnce: Site photos")
    spec = tmp_path / "spec.yaml"
    spec.write_text(text, encoding="utf-8")
    from contractgen.errors import UserError
    from contractgen.spec.loader import load_spec

    with pytest.raises(UserError) as info:
        load_spec(spec)
    (d,) = info.value.diagnostics
    assert 'unknown key "evidnce"' in d.message
    assert 'did you mean "evidence"' in d.message
    assert d.location.line == _line_of(text, "evidnce")


def test_unknown_priority_reference_points_at_it(tmp_path: Path) -> None:
    text = BASE.replace("    P1: 8 business hours\n", "    P7: 8 business hours\n")
    spec = tmp_path / "spec.yaml"
    spec.write_text(text, encoding="utf-8")
    from contractgen.errors import UserError
    from contractgen.spec.loader import load_spec

    with pytest.raises(UserError) as info:
        load_spec(spec)
    d = info.value.diagnostics[0]
    assert d.location.line == _line_of(text, "    P7: 8 business hours")
    assert "P7 is not defined" in d.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tab\there,\nnewline\r\n and U+FFFD \ufffd", None),
        ("a\x00", (1, "U+0000")),
        ("ab\x0bc\x01", (2, "U+000B")),
        ("\x1f", (0, "U+001F")),
        ("lone \ud83d surrogate", (5, "U+D83D")),
        ("x\ufffe", (1, "U+FFFE")),
        ("xy\uffff", (2, "U+FFFF")),
        ("\U0001f680 is fine", None),
    ],
)
def test_characters_word_cannot_hold_are_found_at_their_index(text, expected) -> None:
    from contractgen.spec.loader import _forbidden_char

    assert _forbidden_char(text) == expected
