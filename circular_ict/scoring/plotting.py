"""A stacked bar chart of each ranked bid's contributions (matplotlib, object-oriented API, no pyplot state)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .evaluation import Evaluation

__all__ = ["plot_contributions"]


def plot_contributions(ev: Evaluation, ax: Any = None, lang: str = "en") -> Any:
    """Horizontal stacked bars, one per ranked bid (best on top); returns the Axes."""
    try:
        from matplotlib.figure import Figure
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError("plot() needs matplotlib: pip install 'circular-ict[notebook]'") from None
    if ax is None:
        ax = Figure(figsize=(8, 1 + 0.5 * len(ev.bids))).add_subplot()
    ranked = [ev.result(e.bid_id) for e in ev.ranking]
    labels = [f"{b.rank}. {b.bid_id}" for b in ranked]
    ids = list(dict.fromkeys(s.criterion_id for b in ranked for s in b.scores))
    left = [0.0] * len(ranked)
    for cid in ids:
        widths = [next((s.contribution for s in b.scores if s.criterion_id == cid), 0.0) for b in ranked]
        ax.barh(labels, widths, left=left, label=ev._title(cid, lang))
        left = [a + w for a, w in zip(left, widths, strict=True)]
    if ev.higher_wins:
        price = [b.price_points or 0.0 for b in ranked]
        ax.barh(labels, price, left=left, label="price" if lang == "en" else "prijs")
    ax.invert_yaxis()
    ax.set_xlabel(
        ev.total_unit if lang == "en" else {"points": "punten", "EUR": "euro"}.get(ev.total_unit, ev.total_unit)
    )
    ax.legend(loc="lower right", fontsize="small")
    return ax
