"""CO2 footprint of the devices offered in bids, as plain functions over numpy arrays.

The footprint of one device over its expected use (kg CO2e)::

    embodied_new = declared_embodied                  the supplier's declared manufacturing emissions, or
                 = declared_pcf · manufacturing_share  its declared product carbon footprint × the
                                                      manufacturing share, or
                 = default median of the product group (criteria/co2-defaults.yaml, S34 Boavizta)
    embodied     = embodied_new · (1 − s)             s = refurbished saving (0 for a new device)
    use_phase    = E · EF · Y                         E kWh/year, EF kg CO2e/kWh, Y years of use
    total        = embodied + use_phase               per device
    per_year     = total / Y                          per device-year: a longer life spreads the
                                                      embodied emissions over more years

Sources: the reference numbers are in criteria-sources.md §6 ([S34] Boavizta derived medians,
[S35], [S36], [S44] grid factors, [S37] ADEME refurbished savings, [S38], [S39] cross-checks), shipped as
``criteria/co2-defaults.yaml`` and loaded by :func:`co2_defaults`. The per-device-year figure is
what an award criterion on CO2 should compare when lifespans differ.

Canonical units: kg CO2e, kWh per year, kg CO2e per kWh, years; shares as fractions (43 % is 0.43).
Missing bid values are NaN: they are filled from the product group's default when the caller
allows it (``fill_defaults``) and one exists, and every default used is recorded with its source;
otherwise they propagate as NaN (``missing="raise"`` refuses them instead).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..model.co2_defaults import (
    DEFAULTS_FILE,
    KG_CO2E,
    KWH_PER_YEAR,
    YEAR,
    Co2Defaults,
    DeviceDefaults,
    EmbodiedEstimate,
    EnergyEstimate,
    GridFactor,
    LifetimeEstimate,
    SavingRange,
    SourceEntry,
    check_co2_defaults,
    co2_defaults,
    load_co2_defaults,
)

__all__ = [
    "DEFAULTS_FILE",
    "Co2Defaults",
    "Co2Result",
    "DefaultUsed",
    "DeviceDefaults",
    "EmbodiedEstimate",
    "EnergyEstimate",
    "GridFactor",
    "LifetimeEstimate",
    "SavingRange",
    "SourceEntry",
    "check_co2_defaults",
    "co2_defaults",
    "co2_footprint",
    "load_co2_defaults",
    "use_phase_emissions",
]

FloatArray = NDArray[np.float64]
Status = Literal["verified", "secondary", "derived"]
DefaultQuantity = Literal["embodied", "annual_energy", "years_of_use", "refurbished_saving"]
Missing = Literal["propagate", "raise"]

# --------------------------------------------------------------------------- the footprint


def use_phase_emissions(annual_energy_kwh: ArrayLike, grid_factor: float, years: ArrayLike) -> FloatArray:
    """Use-phase emissions in kg CO2e: ``E · EF · Y`` (kWh/year × kg CO2e/kWh × years).

    NaN propagates. Source: criteria-sources.md §6.2 (yearly energy) and §6.3 (grid factors).
    """
    ef = _parameter("grid_factor", grid_factor)
    return np.asarray(annual_energy_kwh, dtype=np.float64) * ef * np.asarray(years, dtype=np.float64)


@dataclass(frozen=True)
class DefaultUsed:
    """A default the footprint used: which quantity, for which bids, its value and where it comes from."""

    quantity: DefaultQuantity
    product_group: str
    value: float
    unit: str
    source: str
    """The source tag, e.g. ``S34``."""
    source_label: str
    """The tag with publisher and year, e.g. ``S34 (Boavizta, 2023)``."""
    status: Status
    uncertainty: str
    bids: tuple[int, ...]

    def describe(self) -> str:
        """One sentence for explanations."""
        return (
            f"{self.quantity.replace('_', ' ')} of {self.product_group}: default {self.value:g} {self.unit} "
            f"({self.status}, {self.source_label}; {self.uncertainty})"
        )


@dataclass(frozen=True)
class Co2Result:
    """The CO2 footprint of each offered device (arrays with one entry per bid).

    ``embodied = embodied_new · (1 − refurbished_saving)``, ``use_phase = annual_energy_kwh ·
    grid_factor · years_of_use``, ``total = embodied + use_phase`` (kg CO2e per device) and
    ``per_device_year = total / years_of_use``. The ``*_origin`` tuples say, per bid, where each
    input came from: ``"declared"`` (the bid), ``"declared_pcf_share"`` (the bid's PCF × its
    manufacturing share), ``"default"`` (see ``defaults_used``), ``"given"`` (the tender's own
    saving), ``"new"`` (not refurbished) or ``"missing"`` (NaN, no default).
    """

    product_group: tuple[str, ...]
    embodied_new: FloatArray
    refurbished: NDArray[np.bool_]
    refurbished_saving: FloatArray
    embodied: FloatArray
    annual_energy_kwh: FloatArray
    grid_factor: float
    years_of_use: FloatArray
    use_phase: FloatArray
    total: FloatArray
    per_device_year: FloatArray
    embodied_origin: tuple[str, ...]
    energy_origin: tuple[str, ...]
    years_origin: tuple[str, ...]
    saving_origin: tuple[str, ...]
    defaults_used: tuple[DefaultUsed, ...]

    def __len__(self) -> int:
        return int(self.total.size)

    def breakdown(self, index: int) -> dict[str, Any]:
        """The footprint of one bid, with the origin of every input."""
        return {
            "product_group": self.product_group[index],
            "embodied_new": float(self.embodied_new[index]),
            "refurbished": bool(self.refurbished[index]),
            "refurbished_saving": float(self.refurbished_saving[index]),
            "embodied": float(self.embodied[index]),
            "annual_energy_kwh": float(self.annual_energy_kwh[index]),
            "grid_factor": self.grid_factor,
            "years_of_use": float(self.years_of_use[index]),
            "use_phase": float(self.use_phase[index]),
            "total": float(self.total[index]),
            "per_device_year": float(self.per_device_year[index]),
            "embodied_origin": self.embodied_origin[index],
            "energy_origin": self.energy_origin[index],
            "years_origin": self.years_origin[index],
            "saving_origin": self.saving_origin[index],
            "defaults": [d.describe() for d in self.defaults_used if index in d.bids],
        }


ALL_FILLS: tuple[Literal["embodied", "annual_energy", "years_of_use"], ...] = (
    "embodied",
    "annual_energy",
    "years_of_use",
)


def co2_footprint(
    product_group: str | Sequence[str],
    *,
    grid_factor: float,
    years_of_use: ArrayLike | None = None,
    annual_energy_kwh: ArrayLike | None = None,
    declared_embodied: ArrayLike | None = None,
    declared_pcf: ArrayLike | None = None,
    declared_manufacturing_share: ArrayLike | None = None,
    refurbished: ArrayLike | None = None,
    refurbished_saving: Literal["central", "low", "high"] | float = "central",
    fill_defaults: Collection[Literal["embodied", "annual_energy", "years_of_use"]] = ALL_FILLS,
    defaults: Co2Defaults | None = None,
    missing: Missing = "propagate",
) -> Co2Result:
    """CO2 footprint per offered device, per device and per device-year (kg CO2e).

    Formula (see the module docstring)::

        embodied  = [declared_embodied | declared_pcf · share | default median] · (1 − s·refurbished)
        use_phase = annual_energy_kwh · grid_factor · years_of_use
        total = embodied + use_phase;   per_device_year = total / years_of_use

    Arguments (one entry per bid, or a scalar for all; ``product_group`` is one id or one per bid):

    * ``grid_factor``: kg CO2e per kWh of the electricity the devices will use (e.g.
      ``co2_defaults().grid_factor("eu27_2018")`` = 0.281); the tender's choice, never defaulted;
    * ``years_of_use``: expected years of use (e.g. the bid's guaranteed lifespan); NaN or ``None``
      takes the group's typical first-use lifetime, except for refurbished devices (a second life
      is not a first life: their years of use must be given, or stay NaN);
    * ``annual_energy_kwh``: declared kWh per year; NaN or ``None`` takes the group's typical value;
    * ``declared_embodied``: the supplier's declared embodied (manufacturing) emissions, kg CO2e;
      where NaN, ``declared_pcf`` (the whole product carbon footprint, kg CO2e) times
      ``declared_manufacturing_share`` (0 to 1) is used when both are given; else the default;
    * ``refurbished``: booleans (1/0); a refurbished device avoids ``refurbished_saving`` of its
      embodied emissions: ``"central"``, ``"low"`` or ``"high"`` of the group's published range,
      or the tender's own fraction (0 to 1);
    * ``fill_defaults``: which missing inputs may be filled from defaults (an award criterion may
      demand declared values: pass ``()``);
    * ``defaults``: another defaults file (:func:`load_co2_defaults`); the bundled one otherwise.

    Declared values describe the new product (manufacturer PCF sheets do); pass
    ``refurbished=False`` for a bid whose declared footprint already covers its refurbishment.
    When to use: an award criterion on CO2 (compare ``per_device_year`` when lifespans differ) or
    the embodied-emissions externality of the life-cycle cost. Pitfalls: the defaults are
    order-of-magnitude medians with wide ranges (see ``defaults_used``); a default can favour a
    bidder who declares nothing over one who declares an honest high value, so a tender may
    require declared values (``fill_defaults=()``) and treat NaN as "not demonstrated".
    """
    if missing not in ("propagate", "raise"):
        raise ValueError(f"missing must be 'propagate' or 'raise', got {missing!r}")
    table = defaults if defaults is not None else co2_defaults()
    ef = _parameter("grid_factor", grid_factor)
    groups, n = _groups_and_count(
        product_group,
        [years_of_use, annual_energy_kwh, declared_embodied, declared_pcf, declared_manufacturing_share, refurbished],
    )
    group_defaults = {g: table.group(g) for g in dict.fromkeys(groups)}
    unknown_fill = sorted(set(fill_defaults) - set(ALL_FILLS))
    if unknown_fill:
        raise ValueError(f"fill_defaults takes {', '.join(ALL_FILLS)}; unknown: {', '.join(unknown_fill)}")
    fill = set(fill_defaults)
    used: list[DefaultUsed] = []

    # embodied emissions of the new device
    embodied_new = _bid_vector("declared_embodied", declared_embodied, n)
    origin_e = ["declared" if not math.isnan(v) else "missing" for v in embodied_new]
    pcf = _bid_vector("declared_pcf", declared_pcf, n)
    share = _bid_vector("declared_manufacturing_share", declared_manufacturing_share, n)
    if np.any(share > 1.0):
        raise ValueError(
            f"declared_manufacturing_share is a fraction from 0 to 1; above 1 for bid(s) {_where(share > 1)}"
        )
    from_pcf = np.isnan(embodied_new) & ~np.isnan(pcf) & ~np.isnan(share)
    embodied_new[from_pcf] = pcf[from_pcf] * share[from_pcf]
    for row in np.flatnonzero(from_pcf).tolist():
        origin_e[row] = "declared_pcf_share"
    if "embodied" in fill:
        for g, d in group_defaults.items():
            _fill(embodied_new, origin_e, groups, g, d.embodied, KG_CO2E, "embodied", table, used)

    energy = _bid_vector("annual_energy_kwh", annual_energy_kwh, n)
    origin_k = ["declared" if not math.isnan(v) else "missing" for v in energy]
    if "annual_energy" in fill:
        for g, d in group_defaults.items():
            _fill(energy, origin_k, groups, g, d.annual_energy, KWH_PER_YEAR, "annual_energy", table, used)

    years = _bid_vector("years_of_use", years_of_use, n)
    if np.any(years == 0.0):
        raise ValueError(f"years_of_use must be positive; 0 for bid(s) {_where(years == 0.0)}")
    origin_y = ["declared" if not math.isnan(v) else "missing" for v in years]
    # refurbished devices (their years of use are a second life: never the first-use default)
    refurb = _refurbished_mask(refurbished, n)
    if "years_of_use" in fill:
        for g, d in group_defaults.items():
            _fill(years, origin_y, groups, g, d.lifetime, YEAR, "years_of_use", table, used, skip=refurb)

    saving = np.zeros(n, dtype=np.float64)
    origin_s = ["new"] * n
    if refurb.any():
        if isinstance(refurbished_saving, str):
            if refurbished_saving not in ("central", "low", "high"):
                raise ValueError(
                    f"refurbished_saving is 'central', 'low', 'high' or a fraction, got {refurbished_saving!r}"
                )
            for g, d in group_defaults.items():
                rows = [i for i in range(n) if refurb[i] and groups[i] == g]
                if not rows:
                    continue
                if d.refurbished_saving is None:
                    why = d.gaps.get("refurbished_saving", "")
                    raise ValueError(
                        f"no default refurbished saving for {g!r} ({why}); pass refurbished_saving as a fraction"
                    )
                rng = d.refurbished_saving
                value = rng.fraction(refurbished_saving)
                saving[rows] = value
                for i in rows:
                    origin_s[i] = "default"
                used.append(
                    DefaultUsed(
                        "refurbished_saving",
                        g,
                        value * 100.0,
                        "%",
                        rng.source,
                        table.source_label(rng.source),
                        rng.status,
                        f"{refurbished_saving} of the range {rng.low.text} to {rng.high.text}",
                        tuple(rows),
                    )
                )
        else:
            value = _parameter("refurbished_saving", refurbished_saving)
            if value > 1.0:
                raise ValueError(f"refurbished_saving is a fraction from 0 to 1 (40 % is 0.4), got {value}")
            saving[refurb] = value
            for row in np.flatnonzero(refurb).tolist():
                origin_s[row] = "given"

    for name, origins in (("embodied", origin_e), ("annual_energy_kwh", origin_k), ("years_of_use", origin_y)):
        if missing == "raise" and "missing" in origins:
            rows = [i for i, o in enumerate(origins) if o == "missing"]
            raise ValueError(f"{name} is missing (NaN, and no default was allowed or known) for bid(s) {rows}")

    embodied = embodied_new * (1.0 - saving)
    use = use_phase_emissions(energy, ef, years)
    total = embodied + use
    with np.errstate(invalid="ignore", divide="ignore"):
        per_year = total / years
    return Co2Result(
        product_group=tuple(groups),
        embodied_new=_frozen(embodied_new),
        refurbished=_frozen_bool(refurb),
        refurbished_saving=_frozen(saving),
        embodied=_frozen(embodied),
        annual_energy_kwh=_frozen(energy),
        grid_factor=ef,
        years_of_use=_frozen(years),
        use_phase=_frozen(use),
        total=_frozen(total),
        per_device_year=_frozen(per_year),
        embodied_origin=tuple(origin_e),
        energy_origin=tuple(origin_k),
        years_origin=tuple(origin_y),
        saving_origin=tuple(origin_s),
        defaults_used=tuple(used),
    )


# --------------------------------------------------------------------------- helpers


def _fill(
    values: FloatArray,
    origins: list[str],
    groups: Sequence[str],
    group: str,
    estimate: EmbodiedEstimate | EnergyEstimate | LifetimeEstimate | None,
    unit: str,
    quantity: DefaultQuantity,
    table: Co2Defaults,
    used: list[DefaultUsed],
    skip: NDArray[np.bool_] | None = None,
) -> None:
    rows = [
        i for i in range(values.size) if groups[i] == group and math.isnan(values[i]) and (skip is None or not skip[i])
    ]
    if not rows or estimate is None:
        return
    value = estimate.value_in(unit)
    values[rows] = value
    for i in rows:
        origins[i] = "default"
    used.append(
        DefaultUsed(
            quantity,
            group,
            value,
            unit,
            estimate.source,
            table.source_label(estimate.source),
            estimate.status,
            estimate.uncertainty(),
            tuple(rows),
        )
    )


def _groups_and_count(product_group: str | Sequence[str], arrays: list[ArrayLike | None]) -> tuple[list[str], int]:
    sizes = {int(np.asarray(a).size) for a in arrays if a is not None and np.ndim(a) > 0}
    if isinstance(product_group, str):
        if len(sizes) > 1:
            raise ValueError(f"the per-bid arrays have different lengths: {sorted(sizes)}")
        n = sizes.pop() if sizes else 1
        return [product_group] * n, n
    groups = list(product_group)
    if not groups or not all(isinstance(g, str) for g in groups):
        raise ValueError("product_group must be a product group id or a non-empty sequence of ids, one per bid")
    bad = sizes - {len(groups)}
    if bad:
        raise ValueError(f"product_group has {len(groups)} entries but a per-bid array has {sorted(bad)[0]}")
    return groups, len(groups)


def _parameter(name: str, value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.floating, np.integer)):
        raise ValueError(f"{name} must be a number, got {value!r}")
    v = float(value)
    if math.isnan(v):
        raise ValueError(f"{name} is NaN: a tender parameter must be a number")
    if math.isinf(v) or v < 0.0:
        raise ValueError(f"{name} must be a finite number of 0 or more, got {v}")
    return v


def _bid_vector(name: str, value: ArrayLike | None, n: int) -> FloatArray:
    if value is None:
        return np.full(n, np.nan)
    arr = np.asarray(value, dtype=np.float64)
    if arr.ndim == 0:
        arr = np.full(n, float(arr))
    if arr.shape != (n,):
        raise ValueError(f"{name} must have one value per bid ({n}), got shape {arr.shape}")
    if np.isinf(arr).any():
        raise ValueError(f"{name} must be finite; infinite for bid(s) {_where(np.isinf(arr))}")
    if (arr < 0).any():
        raise ValueError(f"{name} must not be negative; negative for bid(s) {_where(arr < 0)}")
    return arr.copy()


def _refurbished_mask(value: ArrayLike | None, n: int) -> NDArray[np.bool_]:
    if value is None:
        return np.zeros(n, dtype=bool)
    arr = np.asarray(value)
    if arr.ndim == 0:
        arr = np.full(n, arr)
    if arr.shape != (n,):
        raise ValueError(f"refurbished must have one value per bid ({n}), got shape {arr.shape}")
    as_float = arr.astype(np.float64)
    if np.isnan(as_float).any() or not np.isin(as_float, (0.0, 1.0)).all():
        raise ValueError("refurbished must be true/false (or 1/0) for every bid")
    return np.asarray(as_float == 1.0, dtype=bool)


def _where(mask: NDArray[np.bool_]) -> str:
    return ", ".join(str(int(i)) for i in np.flatnonzero(mask)[:10])


def _frozen(arr: FloatArray) -> FloatArray:
    out = np.array(arr, dtype=np.float64)
    out.setflags(write=False)
    return out


def _frozen_bool(arr: NDArray[np.bool_]) -> NDArray[np.bool_]:
    out = np.array(arr, dtype=bool)
    out.setflags(write=False)
    return out
