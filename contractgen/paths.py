"""Where contractgen's own data lives: inside the installed package, else beside it.

The clause library, the reference .docx and the JSON Schema are kept at the top of the
repository (``clause_library/``, ``schemas/``) and mapped into the package at build time
(``setup.py``), so a wheel carries them as ``contractgen/clause_library`` and
``contractgen/schemas``. An editable install or a plain checkout has no such copies: there the
package's parent folder, the repository, holds them under their own names.

The library is walked as a folder tree (layers, modification times, Jinja2's file loader), so
each resource is handed out as a filesystem path; a zipped install is not supported. So the
package's folder is simply this module's folder: ``importlib.resources`` would name the same
folder, and importing it (with its readers and ``zipfile``) cost every command about 2-4 ms.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_folder(name: str) -> Path:
    """The shipped data folder ``name``: the installed package's copy, else the checkout's."""
    packaged = _PACKAGE / name
    if packaged.is_dir():
        return packaged.resolve()
    return _PACKAGE.parent / name


BUILTIN_LIBRARY = data_folder("clause_library")
"""The built-in clause library that company libraries are layered over."""
DEFAULT_REFERENCE_DOCX = BUILTIN_LIBRARY / "templates" / "reference.docx"
"""The house style used when no reference .docx is given."""
SCHEMA_FILE = data_folder("schemas") / "deal-spec.schema.json"
"""The committed JSON Schema of a deal spec (``contractgen schema`` prints the same text)."""
SCHEMA_ID = "https://contractgen.dev/schemas/deal-spec.schema.json"
"""The schema's public ``$id``: what ``init`` puts on a spec's ``$schema`` line, so the line names
the same schema wherever the spec is moved (a path into an installation would not). Kept here,
beside the file, so ``init`` need not import pydantic to write it."""
