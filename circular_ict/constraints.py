"""What criteria demand: the values a requirement accepts, which of two is stricter, and what an award rule
still tells apart.

These are the definitions that :mod:`circular_ict.select` (cumulative levels) and :mod:`circular_ict.combine`
(conflicts, the ``strictest`` strategy, contradictions) rely on; ``docs/how-to/select-and-combine.md`` explains
them with examples.

**Accepted values.** A requirement accepts a set of values of its metric. For a quantity metric it is the closed
interval from ``min`` to ``max`` (a missing bound leaves that side open; ``equals`` is the interval of one
value), converted to the metric's canonical unit, so that ``36 month`` and ``3 year`` are the same bound. For an
ordinal metric it is the levels from ``min_level`` up, or the ``one_of`` levels; for a boolean metric the one
value of ``equals``.

**Open parameters.** A bound ``{parameter: name}`` is not known until a tender sets it. It stands for every value
the criterion's sources suggest for the parameter at the criterion's own ambition level, and a comparison must
hold for each of them: the *loosest* form of a requirement takes the suggestion that accepts the most, the
*tightest* the one that accepts the least. A parameter without such a suggestion makes the requirement
incomparable.

**At least as strict.** A is at least as strict as B when every value A accepts, B accepts too (A's loosest form
lies inside B's tightest). **Stricter**: at least as strict, and not the other way round. **Equivalent**: both
ways (the same values, written in other units or forms).

**More demanding.** When neither of two requirements lies inside the other, the one whose least favourable
accepted value is better in the metric's direction (``better: higher``: the higher lower end; ``better: lower``:
the lower upper end; ordinal: the better lowest level; boolean: ``true``) is the more demanding one. An award
rule's demand is the least favourable value that still earns its full points (``linear``: ``best``; ``steps``:
the bound of the best step; ``label_scale``: the least favourable level with the most points; ``yes_no``:
``true``; ``euro_value`` with a ``cap``: where the cap is reached); ``ratio_to_best`` and an uncapped
``euro_value`` have none.

**Pointless award criterion.** An award criterion is pointless under a requirement on the same metric when it
gives every value the requirement accepts the same points: no admissible offer can earn more than another on it.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .errors import UnitError
from .model import Criterion
from .model._types import ParameterRef
from .model.metric import BooleanMetric, Metric, OrdinalMetric, QuantityMetric
from .model.scoring import (
    BooleanPointsRule,
    LabelScaleRule,
    LinearRule,
    MonetaryValueRule,
    RatioToBestRule,
    StepsRule,
)
from .units import Quantity, conversion_factor

__all__ = [
    "Accepted",
    "Bounds",
    "at_least_as_strict",
    "criterion_metric",
    "equivalent",
    "full_points_value",
    "more_demanding",
    "pointless_under",
    "requirement_bounds",
    "requirement_text",
    "rule_demand_text",
    "rules_equivalent",
    "shared_groups",
    "stricter",
]

INF = math.inf
#: Relative tolerance for values that went through a unit conversion (36 month -> 3 year).
REL_TOL = 1e-9


def _close(a: float, b: float) -> bool:
    return a == b or math.isclose(a, b, rel_tol=REL_TOL, abs_tol=1e-12)


def _le(a: float, b: float) -> bool:
    return a <= b or _close(a, b)


@dataclass(frozen=True)
class Accepted:
    """The values one requirement accepts: an interval in the metric's canonical unit, or a set of levels.

    ``levels`` holds level indices for ordinal metrics (0 = the lowest level) and for boolean metrics
    (0 = false, 1 = true); it is None for quantity metrics, which use ``lo`` and ``hi`` (inclusive).
    """

    lo: float = -INF
    hi: float = INF
    levels: frozenset[int] | None = None

    def within(self, other: Accepted) -> bool:
        """Every value accepted here is accepted by ``other`` too."""
        if self.levels is not None or other.levels is not None:
            return self.levels is not None and other.levels is not None and self.levels <= other.levels
        return self.empty() or (_le(other.lo, self.lo) and _le(self.hi, other.hi))

    def same(self, other: Accepted) -> bool:
        return self.within(other) and other.within(self)

    def empty(self) -> bool:
        if self.levels is not None:
            return not self.levels
        return self.lo > self.hi and not _close(self.lo, self.hi)

    def meets(self, other: Accepted) -> bool:
        """Some value is accepted by both."""
        if self.levels is not None or other.levels is not None:
            return bool((self.levels or frozenset()) & (other.levels or frozenset()))
        return _le(max(self.lo, other.lo), min(self.hi, other.hi))

    def demand(self, better: str) -> float:
        """The least favourable accepted value, as a number that grows with the demand."""
        if self.levels is not None:
            if not self.levels:
                return INF
            return float(min(self.levels)) if better == "higher" else -float(max(self.levels))
        return self.lo if better == "higher" else -self.hi


@dataclass(frozen=True)
class Bounds:
    """What a requirement accepts, from its loosest to its tightest form (the same when nothing is open)."""

    metric: str
    loosest: Accepted
    tightest: Accepted
    text: str
    """The requirement as written, e.g. ``min 3 year`` or ``min {warranty_min} (suggested 1 year, 2 year)``."""

    @property
    def fixed(self) -> bool:
        return self.loosest == self.tightest


def criterion_metric(crit: Criterion) -> str | None:
    """The metric a criterion constrains (its requirement's) or scores (its rule's), if any."""
    requirement = getattr(crit, "requirement", None)
    if requirement is not None:
        return str(requirement.metric)
    rule = getattr(crit, "scoring", None)
    name = getattr(rule, "metric", None)
    return str(name) if name is not None else None


def shared_groups(a: Criterion, b: Criterion) -> list[str]:
    """The product groups both criteria apply to, in the order of ``a``."""
    other = set(b.product_groups)
    return [g for g in a.product_groups if g in other]


def _step_bound(step: Any) -> tuple[str, Quantity]:
    """A step's one bound: ``("min", q)`` or ``("max", q)``."""
    return ("min", step.min) if step.min is not None else ("max", step.max)


def _canonical(q: Quantity, metric: QuantityMetric) -> float:
    return q.magnitude * conversion_factor(q.unit, metric.unit) if q.unit else q.magnitude


def _suggested(crit: Criterion, name: str) -> list[Quantity]:
    param = crit.parameters.get(name)
    if param is None:
        return []
    return [sv.value for sv in param.suggested if sv.level == crit.ambition]


def requirement_bounds(crit: Criterion, metrics: Mapping[str, Metric]) -> Bounds | None:
    """What the criterion's requirement accepts, or None when it has none or it cannot be compared.

    A requirement cannot be compared when its metric is unknown, a bound does not fit the metric (the checks
    report that), or a parameter has no value its sources suggest at the criterion's level.
    """
    req = getattr(crit, "requirement", None)
    if req is None:
        return None
    metric = metrics.get(req.metric)
    if metric is None:
        return None
    if isinstance(metric, QuantityMetric):
        return _quantity_bounds(crit, req, metric)
    if isinstance(metric, OrdinalMetric):
        if req.min_level is not None and req.min_level in metric.levels:
            levels = frozenset(range(metric.levels.index(req.min_level), len(metric.levels)))
            text = f"min_level {req.min_level}"
        elif req.one_of is not None and all(level in metric.levels for level in req.one_of):
            levels = frozenset(metric.levels.index(level) for level in req.one_of)
            text = f"one_of [{', '.join(req.one_of)}]"
        else:
            return None
        accepted = Accepted(levels=levels)
        return Bounds(req.metric, accepted, accepted, text)
    if isinstance(metric, BooleanMetric) and isinstance(req.equals, bool):
        accepted = Accepted(levels=frozenset({int(req.equals)}))
        return Bounds(req.metric, accepted, accepted, f"equals {str(req.equals).lower()}")
    return None


def _quantity_bounds(crit: Criterion, req: Any, metric: QuantityMetric) -> Bounds | None:
    if isinstance(req.equals, bool) or req.min_level is not None or req.one_of is not None:
        return None
    options: dict[str, list[float]] = {}
    texts: list[str] = []
    try:
        if isinstance(req.equals, Quantity):
            value = _canonical(req.equals, metric)
            options = {"min": [value], "max": [value]}
            texts.append(f"equals {req.equals.text}")
        for name in ("min", "max"):
            bound = getattr(req, name)
            if isinstance(bound, Quantity):
                options[name] = [_canonical(bound, metric)]
                texts.append(f"{name} {bound.text}")
            elif isinstance(bound, ParameterRef):
                suggested = _suggested(crit, bound.parameter)
                if not suggested:
                    return None
                options[name] = [_canonical(q, metric) for q in suggested]
                values = ", ".join(q.text for q in suggested)
                texts.append(f"{name} {{{bound.parameter}}} (suggested at {crit.ambition}: {values})")
    except UnitError:
        return None
    mins, maxs = options.get("min", []), options.get("max", [])
    loosest = Accepted(min(mins) if mins else -INF, max(maxs) if maxs else INF)
    tightest = Accepted(max(mins) if mins else -INF, min(maxs) if maxs else INF)
    return Bounds(req.metric, loosest, tightest, ", ".join(texts))


def requirement_text(crit: Criterion) -> str:
    """The criterion's requirement in a few words (``min 3 year``, ``min {warranty_min}``), for reports."""
    req = getattr(crit, "requirement", None)
    if req is None:
        return "no requirement"
    parts = []
    for name in ("min", "max", "equals", "min_level", "one_of"):
        value = getattr(req, name)
        if isinstance(value, ParameterRef):
            parts.append(f"{name} {{{value.parameter}}}")
        elif isinstance(value, Quantity):
            parts.append(f"{name} {value.text}")
        elif isinstance(value, bool):
            parts.append(f"{name} {str(value).lower()}")
        elif isinstance(value, list):
            parts.append(f"{name} [{', '.join(value)}]")
        elif value is not None:
            parts.append(f"{name} {value}")
    return ", ".join(parts)


def at_least_as_strict(a: Bounds, b: Bounds) -> bool:
    """Every value ``a`` accepts, ``b`` accepts too, whatever values their open parameters take."""
    return a.loosest.within(b.tightest)


def stricter(a: Bounds, b: Bounds) -> bool:
    """``a`` is at least as strict as ``b``, and ``b`` is not at least as strict as ``a``."""
    return at_least_as_strict(a, b) and not at_least_as_strict(b, a)


def equivalent(a: Bounds, b: Bounds) -> bool:
    """The two requirements accept the same values (for every value of their open parameters)."""
    return a.loosest.same(b.loosest) and a.tightest.same(b.tightest)


def more_demanding(a: Bounds, b: Bounds, better: str) -> bool:
    """``a``'s least favourable accepted value is better than ``b``'s, whatever their open parameters."""
    mine, theirs = a.loosest.demand(better), b.tightest.demand(better)
    return mine > theirs and not _close(mine, theirs)


def metric_direction(metric: Metric | None) -> str:
    """``higher`` or ``lower``: which way a metric's values get better (``true`` is better for a boolean)."""
    return str(getattr(metric, "better", "higher"))


# --------------------------------------------------------------------------- award rules


def _rule_points(rule: Any, metric: Metric, values: Sequence[float]) -> list[float] | None:
    """The rule's own points for ``values`` (canonical units or level indices), by the engine's formulas."""
    import numpy as np

    from .scoring.engine import _rule_points as engine_points

    try:
        points = engine_points(rule, metric, np.asarray(values, dtype=np.float64))
    except (ValueError, UnitError, AssertionError):
        return None
    return [float(p) for p in points]


def _breakpoints(rule: Any, metric: QuantityMetric) -> list[float] | None:
    """The values where a quantity rule's points change slope or jump, in canonical units."""
    try:
        if isinstance(rule, LinearRule):
            return [_canonical(rule.worst, metric), _canonical(rule.best, metric)]
        if isinstance(rule, StepsRule):
            return [_canonical(_step_bound(s)[1], metric) for s in rule.steps]
        if isinstance(rule, MonetaryValueRule):
            points = [_canonical(rule.baseline, metric)] if rule.baseline is not None else [0.0]
            if rule.cap is not None:
                per_unit = rule.value_per_unit.magnitude * conversion_factor(
                    rule.value_per_unit.unit, f"EUR / ({metric.unit})"
                )
                if per_unit > 0:
                    reach = rule.cap.to("EUR") / per_unit
                    points.append(points[0] + reach if metric.better == "higher" else points[0] - reach)
            return points
    except UnitError:
        return None
    return None


def _samples(breaks: Iterable[float], lo: float = -INF, hi: float = INF) -> list[float]:
    """Values that show every piece of a piecewise-linear function on [lo, hi]: the ends, the breakpoints
    inside, the midpoints between them and, on an open side, a value beyond the last breakpoint."""
    inside = sorted({b for b in breaks if lo < b < hi})
    ends = [v for v in (lo, hi) if math.isfinite(v)]
    points = sorted({*inside, *ends})
    if not points:
        points = [0.0]
    span = max(1.0, points[-1] - points[0])
    if not math.isfinite(lo):
        points.insert(0, points[0] - span)
    if not math.isfinite(hi):
        points.append(points[-1] + span)
    mids = [(x + y) / 2 for x, y in itertools.pairwise(points)]
    return sorted({*points, *mids})


def rules_equivalent(a: Any, b: Any, metric: Metric | None) -> bool:
    """Two scoring rules give the same points for every value of their (shared) metric."""
    if a == b:
        return True
    if metric is None or getattr(a, "metric", None) != getattr(b, "metric", None):
        return False
    if isinstance(a, RatioToBestRule) or isinstance(b, RatioToBestRule):
        return isinstance(a, RatioToBestRule) and isinstance(b, RatioToBestRule) and _close(a.points, b.points)
    if isinstance(metric, QuantityMetric):
        breaks_a, breaks_b = _breakpoints(a, metric), _breakpoints(b, metric)
        if breaks_a is None or breaks_b is None:
            return False
        values = _samples([*breaks_a, *breaks_b])
    elif isinstance(metric, OrdinalMetric):
        values = [float(i) for i in range(len(metric.levels))]
    else:
        values = [0.0, 1.0]
    pa, pb = _rule_points(a, metric, values), _rule_points(b, metric, values)
    return pa is not None and pb is not None and all(_close(x, y) for x, y in zip(pa, pb, strict=True))


def full_points_value(rule: Any, metric: Metric | None) -> float | None:
    """The least favourable value that earns the rule's full points, as a number that grows with the demand
    (see :meth:`Accepted.demand`); None for rules without one (``ratio_to_best``, an uncapped ``euro_value``)."""
    if metric is None:
        return None
    better = metric_direction(metric)
    sign = 1.0 if better == "higher" else -1.0
    if isinstance(metric, QuantityMetric):
        try:
            if isinstance(rule, LinearRule):
                return sign * _canonical(rule.best, metric)
            if isinstance(rule, StepsRule):
                top = max(s.points for s in rule.steps)
                bounds = [_canonical(_step_bound(s)[1], metric) for s in rule.steps if s.points == top]
                return min(sign * b for b in bounds)
            if isinstance(rule, MonetaryValueRule):
                breaks = _breakpoints(rule, metric)
                return sign * breaks[1] if breaks is not None and len(breaks) == 2 else None
        except UnitError:
            return None
        return None
    if isinstance(metric, OrdinalMetric) and isinstance(rule, LabelScaleRule):
        top = max(rule.points.values())
        best = [metric.levels.index(k) for k, v in rule.points.items() if v == top and k in metric.levels]
        return min(sign * i for i in best) if best else None
    if isinstance(metric, BooleanMetric) and isinstance(rule, BooleanPointsRule):
        return 1.0
    return None


def rule_demand_text(rule: Any) -> str:
    """A scoring rule in a few words, for reports."""
    if isinstance(rule, LinearRule):
        return f"linear from {rule.worst.text} to {rule.best.text}, {rule.points:g} points"
    if isinstance(rule, StepsRule):
        parts = [f"{side} {q.text}: {s.points:g}" for s in rule.steps for side, q in [_step_bound(s)]]
        return "steps " + "; ".join(parts)
    if isinstance(rule, LabelScaleRule):
        return "label scale " + ", ".join(f"{k}: {v:g}" for k, v in rule.points.items())
    if isinstance(rule, BooleanPointsRule):
        return f"yes/no ({rule.points:g} points)"
    if isinstance(rule, RatioToBestRule):
        return f"ratio to the best offer ({rule.points:g} points)"
    if isinstance(rule, MonetaryValueRule):
        return f"euro value {rule.value_per_unit.text}" + (f" above {rule.baseline.text}" if rule.baseline else "")
    return str(getattr(rule, "type", rule))


def pointless_under(rule: Any, metric: Metric | None, accepted: Accepted) -> bool:
    """The rule gives every value in ``accepted`` the same points (so it cannot tell admissible offers apart)."""
    if metric is None or accepted.empty():
        return False
    if isinstance(rule, RatioToBestRule):
        return accepted.levels is None and _close(accepted.lo, accepted.hi)
    if accepted.levels is not None:
        points = _rule_points(rule, metric, [float(i) for i in sorted(accepted.levels)])
    elif isinstance(metric, QuantityMetric):
        breaks = _breakpoints(rule, metric)
        if breaks is None:
            return False
        points = _rule_points(rule, metric, _samples(breaks, accepted.lo, accepted.hi))
    else:
        return False
    if not points or any(math.isnan(p) for p in points):
        return False
    return all(_close(p, points[0]) for p in points)
