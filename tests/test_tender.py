"""Tender files: loading, and the checks of circular_ict.checks (weights, parameters, LCC, adjustments)."""

from __future__ import annotations

from pathlib import Path

import pytest

from circular_ict.validation import load_document

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "laptop-tender" / "tender.yaml"
TEXT = EXAMPLE.read_text(encoding="utf-8")


def diag(text: str) -> list[tuple[str, str]]:
    _model, report = load_document(text, file="tender.yaml")
    return [(d.code, d.path) for d in report.diagnostics]


def replace(old: str, new: str) -> str:
    assert old in TEXT, old
    return TEXT.replace(old, new)


def test_example_tender_is_valid() -> None:
    model, report = load_document(EXAMPLE)
    assert report.document_type == "tender"
    assert report.diagnostics == ()
    assert model is not None


def test_weights_must_add_up_exactly() -> None:
    found = diag(replace("VB.embodied-co2: 20", "VB.embodied-co2: 19"))
    assert found == [("weights-total", "award.total_points")]
    _m, report = load_document(replace("VB.embodied-co2: 20", "VB.embodied-co2: 19"))
    assert "99" in report.errors[0].message


def test_every_award_criterion_needs_a_weight_and_weights_name_award_criteria() -> None:
    found = diag(replace("    VB.take-back-rate: 15\n", "    VB.take-back-rat: 15\n"))
    assert ("unknown-criterion", "award.weights.VB.take-back-rat") in found
    assert ("missing-weight", "award.weights") in found


def test_weights_in_points_are_bare_numbers() -> None:
    assert ("wrong-type", "award.weights.VB.embodied-co2") in diag(
        replace("VB.embodied-co2: 20", "VB.embodied-co2: 20 EUR")
    )


def test_parameters_of_included_criteria_must_be_set() -> None:
    found = diag(replace("      parameters: {cycles_min: 500 cycle}\n", ""))
    assert found == [("unset-parameter", "criteria.include[1].ref")]


def test_parameter_units_are_checked() -> None:
    found = diag(replace("{warranty_min: 3 year}", "{warranty_min: 3 kg}"))
    assert ("wrong-dimension", "criteria.include[0].parameters.warranty_min") in found


def test_life_cycle_cost_needs_lcc_parameters() -> None:
    text = TEXT[: TEXT.index("lcc:\n")]
    assert diag(text) == [("missing-lcc", "award.price.of")]  # the key that asks for the life-cycle cost


def test_lcc_units() -> None:
    assert ("wrong-dimension", "lcc.electricity_price") in diag(replace("0.30 EUR / kWh", "0.30 EUR"))


def test_price_adjustments_are_checked() -> None:
    adj = (
        "  price_adjustments:\n"
        "    - {type: percentage_discount, metric: co2_performance_ladder_level, discounts: {'6': 10 %}}\n"
        "    - {type: externality, metric: embodied_emissions, factor: 0.1 EUR / kWh}\n"
    )
    found = diag(replace("  ties: {rule: lots, seed: 20270301}\n", adj + "  ties: {rule: lots, seed: 20270301}\n"))
    assert ("invalid-value", "award.price_adjustments[0].discounts.6") in found
    assert ("wrong-dimension", "award.price_adjustments[1].factor") in found


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ("basis: best_price_quality", "basis: best_price_qualty", "invalid-value"),
        ("method: ratio_lowest", "method: log", "missing-key"),  # log needs 'a'
        ("rule: lots, seed: 20270301", "rule: lots", "missing-key"),
        ("quantity: 1200", "quantity: 0", "out-of-range"),
    ],
)
def test_structural_errors(old: str, new: str, code: str) -> None:
    assert code in [c for c, _p in diag(replace(old, new))]


def test_lcc_needs_an_electricity_price_and_a_grid_factor_for_the_carbon_price() -> None:
    assert ("missing-lcc", "lcc") in diag(replace("  electricity_price: 0.30 EUR / kWh\n", ""))
    assert ("missing-lcc", "lcc.carbon_price") in diag(replace("  grid_emission_factor: 0.281 kg CO2e / kWh\n", ""))


def test_a_bare_discount_rate_is_refused() -> None:
    assert diag(replace("rate: 3 %", "rate: 3")) == [("missing-unit", "lcc.discounting.rate")]


def test_rate_only_with_end_of_year() -> None:
    assert ("invalid-value-combination", "lcc.discounting") in diag(
        replace("{convention: end_of_year, rate: 3 %}", "{convention: none, rate: 3 %}")
    )


def test_award_criteria_under_lowest_price_are_an_error() -> None:
    start = TEXT.index("award:\n")
    end = TEXT.index("lcc:\n")
    text = TEXT[:start] + "award:\n  basis: lowest_price\n" + TEXT[end:]
    assert ("invalid-value-combination", "award.basis") in diag(text)


def test_normalise_weights_turns_the_error_into_a_warning() -> None:
    text = replace("VB.embodied-co2: 20", "VB.embodied-co2: 19").replace(
        "  ties: {rule: lots, seed: 20270301}\n", "  ties: {rule: lots, seed: 20270301}\n  normalise_weights: true\n"
    )
    _m, report = load_document(text)
    assert report.valid
    assert [d.code for d in report.warnings] == ["weights-normalised"]
