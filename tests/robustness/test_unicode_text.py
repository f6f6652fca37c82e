"""Text that survives Word: what a user types arrives intact, and cannot reshape the document.

Partners are named in every script: a Japanese K.K., an Arabic trading house, a start-up with an
emoji in its name. The exhibit is a contract, so the name printed must be the name typed, in the
Markdown, in the Word file and in what Word (here LibreOffice and pandoc) reads back from it.
And because the exhibit is Markdown before it is Word, a name like ``R&D | Asia *Ltd*`` must not
add a table column or make "Ltd" italic: that would change what the parties sign.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import cache
from pathlib import Path

import pypandoc
import pytest
from markdown_it.token import Token

from contractgen.mdparse import markdown_parser
from tests.robustness.helpers import (
    CASE_DEAL,
    CASE_TEXT,
    PARTNER_LINE,
    edited,
    invoke,
    line_of,
    user_error_problems,
    with_partner,
    write_spec,
    yaml_quoted,
)

THE_NAME = 'R&D <Asia> | "Ltd" 株式会社 🚀'
"""The name from the issue: markup characters, quotes, CJK and an emoji outside the BMP."""

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def plain_quotes(text: str) -> str:
    """Word sets quotes typographically (“Ltd”); the name's own quotes are plain ones."""
    return text.translate({0x201C: '"', 0x201D: '"', 0x2018: "'", 0x2019: "'"})


def pandoc_text(path: Path) -> str:
    """What pandoc reads from a .docx or GitHub-flavoured .md file, as plain unwrapped text."""
    fmt = "gfm" if path.suffix == ".md" else "docx"
    return pypandoc.convert_file(str(path), "plain", format=fmt, extra_args=["--wrap=none"])


def build(tmp: Path, text: str, fmt: str = "all") -> tuple[Path, str]:
    """Build ``text`` as a spec; returns the deal folder and the CLI's output."""
    spec = write_spec(tmp, text)
    result = invoke("build", spec, "-o", tmp / "out", "--format", fmt, "-j", "1", "-q")
    assert result.exit_code == 0, result.output
    return tmp / "out" / CASE_DEAL, result.output


# --- any Unicode a user can type -------------------------------------------------------------


def test_the_issue_name_reaches_markdown_and_word_exactly(tmp_path: Path) -> None:
    """Markup characters, quotes, CJK and an emoji in one name, through every document that prints
    it."""
    folder, _ = build(tmp_path, with_partner(THE_NAME))
    for name in ("sla-exhibit.md", "sla-exhibit.docx", "contract-pack.docx"):
        assert THE_NAME in plain_quotes(pandoc_text(folder / name)), name


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_reads_the_name_exactly(tmp_path: Path) -> None:
    """A second, independent reader of the Word file. Text, not pixels: the machine's fonts may
    lack CJK or emoji glyphs, so the conversion reads the document model (UTF-8 text export)."""
    folder, _ = build(tmp_path, with_partner(THE_NAME), fmt="docx")
    converted = tmp_path / "converted"
    proc = subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
            str(converted),
            str(folder / "sla-exhibit.docx"),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    text = (converted / "sla-exhibit.txt").read_text(encoding="utf-8-sig")
    assert THE_NAME in plain_quotes(text)


SCRIPTS = {
    "cjk": "深圳货架科技有限公司 株式会社 한국",
    "astral cjk": "𠀋𡈽𡌛 Holdings",
    "arabic rtl": "شركة الرياض للتقنية",
    "hebrew with marks": "\u200fחברת תל אביב בע״מ\u200f",
    "emoji zwj": "Family 👨\u200d👩\u200d👧 Co 🏳️\u200d🌈",
    "combining marks": "Zoe\u0308 Ame\u0301lie Ltd",  # decomposed on purpose: no normalisation
    "nbsp and soft hyphen": "Nord\u00a0Ost Inter\u00adnational",
}


@pytest.mark.parametrize("name", list(SCRIPTS.values()), ids=list(SCRIPTS))
def test_every_script_reaches_markdown_and_word_unchanged(name: str, tmp_path: Path) -> None:
    """Scripts and sequences that break naive text handling: right-to-left marks, joiners,
    decomposed accents, characters beyond U+FFFF."""
    folder, _ = build(tmp_path, with_partner(name))
    markdown = (folder / "sla-exhibit.md").read_text(encoding="utf-8")
    assert name in markdown  # none of these characters needs escaping
    assert name in pandoc_text(folder / "sla-exhibit.docx")


# --- characters a Word document cannot hold --------------------------------------------------


@pytest.mark.parametrize(
    ("written", "pattern"),
    [
        ('"Pacific\\x07Retail"', r"U\+0007"),  # an escape: caught after parsing
        ('"Pacific\\u001bRetail"', r"U\+001B"),
        ('"Pacific\\ufffeRetail"', r"U\+FFFE"),
        ('"Pacific\\ud800Retail"', r"surrogate"),  # half of a character
        ("Pacific\x0cRetail", r"U\+000C"),  # pasted raw: caught by the YAML reader
        ("Pacific\x1bRetail", r"U\+001B"),
    ],
    ids=["bel-escape", "esc-escape", "fffe-escape", "lone-surrogate", "raw-formfeed", "raw-esc"],
)
def test_characters_xml_forbids_are_refused_with_their_position(
    written: str, pattern: str, tmp_path: Path
) -> None:
    """A Word file cannot hold these; refusing them at load, with the place to fix, beats a corrupt
    or silently altered document."""
    text = edited(CASE_TEXT, PARTNER_LINE, f"    name: {written}")
    spec = write_spec(tmp_path, text)
    result = invoke("build", spec, "-o", tmp_path / "out", "-j", "1")
    assert user_error_problems(result, spec, pattern, line_of(text, "Pacific")) == []
    assert not (tmp_path / "out" / CASE_DEAL).exists()


def test_a_json_spec_may_escape_emoji_as_surrogate_pairs(tmp_path: Path) -> None:
    """Python's json.dumps writes 🚀 as two escapes by default; that is one character."""
    import json

    from contractgen.spec.loader import parse_yaml

    data, _ = parse_yaml(with_partner(THE_NAME), "deal.yaml")
    spec = tmp_path / "deal.json"
    spec.write_text(json.dumps(data, default=str), encoding="ascii")
    assert "\\ud83d\\ude80" in spec.read_text(encoding="ascii")
    result = invoke("build", spec, "-o", tmp_path / "out", "--format", "md", "-q")
    assert result.exit_code == 0, result.output
    assert THE_NAME in pandoc_text(tmp_path / "out" / CASE_DEAL / "sla-exhibit.md")


# --- markup characters cannot reshape the document -------------------------------------------

HOSTILE = [
    "R&D | Asia *Ltd*",
    THE_NAME,
    "_Under_ __score__ #1 [link](https://x.example) ![img](x.png)",
    "<script>alert(1)</script> &amp; &#x41; `code` ~~gone~~",
    "- starts like a list",
    "1. starts like a numbered item",
    "---",
    "> quoted | piped",
    "trailing backslash \\",
    "**bold** {{ spec }} {% raw %}",
]

FIELDS = {
    "partner name": PARTNER_LINE,
    "territory": "    territory: US West (California, Oregon, Washington, Nevada and Arizona)",
    "priority name": "      name: Critical",
    "contact role": "    role: Channel Manager",
}
PLAIN = "Plainvalue"


def _field_spec(field: str, value: str) -> str:
    line = FIELDS[field]
    key = line.split(":")[0]
    return edited(CASE_TEXT, line, f"{key}: {yaml_quoted(value)}")


@cache
def _shape(markdown: str) -> tuple[tuple[tuple[str, ...], ...], tuple[str, ...]]:
    """A document's structure (block and inline token kinds) and its texts, separately.

    Two documents that differ only in one inserted value must have the same structure; only
    the texts may differ, by exactly that value. Kept per text: the plain documents are
    compared with every hostile one.
    """
    structure: list[tuple[str, ...]] = []
    texts: list[str] = []
    for token in markdown_parser().parse(markdown):
        if token.type != "inline":
            structure.append((token.type, token.tag))
            continue
        children: list[Token] = token.children or []
        structure.append(
            ("inline", *(c.type for c in children if c.type not in ("text", "text_special")))
        )
        texts.append("".join(c.content for c in children if c.type in ("text", "text_special")))
    return tuple(structure), tuple(texts)


def _markdown(tmp: Path, text: str) -> dict[str, str]:
    folder, _ = build(tmp, text, fmt="md")
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md"))}


@pytest.fixture(scope="module")
def plain_documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """The exhibits with each field set to a harmless word, to compare hostile builds with."""
    return {
        field: _markdown(tmp_path_factory.mktemp("plain"), _field_spec(field, PLAIN))
        for field in FIELDS
    }


def shape_problems(plain: dict[str, str], hostile: dict[str, str], value: str) -> list[str]:
    """Where the hostile build's structure or text differs from the plain build's."""
    problems = []
    for name, markdown in plain.items():
        plain_structure, plain_texts = _shape(markdown)
        structure, texts = _shape(hostile[name])
        if structure != plain_structure:
            problems.append(f"{name}: the value changed the document's structure")
        elif texts != tuple(t.replace(PLAIN, value) for t in plain_texts):
            problems.append(f"{name}: the value does not read back as typed")
    return problems


@pytest.mark.parametrize("field", list(FIELDS))
@pytest.mark.parametrize("value", HOSTILE)
def test_markup_in_a_value_is_text_not_structure(
    field: str, value: str, tmp_path: Path, plain_documents: dict[str, dict[str, str]]
) -> None:
    """Every hostile value in every kind of field: same document structure as with a plain word, and
    the value reads back as typed."""
    hostile = _markdown(tmp_path, _field_spec(field, value))
    assert shape_problems(plain_documents[field], hostile, value) == []


def test_markup_in_a_value_reads_back_literally_from_word(tmp_path: Path) -> None:
    """The Word renderer reads the escaped Markdown: the asterisks and brackets must come out as
    characters, not italics or a link."""
    value = "R&D | Asia *Ltd* _x_ [y](z)"
    folder, _ = build(tmp_path, with_partner(value), fmt="docx")
    assert value in pandoc_text(folder / "sla-exhibit.docx")


# --- the protection removed ------------------------------------------------------------------


def test_without_escaping_the_shape_check_sees_the_damage(
    tmp_path: Path, plain_documents: dict[str, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Replace Markdown escaping with the identity: the check above must now fail."""
    import contractgen.library.context
    import contractgen.library.env
    import contractgen.library.filters
    from contractgen.library.markdown import Md

    for module in (
        contractgen.library.env,
        contractgen.library.context,
        contractgen.library.filters,
    ):
        monkeypatch.setattr(module, "escape_md", lambda text: Md(text))
    hostile = _markdown(tmp_path, _field_spec("partner name", "R&D | Asia *Ltd*"))
    assert shape_problems(plain_documents["partner name"], hostile, "R&D | Asia *Ltd*") != []


def test_without_the_character_check_a_control_character_gets_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Remove the load-time character check: the test above must notice."""
    import contractgen.spec.loader

    monkeypatch.setattr(contractgen.spec.loader, "check_characters", lambda *_args: [])
    text = edited(CASE_TEXT, PARTNER_LINE, '    name: "Pacific\\x07Retail"')
    spec = write_spec(tmp_path, text)
    result = invoke("build", spec, "-o", tmp_path / "out", "-j", "1")
    assert user_error_problems(result, spec, r"U\+0007", line_of(text, "Pacific")) != []
