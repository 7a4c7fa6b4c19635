"""Supplier bids: what a supplier offers in a tender, with its evidence.

A bid file holds one :class:`Bid`: the supplier, the total evaluated price,
the offered products (:class:`Offer`) with their metric values, the
supplier's commitments (bid-level values such as a take-back rate), the
evidence (labels, certificates, test reports) and, filled in by the
evaluation committee, the assessments of judgement-based criteria.

Metric values stay as written (``"3 year"``, ``true``, ``"Gold"``): the model
only knows that a value is a boolean, a quantity or a text. Whether it fits
its metric (a boolean metric takes ``true``/``false``, an ordinal metric one of
its levels, a quantity metric a quantity of the right dimension) is checked
against the metric vocabulary by :func:`circular_ict.bids.check_bid`, because
a tender may define metrics of its own. A metric that a bid does not mention
is *not demonstrated*: it is never read as zero.
"""

from __future__ import annotations

import math
from typing import Annotated, Any

from pydantic import Field, GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from ..errors import UnitError
from ..units import Quantity, parse_quantity
from ._types import (
    CriterionId,
    IsoDate,
    MetricId,
    Model,
    QuantityValue,
    Text,
    _describe_input,
    _serialize_quantity,
)
from .criterion import Evidence as EvidenceType

__all__ = ["AssessmentValue", "Bid", "Evidence", "MetricValue", "Offer"]


# --------------------------------------------------------------------------- metric values


def _metric_value_from_input(value: Any) -> bool | Quantity | str:
    """A boolean stays a boolean; a number or a text that reads as a quantity becomes a Quantity; other text stays text.

    Text that cannot be a level name either (a decimal comma, NaN, infinity) is refused here;
    anything else that is not a quantity (``"Gold"``, ``"3 yaer"``) is kept as text and checked
    against the metric's type later, so that the message can say what the metric expects.
    """
    if isinstance(value, (bool, Quantity)):
        return value
    if isinstance(value, (int, float)):
        try:
            return parse_quantity(value)
        except UnitError as exc:
            raise PydanticCustomError(exc.code, "{problem}", {"problem": exc.problem, "hint": exc.hint}) from None
    if isinstance(value, str):
        if not value.strip():
            raise PydanticCustomError(
                "invalid-format", "the value is empty", {"hint": "write the value, or leave the metric out"}
            )
        try:
            return parse_quantity(value)
        except UnitError as exc:
            if exc.code in ("decimal-comma", "not-finite"):
                raise PydanticCustomError(
                    exc.code, "{problem}: '{text}'", {"problem": exc.problem, "text": exc.text, "hint": exc.hint}
                ) from None
            return value
    raise PydanticCustomError(
        "wrong-type",
        "expected true, false, a level name or a quantity, got {kind}",
        {"kind": _describe_input(value), "hint": "write e.g. true, 'Gold' or '36 month'"},
    )


def _serialize_metric_value(value: bool | Quantity | str) -> Any:
    if isinstance(value, Quantity):
        return _serialize_quantity(value)
    return value


class _MetricValueMarker:
    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            _metric_value_from_input,
            serialization=core_schema.plain_serializer_function_ser_schema(_serialize_metric_value),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "anyOf": [{"type": "boolean"}, {"type": "number"}, {"type": "string", "minLength": 1}],
            "description": "true or false (boolean metrics), a level name (ordinal metrics, e.g. 'Gold'), "
            "or a quantity (quantity metrics, e.g. '36 month', '180 kg CO2e', '95 %').",
        }


#: The value of a metric in a bid, as written: a boolean, a :class:`~circular_ict.units.Quantity`,
#: or a text (a level name of an ordinal metric).
MetricValue = Annotated[bool | Quantity | str, _MetricValueMarker]


def _assessment_from_input(value: Any) -> str | int | float:
    if isinstance(value, str) and value.strip():
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, float) and not math.isfinite(value):
            raise PydanticCustomError("not-finite", "NaN and infinity are not allowed", {"hint": "write a number"})
        return value
    raise PydanticCustomError(
        "wrong-type",
        "expected a text or a number, got {kind}",
        {"kind": "an empty text" if isinstance(value, str) else _describe_input(value), "hint": "write e.g. 7 or good"},
    )


class _AssessmentMarker:
    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(_assessment_from_input)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "anyOf": [{"type": "number"}, {"type": "string", "minLength": 1}],
            "description": "The committee's assessment: a mark (e.g. 7) or a level name (e.g. 'good').",
        }


#: An assessment by the evaluation committee: a number (a mark) or a text (a level name).
AssessmentValue = Annotated[str | int | float, _AssessmentMarker]


# --------------------------------------------------------------------------- the models


class Evidence(Model):
    """A document that proves a value or a commitment: a label, a certificate, a test report..."""

    type: EvidenceType
    """What kind of document it is (the evidence types of a criterion's ``verification``)."""
    name: Text
    """The label, certificate or document, e.g. 'TCO Certified Generation 10', 'EPEAT Gold'."""
    valid_until: IsoDate | None = None
    """The last day the label or certificate is valid (YYYY-MM-DD)."""
    reference: Text | None = None
    """A certificate number, registry id or web address where the evidence can be checked."""


class Offer(Model):
    """One offered product (or service) and its metric values."""

    product_group: CriterionId
    """The product group of the offered product, e.g. 'notebooks' (see criteria/products.yaml)."""
    name: Text
    """The model name, e.g. 'Contoso Book 14 G5'."""
    quantity: Annotated[int, Field(gt=0)] = 1
    """How many units are offered."""
    unit_price: QuantityValue | None = None
    """The price of one unit, in euro (e.g. '899 EUR'); informative: the bid's ``price`` is what is scored."""
    refurbished: bool = False
    """Whether the offered units are refurbished (used, restored and tested) rather than new."""
    values: dict[MetricId, MetricValue] = {}
    """The product's metric values by metric id: true/false, a level name, or a quantity in any compatible unit."""
    evidence: list[Evidence] = []
    """Documents that prove the product's values (labels, test reports, product carbon footprints)."""


class Bid(Model):
    """One supplier's bid (one file per bid)."""

    id: CriterionId
    """The bid's id, unique within the tender (or the lot)."""
    supplier: Text
    """The supplier's name as it appears in the award decision."""
    lot: Text | None = None
    """The lot the bid is for, when the tender is divided into lots."""
    submitted: IsoDate | None = None
    """The date the bid was submitted (YYYY-MM-DD); evidence must be valid on it."""
    price: QuantityValue
    """The total evaluated price of the bid, in euro (e.g. '125000 EUR'); more than zero."""
    offers: Annotated[list[Offer], Field(min_length=1)]
    """The offered products; at least one."""
    values: dict[MetricId, MetricValue] = {}
    """The supplier's commitments that are not about one product, e.g. take_back_rate: '95 %'."""
    evidence: list[Evidence] = []
    """Documents that prove the commitments (certificates, contract records, audit reports)."""
    assessments: dict[CriterionId, AssessmentValue] = {}
    """Filled in by the evaluation committee, not by the supplier: the assessment of each judgement-based
    criterion (e.g. the quality of a take-back plan), by criterion id, as a mark or a level name."""
