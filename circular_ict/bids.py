"""Loading supplier bids: YAML bid files and bid tables (CSV, Excel, pandas DataFrame).

A bid file holds one :class:`~circular_ict.model.bid.Bid` (its top-level key
``supplier:`` identifies the document type). A bid table holds many bids, one
row per offered product; rows with the same ``bid_id`` form one bid. Either way
every problem is a located diagnostic: file, line and column for YAML; file,
row (the header is row 1) and column (counted from 1, the column's name in the
message) for tables.

After the structure, :func:`check_bid` checks a bid against the metric
vocabulary and the product groups: every metric exists and every value fits its
metric (a boolean, a level of the ordinal scale, or a quantity of the metric's
dimension), the price is a positive amount in euro, and evidence was valid when
the bid was submitted. A metric a bid does not mention stays missing: it is
"not demonstrated", never zero.

Reading Excel files needs ``openpyxl`` (the ``excel`` extra); a pandas DataFrame
is read through its ``columns`` and ``itertuples`` (pandas itself is not imported).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import importlib
import io
import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import ValidationError, create_model

from .checks import CheckContext
from .diagnostics import CODES, Diagnostic, FileReport, Report, Severity, sort_diagnostics, suggest
from .errors import DocumentError, UnitError
from .model._types import Model
from .model.bid import Bid, Evidence, Offer
from .model.metric import BooleanMetric, Metric, OrdinalMetric, QuantityMetric
from .safeio import FORMULA_PREFIXES
from .units import Quantity, accepts_bare_number, conversion_factor, describe_dimension, parse_quantity, parse_unit
from .validation import DOCUMENT_TYPES, detect_type, validate_data
from .yamlio import Limits, YamlDocument, _decode, _gc_paused, load_yaml

__all__ = [
    "TABLE_COLUMNS",
    "TABLE_SUFFIXES",
    "TableColumn",
    "check_bid",
    "check_bid_document",
    "load_bid",
    "load_bids",
    "loads_bid",
    "read_bid_table",
    "validate_bid_table",
    "validate_bids",
    "value_problem",
]

#: File suffixes read as bid tables (every other file is read as YAML).
TABLE_SUFFIXES = (".csv", ".xlsx")
_YAML_SUFFIXES = (".yaml", ".yml")

# =========================================================================== checks


def check_bid(bid: Bid, doc: YamlDocument, context: CheckContext | None = None) -> list[Diagnostic]:
    """Every problem of a structurally valid bid that needs the metric vocabulary or the product groups.

    ``doc`` is the document the bid was read from (it places the diagnostics);
    ``context`` holds the known metrics and product groups (the bundled library by
    default; a tender that defines metrics of its own passes them here).
    """
    return list(_check_parts(_parts_of(bid), doc, context or CheckContext.bundled(), text_checks=True))


def check_bid_document(doc: YamlDocument, bid: Bid | None, context: CheckContext | None = None) -> list[Diagnostic]:
    """The checks of :func:`check_bid` for a bid file; for an invalid bid (None), on its parts that are valid."""
    parts = _parts_of(bid) if bid is not None else _parts_from_data(doc.data)
    return list(_check_parts(parts, doc, context or CheckContext.bundled(), text_checks=True))


_DocPath = tuple[str | int, ...]


@dataclass
class _OfferParts:
    """The parts of an offer that are valid on their own."""

    product_group: str | None = None
    name: str | None = None
    unit_price: Quantity | None = None
    values: dict[str, bool | Quantity | str] = field(default_factory=dict)
    evidence: list[tuple[int, Evidence]] = field(default_factory=list)


@dataclass
class _BidParts:
    """The parts of a bid that are valid on their own (all of them for a valid bid)."""

    supplier: str | None = None
    lot: str | None = None
    submitted: dt.date | None = None
    price: Quantity | None = None
    values: dict[str, bool | Quantity | str] = field(default_factory=dict)
    evidence: list[tuple[int, Evidence]] = field(default_factory=list)
    offers: list[tuple[int, _OfferParts]] = field(default_factory=list)


def _parts_of(bid: Bid) -> _BidParts:
    offers = [
        (i, _OfferParts(o.product_group, o.name, o.unit_price, dict(o.values), list(enumerate(o.evidence))))
        for i, o in enumerate(bid.offers)
    ]
    return _BidParts(
        bid.supplier, bid.lot, bid.submitted, bid.price, dict(bid.values), list(enumerate(bid.evidence)), offers
    )


@functools.cache
def _field_model(model: type[Bid] | type[Offer], name: str) -> type[Model]:
    """A model with the one field ``name`` of ``model`` (same type, same strict configuration)."""
    info = model.model_fields[name]
    annotation = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    fields: dict[str, Any] = {"value": (annotation, ...)}
    return create_model(f"{model.__name__}_{name}", __base__=Model, **fields)


def _valid(model: type[Bid] | type[Offer], name: str, value: Any) -> Any:
    """``value`` validated as the field ``name`` of ``model``, or None if it is not valid."""
    try:
        return dict(_field_model(model, name).model_validate({"value": value}))["value"]
    except ValidationError:
        return None


def _valid_items(model: type[Bid] | type[Offer], name: str, items: Any) -> Any:
    """The valid entries of a mapping or list field, one by one (a mapping by key, a list with indexes)."""
    if isinstance(items, dict):
        out: dict[str, Any] = {}
        for key, value in items.items():
            valid = _valid(model, name, {key: value})
            if valid:
                out.update(valid)
        return out
    if isinstance(items, list):
        return [(k, v[0]) for k, item in enumerate(items) if (v := _valid(model, name, [item]))]
    return {} if name == "values" else []


def _parts_from_data(data: Any) -> _BidParts:
    """The valid parts of an invalid bid, so that their reference problems are reported too."""
    if not isinstance(data, dict):
        return _BidParts()
    offers: list[tuple[int, _OfferParts]] = []
    raw_offers = data.get("offers")
    for i, item in enumerate(raw_offers if isinstance(raw_offers, list) else []):
        if not isinstance(item, dict):
            continue
        offers.append(
            (
                i,
                _OfferParts(
                    _valid(Offer, "product_group", item.get("product_group")),
                    _valid(Offer, "name", item.get("name")),
                    _valid(Offer, "unit_price", item.get("unit_price")),
                    _valid_items(Offer, "values", item.get("values")),
                    _valid_items(Offer, "evidence", item.get("evidence")),
                ),
            )
        )
    return _BidParts(
        _valid(Bid, "supplier", data.get("supplier")),
        _valid(Bid, "lot", data.get("lot")),
        _valid(Bid, "submitted", data.get("submitted")),
        _valid(Bid, "price", data.get("price")),
        _valid_items(Bid, "values", data.get("values")),
        _valid_items(Bid, "evidence", data.get("evidence")),
        offers,
    )


def _check_parts(parts: _BidParts, doc: YamlDocument, ctx: CheckContext, *, text_checks: bool) -> Iterator[Diagnostic]:
    if parts.price is not None:
        yield from _check_price(doc, parts.price, ("price",), "the price", positive=True)
    if text_checks:
        for name in ("supplier", "lot"):
            text = getattr(parts, name)
            if text is not None:
                yield from _formula_like(doc, text, (name,))
    yield from _check_values(doc, parts.values, ("values",), ctx.metrics)
    yield from _check_evidence(doc, parts.evidence, ("evidence",), parts.submitted, text_checks)
    groups = sorted(ctx.product_groups)
    for i, offer in parts.offers:
        base: _DocPath = ("offers", i)
        if offer.product_group is not None and offer.product_group not in ctx.product_groups:
            close = suggest(offer.product_group, groups)
            yield doc.diagnostic(
                "unknown-product-group",
                f"unknown product group {offer.product_group!r}",
                (*base, "product_group"),
                hint=f"did you mean {close!r}?" if close else "see criteria/products.yaml",
            )
        if text_checks and offer.name is not None:
            yield from _formula_like(doc, offer.name, (*base, "name"))
        if offer.unit_price is not None:
            yield from _check_price(doc, offer.unit_price, (*base, "unit_price"), "the unit price", positive=False)
        yield from _check_values(doc, offer.values, (*base, "values"), ctx.metrics)
        yield from _check_evidence(doc, offer.evidence, (*base, "evidence"), parts.submitted, text_checks)


def _check_price(doc: YamlDocument, q: Quantity, path: _DocPath, what: str, *, positive: bool) -> Iterator[Diagnostic]:
    if not q.unit:
        yield doc.diagnostic(
            "missing-unit", f"{q.text} has no unit; {what} is an amount in euro", path, hint=f"write '{q.text} EUR'"
        )
        return
    try:
        amount = q.to("EUR")
    except UnitError:
        yield doc.diagnostic(
            "wrong-dimension",
            f"{q.text!r} is {describe_dimension(q.unit)}, but {what} is an amount of money",
            path,
            hint="write the amount in euro, e.g. '125000 EUR'",
        )
        return
    if positive and amount <= 0:
        yield doc.diagnostic(
            "out-of-range",
            f"{what} must be more than 0 EUR, got {q.text!r}",
            path,
            hint="write the total evaluated price of the bid; price formulas divide by the price, "
            "so a zero or negative price cannot be scored",
        )
    elif amount < 0:
        hint = "write the price of one unit in euro, or leave it out"
        yield doc.diagnostic("out-of-range", f"{what} cannot be negative, got {q.text!r}", path, hint=hint)


def _formula_like(doc: YamlDocument, text: str, path: _DocPath) -> Iterator[Diagnostic]:
    if _looks_like_formula(text):
        yield doc.diagnostic("formula-like-text", f"{text!r} starts like a spreadsheet formula", path)


def _looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet may run ``text`` as a formula (OWASP "CSV injection"): it starts with =, +, - or @
    (after spaces), or with a tab or a carriage return."""
    return text.startswith(FORMULA_PREFIXES) or text.lstrip(" ").startswith(FORMULA_PREFIXES[:4])


def _check_evidence(
    doc: YamlDocument,
    items: Sequence[tuple[int, Evidence]],
    path: _DocPath,
    submitted: dt.date | None,
    text_checks: bool,
) -> Iterator[Diagnostic]:
    for k, ev in items:
        if text_checks:
            yield from _formula_like(doc, ev.name, (*path, k, "name"))
        if ev.valid_until is not None and submitted is not None and ev.valid_until < submitted:
            yield doc.diagnostic(
                "evidence-expired",
                f"{ev.name!r} was valid until {ev.valid_until.isoformat()}, before the bid was submitted on "
                f"{submitted.isoformat()}",
                (*path, k, "valid_until"),
            )


def _check_values(
    doc: YamlDocument, values: dict[str, bool | Quantity | str], path: _DocPath, metrics: dict[str, Metric]
) -> Iterator[Diagnostic]:
    if not isinstance(values, dict):  # the structure error (a list, not a mapping) is reported by validation
        return
    for name, value in values.items():
        metric = metrics.get(name)
        at = (*path, name)
        if metric is None:
            close = suggest(name, sorted(metrics))
            yield doc.diagnostic(
                "unknown-metric",
                f"unknown metric {name!r}",
                at,
                key=True,
                hint=f"did you mean {close!r}?" if close else "see the metric vocabulary, criteria/metrics.yaml",
            )
            continue
        problem = value_problem(metric, value)
        if problem is not None:
            code, message, hint = problem
            yield doc.diagnostic(code, message, at, hint=hint)


def value_problem(metric: Metric, value: bool | Quantity | str) -> tuple[str, str, str] | None:
    """Why ``value`` does not fit ``metric`` as ``(code, message, hint)``, or None if it fits."""
    if isinstance(metric, BooleanMetric):
        if isinstance(value, bool):
            return None
        shown = f"the text {value!r}" if isinstance(value, str) else _shown_quantity(value)
        hint = "write true or false"
        if isinstance(value, str) and value.strip().lower() in {"yes", "no", "on", "off", "y", "n"}:
            hint = f"write true or false; circular_ict reads YAML 1.2, where {value!r} is text"
        return "wrong-type", f"{metric.id!r} is a boolean metric: expected true or false, got {shown}", hint
    if isinstance(metric, OrdinalMetric):
        if isinstance(value, bool):
            return (
                "wrong-type",
                f"{metric.id!r} is an ordinal scale: expected one of its levels, got the boolean {str(value).lower()}",
                f"levels from lowest to highest: {', '.join(metric.levels)}",
            )
        level = value if isinstance(value, str) else value.text
        if level in metric.levels:
            return None
        same_case = [lv for lv in metric.levels if lv.lower() == level.strip().lower()]
        close = same_case[0] if same_case else suggest(level, metric.levels)
        levels = f"levels from lowest to highest: {', '.join(metric.levels)}"
        return (
            "invalid-value",
            f"{level!r} is not a level of {metric.id!r}",
            f"did you mean {close!r}? {levels}" if close else levels,
        )
    assert isinstance(metric, QuantityMetric)
    if isinstance(value, bool):
        return (
            "wrong-type",
            f"{metric.id!r} is a quantity: expected a number with a unit, got the boolean {str(value).lower()}",
            f"write e.g. '3 {metric.unit}'",
        )
    if isinstance(value, str):
        try:
            parse_quantity(value)
        except UnitError as exc:
            return exc.code, f"{exc.problem}: {value!r}", exc.hint
        return "malformed-quantity", f"not a quantity: {value!r}", f"write e.g. '3 {metric.unit}'"  # pragma: no cover
    if value.magnitude < 0:  # every metric of the vocabulary measures an amount, a duration, a count or a share
        return "out-of-range", f"{value.text!r} is negative; {metric.id!r} cannot be", "write the value the offer has"
    return _quantity_problem(metric, value.unit, value.text)


def _shown_quantity(q: Quantity) -> str:
    return f"the quantity {q.text!r}" if q.unit else f"the number {q.text}"


def _bare_number_allowed(metric: QuantityMetric) -> bool:
    return accepts_bare_number(metric.unit)


def _quantity_problem(metric: QuantityMetric, unit: str, text: str) -> tuple[str, str, str] | None:
    if not unit:
        if _bare_number_allowed(metric):
            return None
        return (
            "missing-unit",
            f"{text} has no unit; {metric.id!r} is measured in {metric.unit}",
            f"write e.g. '{text} {_unit_symbol(metric.unit)}'",
        )
    try:
        conversion_factor(unit, metric.unit)
    except UnitError:
        return (
            "wrong-dimension",
            f"{text!r} is {describe_dimension(unit)}, but {metric.id!r} is {describe_dimension(metric.unit)}",
            f"write a value in {metric.unit} or a compatible unit",
        )
    return None


def _unit_symbol(unit: str) -> str:
    return "%" if unit == "percent" else unit


# =========================================================================== YAML bid files


@dataclass
class _Loaded:
    """A bid and the document that places its diagnostics."""

    bid: Bid
    doc: YamlDocument


def _load_bid_file(
    source: str | Path | bytes, ctx: CheckContext, *, file: str | None = None, limits: Limits | None = None
) -> tuple[Bid | None, FileReport, YamlDocument]:
    doc = load_yaml(source, file=file, limits=limits)
    if not doc.ok:
        return None, FileReport(doc.file, sort_diagnostics(doc.diagnostics), "bid"), doc
    kind = detect_type(doc.data)
    if kind not in (None, "bid") and not (isinstance(doc.data, dict) and "supplier" in doc.data):
        assert kind is not None
        doc.diagnostics.append(
            doc.diagnostic(
                "unknown-document",
                f"expected a bid (a mapping with the key 'supplier:'), found a {kind.replace('-', ' ')} "
                f"(with the key '{DOCUMENT_TYPES[kind][0]}:')",
                hint="load it with the function for that file type, or check the file",
            )
        )
        return None, FileReport(doc.file, sort_diagnostics(doc.diagnostics), "bid"), doc
    bid, diagnostics = validate_data(doc, Bid)
    diagnostics.extend(check_bid_document(doc, bid, ctx))
    report = FileReport(doc.file, sort_diagnostics([*doc.diagnostics, *diagnostics]), "bid")
    return (bid if report.valid else None), report, doc


def load_bid(path: str | Path, *, context: CheckContext | None = None, limits: Limits | None = None) -> Bid:
    """Load one bid file; raise :class:`~circular_ict.errors.DocumentError` with every problem if it is invalid."""
    bid, report, _doc = _load_bid_file(Path(path), context or CheckContext.bundled(), limits=limits)
    if bid is None:
        raise DocumentError(Report.of([report]))
    return bid


def loads_bid(text: str, *, file: str = "<string>", context: CheckContext | None = None) -> Bid:
    """Load a bid from YAML text; raise :class:`~circular_ict.errors.DocumentError` if it is invalid."""
    bid, report, _doc = _load_bid_file(text, context or CheckContext.bundled(), file=file)
    if bid is None:
        raise DocumentError(Report.of([report]))
    return bid


def _bid_files(paths: Iterable[str | Path]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            # not hidden files, nor the lock files Excel leaves beside an open workbook (~$name.xlsx)
            found = (
                f
                for f in p.rglob("*")
                if f.is_file()
                and f.suffix.lower() in (*_YAML_SUFFIXES, *TABLE_SUFFIXES)
                and not f.name.startswith((".", "~$"))
            )
            files.extend(sorted(found))
        else:
            files.append(p)
    return files


def validate_bids(
    *paths: str | Path, context: CheckContext | None = None, limits: Limits | None = None
) -> tuple[list[Bid], Report]:
    """Read bid files and folders without raising: the bids and the report of every file.

    A folder is searched recursively for bid files (``*.yaml``, ``*.yml``) and bid
    tables (``*.csv``, ``*.xlsx``). Bid ids must be unique across everything read;
    a repeated id is a ``duplicate-id`` error. The bids are returned only when
    every file is valid (warnings allowed); otherwise the list is empty.
    """
    ctx = context or CheckContext.bundled()
    loaded: list[_Loaded] = []
    reports: list[FileReport] = []
    for path in _bid_files(paths):
        if path.suffix.lower() in TABLE_SUFFIXES:
            table_bids, report = _read_table(path, ctx, file=None, sheet=None, delimiter=None, limits=limits)
            loaded.extend(table_bids)
        else:
            bid, report, doc = _load_bid_file(path, ctx, limits=limits)
            if bid is not None:
                loaded.append(_Loaded(bid, doc))
        reports.append(report)
    extra: dict[str, list[Diagnostic]] = {}
    first: dict[str, _Loaded] = {}
    for item in loaded:
        other = first.setdefault(item.bid.id, item)
        if other is not item:
            where = other.doc.diagnostic("duplicate-id", "", ("id",))
            extra.setdefault(item.doc.file, []).append(
                item.doc.diagnostic(
                    "duplicate-id",
                    f"the bid id {item.bid.id!r} is already used by {other.bid.supplier!r} ({where.location()})",
                    ("id",),
                    hint="give every bid a unique id",
                )
            )
    reports = [
        FileReport(r.file, sort_diagnostics([*r.diagnostics, *extra.get(r.file, [])]), r.document_type) for r in reports
    ]
    full = Report.of(reports)
    return ([item.bid for item in loaded] if full.valid else []), full


def load_bids(*paths: str | Path, context: CheckContext | None = None, limits: Limits | None = None) -> list[Bid]:
    """Load bid files, bid tables and folders of them; raise :class:`~circular_ict.errors.DocumentError` with
    every problem of every file (and every repeated bid id) if any is invalid.

    See :func:`validate_bids` for what is read.
    """
    bids, report = validate_bids(*paths, context=context, limits=limits)
    if not report.valid:
        raise DocumentError(report)
    return bids


# =========================================================================== bid tables


@dataclass(frozen=True)
class TableColumn:
    """A column of a bid table other than the metric columns."""

    kind: str
    """How a cell is read: text, date, money (a number in the header's unit), count, boolean or labels."""
    required: bool
    """Whether the column must be present and every one of its cells filled in."""
    level: str
    """Whether the value belongs to the bid (the same on every row of the bid) or to the row's offer."""
    meaning: str


#: The columns of a bid table other than the metric columns, by name.
TABLE_COLUMNS: dict[str, TableColumn] = {
    "bid_id": TableColumn("text", True, "bid", "the bid's id; rows with the same id form one bid"),
    "supplier": TableColumn("text", True, "bid", "the supplier's name"),
    "lot": TableColumn("text", False, "bid", "the lot the bid is for"),
    "submitted": TableColumn("date", False, "bid", "the submission date, YYYY-MM-DD"),
    "price": TableColumn("money", True, "bid", "the total evaluated price of the bid, with its unit: price [EUR]"),
    "product_group": TableColumn("text", True, "offer", "the product group of the offered product"),
    "name": TableColumn("text", True, "offer", "the model name"),
    "quantity": TableColumn("count", False, "offer", "how many units (a whole number, 1 if empty)"),
    "unit_price": TableColumn("money", False, "offer", "the price of one unit, with its unit: unit_price [EUR]"),
    "refurbished": TableColumn("boolean", False, "offer", "true or false (false if empty)"),
    "labels": TableColumn("labels", False, "offer", "the product's labels, separated by ';'"),
}

_HEADER_RE = re.compile(r"^\s*(?P<name>[^\[\]]*?)\s*(?:\[(?P<unit>[^\[\]]*)\])?\s*$")
_TRUE = {"true", "1"}
_FALSE = {"false", "0"}
_YES_NO = {"yes", "no", "y", "n", "on", "off", "ja", "nee", "j", "wahr", "falsch", "oui", "non", "x"}
_SPREADSHEET_ERRORS = {"#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!", "#SPILL!", "#CALC!"}


@dataclass(frozen=True)
class _Column:
    index: int  # 1-based
    header: str
    name: str
    unit: str
    kind: str  # text, date, money, count, boolean, labels, number (quantity metric), level (ordinal metric)
    level: str  # bid, offer (or metric for metric columns)
    metric: Metric | None = None


class _CellError(Exception):
    def __init__(self, code: str, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint


#: Reports a problem of the header: (column index, header, code, message, hint).
_HeaderReporter = Callable[[int, str, str, str, "str | None"], None]
#: Reports a problem of a cell: (row, column spec, column index, code, message, hint).
_CellReporter = Callable[[int, "_Column | None", int, str, str, "str | None"], None]


@dataclass
class _Table:
    """Cells as read, before any interpretation; native sources keep their cells' types."""

    file: str
    header_row: int
    header: list[Any]
    rows: list[tuple[int, list[Any]]]
    native: bool


@dataclass
class _TableDoc(YamlDocument):
    """The rows of one bid, standing in for a YAML document: paths inside the bid map to cells."""

    cells: dict[_DocPath, tuple[int, int, str]] = field(default_factory=dict)
    row: int = 0

    def node_at(self, path: Sequence[str | int], *, key: bool = False) -> None:
        return None

    def cell(self, path: Sequence[str | int]) -> tuple[int, int, str]:
        p = tuple(path)
        while p:
            if p in self.cells:
                return self.cells[p]
            p = p[:-1]
        return (self.row, 0, "")

    def locate(self, path: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
        row, column, _header = self.cell(path)
        return row, column

    def diagnostic(
        self,
        code: str,
        message: str,
        path: Sequence[str | int] = (),
        *,
        hint: str | None = None,
        key: bool = False,
        severity: Severity | None = None,
    ) -> Diagnostic:
        row, column, header = self.cell(path)
        return _cell_diagnostic(self.file, row, column, header, code, message, hint=hint, severity=severity)


def _cell_diagnostic(
    file: str,
    row: int,
    column: int,
    header: str,
    code: str,
    message: str,
    *,
    hint: str | None = None,
    severity: Severity | None = None,
) -> Diagnostic:
    text = f"column {header!r}: {message}" if header else message
    return Diagnostic.make(code, text, file=file, line=row, column=column, hint=hint, severity=severity)


def read_bid_table(
    source: str | Path | Any,
    *,
    file: str | None = None,
    sheet: str | None = None,
    delimiter: str | None = None,
    ignore_columns: Iterable[str] = (),
    context: CheckContext | None = None,
    limits: Limits | None = None,
) -> list[Bid]:
    """Read a bid table: a CSV file, an Excel ``.xlsx`` file or a pandas DataFrame; one row per offer.

    Raises :class:`~circular_ict.errors.DocumentError` with every problem of the table.
    See :func:`validate_bid_table` for the arguments.
    """
    bids, report = validate_bid_table(
        source,
        file=file,
        sheet=sheet,
        delimiter=delimiter,
        ignore_columns=ignore_columns,
        context=context,
        limits=limits,
    )
    if not report.valid:
        raise DocumentError(Report.of([report]))
    return bids


def validate_bid_table(
    source: str | Path | Any,
    *,
    file: str | None = None,
    sheet: str | None = None,
    delimiter: str | None = None,
    ignore_columns: Iterable[str] = (),
    context: CheckContext | None = None,
    limits: Limits | None = None,
) -> tuple[list[Bid], FileReport]:
    """Read a bid table without raising: the bids (empty if the table has an error) and the table's report.

    ``source`` is a path (``.xlsx`` is read as Excel, anything else as CSV) or a
    pandas DataFrame (any object with ``columns`` and ``itertuples``). ``file``
    names the source in diagnostics (default: the path, or ``<DataFrame>``).
    ``sheet`` picks an Excel sheet (default: the first). ``delimiter`` is the
    CSV separator (default: whichever of ``,``, ``;`` and tab the header row
    uses most). Columns named in ``ignore_columns`` are skipped.
    """
    ctx = context or CheckContext.bundled()
    loaded, report = _read_table(
        source, ctx, file=file, sheet=sheet, delimiter=delimiter, limits=limits, ignore=set(ignore_columns)
    )
    return ([item.bid for item in loaded] if report.valid else []), report


def _read_table(
    source: str | Path | Any,
    ctx: CheckContext,
    *,
    file: str | None,
    sheet: str | None,
    delimiter: str | None,
    limits: Limits | None,
    ignore: set[str] | None = None,
) -> tuple[list[_Loaded], FileReport]:
    limits = limits or Limits()
    if isinstance(source, (str, Path)):
        path = Path(source)
        name = file or str(source)
        if path.suffix.lower() == ".xlsx":
            table, problems = _excel_cells(path, name, sheet, limits)
        else:
            table, problems = _csv_cells(path, name, delimiter, limits)
    elif hasattr(source, "columns") and hasattr(source, "itertuples"):
        table, problems = _frame_cells(source, file or "<DataFrame>"), []
    else:
        raise TypeError(f"expected a path or a pandas DataFrame, got {type(source).__name__}")
    name = table.file if table is not None else (file or str(source))
    if table is None:
        return [], FileReport(name, sort_diagnostics(problems), "bid-table")
    with _gc_paused():  # many small objects, none cyclic: the cyclic collector only costs time here
        loaded, diagnostics = _interpret(table, ctx, ignore or set())
    return loaded, FileReport(name, sort_diagnostics([*problems, *diagnostics]), "bid-table")


# --------------------------------------------------------------------------- reading the cells


def _read_bytes(path: Path, name: str, limits: Limits) -> tuple[bytes | None, Diagnostic | None]:
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            message = f"the file has {size} bytes; the limit is {limits.max_bytes}"
            return None, Diagnostic.make("file-too-large", message, file=name)
        return path.read_bytes(), None
    except OSError as exc:
        return None, Diagnostic.make("file-unreadable", f"cannot read the file: {exc.strerror or exc}", file=name)


def _csv_cells(path: Path, name: str, delimiter: str | None, limits: Limits) -> tuple[_Table | None, list[Diagnostic]]:
    raw, problem = _read_bytes(path, name, limits)
    if raw is None:
        return None, [problem] if problem else []
    text, problem = _decode(raw, name)
    if text is None:
        return None, [_encoding_cell(raw, problem, delimiter)] if problem else []
    sep = delimiter or _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    records: list[tuple[int, list[Any]]] = []
    start = 1
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                records.append((start, list(record)))
            start = reader.line_num + 1
    except csv.Error as exc:
        message = f"the CSV syntax is invalid: {exc}"
        hint = 'close the quote of this cell; a quote inside a quoted cell is written twice ("")'
        return None, [Diagnostic.make("invalid-format", message, file=name, line=start, column=1, hint=hint)]
    return _table(name, records, native=False)


def _delimiter(text: str) -> str:
    """Whichever of ',', ';' and tab the first line uses most (',' on a tie)."""
    first_line = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=lambda c: (first_line.count(c), c == ","))


def _encoding_cell(raw: bytes, problem: Diagnostic, delimiter: str | None) -> Diagnostic:
    """A not-UTF-8 diagnostic placed at the CSV cell (row, column index) that holds the bad byte.

    Rows end at CR LF, LF or a bare CR (old Mac files), as a CSV reader sees them.
    """
    if problem.code != "not-utf8" or problem.line < 1 or b"\x00" in raw[:4096]:
        return problem
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start
    else:
        return problem
    before = raw[:start].decode("utf-8", errors="replace")
    rows = re.split(r"\r\n|\r|\n", before)
    text = raw.decode("utf-8", errors="replace")
    sep = delimiter or _delimiter(text)
    first_row = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]
    try:
        column = len(next(csv.reader([rows[-1] + "x"], delimiter=sep), [""]))
        header = next(csv.reader([first_row.lstrip("\ufeff")], delimiter=sep), [])
    except csv.Error:
        return problem
    row = len(rows)
    name = header[column - 1].strip() if row > 1 and column <= len(header) else ""
    return _cell_diagnostic(problem.file, row, column, name, "not-utf8", problem.message)


def _excel_cells(path: Path, name: str, sheet: str | None, limits: Limits) -> tuple[_Table | None, list[Diagnostic]]:
    try:
        openpyxl = importlib.import_module("openpyxl")
    except ImportError:
        raise ImportError(
            "reading Excel files needs openpyxl: install the excel extra, pip install 'circular-ict[excel]'"
        ) from None
    raw, problem = _read_bytes(path, name, limits)
    if raw is None:
        return None, [problem] if problem else []
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError and XML errors for files that are not .xlsx
        message = f"cannot read the file as an Excel workbook: {exc}"
        return None, [Diagnostic.make("file-unreadable", message, file=name, hint="save the file as .xlsx")]
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            close = suggest(sheet, workbook.sheetnames)
            hint = f"did you mean {close!r}?" if close else f"sheets: {', '.join(workbook.sheetnames)}"
            return None, [Diagnostic.make("invalid-value", f"no sheet {sheet!r}", file=name, hint=hint)]
        ws = workbook[sheet] if sheet is not None else workbook.worksheets[0]
        records: list[tuple[int, list[Any]]] = []
        for number, values in enumerate(ws.iter_rows(min_row=1, min_col=1, values_only=True), start=1):
            cells = [_native(v) for v in values]
            if any(c is not None for c in cells):
                records.append((number, cells))
    finally:
        workbook.close()
    return _table(name, records, native=True)


def _table(name: str, records: list[tuple[int, list[Any]]], *, native: bool) -> tuple[_Table | None, list[Diagnostic]]:
    """The table of the non-empty rows: the header is the first row with a ``bid_id`` cell (rows above it, such
    as a title, are skipped), or else the first row."""
    if not records:
        return None, [Diagnostic.make("empty-table", "the table is empty", file=name, line=1, column=1)]
    start = next(
        (
            i
            for i, (_n, cells) in enumerate(records)
            if any(isinstance(c, str) and c.strip() == "bid_id" for c in cells)
        ),
        0,
    )
    (header_row, header), *rows = records[start:]
    return _Table(name, header_row, header, rows, native), []


def _frame_cells(frame: Any, name: str) -> _Table:
    header = list(frame.columns)
    rows = [
        (number, [_native(v) for v in values])
        for number, values in enumerate(frame.itertuples(index=False, name=None), start=2)
    ]
    return _Table(name, 1, header, [(n, c) for n, c in rows if any(v is not None for v in c)], native=True)


def _native(value: Any) -> Any:
    """A cell of a typed source as a plain Python value; None for an empty cell (None, NaN, NA, NaT, '')."""
    if value is None or type(value).__name__ in ("NAType", "NaTType"):
        return None
    if type(value).__module__ == "numpy" and hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, str) and not value.strip():
        return None
    return value


# --------------------------------------------------------------------------- the header


def _columns(table: _Table, ctx: CheckContext, ignore: set[str]) -> tuple[list[_Column | None], list[Diagnostic]]:
    """One spec per column (None: skipped), and the header's problems."""
    out: list[_Column | None] = []
    diags: list[Diagnostic] = []
    seen: dict[str, int] = {}
    known = [*TABLE_COLUMNS, *ctx.metrics]
    row = table.header_row

    def problem(index: int, header: str, code: str, message: str, hint: str | None = None) -> None:
        diags.append(_cell_diagnostic(table.file, row, index, header, code, message, hint=hint))

    for index, raw in enumerate(table.header, start=1):
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if any(index <= len(cells) and _present(cells[index - 1]) for _n, cells in table.rows):
                problem(index, "", "unknown-key", f"column {index} has data but no header", "name the column")
            out.append(None)
            continue
        header = raw if isinstance(raw, str) else str(raw)
        if header in ignore:
            out.append(None)
            continue
        m = _HEADER_RE.match(header)
        if m is None or not m.group("name"):
            problem(
                index, header, "invalid-format", "cannot read the header", "write the name, then the unit in brackets"
            )
            out.append(None)
            continue
        name, unit = m.group("name"), (m.group("unit") or "").strip()
        has_brackets = m.group("unit") is not None
        if name in seen:
            problem(index, header, "duplicate-key", f"the column {name!r} is already column {seen[name]}", "remove one")
            out.append(None)
            continue
        seen[name] = index
        out.append(_column_spec(index, header, name, unit, has_brackets, ctx, known, problem))
    for name, spec in TABLE_COLUMNS.items():
        if spec.required and name not in seen:
            shown = f"{name} [EUR]" if name == "price" else name
            diags.append(
                Diagnostic.make(
                    "missing-key",
                    f"the table has no column {shown!r}",
                    file=table.file,
                    line=row,
                    column=len(table.header) + 1,
                    hint=f"add the column {shown!r} ({spec.meaning})",
                )
            )
    return out, diags


def _column_spec(
    index: int,
    header: str,
    name: str,
    unit: str,
    has_brackets: bool,
    ctx: CheckContext,
    known: list[str],
    problem: _HeaderReporter,
) -> _Column | None:
    if name in TABLE_COLUMNS:
        kind, level = TABLE_COLUMNS[name].kind, TABLE_COLUMNS[name].level
        if kind == "money":
            if not unit:
                problem(index, header, "missing-unit", f"the column {name!r} has no unit", f"write '{name} [EUR]'")
                return None
            if not _unit_ok(index, header, unit, "EUR", "an amount of money", problem):
                return None
        elif has_brackets:
            problem(index, header, "invalid-format", f"the column {name!r} takes no unit", f"write '{name}'")
            return None
        return _Column(index, header, name, unit, kind, level)
    metric = ctx.metrics.get(name)
    if metric is None:
        close = suggest(name, known)
        hint = f"did you mean {close!r}?" if close else None
        if has_brackets or close in ctx.metrics:
            problem(index, header, "unknown-metric", f"unknown metric {name!r}", hint or "see criteria/metrics.yaml")
        else:
            columns = ", ".join(TABLE_COLUMNS)
            hint = hint or f"the columns are {columns} and metric ids; pass other columns in ignore_columns"
            problem(index, header, "unknown-key", f"unknown column {name!r}", hint)
        return None
    if isinstance(metric, QuantityMetric):
        if not unit and not _bare_number_allowed(metric):
            problem(
                index,
                header,
                "missing-unit",
                f"{name!r} is measured in {metric.unit}, but the header has no unit",
                f"write '{name} [{_unit_symbol(metric.unit)}]'",
            )
            return None
        if unit and not _unit_ok(index, header, unit, metric.unit, describe_dimension(metric.unit), problem, name):
            return None
        return _Column(index, header, name, unit, "number", "metric", metric)
    if has_brackets:
        problem(
            index,
            header,
            "invalid-format",
            f"{name!r} is {'an' if metric.type == 'ordinal' else 'a'} {metric.type} metric: its column takes no unit",
            f"write '{name}'",
        )
        return None
    return _Column(
        index, header, name, "", "boolean" if isinstance(metric, BooleanMetric) else "level", "metric", metric
    )


def _unit_ok(
    index: int, header: str, unit: str, target: str, what: str, problem: _HeaderReporter, metric: str | None = None
) -> bool:
    try:
        parse_unit(unit)
    except UnitError as exc:
        message = exc.problem if repr(unit) in exc.problem else f"{exc.problem}: {unit!r}"
        problem(index, header, exc.code, message, exc.hint)
        return False
    try:
        conversion_factor(unit, target)
    except UnitError:
        subject = f"{metric!r} is {what}" if metric else f"the column is {what}"
        problem(
            index,
            header,
            "wrong-dimension",
            f"{unit!r} is {describe_dimension(unit)}, but {subject}",
            f"write a unit like {_unit_symbol(target)!r}",
        )
        return False
    return True


# --------------------------------------------------------------------------- the cells


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, (dt.date, dt.datetime)):
        return "date"
    if isinstance(value, str):
        return "text"
    return type(value).__name__


_KIND_NAMES = {"boolean": "booleans", "number": "numbers", "date": "dates", "text": "texts"}
_TYPED_KINDS = {"money": "number", "count": "number", "number": "number", "boolean": "boolean", "date": "date"}


def _format_number(x: float) -> str:
    if x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    return repr(x)


_THOUSANDS_RE = re.compile(r"^[-+]?[0-9]{1,3}(?:,[0-9]{3})+$")
_NUMBER_RE = re.compile(r"^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")


def _number(value: Any, column: _Column) -> float:
    if isinstance(value, bool):
        raise _CellError("wrong-type", f"expected a number, got the boolean {str(value).lower()}")
    if isinstance(value, (int, float)):
        try:
            x = float(value)
        except OverflowError:
            raise _CellError("not-finite", "the number is too large", "write a finite number") from None
        if not math.isfinite(x):
            raise _CellError("not-finite", "NaN and infinity are not allowed", _nan_hint(column))
        return x
    if not isinstance(value, str):
        raise _CellError("wrong-type", f"expected a number, got {_describe_cell(value)}")
    text = value.strip()
    if _NUMBER_RE.match(text):
        x = float(text)
        if not math.isfinite(x):
            raise _CellError("not-finite", f"the number is too large: {text!r}", "write a finite number")
        return x
    if text.upper() in _SPREADSHEET_ERRORS:
        raise _CellError(
            "wrong-type",
            f"the cell holds the spreadsheet error {text!r}",
            "correct the formula in the spreadsheet, or leave the cell empty if the value is not demonstrated",
        )
    try:
        q = parse_quantity(text)
    except UnitError as exc:
        if exc.code == "not-finite":
            raise _CellError("not-finite", f"NaN and infinity are not allowed: {text!r}", _nan_hint(column)) from None
        if exc.code == "decimal-comma":
            hint = exc.hint
            if _THOUSANDS_RE.match(text):
                decimal = exc.hint.removeprefix("write ")
                hint = f"write {text.replace(',', '')} without thousands separators, or {decimal} for a decimal"
            raise _CellError("decimal-comma", f"the number uses a decimal comma: {text!r}", hint) from None
        raise _CellError(
            "wrong-type",
            f"expected a number, got the text {text!r}",
            "write the number only, with a decimal point and no thousands separators",
        ) from None
    unit = f" [{column.unit}]" if column.unit else ""
    raise _CellError(
        "wrong-type",
        f"expected a number, got {text!r}",
        f"write the number only: the column's unit is in its header{unit}"
        + (f"; convert {q.text!r} to {column.unit}" if column.unit and q.unit != column.unit else ""),
    )


def _nan_hint(column: _Column) -> str:
    if column.level == "metric":
        return "leave the cell empty if the value is not demonstrated"
    return "write a finite number"


def _describe_cell(value: Any) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return f"the date {value.isoformat()}"
    return f"a {type(value).__name__}"


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        raise _CellError("wrong-type", f"expected a text, got the boolean {str(value).lower()}", "write a text")
    if isinstance(value, (int, float)):
        return _format_number(float(value))
    if isinstance(value, (dt.date, dt.datetime)):
        raise _CellError("wrong-type", f"expected a text, got {_describe_cell(value)}", "format the cell as text")
    raise _CellError("wrong-type", f"expected a text, got {_describe_cell(value)}")


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = _text(value) if not isinstance(value, (int, float)) else _format_number(float(value))
    low = text.lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    hint = "write true or false (or 1 and 0)"
    if low in _YES_NO:
        hint += f"; {text!r} is not read as a boolean, so that no word is misread"
    raise _CellError("wrong-type", f"expected true or false, got {text!r}", hint)


def _date(value: Any) -> str:
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0, 0):
            raise _CellError("wrong-type", f"expected a date, got the time {value.isoformat()}", "write YYYY-MM-DD")
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip()  # checked by the model: YYYY-MM-DD
    raise _CellError("wrong-type", f"expected a date written YYYY-MM-DD, got {value!r}", "write e.g. 2025-03-01")


def _convert(value: Any, column: _Column) -> Any:
    """A cell as the value the model reads (the same as a YAML bid would hold)."""
    kind = column.kind
    if kind in ("text", "level"):
        return _text(value)
    if kind == "labels":
        return [{"type": "label", "name": part.strip()} for part in _text(value).split(";") if part.strip()]
    if kind == "boolean":
        return _boolean(value)
    if kind == "date":
        return _date(value)
    x = _number(value, column)
    if kind == "count":
        if not x.is_integer():
            raise _CellError("wrong-type", f"expected a whole number, got {_format_number(x)}", "write e.g. 25")
        return int(x)
    if not column.unit:  # a dimensionless metric without a unit: a bare number, as in YAML
        return int(x) if x.is_integer() and abs(x) < 1e15 else x
    return f"{_format_number(x)} {column.unit}"


def _interpret(table: _Table, ctx: CheckContext, ignore: set[str]) -> tuple[list[_Loaded], list[Diagnostic]]:
    columns, diags = _columns(table, ctx, ignore)
    if not table.rows:
        diags.append(
            Diagnostic.make(
                "empty-table",
                "the table has a header but no rows",
                file=table.file,
                line=table.header_row,
                column=1,
            )
        )
        return [], diags
    failed: set[tuple[int, int]] = set()  # cells with an error: later problems there are not repeated

    def report(row: int, column: _Column | None, index: int, code: str, message: str, hint: str | None) -> None:
        diags.append(
            _cell_diagnostic(table.file, row, index, column.header if column else "", code, message, hint=hint)
        )
        if CODES[code].severity is Severity.ERROR:
            failed.add((row, index))

    if table.native:
        _mixed_types(table, columns, report)
    parsed: list[tuple[int, dict[str, tuple[Any, _Column]]]] = []
    for row, cells in table.rows:
        if len(cells) > len(columns) and any(_present(c) for c in cells[len(columns) :]):
            extra = next(i for i, c in enumerate(cells[len(columns) :], start=len(columns) + 1) if _present(c))
            report(row, None, extra, "unknown-key", "the row has more cells than the header has columns", None)
        values: dict[str, tuple[Any, _Column]] = {}
        for column in columns:
            if column is None:
                continue
            raw = cells[column.index - 1] if column.index <= len(cells) else None
            if not _present(raw):
                if column.level != "metric" and TABLE_COLUMNS[column.name].required:
                    report(row, column, column.index, "empty-cell", "the cell is empty", None)
                continue
            try:
                value = _convert(raw, column)
            except _CellError as exc:
                report(row, column, column.index, exc.code, exc.message, exc.hint)
                continue
            if column.kind in ("text", "labels", "level") and isinstance(raw, str) and _looks_like_formula(raw):
                message = f"{raw.strip()!r} starts like a spreadsheet formula"
                report(row, column, column.index, "formula-like-text", message, None)
            values[column.name] = (value, column)
        parsed.append((row, values))
    if any(d.code == "missing-key" and d.line == table.header_row for d in diags):
        return [], diags  # without a required column no bid is complete
    loaded, more = _build_bids(table, columns, parsed, ctx, failed)
    return loaded, [*diags, *more]


def _mixed_types(table: _Table, columns: list[_Column | None], report: _CellReporter) -> None:
    """In typed sources (Excel, DataFrame), cells of one typed column must be of one type."""
    for column in columns:
        if column is None or column.kind not in _TYPED_KINDS:
            continue
        kinds: dict[str, int] = {}
        cells = [
            (row, cells[column.index - 1])
            for row, cells in table.rows
            if column.index <= len(cells) and _present(cells[column.index - 1])
        ]
        for _row, value in cells:
            kinds[_kind_of(value)] = kinds.get(_kind_of(value), 0) + 1
        if len(kinds) < 2:
            continue
        expected = _TYPED_KINDS[column.kind]
        main = expected if expected in kinds else max(kinds, key=lambda k: kinds[k])
        for row, value in cells:
            kind = _kind_of(value)
            if kind == main:
                continue
            try:
                _convert(value, column)
            except _CellError:
                continue  # the cell's own error is reported when it is read
            report(
                row,
                column,
                column.index,
                "mixed-types",
                f"the column holds {_KIND_NAMES.get(main, main)}, but this cell holds "
                + (f"the text {value.strip()!r}" if isinstance(value, str) else f"the {kind} {value!r}"),
                None,
            )


_BID_FIELDS = ("supplier", "price", "lot", "submitted")

_Row = tuple[int, dict[str, tuple[Any, _Column]]]


def _build_bids(
    table: _Table, columns: list[_Column | None], parsed: list[_Row], ctx: CheckContext, failed: set[tuple[int, int]]
) -> tuple[list[_Loaded], list[Diagnostic]]:
    """Group the rows by bid id, check that a bid's rows agree, and validate each bid like a YAML bid."""
    diags: list[Diagnostic] = []
    groups: dict[str | int, list[_Row]] = {}
    for row, values in parsed:
        # A row without a bid id (an error) is checked on its own, so that its other problems are reported too.
        groups.setdefault(values["bid_id"][0] if "bid_id" in values else row, []).append((row, values))
    by_name = {c.name: c for c in columns if c is not None}
    loaded: list[_Loaded] = []
    for bid_id, rows in groups.items():
        doc = _TableDoc(table.file, row=rows[0][0])
        data: dict[str, Any] = {"id": bid_id} if isinstance(bid_id, str) else {}
        for name, column in by_name.items():  # every cell has a place, empty ones too
            key = {"bid_id": "id"}.get(name, name)
            if column.level == "bid":
                doc.cells[(key,)] = (rows[0][0], column.index, column.header)
        for name in _BID_FIELDS:
            first_at = 0
            for row, values in rows:
                if name not in values:
                    continue
                value, column = values[name]
                if name not in data:
                    data[name], first_at = value, row
                    doc.cells[(name,)] = (row, column.index, column.header)
                    continue
                if value == data[name]:
                    continue
                if name == "supplier":
                    id_column = values["bid_id"][1]
                    diags.append(
                        _cell_diagnostic(
                            table.file,
                            row,
                            id_column.index,
                            id_column.header,
                            "duplicate-id",
                            f"the bid id {bid_id!r} is already used by {data[name]!r} (row {first_at}); "
                            f"this row's supplier is {value!r}",
                            hint="give each supplier's bid its own id",
                        )
                    )
                else:
                    diags.append(
                        _cell_diagnostic(
                            table.file,
                            row,
                            column.index,
                            column.header,
                            "inconsistent-bid",
                            f"{_shown(value)} differs from {_shown(data[name])} on row {first_at}, "
                            f"a row of the same bid {bid_id!r}",
                        )
                    )
                failed.add((row, column.index))
        offers: list[dict[str, Any]] = []
        for i, (row, values) in enumerate(rows):
            base: _DocPath = ("offers", i)
            doc.cells[base] = (row, 0, "")
            for name, column in by_name.items():
                key = "evidence" if name == "labels" else name
                if column.level == "offer":
                    doc.cells[(*base, key)] = (row, column.index, column.header)
                elif column.level == "metric":
                    doc.cells[(*base, "values", name)] = (row, column.index, column.header)
            offer: dict[str, Any] = {}
            metric_values: dict[str, Any] = {}
            for name, (value, column) in values.items():
                if column.level == "metric":
                    metric_values[name] = value
                elif column.level == "offer":
                    offer["evidence" if name == "labels" else name] = value
            if metric_values:
                offer["values"] = metric_values
            offers.append(offer)
        data["offers"] = offers
        doc.data = data
        bid, problems = validate_data(doc, Bid)
        parts = _parts_of(bid) if bid is not None else _parts_from_data(data)
        problems.extend(_check_parts(parts, doc, ctx, text_checks=False))
        if bid is not None and isinstance(bid_id, str):
            loaded.append(_Loaded(bid, doc))
        # A missing key is an empty cell or a missing column, both reported already; so is a cell with an error.
        diags.extend(
            d for d in problems if d.code != "missing-key" and (not d.is_error or (d.line, d.column) not in failed)
        )
    return loaded, diags


def _shown(value: Any) -> str:
    return repr(value) if isinstance(value, str) else str(value)
