"""An OCDS 1.1 release fragment of a tender: its lots with their award criteria and sustainability.

The fragment is ``{"language": ..., "tender": {...}}``: merge it into a release (``ocid``, ``id``, ``date``,
``tag``, ``initiationType``) to publish it. It uses three extensions: lots (``tender.lots``), the award
criteria breakdown (``Lot.awardCriteria``) and sustainability (``hasSustainability`` and ``sustainability``
on the tender and the lot). Everything is mapped from the eForms fields of :mod:`.eforms`, code list to code
list:

- ``tender.awardCriteria``: ``priceOnly`` (lowest price), ``costOnly`` (lowest cost), ``ratedCriteria``
  (best price-quality ratio);
- ``lots[].awardCriteria.criteria[]``: BT-539 -> ``type``, BT-734 -> ``name``, BT-540 -> ``description``,
  BT-541 with BT-5421/5422/5423 -> ``numbers[]`` (:data:`WEIGHT`, :data:`FIXED`, :data:`THRESHOLD`); BT-543
  -> ``awardCriteria.weightingDescription``;
- ``lots[].sustainability[]``: one entry per BT-774 code, its ``goal`` from :data:`GOAL` and its
  ``strategies`` the kinds of the criteria behind it (:data:`KIND_STRATEGY`) followed by their BT-805 origins
  (:data:`ORIGIN_STRATEGY`).

Texts are in one language (OCDS fields are single strings): ``lang``, by default the tender's first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..model import Criterion
from ..model.tender import Tender
from .eforms import AwardCriterionFields, LotFields, _num, codelists, lot_fields

__all__ = [
    "AWARD_BASIS",
    "FIXED",
    "GOAL",
    "KIND_STRATEGY",
    "ORIGIN_STRATEGY",
    "THRESHOLD",
    "WEIGHT",
    "ocds_codes",
    "ocds_lot",
    "ocds_release_fragment",
]

#: eForms BT-5421 (``number-weight``) -> OCDS ``AwardCriterionNumber.weight``.
WEIGHT = {
    "per-exa": "percentageExact",
    "per-mid": "percentageRangeMiddle",
    "dec-exa": "decimalExact",
    "dec-mid": "decimalRangeMiddle",
    "poi-exa": "pointsExact",
    "poi-mid": "pointsRangeMiddle",
    "ord-imp": "order",
}
#: eForms BT-5422 (``number-fixed``) -> OCDS ``AwardCriterionNumber.fixed``.
FIXED = {"fix-tot": "total", "fix-unit": "unit"}
#: eForms BT-5423 (``number-threshold``) -> OCDS ``AwardCriterionNumber.threshold``.
THRESHOLD = {"min-score": "minimumScore", "max-pass": "maximumBids"}
#: eForms BT-774 (``environmental-impact``) -> OCDS ``Sustainability.goal``.
GOAL = {
    "biodiv-eco": "environmental.biodiversityProtectionRestoration",
    "circ-econ": "environmental.circularEconomy",
    "clim-adapt": "environmental.climateChangeAdaptation",
    "clim-mitig": "environmental.climateChangeMitigation",
    "pollu-prev": "environmental.pollutionPrevention",
    "water-mar": "environmental.waterResourcesProtection",
    "other": "environmental",
}
#: eForms BT-805 (``gpp-criteria``) -> OCDS ``Sustainability.strategies``.
ORIGIN_STRATEGY = {"eu": "euGPPCriteria", "national": "nationalGPPCriteria", "other": "otherGPPCriteria"}
#: The kind of a criterion -> OCDS ``Sustainability.strategies``.
KIND_STRATEGY = {
    "selection_criterion": "selectionCriteria",
    "technical_specification": "technicalSpecifications",
    "award_criterion": "awardCriteria",
    "contract_performance_clause": "contractPerformanceConditions",
}
#: The award basis -> OCDS ``tender.awardCriteria``.
AWARD_BASIS = {"lowest_price": "priceOnly", "lowest_cost": "costOnly", "best_price_quality": "ratedCriteria"}

_NUMBER_MAPS = {"weight": WEIGHT, "fixed": FIXED, "threshold": THRESHOLD}


def _text(texts: Mapping[str, str], lang: str) -> str | None:
    """The text in ``lang``; else English; else the first there is (OCDS fields hold one language)."""
    for candidate in (lang, "en"):
        if candidate in texts:
            return texts[candidate]
    return next(iter(texts.values()), None)


def _criterion(ac: AwardCriterionFields, lang: str) -> dict[str, Any]:
    out: dict[str, Any] = {"type": ac.type}
    name = _text(ac.name, lang)
    if name:
        out["name"] = name
    description = _text(ac.description, lang)
    if description:
        out["description"] = description
    numbers = [{"number": _num(n.number), n.kind: _NUMBER_MAPS[n.kind][n.code]} for n in ac.numbers]
    if numbers:
        out["numbers"] = numbers
    return out


def _sustainability(lot: LotFields) -> list[dict[str, Any]]:
    return [
        {
            "goal": GOAL[goal.impact],
            "strategies": [KIND_STRATEGY[k] for k in goal.kinds] + [ORIGIN_STRATEGY[o] for o in goal.origins],
        }
        for goal in lot.goals
    ]


def ocds_lot(lot: LotFields, lang: str) -> dict[str, Any]:
    """One lot of the fragment: id, title, award criteria and sustainability (texts in ``lang``)."""
    out: dict[str, Any] = {"id": lot.lot_id}
    title = _text(lot.title, lang)
    if title:
        out["title"] = title
    award: dict[str, Any] = {}
    if lot.complicated:
        award["weightingDescription"] = _text(lot.complicated, lang)
    if lot.award_criteria:
        award["criteria"] = [_criterion(ac, lang) for ac in lot.award_criteria]
    if award:
        out["awardCriteria"] = award
    sustainability = _sustainability(lot)
    out["hasSustainability"] = bool(sustainability)
    if sustainability:
        out["sustainability"] = sustainability
    return out


def ocds_release_fragment(
    tender: Tender, *, lang: str | None = None, criteria: Sequence[Criterion] | None = None
) -> dict[str, Any]:
    """The tender as an OCDS 1.1 release fragment (see the module docstring), ready for :func:`json.dumps`."""
    language = lang or tender.languages[0]
    lots = lot_fields(tender, criteria)
    data_lots = [ocds_lot(lot, language) for lot in lots]
    tender_data: dict[str, Any] = {"id": tender.id}
    title = _text(tender.title, language)
    if title:
        tender_data["title"] = title
    tender_data["awardCriteria"] = (
        "qualityOnly" if tender.award.method == "fixed_price" else AWARD_BASIS[tender.award.basis]
    )
    tender_data["hasSustainability"] = any(lot["hasSustainability"] for lot in data_lots)
    tender_data["lots"] = data_lots
    fragment = {"language": language, "tender": tender_data}
    _check(fragment)
    return fragment


def ocds_codes(fragment: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Every ``(code list, code)`` pair of a fragment, for checking against the shipped OCDS code lists."""
    tender = fragment["tender"]
    pairs = [("awardCriteria", tender["awardCriteria"])]
    for lot in tender.get("lots", []):
        for crit in lot.get("awardCriteria", {}).get("criteria", []):
            pairs.append(("awardCriterionType", crit["type"]))
            for number in crit.get("numbers", []):
                for key, list_name in (
                    ("weight", "criterionWeight"),
                    ("fixed", "awardCriterionFixed"),
                    ("threshold", "criterionThreshold"),
                ):
                    if key in number:
                        pairs.append((list_name, number[key]))
        for entry in lot.get("sustainability", []):
            pairs.append(("sustainabilityGoal", entry["goal"]))
            pairs += [("sustainabilityStrategy", s) for s in entry["strategies"]]
    return pairs


def _check(fragment: Mapping[str, Any]) -> None:
    lists = codelists()["ocds"]["lists"]
    for list_name, code in ocds_codes(fragment):
        if code not in lists[list_name]["codes"]:  # a mapping table out of step with the code lists: a bug
            raise AssertionError(f"the code {code!r} is not in the OCDS code list {list_name!r}")
