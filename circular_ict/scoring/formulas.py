"""Award-rule and price/cost formulas as plain functions over numpy arrays.

One function per method. Every docstring gives the formula in plain text, its
source (the section of the project's research note ``scoring-methods.md`` and
the note's source tag ``[S-nn]``), when to use it and its pitfalls. The pages
``docs/scoring/award-rules.md`` and ``docs/scoring/price-methods.md`` explain
the families with worked examples.

Conventions (the engine relies on them):

* Inputs are already converted to the metric's canonical unit (prices in EUR);
  there are no units and no pydantic models here. Per-bid inputs are 1-D
  arrays, one entry per bid, and every result is a new float64 array.
* A missing value is NaN and gives NaN: no formula turns NaN into 0. The engine
  decides what "not demonstrated" means.
* Relative formulas (ratio to best, ratio to the lowest price, linear between
  the lowest and the highest bid, log formula) take their reference from the
  non-NaN entries of the array they are given. The engine passes only the
  admissible bids: a bid excluded later changes the reference.
* Division by zero, an infinite value and degenerate inputs (all bids equal in a
  min-max formula, a zero price, no value to take a reference from) raise
  :class:`ValueError` with a message that says what is wrong; a formula never
  returns ``inf`` or NaN silently.
* Clamping to ``[0, points]`` is always an explicit argument: unclamped linear
  formulas can give negative points or more than ``points`` (lawful in some
  practices, scoring-methods.md §4 item 8).
* Functions return either POINTS (award rules and price-points methods) or
  EUROS (euro value, fictitious evaluation prices, basket prices); each
  docstring says which.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

__all__ = [
    "PIANOO_1_10_SCALE",
    "PRORAIL_CO2_LADDER_V3",
    "RWS_2023_SCALE",
    "FloatArray",
    "LevelTable",
    "UtilityIndex",
    "add_externality",
    "basket_price",
    "check_weights",
    "euro_value",
    "fictitious_discount",
    "fictitious_surcharge",
    "label_scale",
    "linear",
    "linear_min_max",
    "percentage_discount",
    "price_linear_bounds",
    "price_linear_from_lowest",
    "price_linear_min_max_bids",
    "price_log",
    "price_per_quality_point",
    "price_ratio_lowest",
    "ratio_to_best",
    "steps",
    "utility_index",
    "value_for_money",
    "weighted_sum",
    "yes_no",
]

FloatArray = npt.NDArray[np.float64]
"""A float64 numpy array (NaN = missing value)."""


# --------------------------------------------------------------------------- input checks


def _column(values: npt.ArrayLike, name: str) -> FloatArray:
    """A 1-D float64 array, one entry per bid; infinity is refused, NaN is kept."""
    arr = np.asarray(values, dtype=np.float64)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be a 1-D array with one value per bid, got shape {arr.shape}")
    _refuse_infinity(arr, name)
    return arr


def _refuse_infinity(arr: FloatArray, name: str) -> None:
    bad = np.flatnonzero(np.isinf(arr))
    if bad.size:
        raise ValueError(f"{name} has an infinite value at position {int(bad[0])}; give a finite number or NaN")


def _scalar(value: float, name: str) -> float:
    """A finite float."""
    x = float(value)
    if not math.isfinite(x):
        raise ValueError(f"{name} must be a finite number, got {x}")
    return x


def _max_points(points: float) -> float:
    p = _scalar(points, "points")
    if p <= 0:
        raise ValueError(f"points (the maximum a bid can earn) must be positive, got {p:g}")
    return p


def _reference(arr: FloatArray, name: str, highest: bool) -> float:
    """The highest (or lowest) non-NaN value: the reference of a relative formula."""
    known = arr[~np.isnan(arr)]
    if known.size == 0:
        what = "highest" if highest else "lowest"
        raise ValueError(
            f"{name}: no value to take the {what} from (the array is empty or all its {arr.size} values are NaN)"
        )
    return float(known.max() if highest else known.min())


def _positive_prices(prices: npt.ArrayLike, name: str = "prices") -> FloatArray:
    """Prices for a formula that divides by a price: every known price must be > 0."""
    arr = _column(prices, name)
    bad = np.flatnonzero(arr <= 0)  # NaN compares False: stays NaN
    if bad.size:
        i = int(bad[0])
        raise ValueError(
            f"{name} must be positive for this formula (it divides by a price), "
            f"but the value at position {i} is {arr[i]:g}"
        )
    return arr


def _same_length(a: FloatArray, b: FloatArray, a_name: str, b_name: str) -> None:
    if a.shape[0] != b.shape[0]:
        raise ValueError(f"{a_name} has {a.shape[0]} bids but {b_name} has {b.shape[0]}")


def _level_indices(levels_index: npt.ArrayLike, n_levels: int, name: str) -> tuple[FloatArray, npt.NDArray[np.intp]]:
    """Level indices as given (with NaN) and as integer positions (NaN replaced by 0, masked later)."""
    idx = _column(levels_index, name)
    known = ~np.isnan(idx)
    not_whole = np.flatnonzero(known & (idx != np.round(idx)))
    if not_whole.size:
        i = int(not_whole[0])
        raise ValueError(f"{name} must hold whole level indices, got {idx[i]:g} at position {i}")
    out_of_range = np.flatnonzero(known & ((idx < 0) | (idx >= n_levels)))
    if out_of_range.size:
        i = int(out_of_range[0])
        raise ValueError(
            f"{name} at position {i} is {idx[i]:g}, outside the {n_levels} levels of the table (0 to {n_levels - 1})"
        )
    return idx, np.where(known, idx, 0).astype(np.intp)


def _per_bid_total(values: npt.ArrayLike, n_bids: int, name: str) -> FloatArray:
    """A per-bid amount: a 1-D array as is, or a 2-D (bids x criteria) array summed per bid (NaN propagates)."""
    arr = np.asarray(values, dtype=np.float64)
    _refuse_infinity(arr, name)
    if arr.ndim == 2:
        arr = arr.sum(axis=1)
    elif arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D (one total per bid) or 2-D (bids x criteria), got shape {arr.shape}")
    if arr.shape[0] != n_bids:
        raise ValueError(f"{name} has {arr.shape[0]} bids but the prices have {n_bids}")
    return arr


# --------------------------------------------------------------------------- presets (data, not code)


@dataclass(frozen=True)
class LevelTable:
    """A published table with one value per ordinal level, lowest level first (a preset: data, not code).

    ``values`` are shares (fractions) of a maximum for a label scale, or
    discount fractions for a percentage-discount table. ``source`` names the
    publisher and the tag of ``scoring-methods.md``.
    """

    name: str
    levels: tuple[str, ...]
    values: tuple[float, ...]
    source: str

    def __post_init__(self) -> None:
        if len(self.levels) != len(self.values):
            raise ValueError(f"{self.name}: {len(self.levels)} levels but {len(self.values)} values")

    def as_array(self, scale: float = 1.0) -> FloatArray:
        """The values times ``scale`` (e.g. the criterion's maximum points or euros), lowest level first."""
        return np.asarray(self.values, dtype=np.float64) * _scalar(scale, "scale")

    def index(self, level: str) -> int:
        """The level index (0 = lowest level) of a level label."""
        try:
            return self.levels.index(level)
        except ValueError:
            raise ValueError(f"{self.name} has no level {level!r}; levels: {', '.join(self.levels)}") from None


RWS_2023_SCALE = LevelTable(
    name="Rijkswaterstaat BPKV scale (2023)",
    levels=("NR", "0", "1", "2", "3"),
    # share of the criterion's maximum quality value: NR -50 %, 0 -> 0 %, 1 -> 25 %, 2 -> 60 %, 3 -> 100 %
    values=(-0.50, 0.0, 0.25, 0.60, 1.00),
    source=(
        "Rijkswaterstaat, 'Beste Prijs Kwaliteit Verhouding (BPKV)', progressive 0-3 scale introduced in 2023 "
        "(scoring-methods.md §2.3) [S-22]"
    ),
)
"""Rijkswaterstaat's 2023 BPKV scale: NR/0/1/2/3 -> -50/0/25/60/100 % of the maximum [S-22].

NR ("adverse and/or risky") is the lowest level, so the ordinal metric's levels
must be listed in the order NR, 0, 1, 2, 3 for level index i to mean ``levels[i]``.
"""

PIANOO_1_10_SCALE = LevelTable(
    name="PIANOo gunnen-op-waarde 1-10 scale",
    levels=("1", "2", "3", "4", "5", "6", "7", "8", "9", "10"),
    # value(s) = V_max * (s - 1) / 9
    values=(0 / 9, 1 / 9, 2 / 9, 3 / 9, 4 / 9, 5 / 9, 6 / 9, 7 / 9, 8 / 9, 9 / 9),
    source=(
        "PIANOo, 'Beschrijving beoordelingsmethoden BPKV criteria', method 2 gunnen op waarde: "
        "linear from EUR 0 at score 1 to the maximum value at score 10 (scoring-methods.md §2.2) [S-24]"
    ),
)
"""PIANOo's 1-10 scale of gunnen op waarde: value(s) = V_max * (s - 1) / 9 [S-24]."""

PRORAIL_CO2_LADDER_V3 = LevelTable(
    name="ProRail CO2-Prestatieladder (v3.x) fictitious discount",
    levels=("1", "2", "3", "4", "5"),
    values=(0.01, 0.02, 0.04, 0.07, 0.10),
    source=(
        "ProRail's original table as reported by De Duurzame Adviseurs, 'Wat is fictief gunningvoordeel m.b.t. de "
        "CO2-Prestatieladder?' (scoring-methods.md §2.7) [S-46]; level 5 = 10 % corroborated [S-47], "
        "range 1-10 % [S-48]"
    ),
)
"""ProRail's CO2-Prestatieladder table (levels 1-5 of ladder v3.x): 1/2/4/7/10 % discount [S-46].

Bids without a certificate are not in the table: a tender that admits them must
state their discount (normally 0 %), e.g. ``np.concatenate(([0.0], PRORAIL_CO2_LADDER_V3.as_array()))``
with the levels ``none, 1, 2, 3, 4, 5``. The percentages of the 4.0 three-step
ladder were not retrieved.
"""


# --------------------------------------------------------------------------- award rules (points)


def linear(x: npt.ArrayLike, worst: float, best: float, points: float, clamp: bool) -> FloatArray:
    """POINTS growing linearly from 0 at ``worst`` to ``points`` at ``best`` (an absolute scale).

    Formula::

        pts_i = points * (x_i - worst) / (best - worst)
        clamp=True:  pts_i = min(max(pts_i, 0), points)

    Works in both directions: ``worst < best`` when higher is better,
    ``worst > best`` when lower is better (e.g. kWh per year).

    Source: scoring-methods.md §3.2 ``quant.linear_bounds``: a generic rule (no
    single published source, ✗), the analogue for a quality metric of the price
    formula between buyer-set bounds of Negometrix, "De gewogen factor methode"
    (§2.5) [S-32].

    When to use: a measurable criterion (warranty months, battery cycles,
    kWh/year) where the buyer can say in advance which value earns nothing and
    which earns everything. Being absolute, a bid's points do not depend on the
    other bids, so there is no rank reversal.

    Pitfalls: ``clamp`` must be declared. With ``clamp=False`` a value beyond
    ``best`` earns more than ``points`` and a value beyond ``worst`` earns
    negative points, which changes the effective weight of the criterion
    (§4 items 4 and 8); with ``clamp=True`` bids beyond ``best`` all tie on
    this criterion. Bounds set far from the bids compress the spread of points
    (the criterion weighs less than its nominal weight).

    Args:
        x: the converted metric value per bid (NaN = missing, gives NaN).
        worst: the value that earns 0 points.
        best: the value that earns ``points``.
        points: the maximum points of the criterion (> 0).
        clamp: clip the result to ``[0, points]``.

    Raises:
        ValueError: ``worst == best``, a bound or ``points`` not finite, ``points <= 0``.
    """
    values = _column(x, "x")
    lo, hi, top = _scalar(worst, "worst"), _scalar(best, "best"), _max_points(points)
    if lo == hi:
        raise ValueError(f"worst and best are the same value ({lo:g}): the linear scale has no length")
    pts = top * (values - lo) / (hi - lo)
    return np.clip(pts, 0.0, top) if clamp else pts


def ratio_to_best(x: npt.ArrayLike, points: float, higher_is_better: bool) -> FloatArray:
    """POINTS in proportion to the best bid's value (a relative scale).

    Formula::

        higher is better:  pts_i = points * x_i / x_max
        lower is better:   pts_i = points * x_min / x_i

    ``x_max`` and ``x_min`` are taken over the non-NaN entries (the admissible bids).

    Source: Mercell Sourcing, "Scoring the criteria" ("ratio to largest" /
    "ratio to smallest") [S-57]; Dutch Commissie van Aanbestedingsexperts advice
    on translation services, score = offered share / highest offered share
    [S-59]; scoring-methods.md §3.2 ``quant.ratio_best`` and ``quant.ratio_best_lower``.

    When to use: a ratio-scale metric (zero means "nothing") where the buyer has
    no sensible bounds in advance and wants the best bid to get all points.

    Pitfalls: relative: a bid's points depend on the best other bid, so adding or
    removing a bid rescales everyone and can reorder totals (rank reversal, §4
    item 1); an outlier best value squeezes all others (§4 item 2). The best bid
    always gets all points, so the criterion always hands out its maximum.
    Meaningless for interval scales (e.g. temperatures) and for negative values.

    Raises:
        ValueError: higher is better and a value is negative or the highest value
            is not positive; lower is better and a value is zero or negative;
            no non-NaN value to take the reference from.
    """
    values = _column(x, "x")
    top = _max_points(points)
    if higher_is_better:
        negative = np.flatnonzero(values < 0)
        if negative.size:
            i = int(negative[0])
            raise ValueError(f"ratio to best needs values >= 0, got {values[i]:g} at position {i}")
        best = _reference(values, "x", highest=True)
        if best <= 0:
            raise ValueError(f"ratio to best: the highest value is {best:g}; it must be positive to divide by it")
        return top * values / best
    not_positive = np.flatnonzero(values <= 0)
    if not_positive.size:
        i = int(not_positive[0])
        raise ValueError(
            f"ratio to best (lower is better) divides by each value: values must be > 0, "
            f"got {values[i]:g} at position {i}"
        )
    best = _reference(values, "x", highest=False)
    return top * best / values


def linear_min_max(x: npt.ArrayLike, points: float, higher_is_better: bool, floor: float | None = None) -> FloatArray:
    """POINTS linear between the worst and the best bid (or between a predefined value and the best bid).

    Formula::

        higher is better:  pts_i = points * (x_i - x_lo) / (x_hi - x_lo)
                           x_hi = highest bid, x_lo = floor if given, else the lowest bid
        lower is better:   pts_i = points * (x_hi - x_i) / (x_hi - x_lo)
                           x_lo = lowest bid, x_hi = floor if given, else the highest bid

    ``floor`` is the predefined value that earns 0 points in place of the worst
    bid: a predefined minimum when higher is better (Mercell's "minimum value
    defined for the criterion"), a predefined maximum when lower is better.

    Source: Mercell Sourcing, "Scoring the criteria": "ratio to the largest,
    linear" (with and without a minimum value) and "ratio to the smallest,
    linear" [S-57]; scoring-methods.md §3.2 ``quant.linear_min_max``. The
    variant of "ratio to the smallest, linear" with a buyer-defined maximum was
    truncated in the copy consulted (◐): here it mirrors the higher-is-better one.

    When to use: the buyer wants the full range of points used (worst bid 0,
    best bid ``points``) and has no bounds in advance.

    Pitfalls: doubly relative (both ends come from the bids): adding or removing
    any bid, even the last one, rescales everyone (rank reversal, §4 item 1) and
    a single outlier compresses the others (§4 item 2). The criterion always
    hands out its full range, however small the real differences (a 1 % spread
    is worth as much as a 100 % spread: effective vs nominal weight, §4 item 4).
    A value worse than ``floor`` gets negative points (not clamped); exclude it
    by a requirement, or clip the result if the documents say so.

    Raises:
        ValueError: all bids equal (no ``floor``), ``floor`` not on the worse
            side of the best bid, no non-NaN value.
    """
    values = _column(x, "x")
    top = _max_points(points)
    if higher_is_better:
        hi = _reference(values, "x", highest=True)
        lo = _reference(values, "x", highest=False) if floor is None else _scalar(floor, "floor")
        if floor is not None and lo >= hi:
            raise ValueError(f"floor ({lo:g}) must be below the highest bid ({hi:g}) when higher is better")
    else:
        lo = _reference(values, "x", highest=False)
        hi = _reference(values, "x", highest=True) if floor is None else _scalar(floor, "floor")
        if floor is not None and hi <= lo:
            raise ValueError(f"floor ({hi:g}) must be above the lowest bid ({lo:g}) when lower is better")
    if hi == lo:
        raise ValueError(
            f"all bids have the same value ({lo:g}): the min-max scale has no length; "
            "use an absolute rule (linear between declared bounds) or declare a floor"
        )
    if higher_is_better:
        return top * (values - lo) / (hi - lo)
    return top * (hi - values) / (hi - lo)


def _thresholds(values: Sequence[float | None] | npt.ArrayLike, name: str) -> FloatArray:
    if isinstance(values, Sequence) and not isinstance(values, str):
        values = [np.nan if v is None else v for v in values]
    arr = np.asarray(values, dtype=np.float64)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D (one entry per step), got shape {arr.shape}")
    _refuse_infinity(arr, name)
    return arr


def steps(
    x: npt.ArrayLike,
    thresholds_min: Sequence[float | None] | npt.ArrayLike,
    thresholds_max: Sequence[float | None] | npt.ArrayLike,
    step_points: npt.ArrayLike,
) -> FloatArray:
    """POINTS from a step table: a value earns the points of the best step it reaches.

    Step ``j`` has exactly one bound: "at least ``thresholds_min[j]``" or "at
    most ``thresholds_max[j]``" (the other is NaN or None). Formula::

        reached_ij = (x_i >= min_j) or (x_i <= max_j)
        pts_i      = max over the reached steps j of step_points[j];  0 if no step is reached
        pts_i      = NaN if x_i is NaN

    Source: scoring-methods.md §3.3 "step/ladder tables" (the CO2-Prestatieladder
    table, §2.7 [S-46], and the RWS scale [S-22] are tables of this kind) and
    PIANOo's "performance criteria ... fixed points for meeting a wish" [S-60];
    no published formula for a generic step table (✗): this is the rule the
    criteria model declares (a value earns the points of the best step it reaches).

    When to use: the documents publish thresholds ("at least 5 years: 10 points;
    at least 3 years: 5 points"). Steps with "at least" and "at most" may be
    mixed.

    Pitfalls: a value that reaches no step earns 0 points (it is a known value
    that earns nothing, unlike NaN, which stays NaN). Steps create cliffs: a
    value just below a threshold earns nothing more than a much worse one, which
    invites bids exactly at the thresholds. Steps are absolute: no rank reversal.

    Raises:
        ValueError: arrays of different lengths, no step, a step with both or
            neither bound, negative or non-finite step points.
    """
    values = _column(x, "x")
    mins = _thresholds(thresholds_min, "thresholds_min")
    maxs = _thresholds(thresholds_max, "thresholds_max")
    pts = np.asarray(step_points, dtype=np.float64)
    if pts.ndim != 1 or pts.size == 0:
        raise ValueError(f"step_points must be a non-empty 1-D array, got shape {pts.shape}")
    if not (mins.shape == maxs.shape == pts.shape):
        raise ValueError(
            f"thresholds_min, thresholds_max and step_points must have one entry per step, "
            f"got {mins.size}, {maxs.size} and {pts.size}"
        )
    bad_pts = np.flatnonzero(~np.isfinite(pts) | (pts < 0))
    if bad_pts.size:
        j = int(bad_pts[0])
        raise ValueError(f"step {j} has points {pts[j]:g}; step points must be finite and >= 0")
    has_min, has_max = ~np.isnan(mins), ~np.isnan(maxs)
    bad_steps = np.flatnonzero(has_min == has_max)
    if bad_steps.size:
        j = int(bad_steps[0])
        raise ValueError(f"step {j} needs exactly one of a minimum and a maximum")
    column = values[:, np.newaxis]
    reached = (column >= mins[np.newaxis, :]) | (column <= maxs[np.newaxis, :])  # NaN compares False
    earned = np.where(reached, pts[np.newaxis, :], 0.0).max(axis=1)
    return np.where(np.isnan(values), np.nan, earned)


def label_scale(levels_index: npt.ArrayLike, points_by_level: npt.ArrayLike) -> FloatArray:
    """POINTS (or euros) per ordinal level: ``pts_i = points_by_level[level_i]``.

    ``levels_index`` holds level indices (0 = the lowest level of the metric's
    ``levels``) or NaN. ``points_by_level`` lists the points of each level,
    lowest level first; values may be negative (a malus).

    Presets (data, not code): :data:`RWS_2023_SCALE` (Rijkswaterstaat 3/2/1/0/NR
    -> 100/60/25/0/-50 % of the maximum [S-22]) and :data:`PIANOO_1_10_SCALE`
    (PIANOo 1-10 gunnen op waarde, value(s) = V_max * (s - 1) / 9 [S-24]); use
    them as ``label_scale(idx, RWS_2023_SCALE.as_array(maximum))``.

    Source: scoring-methods.md §3.3 "expert-judgement scales": PIANOo 1-10 [S-24],
    RWS 0/1/2/3/NR [S-22], TNS Dimarso high/satisfactory/low [S-11]; the note
    advises modelling scales as data.

    When to use: judged quality (a plan, an approach) or a label with grades
    (bronze/silver/gold, EPEAT levels).

    Pitfalls: the points per level are a choice that sets the criterion's
    effective weight; scales of different lengths make weights meaningless
    (PIANOo webinar [S-25], §4 item 4). Setting aside bids below a grade (PIANOo:
    often done below 6 on the 1-10 scale) shortens the scale. Negative levels
    (RWS NR) raise a fictitious price.

    Raises:
        ValueError: a level index that is not a whole number or is outside the table.
    """
    table = np.asarray(points_by_level, dtype=np.float64)
    if table.ndim != 1 or table.size == 0:
        raise ValueError(f"points_by_level must be a non-empty 1-D array, got shape {table.shape}")
    bad = np.flatnonzero(~np.isfinite(table))
    if bad.size:
        raise ValueError(f"points_by_level has a non-finite value at level {int(bad[0])}")
    idx, positions = _level_indices(levels_index, table.size, "levels_index")
    return np.where(np.isnan(idx), np.nan, table[positions])


def yes_no(flags: npt.ArrayLike, points: float) -> FloatArray:
    """POINTS for a yes/no criterion: ``points`` where the flag is 1.0, 0 where it is 0.0, NaN where NaN.

    Formula::

        pts_i = points * flag_i,   flag_i in {1.0, 0.0, NaN}

    Source: PIANOo, "Opstellen BPKV-criteria": a performance criterion earns
    "fixed points for meeting a wish" [S-60]; scoring-methods.md §3.2/§3.3.

    When to use: a wish that is met or not (take-back service offered, a label
    held, spare parts guaranteed).

    Pitfalls: all bids that meet the wish tie on it, so the criterion does not
    discriminate among them; if every bid meets it, its weight is spent on
    nothing and the other criteria decide. A missing flag is NaN, not "no".

    Raises:
        ValueError: a flag other than 0.0, 1.0 or NaN.
    """
    values = _column(flags, "flags")
    top = _max_points(points)
    bad = np.flatnonzero(~np.isnan(values) & (values != 0.0) & (values != 1.0))
    if bad.size:
        i = int(bad[0])
        raise ValueError(f"flags must be 1.0, 0.0 or NaN, got {values[i]:g} at position {i}")
    return top * values


def euro_value(
    x: npt.ArrayLike,
    value_per_unit: float,
    baseline: float | None = None,
    cap: float | None = None,
    *,
    higher_is_better: bool = True,
) -> FloatArray:
    """EUROS of quality value for a measurable criterion (a "prestatiecriterium").

    Formula::

        higher is better:  V_i = min(max(0, x_i - baseline) * value_per_unit, cap)
        lower is better:   V_i = min(max(0, baseline - x_i) * value_per_unit, cap)

    ``baseline`` defaults to 0 when higher is better; ``cap`` to no cap.

    Source: PIANOo, "Opstellen BPKV-criteria": a performance criterion is
    "measurable unit x value per unit" [S-60]; scoring-methods.md §3.2
    ``quant.monetised``. The euro values feed :func:`fictitious_discount`
    (gunnen op waarde, §2.3).

    When to use: gunnen op waarde with a measurable metric, e.g. EUR 50 per
    month of warranty beyond 36 months, at most EUR 1,000.

    Pitfalls: the value per unit must reflect what the extra unit is worth to
    the buyer, or the effective weight of quality against price is arbitrary.
    Without a cap, an extreme offer can buy the contract (it can exceed the
    price difference it competes with). Values below the baseline earn 0, not
    a malus.

    Raises:
        ValueError: ``value_per_unit`` or ``cap`` negative or not finite;
            ``higher_is_better=False`` without a baseline.
    """
    values = _column(x, "x")
    per_unit = _scalar(value_per_unit, "value_per_unit")
    if per_unit < 0:
        raise ValueError(f"value_per_unit must be >= 0, got {per_unit:g}")
    if baseline is None and not higher_is_better:
        raise ValueError("a lower-is-better euro value needs a baseline (the value below which each unit earns)")
    base = 0.0 if baseline is None else _scalar(baseline, "baseline")
    gain = values - base if higher_is_better else base - values
    euros = np.maximum(gain, 0.0) * per_unit  # np.maximum keeps NaN
    if cap is None:
        return euros
    limit = _scalar(cap, "cap")
    if limit < 0:
        raise ValueError(f"cap must be >= 0, got {limit:g}")
    return np.minimum(euros, limit)


# --------------------------------------------------------------------------- price -> points


def price_ratio_lowest(P: npt.ArrayLike, points: float) -> FloatArray:
    """PRICE POINTS relative to the lowest price ("low bid scoring", proportional model).

    Formula::

        pts_i = points * P_min / P_i

    ``P_min`` is the lowest non-NaN price. A bid twice the lowest price gets half the points.

    Source: Negometrix/Mercell, "Relateer prijsscore aan laagste prijs" [S-33]
    (called the most used award formula in the world); Aanbestedingszaken.nl,
    "Puntenmodel" [S-55]; DFØ, "Regne om pris til poeng", proportional model
    [S-56] (World Bank QCBS financial score S_f = 100 * F_m / F);
    scoring-methods.md §2.5 and §3.1 ``price.ratio_lowest``.

    When to use: the common, well understood choice when prices are expected to
    be close together.

    Pitfalls: relative: the gap in points between two bids scales with P_min, so
    adding or removing a third bid, even a last-placed one, can swap the order
    of two others (rank reversal, §4 item 1). A very low (outlier or zero-price
    loss-leader) bid crushes everybody's price points (§4 item 2). Price always
    hands out its maximum, quality often does not: effective vs nominal weights
    (§4 item 4). The curve is convex, so price differences among dear bids count
    little, and evenly spread bids can tie (the "Goldilocks" example, §4 item 3).

    Raises:
        ValueError: a price <= 0 (division by zero), no non-NaN price.
    """
    prices = _positive_prices(P)
    return ratio_to_best(prices, points, higher_is_better=False)


def price_linear_bounds(P: npt.ArrayLike, points: float, p_lo: float, p_hi: float, clamp: bool) -> FloatArray:
    """PRICE POINTS linear between two buyer-set prices: ``p_lo`` earns all points, ``p_hi`` none.

    Formula::

        pts_i = points * (p_hi - P_i) / (p_hi - p_lo)
        clamp=True:  pts_i = min(max(pts_i, 0), points)

    Source: Negometrix, "De gewogen factor methode" [S-32] (P_setmin earns all
    price points, P_setmax none, linear in between); scoring-methods.md §2.5 and
    §3.1 ``price.linear_bounds``. The source does not say what happens outside
    the bounds (✗): ``clamp`` makes it a declared choice.

    When to use: the buyer knows the market well enough to publish a price range
    (e.g. from a budget and a market consultation) and wants absolute scoring:
    no rank reversal, a bid's points do not depend on the other bids.

    Pitfalls: bounds set too wide compress price points (price weighs less than
    its nominal weight); too narrow, and clamping makes all cheap bids tie on
    price, or without clamping a cheap bid earns more than ``points`` and a dear
    one negative points (§4 item 8).

    Raises:
        ValueError: ``p_hi <= p_lo``, non-finite bounds, an infinite price.
    """
    prices = _column(P, "prices")
    lo, hi = _scalar(p_lo, "p_lo"), _scalar(p_hi, "p_hi")
    if hi <= lo:
        raise ValueError(f"p_hi ({hi:g}) must be above p_lo ({lo:g}): p_lo earns all price points, p_hi none")
    return linear(prices, hi, lo, points, clamp)


def price_linear_from_lowest(P: npt.ArrayLike, points: float) -> FloatArray:
    """PRICE POINTS falling linearly from the lowest price: 0 points at twice the lowest price, negative beyond.

    Formula::

        pts_i = points - points * (P_i - P_min) / P_min

    Source: DFØ (Norway), "Veileder i evaluering av tilbud - Regne om pris til
    poeng", "basis lineær modell" (with points = 10) [S-56]; negative points when
    the spread exceeds 100 % are lawful (KOFA 2015/60) [S-56];
    scoring-methods.md §3.1 ``price.linear_from_lowest`` and §4 item 8.

    When to use: a relative price scale whose slope (points per percent above
    the lowest price) is the same everywhere, unlike the convex ratio-to-lowest curve.

    Pitfalls: relative to P_min, so it can reverse ranks when the lowest bid
    changes (§4 item 1); not clamped by design: a bid more than twice the lowest
    price earns negative points (clip the result yourself only if the documents say so).

    Raises:
        ValueError: a price <= 0, no non-NaN price.
    """
    prices = _positive_prices(P)
    top = _max_points(points)
    lowest = _reference(prices, "prices", highest=False)
    return top - top * (prices - lowest) / lowest


def price_linear_min_max_bids(P: npt.ArrayLike, points: float) -> FloatArray:
    """PRICE POINTS linear between the lowest bid (all points) and the highest bid (0 points).

    Formula::

        pts_i = points * (1 - |P_i - P_min| / |P_max - P_min|)

    Source: Mercell Sourcing, "ratio to the smallest, linear" (price-points
    page) [S-57]; scoring-methods.md §3.1 ``price.linear_min_max_bids``. The
    variant with a buyer-defined maximum was truncated in the copy consulted (◐):
    use :func:`price_linear_bounds` for buyer-set bounds.

    When to use: rarely; it always spreads price over the full range of points.

    Pitfalls: doubly relative: any bid, including the dearest, sets the scale,
    so removing the last-placed bid can reorder the rest (§4 item 1); a price
    spread of 1 % hands out as many points as a spread of 100 %, so price
    weighs far more than its nominal weight when bids are close (§4 item 4).

    Raises:
        ValueError: all prices equal (the scale has no length), no non-NaN price.
    """
    prices = _column(P, "prices")
    return linear_min_max(prices, points, higher_is_better=False)


def price_log(P: npt.ArrayLike, points: float, a: float) -> FloatArray:
    """PRICE POINTS by the log formula: all points at the lowest price, 0 points at ``a`` times the lowest price.

    Formula::

        pts_i = points * (1 - log(P_i / P_min) / log(a)),   a > 1

    Source: Negometrix, "De log formule" [S-34]; scoring-methods.md §2.5 and §3.1
    ``price.log``. In practice a = 1.5, 2 or 3.

    When to use: a relative price formula that keeps the order of the other bids
    when the lowest bid changes: the difference in points between two bids,
    points * log(P_j / P_i) / log(a), does not depend on P_min (§4 item 1).

    Pitfalls: bids dearer than a * P_min get negative points (§4 item 8), not
    clamped by design. A small ``a`` makes price very steep (price weighs more
    than its nominal weight). The cheapest bid still sets the zero point, so
    totals change (not the order of the others) when it is excluded.

    Raises:
        ValueError: ``a <= 1``, a price <= 0 (log of zero), no non-NaN price.
    """
    prices = _positive_prices(P)
    top = _max_points(points)
    base = _scalar(a, "a")
    if base <= 1:
        raise ValueError(f"the log formula needs a > 1 (the multiple of the lowest price that earns 0), got {base:g}")
    lowest = _reference(prices, "prices", highest=False)
    return top * (1.0 - np.log(prices / lowest) / math.log(base))


# --------------------------------------------------------------------------- fictitious (evaluation) prices


def fictitious_discount(P: npt.ArrayLike, quality_value_eur: npt.ArrayLike) -> FloatArray:
    """EVALUATION PRICE in EUR for gunnen op waarde: the price minus the euro value of quality; lowest wins.

    Formula::

        eval_i = P_i - sum_c V_ic

    ``quality_value_eur`` is either one total per bid (1-D) or a bids x criteria
    array of euro values (2-D, summed per bid). Euro values may be negative (a
    malus, e.g. RWS "NR" = -50 %), which raises the evaluation price.

    Source: PIANOo, "Beschrijving beoordelingsmethoden BPKV criteria", method 2
    gunnen op waarde [S-24]; Negometrix, "Gunnen op waarde" [S-26]
    (fictitious score = P_i - Q_i(EUR)); DFØ, "Prissetting av kvalitet" [S-29];
    scoring-methods.md §2.3 and §3.1 ``price.fictitious_discount``.

    When to use: the buyer can say what each quality is worth in euros (works
    contracts, RWS BPKV; gunnen op waarde). Absolute: no rank reversal.

    Pitfalls: the evaluation price is only for ranking; the contract price stays
    the offered price [S-29]. Quality values larger than the realistic price
    spread let quality decide everything (and the reverse); the euro values are
    the weights. Whether a later percentage discount (CO2-Prestatieladder)
    applies to the raw or the discounted price must be stated in the documents
    (§2.7, no source on the order).

    Raises:
        ValueError: shapes that do not match, an infinite value.
    """
    prices = _column(P, "prices")
    return prices - _per_bid_total(quality_value_eur, prices.shape[0], "quality_value_eur")


def fictitious_surcharge(P: npt.ArrayLike, penalty_eur: npt.ArrayLike) -> FloatArray:
    """EVALUATION PRICE in EUR with a fictitious surcharge for quality shortfalls; lowest wins.

    Formula::

        eval_i = P_i + sum_c penalty_ic,   penalty_ic >= 0

    ``penalty_eur`` is one total per bid (1-D) or a bids x criteria array (2-D).

    Source: DFØ (Norway), "Prissetting av kvalitet som evalueringsmodell": start
    from an ideal quality and raise the price by how far the bid falls short
    [S-29], [S-30]; scoring-methods.md §2.4 and §3.1 ``price.fictitious_surcharge``.
    (Abakus' percentage surcharge [S-31] is ◐: its exact operator is not
    confirmed, so this module leaves it out.)

    When to use: the buyer describes the ideal and prices the shortfalls (the
    mirror image of :func:`fictitious_discount`).

    Pitfalls: as for the discount: the evaluation price is only for ranking, and
    the euro penalties are the weights. A bonus is not a negative penalty: use
    :func:`fictitious_discount` for values that lower the price.

    Raises:
        ValueError: a negative penalty, shapes that do not match, an infinite value.
    """
    prices = _column(P, "prices")
    penalties = np.asarray(penalty_eur, dtype=np.float64)
    negative = np.argwhere(penalties < 0)
    if negative.size:
        where = tuple(int(i) for i in negative[0])
        raise ValueError(
            f"penalty_eur must be >= 0 (a surcharge), got {penalties[where]:g} at {where}; "
            "use fictitious_discount for values that lower the price"
        )
    return prices + _per_bid_total(penalties, prices.shape[0], "penalty_eur")


def percentage_discount(P: npt.ArrayLike, level_index: npt.ArrayLike, table: npt.ArrayLike) -> FloatArray:
    """EVALUATION PRICE in EUR with a percentage discount per level (CO2-Prestatieladder style); lowest wins.

    Formula::

        eval_i = P_i * (1 - k[level_i]),   0 <= k < 1

    ``table`` lists the discount fraction per level, lowest level first;
    ``level_index`` holds level indices (0 = lowest) or NaN. Preset:
    :data:`PRORAIL_CO2_LADDER_V3` (levels 1-5: 1/2/4/7/10 %) [S-46].

    Source: De Duurzame Adviseurs, "Wat is fictief gunningvoordeel m.b.t. de
    CO2-Prestatieladder?" (ProRail table) [S-46]; ProRail [S-44] and
    Rijkswaterstaat [S-45] on the mechanism; scoring-methods.md §2.7 and §3.1
    ``price.pct_discount_table``. The percentages are set by each authority [S-46].

    When to use: an award advantage for a certified level (a ladder, a label)
    that scales with the contract value.

    Pitfalls: the discount is on the price, so its effect grows with the price:
    a dear bid gains more euros than a cheap one at the same level. Whether k
    applies to the raw price or to a price already reduced by other fictitious
    discounts must be stated in the documents (§2.7); this function applies it
    to the ``P`` it is given. The level becomes a contract obligation (RWS
    sanction: 1.5 x the advantage [S-45]).

    Raises:
        ValueError: a fraction outside [0, 1), a level index outside the table
            or not whole, shapes that do not match.
    """
    prices = _column(P, "prices")
    k = np.asarray(table, dtype=np.float64)
    if k.ndim != 1 or k.size == 0:
        raise ValueError(f"table must be a non-empty 1-D array of discount fractions, got shape {k.shape}")
    bad = np.flatnonzero(~np.isfinite(k) | (k < 0) | (k >= 1))
    if bad.size:
        j = int(bad[0])
        raise ValueError(f"the discount at level {j} is {k[j]:g}; fractions must be in [0, 1) (0.04 for 4 %)")
    idx, positions = _level_indices(level_index, k.size, "level_index")
    _same_length(prices, idx, "prices", "level_index")
    return np.where(np.isnan(idx), np.nan, prices * (1.0 - k[positions]))


def add_externality(P: npt.ArrayLike, externality: npt.ArrayLike, factor: float) -> FloatArray:
    """EVALUATION PRICE in EUR with environmental costs added (MKI-W style); lowest wins.

    Formula::

        eval_i = P_i + factor * externality_i

    Source: Inkoopjobs.nl, "Vernieuwde waardering milieukosten zet zoden aan de
    dijk": MKI-W, standard at Rijkswaterstaat since 27 May 2024, adds the
    environmental cost (MKI, EUR) times a valuation factor to the bid sum [S-52]
    (pilot: [S-50]); scoring-methods.md §2.8 and §3.1 ``price.add_externality``.
    The value of RWS's factor was not retrieved (✗): it is a tender parameter.

    When to use: the externality is already in euros (MKI from an LCA, or
    kg CO2e x a carbon price) and should count against the price one-for-one
    (``factor`` = 1) or weighted.

    Pitfalls: the externality must be computed with the same method and data for
    every bid (Directive 2014/24/EU art. 68(2), §1.2); the factor is the weight
    of environment against price.

    Raises:
        ValueError: a negative or non-finite factor, shapes that do not match.
    """
    prices = _column(P, "prices")
    costs = _column(externality, "externality")
    _same_length(prices, costs, "prices", "externality")
    f = _scalar(factor, "factor")
    if f < 0:
        raise ValueError(f"factor must be >= 0, got {f:g}")
    return prices + f * costs


# --------------------------------------------------------------------------- price/quality ratios


def price_per_quality_point(P: npt.ArrayLike, Q: npt.ArrayLike) -> FloatArray:
    """RATIO in EUR per quality point: ``P_i / Q_i``; the LOWEST ratio wins.

    Source: Oracle Procurement Cloud 24C, "How Response Rank Using Weights and
    Scores Is Calculated" ("price to total score ratio", lowest preferred) [S-37];
    PIANOo's "prijs/kwaliteitverhouding" (method 3) is the same family [S-24];
    scoring-methods.md §2.6 and §3.1 ``ratio.price_per_quality``.

    When to use: "most quality per euro" when quality is a ratio scale (a
    quality of 0 means no quality at all).

    Pitfalls: implicitly 10 % more quality justifies 10 % more price, whatever
    the published weights; a tiny quality score explodes the ratio; quality on
    an interval scale (e.g. 1-10 with 1 as "worst" rather than "nothing") makes
    the ratio meaningless. PIANOo: needs insight into the expected spread of
    quality scores.

    Raises:
        ValueError: a quality score <= 0, shapes that do not match.
    """
    prices = _column(P, "prices")
    quality = _column(Q, "Q")
    _same_length(prices, quality, "prices", "Q")
    bad = np.flatnonzero(quality <= 0)
    if bad.size:
        i = int(bad[0])
        raise ValueError(f"Q must be > 0 (it is divided by), got {quality[i]:g} at position {i}")
    return prices / quality


def value_for_money(P: npt.ArrayLike, Q: npt.ArrayLike, x: float) -> FloatArray:
    """INDEX ``(Q_i / P_i) * x``; the HIGHEST index wins ("value for money 50/50").

    ``Q`` is the quality score in percent; ``x`` a readability constant
    (Negometrix advises a value near the expected prices, so the index is near 1 x Q).

    Source: Negometrix, "Value for money 50/50 index" [S-38]; scoring-methods.md
    §2.6 and §3.1 ``ratio.price_per_quality``.

    When to use: as :func:`price_per_quality_point`, with "higher is better".

    Pitfalls: the weights are fixed at 50/50 in the sense that 10 % more quality
    justifies 10 % more price [S-38]; ``x`` changes the numbers, never the order.

    Raises:
        ValueError: a price <= 0, ``x <= 0``, shapes that do not match.
    """
    prices = _positive_prices(P)
    quality = _column(Q, "Q")
    _same_length(prices, quality, "prices", "Q")
    constant = _scalar(x, "x")
    if constant <= 0:
        raise ValueError(f"x (the readability constant) must be > 0, got {constant:g}")
    return quality / prices * constant


class UtilityIndex(NamedTuple):
    """The result of :func:`utility_index`, one entry per bid."""

    u: FloatArray
    """The utility index U_i (the best bid has the highest U; 1.0 for the cheapest bid of best quality)."""
    equivalent_price: FloatArray
    """EUR: the price at which the bid would have tied with the best bid, U_i / U_best * P_i."""
    price_deficit: FloatArray
    """EUR: how much too dear the bid is to tie with the best bid, P_i - equivalent_price_i (0 for the best)."""


def utility_index(P: npt.ArrayLike, Q: npt.ArrayLike, w_quality: float, w_price: float) -> UtilityIndex:
    """UTILITY INDEX (highest wins), with each bid's equivalent price and price deficit in EUR.

    Formula::

        N       = w_quality / w_price
        U_i     = [(1 - (Q_best - Q_i) * N) / P_i] * P_best
        equivalent_price_i = U_i / U_best * P_i
        price_deficit_i    = P_i - equivalent_price_i

    ``Q`` is the (weighted) quality score as a fraction 0-1; ``Q_best`` the
    highest quality, ``P_best`` the lowest price and ``U_best`` the highest U,
    all over the non-NaN entries.

    Source: Negometrix, "De utility index", and the Mercell knowledge-base page
    with its numeric example (Q 90/80/60 %, P 1000/875/600, weights 60/40:
    U = 0.600/0.5829/0.550, deficits EUR 0/25/50) [S-39]; scoring-methods.md
    §2.6 and §3.1 ``ratio.utility_index``.

    When to use: value for money with unequal weights: N says how many percent
    of price one percent of quality may cost. The price deficit is a readable
    motivation for the losing bids ("EUR 25 too dear to tie").

    Pitfalls: relative to both the best quality and the lowest price; a quality
    gap of more than 1/N makes U negative. Q must be a fraction, not a percentage.

    Raises:
        ValueError: a price <= 0, Q outside [0, 1], ``w_price <= 0``,
            ``w_quality < 0``, shapes that do not match, no complete bid.
    """
    prices = _positive_prices(P)
    quality = _column(Q, "Q")
    _same_length(prices, quality, "prices", "Q")
    bad = np.flatnonzero((quality < 0) | (quality > 1))
    if bad.size:
        i = int(bad[0])
        raise ValueError(f"Q must be a fraction in [0, 1] (0.8 for 80 %), got {quality[i]:g} at position {i}")
    wq, wp = _scalar(w_quality, "w_quality"), _scalar(w_price, "w_price")
    if wp <= 0 or wq < 0:
        raise ValueError(f"w_price must be > 0 and w_quality >= 0, got w_quality={wq:g}, w_price={wp:g}")
    n = wq / wp
    q_best = _reference(quality, "Q", highest=True)
    p_best = _reference(prices, "prices", highest=False)
    u = (1.0 - (q_best - quality) * n) / prices * p_best
    u_best = _reference(u, "U (a bid with both a price and a quality score)", highest=True)
    if u_best <= 0:
        raise ValueError(f"the highest utility index is {u_best:g}; it must be positive to compare with it")
    equivalent = u / u_best * prices
    return UtilityIndex(u=u, equivalent_price=equivalent, price_deficit=prices - equivalent)


# --------------------------------------------------------------------------- basket, weights


def basket_price(quantities: npt.ArrayLike, unit_prices: npt.ArrayLike) -> FloatArray:
    """PRICE in EUR of a representative basket per bid: ``P_i = sum_k quantities_k * unit_prices_ik``.

    ``quantities`` has one entry per basket line (k); ``unit_prices`` is a bids x
    lines array. A missing unit price (NaN) makes the bid's basket price NaN,
    also on a line with quantity 0.

    Source: DFØ (Norway), "Veileder i evaluering av tilbud - Lavest pris eller
    lavest kostnad" (evaluate a representative basket) [S-58];
    scoring-methods.md §3.1 ``basket``.

    When to use: framework agreements and price lists, where the total contract
    price is not known and bids quote unit prices.

    Pitfalls: the basket's quantities decide the result; publish them, and make
    them realistic, or bidders price lines strategically (zero prices on some
    lines, allowed in principle in Dutch case law unless manipulative, §4 item 9
    [S-71]).

    Raises:
        ValueError: a negative or non-finite quantity, shapes that do not match.
    """
    qty = np.asarray(quantities, dtype=np.float64)
    if qty.ndim != 1:
        raise ValueError(f"quantities must be 1-D (one per basket line), got shape {qty.shape}")
    bad = np.flatnonzero(~np.isfinite(qty) | (qty < 0))
    if bad.size:
        k = int(bad[0])
        raise ValueError(f"quantities must be finite and >= 0, got {qty[k]:g} on line {k}")
    prices = np.asarray(unit_prices, dtype=np.float64)
    if prices.ndim != 2 or prices.shape[1] != qty.shape[0]:
        raise ValueError(
            f"unit_prices must be a bids x lines array with {qty.shape[0]} lines, got shape {prices.shape}"
        )
    _refuse_infinity(prices, "unit_prices")
    totals: FloatArray = (prices * qty[np.newaxis, :]).sum(axis=1)
    return totals


def weighted_sum(points_matrix: npt.ArrayLike, weights: npt.ArrayLike) -> FloatArray:
    """TOTAL POINTS per bid: ``total_i = sum_k weights_k * points_ik`` (the points system).

    ``points_matrix`` is bids x criteria. When the weight is already built into
    each criterion's maximum points (a 30-point criterion), pass weights of 1.
    A NaN anywhere in a bid's row gives a NaN total (also with weight 0): the
    engine decides what a missing score means. Check the declared total with
    :func:`check_weights` first.

    Source: PIANOo, "Beschrijving beoordelingsmethoden BPKV criteria", method 1
    puntensysteem / gewogen factorenmethode (weighted points = score x weight,
    highest total wins) [S-24]; scoring-methods.md §2.2.

    When to use: best price-quality ratio with points (the most used method in
    NL for supplies and services).

    Pitfalls: nominal weights are not effective weights: a criterion on which all
    bids score alike weighs nothing, and price (relative formulas) always hands
    out its maximum while quality rarely does (§4 item 4). Scales of different
    lengths make the weights meaningless [S-25]. Compare totals exactly; no
    tolerance band (§4 item 7).

    Raises:
        ValueError: shapes that do not match, a negative or non-finite weight.
    """
    pts = np.asarray(points_matrix, dtype=np.float64)
    w = np.asarray(weights, dtype=np.float64)
    if pts.ndim != 2:
        raise ValueError(f"points_matrix must be 2-D (bids x criteria), got shape {pts.shape}")
    if w.ndim != 1 or w.shape[0] != pts.shape[1]:
        raise ValueError(f"weights must have one entry per criterion ({pts.shape[1]}), got shape {w.shape}")
    _refuse_infinity(pts, "points_matrix")
    bad = np.flatnonzero(~np.isfinite(w) | (w < 0))
    if bad.size:
        k = int(bad[0])
        raise ValueError(f"weights must be finite and >= 0, got {w[k]:g} for criterion {k}")
    totals: FloatArray = (pts * w[np.newaxis, :]).sum(axis=1)
    return totals


def _exact(value: float | int | Decimal | Fraction, name: str) -> Fraction:
    """The number as written: a float is read through its shortest repr (0.1 is 1/10, not the binary value)."""
    if isinstance(value, bool):
        raise ValueError(f"{name} must be a number, got {value!r}")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int | np.integer):
        return Fraction(int(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{name} must be finite, got {value}")
        return Fraction(value)
    if isinstance(value, float | np.floating):
        if not math.isfinite(float(value)):
            raise ValueError(f"{name} must be finite, got {value}")
        return Fraction(Decimal(repr(float(value))))
    raise ValueError(f"{name} must be a number, got {value!r}")


def _show(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    as_float = float(value)
    return repr(as_float) if Fraction(Decimal(repr(as_float))) == value else f"{value} (about {as_float!r})"


def check_weights(
    weights: Sequence[float | int | Decimal | Fraction], total: float | int | Decimal | Fraction
) -> FloatArray:
    """Check that the weights sum EXACTLY to the declared total; return them as a float64 array.

    The sum is exact for the numbers as written (decimal arithmetic on each
    float's shortest representation, so 33.3 + 33.3 + 33.4 is exactly 100). There
    is no silent renormalisation: a mismatch raises.

    Source: Directive 2014/24/EU art. 67(5) and Aanbestedingswet 2012 art. 2.115
    (the relative weighting is published) [S-02], [S-20]; TNS Dimarso, C-6/15: an
    evaluation method may not alter the published weights [S-10]; OCDS award
    criteria: percentages sum to 100, decimals to 1 [S-40]; scoring-methods.md
    §1.1, §1.3, §6.2.

    When to use: before :func:`weighted_sum`, with the total the documents
    declare (100 points, 100 %, 1).

    Pitfalls: renormalising weights that do not add up would change the
    published relative weights (TNS Dimarso); the error asks for the documents
    to be corrected instead.

    Raises:
        ValueError: the sum differs from ``total`` (the message gives both), a
            negative or non-finite weight, no weights.
    """
    if len(weights) == 0:
        raise ValueError("no weights to check")
    exact = [_exact(w, f"weight {k}") for k, w in enumerate(weights)]
    for k, w in enumerate(exact):
        if w < 0:
            raise ValueError(f"weight {k} is {_show(w)}; weights must be >= 0")
    expected = _exact(total, "total")
    got = sum(exact, Fraction(0))
    if got != expected:
        raise ValueError(
            f"the weights sum to {_show(got)}, not to the declared total {_show(expected)}; "
            "weights are never renormalised: correct the weights or the declared total"
        )
    return np.asarray([float(w) for w in weights], dtype=np.float64)
