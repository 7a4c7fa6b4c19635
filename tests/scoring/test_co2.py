"""CO2 footprint of offered devices, and the bundled defaults checked against the research notes.

The reference numbers are those of criteria-sources.md §6 (the project's research notes): S34
Boavizta derived medians (§6.1, §6.2, §6.4), S35/S36/S44 grid factors (§6.3), S37 ADEME refurbished
savings (§6.5). Every expected footprint is written as the arithmetic that gives it.
"""

from __future__ import annotations

import math

import pytest

from circular_ict import catalogue
from circular_ict.errors import DocumentError
from circular_ict.scoring.co2 import (
    DEFAULTS_FILE,
    co2_defaults,
    co2_footprint,
    load_co2_defaults,
    use_phase_emissions,
)

NAN = float("nan")
EU27_2018 = 0.281  # kg CO2e/kWh, EEA (S35), criteria-sources.md §6.3


# --------------------------------------------------------------------------- the footprint


def test_declared_embodied_is_used_as_declared() -> None:
    r = co2_footprint(
        "notebooks", grid_factor=EU27_2018, declared_embodied=[300.0], annual_energy_kwh=[20.0], years_of_use=[5.0]
    )
    assert r.embodied.tolist() == [300.0]
    assert r.use_phase[0] == pytest.approx(20 * 0.281 * 5)  # 28.1
    assert r.total[0] == pytest.approx(300 + 28.1)
    assert r.per_device_year[0] == pytest.approx((300 + 28.1) / 5)
    assert (r.embodied_origin, r.energy_origin, r.years_origin, r.saving_origin) == (
        ("declared",),
        ("declared",),
        ("declared",),
        ("new",),
    )
    assert r.defaults_used == ()


def test_default_embodied_when_nothing_is_declared() -> None:
    # notebook defaults: 236 kg CO2e embodied, 19 kWh/year, 4 years (S34 Boavizta, derived)
    r = co2_footprint("notebooks", grid_factor=EU27_2018, declared_embodied=[NAN])
    assert r.embodied[0] == 236.0
    assert r.annual_energy_kwh[0] == 19.0
    assert r.years_of_use[0] == 4.0
    assert r.total[0] == pytest.approx(236 + 19 * 0.281 * 4)  # 257.356
    assert r.per_device_year[0] == pytest.approx((236 + 19 * 0.281 * 4) / 4)
    assert r.embodied_origin == ("default",)
    used = {d.quantity: d for d in r.defaults_used}
    assert set(used) == {"embodied", "annual_energy", "years_of_use"}
    assert used["embodied"].source == "S34"
    assert used["embodied"].status == "derived"
    assert used["embodied"].bids == (0,)
    assert used["embodied"].uncertainty == "p25-p75 176 kg CO2e to 281 kg CO2e, n = 226"
    assert "S34 (Boavizta, 2023)" in used["embodied"].describe()


def test_declared_pcf_times_manufacturing_share() -> None:
    # Dell Latitude 5420 PCF: 364 kg CO2e total, manufacturing share 0.848 (criteria-sources.md §6.1, via S34)
    r = co2_footprint(
        ["notebooks", "notebooks", "notebooks"],
        grid_factor=EU27_2018,
        declared_embodied=[NAN, 250.0, NAN],
        declared_pcf=[364.0, 364.0, 364.0],
        declared_manufacturing_share=[0.848, 0.848, NAN],
        years_of_use=4,
        annual_energy_kwh=19,
    )
    assert r.embodied_new.tolist() == pytest.approx([364 * 0.848, 250.0, 236.0])  # 308.672; declared wins; default
    assert r.embodied_origin == ("declared_pcf_share", "declared", "default")


def test_refurbished_factor_central_low_high_and_given() -> None:
    # notebook saving 43-97 % (ADEME 2022, S37), central = midpoint 70 %; declared embodied 300 kg CO2e
    def run(saving: str | float) -> float:
        r = co2_footprint(
            "notebooks",
            grid_factor=EU27_2018,
            declared_embodied=[300.0],
            annual_energy_kwh=[20.0],
            years_of_use=[3.0],
            refurbished=[True],
            refurbished_saving=saving,  # type: ignore[arg-type]
        )
        assert r.embodied_new[0] == 300.0
        return float(r.embodied[0])

    assert run("central") == pytest.approx(300 * (1 - 0.70))  # 90
    assert run("low") == pytest.approx(300 * (1 - 0.43))  # 171
    assert run("high") == pytest.approx(300 * (1 - 0.97))  # 9
    assert run(0.5) == pytest.approx(150.0)


def test_refurbished_footprint_per_device_year() -> None:
    r = co2_footprint(
        ["smartphones", "smartphones"],
        grid_factor=EU27_2018,
        refurbished=[False, True],
        years_of_use=[3.0, 2.0],
    )
    # new: 53 kg embodied (S34) + 7 kWh x 0.281 x 3 years; refurbished: 53 x (1 - 0.755) + 7 x 0.281 x 2
    assert r.total.tolist() == pytest.approx([53 + 7 * 0.281 * 3, 53 * (1 - 0.755) + 7 * 0.281 * 2])
    assert r.per_device_year.tolist() == pytest.approx(
        [(53 + 7 * 0.281 * 3) / 3, (53 * (1 - 0.755) + 7 * 0.281 * 2) / 2]
    )
    assert r.saving_origin == ("new", "default")
    saving = next(d for d in r.defaults_used if d.quantity == "refurbished_saving")
    assert (saving.source, saving.status, saving.bids) == ("S37", "verified", (1,))
    assert saving.value == pytest.approx(75.5)


def test_a_longer_life_counts() -> None:
    # the same device (same embodied and energy) used 6 years beats the one used 4 years per device-year
    r = co2_footprint(
        "notebooks", grid_factor=EU27_2018, declared_embodied=250.0, annual_energy_kwh=20.0, years_of_use=[4.0, 6.0]
    )
    four = (250 + 20 * 0.281 * 4) / 4  # 68.12
    six = (250 + 20 * 0.281 * 6) / 6  # 47.29
    assert r.per_device_year.tolist() == pytest.approx([four, six])
    assert r.per_device_year[1] < r.per_device_year[0]
    assert r.total[1] > r.total[0]  # per device the longer life emits more, per year of use less


def test_refurbished_devices_never_take_the_first_use_lifetime() -> None:
    r = co2_footprint("notebooks", grid_factor=EU27_2018, refurbished=[True, False])
    assert math.isnan(r.years_of_use[0])
    assert math.isnan(r.per_device_year[0])
    assert r.years_of_use[1] == 4.0
    assert r.years_origin == ("missing", "default")


def test_defaults_can_be_refused() -> None:
    r = co2_footprint(
        "notebooks", grid_factor=EU27_2018, declared_embodied=[NAN, 200.0], fill_defaults=(), years_of_use=4
    )
    assert math.isnan(r.total[0])
    assert math.isnan(r.use_phase[1])  # no declared energy
    assert r.embodied_origin == ("missing", "declared")
    with pytest.raises(ValueError, match=r"embodied is missing .* for bid\(s\) \[0\]"):
        co2_footprint(
            "notebooks", grid_factor=EU27_2018, declared_embodied=[NAN, 200.0], fill_defaults=(), missing="raise"
        )


def test_a_group_without_a_default_stays_missing() -> None:
    # the research notes give no yearly energy for workstations (criteria-sources.md §6.2)
    r = co2_footprint("workstations", grid_factor=EU27_2018, years_of_use=5)
    assert r.embodied[0] == 548.0
    assert math.isnan(r.annual_energy_kwh[0])
    assert math.isnan(r.total[0])
    assert r.energy_origin == ("missing",)


def test_refurbished_group_without_a_saving_needs_the_tenders_value() -> None:
    with pytest.raises(ValueError, match="no default refurbished saving for 'monitors'"):
        co2_footprint("monitors", grid_factor=EU27_2018, refurbished=[True])
    r = co2_footprint("monitors", grid_factor=EU27_2018, refurbished=[True], refurbished_saving=0.6, years_of_use=3)
    assert r.embodied[0] == pytest.approx(333 * 0.4)
    assert r.saving_origin == ("given",)


def test_use_phase_emissions() -> None:
    assert use_phase_emissions([19.0, 57.0], 0.252, [4.0, 5.0]).tolist() == pytest.approx(
        [19 * 0.252 * 4, 57 * 0.252 * 5]
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"grid_factor": -0.1}, "grid_factor must be a finite number of 0 or more"),
        ({"grid_factor": NAN}, "grid_factor is NaN"),
        ({"grid_factor": 0.2, "declared_embodied": [-1.0]}, "declared_embodied must not be negative"),
        ({"grid_factor": 0.2, "annual_energy_kwh": [math.inf]}, "annual_energy_kwh must be finite"),
        ({"grid_factor": 0.2, "years_of_use": [0.0]}, "years_of_use must be positive"),
        ({"grid_factor": 0.2, "declared_manufacturing_share": [1.5]}, "fraction from 0 to 1"),
        ({"grid_factor": 0.2, "refurbished": [2]}, "true/false"),
        ({"grid_factor": 0.2, "refurbished": [True], "refurbished_saving": 40.0}, r"40 % is 0.4"),
        ({"grid_factor": 0.2, "refurbished": [True], "refurbished_saving": "median"}, "'central', 'low', 'high'"),
        ({"grid_factor": 0.2, "fill_defaults": ("lifetime",)}, "unknown: lifetime"),
        ({"grid_factor": 0.2, "missing": "ignore"}, "missing must be"),
    ],
)
def test_invalid_inputs(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        co2_footprint("notebooks", **kwargs)  # type: ignore[arg-type]


def test_invalid_groups_and_lengths() -> None:
    with pytest.raises(ValueError, match="no CO2 defaults for the product group 'laptops'; known: all_in_ones"):
        co2_footprint("laptops", grid_factor=0.2)
    with pytest.raises(ValueError, match="product_group has 2 entries but a per-bid array has 3"):
        co2_footprint(["notebooks", "tablets"], grid_factor=0.2, years_of_use=[1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="different lengths"):
        co2_footprint("notebooks", grid_factor=0.2, years_of_use=[1.0, 2.0, 3.0], declared_embodied=[1.0, 2.0])


def test_result_is_frozen_and_explains_itself() -> None:
    r = co2_footprint(["tablets", "servers"], grid_factor=EU27_2018)
    with pytest.raises(ValueError, match="read-only"):
        r.total[0] = 0.0
    b = r.breakdown(1)
    assert b["product_group"] == "servers"
    assert b["embodied"] == 1215.0
    assert b["total"] == pytest.approx(1215 + 1529 * 0.281 * 4)
    assert any("S34" in text for text in b["defaults"])
    assert len(r) == 2


# --------------------------------------------------------------------------- the bundled defaults = the research notes

# (embodied median, p25, p75, n) in kg CO2e: criteria-sources.md §6.1, Boavizta (S34), derived
EMBODIED = {
    "notebooks": (236, 176, 281, 226),  # Boavizta "Laptop"
    "desktops": (249, 210, 328, 157),  # "Desktop (tower/SFF/AIO mix)"
    "all_in_ones": (249, 210, 328, 157),  # the same mixed desktop row (proxy)
    "monitors": (333, 306, 380, 187),
    "smartphones": (53, 46, 64, 50),
    "tablets": (71, 56, 86, 22),
    "thin_clients": (45, 42, 46, 11),
    "workstations": (548, 376, 719, 4),
    "servers": (1215, 1146, 1322, 48),  # "Rack server"
}
# (lifecycle median, its n, manufacturing share): criteria-sources.md §6.1 (S34)
LIFECYCLE = {
    "notebooks": (307, 452, 0.80),
    "desktops": (486, 259, 0.59),
    "all_in_ones": (486, 259, 0.59),
    "monitors": (504, 296, 0.65),
    "smartphones": (70, 50, 0.80),
    "tablets": (97, 22, 0.75),
    "thin_clients": (103, 11, 0.43),
    "workstations": (1683, 4, 0.44),
    "servers": (7980, 55, 0.16),
}
# (median, p25, p75, n) in kWh/year: criteria-sources.md §6.2, Boavizta yearly_tec (S34), derived
ENERGY = {
    "notebooks": (19, 16, 23, 225),
    "desktops": (57, 27, 96, 149),
    "all_in_ones": (57, 27, 96, 149),
    "monitors": (41, 36, 54, 224),
    "smartphones": (7, 6, 8, 16),
    "tablets": (15, 13, 16, 10),
    "thin_clients": (41, 36, 54, 11),
    "servers": (1529, 1019, 1813, 48),
    "workstations": None,  # not in the notes
}
# (median, p25, p75) in years: criteria-sources.md §6.4, lifetimes assumed in PCFs (S34), derived
LIFETIME = {
    "notebooks": (4, 4, 5),
    "desktops": (4, None, None),
    "all_in_ones": (4, None, None),
    "monitors": (6, 5, 6),
    "smartphones": (3, None, None),
    "tablets": (3, 3, 4),
    "servers": (4, None, None),
    "thin_clients": None,
    "workstations": None,
}
# (low, high) in %: criteria-sources.md §6.5, ADEME 2022 (S37), verified
REFURBISHED = {
    "smartphones": (64, 87),
    "tablets": (46, 80),
    "notebooks": (43, 97),
    "desktops": (43, 97),
    "all_in_ones": (43, 97),
    "monitors": None,
    "thin_clients": None,
    "workstations": None,
    "servers": None,
}
# (value g/kWh, year, gases, status, source): criteria-sources.md §6.3
GRID = {
    "eu27_1990": (510, 1990, "CO2e", "verified", "S35"),
    "eu27_2018": (281, 2018, "CO2e", "verified", "S35"),
    "eu_2020_iea": (252, 2020, "CO2", "verified", "S36"),
    "de_2020_iea": (344, 2020, "CO2", "verified", "S36"),
    "pl_2020_iea": (686, 2020, "CO2", "verified", "S36"),
    "eu27_2023_derived": (214, 2023, "CO2e", "derived", "S35"),
    "six_largest_2023": (253, 2023, "CO2", "secondary", "S44"),
    "fr_2023": (44, 2023, "CO2", "secondary", "S44"),
}


def test_the_file_is_in_the_bundled_library() -> None:
    assert catalogue.library_root().joinpath(DEFAULTS_FILE).is_file()


def test_every_product_group_of_the_brief_has_defaults() -> None:
    assert sorted(co2_defaults().device_defaults) == sorted(EMBODIED)
    assert set(EMBODIED) <= set(catalogue.product_groups())


@pytest.mark.parametrize("group", sorted(EMBODIED))
def test_embodied_defaults_equal_the_research_notes(group: str) -> None:
    e = co2_defaults().group(group).embodied
    median, p25, p75, n = EMBODIED[group]
    assert e.p25 is not None
    assert e.p75 is not None
    assert (e.median.to("kg CO2e"), e.p25.to("kg CO2e"), e.p75.to("kg CO2e"), e.n) == (median, p25, p75, n)
    total, total_n, share = LIFECYCLE[group]
    assert e.lifecycle_median is not None
    assert e.lifecycle_median.to("kg CO2e") == total
    assert (e.lifecycle_n, e.manufacturing_share) == (total_n, share)
    assert (e.source, e.status) == ("S34", "derived")


@pytest.mark.parametrize("group", sorted(ENERGY))
def test_energy_defaults_equal_the_research_notes(group: str) -> None:
    d = co2_defaults().group(group)
    expected = ENERGY[group]
    if expected is None:
        assert d.annual_energy is None
        assert "annual_energy" in d.gaps
        return
    e = d.annual_energy
    assert e is not None
    assert e.p25 is not None
    assert e.p75 is not None
    unit = "kWh / year"
    assert (e.median.to(unit), e.p25.to(unit), e.p75.to(unit), e.n) == pytest.approx(expected)
    assert (e.source, e.status) == ("S34", "derived")


@pytest.mark.parametrize("group", sorted(LIFETIME))
def test_lifetime_defaults_equal_the_research_notes(group: str) -> None:
    d = co2_defaults().group(group)
    expected = LIFETIME[group]
    if expected is None:
        assert d.lifetime is None
        assert "lifetime" in d.gaps
        return
    life = d.lifetime
    assert life is not None
    got = (
        life.median.to("year"),
        None if life.p25 is None else life.p25.to("year"),
        None if life.p75 is None else life.p75.to("year"),
    )
    assert got == expected
    assert (life.source, life.status) == ("S34", "derived")


@pytest.mark.parametrize("group", sorted(REFURBISHED))
def test_refurbished_savings_equal_the_research_notes(group: str) -> None:
    d = co2_defaults().group(group)
    expected = REFURBISHED[group]
    if expected is None:
        assert d.refurbished_saving is None
        assert "refurbished_saving" in d.gaps
        return
    s = d.refurbished_saving
    assert s is not None
    low, high = expected
    assert (s.low.to("%"), s.high.to("%")) == pytest.approx((low, high))
    assert s.central.to("%") == pytest.approx((low + high) / 2)  # the documented rule: the midpoint
    assert (s.source, s.status) == ("S37", "verified")


def test_grid_factors_equal_the_research_notes() -> None:
    factors = {f.id: f for f in co2_defaults().grid_emission_factors}
    assert sorted(factors) == sorted(GRID)
    for fid, (grams, year, gases, status, source) in GRID.items():
        f = factors[fid]
        assert f.value.to("g CO2e / kWh") == pytest.approx(grams), fid
        assert (f.year, f.gases, f.status, f.source) == (year, gases, status, source), fid
    assert co2_defaults().grid_factor("eu27_2018") == pytest.approx(0.281)
    assert co2_defaults().grid_factor("eu_2020_iea") == pytest.approx(0.252)
    # the derived 2023 value: 510 g x (1 - 0.58) = 214.2 g, rounded as in the notes
    assert factors["eu27_2023_derived"].value.to("g CO2e / kWh") == round(510 * 0.42)
    with pytest.raises(ValueError, match="no grid emission factor 'eu27_2030'"):
        co2_defaults().grid_factor("eu27_2030")


def test_every_source_tag_is_registered() -> None:
    d = co2_defaults()
    assert {"S34", "S35", "S36", "S37", "S38", "S39", "S44"} == set(d.sources)


# --------------------------------------------------------------------------- the loader

GOOD = """\
title: test
version: "1"
sources:
  S34: {title: Boavizta data, publisher: Boavizta, year: 2023, url: https://github.com/Boavizta/environmental-footprint-data}
grid_emission_factors:
  - {id: eu27_2018, scope: EU-27, year: 2018, value: 281 g CO2e / kWh, gases: CO2e, status: verified, source: S34}
device_defaults:
  notebooks:
    embodied: {median: 236 kg CO2e, p25: 176 kg CO2e, p75: 281 kg CO2e, n: 226, status: derived, source: S34}
    gaps:
      annual_energy: none
      lifetime: none
      refurbished_saving: none
"""


def _codes(text: str) -> list[tuple[str, int]]:
    with pytest.raises(DocumentError) as info:
        load_co2_defaults(text.encode(), file="defaults.yaml")
    return [(d.code, d.line) for d in info.value.diagnostics]


def test_a_minimal_file_loads() -> None:
    d = load_co2_defaults(GOOD.encode())
    assert d.group("notebooks").embodied.median.text == "236 kg CO2e"


def test_the_loader_reads_a_path(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "defaults.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert load_co2_defaults(path).grid_factor("eu27_2018") == pytest.approx(0.281)
    assert load_co2_defaults(str(path)).version == "1"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("median: 236 kg CO2e", "median: 236 kg", [("wrong-dimension", 9)]),  # a plain mass is not CO2e
        ("281 g CO2e / kWh", "281 g CO2e", [("wrong-dimension", 6)]),
        ("n: 226", "n: 226, spread: 3", [("unknown-key", 9)]),
        ("  notebooks:", "  laptops:", [("unknown-product-group", 8)]),
        ("status: derived, source: S34", "status: derived, source: S99", [("invalid-value", 9)]),
        ("p25: 176 kg CO2e", "p25: 300 kg CO2e", [("min-above-max", 9)]),
        ("      lifetime: none\n", "", [("invalid-value-combination", 9)]),
        ("status: derived", "status: uncertain", [("invalid-value", 9)]),
        ("281 g CO2e / kWh", "'281,5 g CO2e / kWh'", [("decimal-comma", 6)]),
    ],
)
def test_broken_files_are_located(old: str, new: str, expected: list[tuple[str, int]]) -> None:
    assert old in GOOD
    got = _codes(GOOD.replace(old, new, 1))
    assert [(code, line) for code, line in got][: len(expected)] == expected, got


def test_duplicate_grid_factor_ids() -> None:
    line = next(x for x in GOOD.splitlines(keepends=True) if x.startswith("  - {id: eu27_2018"))
    got = _codes(GOOD.replace(line, line + line))
    assert got == [("duplicate-id", 7)]


def test_refurbished_range_in_order() -> None:
    text = GOOD.replace("      refurbished_saving: none\n", "") + (
        "    refurbished_saving: {low: 43 %, high: 97 %, central: 99 %, status: verified, source: S34}\n"
    )
    assert _codes(text)[0][0] == "min-above-max"
