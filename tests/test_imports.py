"""Each command imports only what it needs: checked in a fresh process per command.

Importing is most of what a short command costs, so a library a command does not use must not
be loaded: nothing of Word for Markdown builds, lint and validate; python-docx and docxcompose
only when a user's own cover .docx is composed; no templates for ``lint --spec-only``.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from tests.conftest import fresh_python

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "examples" / "case-study-smart-shelf.yaml"

PROBE = textwrap.dedent(
    """
    import json, sys
    from contractgen.cli import cli
    try:
        cli.main(args=sys.argv[1:], prog_name="contractgen", standalone_mode=False)
        code = 0
    except SystemExit as exc:
        code = exc.code
    print(json.dumps({"exit": code, "modules": sorted(sys.modules)}))
    """
)

WORD = ("docx", "docxcompose", "lxml", "contractgen.docx")
"""python-docx, docxcompose, lxml and contractgen's own Word renderer."""
TEMPLATES = ("jinja2", "markdown_it", "contractgen.library", "contractgen.mdparse")


def loaded(*args: str, cwd: Path) -> set[str]:
    """Modules in ``sys.modules`` after ``contractgen ARGS`` ran in a new interpreter."""
    report = json.loads(fresh_python(PROBE, *args, cwd=cwd).strip().splitlines()[-1])
    assert report["exit"] in (0, 1, None), report
    return set(report["modules"])


def present(modules: set[str], *packages: str) -> list[str]:
    """The modules of ``packages`` (a package and everything below it) that are loaded."""
    return sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in packages))


def test_build_docx_leaves_python_docx_and_docxcompose_alone_until_a_cover(
    tmp_path: Path,
) -> None:
    """The probe sees imports: composing a user's .docx is what python-docx is for. (One test,
    as the cover is the first build's exhibit.)"""
    modules = loaded("build", str(SPEC), "--format", "docx", "-o", "out", "-q", cwd=tmp_path)
    assert present(modules, "contractgen.docx", "lxml")  # it did render
    assert present(modules, "docx", "docxcompose") == []
    cover_args = ("--cover", str(next((tmp_path / "out").glob("*/sla-exhibit.docx"))))
    modules = loaded(
        "build", str(SPEC), "--format", "docx", "-o", "out2", "-q", *cover_args, cwd=tmp_path
    )
    assert present(modules, "docx") and present(modules, "docxcompose")


def test_lint_loads_nothing_of_word(tmp_path: Path) -> None:
    modules = loaded("lint", str(SPEC), cwd=tmp_path)
    assert present(modules, "jinja2", "markdown_it")  # the document checks ran
    assert present(modules, *WORD) == []


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_lint_spec_only_loads_no_templates_markdown_or_word(tmp_path: Path, jobs: str) -> None:
    modules = loaded("lint", "--spec-only", "-j", jobs, str(SPEC), str(SPEC), cwd=tmp_path)
    assert present(modules, *WORD, *TEMPLATES) == []


def test_validate_loads_only_the_spec(tmp_path: Path) -> None:
    modules = loaded("validate", str(SPEC), cwd=tmp_path)
    assert present(modules, "pydantic")
    assert present(modules, *WORD, *TEMPLATES, "contractgen.lint", "ruamel") == []


def test_init_loads_neither_the_model_nor_templates(tmp_path: Path) -> None:
    modules = loaded("init", "-o", "deal.yaml", cwd=tmp_path)
    assert (tmp_path / "deal.yaml").is_file()
    assert present(modules, *WORD, *TEMPLATES, "pydantic", "contractgen.lint") == []


def test_markdown_builds_load_nothing_of_word_and_once_the_holiday_table_is_filled_no_holidays(
    tmp_path: Path,
) -> None:
    """A Markdown build loads nothing of Word. The first build also fills the per-user holiday
    table; the next one reads dates and names from it and imports nothing of ``holidays``
    (whose calendars import every country's module)."""
    modules = loaded("build", str(SPEC), "--format", "md", "-o", "out", "-q", cwd=tmp_path)
    assert present(modules, "jinja2", "contractgen.library")  # it did assemble
    # The published .md labels operative list items (a), (b)…, found with the Markdown parser,
    # and every build lints the exhibits it writes; so markdown_it is loaded, nothing of Word.
    assert present(modules, "markdown_it")
    assert present(modules, *WORD) == []
    modules = loaded("build", str(SPEC), "--format", "md", "-o", "out2", "-q", cwd=tmp_path)
    assert present(modules, *WORD) == []
    assert present(modules, "contractgen.domain.holiday_table")  # the calendar was used
    assert present(modules, "holidays") == []
    # With the caches filled, the package's data folders are found beside its modules, without
    # importlib.resources and the zipfile it brings (a Markdown build writes no zip either).
    assert present(modules, "importlib.resources", "zipfile") == []
    # Field descriptions are read from the models' source only for the schema and reference.
    assert present(modules, "contractgen.spec.descriptions") == []
