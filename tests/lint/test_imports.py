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
    # Every lint run imports the rule modules (the registry lists them); their regexes are
    # compiled on first use, which --spec-only never makes.
    from contractgen.lint.rules.document import (
        missing_cross_reference, undefined_term, unresolved_placeholder, unused_definition,
    )
    rules = (missing_cross_reference, undefined_term, unresolved_placeholder, unused_definition)
    compiled = sum(len(m._RE._compiled) for m in rules)
    print(json.dumps(
        {"exit": result.exit_code, "modules": loaded, "stages": stages, "compiled": compiled}
    ))
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
    # the document rules' regexes are compiled on first use, which --spec-only never makes
    assert report["compiled"] == 0


def test_full_lint_never_imports_word_libraries() -> None:
    report = probe("examples/baseline-aiot-si.yaml")
    assert report["exit"] in (0, 1)
    assert not [m for m in report["modules"] if m.split(".")[0] in ("docx", "docxcompose")]
    assert report["compiled"] != 0  # the document checks ran and compiled their patterns


def test_package_import_is_light() -> None:
    code = (
        "import sys, contractgen.lint; heavy = ('pydantic', 'ruamel', 'click', 'contractgen.lint.')"
        "; print(sorted(m for m in sys.modules if m.startswith(heavy)))"
    )
    assert fresh_python(code).strip() == "[]"
