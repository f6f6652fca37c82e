"""Where the project's own data lives, found relative to the package (no installed copies)."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUILTIN_LIBRARY = PROJECT_ROOT / "clause_library"
"""The built-in clause library that company libraries are layered over."""
DEFAULT_REFERENCE_DOCX = BUILTIN_LIBRARY / "templates" / "reference.docx"
"""The house style used when no reference .docx is given."""
SCHEMA_FILE = PROJECT_ROOT / "schemas" / "deal-spec.schema.json"
