"""The worked example (examples/from-need-to-tender/run.py): from a need to a tender file, tender documents in
English and Dutch, eForms (JSON and XML) and OCDS; each output checked here."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from circular_ict.exports.eforms import CAC, CBC, EFAC, EFBC, EFEXT, EXT, codelists
from circular_ict.exports.ocds import ocds_codes
from circular_ict.validation import load_document

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "examples" / "from-need-to-tender" / "run.py"
NS = {"cac": CAC, "cbc": CBC, "ext": EXT, "efext": EFEXT, "efac": EFAC, "efbc": EFBC}
PARAMS = "ext:UBLExtensions/ext:UBLExtension/ext:ExtensionContent/efext:EformsExtension/efac:AwardCriterionParameter"
FILES = ["eforms.json", "eforms.xml", "ocds.json", "tender-en.md", "tender-nl.md", "tender.yaml"]


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("from-need-to-tender")
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), str(folder)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stderr == ""
    lines = proc.stdout.splitlines()
    assert "  EU-GPP-2021.TS3.comprehensive: warranty_min = 3 year (suggested by the source)" in lines
    assert "  EU-GPP-2021.TS18: tec_max = 30 kWh / year (the buyer's choice)" in lines
    assert "  valid: 1 file checked, 0 invalid, 0 errors, 0 warnings" in lines
    assert [line for line in lines if line.startswith("  wrote ")] == [f"  wrote {name}" for name in FILES]
    return folder


def test_the_tender_file_is_valid_and_holds_the_need(out: Path) -> None:
    tender, report = load_document(out / "tender.yaml", expect="tender")
    assert report.diagnostics == ()
    assert tender is not None
    data: Any = tender
    assert data.lots[0].quantity == 1200
    refs = [r.ref for r in data.criteria.include]
    # the significant level of the starter set (cumulative), with the stricter criteria in place of the basic ones
    assert "EU-GPP-2021.TS3.comprehensive" in refs
    assert "EU-GPP-2021.TS3.core" not in refs
    assert "TCO.generation-10" in refs
    assert "TCO.generation-9" not in refs
    assert [c.id for c in data.criteria.own] == ["GV.take-back"]
    assert sum(w.magnitude for w in data.award.weights.values()) + data.award.price.points == 100


def test_documents_in_english_and_dutch(out: Path) -> None:
    en = (out / "tender-en.md").read_text(encoding="utf-8")
    nl = (out / "tender-nl.md").read_text(encoding="utf-8")
    assert en.startswith("# Circular notebooks for Example Municipality\n")
    assert nl.startswith("# Circulaire laptops voor Gemeente Voorbeeld\n")
    assert "Take-back of every delivered notebook" in en
    assert "Terugname van elke geleverde laptop" in nl


def test_eforms_json(out: Path) -> None:
    data = json.loads((out / "eforms.json").read_text(encoding="utf-8"))
    (lot,) = data["lots"]
    assert lot["BT-06-Lot"] == ["env-imp"]
    # lifespan, reuse, take-back -> circ-econ; energy, climate -> clim-mitig; halogen-free -> pollu-prev
    assert lot["BT-774-Lot"] == ["circ-econ", "clim-mitig", "pollu-prev"]
    # EU GPP sets (eu), the Swedish climate clause (national), TCO Certified and the own clause (other)
    assert lot["BT-805-Lot"] == ["eu", "national", "other"]
    rows = [
        (
            c["BT-539-Lot"],
            c.get("criterion"),
            c.get("BT-541-Lot-WeightNumber", c.get("BT-541-Lot-ThresholdNumber")),
            c.get("BT-5421-Lot", c.get("BT-5423-Lot")),
        )
        for c in lot["ND-LotAwardCriterion"]
    ]
    assert rows == [
        ("price", None, 50, "per-exa"),
        ("quality", "EU-GPP-2016.extended-warranty", 15, "per-exa"),
        ("quality", "EU-GPP-2016.battery-service-life", 15, "per-exa"),
        ("quality", "EU-GPP-2016.energy-efficient-computers", 10, "per-exa"),
        ("quality", "EU-GPP-2016.halogen-free-motherboards", 10, "per-exa"),
        ("quality", None, 20, "min-score"),
    ]
    lists = codelists()["eforms"]["lists"]
    checked = 0
    for field_id, list_name in (
        ("BT-06-Lot", "strategic-procurement"),
        ("BT-774-Lot", "environmental-impact"),
        ("BT-805-Lot", "gpp-criteria"),
    ):
        for code in lot[field_id]:
            assert code in lists[list_name]["codes"]
            checked += 1
    for c in lot["ND-LotAwardCriterion"]:
        assert c["BT-539-Lot"] in lists["award-criterion-type"]["codes"]
        for field_id, list_name in (
            ("BT-5421-Lot", "number-weight"),
            ("BT-5422-Lot", "number-fixed"),
            ("BT-5423-Lot", "number-threshold"),
        ):
            if field_id in c:
                assert c[field_id] in lists[list_name]["codes"]
                checked += 1
    assert checked == 13  # 1 + 3 + 3 green codes, 5 weight codes and 1 threshold code


def _number(param: ET.Element) -> tuple[str | None, str | None, str | None]:
    code = param.find("efbc:ParameterCode", NS)
    assert code is not None
    return code.get("listName"), code.text, param.findtext("efbc:ParameterNumeric", namespaces=NS)


def test_eforms_xml(out: Path) -> None:
    root = ET.parse(out / "eforms.xml").getroot()  # well-formed, or this raises
    (lot,) = root.findall("cac:ProcurementProjectLot", NS)
    assert lot.findtext("cbc:ID", namespaces=NS) == "LOT-0001"
    subs = lot.findall(
        "cac:TenderingTerms/cac:AwardingTerms/cac:AwardingCriterion/cac:SubordinateAwardingCriterion", NS
    )
    numbers = [_number(p) for s in subs for p in s.findall(PARAMS, NS)]
    assert numbers == [
        ("number-weight", "per-exa", "50"),
        ("number-weight", "per-exa", "15"),
        ("number-weight", "per-exa", "15"),
        ("number-weight", "per-exa", "10"),
        ("number-weight", "per-exa", "10"),
        ("number-threshold", "min-score", "20"),
    ]
    gpp = lot.findall(
        "cac:ProcurementProject/cac:ProcurementAdditionalType/cbc:ProcurementTypeCode[@listName='gpp-criteria']", NS
    )
    assert [g.text for g in gpp] == ["eu", "national", "other"]
    for el in lot.iter(f"{{{CBC}}}ProcurementTypeCode"):
        assert el.text in codelists()["eforms"]["lists"][el.get("listName", "")]["codes"]


def test_ocds_against_the_patched_schema(out: Path, ocds_errors: Callable[[dict[str, Any]], list[str]]) -> None:
    fragment = json.loads((out / "ocds.json").read_text(encoding="utf-8"))
    assert ocds_errors(fragment) == []
    lists = codelists()["ocds"]["lists"]
    for list_name, code in ocds_codes(fragment):
        assert code in lists[list_name]["codes"], (list_name, code)
    (lot,) = fragment["tender"]["lots"]
    assert [s["goal"] for s in lot["sustainability"]] == [
        "environmental.circularEconomy",
        "environmental.climateChangeMitigation",
        "environmental.pollutionPrevention",
    ]
    assert lot["awardCriteria"]["criteria"][-1]["numbers"] == [{"number": 20, "threshold": "minimumScore"}]
