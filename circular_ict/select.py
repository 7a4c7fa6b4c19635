"""Choosing criteria: filters over criteria by product group, CPV code, level, theme, kind and source.

:func:`filter_criteria` is a pure function over ``(set id, criterion)`` pairs;
:func:`bundled` applies it to the bundled library. :func:`select` makes a new,
validated criteria set from one or more sets, with cumulative ambition levels,
and says what it kept, replaced or narrowed and why (a :class:`Selection`).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .model import CriteriaSet, Criterion, CriterionRef, ParameterRef
from .model.tender import CriteriaSelection, Tender
from .units import Quantity

if TYPE_CHECKING:
    from .combine import Contradiction, Decision
    from .model.metric import Metric

__all__ = [
    "CriteriaFilter",
    "Selection",
    "bind_parameters",
    "bundled",
    "filter_criteria",
    "open_parameters",
    "resolve_references",
    "select",
    "selection_criteria",
    "tender_criteria",
]


@dataclass(frozen=True)
class CriteriaFilter:
    """What to keep; an empty collection means "no restriction"."""

    product_groups: Collection[str] = ()
    cpv: str | None = None
    """A tender's CPV code; keeps criteria for the product groups it falls under (prefix rule)."""
    levels: Collection[str] = ()
    themes: Collection[str] = ()
    kinds: Collection[str] = ()
    sources: Collection[str] = ()
    """Criteria-set ids."""
    ids: Collection[str] = ()

    def groups(self) -> set[str]:
        """The product groups asked for, directly or through the CPV code."""
        groups = set(self.product_groups)
        if self.cpv:
            from .catalogue import groups_for_cpv

            cpv_groups = {g.id for g in groups_for_cpv(self.cpv)}
            groups = cpv_groups if not groups else groups & cpv_groups
            if not groups:
                groups = {"\0"}  # the CPV code matches no (remaining) group: nothing can match
        return groups

    def matches(self, set_id: str, criterion: Criterion, groups: set[str] | None = None) -> bool:
        groups = self.groups() if groups is None else groups
        return (
            (not groups or bool(groups.intersection(criterion.product_groups)))
            and (not self.levels or criterion.ambition in self.levels)
            and (not self.themes or bool(set(self.themes).intersection(criterion.themes)))
            and (not self.kinds or criterion.kind in self.kinds)
            and (not self.sources or set_id in self.sources)
            and (not self.ids or criterion.id in self.ids)
        )


def filter_criteria(items: Iterable[tuple[str, Criterion]], where: CriteriaFilter) -> list[tuple[str, Criterion]]:
    """The ``(set id, criterion)`` pairs that match ``where``, in their original order."""
    groups = where.groups()
    return [(set_id, crit) for set_id, crit in items if where.matches(set_id, crit, groups)]


def bundled(where: CriteriaFilter) -> list[tuple[str, Criterion]]:
    """The bundled criteria that match ``where``.

    Filtered by source, a set that uses criteria by reference (the starter set) lists them too, as it
    uses them (level and parameters applied).
    """
    from .catalogue import bundled_criteria, set_criteria

    if where.sources:
        items = [(set_id, c) for set_id in where.sources for c in set_criteria(set_id)]
        return filter_criteria(items, where)
    return filter_criteria(bundled_criteria(), where)


def bind_parameters(criterion: Criterion, values: dict[str, Quantity]) -> Criterion:
    """The criterion with the given parameters fixed: bounds ``{parameter: name}`` become the values.

    Bound parameters disappear from ``parameters``; the others stay open for the tender.
    """
    if not values:
        return criterion
    update: dict[str, object] = {"parameters": {k: v for k, v in criterion.parameters.items() if k not in values}}
    requirement = getattr(criterion, "requirement", None)
    if requirement is not None:
        bounds = {
            name: values[bound.parameter]
            for name in ("min", "max")
            if isinstance(bound := getattr(requirement, name), ParameterRef) and bound.parameter in values
        }
        update["requirement"] = requirement.model_copy(update=bounds)
    return criterion.model_copy(update=update)


def resolve_references(cset: CriteriaSet, lookup: dict[str, Criterion]) -> CriteriaSet:
    """The set with each reference replaced by the referenced criterion (ambition and parameters applied).

    ``lookup`` maps criterion ids to criteria (the bundled library's, see :func:`circular_ict.catalogue.resolve`).
    Raises :class:`KeyError` for a reference that is not in ``lookup``; validate the set first to get a located
    diagnostic instead.
    """
    resolved = list(cset.criteria)
    for ref in cset.references:
        criterion = bind_parameters(lookup[ref.ref], dict(ref.parameters))
        if ref.ambition is not None:
            criterion = criterion.model_copy(update={"ambition": ref.ambition})
        resolved.append(criterion)
    return cset.model_copy(update={"criteria": resolved, "references": []})


def open_parameters(criterion: Criterion) -> list[str]:
    """The parameters the criterion's requirement still needs a value for."""
    requirement = getattr(criterion, "requirement", None)
    if requirement is None:
        return []
    return [b.parameter for name in ("min", "max") if isinstance(b := getattr(requirement, name), ParameterRef)]


def _apply(ref: CriterionRef, criterion: Criterion) -> Criterion:
    bound = bind_parameters(criterion, dict(ref.parameters))
    return bound if ref.ambition is None else bound.model_copy(update={"ambition": ref.ambition})


def tender_criteria(tender: Tender, lookup: dict[str, Criterion]) -> list[Criterion]:
    """The tender's criteria: the selected ones, the included ones (parameters set, ambition applied) and the
    buyer's own.

    A criterion chosen by a ``select`` entry and also named by an ``include`` reference appears once, where it was
    selected, with the reference's parameters and ambition applied (a local override). Raises :class:`KeyError` for
    an unknown reference or set; validate the tender first for located diagnostics.
    """
    refs = {ref.ref: ref for ref in tender.criteria.include}
    selected: dict[str, Criterion] = {}
    for entry in tender.criteria.select:
        for crit in selection_criteria(entry, tender):
            selected.setdefault(crit.id, crit)
    chosen = [_apply(refs[c.id], c) if c.id in refs else c for c in selected.values()]
    included = [_apply(ref, lookup[ref.ref]) for ref in tender.criteria.include if ref.ref not in selected]
    return [*chosen, *included, *tender.criteria.own]


def selection_criteria(entry: CriteriaSelection, tender: Tender | None = None) -> list[Criterion]:
    """The criteria one ``select`` entry of a tender chooses from its bundled set.

    Without ``product_groups`` and ``cpv``, the product groups of the tender's lots are used. Raises
    :class:`KeyError` for an unknown set.
    """
    from .catalogue import load_bundled_set

    groups = list(entry.product_groups)
    if not groups and entry.cpv is None and tender is not None:
        groups = list(dict.fromkeys(lot.product_group for lot in tender.lots))
    criteria, _decisions, _models, _metrics = _choose(
        [load_bundled_set(entry.set)],
        CriteriaFilter(product_groups=groups, cpv=entry.cpv, themes=entry.themes, kinds=entry.kinds),
        entry.level,
        entry.exclude,
    )
    return criteria


# --------------------------------------------------------------------------- select: a new set from sets


@dataclass(frozen=True)
class Selection:
    """The outcome of :func:`select`: the new set, and what happened to each criterion that matched.

    ``decisions`` are :class:`~circular_ict.combine.Decision` values: ``kept``, ``replaced`` (a stricter criterion
    of a higher level covers it) or ``narrowed`` (kept for the product groups no stricter criterion covers).
    """

    criteria_set: CriteriaSet
    sets: tuple[str, ...]
    filters: tuple[tuple[str, str], ...]
    """The filters as given, e.g. ``(("level", "significant (cumulative)"), ("product_groups", "notebooks"))``."""
    decisions: tuple[Decision, ...] = ()
    contradictions: tuple[Contradiction, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        from .combine import report_dict

        report = report_dict(self.decisions, (), self.contradictions)
        del report["conflicts"]
        return {
            "sets": list(self.sets),
            "filters": dict(self.filters),
            "result": {"id": self.criteria_set.id, "criteria": [c.id for c in self.criteria_set.criteria]},
            **report,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    def to_text(self) -> str:
        n = len(self.criteria_set.criteria)
        where = "; ".join(f"{k}: {v}" for k, v in self.filters) or "no filters"
        lines = [
            f"selected {n} criteri{'on' if n == 1 else 'a'} from {', '.join(self.sets)} into "
            f"{self.criteria_set.id!r} ({where})",
            *(d.text() for d in self.decisions),
            *(c.text() for c in self.contradictions),
        ]
        return "\n".join(lines) + "\n"


def _level_rank(level: str) -> int:
    from .model.criterion import AMBITION_LEVELS

    return AMBITION_LEVELS.index(level)


def _demand_covers(high: Criterion, low: Criterion, metrics: Mapping[str, Metric]) -> str | None:
    """Why ``high`` is at least as strict as ``low`` on the same metric, or None (see :mod:`.constraints`)."""
    from .constraints import at_least_as_strict, criterion_metric, full_points_value, requirement_bounds

    metric = criterion_metric(low)
    if high.kind != low.kind or metric is None or criterion_metric(high) != metric:
        return None
    bh, bl = requirement_bounds(high, metrics), requirement_bounds(low, metrics)
    if bh is not None and bl is not None:
        return f"{metric}: {bh.text} is at least as strict as {bl.text}" if at_least_as_strict(bh, bl) else None
    rule_h, rule_l = getattr(high, "scoring", None), getattr(low, "scoring", None)
    if rule_h is None or rule_l is None:
        return None
    fh, fl = full_points_value(rule_h, metrics.get(metric)), full_points_value(rule_l, metrics.get(metric))
    if fh is None or fl is None or fh < fl:
        return None
    return f"{metric}: its full points need at least as good a value"


def _choose(
    models: Sequence[CriteriaSet] | None,
    where: CriteriaFilter,
    level: str | None,
    exclude: Collection[str] = (),
) -> tuple[list[Criterion], list[Decision], list[CriteriaSet], dict[str, Metric]]:
    """The criteria of ``models`` (every bundled set when None) that ``where`` and ``level`` choose."""
    from .catalogue import bundled_criteria, list_bundled_sets, load_bundled_set
    from .combine import Decision, criteria_of, metric_lookup, origin_for, with_origin
    from .model.criterion import AMBITION_LEVELS

    if models is None:
        models = [load_bundled_set(s) for s in list_bundled_sets()]
        by_id = {m.id: m for m in models}
        items = [(sid, with_origin(c, origin_for(by_id[sid], None))) for sid, c in bundled_criteria()]
    else:
        items = [(m.id, c) for m in models for c in criteria_of(m)]
    if level is not None:
        where = CriteriaFilter(
            product_groups=where.product_groups,
            cpv=where.cpv,
            levels=AMBITION_LEVELS[: _level_rank(level) + 1],
            themes=where.themes,
            kinds=where.kinds,
            sources=where.sources,
            ids=where.ids,
        )
    found = [(sid, c) for sid, c in filter_criteria(items, where) if c.id not in exclude]
    metrics = metric_lookup(models)
    scope = where.groups()
    decisions: list[Decision] = []
    chosen: list[Criterion] = []
    for sid, low in found:
        groups = list(low.product_groups)
        replacers: list[tuple[str, str]] = []
        if level is not None:  # the highest levels first, so that a criterion is replaced by one that stays
            for _hid, high in sorted(found, key=lambda item: -_level_rank(item[1].ambition)):
                if _level_rank(high.ambition) <= _level_rank(low.ambition) or not set(groups) & set(
                    high.product_groups
                ):
                    continue
                why = _demand_covers(high, low, metrics)
                if why is not None:
                    groups = [g for g in groups if g not in high.product_groups]
                    replacers.append((high.id, f"{high.id} ({high.ambition}) on {why}"))
        relevant = [g for g in groups if not scope or g in scope]
        by = ", ".join(r for _i, r in replacers)
        if replacers and not relevant:
            decisions.append(Decision("replaced", low.id, sid, f"by {by}", replacers[0][0], None))
            continue
        if replacers:
            removed = tuple(g for g in low.product_groups if g not in groups)
            low = low.model_copy(update={"product_groups": groups})
            decisions.append(
                Decision(
                    "narrowed",
                    low.id,
                    sid,
                    f"no longer for {', '.join(removed)}, covered by {by}",
                    replacers[0][0],
                    None,
                    removed,
                )
            )
        else:
            at = f"{low.ambition}" + (f", included at {level} (cumulative)" if level and low.ambition != level else "")
            decisions.append(Decision("kept", low.id, sid, f"{low.kind}, {at}"))
        chosen.append(low)
    return chosen, decisions, list(models), metrics


def select(
    sets: CriteriaSet | str | Iterable[CriteriaSet | str] | None = None,
    *,
    product_groups: Collection[str] = (),
    cpv: str | None = None,
    level: str | None = None,
    themes: Collection[str] = (),
    kinds: Collection[str] = (),
    sources: Collection[str] = (),
    ids: Collection[str] = (),
    exclude: Collection[str] = (),
    set_id: str = "selection",
    title: Mapping[str, str] | None = None,
    version: str = "1",
) -> Selection:
    """A new, validated criteria set of the criteria of ``sets`` that match the filters.

    ``sets`` are criteria sets or ids of bundled sets (every bundled set when None; a set's references to the
    bundled library are resolved). Filters combine (AND); an empty filter does not restrict; ``cpv`` keeps the
    product groups the code falls under (prefix rule, :func:`circular_ict.catalogue.groups_for_cpv`); ``sources``
    are set ids, ``ids`` criterion ids to keep and ``exclude`` criterion ids to leave out.

    ``level`` is cumulative: ``significant`` keeps the ``basic`` and ``significant`` criteria, except that a
    criterion is **replaced** by a criterion of a higher level of the same kind on the same metric that is at
    least as strict (every value it accepts, the lower one accepts too; see :mod:`circular_ict.constraints`) and
    covers its product groups; when it covers only some of them, the lower criterion is **narrowed** to the others
    (product groups outside the selection do not count). Criteria without a metric are never replaced: nothing
    says which one is stricter.

    Every criterion of the new set has its ``origin`` (the set it was taken from). Raises :class:`ValueError` for
    an unknown filter value, :class:`KeyError` for an unknown bundled set, and
    :class:`~circular_ict.errors.CircularIctError` when nothing matches.

    Examples:
        >>> chosen = select("eu-gpp-computers-2021", product_groups=["notebooks"], level="significant")
        >>> [d.criterion for d in chosen.decisions if d.action == "replaced"]
        ['EU-GPP-2021.TS3.core']
    """
    from .catalogue import load_bundled_set
    from .combine import derived_set, find_contradictions

    _check_filters(product_groups, cpv, level, themes, kinds)
    if sets is None:
        models = None
    else:
        given = [sets] if isinstance(sets, (CriteriaSet, str)) else list(sets)
        models = [s if isinstance(s, CriteriaSet) else load_bundled_set(s) for s in given]
    where = CriteriaFilter(
        product_groups=list(product_groups),
        cpv=cpv,
        themes=list(themes),
        kinds=list(kinds),
        sources=list(sources),
        ids=list(ids),
    )
    criteria, decisions, used, metrics = _choose(models, where, level, set(exclude))
    filters = tuple(
        (name, value)
        for name, value in (
            ("product_groups", ", ".join(product_groups)),
            ("cpv", cpv or ""),
            ("level", f"{level} (cumulative)" if level else ""),
            ("themes", ", ".join(themes)),
            ("kinds", ", ".join(kinds)),
            ("sources", ", ".join(sources)),
            ("ids", ", ".join(ids)),
            ("exclude", ", ".join(exclude)),
        )
        if value
    )
    note = "; ".join(f"{k}: {v}" for k, v in filters)
    new = derived_set(criteria, used, made_by="select", set_id=set_id, title=title, version=version, note=note)
    if models is None:  # every bundled set: name the ones that contribute
        names = tuple(dict.fromkeys(c.origin.set for c in new.criteria if c.origin is not None))
    else:
        names = tuple(dict.fromkeys(m.id for m in models))
    return Selection(new, names, filters, tuple(decisions), tuple(find_contradictions(new.criteria, metrics)))


def _check_filters(
    product_groups: Collection[str],
    cpv: str | None,
    level: str | None,
    themes: Collection[str],
    kinds: Collection[str],
) -> None:
    from .catalogue import normalize_cpv
    from .catalogue import product_groups as known_groups
    from .diagnostics import suggest
    from .model.criterion import AMBITION_LEVELS, KINDS, THEMES

    checks: list[tuple[str, Collection[str], Collection[str]]] = [
        ("product group", product_groups, sorted(known_groups())),
        ("level", [level] if level else [], AMBITION_LEVELS),
        ("theme", themes, THEMES),
        ("kind", kinds, KINDS),
    ]
    for what, given, known in checks:
        for value in given:
            if value not in known:
                close = suggest(value, known)
                hint = f"did you mean {close!r}?" if close else f"choose from {', '.join(known)}"
                raise ValueError(f"unknown {what} {value!r}; {hint}")
    if cpv is not None:
        normalize_cpv(cpv)
