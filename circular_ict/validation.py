"""From a YAML file to a validated model, with every problem located.

The steps: :func:`~circular_ict.yamlio.load_yaml` (syntax, duplicate keys,
limits, YAML 1.1 traps), then the pydantic models (structure, types, units),
then :mod:`circular_ict.checks` (references between documents: metrics,
product groups, parameters, languages, dimensions). Pydantic's error
locations are mapped back onto the YAML nodes: tags of discriminated unions
are stripped, missing keys are placed at the mapping that lacks them, unknown
keys at the key itself, and model-level errors at the model's node.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from .checks import check_criteria_items, check_document
from .diagnostics import CODES, Diagnostic, FileReport, Report, sort_diagnostics, suggest
from .errors import DocumentError
from .model import CriteriaSet, LevelSchemes, MetricVocabulary, ProductCatalogue
from .model.bid import Bid
from .model.co2_defaults import Co2Defaults, check_co2_defaults
from .model.products import CPV_PATTERN
from .model.tender import Tender
from .yamlio import Limits, YamlDocument, load_yaml

__all__ = [
    "DOCUMENT_TYPES",
    "load_criteria_set",
    "load_document",
    "load_tender",
    "validate",
    "validate_file",
]

M = TypeVar("M", bound=BaseModel)

#: The file types circular_ict reads, by name, with the top-level key that identifies them.
DOCUMENT_TYPES: dict[str, tuple[str, type[BaseModel]]] = {
    "tender": ("award", Tender),  # first: a tender also has a 'criteria' key
    "criteria-set": ("criteria", CriteriaSet),
    "metric-vocabulary": ("metrics", MetricVocabulary),
    "product-catalogue": ("product_groups", ProductCatalogue),
    "level-schemes": ("schemes", LevelSchemes),
    "bid": ("supplier", Bid),
    "co2-defaults": ("device_defaults", Co2Defaults),
}
YAML_SUFFIXES = (".yaml", ".yml")


def detect_type(data: Any) -> str | None:
    """The document type of loaded data.

    The type whose identifying key is present wins; otherwise the type whose
    fields cover most of the top-level keys (at least two), so that a criteria
    set that lacks its ``criteria:`` is reported as such, not as unknown.
    """
    if not isinstance(data, dict):
        return None
    for name, (key, _model) in DOCUMENT_TYPES.items():
        if key in data:
            return name
    overlap = {name: len(set(model.model_fields) & set(data)) for name, (_key, model) in DOCUMENT_TYPES.items()}
    best = max(overlap, key=lambda n: overlap[n])
    ties = [n for n, v in overlap.items() if v == overlap[best]]
    return best if overlap[best] >= 2 and len(ties) == 1 else None


def load_document(
    source: str | Path | bytes,
    *,
    file: str | None = None,
    expect: str | None = None,
    limits: Limits | None = None,
) -> tuple[BaseModel | None, FileReport]:
    """Load and validate one file; return the model (None if invalid) and its report.

    ``source`` is a path, or the YAML text (``str``) or bytes; ``file`` names
    text sources in diagnostics. ``expect`` forces a document type (a key of
    :data:`DOCUMENT_TYPES`) instead of detecting it from the top-level keys.
    """
    doc = load_yaml(source, file=file, limits=limits)
    if not doc.ok:
        return None, FileReport(doc.file, sort_diagnostics(doc.diagnostics))
    kind = expect or detect_type(doc.data)
    if kind is None:
        keys = sorted(k for k, _ in DOCUMENT_TYPES.values())
        found = (
            ", ".join(repr(k) for k in list(doc.data)[:5]) if isinstance(doc.data, dict) else type(doc.data).__name__
        )
        doc.diagnostics.append(
            doc.diagnostic(
                "unknown-document", f"expected a mapping with one of the keys {', '.join(keys)}; found {found}"
            )
        )
        return None, FileReport(doc.file, sort_diagnostics(doc.diagnostics))
    model_cls = DOCUMENT_TYPES[kind][1]
    model, diagnostics = validate_data(doc, model_cls)
    if model is not None:
        diagnostics.extend(check_document(model, doc))
    elif kind == "criteria-set":
        diagnostics.extend(check_criteria_items(doc))
    if isinstance(model, Co2Defaults):
        diagnostics.extend(check_co2_defaults(model, doc))
    if kind == "bid":  # the bid checks live with the bid loaders
        from .bids import check_bid_document

        diagnostics.extend(check_bid_document(doc, model if isinstance(model, Bid) else None))
    report = FileReport(doc.file, sort_diagnostics([*doc.diagnostics, *diagnostics]), kind)
    return (model if report.valid else None), report


def validate_data(doc: YamlDocument, model_cls: type[M]) -> tuple[M | None, list[Diagnostic]]:
    """Validate ``doc.data`` against a model; map every pydantic error to a diagnostic."""
    try:
        return _adapter(model_cls).validate_python(doc.data), []
    except ValidationError as exc:
        found = [pydantic_diagnostic(doc, err, model_cls) for err in exc.errors(include_url=False)]
        return None, _merge_split_texts(found)


_LANGUAGE_HINT = "expected a two-letter language code such as en or nl"  # see _PATTERN_HINTS


def _merge_split_texts(found: list[Diagnostic]) -> list[Diagnostic]:
    """One clear error for ``{en: A, nl: B, C}``: a comma in a text split it into a key 'C' without value.

    Pydantic reports the key (not a language code) and its missing value separately; keep the first, say why.
    """
    bad_keys = {d.path for d in found if d.code == "invalid-format" and d.hint == _LANGUAGE_HINT}
    out = []
    for d in found:
        if d.path in bad_keys and d.code == "wrong-type" and "nothing (null)" in d.message:
            continue
        if d.path in bad_keys and d.code == "invalid-format":
            key = d.path.rsplit(".", 1)[-1]
            d = dataclasses.replace(
                d,
                message=f"{key!r} is not a language code",
                hint="in a {...} mapping a comma separates entries: if a text contains a comma, quote it "
                "('Lifespan, reuse'); language codes are two letters such as en or nl",
            )
        out.append(d)
    return out


_ADAPTERS: dict[type[Any], TypeAdapter[Any]] = {}


def _adapter(model_cls: type[M]) -> TypeAdapter[M]:
    adapter = _ADAPTERS.get(model_cls)
    if adapter is None:
        adapter = _ADAPTERS[model_cls] = TypeAdapter(model_cls)
    return adapter


def validate_file(path: str | Path, *, limits: Limits | None = None) -> FileReport:
    """Validate one file (of any circular_ict document type, or a bid table: ``.csv`` or ``.xlsx``)."""
    from .bids import TABLE_SUFFIXES

    if Path(path).suffix.lower() in TABLE_SUFFIXES:
        from .bids import validate_bid_table

        return validate_bid_table(path, limits=limits)[1]
    return load_document(Path(path), limits=limits)[1]


def _expand(paths: Iterable[str | Path]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.suffix in YAML_SUFFIXES and f.is_file()))
        else:
            files.append(p)
    return files


def validate(*paths: str | Path, limits: Limits | None = None) -> Report:
    """Validate files and folders (every ``*.yaml``/``*.yml`` inside, recursively).

    A file named directly may also be a bid table (``.csv``, ``.xlsx``); folders are searched for YAML
    files only, so that other CSV files next to the criteria are not read as bids.
    """
    return Report.of(validate_file(f, limits=limits) for f in _expand(paths))


def load_criteria_set(source: str | Path, *, limits: Limits | None = None) -> CriteriaSet:
    """Load a criteria set from a path; raise :class:`DocumentError` if it is invalid.

    A ``str`` is taken as a path; use :func:`loads_criteria_set` for YAML text.
    """
    return _load_as(Path(source), "criteria-set", limits, CriteriaSet)


def load_tender(source: str | Path, *, limits: Limits | None = None) -> Tender:
    """Load a tender file; raise :class:`DocumentError` with every diagnostic if it is invalid."""
    return _load_as(Path(source), "tender", limits, Tender)


def loads_criteria_set(text: str, *, file: str = "<string>", limits: Limits | None = None) -> CriteriaSet:
    """Load a criteria set from YAML text; raise :class:`DocumentError` if it is invalid."""
    return _load_as(text, "criteria-set", limits, CriteriaSet, file=file)


def _load_as(source: str | Path, kind: str, limits: Limits | None, cls: type[M], *, file: str | None = None) -> M:
    model, report = load_document(source, expect=kind, limits=limits, file=file)
    if model is None:
        raise DocumentError(Report.of([report]))
    assert isinstance(model, cls)
    return model


# --------------------------------------------------------------------------- pydantic -> diagnostics

_TYPE_NAMES = {
    "string_type": "text",
    "float_type": "a number",
    "int_type": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "dataclass_type": "a mapping",
}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _data_path(data: Any, loc: Sequence[str | int]) -> tuple[list[str | int], bool]:
    """Strip union tags and other non-data parts from a pydantic ``loc``.

    Returns the path through the data and whether the last part names a key
    that is absent (a missing field).
    """
    path: list[str | int] = []
    node = data
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        in_dict = isinstance(node, dict) and isinstance(part, str) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            path.append(part)
            node = node[part]
        elif isinstance(node, dict) and last and isinstance(part, str):
            return [*path, part], True
        # anything else is a union member name or a tag: not part of the document
    return path, False


def pydantic_diagnostic(doc: YamlDocument, err: ErrorDetails, model_cls: type[BaseModel]) -> Diagnostic:
    """One pydantic error as a located diagnostic with our code, message and hint."""
    loc = err["loc"]
    path, missing = _data_path(doc.data, loc)
    etype = err["type"]
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    value = err.get("input")
    hint: str | None = ctx.get("hint")
    key = False
    if missing and etype != "missing":
        # The last part of ``loc`` is a union tag (a model validator's error), not an absent key.
        path, missing = path[:-1], False

    if etype == "extra_forbidden":
        code, key = "unknown-key", True
        name = str(path[-1]) if path else "?"
        allowed = _allowed_keys(model_cls, loc[:-1], doc.data)
        close = suggest(name, allowed)
        owners = _kinds_with_field(model_cls, loc[:-1], doc.data, name)
        message = f"unknown key {name!r}"
        if _COMMA_SPLIT_RE.match(name):  # {min: 2,5 year} reads as {min: 2, '5 year': null}
            hint = (
                "in a {...} mapping a comma separates entries: a decimal comma split the value here; "
                "write the number with a point (2.5 year) or quote the value"
            )
        elif owners:  # a key of another kind is not a typo, even when it looks like an allowed key
            tag = _tag_of(_value_at(doc.data, path[:-1]))
            hint = f"{name!r} belongs to {' or '.join(owners)}" + (f", not {tag}" if tag else "")
            hint += "; allowed keys here: " + ", ".join(allowed)
        elif close:
            hint = f"did you mean {close!r}?"
        elif allowed:
            hint = "allowed keys here: " + ", ".join(allowed)
    elif etype == "missing":
        code = "missing-key"
        name = str(loc[-1]) if loc else "?"
        message = f"missing required key {name!r}"
        path = path[:-1] if missing else path
        hint = f"add '{name}:'"
    elif etype in ("union_tag_invalid", "literal_error", "enum"):
        code = "invalid-kind" if etype == "union_tag_invalid" else "invalid-value"
        expected = _expected_values(ctx)
        tag = ctx.get("tag", value)
        if etype == "union_tag_invalid":
            path = [*path, ctx.get("discriminator", "").strip("'")] if ctx.get("discriminator") else path
            tag = _value_at(doc.data, path) if ctx.get("discriminator") else tag
        message = f"{_describe(tag)} is not allowed; expected one of: {', '.join(expected)}"
        close = suggest(tag, expected, cutoff=0.5) if isinstance(tag, str) else None
        hint = f"did you mean {close!r}?" if close else hint
        if not isinstance(tag, str):
            code, message = "wrong-type", f"expected one of: {', '.join(expected)}; got {_describe(tag)}"
    elif etype == "union_tag_not_found":
        code = "missing-key"
        disc = str(ctx.get("discriminator", "kind")).strip("'")
        message = f"missing required key {disc!r}"
        hint = f"add '{disc}:' to say what this item is"
    elif etype == "float_type" and isinstance(value, int) and not isinstance(value, bool):
        code, message = "not-finite", "the number is too large"  # an integer beyond the float range
        hint = "write a finite number"
    elif etype in _TYPE_NAMES:
        code = "wrong-type"
        message = f"expected {_TYPE_NAMES[etype]}, got {_describe(value)}"
        hint = _type_hint(etype, value, doc, path)
    elif etype in ("finite_number",):
        code, message = "not-finite", "NaN and infinity are not allowed"
    elif etype in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        code, message = "out-of-range", f"{_describe(value)}: {err['msg'][0].lower() + err['msg'][1:]}"
    elif etype in ("too_short", "too_long"):
        code = "out-of-range" if isinstance(value, (list, dict)) else "invalid-format"
        message = err["msg"].replace("List", "the list").replace("Dictionary", "the mapping")
        message = message.replace(" after validation", "")
        if etype == "too_short" and isinstance(value, list) and not value:
            message = "the list is empty; at least one item is required"
    elif etype in ("string_pattern_mismatch", "string_too_short", "string_too_long"):
        code = "invalid-format"
        if etype == "string_too_short":
            message = "the text is empty"
        else:
            message = f"{_describe(value)} does not have the required format"
            if "pattern" in ctx:
                hint = hint or _pattern_hint(str(ctx["pattern"]))
                code = _PATTERN_CODES.get(str(ctx["pattern"]), code)
    elif etype in _CODES_FROM_CUSTOM:
        code, message = etype, err["msg"]
        # A custom error may name the key or the value inside the item that it is about.
        at = ctx.get("key") if etype == "unknown-key" else ctx.get("at")
        here = _value_at(doc.data, path)
        if (isinstance(at, str) and isinstance(here, dict) and at in here) or (
            isinstance(at, int) and isinstance(here, list) and 0 <= at < len(here)
        ):
            path, key = [*path, at], etype == "unknown-key"
    else:
        code, message = "invalid-value", err["msg"]
    return doc.diagnostic(code, message, path, hint=hint, key=key)


_CODES_FROM_CUSTOM = set(CODES)
_COMMA_SPLIT_RE = re.compile(r"^[0-9]")

#: Patterns whose mismatch has a code of its own.
_PATTERN_CODES = {CPV_PATTERN: "invalid-cpv"}


def _value_at(data: Any, path: Sequence[str | int]) -> Any:
    for part in path:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


_PATTERN_HINTS = {
    r"^[a-z]{2}$": "a two-letter language code such as en or nl",
    r"^[a-z][a-z0-9_]*$": "snake_case: lower-case letters, digits and _, starting with a letter",
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$": "letters, digits, '.', '_' and '-', starting with a letter or digit",
    r"^https?://\S+$": "a web address starting with https://",
    r"^[0-9]{8}(-[0-9])?$": "a CPV code: 8 digits, optionally '-' and a check digit (30213100-6)",
}


def _pattern_hint(pattern: str) -> str:
    return "expected " + _PATTERN_HINTS.get(pattern, f"text matching {pattern}")


def _type_hint(etype: str, value: Any, doc: YamlDocument, path: Sequence[str | int]) -> str | None:
    if etype == "string_type" and isinstance(value, (int, float)) and not isinstance(value, bool):
        node = doc.node_at(path)
        written = getattr(node, "value", str(value))
        return f"quote it: '{written}'; unquoted, YAML reads it as the number {value!r}"
    if etype == "string_type" and isinstance(value, bool):
        return f"quote it; unquoted, YAML reads it as the boolean {str(value).lower()}"
    if etype == "bool_type" and isinstance(value, str):
        if value.lower() in {"yes", "no", "on", "off", "y", "n"}:
            return f"write true or false; circular_ict reads YAML 1.2, where {value!r} is text"
        return "write true or false"
    if etype in ("float_type", "int_type") and isinstance(value, str):
        if "," in value:
            return "write decimals with a point and no thousands separators"
        return "write the number without quotes"
    return None


def _expected_values(ctx: dict[str, Any]) -> list[str]:
    raw = str(ctx.get("expected_tags") or ctx.get("expected") or "")
    parts = [p.strip().strip("'\"") for p in raw.replace(" or ", ", ").split(",")]
    return [p for p in parts if p]


# --- finding the allowed keys at a location (for "did you mean")


def _resolve(model_cls: type[BaseModel], loc: Sequence[str | int], data: Any) -> tuple[Any, Any] | None:
    """The (still wrapped) type at ``loc`` and the data there (following lists, dicts and tagged unions)."""
    tp: Any = model_cls
    node = data
    for part in loc:
        inner = _unwrap(tp, node)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            field = inner.model_fields.get(str(part))
            if field is None:
                continue  # a union tag: stay at the union
            tp = field.annotation
            node = node.get(part) if isinstance(node, dict) else None
        elif get_origin(inner) is list:
            tp = get_args(inner)[0]
            node = node[part] if isinstance(node, list) and isinstance(part, int) and part < len(node) else None
        elif get_origin(inner) is dict:
            tp = get_args(inner)[1]
            node = node.get(part) if isinstance(node, dict) else None
        else:
            return None
    return tp, node


def _allowed_keys(model_cls: type[BaseModel], loc: Sequence[str | int], data: Any) -> list[str]:
    """The field names of the model at ``loc``."""
    found = _resolve(model_cls, loc, data)
    tp = _unwrap(*found) if found is not None else None
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return list(tp.model_fields)
    return []


def _kinds_with_field(model_cls: type[BaseModel], loc: Sequence[str | int], data: Any, name: str) -> list[str]:
    """The tags of the members of the tagged union at ``loc`` that have a field ``name``.

    So that ``scoring:`` on a technical specification says it belongs to an award criterion.
    """
    found = _resolve(model_cls, loc, data)
    tp = found[0] if found is not None else None
    while get_origin(tp) is typing.Annotated:
        tp = get_args(tp)[0]
    if get_origin(tp) not in (Union, types.UnionType):
        return []
    members = [m for m in get_args(tp) if isinstance(m, type) and issubclass(m, BaseModel)]
    return [tag for m in members if name in m.model_fields for tag in _tags(m)]


def _tags(model: type[BaseModel]) -> list[str]:
    for disc in ("kind", "type"):
        field = model.model_fields.get(disc)
        if field is not None and get_origin(field.annotation) is Literal:
            return [str(a) for a in get_args(field.annotation)]
    return []


def _tag_of(node: Any) -> str | None:
    if isinstance(node, dict):
        for disc in ("kind", "type"):
            if isinstance(node.get(disc), str):
                return str(node[disc])
    return None


def _unwrap(tp: Any, node: Any) -> Any:
    """Strip Annotated/Optional; pick the member of a tagged union that matches ``node``."""
    while True:
        origin = get_origin(tp)
        if origin is typing.Annotated:
            tp = get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            members = [a for a in get_args(tp) if a is not type(None)]
            models = [m for m in members if isinstance(m, type) and issubclass(m, BaseModel)]
            if len(members) == 1:
                tp = members[0]
            elif models and isinstance(node, dict):
                tp = _match_tag(models, node)
            else:
                return tp
        else:
            return tp


def _match_tag(models: list[type[BaseModel]], node: dict[str, Any]) -> Any:
    for m in models:
        for disc in ("kind", "type"):
            field = m.model_fields.get(disc)
            if (
                field is not None
                and get_origin(field.annotation) is Literal
                and node.get(disc) in get_args(field.annotation)
            ):
                return m
    return models[0]
