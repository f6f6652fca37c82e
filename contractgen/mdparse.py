"""The one Markdown dialect exhibits are written in, parsed once per text per process.

Both the Word renderer and lint's document checks read an exhibit's token stream; in a batch
the same exhibit is read by publishing (its ``.md``), by lint, by its own DOCX and again by the
pack. Parsing (markdown-it's table rule especially) is the largest single cost of a deal, so
the tokens of the last few texts are kept. Tokens are treated as read-only by every reader.

Parsing is done in two stages, the second only for a reader that needs it. Publishing and
lint read the blocks only (types, lines, levels, attributes and the raw text of each inline
token), never the inline children (links, emphasis, code spans): for them
:func:`parse_blocks` runs markdown-it's core rules up to its inline stage. The Word renderer
calls :func:`parse_tokens`, which runs the remaining core rules (inline, task lists, text
joining) on that same parse, so every text is still parsed once, and its tokens are exactly
what ``MarkdownIt.parse`` returns. The block stage is half the CPU of a full parse (11.4 vs
22.7 ms a deal over 30 generated deals), so ``contractgen lint``, which needs no inline stage,
parses in half the time; a build with Word output parses exactly as much as before.

The inline stage parses each inline text (a paragraph's, a heading's, a table cell's) on its
own: its children depend on that text alone, unless the document defines link references,
which only the block stage collects. A batch renders the same clause library deal after deal,
and most of these texts come back unchanged (about nine in ten over distinct generated
deals, which differ in names and figures), so the children of a text are kept per process and
a text seen before gets them instead of a parse (see :func:`_inline_stage` for why they can be
shared). Measured in alternating runs: see :data:`_MAX_INLINE`. ``CONTRACTGEN_NO_CACHE`` (any
non-empty value) turns it off.
"""

from __future__ import annotations

import functools
import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token


@functools.lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    """CommonMark with GFM tables, task lists and front matter; raw HTML stays literal text."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin
    from mdit_py_plugins.tasklists import tasklists_plugin

    md = MarkdownIt("commonmark", {"html": False})
    md.enable("table")
    md.use(front_matter_plugin)
    md.use(tasklists_plugin)
    return md


@functools.lru_cache(maxsize=1)
def _stages() -> tuple[list[Callable[[StateCore], Any]], list[Callable[[StateCore], Any]]]:
    """markdown-it's core rules split before its inline stage: (block rules, the rest), the
    inline rule itself wrapped by :func:`_inline_stage` when the rules after it are the two
    it was written for."""
    ruler = markdown_parser().core.ruler
    names = ruler.get_active_rules()
    rules = list(ruler.getRules(""))
    if "inline" not in names or len(names) != len(rules):  # not the chain known: never split
        return rules, []
    split = names.index("inline")
    if names[split + 1 :] != ["github-tasklists", "text_join"]:
        return rules[:split], rules[split:]
    inline, join = rules[split], rules[-1]
    return rules[:split], [functools.partial(_inline_stage, inline, join), *rules[split + 1 :]]


_MAX_INLINE = 4096
"""Inline texts whose children are kept, at most; the memo starts afresh when full. A deal has
about 820 inline texts, 5,700 distinct ones over 100 generated deals; an entry holds a few
tokens, so a batch worker's memory stops growing early.

Measured on 40 distinct generated deals in one process, six alternating runs with the memo on
and off: the full parse of a deal's exhibits took 19.7 ms CPU a deal (median) against 31.0.
"""

_inline_kept: dict[str, list[Token]] = {}


def _inline_stage(
    inline: Callable[[StateCore], Any], join: Callable[[Any], Any], state: StateCore
) -> None:
    """markdown-it's inline rule (``inline``), the children of a text seen before taken from
    the memo; with link references defined, or the memo switched off, the rule itself.

    A text's children are kept as markdown-it's text-joining rule (``join``) leaves them:
    joining them again, when that rule runs after this one, changes nothing, so the kept
    tokens can be shared by every text they belong to (readers never change tokens). A text
    that may be a task item ("[ ] …") is parsed afresh each time: the task-list rule rewrites
    its tokens in place.
    """
    if state.env or os.environ.get("CONTRACTGEN_NO_CACHE"):
        inline(state)
        return
    kept = _inline_kept
    md = state.md
    for token in state.tokens:
        if token.type != "inline":
            continue
        content = token.content
        if token.children is None:
            token.children = []
        if content.startswith("[") or token.children:
            md.inline.parse(content, md, state.env, token.children)
            continue
        children = kept.get(content)
        if children is None:
            md.inline.parse(content, md, state.env, token.children)
            join(_One(token))
            children = token.children
            if len(kept) >= _MAX_INLINE:
                kept.clear()
            kept[content] = children
        token.children = children


class _One:
    """A stand-in core state holding one token, for the text-joining rule."""

    __slots__ = ("tokens",)

    def __init__(self, token: Token) -> None:
        self.tokens = [token]


def forget_inline() -> None:
    """Drop every kept inline parse."""
    _inline_kept.clear()


class _Parse:
    """One text's parse: its state after the block stage, completed by :func:`parse_tokens`."""

    __slots__ = ("blocks", "state", "tokens")

    def __init__(self, text: str) -> None:
        from markdown_it.rules_core import StateCore

        block_rules, rest = _stages()
        self.state: StateCore | None = StateCore(text, markdown_parser(), {})
        for rule in block_rules:
            rule(self.state)
        self.blocks = tuple(self.state.tokens)
        self.tokens: tuple[Token, ...] | None = None
        if not rest:
            self._complete([])

    def _complete(self, rules: list[Callable[[StateCore], Any]]) -> tuple[Token, ...]:
        assert self.state is not None
        for rule in rules:
            rule(self.state)
        self.tokens = tuple(self.state.tokens)
        self.state = None
        return self.tokens

    def complete(self) -> tuple[Token, ...]:
        return self.tokens if self.tokens is not None else self._complete(_stages()[1])


@functools.lru_cache(maxsize=16)
def _parse(text: str) -> _Parse:
    return _Parse(text)


def parse_blocks(text: str) -> tuple[Token, ...]:
    """The block tokens of ``text``: its inline tokens' children may not be parsed yet (and
    are filled in, on these same tokens, when a reader asks for :func:`parse_tokens`).

    For readers of block structure and raw inline text only (cached: see the module
    docstring). The tokens are those of :func:`parse_tokens`, without the inline stage's
    work: inline children, and the task-list classes on list tokens.
    """
    parse = _parse(text)
    return parse.tokens if parse.tokens is not None else parse.blocks


def parse_tokens(text: str) -> tuple[Token, ...]:
    """The token stream of ``text``, as ``MarkdownIt.parse`` gives it (cached: see the module
    docstring)."""
    return _parse(text).complete()


def forget_parses() -> None:
    """Drop every kept parse, so the next reader of any text parses it afresh (a benchmark
    measures what a parse costs, not a cache hit)."""
    _parse.cache_clear()
    forget_inline()
