"""circular_ict.constraints: accepted values, "stricter", equivalent rules, pointless award criteria.

The numbers are worked by hand: warranty_period is measured in months (``3 year`` is 36), battery cycles in
cycles, typical energy consumption in kWh / year (lower is better), the EPEAT tiers are Bronze < Silver < Gold.
"""

from __future__ import annotations

import math
from typing import Any

import pytest
from pydantic import TypeAdapter

from circular_ict import catalogue
from circular_ict.constraints import (
    Accepted,
    at_least_as_strict,
    criterion_metric,
    equivalent,
    full_points_value,
    more_demanding,
    pointless_under,
    requirement_bounds,
    rules_equivalent,
    stricter,
)
from circular_ict.model import Criterion
from circular_ict.model.scoring import ScoringRule

METRICS = catalogue.metrics()
_CRIT = TypeAdapter(Criterion)
_RULE = TypeAdapter(ScoringRule)

SOURCE = {"publisher": "P", "document": "D", "status": "derived"}


def spec(requirement: dict[str, Any], *, kind: str = "technical_specification", **extra: Any) -> Any:
    data = {
        "id": extra.pop("id", "T.x"),
        "kind": kind,
        "title": {"en": "t"},
        "text": {"en": "t"},
        "ambition": extra.pop("ambition", "basic"),
        "themes": ["lifespan"],
        "product_groups": extra.pop("groups", ["notebooks"]),
        "requirement": requirement,
        "source": SOURCE,
        **extra,
    }
    return _CRIT.validate_python(data)


def bounds(requirement: dict[str, Any], **extra: Any) -> Any:
    b = requirement_bounds(spec(requirement, **extra), METRICS)
    assert b is not None
    return b


def rule(data: dict[str, Any]) -> Any:
    return _RULE.validate_python(data)


# --------------------------------------------------------------------------- accepted values


def test_quantities_are_compared_in_the_canonical_unit() -> None:
    three_years = bounds({"metric": "warranty_period", "min": "3 year"})
    assert three_years.loosest == Accepted(36.0, math.inf)
    assert three_years.fixed
    assert three_years.text == "min 3 year"
    assert equivalent(three_years, bounds({"metric": "warranty_period", "min": "36 month"}))
    assert bounds({"metric": "warranty_period", "equals": "2 year"}).loosest == Accepted(24.0, 24.0)


def test_open_parameters_take_the_values_suggested_at_the_criterions_level() -> None:
    _s, core = catalogue.find_criterion("EU-GPP-2021.TS3.core")  # basic: 1 year or 2 year
    _s, comprehensive = catalogue.find_criterion("EU-GPP-2021.TS3.comprehensive")  # significant: 3 year
    bc, bx = requirement_bounds(core, METRICS), requirement_bounds(comprehensive, METRICS)
    assert bc is not None
    assert bx is not None
    assert (bc.loosest, bc.tightest) == (Accepted(12.0, math.inf), Accepted(24.0, math.inf))
    assert not bc.fixed
    assert at_least_as_strict(bx, bc)
    assert stricter(bx, bc)
    assert not at_least_as_strict(bc, bx)
    # a fixed 2 year lies inside every suggested form of the core criterion; 18 month does not
    assert at_least_as_strict(bounds({"metric": "warranty_period", "min": "2 year"}), bc)
    assert not at_least_as_strict(bounds({"metric": "warranty_period", "min": "18 month"}), bc)


def test_a_parameter_without_a_suggestion_cannot_be_compared() -> None:
    _s, ts6 = catalogue.find_criterion("EU-GPP-2021.TS6")  # cycles_min, no suggested value
    assert requirement_bounds(ts6, METRICS) is None
    assert requirement_bounds(spec({"metric": "no_such_metric", "min": 3}), METRICS) is None


def test_stricter_at_least_as_strict_and_more_demanding() -> None:
    four = bounds({"metric": "warranty_period", "min": "4 year"})
    three = bounds({"metric": "warranty_period", "min": "3 year"})
    three_to_five = bounds({"metric": "warranty_period", "min": "3 year", "max": "5 year"})
    assert stricter(four, three)
    assert not stricter(three, four)
    assert stricter(three_to_five, three)  # [36, 60] lies inside [36, inf)
    # [48, inf) and [36, 60]: neither inside the other; 48 > 36 months, so 'min 4 year' demands more
    assert not at_least_as_strict(four, three_to_five)
    assert not at_least_as_strict(three_to_five, four)
    assert more_demanding(four, three_to_five, "higher")
    assert not more_demanding(three_to_five, four, "higher")


def test_lower_is_better_metrics() -> None:
    twenty = bounds({"metric": "typical_energy_consumption", "max": "20 kWh / year"})
    thirty = bounds({"metric": "typical_energy_consumption", "max": "30 kWh / year"})
    assert stricter(twenty, thirty)
    assert more_demanding(twenty, thirty, "lower")
    assert not more_demanding(thirty, twenty, "lower")
    # a requirement with only a minimum demands nothing in the better (lower) direction
    floor = bounds({"metric": "typical_energy_consumption", "min": "5 kWh / year"})
    assert more_demanding(thirty, floor, "lower")


def test_ordinal_and_boolean_requirements() -> None:
    gold = bounds({"metric": "epeat_tier", "min_level": "Gold"})
    silver = bounds({"metric": "epeat_tier", "min_level": "Silver"})
    assert gold.loosest == Accepted(levels=frozenset({2}))
    assert stricter(gold, silver)
    assert equivalent(silver, bounds({"metric": "epeat_tier", "one_of": ["Gold", "Silver"]}))
    yes = bounds({"metric": "built_in_data_erasure", "equals": True})
    no = bounds({"metric": "built_in_data_erasure", "equals": False})
    assert not yes.loosest.meets(no.loosest)
    assert more_demanding(yes, no, "higher")


# --------------------------------------------------------------------------- award rules

LINEAR = {"type": "linear", "metric": "warranty_period", "worst": "3 year", "best": "5 year", "points": 10}


def test_equivalent_rules_give_the_same_points_for_every_value() -> None:
    metric = METRICS["warranty_period"]
    a = rule({**LINEAR, "clamp": True})
    b = rule({**LINEAR, "worst": "36 month", "best": "60 month", "clamp": True})
    assert rules_equivalent(a, b, metric)
    assert not rules_equivalent(a, rule({**LINEAR, "points": 20, "clamp": True}), metric)
    assert not rules_equivalent(a, rule({**LINEAR, "clamp": False}), metric)  # differ beyond 'best'
    # steps reaching 5 points at 36 months and 10 at 60 are not the linear rule (4 year: 5 vs 5 points, 42 month
    # (the midpoint of 36 and 48): 5 vs 2.5 points)
    steps = rule(
        {
            "type": "steps",
            "metric": "warranty_period",
            "steps": [{"min": "3 year", "points": 5}, {"min": "5 year", "points": 10}],
        }
    )
    assert not rules_equivalent(a, steps, metric)


def test_full_points_value() -> None:
    warranty = METRICS["warranty_period"]
    assert full_points_value(rule({**LINEAR, "clamp": True}), warranty) == 60.0
    steps = rule(
        {
            "type": "steps",
            "metric": "warranty_period",
            "steps": [{"min": "3 year", "points": 5}, {"min": "4 year", "points": 10}],
        }
    )
    assert full_points_value(steps, warranty) == 48.0
    energy = METRICS["typical_energy_consumption"]
    lin = rule(
        {
            "type": "linear",
            "metric": "typical_energy_consumption",
            "worst": "40 kWh / year",
            "best": "20 kWh / year",
            "points": 5,
            "clamp": True,
        }
    )
    assert full_points_value(lin, energy) == -20.0  # lower is better: the sign flips so that more demand is larger
    scale = rule({"type": "label_scale", "metric": "epeat_tier", "points": {"Bronze": 0, "Silver": 10, "Gold": 10}})
    assert full_points_value(scale, METRICS["epeat_tier"]) == 1.0  # Silver already earns the top score
    assert (
        full_points_value(rule({"type": "ratio_to_best", "metric": "warranty_period", "points": 5}), warranty) is None
    )
    # 50 EUR per month above 36 months, capped at 1000 EUR: the cap is reached at 36 + 1000 / 50 = 56 months
    euro = rule(
        {
            "type": "euro_value",
            "metric": "warranty_period",
            "value_per_unit": "50 EUR / month",
            "baseline": "36 month",
            "cap": "1000 EUR",
        }
    )
    assert full_points_value(euro, warranty) == pytest.approx(56.0)


def test_pointless_award_criteria() -> None:
    warranty = METRICS["warranty_period"]
    clamped = rule({**LINEAR, "clamp": True})
    assert pointless_under(clamped, warranty, Accepted(60.0, math.inf))  # every admissible offer earns 10
    assert pointless_under(clamped, warranty, Accepted(-math.inf, 36.0))  # every admissible offer earns 0
    assert not pointless_under(clamped, warranty, Accepted(59.0, math.inf))  # 59 months earn 9.58 points
    assert not pointless_under(rule({**LINEAR, "clamp": False}), warranty, Accepted(60.0, math.inf))
    euro = rule(
        {
            "type": "euro_value",
            "metric": "warranty_period",
            "value_per_unit": "50 EUR / month",
            "baseline": "36 month",
            "cap": "1000 EUR",
        }
    )
    assert pointless_under(euro, warranty, Accepted(56.0, math.inf))
    assert not pointless_under(euro, warranty, Accepted(55.0, math.inf))
    ratio = rule({"type": "ratio_to_best", "metric": "warranty_period", "points": 5})
    assert pointless_under(ratio, warranty, Accepted(48.0, 48.0))
    assert not pointless_under(ratio, warranty, Accepted(48.0))
    scale = rule({"type": "label_scale", "metric": "epeat_tier", "points": {"Bronze": 0, "Silver": 5, "Gold": 10}})
    tiers = METRICS["epeat_tier"]
    assert pointless_under(scale, tiers, Accepted(levels=frozenset({2})))
    assert not pointless_under(scale, tiers, Accepted(levels=frozenset({1, 2})))


def test_criterion_metric() -> None:
    assert criterion_metric(spec({"metric": "warranty_period", "min": "3 year"})) == "warranty_period"
    _s, award = catalogue.find_criterion("EPEAT.tier-award")
    assert criterion_metric(award) == "epeat_tier"
    _s, text_only = catalogue.find_criterion("EU-GPP-2021.TS8")
    assert criterion_metric(text_only) is None
