"""eForms fields of a tender, per lot, as JSON and as the UBL XML fragment of a contract notice.

For each lot: green procurement (BT-06 strategic procurement, BT-774 green procurement, BT-805 green
procurement criteria) and the award criteria (BT-539 type, BT-734 name, BT-540 description, BT-541 number
with BT-5421 weight, BT-5422 fixed and BT-5423 threshold codes, and BT-543 when the weighting cannot be given
per criterion). The field ids, XML paths and code lists are the OP-TED eForms SDK's (see
``docs/how-to/export-eforms-ocds.md`` for what was checked against which SDK file); every code emitted is
checked against the code lists shipped in ``codelists.json`` before anything is returned.

The rules, in short:

- **BT-805** lists the origin of the lot's criteria, one code per origin present, in the code list's order:
  ``eu`` / ``national`` / ``other`` from the ``gpp_origin`` of the bundled set that defines each included
  criterion; the buyer's own criteria count as ``other``. A lot without criteria gets ``none``.
- **BT-774** is derived from the criteria's themes (:data:`THEME_IMPACT`): reuse, lifespan, repairability,
  take-back, recycled content and packaging are ``circ-econ``; climate and energy ``clim-mitig``; hazardous
  substances ``pollu-prev``.
- **BT-06** is ``env-imp`` when the lot has criteria (every circular_ict criterion serves an environmental
  theme), else ``none``.
- **Award criteria**: lowest price is one ``price`` criterion weighing 100 %, lowest cost one ``cost``
  criterion (the life-cycle cost) weighing 100 %; weighted points are one ``quality`` criterion per award
  criterion and one ``price`` (or ``cost``, when the price points score the life-cycle cost) criterion, with
  ``per-exa`` when the points total is 100 and ``poi-exa`` otherwise. The other best-price-quality methods
  (fictitious price, fictitious surcharge, price per quality point, value for money, utility index) combine
  quality and price in a way no per-criterion weight can express: they are described in BT-543 and the
  criteria carry no numbers (the SDK forbids weights next to BT-543). A quality threshold becomes a
  separate ``quality`` criterion carrying only the BT-5423 number.

The tender file has one list of criteria and one award for the whole tender, and ``circular-ict score``
applies them to every lot; every lot therefore gets the same fields (its own id and title).
"""

from __future__ import annotations

import functools
import json
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from importlib.resources import files
from typing import Any, Literal

from ..errors import CircularIctError
from ..model import Criterion
from ..model.criterion import KINDS
from ..model.tender import Tender
from ..units import conversion_factor

__all__ = [
    "CAC",
    "CBC",
    "CN",
    "EFAC",
    "EFBC",
    "EFEXT",
    "EXT",
    "THEME_IMPACT",
    "AwardCriterionFields",
    "CriterionNumber",
    "ExportError",
    "LotFields",
    "codelists",
    "eforms_json",
    "eforms_xml",
    "emitted_codes",
    "lot_fields",
    "lots_json",
    "lots_xml",
]

# Namespaces, as declared by the SDK's example notices (examples/notices/cn_24_maximal.xml).
CN = "urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
EXT = "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"
EFEXT = "http://data.europa.eu/p27/eforms-ubl-extensions/1"
EFAC = "http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1"
EFBC = "http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1"
_PREFIXES = {"cac": CAC, "cbc": CBC, "ext": EXT, "efext": EFEXT, "efac": EFAC, "efbc": EFBC}

#: Which BT-774 code (``environmental-impact``) each criterion theme stands for.
THEME_IMPACT: dict[str, str] = {
    "reuse": "circ-econ",
    "lifespan": "circ-econ",
    "repairability": "circ-econ",
    "take_back": "circ-econ",
    "recycled_content": "circ-econ",
    "packaging": "circ-econ",
    "climate": "clim-mitig",
    "energy": "clim-mitig",
    "hazardous_substances": "pollu-prev",
}

#: The code list of each kind of number (BT-5421, BT-5422, BT-5423), as the SDK's ``listName``.
NUMBER_LISTS = {"weight": "number-weight", "fixed": "number-fixed", "threshold": "number-threshold"}
#: The SDK field id of the number itself (BT-541), per kind.
NUMBER_FIELDS = {
    "weight": "BT-541-Lot-WeightNumber",
    "fixed": "BT-541-Lot-FixedNumber",
    "threshold": "BT-541-Lot-ThresholdNumber",
}
CODE_FIELDS = {"weight": "BT-5421-Lot", "fixed": "BT-5422-Lot", "threshold": "BT-5423-Lot"}

_LOT_ID = re.compile(r"^LOT-\d{4}$")


class ExportError(CircularIctError):
    """The tender cannot be expressed in the export format (the message says why and what to change)."""


@dataclass(frozen=True)
class CriterionNumber:
    """BT-541 with its code: a weight (BT-5421), a fixed value (BT-5422) or a threshold (BT-5423)."""

    kind: Literal["weight", "fixed", "threshold"]
    code: str
    number: float


@dataclass(frozen=True)
class AwardCriterionFields:
    """One ``cac:SubordinateAwardingCriterion``: BT-539, BT-734, BT-540 and its numbers.

    ``name`` and ``description`` are keyed by the tender's two-letter language codes. ``criterion_id`` is
    the circular_ict criterion it comes from (``None`` for the price, cost and quality-threshold entries).
    """

    type: str
    name: Mapping[str, str]
    description: Mapping[str, str]
    numbers: tuple[CriterionNumber, ...] = ()
    criterion_id: str | None = None


@dataclass(frozen=True)
class GoalBasis:
    """Why a lot has a BT-774 code: the kinds and GPP origins of the criteria with that theme."""

    impact: str
    kinds: tuple[str, ...]
    origins: tuple[str, ...]


@dataclass(frozen=True)
class LotFields:
    """The eForms fields of one lot (see the module docstring for the rules)."""

    lot_id: str
    """The lot's id in the tender file (BT-22, the internal identifier)."""
    eforms_id: str
    """BT-137: ``LOT-0001``, ``LOT-0002``... (the lot's own id if it already has that form)."""
    title: Mapping[str, str]
    strategic_procurement: tuple[str, ...]
    environmental_impact: tuple[str, ...]
    gpp_criteria: tuple[str, ...]
    award_criteria: tuple[AwardCriterionFields, ...]
    complicated: Mapping[str, str] | None = None
    """BT-543: the weighting in words, when it cannot be given per criterion."""
    goals: tuple[GoalBasis, ...] = field(default=())


# --------------------------------------------------------------------------- code lists


@functools.cache
def codelists() -> dict[str, Any]:
    """The shipped code lists (``circular_ict/exports/codelists.json``), with their sources."""
    data: dict[str, Any] = json.loads(files("circular_ict.exports").joinpath("codelists.json").read_text("utf-8"))
    return data


def _codes(list_name: str) -> Mapping[str, str]:
    codes: Mapping[str, str] = codelists()["eforms"]["lists"][list_name]["codes"]
    return codes


def _ordered(list_name: str, codes: set[str]) -> tuple[str, ...]:
    """``codes`` in the order of the code list (alphabetical in the SDK), each checked to be in it."""
    known = list(_codes(list_name))
    unknown = codes.difference(known)
    if unknown:  # a mapping table out of step with the code lists: a bug, never the user's input
        raise AssertionError(f"codes {sorted(unknown)} are not in the eForms code list {list_name!r}")
    return tuple(c for c in known if c in codes)


def emitted_codes(lots: Sequence[LotFields]) -> list[tuple[str, str]]:
    """Every ``(code list, code)`` pair the lots use, for checking against :func:`codelists`."""
    pairs: list[tuple[str, str]] = []
    for lot in lots:
        pairs += [("strategic-procurement", c) for c in lot.strategic_procurement]
        pairs += [("environmental-impact", c) for c in lot.environmental_impact]
        pairs += [("gpp-criteria", c) for c in lot.gpp_criteria]
        for ac in lot.award_criteria:
            pairs.append(("award-criterion-type", ac.type))
            pairs += [(NUMBER_LISTS[n.kind], n.code) for n in ac.numbers]
    return pairs


def _check_codes(lots: Sequence[LotFields]) -> None:
    for list_name, code in emitted_codes(lots):
        if code not in _codes(list_name):
            raise AssertionError(f"the code {code!r} is not in the eForms code list {list_name!r}")


def eforms_language(lang: str) -> str | None:
    """The eForms ``languageID`` of a two-letter language code (``nl`` -> ``NLD``), or ``None``."""
    code: str | None = codelists()["eforms"]["languages"]["codes"].get(lang)
    return code


# --------------------------------------------------------------------------- texts we generate

_PRICE_NAME = {"en": "Price", "nl": "Prijs"}
_COST_NAME = {"en": "Life-cycle cost", "nl": "Levenscycluskosten"}
_WHAT = {"price": {"en": "price", "nl": "prijs"}, "cost": {"en": "life-cycle cost", "nl": "levenscycluskosten"}}
_THRESHOLD_NAME = {"en": "Quality threshold", "nl": "Kwaliteitsdrempel"}

_PRICE_METHOD = {
    "ratio_lowest": {
        "en": "The bid with the lowest {what} earns {p} points; any other bid earns {p} × lowest {what} / its {what}.",
        "nl": "De inschrijving met de laagste {what} krijgt {p} punten; een andere inschrijving krijgt "
        "{p} × laagste {what} / eigen {what}.",
    },
    "linear_bounds_clamped": {
        "en": "{p} points for a {what} of {lo} or less, 0 points for {hi} or more, linear in between.",
        "nl": "{p} punten bij een {what} van {lo} of minder, 0 punten bij {hi} of meer, lineair daartussen.",
    },
    "linear_bounds": {
        "en": "{p} points for a {what} of {lo}, 0 points for {hi}, on a straight line that continues beyond both.",
        "nl": "{p} punten bij een {what} van {lo}, 0 punten bij {hi}, op een rechte lijn die ook buiten die "
        "grenzen doorloopt.",
    },
    "linear_from_lowest": {
        "en": "The bid with the lowest {what} earns {p} points; points fall linearly to 0 at twice the lowest "
        "{what}, and below 0 beyond it.",
        "nl": "De inschrijving met de laagste {what} krijgt {p} punten; de punten dalen lineair tot 0 bij twee "
        "keer de laagste {what}, en daarna onder 0.",
    },
    "linear_min_max_bids": {
        "en": "The bid with the lowest {what} earns {p} points, the bid with the highest 0 points, linear in between.",
        "nl": "De inschrijving met de laagste {what} krijgt {p} punten, die met de hoogste 0 punten, lineair "
        "daartussen.",
    },
    "log": {
        "en": "The bid with the lowest {what} earns {p} points, a bid at {a} times the lowest {what} 0 points: "
        "{p} × (1 − log({what} / lowest {what}) / log {a}).",
        "nl": "De inschrijving met de laagste {what} krijgt {p} punten, een inschrijving met {a} keer de laagste "
        "{what} 0 punten: {p} × (1 − log({what} / laagste {what}) / log {a}).",
    },
}
_PRICE_METHOD_OTHER = {
    "en": "The {what} earns up to {p} points by the price method '{method}', as the tender documents describe.",
    "nl": "De {what} levert ten hoogste {p} punten op volgens de prijsmethode '{method}', zoals de "
    "aanbestedingsstukken beschrijven.",
}
_BASKET = {
    "en": "The price is that of the lot's basket, priced with the bid's unit prices.",
    "nl": "De prijs is die van het mandje van het perceel, met de eenheidsprijzen van de inschrijving.",
}
_ADJUSTED = {
    "en": "For the ranking only, the {what} is adjusted as the tender documents describe.",
    "nl": "Alleen voor de rangschikking wordt de {what} aangepast zoals de aanbestedingsstukken beschrijven.",
}
_LOWEST = {
    "price": {"en": "The bid with the lowest price wins.", "nl": "De inschrijving met de laagste prijs wint."},
    "cost": {
        "en": "The bid with the lowest life-cycle cost wins (Directive 2014/24/EU, art. 68).",
        "nl": "De inschrijving met de laagste levenscycluskosten wint (Richtlijn 2014/24/EU, art. 68).",
    },
}
_THRESHOLD = {
    "min_score": {
        "en": "A bid needs a total quality score of at least {x} points (of {total}) to be ranked.",
        "nl": "Een inschrijving moet in totaal ten minste {x} kwaliteitspunten (van {total}) halen om gerangschikt "
        "te worden.",
    },
    "min_value": {
        "en": "A bid needs a total quality value of at least {x} EUR (of {total} EUR) to be ranked.",
        "nl": "Een inschrijving moet een totale kwaliteitswaarde van ten minste {x} EUR (van {total} EUR) halen om "
        "gerangschikt te worden.",
    },
    "max_pass": {
        "en": "Only the {x} bids with the highest total quality score are ranked (with any bid tied with the last).",
        "nl": "Alleen de {x} inschrijvingen met de hoogste totale kwaliteitsscore worden gerangschikt (met elke "
        "inschrijving die gelijk eindigt met de laatste).",
    },
}
_COMPLICATED = {
    "fictitious_price": {
        "en": "Bids are ranked on a fictitious price: the {what} minus the euro value of the quality offered; the "
        "lowest fictitious price wins. Each quality criterion is worth at most the amount stated with it.",
        "nl": "Inschrijvingen worden gerangschikt op een fictieve prijs: de {what} min de waarde in euro van de "
        "geboden kwaliteit; de laagste fictieve prijs wint. Elk kwaliteitscriterium is ten hoogste het erbij "
        "vermelde bedrag waard.",
    },
    "fictitious_surcharge": {
        "en": "Bids are ranked on a fictitious price: the {what} plus the euro value of the quality not offered, "
        "counted from the best quality possible; the lowest fictitious price wins. Each quality criterion is "
        "worth at most the amount stated with it.",
        "nl": "Inschrijvingen worden gerangschikt op een fictieve prijs: de {what} plus de waarde in euro van de "
        "niet geboden kwaliteit, gerekend vanaf de best mogelijke kwaliteit; de laagste fictieve prijs wint. "
        "Elk kwaliteitscriterium is ten hoogste het erbij vermelde bedrag waard.",
    },
    "price_per_quality_point": {
        "en": "Bids are ranked on their {what} divided by their total quality score; the lowest {what} per "
        "quality point wins.",
        "nl": "Inschrijvingen worden gerangschikt op hun {what} gedeeld door hun totale kwaliteitsscore; de "
        "laagste {what} per kwaliteitspunt wint.",
    },
    "value_for_money": {
        "en": "Bids are ranked on their total quality score divided by their {what}, times {x}; the highest "
        "value wins.",
        "nl": "Inschrijvingen worden gerangschikt op hun totale kwaliteitsscore gedeeld door hun {what}, maal "
        "{x}; de hoogste waarde wint.",
    },
    "utility_index": {
        "en": "Bids are ranked on a utility index: quality as a share of its weights, traded against the {what} "
        "at the ratio of the quality weights ({wq}) to the price weight ({x}); the highest index wins.",
        "nl": "Inschrijvingen worden gerangschikt op een utility index: kwaliteit als deel van haar gewichten, "
        "afgewogen tegen de {what} in de verhouding van de kwaliteitsgewichten ({wq}) tot het prijsgewicht "
        "({x}); de hoogste index wint.",
    },
}
_FIXED_PRICE = {
    "en": "The price is fixed by the contracting authority; tenders compete on quality only.",
    "nl": "De prijs is vastgesteld door de aanbestedende dienst; inschrijvers concurreren alleen op kwaliteit.",
}
_COMPLICATED_OTHER = {
    "en": "Quality and {what} are combined by the method '{method}', as the tender documents describe.",
    "nl": "Kwaliteit en {what} worden gecombineerd met de methode '{method}', zoals de aanbestedingsstukken "
    "beschrijven.",
}
_PRICE_METHOD_PLAIN = {
    "en": "The {what} of the bid, combined with the quality score as the weighting describes.",
    "nl": "De {what} van de inschrijving, gecombineerd met de kwaliteitsscore zoals de weging beschrijft.",
}
_WORTH = {"en": "Worth at most {w}.", "nl": "Ten hoogste {w} waard."}
_WEIGHT = {"en": "Weight: {w}.", "nl": "Gewicht: {w}."}


def _num(x: float) -> int | float:
    """A number as JSON shows it: whole numbers without ``.0``."""
    return int(x) if float(x).is_integer() and abs(x) < 2**53 else float(x)


def _num_text(x: float) -> str:
    """A number as text, never in exponent notation: ``12.5``, ``40``, ``0.0001``."""
    if float(x).is_integer():
        return str(int(x))
    return format(Decimal(repr(float(x))).normalize(), "f")


def _phrase(table: Mapping[str, str], langs: Sequence[str], **values: str | Mapping[str, str]) -> dict[str, str]:
    """The phrase in each of ``langs`` it exists in (English and Dutch), filled in per language.

    A value is a text, or a mapping of texts by language (e.g. the word for "price").
    """
    out = {}
    for lang in langs:
        if lang in table:
            filled = {k: v if isinstance(v, str) else v[lang] for k, v in values.items()}
            out[lang] = table[lang].format(**filled)
    return out


def _localized(parts: Sequence[Mapping[str, str]], langs: Sequence[str]) -> dict[str, str]:
    """Sentences joined per language; a language is kept if its first part has it."""
    out = {}
    for lang in langs:
        if lang in parts[0]:
            out[lang] = " ".join(p[lang] for p in parts if lang in p)
    return out


def _texts(text: Mapping[str, str], langs: Sequence[str]) -> dict[str, str]:
    return {lang: text[lang] for lang in langs if lang in text}


# --------------------------------------------------------------------------- the mapping


def _origins(tender: Tender, criteria: Sequence[Criterion]) -> dict[str, str]:
    """The BT-805 origin of each criterion, by id: the ``gpp_origin`` of the bundled set that defines it, or
    ``other`` for the buyer's own criteria (and anything the library does not define)."""
    from ..catalogue import bundled_criteria, load_bundled_set

    defined_in = {crit.id: set_id for set_id, crit in bundled_criteria()}
    own = {crit.id for crit in tender.criteria.own}
    out: dict[str, str] = {}
    for crit in criteria:
        set_id = defined_in.get(crit.id)
        out[crit.id] = "other" if crit.id in own or set_id is None else load_bundled_set(set_id).gpp_origin
    return out


def _green(
    criteria: Sequence[Criterion], origins: Mapping[str, str]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[GoalBasis, ...]]:
    if not criteria:
        return ("none",), (), ("none",), ()
    impacts: dict[str, tuple[set[str], set[str]]] = {}
    for crit in criteria:
        for theme in crit.themes:
            kinds, found = impacts.setdefault(THEME_IMPACT[theme], (set(), set()))
            kinds.add(crit.kind)
            found.add(origins.get(crit.id, "other"))
    env = _ordered("environmental-impact", set(impacts))
    goals = tuple(
        GoalBasis(
            impact=code,
            kinds=tuple(k for k in KINDS if k in impacts[code][0]),
            origins=_ordered("gpp-criteria", impacts[code][1]),
        )
        for code in env
    )
    gpp = _ordered("gpp-criteria", {origins.get(c.id, "other") for c in criteria})
    return ("env-imp",), env, gpp, goals


def _price_extras(tender: Tender, what: str, langs: Sequence[str]) -> list[dict[str, str]]:
    """Sentences on a basket price and on price adjustments, when the tender has them."""
    spec = tender.award
    extras = []
    if spec.price_from == "basket":
        extras.append(_texts(_BASKET, langs))
    if spec.price_adjustments:
        extras.append(_phrase(_ADJUSTED, langs, what=_WHAT[what]))
    return extras


def _award(tender: Tender, criteria: Sequence[Criterion]) -> tuple[list[AwardCriterionFields], dict[str, str] | None]:
    spec = tender.award
    langs = list(tender.languages)
    if spec.basis != "best_price_quality":
        kind = "price" if spec.basis == "lowest_price" else "cost"
        only = AwardCriterionFields(
            type=kind,
            name=_texts(_PRICE_NAME if kind == "price" else _COST_NAME, langs),
            description=_localized([_texts(_LOWEST[kind], langs), *_price_extras(tender, kind, langs)], langs),
            numbers=(CriterionNumber("weight", "per-exa", 100.0),),
        )
        return [only], None

    award = [c for c in criteria if c.kind == "award_criterion"]
    of_cost = spec.priced_on == "life_cycle_cost"
    what = "cost" if of_cost else "price"
    out: list[AwardCriterionFields] = []
    complicated: dict[str, str] | None = None
    if spec.method == "weighted_points":
        assert spec.price is not None  # the model guarantees price and total_points here
        assert spec.total_points is not None
        code = "per-exa" if math.isclose(spec.total_points, 100.0) else "poi-exa"
        price = spec.price
        key = price.method + ("_clamped" if price.method == "linear_bounds" and price.clamp else "")
        parts = [
            _phrase(
                _PRICE_METHOD.get(key, _PRICE_METHOD_OTHER),
                langs,
                what=_WHAT[what],
                method=price.method,
                p=_num_text(price.points),
                lo=price.lowest.text if price.lowest is not None else "",
                hi=price.highest.text if price.highest is not None else "",
                a=_num_text(price.a) if price.a is not None else "",
            ),
            *_price_extras(tender, what, langs),
        ]
        out.append(
            AwardCriterionFields(
                type=what,
                name=_texts(_COST_NAME if of_cost else _PRICE_NAME, langs),
                description=_localized(parts, langs),
                numbers=(CriterionNumber("weight", code, float(price.points)),),
            )
        )
        for crit in award:
            weight = spec.weights[crit.id]
            out.append(
                AwardCriterionFields(
                    type="quality",
                    name=_texts(crit.title, langs),
                    description=_texts(crit.text, langs),
                    numbers=(CriterionNumber("weight", code, float(weight.magnitude)),),
                    criterion_id=crit.id,
                )
            )
    elif spec.method == "fixed_price":
        assert spec.fixed_price is not None  # the model guarantees it for this method
        fixed = spec.fixed_price.magnitude * conversion_factor(spec.fixed_price.unit, "EUR")
        total = (
            spec.total_points
            if spec.total_points is not None
            else math.fsum(w.magnitude for w in spec.weights.values())
        )
        code = "per-exa" if math.isclose(total, 100.0) else "poi-exa"
        out.append(
            AwardCriterionFields(
                type="price",
                name=_texts(_PRICE_NAME, langs),
                description=_texts(_FIXED_PRICE, langs),
                numbers=(CriterionNumber("fixed", "fix-tot", fixed),),
            )
        )
        for crit in award:
            out.append(
                AwardCriterionFields(
                    type="quality",
                    name=_texts(crit.title, langs),
                    description=_texts(crit.text, langs),
                    numbers=(CriterionNumber("weight", code, float(spec.weights[crit.id].magnitude)),),
                    criterion_id=crit.id,
                )
            )
    else:
        method = spec.method or ""
        wq = math.fsum(w.magnitude for w in spec.weights.values())
        x = spec.ratio_constant if method == "value_for_money" else getattr(spec, "price_weight", None)
        table = _COMPLICATED.get(method, _COMPLICATED_OTHER)
        complicated = _phrase(
            table,
            langs,
            what=_WHAT[what],
            x=_num_text(x) if x is not None else "",
            wq=_num_text(wq),
            method=method,
        )
        worth = _WORTH if method in ("fictitious_price", "fictitious_surcharge") else _WEIGHT
        for crit in award:
            w = spec.weights[crit.id].text
            out.append(
                AwardCriterionFields(
                    type="quality",
                    name=_texts(crit.title, langs),
                    description=_localized([_texts(crit.text, langs), _phrase(worth, langs, w=w)], langs),
                    criterion_id=crit.id,
                )
            )
        out.insert(
            0,
            AwardCriterionFields(
                type=what,
                name=_texts(_COST_NAME if of_cost else _PRICE_NAME, langs),
                description=_localized(
                    [_phrase(_PRICE_METHOD_PLAIN, langs, what=_WHAT[what]), *_price_extras(tender, what, langs)], langs
                ),
            ),
        )

    threshold = spec.quality_threshold
    if threshold is not None:
        if complicated is not None:  # no numbers next to BT-543: the threshold joins its text
            sentence = _threshold_sentence(tender, langs)
            complicated = {
                lang: f"{text} {sentence[lang]}" if lang in sentence else text for lang, text in complicated.items()
            }
        else:
            kind_key = "min_score" if threshold.min_score is not None else "max_pass"
            number = threshold.min_score if threshold.min_score is not None else threshold.max_pass
            assert number is not None
            out.append(
                AwardCriterionFields(
                    type="quality",
                    name=_texts(_THRESHOLD_NAME, langs),
                    description=_threshold_sentence(tender, langs),
                    numbers=(
                        CriterionNumber(
                            "threshold", "min-score" if kind_key == "min_score" else "max-pass", float(number)
                        ),
                    ),
                )
            )
    return out, complicated


def _threshold_sentence(tender: Tender, langs: Sequence[str]) -> dict[str, str]:
    threshold = tender.award.quality_threshold
    assert threshold is not None
    weights = tender.award.weights.values()
    in_euros = tender.award.method in ("fictitious_price", "fictitious_surcharge")  # quality is in EUR there
    total = _num_text(math.fsum(w.to("EUR") if in_euros else w.magnitude for w in weights))
    if threshold.min_score is not None:
        key = "min_value" if in_euros else "min_score"
        return _phrase(_THRESHOLD[key], langs, x=_num_text(threshold.min_score), total=total)
    return _phrase(_THRESHOLD["max_pass"], langs, x=str(threshold.max_pass), total=total)


def lot_fields(tender: Tender, criteria: Sequence[Criterion] | None = None) -> list[LotFields]:
    """The eForms fields of each lot of ``tender`` (a valid tender; see :func:`circular_ict.load_tender`).

    ``criteria`` are the tender's criteria with the bundled library (default:
    :func:`circular_ict.scoring.api.resolve_tender`). Raises :class:`ExportError` when none of the tender's
    languages is an EU official language (eForms texts must be in one).
    """
    if not any(eforms_language(lang) for lang in tender.languages):
        raise ExportError(
            f"none of the tender's languages ({', '.join(tender.languages)}) is an official EU language; "
            "eForms notices are written in one (add one to 'languages' and to every text)"
        )
    if criteria is None:
        from ..scoring.api import resolve_tender

        criteria = resolve_tender(tender)
    strategic, env, gpp, goals = _green(criteria, _origins(tender, criteria))
    award, complicated = _award(tender, criteria)
    lots = [
        LotFields(
            lot_id=lot.id,
            eforms_id=lot.id if _LOT_ID.match(lot.id) else f"LOT-{i:04d}",
            title=_texts(lot.title, list(tender.languages)),
            strategic_procurement=strategic,
            environmental_impact=env,
            gpp_criteria=gpp,
            award_criteria=tuple(award),
            complicated=complicated,
            goals=goals,
        )
        for i, lot in enumerate(tender.lots, start=1)
    ]
    _check_codes(lots)
    return lots


# --------------------------------------------------------------------------- JSON


def _eforms_texts(texts: Mapping[str, str]) -> dict[str, str]:
    """Texts keyed by eForms languageID (``ENG``, ``NLD``); languages eForms does not have are left out."""
    return {code: text for lang, text in texts.items() if (code := eforms_language(lang))}


def eforms_json(tender: Tender, criteria: Sequence[Criterion] | None = None) -> dict[str, Any]:
    """The eForms fields as JSON-ready data: ``{"tender": id, "lots": [one dict per lot, keyed by field id]}``.

    Each lot holds ``BT-137-Lot``, ``BT-22-Lot``, ``BT-21-Lot``, ``BT-06-Lot``, ``BT-774-Lot``,
    ``BT-805-Lot`` (lists of codes), ``BT-543-Lot`` when present, and ``ND-LotAwardCriterion``: one dict per
    award criterion with ``BT-539-Lot``, ``BT-734-Lot``, ``BT-540-Lot`` and its numbers
    (``BT-541-Lot-WeightNumber`` with ``BT-5421-Lot``, and so on), plus ``criterion``, the circular_ict
    criterion it comes from. Texts are keyed by eForms languageID.
    """
    return lots_json(tender.id, lot_fields(tender, criteria))


def lots_json(tender_id: str, lots: Sequence[LotFields]) -> dict[str, Any]:
    """:func:`eforms_json` for lots already mapped (see :func:`lot_fields`)."""
    _check_codes(lots)
    out = []
    for lot in lots:
        entry: dict[str, Any] = {
            "BT-137-Lot": lot.eforms_id,
            "BT-22-Lot": lot.lot_id,
            "BT-21-Lot": _eforms_texts(lot.title),
            "BT-06-Lot": list(lot.strategic_procurement),
            "BT-774-Lot": list(lot.environmental_impact),
            "BT-805-Lot": list(lot.gpp_criteria),
        }
        if lot.complicated:
            entry["BT-543-Lot"] = _eforms_texts(lot.complicated)
        criteria_out = []
        for ac in lot.award_criteria:
            item: dict[str, Any] = {"BT-539-Lot": ac.type, "BT-734-Lot": _eforms_texts(ac.name)}
            if ac.description:
                item["BT-540-Lot"] = _eforms_texts(ac.description)
            for n in ac.numbers:
                item[NUMBER_FIELDS[n.kind]] = _num(n.number)
                item[CODE_FIELDS[n.kind]] = n.code
            if ac.criterion_id is not None:
                item["criterion"] = ac.criterion_id
            criteria_out.append(item)
        entry["ND-LotAwardCriterion"] = criteria_out
        out.append(entry)
    return {"tender": tender_id, "lots": out}


# --------------------------------------------------------------------------- UBL XML


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


def _sub(parent: ET.Element, ns: str, name: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, _q(ns, name), attrs)
    if text is not None:
        el.text = text
    return el


def _multilingual(parent: ET.Element, name: str, texts: Mapping[str, str]) -> None:
    for lang, text in texts.items():
        code = eforms_language(lang)
        if code is not None:
            _sub(parent, CBC, name, text, languageID=code)


def _lot_element(lot: LotFields) -> ET.Element:
    el = ET.Element(_q(CAC, "ProcurementProjectLot"))
    _sub(el, CBC, "ID", lot.eforms_id, schemeName="Lot")
    terms = _sub(el, CAC, "TenderingTerms")
    awarding = _sub(_sub(terms, CAC, "AwardingTerms"), CAC, "AwardingCriterion")
    if lot.complicated:
        _multilingual(awarding, "CalculationExpression", lot.complicated)  # BT-543
    for ac in lot.award_criteria:
        sub = _sub(awarding, CAC, "SubordinateAwardingCriterion")
        if ac.numbers:
            ext = _sub(_sub(_sub(sub, EXT, "UBLExtensions"), EXT, "UBLExtension"), EXT, "ExtensionContent")
            eforms = _sub(ext, EFEXT, "EformsExtension")
            for n in ac.numbers:
                param = _sub(eforms, EFAC, "AwardCriterionParameter")
                _sub(param, EFBC, "ParameterCode", n.code, listName=NUMBER_LISTS[n.kind])  # BT-5421/5422/5423
                _sub(param, EFBC, "ParameterNumeric", _num_text(n.number))  # BT-541
        _sub(sub, CBC, "AwardingCriterionTypeCode", ac.type, listName="award-criterion-type")  # BT-539
        _multilingual(sub, "Name", ac.name)  # BT-734
        _multilingual(sub, "Description", ac.description)  # BT-540
    project = _sub(el, CAC, "ProcurementProject")
    _sub(project, CBC, "ID", lot.lot_id, schemeName="InternalID")  # BT-22
    _multilingual(project, "Name", lot.title)  # BT-21
    for list_name, codes in (
        ("strategic-procurement", lot.strategic_procurement),  # BT-06
        ("environmental-impact", lot.environmental_impact),  # BT-774
        ("gpp-criteria", lot.gpp_criteria),  # BT-805
    ):
        for code in codes:
            additional = _sub(project, CAC, "ProcurementAdditionalType")
            _sub(additional, CBC, "ProcurementTypeCode", code, listName=list_name)
    return el


def eforms_xml(tender: Tender, criteria: Sequence[Criterion] | None = None) -> str:
    """The lots as the UBL XML fragment of an eForms contract notice (UTF-8 text with an XML declaration).

    The root is a ``ContractNotice`` that holds only the ``cac:ProcurementProjectLot`` elements: merge them
    into a complete notice made with an eForms tool. Texts are escaped by the XML writer.
    """
    return lots_xml(tender.id, lot_fields(tender, criteria))


def lots_xml(tender_id: str, lots: Sequence[LotFields]) -> str:
    """:func:`eforms_xml` for lots already mapped (see :func:`lot_fields`)."""
    _check_codes(lots)
    for prefix, uri in _PREFIXES.items():
        ET.register_namespace(prefix, uri)
    root = ET.Element("ContractNotice", {"xmlns": CN})  # the default namespace, as in the SDK's examples
    root.append(
        ET.Comment(
            f" Lots of tender {tender_id.replace('--', '- -')}, written by circular_ict: BT-06, BT-774, BT-805 "
            "and the award criteria (BT-539, BT-734, BT-540, BT-541, BT-5421/5422/5423, BT-543). A fragment: "
            "merge the lots into a complete notice. "
        )
    )
    for lot in lots:
        root.append(_lot_element(lot))
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
