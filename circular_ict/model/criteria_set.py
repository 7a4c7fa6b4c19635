"""A criteria set: a versioned, sourced collection of criteria."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ._types import CriterionId, IsoDate, LanguageCode, LocalizedText, Model, QuantityValue, Text
from .criterion import AmbitionLevel, Criterion, GppOrigin, Provenance
from .metric import Metric

__all__ = ["CriteriaSet", "CriterionRef", "GppOrigin"]


class CriterionRef(Model):
    """A criterion of the bundled library, used in this set by reference (not copied).

    ``parameters`` fixes the values of the criterion's parameters (e.g. the
    warranty years a tender asks for). ``ambition`` places the criterion at
    another level than its source does; that is only allowed when every
    parameter is fixed to a value the criterion's sources suggest for that
    level, so the level stays sourced.
    """

    ref: CriterionId
    """The id of a criterion in the bundled library."""
    ambition: AmbitionLevel | None = None
    parameters: dict[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")], QuantityValue] = {}
    note: LocalizedText | None = None
    """Why the criterion is in this set."""


class CriteriaSet(Model):
    """A file of criteria, e.g. the EU GPP criteria for computers (2021)."""

    id: CriterionId
    title: LocalizedText
    version: Text
    """The set's own version; quote it ('1.10') so that YAML keeps it as text."""
    languages: Annotated[list[LanguageCode], Field(min_length=1)]
    """The languages every text in the set is given in."""
    description: LocalizedText | None = None
    source: Provenance
    review_date: IsoDate | None = None
    """When the set should next be reviewed against its sources."""
    gpp_origin: GppOrigin
    """eForms BT-805: whether the criteria are EU GPP, national or other criteria."""
    level_scheme: CriterionId | None = None
    """The id of the source's level scheme (``criteria/levels.yaml``); each criterion's ``source_level`` must be
    one of its labels, and its ``ambition`` the level that label maps to."""
    metrics: list[Metric] = []
    """Metrics this set adds to the bundled vocabulary."""
    criteria: list[Criterion] = []
    references: list[CriterionRef] = []
    """Criteria of the bundled library used by reference; see :class:`CriterionRef`."""

    @model_validator(mode="after")
    def _not_empty(self) -> CriteriaSet:
        if not self.criteria and not self.references:
            raise PydanticCustomError(
                "missing-key",
                "a criteria set needs at least one criterion under 'criteria:' or 'references:'",
                {"hint": "add a criterion, or reference one of the bundled library with {ref: <id>}"},
            )
        return self
