"""Field types shared by the models: texts, ids, dates, quantities, thresholds.

Quantities stay as the author wrote them (``"36 month"``): the model keeps a
:class:`~circular_ict.units.Quantity` whose ``text`` is dumped back unchanged,
and whose magnitude converts through cached factors. Whether the unit fits the
metric is checked later, against the metric vocabulary
(:mod:`circular_ict.checks`), because a metric may be defined in another file.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, GetCoreSchemaHandler, GetJsonSchemaHandler, StringConstraints
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from ..errors import UnitError
from ..units import Quantity, parse_quantity, quantity_pattern

__all__ = [
    "CriterionId",
    "EqualsValue",
    "IsoDate",
    "LanguageCode",
    "LocalizedText",
    "MetricId",
    "Model",
    "ParameterRef",
    "QuantityValue",
    "Text",
    "Threshold",
]


class Model(BaseModel):
    """Base of every model: unknown keys are errors, no type coercion, immutable."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        strict=True,
        allow_inf_nan=False,
        validate_default=False,
        use_attribute_docstrings=True,
    )


#: Non-empty text.
Text = Annotated[str, StringConstraints(strict=True, min_length=1, strip_whitespace=False)]
#: A two-letter ISO 639-1 language code such as ``en`` or ``nl``.
LanguageCode = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z]{2}$")]
#: A text in several languages, by language code: ``{en: ..., nl: ...}``.
LocalizedText = dict[LanguageCode, Text]
#: An id of a criterion, set or product group: letters, digits, ``.``, ``_`` and ``-``.
CriterionId = Annotated[str, StringConstraints(strict=True, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=120)]
#: A metric id in snake_case, such as ``warranty_period``.
MetricId = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z][a-z0-9_]*$", max_length=80)]

_ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _validate_date(value: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DATE_RE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise PydanticCustomError(
                "invalid-format",
                "'{value}' is not a valid date: {reason}",
                {"value": value, "reason": str(exc), "hint": "write a date as YYYY-MM-DD, e.g. 2021-03-05"},
            ) from None
    raise PydanticCustomError(
        "invalid-format",
        "expected a date written as YYYY-MM-DD, got '{value}'",
        {"value": value, "hint": "write a date as YYYY-MM-DD, e.g. 2021-03-05"},
    )


class _IsoDateMarker:
    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            _validate_date, serialization=core_schema.plain_serializer_function_ser_schema(lambda d: d.isoformat())
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "format": "date", "pattern": _ISO_DATE_RE.pattern}


#: A calendar date written ``YYYY-MM-DD`` (no timestamps, no numbers).
IsoDate = Annotated[dt.date, _IsoDateMarker]

#: The JSON Schema pattern of a quantity written as text, generated from the unit registry: a
#: string matches it iff :func:`~circular_ict.units.parse_quantity` accepts it (bar float overflow).
QUANTITY_PATTERN = quantity_pattern()


def quantity_from_input(value: Any) -> Quantity:
    """Turn YAML input into a Quantity, raising pydantic errors with our codes."""
    if isinstance(value, Quantity):
        return value
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise PydanticCustomError(
            "wrong-type",
            "expected a quantity such as '3 year', got {kind}",
            {"kind": _describe_input(value), "hint": "write a number followed by a unit, e.g. '36 month'"},
        )
    try:
        return parse_quantity(value)
    except UnitError as exc:
        template = "{problem}: '{text}'" if exc.text else "{problem}"
        raise PydanticCustomError(
            exc.code, template, {"problem": exc.problem, "text": exc.text, "hint": exc.hint}
        ) from None


def _describe_input(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if value is None:
        return "nothing (null)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} '{value}'"


def _serialize_quantity(q: Quantity) -> str | float | int:
    if q.unit:
        return q.text
    return (
        int(q.magnitude)
        if q.magnitude.is_integer() and "." not in q.text and "e" not in q.text.lower()
        else q.magnitude
    )


_QUANTITY_JSON: dict[str, Any] = {
    "anyOf": [
        {"type": "number"},
        {"type": "string", "pattern": QUANTITY_PATTERN},
    ],
    "description": "A quantity: a number followed by a unit, e.g. '3 year', '180 kg CO2e', '25 %'.",
}


class _QuantityMarker:
    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            quantity_from_input,
            serialization=core_schema.plain_serializer_function_ser_schema(_serialize_quantity),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return dict(_QUANTITY_JSON)


#: A quantity as written in YAML: ``"3 year"`` (or a bare number for dimensionless metrics).
QuantityValue = Annotated[Quantity, _QuantityMarker]


@dataclass(frozen=True)
class ParameterRef:
    """A threshold left to the tender: ``{parameter: warranty_years}``."""

    parameter: str


_PARAM_RE = re.compile(r"^[a-z][a-z0-9_]*$")


def _threshold_from_input(value: Any) -> Quantity | ParameterRef:
    if isinstance(value, ParameterRef):
        return value
    if isinstance(value, dict):
        extra = sorted(set(value) - {"parameter"})
        if extra:
            raise PydanticCustomError(
                "unknown-key",
                "unknown key '{key}' in a parameter reference",
                {"key": extra[0], "hint": "a parameter reference has one key: {parameter: name}"},
            )
        name = value.get("parameter")
        if not isinstance(name, str) or not _PARAM_RE.match(name):
            raise PydanticCustomError(
                "invalid-format",
                "a parameter reference needs a snake_case name, got '{value}'",
                {"value": name, "hint": "write {parameter: warranty_period_min}"},
            )
        return ParameterRef(name)
    return quantity_from_input(value)


def _serialize_threshold(value: Quantity | ParameterRef) -> Any:
    if isinstance(value, ParameterRef):
        return {"parameter": value.parameter}
    return _serialize_quantity(value)


class _ThresholdMarker:
    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            _threshold_from_input,
            serialization=core_schema.plain_serializer_function_ser_schema(_serialize_threshold),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "anyOf": [
                *_QUANTITY_JSON["anyOf"],
                {
                    "type": "object",
                    "properties": {"parameter": {"type": "string", "pattern": _PARAM_RE.pattern}},
                    "required": ["parameter"],
                    "additionalProperties": False,
                },
            ],
            "description": "A quantity such as '3 year', or {parameter: name} when the tender sets the value.",
        }


#: A bound of a requirement: a quantity, or a parameter the tender sets.
Threshold = Annotated[Quantity | ParameterRef, _ThresholdMarker]


def _equals_from_input(value: Any) -> bool | Quantity:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in {"yes", "no", "on", "off", "y", "n"}:
        raise PydanticCustomError(
            "wrong-type",
            "expected true, false or a quantity, got the text '{value}'",
            {"value": value, "hint": "write true or false; circular_ict reads YAML 1.2, where yes/no/on/off are text"},
        )
    try:
        return quantity_from_input(value)
    except PydanticCustomError as exc:
        if exc.type == "wrong-type":
            raise PydanticCustomError(
                "wrong-type",
                "expected true, false or a quantity, got {kind}",
                {"kind": _describe_input(value), "hint": "write equals: true, or equals: '2 year'"},
            ) from None
        raise


class _EqualsMarker:
    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            _equals_from_input,
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda v: v if isinstance(v, bool) else _serialize_quantity(v)
            ),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "anyOf": [{"type": "boolean"}, *_QUANTITY_JSON["anyOf"]],
            "description": "true or false for a boolean metric, or a quantity.",
        }


#: The value of ``equals``: a boolean, or a quantity.
EqualsValue = Annotated[bool | Quantity, _EqualsMarker]
