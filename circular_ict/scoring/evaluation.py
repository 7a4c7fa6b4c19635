"""The result of an evaluation: per bid, every check, score and euro, with explanations.

An :class:`Evaluation` holds what the engine computed (nothing is recomputed
to display it): the requirement checks, the score of every award criterion
with the value offered, the converted value, the rule, the rule's points and
the weighted contribution, the price points or evaluated price, the total,
the rank, ties and any draw. It renders as text, Markdown and HTML (supplier
strings escaped), JSON (with the audit record of :mod:`circular_ict.audit`),
CSV (text cells neutralised), a pandas DataFrame and an Excel workbook (text
cells forced to text, so a supplier name starting with ``=`` never becomes a
formula), explains each bid in English or Dutch, and checks its own
robustness (rank reversal when a bid is removed, weight sensitivity).
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__

if TYPE_CHECKING:
    from ..audit import AuditRecord
    from ..model import Criterion
    from ..model.bid import Bid
    from ..model.metric import Metric
    from ..model.tender import Lot, Tender

__all__ = [
    "BidResult",
    "Co2Footprint",
    "CriterionScore",
    "Evaluation",
    "LccBreakdown",
    "RankEntry",
    "RequirementCheck",
    "Step",
]


@dataclass(frozen=True)
class Step:
    """One step of the pipeline, with the bids it excluded."""

    name: str
    description: str
    excluded: list[str]


@dataclass(frozen=True)
class RequirementCheck:
    """A requirement checked for one bid: ``pass``, ``fail`` or ``not_demonstrated``."""

    criterion_id: str
    status: str
    rule: str
    offered: str | None
    value: float | None
    unit: str | None
    reason: str


@dataclass(frozen=True)
class CriterionScore:
    """An award criterion scored for one bid.

    ``points`` are the rule's own points (out of ``max_points``), or euros for a
    euro-value rule; ``contribution`` is what they add to the total after the
    tender's weight (points, or euros of a fictitious price).
    """

    criterion_id: str
    offered: str | None
    value: float | None
    unit: str | None
    rule: str
    points: float | None
    max_points: float | None
    weight: str
    contribution: float
    contribution_unit: str
    demonstrated: bool


@dataclass(frozen=True)
class LccBreakdown:
    """The life-cycle cost of one bid by component (EUR)."""

    acquisition: float
    energy: float
    maintenance: float
    end_of_life: float
    residual_value: float
    co2_externality: float
    total: float
    assumptions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Co2Footprint:
    """The CO2 footprint of one bid's device (kg CO2e): embodied, use phase over the years of use, per year."""

    embodied: float
    use_phase: float
    total: float
    years_of_use: float
    per_device_year: float
    origins: tuple[str, ...] = ()
    """Where each input came from (declared by the bid, or a default)."""
    assumptions: tuple[str, ...] = ()


@dataclass(frozen=True)
class BidResult:
    """Everything the evaluation found for one bid."""

    bid_id: str
    supplier: str
    status: str
    """``ranked``, ``excluded`` (a requirement failed or was not demonstrated) or ``below_quality_threshold``."""
    requirements: tuple[RequirementCheck, ...]
    scores: tuple[CriterionScore, ...]
    quality: float | None
    price: float
    evaluated_price: float | None
    price_points: float | None
    total: float | None
    rank: int | None
    lcc: LccBreakdown | None = None
    co2: Co2Footprint | None = None


@dataclass(frozen=True)
class RankEntry:
    rank: int
    bid_id: str
    supplier: str
    total: float


@dataclass(frozen=True)
class Evaluation:
    """The evaluation of one lot of a tender."""

    tender: Tender
    lot: Lot
    criteria: tuple[Criterion, ...]
    bids: tuple[BidResult, ...]
    steps: tuple[Step, ...]
    ties: tuple[tuple[str, ...], ...]
    draw: dict[str, Any] | None
    higher_wins: bool
    bid_models: tuple[Bid, ...] = field(repr=False, default=())
    metrics: dict[str, Metric] = field(repr=False, default_factory=dict)
    audit: AuditRecord | None = field(repr=False, default=None)
    """What the evaluation was computed from (set by :func:`~circular_ict.scoring.api.score`); see
    :attr:`audit_record`."""

    # ------------------------------------------------------------------ access

    @property
    def ranking(self) -> list[RankEntry]:
        """Ranked bids, best first (ties share a rank unless a draw decided first place)."""
        ranked = [b for b in self.bids if b.rank is not None and b.total is not None]
        ranked.sort(key=lambda b: (b.rank, b.bid_id))
        return [RankEntry(b.rank, b.bid_id, b.supplier, b.total) for b in ranked]  # type: ignore[arg-type]

    @property
    def winner(self) -> str | None:
        """The bid ranked first, or None when first place is a tie that the tender leaves undecided."""
        firsts = [e.bid_id for e in self.ranking if e.rank == 1]
        return firsts[0] if len(firsts) == 1 else None

    def result(self, bid_id: str) -> BidResult:
        for b in self.bids:
            if b.bid_id == bid_id:
                return b
        raise KeyError(f"no bid {bid_id!r} in this evaluation")

    def _title(self, criterion_id: str, lang: str) -> str:
        for c in self.criteria:
            if c.id == criterion_id:
                return c.title.get(lang) or c.title.get("en") or criterion_id
        return criterion_id

    @property
    def total_unit(self) -> str:
        """What the totals are: points, EUR, EUR per point, or an index (value for money, utility index)."""
        method = self.tender.award.method if self.tender.award.basis == "best_price_quality" else None
        return {
            "weighted_points": "points",
            "fixed_price": "points",
            "price_per_quality_point": "EUR per point",
            "value_for_money": "index",
            "utility_index": "index",
        }.get(method or "", "EUR")

    @property
    def audit_record(self) -> AuditRecord:
        """The audit record: the one :func:`~circular_ict.scoring.api.score` made from the input files, or, for an
        evaluation of models, one that records the tender and bids as given in memory."""
        if self.audit is not None:
            return self.audit
        from ..audit import record_for

        return record_for(self)

    # ------------------------------------------------------------------ explanations

    def explain(self, bid_id: str, lang: str = "en") -> str:
        """A plain-language motivation for one bid, in English (``en``) or Dutch (``nl``)."""
        from .explain import explain_bid

        return explain_bid(self, self.result(bid_id), lang)

    # ------------------------------------------------------------------ robustness

    def rank_reversals(self) -> list[dict[str, Any]]:
        """For each ranked bid removed in turn: the pairs of other bids whose order changes.

        Under relative formulas (ratio to the lowest price, ratio to the best
        value) removing one bid can swap two others; absolute formulas never do.
        """
        from .robustness import rank_reversals

        return rank_reversals(self)

    def weight_sensitivity(self) -> list[dict[str, Any]]:
        """For each weight: how far it can move, others fixed, before the winner changes."""
        from .robustness import weight_sensitivity

        return weight_sensitivity(self)

    # ------------------------------------------------------------------ outputs

    def to_dict(self) -> dict[str, Any]:
        """Plain data: tender, lot, steps, ranking, ties, draw, every bid's details and the audit record."""
        return {
            "circular_ict_version": __version__,
            "tender": self.tender.id,
            "lot": self.lot.id,
            "award_basis": self.tender.award.basis,
            "method": self.tender.award.method,
            "total_unit": self.total_unit,
            "higher_wins": self.higher_wins,
            "steps": [asdict(s) for s in self.steps],
            "ranking": [asdict(e) for e in self.ranking],
            "ties": [list(t) for t in self.ties],
            "draw": self.draw,
            "bids": [asdict(b) for b in self.bids],
            "audit": self.audit_record.to_dict(),
        }

    def to_json(self, path: str | Path | None = None) -> str:
        """The evaluation as JSON (written atomically to ``path`` if given)."""
        text = json.dumps(self.to_dict(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
        if path is not None:
            from ..safeio import write_text_atomic

            write_text_atomic(path, text)
        return text

    def rows(self, lang: str = "en") -> list[dict[str, Any]]:
        """One row per bid: rank, bid, supplier, status, one column per award criterion, price, total."""
        criteria_ids = [s.criterion_id for b in self.bids for s in b.scores]
        columns = list(dict.fromkeys(criteria_ids))
        out = []
        for b in sorted(self.bids, key=lambda b: (b.rank is None, b.rank or 0, b.bid_id)):
            row: dict[str, Any] = {"rank": b.rank, "bid": b.bid_id, "supplier": b.supplier, "status": b.status}
            contrib = {s.criterion_id: s.contribution for s in b.scores}
            for cid in columns:
                row[cid] = contrib.get(cid)
            row["price [EUR]"] = b.price
            if any(x.evaluated_price is not None and x.evaluated_price != x.price for x in self.bids):
                row["evaluated price [EUR]"] = b.evaluated_price
            if b.price_points is not None or any(x.price_points is not None for x in self.bids):
                row["price points"] = b.price_points
            if any(x.co2 is not None for x in self.bids):
                row["CO2 [kg CO2e/device-year]"] = b.co2.per_device_year if b.co2 else None
            row[f"total [{self.total_unit}]"] = b.total
            out.append(row)
        return out

    def to_frame(self, lang: str = "en") -> Any:
        """The ranking table as a pandas DataFrame (needs the ``notebook`` extra)."""
        try:
            import pandas as pd
        except ImportError:  # pragma: no cover - depends on the environment
            raise ImportError("to_frame() needs pandas: pip install 'circular-ict[notebook]'") from None
        rows = self.rows(lang)
        frame = pd.DataFrame({k: [r.get(k) for r in rows] for k in (rows[0] if rows else {})})
        return frame

    def to_csv(self, path: str | Path | None = None, lang: str = "en") -> str:
        """The ranking table (:meth:`rows`) as CSV, text cells neutralised against formula injection (written
        atomically to ``path`` if given)."""
        from ..safeio import csv_text, write_text_atomic

        rows = self.rows(lang)
        headers = list(rows[0]) if rows else []
        text = csv_text(headers, ([r[h] for h in headers] for r in rows))
        if path is not None:
            write_text_atomic(path, text)
        return text

    def to_text(self, lang: str = "en") -> str:
        """The ranking as an aligned text table, followed by the steps."""
        from ..display import table

        rows = self.rows(lang)
        headers = list(rows[0]) if rows else []
        body = [[_fmt(r[h]) for h in headers] for r in rows]
        lines = [table(headers, body, max_width=40).rstrip()]
        lines += [
            f"{s.name}: {s.description}" + (f" (excluded: {', '.join(s.excluded)})" if s.excluded else "")
            for s in self.steps
        ]
        if self.ties:
            lines.append("ties: " + "; ".join(" = ".join(t) for t in self.ties))
        if self.draw:
            lines.append(f"draw (seed {self.draw['seed']}): {' > '.join(self.draw['order'])}")
        return "\n".join(lines) + "\n"

    def to_markdown(self, lang: str = "en") -> str:
        """The ranking as a Markdown table plus each bid's explanation."""
        rows = self.rows(lang)
        headers = list(rows[0]) if rows else []
        esc = _md_escape
        lines = [f"# {esc(self.tender.title.get(lang) or self.tender.id)} - {esc(self.lot.id)}", ""]
        lines += ["| " + " | ".join(esc(h) for h in headers) + " |", "|" + "---|" * len(headers)]
        lines += ["| " + " | ".join(esc(_fmt(r[h])) for h in headers) + " |" for r in rows]
        lines.append("")
        for b in self.bids:
            lines += [f"## {esc(b.bid_id)} ({esc(b.supplier)})", "", _md_paragraph(self.explain(b.bid_id, lang)), ""]
        return "\n".join(lines)

    def to_html(self, lang: str = "en") -> str:
        """The ranking as an HTML table; every supplier-provided string is escaped."""
        rows = self.rows(lang)
        headers = list(rows[0]) if rows else []
        head = "".join(f"<th>{html.escape(str(h))}</th>" for h in headers)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(_fmt(r[h]))}</td>" for h in headers) + "</tr>" for r in rows)
        title = html.escape(self.tender.title.get(lang) or self.tender.id)
        return f"<table><caption>{title}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_excel(self, path: str | Path, lang: str = "en") -> None:
        """Write the ranking and the per-criterion details to an .xlsx file (needs the ``excel`` extra)."""
        from .excel import write_evaluation_xlsx

        write_evaluation_xlsx(self, Path(path), lang)

    def plot(self, ax: Any = None, lang: str = "en") -> Any:
        """A stacked horizontal bar chart of each ranked bid's contributions (needs matplotlib); returns the Axes."""
        from .plotting import plot_contributions

        return plot_contributions(self, ax, lang)


def _fmt(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return "" if math.isnan(value) else f"{value:,.2f}"
    return str(value)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def _md_escape(text: str) -> str:
    """Plain text for Markdown, on one line: HTML-escaped, markup characters (table pipes too) backslash-escaped."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(re.sub(r"\s+", " ", str(text)), quote=False))


def _md_paragraph(text: str) -> str:
    """Multi-line plain text for Markdown: each line escaped as by :func:`_md_escape`."""
    return "\n".join(_md_escape(line) for line in text.splitlines())


def ordinal(n: int, lang: str) -> str:
    if lang == "nl":
        return f"{n}e"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def count_ranked(bids: Sequence[BidResult]) -> int:
    return sum(1 for b in bids if b.rank is not None)
