"""circular_ict.scoring.engine: the pipeline, worked by hand on small tenders.

Every expected number below is computed in the comment next to it from the formulas in
docs/scoring/ (sources in shared/reference/scoring-methods.md).
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from circular_ict import catalogue
from circular_ict.model.bid import Bid
from circular_ict.model.tender import Tender
from circular_ict.scoring.api import resolve_tender
from circular_ict.scoring.engine import EvaluationError, evaluate
from circular_ict.yamlio import load_yaml

SRC = {"publisher": "Test", "document": "Test tender", "url": "https://example.org", "status": "derived"}


def _crit(cid: str, kind: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": cid,
        "kind": kind,
        "title": {"en": cid, "nl": cid},
        "text": {"en": cid, "nl": cid},
        "ambition": "basic",
        "themes": ["lifespan"],
        "product_groups": ["notebooks"],
        "source": SRC,
        **extra,
    }


WARRANTY_MIN = _crit(
    "T.warranty", "technical_specification", requirement={"metric": "warranty_period", "min": "36 month"}
)
WARRANTY_AWARD = _crit(
    "T.warranty-award",
    "award_criterion",
    scoring={
        "type": "linear",
        "metric": "warranty_period",
        "worst": "3 year",
        "best": "5 year",
        "points": 10,
        "clamp": True,
    },
)
CO2_AWARD = _crit(
    "T.co2", "award_criterion", scoring={"type": "ratio_to_best", "metric": "embodied_emissions", "points": 10}
)


def tender(award: dict[str, Any], own: list[dict[str, Any]], **extra: Any) -> Tender:
    data = {
        "id": "t",
        "title": {"en": "T", "nl": "T"},
        "buyer": {"name": "Buyer"},
        "languages": ["en", "nl"],
        "lots": [{"id": "L1", "title": {"en": "L", "nl": "L"}, "product_group": "notebooks", "quantity": 10}],
        "criteria": {"own": own},
        "award": award,
        **extra,
    }
    return Tender.model_validate(data)


def bid(bid_id: str, price: str, supplier: str | None = None, **values: Any) -> Bid:
    return Bid.model_validate(
        {
            "id": bid_id,
            "supplier": supplier or f"Supplier {bid_id}",
            "price": price,
            "offers": [{"product_group": "notebooks", "name": "N", "values": values}],
        }
    )


def run(t: Tender, bids: list[Bid]):  # type: ignore[no-untyped-def]
    return evaluate(t, bids, resolve_tender(t), catalogue.metrics())


POINTS = {
    "basis": "best_price_quality",
    "method": "weighted_points",
    "total_points": 100,
    "price": {"method": "ratio_lowest", "points": 40},
    "weights": {"T.warranty-award": 30, "T.co2": 30},
}


def three_bids() -> list[Bid]:
    return [
        bid("A", "1000 EUR", warranty_period="5 year", embodied_emissions="200 kg CO2e"),
        bid("B", "800 EUR", warranty_period="48 month", embodied_emissions="250 kg CO2e"),
        bid("C", "900 EUR", warranty_period="24 month", embodied_emissions="100 kg CO2e"),
    ]


def test_weighted_points_by_hand() -> None:
    ev = run(tender(POINTS, [WARRANTY_MIN, WARRANTY_AWARD, CO2_AWARD]), three_bids())
    a, b, c = (ev.result(x) for x in "ABC")
    # C offers 24 months < 36: excluded before any relative formula sees it
    assert c.status == "excluded"
    assert [r.status for r in c.requirements] == ["fail"]
    # warranty: linear 36 -> 60 months, 10 rule points -> weight 30: A (60) = 10 -> 30; B (48) = 5 -> 15
    # co2: ratio to best among A, B (C excluded): A = 10 * 200/200 = 10 -> 30; B = 10 * 200/250 = 8 -> 24
    # price ratio to lowest among A, B: A = 40 * 800/1000 = 32; B = 40 * 800/800 = 40
    assert a.quality == pytest.approx(60.0)
    assert b.quality == pytest.approx(39.0)
    assert a.price_points == pytest.approx(32.0)
    assert b.price_points == pytest.approx(40.0)
    assert a.total == pytest.approx(92.0)
    assert b.total == pytest.approx(79.0)
    assert [(e.rank, e.bid_id) for e in ev.ranking] == [(1, "A"), (2, "B")]
    assert ev.winner == "A"
    scores = {s.criterion_id: s for s in b.scores}
    assert scores["T.warranty-award"].offered == "48 month"
    assert scores["T.warranty-award"].value == pytest.approx(48.0)
    assert scores["T.warranty-award"].points == pytest.approx(5.0)
    assert scores["T.co2"].contribution == pytest.approx(24.0)


def test_missing_value_is_not_demonstrated_never_zero() -> None:
    bids = three_bids()
    bids[2] = bid("C", "900 EUR", embodied_emissions="100 kg CO2e")  # no warranty at all
    ev = run(tender(POINTS, [WARRANTY_MIN, WARRANTY_AWARD, CO2_AWARD]), bids)
    (check,) = ev.result("C").requirements
    assert check.status == "not_demonstrated"
    assert ev.result("C").status == "excluded"
    # an award value that is missing earns no points, recorded as not demonstrated
    bids = [
        bid("A", "1000 EUR", warranty_period="5 year"),
        bid("B", "800 EUR", warranty_period="4 year", embodied_emissions="250 kg CO2e"),
    ]
    ev = run(tender(POINTS, [WARRANTY_AWARD, CO2_AWARD]), bids)
    co2 = {s.criterion_id: s for s in ev.result("A").scores}["T.co2"]
    assert not co2.demonstrated
    assert co2.points is None
    assert co2.contribution == 0.0
    assert "not demonstrated" in ev.explain("A")


def test_weights_must_add_up_exactly() -> None:
    award = copy.deepcopy(POINTS)
    award["weights"]["T.co2"] = 29
    with pytest.raises(ValueError, match="99"):
        run(tender(award, [WARRANTY_AWARD, CO2_AWARD]), three_bids()[:2])


def test_fictitious_price_by_hand() -> None:
    award = {
        "basis": "best_price_quality",
        "method": "fictitious_price",
        "weights": {"T.warranty-award": "300 EUR", "T.co2": "100 EUR"},
    }
    bids = [
        bid("A", "1000 EUR", warranty_period="5 year", embodied_emissions="200 kg CO2e"),
        bid("B", "800 EUR", warranty_period="4 year", embodied_emissions="400 kg CO2e"),
    ]
    ev = run(tender(award, [WARRANTY_AWARD, CO2_AWARD]), bids)
    # A: 1000 - (10/10 * 300 + 10/10 * 100) = 600;  B: 800 - (5/10 * 300 + 5/10 * 100) = 600 -> a tie
    assert ev.result("A").total == pytest.approx(600.0)
    assert ev.result("B").total == pytest.approx(600.0)
    assert ev.ties == (("A", "B"),)
    assert ev.winner is None  # the default tie rule reports and does not choose
    assert [e.rank for e in ev.ranking] == [1, 1]


def test_tie_broken_by_a_reproducible_draw() -> None:
    award = {
        "basis": "best_price_quality",
        "method": "fictitious_price",
        "weights": {"T.warranty-award": "300 EUR", "T.co2": "100 EUR"},
        "ties": {"rule": "lots", "seed": 7},
    }
    bids = [
        bid("A", "1000 EUR", warranty_period="5 year", embodied_emissions="200 kg CO2e"),
        bid("B", "800 EUR", warranty_period="4 year", embodied_emissions="400 kg CO2e"),
    ]
    first = run(tender(award, [WARRANTY_AWARD, CO2_AWARD]), bids)
    again = run(tender(award, [WARRANTY_AWARD, CO2_AWARD]), list(reversed(bids)))
    assert first.draw is not None
    assert first.draw["seed"] == 7
    assert first.draw["tied"] == ["A", "B"]
    assert first.winner == first.draw["order"][0]
    assert again.winner == first.winner  # the same seed draws the same winner, whatever the bid order
    assert "drawing lots" in first.explain(first.winner or "")


def test_lowest_price_and_no_tolerance_band() -> None:
    award = {"basis": "lowest_price"}
    bids = [bid("A", "1000.00 EUR"), bid("B", "999.99 EUR"), bid("C", "1000 EUR")]
    ev = run(tender(award, []), bids)
    # B is cheaper by one cent: it wins; A and C are exactly equal and share second place
    assert [(e.rank, e.bid_id) for e in ev.ranking] == [(1, "B"), (2, "A"), (2, "C")]
    assert ev.ties == (("A", "C"),)


def test_quality_threshold_min_score() -> None:
    award = copy.deepcopy(POINTS)
    award["quality_threshold"] = {"min_score": 40}
    bids = three_bids()[:2]
    ev = run(tender(award, [WARRANTY_AWARD, CO2_AWARD]), bids)
    # qualities as in test_weighted_points_by_hand: A 60, B 39 -> B is below 40 and its price is not opened
    assert ev.result("B").status == "below_quality_threshold"
    assert ev.result("B").price_points is None
    # A is now the only priced bid: 40 * 1000/1000 = 40 price points
    assert ev.result("A").price_points == pytest.approx(40.0)
    assert ev.winner == "A"


def test_quality_threshold_max_pass_keeps_ties() -> None:
    award = copy.deepcopy(POINTS)
    award["quality_threshold"] = {"max_pass": 1}
    bids = [
        bid("A", "1000 EUR", warranty_period="5 year", embodied_emissions="200 kg CO2e"),
        bid("B", "800 EUR", warranty_period="5 year", embodied_emissions="200 kg CO2e"),
        bid("C", "700 EUR", warranty_period="4 year", embodied_emissions="200 kg CO2e"),
    ]
    ev = run(tender(award, [WARRANTY_AWARD, CO2_AWARD]), bids)
    # A and B tie on quality (60) and both pass; C (45) does not
    assert [ev.result(x).status for x in "ABC"] == ["ranked", "ranked", "below_quality_threshold"]
    assert ev.winner == "B"  # cheaper of the two


def test_rank_reversal_under_ratio_to_lowest_price() -> None:
    # Price only matters here (quality equal); with ratio-to-lowest price points a third bid can swap two others.
    award = copy.deepcopy(POINTS)
    award["weights"] = {"T.warranty-award": 60}
    award["price"] = {"method": "ratio_lowest", "points": 40}
    bids = [
        bid("X", "100 EUR", warranty_period="36 month"),  # quality 0
        bid("Y", "200 EUR", warranty_period="60 month"),  # quality 60
        bid("Z", "50 EUR", warranty_period="36 month"),  # quality 0, the cheapest
    ]
    ev = run(tender(award, [WARRANTY_AWARD]), bids)
    # with Z: X = 40 * 50/100 = 20; Y = 60 + 40 * 50/200 = 70; Z = 40 -> Y, Z, X
    assert [e.bid_id for e in ev.ranking] == ["Y", "Z", "X"]
    reversals = {r["removed"]: r for r in ev.rank_reversals()}
    assert reversals["Z"]["reversed"] == []  # only X and Y remain: X = 40, Y = 60 + 20 = 80, same order
    assert reversals["X"]["reversed"] == []

    # a case where removing the cheapest bid swaps the other two:
    award["weights"] = {"T.warranty-award": 10}
    award["price"] = {"method": "ratio_lowest", "points": 90}
    bids = [
        bid("X", "100 EUR", warranty_period="36 month"),  # quality 0
        bid("Y", "120 EUR", warranty_period="60 month"),  # quality 10
        bid("Z", "10 EUR", warranty_period="36 month"),  # quality 0
    ]
    ev = run(tender(award, [WARRANTY_AWARD]), bids)
    # with Z: X = 90 * 10/100 = 9; Y = 10 + 90 * 10/120 = 17.5 -> Y above X
    # without Z: X = 90; Y = 10 + 90 * 100/120 = 85 -> X above Y: a rank reversal caused by Z
    assert ev.result("X").total == pytest.approx(9.0)
    assert ev.result("Y").total == pytest.approx(17.5)
    reversals = {r["removed"]: r for r in ev.rank_reversals()}
    assert reversals["Z"]["reversed"] == [("Y", "X")]


def test_weight_sensitivity_known_answer() -> None:
    award = copy.deepcopy(POINTS)
    ev = run(tender(award, [WARRANTY_AWARD, CO2_AWARD]), three_bids()[:2])
    # totals A 92, B 79 (gap 13). Shares: warranty A 1.0, B 0.5; co2 A 1.0, B 0.8; price A 0.8, B 1.0
    sens = {s["weight"]: s for s in ev.weight_sensitivity()}
    # warranty: B never gains by a higher weight (0.5 < 1.0); lowering it by 13 / 0.5 = 26 (<= 30) hands the win to B
    assert sens["T.warranty-award"]["increase_to_change"] is None
    assert sens["T.warranty-award"]["decrease_to_change"] == pytest.approx(26.0)
    assert sens["T.warranty-award"]["new_winner_if_decreased"] == "B"
    # co2: lowering by 13 / 0.2 = 65 exceeds the weight 30: never
    assert sens["T.co2"]["decrease_to_change"] is None
    # price: raising it by 13 / 0.2 = 65 points makes B win
    assert sens["price"]["increase_to_change"] == pytest.approx(65.0)
    assert sens["price"]["new_winner_if_increased"] == "B"


def test_unknown_weight_is_an_error() -> None:
    award = copy.deepcopy(POINTS)
    award["weights"] = {"T.warranty-award": 30, "T.nope": 30}
    with pytest.raises(EvaluationError, match=r"no award criterion T\.nope"):
        run(tender(award, [WARRANTY_AWARD, CO2_AWARD]), three_bids())


def test_bid_order_does_not_change_scores() -> None:
    t = tender(POINTS, [WARRANTY_MIN, WARRANTY_AWARD, CO2_AWARD])
    a = run(t, three_bids())
    b = run(t, list(reversed(three_bids())))
    assert {x.bid_id: x.total for x in a.bids} == {x.bid_id: x.total for x in b.bids}


def test_units_do_not_change_scores() -> None:
    t = tender(POINTS, [WARRANTY_AWARD, CO2_AWARD])
    one = run(
        t,
        [
            bid("A", "1000 EUR", warranty_period="5 year", embodied_emissions="200 kg CO2e"),
            bid("B", "800 EUR", warranty_period="48 month", embodied_emissions="0.25 t CO2e"),
        ],
    )
    two = run(
        t,
        [
            bid("A", "1 kEUR", warranty_period="60 month", embodied_emissions="200000 g CO2e"),
            bid("B", "80000 ct", warranty_period="4 year", embodied_emissions="250 kg CO2e"),
        ],
    )
    assert [x.total for x in one.bids] == pytest.approx([x.total for x in two.bids])


def test_example_tender_scores_end_to_end(root) -> None:  # type: ignore[no-untyped-def]
    from circular_ict.scoring.api import score

    ev = score(root / "examples" / "laptop-tender" / "tender.yaml", root / "examples" / "laptop-tender" / "bids")
    statuses = {b.bid_id: b.status for b in ev.bids}
    assert statuses["B4"] == "excluded"  # 24 months of warranty where 3 years are required
    assert sum(s == "ranked" for s in statuses.values()) == 4
    assert ev.winner is not None
    for b in ev.bids:
        assert ev.explain(b.bid_id, "en")
        assert ev.explain(b.bid_id, "nl")
    b2 = {s.criterion_id: s for s in ev.result("B2").scores}
    assert b2["VB.embodied-co2"].offered == "0.25 t CO2e"
    assert b2["VB.embodied-co2"].value == pytest.approx(250.0)
    data = load_yaml(ev.to_json()).data
    assert data["tender"] == "example-notebooks-2027"


def test_co2_per_device_year_as_award_metric() -> None:
    co2_year = _crit(
        "T.co2-year",
        "award_criterion",
        scoring={"type": "ratio_to_best", "metric": "co2_per_device_year", "points": 10},
    )
    award = {
        "basis": "best_price_quality",
        "method": "weighted_points",
        "total_points": 100,
        "price": {"method": "ratio_lowest", "points": 50},
        "weights": {"T.co2-year": 50},
    }
    lcc = {
        "evaluation_period": "4 year",
        "grid_emission_factor": "0.3 kg CO2e / kWh",
        "discounting": {"convention": "none"},
    }
    bids = [
        bid(
            "A",
            "1000 EUR",
            embodied_emissions="200 kg CO2e",
            typical_energy_consumption="20 kWh / year",
            expected_service_life="4 year",
        ),
        bid(
            "B",
            "1000 EUR",
            embodied_emissions="300 kg CO2e",
            typical_energy_consumption="10 kWh / year",
            expected_service_life="6 year",
        ),
    ]
    ev = run(tender(award, [co2_year], lcc=lcc), bids)
    a, b = ev.result("A"), ev.result("B")
    # A: 200 + 20 * 0.3 * 4 = 224 kg CO2e over 4 years = 56 per year; B: 300 + 10 * 0.3 * 6 = 318 over 6 = 53 per year
    assert a.co2 is not None
    assert b.co2 is not None
    assert a.co2.total == pytest.approx(224.0)
    assert a.co2.per_device_year == pytest.approx(56.0)
    assert b.co2.per_device_year == pytest.approx(53.0)
    # the longer-lived device wins the CO2 criterion although its footprint per device is higher
    pts = {s.criterion_id: s for s in a.scores}["T.co2-year"]
    assert pts.points == pytest.approx(10 * 53 / 56)
    assert ev.winner == "B"
    assert "kg CO2e per device-year" in ev.explain("A")


def test_co2_defaults_fill_missing_values_and_are_named() -> None:
    lcc = {
        "evaluation_period": "4 year",
        "grid_emission_factor": "0.3 kg CO2e / kWh",
        "discounting": {"convention": "none"},
    }
    ev = run(tender({"basis": "lowest_price"}, [], lcc=lcc), [bid("A", "1000 EUR")])
    co2 = ev.result("A").co2
    assert co2 is not None
    # notebooks defaults (criteria/co2-defaults.yaml, S34 Boavizta medians): 236 kg CO2e embodied, 19 kWh/year, 4 years
    assert co2.embodied == pytest.approx(236.0)
    assert co2.years_of_use == pytest.approx(4.0)
    assert co2.use_phase == pytest.approx(19 * 0.3 * 4)
    assert any("S34" in a for a in co2.assumptions)
    assert "Defaults used" in ev.explain("A")


EUR_WEIGHTS = {"T.warranty-award": "300 EUR", "T.co2": "100 EUR"}


def _two() -> list[Bid]:
    return [
        bid("A", "1000 EUR", warranty_period="5 year", embodied_emissions="200 kg CO2e"),
        bid("B", "800 EUR", warranty_period="4 year", embodied_emissions="400 kg CO2e"),
    ]


def test_fictitious_surcharge_by_hand() -> None:
    award = {"basis": "best_price_quality", "method": "fictitious_surcharge", "weights": EUR_WEIGHTS}
    ev = run(tender(award, [WARRANTY_AWARD, CO2_AWARD]), _two())
    # A offers the ideal quality: no surcharge, 1000. B falls short by (1 - 5/10) * 300 + (1 - 5/10) * 100 = 200:
    # 800 + 200 = 1000. Surcharge and discount agree when quality is scored absolutely (DFØ, scoring-methods §2.4).
    assert ev.result("A").total == pytest.approx(1000.0)
    assert ev.result("B").total == pytest.approx(1000.0)
    assert ev.ties == (("A", "B"),)


def test_price_per_quality_point_and_value_for_money_by_hand() -> None:
    weights = {"T.warranty-award": 60, "T.co2": 40}
    award = {"basis": "best_price_quality", "method": "price_per_quality_point", "weights": weights}
    ev = run(tender(award, [WARRANTY_AWARD, CO2_AWARD]), _two())
    # quality A = 60 + 40 = 100 points, B = 30 + 20 = 50; price per point A = 1000/100 = 10, B = 800/50 = 16
    assert ev.result("A").total == pytest.approx(10.0)
    assert ev.result("B").total == pytest.approx(16.0)
    assert ev.winner == "A"
    award = {**award, "method": "value_for_money", "ratio_constant": 1000}
    ev = run(tender(award, [WARRANTY_AWARD, CO2_AWARD]), _two())
    # A = 100 / 1000 * 1000 = 100; B = 50 / 800 * 1000 = 62.5; highest wins
    assert ev.result("A").total == pytest.approx(100.0)
    assert ev.result("B").total == pytest.approx(62.5)
    assert ev.winner == "A"


def test_percentage_discount_adjustment_co2_ladder() -> None:
    # ProRail's table (scoring-methods.md §2.7, [S-46]): level 5 = 10 %; a bid without a level gets no discount
    award = {
        "basis": "lowest_price",
        "price_adjustments": [
            {
                "type": "percentage_discount",
                "metric": "co2_performance_ladder_level",
                "discounts": {"1": "1 %", "2": "2 %", "3": "4 %", "4": "7 %", "5": "10 %"},
            }
        ],
    }
    bids = [bid("A", "1000 EUR"), bid("B", "950 EUR")]
    bids[0] = Bid.model_validate(
        {**bids[0].model_dump(mode="json", exclude_unset=True), "values": {"co2_performance_ladder_level": "5"}}
    )
    ev = run(tender(award, []), bids)
    # A: 1000 * (1 - 0.10) = 900; B: 950 (no level, no discount) -> A wins; the contract price stays 1000
    assert ev.result("A").total == pytest.approx(900.0)
    assert ev.result("A").price == pytest.approx(1000.0)
    assert ev.result("B").total == pytest.approx(950.0)
    assert ev.winner == "A"


def test_externality_adjustment_per_device() -> None:
    award = {
        "basis": "lowest_price",
        "price_adjustments": [
            {"type": "externality", "metric": "embodied_emissions", "factor": "100 EUR / (t CO2e)", "per_device": True}
        ],
    }
    bids = [
        bid("A", "1000 EUR", embodied_emissions="200 kg CO2e"),
        bid("B", "1100 EUR", embodied_emissions="50 kg CO2e"),
        bid("C", "900 EUR"),
    ]
    ev = run(tender(award, []), bids)
    # 10 devices, 0.1 EUR per kg CO2e: A = 1000 + 200 * 10 * 0.1 = 1200; B = 1100 + 50 * 10 * 0.1 = 1150
    assert ev.result("A").total == pytest.approx(1200.0)
    assert ev.result("B").total == pytest.approx(1150.0)
    assert ev.result("C").status == "excluded"  # no embodied emissions: the externality cannot be computed
    assert ev.winner == "B"


def test_basket_price() -> None:
    award = {"basis": "lowest_price", "price_from": "basket"}
    t = Tender.model_validate(
        {
            **tender(award, []).model_dump(mode="json", exclude_unset=True),
            "lots": [
                {
                    "id": "L1",
                    "title": {"en": "L", "nl": "L"},
                    "product_group": "notebooks",
                    "quantity": 10,
                    "basket": {"notebooks": 10, "monitors": 5},
                }
            ],
        }
    )

    def basket_bid(bid_id: str, notebook: str, monitor: str | None) -> Bid:
        offers = [{"product_group": "notebooks", "name": "N", "unit_price": notebook}]
        if monitor:
            offers.append({"product_group": "monitors", "name": "M", "unit_price": monitor})
        return Bid.model_validate({"id": bid_id, "supplier": bid_id, "price": "1 EUR", "offers": offers})

    ev = run(
        t,
        [
            basket_bid("A", "900 EUR", "200 EUR"),
            basket_bid("B", "1000 EUR", "100 EUR"),
            basket_bid("C", "500 EUR", None),
        ],
    )
    # A = 10 * 900 + 5 * 200 = 10000; B = 10 * 1000 + 5 * 100 = 10500; C has no monitor price: not demonstrated
    assert ev.result("A").total == pytest.approx(10000.0)
    assert ev.result("B").total == pytest.approx(10500.0)
    assert ev.result("C").status == "excluded"
    assert ev.winner == "A"


def test_utility_index_reproduces_the_published_example() -> None:
    # Mercell knowledge base, "utility index" ([S-39], scoring-methods.md §2.6): quality 90/80/60 %, prices
    # 1000/875/600, weights 60 quality / 40 price -> U = 0.600 / 0.5829 / 0.550
    points = _crit(
        "T.q",
        "award_criterion",
        scoring={
            "type": "linear",
            "metric": "take_back_rate",
            "worst": "0 %",
            "best": "100 %",
            "points": 100,
            "clamp": True,
        },
    )
    award = {
        "basis": "best_price_quality",
        "method": "utility_index",
        "weights": {"T.q": 60},
        "price_weight": 40,
        "total_points": 100,
    }
    bids = [
        bid("A", "1000 EUR", take_back_rate="90 %"),
        bid("B", "875 EUR", take_back_rate="80 %"),
        bid("C", "600 EUR", take_back_rate="60 %"),
    ]
    ev = run(tender(award, [points]), bids)
    assert [round(ev.result(x).total or 0, 4) for x in "ABC"] == [0.6, 0.5829, 0.55]
    assert ev.winner == "A"


def test_normalise_weights_only_when_asked() -> None:
    award = copy.deepcopy(POINTS)
    award["weights"] = {"T.warranty-award": 15, "T.co2": 15}  # 15 + 15 + 40 = 70, not 100
    with pytest.raises(ValueError, match="70"):
        run(tender(award, [WARRANTY_AWARD, CO2_AWARD]), three_bids()[:2])
    award["normalise_weights"] = True
    ev = run(tender(award, [WARRANTY_AWARD, CO2_AWARD]), three_bids()[:2])
    # scale 100/70: A = (15 + 15 + 32) * 100/70 = 88.571...; B = (7.5 + 12 + 40) * 100/70 = 85
    assert ev.result("A").total == pytest.approx(62 * 100 / 70)
    assert ev.result("B").total == pytest.approx(59.5 * 100 / 70)
    assert any(s.name == "weights" and "rescaled" in s.description for s in ev.steps)


def test_rounding_is_half_up_and_only_when_declared() -> None:
    award = {"basis": "lowest_price", "rounding": 2}
    ev = run(tender(award, []), [bid("A", "0.125 EUR"), bid("B", "0.135 EUR")])
    # half up: 0.125 -> 0.13 and 0.135 -> 0.14 (numpy's half-to-even would give 0.12 and 0.14)
    assert ev.result("A").total == 0.13
    assert ev.result("B").total == 0.14


def test_fixed_price_competes_on_quality_only() -> None:
    award = {
        "basis": "best_price_quality",
        "method": "fixed_price",
        "fixed_price": "1000 EUR",
        "weights": {"T.warranty-award": 60, "T.co2": 40},
        "total_points": 100,
    }
    bids = [
        bid("A", "1000 EUR", warranty_period="4 year", embodied_emissions="200 kg CO2e"),
        bid("B", "1000 EUR", warranty_period="5 year", embodied_emissions="400 kg CO2e"),
        bid("C", "900 EUR", warranty_period="5 year", embodied_emissions="100 kg CO2e"),
    ]
    ev = run(tender(award, [WARRANTY_AWARD, CO2_AWARD]), bids)
    # C offers another price than the fixed one: it does not comply
    assert ev.result("C").status == "excluded"
    # A: 60 * 5/10 + 40 * 200/200 = 70; B: 60 + 40 * 200/400 = 80 -> B wins on quality alone
    assert ev.result("A").total == pytest.approx(70.0)
    assert ev.result("B").total == pytest.approx(80.0)
    assert ev.winner == "B"


def test_bids_without_price_data_are_out_before_relative_formulas() -> None:
    award = {
        "basis": "best_price_quality",
        "method": "weighted_points",
        "total_points": 100,
        "price": {"method": "ratio_lowest", "points": 70, "of": "life_cycle_cost"},
        "weights": {"T.co2": 30},
    }
    lcc = {"evaluation_period": "1 year", "electricity_price": "0.25 EUR / kWh", "discounting": {"convention": "none"}}
    bids = [
        bid("A", "1000 EUR", embodied_emissions="200 kg CO2e", typical_energy_consumption="20 kWh / year"),
        bid("B", "1000 EUR", embodied_emissions="400 kg CO2e", typical_energy_consumption="20 kWh / year"),
        bid("C", "500 EUR", embodied_emissions="100 kg CO2e"),  # no energy value: its life-cycle cost is unknown
    ]
    ev = run(tender(award, [CO2_AWARD], lcc=lcc), bids)
    assert ev.result("C").status == "excluded"
    # C's 100 kg never becomes the reference of the ratio: A is the best of A and B, 10 of 10 rule points
    co2 = {s.criterion_id: s for s in ev.result("A").scores}["T.co2"]
    assert co2.points == pytest.approx(10.0)
