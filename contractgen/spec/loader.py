"""Load a deal spec from YAML or JSON, keeping every value's position, with exact errors.

libyaml's node graph keeps the line and column of every key and value; duplicate keys are refused
here, and scalars are typed by the YAML 1.2 core schema. Every error of a file is collected
and reported at once, sorted by position, as ``file:line:col: message``.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from contractgen.errors import Diagnostic, Location, UserError
from contractgen.spec.limits import MAX_ALIASES, MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES

if TYPE_CHECKING:
    from contractgen.spec.models import DealSpec

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Positions:
    """Where each value of a spec came from: key path → (line, col), both 1-based.

    ``value(loc)`` is where a value starts; ``key(loc)`` is where its key starts, which is the
    better place to point when a key is unknown or a value is missing beneath it.
    """

    path: str
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def location(self, loc: Loc, *, prefer_key: bool = False) -> Location:
        """The closest known position for ``loc``, walking up to its parents if needed."""
        probe = tuple(loc)
        while True:
            table = (self.keys, self.values) if prefer_key else (self.values, self.keys)
            for t in table:
                if probe in t:
                    line, col = t[probe]
                    return Location(self.path, line, col)
            if not probe:
                return Location(self.path, 1, 1)
            probe = probe[:-1]


@dataclass(frozen=True)
class LoadedSpec:
    """A validated spec with the positions of its values, for lint and error messages."""

    spec: DealSpec
    """The validated model (imported for type checking only: loading a spec imports pydantic
    when it validates, not when this module loads)."""
    positions: Positions
    source: str

    @property
    def path(self) -> str:
        return self.positions.path


# --- reading text ----------------------------------------------------------------------------


def read_text(path: Path, *, display: str | None = None) -> str:
    """Read a spec file as UTF-8 text, refusing what cannot be a spec before parsing it."""
    name = display or str(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise UserError(name, "file not found") from None
    except OSError as exc:
        raise UserError(name, f"cannot read: {exc.strerror or exc}") from None
    if path.is_dir():
        raise UserError(name, "is a directory, not a deal spec file")
    if st.st_size > MAX_FILE_BYTES:
        raise UserError(
            name,
            f"file is {st.st_size:,} bytes; a deal spec may be at most {MAX_FILE_BYTES:,} bytes",
        )
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise UserError(name, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise UserError(name, f"file is larger than {MAX_FILE_BYTES:,} bytes")
    return decode(data, name)


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM), pointing at the first byte that is not."""
    if b"\x00" in data[:8192]:
        line, col = _position_of(data, data.index(b"\x00"))
        raise UserError(name, "this is a binary file, not a YAML or JSON deal spec", line, col)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _position_of(data, exc.start)
        raise UserError(
            name,
            f"byte 0x{data[exc.start]:02x} is not valid UTF-8; save the file as UTF-8",
            line,
            col,
        ) from None


def _position_of(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return line, col


# --- parsing YAML with positions -------------------------------------------------------------
#
# libyaml (through PyYAML's C parser) builds the node graph, which carries the line and column of
# every key and value, about fifty times faster than a pure-Python round-trip loader; scalars are
# then typed here by the YAML 1.2 core schema, so `NO` stays a country code and `yes` stays text
# instead of turning into a boolean as YAML 1.1 would have it.

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_TAG = "tag:yaml.org,2002:"
_MERGE = _TAG + "merge"
_TAG_CACHE_SIZE = 4096
"""At most this many distinct plain scalars keep their resolved tag (a bound on memory in a
long batch; spec keys and common values fit many times over)."""


@functools.lru_cache(maxsize=1)
def _loader_class() -> type:
    """A libyaml loader whose implicit typing is the YAML 1.2 core schema."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    scalar_node = yaml.ScalarNode
    defaults = {
        scalar_node: base.DEFAULT_SCALAR_TAG,
        yaml.SequenceNode: base.DEFAULT_SEQUENCE_TAG,
        yaml.MappingNode: base.DEFAULT_MAPPING_TAG,
    }
    assert not base.yaml_path_resolvers

    class Loader(base):  # type: ignore[misc, valid-type]
        yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {}

        _plain_tags: ClassVar[dict[str, str]] = {}

        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            """The tag of a node; a plain scalar's tag depends on its text alone (there are no
            path resolvers), so it is looked up once per distinct text: a spec repeats its keys
            and figures, and this is libyaml's main call back into Python."""
            if kind is scalar_node and implicit[0]:
                cache = self._plain_tags
                tag = cache.get(value)
                if tag is None:
                    tag = super().resolve(kind, value, implicit)
                    if len(cache) < _TAG_CACHE_SIZE:
                        cache[value] = tag
                return tag
            # A quoted scalar, a list or a mapping: the kind's default tag, which is all the
            # base resolver returns when no path resolvers are registered (none are).
            return defaults[kind]

        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            """Path resolvers are not used; libyaml calls this (and the next) around every node."""

        def ascend_resolver(self) -> None:
            """See :meth:`descend_resolver`."""

    for tag, pattern, first in (
        ("null", _NULL, ["~", "n", "N", ""]),
        ("bool", _BOOL, list("tTfF")),
        ("int", _INT, list("-+0123456789")),
        ("float", _FLOAT, list("-+.0123456789")),
        ("timestamp", _DATE, list("0123456789")),
    ):
        Loader.add_implicit_resolver(_TAG + tag, pattern, first)
    return Loader


def parse_yaml(text: str, name: str) -> tuple[Any, Positions]:
    """Parse YAML (or JSON, a subset of it) into plain Python values plus their positions."""
    import yaml

    loader_class = _loader_class()
    if text.lstrip("\ufeff \t\r\n").startswith(("{", "[")):
        text = _join_escaped_pairs(text)
    # Aliases need the event stream (an alias's own position is not in the node graph); a text
    # without a '*' has none, and its depth is checked on the nodes instead, which saves a second
    # parse of every such file. libyaml refuses nesting beyond 1,000 levels by itself, so
    # composing before the depth check is safe.
    aliases = "*" in text
    try:
        if aliases:
            _check_events(yaml.parse(text, Loader=loader_class), name)
        node = yaml.compose(text, Loader=loader_class)
    except UserError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "YAML syntax error").strip()
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        at = text[mark.index] if mark and 0 <= mark.index < len(text) else ""
        word = re.compile(_ANCHOR_WORD).match(text, mark.index) if mark else None
        at_word = word[0] if word else at
        message = _explain_yaml_problem(problem, at_word, exc.context or "", exc.context_mark)
        raise UserError(name, message, line, col) from None
    except yaml.reader.ReaderError as exc:
        # A control character typed or pasted into the file as itself (not as an escape).
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        offset = max(text.find(chr(code)), 0)
        line = text.count("\n", 0, offset) + 1
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        raise UserError(
            name,
            f"character U+{code:04X} cannot be stored in a deal spec or a Word document; remove it",
            line,
            col,
        ) from None
    except yaml.YAMLError as exc:
        raise UserError(name, f"YAML error: {str(exc).strip().splitlines()[0]}") from None
    except RecursionError:
        raise UserError(name, f"nesting is deeper than {MAX_DEPTH} levels") from None
    positions = Positions(name)
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == _TAG + "null"):
        raise UserError(name, "the file is empty; a deal spec starts with `deal:`", 1, 1)
    if not isinstance(node, yaml.MappingNode):
        raise UserError(
            name,
            "a deal spec is a mapping of sections (deal:, parties:, …), not a single value",
            node.start_mark.line + 1,
            node.start_mark.column + 1,
        )
    positions.values[()] = (node.start_mark.line + 1, node.start_mark.column + 1)
    merges = "<<" in text or "!" in text or "\\" in text
    budget = _Budget(name, check_depth=not aliases)
    return _to_plain(node, (), positions, budget, merges=merges), positions


_ESCAPED_PAIR = (
    r"(?<!\\)((?:\\\\)*)\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})"
)
"""``\\ud83d\\ude80``: one character beyond U+FFFF written as two escapes, the way JSON
writers (Python's ``json.dumps`` by default) write emoji and rare CJK characters."""


def _join_escaped_pairs(text: str) -> str:
    """In a JSON spec, rewrite surrogate-pair escapes as the eight-digit escapes libyaml reads.

    For example the pair for 🚀 becomes ``\\U0001F680``.

    libyaml refuses each half of a pair on its own, so a JSON spec naming a partner "… 🚀" could
    not be loaded. In JSON a backslash occurs only inside double-quoted strings, so the rewrite
    is exact there (YAML files, with their single-quoted and block text, are left alone); only an
    unescaped backslash starts an escape, hence the even-backslash prefix.
    """

    def join(m: re.Match[str]) -> str:
        high, low = int(m[2], 16), int(m[3], 16)
        return f"{m[1]}\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08X}"

    return re.sub(_ESCAPED_PAIR, join, text)


_ANCHOR_WORD = r"[&*][^\s,\[\]{}]+"
"""An anchor (``&name``) or alias (``*name``) as written, to name it in a message (compiled
by ``re`` only when a message needs it, like the pair pattern above: neither is on the path of a
spec that loads)."""


def _explain_yaml_problem(problem: str, at: str, context: str = "", first: Any = None) -> str:
    """libyaml's wording, made specific where the cause is known."""
    if problem == "but found another document":
        return (
            "a deal spec is one YAML document, but a second one starts here; remove this '---' "
            "and what follows, or put each deal in its own file"
        )
    # libyaml leaves the names out of these two; ``at`` is the anchor or alias as written.
    if problem == "second occurrence" and context.startswith("found duplicate anchor"):
        anchor = f"anchor {at}" if at.startswith("&") else "this anchor"
        where = f" (first at line {first.line + 1})" if first is not None else ""
        return f"{anchor} is defined twice{where}; give each anchor its own name"
    if problem.startswith("found undefined alias"):
        if at.startswith("*"):
            return f"alias {at} refers to no anchor &{at[1:]} defined above it"
        return "this alias refers to no anchor defined above it"
    if at == "\t" or "'\\t'" in problem:
        return "a tab character cannot indent YAML; use spaces"
    if "invalid Unicode character escape" in problem:
        return (
            "this escape is not a character a document can hold (a lone surrogate such as \\ud800?)"
        )
    plain = _PLAIN_YAML.get(problem.rstrip(".").lower())
    if plain is not None:
        return plain
    return problem[0].upper() + problem[1:] if problem else "YAML syntax error"


_PLAIN_YAML: dict[str, str] = {
    "did not find expected ',' or ']'": (
        "a list opened with [ is not closed: add the closing ], e.g. working_days: [mon, tue], "
        "or put text that starts with [ in quotes"
    ),
    "did not find expected ',' or '}'": (
        "a mapping opened with { is not closed: add the closing }, e.g. {target: 99.5%, period: "
        "month}, or put text that starts with { in quotes"
    ),
    "mapping values are not allowed in this context": (
        "a colon and a space inside a value start a new key here: put the value in quotes "
        '(title: "Phase 2: roll-out"), or indent this line like the keys beside it'
    ),
    "mapping values are not allowed here": (
        "a colon and a space inside a value start a new key here: put the value in quotes "
        '(title: "Phase 2: roll-out"), or indent this line like the keys beside it'
    ),
    "found unexpected end of stream": (
        'the file ends inside a quoted text: add the closing quote, e.g. title: "Smart shelf"'
    ),
    "could not find expected ':'": (
        "a key has no colon after it: write key: value, e.g. period: month"
    ),
    "did not find expected key": (
        "this line is not indented like the keys beside it: align it with them, two spaces per "
        "level"
    ),
    "did not find expected '-' indicator": (
        "this line is not indented like the list items beside it: start each item with '- ' "
        "at the same column"
    ),
    "did not find expected node content": (
        'a value is missing here: write one after the colon, or put text in quotes, e.g. "*"'
    ),
}
"""libyaml's terse problems in plain words, each with the usual cause and an example fix."""


def _check_events(events: Iterator[Any], name: str) -> None:
    """Count aliases and depth on the event stream, before anything is built in memory.

    An alias to a mapping or list that is still open (``a: &a [*a]``) would make the value
    contain itself, which no spec can mean; it is refused here, where its position is known.
    """
    import yaml

    aliases = 0
    depth = 0
    open_anchors: dict[str, bool] = {}  # anchor → is the collection it names still open?
    stack: list[str | None] = []  # the anchors of the collections being read, innermost last
    for event in events:
        if isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise UserError(
                    name,
                    f"more than {MAX_ALIASES} alias references (*name); "
                    "a deal spec needs few or none",
                    *_mark(event.start_mark),
                )
            if event.anchor and open_anchors.get(event.anchor):
                raise UserError(
                    name,
                    f"alias *{event.anchor} is inside the value it refers to, "
                    "so that value would contain itself forever",
                    *_mark(event.start_mark),
                )
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise UserError(
                    name, f"nesting is deeper than {MAX_DEPTH} levels", *_mark(event.start_mark)
                )
            stack.append(event.anchor)
            if event.anchor:
                open_anchors[event.anchor] = True
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
            anchor = stack.pop()
            if anchor:
                open_anchors[anchor] = False
        elif isinstance(event, yaml.ScalarEvent) and event.anchor:
            open_anchors[event.anchor] = False


def _mark(mark: Any) -> tuple[int, int]:
    """A libyaml mark as a 1-based (line, column); (0, 0) when the event carries none."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)


@dataclass
class _Budget:
    """Counts values as aliases are expanded, so a small file cannot become a huge document."""

    name: str
    check_depth: bool = False
    """Refuse collections nested deeper than MAX_DEPTH while building (when the event stream,
    which checks it otherwise, was not read)."""
    nodes: int = 0

    def spend(self, loc: Loc, positions: Positions) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            where = positions.location(loc)
            raise UserError(
                self.name,
                f"the document expands to more than {MAX_NODES:,} values "
                "(are aliases repeating a large block?)",
                where.line,
                where.col,
            )


def _pos(node: Any) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _to_plain(
    node: Any, loc: Loc, positions: Positions, budget: _Budget, *, merges: bool = True
) -> Any:
    """Turn the node graph into dicts, lists and scalars, recording where each value sits.

    One closure with its names bound locally: this walk visits every key and value of every
    spec, and attribute look-ups and helper calls per node were a fifth of loading one.
    ``merges=False`` (the text has no ``<<``, tag or escape, so no key can be a merge key)
    skips looking for merge keys in each mapping.
    """
    import yaml

    mapping_node, sequence_node, scalar_node = yaml.MappingNode, yaml.SequenceNode, yaml.ScalarNode
    keys, values = positions.keys, positions.values
    check_depth = budget.check_depth
    str_tag = _TAG + "str"

    def plain(node: Any, loc: Loc) -> Any:
        budget.nodes += 1
        if budget.nodes > MAX_NODES:
            budget.nodes -= 1
            budget.spend(loc, positions)
        kind = type(node)
        if kind is scalar_node:
            return node.value if node.tag == str_tag else _scalar(node)
        if check_depth and len(loc) >= MAX_DEPTH and kind in (mapping_node, sequence_node):
            raise UserError(budget.name, f"nesting is deeper than {MAX_DEPTH} levels", *_pos(node))
        if kind is mapping_node:
            out: dict[str, Any] = {}
            pairs = _merged_pairs(node, loc, positions, budget) if merges else node.value
            for key_node, value_node in pairs:
                if type(key_node) is not scalar_node:
                    raise UserError(positions.path, "a key must be a plain name", *_pos(key_node))
                key = key_node.value
                if key in out:
                    raise UserError(
                        positions.path,
                        f'duplicate key "{key}": each key may appear once in a mapping',
                        *_pos(key_node),
                    )
                here = (*loc, key)
                mark = key_node.start_mark
                keys[here] = (mark.line + 1, mark.column + 1)
                mark = value_node.start_mark
                values[here] = (mark.line + 1, mark.column + 1)
                if type(value_node) is scalar_node and budget.nodes < MAX_NODES:
                    # A scalar, the common case, typed here rather than by a call (as ``plain``
                    # would, counting it in the same order).
                    budget.nodes += 1
                    tag = value_node.tag
                    out[key] = value_node.value if tag == str_tag else _scalar(value_node)
                else:
                    out[key] = plain(value_node, here)
            return out
        if kind is sequence_node:
            items = []
            for i, item in enumerate(node.value):
                here = (*loc, i)
                mark = item.start_mark
                values[here] = (mark.line + 1, mark.column + 1)
                if type(item) is scalar_node and budget.nodes < MAX_NODES:
                    budget.nodes += 1
                    items.append(item.value if item.tag == str_tag else _scalar(item))
                else:
                    items.append(plain(item, here))
            return items
        return _scalar(node)

    try:
        return plain(node, loc)
    finally:
        # ``plain`` refers to itself through its closure: break that cycle, or the positions
        # and nodes it reaches stay alive until the (rarely run) cycle collector frees them.
        plain = None  # type: ignore[assignment]


def _merged_pairs(
    node: Any, loc: Loc, positions: Positions, budget: _Budget
) -> list[tuple[Any, Any]]:
    """A mapping's pairs with YAML merge keys (``<<: *defaults``) expanded; own keys win.

    Every merged pair is charged to the budget: merges of merges double at each level, so a
    few dozen aliases would otherwise expand into billions of pairs before any value is built.
    """
    import yaml

    pairs: list[tuple[Any, Any]] = node.value
    if not any(k.tag == _MERGE or k.value == "<<" for k, _ in pairs):
        return pairs  # no merge key: the common case, left as libyaml built it
    own = [(k, v) for k, v in pairs if k.tag != _MERGE and k.value != "<<"]
    merged: list[tuple[Any, Any]] = []
    for k, v in node.value:
        if k.tag == _MERGE or (isinstance(k, yaml.ScalarNode) and k.value == "<<"):
            sources = v.value if isinstance(v, yaml.SequenceNode) else [v]
            for source in sources:
                if not isinstance(source, yaml.MappingNode):
                    raise UserError(
                        positions.path, "a merge key (<<) takes a mapping", *_pos(source)
                    )
                for _ in source.value:
                    budget.spend(loc, positions)
                merged.extend(_merged_pairs(source, loc, positions, budget))
    names = {k.value for k, _ in own if isinstance(k, yaml.ScalarNode)}
    kept: list[tuple[Any, Any]] = []
    for k, v in merged:
        if k.value not in names:
            names.add(k.value)
            kept.append((k, v))
    return own + kept


def _scalar(node: Any) -> Any:
    """A scalar node's value typed by its (implicit or explicit) tag; text otherwise."""
    import datetime as dt

    value: str = node.value
    tag: str = node.tag
    if tag == _TAG + "null":
        return None
    if tag == _TAG + "bool":
        return value.lower() == "true"
    if tag == _TAG + "int":
        text = value.replace("_", "")
        try:
            if text.startswith(("0o", "0x")):
                return int(text[2:], 8 if text[1] == "o" else 16)
            return int(text)
        except ValueError:
            return value
    if tag == _TAG + "float":
        low = value.lower()
        if low.endswith(".inf"):
            return float("-inf") if low.startswith("-") else float("inf")
        if low == ".nan":
            return float("nan")
        try:
            return float(value.replace("_", ""))
        except ValueError:
            return value
    if tag == _TAG + "timestamp" and _DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


# --- text that Word can hold -----------------------------------------------------------------


_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot hold: controls other than tab, newline and carriage return, lone
surrogates, U+FFFE and U+FFFF. One search per string, not a Python loop over its characters."""


def _forbidden_char(text: str) -> tuple[int, str] | None:
    """The first character XML 1.0 cannot hold (a DOCX would be corrupt), with its index."""
    found = _FORBIDDEN.search(text)
    return None if found is None else (found.start(), f"U+{ord(found[0]):04X}")


def _may_hold_forbidden(text: str) -> bool:
    """Whether any value parsed from ``text`` can hold a character XML cannot.

    A value's characters are the file's own, except where a backslash escape in a double-quoted
    (or JSON) string writes one; a text with neither a backslash nor such a character cannot
    yield one, so the walk over every value is skipped (5% of loading a spec).
    """
    return "\\" in text or _FORBIDDEN.search(text) is not None


def check_characters(data: Any, positions: Positions) -> list[Diagnostic]:
    """Refuse control characters and lone surrogates at load time, with their position."""
    found: list[Diagnostic] = []

    def walk(node: Any, loc: Loc) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, (*loc, k))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, (*loc, i))
        elif isinstance(node, str):
            bad = _forbidden_char(node)
            if bad:
                found.append(
                    Diagnostic(
                        positions.location(loc),
                        f"{_dotted(loc)}: character {bad[1]} at position {bad[0] + 1} cannot be "
                        "stored in a Word document; remove it",
                    )
                )

    walk(data, ())
    return found


# --- validation ------------------------------------------------------------------------------


def load_spec(path: str | os.PathLike[str], *, display: str | None = None) -> LoadedSpec:
    """Read, parse and validate one spec file; raise UserError with every problem found."""
    p = Path(path)
    name = display or str(path)
    text = read_text(p, display=name)
    return load_spec_text(text, name)


def load_spec_text(text: str, name: str) -> LoadedSpec:
    """Parse and validate spec text; ``name`` is what error messages call the file."""
    data, positions = parse_yaml(text, name)
    problems = check_characters(data, positions) if _may_hold_forbidden(text) else []
    if problems:
        raise UserError.many(problems)
    spec = validate(data, positions)
    return LoadedSpec(spec, positions, text)


def validate(data: dict[str, Any], positions: Positions) -> DealSpec:
    """Validate parsed data against the model; every error carries its position."""
    from pydantic import ValidationError

    from contractgen.spec.compiled import ensure_validator
    from contractgen.spec.models import DealSpec, cross_field_errors

    ensure_validator(DealSpec)
    try:
        spec = DealSpec.model_validate(data)
    except ValidationError as exc:
        raise UserError.many(_diagnostics(exc, data, positions)) from None
    cross = cross_field_errors(spec)
    if cross:
        raise UserError.many(
            Diagnostic(positions.location(loc), f"{_dotted(loc)}: {msg}") for loc, msg in cross
        )
    return spec


def _diagnostics(exc: Any, data: Any, positions: Positions) -> Iterator[Diagnostic]:
    from contractgen.spec.models import DealSpec

    seen: set[tuple[Location, str]] = set()
    errors = exc.errors(include_url=False)
    # A misspelt key shows up twice: as unknown, and its intended key as missing. Say it once.
    suggested: set[Loc] = set()
    for err in errors:
        if err["type"] == "extra_forbidden":
            parent = tuple(err["loc"][:-1])
            close = difflib.get_close_matches(
                str(err["loc"][-1]), _allowed_keys(DealSpec, parent), n=1, cutoff=0.6
            )
            if close:
                suggested.add((*parent, close[0]))
    for err in errors:
        if err["type"] == "missing" and tuple(err["loc"]) in suggested:
            continue
        loc = tuple(x for x in err["loc"] if not (isinstance(x, str) and x.startswith("function-")))
        kind = err["type"]
        if kind == "extra_forbidden":
            key = str(loc[-1])
            where = positions.location(loc, prefer_key=True)
            allowed = _allowed_keys(DealSpec, loc[:-1])
            msg = f'unknown key "{key}"' + (f" in {_dotted(loc[:-1])}" if loc[:-1] else "")
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            if close:
                msg += f'; did you mean "{close[0]}"?'
            elif allowed:
                msg += f"; expected one of: {', '.join(allowed)}"
        elif kind == "missing":
            parent = loc[:-1]
            where = positions.location(parent, prefer_key=True)
            msg = f'missing required key "{loc[-1]}"' + (
                f" in {_dotted(parent)}" if parent else " at the top level"
            )
        else:
            where = positions.location(loc)
            msg = f"{_dotted(loc)}: {_friendly(err)}"
        if (where, msg) not in seen:
            seen.add((where, msg))
            yield Diagnostic(where, msg)


def _friendly(err: dict[str, Any]) -> str:
    """Pydantic's messages, reworded where they would puzzle a non-programmer."""
    kind = err["type"]
    value = err.get("input")
    shown = _show(value)
    ctx = err.get("ctx") or {}
    if kind in ("string_type",):
        return f"expected text, got {shown}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, got {shown}"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, got {shown}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a mapping of keys, got {shown}"
    if kind == "list_type":
        return f"expected a list, got {shown}"
    if kind == "enum":
        return f"expected one of {ctx.get('expected', '')}; got {shown}"
    if kind == "literal_error":
        return f"expected {ctx.get('expected', '')}; got {shown}"
    if kind == "string_pattern_mismatch":
        from contractgen.spec.types import expected_form

        return f"{shown} is not in the expected form; expected {expected_form(ctx.get('pattern'))}"
    if kind == "string_too_long":
        return f"text is longer than {ctx.get('max_length')} characters"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "too_long":
        return f"at most {ctx.get('max_length')} items are allowed"
    if kind == "too_short":
        return f"at least {ctx.get('min_length')} item(s) required"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return f"{err['msg'].lower()}; got {shown}"
    if kind in (
        "date_type",
        "date_parsing",
        "date_from_datetime_parsing",
        "date_from_datetime_inexact",
    ):
        return f"expected a date written YYYY-MM-DD, got {shown}"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    return str(err["msg"])


def _show(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f'"{text}"' if isinstance(value, str) else text


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "spec"


def _allowed_keys(model: Any, loc: Loc) -> list[str]:
    """Field names of the model reached by ``loc`` (for "did you mean")."""
    import typing

    from pydantic import BaseModel

    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        info = current.model_fields.get(str(part))
        if info is None:
            return []
        current = _model_in(info.annotation, typing)
        if current is None:
            return []
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _model_in(annotation: Any, typing: Any) -> Any:
    """Find the pydantic model inside list[...] / X | None / Annotated[...]."""
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg, typing)
        if found is not None:
            return found
    return None
