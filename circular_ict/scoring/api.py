"""Scoring from files or models: ``score(tender, bids)`` with the bundled library."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from ..diagnostics import Report
from ..model import Criterion
from ..model.bid import Bid
from ..model.tender import Tender
from ..yamlio import Limits
from .engine import evaluate
from .evaluation import Evaluation

__all__ = ["EvaluationDateError", "resolve_tender", "score"]


class EvaluationDateError(ValueError):
    """``evaluated_on`` differs from the date the tender fixes."""


def resolve_tender(tender: Tender) -> list[Criterion]:
    """The tender's criteria with the bundled library: selected and included ones with their parameters set, and
    its own (see :func:`circular_ict.select.tender_criteria`)."""
    from ..catalogue import bundled_criteria
    from ..select import tender_criteria

    lookup = {c.id: c for _set_id, c in bundled_criteria()}
    return tender_criteria(tender, lookup)


def score(
    tender: Tender | str | Path,
    bids: Sequence[Bid] | str | Path,
    *,
    lot: str | None = None,
    evaluated_on: dt.date | None = None,
    limits: Limits | None = None,
) -> Evaluation:
    """Evaluate the bids of one lot of a tender.

    ``tender`` is a :class:`Tender` or the path of a tender file; ``bids`` a list of :class:`Bid`, the path of a
    bid file, a folder of bid files, or a bid table (``.csv``, ``.xlsx``). Files are validated first; any problem
    raises :class:`~circular_ict.errors.DocumentError` with every diagnostic.

    ``evaluated_on`` is the evaluation date for a tender without a ``date`` (certificates are checked against
    it); a tender's own ``date`` always applies, and a different ``evaluated_on`` raises
    :class:`EvaluationDateError` (a :class:`ValueError`).
    The date is never taken from the clock, so the same inputs give the same output, byte for byte.

    The evaluation's :attr:`~Evaluation.audit_record` holds the SHA-256 of every file read (see
    :mod:`circular_ict.audit`). ``limits`` bounds the files read (:class:`~circular_ict.yamlio.Limits`: size,
    alias expansion, nesting depth); the defaults apply when it is None.
    """
    from .. import catalogue
    from ..audit import InputFile, hash_bytes, read_input, record_for, unchanged
    from ..errors import DocumentError
    from ..validation import load_document, load_tender

    tender_input: InputFile | None = None
    if isinstance(tender, Tender):
        the_tender = tender
    else:
        data = read_input(tender, limits)
        if data is None:  # unreadable or over the size limit: the loader reports it
            the_tender = load_tender(tender, limits=limits)
        else:  # the very bytes that are hashed are the ones loaded
            tender_input = InputFile("tender", Path(tender).name, hash_bytes(data), len(data))
            model, report = load_document(data, file=str(tender), expect="tender", limits=limits)
            if model is None:
                raise DocumentError(Report.of([report]))
            assert isinstance(model, Tender)
            the_tender = model
    date_source = None
    if evaluated_on is not None:
        if the_tender.date is None:
            the_tender = the_tender.model_copy(update={"date": evaluated_on})
            date_source = "caller"
        elif the_tender.date != evaluated_on:
            raise EvaluationDateError(
                f"the tender fixes the evaluation date {the_tender.date.isoformat()}; "
                f"evaluated_on {evaluated_on.isoformat()} differs (leave it out, or change the tender's date)"
            )
    bid_inputs: list[InputFile] | None = None
    if isinstance(bids, (str, Path)):
        from ..bids import _bid_files, load_bids, read_bid_table

        path = Path(bids)
        is_table = path.suffix.lower() in (".csv", ".xlsx")
        files = _bid_files([path])
        stats = [_stat(f) for f in files]
        bid_inputs = []
        for f in files:
            data = read_input(f, limits)
            if data is not None:  # else the loader reports the file
                name = f.relative_to(path).as_posix() if path.is_dir() else f.name
                bid_inputs.append(InputFile(_bid_role(f), name, hash_bytes(data), len(data)))
        the_bids = read_bid_table(path, limits=limits) if is_table else load_bids(path, limits=limits)
        unchanged(list(zip(files, stats, strict=True)), [_stat(f) for f in files])
    else:
        the_bids = list(bids)
    ev = evaluate(the_tender, the_bids, resolve_tender(the_tender), catalogue.metrics(), lot=lot)
    record = record_for(ev, tender_input=tender_input, bid_inputs=bid_inputs, date_source=date_source)
    return dataclasses.replace(ev, audit=record)


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _bid_role(path: Path) -> str:
    return "bid-table" if path.suffix.lower() in (".csv", ".xlsx") else "bid"
