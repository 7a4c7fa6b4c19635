"""Criteria: what a tender requires, rewards or stipulates, with provenance.

A criterion is one of four kinds (the discriminator ``kind``), following the
EU public procurement directive 2014/24/EU and the EU GPP criteria documents:

==============================  ===========================================
``selection_criterion``         about the bidder's ability (art. 58)
``technical_specification``     a minimum requirement on the offer (art. 42)
``award_criterion``             earns points in the award (art. 67)
``contract_performance_clause`` an obligation during the contract (art. 70)
==============================  ===========================================
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ._types import (
    CriterionId,
    EqualsValue,
    IsoDate,
    LocalizedText,
    MetricId,
    Model,
    QuantityValue,
    Text,
    Threshold,
)
from .scoring import ScoringRule

__all__ = [
    "AMBITION_LEVELS",
    "THEMES",
    "AmbitionLevel",
    "AwardCriterion",
    "ContractPerformanceClause",
    "Criterion",
    "CriterionKind",
    "CriterionOrigin",
    "GppOrigin",
    "Parameter",
    "Provenance",
    "Requirement",
    "SelectionCriterion",
    "SuggestedValue",
    "TechnicalSpecification",
    "Verification",
]

#: Ambition levels, from the least to the most demanding. ``basic`` matches the
#: EU GPP "core" criteria and the Dutch MVI "basis" level, ``significant`` the
#: EU "comprehensive" and MVI "significant", ``ambitious`` the MVI "ambitieus"
#: level and front-runner criteria (e.g. the Swedish "spjutspets").
AmbitionLevel = Literal["basic", "significant", "ambitious"]
AMBITION_LEVELS: tuple[str, ...] = ("basic", "significant", "ambitious")

#: The closed vocabulary of themes.
Theme = Literal[
    "reuse",
    "climate",
    "energy",
    "lifespan",
    "repairability",
    "take_back",
    "hazardous_substances",
    "recycled_content",
    "packaging",
]
THEMES: tuple[str, ...] = Theme.__args__  # type: ignore[attr-defined]

#: The four kinds of criteria (the discriminator ``kind``).
CriterionKind = Literal[
    "selection_criterion", "technical_specification", "award_criterion", "contract_performance_clause"
]

#: The eForms BT-805 "Green Procurement Criteria" code list values.
GppOrigin = Literal["eu", "national", "other"]

Status = Literal["verified", "secondary", "derived"]

Evidence = Literal[
    "declaration",
    "technical_documentation",
    "test_report",
    "label",
    "certificate",
    "product_carbon_footprint",
    "lca_report",
    "contract_records",
    "audit_report",
]


class Provenance(Model):
    """Where a criterion or value comes from, and how sure it is.

    ``status``: ``verified`` (checked against the original document),
    ``secondary`` (taken from a faithful secondary rendering, e.g. a national
    portal that reproduces the text), or ``derived`` (worked out by the authors
    from sources, e.g. a mapping or a computed figure).
    """

    publisher: Text
    document: Text
    code: Text | None = None
    """The criterion's code within the document, e.g. 'TS1.1' or 'AC3'."""
    url: Annotated[str, Field(pattern=r"^https?://\S+$")] | None = None
    date: IsoDate | None = None
    """The date of the document (or of the version used)."""
    status: Status
    note: Text | None = None


class SuggestedValue(Model):
    """A value a source suggests for a parameter, at an ambition level."""

    level: AmbitionLevel
    value: QuantityValue
    source: Provenance | None = None


class Parameter(Model):
    """A threshold the tender sets; sources may suggest values per level."""

    description: LocalizedText
    suggested: list[SuggestedValue] = []


class Requirement(Model):
    """A constraint on one metric.

    Quantity metrics take ``min`` and/or ``max`` (inclusive) or ``equals``;
    boolean metrics take ``equals: true``; ordinal metrics take ``min_level``
    or ``one_of``. A bound may be ``{parameter: name}``, set by the tender.
    """

    metric: MetricId
    min: Threshold | None = None
    max: Threshold | None = None
    equals: EqualsValue | None = None
    min_level: Text | None = None
    one_of: Annotated[list[Text], Field(min_length=1)] | None = None

    @model_validator(mode="after")
    def _one_form(self) -> Requirement:
        given = [k for k in ("min", "max", "equals", "min_level", "one_of") if getattr(self, k) is not None]
        if not given:
            raise PydanticCustomError(
                "missing-key",
                "a requirement needs a constraint: 'min', 'max', 'equals', 'min_level' or 'one_of'",
                {"hint": "e.g. min: '3 year'"},
            )
        if len(given) > 1 and set(given) != {"min", "max"}:
            raise PydanticCustomError(
                "invalid-value-combination",
                "{given} cannot be combined in one requirement",
                {"given": " and ".join(repr(g) for g in given), "hint": "only 'min' and 'max' go together"},
            )
        return self


class Verification(Model):
    """How the bidder proves the criterion is met."""

    evidence: Annotated[list[Evidence], Field(min_length=1)]
    labels: list[Text] = []
    """Labels accepted as proof, e.g. 'TCO Certified Generation 10', 'EPEAT Gold'."""
    text: LocalizedText | None = None


class CriterionOrigin(Model):
    """Where a criterion of a derived set was taken from.

    :func:`circular_ict.select.select` and :func:`circular_ict.combine.combine` write it on every criterion of
    the set they make, so that a selection or a combination of sets still says which set each criterion
    comes from (its ``source`` says which document). A criterion that has an origin keeps it when it is
    selected or combined again.
    """

    set: CriterionId
    """The id of the criteria set the criterion was taken from."""
    version: Text | None = None
    """That set's version."""
    defined_in: CriterionId | None = None
    """The bundled set that defines the criterion, when the set it was taken from uses it by reference."""
    gpp_origin: GppOrigin | None = None
    """eForms BT-805 of the set that defines the criterion: ``eu``, ``national`` or ``other``."""


class _CriterionBase(Model):
    id: CriterionId
    title: LocalizedText
    text: LocalizedText
    """The criterion as a buyer would put it in the tender documents."""
    ambition: AmbitionLevel
    source_level: Text | None = None
    """The level as the source names it, e.g. 'core', 'comprehensive', 'spjutspets'."""
    themes: Annotated[list[Theme], Field(min_length=1)]
    product_groups: Annotated[list[CriterionId], Field(min_length=1)]
    parameters: dict[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")], Parameter] = {}
    verification: Verification | None = None
    source: Provenance
    notes: LocalizedText | None = None
    """Guidance for the buyer, not part of the tender text."""
    origin: CriterionOrigin | None = None
    """The set the criterion was taken from, in a set made by ``select`` or ``combine``."""


class SelectionCriterion(_CriterionBase):
    """A requirement on the bidder (e.g. an environmental management system)."""

    kind: Literal["selection_criterion"]
    requirement: Requirement | None = None


class TechnicalSpecification(_CriterionBase):
    """A minimum requirement every offer must meet (a knock-out)."""

    kind: Literal["technical_specification"]
    requirement: Requirement | None = None


class AwardCriterion(_CriterionBase):
    """Earns points in the award; ``scoring`` says how."""

    kind: Literal["award_criterion"]
    scoring: ScoringRule | None = None


class ContractPerformanceClause(_CriterionBase):
    """An obligation on the supplier during the contract (e.g. take-back and reporting)."""

    kind: Literal["contract_performance_clause"]
    requirement: Requirement | None = None


Criterion = Annotated[
    SelectionCriterion | TechnicalSpecification | AwardCriterion | ContractPerformanceClause,
    Field(discriminator="kind"),
]

KINDS: tuple[str, ...] = CriterionKind.__args__  # type: ignore[attr-defined]
