"""Scoring from files or models: ``score(tender, bids)`` with the bundled library."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..model import Criterion
from ..model.bid import Bid
from ..model.tender import Tender
from .engine import evaluate
from .evaluation import Evaluation

__all__ = ["resolve_tender", "score"]


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
) -> Evaluation:
    """Evaluate the bids of one lot of a tender.

    ``tender`` is a :class:`Tender` or the path of a tender file; ``bids`` a list of :class:`Bid`, the path of a
    bid file, a folder of bid files, or a bid table (``.csv``, ``.xlsx``). Files are validated first; any problem
    raises :class:`~circular_ict.errors.DocumentError` with every diagnostic.
    """
    from .. import catalogue
    from ..validation import load_tender

    the_tender = tender if isinstance(tender, Tender) else load_tender(tender)
    if isinstance(bids, (str, Path)):
        from ..bids import load_bids, read_bid_table

        path = Path(bids)
        the_bids = read_bid_table(path) if path.suffix.lower() in (".csv", ".xlsx") else load_bids(path)
    else:
        the_bids = list(bids)
    return evaluate(the_tender, the_bids, resolve_tender(the_tender), catalogue.metrics(), lot=lot)
