"""The tender: what is bought, which criteria apply, and how bids are scored.

This module holds the scoring part of the tender file (lots, criteria,
award basis and weights, price method, quality threshold, ties, rounding and
the life-cycle-cost parameters). The tender's criteria are criteria of the
bundled library used by reference (with their parameters set), plus the
buyer's own criteria.

Award bases follow Directive 2014/24/EU art. 67(2) and Aanbestedingswet 2012
art. 2.114: ``lowest_price``, ``lowest_cost`` (life-cycle cost, art. 68) and
``best_price_quality`` (BPQR), the last either as weighted points or as a
fictitious price ("gunnen op waarde").
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ._types import CriterionId, IsoDate, LanguageCode, LocalizedText, MetricId, Model, QuantityValue, Text
from .criteria_set import CriterionRef
from .criterion import AmbitionLevel, Criterion, CriterionKind, Theme
from .products import CPV_PATTERN

__all__ = [
    "AwardSpec",
    "Buyer",
    "CriteriaSelection",
    "Discounting",
    "LccParameters",
    "Lot",
    "PriceAdjustment",
    "PriceSpec",
    "QualityThreshold",
    "Tender",
    "TenderCriteria",
    "TieRule",
]

PriceMethod = Literal["ratio_lowest", "linear_bounds", "linear_from_lowest", "linear_min_max_bids", "log"]


class Buyer(Model):
    """The contracting authority."""

    name: Text
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = None
    """ISO 3166-1 alpha-2 code, e.g. NL (quote 'NO' for Norway only if your editor reads YAML 1.1)."""


class Lot(Model):
    """A lot: one product group, a quantity and a contract period."""

    id: CriterionId
    title: LocalizedText
    product_group: CriterionId
    quantity: Annotated[int, Field(gt=0)]
    contract_period: QuantityValue | None = None
    basket: dict[CriterionId, Annotated[int, Field(gt=0)]] = {}
    """A representative basket for ``price_from: basket``: quantity per product group; each bid's price is then
    the sum of quantity x the unit price of its offer in that group."""


class CriteriaSelection(Model):
    """Criteria of a bundled criteria set, chosen by filters (see :func:`circular_ict.select.select`).

    Filters combine (AND); an empty filter does not restrict. ``level`` is cumulative: ``significant`` also
    selects the ``basic`` criteria, except those a stricter criterion on the same metric replaces. Without
    ``product_groups`` and ``cpv``, the product groups of the tender's lots are used.
    """

    set: CriterionId
    """The id of a bundled criteria set, e.g. ``eu-gpp-computers-2021``."""
    product_groups: list[CriterionId] = []
    """Keep criteria for any of these product groups."""
    cpv: Annotated[str, Field(pattern=CPV_PATTERN)] | None = None
    """Keep criteria for the product groups this CPV code falls under (prefix rule)."""
    level: AmbitionLevel | None = None
    """The ambition level, cumulative: the criteria at this level and below."""
    themes: list[Theme] = []
    """Keep criteria with any of these themes."""
    kinds: list[CriterionKind] = []
    """Keep criteria of these kinds."""
    exclude: list[CriterionId] = []
    """Leave out these criteria (by id)."""


class TenderCriteria(Model):
    """The tender's criteria: bundled criteria chosen by selection or by reference, and the buyer's own."""

    select: list[CriteriaSelection] = []
    """Criteria of bundled sets chosen by filters; an ``include`` with the same id overrides a selected one."""
    include: list[CriterionRef] = []
    """Criteria of the bundled library; ``parameters`` sets their thresholds for this tender."""
    own: list[Criterion] = []
    """The buyer's own criteria, written in full."""


class PriceSpec(Model):
    """How price (or life-cycle cost) turns into points, for a best-price-quality award in points."""

    method: PriceMethod
    points: Annotated[float, Field(gt=0)]
    """The price weight: the points the best price can earn."""
    of: Literal["price", "life_cycle_cost"] = "price"
    """Score the offered price, or the life-cycle cost computed from the ``lcc`` parameters."""
    lowest: QuantityValue | None = None
    """For ``linear_bounds``: the price that earns all price points (EUR)."""
    highest: QuantityValue | None = None
    """For ``linear_bounds``: the price that earns no price points (EUR)."""
    clamp: bool | None = None
    """For ``linear_bounds``: whether prices outside the bounds are clipped (required for that method)."""
    a: Annotated[float, Field(gt=1)] | None = None
    """For ``log``: the multiple of the lowest price that earns zero price points (e.g. 2)."""

    @model_validator(mode="after")
    def _method_parameters(self) -> PriceSpec:
        needs = {"linear_bounds": ("lowest", "highest", "clamp"), "log": ("a",)}.get(self.method, ())
        missing = [k for k in needs if getattr(self, k) is None]
        if missing:
            raise PydanticCustomError(
                "missing-key",
                "the price method '{method}' needs {missing}",
                {"method": self.method, "missing": ", ".join(repr(m) for m in missing), "hint": f"add {missing[0]}:"},
            )
        extra = [k for k in ("lowest", "highest", "clamp", "a") if k not in needs and getattr(self, k) is not None]
        if extra:
            raise PydanticCustomError(
                "invalid-value-combination",
                "'{key}' does not apply to the price method '{method}'",
                {"key": extra[0], "method": self.method, "hint": f"remove '{extra[0]}'"},
            )
        return self


class QualityThreshold(Model):
    """A quality gate before price is opened: a minimum quality score, or only the N best pass (eForms BT-5423)."""

    min_score: Annotated[float, Field(ge=0)] | None = None
    max_pass: Annotated[int, Field(gt=0)] | None = None

    @model_validator(mode="after")
    def _one(self) -> QualityThreshold:
        if (self.min_score is None) == (self.max_pass is None):
            raise PydanticCustomError(
                "invalid-value-combination",
                "a quality threshold needs exactly one of 'min_score' and 'max_pass'",
                {"hint": "write e.g. {min_score: 30}"},
            )
        return self


class TieRule(Model):
    """What happens when two or more bids are exactly equal first.

    ``lots``: drawing lots (ARW 2016 art. 2.63.3), simulated with a recorded
    ``seed`` so it can be reproduced and shown; ``report``: the tie is
    reported and no winner is chosen.
    """

    rule: Literal["lots", "report"]
    seed: int | None = None

    @model_validator(mode="after")
    def _seed(self) -> TieRule:
        if self.rule == "lots" and self.seed is None:
            raise PydanticCustomError(
                "missing-key", "drawing lots needs a 'seed' so that the draw can be reproduced", {"hint": "add seed:"}
            )
        return self


class PriceAdjustment(Model):
    """A change to the evaluated price for ranking only (the contract price stays the offered price).

    ``percentage_discount``: the price is lowered by a percentage per level of an ordinal metric, e.g. the
    CO2-Prestatieladder (eval = P x (1 - k(level)); the percentages are the buyer's). ``externality``: a cost
    is added, ``factor`` x the bid's value of the metric (eval = P + f x value), e.g. an MKI value in euros
    (MKI-W) or kg CO2e at a carbon price; ``per_device`` multiplies it by the lot's quantity. Adjustments apply
    in the order listed, after the life-cycle cost if the price is a life-cycle cost.
    """

    type: Literal["percentage_discount", "externality"]
    metric: MetricId
    discounts: dict[Text, QuantityValue] | None = None
    """For ``percentage_discount``: the discount per level, e.g. {'5': 10 %}; levels not listed get none."""
    factor: QuantityValue | None = None
    """For ``externality``: euros per unit of the metric, e.g. '0.1 EUR / (kg CO2e)'."""
    per_device: bool = False

    @model_validator(mode="after")
    def _form(self) -> PriceAdjustment:
        need = "discounts" if self.type == "percentage_discount" else "factor"
        other = "factor" if need == "discounts" else "discounts"
        if getattr(self, need) is None:
            raise PydanticCustomError(
                "missing-key",
                "a {type} adjustment needs '{need}'",
                {"type": self.type, "need": need, "hint": f"add {need}:"},
            )
        if getattr(self, other) is not None:
            raise PydanticCustomError(
                "invalid-value-combination",
                "'{other}' does not apply to a {type} adjustment",
                {"other": other, "type": self.type, "hint": f"remove '{other}'"},
            )
        return self


AwardMethod = Literal[
    "weighted_points",
    "fictitious_price",
    "fictitious_surcharge",
    "price_per_quality_point",
    "value_for_money",
    "utility_index",
    "fixed_price",
]


class AwardSpec(Model):
    """The award basis and its weights.

    Methods for ``best_price_quality``: ``weighted_points`` (quality points + price points, highest wins);
    ``fictitious_price`` (price minus the euro value of quality, "gunnen op waarde", lowest wins);
    ``fictitious_surcharge`` (price plus the euro value of the quality not offered, from an ideal-quality
    baseline, lowest wins); ``price_per_quality_point`` (price / quality points, lowest wins);
    ``value_for_money`` (quality points / price x ``ratio_constant``, highest wins); ``utility_index``
    (Negometrix/Mercell: quality as a share of its weights, traded against price at the ratio of the quality
    weights to ``price_weight``, highest wins); ``fixed_price`` (the buyer fixes the price, ``fixed_price``, and
    tenders compete on quality only: highest quality points win; a tender at another price does not comply).
    """

    basis: Literal["lowest_price", "lowest_cost", "best_price_quality"]
    method: AwardMethod | None = None
    """For ``best_price_quality``: how quality and price combine (see above)."""
    total_points: Annotated[float, Field(gt=0)] | None = None
    """For ``weighted_points``: the total the weights and price points must add up to exactly (e.g. 100); for the
    ratio methods, optionally the total of the weights."""
    weights: dict[CriterionId, QuantityValue] = {}
    """Per award criterion: points, or the maximum euro value (``fictitious_price``, ``fictitious_surcharge``)."""
    price: PriceSpec | None = None
    price_of: Literal["price", "life_cycle_cost"] | None = None
    """For the methods without price points (fictitious price or surcharge, ratios): whether the offered price
    or the life-cycle cost is used (default: the price). With weighted points this is ``price.of``."""
    price_from: Literal["bid", "basket"] = "bid"
    """The price: the bid's total ``price``, or the lot's ``basket`` priced with the bid's unit prices."""
    price_adjustments: list[PriceAdjustment] = []
    ratio_constant: Annotated[float, Field(gt=0)] | None = None
    """For ``value_for_money``: the readability constant X (e.g. the size of the expected prices)."""
    fixed_price: QuantityValue | None = None
    """For ``fixed_price``: the contract price the buyer fixes (EUR); tenders compete on quality only."""
    price_weight: Annotated[float, Field(gt=0)] | None = None
    """For ``utility_index``: the weight of price against the sum of the quality weights (e.g. 40 against 60)."""
    quality_threshold: QualityThreshold | None = None
    ties: TieRule = TieRule(rule="report")
    rounding: Annotated[int, Field(ge=0, le=6)] | None = None
    """Decimals to which totals are rounded (half up) before ranking, only if the tender documents say so."""
    normalise_weights: bool = False
    """Rescale the weights proportionally when they do not add up to ``total_points`` (with a warning). Off by
    default: a mismatch is an error, because the published weights are what bidders were told."""

    @property
    def priced_on(self) -> Literal["price", "life_cycle_cost"]:
        """What the award prices: the offered price or the life-cycle cost (``lowest_cost`` always the latter)."""
        if self.basis == "lowest_cost":
            return "life_cycle_cost"
        if self.price is not None:
            return self.price.of
        return self.price_of or "price"

    @model_validator(mode="after")
    def _consistent(self) -> AwardSpec:
        def bad(message: str, hint: str) -> PydanticCustomError:
            return PydanticCustomError("invalid-value-combination", message, {"hint": hint})

        if self.basis == "best_price_quality":
            if self.method is None:
                raise bad("a best price-quality award needs a 'method'", "add method: weighted_points")
            if self.method == "weighted_points" and (self.total_points is None or self.price is None):
                raise bad("weighted points need 'total_points' and 'price'", "add total_points: 100 and price:")
            if self.method == "weighted_points" and self.price is not None and self.price.method is None:
                raise bad(
                    "weighted points need a price 'method' and 'points'",
                    "write price: {method: ratio_lowest, points: 40}",
                )
            if self.method != "weighted_points" and self.price is not None and self.price.method is not None:
                raise bad(
                    f"the method {self.method} has no price points; keep only 'of' under 'price'",
                    "write price: {of: life_cycle_cost}, or remove price:",
                )
            if (self.ratio_constant is not None) != (self.method == "value_for_money"):
                raise bad(
                    "'ratio_constant' goes with (and only with) the value_for_money method",
                    "add or remove ratio_constant:",
                )
            if not self.weights:
                raise bad("a best price-quality award needs 'weights' for its award criteria", "add weights:")
        else:
            given = [
                k
                for k in ("method", "total_points", "price", "quality_threshold", "ratio_constant")
                if getattr(self, k)
            ]
            if given or self.weights:
                raise bad(
                    f"a {self.basis} award has no quality part; remove {', '.join(given or ['weights'])}",
                    "use basis: best_price_quality to weigh quality",
                )
        return self


class Discounting(Model):
    """How future costs are discounted in the life-cycle cost (declared in the tender, art. 68(2))."""

    convention: Literal["none", "end_of_year", "flat_factor"]
    rate: QuantityValue | None = None
    """For ``end_of_year``: the yearly discount rate, e.g. '3 %'."""
    factor: Annotated[float, Field(gt=0)] | None = None
    """For ``flat_factor``: one factor applied to every future cost."""
    discount_externalities: bool = True

    @model_validator(mode="after")
    def _parameters(self) -> Discounting:
        if self.convention == "end_of_year" and self.rate is None:
            raise PydanticCustomError("missing-key", "end-of-year discounting needs a 'rate'", {"hint": "rate: 3 %"})
        if self.rate is not None and self.convention != "end_of_year":
            raise PydanticCustomError(
                "invalid-value-combination",
                "a 'rate' applies to end_of_year discounting only, not to {convention}",
                {"convention": self.convention, "hint": "remove rate:, or use convention: end_of_year"},
            )
        if self.factor is not None and self.convention != "flat_factor":
            raise PydanticCustomError(
                "invalid-value-combination",
                "a 'factor' applies to flat_factor discounting only, not to {convention}",
                {"convention": self.convention, "hint": "remove factor:, or use convention: flat_factor"},
            )
        if self.convention == "flat_factor" and self.factor is None:
            raise PydanticCustomError(
                "missing-key", "flat-factor discounting needs a 'factor'", {"hint": "factor: 0.9"}
            )
        return self


class LccParameters(Model):
    """Parameters of the life-cycle cost and the CO2 externality (Directive 2014/24/EU art. 68)."""

    evaluation_period: QuantityValue
    electricity_price: QuantityValue | None = None
    """EUR per kWh."""
    grid_emission_factor: QuantityValue | None = None
    """kg CO2e per kWh of the electricity the devices will use."""
    carbon_price: QuantityValue | None = None
    """EUR per tonne (or kg) CO2e, for the externality."""
    include_embodied_co2: bool = False
    """Also price the embodied (manufacturing) emissions as an externality."""
    discounting: Discounting
    """How future costs are discounted; required, because art. 68(2) makes the buyer publish the method."""


class Tender(Model):
    """A tender file: the buyer's need, the criteria, and how bids are scored."""

    id: CriterionId
    title: LocalizedText
    buyer: Buyer
    languages: Annotated[list[LanguageCode], Field(min_length=1)]
    date: IsoDate | None = None
    """The date bids are evaluated against (e.g. for certificate validity)."""
    lots: Annotated[list[Lot], Field(min_length=1)]
    criteria: TenderCriteria
    award: AwardSpec
    lcc: LccParameters | None = None
