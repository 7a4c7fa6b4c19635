"""circular_ict.bids and circular_ict.model.bid: bid files, bid tables, and their located diagnostics.

Positions are exact: for YAML the line and column of the value (or key); for tables the row (the header
is row 1, as in a spreadsheet) and the column (counted from 1).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pytest

import circular_ict as ci
from circular_ict.bids import (
    check_bid,
    load_bid,
    load_bids,
    loads_bid,
    read_bid_table,
    validate_bid_table,
    validate_bids,
)
from circular_ict.checks import CheckContext
from circular_ict.errors import DocumentError
from circular_ict.model.bid import Bid, Evidence, Offer
from circular_ict.schema import validator
from circular_ict.serialize import dumps
from circular_ict.units import Quantity
from circular_ict.validation import load_document
from circular_ict.yamlio import load_yaml

HERE = Path(__file__).resolve().parent / "bids"
OFFERS_CSV = HERE / "offers.csv"

VALID = """\
id: B-007
supplier: Groen IT B.V.
lot: LOT-1
submitted: 2025-03-14
price: 125000.50 EUR
offers:
  - product_group: notebooks
    name: Groen Book 14
    quantity: 100
    unit_price: 1250 EUR
    refurbished: true
    values:
      warranty_period: 3 year
      battery_cycles_to_80: 1000 cycle
      battery_user_replaceable: true
      epeat_tier: Gold
      drop_test_falls: 26
      embodied_emissions: 0.18 t CO2e
    evidence:
      - {type: label, name: EPEAT Gold, valid_until: 2026-06-30, reference: https://example.org/epeat}
values:
  take_back_rate: 95 %
  reuse_first_take_back_service: true
evidence:
  - {type: certificate, name: ISO 14001, valid_until: 2025-12-31}
assessments:
  AC.take-back-plan: 8
  AC.repair-service: good
"""


def yaml_diags(text: str) -> list[tuple[str, int, int, str]]:
    _model, report = load_document(text, file="bid.yaml")
    return [(d.code, d.line, d.column, d.path) for d in report.diagnostics]


def replace(old: str, new: str) -> str:
    assert old in VALID, old
    return VALID.replace(old, new, 1)


# =========================================================================== the model and YAML bid files


def test_valid_bid_loads_with_typed_values() -> None:
    bid = loads_bid(VALID)
    assert yaml_diags(VALID) == []
    assert bid.id == "B-007"
    assert bid.submitted == dt.date(2025, 3, 14)
    assert bid.price.to("EUR") == pytest.approx(125000.5)
    (offer,) = bid.offers
    assert offer.quantity == 100
    assert offer.refurbished is True
    values = offer.values
    assert values["battery_user_replaceable"] is True
    assert values["epeat_tier"] == "Gold"
    assert isinstance(values["warranty_period"], Quantity)
    assert values["warranty_period"].to("month") == pytest.approx(36.0)
    assert values["embodied_emissions"].to("kg CO2e") == pytest.approx(180.0)  # type: ignore[union-attr]
    assert values["drop_test_falls"] == Quantity(26.0, "", "26")
    assert bid.values["take_back_rate"] == Quantity(95.0, "%", "95 %")
    assert offer.evidence == [
        Evidence(
            type="label", name="EPEAT Gold", valid_until=dt.date(2026, 6, 30), reference="https://example.org/epeat"
        )
    ]
    assert bid.assessments == {"AC.take-back-plan": 8, "AC.repair-service": "good"}


def test_defaults_and_immutability() -> None:
    bid = Bid.model_validate(
        {"id": "B1", "supplier": "S", "price": "10 EUR", "offers": [{"product_group": "notebooks", "name": "N"}]}
    )
    (offer,) = bid.offers
    assert (offer.quantity, offer.unit_price, offer.refurbished, offer.values, offer.evidence) == (
        1,
        None,
        False,
        {},
        [],
    )
    assert (bid.lot, bid.submitted, bid.values, bid.evidence, bid.assessments) == (None, None, {}, [], {})
    with pytest.raises(Exception, match="frozen"):
        bid.supplier = "other"  # type: ignore[misc]


def test_units_convert_to_the_same_canonical_value() -> None:
    """'3 year' and '36 month' are the same warranty: the texts stay as written, the conversion agrees."""
    three_years = loads_bid(VALID)
    months = loads_bid(replace("warranty_period: 3 year", "warranty_period: 36 month"))
    a = three_years.offers[0].values["warranty_period"]
    b = months.offers[0].values["warranty_period"]
    assert isinstance(a, Quantity)
    assert isinstance(b, Quantity)
    assert (a.text, b.text) == ("3 year", "36 month")
    assert a.to("month") == pytest.approx(b.to("month")) == pytest.approx(36.0)
    assert a.to("year") == pytest.approx(3.0)


def test_dump_and_load_is_lossless() -> None:
    bid = loads_bid(VALID)
    text = dumps(bid)
    for written in ("3 year", "0.18 t CO2e", "95 %"):
        assert written in text
    assert loads_bid(text) == bid


def test_bid_files_pass_the_json_schema() -> None:
    for path in sorted((HERE / "yaml").glob("*.yaml")):
        assert list(validator("bid").iter_errors(load_yaml(path).data)) == [], path
    assert list(validator("bid").iter_errors(load_yaml(VALID).data)) == []


def test_validate_detects_bid_files(tmp_path: Path) -> None:
    (tmp_path / "bid.yaml").write_text(replace("epeat_tier: Gold", "epeat_tier: Platinum"), encoding="utf-8")
    report = ci.validate(tmp_path)
    assert report.files[0].document_type == "bid"
    assert [(d.code, d.line, d.column) for d in report.diagnostics] == [("invalid-value", 16, 19)]


W = "offers[0].values.warranty_period"
V = "offers[0].values"
TB = "values.take_back_rate"
EV = "offers[0].evidence[0]"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # metric ids and the type of each value
        ("      epeat_tier: Gold", "      epeat_tiers: Gold", [("unknown-metric", 16, 7, f"{V}.epeat_tiers")]),
        ("epeat_tier: Gold", "epeat_tier: gold", [("invalid-value", 16, 19, f"{V}.epeat_tier")]),
        ("epeat_tier: Gold", "epeat_tier: true", [("wrong-type", 16, 19, f"{V}.epeat_tier")]),
        ("replaceable: true", 'replaceable: "yes"', [("wrong-type", 15, 33, f"{V}.battery_user_replaceable")]),
        ("replaceable: true", "replaceable: 1", [("wrong-type", 15, 33, f"{V}.battery_user_replaceable")]),
        ("period: 3 year", "period: true", [("wrong-type", 13, 24, W)]),
        ("period: 3 year", "period: 3 kg", [("wrong-dimension", 13, 24, W)]),
        ("period: 3 year", "period: 36", [("missing-unit", 13, 24, W)]),
        ("period: 3 year", "period: 3 yaer", [("unknown-unit", 13, 24, W)]),
        ("period: 3 year", "period: 3,5 year", [("decimal-comma", 13, 24, W)]),
        ("period: 3 year", "period: .nan", [("not-finite", 13, 24, W)]),
        ("take_back_rate: 95 %", "take_back_rate: 95", [("missing-unit", 22, 19, TB)]),
        ("take_back_rate: 95 %", "take_back_rate: 0.95", [("missing-unit", 22, 19, TB)]),
        # product groups
        ("group: notebooks", "group: notebook", [("unknown-product-group", 7, 20, "offers[0].product_group")]),
        # the price
        ("price: 125000.50 EUR", "price: 0 EUR", [("out-of-range", 5, 8, "price")]),
        ("price: 125000.50 EUR", "price: -10 EUR", [("out-of-range", 5, 8, "price")]),
        ("price: 125000.50 EUR", "price: .nan", [("not-finite", 5, 8, "price")]),
        ("price: 125000.50 EUR", "price: NaN EUR", [("not-finite", 5, 8, "price")]),
        ("price: 125000.50 EUR", "price: 125000", [("missing-unit", 5, 8, "price")]),
        ("price: 125000.50 EUR", "price: 125000 kg", [("wrong-dimension", 5, 8, "price")]),
        ("price: 125000.50 EUR", "price: 125000,50 EUR", [("decimal-comma", 5, 8, "price")]),
        ("unit_price: 1250 EUR", "unit_price: -1 EUR", [("out-of-range", 10, 17, "offers[0].unit_price")]),
        # structure
        ("    quantity: 100", "    quantity: 0", [("out-of-range", 9, 15, "offers[0].quantity")]),
        ("    quantity: 100", "    quantity: 2.5", [("wrong-type", 9, 15, "offers[0].quantity")]),
        (
            "    refurbished: true",
            "    refurbished: yes",
            [("yaml11-boolean", 11, 18, "offers[0].refurbished"), ("wrong-type", 11, 18, "offers[0].refurbished")],
        ),
        ("lot: LOT-1", "lot: 1", [("wrong-type", 3, 6, "lot")]),
        ("submitted: 2025-03-14", "submitted: 2025-02-30", [("invalid-format", 4, 12, "submitted")]),
        ("plan: 8", "plan: true", [("wrong-type", 27, 22, "assessments.AC.take-back-plan")]),
        ("plan: 8", "plan: .inf", [("not-finite", 27, 22, "assessments.AC.take-back-plan")]),
        (
            "    name: Groen Book 14",
            "    nmae: Groen Book 14",
            [("unknown-key", 8, 5, "offers[0].nmae"), ("missing-key", 7, 5, "offers[0]")],
        ),
        # evidence
        ("valid_until: 2026-06-30", "valid_until: 2026-06-31", [("invalid-format", 20, 54, f"{EV}.valid_until")]),
        ("valid_until: 2026-06-30", "valid_until: 30-06-2026", [("invalid-format", 20, 54, f"{EV}.valid_until")]),
        ("{type: label, name: EPEAT", "{type: labels, name: EPEAT", [("invalid-value", 20, 16, f"{EV}.type")]),
        (
            "valid_until: 2025-12-31",
            "valid_until: 2025-01-31",
            [("evidence-expired", 25, 55, "evidence[0].valid_until")],
        ),
        # spreadsheet formulas in texts
        ("supplier: Groen IT B.V.", "supplier: '=HYPERLINK(\"x\")'", [("formula-like-text", 2, 11, "supplier")]),
        ("    name: Groen Book 14", "    name: '@SUM(A1)'", [("formula-like-text", 8, 11, "offers[0].name")]),
    ],
)
def test_yaml_diagnostics(old: str, new: str, expected: list[tuple[str, int, int, str]]) -> None:
    assert sorted(yaml_diags(replace(old, new))) == sorted(expected)


def test_structural_errors_do_not_hide_reference_errors() -> None:
    text = replace("price: 125000.50 EUR", "price: 125000,50 EUR")
    text = text.replace("epeat_tier: Gold", "epeat_tier: Golden").replace(
        "product_group: notebooks", "product_group: x"
    )
    assert yaml_diags(text) == [
        ("decimal-comma", 5, 8, "price"),
        ("unknown-product-group", 7, 20, "offers[0].product_group"),
        ("invalid-value", 16, 19, "offers[0].values.epeat_tier"),
    ]


def test_messages_say_what_to_write() -> None:
    _m, report = load_document(replace("take_back_rate: 95 %", "take_back_rate: 95"), file="bid.yaml")
    (d,) = report.diagnostics
    assert d.message == "95 has no unit; 'take_back_rate' is measured in percent"
    assert d.hint == "write e.g. '95 %'"
    _m, report = load_document(replace("epeat_tier: Gold", "epeat_tier: gold"), file="bid.yaml")
    (d,) = report.diagnostics
    assert d.hint == "did you mean 'Gold'? levels from lowest to highest: Bronze, Silver, Gold"
    _m, report = load_document(replace("price: 125000.50 EUR", "price: 0 EUR"), file="bid.yaml")
    (d,) = report.diagnostics
    assert d.message == "the price must be more than 0 EUR, got '0 EUR'"
    assert "divide by the price" in d.hint


def test_load_bid_raises_with_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "bid.yaml"
    path.write_text(replace("price: 125000.50 EUR", "price: 0 EUR").replace("epeat_tier: Gold", "epeat_tier: x"))
    with pytest.raises(DocumentError) as info:
        load_bid(path)
    assert [(d.code, d.file, d.line) for d in info.value.diagnostics] == [
        ("out-of-range", str(path), 5),
        ("invalid-value", str(path), 16),
    ]


def test_a_criteria_file_is_not_a_bid(tmp_path: Path) -> None:
    path = tmp_path / "set.yaml"
    path.write_text("criteria: []\nid: x\n", encoding="utf-8")
    with pytest.raises(DocumentError) as info:
        load_bid(path)
    (d,) = info.value.diagnostics
    assert d.code == "unknown-document"
    assert "expected a bid" in d.message


def test_custom_context_for_metrics_of_a_tender() -> None:
    """A tender may define metrics of its own: the checks take the metrics and product groups to use."""
    bundled = CheckContext.bundled()
    ctx = CheckContext(dict(bundled.metrics), {"notebooks"})
    text = replace("product_group: notebooks", "product_group: tablets")
    with pytest.raises(DocumentError, match="unknown product group 'tablets'"):
        loads_bid(text, context=ctx)
    bid = loads_bid(VALID, context=ctx)
    doc = load_yaml(VALID)
    assert check_bid(bid, doc, ctx) == []
    assert [d.code for d in check_bid(bid, doc, CheckContext({}, {"notebooks"}))] == ["unknown-metric"] * 8


# =========================================================================== folders of bids


def test_load_bids_of_a_folder() -> None:
    bids = load_bids(HERE / "yaml")
    assert [b.id for b in bids] == ["B-001", "B-002"]


def test_duplicate_bid_ids_across_files_are_located(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(replace("supplier: Groen IT B.V.", "supplier: Other"), encoding="utf-8")
    bids, report = validate_bids(tmp_path)
    assert bids == []
    (d,) = report.diagnostics
    assert (d.code, Path(d.file).name, d.line, d.column, d.path) == ("duplicate-id", "b.yaml", 1, 5, "id")
    assert d.message == f"the bid id 'B-007' is already used by 'Groen IT B.V.' ({tmp_path / 'a.yaml'}:1:5)"


def test_duplicate_bid_ids_between_tables_and_files() -> None:
    """The YAML files and the table hold the same two bids: every id is used twice."""
    with pytest.raises(DocumentError) as info:
        load_bids(HERE)
    found = sorted((Path(d.file).name, d.line, d.column, d.code) for d in info.value.diagnostics)
    assert found == [("contoso.yaml", 3, 5, "duplicate-id"), ("fabrikam.yaml", 3, 5, "duplicate-id")]


def test_load_bids_reports_all_files(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(replace("price: 125000.50 EUR", "price: 0 EUR"), encoding="utf-8")
    (tmp_path / "b.csv").write_text("bid_id,supplier\n", encoding="utf-8")
    with pytest.raises(DocumentError) as info:
        load_bids(tmp_path)
    assert {(Path(d.file).name, d.code) for d in info.value.diagnostics} == {
        ("a.yaml", "out-of-range"),
        ("b.csv", "missing-key"),
        ("b.csv", "empty-table"),
    }


# =========================================================================== tables: round trips


def _frame(path: Path) -> Any:
    pd = pytest.importorskip("pandas")
    return pd.read_csv(path)


def _excel(path: Path, rows: list[list[Any]]) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def _typed_rows(frame: Any) -> list[list[Any]]:
    """The DataFrame's header and rows with native cell types (as Excel holds them)."""
    clean = frame.astype(object).where(frame.notna(), None)
    return [list(frame.columns), *[list(r) for r in clean.itertuples(index=False, name=None)]]


def test_table_gives_the_same_bids_as_the_yaml_files() -> None:
    assert read_bid_table(OFFERS_CSV) == load_bids(HERE / "yaml")


def test_csv_dataframe_and_excel_give_the_same_bids(tmp_path: Path) -> None:
    from_csv = read_bid_table(OFFERS_CSV)
    frame = _frame(OFFERS_CSV)
    from_frame = read_bid_table(frame)
    from_excel = read_bid_table(_excel(tmp_path / "offers.xlsx", _typed_rows(frame)))
    assert from_csv == from_frame == from_excel
    assert len(from_csv) == 2


def test_excel_with_text_cells_as_written(tmp_path: Path) -> None:
    """An Excel sheet whose every cell is text (as pasted from a CSV) reads like the CSV."""
    import csv

    with OFFERS_CSV.open(encoding="utf-8", newline="") as handle:
        rows: list[list[Any]] = [list(r) for r in csv.reader(handle)]
    path = _excel(tmp_path / "text.xlsx", [[c if c != "" else None for c in r] for r in rows])
    assert read_bid_table(path) == read_bid_table(OFFERS_CSV)


def test_excel_sheet_title_rows_and_row_numbers(tmp_path: Path) -> None:
    """Rows above the header (a title) are skipped; rows and columns are numbered as in the sheet."""
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    workbook.active.title = "Notes"
    sheet = workbook.create_sheet("Bids")
    sheet.cell(row=2, column=1, value="Bids received for lot 1")
    for r, cells in enumerate(_typed_rows(_frame(OFFERS_CSV)), start=4):
        for c, value in enumerate(cells, start=1):
            sheet.cell(row=r, column=c, value=value)
    sheet.cell(row=5, column=16, value="Golden")
    path = tmp_path / "book.xlsx"
    workbook.save(path)
    _bids, report = validate_bid_table(path, sheet="Bids")
    assert [(d.code, d.line, d.column) for d in report.diagnostics] == [("invalid-value", 5, 16)]
    _bids, report = validate_bid_table(path, sheet="Bid")
    (d,) = report.diagnostics
    assert (d.code, d.hint) == ("invalid-value", "did you mean 'Bids'?")
    _bids, report = validate_bid_table(path)  # the first sheet holds no table
    assert [d.code for d in report.diagnostics] == ["empty-table"]


def test_units_in_headers_convert(tmp_path: Path) -> None:
    """warranty_period [year] 3 and warranty_period [month] 36 are the same canonical value."""
    head = "bid_id,supplier,price [kEUR],product_group,name,warranty_period [{unit}],embodied_emissions [t CO2e]\n"
    years = tmp_path / "years.csv"
    years.write_text(head.format(unit="year") + "B1,S,251,notebooks,N,3,0.24\n", encoding="utf-8")
    months = tmp_path / "months.csv"
    months.write_text(head.format(unit="month") + "B1,S,251,notebooks,N,36,0.24\n", encoding="utf-8")
    (a,), (b,) = read_bid_table(years), read_bid_table(months)
    wa, wb = a.offers[0].values["warranty_period"], b.offers[0].values["warranty_period"]
    assert isinstance(wa, Quantity)
    assert isinstance(wb, Quantity)
    assert (wa.text, wb.text) == ("3 year", "36 month")
    assert wa.to("month") == pytest.approx(wb.to("month")) == pytest.approx(36.0)
    assert a.price.text == "251 kEUR"
    assert a.price.to("EUR") == pytest.approx(251000.0)
    emissions = a.offers[0].values["embodied_emissions"]
    assert isinstance(emissions, Quantity)
    assert emissions.to("kg CO2e") == pytest.approx(240.0)


def test_missing_metric_values_stay_missing() -> None:
    """An empty metric cell is 'not demonstrated': the metric is absent, never zero."""
    b1, b2 = read_bid_table(OFFERS_CSV)
    monitor = b1.offers[1]
    assert set(monitor.values) == {"warranty_period"}
    assert "battery_cycles_to_80" not in b2.offers[0].values
    assert "drop_test_falls" not in b2.offers[0].values


def test_booleans_levels_and_labels(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        "bid_id,supplier,price [EUR],product_group,name,refurbished,battery_user_replaceable,epeat_tier,labels\n"
        "B1,S,10,notebooks,A,TRUE,1,Bronze,EPEAT Bronze;;TCO Certified Generation 9 \n"
        "B1,S,10,notebooks,B,False,0,Silver,\n",
        encoding="utf-8",
    )
    (bid,) = read_bid_table(path)
    a, b = bid.offers
    assert (a.refurbished, a.values["battery_user_replaceable"], a.values["epeat_tier"]) == (True, True, "Bronze")
    assert (b.refurbished, b.values["battery_user_replaceable"], b.values["epeat_tier"]) == (False, False, "Silver")
    assert a.evidence == [
        Evidence(type="label", name="EPEAT Bronze"),
        Evidence(type="label", name="TCO Certified Generation 9"),
    ]
    assert b.evidence == []


def test_semicolon_separated_csv(tmp_path: Path) -> None:
    path = tmp_path / "nl.csv"
    path.write_text(
        "bid_id;supplier;price [EUR];product_group;name;warranty_period [month]\nB1;S;1000,50;notebooks;N;36\n",
        encoding="utf-8",
    )
    _bids, report = validate_bid_table(path)
    (d,) = report.diagnostics
    assert (d.code, d.line, d.column) == ("decimal-comma", 2, 3)
    assert d.message == "column 'price [EUR]': the number uses a decimal comma: '1000,50'"
    assert d.hint == "write 1000.50"


def test_ignored_columns(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("bid_id,supplier,price [EUR],product_group,name,contact\nB1,S,10,notebooks,N,a@b.c\n")
    assert validate_bid_table(path)[1].diagnostics[0].code == "unknown-key"
    (bid,) = read_bid_table(path, ignore_columns=["contact"])
    assert bid.offers[0] == Offer(product_group="notebooks", name="N")


def test_file_name_for_a_dataframe() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"bid_id": ["B1"], "supplier": ["S"], "price [EUR]": [0], "product_group": ["notebooks"]})
    frame["name"] = ["N"]
    _bids, report = validate_bid_table(frame, file="offers (sheet 1)")
    (d,) = report.diagnostics
    assert (d.file, d.code, d.line, d.column) == ("offers (sheet 1)", "out-of-range", 2, 3)


def test_not_a_table() -> None:
    with pytest.raises(TypeError, match="expected a path or a pandas DataFrame"):
        read_bid_table(42)


def test_excel_needs_openpyxl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(ImportError, match=r"circular-ict\[excel\]"):
        read_bid_table(tmp_path / "bids.xlsx")


# =========================================================================== tables: diagnostics

HEAD = "bid_id,supplier,price [EUR],product_group,name,warranty_period [month],battery_user_replaceable,epeat_tier\n"
ROW = "B1,Acme,1000,notebooks,Book,36,true,Gold\n"


def table(tmp_path: Path, text: str | bytes, name: str = "bids.csv") -> list[tuple[str, int, int]]:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    _bids, report = validate_bid_table(path)
    return [(d.code, d.line, d.column) for d in report.diagnostics]


def row(**cells: str) -> str:
    """ROW with some cells replaced, by column name (the part of the header before the unit)."""
    names = [h.split(" [")[0] for h in HEAD.strip().split(",")]
    values = ROW.strip().split(",")
    for key, value in cells.items():
        values[names.index(key)] = value
    return ",".join(values) + "\n"


def test_valid_table_has_no_diagnostics(tmp_path: Path) -> None:
    assert table(tmp_path, HEAD + ROW) == []
    _bids, report = validate_bid_table(OFFERS_CSV)
    assert report.diagnostics == ()


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("colour", ("unknown-key", 1, 9)),
        ("warrenty_period [month]", ("unknown-metric", 1, 9)),
        ("warrenty_period", ("unknown-metric", 1, 9)),
        ("take_back_rate", ("missing-unit", 1, 9)),
        ("embodied_emissions [kg]", ("wrong-dimension", 1, 9)),
        ("embodied_emissions []", ("missing-unit", 1, 9)),
        ("take_back_rate [procent]", ("unknown-unit", 1, 9)),
        ("svhc_free [month]", ("invalid-format", 1, 9)),
        ("quantity [kg]", ("invalid-format", 1, 9)),
        ("unit_price", ("missing-unit", 1, 9)),
        ("unit_price [kg]", ("wrong-dimension", 1, 9)),
        ("epeat_tier", ("duplicate-key", 1, 9)),
        ("a [b] c", ("invalid-format", 1, 9)),
    ],
)
def test_header_diagnostics(tmp_path: Path, header: str, expected: tuple[str, int, int]) -> None:
    assert table(tmp_path, HEAD.strip() + f",{header}\n" + ROW.strip() + ",1\n") == [expected]


def test_header_messages(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(HEAD.replace("price [EUR]", "price [USD]").replace("[month]", "[kg]") + ROW, encoding="utf-8")
    _bids, report = validate_bid_table(path)
    price, warranty = report.diagnostics
    assert (price.code, price.line, price.column) == ("unknown-unit", 1, 3)
    assert price.message == "column 'price [USD]': unknown unit 'USD'"
    assert (warranty.code, warranty.column) == ("wrong-dimension", 6)
    assert warranty.message == ("column 'warranty_period [kg]': 'kg' is a plain mass, but 'warranty_period' is a time")
    assert warranty.hint == "write a unit like 'month'"


def test_missing_required_columns(tmp_path: Path) -> None:
    assert table(tmp_path, "bid_id,supplier,product_group,name\nB1,S,notebooks,N\n") == [("missing-key", 1, 5)]
    _bids, report = validate_bid_table(tmp_path / "bids.csv")
    (d,) = report.diagnostics
    assert d.message == "the table has no column 'price [EUR]'"


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        # numbers
        ({"price": "abc"}, [("wrong-type", 2, 3)]),
        ({"price": '"1,000"'}, [("decimal-comma", 2, 3)]),
        ({"price": "1 000"}, [("wrong-type", 2, 3)]),
        ({"price": "€1000"}, [("wrong-type", 2, 3)]),
        ({"warranty_period": '"36,5"'}, [("decimal-comma", 2, 6)]),
        ({"warranty_period": "3 year"}, [("wrong-type", 2, 6)]),
        ({"warranty_period": "NaN"}, [("not-finite", 2, 6)]),
        ({"warranty_period": "-inf"}, [("not-finite", 2, 6)]),
        ({"warranty_period": "1e999"}, [("not-finite", 2, 6)]),
        ({"warranty_period": "#DIV/0!"}, [("wrong-type", 2, 6)]),
        ({"price": "0"}, [("out-of-range", 2, 3)]),
        ({"price": "-5"}, [("out-of-range", 2, 3)]),
        # booleans and levels
        ({"battery_user_replaceable": "yes"}, [("wrong-type", 2, 7)]),
        ({"battery_user_replaceable": "2"}, [("wrong-type", 2, 7)]),
        ({"epeat_tier": "gold"}, [("invalid-value", 2, 8)]),
        # required cells; metric cells may be empty
        ({"bid_id": ""}, [("empty-cell", 2, 1)]),
        ({"supplier": " "}, [("empty-cell", 2, 2)]),
        ({"price": ""}, [("empty-cell", 2, 3)]),
        ({"name": ""}, [("empty-cell", 2, 5)]),
        ({"warranty_period": "", "battery_user_replaceable": "", "epeat_tier": ""}, []),
        # ids and product groups
        ({"bid_id": "B 1"}, [("invalid-format", 2, 1)]),
        ({"product_group": "notebook"}, [("unknown-product-group", 2, 4)]),
        # spreadsheet formulas: kept as text, with a warning
        ({"supplier": "=cmd|' /C calc'!A0"}, [("formula-like-text", 2, 2)]),
        ({"name": "+Book"}, [("formula-like-text", 2, 5)]),
        ({"name": "-Book"}, [("formula-like-text", 2, 5)]),
        ({"name": "@Book"}, [("formula-like-text", 2, 5)]),
    ],
)
def test_cell_diagnostics(tmp_path: Path, cells: dict[str, str], expected: list[tuple[str, int, int]]) -> None:
    assert table(tmp_path, HEAD + ROW + row(**cells).replace("B1,", "B2,", 1)) == [
        (code, line + 1, col) for code, line, col in expected
    ]


def test_cell_messages_name_the_column(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(HEAD + row(warranty_period="3 year", battery_user_replaceable="yes"), encoding="utf-8")
    _bids, report = validate_bid_table(path)
    warranty, boolean = report.diagnostics
    assert warranty.message == "column 'warranty_period [month]': expected a number, got '3 year'"
    assert (
        warranty.hint == "write the number only: the column's unit is in its header [month]; convert '3 year' to month"
    )
    assert boolean.message == "column 'battery_user_replaceable': expected true or false, got 'yes'"


def test_formula_like_text_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(HEAD + row(supplier='"=HYPERLINK(""http://x"",""y"")"'), encoding="utf-8")
    (bid,) = read_bid_table(path)  # a warning only
    assert bid.supplier == '=HYPERLINK("http://x","y")'


def test_rows_of_one_bid_must_agree(tmp_path: Path) -> None:
    rows = [ROW, row(supplier="Other", name="Second"), row(price="1200", name="Third")]
    assert table(tmp_path, HEAD + "".join(rows)) == [("duplicate-id", 3, 1), ("inconsistent-bid", 4, 3)]
    path = tmp_path / "bids.csv"
    _bids, report = validate_bid_table(path)
    dup, price = report.diagnostics
    assert dup.message == (
        "column 'bid_id': the bid id 'B1' is already used by 'Acme' (row 2); this row's supplier is 'Other'"
    )
    assert (
        price.message == "column 'price [EUR]': '1200 EUR' differs from '1000 EUR' on row 2, a row of the same bid 'B1'"
    )


def test_bid_columns_and_dates(tmp_path: Path) -> None:
    text = (
        "bid_id,supplier,price [EUR],product_group,name,submitted,lot,unit_price [EUR]\n"
        "B1,S,10,notebooks,N,14-03-2025,1,-3\n"
        "B1,S,10,notebooks,M,2025-03-14,2,abc\n"
        "B2,T,20,notebooks,O,2025-03-13,2,4.5\n"
    )
    assert table(tmp_path, text) == [
        ("invalid-format", 2, 6),
        ("out-of-range", 2, 8),
        ("inconsistent-bid", 3, 6),
        ("inconsistent-bid", 3, 7),
        ("wrong-type", 3, 8),
    ]
    (tmp_path / "ok.csv").write_text(text.split("\n", 1)[0] + "\nB2,T,20,notebooks,O,2025-03-13,2,4.5\n")
    (bid,) = read_bid_table(tmp_path / "ok.csv")
    assert (bid.submitted, bid.lot, bid.offers[0].unit_price) == (
        dt.date(2025, 3, 13),
        "2",
        Quantity(4.5, "EUR", "4.5 EUR"),
    )


def test_rows_of_one_bid_form_one_bid(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(HEAD + ROW + row(bid_id="B2", supplier="Bolt") + row(name="Second"), encoding="utf-8")
    b1, b2 = read_bid_table(path)
    assert (b1.id, [o.name for o in b1.offers]) == ("B1", ["Book", "Second"])
    assert (b2.id, b2.supplier) == ("B2", "Bolt")


def test_rows_span_lines_and_blank_lines_are_skipped(tmp_path: Path) -> None:
    text = HEAD + row(name='"Book\n14"') + "\n" + row(bid_id="B2", epeat_tier="Platinum")
    assert table(tmp_path, text) == [("invalid-value", 5, 8)]


def test_extra_cells_and_headerless_columns(tmp_path: Path) -> None:
    assert table(tmp_path, HEAD + ROW.strip() + ",surplus\n") == [("unknown-key", 2, 9)]
    assert table(tmp_path, HEAD.strip() + ",\n" + ROW.strip() + ",x\n") == [("unknown-key", 1, 9)]
    assert table(tmp_path, HEAD.strip() + ",\n" + ROW.strip() + ",\n") == []


def test_csv_syntax_error(tmp_path: Path) -> None:
    assert table(tmp_path, HEAD + ROW + 'B2,"Acme,1000\n') == [("invalid-format", 3, 1)]


def test_empty_tables(tmp_path: Path) -> None:
    assert table(tmp_path, "") == [("empty-table", 1, 1)]
    assert table(tmp_path, "\n\n") == [("empty-table", 1, 1)]
    assert table(tmp_path, HEAD) == [("empty-table", 1, 1)]
    assert table(tmp_path, HEAD + ",,,,,,,\n") == [("empty-table", 1, 1)]


def test_encodings(tmp_path: Path) -> None:
    text = HEAD + row(supplier="Grün IT")
    assert table(tmp_path, text.encode("utf-8")) == []
    assert table(tmp_path, b"\xef\xbb\xbf" + text.encode("utf-8")) == []  # a byte-order mark is accepted
    assert table(tmp_path, text.encode("latin-1")) == [("not-utf8", 2, 2)]
    assert table(tmp_path, text.encode("utf-16")) == [("not-utf8", 1, 1)]
    path = tmp_path / "bids.csv"
    _bids, report = validate_bid_table(path)
    (d,) = report.diagnostics
    assert d.message == "the file is UTF-16 encoded"
    assert "CSV UTF-8" in d.hint


def test_latin1_message_names_the_column(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes((HEAD + row(name="Café Book")).encode("cp1252"))
    _bids, report = validate_bid_table(path)
    (d,) = report.diagnostics
    assert (d.code, d.line, d.column) == ("not-utf8", 2, 5)
    assert d.message.startswith("column 'name': byte 0xe9 is not valid UTF-8")


def test_unreadable_files(tmp_path: Path) -> None:
    _bids, report = validate_bid_table(tmp_path / "missing.csv")
    assert [d.code for d in report.diagnostics] == ["file-unreadable"]
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip file")
    pytest.importorskip("openpyxl")
    _bids, report = validate_bid_table(broken)
    assert [d.code for d in report.diagnostics] == ["file-unreadable"]
    big = tmp_path / "big.csv"
    big.write_text(HEAD + ROW * 10, encoding="utf-8")
    _bids, report = validate_bid_table(big, limits=ci.Limits(max_bytes=100))
    assert [d.code for d in report.diagnostics] == ["file-too-large"]


def test_read_bid_table_raises_with_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(HEAD + row(price="abc", epeat_tier="Tin") + row(bid_id="B2", name=""), encoding="utf-8")
    with pytest.raises(DocumentError) as info:
        read_bid_table(path)
    assert [(d.code, d.line, d.column) for d in info.value.diagnostics] == [
        ("wrong-type", 2, 3),
        ("invalid-value", 2, 8),
        ("empty-cell", 3, 5),
    ]


# --------------------------------------------------------------------------- typed sources: DataFrame and Excel


def test_mixed_types_in_a_dataframe() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {
            "bid_id": ["B1", "B1", "B1"],
            "supplier": ["S", "S", "S"],
            "price [EUR]": [100, 100, 100],
            "product_group": ["notebooks"] * 3,
            "name": [5420, "X", "Y"],  # texts may be numbers (a model number)
            "warranty_period [month]": [36, "36", None],
            "refurbished": [True, 1, None],
            "submitted": [dt.date(2025, 1, 2), dt.datetime(2025, 1, 2), "2025-01-02"],
        }
    )
    _bids, report = validate_bid_table(frame)
    assert [(d.code, d.line, d.column) for d in report.diagnostics] == [
        ("mixed-types", 3, 6),
        ("mixed-types", 3, 7),
        ("mixed-types", 4, 8),
    ]
    assert report.diagnostics[0].message == (
        "column 'warranty_period [month]': the column holds numbers, but this cell holds the text '36'"
    )
    assert report.diagnostics[0].file == "<DataFrame>"


def test_nan_in_a_dataframe_is_an_empty_cell_but_infinity_is_not() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {
            "bid_id": ["B1", "B2"],
            "supplier": ["S", "T"],
            "price [EUR]": [100.0, 200.0],
            "product_group": ["notebooks"] * 2,
            "name": ["A", "B"],
            "warranty_period [month]": [float("nan"), float("inf")],
        }
    )
    _bids, report = validate_bid_table(frame)
    assert [(d.code, d.line, d.column) for d in report.diagnostics] == [("not-finite", 3, 6)]
    frame["warranty_period [month]"] = [float("nan"), 24.0]
    b1, b2 = read_bid_table(frame)
    assert b1.offers[0].values == {}
    assert b2.offers[0].values["warranty_period"] == Quantity(24.0, "month", "24 month")


def test_mixed_types_in_excel(tmp_path: Path) -> None:
    path = _excel(
        tmp_path / "mixed.xlsx",
        [
            ["bid_id", "supplier", "price [EUR]", "product_group", "name", "warranty_period [month]"],
            ["B1", "S", 100, "notebooks", "A", 36],
            ["B2", "T", "200", "notebooks", "B", 24],  # a number stored as text
            ["B3", "U", 300, "notebooks", "C", "24,5"],
            ["B4", "V", 400, "notebooks", "@D", True],
        ],
    )
    _bids, report = validate_bid_table(path)
    assert [(d.code, d.line, d.column) for d in report.diagnostics] == [
        ("mixed-types", 3, 3),
        ("decimal-comma", 4, 6),
        ("formula-like-text", 5, 5),
        ("wrong-type", 5, 6),
    ]


# =========================================================================== the documentation is real

DOCS_PAGE = Path(__file__).resolve().parent.parent / "docs" / "bids.md"


def _fences(text: str) -> list[tuple[str, str]]:
    """The fenced blocks of a Markdown text as (language, body)."""
    import re

    return [(m.group(1), m.group(2)) for m in re.finditer(r"^```(\w*)\n(.*?)^```$", text, flags=re.M | re.S)]


def test_docs_table_example_is_real(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The page's broken CSV example gives exactly the diagnostics the page shows under it."""
    blocks = _fences(DOCS_PAGE.read_text(encoding="utf-8"))
    shown = [
        (blocks[i - 1][1], body)
        for i, (lang, body) in enumerate(blocks)
        if lang == "python" and "validate_bid_table(" in body and blocks[i - 1][0] == "csv"
    ]
    assert len(shown) == 1
    csv_text, python = shown[0]
    (tmp_path / "bids.csv").write_text(csv_text, encoding="utf-8")
    expected = [line[2:] for line in python.splitlines() if line.startswith("# bids.csv:")]
    monkeypatch.chdir(tmp_path)
    _bids, report = validate_bid_table("bids.csv")
    assert [str(d) for d in report.diagnostics] == expected


def test_docs_valid_table_example_reads(tmp_path: Path) -> None:
    blocks = [body for lang, body in _fences(DOCS_PAGE.read_text(encoding="utf-8")) if lang == "csv"]
    (tmp_path / "bids.csv").write_text(blocks[0], encoding="utf-8")
    b1, b2 = read_bid_table(tmp_path / "bids.csv")
    assert [len(b1.offers), len(b2.offers)] == [2, 1]


def test_docs_list_every_table_column() -> None:
    from circular_ict.bids import TABLE_COLUMNS

    text = DOCS_PAGE.read_text(encoding="utf-8")
    for name, spec in TABLE_COLUMNS.items():
        shown = f"`{name} [EUR]`" if spec.kind == "money" else f"`{name}`"
        assert f"| {shown} | {'yes' if spec.required else 'no'} |" in text, name
