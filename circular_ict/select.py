"""Choosing criteria: filters over criteria by product group, CPV code, level, theme, kind and source.

:func:`filter_criteria` is a pure function over ``(set id, criterion)`` pairs;
:func:`bundled` applies it to the bundled library.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from .model import CriteriaSet, Criterion, CriterionRef, ParameterRef
from .model.tender import Tender
from .units import Quantity

__all__ = [
    "CriteriaFilter",
    "bind_parameters",
    "bundled",
    "filter_criteria",
    "open_parameters",
    "resolve_references",
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
    """The tender's criteria: the included ones (parameters set, ambition applied) and the buyer's own.

    Raises :class:`KeyError` for an unknown reference; validate the tender first for located diagnostics.
    """
    return [*(_apply(ref, lookup[ref.ref]) for ref in tender.criteria.include), *tender.criteria.own]
