"""The evaluation pipeline: a tender and its bids in, an explained :class:`Evaluation` out.

The steps, each recorded in the result:

1. **requirements** (technical specifications and selection criteria): pass,
   fail or not demonstrated per bid, after unit conversion; a missing value is
   "not demonstrated", never a silent zero; failed bids are excluded before
   any relative formula sees them;
2. **award criteria**, scored by their rule over the admissible bids;
3. the optional **quality threshold** (minimum score, or the N best);
4. **price and cost**: the offered price or the life-cycle cost, turned into
   price points or a fictitious price;
5. the **award basis** and the **ranking**, with ties reported and, if the
   tender says so, broken by a reproducible draw.

The engine is columnar: every metric becomes one float array over the bids,
converted with one cached factor per unit, and the formulas of
:mod:`circular_ict.scoring.formulas` work on whole arrays.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..errors import CircularIctError
from ..model import AwardCriterion, Criterion, Requirement
from ..model._types import ParameterRef
from ..model.bid import Bid
from ..model.metric import BooleanMetric, Metric, OrdinalMetric, QuantityMetric
from ..model.scoring import (
    BooleanPointsRule,
    LabelScaleRule,
    LinearRule,
    MonetaryValueRule,
    RatioToBestRule,
    StepsRule,
)
from ..model.tender import Lot, Tender
from ..units import Quantity, conversion_factor
from . import formulas
from .evaluation import (
    BidResult,
    Co2Footprint,
    CriterionScore,
    Evaluation,
    LccBreakdown,
    RequirementCheck,
    Step,
)

__all__ = ["EvaluationError", "evaluate", "score_matrix"]

FloatArray = NDArray[np.float64]

#: Relative tolerance below which two totals are floating-point noise of the same value (about 12 significant
#: digits). This is not a tolerance band: real differences such as 3.69 vs 3.59 points are never merged.
FLOAT_NOISE = 1e-12


class EvaluationError(CircularIctError, ValueError):
    """The tender and bids cannot be evaluated (e.g. a weight refers to a criterion the tender does not have)."""


# --------------------------------------------------------------------------- columns


@dataclass
class _Column:
    values: FloatArray
    offered: list[str | None]
    units: list[str | None]


def _offered_text(value: Any) -> str:
    if isinstance(value, Quantity):
        return value.text
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class Columns:
    """Metric values of all bids as float arrays in the metric's canonical unit (cached per metric and groups)."""

    def __init__(self, bids: Sequence[Bid], metrics: Mapping[str, Metric]) -> None:
        self.bids = list(bids)
        self.metrics = metrics
        self._cache: dict[tuple[str, tuple[str, ...]], _Column] = {}
        self._derived: dict[str, _Column] = {}

    def set_derived(self, metric_id: str, values: FloatArray, texts: Sequence[str | None]) -> None:
        """A metric the engine computes itself (the same for every product group), e.g. the CO2 per device-year."""
        self._derived[metric_id] = _Column(values, list(texts), [None] * len(texts))

    def get(self, metric_id: str, groups: Sequence[str]) -> _Column:
        if metric_id in self._derived:
            return self._derived[metric_id]
        key = (metric_id, tuple(sorted(groups)))
        col = self._cache.get(key)
        if col is None:
            col = self._cache[key] = self._build(metric_id, set(groups))
        return col

    def _build(self, metric_id: str, groups: set[str]) -> _Column:
        metric = self.metrics[metric_id]
        n = len(self.bids)
        values = np.full(n, np.nan)
        offered: list[str | None] = [None] * n
        units: list[str | None] = [None] * n
        for i, bid in enumerate(self.bids):
            candidates = [
                o.values[metric_id] for o in bid.offers if o.product_group in groups and metric_id in o.values
            ]
            if not candidates and metric_id in bid.values:
                candidates = [bid.values[metric_id]]
            if not candidates:
                continue
            converted = [_convert(v, metric) for v in candidates]
            worst = _worst(converted, metric)
            k = converted.index(worst)
            values[i] = worst
            chosen = candidates[k]
            offered[i] = _offered_text(chosen)
            units[i] = chosen.unit if isinstance(chosen, Quantity) else None
        return _Column(values, offered, units)


def _convert(value: Any, metric: Metric) -> float:
    if isinstance(metric, QuantityMetric):
        if not isinstance(value, Quantity):
            raise EvaluationError(f"{metric.id}: expected a quantity, got {value!r}")
        return value.magnitude * conversion_factor(value.unit, metric.unit) if value.unit else value.magnitude
    if isinstance(metric, BooleanMetric):
        if not isinstance(value, bool):
            raise EvaluationError(f"{metric.id}: expected true or false, got {value!r}")
        return 1.0 if value else 0.0
    if isinstance(metric, OrdinalMetric):
        level = value.text.strip() if isinstance(value, Quantity) else value  # a level written as a number, e.g. 2
        if not isinstance(level, str) or level not in metric.levels:
            raise EvaluationError(f"{metric.id}: expected one of {metric.levels}, got {value!r}")
        return float(metric.levels.index(level))
    raise EvaluationError(f"unsupported metric type for {metric.id}")


def _worst(values: list[float], metric: Metric) -> float:
    """Of several offers in the same group, the least favourable value counts."""
    better = getattr(metric, "better", "higher")
    return min(values) if better == "higher" else max(values)


# --------------------------------------------------------------------------- requirements


def _requirement_status(req: Requirement, metric: Metric, x: float) -> bool:
    """Whether the converted value ``x`` meets the requirement (exact comparison in canonical units)."""
    if isinstance(metric, OrdinalMetric):
        if req.min_level is not None:
            return x >= metric.levels.index(req.min_level)
        if req.one_of is not None:
            return metric.levels[int(x)] in req.one_of
        raise EvaluationError(f"{req.metric}: an ordinal requirement needs min_level or one_of")
    if isinstance(metric, BooleanMetric):
        return bool(x) == bool(req.equals)
    ok = True
    for bound in ("min", "max"):
        value = getattr(req, bound)
        if value is None:
            continue
        if isinstance(value, ParameterRef):
            raise EvaluationError(f"{req.metric}: the parameter {value.parameter!r} has no value in the tender")
        limit = _canonical(value, metric)
        ok = ok and (x >= limit if bound == "min" else x <= limit)
    if isinstance(req.equals, Quantity):
        ok = ok and math.isclose(x, _canonical(req.equals, metric), rel_tol=FLOAT_NOISE, abs_tol=0.0)
    return ok


def _canonical(q: Quantity, metric: Metric) -> float:
    unit = getattr(metric, "unit", "dimensionless")
    return q.magnitude * conversion_factor(q.unit, unit) if q.unit else q.magnitude


_WORDS = {
    "en": {
        "min": "at least",
        "max": "at most",
        "exactly": "exactly",
        "true": "true",
        "false": "false",
        "level": "level {level} or better",
        "one_of": "one of",
        "and": " and ",
    },
    "nl": {
        "min": "ten minste",
        "max": "ten hoogste",
        "exactly": "precies",
        "true": "ja",
        "false": "nee",
        "level": "niveau {level} of beter",
        "one_of": "een van",
        "and": " en ",
    },
}


def describe_requirement(req: Requirement, metric: Metric, lang: str = "en") -> str:
    """A requirement in words: ``warranty_period at least 3 year``."""
    w = _WORDS[lang]
    parts = []
    for bound in ("min", "max"):
        value = getattr(req, bound)
        if isinstance(value, Quantity):
            parts.append(f"{w[bound]} {value.text}")
    if isinstance(req.equals, Quantity):
        parts.append(f"{w['exactly']} {req.equals.text}")
    elif isinstance(req.equals, bool):
        parts.append(w["true"] if req.equals else w["false"])
    if req.min_level is not None:
        parts.append(w["level"].format(level=req.min_level))
    if req.one_of is not None:
        parts.append(f"{w['one_of']} " + ", ".join(req.one_of))
    return f"{metric.id} " + w["and"].join(parts)


def _check_requirements(
    criteria: Sequence[Criterion], columns: Columns, bids: Sequence[Bid], tender: Tender
) -> list[list[RequirementCheck]]:
    checks: list[list[RequirementCheck]] = [[] for _ in bids]
    for crit in criteria:
        if crit.kind not in ("technical_specification", "selection_criterion"):
            continue
        req: Requirement | None = getattr(crit, "requirement", None)
        labels = crit.verification.labels if crit.verification else []
        if req is not None:
            metric = columns.metrics[req.metric]
            col = columns.get(req.metric, crit.product_groups)
            rule = describe_requirement(req, metric)
            for i in range(len(bids)):
                x = col.values[i]
                if math.isnan(x):
                    status, why = "not_demonstrated", f"no value for {req.metric}"
                else:
                    met = _requirement_status(req, metric, float(x))
                    status = "pass" if met else "fail"
                    why = f"offered {col.offered[i]}"
                checks[i].append(
                    RequirementCheck(crit.id, status, rule, col.offered[i], _finite(x), _unit(metric), why)
                )
        elif labels:
            for i, bid in enumerate(bids):
                found = _label_evidence(bid, crit, labels, tender)
                status = "pass" if found else "not_demonstrated"
                why = f"evidence: {found}" if found else "no valid label among: " + ", ".join(labels)
                checks[i].append(
                    RequirementCheck(crit.id, status, "label: " + " or ".join(labels), found, None, None, why)
                )
        else:
            for i, bid in enumerate(bids):
                verdict = str(bid.assessments.get(crit.id, "")).strip().lower()
                status = {"pass": "pass", "fail": "fail"}.get(verdict, "not_demonstrated")
                why = (
                    f"assessed by the evaluation committee: {verdict}"
                    if verdict in ("pass", "fail")
                    else "needs the committee's assessment (pass or fail) in the bid's 'assessments'"
                )
                checks[i].append(RequirementCheck(crit.id, status, "assessed by the committee", None, None, None, why))
    return checks


def _label_evidence(bid: Bid, crit: Criterion, labels: Sequence[str], tender: Tender) -> str | None:
    wanted = {label.casefold() for label in labels}
    evidence = [*bid.evidence, *(e for o in bid.offers if o.product_group in crit.product_groups for e in o.evidence)]
    for ev in evidence:
        if ev.name.casefold() in wanted and (
            ev.valid_until is None or tender.date is None or ev.valid_until >= tender.date
        ):
            return ev.name
    return None


def _finite(x: float) -> float | None:
    return None if math.isnan(x) else float(x)


def _unit(metric: Metric) -> str | None:
    return getattr(metric, "unit", None)


# --------------------------------------------------------------------------- award criteria


def rule_max(rule: Any) -> float:
    """The most points a scoring rule can give (its scale), used to apply the tender's weight."""
    if isinstance(rule, LinearRule | RatioToBestRule | BooleanPointsRule):
        return float(rule.points)
    if isinstance(rule, StepsRule):
        return max(float(s.points) for s in rule.steps)
    if isinstance(rule, LabelScaleRule):
        return max(float(p) for p in rule.points.values())
    raise EvaluationError(f"the rule {rule.type!r} gives euros, not points")


def _rule_points(rule: Any, metric: Metric | None, x: FloatArray) -> FloatArray:
    """The rule's own points (or euros for ``euro_value``) for the values ``x``."""
    if isinstance(rule, LinearRule):
        assert isinstance(metric, QuantityMetric)
        return formulas.linear(
            x, _canonical(rule.worst, metric), _canonical(rule.best, metric), rule.points, rule.clamp
        )
    if isinstance(rule, RatioToBestRule):
        higher = getattr(metric, "better", "higher") == "higher"
        return formulas.ratio_to_best(x, rule.points, higher)
    if isinstance(rule, StepsRule):
        assert isinstance(metric, QuantityMetric)
        mins = np.array([_canonical(s.min, metric) if s.min else np.nan for s in rule.steps])
        maxs = np.array([_canonical(s.max, metric) if s.max else np.nan for s in rule.steps])
        pts = np.array([float(s.points) for s in rule.steps])
        return formulas.steps(x, mins, maxs, pts)
    if isinstance(rule, BooleanPointsRule):
        return formulas.yes_no(x, rule.points)
    if isinstance(rule, LabelScaleRule):
        assert isinstance(metric, OrdinalMetric)
        by_level = np.array([float(rule.points.get(level, 0.0)) for level in metric.levels])
        return formulas.label_scale(x, by_level)
    if isinstance(rule, MonetaryValueRule):
        assert isinstance(metric, QuantityMetric)
        per_unit = rule.value_per_unit.magnitude * conversion_factor(rule.value_per_unit.unit, f"EUR / ({metric.unit})")
        baseline = _canonical(rule.baseline, metric) if rule.baseline else None
        cap = rule.cap.magnitude * conversion_factor(rule.cap.unit, "EUR") if rule.cap else None
        higher = metric.better == "higher"
        return formulas.euro_value(x, per_unit, baseline, cap, higher_is_better=higher)
    raise EvaluationError(f"unsupported scoring rule {getattr(rule, 'type', rule)!r}")


_RULE_WORDS = {
    "en": {
        "linear": "linear from {worst} (0) to {best} ({points})",
        "clamped": "clamped",
        "not_clamped": "not clamped",
        "ratio": "ratio to the best offer x {points}",
        "steps": "steps ",
        "yes": "{points} if yes",
        "scale": "scale ",
        "above": " above {baseline}",
    },
    "nl": {
        "linear": "lineair van {worst} (0) tot {best} ({points})",
        "clamped": "begrensd",
        "not_clamped": "niet begrensd",
        "ratio": "verhouding tot de beste aanbieding x {points}",
        "steps": "stappen ",
        "yes": "{points} bij ja",
        "scale": "schaal ",
        "above": " boven {baseline}",
    },
}


def describe_rule(rule: Any, lang: str = "en") -> str:
    """A scoring rule in words (English or Dutch)."""
    w = _RULE_WORDS[lang]
    if isinstance(rule, LinearRule):
        clamp = w["clamped"] if rule.clamp else w["not_clamped"]
        return w["linear"].format(worst=rule.worst.text, best=rule.best.text, points=f"{rule.points:g}") + f", {clamp}"
    if isinstance(rule, RatioToBestRule):
        return w["ratio"].format(points=f"{rule.points:g}")
    if isinstance(rule, StepsRule):
        parts = [
            (f">= {s.min.text}" if s.min else f"<= {s.max.text}" if s.max else "?") + f": {s.points:g}"
            for s in rule.steps
        ]
        return w["steps"] + "; ".join(parts)
    if isinstance(rule, BooleanPointsRule):
        return w["yes"].format(points=f"{rule.points:g}")
    if isinstance(rule, LabelScaleRule):
        return w["scale"] + ", ".join(f"{k}: {v:g}" for k, v in rule.points.items())
    if isinstance(rule, MonetaryValueRule):
        return f"{rule.value_per_unit.text}" + (w["above"].format(baseline=rule.baseline.text) if rule.baseline else "")
    return str(getattr(rule, "type", rule))


# --------------------------------------------------------------------------- the pipeline


def score_matrix(
    award: Sequence[AwardCriterion],
    columns: Columns,
    admissible: NDArray[np.bool_],
    assessments: Sequence[Mapping[str, Any]],
) -> tuple[FloatArray, list[list[str | None]], list[list[float | None]]]:
    """Raw rule points (bids x criteria) for the admissible bids; NaN where a value is missing."""
    n = len(columns.bids)
    raw = np.full((n, len(award)), np.nan)
    offered: list[list[str | None]] = []
    converted: list[list[float | None]] = []
    for k, crit in enumerate(award):
        rule = crit.scoring
        if rule is None:
            raise EvaluationError(f"the award criterion {crit.id!r} has no scoring rule")
        metric_id = getattr(rule, "metric", None)
        if metric_id is None:  # yes/no on evidence: the committee records yes or no
            x = np.array([_yes_no_assessment(a.get(crit.id)) for a in assessments])
            texts: list[str | None] = [None if math.isnan(v) else ("yes" if v else "no") for v in x]
            metric: Metric | None = None
        else:
            metric = columns.metrics[metric_id]
            col = columns.get(metric_id, crit.product_groups)
            x, texts = col.values.copy(), list(col.offered)
        values = np.where(admissible, x, np.nan)
        if np.any(~np.isnan(values)):
            raw[:, k] = _rule_points(rule, metric, values)
        offered.append(texts)
        converted.append([_finite(v) for v in x])
    return raw, offered, converted


def _yes_no_assessment(value: Any) -> float:
    text = str(value).strip().lower() if value is not None else ""
    return 1.0 if text in ("yes", "true", "1") else 0.0 if text in ("no", "false", "0") else math.nan


def evaluate(
    tender: Tender,
    bids: Sequence[Bid],
    criteria: Sequence[Criterion],
    metrics: Mapping[str, Metric],
    *,
    lot: str | None = None,
) -> Evaluation:
    """Evaluate ``bids`` against ``tender`` with its resolved ``criteria`` (parameters bound).

    Use :func:`circular_ict.scoring.score` to evaluate from files or with the bundled library.
    """
    the_lot = _pick_lot(tender, lot)
    bids = [b for b in bids if b.lot in (None, the_lot.id)]
    if not bids:
        raise EvaluationError(f"no bids for lot {the_lot.id!r}")
    ids = [b.id for b in bids]
    dupes = sorted(i for i, count in Counter(ids).items() if count > 1)
    if dupes:
        raise EvaluationError(f"duplicate bid ids: {', '.join(dupes)}")
    columns = Columns(bids, metrics)
    steps: list[Step] = []
    n = len(bids)

    # 1. requirements
    checks = _check_requirements(criteria, columns, bids, tender)
    admissible = np.array([all(c.status == "pass" for c in checks[i]) for i in range(n)])
    if tender.award.method == "fixed_price" and tender.award.fixed_price is not None:
        # a tender at another price than the fixed one does not comply: out before any formula sees it
        fixed_q = tender.award.fixed_price
        fixed = fixed_q.magnitude * conversion_factor(fixed_q.unit, "EUR")
        bid_prices = [b.price.magnitude * conversion_factor(b.price.unit, "EUR") for b in bids]
        off = [[f"a price of EUR {p:,.2f}"] if p != fixed else [] for p in bid_prices]
        _exclude(
            checks, admissible, off, "fixed price", f"the fixed price {fixed_q.text}", status="fail", reason="offered "
        )
    excluded = [bids[i].id for i in range(n) if not admissible[i]]
    steps.append(Step("requirements", f"{len(checks[0]) if n else 0} requirements checked per bid", excluded))

    # CO2 footprint of each bid's device: reported, and usable as a metric by award criteria
    footprints = _footprints(tender, the_lot, bids, columns, criteria, steps)

    # price and cost data: a bid that lacks them is out before any relative formula sees it
    spec = tender.award
    prices, price_missing = _base_prices(tender, the_lot, bids)
    _exclude(checks, admissible, price_missing, "price basket", "a unit price for every basket line")
    lcc: list[LccBreakdown | None] = [None] * n
    uses_lcc = spec.priced_on == "life_cycle_cost"
    evaluated = prices.copy()
    if uses_lcc:
        from .costing import life_cycle_costs

        evaluated, lcc, lcc_missing = life_cycle_costs(tender, the_lot, bids, columns, prices)
        no_lcc = _exclude(
            checks, admissible, lcc_missing, "life-cycle-cost data", "the values the life-cycle cost needs"
        )
        steps.append(
            Step("life-cycle cost", "life-cycle cost from the tender's lcc parameters", [bids[i].id for i in no_lcc])
        )
    if spec.price_adjustments:
        evaluated, adj_missing = _adjust(spec.price_adjustments, evaluated, columns, the_lot)
        no_adj = _exclude(
            checks, admissible, adj_missing, "price adjustment data", "the values the price adjustments need"
        )
        steps.append(
            Step("price adjustments", ", ".join(a.type for a in spec.price_adjustments), [bids[i].id for i in no_adj])
        )
    # 2. award criteria
    award = [c for c in criteria if isinstance(c, AwardCriterion)] if spec.basis == "best_price_quality" else []
    _check_weights(tender, award)
    scale = weight_scale(tender)
    if scale != 1.0:
        steps.append(
            Step(
                "weights",
                f"weights rescaled by {scale:.6g} to add up to {spec.total_points:g} (normalise_weights in the tender)",
                [],
            )
        )
    raw, offered, converted = score_matrix(award, columns, admissible, [b.assessments for b in bids])
    contributions = np.zeros((n, len(award)))
    scores: list[list[CriterionScore]] = [[] for _ in range(n)]
    for k, crit in enumerate(award):
        rule = crit.scoring
        weight = spec.weights[crit.id]
        if spec.method in ("fictitious_price", "fictitious_surcharge"):
            w_eur = weight.magnitude * conversion_factor(weight.unit, "EUR")
            euros = raw[:, k] if isinstance(rule, MonetaryValueRule) else raw[:, k] / rule_max(rule) * w_eur
            contributions[:, k] = np.minimum(euros, w_eur) if isinstance(rule, MonetaryValueRule) else euros
            unit = "EUR"
        else:
            contributions[:, k] = raw[:, k] / rule_max(rule) * weight.magnitude * scale
            unit = "points"
        for i in range(n):
            if not admissible[i]:
                continue
            demonstrated = not math.isnan(raw[i, k])
            if not demonstrated:
                contributions[i, k] = 0.0
            scores[i].append(
                CriterionScore(
                    criterion_id=crit.id,
                    offered=offered[k][i],
                    value=converted[k][i],
                    unit=_unit(columns.metrics[metric_id]) if (metric_id := getattr(rule, "metric", None)) else None,
                    rule=describe_rule(rule),
                    points=None if not demonstrated else float(raw[i, k]),
                    max_points=None if isinstance(rule, MonetaryValueRule) else rule_max(rule),
                    weight=weight.text,
                    contribution=float(contributions[i, k]),
                    contribution_unit=unit,
                    demonstrated=demonstrated,
                )
            )
    quality = contributions.sum(axis=1) if award else np.zeros(n)
    # for a fictitious surcharge: the euro value of the quality a bid does not offer (ideal-quality baseline)
    shortfall = np.zeros(n)
    if spec.method == "fictitious_surcharge":
        caps = np.array(
            [spec.weights[c.id].magnitude * conversion_factor(spec.weights[c.id].unit, "EUR") for c in award]
        )
        shortfall = (caps[None, :] - contributions).sum(axis=1) if award else shortfall
    if award:
        steps.append(Step("award criteria", f"{len(award)} award criteria scored", []))

    # 3. quality threshold
    passed = admissible.copy()
    threshold = spec.quality_threshold
    if threshold is not None:
        if threshold.min_score is not None:
            passed &= quality >= threshold.min_score
            note = f"minimum quality score {threshold.min_score:g}"
        else:
            best_n = threshold.max_pass
            assert best_n is not None
            order = sorted((i for i in range(n) if admissible[i]), key=lambda i: -quality[i])
            keep = set(order[:best_n])
            if len(order) > best_n:  # bids tied with the last one that passes also pass
                last = quality[order[best_n - 1]]
                keep |= {i for i in order if math.isclose(quality[i], last, rel_tol=FLOAT_NOISE)}
            passed &= np.array([i in keep for i in range(n)])
            note = f"only the {best_n} best quality scores"
        steps.append(Step("quality threshold", note, [bids[i].id for i in range(n) if admissible[i] and not passed[i]]))

    # 4. price points or evaluated prices
    price_points = np.full(n, np.nan)
    higher_wins = False
    if spec.basis != "best_price_quality":
        total = evaluated.copy()
    elif spec.method == "weighted_points":
        assert spec.price is not None
        sel = evaluated[passed]
        if sel.size:
            price_points[passed] = _price_points(spec.price, sel) * scale
        total = quality + np.nan_to_num(price_points)
        higher_wins = True
    elif spec.method == "fictitious_price":
        total = formulas.fictitious_discount(evaluated, quality)
    elif spec.method == "fictitious_surcharge":
        total = formulas.fictitious_surcharge(evaluated, shortfall)
    elif spec.method == "price_per_quality_point":
        total = np.full(n, np.nan)
        if passed.any():
            total[passed] = formulas.price_per_quality_point(evaluated[passed], quality[passed])
    elif spec.method == "fixed_price":  # non-compliant prices were excluded with the requirements
        total = quality.copy()
        higher_wins = True
    elif spec.method == "utility_index":
        assert spec.price_weight is not None
        w_quality = math.fsum(w.magnitude for w in spec.weights.values())
        total = np.full(n, np.nan)
        if passed.any():
            result = formulas.utility_index(
                evaluated[passed], quality[passed] / w_quality, w_quality, spec.price_weight
            )
            total[passed] = result.u
        higher_wins = True
    else:  # value_for_money
        assert spec.ratio_constant is not None
        total = np.full(n, np.nan)
        if passed.any():
            total[passed] = formulas.value_for_money(evaluated[passed], quality[passed], spec.ratio_constant)
        higher_wins = True
    if spec.rounding is not None:
        total = _round_half_up(total, spec.rounding)
    steps.append(Step("price", _price_note(tender), []))

    # 5. ranking
    ranking, ties, draw = _rank(ids, total, passed, higher_wins, spec.ties.rule, spec.ties.seed)
    results = []
    for i, bid in enumerate(bids):
        status = "ranked" if passed[i] else ("excluded" if not admissible[i] else "below_quality_threshold")
        results.append(
            BidResult(
                bid_id=bid.id,
                supplier=bid.supplier,
                status=status,
                requirements=tuple(checks[i]),
                scores=tuple(scores[i]),
                quality=float(quality[i]) if admissible[i] else None,
                price=float(prices[i]),
                evaluated_price=float(evaluated[i]) if passed[i] else None,
                price_points=None if math.isnan(price_points[i]) else float(price_points[i]),
                total=float(total[i]) if passed[i] else None,
                rank=ranking.get(bid.id),
                lcc=lcc[i],
                co2=footprints[i] if footprints else None,
            )
        )
    steps.append(Step("ranking", "highest total wins" if higher_wins else "lowest evaluated price wins", []))
    return Evaluation(
        tender=tender,
        lot=the_lot,
        criteria=tuple(criteria),
        bids=tuple(results),
        steps=tuple(steps),
        ties=tuple(ties),
        draw=draw,
        higher_wins=higher_wins,
        bid_models=tuple(bids),
        metrics=dict(metrics),
    )


def _footprints(
    tender: Tender, lot: Lot, bids: Sequence[Bid], columns: Columns, criteria: Sequence[Criterion], steps: list[Step]
) -> list[Co2Footprint] | None:
    """The CO2 footprint per bid, when the tender scores it or gives a grid factor; None when there is no basis."""
    from .costing import CO2_METRICS, co2_footprints

    used: set[str] = {str(getattr(getattr(c, "scoring", None), "metric", None)) for c in criteria} & set(CO2_METRICS)
    if not used and (tender.lcc is None or tender.lcc.grid_emission_factor is None):
        return None
    try:
        result, note = co2_footprints(tender, lot, bids, columns)
    except ValueError as exc:  # e.g. no defaults for the product group
        if used:
            raise EvaluationError(f"the CO2 footprint cannot be computed: {exc}") from None
        return None
    for metric_id in used:
        values = getattr(result, CO2_METRICS[metric_id])
        columns.set_derived(metric_id, values, [None if math.isnan(v) else f"{v:.1f} (computed)" for v in values])
    out = []
    for i in range(len(bids)):
        part = result.breakdown(i)
        out.append(
            Co2Footprint(
                embodied=float(result.embodied[i]),
                use_phase=float(result.use_phase[i]),
                total=float(result.total[i]),
                years_of_use=float(result.years_of_use[i]),
                per_device_year=float(result.per_device_year[i]),
                origins=tuple(f"{k}: {v}" for k, v in part.items() if k.endswith("_origin")),
                assumptions=(
                    note,
                    *(
                        f"{d.quantity} of {d.product_group}: {d.value:g} {d.unit} ({d.source_label})"
                        for d in result.defaults_used
                        if i in d.bids
                    ),
                ),
            )
        )
    steps.append(Step("CO2 footprint", f"embodied and use-phase emissions per device; {note}", []))
    return out


def _round_half_up(values: FloatArray, decimals: int) -> FloatArray:
    """Round as tender documents mean it (0.125 -> 0.13), from each value's shortest decimal form."""
    step = Decimal(1).scaleb(-decimals)
    return np.array(
        [v if math.isnan(v) else float(Decimal(repr(float(v))).quantize(step, ROUND_HALF_UP)) for v in values]
    )


def _exclude(
    checks: list[list[RequirementCheck]],
    admissible: NDArray[np.bool_],
    missing: Sequence[Sequence[str]],
    what: str,
    rule: str,
    *,
    status: str = "not_demonstrated",
    reason: str = "no value for ",
) -> list[int]:
    """Exclude the admissible bids that lack what a later step needs (or do not comply), recording why."""
    out = [i for i in range(len(checks)) if admissible[i] and missing[i]]
    for i in out:
        checks[i].append(RequirementCheck(what, status, rule, None, None, None, reason + ", ".join(missing[i])))
        admissible[i] = False
    return out


def _base_prices(tender: Tender, lot: Lot, bids: Sequence[Bid]) -> tuple[FloatArray, list[list[str]]]:
    """The bid's price, or the lot's basket priced with the bid's unit prices (EUR)."""
    if tender.award.price_from == "bid":
        return np.array([b.price.magnitude * conversion_factor(b.price.unit, "EUR") for b in bids]), [[] for _ in bids]
    if not lot.basket:
        raise EvaluationError(f"price_from: basket needs a 'basket' on lot {lot.id!r}")
    groups = list(lot.basket)
    unit_prices = np.full((len(bids), len(groups)), np.nan)
    missing: list[list[str]] = [[] for _ in bids]
    for i, b in enumerate(bids):
        for k, g in enumerate(groups):
            offer = next((o for o in b.offers if o.product_group == g and o.unit_price is not None), None)
            if offer is None or offer.unit_price is None:
                missing[i].append(f"unit_price of {g}")
                continue
            unit_prices[i, k] = offer.unit_price.magnitude * conversion_factor(offer.unit_price.unit, "EUR")
    quantities = np.array([float(lot.basket[g]) for g in groups])
    filled = np.nan_to_num(unit_prices, nan=0.0)
    return formulas.basket_price(quantities, filled), missing


def _adjust(
    adjustments: Sequence[Any], evaluated: FloatArray, columns: Columns, lot: Lot
) -> tuple[FloatArray, list[list[str]]]:
    """Apply the tender's price adjustments in order (percentage discounts, externalities)."""
    out = evaluated.copy()
    missing: list[list[str]] = [[] for _ in out]
    for adj in adjustments:
        metric = columns.metrics[adj.metric]
        col = columns.get(adj.metric, [lot.product_group])
        if adj.type == "percentage_discount":
            # a bid without a level (e.g. no ladder certificate) gets no discount: the extra last table entry
            assert isinstance(metric, OrdinalMetric)
            assert adj.discounts is not None
            rates = [
                adj.discounts[lv].magnitude * conversion_factor(adj.discounts[lv].unit, "dimensionless")
                if lv in adj.discounts
                else 0.0
                for lv in metric.levels
            ]
            levels = np.where(np.isnan(col.values), float(len(metric.levels)), col.values)
            out = formulas.percentage_discount(out, levels, np.array([*rates, 0.0]))
        else:
            assert isinstance(metric, QuantityMetric)
            assert adj.factor is not None
            for i in np.flatnonzero(np.isnan(col.values)):
                missing[i].append(adj.metric)
            factor = adj.factor.magnitude * conversion_factor(adj.factor.unit, f"EUR / ({metric.unit})")
            scale = float(lot.quantity) if adj.per_device else 1.0
            out = formulas.add_externality(out, np.nan_to_num(col.values, nan=0.0) * scale, factor)
    return out, missing


def _pick_lot(tender: Tender, lot: str | None) -> Lot:
    if lot is None:
        if len(tender.lots) > 1:
            raise EvaluationError("the tender has several lots: say which one to evaluate")
        return tender.lots[0]
    for candidate in tender.lots:
        if candidate.id == lot:
            return candidate
    raise EvaluationError(f"the tender has no lot {lot!r}")


def _check_weights(tender: Tender, award: Sequence[AwardCriterion]) -> None:
    spec = tender.award
    if spec.basis != "best_price_quality":
        return
    ids = {c.id for c in award}
    unknown = sorted(set(spec.weights) - ids)
    missing = sorted(ids - set(spec.weights))
    if unknown or missing:
        raise EvaluationError(
            "the weights do not match the award criteria: "
            + (f"no award criterion {', '.join(unknown)}" if unknown else "")
            + ("; " if unknown and missing else "")
            + (f"no weight for {', '.join(missing)}" if missing else "")
        )
    if spec.method in ("fictitious_price", "fictitious_surcharge"):
        return  # weights are euro values (maximum worth per criterion), not shares of a total
    for cid, w in spec.weights.items():
        if w.unit:
            raise EvaluationError(f"the weight of {cid} must be points (a bare number), not {w.text!r}")
    if spec.total_points is not None and not spec.normalise_weights:
        price_points = [spec.price.points] if spec.price is not None else []
        price_points += [spec.price_weight] if spec.price_weight is not None else []
        formulas.check_weights([w.magnitude for w in spec.weights.values()] + price_points, spec.total_points)


def weight_scale(tender: Tender) -> float:
    """The factor the weights (and price points) are multiplied by: 1, unless the tender asks for
    ``normalise_weights`` and its weights do not add up to ``total_points``."""
    spec = tender.award
    if (
        not spec.normalise_weights
        or spec.total_points is None
        or spec.method in ("fictitious_price", "fictitious_surcharge")
    ):
        return 1.0
    extra = [spec.price.points] if spec.price is not None else []
    extra += [spec.price_weight] if spec.price_weight is not None else []
    total = math.fsum([*(w.magnitude for w in spec.weights.values()), *extra])
    return spec.total_points / total if total > 0 else 1.0


def _price_points(price: Any, p: FloatArray) -> FloatArray:
    if price.method == "ratio_lowest":
        return formulas.price_ratio_lowest(p, price.points)
    if price.method == "linear_bounds":
        lo = price.lowest.magnitude * conversion_factor(price.lowest.unit, "EUR")
        hi = price.highest.magnitude * conversion_factor(price.highest.unit, "EUR")
        return formulas.price_linear_bounds(p, price.points, lo, hi, price.clamp)
    if price.method == "linear_from_lowest":
        return formulas.price_linear_from_lowest(p, price.points)
    if price.method == "linear_min_max_bids":
        return formulas.price_linear_min_max_bids(p, price.points)
    if price.method == "log":
        return formulas.price_log(p, price.points, price.a)
    raise EvaluationError(f"unknown price method {price.method!r}")


def _price_note(tender: Tender) -> str:
    spec = tender.award
    what = "life-cycle cost" if spec.priced_on == "life_cycle_cost" else "price"
    if spec.basis == "lowest_price":
        return "lowest price"
    if spec.basis == "lowest_cost":
        return "lowest life-cycle cost"
    if spec.method == "fictitious_price":
        return f"fictitious price: {what} minus the euro value of quality"
    if spec.method == "fictitious_surcharge":
        return f"fictitious price: {what} plus the euro value of the quality not offered"
    if spec.method == "price_per_quality_point":
        return f"{what} per quality point (lowest wins)"
    if spec.method == "value_for_money":
        return f"quality points per euro of {what} (highest wins)"
    if spec.method == "utility_index":
        return f"utility index of quality and {what} (highest wins)"
    if spec.method == "fixed_price":
        return "fixed price: tenders compete on quality only (highest quality wins)"
    assert spec.price is not None
    return f"{what} points by {spec.price.method} (max {spec.price.points:g})"


def _rank(
    ids: Sequence[str], total: FloatArray, passed: NDArray[np.bool_], higher_wins: bool, rule: str, seed: int | None
) -> tuple[dict[str, int], list[tuple[str, ...]], dict[str, Any] | None]:
    """Competition ranks (1, 1, 3, ...) by exact totals; ties reported; a first place tie drawn if the rule says so.

    Totals that differ only by floating-point noise (:data:`FLOAT_NOISE`) are the same total.
    """
    order = sorted(
        (i for i in range(len(ids)) if passed[i]), key=lambda i: (-total[i] if higher_wins else total[i], ids[i])
    )
    groups: list[list[int]] = []
    for i in order:
        if groups and math.isclose(total[i], total[groups[-1][0]], rel_tol=FLOAT_NOISE, abs_tol=FLOAT_NOISE):
            groups[-1].append(i)
        else:
            groups.append([i])
    ranks: dict[str, int] = {}
    position = 1
    for group in groups:
        for i in group:
            ranks[ids[i]] = position
        position += len(group)
    ties = [tuple(sorted(ids[i] for i in g)) for g in groups if len(g) > 1]
    draw = None
    if groups and len(groups[0]) > 1 and rule == "lots":
        tied = sorted(ids[i] for i in groups[0])
        drawn = list(tied)
        random.Random(seed).shuffle(drawn)
        for place, bid_id in enumerate(drawn, start=1):
            ranks[bid_id] = place
        draw = {"rule": "lots", "seed": seed, "tied": tied, "order": drawn}
    return ranks, ties, draw
