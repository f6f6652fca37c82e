"""The one Markdown dialect exhibits are written in, parsed once per text per process.

Both the Word renderer and lint's document checks read an exhibit's token stream; in a batch
the same exhibit is read by lint, by its own DOCX and again by the pack. Parsing (markdown-it's
table rule especially) is the largest single cost of a deal, so the tokens of the last few texts
are kept. Tokens are treated as read-only by every reader.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
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


@functools.lru_cache(maxsize=16)
def parse_tokens(text: str) -> tuple[Token, ...]:
    """The token stream of ``text`` (cached: see the module docstring)."""
    return tuple(markdown_parser().parse(text))
