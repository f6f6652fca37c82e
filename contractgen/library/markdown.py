"""Markdown text that is safe to emit, and the escaping that makes spec text safe.

A spec value is plain text typed by sales ops: a partner called ``R&D | Asia *Ltd*`` must reach
the document as those characters, not as a broken table row and an italic "Ltd". Templates are
Markdown, so the two must be told apart. :class:`Md` marks text that is already Markdown
(written by a template, built by a filter, or escaped once); every other string printed by a
template is escaped on the way out. Escaping uses CommonMark backslash escapes, which every
Markdown renderer (and the Word renderer, through markdown-it) turns back into the literal
character.
"""

from __future__ import annotations

import re

_ESCAPE_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]<>#|~&"})
"""Characters that start emphasis, code, links, HTML, entities, headings or table cells, each
to itself after a backslash (``str.translate``: a template prints hundreds of values a deal)."""
_LINE_BREAKS = re.compile(r"[ \t]*(?:\r\n|\r|\n)+[ \t]*")
_LIST_START = re.compile(r"^([-+])(?=\s|$)")
_RULE_ONLY = re.compile(r"^[-=\s]+$")
_ORDERED_START = re.compile(r"^([0-9]{1,9})([.)])(?=\s|$)")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


class Md(str):
    """A string that is already Markdown: printed as is, never escaped again."""

    __slots__ = ()


def escape_md(text: str) -> Md:
    """Escape ``text`` so that it renders as exactly these characters, inline.

    Line breaks become spaces: a spec value is inline text, and a line break inside a table cell
    would end the table. A value that starts like a list item ("- foo", "1. foo") or consists of
    a rule ("---") is escaped at its start as well, because it may land at the start of a line.
    """
    if isinstance(text, Md):
        return text
    flat = _LINE_BREAKS.sub(" ", text) if "\n" in text or "\r" in text else text
    escaped = flat.translate(_ESCAPE_SPECIAL)
    # The start-of-line patterns only where the first character could begin one.
    first = escaped[:1]
    if (first == "-" or first == "=" or first.isspace()) and _RULE_ONLY.match(escaped):
        escaped = "\\" + escaped
    if escaped[:1] in ("-", "+"):
        escaped = _LIST_START.sub(r"\\\1", escaped)
    elif escaped[:1].isascii() and escaped[:1].isdigit():
        escaped = _ORDERED_START.sub(r"\1\\\2", escaped)
    return Md(escaped)


def unescape_md(text: str) -> str:
    """Undo backslash escapes: the plain text a reader sees, e.g. for a document title."""
    return _ESCAPED.sub(r"\1", text)


def tidy(text: str) -> str:
    """Normalise rendered Markdown: no trailing spaces, at most one blank line in a row.

    Jinja's whitespace control leaves stray blank lines where a conditional block was skipped;
    collapsing them here keeps templates readable and the output stable.
    """
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)
