"""circular_ict.scoring.evaluation: outputs are faithful and safe (escaping, no formulas, atomic files)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from circular_ict import catalogue
from circular_ict.model.bid import Bid
from circular_ict.scoring.api import resolve_tender
from circular_ict.scoring.engine import evaluate

from .test_engine import CO2_AWARD, POINTS, WARRANTY_AWARD, bid, tender

EVIL = '=HYPERLINK("http://evil.example","click") <script>alert(1)</script>'


def evaluation():  # type: ignore[no-untyped-def]
    t = tender(POINTS, [WARRANTY_AWARD, CO2_AWARD])
    bids: list[Bid] = [
        bid("A", "1000 EUR", supplier=EVIL, warranty_period="5 year", embodied_emissions="200 kg CO2e"),
        bid("B", "800 EUR", warranty_period="48 month", embodied_emissions="250 kg CO2e"),
    ]
    return evaluate(t, bids, resolve_tender(t), catalogue.metrics())


def test_html_escapes_supplier_strings() -> None:
    html = evaluation()._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_markdown_escapes_supplier_strings() -> None:
    md = evaluation().to_markdown()
    assert "<script>" not in md


def test_excel_keeps_formula_like_text_as_text(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "ev.xlsx"
    evaluation().to_excel(path)
    wb = openpyxl.load_workbook(path)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value == EVIL]
    assert cells
    assert all(c.data_type == "s" for c in cells)
    assert not list(tmp_path.glob(".*.tmp"))  # the atomic writer leaves no temporary file


def test_json_round_trip_and_version(tmp_path: Path) -> None:
    ev = evaluation()
    path = tmp_path / "ev.json"
    text = ev.to_json(path)
    assert path.read_text(encoding="utf-8") == text
    data = json.loads(text)
    assert data["ranking"][0]["bid_id"] == ev.winner
    assert data["circular_ict_version"]
    assert {b["bid_id"] for b in data["bids"]} == {"A", "B"}


def test_identical_inputs_give_identical_output() -> None:
    assert evaluation().to_json() == evaluation().to_json()


def test_to_frame() -> None:
    pytest.importorskip("pandas")
    frame = evaluation().to_frame()
    assert list(frame["bid"]) == ["A", "B"]
    assert frame["total [points]"].iloc[0] == pytest.approx(92.0)


def test_plot_returns_axes_without_pyplot_state() -> None:
    pytest.importorskip("matplotlib")
    import sys

    ax = evaluation().plot()
    assert ax.get_xlabel() == "points"
    assert len(ax.patches) == 2 * 3  # two bids x (two criteria + price)
    assert "matplotlib.pyplot" not in sys.modules or not sys.modules["matplotlib.pyplot"].get_fignums()


def test_explanations_in_both_languages() -> None:
    ev = evaluation()
    en = ev.explain("B", "en")
    nl = ev.explain("B", "nl")
    assert en.startswith("Bid B (Supplier B) ranks 2nd of 2 with 79.00 points")
    assert nl.startswith("Inschrijving B (Supplier B) staat 2e van 2 met 79,00 punten")
    assert "-15,00" in nl  # Dutch decimal comma
    assert "behind the winning bid A" in en
    with pytest.raises(ValueError, match="explanations exist in"):
        ev.explain("B", "de")
