"""circular_ict.exports.eforms: the eForms fields of the example tender and of small tenders, worked by hand.

The expected codes follow the rules in the module docstring and docs/how-to/export-eforms-ocds.md; the code
lists and XML paths are the eForms SDK's (sources in circular_ict/exports/codelists.json).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from circular_ict.exports.eforms import (
    CAC,
    CBC,
    EFAC,
    EFBC,
    EFEXT,
    EXT,
    THEME_IMPACT,
    AwardCriterionFields,
    CriterionNumber,
    ExportError,
    LotFields,
    codelists,
    eforms_json,
    eforms_xml,
    emitted_codes,
    lot_fields,
    lots_json,
    lots_xml,
)
from circular_ict.model.criterion import THEMES
from circular_ict.model.tender import Tender
from circular_ict.validation import load_tender

ROOT = Path(__file__).resolve().parents[2]
NS = {"cac": CAC, "cbc": CBC, "ext": EXT, "efext": EFEXT, "efac": EFAC, "efbc": EFBC}
SRC = {"publisher": "Test", "document": "Test tender", "url": "https://example.org", "status": "derived"}
PARAMS = "ext:UBLExtensions/ext:UBLExtension/ext:ExtensionContent/efext:EformsExtension/efac:AwardCriterionParameter"


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


def award_crit(cid: str, themes: list[str]) -> dict[str, Any]:
    rule = {"type": "ratio_to_best", "metric": "embodied_emissions", "points": 10}
    return crit(cid, "award_criterion", themes, scoring=rule)


def tender(award: dict[str, Any], own: list[dict[str, Any]], **extra: Any) -> Tender:
    data = {
        "id": "t",
        "title": {"en": "T", "nl": "T"},
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


# --------------------------------------------------------------------------- the example laptop tender


def test_laptop_green_fields(laptop: Tender) -> None:
    (lot,) = eforms_json(laptop)["lots"]
    assert lot["BT-137-Lot"] == "LOT-0001"  # 'LOT-1' is not of the eForms form LOT-nnnn: numbered by position
    assert lot["BT-22-Lot"] == "LOT-1"
    assert lot["BT-21-Lot"] == {"ENG": "Notebooks", "NLD": "Laptops"}
    assert lot["BT-06-Lot"] == ["env-imp"]
    # themes: lifespan, reuse, take_back -> circ-econ; energy, climate (TS18, VB.embodied-co2) -> clim-mitig
    assert lot["BT-774-Lot"] == ["circ-econ", "clim-mitig"]
    # EU GPP 2021 and 2016 sets (gpp_origin eu) and the buyer's two own criteria (other)
    assert lot["BT-805-Lot"] == ["eu", "other"]
    assert "BT-543-Lot" not in lot


def test_laptop_award_criteria(laptop: Tender) -> None:
    (lot,) = eforms_json(laptop)["lots"]
    rows = [
        (c["BT-539-Lot"], c.get("criterion"), c["BT-541-Lot-WeightNumber"], c["BT-5421-Lot"])
        for c in lot["ND-LotAwardCriterion"]
    ]
    # weighted points, total 100 -> per-exa; price points score the life-cycle cost -> a 'cost' criterion
    assert rows == [
        ("cost", None, 40, "per-exa"),
        ("quality", "EU-GPP-2016.battery-service-life", 10, "per-exa"),
        ("quality", "EU-GPP-2016.extended-warranty", 15, "per-exa"),
        ("quality", "VB.take-back-rate", 15, "per-exa"),
        ("quality", "VB.embodied-co2", 20, "per-exa"),
    ]
    assert sum(r[2] for r in rows) == 100
    cost = lot["ND-LotAwardCriterion"][0]
    assert cost["BT-734-Lot"] == {"ENG": "Life-cycle cost", "NLD": "Levenscycluskosten"}
    assert cost["BT-540-Lot"]["ENG"] == (
        "The bid with the lowest life-cycle cost earns 40 points; any other bid earns 40 × lowest life-cycle cost "
        "/ its life-cycle cost."
    )
    take_back = lot["ND-LotAwardCriterion"][3]
    assert take_back["BT-734-Lot"] == {
        "ENG": "Share of devices taken back for reuse",
        "NLD": "Aandeel apparaten dat wordt teruggenomen voor hergebruik",
    }
    assert take_back["BT-540-Lot"]["ENG"].startswith("The tenderer states which share of the delivered notebooks")


def test_laptop_xml_paths(laptop: Tender) -> None:
    root = ET.fromstring(eforms_xml(laptop).encode("utf-8"))
    assert root.tag == "{urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2}ContractNotice"
    (lot,) = root.findall("cac:ProcurementProjectLot", NS)
    lot_id = lot.find("cbc:ID", NS)
    assert lot_id is not None
    assert (lot_id.get("schemeName"), lot_id.text) == ("Lot", "LOT-0001")
    subs = lot.findall(
        "cac:TenderingTerms/cac:AwardingTerms/cac:AwardingCriterion/cac:SubordinateAwardingCriterion", NS
    )
    assert [s.findtext("cbc:AwardingCriterionTypeCode", namespaces=NS) for s in subs] == ["cost"] + ["quality"] * 4
    assert all(
        s.find("cbc:AwardingCriterionTypeCode", NS).get("listName") == "award-criterion-type"  # type: ignore[union-attr]
        for s in subs
    )
    weights = [s.find(f"{PARAMS}[efbc:ParameterCode='per-exa']/efbc:ParameterNumeric", NS) for s in subs]
    assert [w.text for w in weights if w is not None] == ["40", "10", "15", "15", "20"]
    codes = [s.find(f"{PARAMS}/efbc:ParameterCode", NS) for s in subs]
    assert {c.get("listName") for c in codes if c is not None} == {"number-weight"}
    names = subs[1].findall("cbc:Name", NS)
    assert [(n.get("languageID"), n.text) for n in names] == [
        ("ENG", "Service life of rechargeable batteries"),
        ("NLD", "Levensduur van oplaadbare accu's"),
    ]
    types = lot.findall("cac:ProcurementProject/cac:ProcurementAdditionalType/cbc:ProcurementTypeCode", NS)
    assert [(t.get("listName"), t.text) for t in types] == [
        ("strategic-procurement", "env-imp"),
        ("environmental-impact", "circ-econ"),
        ("environmental-impact", "clim-mitig"),
        ("gpp-criteria", "eu"),
        ("gpp-criteria", "other"),
    ]
    internal = lot.find("cac:ProcurementProject/cbc:ID", NS)
    assert internal is not None
    assert (internal.get("schemeName"), internal.text) == ("InternalID", "LOT-1")


# --------------------------------------------------------------------------- small tenders


def test_points_total_other_than_100_are_points_and_the_threshold_is_its_own_criterion() -> None:
    t = tender(
        {
            "basis": "best_price_quality",
            "method": "weighted_points",
            "total_points": 50,
            "price": {"method": "ratio_lowest", "points": 20},
            "weights": {"A": 18, "B": 12},
            "quality_threshold": {"min_score": 12.5},
        },
        [award_crit("A", ["repairability"]), award_crit("B", ["hazardous_substances"])],
    )
    (lot,) = eforms_json(t)["lots"]
    assert lot["BT-774-Lot"] == ["circ-econ", "pollu-prev"]
    assert lot["BT-805-Lot"] == ["other"]  # own criteria only
    price, a, b, threshold = lot["ND-LotAwardCriterion"]
    assert (price["BT-539-Lot"], price["BT-541-Lot-WeightNumber"], price["BT-5421-Lot"]) == ("price", 20, "poi-exa")
    assert (a["BT-541-Lot-WeightNumber"], a["BT-5421-Lot"], a["criterion"]) == (18, "poi-exa", "A")
    assert (b["BT-541-Lot-WeightNumber"], b["BT-5421-Lot"]) == (12, "poi-exa")
    assert threshold == {
        "BT-539-Lot": "quality",
        "BT-734-Lot": {"ENG": "Quality threshold", "NLD": "Kwaliteitsdrempel"},
        "BT-540-Lot": {
            # 18 + 12 = 30 quality points in all
            "ENG": "A bid needs a total quality score of at least 12.5 points (of 30) to be ranked.",
            "NLD": "Een inschrijving moet in totaal ten minste 12.5 kwaliteitspunten (van 30) halen om "
            "gerangschikt te worden.",
        },
        "BT-541-Lot-ThresholdNumber": 12.5,
        "BT-5423-Lot": "min-score",
    }
    root = ET.fromstring(eforms_xml(t).encode("utf-8"))
    last = root.findall(".//cac:SubordinateAwardingCriterion", NS)[-1]
    code = last.find(f"{PARAMS}/efbc:ParameterCode", NS)
    assert code is not None
    assert (code.get("listName"), code.text) == ("number-threshold", "min-score")
    assert last.findtext(f"{PARAMS}/efbc:ParameterNumeric", namespaces=NS) == "12.5"


def test_max_pass_threshold() -> None:
    t = tender(
        {
            "basis": "best_price_quality",
            "method": "weighted_points",
            "total_points": 100,
            "price": {"method": "log", "points": 60, "a": 2},
            "weights": {"A": 40},
            "quality_threshold": {"max_pass": 3},
        },
        [award_crit("A", ["climate"])],
    )
    (lot,) = eforms_json(t)["lots"]
    price, _a, threshold = lot["ND-LotAwardCriterion"]
    assert price["BT-540-Lot"]["ENG"] == (
        "The bid with the lowest price earns 60 points, a bid at 2 times the lowest price 0 points: "
        "60 × (1 − log(price / lowest price) / log 2)."
    )
    assert (threshold["BT-541-Lot-ThresholdNumber"], threshold["BT-5423-Lot"]) == (3, "max-pass")


def test_lowest_price_is_one_price_criterion_weighing_100_percent() -> None:
    t = tender({"basis": "lowest_price"}, [crit("H", "technical_specification", ["hazardous_substances"])])
    (lot,) = eforms_json(t)["lots"]
    assert lot["BT-774-Lot"] == ["pollu-prev"]
    assert lot["ND-LotAwardCriterion"] == [
        {
            "BT-539-Lot": "price",
            "BT-734-Lot": {"ENG": "Price", "NLD": "Prijs"},
            "BT-540-Lot": {
                "ENG": "The bid with the lowest price wins.",
                "NLD": "De inschrijving met de laagste prijs wint.",
            },
            "BT-541-Lot-WeightNumber": 100,
            "BT-5421-Lot": "per-exa",
        }
    ]


def test_lowest_cost_is_one_cost_criterion() -> None:
    t = tender(
        {"basis": "lowest_cost"},
        [crit("E", "technical_specification", ["energy"])],
        lcc={
            "evaluation_period": "4 year",
            "electricity_price": "0.3 EUR / kWh",
            "discounting": {"convention": "none"},
        },
    )
    (lot,) = eforms_json(t)["lots"]
    (cost,) = lot["ND-LotAwardCriterion"]
    assert (cost["BT-539-Lot"], cost["BT-541-Lot-WeightNumber"], cost["BT-5421-Lot"]) == ("cost", 100, "per-exa")
    assert cost["BT-540-Lot"]["ENG"] == "The bid with the lowest life-cycle cost wins (Directive 2014/24/EU, art. 68)."


def test_fictitious_price_goes_to_bt_543_without_numbers() -> None:
    rule = {"type": "euro_value", "metric": "warranty_period", "value_per_unit": "50 EUR / year", "cap": "150 EUR"}
    t = tender(
        {
            "basis": "best_price_quality",
            "method": "fictitious_price",
            "weights": {"W": "150 EUR"},
            "quality_threshold": {"min_score": 50},
        },
        [crit("W", "award_criterion", ["lifespan"], scoring=rule)],
    )
    (lot,) = eforms_json(t)["lots"]
    assert lot["BT-543-Lot"]["ENG"] == (
        "Bids are ranked on a fictitious price: the price minus the euro value of the quality offered; the lowest "
        "fictitious price wins. Each quality criterion is worth at most the amount stated with it. A bid needs a "
        "total quality value of at least 50 EUR (of 150 EUR) to be ranked."
    )
    price, w = lot["ND-LotAwardCriterion"]
    assert price["BT-539-Lot"] == "price"
    assert not any(k.startswith(("BT-541", "BT-542")) for item in (price, w) for k in item)
    assert w["BT-540-Lot"] == {"ENG": "W text Worth at most 150 EUR.", "NLD": "W tekst Ten hoogste 150 EUR waard."}
    root = ET.fromstring(eforms_xml(t).encode("utf-8"))
    expr = root.findall(".//cac:AwardingCriterion/cbc:CalculationExpression", NS)
    assert [e.get("languageID") for e in expr] == ["ENG", "NLD"]
    assert root.findall(f".//{PARAMS}", NS) == []


def test_a_lot_without_criteria() -> None:
    t = tender({"basis": "lowest_price"}, [])
    (lot,) = eforms_json(t)["lots"]
    assert (lot["BT-06-Lot"], lot["BT-774-Lot"], lot["BT-805-Lot"]) == (["none"], [], ["none"])


def test_national_origin_and_lot_numbering() -> None:
    t = tender(
        {"basis": "lowest_price"},
        [],
        criteria={"include": [{"ref": "EU-GPP-2021.TS5"}], "own": []},
        lots=[
            {"id": "LOT-0007", "title": {"en": "A", "nl": "A"}, "product_group": "notebooks", "quantity": 1},
            {"id": "second", "title": {"en": "B", "nl": "B"}, "product_group": "notebooks", "quantity": 1},
        ],
    )
    lots = eforms_json(t)["lots"]
    assert [(lot["BT-137-Lot"], lot["BT-22-Lot"]) for lot in lots] == [("LOT-0007", "LOT-0007"), ("LOT-0002", "second")]
    assert lots[0]["BT-805-Lot"] == ["eu"]  # TS5 is defined by eu-gpp-computers-2021 (gpp_origin: eu)
    se = tender({"basis": "lowest_price"}, [], criteria={"include": [{"ref": "SE-IT-2022.climate-impact-information"}]})
    assert eforms_json(se)["lots"][0]["BT-805-Lot"] == ["national"]


def test_texts_are_escaped_and_other_languages_left_out() -> None:
    own = crit("X", "award_criterion", ["reuse"], scoring={"type": "yes_no", "points": 5})
    own["title"] = {"en": 'Take-back <"all"> & more', "no": "Tilbakelevering"}
    own["text"] = {"en": "Text & <b>", "no": "Tekst"}
    t = tender(
        {
            "basis": "best_price_quality",
            "method": "weighted_points",
            "total_points": 100,
            "price": {"method": "ratio_lowest", "points": 95},
            "weights": {"X": 5},
        },
        [own],
        languages=["en", "no"],
        title={"en": "T", "no": "T"},
        lots=[{"id": "L1", "title": {"en": "Lot", "no": "Del"}, "product_group": "notebooks", "quantity": 1}],
    )
    xml = eforms_xml(t)
    assert "&lt;&quot;all&quot;&gt; &amp; more" in xml or '&lt;"all"&gt; &amp; more' in xml
    root = ET.fromstring(xml.encode("utf-8"))
    names = root.findall(".//cac:SubordinateAwardingCriterion/cbc:Name", NS)
    # Norwegian is not an EU official language, so eForms has no languageID for it
    assert [(n.get("languageID"), n.text) for n in names] == [("ENG", "Price"), ("ENG", 'Take-back <"all"> & more')]


def test_no_eu_language_is_an_export_error() -> None:
    t = tender({"basis": "lowest_price"}, [], languages=["no"], title={"no": "T"})
    t = t.model_copy(update={"lots": [t.lots[0].model_copy(update={"title": {"no": "Del"}})]})
    with pytest.raises(ExportError, match="official EU language"):
        lot_fields(t)


# --------------------------------------------------------------------------- numbers and code lists


def test_fixed_numbers_are_written_with_their_code_list() -> None:
    """A fixed price (BT-5422) next to a decimal weight, as in the OCDS award-criteria README example."""
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
            AwardCriterionFields(
                type="quality",
                name={"en": "Quality"},
                description={"en": "Quality"},
                numbers=(CriterionNumber("weight", "dec-exa", 1),),
            ),
        ),
    )
    data = lots_json("t", [lot])["lots"][0]["ND-LotAwardCriterion"][0]
    assert (data["BT-541-Lot-FixedNumber"], data["BT-5422-Lot"]) == (100000, "fix-tot")
    assert (data["BT-541-Lot-WeightNumber"], data["BT-5421-Lot"]) == (0, "dec-exa")
    root = ET.fromstring(lots_xml("t", [lot]).encode("utf-8"))
    params = root.findall(f".//cac:SubordinateAwardingCriterion/{PARAMS}", NS)
    assert [
        (p.find("efbc:ParameterCode", NS).get("listName"), p.findtext("efbc:ParameterCode", namespaces=NS))  # type: ignore[union-attr]
        for p in params
    ] == [("number-fixed", "fix-tot"), ("number-weight", "dec-exa"), ("number-weight", "dec-exa")]
    assert [p.findtext("efbc:ParameterNumeric", namespaces=NS) for p in params] == ["100000", "0", "1"]


def test_a_code_outside_the_code_lists_is_refused() -> None:
    bad = LotFields(
        lot_id="L1",
        eforms_id="LOT-0001",
        title={"en": "Lot"},
        strategic_procurement=("env-imp",),
        environmental_impact=("circular",),  # not an environmental-impact code
        gpp_criteria=("other",),
        award_criteria=(),
    )
    with pytest.raises(AssertionError, match="environmental-impact"):
        lots_xml("t", [bad])


def test_every_theme_maps_to_an_environmental_impact_code() -> None:
    codes = codelists()["eforms"]["lists"]["environmental-impact"]["codes"]
    assert set(THEME_IMPACT) == set(THEMES)
    assert set(THEME_IMPACT.values()) <= set(codes)


def test_every_code_emitted_is_in_the_shipped_code_lists(laptop: Tender) -> None:
    lists = codelists()["eforms"]["lists"]
    tenders = [laptop, tender({"basis": "lowest_price"}, [])]
    pairs = [pair for t in tenders for pair in emitted_codes(lot_fields(t))]
    assert ("gpp-criteria", "none") in pairs
    for list_name, code in pairs:
        assert code in lists[list_name]["codes"], (list_name, code)


def test_the_code_lists_carry_their_sources() -> None:
    data = json.loads((ROOT / "circular_ict" / "exports" / "codelists.json").read_text(encoding="utf-8"))
    for name, entry in data["eforms"]["lists"].items():
        assert entry["path"] == f"codelists/{name}.gc"
        assert len(entry["commit"]) == 40
    # spot checks against the SDK files read (codelists/*.gc, 'Name' column)
    lists = data["eforms"]["lists"]
    assert lists["gpp-criteria"]["codes"] == {
        "eu": "EU GPP criteria",
        "national": "National GPP criteria",
        "none": "No GPP criteria",
        "other": "Other GPP criteria",
    }
    assert sorted(lists["number-weight"]["codes"]) == [
        "dec-exa",
        "dec-mid",
        "ord-imp",
        "per-exa",
        "per-mid",
        "poi-exa",
        "poi-mid",
    ]
    assert data["eforms"]["languages"]["codes"]["nl"] == "NLD"


def test_the_installed_package_carries_the_code_lists() -> None:
    from importlib.resources import files

    shipped = files("circular_ict.exports").joinpath("codelists.json").read_bytes()
    assert shipped == (ROOT / "circular_ict" / "exports" / "codelists.json").read_bytes()


@pytest.mark.parametrize(
    ("price", "expected"),
    [
        ({"method": "ratio_lowest"}, "The bid with the lowest price earns 40 points; any other bid earns 40 × lowest"),
        (
            {"method": "linear_bounds", "lowest": "500 EUR", "highest": "900 EUR", "clamp": True},
            "40 points for a price of 500 EUR or less, 0 points for 900 EUR or more, linear in between.",
        ),
        (
            {"method": "linear_bounds", "lowest": "500 EUR", "highest": "900 EUR", "clamp": False},
            "40 points for a price of 500 EUR, 0 points for 900 EUR, on a straight line that continues beyond both.",
        ),
        ({"method": "linear_from_lowest"}, "The bid with the lowest price earns 40 points; points fall linearly to 0"),
        (
            {"method": "linear_min_max_bids"},
            "The bid with the lowest price earns 40 points, the bid with the highest 0",
        ),
        ({"method": "log", "a": 1.5}, "The bid with the lowest price earns 40 points, a bid at 1.5 times the lowest"),
    ],
)
def test_every_price_method_is_described(price: dict[str, Any], expected: str) -> None:
    from circular_ict.model.tender import PriceMethod

    assert price["method"] in PriceMethod.__args__  # type: ignore[attr-defined]
    t = tender(
        {
            "basis": "best_price_quality",
            "method": "weighted_points",
            "total_points": 100,
            "price": {"points": 40, **price},
            "weights": {"A": 60},
        },
        [award_crit("A", ["reuse"])],
    )
    description = eforms_json(t)["lots"][0]["ND-LotAwardCriterion"][0]["BT-540-Lot"]
    assert description["ENG"].startswith(expected)
    assert set(description) == {"ENG", "NLD"}


def test_the_price_methods_tested_are_all_of_them() -> None:
    from circular_ict.model.tender import PriceMethod

    assert set(PriceMethod.__args__) == {  # type: ignore[attr-defined]
        "ratio_lowest",
        "linear_bounds",
        "linear_from_lowest",
        "linear_min_max_bids",
        "log",
    }


def test_value_for_money_in_bt_543() -> None:
    t = tender(
        {"basis": "best_price_quality", "method": "value_for_money", "ratio_constant": 1000, "weights": {"A": 60}},
        [award_crit("A", ["reuse"])],
    )
    (lot,) = eforms_json(t)["lots"]
    assert lot["BT-543-Lot"] == {
        "ENG": "Bids are ranked on their total quality score divided by their price, times 1000; the highest value "
        "wins.",
        "NLD": "Inschrijvingen worden gerangschikt op hun totale kwaliteitsscore gedeeld door hun prijs, maal 1000; de "
        "hoogste waarde wint.",
    }
    assert lot["ND-LotAwardCriterion"][1]["BT-540-Lot"]["ENG"] == "A text Weight: 60."


def test_fixed_price_gives_bt_5422_and_ocds_quality_only() -> None:
    from pathlib import Path

    from circular_ict.exports.eforms import eforms_json
    from circular_ict.exports.ocds import ocds_release_fragment
    from circular_ict.validation import load_tender

    example = Path(__file__).resolve().parents[2] / "examples" / "laptop-tender" / "tender.yaml"
    data = load_tender(example)
    award = data.award.model_copy(
        update={
            "method": "fixed_price",
            "fixed_price": __import__("circular_ict").parse_quantity("1200000 EUR"),
            "price": None,
            "total_points": 60,
        }
    )
    tender = data.model_copy(update={"award": award})
    lot = eforms_json(tender)["lots"][0]
    price = lot["ND-LotAwardCriterion"][0]
    assert price["BT-539-Lot"] == "price"
    assert price["BT-5422-Lot"] == "fix-tot"
    assert price["BT-541-Lot-FixedNumber"] == 1200000.0
    ocds = ocds_release_fragment(tender)
    assert ocds["tender"]["awardCriteria"] == "qualityOnly"
    numbers = ocds["tender"]["lots"][0]["awardCriteria"]["criteria"][0]["numbers"]
    assert numbers == [{"number": 1200000.0, "fixed": "total"}]
