"""Write the lint rule reference (``docs/rules.md``) from the catalogue.

Run ``python -m contractgen.lint.reference > docs/rules.md``; a test keeps the committed file
equal to this output, so the reference can never drift from the rules' own docstrings.
"""

from __future__ import annotations

from contractgen.lint.options import describe
from contractgen.lint.registry import all_rules

FAMILY_TITLES = {
    "ordering": "Ordering and consistency",
    "calendar": "Calendar",
    "metrics": "Metrics",
    "escalation": "Escalation",
    "penalties": "Penalties",
    "rewards": "Rewards",
    "delivery": "Delivery",
    "availability": "Availability",
    "realism": "Realism against the partner",
    "governance": "Governance",
    "deadlines": "Deadlines on the deal's calendar",
    "references": "References between parts of the spec",
    "acceptance": "Acceptance",
    "money": "Money",
    "incentives": "Incentives",
    "measurability": "Measurability",
    "consequences": "Consequences",
    "units": "Units",
    "document": "Document checks (assembled exhibit)",
}
"""Section titles of the reference, in its order; a family missing here comes last under its
own name, so no rule is ever left out of the reference."""


def render() -> str:
    rules = all_rules()
    out = [
        "# Lint rule reference",
        "",
        "Generated from the rules' docstrings (`python -m contractgen.lint.reference`); do not "
        "edit by hand.",
        "Levels: **error**, the spec contradicts itself; **warning**, it holds together but will "
        "fail in practice; **info**, worth a second look (never fails a run). Thresholds are "
        "policy: set them per rule under `[lint.rules.CODE]` in `contractgen.toml` (or "
        "`[tool.contractgen.lint.rules.CODE]` in `pyproject.toml`), together with `select`, "
        "`extend-select`, `ignore` and a per-rule `level`. A spec waives a finding with a "
        "written reason under `lint: waive: {CODE: reason}`.",
        "",
        "| code | name | level | checks |",
        "|---|---|---|---|",
    ]
    out += [
        f"| [{r.code}](#{r.code.lower()}) | `{r.name}` | {r.level.value} | {r.summary} |"
        for r in rules
    ]
    titles = dict(FAMILY_TITLES)
    for r in rules:
        titles.setdefault(r.family, r.family.capitalize())
    for family, title in titles.items():
        members = [r for r in rules if r.family == family]
        if not members:
            continue
        out += ["", f"## {title}"]
        for r in members:
            out += [
                "",
                f"### {r.code}",
                "",
                f"`{r.name}` · {r.level.value} · groups: {', '.join(r.groups)}",
                "",
                r.summary,
            ]
            for section in ("Why is this bad?", "Example", "Use instead"):
                out += ["", f"**{section}**", "", r.sections[section].strip()]
            if r.options:
                out += ["", "**Options**", ""]
                out += [
                    f"- `{o.name}` (default {describe(o.default, o.kind)}): {o.help}"
                    for o in r.options
                ]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(render(), end="")
