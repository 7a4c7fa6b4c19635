"""circular_ict.units: parsing, conversion and dimension checks."""

from __future__ import annotations

import pickle

import pytest

from circular_ict.errors import UnitError
from circular_ict.units import (
    conversion_factor,
    describe_dimension,
    is_compatible,
    normalize_unit,
    parse_quantity,
    registry,
)


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("36 month", "year", 3.0),
        ("3 year", "month", 36.0),
        ("2 a", "year", 2.0),
        ("1.2 t CO2e", "kg CO2e", 1200.0),
        ("1.2 tCO2e", "kg CO2e", 1200.0),
        ("350 gCO2e", "kg CO2e", 0.35),
        ("3 kg CO₂e", "kg CO2e", 3.0),
        ("2 kg CO2-eq", "kg CO2e", 2.0),
        ("25 %", "dimensionless", 0.25),
        ("25%", "percent", 25.0),
        ("900 MJ", "kWh", 250.0),
        ("1.0e3 kWh", "MWh", 1.0),
        ("1e3 W", "kW", 1.0),
        ("800 cycles", "cycle", 800.0),
        ("0.2 EUR/kWh", "ct / kWh", 20.0),
        ("100 EUR / (t CO2e)", "EUR / (kg CO2e)", 0.1),
        ("2 TB", "GB", 2000.0),
        ("1.5 L/kWh", "L / kWh", 1.5),
    ],
)
def test_parse_and_convert(text: str, unit: str, expected: float) -> None:
    assert parse_quantity(text).to(unit) == pytest.approx(expected, rel=1e-12)


def test_quantity_keeps_what_was_written() -> None:
    q = parse_quantity(" 36 month")
    assert q.text == " 36 month"
    assert q.magnitude == 36.0
    assert q.unit == "month"
    assert str(q) == " 36 month"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("1,5 kWh", "decimal-comma"),
        ("1.500,5 kWh", "decimal-comma"),
        ("1,500 kWh", "decimal-comma"),
        ("1 500 kWh", "malformed-quantity"),
        ("nan kWh", "not-finite"),
        ("NaN", "not-finite"),
        ("inf year", "not-finite"),
        ("-Infinity", "not-finite"),
        ("1e999 kWh", "not-finite"),
        ("three years", "malformed-quantity"),
        ("", "malformed-quantity"),
        ("12 kwh", "unknown-unit"),
        ("3 parsec", "unknown-unit"),
        ("3 kg CO2", "unknown-unit"),
        ("3 $", "unknown-unit"),
    ],
)
def test_bad_quantities(text: str, code: str) -> None:
    with pytest.raises(UnitError) as info:
        parse_quantity(text)
    assert info.value.code == code
    assert text in str(info.value) or code in ("not-finite",)


def test_decimal_comma_hint_shows_the_fix() -> None:
    with pytest.raises(UnitError) as info:
        parse_quantity("1,5 kWh")
    assert info.value.hint == "write 1.5 kWh"


def test_unknown_unit_suggests_close_matches() -> None:
    with pytest.raises(UnitError) as info:
        parse_quantity("12 kwh")
    assert "kWh" in info.value.hint


def test_booleans_are_not_quantities() -> None:
    with pytest.raises(UnitError):
        parse_quantity(True)


def test_co2e_is_its_own_dimension() -> None:
    assert not is_compatible("kg", "kg CO2e")
    with pytest.raises(UnitError) as info:
        conversion_factor("kg", "kg CO2e")
    assert info.value.code == "wrong-dimension"
    assert "plain mass" in info.value.problem
    assert "CO2-equivalent mass" in info.value.problem


def test_euro_and_cycles_do_not_mix_with_other_dimensions() -> None:
    assert not is_compatible("EUR", "dimensionless")
    # pint's own 'cycle' is an angle (2 pi rad); ours is a count of charge cycles.
    assert not is_compatible("cycle", "dimensionless")
    assert not is_compatible("cycle", "percent")


def test_month_is_a_twelfth_of_a_julian_year() -> None:
    assert conversion_factor("month", "day") == pytest.approx(365.25 / 12)
    assert conversion_factor("year", "day") == pytest.approx(365.25)


def test_conversion_factor_is_cached() -> None:
    conversion_factor.cache_clear()
    conversion_factor("kWh", "MJ")
    conversion_factor("kWh", "MJ")
    info = conversion_factor.cache_info()
    assert info.hits == 1
    assert info.misses == 1


def test_normalize_unit_spellings() -> None:
    assert normalize_unit("kgCO2e") == "kg CO2e"
    assert normalize_unit("tCO2e/kWh") == "t CO2e / kWh"
    assert normalize_unit("%") == "percent"
    assert normalize_unit("€/kWh") == "EUR / kWh"
    assert normalize_unit("m^2") == "m ** 2"


def test_describe_dimension() -> None:
    assert describe_dimension("month") == "a time"
    assert describe_dimension("kWh / year") == "a power (or an energy per year)"
    assert describe_dimension("t CO2e") == "a CO2-equivalent mass"


def test_registry_is_the_library_own() -> None:
    import pint

    assert registry is not pint.get_application_registry()
    assert str(registry.parse_units("cycle").dimensionality) == "[cycle]"


def test_unit_error_pickles() -> None:
    err = UnitError("unknown-unit", "3 foo", "unknown unit 'foo'", "hint")
    again = pickle.loads(pickle.dumps(err))
    assert (again.code, again.text, again.problem, again.hint) == (err.code, err.text, err.problem, err.hint)


def test_unit_suggestions_do_not_depend_on_what_was_parsed_before() -> None:
    from circular_ict.units import known_unit_names

    before = list(known_unit_names())
    for text in ["3 GWh", "2 MJ", "4 kB", "5 µs", "1 TB"]:
        parse_quantity(text)
    assert known_unit_names() == before
    assert "kWh" not in before  # prefixed forms are not names; suggestions add the common ones explicitly
    assert {"year", "cycle", "CO2e", "EUR", "%"} <= set(before)


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("1,5 kWh", "write 1.5 kWh"),
        ("1.500,5 kWh", "write 1500.5 kWh"),
        (
            "1,000 month",
            "if the comma separates thousands write 1000 month; if it is a decimal comma write 1.000 month",
        ),
        ("1,000,000 EUR", "write 1000000 EUR (no thousands separators)"),
    ],
)
def test_comma_hints(text: str, hint: str) -> None:
    with pytest.raises(UnitError) as info:
        parse_quantity(text)
    assert info.value.hint == hint
