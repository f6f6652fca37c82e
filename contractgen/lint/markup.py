"""Inline Markdown reduced to words, for rules that compare what two places of an exhibit say.

Kept apart from the document reader so a rule module can use it without loading the reader
(and its record types) at import: ``lint --spec-only`` imports every rule module.
"""

from __future__ import annotations

import re

_MARKUP = re.compile(r"(\*\*|__|\*|_|`)")


def plain(text: str) -> str:
    """Inline Markdown reduced to its words: emphasis and code marks dropped, spaces collapsed."""
    return " ".join(_MARKUP.sub("", text).split())
