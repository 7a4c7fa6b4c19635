"""Life-cycle cost: the conventions pinned with numbers worked by hand.

The formula is our formalisation of Directive 2014/24/EU art. 68 (scoring-methods.md §1.2, §1.4,
[S-07][S-08][S-16]); every expected value below is written as the arithmetic that gives it.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from circular_ict.scoring.lcc import (
    DiscountConvention,
    discount_schedule,
    life_cycle_cost,
)
from circular_ict.units import conversion_factor

NAN = float("nan")
R = 0.03
D = [1 / 1.03, 1 / 1.03**2, 1 / 1.03**3, 1 / 1.03**4]  # end-of-year factors at 3 %


# --------------------------------------------------------------------------- the worked example of the brief


def test_notebook_end_of_year_3_percent() -> None:
    # 1000 EUR notebook, 20 kWh/year, 0.25 EUR/kWh, 4 years, r = 3 % end of year
    r = life_cycle_cost(
        [1000.0],
        period_years=4,
        convention=DiscountConvention.end_of_year(R),
        annual_energy_kwh=[20.0],
        electricity_price=0.25,
    )
    energy = 20 * 0.25 * (1 / 1.03 + 1 / 1.03**2 + 1 / 1.03**3 + 1 / 1.03**4)
    assert energy == pytest.approx(18.585492014, abs=1e-9)
    assert r.energy[0] == pytest.approx(energy, rel=1e-12)
    assert r.total[0] == pytest.approx(1000 + energy, rel=1e-12)
    assert r.acquisition[0] == 1000.0
    assert r.energy_kwh[0] == 20 * 4
    assert r.schedule.factors.tolist() == pytest.approx(D)
    assert r.schedule.end_factor == pytest.approx(1 / 1.03**4)
    assert r.included == ("acquisition", "energy")


def test_no_discounting() -> None:
    r = life_cycle_cost(
        [1000.0, 900.0],
        period_years=4,
        convention=DiscountConvention.none(),
        annual_energy_kwh=[20.0, 40.0],
        electricity_price=0.25,
        annual_maintenance=[10.0, 0.0],
    )
    assert r.energy.tolist() == pytest.approx([20 * 0.25 * 4, 40 * 0.25 * 4])  # 20, 40
    assert r.maintenance.tolist() == pytest.approx([10 * 4, 0.0])
    assert r.total.tolist() == pytest.approx([1000 + 20 + 40, 900 + 40 + 0])  # 1060, 940
    assert r.schedule.factors.tolist() == [1.0, 1.0, 1.0, 1.0]


def test_flat_factor_applies_to_every_future_cost_but_not_to_acquisition() -> None:
    r = life_cycle_cost(
        [1000.0],
        period_years=4,
        convention=DiscountConvention.flat_factor(0.9),
        annual_energy_kwh=[20.0],
        electricity_price=0.25,
        annual_maintenance=[10.0],
        end_of_life_cost=[15.0],
        residual_value=[100.0],
    )
    assert r.energy[0] == pytest.approx(20 * 0.25 * 4 * 0.9)  # 18
    assert r.maintenance[0] == pytest.approx(10 * 4 * 0.9)  # 36
    assert r.end_of_life[0] == pytest.approx(15 * 0.9)
    assert r.residual_value[0] == pytest.approx(100 * 0.9)
    assert r.total[0] == pytest.approx(1000 + 18 + 36 + 13.5 - 90)


def test_residual_value_and_end_of_life_fall_at_the_end_of_the_period() -> None:
    r = life_cycle_cost(
        [1000.0],
        period_years=4,
        convention=DiscountConvention.end_of_year(R),
        end_of_life_cost=[20.0],
        residual_value=[150.0],
    )
    assert r.end_of_life[0] == pytest.approx(20 / 1.03**4)
    assert r.residual_value[0] == pytest.approx(150 / 1.03**4)  # stored positive ...
    assert r.total[0] == pytest.approx(1000 + 20 / 1.03**4 - 150 / 1.03**4)  # ... and subtracted


def test_maintenance_is_discounted_per_year() -> None:
    r = life_cycle_cost(
        [500.0], period_years=4, convention=DiscountConvention.end_of_year(R), annual_maintenance=[25.0]
    )
    assert r.maintenance[0] == pytest.approx(25 * sum(D))


# --------------------------------------------------------------------------- CO2 externality


def test_externality_discounted_or_not() -> None:
    # 20 kWh/year x 0.281 kg CO2e/kWh x 0.1 EUR/kg CO2e (100 EUR/t) = 0.562 EUR per year
    common = {
        "period_years": 4,
        "annual_energy_kwh": [20.0],
        "electricity_price": 0.25,
        "grid_emission_factor": 0.281,
        "carbon_price": 100 * conversion_factor("EUR / (t CO2e)", "EUR / (kg CO2e)"),
    }
    discounted = life_cycle_cost([1000.0], convention=DiscountConvention.end_of_year(R), **common)  # type: ignore[arg-type]
    face_value = life_cycle_cost(
        [1000.0],
        convention=DiscountConvention.end_of_year(R, discount_externalities=False),
        **common,  # type: ignore[arg-type]
    )
    assert discounted.co2_use_externality[0] == pytest.approx(20 * 0.281 * 0.1 * sum(D))
    assert face_value.co2_use_externality[0] == pytest.approx(20 * 0.281 * 0.1 * 4)  # 2.248
    assert face_value.schedule.externality_factors.tolist() == [1.0, 1.0, 1.0, 1.0]
    # the energy cost is discounted in both
    assert discounted.energy[0] == pytest.approx(face_value.energy[0]) == pytest.approx(5 * sum(D))
    assert discounted.use_emissions[0] == pytest.approx(20 * 4 * 0.281)  # 22.48 kg, undiscounted
    assert discounted.total[0] == pytest.approx(1000 + 5 * sum(D) + 0.562 * sum(D))
    assert discounted.co2_externality[0] == discounted.co2_use_externality[0]


def test_embodied_co2_priced_at_purchase_when_asked() -> None:
    r = life_cycle_cost(
        [1000.0, 1000.0],
        period_years=4,
        convention=DiscountConvention.end_of_year(R),
        carbon_price=0.1,
        embodied_co2=[236.0, 70.8],
    )
    assert r.co2_embodied_externality.tolist() == pytest.approx([236 * 0.1, 70.8 * 0.1])  # not discounted (t = 0)
    assert r.total.tolist() == pytest.approx([1023.6, 1007.08])
    assert "embodied_co2" in r.included
    assert any("t = 0" in a for a in r.assumptions())


def test_externality_needs_its_parameters() -> None:
    with pytest.raises(ValueError, match="grid_emission_factor"):
        life_cycle_cost(
            [1.0],
            period_years=1,
            convention=DiscountConvention.none(),
            annual_energy_kwh=[1.0],
            electricity_price=0.2,
            carbon_price=0.1,
        )
    with pytest.raises(ValueError, match="carbon_price"):
        life_cycle_cost([1.0], period_years=1, convention=DiscountConvention.none(), embodied_co2=[5.0])
    with pytest.raises(ValueError, match="electricity_price"):
        life_cycle_cost([1.0], period_years=1, convention=DiscountConvention.none(), annual_energy_kwh=[1.0])


# --------------------------------------------------------------------------- periods


def test_fractional_period_counts_the_last_partial_year_pro_rata_at_its_end() -> None:
    # 3.5 years at 3 %: years 1, 2, 3 in full at their ends, then half a year's costs at t = 3.5
    r = life_cycle_cost(
        [1000.0],
        period_years=3.5,
        convention=DiscountConvention.end_of_year(R),
        annual_energy_kwh=[20.0],
        electricity_price=0.25,
        residual_value=[100.0],
    )
    assert r.schedule.times.tolist() == [1.0, 2.0, 3.0, 3.5]
    assert r.schedule.weights.tolist() == [1.0, 1.0, 1.0, 0.5]
    expected = 5 * (1 / 1.03 + 1 / 1.03**2 + 1 / 1.03**3 + 0.5 / 1.03**3.5)
    assert r.energy[0] == pytest.approx(expected)
    assert r.energy_kwh[0] == pytest.approx(20 * 3.5)
    assert r.residual_value[0] == pytest.approx(100 / 1.03**3.5)


def test_fractional_period_without_discounting_is_plain_pro_rata() -> None:
    r = life_cycle_cost([0.0], period_years=2.25, convention=DiscountConvention.none(), annual_maintenance=[40.0])
    assert r.maintenance[0] == pytest.approx(40 * 2.25)


def test_fractional_period_can_be_refused() -> None:
    convention = DiscountConvention.end_of_year(R, partial_year="error")
    with pytest.raises(ValueError, match="not a whole number of years"):
        discount_schedule(3.5, convention)
    assert discount_schedule(4, convention).years == 4


def test_a_period_converted_from_months_is_whole() -> None:
    period = 48 * conversion_factor("month", "year")  # 3.9999999999999996
    schedule = discount_schedule(period, DiscountConvention.end_of_year(R, partial_year="error"))
    assert schedule.period_years == 4.0
    assert schedule.weights.tolist() == [1.0, 1.0, 1.0, 1.0]


def test_period_shorter_than_a_year() -> None:
    s = discount_schedule(0.5, DiscountConvention.end_of_year(R))
    assert s.times.tolist() == [0.5]
    assert s.weights.tolist() == [0.5]
    assert s.factors.tolist() == pytest.approx([1 / 1.03**0.5])


def test_energy_per_year_profile() -> None:
    # (bids x years): bid 0 uses more in later years
    r = life_cycle_cost(
        [0.0, 0.0],
        period_years=2.5,
        convention=DiscountConvention.none(),
        annual_energy_kwh=[[10.0, 20.0, 30.0], [10.0, 10.0, 10.0]],
        electricity_price=1.0,
    )
    assert r.energy.tolist() == pytest.approx([10 + 20 + 0.5 * 30, 10 + 10 + 0.5 * 10])
    with pytest.raises(ValueError, match=r"shape \(2,\) or \(2, 3\)"):
        life_cycle_cost(
            [0.0, 0.0],
            period_years=2.5,
            convention=DiscountConvention.none(),
            annual_energy_kwh=[[10.0, 20.0], [10.0, 10.0]],
            electricity_price=1.0,
        )


# --------------------------------------------------------------------------- the result


def test_components_add_up_and_are_read_only() -> None:
    r = life_cycle_cost(
        [1000.0, 1200.0, 800.0],
        period_years=5,
        convention=DiscountConvention.end_of_year(0.04),
        annual_energy_kwh=[20.0, 15.0, 30.0],
        electricity_price=0.3,
        annual_maintenance=[10.0, 0.0, 25.0],
        end_of_life_cost=5.0,
        residual_value=[100.0, 200.0, 0.0],
        grid_emission_factor=0.252,
        carbon_price=0.08,
        embodied_co2=[236.0, 200.0, 300.0],
    )
    parts = r.acquisition + r.energy + r.maintenance + r.end_of_life - r.residual_value + r.co2_externality
    np.testing.assert_allclose(r.total, parts)
    np.testing.assert_allclose(r.co2_externality, r.co2_use_externality + r.co2_embodied_externality)
    assert len(r) == 3
    assert r.breakdown(1)["total"] == pytest.approx(float(r.total[1]))
    with pytest.raises(ValueError, match="read-only"):
        r.total[0] = 0.0
    with pytest.raises(AttributeError):
        r.total = r.energy  # type: ignore[misc]


def test_nan_in_a_bid_propagates_to_that_bid_only() -> None:
    r = life_cycle_cost(
        [1000.0, 1000.0],
        period_years=4,
        convention=DiscountConvention.none(),
        annual_energy_kwh=[NAN, 20.0],
        electricity_price=0.25,
    )
    assert math.isnan(r.energy[0])
    assert math.isnan(r.total[0])
    assert r.total[1] == pytest.approx(1020.0)
    with pytest.raises(ValueError, match=r"annual_energy_kwh is missing \(NaN\) for bid\(s\) 0"):
        life_cycle_cost(
            [1000.0, 1000.0],
            period_years=4,
            convention=DiscountConvention.none(),
            annual_energy_kwh=[NAN, 20.0],
            electricity_price=0.25,
            missing="raise",
        )


def test_describe_the_convention() -> None:
    assert DiscountConvention.end_of_year(0.03).describe() == (
        "end-of-year discounting at 3 % per year; CO2 externality discounted; a partial last year counts pro rata"
        " at its end"
    )
    assert DiscountConvention.none(partial_year="error").describe() == (
        "no discounting; a partial last year is not allowed"
    )


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"method": "end_of_year"}, "needs a rate"),
        ({"method": "end_of_year", "rate": -1.0}, "above -100 %"),
        ({"method": "end_of_year", "rate": -1.5}, "above -100 %"),
        ({"method": "end_of_year", "rate": 3.0}, "3 % is 0.03"),
        ({"method": "end_of_year", "rate": NAN}, "rate is NaN"),
        ({"method": "end_of_year", "rate": math.inf}, "finite"),
        ({"method": "flat_factor"}, "needs a factor"),
        ({"method": "flat_factor", "factor": 0.0}, "positive"),
        ({"method": "flat_factor", "factor": NAN}, "factor is NaN"),
        ({"method": "none", "rate": 0.03}, "end-of-year discounting only"),
        ({"method": "none", "factor": 0.9}, "flat-factor discounting only"),
        ({"method": "mid_year"}, "unknown discounting method"),
        ({"method": "none", "partial_year": "round"}, "unknown partial-year rule"),
    ],
)
def test_invalid_conventions(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        DiscountConvention(**kwargs)  # type: ignore[arg-type]


def test_a_negative_rate_above_minus_100_percent_is_allowed() -> None:
    s = discount_schedule(2, DiscountConvention.end_of_year(-0.01))
    assert s.factors.tolist() == pytest.approx([1 / 0.99, 1 / 0.99**2])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"electricity_price": -0.1, "annual_energy_kwh": [1.0]}, "electricity_price must not be negative"),
        ({"electricity_price": NAN, "annual_energy_kwh": [1.0]}, "electricity_price is NaN"),
        ({"carbon_price": -1.0, "embodied_co2": [1.0]}, "carbon_price must not be negative"),
        ({"grid_emission_factor": math.inf}, "grid_emission_factor must be finite"),
        ({"annual_maintenance": [-5.0]}, r"annual_maintenance must not be negative; negative for bid\(s\) 0"),
        ({"residual_value": [math.inf]}, "residual_value must be finite"),
        ({"end_of_life_cost": [1.0, 2.0]}, r"one value per bid \(1\)"),
    ],
)
def test_invalid_inputs(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        life_cycle_cost([100.0], period_years=4, convention=DiscountConvention.none(), **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("acquisition", "period", "message"),
    [
        ([-1.0], 4, r"acquisition must not be negative"),
        ([[1.0]], 4, "1-D array"),
        ([1.0], 0, "period must be positive"),
        ([1.0], -2, "period must be positive"),
        ([1.0], NAN, "period_years is NaN"),
    ],
)
def test_invalid_acquisition_and_period(acquisition: object, period: float, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        life_cycle_cost(acquisition, period_years=period, convention=DiscountConvention.none())  # type: ignore[arg-type]


# ----------------------------------------------------------- the worked example of docs/scoring/lcc-and-co2.md


def test_worked_example_of_the_docs() -> None:
    from circular_ict.scoring.co2 import co2_defaults, co2_footprint

    ef = co2_defaults().grid_factor("eu27_2018")  # 281 g CO2e/kWh, EEA (S35)
    co2 = co2_footprint(
        "notebooks",
        grid_factor=ef,
        declared_embodied=[280, NAN, NAN],
        annual_energy_kwh=[25, 15, 22],
        years_of_use=[4, 6, 4],
        refurbished=[False, False, True],
    )
    # 236 kg CO2e notebook default (S34); refurbished saves the central 70 % of 43-97 % (S37)
    assert co2.embodied.tolist() == pytest.approx([280, 236, 236 * 0.3])
    assert co2.use_phase.tolist() == pytest.approx([25 * 0.281 * 4, 15 * 0.281 * 6, 22 * 0.281 * 4])
    assert co2.per_device_year.tolist() == pytest.approx(
        [(280 + 28.1) / 4, (236 + 25.29) / 6, (70.8 + 24.728) / 4]  # 77.025, 43.55, 23.88
    )
    lcc = life_cycle_cost(
        [900, 1100, 600],
        period_years=4,
        convention=DiscountConvention.end_of_year(0.03),
        annual_energy_kwh=[25, 15, 22],
        electricity_price=0.25,
        residual_value=[100, 150, 0],
        grid_emission_factor=ef,
        carbon_price=0.1,
        embodied_co2=co2.embodied,
    )
    sd = sum(D)  # 3.717098
    d4 = 1 / 1.03**4  # 0.888487
    assert sd == pytest.approx(3.717098, abs=1e-6)
    assert d4 == pytest.approx(0.888487, abs=1e-6)
    expected = [
        900 + 25 * 0.25 * sd - 100 * d4 + 25 * 0.281 * 0.1 * sd + 280 * 0.1,
        1100 + 15 * 0.25 * sd - 150 * d4 + 15 * 0.281 * 0.1 * sd + 236 * 0.1,
        600 + 22 * 0.25 * sd - 0 + 22 * 0.281 * 0.1 * sd + 70.8 * 0.1,
    ]
    assert lcc.total.tolist() == pytest.approx(expected)
    assert [round(x, 2) for x in lcc.total] == [864.99, 1005.83, 629.82]  # the table of the docs
    assert [round(x, 2) for x in lcc.energy] == [23.23, 13.94, 20.44]
    assert [round(x, 2) for x in lcc.residual_value] == [88.85, 133.27, 0.0]
    assert [round(x, 2) for x in lcc.co2_use_externality] == [2.61, 1.57, 2.30]
