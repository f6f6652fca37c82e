"""The per-user cache of compiled templates: it changes how fast, never what is rendered."""

from __future__ import annotations

import os
import shutil
from collections import OrderedDict
from pathlib import Path
from typing import Any

import pytest

from contractgen.errors import UserError
from contractgen.library import assemble, bytecode, loader
from contractgen.library.bytecode import Compiled, TemplateCache, compile_source, template_cache
from contractgen.library.env import instantiate, make_environment
from contractgen.paths import BUILTIN_LIBRARY
from contractgen.spec.loader import load_spec
from tests.library.helpers import EXAMPLES

COMPANY = Path(__file__).parent / "company_lib"
SOURCE = "{% for x in range(n) %}{{ x }},{% endfor %}{{ uses_this }}\n"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh cache folder for this test, and fresh per-process caches of the library."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("CONTRACTGEN_CACHE_DIR", str(folder))
    monkeypatch.delenv(bytecode.SWITCH, raising=False)
    monkeypatch.setattr(loader, "_CACHE", OrderedDict())
    return folder / "templates"


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.jinja")) if folder.is_dir() else []


def _compile(env: Any, source: str = SOURCE, monkeypatch: pytest.MonkeyPatch | None = None) -> str:
    """Compile (or load) ``source`` and render it with n=3."""
    compiled = compile_source(env, source, "t.md.j2", "/library/t.md.j2")
    return instantiate(env, compiled).render(n=3, uses_this="ok")


def _forbid_compiling(env: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_a: Any, **_k: Any) -> Any:
        raise AssertionError("compiled although the cache holds this template")

    monkeypatch.setattr(env, "compile", refuse)


def test_a_second_environment_loads_what_the_first_compiled(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _compile(make_environment([BUILTIN_LIBRARY])) == "0,1,2,ok\n"
    assert len(_entries(cache_dir)) == 1
    env = make_environment([BUILTIN_LIBRARY])
    _forbid_compiling(env, monkeypatch)
    compiled = compile_source(env, SOURCE, "t.md.j2", "/library/t.md.j2")
    assert compiled.undeclared == {"n", "uses_this"}
    assert instantiate(env, compiled).render(n=3, uses_this="ok") == "0,1,2,ok\n"


def test_the_cache_folder_and_its_entries_are_private(cache_dir: Path) -> None:
    _compile(make_environment([BUILTIN_LIBRARY]))
    assert cache_dir.stat().st_mode & 0o777 == 0o700
    assert all(e.stat().st_mode & 0o777 == 0o600 for e in _entries(cache_dir))


def test_an_edited_template_is_compiled_again(cache_dir: Path) -> None:
    env = make_environment([BUILTIN_LIBRARY])
    assert _compile(env) == "0,1,2,ok\n"
    assert _compile(env, SOURCE.replace(",", ";")) == "0;1;2;ok\n"
    assert len(_entries(cache_dir)) == 2


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda env: setattr(env, "trim_blocks", False), id="whitespace-option"),
        pytest.param(lambda env: env.filters.update(extra=str), id="a-new-filter"),
        pytest.param(lambda env: env.globals.pop("range"), id="a-global-removed"),
        pytest.param(lambda env: setattr(env, "finalize", repr), id="finalize"),
    ],
)
def test_a_change_of_sandbox_settings_compiles_again(
    cache_dir: Path, change: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = make_environment([BUILTIN_LIBRARY])
    _compile(first)
    changed = make_environment([BUILTIN_LIBRARY])
    change(changed)
    assert bytecode.environment_fingerprint(changed) != bytecode.environment_fingerprint(first)
    compile_source(changed, SOURCE, "t.md.j2", "/library/t.md.j2")
    assert len(_entries(cache_dir)) == 2


def test_a_change_of_limits_or_jinja_version_compiles_again(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jinja2

    from contractgen.library import limits

    base = bytecode.environment_fingerprint(make_environment([BUILTIN_LIBRARY]))
    monkeypatch.setattr(limits, "MAX_STEPS", limits.MAX_STEPS + 1)
    assert bytecode.environment_fingerprint(make_environment([BUILTIN_LIBRARY])) != base
    monkeypatch.undo()
    monkeypatch.setattr(jinja2, "__version__", "0.0-test")
    assert bytecode.environment_fingerprint(make_environment([BUILTIN_LIBRARY])) != base


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: data[:-40] + bytes(40), id="zeroed-tail"),
        pytest.param(
            lambda data: data[:60] + bytes([data[60] ^ 0x01]) + data[61:], id="one-bit-flipped"
        ),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: b"\x80\x04garbage" * 50, id="garbage"),
    ],
)
def test_a_damaged_entry_is_compiled_again_and_replaced(cache_dir: Path, damage: Any) -> None:
    _compile(make_environment([BUILTIN_LIBRARY]))
    (entry,) = _entries(cache_dir)
    good = entry.read_bytes()
    entry.write_bytes(damage(good))
    assert _compile(make_environment([BUILTIN_LIBRARY])) == "0,1,2,ok\n"
    assert entry.read_bytes() == good


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_group_or_world_writable_entry_or_folder_is_not_trusted(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _compile(make_environment([BUILTIN_LIBRARY]))
    (entry,) = _entries(cache_dir)
    entry.chmod(0o666)
    env = make_environment([BUILTIN_LIBRARY])
    assert env.bytecode_cache.lookup(env, "t.md.j2", "/library/t.md.j2", SOURCE) is None
    assert _compile(env) == "0,1,2,ok\n"
    entry.chmod(0o600)
    cache_dir.chmod(0o777)
    env = make_environment([BUILTIN_LIBRARY])
    assert env.bytecode_cache.lookup(env, "t.md.j2", "/library/t.md.j2", SOURCE) is None
    assert _compile(env) == "0,1,2,ok\n"


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX ownership")
def test_an_entry_of_another_user_is_not_trusted(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _compile(make_environment([BUILTIN_LIBRARY]))
    real = os.getuid()
    monkeypatch.setattr(os, "getuid", lambda: real + 1)
    env = make_environment([BUILTIN_LIBRARY])
    assert env.bytecode_cache.lookup(env, "t.md.j2", "/library/t.md.j2", SOURCE) is None
    assert _compile(env) == "0,1,2,ok\n"


def test_a_file_where_the_folder_should_be_means_no_cache(cache_dir: Path) -> None:
    cache_dir.parent.mkdir(parents=True)
    cache_dir.write_text("not a folder", encoding="utf-8")
    assert _compile(make_environment([BUILTIN_LIBRARY])) == "0,1,2,ok\n"
    assert cache_dir.read_text(encoding="utf-8") == "not a folder"


def test_a_symbolic_link_entry_is_not_followed(cache_dir: Path, tmp_path: Path) -> None:
    _compile(make_environment([BUILTIN_LIBRARY]))
    (entry,) = _entries(cache_dir)
    elsewhere = tmp_path / "elsewhere.jinja"
    shutil.move(entry, elsewhere)
    entry.symlink_to(elsewhere)
    env = make_environment([BUILTIN_LIBRARY])
    assert env.bytecode_cache.lookup(env, "t.md.j2", "/library/t.md.j2", SOURCE) is None


def test_the_switch_turns_the_cache_off(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(bytecode.SWITCH, "1")
    assert template_cache() is None
    env = make_environment([BUILTIN_LIBRARY])
    assert env.bytecode_cache is None
    assert _compile(env) == "0,1,2,ok\n"
    loader.load_library([COMPANY])
    assert not cache_dir.exists()


def test_an_unwritable_cache_is_no_error(cache_dir: Path) -> None:
    cache = TemplateCache(cache_dir)
    assert cache.lookup(make_environment([BUILTIN_LIBRARY]), "t", None, "x") is None
    cache_dir.chmod(0o500)
    try:
        env = make_environment([BUILTIN_LIBRARY])
        compiled = Compiled(env.compile("x"), frozenset())
        cache.store(env, "t", None, "x", compiled)  # refused by the file system: no error
    finally:
        cache_dir.chmod(0o700)


def _all_markdown(libraries: tuple[Path, ...] = ()) -> dict[str, str]:
    loader._CACHE.clear()
    out = {}
    for path in EXAMPLES:
        for exhibit in assemble.assemble_spec(load_spec(path), libraries):
            out[f"{path.stem}/{exhibit.key}"] = exhibit.markdown
    return out


@pytest.mark.parametrize("libraries", [(), (COMPANY,)], ids=["built-in", "company"])
def test_output_is_byte_identical_with_and_without_the_cache(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch, libraries: tuple[Path, ...]
) -> None:
    cold = _all_markdown(libraries)
    written = len(_entries(cache_dir))
    assert written > 20  # every clause, condition and partial
    warm = _all_markdown(libraries)
    assert len(_entries(cache_dir)) == written  # nothing compiled the second time
    monkeypatch.setenv(bytecode.SWITCH, "1")
    uncached = _all_markdown(libraries)
    assert cold == warm == uncached


def test_a_library_loaded_from_the_cache_knows_the_late_clauses(cache_dir: Path) -> None:
    first = loader.load_library()
    loader._CACHE.clear()
    second = loader.load_library()
    assert first is not second
    assert second.late == first.late == frozenset({"definitions"})


def test_errors_from_cached_templates_keep_their_file_and_line(
    cache_dir: Path, tmp_path: Path
) -> None:
    company = tmp_path / "lib"
    shutil.copytree(COMPANY, company)
    clause = company / "governance" / "data-protection.md.j2"
    lines = clause.read_text(encoding="utf-8").splitlines()
    lines.append("{{ spec.deal.no_such_field }}")
    clause.write_text("\n".join(lines) + "\n", encoding="utf-8")
    spec = load_spec(EXAMPLES[0])
    found = []
    for _ in range(2):  # compiled, then loaded from the cache
        loader._CACHE.clear()
        with pytest.raises(UserError) as err:
            assemble.assemble_spec(spec, (company,))
        d = err.value.diagnostics[0]
        found.append((d.location.path, d.location.line, d.message))
    assert found[0] == found[1]
    assert found[0][:2] == (str(clause), len(lines))


# --- the parsed front matter of a layer ---------------------------------------------------


def _records(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.clauses")) if folder.is_dir() else []


def test_a_layer_is_parsed_once_and_again_after_an_edit(cache_dir: Path, tmp_path: Path) -> None:
    company = tmp_path / "lib"
    shutil.copytree(COMPANY, company)
    first = loader.load_library([company])
    assert len(_records(cache_dir)) == 2  # the built-in layer and the company's
    loader._CACHE.clear()
    again = loader.load_library([company])
    assert again.clauses == first.clauses
    clause = company / "governance" / "data-protection.md.j2"
    clause.write_text(
        clause.read_text(encoding="utf-8").replace('"1.0"', '"1.1"'), encoding="utf-8"
    )
    loader._CACHE.clear()
    assert loader.load_library([company]).clauses["data-protection"].version == "1.1"
    assert len(_records(cache_dir)) == 3


def test_a_change_of_the_checking_code_parses_again(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = tmp_path / "rules.py"
    rules.write_text("A = 1\n", encoding="utf-8")
    monkeypatch.setattr(loader, "_CHECKING_CODE", (*loader._CHECKING_CODE, rules))
    loader.load_library()
    rules.write_text("A = 2\n", encoding="utf-8")
    loader._CACHE.clear()
    loader.load_library()
    assert len(_records(cache_dir)) == 2


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: data[:-1] + bytes([data[-1] ^ 0x01]), id="one-bit-flipped"),
    ],
)
def test_damaged_clause_records_are_parsed_again(cache_dir: Path, damage: Any) -> None:
    first = loader.load_library()
    (entry,) = _records(cache_dir)
    entry.write_bytes(damage(entry.read_bytes()))
    loader._CACHE.clear()
    assert loader.load_library().clauses == first.clauses


def test_records_that_do_not_fit_the_files_are_ignored(cache_dir: Path) -> None:
    first = loader.load_library()
    files = [(c.path, c.relpath, "") for c in first.clauses.values()]
    assert loader._from_records(None, files) is None
    assert loader._from_records(("x",) * len(files), files) is None
    assert loader._from_records((), files) is None


def test_the_cache_folder_stays_bounded(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bytecode, "_MAX_ENTRIES", 4)
    env = make_environment([BUILTIN_LIBRARY])
    for i in range(7):
        _compile(env, SOURCE.replace(",", f",{i}"))
    assert 2 <= len(_entries(cache_dir)) <= 4
    assert _compile(env, SOURCE.replace(",", ",6")) == "0,61,62,6ok\n"
