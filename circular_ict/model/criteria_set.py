"""A criteria set: a versioned, sourced collection of criteria."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from ._types import CriterionId, IsoDate, LanguageCode, LocalizedText, Model, Text
from .criterion import Criterion, Provenance
from .metric import Metric

__all__ = ["CriteriaSet", "GppOrigin"]

#: The eForms BT-805 "Green Procurement Criteria" code list values.
GppOrigin = Literal["eu", "national", "other"]


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
    criteria: Annotated[list[Criterion], Field(min_length=1)]
