"""Lint stays light: no Word libraries ever, and no Jinja2 or markdown-it with --spec-only."""

from __future__ import annotations

import json
import textwrap

from tests.conftest import fresh_python

PROBE = textwrap.dedent(
    """
    import json, sys
    from click.testing import CliRunner
    from contractgen.lint.cli import lint
    result = CliRunner().invoke(lint, sys.argv[1:])
    heavy = ("docx", "docxcompose", "jinja2", "markdown_it")
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in heavy)
    stages = sorted(m for m in ("contractgen.build", "contractgen.output") if m in sys.modules)
    print(json.dumps({"exit": result.exit_code, "modules": loaded, "stages": stages}))
    """
)


def probe(*args: str) -> dict:
    return json.loads(fresh_python(PROBE, *args).strip().splitlines()[-1])


def test_spec_only_imports_no_templates_markdown_or_word() -> None:
    report = probe("--spec-only", "examples/baseline-aiot-si.yaml")
    assert report["exit"] in (0, 1)
    assert report["modules"] == []
    # nothing is assembled or written to a file: the build stages and atomic writes stay out
    assert report["stages"] == []


def test_full_lint_never_imports_word_libraries() -> None:
    report = probe("examples/baseline-aiot-si.yaml")
    assert report["exit"] in (0, 1, 2)
    assert not [m for m in report["modules"] if m.split(".")[0] in ("docx", "docxcompose")]


def test_package_import_is_light() -> None:
    code = (
        "import sys, contractgen.lint; heavy = ('pydantic', 'ruamel', 'click', 'contractgen.lint.')"
        "; print(sorted(m for m in sys.modules if m.startswith(heavy)))"
    )
    assert fresh_python(code).strip() == "[]"


def test_spec_only_compiles_no_document_pattern() -> None:
    """The document rules' regexes are compiled on first use, which --spec-only never makes."""
    code = textwrap.dedent(
        """
        import sys
        from click.testing import CliRunner
        from contractgen.lint.cli import lint
        from contractgen.lint.rules.document import (
            missing_cross_reference, undefined_term, unresolved_placeholder, unused_definition,
        )
        modules = (missing_cross_reference, undefined_term, unresolved_placeholder,
                   unused_definition)
        result = CliRunner().invoke(lint, sys.argv[1:])
        print(result.exit_code, sum(len(m._RE._compiled) for m in modules))
        """
    )
    spec_only = fresh_python(code, "--spec-only", "examples/baseline-aiot-si.yaml").split()
    assert spec_only[0] in ("0", "1") and spec_only[1] == "0"
    full = fresh_python(code, "examples/baseline-aiot-si.yaml").split()
    assert full[0] in ("0", "1") and full[1] != "0"
