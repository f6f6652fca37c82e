"""The loader's two routes agree: a text without an alias skips the event pass.

Reading libyaml's event stream is what finds an alias's own position, so only a text with a
``*`` pays for it; every other text has its depth checked while the node graph is turned into
values. Whichever route a text takes, the values, the positions and every error are the same.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contractgen.errors import UserError
from contractgen.spec import loader
from contractgen.spec.limits import MAX_DEPTH
from contractgen.spec.loader import _loader_class, parse_yaml


def _error(text: str) -> str:
    with pytest.raises(UserError) as caught:
        parse_yaml(text, "deep.yaml")
    return str(caught.value.diagnostics[0])


def _flow(depth: int, tail: str = "") -> str:
    inner = depth - 1  # the document's own mapping is the first level
    return "deal: 1\npadding: " + "[" * inner + "]" * inner + "\n" + tail


def _block(depth: int, tail: str = "") -> str:
    lines = ["deal: 1", "padding:"]
    for level in range(1, depth - 1):
        lines.append("  " * level + f"k{level}:")
    lines.append("  " * (depth - 1) + "- leaf")
    return "\n".join(lines) + "\n" + tail


@pytest.mark.parametrize("shape", [_flow, _block])
def test_too_deep_is_refused_at_the_same_place_with_or_without_an_alias(shape: object) -> None:
    too_deep = shape(MAX_DEPTH + 1)  # type: ignore[operator]
    with_alias = shape(MAX_DEPTH + 1, "anchor: &a 1\nalias: *a\n")  # type: ignore[operator]
    assert "*" not in too_deep and "*" in with_alias
    plain, evented = _error(too_deep), _error(with_alias)
    assert "nesting is deeper than 20 levels" in plain
    assert plain == evented


@pytest.mark.parametrize("shape", [_flow, _block])
def test_the_limit_itself_is_accepted(shape: object) -> None:
    data, _ = parse_yaml(shape(MAX_DEPTH), "deep.yaml")  # type: ignore[operator]
    assert data["deal"] == 1


def test_a_text_without_an_alias_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The saving itself: no event pass unless the text holds a ``*``."""
    import yaml

    calls: list[str] = []
    real = yaml.parse
    monkeypatch.setattr(yaml, "parse", lambda *a, **k: calls.append("parse") or real(*a, **k))
    parse_yaml("deal: 1\nnote: plain\n", "one.yaml")
    assert calls == []
    parse_yaml("deal: &d 1\nnote: *d\n", "two.yaml")
    assert calls == ["parse"]


plain_scalars = st.one_of(
    st.sampled_from(["~", "null", "", "true", "False", "0o17", "0x1F", "1_000", ".inf", "-.INF"]),
    st.sampled_from([".nan", "2027-01-01", "2027-13-01", "1e3", "+1.5", "NO", "yes", "P0"]),
    st.from_regex(r"[-+.0-9a-zA-Z_~]{0,8}", fullmatch=True),
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(plain_scalars)
def test_the_tag_cache_gives_the_resolver_s_own_answer(text: str) -> None:
    """The cached tag of a plain scalar is what PyYAML's resolver says, first time and after."""
    import yaml

    cls = _loader_class()
    own = yaml.resolver.BaseResolver.resolve
    instance = cls("")
    expected = own(instance, yaml.ScalarNode, text, (True, False))
    assert instance.resolve(yaml.ScalarNode, text, (True, False)) == expected
    assert instance.resolve(yaml.ScalarNode, text, (True, False)) == expected
    # a quoted scalar is never typed, cached or not
    assert instance.resolve(yaml.ScalarNode, text, (False, True)) == own(
        instance, yaml.ScalarNode, text, (False, True)
    )


def test_the_tag_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    cls = _loader_class()
    monkeypatch.setattr(cls, "_plain_tags", {})
    monkeypatch.setattr(loader, "_TAG_CACHE_SIZE", 5)
    parse_yaml("\n".join(f"k{i}: {i}" for i in range(50)) + "\n", "many.yaml")
    assert len(cls._plain_tags) == 5
