"""Folder names for deals: a deal id can be anything a YAML file holds, a folder name cannot.

The deal id is already restricted by the spec model, but the output folder is created from it on
every platform, so this function makes no assumption about what reaches it: whatever the input,
the result is a lowercase ``[a-z0-9-]`` name of at most :data:`MAX_SLUG` characters, never empty
and never ``.`` or ``..``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_SLUG = 80
"""Longest folder name produced; far below every file system's limit, with room for suffixes."""

_NOT_ALLOWED = re.compile(r"[^a-z0-9]+")


def safe_slug(deal_id: str) -> str:
    """A file-system-safe folder name for ``deal_id``: ``[a-z0-9-]``, 1 to 80 characters.

    Accents are folded to ASCII ("Zürich" → "zurich"); every other run of characters becomes
    one hyphen. An id with nothing usable left (only symbols or another script) gets a short
    hash instead, so two such ids do not collide in one folder.
    """
    folded = unicodedata.normalize("NFKD", deal_id).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_ALLOWED.sub("-", folded.lower()).strip("-")
    if not slug:
        digest = hashlib.sha256(deal_id.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        return f"deal-{digest}"
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rstrip("-")
    return slug
