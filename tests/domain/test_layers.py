"""The stages stay in their lanes: lint reads the domain layer and never the clause library."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "contractgen"


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
    return names


def _offenders(folder: str, forbidden: str) -> list[str]:
    return sorted(
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in (PACKAGE / folder).rglob("*.py")
        for name in _imports(path)
        if name == forbidden or name.startswith(forbidden + ".")
    )


def test_lint_imports_nothing_from_the_library() -> None:
    assert _offenders("lint", "contractgen.library") == []


def test_domain_imports_neither_lint_nor_library() -> None:
    assert _offenders("domain", "contractgen.library") == []
    assert _offenders("domain", "contractgen.lint") == []


def test_the_scan_would_see_an_import(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("from contractgen.library.assemble import assemble_spec\n", encoding="utf-8")
    assert "contractgen.library.assemble" in _imports(probe)
