"""Safe output: atomic file writes and neutralised spreadsheet formulas.

Every writer of circular_ict goes through :func:`write_text_atomic` or
:func:`write_bytes_atomic`: the content is written to a temporary file in the
same folder and moved into place with :func:`os.replace`, so a crash never
leaves a half-written report. :func:`neutralise_formula` makes a supplier's
text safe in CSV and spreadsheets (OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

__all__ = [
    "FORMULA_PREFIXES",
    "csv_text",
    "neutralise_formula",
    "write_bytes_atomic",
    "write_csv_atomic",
    "write_text_atomic",
]

#: Characters with which a spreadsheet cell starts a formula (or a DDE call).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see either the old or the complete new file."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: str | Path, text: str) -> None:
    """Write UTF-8 ``text`` atomically (see :func:`write_bytes_atomic`)."""
    write_bytes_atomic(path, text.encode("utf-8"))


def neutralise_formula(text: str) -> str:
    """Prefix a quote to text that a spreadsheet would read as a formula: ``=SUM(A1)`` -> ``'=SUM(A1)``."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """CSV text (RFC 4180 quoting, ``\\r\\n`` line ends) with every text cell through :func:`neutralise_formula`.

    Numbers stay numbers (``repr`` of a float, so no digit is lost); None is an empty cell.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_csv_cell(h) for h in header])
    for row in rows:
        writer.writerow([_csv_cell(v) for v in row])
    return buffer.getvalue()


def write_csv_atomic(path: str | Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Write :func:`csv_text` to ``path`` atomically (UTF-8)."""
    write_text_atomic(path, csv_text(header, rows))


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (bool, int, float)):
        return value
    return neutralise_formula(str(value))
