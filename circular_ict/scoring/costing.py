"""The life-cycle cost of each bid, from the tender's ``lcc`` parameters and the bids' values.

Per bid, for the lot's quantity of devices: acquisition is the bid's price;
the yearly energy is ``typical_energy_consumption`` per device; maintenance,
end-of-life cost and residual value are the per-device values
``annual_maintenance_cost``, ``end_of_life_cost`` and ``residual_value`` when
the bid gives them (zero otherwise: a cost the bidder does not charge); the
CO2 externality prices the use-phase electricity at the grid emission factor
and, if the tender asks, the embodied emissions. The formula and the
discounting conventions are :func:`circular_ict.scoring.lcc.life_cycle_cost`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from ..units import Quantity, conversion_factor
from .evaluation import LccBreakdown
from .lcc import DiscountConvention, life_cycle_cost

if TYPE_CHECKING:
    from ..model.bid import Bid
    from ..model.tender import Lot, Tender
    from .co2 import Co2Result
    from .engine import Columns

__all__ = ["CO2_METRICS", "DEFAULT_GRID_FACTOR", "LCC_METRICS", "co2_footprints", "life_cycle_costs"]

#: Metrics the engine computes for each bid from the CO2 footprint (:mod:`circular_ict.scoring.co2`),
#: by the field of :class:`~circular_ict.scoring.co2.Co2Result` they come from. An award criterion can
#: score them like any other metric.
CO2_METRICS = {"co2_per_device_year": "per_device_year", "co2_footprint_per_device": "total"}

#: The grid factor used when the tender gives none: EU-27 generation intensity 2018 (EEA, verified),
#: an id of ``criteria/co2-defaults.yaml``.
DEFAULT_GRID_FACTOR = "eu27_2018"

#: The metric each LCC input is read from (per device), and whether the LCC needs it.
LCC_METRICS = {
    "energy": ("typical_energy_consumption", True),
    "maintenance": ("annual_maintenance_cost", False),
    "end_of_life": ("end_of_life_cost", False),
    "residual_value": ("residual_value", False),
    "embodied": ("embodied_emissions", False),
}


def _si(q: Quantity | None, unit: str) -> float | None:
    return None if q is None else q.magnitude * conversion_factor(q.unit, unit)


def convention_of(tender: Tender) -> DiscountConvention:
    """The tender's discounting convention as an :class:`DiscountConvention`."""
    assert tender.lcc is not None
    d = tender.lcc.discounting
    if d.convention == "end_of_year":
        rate = _si(d.rate, "dimensionless")
        assert rate is not None
        return DiscountConvention.end_of_year(rate, discount_externalities=d.discount_externalities)
    if d.convention == "flat_factor":
        assert d.factor is not None
        return DiscountConvention.flat_factor(d.factor, discount_externalities=d.discount_externalities)
    return DiscountConvention.none(discount_externalities=d.discount_externalities)


def life_cycle_costs(
    tender: Tender, lot: Lot, bids: Sequence[Bid], columns: Columns, acquisition: NDArray[np.float64]
) -> tuple[NDArray[np.float64], list[LccBreakdown | None], list[list[str]]]:
    """Total LCC per bid (EUR, NaN where a needed value is missing), the breakdowns, and what is missing per bid.

    ``acquisition`` is each bid's price for the lot (its total price, or its basket price).
    """
    params = tender.lcc
    assert params is not None
    groups = [lot.product_group]
    n_dev = float(lot.quantity)

    def per_device(key: str) -> NDArray[np.float64]:
        return columns.get(LCC_METRICS[key][0], groups).values

    energy = per_device("energy")
    missing: list[list[str]] = [[] for _ in bids]
    for i in range(len(bids)):
        if np.isnan(energy[i]):
            missing[i].append(LCC_METRICS["energy"][0])
    optional = {
        k: np.nan_to_num(per_device(k), nan=0.0) * n_dev for k in ("maintenance", "end_of_life", "residual_value")
    }
    embodied = None
    if params.include_embodied_co2:
        emb = per_device("embodied")
        for i in range(len(bids)):
            if np.isnan(emb[i]):
                missing[i].append(LCC_METRICS["embodied"][0])
        embodied = emb * n_dev
    carbon = _si(params.carbon_price, "EUR / (kg CO2e)")
    result = life_cycle_cost(
        acquisition,
        period_years=_si(params.evaluation_period, "year") or 0.0,
        convention=convention_of(tender),
        annual_energy_kwh=energy * n_dev,
        electricity_price=_si(params.electricity_price, "EUR / kWh"),
        annual_maintenance=optional["maintenance"],
        end_of_life_cost=optional["end_of_life"],
        residual_value=optional["residual_value"],
        grid_emission_factor=_si(params.grid_emission_factor, "kg CO2e / kWh"),
        carbon_price=carbon,
        embodied_co2=embodied,
    )
    assumptions = (*result.assumptions(), f"{lot.quantity} devices (lot {lot.id})")
    breakdowns: list[LccBreakdown | None] = []
    for i in range(len(bids)):
        if missing[i]:
            breakdowns.append(None)
            continue
        parts = result.breakdown(i)
        breakdowns.append(
            LccBreakdown(
                acquisition=parts["acquisition"],
                energy=parts["energy"],
                maintenance=parts["maintenance"],
                end_of_life=parts["end_of_life"],
                residual_value=parts["residual_value"],
                co2_externality=parts["co2_externality"],
                total=parts["total"],
                assumptions=assumptions,
            )
        )
    total = np.where([bool(m) for m in missing], np.nan, result.total)
    return total, breakdowns, missing


def co2_footprints(tender: Tender, lot: Lot, bids: Sequence[Bid], columns: Columns) -> tuple[Co2Result, str]:
    """The CO2 footprint of each bid's device (declared values, else documented defaults), and the grid factor used.

    The grid factor is the tender's ``lcc.grid_emission_factor``, or :data:`DEFAULT_GRID_FACTOR`. The years of
    use are the bid's ``expected_service_life``, else the product group's typical first-use lifetime (never for
    a refurbished device, whose remaining life the bid must state). A declared ``embodied_emissions`` of a
    refurbished device is taken as that device's own (refurbishment) emissions, so the refurbished saving is
    applied only when the embodied emissions come from the default of a new device.
    """
    from ..model.co2_defaults import co2_defaults
    from .co2 import co2_footprint

    groups = [lot.product_group]
    declared = columns.get("embodied_emissions", groups).values
    refurbished = np.array(
        [any(o.refurbished for o in b.offers if o.product_group == lot.product_group) for b in bids], dtype=bool
    )
    if tender.lcc is not None and tender.lcc.grid_emission_factor is not None:
        factor = _si(tender.lcc.grid_emission_factor, "kg CO2e / kWh") or 0.0
        note = f"grid factor {tender.lcc.grid_emission_factor.text} (tender)"
    else:
        factor = co2_defaults().grid_factor(DEFAULT_GRID_FACTOR)
        note = f"grid factor {factor:g} kg CO2e/kWh ({DEFAULT_GRID_FACTOR}, circular_ict default)"
    result = co2_footprint(
        lot.product_group,
        grid_factor=factor,
        years_of_use=columns.get("expected_service_life", groups).values,
        annual_energy_kwh=columns.get("typical_energy_consumption", groups).values,
        declared_embodied=declared,
        refurbished=refurbished & np.isnan(declared),
    )
    return result, note
