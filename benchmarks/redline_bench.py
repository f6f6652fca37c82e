"""``contractgen redline``'s engine against Python-Redlines on the same document pairs.

Run from the repository root after ``pip install -e '.[test,bench-redline]'``::

    python benchmarks/redline_bench.py
    python benchmarks/redline_bench.py --json benchmarks/results/redline-my-machine.json

The pairs are the case-study deal and its edited versions used by the redline tests (three
figures, a party name, a table row added and one removed, the availability clause switched on,
and all of them at once), each rendered to the main exhibit's .docx by contractgen. Both tools
compare the same two files.

For each pair and tool it records:

* **time per pair**, median and min–max over repeated runs. Python-Redlines has one API: it
  writes both files out and runs its .NET comparer binary in a new process, so its time includes
  that process. contractgen is timed twice: in-process (how ``contractgen redline`` calls it)
  and as a fresh ``python`` process reading the two files and writing the redline, which is the
  like-for-like figure; the speed ratio uses the fresh-process one.
* **changed places** in the output: maximal stretches of tracked content (insertions,
  deletions, formatting changes, tracked paragraph marks and rows) not interrupted by untracked
  text or an untracked paragraph end, so a replaced word shown as a deletion plus an insertion is
  one place, whatever markup granularity a tool uses; and the raw number of tracked elements.
* **true edits**: the changed places of a word diff of the two documents' own text (words and
  paragraph ends, from ``w:t``, without fields' displayed results, which move by themselves),
  computed without either tool. ``spurious`` = changed places
  beyond the true edits (revisions where nothing changed); ``merged`` = true edits a tool showed
  as one place (it struck out and re-inserted the unchanged words between them, counted in
  ``unchanged_words_shown_deleted``: deleted words beyond the true diff's).
* **accept/reject exact**: pandoc reading the redline with ``--track-changes=accept`` gives the
  new document's text and ``reject`` the old one's (text compared as in the tests: the rejected
  text without fields' displayed results).

No timing is asserted anywhere; the figures are a record of one run on one machine.
"""

from __future__ import annotations

import argparse
import difflib
import io
import json
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
DATE = "2027-03-01T09:00:00Z"
WORD = re.compile(r"\s+|\w+(?:[.,:/'’-]\w+)*|[^\w\s]")


def _stats(samples: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(samples), 4),
        "min": round(min(samples), 4),
        "max": round(max(samples), 4),
        "runs": len(samples),
    }


def _time(fn: Callable[[], Any], repeat: int) -> tuple[list[float], Any]:
    samples = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - start)
    return samples, result


def _document(docx: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        return etree.fromstring(zf.read("word/document.xml"))


# --- counting ---------------------------------------------------------------------------------


def _tracked_mark(p: etree._Element) -> bool:
    if p.xpath("w:pPr/w:rPr/w:ins | w:pPr/w:rPr/w:del", namespaces=NS):
        return True
    row = next(p.iterancestors(f"{W}tr"), None)
    return row is not None and bool(row.xpath("w:trPr/w:ins | w:trPr/w:del", namespaces=NS))


def _items(p: etree._Element) -> list[str]:
    """``T`` tracked, ``U`` untracked text, ``N`` neutral (spaces, anchors), in reading order."""
    out: list[str] = []
    for el in p.iter(f"{W}r"):
        if next(el.iterancestors(f"{W}p")) is not p:
            continue  # a run of a nested paragraph (text box) belongs to that paragraph
        in_change = any(a.tag in (f"{W}ins", f"{W}del") for a in el.iterancestors())
        formatted = el.find(f"{W}rPr/{W}rPrChange") is not None
        text = "".join(t.text or "" for t in el.iter(f"{W}t", f"{W}delText"))
        if in_change or formatted:
            out.append("T")
        elif text.strip():
            out.append("U")
        else:
            out.append("N")
    out.append("T" if _tracked_mark(p) else "B")  # the paragraph end
    if p.find(f"{W}pPr/{W}pPrChange") is not None:
        out.insert(0, "T")
    return out


def changed_places(docx: bytes) -> int:
    """Maximal stretches of tracked content, in document order (see the module docstring)."""
    places = 0
    inside = False
    for p in _document(docx).iter(f"{W}p"):
        for item in _items(p):
            if item == "T":
                if not inside:
                    places += 1
                inside = True
            elif item in ("U", "B"):
                inside = False
    return places


def tracked_elements(docx: bytes) -> int:
    root = _document(docx)
    return len(root.xpath("//w:ins | //w:del | //w:rPrChange | //w:pPrChange", namespaces=NS))


def _words(docx: bytes) -> list[str]:
    """The document's words and paragraph ends, without fields' displayed results (a REF's
    number moves by itself when a clause is inserted before its target: not an edit)."""
    words: list[str] = []
    in_result = 0
    for p in _document(docx).iter(f"{W}p"):
        parts: list[str] = []
        for el in p.iter(f"{W}t", f"{W}fldChar"):
            kind = el.get(f"{W}fldCharType")
            if kind == "separate":
                in_result += 1
            elif kind == "end" and in_result:
                in_result -= 1
            elif el.tag == f"{W}t" and not in_result:
                parts.append(el.text or "")
        words.extend(w for w in WORD.findall("".join(parts)) if w.strip())
        words.append("¶")
    return words


def true_edits(old: bytes, new: bytes) -> tuple[int, int]:
    """Changed places and deleted words of a word diff of the two documents' text (no tool
    involved)."""
    ow = _words(old)
    matcher = difflib.SequenceMatcher(None, ow, _words(new), autojunk=False)
    ops = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    deleted = sum(1 for _, i1, i2, _, _ in ops for w in ow[i1:i2] if w != "¶")
    return len(ops), deleted


def deleted_words(docx: bytes) -> int:
    """Words a reader sees struck through (deleted text, field codes excluded)."""
    root = _document(docx)
    text = " ".join(t.text or "" for t in root.iter(f"{W}delText"))
    return sum(1 for w in WORD.findall(text) if w.strip())


# --- the tools --------------------------------------------------------------------------------

_FRESH = """
import sys
from pathlib import Path
from contractgen.redline.docxdiff import redline_docx
old, new, out = (Path(a) for a in sys.argv[1:4])
result = redline_docx(old.read_bytes(), new.read_bytes(), author="Bench", date="{date}")
out.write_bytes(result.data)
"""


def contractgen_in_process(old: bytes, new: bytes) -> bytes:
    from contractgen.redline.docxdiff import redline_docx

    return redline_docx(old, new, author="Bench", date=DATE).data


def contractgen_fresh_process(old: bytes, new: bytes, work: Path) -> bytes:
    (work / "old.docx").write_bytes(old)
    (work / "new.docx").write_bytes(new)
    out = work / "cg.docx"
    subprocess.run(
        [
            sys.executable,
            "-c",
            _FRESH.format(date=DATE),
            *(str(work / n) for n in ("old.docx", "new.docx", "cg.docx")),
        ],
        check=True,
        capture_output=True,
    )
    return out.read_bytes()


def _peer_engines() -> tuple[dict[str, Any], dict[str, str]]:
    """The Python-Redlines engines that can run here, and why the others cannot."""
    engines: dict[str, Any] = {}
    problems: dict[str, str] = {}
    try:
        import warnings

        from python_redlines import engines as pr
    except ImportError as exc:
        return {}, {"python-redlines": f"not installed ({exc}); pip install python-redlines"}
    for name, cls in (
        ("docxodus", "DocxodusEngine"),
        ("open-xml-powertools", "XmlPowerToolsEngine"),
    ):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                engines[name] = getattr(pr, cls)()
        except Exception as exc:  # a missing companion binary package, an unsupported platform
            problems[name] = f"{type(exc).__name__}: {exc}"
    return engines, problems


def _peer(engine: Any) -> Callable[[bytes, bytes], bytes]:
    def run(old: bytes, new: bytes) -> bytes:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            return bytes(engine.run_redline("Bench", old, new)[0])

    return run


# --- pandoc check -----------------------------------------------------------------------------


def _accept_reject_exact(redline: bytes, old: bytes, new: bytes, work: Path) -> bool:
    """As the tests check it: rejected text compared without fields' displayed results."""
    from tests.redline.conftest import plain_text, without_field_results

    accepted = plain_text(redline, work, "accept") == plain_text(new, work)
    rejected = plain_text(without_field_results(redline), work, "reject")
    return accepted and rejected == plain_text(without_field_results(old), work)


# --- the run ----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per pair for contractgen")
    parser.add_argument("--peer-repeat", type=int, default=2, help="runs per pair for peers")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks/results/redline.json")
    args = parser.parse_args()

    from tests.redline.conftest import CASE, SCENARIOS, build, edited

    old_build = build(CASE.read_text(encoding="utf-8"), "old.yaml")
    engines, problems = _peer_engines()
    pairs: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name, replacements in SCENARIOS.items():
            new_build = build(edited(replacements), "new.yaml")
            old, new = old_build.singles[0], new_build.singles[0]
            truth, truth_deleted = true_edits(old, new)
            row: dict[str, Any] = {
                "pair": name,
                "true_edits": truth,
                "true_deleted_words": truth_deleted,
                "tools": {},
            }
            runs: dict[str, tuple[Callable[[], bytes], int]] = {
                "contractgen (in-process)": (
                    lambda o=old, n=new: contractgen_in_process(o, n),
                    args.repeat,
                ),
                "contractgen (fresh process)": (
                    lambda o=old, n=new: contractgen_fresh_process(o, n, work),
                    args.repeat,
                ),
            }
            for engine_name, engine in engines.items():
                runs[f"python-redlines {engine_name}"] = (
                    lambda o=old, n=new, e=engine: _peer(e)(o, n),
                    args.peer_repeat,
                )
            for tool, (fn, repeat) in runs.items():
                samples, output = _time(fn, repeat)
                places = changed_places(output)
                row["tools"][tool] = {
                    "seconds": _stats(samples),
                    "changed_places": places,
                    "tracked_elements": tracked_elements(output),
                    "spurious": max(0, places - truth),
                    "merged": max(0, truth - places),
                    "deleted_words": deleted_words(output),
                    "accept_reject_exact": _accept_reject_exact(output, old, new, work),
                }
                print(
                    f"{name:16} {tool:32} {statistics.median(samples):8.3f} s  "
                    f"places {places:3} (true {truth})",
                    file=sys.stderr,
                )
            pairs.append(row)

    summary: dict[str, Any] = {}
    reference = "contractgen (fresh process)"
    for tool in pairs[0]["tools"]:
        total = sum(p["tools"][tool]["seconds"]["median"] for p in pairs)
        summary[tool] = {
            "seconds_all_pairs": round(total, 4),
            "spurious_all_pairs": sum(p["tools"][tool]["spurious"] for p in pairs),
            "merged_all_pairs": sum(p["tools"][tool]["merged"] for p in pairs),
            "unchanged_words_shown_deleted": sum(
                max(0, p["tools"][tool]["deleted_words"] - p["true_deleted_words"]) for p in pairs
            ),
            "accept_reject_exact_pairs": sum(
                p["tools"][tool]["accept_reject_exact"] for p in pairs
            ),
        }
    for tool in summary:
        if tool.startswith("python-redlines"):
            summary[tool]["contractgen_speedup"] = round(
                summary[tool]["seconds_all_pairs"] / summary[reference]["seconds_all_pairs"], 1
            )
    import importlib.metadata as md

    def version(dist: str) -> str | None:
        try:
            return md.version(dist)
        except md.PackageNotFoundError:
            return None

    record = {
        "benchmark": "redline",
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "processor": platform.machine(),
        },
        "versions": {
            d: version(d)
            for d in (
                "contractgen",
                "python-redlines",
                "python-redlines-docxodus",
                "python-redlines-ooxmlpowertools",
            )
        },
        "peers_not_run": problems,
        "summary": summary,
        "pairs": pairs,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(summary, indent=2), file=sys.stderr)


if __name__ == "__main__":
    main()
