"""The clause library: front matter checking, company layers, listing and caching."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from contractgen.errors import UserError
from contractgen.library.clause import Kind
from contractgen.library.loader import list_clauses, load_library
from contractgen.paths import BUILTIN_LIBRARY
from tests.library.helpers import CASE_STUDY, build, sections

COMPANY = Path(__file__).parent / "company_lib"

GOOD = """---
id: extra
title: Extra Clause
version: "1.0"
order: 150
---
Text.
"""


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _error(folder: Path) -> UserError:
    with pytest.raises(UserError) as err:
        load_library([folder])
    return err.value


# --- the built-in library ------------------------------------------------------------------


def test_the_builtin_library_is_the_packaged_copy_or_the_checkouts() -> None:
    """A wheel carries the library inside the package; an editable install reads the
    repository's folder. Either way it is a real folder with the reference .docx in it."""
    import contractgen

    package = Path(contractgen.__file__).resolve().parent
    assert BUILTIN_LIBRARY in (package / "clause_library", package.parent / "clause_library")
    assert (BUILTIN_LIBRARY / "templates" / "reference.docx").is_file()
    assert any(BUILTIN_LIBRARY.rglob("*.md.j2"))


def test_every_builtin_clause_has_a_unique_order_and_valid_front_matter() -> None:
    library = load_library()
    for kind in Kind:
        orders = [c.order for c in library.ordered(kind)]
        assert len(orders) == len(set(orders)), f"two {kind} clauses share an order"
    section_ids = [c.id for c in library.ordered(Kind.SECTION)]
    assert section_ids == [
        "definitions",
        "scope",
        "installation",
        "acceptance",
        "payment",
        "priorities",
        "resolution",
        "first-call-resolution",
        "customer-satisfaction",
        "availability",
        "escalation",
        "service-credits",
        "penalties",
        "performance-bonus",
        "excusable-delays",
        "complaint-classification",
        "measurement",
        "reporting",
        "disputed-figures",
        "review-and-adjustment",
        "termination",
        "survival",
    ]
    assert [c.key for c in library.ordered(Kind.APPENDIX)] == [
        "installation-checklist",
        "acceptance-record",
        "monthly-report",
    ]


def test_every_spec_path_a_template_names_is_declared_in_reads() -> None:
    """``reads:`` is documentation legal relies on: it must cover what the template reads."""
    import re

    library = load_library()
    for clause in library.clauses.values():
        used = set(re.findall(r"\bspec\.([a-z_]+(?:\.[a-z_]+)*)", clause.source))
        for dotted in used:
            covered = any(
                dotted == r or dotted.startswith(r + ".") or r.startswith(dotted + ".")
                for r in clause.reads
            )
            assert covered, f"{clause.relpath}: spec.{dotted} is read but not in reads:"


def test_definitions_render_last_because_they_ask_which_terms_are_used() -> None:
    assert load_library().late == frozenset({"definitions"})


# --- company layers ---------------------------------------------------------------------


def test_a_company_library_overrides_adds_and_drops() -> None:
    infos = {i.id: i for i in list_clauses([COMPANY])}
    assert infos["escalation"].layer == "acme"
    assert infos["escalation"].version == "2.1-acme"
    assert infos["data-protection"].layer == "acme"
    assert infos["data-protection"].section == "governance"
    assert "complaint-classification" not in infos
    assert infos["service-credits"].layer == "built-in"

    exhibits = build(CASE_STUDY, [COMPANY])
    main = exhibits[0].markdown
    titles = list(sections(main))
    assert "Escalation and Contacts" in titles
    assert "Complaint Classification" not in titles
    assert titles.index("Data Protection") == titles.index("Chronic Failure and Termination") + 1
    assert ("escalation", "acme") in exhibits[0].layer_of
    assert ("data-protection", "acme") in exhibits[0].layer_of
    assert "## 10. Escalation and Contacts" in main
    assert "## 19. Data Protection" in main
    assert ("escalation", "2.1-acme") in exhibits[0].clause_versions
    # cross-references follow the new numbering: nothing refers to the dropped clause
    assert "classification in Section" not in main


def test_a_deal_may_not_include_a_clause_its_company_dropped() -> None:
    from tests.library.helpers import modified_spec

    loaded = modified_spec(
        CASE_STUDY, lambda d: d.update({"clauses": {"include": ["complaint-classification"]}})
    )
    with pytest.raises(UserError, match="was dropped by library 'acme'"):
        build(loaded, [COMPANY])


def test_dropping_a_required_clause_is_an_error_at_its_line(tmp_path: Path) -> None:
    _write(tmp_path, "library.yaml", "name: bad\ndrop:\n  - penalties\n  - escalation\n")
    err = _error(tmp_path)
    d = err.diagnostics[0]
    assert (d.location.path, d.location.line, d.location.col) == (
        str(tmp_path / "library.yaml"),
        4,
        5,
    )
    assert "cannot drop 'escalation': it is not optional" in d.message


def test_dropping_an_unknown_clause_is_an_error(tmp_path: Path) -> None:
    _write(tmp_path, "library.yaml", "drop: [bonus]\n")
    assert "cannot drop 'bonus': no such clause" in str(_error(tmp_path))


def test_an_unknown_library_yaml_key_is_an_error(tmp_path: Path) -> None:
    _write(tmp_path, "library.yaml", "name: x\nremove: [a]\n")
    err = _error(tmp_path)
    assert err.diagnostics[0].location.line == 2
    assert 'unknown key "remove"' in err.diagnostics[0].message


def test_a_missing_library_folder_is_an_error(tmp_path: Path) -> None:
    assert "clause library folder not found" in str(_error(tmp_path / "nope"))


def test_two_clauses_with_one_id_in_a_layer_is_an_error(tmp_path: Path) -> None:
    _write(tmp_path, "a.md.j2", GOOD)
    _write(tmp_path / "sub", "b.md.j2", GOOD)
    assert "clause id 'extra' is also used by a.md.j2" in str(_error(tmp_path))


# --- front matter --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "col", "message"),
    [
        (
            GOOD.replace("order: 150\n", "order: 150\ntitel: x\n"),
            6,
            1,
            'unknown front matter key "titel"',
        ),
        (GOOD.replace('version: "1.0"', "version: 1.0"), 4, 10, "write it in quotes"),
        (GOOD.replace("id: extra", "id: Extra Clause"), 2, 5, "id must be lowercase words"),
        (GOOD.replace("order: 150", "order: first"), 5, 8, "order must be a whole number"),
        (GOOD.replace("order: 150\n", "order: 150\nkind: annex\n"), 6, 7, "kind must be one of"),
        (
            GOOD.replace("order: 150\n", "order: 150\nreads: [escalation.tierz]\n"),
            6,
            9,
            "escalation has no field 'tierz'",
        ),
        (GOOD.replace("order: 150\n", "order: 150\nreads: [deal.id.x]\n"), 6, 9, "is a value"),
        (
            GOOD.replace("order: 150\n", "order: 150\noptional: yes please\n"),
            6,
            11,
            "optional must be true or false",
        ),
        (GOOD.replace("order: 150\n", "order: 150\norder: 160\n"), 6, 1, "listed twice"),
        (GOOD.replace("title: Extra Clause\n", ""), 1, 1, 'front matter needs "title"'),
        ("Just text, no front matter.\n", 1, 1, "starts with front matter"),
        ("---\nid: x\n", 1, 1, "no closing '---'"),
        (
            GOOD.replace("order: 150\n", "order: 150\nwhen: 'rewards and'\n"),
            6,
            1,
            "when: condition",
        ),
        (GOOD + "{% for x in %}\n", 8, 1, "template syntax error"),
    ],
    ids=[
        "unknown-key",
        "unquoted-version",
        "bad-id",
        "bad-order",
        "bad-kind",
        "unknown-read",
        "read-below-a-value",
        "bad-flag",
        "duplicate-key",
        "missing-title",
        "no-front-matter",
        "unclosed",
        "bad-when",
        "syntax-error",
    ],
)
def test_front_matter_and_template_errors_have_positions(
    tmp_path: Path, text: str, line: int, col: int, message: str
) -> None:
    path = _write(tmp_path, "extra.md.j2", text)
    err = _error(tmp_path)
    d = err.diagnostics[0]
    assert d.location.path == str(path)
    assert (d.location.line, d.location.col) == (line, col), d.message
    assert message in d.message


def test_partials_need_no_front_matter(tmp_path: Path) -> None:
    _write(tmp_path / "partials", "helpers.md.j2", "{% macro hi() %}Hi{% endmacro %}")
    assert "extra" not in load_library([tmp_path]).clauses


# --- caching ----------------------------------------------------------------------------


def test_the_library_is_compiled_once_and_reloaded_when_a_file_changes(tmp_path: Path) -> None:
    company = tmp_path / "lib"
    shutil.copytree(COMPANY, company)
    first = load_library([company])
    assert load_library([company]) is first
    clause = company / "governance" / "data-protection.md.j2"
    clause.write_text(
        clause.read_text(encoding="utf-8").replace('"1.0"', '"1.1"'), encoding="utf-8"
    )
    stat = clause.stat()
    os.utime(clause, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    second = load_library([company])
    assert second is not first
    assert second.clauses["data-protection"].version == "1.1"


def test_assembly_never_imports_python_docx() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from contractgen.spec.loader import load_spec\n"
        "from contractgen.library.assemble import assemble_spec\n"
        f"assemble_spec(load_spec({str(CASE_STUDY)!r}))\n"
        "assert 'docx' not in sys.modules, 'python-docx was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_clause_off_by_default_appears_only_when_a_deal_includes_it(tmp_path: Path) -> None:
    from tests.library.helpers import modified_spec

    text = GOOD.replace("order: 150\n", "order: 150\noptional: true\ndefault: false\n")
    _write(tmp_path, "extra.md.j2", text.replace("Text.", "Extra clause text."))
    assert "Extra clause text." not in build(CASE_STUDY, [tmp_path])[0].markdown
    loaded = modified_spec(CASE_STUDY, lambda d: d.update({"clauses": {"include": ["extra"]}}))
    assert "## 2. Extra Clause\n\nExtra clause text." in build(loaded, [tmp_path])[0].markdown
