"""JSON Schemas of the file formats, generated from the models.

The schemas are committed in ``circular_ict/schemas/`` (so editors and other
tools can use them without Python) and a test checks they match the models.
Regenerate them with ``python -m circular_ict.schema``.

Generation post-processes pydantic's output so that validators give precise
errors: a discriminated union (``oneOf`` + ``discriminator``) becomes
``if``/``then`` per tag, which is valid in draft-07 too, and the constraints
pydantic checks in model validators (a requirement has exactly one form, a
step exactly one bound) are added as schema keywords.

It also makes the schema as strict as the loader where JSON Schema can say it:
quantities and metric units must match patterns generated from the unit
registry (so an editor flags '36 maand' or 'kg CO2'), the levels of an ordinal
metric are unique, and numbers are finite (YAML's .nan and .inf are refused).
What stays with the loader: references to other files (metrics, product
groups), comparisons between values (min above max, worst equal to best),
duplicate keys and ids, and numbers beyond the float range ('1e999 kWh').
"""

from __future__ import annotations

import functools
import json
from importlib.resources import files
from typing import Any

from pydantic.json_schema import GenerateJsonSchema

__all__ = ["SCHEMA_IDS", "generate_schema", "json_schema", "validator"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: The ``$id`` of each document type's schema.
SCHEMA_IDS: dict[str, str] = {
    "criteria-set": "urn:circular-ict:schema:criteria-set:1",
    "metric-vocabulary": "urn:circular-ict:schema:metric-vocabulary:1",
    "product-catalogue": "urn:circular-ict:schema:product-catalogue:1",
    "level-schemes": "urn:circular-ict:schema:level-schemes:1",
    "tender": "urn:circular-ict:schema:tender:1",
    "bid": "urn:circular-ict:schema:bid:1",
    "co2-defaults": "urn:circular-ict:schema:co2-defaults:1",
}


class _Generator(GenerateJsonSchema):
    def generate(self, schema: Any, mode: Any = "validation") -> Any:
        out = super().generate(schema, mode=mode)
        return {"$schema": self.schema_dialect, **out}


def _rewrite_unions(node: Any) -> Any:
    """Replace ``oneOf`` + ``discriminator`` by ``if``/``then`` per tag (recursively)."""
    if isinstance(node, list):
        return [_rewrite_unions(n) for n in node]
    if not isinstance(node, dict):
        return node
    node = {k: _rewrite_unions(v) for k, v in node.items()}
    disc = node.pop("discriminator", None)
    if disc is not None and "oneOf" in node:
        prop = disc["propertyName"]
        mapping: dict[str, str] = disc["mapping"]
        node.pop("oneOf")
        node.update(
            {
                "type": "object",
                "required": [prop],
                "properties": {prop: {"enum": list(mapping)}},
                "allOf": [
                    {"if": {"properties": {prop: {"const": tag}}, "required": [prop]}, "then": {"$ref": ref}}
                    for tag, ref in mapping.items()
                ],
            }
        )
    return node


def _present(key: str) -> dict[str, Any]:
    return {"required": [key], "properties": {key: {"not": {"type": "null"}}}}


def _add_constraints(schema: dict[str, Any]) -> None:
    defs = schema.get("$defs", {})
    if "Requirement" in defs:
        forms = ["min", "max", "equals", "min_level", "one_of"]
        exclusive = ["equals", "min_level", "one_of"]
        defs["Requirement"]["anyOf"] = [_present(k) for k in forms]
        defs["Requirement"]["allOf"] = [
            {"if": _present(k), "then": {"properties": {o: {"type": "null"} for o in forms if o != k}}}
            for k in exclusive
        ]
    if schema.get("title") == "CriteriaSet":
        schema["anyOf"] = [
            {"required": [key], "properties": {key: {"type": "array", "minItems": 1}}}
            for key in ("criteria", "references")
        ]
    if "Step" in defs:
        defs["Step"]["oneOf"] = [_present("min"), _present("max")]


#: The largest finite float: JSON Schema bounds that refuse the infinities YAML can write (.inf).
_FLOAT_MAX = 1.7976931348623157e308

#: Numbers that pass both bounds: none but NaN, on which every comparison is false.
_NAN: dict[str, Any] = {
    "description": "NaN (.nan in YAML): every finite number fails one of these bounds, NaN fails neither.",
    "minimum": 1,
    "maximum": 0,
}


def _finite_numbers(node: Any, defs: dict[str, Any]) -> None:
    """Make every ``number`` schema refuse NaN and the infinities, as the models do (``allow_inf_nan=False``)."""
    if isinstance(node, list):
        for item in node:
            _finite_numbers(item, defs)
    elif isinstance(node, dict):
        for value in list(node.values()):
            _finite_numbers(value, defs)
        if node.get("type") == "number":
            if "maximum" not in node and "exclusiveMaximum" not in node:
                node["maximum"] = _FLOAT_MAX
            if "minimum" not in node and "exclusiveMinimum" not in node:
                node["minimum"] = -_FLOAT_MAX
            node["not"] = {"$ref": "#/$defs/NaN"}
            defs["NaN"] = _NAN


def _shared_quantity_pattern(node: Any, defs: dict[str, Any]) -> Any:
    """Replace each copy of the (long) quantity pattern by a reference to one definition."""
    from .model._types import QUANTITY_PATTERN

    if isinstance(node, list):
        return [_shared_quantity_pattern(n, defs) for n in node]
    if not isinstance(node, dict):
        return node
    if node == {"type": "string", "pattern": QUANTITY_PATTERN}:
        defs["QuantityText"] = {
            "type": "string",
            "pattern": QUANTITY_PATTERN,
            "description": "A number and a unit of the unit registry, e.g. '3 year', '180 kg CO2e', '25 %'.",
        }
        return {"$ref": "#/$defs/QuantityText"}
    return {k: _shared_quantity_pattern(v, defs) for k, v in node.items()}


def _unit_constraints(defs: dict[str, Any]) -> None:
    from .units import unit_pattern

    if "QuantityMetric" in defs:
        defs["QuantityMetric"]["properties"]["unit"]["pattern"] = unit_pattern()
    if "OrdinalMetric" in defs:
        defs["OrdinalMetric"]["properties"]["levels"]["uniqueItems"] = True


def generate_schema(kind: str) -> dict[str, Any]:
    """Build the schema of a document type from the models."""
    from .validation import DOCUMENT_TYPES

    model = DOCUMENT_TYPES[kind][1]
    schema: dict[str, Any] = _rewrite_unions(model.model_json_schema(schema_generator=_Generator, mode="validation"))
    schema["$id"] = SCHEMA_IDS[kind]
    _add_constraints(schema)
    _unit_constraints(schema.get("$defs", {}))
    shared: dict[str, Any] = {}  # definitions the post-processing adds
    _finite_numbers(schema, shared)
    schema = _shared_quantity_pattern(schema, shared)
    schema["$defs"] = dict(sorted({**schema.get("$defs", {}), **shared}.items()))
    return schema


def schema_file(kind: str) -> str:
    return f"{kind}.schema.json"


@functools.cache
def json_schema(kind: str = "criteria-set") -> dict[str, Any]:
    """The committed schema of a document type (``criteria-set``, ``metric-vocabulary``, ``product-catalogue``)."""
    text = files("circular_ict").joinpath("schemas", schema_file(kind)).read_text(encoding="utf-8")
    data = json.loads(text)
    assert isinstance(data, dict)
    return data


@functools.cache
def validator(kind: str = "criteria-set") -> Any:
    """A reusable ``Draft202012Validator`` for the schema, with format checks and no remote ``$ref`` fetching."""
    from jsonschema import Draft202012Validator  # type: ignore[import-untyped,unused-ignore]
    from referencing import Registry, Resource

    schema = json_schema(kind)
    registry: Registry[Any] = Registry().with_resource(schema["$id"], Resource.from_contents(schema))
    return Draft202012Validator(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


def render(kind: str) -> str:
    """The schema as committed: indented JSON with a final newline."""
    return json.dumps(generate_schema(kind), indent=2, ensure_ascii=False) + "\n"


def main() -> None:
    """Regenerate the committed schemas."""
    from pathlib import Path

    from .safeio import write_text_atomic

    folder = Path(__file__).parent / "schemas"
    for kind in SCHEMA_IDS:
        write_text_atomic(folder / schema_file(kind), render(kind))
        print(f"wrote {folder / schema_file(kind)}")


if __name__ == "__main__":
    main()
