"""Lint policy: which rules run, at which level, with which thresholds.

What is "realistic" differs between companies, so thresholds are policy, kept in the
repository next to the deal specs. The policy is read from, in order of precedence:

1. ``--config FILE`` on the command line (a ``pyproject.toml`` is read at
   ``[tool.contractgen.lint]``, any other TOML file at ``[lint]``; the same file, and the same
   reader, as the rest of the project settings);
2. the project configuration file (the nearest ``contractgen.toml``, or ``pyproject.toml``
   with a ``[tool.contractgen]`` table, walking up from the current directory), at
   ``[lint]`` / ``[tool.contractgen.lint]``;
3. the built-in defaults (every rule, at its default level and thresholds).

Example::

    [tool.contractgen.lint]
    ignore = ["GOV004", "document"]          # codes, dotted names, groups or code prefixes
    extend-select = []

    [tool.contractgen.lint.rules.PEN004]     # or rules."penalties.amount-above-policy"
    max = "8%"
    level = "error"

Anything unknown (a key, a code, an option, a value of the wrong form) is a usage error naming
the file, so a typo never silently keeps a default.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from contractgen.errors import UserError
from contractgen.lint.options import OptionError
from contractgen.lint.problem import Level
from contractgen.lint.registry import all_rules, find_rule, select
from contractgen.lint.rule import Rule

if TYPE_CHECKING:
    from contractgen.config import ProjectConfig

_TOP_KEYS = ("select", "extend-select", "ignore", "rules")


@dataclass(frozen=True)
class LintConfig:
    """Resolved policy: rule selection, per-rule levels and per-rule option values."""

    select: tuple[str, ...] = ("ALL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    levels: Mapping[str, Level] = field(default_factory=dict)
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """Code → option name → parsed value (only the values the policy sets)."""
    source: str | None = None
    """The file the policy came from, for messages; None for the defaults."""

    def enabled(self) -> tuple[Rule, ...]:
        """The rules this policy runs, in catalogue order."""
        chosen = self._codes(self.select + self.extend_select, "select")
        dropped = self._codes(self.ignore, "ignore")
        return tuple(r for r in all_rules() if r.code in chosen and r.code not in dropped)

    def level(self, rule: Rule) -> Level:
        return self.levels.get(rule.code, rule.level)

    def options_for(self, rule: Rule) -> dict[str, Any]:
        values = {o.name: o.default for o in rule.options}
        values.update(self.options.get(rule.code, {}))
        return values

    def with_overrides(
        self,
        *,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        extend_select: Iterable[str] = (),
    ) -> LintConfig:
        """Command-line selection: ``--select`` replaces the policy's, ``--ignore`` adds to it."""
        sel, ign, ext = tuple(select), tuple(ignore), tuple(extend_select)
        cfg = replace(self, ignore=self.ignore + ign, extend_select=self.extend_select + ext)
        if sel:
            cfg = replace(cfg, select=sel, extend_select=ext)
        cfg._codes(cfg.select + cfg.extend_select + cfg.ignore, "command line")
        return cfg

    def _codes(self, selectors: Iterable[str], what: str) -> set[str]:
        codes: set[str] = set()
        for s in selectors:
            try:
                codes.update(select(s))
            except KeyError:
                raise UserError(
                    self.source or "command line",
                    f'{what}: "{s}" is not a rule code, rule name, group or code prefix; '
                    "run `contractgen rules` for the catalogue",
                ) from None
        return codes


def load_config(explicit: str | Path | None = None) -> LintConfig:
    """The policy in the project settings: of ``explicit``, else of the nearest configuration
    file (see :mod:`contractgen.config`), else the defaults. Commands already hold the settings
    and call :func:`project_policy` instead, so the file is read once."""
    from contractgen.config import load_project_config

    return project_policy(load_project_config(None if explicit is None else Path(explicit)))


def project_policy(project: ProjectConfig) -> LintConfig:
    """The lint policy inside the project settings (defaults when they have none)."""
    if project.source is None:
        return LintConfig()
    lint = _settings_lint(project.raw, project.source)
    return LintConfig() if lint is None else parse_config(lint, str(project.source))


def _settings_lint(table: Mapping[str, Any], path: Path) -> dict[str, Any] | None:
    """The ``lint`` table of contractgen's settings, refusing a ``lint`` that is not a table."""
    lint = table.get("lint")
    if lint is not None and not isinstance(lint, dict):
        raise UserError(str(path), "the lint settings must be a table")
    return lint


def parse_config(table: Mapping[str, Any], source: str) -> LintConfig:
    """Validate a lint table; every mistake is a UserError naming ``source``."""
    for key in table:
        if key not in _TOP_KEYS:
            raise UserError(
                source, f'unknown lint setting "{key}"; expected one of: {", ".join(_TOP_KEYS)}'
            )
    sel = _strings(table, "select", source, ("ALL",))
    ext = _strings(table, "extend-select", source, ())
    ign = _strings(table, "ignore", source, ())
    levels: dict[str, Level] = {}
    options: dict[str, dict[str, Any]] = {}
    rules_table = table.get("rules", {})
    if not isinstance(rules_table, dict):
        raise UserError(source, '"rules" must be a table of per-rule settings')
    for key, settings in rules_table.items():
        rule = find_rule(key)
        if rule is None:
            raise UserError(source, f"rules.{key}: no rule has this code or name")
        if not isinstance(settings, dict):
            raise UserError(source, f"rules.{key}: expected a table of option values")
        for name, value in settings.items():
            if name == "level":
                try:
                    levels[rule.code] = Level(value)
                except ValueError:
                    raise UserError(
                        source, f"rules.{key}.level: expected error, warning or info; got {value!r}"
                    ) from None
                continue
            opt = rule.option(name)
            if opt is None:
                known = ", ".join(["level", *(o.name for o in rule.options)])
                raise UserError(
                    source, f'rules.{key}: unknown option "{name}" for {rule.code}; known: {known}'
                )
            try:
                options.setdefault(rule.code, {})[name] = opt.parse(value)
            except OptionError as exc:
                raise UserError(source, f"rules.{key}.{name}: {exc}") from None
    cfg = LintConfig(sel, ext, ign, levels, options, source)
    cfg._codes(sel + ext + ign, "select/ignore")
    return cfg


def _strings(
    table: Mapping[str, Any], key: str, source: str, default: tuple[str, ...]
) -> tuple[str, ...]:
    value = table.get(key)
    if value is None:
        return default
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise UserError(source, f'"{key}" must be a list of codes, names or groups')
