"""Scoring rules of award criteria, as data.

A rule says how an award criterion turns an offered value into points. The
field ``scoring`` of an award criterion is a union discriminated by ``type``,
so new rule types can be added without touching existing files. The formulas
themselves live in :mod:`circular_ict.scoring` (one function per rule, with its
source); here they are only declared and validated.
"""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ..errors import UnitError
from ._types import LocalizedText, MetricId, Model, QuantityValue, Text

__all__ = [
    "BooleanPointsRule",
    "LabelScaleRule",
    "LinearRule",
    "MonetaryValueRule",
    "RatioToBestRule",
    "ScoringRule",
    "Step",
    "StepsRule",
]

Points = Annotated[float, Field(gt=0)]


class _RuleBase(Model):
    description: LocalizedText | None = None
    """Optional explanation of the rule in words, per language."""


class LinearRule(_RuleBase):
    """Points grow linearly from ``worst`` (0 points) to ``best`` (``points``).

    ``clamp`` must be stated: ``true`` gives 0 points for values worse than
    ``worst`` and ``points`` for values better than ``best``; ``false``
    extends the line beyond both bounds, so points can be negative or exceed
    ``points`` (lawful in some practices, but it must be a declared choice).
    """

    type: Literal["linear"]
    metric: MetricId
    points: Points
    worst: QuantityValue
    best: QuantityValue
    clamp: bool

    @model_validator(mode="after")
    def _distinct_bounds(self) -> LinearRule:
        try:  # the same value in other words ('3 year', '36 month') is the same value too
            same = math.isclose(self.worst.to(self.best.unit), self.best.magnitude, rel_tol=1e-9)
        except UnitError:
            same = False  # units of different dimensions: the metric check reports the wrong one
        if same:
            raise PydanticCustomError(
                "invalid-value-combination",
                "'worst' ({worst}) and 'best' ({best}) are the same value",
                {
                    "worst": self.worst.text,
                    "best": self.best.text,
                    "hint": "give two different values; 'best' earns the full points",
                    "at": "best",
                },
            )
        return self


class RatioToBestRule(_RuleBase):
    """Points in proportion to the best offered value (relative to the other bids)."""

    type: Literal["ratio_to_best"]
    metric: MetricId
    points: Points


class Step(Model):
    """One step: a value at least ``min`` (or at most ``max``) earns ``points``."""

    min: QuantityValue | None = None
    max: QuantityValue | None = None
    points: Annotated[float, Field(ge=0)]

    @model_validator(mode="after")
    def _one_bound(self) -> Step:
        if (self.min is None) == (self.max is None):
            raise PydanticCustomError(
                "invalid-value-combination",
                "a step needs exactly one of 'min' and 'max'",
                {"hint": "write e.g. {min: '4 year', points: 10}"},
            )
        return self


class StepsRule(_RuleBase):
    """A table of steps; a value earns the points of the best step it reaches."""

    type: Literal["steps"]
    metric: MetricId
    steps: Annotated[list[Step], Field(min_length=1)]


class BooleanPointsRule(_RuleBase):
    """``points`` when a boolean metric holds (or the evidence is supplied), else 0."""

    type: Literal["yes_no"]
    metric: MetricId | None = None
    """The boolean metric; leave out when the criterion is met by supplying its evidence."""
    points: Points


class LabelScaleRule(_RuleBase):
    """Points per level of an ordinal metric or label, e.g. {bronze: 10, silver: 20, gold: 30}."""

    type: Literal["label_scale"]
    metric: MetricId
    points: Annotated[dict[Text, float], Field(min_length=1)]


class MonetaryValueRule(_RuleBase):
    """A euro value per unit of the metric beyond a baseline (for "gunnen op waarde").

    ``value_per_unit`` is e.g. ``"50 EUR / year"`` for each year of warranty
    beyond ``baseline``.
    """

    type: Literal["euro_value"]
    metric: MetricId
    value_per_unit: QuantityValue
    baseline: QuantityValue | None = None
    cap: QuantityValue | None = None
    """The highest euro value the criterion can be worth, if any."""


ScoringRule = Annotated[
    LinearRule | RatioToBestRule | StepsRule | BooleanPointsRule | LabelScaleRule | MonetaryValueRule,
    Field(discriminator="type"),
]
