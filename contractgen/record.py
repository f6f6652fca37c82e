"""The build record: what a deal's documents were assembled from, kept beside them.

Which clause versions, from which library layer, and from which spec went into a signed exhibit
is provenance for the people who approve clause text, not contract text: it used to be a table
inside the exhibit (after the signatures). It is now written next to the outputs as
``build-record.md`` (for people) and ``build-record.json`` (for tools), never into the pack, and
the same facts travel inside each Word file as custom document properties
(:func:`document_properties`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from contractgen import __version__
from contractgen.exhibit import Exhibit

RECORD_MD = "build-record.md"
RECORD_JSON = "build-record.json"


def spec_sha256(source: str) -> str:
    """The SHA-256 of the spec text, as the record and the document properties state it."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def record(spec: Any, source: str, exhibits: Sequence[Exhibit]) -> dict[str, Any]:
    """The build record as data (deterministic: no clock, no machine, no paths)."""
    return {
        "generator": f"contractgen {__version__}",
        "deal": spec.deal.id,
        "title": spec.deal.title,
        "exhibit": spec.deal.exhibit.label,
        "exhibit_version": spec.deal.exhibit.version,
        "effective_date": spec.deal.effective_date.isoformat(),
        "spec_sha256": spec_sha256(source),
        "documents": [
            {
                "file": exhibit.key,
                "title": exhibit.title,
                "clauses": [
                    {"id": cid, "version": version, "library": dict(exhibit.layer_of).get(cid, "")}
                    for cid, version in exhibit.clause_versions
                ],
            }
            for exhibit in exhibits
        ],
    }


def record_files(spec: Any, source: str, exhibits: Sequence[Exhibit]) -> dict[str, bytes]:
    """``build-record.json`` and ``build-record.md`` for one deal."""
    data = record(spec, source, exhibits)
    as_json = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    lines = [
        f"# Build record — {data['exhibit']}, {data['title']}",
        "",
        f"Deal `{data['deal']}`, {data['exhibit']} version {data['exhibit_version']}, effective "
        f"{data['effective_date']}; built by {data['generator']} from the spec with SHA-256 "
        f"`{data['spec_sha256']}`.",
        "",
        "An approval of these documents covers the clause versions below; any change to a "
        "clause's text is issued under a new clause version. This record is not part of the "
        "contract documents.",
    ]
    for document in data["documents"]:
        lines += ["", f"## {document['title']}", "", f"File: `{document['file']}`", ""]
        lines += ["| Clause | Version | Library |", "|---|---|---|"]
        for clause in document["clauses"]:
            lines.append(f"| `{clause['id']}` | {clause['version']} | {clause['library']} |")
    return {
        RECORD_JSON: as_json.encode("utf-8"),
        RECORD_MD: ("\n".join(lines) + "\n").encode("utf-8"),
    }


def document_properties(exhibits: Sequence[Exhibit]) -> tuple[tuple[str, str], ...]:
    """Custom document properties for a Word file holding ``exhibits``."""
    versions: dict[str, str] = {}
    for exhibit in exhibits:
        versions.update(exhibit.clause_versions)
    specs = sorted({e.spec_sha256 for e in exhibits if e.spec_sha256})
    props = [("contractgen version", __version__)]
    if specs:
        props.append(("Spec SHA-256", ", ".join(specs)))
    props.append(("Clause versions", "; ".join(f"{k} {v}" for k, v in versions.items())))
    return tuple(props)
