"""Safe output: every writer neutralises supplier strings and writes atomically (no half-written file)."""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from circular_ict import catalogue, safeio
from circular_ict.cli import main
from circular_ict.model.bid import Bid
from circular_ict.scoring.api import resolve_tender
from circular_ict.scoring.engine import evaluate
from circular_ict.serialize import dump, dumps
from circular_ict.validation import load_document

from .scoring.test_engine import CO2_AWARD, POINTS, WARRANTY_AWARD, bid, tender

EVIL = '=HYPERLINK("http://x","y")<script>'
PIPE = "A | B ** [c](javascript:x)\nnew line"


def evaluation(supplier: str = EVIL):  # type: ignore[no-untyped-def]
    t = tender(POINTS, [WARRANTY_AWARD, CO2_AWARD])
    bids: list[Bid] = [
        bid("A", "1000 EUR", supplier=supplier, warranty_period="5 year", embodied_emissions="200 kg CO2e"),
        bid("B", "800 EUR", warranty_period="48 month", embodied_emissions="250 kg CO2e"),
    ]
    return evaluate(t, bids, resolve_tender(t), catalogue.metrics())


# --------------------------------------------------------------------------- neutralised strings


def test_html_escapes_the_supplier() -> None:
    out = evaluation().to_html()
    assert "<script>" not in out
    assert "=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)&lt;script&gt;" in out


def test_markdown_escapes_the_supplier() -> None:
    md = evaluation().to_markdown()
    assert "<script>" not in md
    assert '## A (=HYPERLINK("http://x","y")&lt;script&gt;)' in md


def test_markdown_table_keeps_its_columns_with_pipes_and_newlines() -> None:
    md = evaluation(PIPE).to_markdown()
    table = [line for line in md.splitlines() if line.startswith("|")]
    header, _rule, *rows = table
    columns = header.count("|") - header.count("\\|")
    assert len(rows) == 2  # the newline in the name did not split a row
    assert all(row.count("|") - row.count("\\|") == columns for row in rows)
    assert "A \\| B \\*\\* \\[c\\](javascript:x) new line" in md


def test_json_keeps_the_supplier_as_data() -> None:
    data = json.loads(evaluation().to_json())
    assert data["ranking"][0]["supplier"] == EVIL or data["ranking"][1]["supplier"] == EVIL


def test_csv_neutralises_formulas() -> None:
    text = evaluation().to_csv()
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    by_bid = {r[header.index("bid")]: r for r in rows[1:]}
    assert by_bid["A"][header.index("supplier")] == "'" + EVIL
    assert by_bid["B"][header.index("supplier")] == "Supplier B"
    assert by_bid["A"][header.index("price [EUR]")] == "1000.0"  # numbers stay numbers


def test_csv_text_cells() -> None:
    text = safeio.csv_text(["name", "n"], [["+1 call", -5], ["@SUM(A1)", None], ["-x", 2.5], ["ok", True]])
    assert text == "name,n\r\n'+1 call,-5\r\n'@SUM(A1),\r\n'-x,2.5\r\nok,True\r\n"


def test_excel_text_cells_stay_text(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "ev.xlsx"
    evaluation().to_excel(path)
    wb = openpyxl.load_workbook(path)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value == EVIL]
    assert len(cells) == 3  # the ranking, and the details of its two criteria
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    with zipfile.ZipFile(path) as z:
        assert not any("<f>" in z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/"))


def test_yaml_dump_round_trips_the_supplier(tmp_path: Path) -> None:
    b = bid("A", "1000 EUR", supplier=EVIL, warranty_period="5 year")
    path = tmp_path / "bid.yaml"
    dump(b, path)
    assert path.read_text(encoding="utf-8") == dumps(b)
    model, _report = load_document(path, expect="bid")
    assert isinstance(model, Bid)
    assert model.supplier == EVIL


def test_tender_text_escapes_file_strings(tmp_path: Path) -> None:
    from circular_ict.exports.tender_text import render_tender

    t = tender(POINTS, [WARRANTY_AWARD, CO2_AWARD]).model_copy(update={"title": {"en": EVIL, "nl": EVIL}})
    assert "<script>" not in render_tender(t, "html")
    assert "<script>" not in render_tender(t, "md")
    pytest.importorskip("docx")
    from circular_ict.exports.docx import tender_docx

    with zipfile.ZipFile(io.BytesIO(tender_docx(t))) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert "<script>" not in xml
    assert "&lt;script&gt;" in xml
    assert "fldSimple" not in xml
    assert "instrText" not in xml


# --------------------------------------------------------------------------- atomic writes


def _writers(tmp_path: Path) -> dict[str, Callable[[Path], None]]:
    ev = evaluation()
    t = tender(POINTS, [WARRANTY_AWARD, CO2_AWARD])
    from circular_ict.exports.tender_text import write_tender

    writers: dict[str, Callable[[Path], None]] = {
        "json": lambda p: ev.to_json(p),
        "csv": lambda p: ev.to_csv(p),
        "yaml": lambda p: dump(t, p),
        "tender-md": lambda p: write_tender(t, p, "md"),
        "tender-html": lambda p: write_tender(t, p, "html"),
    }
    try:
        import openpyxl  # noqa: F401

        writers["xlsx"] = lambda p: ev.to_excel(p)
    except ImportError:  # pragma: no cover - depends on the environment
        pass
    try:
        import docx  # noqa: F401

        from circular_ict.exports.docx import write_tender_docx

        writers["docx"] = lambda p: write_tender_docx(t, p)
    except ImportError:  # pragma: no cover - depends on the environment
        pass
    return writers


@pytest.mark.parametrize("failure", ["replace", "write"])
def test_a_crash_during_a_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    writers = _writers(tmp_path)
    assert {"json", "csv", "yaml", "tender-md", "tender-html"} <= set(writers)

    def crash(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    for name, write in writers.items():
        target = tmp_path / f"out-{name}"
        target.write_bytes(b"the previous report")
        with monkeypatch.context() as m:
            m.setattr(os, "replace" if failure == "replace" else "fsync", crash)
            with pytest.raises(OSError, match="No space left"):
                write(target)
        assert target.read_bytes() == b"the previous report", name
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            f"out-{n}" for n in list(writers)[: list(writers).index(name) + 1]
        ), name  # no temporary file is left behind
        write(target)  # and without the crash the file is replaced
        assert target.read_bytes() != b"the previous report"


def test_cli_reports_a_failed_write_without_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    example = Path(__file__).resolve().parent.parent / "examples" / "laptop-tender"
    out = tmp_path / "ev.json"
    out.write_text("old", encoding="utf-8")

    def crash(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    code = main(["score", str(example / "tender.yaml"), str(example / "bids"), "--format", "json", "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 3
    assert "circular-ict score: error: [Errno 28] No space left on device" in err
    assert "Traceback" not in err
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["ev.json"]
