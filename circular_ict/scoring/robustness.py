"""Robustness of a ranking: rank reversal when a bid is removed, and how far each weight can move.

Rank reversal (scoring-methods.md §4 item 1, Stilger et al. 2017 [S-61]):
with relative formulas (ratio to the lowest price, ratio to the best value)
the points of two bids depend on a third, so removing a bid that does not
win can still swap the order of two others. :func:`rank_reversals`
re-evaluates the tender without each ranked bid in turn and reports every
pair of remaining bids whose order changes.

Weight sensitivity: a weighted total is linear in each weight. With the
other weights fixed, the total of bid *i* moves by ``f_ik`` per point of
weight *k*, where ``f_ik`` is the share of criterion *k*'s scale that bid *i*
earned (rule points / rule maximum; price points / price weight). The winner
*w* keeps first place against bid *j* while ``gap_wj + delta * (f_wk - f_jk) > 0``,
so the smallest ``delta`` that hands first place to another bid is
``gap_wj / (f_jk - f_wk)`` over the bids with ``f_jk > f_wk`` (increase) or
with ``f_jk < f_wk`` (decrease). :func:`weight_sensitivity` reports both
distances per weight; the total of the weights then differs from the
published total, which is the point of the exercise: it shows how much the
outcome rests on each weight. Relative price points are taken as fixed,
which is exact because they do not depend on the weights.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .evaluation import Evaluation

__all__ = ["rank_reversals", "weight_sensitivity"]


def rank_reversals(ev: Evaluation) -> list[dict[str, Any]]:
    """Per removed bid: the pairs (a, b), a ranked above b before, with b above a after."""
    from .engine import evaluate

    ranked = {e.bid_id: e.rank for e in ev.ranking}
    out: list[dict[str, Any]] = []
    for removed in sorted(ranked, key=lambda b: (ranked[b], b)):
        rest = [b for b in ev.bid_models if b.id != removed]
        if not rest:
            continue
        again = evaluate(ev.tender, rest, ev.criteria, ev.metrics, lot=ev.lot.id)
        after = {e.bid_id: e.rank for e in again.ranking}
        swapped = [
            (a, b)
            for a in after
            for b in after
            if a != b and a in ranked and b in ranked and ranked[a] < ranked[b] and after[a] > after[b]
        ]
        out.append({"removed": removed, "reversed": sorted(swapped), "winner_after": again.winner})
    return out


def weight_sensitivity(ev: Evaluation) -> list[dict[str, Any]]:
    """Per weight: the increase and decrease (others fixed) at which another bid would take first place.

    ``None`` means no change of that weight in that direction changes the winner (a decrease is
    limited to the weight itself, since weights cannot be negative).
    """
    winner = ev.winner
    if winner is None:
        return []
    ranked = [b for b in ev.bids if b.rank is not None and b.total is not None]
    if len(ranked) < 2:
        return []
    spec = ev.tender.award
    sign = 1.0 if ev.higher_wins else -1.0
    totals = {b.bid_id: sign * b.total for b in ranked}  # type: ignore[operator]
    shares: dict[str, dict[str, float]] = {}
    weights: dict[str, float] = {}
    for b in ranked:
        for s in b.scores:
            if s.max_points is None:
                continue  # a euro-value rule: its weight is a cap, not a linear factor
            w = spec.weights[s.criterion_id]
            weights[s.criterion_id] = w.magnitude
            shares.setdefault(s.criterion_id, {})[b.bid_id] = (
                (s.points or 0.0) / s.max_points if s.demonstrated else 0.0
            )
    if ev.higher_wins and spec.price is not None:
        weights["price"] = spec.price.points
        shares["price"] = {b.bid_id: (b.price_points or 0.0) / spec.price.points for b in ranked}
    out = []
    for key, weight in weights.items():
        f = shares[key]
        up: tuple[float, str] | None = None
        down: tuple[float, str] | None = None
        for b in ranked:
            j = b.bid_id
            if j == winner:
                continue
            gap = totals[winner] - totals[j]
            diff = f.get(j, 0.0) - f.get(winner, 0.0)
            if diff > 0:
                delta = gap / diff
                if up is None or delta < up[0]:
                    up = (delta, j)
            elif diff < 0:
                delta = gap / -diff
                if delta <= weight and (down is None or delta < down[0]):
                    down = (delta, j)
        out.append(
            {
                "weight": key,
                "value": weight,
                "increase_to_change": None if up is None else _clean(up[0]),
                "new_winner_if_increased": None if up is None else up[1],
                "decrease_to_change": None if down is None else _clean(down[0]),
                "new_winner_if_decreased": None if down is None else down[1],
            }
        )
    return out


def _clean(x: float) -> float:
    return 0.0 if math.isclose(x, 0.0, abs_tol=1e-12) else x
