"""Life-cycle cost (LCC) of bids, Directive 2014/24/EU art. 68, as plain functions over numpy arrays.

The formula (scoring-methods.md §1.2 and §1.4, our formalisation of the art. 68 cost blocks
[S-07], [S-08] and of the European Commission's LCC tool for computers and monitors [S-16])::

    LCC_i = A_i                                          acquisition: purchase + installation, at t = 0
          + Σ_t  w_t · (E_i,t · p_e + M_i,t) · d(t)      use: energy (kWh × EUR/kWh) + maintenance (EUR/year)
          + (EoL_i − RV_i) · d(T)                        end-of-life cost minus residual value, at t = T
          + Σ_t  w_t · E_i,t · EF · c_CO2 · d_x(t)       externality of the electricity used (art. 68(1)(b))
          + EC_i · c_CO2                                 optional: embodied CO2 priced at t = 0

over the years ``t`` of the evaluation period ``T`` (see :class:`DiscountSchedule` for the years
and their weights ``w_t``). Art. 68(2) makes the buyer publish the method, so nothing here is a
hidden default: the discounting convention is an explicit :class:`DiscountConvention`.

Canonical units (the engine converts once per column with
:func:`circular_ict.units.conversion_factor`): money in EUR, energy in kWh per year, emission
factor in kg CO2e per kWh, carbon price in EUR per kg CO2e (100 EUR/t is 0.1), embodied
emissions in kg CO2e, periods in years, rates as fractions (3 % is 0.03).

Missing bid values (NaN) propagate to the components and the total of that bid only; the engine
decides what "not demonstrated" means (``missing="raise"`` refuses them instead). Tender
parameters (prices, rates, factors, the period) must be finite: NaN there is a ``ValueError``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "WHOLE_YEAR_TOLERANCE",
    "DiscountConvention",
    "DiscountSchedule",
    "LccResult",
    "discount_schedule",
    "life_cycle_cost",
]

FloatArray = NDArray[np.float64]
Method = Literal["none", "end_of_year", "flat_factor"]
PartialYear = Literal["pro_rata", "error"]
Missing = Literal["propagate", "raise"]

#: A period within this many years of a whole number counts as that whole number
#: (``48 month`` converts to 3.9999999999999996 year).
WHOLE_YEAR_TOLERANCE = 1e-9


@dataclass(frozen=True)
class DiscountConvention:
    """How future costs are discounted: declared in the tender, never assumed.

    ``method``:

    * ``"none"``: ``d(t) = 1``; future costs count at face value (simple, transparent; the usual
      choice for short periods and when the tender gives no rate);
    * ``"end_of_year"``: ``d(t) = 1 / (1 + rate) ** t``; each year's costs fall at the end of that
      year (the textbook present value; choose it when the buyer publishes a real discount rate);
    * ``"flat_factor"``: ``d(t) = factor`` for every ``t > 0``; one factor for all future costs, as
      some spreadsheet tools do (e.g. 0.9).

    ``rate`` is a fraction per year (3 % is ``0.03``), above -100 % and below 100 % (a rate of 1 or
    more is refused because it is almost always a percentage written as a number). ``factor`` is a
    positive number. ``discount_externalities``: whether the CO2 externality of the use phase is
    discounted like the costs (``True``) or counted at face value (``False``, the choice of those
    who do not discount future damage). ``partial_year``: what a period that is not a whole number
    of years means: ``"pro_rata"`` (the last, partial year counts its share of a year's costs at its
    own end, ``t = T``) or ``"error"`` (refuse such a period).
    """

    method: Method
    rate: float | None = None
    factor: float | None = None
    discount_externalities: bool = True
    partial_year: PartialYear = "pro_rata"

    def __post_init__(self) -> None:
        if self.method not in ("none", "end_of_year", "flat_factor"):
            raise ValueError(f"unknown discounting method {self.method!r}: use 'none', 'end_of_year' or 'flat_factor'")
        if self.partial_year not in ("pro_rata", "error"):
            raise ValueError(f"unknown partial-year rule {self.partial_year!r}: use 'pro_rata' or 'error'")
        if self.method == "end_of_year":
            if self.rate is None:
                raise ValueError("end-of-year discounting needs a rate, e.g. rate=0.03 for 3 % per year")
            rate = _finite("rate", self.rate)
            if rate <= -1.0:
                raise ValueError(f"the discount rate must be above -100 % (-1.0), got {rate}")
            if rate >= 1.0:
                raise ValueError(f"the discount rate is a fraction: 3 % is 0.03, got {rate} (= {rate:.0%} per year)")
        elif self.rate is not None:
            raise ValueError(f"a rate applies to end-of-year discounting only, not to {self.method!r}")
        if self.method == "flat_factor":
            if self.factor is None:
                raise ValueError("flat-factor discounting needs a factor, e.g. factor=0.9")
            if _finite("factor", self.factor) <= 0.0:
                raise ValueError(f"the flat discount factor must be positive, got {self.factor}")
        elif self.factor is not None:
            raise ValueError(f"a factor applies to flat-factor discounting only, not to {self.method!r}")

    @classmethod
    def none(cls, *, discount_externalities: bool = True, partial_year: PartialYear = "pro_rata") -> DiscountConvention:
        """No discounting: ``d(t) = 1``."""
        return cls("none", discount_externalities=discount_externalities, partial_year=partial_year)

    @classmethod
    def end_of_year(
        cls, rate: float, *, discount_externalities: bool = True, partial_year: PartialYear = "pro_rata"
    ) -> DiscountConvention:
        """End-of-year discounting at ``rate`` (a fraction: 3 % is 0.03)."""
        return cls("end_of_year", rate=rate, discount_externalities=discount_externalities, partial_year=partial_year)

    @classmethod
    def flat_factor(
        cls, factor: float, *, discount_externalities: bool = True, partial_year: PartialYear = "pro_rata"
    ) -> DiscountConvention:
        """One factor for every future cost."""
        return cls(
            "flat_factor", factor=factor, discount_externalities=discount_externalities, partial_year=partial_year
        )

    def factors(self, times: ArrayLike) -> FloatArray:
        """``d(t)`` for each time ``t > 0`` (in years)."""
        t = np.asarray(times, dtype=np.float64)
        if self.method == "end_of_year":
            assert self.rate is not None
            return np.asarray((1.0 + self.rate) ** -t, dtype=np.float64)
        if self.method == "flat_factor":
            assert self.factor is not None
            return np.full(t.shape, self.factor, dtype=np.float64)
        return np.ones(t.shape, dtype=np.float64)

    def describe(self) -> str:
        """The convention in one sentence (for explanations and award letters)."""
        if self.method == "end_of_year":
            assert self.rate is not None
            text = f"end-of-year discounting at {self.rate * 100:g} % per year"
        elif self.method == "flat_factor":
            text = f"one flat factor of {self.factor:g} on every future cost"
        else:
            text = "no discounting"
        if self.method != "none":
            text += "; CO2 externality " + ("discounted" if self.discount_externalities else "not discounted")
        part = "counts pro rata at its end" if self.partial_year == "pro_rata" else "is not allowed"
        return f"{text}; a partial last year {part}"


@dataclass(frozen=True)
class DiscountSchedule:
    """The years of an evaluation period and the discount factors used for them.

    The period ``T`` splits into the whole years ``1, 2, ..., floor(T)``, each with weight 1 and
    its costs at its end, and, when ``T`` is not whole (and the convention allows it), one partial
    last year of weight ``T - floor(T)`` whose costs fall at ``t = T``. ``factors[k]`` is
    ``d(times[k])``; ``externality_factors`` are the same factors, or ones when the convention
    does not discount externalities; ``end_factor`` is ``d(T)``, for end-of-life cost and residual
    value.
    """

    period_years: float
    times: FloatArray
    weights: FloatArray
    factors: FloatArray
    externality_factors: FloatArray
    end_factor: float

    @property
    def years(self) -> int:
        """How many (whole or partial) years the period has: ``ceil(T)``."""
        return int(self.times.size)


def discount_schedule(period_years: float, convention: DiscountConvention) -> DiscountSchedule:
    """The years, weights and discount factors of an evaluation period of ``period_years``.

    Examples:
        >>> s = discount_schedule(2.5, DiscountConvention.none())
        >>> s.times.tolist(), s.weights.tolist()
        ([1.0, 2.0, 2.5], [1.0, 1.0, 0.5])
    """
    period = _finite("period_years", period_years)
    if period <= 0.0:
        raise ValueError(f"the evaluation period must be positive, got {period_years} years")
    whole = round(period)
    if abs(period - whole) <= WHOLE_YEAR_TOLERANCE and whole >= 1:
        period = float(whole)
        times = np.arange(1.0, whole + 1.0, dtype=np.float64)
        weights = np.ones(whole, dtype=np.float64)
    else:
        if convention.partial_year == "error":
            raise ValueError(
                f"the evaluation period is {period_years} years, not a whole number of years, and the "
                "convention refuses partial years (partial_year='error')"
            )
        full = math.floor(period)
        times = np.append(np.arange(1.0, full + 1.0, dtype=np.float64), period)
        weights = np.append(np.ones(full, dtype=np.float64), period - full)
    factors = convention.factors(times)
    ext = factors if convention.discount_externalities else np.ones_like(factors)
    end = float(convention.factors(np.array([period]))[0])
    return DiscountSchedule(period, _frozen(times), _frozen(weights), _frozen(factors), _frozen(ext.copy()), end)


@dataclass(frozen=True)
class LccResult:
    """The life-cycle cost of each bid, by component (EUR; arrays with one entry per bid).

    ``total = acquisition + energy + maintenance + end_of_life - residual_value + co2_externality``
    (residual value is stored as a positive amount and subtracted), and ``co2_externality =
    co2_use_externality + co2_embodied_externality``. All amounts are discounted as the
    ``schedule`` says. ``energy_kwh`` and ``use_emissions`` are the undiscounted kWh and kg CO2e
    of the use phase over the period (``use_emissions`` is NaN when no grid factor was given).
    ``included`` names the components the caller supplied; the others are zero.
    """

    acquisition: FloatArray
    energy: FloatArray
    maintenance: FloatArray
    end_of_life: FloatArray
    residual_value: FloatArray
    co2_use_externality: FloatArray
    co2_embodied_externality: FloatArray
    co2_externality: FloatArray
    total: FloatArray
    energy_kwh: FloatArray
    use_emissions: FloatArray
    schedule: DiscountSchedule
    convention: DiscountConvention
    electricity_price: float | None
    grid_emission_factor: float | None
    carbon_price: float | None
    included: tuple[str, ...] = field(default=())

    def __len__(self) -> int:
        return int(self.total.size)

    def breakdown(self, index: int) -> dict[str, float]:
        """The components of one bid, in EUR (the order of the formula)."""
        names = (
            "acquisition",
            "energy",
            "maintenance",
            "end_of_life",
            "residual_value",
            "co2_use_externality",
            "co2_embodied_externality",
            "co2_externality",
            "total",
        )
        return {name: float(getattr(self, name)[index]) for name in names}

    def assumptions(self) -> tuple[str, ...]:
        """The conventions and parameters behind the numbers, in plain sentences."""
        out = [f"evaluation period {self.schedule.period_years:g} years", self.convention.describe()]
        if self.electricity_price is not None:
            out.append(f"electricity {self.electricity_price:g} EUR/kWh")
        if self.carbon_price is not None:
            out.append(f"carbon price {self.carbon_price:g} EUR/kg CO2e")
        if self.grid_emission_factor is not None:
            out.append(f"grid emission factor {self.grid_emission_factor:g} kg CO2e/kWh")
        if "embodied_co2" in self.included:
            out.append("embodied CO2 priced at the carbon price at purchase (t = 0, not discounted)")
        return tuple(out)


def life_cycle_cost(
    acquisition: ArrayLike,
    *,
    period_years: float,
    convention: DiscountConvention,
    annual_energy_kwh: ArrayLike | None = None,
    electricity_price: float | None = None,
    annual_maintenance: ArrayLike | None = None,
    end_of_life_cost: ArrayLike | None = None,
    residual_value: ArrayLike | None = None,
    grid_emission_factor: float | None = None,
    carbon_price: float | None = None,
    embodied_co2: ArrayLike | None = None,
    missing: Missing = "propagate",
) -> LccResult:
    """Life-cycle cost per bid (EUR), Directive 2014/24/EU art. 68.

    Formula (see the module docstring)::

        LCC_i = A_i + Σ_t w_t (E_i,t p_e + M_i,t) d(t) + (EoL_i − RV_i) d(T)
                    + Σ_t w_t E_i,t EF c_CO2 d_x(t) + EC_i c_CO2

    Source: Directive 2014/24/EU art. 68(1) cost blocks (scoring-methods.md §1.2, [S-07], [S-08]) and
    the European Commission's LCC tool for computers and monitors (§1.4, [S-16]); the algebra of
    timing and discounting is a published choice of the buyer (art. 68(2)), hence ``convention``.

    Arguments (one entry per bid unless said otherwise):

    * ``acquisition``: purchase + installation, EUR, at ``t = 0`` (1-D; it fixes the number of bids);
    * ``annual_energy_kwh``: kWh per year, shape ``(n,)`` (every year alike) or ``(n, years)`` (per
      year, with ``years = ceil(T)``; a partial last year uses its column times its weight);
      needs ``electricity_price`` (EUR/kWh);
    * ``annual_maintenance``: EUR per year, shape ``(n,)`` or ``(n, years)``;
    * ``end_of_life_cost`` and ``residual_value``: EUR at ``t = T``;
    * ``grid_emission_factor`` (kg CO2e/kWh) and ``carbon_price`` (EUR/kg CO2e): with both, the
      electricity's emissions are priced (art. 68(1)(b)); ``embodied_co2`` (kg CO2e per device,
      e.g. :attr:`circular_ict.scoring.co2.Co2Result.embodied`) is then priced too, at ``t = 0``,
      only when given (when the tender asks for it).

    Scalars broadcast over bids. Negative amounts, infinities and NaN in the tender's parameters
    are a ``ValueError``; NaN in a bid's value makes that bid's total NaN (``missing="propagate"``)
    or is a ``ValueError`` (``missing="raise"``). When to use: award basis "lowest cost", or price
    points computed from the LCC. Pitfalls: state the convention, the period and every price in
    the tender documents; an undiscounted LCC favours low purchase prices less than a discounted
    one; residual values declared by bidders are hard to verify.
    """
    if missing not in ("propagate", "raise"):
        raise ValueError(f"missing must be 'propagate' or 'raise', got {missing!r}")
    acq = np.asarray(acquisition, dtype=np.float64)
    if acq.ndim != 1:
        raise ValueError(f"acquisition must be a 1-D array with one price per bid, got shape {acq.shape}")
    n = int(acq.size)
    schedule = discount_schedule(period_years, convention)
    years = schedule.years
    acq = _check_bid_values("acquisition", acq, missing)
    included = ["acquisition"]

    price = None if electricity_price is None else _parameter("electricity_price", electricity_price)
    ef = None if grid_emission_factor is None else _parameter("grid_emission_factor", grid_emission_factor)
    c_co2 = None if carbon_price is None else _parameter("carbon_price", carbon_price)

    zeros = np.zeros(n, dtype=np.float64)
    energy_cost = zeros
    energy_kwh = zeros
    use_ext = zeros
    use_emissions = np.full(n, np.nan) if ef is None else zeros
    if annual_energy_kwh is not None:
        if price is None:
            raise ValueError("annual_energy_kwh needs electricity_price (EUR per kWh) to become a cost")
        energy = _per_year("annual_energy_kwh", annual_energy_kwh, n, years, missing)
        energy_kwh = energy @ schedule.weights
        energy_cost = price * (energy @ (schedule.weights * schedule.factors))
        included.append("energy")
        if ef is not None:
            use_emissions = ef * energy_kwh
        if c_co2 is not None:
            if ef is None:
                raise ValueError("pricing the CO2 of the electricity needs grid_emission_factor (kg CO2e per kWh)")
            use_ext = c_co2 * ef * (energy @ (schedule.weights * schedule.externality_factors))
            included.append("co2_use")

    maintenance = zeros
    if annual_maintenance is not None:
        m = _per_year("annual_maintenance", annual_maintenance, n, years, missing)
        maintenance = m @ (schedule.weights * schedule.factors)
        included.append("maintenance")

    eol = zeros
    if end_of_life_cost is not None:
        eol = _bid_vector("end_of_life_cost", end_of_life_cost, n, missing) * schedule.end_factor
        included.append("end_of_life")
    rv = zeros
    if residual_value is not None:
        rv = _bid_vector("residual_value", residual_value, n, missing) * schedule.end_factor
        included.append("residual_value")

    embodied_ext = zeros
    if embodied_co2 is not None:
        if c_co2 is None:
            raise ValueError("embodied_co2 can only be priced with a carbon_price (EUR per kg CO2e)")
        embodied_ext = c_co2 * _bid_vector("embodied_co2", embodied_co2, n, missing)
        included.append("embodied_co2")

    co2 = use_ext + embodied_ext
    total = acq + energy_cost + maintenance + eol - rv + co2
    return LccResult(
        acquisition=_frozen(acq),
        energy=_frozen(energy_cost),
        maintenance=_frozen(maintenance),
        end_of_life=_frozen(eol),
        residual_value=_frozen(rv),
        co2_use_externality=_frozen(use_ext),
        co2_embodied_externality=_frozen(embodied_ext),
        co2_externality=_frozen(co2),
        total=_frozen(total),
        energy_kwh=_frozen(energy_kwh),
        use_emissions=_frozen(use_emissions),
        schedule=schedule,
        convention=convention,
        electricity_price=price,
        grid_emission_factor=ef,
        carbon_price=c_co2,
        included=tuple(included),
    )


# --------------------------------------------------------------------------- helpers


def _finite(name: str, value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.floating, np.integer)):
        raise ValueError(f"{name} must be a number, got {value!r}")
    v = float(value)
    if math.isnan(v):
        raise ValueError(f"{name} is NaN: a tender parameter must be a number")
    if math.isinf(v):
        raise ValueError(f"{name} must be finite, got {v}")
    return v


def _parameter(name: str, value: float) -> float:
    v = _finite(name, value)
    if v < 0.0:
        raise ValueError(f"{name} must not be negative, got {v}")
    return v


def _check_bid_values(name: str, values: FloatArray, missing: Missing) -> FloatArray:
    bad = np.isinf(values)
    if bad.any():
        raise ValueError(f"{name} must be finite; infinite for bid(s) {_indices(bad)}")
    nan = np.isnan(values)
    if missing == "raise" and nan.any():
        raise ValueError(f"{name} is missing (NaN) for bid(s) {_indices(nan)}")
    negative = values < 0.0
    if negative.any():
        raise ValueError(f"{name} must not be negative; negative for bid(s) {_indices(negative)}")
    return values


def _indices(mask: NDArray[np.bool_]) -> str:
    where = np.argwhere(mask)
    rows = sorted({int(w[0]) for w in where})
    shown = ", ".join(str(i) for i in rows[:10])
    return shown + (f" and {len(rows) - 10} more" if len(rows) > 10 else "")


def _bid_vector(name: str, value: ArrayLike, n: int, missing: Missing) -> FloatArray:
    arr = np.asarray(value, dtype=np.float64)
    if arr.ndim == 0:
        arr = np.full(n, float(arr))
    if arr.shape != (n,):
        raise ValueError(f"{name} must have one value per bid ({n}), got shape {arr.shape}")
    return _check_bid_values(name, arr, missing)


def _per_year(name: str, value: ArrayLike, n: int, years: int, missing: Missing) -> NDArray[np.float64]:
    arr = np.asarray(value, dtype=np.float64)
    if arr.ndim <= 1:
        return np.repeat(_bid_vector(name, arr, n, missing)[:, None], years, axis=1)
    if arr.shape != (n, years):
        raise ValueError(
            f"{name} must have shape ({n},) or ({n}, {years}) (bids × years of the period), got {arr.shape}"
        )
    return _check_bid_values(name, arr, missing)


def _frozen(arr: FloatArray) -> FloatArray:
    out = np.array(arr, dtype=np.float64)
    out.setflags(write=False)
    return out
