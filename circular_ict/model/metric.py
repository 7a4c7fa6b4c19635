"""The metric vocabulary: what can be measured about an ICT product or service.

Criteria and bids refer to metrics by id, so a requirement such as "warranty
period at least 36 month" is checked against the metric's unit by dimension.
A metric is one of three types:

* ``quantity``: a number with a unit (``unit`` is the canonical unit);
* ``boolean``: holds or not (e.g. battery user-replaceable);
* ``ordinal``: an ordered scale of ``levels`` from lowest to highest (e.g. an
  energy label class).

``better`` says which direction is preferable: ``higher`` or ``lower``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from ..errors import UnitError
from ..units import parse_unit
from ._types import LocalizedText, MetricId, Model, Text

__all__ = ["BooleanMetric", "Metric", "MetricVocabulary", "OrdinalMetric", "QuantityMetric"]

Direction = Literal["higher", "lower"]


class _MetricBase(Model):
    id: MetricId
    """Unique snake_case id, referenced by criteria and bids."""
    name: LocalizedText
    """Short name, per language."""
    description: LocalizedText
    """Definition: what is measured, how, and at which point of the product's life."""
    references: list[Text] = []
    """Standards or documents that define the measurement (e.g. 'IEC 61960-3')."""


class QuantityMetric(_MetricBase):
    """A metric measured as a number with a unit."""

    type: Literal["quantity"]
    unit: Text
    """The canonical unit, e.g. 'month', 'kWh / year', 'kg CO2e'; values in compatible units convert to it."""
    better: Direction
    """Whether a higher or a lower value is preferable."""

    @field_validator("unit")
    @classmethod
    def _unit_is_known(cls, value: str) -> str:
        if not value.strip():
            raise PydanticCustomError(
                "invalid-format",
                "the unit is blank",
                {"hint": "write a unit such as 'year' or 'kWh', or 'dimensionless' for a plain number"},
            )
        try:
            parse_unit(value)
        except UnitError as exc:
            template = "{problem}" if repr(value) in exc.problem else "{problem}: '{text}'"
            raise PydanticCustomError(
                exc.code, template, {"problem": exc.problem, "text": value, "hint": exc.hint}
            ) from None
        return value


class BooleanMetric(_MetricBase):
    """A metric that holds or not; ``true`` is the preferable value."""

    type: Literal["boolean"]


class OrdinalMetric(_MetricBase):
    """A metric on an ordered scale."""

    type: Literal["ordinal"]
    levels: Annotated[list[Text], Field(min_length=2)]
    """The levels from lowest to highest, e.g. [G, F, E, D, C, B, A]."""
    better: Direction

    @field_validator("levels")
    @classmethod
    def _levels_unique(cls, levels: list[str]) -> list[str]:
        for i, level in enumerate(levels):
            if level in levels[:i]:  # point at the second occurrence
                raise PydanticCustomError(
                    "duplicate-id",
                    "the level '{level}' appears twice",
                    {"level": level, "hint": "list every level once, from lowest to highest", "at": i},
                )
        return levels


Metric = Annotated[QuantityMetric | BooleanMetric | OrdinalMetric, Field(discriminator="type")]


class MetricVocabulary(Model):
    """A file of metric definitions (the bundled one is ``criteria/metrics.yaml``)."""

    title: LocalizedText
    version: Text
    metrics: Annotated[list[Metric], Field(min_length=1)]
