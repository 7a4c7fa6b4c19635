"""Excel output of an evaluation (openpyxl, the ``excel`` extra).

Every text cell is written as text (``data_type = "s"``), so a supplier name
such as ``=HYPERLINK(...)`` stays a string and never becomes a live formula;
text that starts like a formula also gets Excel's quote prefix, so it stays
text when someone edits the cell.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..safeio import FORMULA_PREFIXES, write_bytes_atomic

if TYPE_CHECKING:
    from .evaluation import Evaluation

__all__ = ["write_evaluation_xlsx"]


def _set(ws: Any, row: int, col: int, value: Any) -> None:
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # text, never a formula
        if value.startswith(FORMULA_PREFIXES):
            cell.quotePrefix = True  # and it stays text when someone edits the cell in Excel
    else:
        cell.value = value


def write_evaluation_xlsx(ev: Evaluation, path: Path, lang: str = "en") -> None:
    """Two sheets: the ranking, and one row per bid and criterion with the value, rule and points."""
    try:
        from openpyxl import Workbook
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError("to_excel() needs openpyxl: pip install 'circular-ict[excel]'") from None
    wb = Workbook()
    ws = wb.active
    ws.title = "ranking"
    rows = ev.rows(lang)
    headers = list(rows[0]) if rows else []
    for c, h in enumerate(headers, start=1):
        _set(ws, 1, c, h)
    for r, row in enumerate(rows, start=2):
        for c, h in enumerate(headers, start=1):
            _set(ws, r, c, row[h])
    detail = wb.create_sheet("details")
    cols = [
        "bid",
        "supplier",
        "criterion",
        "offered",
        "value",
        "unit",
        "rule",
        "points",
        "max points",
        "weight",
        "contribution",
        "contribution unit",
    ]
    for c, h in enumerate(cols, start=1):
        _set(detail, 1, c, h)
    r = 2
    for b in ev.bids:
        for s in b.scores:
            values = [
                b.bid_id,
                b.supplier,
                s.criterion_id,
                s.offered,
                s.value,
                s.unit,
                s.rule,
                s.points,
                s.max_points,
                s.weight,
                s.contribution,
                s.contribution_unit,
            ]
            for c, v in enumerate(values, start=1):
                _set(detail, r, c, v)
            r += 1
    explain = wb.create_sheet("explanations")
    for r, b in enumerate(ev.bids, start=1):
        _set(explain, r, 1, b.bid_id)
        _set(explain, r, 2, ev.explain(b.bid_id, lang))
    buffer = io.BytesIO()
    wb.save(buffer)
    write_bytes_atomic(path, buffer.getvalue())
