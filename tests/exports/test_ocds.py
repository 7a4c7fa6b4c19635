"""circular_ict.exports.ocds: the OCDS release fragment, validated against the OCDS 1.1 release schema patched
with the lots, award criteria breakdown and sustainability extensions (test data in tests/exports/ocds/)."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from circular_ict.exports.eforms import AwardCriterionFields, CriterionNumber, LotFields, codelists
from circular_ict.exports.ocds import (
    FIXED,
    GOAL,
    ORIGIN_STRATEGY,
    THRESHOLD,
    WEIGHT,
    ocds_codes,
    ocds_lot,
    ocds_release_fragment,
)
from circular_ict.model.tender import Tender
from circular_ict.validation import load_tender

ROOT = Path(__file__).resolve().parents[2]
SRC = {"publisher": "Test", "document": "Test tender", "url": "https://example.org", "status": "derived"}
Errors = Callable[[dict[str, Any]], list[str]]


def crit(cid: str, kind: str, themes: list[str], **extra: Any) -> dict[str, Any]:
    return {
        "id": cid,
        "kind": kind,
        "title": {"en": f"{cid} title", "nl": f"{cid} titel"},
        "text": {"en": f"{cid} text", "nl": f"{cid} tekst"},
        "ambition": "basic",
        "themes": themes,
        "product_groups": ["notebooks"],
        "source": SRC,
        **extra,
    }


def tender(award: dict[str, Any], own: list[dict[str, Any]], **extra: Any) -> Tender:
    data = {
        "id": "t",
        "title": {"en": "Tender", "nl": "Aanbesteding"},
        "buyer": {"name": "Buyer"},
        "languages": ["en", "nl"],
        "lots": [{"id": "L1", "title": {"en": "Lot", "nl": "Perceel"}, "product_group": "notebooks", "quantity": 10}],
        "criteria": {"own": own},
        "award": award,
        **extra,
    }
    return Tender.model_validate(data)


@pytest.fixture(scope="module")
def laptop() -> Tender:
    return load_tender(ROOT / "examples" / "laptop-tender" / "tender.yaml")


def test_laptop_fragment(laptop: Tender, ocds_errors: Errors) -> None:
    fragment = ocds_release_fragment(laptop)
    assert ocds_errors(fragment) == []
    assert fragment["language"] == "en"
    t = fragment["tender"]
    assert (t["id"], t["title"], t["awardCriteria"], t["hasSustainability"]) == (
        "example-notebooks-2027",
        "Circular notebooks for Example Municipality",
        "ratedCriteria",
        True,
    )
    (lot,) = t["lots"]
    assert (lot["id"], lot["title"], lot["hasSustainability"]) == ("LOT-1", "Notebooks", True)
    criteria = lot["awardCriteria"]["criteria"]
    assert [(c["type"], c["numbers"]) for c in criteria] == [
        ("cost", [{"number": 40, "weight": "percentageExact"}]),
        ("quality", [{"number": 10, "weight": "percentageExact"}]),
        ("quality", [{"number": 15, "weight": "percentageExact"}]),
        ("quality", [{"number": 15, "weight": "percentageExact"}]),
        ("quality", [{"number": 20, "weight": "percentageExact"}]),
    ]
    assert criteria[1]["name"] == "Service life of rechargeable batteries"
    # circ-econ: TS3, TS6 (technical specifications), CPC2 (clause), the 2016 award criteria and the buyer's
    # take-back rate; clim-mitig: TS18 (technical specification) and the buyer's embodied-CO2 award criterion
    assert lot["sustainability"] == [
        {
            "goal": "environmental.circularEconomy",
            "strategies": [
                "technicalSpecifications",
                "awardCriteria",
                "contractPerformanceConditions",
                "euGPPCriteria",
                "otherGPPCriteria",
            ],
        },
        {
            "goal": "environmental.climateChangeMitigation",
            "strategies": ["technicalSpecifications", "awardCriteria", "euGPPCriteria", "otherGPPCriteria"],
        },
    ]


def test_laptop_fragment_in_dutch(laptop: Tender, ocds_errors: Errors) -> None:
    fragment = ocds_release_fragment(laptop, lang="nl")
    assert ocds_errors(fragment) == []
    assert fragment["language"] == "nl"
    lot = fragment["tender"]["lots"][0]
    assert lot["title"] == "Laptops"
    assert lot["awardCriteria"]["criteria"][0]["name"] == "Levenscycluskosten"


def test_points_and_threshold(ocds_errors: Errors) -> None:
    t = tender(
        {
            "basis": "best_price_quality",
            "method": "weighted_points",
            "total_points": 50,
            "price": {"method": "ratio_lowest", "points": 20},
            "weights": {"A": 30},
            "quality_threshold": {"max_pass": 2},
        },
        [crit("A", "award_criterion", ["packaging"], scoring={"type": "yes_no", "points": 5})],
    )
    fragment = ocds_release_fragment(t)
    assert ocds_errors(fragment) == []
    criteria = fragment["tender"]["lots"][0]["awardCriteria"]["criteria"]
    assert [c["numbers"] for c in criteria] == [
        [{"number": 20, "weight": "pointsExact"}],
        [{"number": 30, "weight": "pointsExact"}],
        [{"number": 2, "threshold": "maximumBids"}],
    ]
    assert criteria[2]["name"] == "Quality threshold"


def test_lowest_price_and_cost(ocds_errors: Errors) -> None:
    price = ocds_release_fragment(tender({"basis": "lowest_price"}, []))
    assert ocds_errors(price) == []
    assert price["tender"]["awardCriteria"] == "priceOnly"
    (lot,) = price["tender"]["lots"]
    assert lot["awardCriteria"]["criteria"] == [
        {
            "type": "price",
            "name": "Price",
            "description": "The bid with the lowest price wins.",
            "numbers": [{"number": 100, "weight": "percentageExact"}],
        }
    ]
    assert lot["hasSustainability"] is False
    assert "sustainability" not in lot
    assert price["tender"]["hasSustainability"] is False
    cost = ocds_release_fragment(
        tender(
            {"basis": "lowest_cost"},
            [crit("E", "selection_criterion", ["energy"])],
            lcc={
                "evaluation_period": "4 year",
                "electricity_price": "0.3 EUR / kWh",
                "discounting": {"convention": "none"},
            },
        )
    )
    assert ocds_errors(cost) == []
    assert cost["tender"]["awardCriteria"] == "costOnly"
    assert cost["tender"]["lots"][0]["sustainability"] == [
        {"goal": "environmental.climateChangeMitigation", "strategies": ["selectionCriteria", "otherGPPCriteria"]}
    ]


def test_weighting_description_for_a_ratio_method(ocds_errors: Errors) -> None:
    t = tender(
        {
            "basis": "best_price_quality",
            "method": "price_per_quality_point",
            "weights": {"A": 60},
        },
        [crit("A", "award_criterion", ["reuse"], scoring={"type": "yes_no", "points": 5})],
    )
    fragment = ocds_release_fragment(t)
    assert ocds_errors(fragment) == []
    award = fragment["tender"]["lots"][0]["awardCriteria"]
    assert award["weightingDescription"] == (
        "Bids are ranked on their price divided by their total quality score; the lowest price per quality point wins."
    )
    assert [("numbers" in c, c["description"]) for c in award["criteria"]] == [
        (False, "The price of the bid, combined with the quality score as the weighting describes."),
        (False, "A text Weight: 60."),
    ]


def test_fixed_price_maps_to_total(ocds_errors: Errors) -> None:
    lot = LotFields(
        lot_id="L1",
        eforms_id="LOT-0001",
        title={"en": "Lot"},
        strategic_procurement=("none",),
        environmental_impact=(),
        gpp_criteria=("none",),
        award_criteria=(
            AwardCriterionFields(
                type="price",
                name={"en": "Price"},
                description={"en": "Fixed price"},
                numbers=(CriterionNumber("fixed", "fix-tot", 100000), CriterionNumber("weight", "dec-exa", 0)),
            ),
        ),
    )
    data = ocds_lot(lot, "en")
    assert data["awardCriteria"]["criteria"][0]["numbers"] == [
        {"number": 100000, "fixed": "total"},
        {"number": 0, "weight": "decimalExact"},
    ]
    fragment = {"tender": {"id": "t", "lots": [data]}}
    assert ocds_errors(fragment) == []


def test_the_patched_schema_rejects_what_it_should(laptop: Tender, ocds_errors: Errors) -> None:
    """The extensions really constrain the lots: the schema is not a pass-through."""
    good = ocds_release_fragment(laptop)
    bad_weight = copy.deepcopy(good)
    bad_weight["tender"]["lots"][0]["awardCriteria"]["criteria"][0]["numbers"][0]["weight"] = "per-exa"
    assert any("'per-exa' is not one of" in e for e in ocds_errors(bad_weight))
    no_id = copy.deepcopy(good)
    del no_id["tender"]["lots"][0]["id"]
    assert any("'id' is a required property" in e for e in ocds_errors(no_id))
    no_strategies = copy.deepcopy(good)
    no_strategies["tender"]["lots"][0]["sustainability"][0]["strategies"] = []
    assert any("should be non-empty" in e or "is too short" in e for e in ocds_errors(no_strategies))
    bad_flag = copy.deepcopy(good)
    bad_flag["tender"]["hasSustainability"] = "yes"
    assert any("'yes' is not of type" in e for e in ocds_errors(bad_flag))


def test_mappings_follow_the_code_lists() -> None:
    eforms = codelists()["eforms"]["lists"]
    ocds = codelists()["ocds"]["lists"]
    assert set(WEIGHT) == set(eforms["number-weight"]["codes"])
    assert set(WEIGHT.values()) == set(ocds["criterionWeight"]["codes"])
    assert set(FIXED) == set(eforms["number-fixed"]["codes"])
    assert set(FIXED.values()) == set(ocds["awardCriterionFixed"]["codes"])
    assert set(THRESHOLD) == set(eforms["number-threshold"]["codes"])
    assert set(THRESHOLD.values()) == set(ocds["criterionThreshold"]["codes"])
    assert set(GOAL) == set(eforms["environmental-impact"]["codes"])
    assert set(GOAL.values()) <= set(ocds["sustainabilityGoal"]["codes"])
    assert set(ORIGIN_STRATEGY) == set(eforms["gpp-criteria"]["codes"]) - {"none"}
    assert set(ORIGIN_STRATEGY.values()) <= set(ocds["sustainabilityStrategy"]["codes"])


def test_the_closed_ocds_code_lists_match_the_shipped_schema() -> None:
    patch = json.loads((Path(__file__).parent / "ocds" / "awardCriteriaBreakdown-release-schema.json").read_text())
    number = patch["definitions"]["AwardCriterionNumber"]["properties"]
    ocds = codelists()["ocds"]["lists"]
    assert [c for c in number["weight"]["enum"] if c] == list(ocds["criterionWeight"]["codes"])
    assert [c for c in number["fixed"]["enum"] if c] == list(ocds["awardCriterionFixed"]["codes"])
    assert [c for c in number["threshold"]["enum"] if c] == list(ocds["criterionThreshold"]["codes"])


def test_every_code_of_the_fragment_is_in_the_code_lists(laptop: Tender) -> None:
    lists = codelists()["ocds"]["lists"]
    pairs = ocds_codes(ocds_release_fragment(laptop))
    assert ("sustainabilityGoal", "environmental.circularEconomy") in pairs
    for list_name, code in pairs:
        assert code in lists[list_name]["codes"], (list_name, code)
