"""Ambition-level schemes: how each source's levels map onto circular_ict's scale.

circular_ict has one ordered scale, ``basic < significant < ambitious``. Each
source names its levels differently (EU GPP core / comprehensive, Dutch MVI
basis / significant / ambitieus, Swedish bas / avancerad / spjutspets, EPEAT
Bronze / Silver / Gold). A scheme lists a source's labels and the level each
one maps to, so that a buyer who asks for "significant" gets the right
criteria from every source. The bundled schemes are in ``criteria/levels.yaml``.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from ._types import CriterionId, LocalizedText, Model, Text
from .criterion import AmbitionLevel, Provenance

__all__ = ["LevelLabel", "LevelScheme", "LevelSchemes"]


class LevelLabel(Model):
    """One level as a source names it, and where it sits on circular_ict's scale."""

    label: Text
    ambition: AmbitionLevel
    description: LocalizedText | None = None


class LevelScheme(Model):
    """The levels of one source or family of sources."""

    id: CriterionId
    name: LocalizedText
    levels: Annotated[list[LevelLabel], Field(min_length=1)]
    """From the least to the most demanding."""
    source: Provenance
    """Where the source defines its levels."""
    mapping_note: LocalizedText | None = None
    """Why the labels map to these levels (the mapping is circular_ict's own judgement)."""


class LevelSchemes(Model):
    """A file of level schemes (the bundled one is ``criteria/levels.yaml``)."""

    title: LocalizedText
    version: Text
    schemes: Annotated[list[LevelScheme], Field(min_length=1)]
