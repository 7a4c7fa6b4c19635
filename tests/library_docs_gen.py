"""The generated tables of the criteria-library pages in ``docs/library/``.

The pages are hand-written Markdown with generated tables between marker comments::

    <!-- generated:criteria -->
    | id | kind | ... |
    <!-- /generated -->

Only the text between the markers is generated; everything around it is prose and is kept as it is. Run::

    PYTHONPATH=. /tmp/dev/bin/python tests/library_docs_gen.py

to rewrite the tables from the bundled library after it has changed. A set that has no page yet gets a skeleton
page with ``TODO`` placeholders, which the tests reject until the prose is written. ``tests/test_library_docs.py``
fails when a table is out of date.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from circular_ict import catalogue
from circular_ict.model import AMBITION_LEVELS, CriteriaSet, Criterion, ParameterRef
from circular_ict.model.criterion import KINDS, Provenance

ROOT = Path(__file__).resolve().parent.parent
LIBRARY_DOCS = ROOT / "docs" / "library"
INDEX = LIBRARY_DOCS / "index.md"
STARTER = "circular-ict-starter"

BLOCK = re.compile(r"(<!-- generated:(?P<name>[a-z0-9-]+) -->\n)(?P<body>.*?)(<!-- /generated -->)", re.S)

KIND_LABELS = {
    "selection_criterion": "selection criterion",
    "technical_specification": "technical specification",
    "award_criterion": "award criterion",
    "contract_performance_clause": "contract performance clause",
}


# ---------------------------------------------------------------- Markdown helpers


def cell(value: object) -> str:
    """A table cell: one line, with pipes escaped."""
    return " ".join(str(value).split()).replace("|", "\\|")


def code(value: str) -> str:
    return f"`{value}`"


def table(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    head = list(header)
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def number(value: float) -> str:
    return f"{value:g}"


def page_name(set_id: str) -> str:
    return f"{set_id}.md"


def set_link(set_id: str) -> str:
    return f"[{set_id}]({page_name(set_id)})"


KIND_PLURALS = {
    "selection_criterion": "selection criteria",
    "technical_specification": "technical specifications",
    "award_criterion": "award criteria",
    "contract_performance_clause": "contract performance clauses",
}


def kind_count(n: int, kind: str) -> str:
    return f"{n} {KIND_LABELS[kind] if n == 1 else KIND_PLURALS[kind]}"


# ---------------------------------------------------------------- rendering criteria


def render_requirement(crit: Criterion) -> str:
    req = getattr(crit, "requirement", None)
    if req is None:
        return "—" if crit.kind == "award_criterion" else "text only"
    metric = code(req.metric)

    def bound(value: object) -> str:
        return f"*{value.parameter}*" if isinstance(value, ParameterRef) else str(value)

    parts = []
    if req.min is not None:
        parts.append(f"{metric} ≥ {bound(req.min)}")
    if req.max is not None:
        parts.append(f"{metric} ≤ {bound(req.max)}")
    if req.equals is not None:
        value = ("yes" if req.equals else "no") if isinstance(req.equals, bool) else str(req.equals)
        parts.append(f"{metric} = {value}")
    if req.min_level is not None:
        parts.append(f"{metric} ≥ {req.min_level}")
    if req.one_of is not None:
        parts.append(f"{metric} one of {', '.join(req.one_of)}")
    return " and ".join(parts)


def render_parameters(crit: Criterion) -> str:
    if not crit.parameters:
        return "—"
    parts = []
    for name, param in crit.parameters.items():
        if param.suggested:
            values = ", ".join(
                f"{sv.level} {sv.value} ({sv.source.status if sv.source else 'no source'})" for sv in param.suggested
            )
        else:
            values = "set by the tender, no suggested value"
        parts.append(f"*{name}*: {values}")
    return "; ".join(parts)


def render_scoring(crit: Criterion) -> str:
    rule = getattr(crit, "scoring", None)
    if rule is None:
        return "no rule (the tender sets the scale)" if crit.kind == "award_criterion" else "—"
    metric = code(rule.metric) if getattr(rule, "metric", None) else "the evidence"
    if rule.type == "steps":
        steps = "; ".join(
            f"{'≥' if s.min is not None else '≤'} {s.min if s.min is not None else s.max} → {number(s.points)}"
            for s in rule.steps
        )
        return f"steps on {metric}: {steps}"
    if rule.type == "label_scale":
        return f"per level of {metric}: " + ", ".join(f"{k} {number(v)}" for k, v in rule.points.items())
    if rule.type == "yes_no":
        return f"yes/no on {metric}: {number(rule.points)} points"
    if rule.type == "ratio_to_best":
        return f"relative to the best offer on {metric}: up to {number(rule.points)} points"
    if rule.type == "linear":
        clamp = "clamped" if rule.clamp else "not clamped"
        return f"linear on {metric}: {rule.worst} → 0, {rule.best} → {number(rule.points)} points ({clamp})"
    if rule.type == "euro_value":
        return f"euro value on {metric}: {rule.value_per_unit} per unit" + (
            f" beyond {rule.baseline}" if rule.baseline is not None else ""
        )
    return rule.type


def criteria_rows(criteria: Iterable[Criterion]) -> list[list[str]]:
    return [
        [
            code(c.id),
            KIND_LABELS[c.kind],
            c.ambition,
            ", ".join(c.themes),
            ", ".join(c.product_groups),
            c.title["en"],
            c.source.status,
        ]
        for c in criteria
    ]


CRITERIA_HEADER = ["id", "kind", "level", "themes", "product groups", "title", "status"]


# ---------------------------------------------------------------- set pages


def source_block(cset: CriteriaSet) -> str:
    src: Provenance = cset.source
    file = f"criteria/sets/{cset.id}.yaml"
    rows: list[list[str]] = [
        ["Set id", f"{code(cset.id)}, file [`{file}`](../../{file})"],
        ["Title", cset.title["en"]],
        ["Publisher", src.publisher],
        ["Document", src.document],
        ["Date of the document", str(src.date) if src.date else "not given"],
        ["URL", f"<{src.url}>" if src.url else "not given"],
        ["Status of the set's source", src.status],
        ["Version of the set", cset.version],
        ["Review date", str(cset.review_date) if cset.review_date else "not given"],
        ["Level scheme", code(cset.level_scheme) if cset.level_scheme else "none"],
        ["GPP origin (eForms BT-805)", cset.gpp_origin],
        ["Languages", ", ".join(cset.languages)],
    ]
    if cset.criteria:
        kinds = Counter(c.kind for c in cset.criteria)
        statuses = Counter(c.source.status for c in cset.criteria)
        kind_text = ", ".join(kind_count(kinds[k], k) for k in KINDS if kinds[k])
        status_text = ", ".join(f"{statuses[s]} {s}" for s in ("verified", "secondary", "derived") if statuses[s])
        rows.append(["Criteria", f"{len(cset.criteria)}: {kind_text}"])
        rows.append(["Status of the criteria", status_text])
    if cset.references:
        rows.append(["References to library criteria", str(len(cset.references))])
    if cset.metrics:
        rows.append(["Metrics added by the set", ", ".join(code(m.id) for m in cset.metrics)])
    return table(["item", "value"], rows)


def levels_block(cset: CriteriaSet) -> str:
    if cset.references:
        resolved = catalogue.resolve(cset).criteria
        moved = {r.ref for r in cset.references if r.ambition is not None}
        counts = Counter(c.ambition for c in resolved)
        moved_counts = Counter(c.ambition for c in resolved if c.id in moved)
        rows = [[lv, counts[lv], moved_counts[lv]] for lv in AMBITION_LEVELS]
        return table(["circular_ict level", "referenced criteria", "of which placed at another level"], rows)
    counts = Counter((c.source_level, c.ambition) for c in cset.criteria)
    if cset.level_scheme:
        scheme = catalogue.level_schemes()[cset.level_scheme]
        rows = [[lv.label, lv.ambition, counts[(lv.label, lv.ambition)]] for lv in scheme.levels]
        return table(["source label", "circular_ict level", "criteria in this set"], rows)
    order = {lv: i for i, lv in enumerate(AMBITION_LEVELS)}
    keys = sorted(counts, key=lambda k: (order[k[1]], k[0] or ""))
    rows = [
        [label if label else "none (circular_ict's judgement)", ambition, counts[(label, ambition)]]
        for label, ambition in keys
    ]
    return table(["source label", "circular_ict level", "criteria in this set"], rows)


def encoding_block(cset: CriteriaSet) -> str:
    rows = [[code(c.id), render_requirement(c), render_parameters(c), render_scoring(c)] for c in cset.criteria]
    legend = (
        "\n*text only*: the criterion has no machine-checkable requirement; its text is the requirement. A name in "
        "*italics* is a parameter that the tender sets; the status after a suggested value is the status of the "
        "source that suggests it.\n"
    )
    return table(["id", "requirement", "parameters: suggested values (status)", "scoring rule"], rows) + legend


def references_block(cset: CriteriaSet) -> str:
    resolved = {c.id: c for c in catalogue.resolve(cset).criteria}
    origin = {c.id: s for s, c in catalogue.bundled_criteria()}
    rows = []
    for ref in cset.references:
        c = resolved[ref.ref]
        level = (
            c.ambition if ref.ambition is None else f"{c.ambition} (placed here; {origin_level(ref.ref)} in its set)"
        )
        rows.append(
            [
                code(c.id),
                set_link(origin[c.id]),
                KIND_LABELS[c.kind],
                level,
                ", ".join(c.themes),
                ", ".join(c.product_groups),
                c.title["en"],
                c.source.status,
            ]
        )
    return table(["id", "set", "kind", "level", "themes", "product groups", "title", "status"], rows)


def reference_parameters_block(cset: CriteriaSet) -> str:
    resolved = {c.id: c for c in catalogue.resolve(cset).criteria}
    rows = []
    for ref in cset.references:
        c = resolved[ref.ref]
        if not ref.parameters and not c.parameters:
            continue
        fixed = ", ".join(f"*{k}* = {v}" for k, v in ref.parameters.items()) or "—"
        rows.append([code(c.id), render_requirement(c), fixed, render_parameters(c)])
    header = ["id", "requirement", "fixed by this set", "left to the tender: suggested values (status)"]
    return table(header, rows)


def origin_level(criterion_id: str) -> str:
    return catalogue.find_criterion(criterion_id)[1].ambition


def set_blocks(set_id: str) -> dict[str, str]:
    cset = catalogue.load_bundled_set(set_id)
    blocks = {"source": source_block(cset), "levels": levels_block(cset)}
    if cset.criteria:
        blocks["criteria"] = table(CRITERIA_HEADER, criteria_rows(cset.criteria))
        blocks["encoding"] = encoding_block(cset)
    if cset.references:
        blocks["references"] = references_block(cset)
        blocks["reference-parameters"] = reference_parameters_block(cset)
    return blocks


# ---------------------------------------------------------------- the index page


def summary_block() -> str:
    sets = catalogue.list_bundled_sets()
    criteria = catalogue.bundled_criteria()
    refs = sum(len(catalogue.load_bundled_set(s).references) for s in sets)
    defining = [s for s in sets if catalogue.load_bundled_set(s).criteria]
    statuses = Counter(c.source.status for _s, c in criteria)
    status_text = ", ".join(f"{statuses[s]} {s}" for s in ("verified", "secondary", "derived"))
    return (
        f"- **{len(sets)} criteria sets**: {len(defining)} sets that define criteria, and the starter set, which "
        f"uses {refs} criteria of the other sets by reference;\n"
        f"- **{len(criteria)} criteria** ({status_text});\n"
        f"- **{len(catalogue.product_groups())} product groups** with their CPV codes;\n"
        f"- **{len(catalogue.metrics())} metrics** in the shared vocabulary;\n"
        f"- **{len(catalogue.level_schemes())} level schemes** that map the sources' own levels onto "
        "`basic`, `significant` and `ambitious`.\n"
    )


def sets_block() -> str:
    rows = []
    for set_id in catalogue.list_bundled_sets():
        cset = catalogue.load_bundled_set(set_id)
        statuses = Counter(c.source.status for c in cset.criteria)
        size = str(len(cset.criteria)) if cset.criteria else f"{len(cset.references)} references"
        rows.append(
            [
                set_link(set_id),
                cset.title["en"],
                cset.source.publisher,
                size,
                *((statuses[s] for s in ("verified", "secondary", "derived")) if cset.criteria else ("—",) * 3),
            ]
        )
    return table(["set", "title", "publisher", "criteria", "verified", "secondary", "derived"], rows)


def product_groups_block() -> str:
    counts = Counter(g for _s, c in catalogue.bundled_criteria() for g in c.product_groups)
    rows = []
    for group in catalogue.product_catalogue().product_groups:
        notes = []
        if group.route:
            notes.append("procurement route across groups")
        if group.includes:
            notes.append("includes " + ", ".join(group.includes))
        if group.id in catalogue.MAIN_PRODUCT_GROUPS:
            notes.append("main product group")
        rows.append(
            [
                code(group.id),
                group.name["en"],
                ", ".join(group.cpv),
                counts[group.id],
                "; ".join(notes) or "—",
            ]
        )
    return table(["id", "name", "CPV codes", "criteria", "notes"], rows)


def metric_rows(metrics: Iterable[object]) -> list[list[str]]:
    rows = []
    for m in metrics:
        kind = m.type  # type: ignore[attr-defined]
        if kind == "ordinal":
            kind = "ordinal: " + " < ".join(m.levels)  # type: ignore[attr-defined]
        unit = getattr(m, "unit", None) or "—"
        better = getattr(m, "better", None) or "—"
        rows.append([code(m.id), kind, unit, better, m.name["en"]])  # type: ignore[attr-defined]
    return rows


METRIC_HEADER = ["id", "type", "unit", "better", "name"]


def metrics_block() -> str:
    return table(METRIC_HEADER, metric_rows(catalogue.metric_vocabulary().metrics))


def set_metrics_block() -> str:
    rows = []
    for set_id in catalogue.list_bundled_sets():
        for row in metric_rows(catalogue.load_bundled_set(set_id).metrics):
            rows.append([*row, set_link(set_id)])
    return table([*METRIC_HEADER, "defined in set"], rows)


def coverage_table(count: Callable[[str, str, str], int]) -> str:
    rows = [
        [code(g), code(t), *(count(g, t, lv) for lv in AMBITION_LEVELS)]
        for g in catalogue.MAIN_PRODUCT_GROUPS
        for t in catalogue.MISSION_THEMES
    ]
    return table(["product group", "theme", *AMBITION_LEVELS], rows)


def coverage_block() -> str:
    cells = catalogue.coverage()
    return coverage_table(lambda g, t, lv: len(cells[(g, t, lv)]))


def starter_coverage_block() -> str:
    starter = catalogue.resolve(catalogue.load_bundled_set(STARTER)).criteria
    return coverage_table(
        lambda g, t, lv: sum(1 for c in starter if g in c.product_groups and t in c.themes and c.ambition == lv)
    )


def index_blocks() -> dict[str, str]:
    return {
        "summary": summary_block(),
        "sets": sets_block(),
        "product-groups": product_groups_block(),
        "metrics": metrics_block(),
        "set-metrics": set_metrics_block(),
        "coverage": coverage_block(),
        "coverage-starter": starter_coverage_block(),
    }


# ---------------------------------------------------------------- pages


def expected_pages() -> dict[Path, Callable[[], dict[str, str]]]:
    """Every page of docs/library/ and the function that makes its generated blocks."""
    pages: dict[Path, Callable[[], dict[str, str]]] = {INDEX: index_blocks}
    for set_id in catalogue.list_bundled_sets():
        pages[LIBRARY_DOCS / page_name(set_id)] = lambda set_id=set_id: set_blocks(set_id)
    return pages


def block_names(text: str) -> list[str]:
    return [m.group("name") for m in BLOCK.finditer(text)]


def regenerate(text: str, blocks: dict[str, str], where: str = "page") -> str:
    """The page with each generated block replaced; every block must appear exactly once."""
    names = block_names(text)
    dupes = sorted(n for n, k in Counter(names).items() if k > 1)
    unknown = sorted(set(names) - set(blocks))
    missing = sorted(set(blocks) - set(names))
    if dupes or unknown or missing:
        raise ValueError(f"{where}: generated blocks duplicated {dupes}, unknown {unknown}, missing {missing}")
    return BLOCK.sub(lambda m: m.group(1) + blocks[m.group("name")] + m.group(4), text)


def skeleton(set_id: str, blocks: dict[str, str]) -> str:
    cset = catalogue.load_bundled_set(set_id)

    def gen(name: str) -> str:
        return f"<!-- generated:{name} -->\n<!-- /generated -->\n" if name in blocks else ""

    text = (
        f"# {cset.title['en']}\n\nTODO: what the set is for.\n\n## Source\n\nTODO: the source in words.\n\n"
        f"{gen('source')}\n## Levels\n\nTODO: the level scheme.\n\n{gen('levels')}\n"
        f"## How it was encoded\n\nTODO: requirements, parameters, scoring rules.\n\n{gen('encoding')}\n"
        f"## Criteria\n\n{gen('criteria')}{gen('references')}{gen('reference-parameters')}\n"
        "## What is still unverified\n\nTODO: every criterion with status secondary or derived, and why.\n\n"
        "[Back to the library](index.md)\n"
    )
    return regenerate(text, blocks, set_id)


def main() -> int:
    LIBRARY_DOCS.mkdir(parents=True, exist_ok=True)
    for path, make in expected_pages().items():
        blocks = make()
        if path.exists():
            old = path.read_text(encoding="utf-8")
            new = regenerate(old, blocks, path.name)
        elif path == INDEX:
            print(f"{path.relative_to(ROOT)} is missing; write it first", file=sys.stderr)
            return 1
        else:
            old, new = "", skeleton(path.stem, blocks)
        if new != old:
            path.write_text(new, encoding="utf-8")
            print(f"rewrote {path.relative_to(ROOT)}")
    known = set(expected_pages())
    for stray in sorted(set(LIBRARY_DOCS.glob("*.md")) - known):
        print(f"{stray.relative_to(ROOT)} belongs to no bundled set", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
