"""From a need to tender documents and a notice, with the circular_ict API.

The need: **1,200 notebooks, at the "significant" ambition level, with our own take-back clause on top.**

Run it from the project's top folder (it writes into ``examples/from-need-to-tender/output/`` unless you name
another folder)::

    python examples/from-need-to-tender/run.py [OUTPUT_FOLDER]

The steps:

1. **Choose criteria.** ``select`` picks the circular ICT starter set's criteria for notebooks at the
   significant level (cumulative: the basic criteria come along unless a stricter one replaces them), and
   the EU GPP (2016) award criteria for notebooks that come with a scoring rule.
2. **Set the parameters.** A threshold the tender must set takes the value the criterion's source suggests
   for the significant level; where the source suggests none, the buyer decides (``BUYER_VALUES``).
3. **Add the buyer's own criterion**: a take-back clause, written in full.
4. **Weigh the award**: best price-quality ratio, 100 points, 50 for price, the rest over the award criteria,
   and a minimum quality score.
5. **Write the tender file** (``tender.yaml``) with :func:`circular_ict.serialize.dumps` and **validate** it
   with every check, as ``circular-ict tender check`` does.
6. **Render** the tender documents in English and Dutch (Markdown), and **export** the notice fields:
   eForms JSON and UBL XML, and an OCDS release fragment.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from circular_ict.diagnostics import Report
from circular_ict.exports.eforms import eforms_json, eforms_xml
from circular_ict.exports.ocds import ocds_release_fragment
from circular_ict.exports.tender_text import tender_document
from circular_ict.model.tender import Tender
from circular_ict.safeio import write_text_atomic
from circular_ict.select import open_parameters, select
from circular_ict.serialize import dumps
from circular_ict.validation import load_document

HERE = Path(__file__).resolve().parent
LEVEL = "significant"

#: Thresholds the sources do not suggest a value for: the buyer's own choice (the value used in the example
#: laptop tender, examples/laptop-tender/tender.yaml).
BUYER_VALUES = {"tec_max": "30 kWh / year"}

#: Award weights (points of 100); price gets the rest.
WEIGHTS = {
    "EU-GPP-2016.extended-warranty": 15,
    "EU-GPP-2016.battery-service-life": 15,
    "EU-GPP-2016.energy-efficient-computers": 10,
    "EU-GPP-2016.halogen-free-motherboards": 10,
}

#: The buyer's own take-back clause, on top of the library's criteria.
TAKE_BACK: dict[str, Any] = {
    "id": "GV.take-back",
    "kind": "contract_performance_clause",
    "title": {
        "en": "Take-back of every delivered notebook",
        "nl": "Terugname van elke geleverde laptop",
    },
    "text": {
        "en": "At the end of use, the contractor collects every notebook delivered under the contract free of "
        "charge, wipes its data to a recognised standard, and offers it for reuse; only a device that cannot "
        "be reused is recycled. The contractor reports each year per device what became of it.",
        "nl": "Aan het einde van het gebruik haalt de opdrachtnemer elke onder het contract geleverde laptop "
        "kosteloos op, wist de gegevens volgens een erkende norm en biedt het apparaat aan voor hergebruik; "
        "alleen een apparaat dat niet opnieuw te gebruiken is, wordt gerecycled. De opdrachtnemer rapporteert "
        "elk jaar per apparaat wat ermee is gebeurd.",
    },
    "ambition": LEVEL,
    "themes": ["take_back", "reuse"],
    "product_groups": ["notebooks"],
    "verification": {"evidence": ["contract_records"]},
    "source": {
        "publisher": "Gemeente Voorbeeld",
        "document": "Tender documents, contract performance clauses (example)",
        "url": "https://eur-lex.europa.eu/eli/dir/2014/24/oj",
        "status": "derived",
        "note": "The buyer's own clause; the URL is the directive (art. 70) under which it is set.",
    },
}


def choose_criteria() -> list[Any]:
    """Step 1: the starter set at the significant level, and the scored EU GPP 2016 award criteria."""
    starter = select("circular-ict-starter", product_groups=["notebooks"], level=LEVEL)
    awards = select("eu-gpp-computers-2016", product_groups=["notebooks"], kinds=["award_criterion"], level=LEVEL)
    chosen = []
    for crit in [*starter.criteria_set.criteria, *awards.criteria_set.criteria]:
        if crit.kind == "award_criterion" and crit.id not in WEIGHTS:
            reason = "no scoring rule in its source" if crit.scoring is None else "not weighed in this tender"
            print(f"  left out {crit.id}: {reason}")
            continue
        chosen.append(crit)
    return chosen


def reference(crit: Any) -> dict[str, Any]:
    """Step 2: a reference to a bundled criterion, with every open parameter set."""
    ref: dict[str, Any] = {"ref": crit.id}
    values = {}
    for name in open_parameters(crit):
        suggested = [s.value.text for s in crit.parameters[name].suggested if s.level == LEVEL]
        values[name] = suggested[0] if suggested else BUYER_VALUES[name]
        origin = "suggested by the source" if suggested else "the buyer's choice"
        print(f"  {crit.id}: {name} = {values[name]} ({origin})")
    if values:
        ref["parameters"] = values
    return ref


def build_tender() -> Tender:
    """Steps 1 to 4: the tender as a model."""
    criteria = choose_criteria()
    price_points = 100 - sum(WEIGHTS.values())
    data: dict[str, Any] = {
        "id": "voorbeeld-notebooks-2027",
        "title": {
            "en": "Circular notebooks for Example Municipality",
            "nl": "Circulaire laptops voor Gemeente Voorbeeld",
        },
        "buyer": {"name": "Gemeente Voorbeeld", "country": "NL"},
        "languages": ["en", "nl"],
        "date": "2027-03-01",
        "lots": [
            {
                "id": "LOT-1",
                "title": {"en": "Notebooks", "nl": "Laptops"},
                "product_group": "notebooks",
                "quantity": 1200,
                "contract_period": "4 year",
            }
        ],
        "criteria": {"include": [reference(c) for c in criteria], "own": [TAKE_BACK]},
        "award": {
            "basis": "best_price_quality",
            "method": "weighted_points",
            "total_points": 100,
            "price": {"method": "ratio_lowest", "points": price_points},
            "weights": WEIGHTS,
            "quality_threshold": {"min_score": 20},
            "ties": {"rule": "lots", "seed": 20270301},
        },
    }
    return Tender.model_validate(data)


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    print("1-4. choosing criteria, setting parameters, adding the take-back clause, weighing the award")
    tender = build_tender()

    print("5. writing and checking the tender file")
    tender_file = out / "tender.yaml"
    write_text_atomic(tender_file, dumps(tender))
    model, report = load_document(tender_file, expect="tender")
    print("  " + Report.of([report]).summary())
    if model is None:
        print(Report.of([report]).render("text"))
        return 1
    assert isinstance(model, Tender)

    print("6. rendering the documents and exporting the notice")
    for lang in ("en", "nl"):
        write_text_atomic(out / f"tender-{lang}.md", tender_document(model, lang).render("md"))
    write_text_atomic(out / "eforms.json", json.dumps(eforms_json(model), indent=2, ensure_ascii=False) + "\n")
    write_text_atomic(out / "eforms.xml", eforms_xml(model))
    fragment = ocds_release_fragment(model)
    write_text_atomic(out / "ocds.json", json.dumps(fragment, indent=2, ensure_ascii=False) + "\n")
    for path in sorted(out.iterdir()):
        print(f"  wrote {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "output"))
