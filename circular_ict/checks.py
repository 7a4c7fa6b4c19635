"""Checks across documents: references, languages, units against metrics.

Pydantic checks each document's structure; these checks need more than one
node or more than one file: that a requirement's metric exists in the metric
vocabulary and its bounds have the metric's dimension, that product groups and
parameters exist, that ids are unique and every text is given in every
language of the set. Each finding is a located diagnostic.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from .diagnostics import Diagnostic, suggest
from .errors import UnitError
from .model import (
    AwardCriterion,
    BooleanMetric,
    CriteriaSet,
    Criterion,
    LevelScheme,
    LevelSchemes,
    MetricVocabulary,
    OrdinalMetric,
    ProductCatalogue,
    QuantityMetric,
    Requirement,
)
from .model._types import ParameterRef
from .model.metric import Metric
from .model.scoring import LabelScaleRule, LinearRule, MonetaryValueRule, StepsRule
from .model.tender import Tender
from .units import Quantity, accepts_bare_number, conversion_factor, describe_dimension
from .yamlio import YamlDocument

__all__ = ["CheckContext", "check_criteria_items", "check_criterion", "check_document"]

Path = tuple[str | int, ...]


@dataclass
class CheckContext:
    """What a document is checked against: known metrics and product groups."""

    metrics: dict[str, Metric] = field(default_factory=dict)
    product_groups: set[str] = field(default_factory=set)
    level_schemes: dict[str, LevelScheme] = field(default_factory=dict)
    library: Callable[[], dict[str, Criterion]] | None = None
    """The criteria references may name, by id (loaded only when a set has references)."""

    @classmethod
    def bundled(cls) -> CheckContext:
        """The context of the bundled library (``criteria/metrics.yaml``, ``criteria/products.yaml``)."""
        from . import catalogue

        return cls(
            dict(catalogue.metrics()),
            set(catalogue.product_groups()),
            dict(catalogue.level_schemes()),
            lambda: {crit.id: crit for _set_id, crit in catalogue.bundled_criteria()},
        )


def check_document(model: BaseModel, doc: YamlDocument, context: CheckContext | None = None) -> list[Diagnostic]:
    """Every cross-reference problem of a validated document."""
    if isinstance(model, CriteriaSet):
        return list(_check_criteria_set(model, doc, context or CheckContext.bundled()))
    if isinstance(model, MetricVocabulary):
        return list(_check_metrics(model, doc))
    if isinstance(model, ProductCatalogue):
        return list(_check_products(model, doc))
    if isinstance(model, LevelSchemes):
        return list(_check_level_schemes(model, doc))
    if isinstance(model, Tender):
        return list(_check_tender(model, doc, context or CheckContext.bundled()))
    return []


def _suggest(name: str, known: Sequence[str]) -> str | None:
    close = suggest(name, known)
    return f"did you mean {close!r}?" if close else None


def _duplicates(doc: YamlDocument, items: Sequence[Any], path: Path, what: str) -> Iterator[Diagnostic]:
    first: dict[str, int] = {}
    for i, item in enumerate(items):
        if item.id in first:
            line, _col = doc.locate((*path, first[item.id], "id"))
            yield doc.diagnostic(
                "duplicate-id", f"the {what} id {item.id!r} is already used (line {line})", (*path, i, "id")
            )
        else:
            first[item.id] = i


def _check_metrics(vocab: MetricVocabulary, doc: YamlDocument) -> Iterator[Diagnostic]:
    yield from _duplicates(doc, vocab.metrics, ("metrics",), "metric")


def _check_products(cat: ProductCatalogue, doc: YamlDocument) -> Iterator[Diagnostic]:
    yield from _duplicates(doc, cat.product_groups, ("product_groups",), "product group")
    ids = [g.id for g in cat.product_groups]
    for i, group in enumerate(cat.product_groups):
        for j, inc in enumerate(group.includes):
            if inc not in ids:
                yield doc.diagnostic(
                    "unknown-product-group",
                    f"unknown product group {inc!r}",
                    ("product_groups", i, "includes", j),
                    hint=_suggest(inc, ids),
                )


def _check_level_schemes(schemes: LevelSchemes, doc: YamlDocument) -> Iterator[Diagnostic]:
    yield from _duplicates(doc, schemes.schemes, ("schemes",), "level scheme")
    for i, scheme in enumerate(schemes.schemes):
        seen: set[str] = set()
        for j, level in enumerate(scheme.levels):
            if level.label in seen:
                yield doc.diagnostic(
                    "duplicate-id", f"the label {level.label!r} appears twice", ("schemes", i, "levels", j, "label")
                )
            seen.add(level.label)


def _check_levels(cset: CriteriaSet, doc: YamlDocument, ctx: CheckContext) -> Iterator[Diagnostic]:
    if cset.level_scheme is None:
        return
    scheme = ctx.level_schemes.get(cset.level_scheme)
    if scheme is None:
        yield doc.diagnostic(
            "unknown-level-scheme",
            f"unknown level scheme {cset.level_scheme!r}",
            ("level_scheme",),
            hint=_suggest(cset.level_scheme, sorted(ctx.level_schemes)),
        )
        return
    mapping = {lv.label: lv.ambition for lv in scheme.levels}
    labels = ", ".join(mapping)
    for i, crit in enumerate(cset.criteria):
        base: Path = ("criteria", i)
        if crit.source_level is None:
            yield doc.diagnostic(
                "missing-key",
                f"missing 'source_level': the set uses the {scheme.id!r} levels",
                base,
                hint=f"add 'source_level:' with one of: {labels}",
            )
        elif crit.source_level not in mapping:
            yield doc.diagnostic(
                "invalid-value",
                f"{crit.source_level!r} is not a level of {scheme.id!r}",
                (*base, "source_level"),
                hint=f"levels: {labels}",
            )
        elif crit.ambition != mapping[crit.source_level]:
            yield doc.diagnostic(
                "ambition-mismatch",
                f"{scheme.id!r} level {crit.source_level!r} maps to {mapping[crit.source_level]!r}, "
                f"not {crit.ambition!r}",
                (*base, "ambition"),
                hint=f"write ambition: {mapping[crit.source_level]}",
            )


def _texts(value: Any, path: Path) -> Iterator[tuple[Path, Mapping[str, str]]]:
    """Every localized text inside a model, with its path."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            sub = getattr(value, name)
            if name in _LOCALIZED_FIELDS and isinstance(sub, dict):
                yield (*path, name), sub
            else:
                yield from _texts(sub, (*path, name))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts(item, (*path, i))
    elif isinstance(value, dict):
        for k, item in value.items():
            yield from _texts(item, (*path, k))


_LOCALIZED_FIELDS = {"title", "text", "name", "description", "notes"}


def _check_criteria_set(cset: CriteriaSet, doc: YamlDocument, ctx: CheckContext) -> Iterator[Diagnostic]:
    if cset.source.url is None:
        yield doc.diagnostic("missing-source-url", "the set's source has no URL", ("source",))
    langs = list(cset.languages)
    for path, text in _texts(cset.model_copy(update={"criteria": []}), ()):
        yield from _check_languages(doc, path, text, langs)
    metrics = dict(ctx.metrics)
    for i, metric in enumerate(cset.metrics):
        if metric.id in ctx.metrics:
            yield doc.diagnostic(
                "duplicate-id",
                f"the metric {metric.id!r} is already in the bundled vocabulary",
                ("metrics", i, "id"),
                hint="use the bundled metric, or choose another id",
            )
        metrics[metric.id] = metric
    yield from _duplicates(doc, cset.metrics, ("metrics",), "metric")
    yield from _duplicates(doc, cset.criteria, ("criteria",), "criterion")
    yield from _check_levels(cset, doc, ctx)
    for i, crit in enumerate(cset.criteria):
        yield from check_criterion(doc, ("criteria", i), crit, langs, metrics, ctx.product_groups)
    if cset.references:
        yield from _check_references(cset, doc, ctx, metrics)


def _check_references(
    cset: CriteriaSet, doc: YamlDocument, ctx: CheckContext, metrics: Mapping[str, Metric]
) -> Iterator[Diagnostic]:
    library = ctx.library() if ctx.library is not None else {}
    own = {c.id for c in cset.criteria}
    seen: dict[str, int] = {}
    for i, ref in enumerate(cset.references):
        base: Path = ("references", i)
        if ref.ref in own or ref.ref in seen:
            yield doc.diagnostic("duplicate-id", f"the criterion {ref.ref!r} is already in this set", (*base, "ref"))
        seen.setdefault(ref.ref, i)
        yield from check_reference(doc, base, ref, library, metrics)


def check_reference(
    doc: YamlDocument, base: Path, ref: Any, library: Mapping[str, Criterion], metrics: Mapping[str, Metric]
) -> Iterator[Diagnostic]:
    """The checks of one reference to a bundled criterion (in a set's ``references`` or a tender's ``include``):
    it exists, its parameters exist and have the metric's dimension, and a level change is sourced."""
    crit = library.get(ref.ref)
    if crit is None:
        yield doc.diagnostic(
            "unknown-criterion",
            f"no criterion {ref.ref!r} in the bundled library",
            (*base, "ref"),
            hint=_suggest(ref.ref, sorted(library)),
        )
        return
    requirement = getattr(crit, "requirement", None)
    metric = metrics.get(requirement.metric) if requirement is not None else None
    for name, value in ref.parameters.items():
        if name not in crit.parameters:
            yield doc.diagnostic(
                "unknown-parameter",
                f"{ref.ref!r} has no parameter {name!r}",
                (*base, "parameters", name),
                key=True,
                hint=_suggest(name, sorted(crit.parameters))
                or f"its parameters: {', '.join(crit.parameters) or 'none'}",
            )
        elif isinstance(metric, QuantityMetric):
            yield from _check_quantity(doc, value, metric, (*base, "parameters", name))
    if ref.ambition is not None and ref.ambition != crit.ambition:
        yield from _check_ref_ambition(doc, base, ref, crit)


def _check_ref_ambition(doc: YamlDocument, base: Path, ref: Any, crit: Any) -> Iterator[Diagnostic]:
    """A reference may move a criterion to another level only with the values its sources suggest there."""
    if not crit.parameters:
        yield doc.diagnostic(
            "ambition-mismatch",
            f"{ref.ref!r} is a {crit.ambition!r} criterion without parameters; it cannot be placed at {ref.ambition!r}",
            (*base, "ambition"),
            hint=f"remove 'ambition', or write ambition: {crit.ambition}",
        )
        return
    for name, param in crit.parameters.items():
        suggested = [sv.value for sv in param.suggested if sv.level == ref.ambition]
        given = ref.parameters.get(name)
        if not suggested:
            yield doc.diagnostic(
                "ambition-mismatch",
                f"no source suggests a value of {name!r} for the {ref.ambition!r} level of {ref.ref!r}",
                (*base, "ambition"),
                hint="choose a level for which the criterion has suggested values",
            )
        elif given is None or not any(_same_quantity(given, sv) for sv in suggested):
            values = " or ".join(repr(sv.text) for sv in suggested)
            yield doc.diagnostic(
                "ambition-mismatch",
                f"at the {ref.ambition!r} level, {name!r} must be a value its sources suggest: {values}",
                (*base, "parameters", name) if given is not None else (*base, "ambition"),
                hint=f"write parameters: {{{name}: {suggested[0].text}}}",
            )


def _same_quantity(a: Quantity, b: Quantity) -> bool:
    try:
        return abs(a.to(b.unit) - b.magnitude) <= 1e-9 * max(1.0, abs(b.magnitude))
    except UnitError:
        return False


def check_criteria_items(doc: YamlDocument, context: CheckContext | None = None) -> list[Diagnostic]:
    """Check the criteria of a set whose other parts failed validation.

    Each criterion that is valid on its own is checked, so that a file's
    reference errors are reported together with its structural ones.
    """
    data = doc.data if isinstance(doc.data, dict) else {}
    items = data.get("criteria")
    if not isinstance(items, list):
        return []
    ctx = context or CheckContext.bundled()
    raw_langs = data.get("languages")
    # Only valid codes: a malformed one ('NL') is reported once, not as missing from every text.
    langs = [x for x in raw_langs if isinstance(x, str) and _LANG_RE.match(x)] if isinstance(raw_langs, list) else []
    adapter = _criterion_adapter()
    out: list[Diagnostic] = []
    for i, item in enumerate(items):
        try:
            crit = adapter.validate_python(item)
        except ValidationError:
            continue
        out.extend(check_criterion(doc, ("criteria", i), crit, langs, ctx.metrics, ctx.product_groups))
    return out


_LANG_RE = re.compile(r"^[a-z]{2}$")


@functools.cache
def _criterion_adapter() -> TypeAdapter[Any]:
    return TypeAdapter(Criterion)


def _check_languages(doc: YamlDocument, path: Path, text: Mapping[str, str], langs: list[str]) -> Iterator[Diagnostic]:
    for lang in langs:
        if lang not in text:
            yield doc.diagnostic(
                "missing-language", f"no {lang!r} text; the set's languages are {', '.join(langs)}", path
            )


def check_criterion(
    doc: YamlDocument,
    base: Path,
    crit: Any,
    langs: list[str],
    metrics: Mapping[str, Metric],
    product_groups: set[str],
) -> Iterator[Diagnostic]:
    """Every reference problem of one criterion at ``base`` in ``doc``."""
    for path, text in _texts(crit, base):
        yield from _check_languages(doc, path, text, langs)
    known_groups = sorted(product_groups)
    for j, group in enumerate(crit.product_groups):
        if group not in product_groups:
            yield doc.diagnostic(
                "unknown-product-group",
                f"unknown product group {group!r}",
                (*base, "product_groups", j),
                hint=_suggest(group, known_groups),
            )
    if crit.source.url is None:
        yield doc.diagnostic("missing-source-url", f"the source of {crit.id!r} has no URL", (*base, "source"))
    if crit.verification is None and crit.kind in ("technical_specification", "award_criterion"):
        yield doc.diagnostic("missing-verification", f"{crit.id!r} does not say how it is verified", base)
    used: set[str] = set()
    requirement = getattr(crit, "requirement", None)
    if requirement is not None:
        yield from _check_requirement(doc, requirement, (*base, "requirement"), metrics, crit.parameters, used)
    if isinstance(crit, AwardCriterion) and crit.scoring is not None:
        yield from _check_rule(doc, crit.scoring, (*base, "scoring"), metrics)
    metric = metrics.get(requirement.metric) if requirement is not None else None
    for name, param in crit.parameters.items():
        if name not in used:
            yield doc.diagnostic(
                "unused-parameter", f"the parameter {name!r} is not used", (*base, "parameters", name), key=True
            )
        for k, sv in enumerate(param.suggested):
            if isinstance(metric, QuantityMetric):
                yield from _check_quantity(doc, sv.value, metric, (*base, "parameters", name, "suggested", k, "value"))


def _unknown_metric(doc: YamlDocument, name: str, path: Path, metrics: Mapping[str, Metric]) -> Diagnostic:
    return doc.diagnostic(
        "unknown-metric",
        f"unknown metric {name!r}",
        path,
        hint=_suggest(name, sorted(metrics)) or "define it under 'metrics:' or see criteria/metrics.yaml",
    )


def _check_quantity(doc: YamlDocument, q: Quantity, metric: QuantityMetric, path: Path) -> Iterator[Diagnostic]:
    if not q.unit:
        if accepts_bare_number(metric.unit):
            return
        yield doc.diagnostic(
            "missing-unit",
            f"{q.text} has no unit; {metric.id!r} is measured in {metric.unit}",
            path,
            hint=f"write the unit, e.g. '{q.text} {'%' if metric.unit == 'percent' else metric.unit}'",
        )
        return
    try:
        conversion_factor(q.unit, metric.unit)
    except UnitError:
        yield doc.diagnostic(
            "wrong-dimension",
            f"{q.text!r} is {describe_dimension(q.unit)}, but {metric.id!r} is {describe_dimension(metric.unit)}",
            path,
            hint=f"write a value in {metric.unit} or a compatible unit",
        )


def _check_requirement(
    doc: YamlDocument,
    req: Requirement,
    path: Path,
    metrics: Mapping[str, Metric],
    params: Mapping[str, Any],
    used: set[str],
) -> Iterator[Diagnostic]:
    metric = metrics.get(req.metric)
    if metric is None:
        yield _unknown_metric(doc, req.metric, (*path, "metric"), metrics)
        return
    bounds = {"min": req.min, "max": req.max}
    for name, bound in bounds.items():
        if isinstance(bound, ParameterRef):
            used.add(bound.parameter)
            if bound.parameter not in params:
                yield doc.diagnostic(
                    "unknown-parameter",
                    f"the parameter {bound.parameter!r} is not declared",
                    (*path, name, "parameter"),
                    hint=_suggest(bound.parameter, sorted(params)),
                )
    if isinstance(metric, QuantityMetric):
        if req.min_level is not None or req.one_of is not None:
            yield doc.diagnostic(
                "requirement-mismatch",
                f"{metric.id!r} is a quantity: use 'min', 'max' or 'equals', not levels",
                path,
                hint=None,
            )
        if isinstance(req.equals, bool):
            yield doc.diagnostic(
                "requirement-mismatch",
                f"{metric.id!r} is a quantity, so 'equals' needs a quantity, not a boolean",
                (*path, "equals"),
                hint=None,
            )
        for name, value in [*bounds.items(), ("equals", req.equals)]:
            if isinstance(value, Quantity):
                yield from _check_quantity(doc, value, metric, (*path, name))
        if isinstance(req.min, Quantity) and isinstance(req.max, Quantity):
            try:
                if req.min.to(metric.unit) > req.max.to(metric.unit):
                    yield doc.diagnostic(
                        "min-above-max", f"min {req.min.text!r} is above max {req.max.text!r}", (*path, "min")
                    )
            except UnitError:
                pass  # reported above
    elif isinstance(metric, BooleanMetric):
        if not isinstance(req.equals, bool):
            yield doc.diagnostic(
                "requirement-mismatch", f"{metric.id!r} is a boolean metric: write 'equals: true'", path, hint=None
            )
    elif isinstance(metric, OrdinalMetric):
        if req.min is not None or req.max is not None or req.equals is not None:
            yield doc.diagnostic(
                "requirement-mismatch",
                f"{metric.id!r} is an ordinal scale: use 'min_level' or 'one_of'",
                path,
                hint=f"levels from lowest to highest: {', '.join(metric.levels)}",
            )
        for name, levels in [("min_level", [req.min_level] if req.min_level else []), ("one_of", req.one_of or [])]:
            for k, level in enumerate(levels):
                if level not in metric.levels:
                    sub = (*path, name) if name == "min_level" else (*path, name, k)
                    yield doc.diagnostic(
                        "invalid-value",
                        f"{level!r} is not a level of {metric.id!r}",
                        sub,
                        hint=f"levels: {', '.join(metric.levels)}",
                    )


#: The metric type each scoring rule needs.
_RULE_METRIC_TYPES = {
    "linear": "quantity",
    "ratio_to_best": "quantity",
    "steps": "quantity",
    "euro_value": "quantity",
    "yes_no": "boolean",
    "label_scale": "ordinal",
}


def _check_rule(doc: YamlDocument, rule: Any, path: Path, metrics: Mapping[str, Metric]) -> Iterator[Diagnostic]:
    name = getattr(rule, "metric", None)
    if name is None:
        return
    metric = metrics.get(name)
    if metric is None:
        yield _unknown_metric(doc, name, (*path, "metric"), metrics)
        return
    needs = _RULE_METRIC_TYPES.get(rule.type)
    if needs is not None and metric.type != needs:
        yield doc.diagnostic(
            "requirement-mismatch",
            f"a {rule.type!r} rule needs a {needs} metric; {name!r} is {metric.type}",
            (*path, "type"),
            hint=None,
        )
        return
    if isinstance(rule, MonetaryValueRule) and rule.cap is not None:
        yield from _check_unit(doc, rule.cap, "EUR", (*path, "cap"))
    if isinstance(rule, LinearRule) and isinstance(metric, QuantityMetric):
        for bound in ("worst", "best"):
            yield from _check_quantity(doc, getattr(rule, bound), metric, (*path, bound))
    if isinstance(rule, StepsRule) and isinstance(metric, QuantityMetric):
        for k, step in enumerate(rule.steps):
            for bound in ("min", "max"):
                value = getattr(step, bound)
                if value is not None:
                    yield from _check_quantity(doc, value, metric, (*path, "steps", k, bound))
    if isinstance(rule, MonetaryValueRule) and isinstance(metric, QuantityMetric):
        try:
            conversion_factor(rule.value_per_unit.unit, f"EUR / ({metric.unit})")
        except UnitError:
            yield doc.diagnostic(
                "wrong-dimension",
                f"{rule.value_per_unit.text!r} is not euro per {metric.unit}",
                (*path, "value_per_unit"),
                hint=f"write e.g. '50 EUR / ({metric.unit})'",
            )
        for bound in ("baseline",):
            value = getattr(rule, bound)
            if value is not None:
                yield from _check_quantity(doc, value, metric, (*path, bound))
    if isinstance(rule, LabelScaleRule) and isinstance(metric, OrdinalMetric):
        for level in rule.points:
            if level not in metric.levels:
                yield doc.diagnostic(
                    "invalid-value",
                    f"{level!r} is not a level of {name!r}",
                    (*path, "points", level),
                    key=True,
                    hint=f"levels: {', '.join(metric.levels)}",
                )


# --------------------------------------------------------------------------- tenders

_LCC_UNITS = {
    "evaluation_period": "year",
    "electricity_price": "EUR / kWh",
    "grid_emission_factor": "kg CO2e / kWh",
    "carbon_price": "EUR / (kg CO2e)",
}


def _check_unit(doc: YamlDocument, q: Quantity, unit: str, path: Path) -> Iterator[Diagnostic]:
    try:
        conversion_factor(q.unit, unit)
    except UnitError:
        yield doc.diagnostic(
            "wrong-dimension",
            f"{q.text!r} is {describe_dimension(q.unit)}; expected {describe_dimension(unit)}",
            path,
            hint=f"write a value in {unit}",
        )


def _check_tender(tender: Tender, doc: YamlDocument, ctx: CheckContext) -> Iterator[Diagnostic]:
    from .select import open_parameters

    langs = list(tender.languages)
    for path, text in _texts(
        tender.model_copy(update={"criteria": tender.criteria.model_copy(update={"own": []})}), ()
    ):
        yield from _check_languages(doc, path, text, langs)
    known_groups = sorted(ctx.product_groups)
    for i, lot in enumerate(tender.lots):
        if lot.product_group not in ctx.product_groups:
            yield doc.diagnostic(
                "unknown-product-group",
                f"unknown product group {lot.product_group!r}",
                ("lots", i, "product_group"),
                hint=_suggest(lot.product_group, known_groups),
            )
        if lot.contract_period is not None:
            yield from _check_unit(doc, lot.contract_period, "year", ("lots", i, "contract_period"))
    yield from _duplicates(doc, tender.lots, ("lots",), "lot")
    # criteria: included (by reference) and own
    library = ctx.library() if ctx.library is not None else {}
    metrics = dict(ctx.metrics)
    award_ids: list[str] = []
    all_ids: dict[str, Path] = {}
    selected = yield from _check_selections(tender, doc, ctx, library)
    for i, ref in enumerate(tender.criteria.include):
        base: Path = ("criteria", "include", i)
        yield from check_reference(doc, base, ref, library, metrics)
        crit = library.get(ref.ref)
        if crit is None:
            continue
        if ref.ref in all_ids:
            yield doc.diagnostic("duplicate-id", f"the criterion {ref.ref!r} is included twice", (*base, "ref"))
        all_ids[ref.ref] = base
        if crit.kind == "award_criterion":
            award_ids.append(crit.id)
        for name in open_parameters(crit):
            if name not in ref.parameters:
                suggested = [f"{sv.text} ({lv})" for lv, sv in _suggestions(crit, name)]
                yield doc.diagnostic(
                    "unset-parameter",
                    f"the parameter {name!r} of {ref.ref!r} needs a value for this tender",
                    (*base, "ref"),
                    hint=f"add parameters: {{{name}: ...}}"
                    + (f"; sources suggest {', '.join(suggested)}" if suggested else ""),
                )
    for cid, chosen in selected.items():  # an include with the same id overrides the selected criterion
        if cid not in all_ids:
            all_ids[cid] = ("criteria", "select")
            if chosen.kind == "award_criterion":
                award_ids.append(cid)
    for i, crit in enumerate(tender.criteria.own):
        base = ("criteria", "own", i)
        if crit.id in all_ids or crit.id in library:
            yield doc.diagnostic(
                "duplicate-id",
                f"the id {crit.id!r} is already used",
                (*base, "id"),
                hint="give the buyer's own criteria their own ids",
            )
        all_ids[crit.id] = base
        if crit.kind == "award_criterion":
            award_ids.append(crit.id)
        yield from check_criterion(doc, base, crit, langs, metrics, ctx.product_groups)
        for name in open_parameters(crit):
            yield doc.diagnostic(
                "unset-parameter",
                f"the parameter {name!r} of {crit.id!r} needs a value",
                (*base, "requirement"),
                hint="write the value in the requirement itself",
            )
    if award_ids and tender.award.basis != "best_price_quality":
        yield doc.diagnostic(
            "invalid-value-combination",
            f"a {tender.award.basis} award does not score award criteria, but the tender has "
            f"{', '.join(repr(a) for a in award_ids)}",
            ("award", "basis"),
            hint="use basis: best_price_quality with weights, or leave the award criteria out",
        )
    yield from _check_award(tender, doc, award_ids, {**library, **{c.id: c for c in tender.criteria.own}})
    yield from _check_lcc(tender, doc)


def _check_selections(
    tender: Tender, doc: YamlDocument, ctx: CheckContext, library: Mapping[str, Criterion]
) -> Generator[Diagnostic, None, dict[str, Criterion]]:
    """The ``select`` entries of a tender: known sets and filter values, and the parameters their criteria need.

    Returns the selected criteria by id (the first selection of an id wins).
    """
    from . import catalogue
    from .select import open_parameters, selection_criteria

    overridden = {ref.ref for ref in tender.criteria.include}
    sets = catalogue.list_bundled_sets()
    selected: dict[str, Criterion] = {}
    for i, entry in enumerate(tender.criteria.select):
        base: Path = ("criteria", "select", i)
        if entry.set not in sets:
            yield doc.diagnostic(
                "unknown-criteria-set",
                f"no bundled criteria set {entry.set!r}",
                (*base, "set"),
                hint=_suggest(entry.set, sets) or "'circular-ict list' shows the bundled criteria and their sets",
            )
            continue
        usable = True
        for j, group in enumerate(entry.product_groups):
            if group not in ctx.product_groups:
                usable = False
                yield doc.diagnostic(
                    "unknown-product-group",
                    f"unknown product group {group!r}",
                    (*base, "product_groups", j),
                    hint=_suggest(group, sorted(ctx.product_groups)),
                )
        for j, cid in enumerate(entry.exclude):
            if cid not in library:
                yield doc.diagnostic(
                    "unknown-criterion",
                    f"no criterion {cid!r} in the bundled library",
                    (*base, "exclude", j),
                    hint=_suggest(cid, sorted(library)),
                )
        if entry.cpv is not None and not catalogue.groups_for_cpv(entry.cpv):
            usable = False
            yield doc.diagnostic(
                "empty-selection",
                f"the CPV code {entry.cpv!r} falls under no product group of the library, so nothing is selected",
                (*base, "cpv"),
                hint="use the CPV code of the product bought (e.g. 30213100-6 for notebooks), or product_groups",
            )
        if not usable:
            continue
        chosen = selection_criteria(entry, tender)
        if not chosen:
            yield doc.diagnostic(
                "empty-selection",
                f"no criterion of {entry.set!r} matches this selection",
                base,
                hint=f"loosen the filters; 'circular-ict list --source {entry.set}' shows the set's criteria",
            )
        for crit in chosen:
            if crit.id in selected:
                continue
            selected[crit.id] = crit
            if crit.id in overridden:
                continue
            for name in open_parameters(crit):
                suggested = [f"{sv.text} ({lv})" for lv, sv in _suggestions(crit, name)]
                yield doc.diagnostic(
                    "unset-parameter",
                    f"the parameter {name!r} of the selected criterion {crit.id!r} needs a value for this tender",
                    base,
                    hint=f"add to include: {{ref: {crit.id}, parameters: {{{name}: ...}}}}"
                    + (f"; sources suggest {', '.join(suggested)}" if suggested else ""),
                )
    return selected


def _suggestions(crit: Any, name: str) -> list[tuple[str, Quantity]]:
    return [(sv.level, sv.value) for sv in crit.parameters[name].suggested]


def _check_award(
    tender: Tender, doc: YamlDocument, award_ids: list[str], lookup: Mapping[str, Any]
) -> Iterator[Diagnostic]:
    spec = tender.award
    base: Path = ("award",)
    yield from _check_price_inputs(tender, doc)
    if spec.basis != "best_price_quality":
        return
    in_euros = spec.method in ("fictitious_price", "fictitious_surcharge")
    negative = [cid for cid, w in spec.weights.items() if w.magnitude < 0]
    for cid in negative:
        yield doc.diagnostic(
            "out-of-range",
            f"the weight of {cid!r} is negative ({spec.weights[cid].text})",
            (*base, "weights", cid),
            hint="weights are points or euro values of zero or more",
        )
    for cid, weight in spec.weights.items():
        path = (*base, "weights", cid)
        if cid not in award_ids:
            yield doc.diagnostic(
                "unknown-criterion",
                f"{cid!r} is not an award criterion of this tender",
                path,
                key=True,
                hint=_suggest(cid, award_ids) or "weights are given to award criteria only",
            )
        elif not in_euros and weight.unit:
            yield doc.diagnostic(
                "wrong-type",
                f"a weight in points is a bare number, not {weight.text!r}",
                path,
                hint=f"write {cid}: {weight.magnitude:g}",
            )
        elif in_euros:
            yield from _check_unit(doc, weight, "EUR", path)
        rule = getattr(lookup.get(cid), "scoring", None)
        if isinstance(rule, MonetaryValueRule) and not in_euros:
            yield doc.diagnostic(
                "invalid-value-combination",
                f"{cid!r} scores in euros (euro_value) and needs a fictitious-price award",
                path,
                hint="use method: fictitious_price",
            )
    for cid in award_ids:
        if cid not in spec.weights:
            yield doc.diagnostic(
                "missing-weight",
                f"the award criterion {cid!r} has no weight",
                (*base, "weights"),
                hint=f"add {cid}: <points>",
            )
    if spec.total_points is not None and not in_euros and not negative:
        from .scoring.formulas import check_weights

        numbers = [w.magnitude for w in spec.weights.values() if not w.unit]
        price_points = [spec.price.points] if spec.price is not None else []
        price_points += [spec.price_weight] if spec.price_weight is not None else []
        if len(numbers) == len(spec.weights):
            try:
                check_weights([*numbers, *price_points], spec.total_points)
            except ValueError as exc:
                if spec.normalise_weights:
                    total = math.fsum([*numbers, *price_points])
                    yield doc.diagnostic(
                        "weights-normalised",
                        f"the weights{' and the price points' if price_points else ''} add up to {total:g}, not "
                        f"{spec.total_points:g}; as the tender asks, they will be multiplied by "
                        f"{spec.total_points:g}/{total:g}",
                        (*base, "total_points"),
                    )
                else:
                    yield doc.diagnostic(
                        "weights-total",
                        f"the weights{' and the price points' if price_points else ''}: {exc}",
                        (*base, "total_points"),
                        hint="correct the weights; they are never rescaled",
                    )
    if spec.price is not None:
        p = spec.price
        for name in ("lowest", "highest"):
            value = getattr(p, name)
            if value is not None:
                yield from _check_unit(doc, value, "EUR", (*base, "price", name))
        if p.lowest is not None and p.highest is not None:
            try:
                if p.lowest.to("EUR") >= p.highest.to("EUR"):
                    yield doc.diagnostic(
                        "min-above-max", "'lowest' must be a lower price than 'highest'", (*base, "price", "lowest")
                    )
            except UnitError:
                pass


def _check_price_inputs(tender: Tender, doc: YamlDocument) -> Iterator[Diagnostic]:
    """Price adjustments refer to metrics of the right type and units; a basket price needs a basket."""
    from . import catalogue

    spec = tender.award
    metrics = catalogue.metrics()
    groups = set(catalogue.product_groups())
    if spec.price_from == "basket":
        for i, lot in enumerate(tender.lots):
            if not lot.basket:
                yield doc.diagnostic(
                    "missing-key",
                    f"price_from: basket needs a 'basket' on lot {lot.id!r}",
                    ("lots", i),
                    hint="add basket: {product_group: quantity}",
                )
    for i, lot in enumerate(tender.lots):
        for g in lot.basket:
            if g not in groups:
                yield doc.diagnostic(
                    "unknown-product-group",
                    f"unknown product group {g!r}",
                    ("lots", i, "basket", g),
                    key=True,
                    hint=_suggest(g, sorted(groups)),
                )
    for k, adj in enumerate(spec.price_adjustments):
        path: Path = ("award", "price_adjustments", k)
        metric = metrics.get(adj.metric)
        if metric is None:
            yield _unknown_metric(doc, adj.metric, (*path, "metric"), metrics)
            continue
        if adj.type == "percentage_discount":
            if not isinstance(metric, OrdinalMetric):
                yield doc.diagnostic(
                    "requirement-mismatch",
                    f"a percentage discount needs an ordinal metric (levels); {adj.metric!r} is {metric.type}",
                    (*path, "metric"),
                    hint=None,
                )
                continue
            for level, value in (adj.discounts or {}).items():
                if level not in metric.levels:
                    yield doc.diagnostic(
                        "invalid-value",
                        f"{level!r} is not a level of {adj.metric!r}",
                        (*path, "discounts", level),
                        key=True,
                        hint=f"levels: {', '.join(metric.levels)}",
                    )
                yield from _check_percentage(doc, value, (*path, "discounts", level))
        elif isinstance(metric, QuantityMetric) and adj.factor is not None:
            yield from _check_unit(doc, adj.factor, f"EUR / ({metric.unit})", (*path, "factor"))
        else:
            yield doc.diagnostic(
                "requirement-mismatch",
                f"an externality needs a quantity metric; {adj.metric!r} is {metric.type}",
                (*path, "metric"),
                hint=None,
            )


def _check_lcc(tender: Tender, doc: YamlDocument) -> Iterator[Diagnostic]:
    spec = tender.award
    needs = spec.priced_on == "life_cycle_cost"
    if needs and tender.lcc is None:
        asks: Path = (
            ("award", "price", "of")
            if spec.price is not None and spec.price.of == "life_cycle_cost"
            else ("award", "price_of")
            if spec.price_of == "life_cycle_cost"
            else ("award", "basis")
        )
        yield doc.diagnostic("missing-lcc", "a life-cycle-cost award needs the 'lcc' parameters", asks)
    if tender.lcc is None:
        return
    lcc = tender.lcc
    for name, unit in _LCC_UNITS.items():
        value = getattr(lcc, name)
        if value is not None:
            yield from _check_unit(doc, value, unit, ("lcc", name))
    if lcc.discounting.rate is not None:
        yield from _check_percentage(doc, lcc.discounting.rate, ("lcc", "discounting", "rate"))
    if needs and lcc.electricity_price is None:
        yield doc.diagnostic(
            "missing-lcc",
            "the life-cycle cost prices the energy used: 'electricity_price' is missing",
            ("lcc",),
            hint="add electricity_price: e.g. 0.30 EUR / kWh",
        )
    if lcc.carbon_price is not None and lcc.grid_emission_factor is None:
        yield doc.diagnostic(
            "missing-lcc",
            "a 'carbon_price' prices the electricity's emissions, which need the 'grid_emission_factor'",
            ("lcc", "carbon_price"),
            hint="add grid_emission_factor: e.g. 0.281 kg CO2e / kWh",
        )


def _check_percentage(doc: YamlDocument, q: Quantity, path: Path) -> Iterator[Diagnostic]:
    """A percentage must carry its unit: a bare 3 would be 300 %."""
    if not q.unit:
        yield doc.diagnostic(
            "missing-unit",
            f"{q.text} has no unit; a bare number here would mean {q.magnitude:g} x 100 %",
            path,
            hint=f"write '{q.text} %'",
        )
        return
    yield from _check_unit(doc, q, "percent", path)
