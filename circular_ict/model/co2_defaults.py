"""The CO2 defaults file (``criteria/co2-defaults.yaml``): reference numbers per product group.

Embodied emissions, yearly energy use, first-use lifetime and refurbished saving per product
group, and grid emission factors, each with its source tag, status and uncertainty (from the
project's reference notes, criteria-sources.md §6). :mod:`circular_ict.scoring.co2` uses them
when a bid does not declare a value, and records every default it used.
"""

from __future__ import annotations

import functools
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Annotated, ClassVar, Literal

from pydantic import AfterValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from ..diagnostics import Diagnostic, FileReport, Report, sort_diagnostics, suggest
from ..errors import DocumentError
from ..units import Quantity, describe_dimension, is_compatible
from ..yamlio import YamlDocument, load_yaml
from ._types import CriterionId, IsoDate, Model, QuantityValue, Text

__all__ = [
    "DEFAULTS_FILE",
    "Co2Defaults",
    "DeviceDefaults",
    "EmbodiedEstimate",
    "EnergyEstimate",
    "GridFactor",
    "LifetimeEstimate",
    "SavingRange",
    "SourceEntry",
    "check_co2_defaults",
    "co2_defaults",
    "load_co2_defaults",
]

Status = Literal["verified", "secondary", "derived"]

#: The defaults file, relative to the bundled library (:func:`circular_ict.catalogue.library_root`).
DEFAULTS_FILE = "co2-defaults.yaml"

# Canonical units of the defaults (what the scoring functions take).
KG_CO2E = "kg CO2e"
KWH_PER_YEAR = "kWh / year"
YEAR = "year"
EF_UNIT = "kg CO2e / kWh"


# --------------------------------------------------------------------------- the defaults file


def _dimension(expected: str) -> AfterValidator:
    """A validator: the quantity must convert to ``expected``."""

    def check(q: Quantity) -> Quantity:
        if not is_compatible(q.unit, expected):
            raise PydanticCustomError(
                "wrong-dimension",
                "expected {expected}, got '{text}' ({got})",
                {
                    "expected": describe_dimension(expected),
                    "text": q.text,
                    "got": describe_dimension(q.unit),
                    "hint": f"write it in {expected}",
                },
            )
        if q.magnitude < 0:
            raise PydanticCustomError(
                "out-of-range", "'{text}' is negative", {"text": q.text, "hint": "write a value of 0 or more"}
            )
        return q

    return AfterValidator(check)


CO2eMass = Annotated[QuantityValue, _dimension(KG_CO2E)]
YearlyEnergy = Annotated[QuantityValue, _dimension(KWH_PER_YEAR)]
Duration = Annotated[QuantityValue, _dimension(YEAR)]
Share = Annotated[QuantityValue, _dimension("percent")]
EmissionFactor = Annotated[QuantityValue, _dimension(EF_UNIT)]
Count = Annotated[int, Field(ge=1)]
Fraction = Annotated[float, Field(ge=0, le=1)]


class SourceEntry(Model):
    """A source of the register (criteria-sources.md §0)."""

    title: Text
    publisher: Text
    year: Annotated[int, Field(ge=1900, le=2100)] | None = None
    url: Annotated[str, Field(pattern=r"^https?://\S+$")]
    accessed: IsoDate | None = None


class GridFactor(Model):
    """An electricity-grid emission factor."""

    id: CriterionId
    scope: Text
    year: Annotated[int, Field(ge=1900, le=2100)]
    value: EmissionFactor
    gases: Literal["CO2e", "CO2"]
    """``CO2``: carbon dioxide only, used as an approximation of CO2e."""
    status: Status
    source: Text
    note: Text | None = None

    @property
    def kg_per_kwh(self) -> float:
        """The factor in kg CO2e per kWh."""
        return self.value.to(EF_UNIT)


class _Estimate(Model):
    """A typical value (the median) with its interquartile range (the uncertainty)."""

    UNIT: ClassVar[str] = ""
    median: QuantityValue
    p25: QuantityValue | None = None
    p75: QuantityValue | None = None
    n: Count | None = None
    """How many products the statistic is computed from."""
    status: Status
    source: Text
    basis: Text | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _order(self) -> _Estimate:
        if (self.p25 is None) != (self.p75 is None):
            raise PydanticCustomError(
                "invalid-value-combination", "give both p25 and p75, or neither", {"hint": "add the missing one"}
            )
        if self.p25 is not None and self.p75 is not None:
            low, mid, high = self.p25.to(self.UNIT), self.median.to(self.UNIT), self.p75.to(self.UNIT)
            if not low <= mid <= high:
                raise PydanticCustomError(
                    "min-above-max",
                    "expected p25 <= median <= p75, got {p25}, {median}, {p75}",
                    {
                        "p25": self.p25.text,
                        "median": self.median.text,
                        "p75": self.p75.text,
                        "hint": "check the order of the values",
                    },
                )
        return self

    def value_in(self, unit: str) -> float:
        """The median in ``unit``."""
        return self.median.to(unit)

    def uncertainty(self) -> str:
        """The range and sample size in words, e.g. ``p25-p75 176 kg CO2e to 281 kg CO2e, n = 226``."""
        parts = [] if self.p25 is None or self.p75 is None else [f"p25-p75 {self.p25.text} to {self.p75.text}"]
        if self.n is not None:
            parts.append(f"n = {self.n}")
        return ", ".join(parts) or "no range published"


class EmbodiedEstimate(_Estimate):
    """Embodied (manufacturing-phase) emissions per device."""

    UNIT: ClassVar[str] = KG_CO2E
    median: CO2eMass
    p25: CO2eMass | None = None
    p75: CO2eMass | None = None
    lifecycle_median: CO2eMass | None = None
    """The median total life-cycle footprint (manufacturing, transport, use, end of life)."""
    lifecycle_n: Count | None = None
    manufacturing_share: Fraction | None = None
    """The median share of manufacturing in the total footprint, 0 to 1."""


class EnergyEstimate(_Estimate):
    """Typical electricity use per year."""

    UNIT: ClassVar[str] = KWH_PER_YEAR
    median: YearlyEnergy
    p25: YearlyEnergy | None = None
    p75: YearlyEnergy | None = None


class LifetimeEstimate(_Estimate):
    """Typical first-use lifetime."""

    UNIT: ClassVar[str] = YEAR
    median: Duration
    p25: Duration | None = None
    p75: Duration | None = None


class SavingRange(Model):
    """Share of the embodied emissions avoided by buying refurbished instead of new."""

    low: Share
    high: Share
    central: Share
    """The value used by default (the file's header says how it is chosen)."""
    status: Status
    source: Text
    basis: Text | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _order(self) -> SavingRange:
        low, central, high = (self.low.to(""), self.central.to(""), self.high.to(""))
        if not 0.0 <= low <= central <= high <= 1.0:
            raise PydanticCustomError(
                "min-above-max",
                "expected 0 % <= low <= central <= high <= 100 %, got {low}, {central}, {high}",
                {
                    "low": self.low.text,
                    "central": self.central.text,
                    "high": self.high.text,
                    "hint": "check the values",
                },
            )
        return self

    def fraction(self, which: Literal["low", "central", "high"]) -> float:
        """The saving as a fraction (43 % is 0.43)."""
        q: Quantity = getattr(self, which)
        return q.to("")


GapKey = Literal["annual_energy", "lifetime", "refurbished_saving"]


class DeviceDefaults(Model):
    """The defaults of one product group; a quantity the research has no number for is listed in ``gaps``."""

    basis: Text | None = None
    embodied: EmbodiedEstimate
    annual_energy: EnergyEstimate | None = None
    lifetime: LifetimeEstimate | None = None
    refurbished_saving: SavingRange | None = None
    gaps: dict[GapKey, Text] = {}
    """Why a quantity has no default."""

    @model_validator(mode="after")
    def _given_or_gap(self) -> DeviceDefaults:
        for name in ("annual_energy", "lifetime", "refurbished_saving"):
            given = getattr(self, name) is not None
            if given == (name in self.gaps):
                problem = "is both given and listed in 'gaps'" if given else "is neither given nor listed in 'gaps'"
                raise PydanticCustomError(
                    "invalid-value-combination",
                    "'{name}' {problem}",
                    {"name": name, "problem": problem, "hint": f"give {name}, or say in gaps why there is none"},
                )
        return self


class Co2Defaults(Model):
    """The file ``criteria/co2-defaults.yaml``: CO2 reference numbers per product group, with sources."""

    title: Text
    version: Text
    sources: dict[CriterionId, SourceEntry]
    grid_emission_factors: Annotated[list[GridFactor], Field(min_length=1)]
    device_defaults: dict[CriterionId, DeviceDefaults]

    def group(self, product_group: str) -> DeviceDefaults:
        """The defaults of a product group (``ValueError`` naming the known groups if it has none)."""
        try:
            return self.device_defaults[product_group]
        except KeyError:
            known = ", ".join(sorted(self.device_defaults))
            raise ValueError(f"no CO2 defaults for the product group {product_group!r}; known: {known}") from None

    def grid_factor(self, factor_id: str) -> float:
        """A grid emission factor by id, in kg CO2e per kWh."""
        for factor in self.grid_emission_factors:
            if factor.id == factor_id:
                return factor.kg_per_kwh
        known = ", ".join(f.id for f in self.grid_emission_factors)
        raise ValueError(f"no grid emission factor {factor_id!r}; known: {known}")

    def source_label(self, tag: str) -> str:
        """``"S34 (Boavizta, 2023)"``-style label of a source tag."""
        entry = self.sources.get(tag)
        if entry is None:
            return tag
        return f"{tag} ({entry.publisher}{f', {entry.year}' if entry.year else ''})"


def load_co2_defaults(source: str | Path | bytes | None = None, *, file: str | None = None) -> Co2Defaults:
    """Load and check a CO2 defaults file; raise :class:`~circular_ict.errors.DocumentError` if it is invalid.

    ``source``: a path (``str`` or ``Path``), the file's bytes, or ``None`` for the bundled
    ``criteria/co2-defaults.yaml`` (found through :func:`circular_ict.catalogue.library_root`).
    Beyond the model (unknown keys, units by dimension, ranges in order), every product group must
    be one of the bundled product groups and every source tag must be in ``sources``; each problem
    is a located diagnostic.
    """
    from ..catalogue import library_root
    from ..validation import validate_data

    if source is None:
        item: Traversable = library_root().joinpath(DEFAULTS_FILE)
        raw: str | Path | bytes = item.read_bytes()
        name = file or f"criteria/{DEFAULTS_FILE}"
    elif isinstance(source, bytes):
        raw, name = source, file or "<bytes>"
    else:
        raw, name = Path(source), file or str(source)
    doc = load_yaml(raw, file=name)
    diagnostics: list[Diagnostic] = list(doc.diagnostics)
    model: Co2Defaults | None = None
    if doc.ok:
        model, problems = validate_data(doc, Co2Defaults)
        diagnostics.extend(problems)
    if model is not None:
        diagnostics.extend(check_co2_defaults(model, doc))
    report = FileReport(name, sort_diagnostics(diagnostics), "co2-defaults")
    if model is None or not report.valid:
        raise DocumentError(Report.of([report]))
    return model


def check_co2_defaults(model: Co2Defaults, doc: YamlDocument) -> list[Diagnostic]:
    """The checks beyond the model, each located in ``doc``: product groups, source tags, unique ids.

    Every product group must be one of the bundled product groups (``criteria/products.yaml``),
    every ``source`` a tag of the file's ``sources``, and grid-factor ids unique.
    """
    from ..catalogue import product_groups

    diagnostics: list[Diagnostic] = []
    known_groups = sorted(product_groups())
    for group_id in model.device_defaults:
        if group_id not in known_groups:
            close = suggest(group_id, known_groups)
            diagnostics.append(
                doc.diagnostic(
                    "unknown-product-group",
                    f"unknown product group {group_id!r}",
                    ("device_defaults", group_id),
                    key=True,
                    hint=f"did you mean {close!r}?" if close else f"use one of {', '.join(known_groups)}",
                )
            )
    for path, tag in _source_tags(model):
        if tag not in model.sources:
            diagnostics.append(
                doc.diagnostic(
                    "invalid-value",
                    f"unknown source tag {tag!r}",
                    path,
                    hint=f"add it to 'sources', or use one of {', '.join(sorted(model.sources))}",
                )
            )
    first: dict[str, int] = {}
    for i, factor in enumerate(model.grid_emission_factors):
        if factor.id in first:
            line, _col = doc.locate(("grid_emission_factors", first[factor.id], "id"))
            diagnostics.append(
                doc.diagnostic(
                    "duplicate-id",
                    f"the grid factor id {factor.id!r} is already used (line {line})",
                    ("grid_emission_factors", i, "id"),
                )
            )
        else:
            first[factor.id] = i
    return diagnostics


def _source_tags(model: Co2Defaults) -> list[tuple[tuple[str | int, ...], str]]:
    found: list[tuple[tuple[str | int, ...], str]] = [
        (("grid_emission_factors", i, "source"), f.source) for i, f in enumerate(model.grid_emission_factors)
    ]
    for group_id, group in model.device_defaults.items():
        for name in ("embodied", "annual_energy", "lifetime", "refurbished_saving"):
            entry = getattr(group, name)
            if entry is not None:
                found.append((("device_defaults", group_id, name, "source"), entry.source))
    return found


@functools.cache
def co2_defaults() -> Co2Defaults:
    """The bundled CO2 defaults (``criteria/co2-defaults.yaml``), loaded once."""
    return load_co2_defaults()
