"""Tests of circular_ict.scoring.formulas: hand-worked numbers, published examples and properties.

Every expected number is written as the arithmetic that gives it, with the source of the formula (the tags
of scoring-methods.md). Tests named ``test_docs_*`` mirror a worked example of docs/scoring/award-rules.md
(examples A1-A8) or docs/scoring/price-methods.md (examples B1-B11); change both together.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from circular_ict.scoring import formulas as f

NAN = float("nan")


def same(actual: np.ndarray, expected: list[float], rel: float = 1e-12) -> None:
    """Equal value by value, NaN where NaN is expected."""
    actual = np.asarray(actual, dtype=float)
    wanted = np.asarray(expected, dtype=float)
    assert actual.shape == wanted.shape
    assert np.array_equal(np.isnan(actual), np.isnan(wanted)), (actual, wanted)
    known = ~np.isnan(wanted)
    assert actual[known] == pytest.approx(wanted[known], rel=rel, abs=1e-9)


# =========================================================================== award rules


class TestLinear:
    """linear: pts = points * (x - worst) / (best - worst); scoring-methods.md §3.2, analogue of [S-32]."""

    def test_docs_a1_warranty_clamped_and_not(self) -> None:
        # award-rules.md, example A1: worst 24 months, best 48 months, 20 points
        x = [12, 36, 48, 60]
        same(
            f.linear(x, 24, 48, 20, clamp=True),
            [
                0,  # 20 * (12 - 24) / 24 = -10, clamped to 0
                20 * (36 - 24) / (48 - 24),  # = 10
                20,  # 20 * 24 / 24
                20,  # 20 * (60 - 24) / 24 = 30, clamped to 20
            ],
        )
        same(f.linear(x, 24, 48, 20, clamp=False), [-10, 10, 20, 30])

    def test_docs_a1_lower_is_better(self) -> None:
        # award-rules.md, example A1: worst 200 kWh/year, best 100, 10 points
        same(f.linear([150, 100, 250], 200, 100, 10, clamp=True), [10 * (150 - 200) / (100 - 200), 10, 0])  # 5, 10, 0
        same(f.linear([250], 200, 100, 10, clamp=False), [10 * (250 - 200) / (100 - 200)])  # = -5

    def test_nan_propagates(self) -> None:
        same(f.linear([NAN, 36], 24, 48, 20, clamp=True), [NAN, 10])
        same(f.linear([NAN], 24, 48, 20, clamp=False), [NAN])

    def test_equal_bounds_raise(self) -> None:
        with pytest.raises(ValueError, match="same value"):
            f.linear([1.0], 3, 3, 10, clamp=True)

    @pytest.mark.parametrize("bad", [0.0, -5.0, math.inf, math.nan])
    def test_bad_points_raise(self, bad: float) -> None:
        with pytest.raises(ValueError, match="points"):
            f.linear([1.0], 0, 2, bad, clamp=True)

    def test_infinite_value_raises(self) -> None:
        with pytest.raises(ValueError, match="infinite value at position 1"):
            f.linear([1.0, math.inf], 0, 2, 10, clamp=True)

    def test_two_dimensional_input_raises(self) -> None:
        with pytest.raises(ValueError, match="1-D"):
            f.linear([[1.0, 2.0]], 0, 2, 10, clamp=True)

    @given(
        a=st.floats(-1e6, 1e6),
        b=st.floats(-1e6, 1e6),
        worst=st.floats(-1e3, 1e3),
        span=st.floats(0.1, 1e3),
        clamp=st.booleans(),
        higher=st.booleans(),
    )
    def test_monotone_in_the_better_direction(
        self, a: float, b: float, worst: float, span: float, clamp: bool, higher: bool
    ) -> None:
        best = worst + span if higher else worst - span
        lo, hi = min(a, b), max(a, b)
        p_lo, p_hi = f.linear([lo, hi], worst, best, 10, clamp)
        if higher:
            assert p_lo <= p_hi
        else:
            assert p_lo >= p_hi
        if clamp:
            assert 0 <= p_lo <= 10
            assert 0 <= p_hi <= 10


class TestRatioToBest:
    """ratio_to_best: points * x / x_max or points * x_min / x; Mercell [S-57], CvAE [S-59]."""

    def test_docs_a2_higher_is_better(self) -> None:
        # award-rules.md, example A2: 800, 1000, 500 cycles, 40 points
        same(f.ratio_to_best([800, 1000, 500], 40, higher_is_better=True), [40 * 800 / 1000, 40, 40 * 500 / 1000])

    def test_docs_a2_lower_is_better(self) -> None:
        # award-rules.md, example A2: 100, 125, 200 kWh/year, 10 points
        same(f.ratio_to_best([100, 125, 200], 10, higher_is_better=False), [10, 10 * 100 / 125, 10 * 100 / 200])

    def test_reference_ignores_nan(self) -> None:
        # x_max over the non-NaN entries = 1000: 40 * 800 / 1000 = 32
        same(f.ratio_to_best([800, NAN, 1000], 40, higher_is_better=True), [32, NAN, 40])

    def test_zero_counts_as_nothing_when_higher_is_better(self) -> None:
        same(f.ratio_to_best([0, 50], 10, higher_is_better=True), [0, 10])

    def test_zero_or_negative_reference_raises(self) -> None:
        with pytest.raises(ValueError, match="highest value is 0"):
            f.ratio_to_best([0, 0], 10, higher_is_better=True)
        with pytest.raises(ValueError, match=r"values >= 0, got -1 at position 1"):
            f.ratio_to_best([5, -1], 10, higher_is_better=True)
        with pytest.raises(ValueError, match=r"must be > 0, got 0 at position 0"):
            f.ratio_to_best([0, 5], 10, higher_is_better=False)

    def test_all_nan_raises(self) -> None:
        with pytest.raises(ValueError, match="all its 2 values are NaN"):
            f.ratio_to_best([NAN, NAN], 10, higher_is_better=True)


class TestLinearMinMax:
    """linear_min_max: points * (x - x_lo) / (x_hi - x_lo); Mercell "ratio to the largest, linear" [S-57]."""

    def test_docs_a3_between_lowest_and_highest_bid(self) -> None:
        # award-rules.md, example A3: 4, 5, 7 years, 30 points
        same(f.linear_min_max([4, 5, 7], 30, higher_is_better=True), [0, 30 * (5 - 4) / (7 - 4), 30])  # 0, 10, 30

    def test_docs_a3_predefined_minimum(self) -> None:
        # award-rules.md, example A3: predefined minimum 3 years
        same(
            f.linear_min_max([4, 5, 7], 30, higher_is_better=True, floor=3),
            [30 * (4 - 3) / (7 - 3), 30 * (5 - 3) / (7 - 3), 30],  # 7.5, 15, 30
        )

    def test_docs_a3_lower_is_better(self) -> None:
        # award-rules.md, example A3: 100, 150, 200 kWh/year, 10 points
        same(f.linear_min_max([100, 150, 200], 10, higher_is_better=False), [10, 10 * (200 - 150) / 100, 0])

    def test_lower_is_better_with_a_predefined_maximum(self) -> None:
        # 10 * (250 - 150) / (250 - 100) = 6.667; a bid above the floor gets 10 * (250 - 300) / 150 = -3.333
        same(
            f.linear_min_max([100, 150, 300], 10, higher_is_better=False, floor=250),
            [10, 10 * 100 / 150, 10 * (250 - 300) / 150],
        )

    def test_below_the_floor_gives_negative_points(self) -> None:
        # 30 * (2 - 3) / (7 - 3) = -7.5 (not clamped)
        same(f.linear_min_max([2, 7], 30, higher_is_better=True, floor=3), [-7.5, 30])

    def test_nan_propagates(self) -> None:
        same(f.linear_min_max([4, NAN, 7], 30, higher_is_better=True), [0, NAN, 30])

    def test_all_equal_raises(self) -> None:
        with pytest.raises(ValueError, match="same value"):
            f.linear_min_max([5, 5, NAN], 30, higher_is_better=True)
        with pytest.raises(ValueError, match="same value"):
            f.linear_min_max([5], 30, higher_is_better=False)

    def test_floor_on_the_wrong_side_raises(self) -> None:
        with pytest.raises(ValueError, match="below the highest bid"):
            f.linear_min_max([4, 7], 30, higher_is_better=True, floor=7)
        with pytest.raises(ValueError, match="above the lowest bid"):
            f.linear_min_max([4, 7], 30, higher_is_better=False, floor=3)


class TestSteps:
    """steps: a value earns the points of the best step it reaches; scoring-methods.md §3.3, [S-60]."""

    def test_docs_a4_at_least_steps(self) -> None:
        # award-rules.md, example A4: >= 36 months: 5 points, >= 60 months: 10 points
        same(f.steps([24, 36, 48, 60, NAN], [36, 60], [None, None], [5, 10]), [0, 5, 5, 10, NAN])

    def test_docs_a4_at_most_steps(self) -> None:
        # award-rules.md, example A4: <= 150 kWh: 3 points, <= 100 kWh: 6 points
        same(f.steps([90, 120, 200], [NAN, NAN], [150, 100], [3, 6]), [6, 3, 0])

    def test_mixed_steps_take_the_best_reached(self) -> None:
        # steps: >= 10 -> 2 points, <= 3 -> 7 points; 12 reaches only the first, 2 only the second, 5 none
        same(f.steps([12, 2, 5], np.array([10, NAN]), np.array([NAN, 3]), [2, 7]), [2, 7, 0])

    def test_order_of_steps_does_not_matter(self) -> None:
        # the best step reached, not the last or the first listed: 60 reaches both, max(10, 5) = 10
        same(f.steps([60, 40], [60, 36], [None, None], [10, 5]), [10, 5])

    def test_bad_tables_raise(self) -> None:
        with pytest.raises(ValueError, match="exactly one of a minimum and a maximum"):
            f.steps([1], [1], [2], [5])
        with pytest.raises(ValueError, match="exactly one of a minimum and a maximum"):
            f.steps([1], [None], [None], [5])
        with pytest.raises(ValueError, match="one entry per step"):
            f.steps([1], [1, 2], [None], [5])
        with pytest.raises(ValueError, match="finite and >= 0"):
            f.steps([1], [1], [None], [-5])
        with pytest.raises(ValueError, match="non-empty"):
            f.steps([1], [], [], [])


class TestLabelScale:
    """label_scale: points_by_level[level]; RWS 2023 scale [S-22], PIANOo 1-10 [S-24]."""

    def test_docs_a5_rws_scale(self) -> None:
        # award-rules.md, example A5: NR, 0, 1, 2, 3 with a maximum of EUR 100,000
        # -50 %, 0 %, 25 %, 60 %, 100 % of 100,000
        levels = [f.RWS_2023_SCALE.index(s) for s in ("NR", "0", "1", "2", "3")]
        same(
            f.label_scale([*levels, NAN], f.RWS_2023_SCALE.as_array(100_000)),
            [-0.5 * 100_000, 0, 0.25 * 100_000, 0.60 * 100_000, 100_000, NAN],
        )

    def test_rws_preset_is_the_published_table(self) -> None:
        # scoring-methods.md §2.3 [S-22]: 3 -> 100 %, 2 -> 60 %, 1 -> 25 %, 0 -> 0 %, NR -> -50 %
        table = dict(zip(f.RWS_2023_SCALE.levels, f.RWS_2023_SCALE.values, strict=True))
        assert table == {"3": 1.00, "2": 0.60, "1": 0.25, "0": 0.0, "NR": -0.50}
        assert "[S-22]" in f.RWS_2023_SCALE.source

    def test_docs_a5_pianoo_scale(self) -> None:
        # award-rules.md, example A5: value(s) = V_max * (s - 1) / 9 with V_max = EUR 9,000 [S-24]
        scores = [1, 7, 10]
        same(
            f.label_scale([f.PIANOO_1_10_SCALE.index(str(s)) for s in scores], f.PIANOO_1_10_SCALE.as_array(9000)),
            [9000 * (1 - 1) / 9, 9000 * (7 - 1) / 9, 9000 * (10 - 1) / 9],  # 0, 6000, 9000
        )

    def test_pianoo_preset_is_linear_from_1_to_10(self) -> None:
        # scoring-methods.md §2.2 [S-24]: EUR 0 at score 1, the maximum at score 10, linear in between
        for s, share in zip(range(1, 11), f.PIANOO_1_10_SCALE.values, strict=True):
            assert share == pytest.approx((s - 1) / 9)
        assert f.PIANOO_1_10_SCALE.levels == tuple(str(s) for s in range(1, 11))

    def test_custom_scale(self) -> None:
        # bronze/silver/gold -> 10/20/30 points
        same(f.label_scale([2, 0, 1], [10, 20, 30]), [30, 10, 20])

    def test_bad_indices_raise(self) -> None:
        with pytest.raises(ValueError, match="outside the 3 levels"):
            f.label_scale([3], [10, 20, 30])
        with pytest.raises(ValueError, match="outside the 3 levels"):
            f.label_scale([-1], [10, 20, 30])
        with pytest.raises(ValueError, match="whole level indices"):
            f.label_scale([1.5], [10, 20, 30])
        with pytest.raises(ValueError, match="no level 'gold'"):
            f.RWS_2023_SCALE.index("gold")


class TestYesNo:
    """yes_no: points * flag; PIANOo "fixed points for meeting a wish" [S-60]."""

    def test_docs_a6_take_back(self) -> None:
        # award-rules.md, example A6: 10 points; yes -> 10 * 1, no -> 10 * 0, not stated -> NaN
        same(f.yes_no([1.0, 0.0, NAN], 10), [10, 0, NAN])

    def test_other_flags_raise(self) -> None:
        with pytest.raises(ValueError, match=r"1.0, 0.0 or NaN, got 2 at position 1"):
            f.yes_no([1.0, 2.0], 10)


class TestEuroValue:
    """euro_value: min(max(0, x - baseline) * value_per_unit, cap); PIANOo prestatiecriterium [S-60]."""

    def test_docs_a7_warranty(self) -> None:
        # award-rules.md, example A7: EUR 50 per month beyond 36 months, at most EUR 1,000
        same(
            f.euro_value([24, 48, 60, NAN], 50, baseline=36, cap=1000),
            [0, (48 - 36) * 50, 1000, NAN],  # 0 (below the baseline), 600, min(1200, 1000), NaN
        )

    def test_docs_a7_lower_is_better(self) -> None:
        # award-rules.md, example A7: EUR 2 per kWh/year below 100: (100 - 80) * 2 = 40; above 100: 0
        same(f.euro_value([80, 120], 2, baseline=100, higher_is_better=False), [(100 - 80) * 2, 0])

    def test_no_baseline_no_cap(self) -> None:
        # baseline 0: 3 * 25 = 75
        same(f.euro_value([3], 25), [75])

    def test_bad_arguments_raise(self) -> None:
        with pytest.raises(ValueError, match="value_per_unit must be >= 0"):
            f.euro_value([1], -5)
        with pytest.raises(ValueError, match="cap must be >= 0"):
            f.euro_value([1], 5, cap=-1)
        with pytest.raises(ValueError, match="needs a baseline"):
            f.euro_value([1], 5, higher_is_better=False)


class TestWeights:
    """weighted_sum: sum_k w_k * pts_ik (PIANOo puntensysteem [S-24]); check_weights: exact sum (TNS Dimarso [S-10])."""

    def test_docs_a8_weighted_total(self) -> None:
        # award-rules.md, example A8: weights 0.1, 0.2, 0.7
        points = [[10.0, 10.0, 7.5], [0.0, 5.0, 10.0]]
        same(
            f.weighted_sum(points, [0.1, 0.2, 0.7]),
            [0.1 * 10 + 0.2 * 10 + 0.7 * 7.5, 0.1 * 0 + 0.2 * 5 + 0.7 * 10],  # 8.25, 8
        )

    def test_docs_a8_effective_weights(self) -> None:
        # award-rules.md, example A8: A and B differ by 0.1 * 10 + 0.2 * 5 = 2 on quality, 0.7 * 2.5 = 1.75 on price
        quality = f.weighted_sum([[10, 10], [0, 5]], [0.1, 0.2])
        price = f.weighted_sum([[7.5], [10.0]], [0.7])
        assert quality[0] - quality[1] == pytest.approx(2.0)
        assert price[1] - price[0] == pytest.approx(1.75)

    def test_docs_a8_weights_must_add_up(self) -> None:
        # award-rules.md, example A8: 30 + 10 + 59 = 99, not 100
        with pytest.raises(ValueError, match="the weights sum to 99, not to the declared total 100"):
            f.check_weights([30, 10, 59], 100)
        same(f.check_weights([0.1, 0.2, 0.7], 1), [0.1, 0.2, 0.7])

    def test_exact_sum_of_decimal_weights(self) -> None:
        # ten weights of 0.1 add up to 1 as written, although in floating point sum() gives 0.9999999999999999
        assert sum([0.1] * 10) != 1
        same(f.check_weights([0.1] * 10, 1), [0.1] * 10)
        same(f.check_weights([33.3, 33.3, 33.4], 100), [33.3, 33.3, 33.4])

    def test_exact_types_are_accepted(self) -> None:
        # 33.3 + 30 + 36.7 = 100 with a Decimal, an int and a Fraction
        same(f.check_weights([Decimal("33.3"), 30, Fraction(367, 10)], 100), [33.3, 30, 36.7])

    def test_no_silent_renormalisation(self) -> None:
        # 0.1 + 0.2 + 0.69 = 0.99: raised, never rescaled
        with pytest.raises(ValueError, match=r"sum to 0\.99, not to the declared total 1;.*never renormalised"):
            f.check_weights([0.1, 0.2, 0.69], 1)

    def test_bad_weights_raise(self) -> None:
        with pytest.raises(ValueError, match="must be >= 0"):
            f.check_weights([110, -10], 100)
        with pytest.raises(ValueError, match="no weights"):
            f.check_weights([], 100)
        with pytest.raises(ValueError, match="finite"):
            f.check_weights([math.nan, 100], 100)
        with pytest.raises(ValueError, match="one entry per criterion"):
            f.weighted_sum([[1, 2]], [1])
        with pytest.raises(ValueError, match="finite and >= 0"):
            f.weighted_sum([[1, 2]], [1, -1])

    def test_nan_propagates(self) -> None:
        # a missing score gives a missing total, even with weight 0
        same(f.weighted_sum([[1.0, NAN], [1.0, 2.0]], [1, 0]), [NAN, 1])


# =========================================================================== price points

PRICES_B1 = [800.0, 1000.0, 1200.0]


class TestPriceRatioLowest:
    """price_ratio_lowest: points * P_min / P; Negometrix [S-33], Aanbestedingszaken [S-55], DFØ [S-56]."""

    def test_docs_b1(self) -> None:
        # price-methods.md, example B1: 40 points
        same(f.price_ratio_lowest(PRICES_B1, 40), [40, 40 * 800 / 1000, 40 * 800 / 1200])  # 40, 32, 26.67

    def test_twice_the_lowest_price_gets_half_the_points(self) -> None:
        # [S-33]: a bid twice the lowest price gets half the price points: 60 * 500 / 1000 = 30
        same(f.price_ratio_lowest([500, 1000], 60), [60, 30])

    def test_world_bank_qcbs(self) -> None:
        # [S-56] QCBS financial score S_f = 100 * F_m / F: 100 * 80 / 100 = 80
        same(f.price_ratio_lowest([80, 100], 100), [100, 80])

    def test_nan_and_zero_price(self) -> None:
        same(f.price_ratio_lowest([NAN, 400, 800], 10), [NAN, 10, 5])
        with pytest.raises(ValueError, match=r"must be positive.*position 1 is 0"):
            f.price_ratio_lowest([100, 0], 10)
        with pytest.raises(ValueError, match="NaN"):
            f.price_ratio_lowest([NAN], 10)

    @given(
        prices=st.lists(st.floats(1.0, 1e7), min_size=1, max_size=8),
        scale=st.floats(1e-3, 1e3),
    )
    def test_scaling_all_prices_leaves_points_unchanged(self, prices: list[float], scale: float) -> None:
        before = f.price_ratio_lowest(prices, 40)
        after = f.price_ratio_lowest([p * scale for p in prices], 40)
        assert after == pytest.approx(before, rel=1e-9)


class TestPriceLinearBounds:
    """price_linear_bounds: points * (p_hi - P) / (p_hi - p_lo); Negometrix "De gewogen factor methode" [S-32]."""

    def test_docs_b1(self) -> None:
        # price-methods.md, example B1: bounds EUR 700-1,500, 40 points
        expected = [40 * (1500 - 800) / 800, 40 * (1500 - 1000) / 800, 40 * (1500 - 1200) / 800]  # 35, 25, 15
        same(f.price_linear_bounds(PRICES_B1, 40, 700, 1500, clamp=True), expected)
        same(f.price_linear_bounds(PRICES_B1, 40, 700, 1500, clamp=False), expected)

    def test_docs_b2_outside_the_bounds(self) -> None:
        # price-methods.md, example B2: 40 * (1500 - 1600) / 800 = -5 unclamped, 0 clamped;
        # 600 < p_lo: 40 * (1500 - 600) / 800 = 45 unclamped, 40 clamped
        same(f.price_linear_bounds([1600, 600], 40, 700, 1500, clamp=False), [-5, 45])
        same(f.price_linear_bounds([1600, 600], 40, 700, 1500, clamp=True), [0, 40])

    def test_bounds_in_the_wrong_order_raise(self) -> None:
        with pytest.raises(ValueError, match="p_hi"):
            f.price_linear_bounds([1000], 40, 1500, 700, clamp=True)
        with pytest.raises(ValueError, match="p_hi"):
            f.price_linear_bounds([1000], 40, 700, 700, clamp=True)


class TestPriceLinearFromLowest:
    """price_linear_from_lowest: points - points * (P - P_min) / P_min; DFØ basis linear model [S-56]."""

    def test_docs_b1(self) -> None:
        # price-methods.md, example B1: 40 - 40 * 200 / 800 = 30, 40 - 40 * 400 / 800 = 20
        same(f.price_linear_from_lowest(PRICES_B1, 40), [40, 30, 20])

    def test_docs_b2_negative_points_allowed(self) -> None:
        # price-methods.md, example B2: 40 - 40 * (2000 - 800) / 800 = -20 (KOFA 2015/60: lawful) [S-56]
        same(f.price_linear_from_lowest([800, 2000], 40), [40, -20])

    def test_dfo_ten_point_scale(self) -> None:
        # DFØ uses 10 points: 10 % above the lowest price loses one point: 10 - 10 * (1100 - 1000) / 1000 = 9
        same(f.price_linear_from_lowest([1000, 1100], 10), [10, 10 - 10 * (1100 - 1000) / 1000])

    def test_zero_price_raises(self) -> None:
        with pytest.raises(ValueError, match="must be positive"):
            f.price_linear_from_lowest([0, 100], 10)


class TestPriceLinearMinMaxBids:
    """price_linear_min_max_bids: points * (1 - |P - P_min| / |P_max - P_min|); Mercell [S-57]."""

    def test_docs_b1(self) -> None:
        # price-methods.md, example B1: 40 * (1 - 200 / 400) = 20, 40 * (1 - 400 / 400) = 0
        same(f.price_linear_min_max_bids(PRICES_B1, 40), [40, 20, 0])

    def test_nan_and_all_equal(self) -> None:
        same(f.price_linear_min_max_bids([100, NAN, 200], 10), [10, NAN, 0])
        with pytest.raises(ValueError, match="same value"):
            f.price_linear_min_max_bids([100, 100], 10)


class TestPriceLog:
    """price_log: points * (1 - log(P / P_min) / log a); Negometrix "De log formule" [S-34]."""

    def test_docs_b1(self) -> None:
        # price-methods.md, example B1: a = 1.5; 40 * (1 - ln 1.25 / ln 1.5) = 17.986; 1200 = 1.5 * 800 -> 0
        same(
            f.price_log(PRICES_B1, 40, 1.5),
            [40, 40 * (1 - math.log(1.25) / math.log(1.5)), 0],
        )
        assert f.price_log(PRICES_B1, 40, 1.5)[1] == pytest.approx(17.99, abs=0.005)

    def test_docs_b2_negative_beyond_a_times_the_lowest(self) -> None:
        # price-methods.md, example B2: 40 * (1 - ln 2.5 / ln 1.5) = -50.39
        pts = f.price_log([800, 2000], 40, 1.5)
        assert pts[1] == pytest.approx(40 * (1 - math.log(2.5) / math.log(1.5)))
        assert pts[1] == pytest.approx(-50.39, abs=0.005)

    def test_a_times_the_lowest_price_earns_zero(self) -> None:
        # [S-34]: with A = 2 a bid twice as dear as the lowest gets 0 price points; the lowest gets all
        same(f.price_log([100, 200, 300], 50, 2), [50, 0, 50 * (1 - math.log2(3))])

    def test_difference_does_not_depend_on_the_lowest_price(self) -> None:
        # [S-34]: pts_j - pts_i = points * log(P_i / P_j) / log a, whatever P_min is
        without = f.price_log([1000, 1250], 50, 2)
        with_cheaper = f.price_log([1000, 1250, 500], 50, 2)
        assert without[0] - without[1] == pytest.approx(with_cheaper[0] - with_cheaper[1])
        assert without[0] - without[1] == pytest.approx(50 * math.log(1250 / 1000) / math.log(2))

    @given(
        p_i=st.floats(10, 1e6),
        p_j=st.floats(10, 1e6),
        p_min=st.floats(1, 10),
        a=st.floats(1.1, 5),
    )
    def test_difference_property(self, p_i: float, p_j: float, p_min: float, a: float) -> None:
        one = f.price_log([p_i, p_j], 50, a)
        two = f.price_log([p_i, p_j, p_min], 50, a)
        assert one[0] - one[1] == pytest.approx(two[0] - two[1], rel=1e-9, abs=1e-9)

    def test_bad_a_and_price_raise(self) -> None:
        with pytest.raises(ValueError, match="a > 1"):
            f.price_log([100], 50, 1)
        with pytest.raises(ValueError, match="a > 1"):
            f.price_log([100], 50, 0.5)
        with pytest.raises(ValueError, match="must be positive"):
            f.price_log([100, -1], 50, 2)


PRICE_POINT_METHODS = {
    "ratio_lowest": lambda p: f.price_ratio_lowest(p, 40),
    "linear_bounds_clamped": lambda p: f.price_linear_bounds(p, 40, 500, 5000, clamp=True),
    "linear_bounds": lambda p: f.price_linear_bounds(p, 40, 500, 5000, clamp=False),
    "linear_from_lowest": lambda p: f.price_linear_from_lowest(p, 40),
    "log": lambda p: f.price_log(p, 40, 2),
}


@pytest.mark.parametrize("method", sorted(PRICE_POINT_METHODS))
@given(prices=st.lists(st.floats(1.0, 1e6), min_size=2, max_size=8))
def test_price_points_never_reward_a_higher_price(method: str, prices: list[float]) -> None:
    """Monotonicity: a dearer bid never gets more price points than a cheaper one (all price formulas)."""
    pts = PRICE_POINT_METHODS[method](prices)
    order = np.argsort(prices, kind="stable")
    assert np.all(np.diff(pts[order]) <= 1e-9)


@given(prices=st.lists(st.floats(1.0, 1e6), min_size=2, max_size=8).filter(lambda p: max(p) > min(p)))
def test_min_max_bids_monotone(prices: list[float]) -> None:
    pts = f.price_linear_min_max_bids(prices, 40)
    order = np.argsort(prices, kind="stable")
    assert np.all(np.diff(pts[order]) <= 1e-9)


# --------------------------------------------------------------------------- pitfalls (§4)


def test_docs_b3_rank_reversal_with_ratio_lowest_not_with_log() -> None:
    """price-methods.md, example B3; scoring-methods.md §4 item 1 [S-61], log formula [S-34]."""
    quality = np.array([30.0, 38.0, 0.0])  # A, B, C quality points (of 50)
    prices = np.array([100.0, 125.0, 50.0])  # A, B, C

    # ratio to lowest, A and B only: A = 30 + 50 * 100 / 100 = 80, B = 38 + 50 * 100 / 125 = 78 -> A ahead
    two = quality[:2] + f.price_ratio_lowest(prices[:2], 50)
    same(two, [80, 78])
    # C enters (EUR 50, no quality): A = 30 + 50 * 50 / 100 = 55, B = 38 + 50 * 50 / 125 = 58, C = 0 + 50 = 50
    three = quality + f.price_ratio_lowest(prices, 50)
    same(three, [55, 58, 50])
    assert two[0] > two[1]
    assert three[0] < three[1]  # the order of A and B is swapped
    assert three[2] < three[:2].min()  # by a bid that finishes last

    # log formula, a = 2: A = 30 + 50 = 80, B = 38 + 50 * (1 - log2 1.25) = 71.90
    two_log = quality[:2] + f.price_log(prices[:2], 50, 2)
    same(two_log, [80, 38 + 50 * (1 - math.log2(1.25))])
    # with C: A = 30 + 50 * (1 - log2 2) = 30, B = 38 + 50 * (1 - log2 2.5) = 21.90 (price points -16.10)
    three_log = quality + f.price_log(prices, 50, 2)
    same(three_log, [30, 38 + 50 * (1 - math.log2(2.5)), 50])
    assert two_log[0] > two_log[1]
    assert three_log[0] > three_log[1]  # order of A and B kept
    assert two_log[0] - two_log[1] == pytest.approx(three_log[0] - three_log[1])  # 8.10 both times
    assert two_log[0] - two_log[1] == pytest.approx(8.10, abs=0.005)


def test_docs_b4_goldilocks_tie() -> None:
    """price-methods.md, example B4; scoring-methods.md §4 item 3 (Denfield [S-62]), ratio to lowest [S-33]."""
    q = np.array([50.0, 75.0, 100.0])  # quality %
    p = np.array([50.0, 75.0, 100.0])  # price
    quality_points = f.ratio_to_best(q, 50, higher_is_better=True)  # 50 * Q / 100: 25, 37.5, 50
    same(quality_points, [25, 37.5, 50])
    price_points = f.price_ratio_lowest(p, 50)  # 50 * 50 / P: 50, 33.33, 25
    same(price_points, [50, 50 * 50 / 75, 25])
    total = f.weighted_sum(np.column_stack([quality_points, price_points]), [1, 1])
    # 25 + 50 = 75, 37.5 + 33.33 = 70.83, 50 + 25 = 75
    same(total, [75, 37.5 + 50 * 50 / 75, 75])
    assert total[0] == total[2] == 75.0  # an exact tie between the cheapest and the best bid
    assert total[1] < total[0]  # the balanced bid comes last


# =========================================================================== fictitious prices


class TestFictitiousDiscount:
    """fictitious_discount: P - sum V; PIANOo [S-24], Negometrix [S-26], DFØ [S-29]."""

    def test_docs_b5_gunnen_op_waarde_with_the_rws_scale(self) -> None:
        # price-methods.md, example B5: two criteria of at most EUR 10,000 on the RWS scale [S-22]
        by_level = f.RWS_2023_SCALE.as_array(10_000)
        level = f.RWS_2023_SCALE.index
        values = np.column_stack(
            [
                f.label_scale([level("2"), level("1")], by_level),  # A: 6,000; B: 2,500
                f.label_scale([level("3"), level("NR")], by_level),  # A: 10,000; B: -5,000
            ]
        )
        same(
            f.fictitious_discount([100_000, 90_000], values),
            [100_000 - (6_000 + 10_000), 90_000 - (2_500 - 5_000)],  # 84,000 and 92,500
        )

    def test_one_total_per_bid(self) -> None:
        # 100,000 - 12,000 = 88,000; 95,000 - 3,000 = 92,000
        same(f.fictitious_discount([100_000, 95_000], [12_000, 3_000]), [88_000, 92_000])

    def test_nan_propagates_from_any_criterion(self) -> None:
        same(f.fictitious_discount([100, 100], [[1.0, NAN], [1.0, 2.0]]), [NAN, 97])

    def test_shapes_must_match(self) -> None:
        with pytest.raises(ValueError, match="has 1 bids but the prices have 2"):
            f.fictitious_discount([100, 100], [1])


class TestFictitiousSurcharge:
    """fictitious_surcharge: P + sum penalties; DFØ prissetting av kvalitet [S-29][S-30]."""

    def test_docs_b6(self) -> None:
        # price-methods.md, example B6: 100,000 + 5,000 + 2,000 = 107,000; 104,000 + 0 = 104,000
        same(f.fictitious_surcharge([100_000, 104_000], [[5_000, 2_000], [0, 0]]), [107_000, 104_000])

    def test_negative_penalty_raises(self) -> None:
        with pytest.raises(ValueError, match="use fictitious_discount"):
            f.fictitious_surcharge([100], [-5])

    def test_nan_propagates(self) -> None:
        same(f.fictitious_surcharge([100, NAN], [NAN, 5]), [NAN, NAN])


class TestPercentageDiscount:
    """percentage_discount: P * (1 - k(level)); ProRail CO2-Prestatieladder table [S-46]."""

    def test_prorail_preset_is_the_published_table(self) -> None:
        # scoring-methods.md §2.7 [S-46]: levels 1-5 -> 1 %, 2 %, 4 %, 7 %, 10 %
        assert f.PRORAIL_CO2_LADDER_V3.levels == ("1", "2", "3", "4", "5")
        assert f.PRORAIL_CO2_LADDER_V3.values == (0.01, 0.02, 0.04, 0.07, 0.10)
        assert "[S-46]" in f.PRORAIL_CO2_LADDER_V3.source

    def test_docs_b7(self) -> None:
        # price-methods.md, example B7: 200,000 * (1 - 0.10) = 180,000; 190,000 * (1 - 0.01) = 188,100;
        # 185,000 * (1 - 0.04) = 177,600
        level = f.PRORAIL_CO2_LADDER_V3.index
        same(
            f.percentage_discount(
                [200_000, 190_000, 185_000], [level("5"), level("1"), level("3")], f.PRORAIL_CO2_LADDER_V3.as_array()
            ),
            [180_000, 188_100, 177_600],
        )

    def test_no_certificate_level_added_by_the_tender(self) -> None:
        # levels none, 1..5 with 0 % for none: 100 * (1 - 0) = 100; level 2: 100 * (1 - 0.02) = 98
        table = np.concatenate(([0.0], f.PRORAIL_CO2_LADDER_V3.as_array()))
        same(f.percentage_discount([100, 100, 100], [0, 2, NAN], table), [100, 98, NAN])

    def test_bad_tables_raise(self) -> None:
        with pytest.raises(ValueError, match=r"\[0, 1\)"):
            f.percentage_discount([100], [0], [4])  # 4 instead of 0.04
        with pytest.raises(ValueError, match=r"\[0, 1\)"):
            f.percentage_discount([100], [0], [-0.01])
        with pytest.raises(ValueError, match="outside the 5 levels"):
            f.percentage_discount([100], [5], f.PRORAIL_CO2_LADDER_V3.as_array())


class TestAddExternality:
    """add_externality: P + f * MKI; MKI-W at Rijkswaterstaat [S-52]."""

    def test_docs_b8(self) -> None:
        # price-methods.md, example B8 (constructed factor): factor 1: 500,000 + 40,000 = 540,000,
        # 480,000 + 70,000 = 550,000; factor 0.5: 500,000 + 20,000 = 520,000, 480,000 + 35,000 = 515,000
        same(f.add_externality([500_000, 480_000], [40_000, 70_000], 1), [540_000, 550_000])
        same(f.add_externality([500_000, 480_000], [40_000, 70_000], 0.5), [520_000, 515_000])

    def test_nan_and_bad_factor(self) -> None:
        same(f.add_externality([100, 100], [NAN, 10], 2), [NAN, 120])
        with pytest.raises(ValueError, match="factor must be >= 0"):
            f.add_externality([100], [10], -1)
        with pytest.raises(ValueError, match="has 2 bids but externality has 1"):
            f.add_externality([100, 100], [10], 1)


# =========================================================================== ratios


class TestRatios:
    """price_per_quality_point (Oracle [S-37]) and value_for_money (Negometrix [S-38])."""

    def test_docs_b9_price_per_quality_point(self) -> None:
        # price-methods.md, example B9: 1000 / 0.8 = 1250, 800 / 0.5 = 1600 (lowest wins)
        same(f.price_per_quality_point([1000, 800], [0.8, 0.5]), [1250, 1600])

    def test_docs_b9_value_for_money(self) -> None:
        # price-methods.md, example B9: 80 / 1000 * 1000 = 80, 50 / 800 * 1000 = 62.5 (highest wins)
        same(f.value_for_money([1000, 800], [80, 50], 1000), [80, 62.5])

    def test_ten_percent_more_quality_justifies_ten_percent_more_price(self) -> None:
        # [S-38]: 55 / 1100 = 50 / 1000: the same index
        vfm = f.value_for_money([1000, 1100], [50, 55], 1)
        assert vfm[0] == pytest.approx(vfm[1])

    def test_nan_and_degenerate(self) -> None:
        same(f.price_per_quality_point([NAN, 100], [0.5, NAN]), [NAN, NAN])
        with pytest.raises(ValueError, match="Q must be > 0"):
            f.price_per_quality_point([100], [0])
        with pytest.raises(ValueError, match="must be positive"):
            f.value_for_money([0], [50], 1)
        with pytest.raises(ValueError, match=r"x \(the readability constant\) must be > 0"):
            f.value_for_money([100], [50], 0)


class TestUtilityIndex:
    """utility_index: U = [(1 - (Q_best - Q) * N) / P] * P_best, N = W_Q / W_P; Negometrix/Mercell [S-39]."""

    def test_docs_b10_published_example(self) -> None:
        # price-methods.md, example B10, the numeric example of the Mercell page [S-39]:
        # Q 0.9/0.8/0.6, P 1000/875/600, weights 60/40 -> N = 1.5
        result = f.utility_index([1000, 875, 600], [0.9, 0.8, 0.6], 60, 40)
        same(
            result.u,
            [
                (1 - (0.9 - 0.9) * 1.5) / 1000 * 600,  # 0.600
                (1 - (0.9 - 0.8) * 1.5) / 875 * 600,  # 0.85 / 875 * 600 = 0.5829
                (1 - (0.9 - 0.6) * 1.5) / 600 * 600,  # 0.55
            ],
        )
        assert result.u[1] == pytest.approx(0.5829, abs=5e-5)
        # equivalent price U_i / U_best * P_i: 1000, 0.5829 / 0.6 * 875 = 850, 0.55 / 0.6 * 600 = 550
        same(result.equivalent_price, [1000, 850, 550])
        same(result.price_deficit, [0, 25, 50])  # 875 - 850, 600 - 550

    def test_nan_bid_is_left_out_of_the_references(self) -> None:
        result = f.utility_index([1000, NAN, 600], [0.9, 0.8, 0.6], 60, 40)
        same(result.u, [0.6, NAN, 0.55])

    def test_bad_inputs_raise(self) -> None:
        with pytest.raises(ValueError, match=r"fraction in \[0, 1\]"):
            f.utility_index([100], [80], 60, 40)  # 80 instead of 0.8
        with pytest.raises(ValueError, match="w_price must be > 0"):
            f.utility_index([100], [0.8], 60, 0)
        with pytest.raises(ValueError, match="must be positive"):
            f.utility_index([0], [0.8], 60, 40)


# =========================================================================== basket


class TestBasketPrice:
    """basket_price: P_i = sum_k q_k * unit_price_ik; DFØ representative basket [S-58]."""

    def test_docs_b11(self) -> None:
        # price-methods.md, example B11: 100 laptops, 20 docks
        # A: 100 * 900 + 20 * 150 = 93,000; B: 100 * 850 + 20 * 250 = 90,000
        same(f.basket_price([100, 20], [[900, 150], [850, 250]]), [93_000, 90_000])

    def test_missing_unit_price_gives_missing_basket_price(self) -> None:
        same(f.basket_price([1, 0], [[10.0, NAN], [10.0, 5.0]]), [NAN, 10])

    def test_bad_inputs_raise(self) -> None:
        with pytest.raises(ValueError, match="2 lines"):
            f.basket_price([1, 2], [[1, 2, 3]])
        with pytest.raises(ValueError, match="finite and >= 0"):
            f.basket_price([-1], [[1]])
