"""Untrusted clause templates: no reach outside the spec, and bounded work and output.

Each test puts one hostile or broken clause into a company library and checks that assembly
stops with a UserError that names the clause and the file:line to fix, quickly.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from contractgen.errors import UserError
from tests.library.helpers import CASE_STUDY, build

FRONT = """---
id: evil
title: Evil Clause
version: "1.0"
order: 150
{extra}---
"""


def _library(tmp_path: Path, body: str, extra: str = "") -> Path:
    folder = tmp_path / "company"
    folder.mkdir(exist_ok=True)
    (folder / "evil.md.j2").write_text(FRONT.format(extra=extra) + body, encoding="utf-8")
    return folder


def _error(tmp_path: Path, body: str, extra: str = "") -> UserError:
    library = _library(tmp_path, body, extra)
    started = time.perf_counter()
    with pytest.raises(UserError) as err:
        build(CASE_STUDY, [library])
    assert time.perf_counter() - started < 10, "the sandbox took too long to stop the template"
    return err.value


def _one(err: UserError) -> tuple[str, int, str]:
    assert len(err.diagnostics) == 1
    d = err.diagnostics[0]
    return d.location.path, d.location.line, d.message


@pytest.mark.parametrize(
    "body",
    [
        "{{ ''.__class__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ spec.__class__.__init__.__globals__ }}",
        "{{ spec.model_dump() }}",
        "{{ spec.deal.model_config }}",
        "{{ spec.rewards.append(1) }}",
        "{{ cycler.__init__.__globals__ }}",
    ],
)
def test_attribute_reach_is_blocked(tmp_path: Path, body: str) -> None:
    path, line, message = _one(_error(tmp_path, "Text.\n" + body + "\n"))
    assert path.endswith("evil.md.j2")
    assert line == 8
    assert message.startswith("clause 'evil': ")


@pytest.mark.parametrize(
    "name",
    [
        "../../../../../../etc/passwd",
        "/etc/passwd",
        "..\\\\secret.md.j2",
        "partials/../../outside.md.j2",
        "library.yaml",
    ],
)
def test_include_outside_the_library_is_refused(tmp_path: Path, name: str) -> None:
    (tmp_path / "outside.md.j2").write_text("secret text", encoding="utf-8")
    err = _error(tmp_path, f'{{% include "{name}" %}}\n')
    _, _, message = _one(err)
    assert "clause 'evil'" in message
    assert "is not in the clause library" in message
    assert "secret text" not in str(err)


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_symbolic_link_out_of_the_library_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.md.j2"
    outside.write_text("secret text", encoding="utf-8")
    library = _library(tmp_path, '{% include "partials/link.md.j2" %}\n')
    (library / "partials").mkdir()
    (library / "partials" / "link.md.j2").symlink_to(outside)
    with pytest.raises(UserError, match="is not in the clause library"):
        build(CASE_STUDY, [library])


def test_include_inside_the_library_works(tmp_path: Path) -> None:
    library = _library(tmp_path, 'Before. {% include "partials/note.md.j2" %}\n')
    (library / "partials").mkdir()
    (library / "partials" / "note.md.j2").write_text("Included *text*.", encoding="utf-8")
    main = build(CASE_STUDY, [library])[0].markdown
    assert "Before. Included *text*." in main


@pytest.mark.parametrize(
    ("body", "why"),
    [
        ("{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}", "loop"),
        ("{% for i in range(10**9) %}x{% endfor %}", "range()"),
        ("{% macro r(n) %}{{ r(n + 1) }}{{ r(n + 1) }}{% endmacro %}{{ r(0) }}", ""),
        (
            "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}"
            "{% endfor %}",
            "namespace",
        ),
    ],
    ids=["nested-loops", "huge-range", "recursive-macro", "doubling-namespace"],
)
def test_runaway_work_is_stopped(tmp_path: Path, body: str, why: str) -> None:
    _, _, message = _one(_error(tmp_path, body + "\n"))
    assert message.startswith("clause 'evil': ")
    assert why in message


@pytest.mark.parametrize(
    "body",
    [
        "{% for i in range(10000) %}{{ 'x' * 99999 }}{% endfor %}",
        "{{ 'x' * 10**9 }}",
        "{{ [1] * 10**9 }}",
        "{{ 10 ** 1000000 }}",
        "{{ '%1000000000d' % 1 }}",
        "{{ '%*d' % (1000000000, 1) }}",
        "{{ '{:>1000000000}'.format(1) }}",
        "{{ 'x'.center(1000000000) }}",
        "{{ ('x' * 99999)|replace('x', 'xxxxxxxxxxxxxxxxxxxx') }}",
        "{{ [('x' * 99999)] * 20|join }}",
    ],
)
def test_huge_output_is_stopped(tmp_path: Path, body: str) -> None:
    _, _, message = _one(_error(tmp_path, body + "\n"))
    assert message.startswith("clause 'evil': ")


def test_an_undefined_spec_field_is_named_with_its_path_and_line(tmp_path: Path) -> None:
    path, line, message = _one(
        _error(tmp_path, "Intro.\n\nThe tier is {{ spec.escalation.foo }}.\n")
    )
    assert message == "clause 'evil': 'spec.escalation.foo' is undefined"
    assert (Path(path).name, line) == ("evil.md.j2", 9)


def test_an_undefined_field_inside_a_loop_names_the_item(tmp_path: Path) -> None:
    body = "{% for p in spec.support.priorities %}{{ p.colour }}{% endfor %}\n"
    _, _, message = _one(_error(tmp_path, body))
    assert message == "clause 'evil': 'spec.support.priorities[0].colour' is undefined"


def test_printing_an_unset_value_is_an_error_not_a_blank(tmp_path: Path) -> None:
    _, _, message = _one(_error(tmp_path, "Availability: {{ spec.support.availability }}\n"))
    assert "'spec.support.availability' is not set in this deal spec" in message


def test_reaching_into_an_unset_value_names_both(tmp_path: Path) -> None:
    _, _, message = _one(_error(tmp_path, "{{ spec.support.availability.target }}\n"))
    assert "'spec.support.availability.target' is undefined" in message
    assert "'spec.support.availability' is not set" in message


def test_an_unknown_name_is_an_error(tmp_path: Path) -> None:
    _, _, message = _one(_error(tmp_path, "{{ lipsum(1000000) }}\n"))
    assert message == "clause 'evil': 'lipsum' is undefined"


def test_a_syntax_error_points_at_its_line(tmp_path: Path) -> None:
    path, line, message = _one(_error(tmp_path, "Fine.\n\n{% if %}\n"))
    assert (Path(path).name, line) == ("evil.md.j2", 9)
    assert message.startswith("clause 'evil': template syntax error")


def test_a_bad_when_condition_points_at_the_front_matter(tmp_path: Path) -> None:
    path, line, message = _one(_error(tmp_path, "Text.\n", extra="when: 'support.nothing.here'\n"))
    assert (Path(path).name, line) == ("evil.md.j2", 6)
    assert "when: condition failed" in message


def test_a_ref_to_an_unknown_clause_is_an_error(tmp_path: Path) -> None:
    _, _, message = _one(_error(tmp_path, "See {{ ref('nope', optional=True) }}.\n"))
    assert "there is no clause 'nope'" in message


def test_a_ref_to_an_absent_clause_is_an_error_unless_optional(tmp_path: Path) -> None:
    _, _, message = _one(_error(tmp_path, "See {{ ref('availability') }}.\n"))
    assert "clause 'availability' is not in this document" in message
    assert "optional=True" in message
    library = _library(
        tmp_path, "Always.{% if ref('availability', optional=True) %} Never.{% endif %}\n"
    )
    main = build(CASE_STUDY, [library])[0].markdown
    assert "Always." in main and "Never." not in main


def test_a_clause_that_renders_nothing_is_an_error(tmp_path: Path) -> None:
    _, _, message = _one(_error(tmp_path, "{% if false %}x{% endif %}\n"))
    assert "rendered no text" in message


class _Disguised:
    """Reports another class through ``__class__``: the attribute rule must run every time."""

    @property  # type: ignore[misc]
    def __class__(self) -> type:
        return str

    def center(self) -> str:
        return "x"


def _attribute_cases() -> list[tuple[object, str]]:
    from contractgen.spec.loader import load_spec_text

    spec = load_spec_text(CASE_STUDY.read_text(encoding="utf-8"), str(CASE_STUDY)).spec
    cases: list[tuple[object, str]] = [(spec, name) for name in type(spec).model_fields]
    cases += [(spec, name) for name in ("model_dump", "model_config", "json", "copy", "nope")]
    cases += [(spec.deal, name) for name in ("title", "model_fields", "__class__", "_private")]
    cases += [("text", name) for name in ("upper", "center", "join", "format", "__class__")]
    cases += [({}, "items"), ({}, "update"), ([], "index"), ([], "append"), (set(), "add")]
    cases += [(len, "__globals__"), (str, "mro"), (str, "upper"), (_Disguised(), "center")]
    return cases


def test_the_attribute_memo_decides_exactly_as_the_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    from contractgen.library.sandbox import ClauseSandbox

    monkeypatch.delenv("CONTRACTGEN_NO_CACHE", raising=False)
    env = ClauseSandbox()
    cases = _attribute_cases()
    for _ in range(2):  # the second round answers from the memo
        for obj, name in cases:
            assert env.is_safe_attribute(obj, name, None) == env._attribute_rule(obj, name, None)
    assert env._safe_memo, "the memo was not used"
    assert not any(cls is _Disguised for cls, _ in env._safe_memo)
    assert not env.is_safe_attribute(_Disguised(), "center", None)


def test_the_attribute_memo_is_switched_off_with_the_cache(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from contractgen.library.sandbox import ClauseSandbox

    monkeypatch.setenv("CONTRACTGEN_NO_CACHE", "1")
    env = ClauseSandbox()
    assert env._safe_memo is None
    assert not env.is_safe_attribute("text", "center", None)
    assert env.is_safe_attribute("text", "upper", None)


def test_the_attribute_memo_follows_a_new_abc_registration() -> None:
    import collections.abc

    from contractgen.library.sandbox import ClauseSandbox

    class Box:
        def add(self, item: object) -> None:
            raise AssertionError("never called")

    env = ClauseSandbox()
    assert env.is_safe_attribute(Box(), "add", None)
    collections.abc.MutableSet.register(Box)  # now a known mutable: add() modifies it
    assert not env.is_safe_attribute(Box(), "add", None)


def test_a_blocked_attribute_stays_blocked_when_the_memo_is_warm(tmp_path: Path) -> None:
    for _ in range(2):
        path, _line, _message = _one(_error(tmp_path, "Text.\n{{ spec.model_dump() }}\n"))
        assert path.endswith("evil.md.j2")


def _read(env: object, obj: object, name: str) -> object:
    """What a template reading ``obj.name`` gets: a value, or a kind of Undefined."""
    from jinja2.runtime import Undefined

    value = env.getattr(obj, name)  # type: ignore[attr-defined]
    return type(value).__name__ if isinstance(value, Undefined) else value


def test_reading_a_field_directly_gives_what_the_rule_gives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Spec fields are read from the model without the attribute rule; every read, of a field
    or of anything else, must give exactly what the full path gives with the shortcut off."""
    from contractgen.library.sandbox import ClauseSandbox

    monkeypatch.delenv("CONTRACTGEN_NO_CACHE", raising=False)
    fast = ClauseSandbox()
    monkeypatch.setenv("CONTRACTGEN_NO_CACHE", "1")
    plain = ClauseSandbox()
    assert fast._fields_memo is not None and plain._fields_memo is None
    cases = _attribute_cases()
    for _ in range(2):  # the second round reads the field names from the memo
        for obj, name in cases:
            assert _read(fast, obj, name) == _read(plain, obj, name), (obj, name)
    assert any(fields for fields in fast._fields_memo.values()), "no field was read directly"


def test_an_unset_field_is_still_named_by_its_path(tmp_path: Path) -> None:
    """A field that is None is not taken by the direct read: the path naming sees it."""
    for _ in range(2):
        _, _, message = _one(_error(tmp_path, "Text.\n{{ spec.support.availability.target }}\n"))
        assert "'spec.support.availability' is not set" in message
