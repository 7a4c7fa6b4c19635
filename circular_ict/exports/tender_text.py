"""The tender as text: Markdown and HTML, in English or Dutch.

:func:`tender_document` turns a :class:`~circular_ict.model.tender.Tender` into a :class:`TenderDocument`: a
list of blocks (headings, paragraphs, lists, tables, formulas) that holds every sentence of the tender text in
one language. The renderers only lay these blocks out: :meth:`TenderDocument.to_markdown`,
:meth:`TenderDocument.to_html` and :func:`circular_ict.exports.docx.tender_docx` (Word) show the same content.

The text covers the buyer and the lots, the selection criteria, the technical specifications with the
thresholds the tender sets (parameters bound), the award basis and the award criteria with their weights and
scoring rules in words and formulas (the price method, fictitious prices, ratios, price adjustments, the
life-cycle cost and its discounting, the quality threshold, ties and rounding), the evidence asked for and the
labels accepted "or equivalent", the contract performance clauses, and a closing table of the criteria with
their sources. The formulas are the engine's (:mod:`circular_ict.scoring.engine`): what the text says is how
the bids are scored.

Every text from a file is escaped: HTML with :func:`html.escape`, Markdown by backslash-escaping the characters
that would make markup (table pipes included) and ``<`` ``>`` ``&`` as HTML entities.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..errors import CircularIctError

if TYPE_CHECKING:
    from ..model import Criterion, Metric
    from ..model.criterion import Provenance, Requirement, Verification
    from ..model.tender import PriceAdjustment, PriceSpec, Tender
    from ..units import Quantity

__all__ = [
    "LANGUAGES",
    "Block",
    "Bullets",
    "Formula",
    "Heading",
    "Paragraph",
    "RenderError",
    "Span",
    "Table",
    "TenderDocument",
    "render_tender",
    "tender_document",
    "write_tender",
]

#: The languages the fixed sentences exist in.
LANGUAGES = ("en", "nl")

Style = Literal["plain", "code", "strong", "link"]
TextFormat = Literal["md", "html"]


class RenderError(CircularIctError, ValueError):
    """A tender that cannot be rendered as asked (a language it has no texts in, a threshold left open)."""


# --------------------------------------------------------------------------- the document


@dataclass(frozen=True)
class Span:
    """A piece of inline text: ``plain``, ``code`` (a value, id or unit as written), ``strong`` or ``link``."""

    text: str
    style: Style = "plain"


Inline = tuple[Span, ...]


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    spans: Inline


@dataclass(frozen=True)
class Bullets:
    items: tuple[Inline, ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[Inline, ...], ...]


@dataclass(frozen=True)
class Formula:
    """Lines of a formula, shown in a fixed-width font."""

    lines: tuple[str, ...]


Block = Heading | Paragraph | Bullets | Table | Formula


@dataclass(frozen=True)
class TenderDocument:
    """The tender text in one language, as blocks; render it with :meth:`to_markdown` or :meth:`to_html`."""

    title: str
    lang: str
    blocks: tuple[Block, ...]
    criterion_ids: tuple[str, ...] = field(default=())
    """The ids of the tender's criteria, in the order of the text."""

    def to_markdown(self) -> str:
        """GitHub-flavoured Markdown; every text from the tender is escaped."""
        out: list[str] = []
        for block in self.blocks:
            out.append(_md_block(block))
        return "\n\n".join(out) + "\n"

    def to_html(self) -> str:
        """A self-contained HTML document (no external resources); every text is escaped."""
        body = "\n".join(_html_block(b) for b in self.blocks)
        return (
            "<!DOCTYPE html>\n"
            f'<html lang="{html.escape(self.lang)}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(self.title)}</title>\n<style>\n{_CSS}</style>\n</head>\n<body>\n"
            f"{body}\n</body>\n</html>\n"
        )

    def render(self, fmt: TextFormat) -> str:
        """``md`` or ``html``."""
        if fmt == "md":
            return self.to_markdown()
        if fmt == "html":
            return self.to_html()
        raise ValueError(f"unknown format {fmt!r}; choose md or html")


# --------------------------------------------------------------------------- fixed sentences

_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "buyer": "**Contracting authority:** {name}",
        "reference": "**Reference:** `{id}`",
        "date": "**Reference date of the evaluation:** {date}",
        "basis_line": "**Award basis:** {basis}",
        "intro": "This document sets out the criteria of the tender: the selection criteria, the technical "
        "specifications every offer must meet, the award criteria with their weights and how they are scored, "
        "and the contract performance clauses. Values and units are shown as the tender file sets them; a value "
        "in another unit of the same kind counts after conversion (`36 month` meets `3 year`).",
        "h_lots": "Lots",
        "lot_headers": "Lot|Title|Product group|Quantity|Contract period",
        "not_stated": "not stated",
        "basket": "Representative basket of lot `{lot}`: {lines}.",
        "h_selection_criterion": "Selection criteria",
        "h_technical_specification": "Technical specifications (minimum requirements)",
        "h_award": "Award",
        "h_award_criterion": "Award criteria",
        "h_contract_performance_clause": "Contract performance clauses",
        "i_selection_criterion": "Every tenderer must meet each of these requirements. A tenderer who does not meet "
        "one, or does not demonstrate it, is excluded from the evaluation.",
        "i_technical_specification": "Every offer must meet each of these minimum requirements. An offer that does "
        "not meet one, or does not demonstrate it, is invalid and is not assessed further: it is set aside before "
        "the award criteria and the price are evaluated. When an offer comprises several products of the product "
        "group, the least favourable value counts.",
        "i_award_criterion": "Each award criterion earns at most its weight. A tender that does not state a value "
        "for a criterion, or does not demonstrate it, earns nothing on it; a missing value is never guessed.",
        "i_award_unscored": "The award basis has no quality part: the award criteria below are not scored.",
        "i_contract_performance_clause": "The contractor must meet these obligations during the contract; they are "
        "not scored at the award.",
        "none_selection_criterion": "This tender sets no selection criteria.",
        "none_technical_specification": "This tender sets no technical specifications.",
        "none_award_criterion": "This tender has no award criteria.",
        "none_contract_performance_clause": "This tender sets no contract performance clauses.",
        "note": "**Note from the contracting authority:** {note}",
        "req_label": "Requirement",
        "obl_label": "Obligation",
        "req": "**{label}:** {metric} (`{mid}`) {constraint}.",
        "req_bool": "**{label}:** {metric} (`{mid}`): {value}.",
        "req_labels": "**{label}:** met by one of the accepted labels below, or an equivalent label{valid}.",
        "req_labels_valid": ", valid on {date}",
        "req_assessed": "**{label}:** assessed by the evaluation committee on the evidence below.",
        "at_least": "at least `{v}`",
        "at_most": "at most `{v}`",
        "between": "at least `{lo}` and at most `{hi}`",
        "exactly": "exactly `{v}`",
        "min_level": "at least level `{v}`",
        "one_of": "one of {values}",
        "yes": "yes",
        "no": "no",
        "evidence": "**Evidence:** {items}.",
        "labels": "**Accepted labels:** {labels}, or an equivalent label.",
        "rule_description": "**Explanation of the rule:** {text}",
        "weight_points": "**Weight:** {w} ({share} of {total}).",
        "weight_points_plain": "**Weight:** {w}.",
        "weight_eur_discount": "**Weight:** at most `{w}` off the evaluated price.",
        "weight_eur_surcharge": "**Weight:** at most `{w}` added to the evaluated price when the quality is not "
        "offered.",
        "scoring": "**Scoring:** {text}",
        "point": "point",
        "points": "points",
        "s_linear": "{W} for a {metric} of `{best}`, 0 for `{worst}`, linearly in between.",
        "s_linear_clamp": "A value better than `{best}` earns no more than {W}; a value worse than `{worst}` earns 0.",
        "s_linear_free": "The line continues beyond both values: a value better than `{best}` earns more than {W}, "
        "a value worse than `{worst}` a negative score.",
        "s_ratio_higher": "The valid tender with the highest value for the {metric} earns {W}; every other tender "
        "earns in proportion to its value.",
        "s_ratio_lower": "The valid tender with the lowest value for the {metric} earns {W}; every other tender "
        "earns in proportion: a value twice the lowest earns half.",
        "s_steps": "The value offered for the {metric} earns the score of the best step it reaches; a value that "
        "reaches no step earns 0.",
        "s_yes_no": "{W} when the answer for {metric} is yes; 0 when it is no.",
        "s_yes_no_assessed": "{W} when the evaluation committee finds the criterion met on the evidence below; "
        "0 when it does not.",
        "s_label_scale": "The score depends on the level offered for the {metric}; a level not listed earns 0.",
        "s_euro_higher": "Each unit of {metric} above `{baseline}` is worth `{per_unit}`{cap}; the value is at most "
        "the weight.",
        "s_euro_lower": "Each unit of {metric} below `{baseline}` is worth `{per_unit}`{cap}; the value is at most "
        "the weight.",
        "s_euro_cap": ", up to `{cap}`",
        "step_headers": "Step|Points of the rule|Score",
        "level_headers": "Level|Points of the rule|Score",
        "step_min": "at least `{v}`",
        "step_max": "at most `{v}`",
        "x_is": "`x`: the value offered for the {metric}, in `{unit}`.",
        "x_is_plain": "`x`: the value offered for the {metric}.",
        "x_best_higher": "`x_max`: the highest value offered among the valid tenders.",
        "x_best_lower": "`x_min`: the lowest value offered among the valid tenders.",
        "p_step": "`p`: the points of the rule for the step or level reached; `p_max = {pmax}`.",
        "clamped_to": "limited to {lo} … {hi}",
        "f_score": "score",
        "f_value": "V",
        "f_if_yes": "1 if yes, 0 if no",
        "basis_lowest_price": "lowest price",
        "basis_lowest_cost": "lowest cost (life-cycle cost)",
        "basis_best_price_quality": "best price-quality ratio",
        "m_weighted_points": "weighted points",
        "m_fictitious_price": "fictitious price (award on value)",
        "m_fictitious_surcharge": "fictitious surcharge",
        "m_price_per_quality_point": "price per quality point",
        "m_value_for_money": "value for money",
        "m_utility_index": "utility index",
        "m_fixed_price": "fixed price, quality only",
        "a_lowest": "The contract is awarded to the valid tender with the lowest evaluated price.",
        "a_weighted_points": "The contract is awarded to the valid tender with the best price-quality ratio. Each "
        "valid tender earns points on the award criteria below and price points for its evaluated price; the "
        "tender with the highest total wins. The maximum total is {total} points: {quality} for the award criteria "
        "and {price} for the price.",
        "a_fictitious_price": "The contract is awarded to the valid tender with the best price-quality ratio. Each "
        "valid tender gets a fictitious price: its evaluated price minus the value in euros of its quality on the "
        "award criteria below; the tender with the lowest fictitious price wins.",
        "a_fictitious_surcharge": "The contract is awarded to the valid tender with the best price-quality ratio. "
        "Each valid tender gets a fictitious price: its evaluated price plus, for each award criterion below, the "
        "value in euros of the quality it does not offer (the weight minus the value it earns); the tender with "
        "the lowest fictitious price wins.",
        "a_fixed_price": "The contracting authority fixes the contract price at `{price}`; tenders compete on "
        "quality only. A tender at another price does not comply. The valid tender with the most quality points "
        "on the award criteria below wins.",
        "a_price_per_quality_point": "The contract is awarded to the valid tender with the best price-quality "
        "ratio. The evaluated price of each valid tender is divided by its quality points on the award criteria "
        "below; the tender with the lowest price per quality point wins.",
        "a_value_for_money": "The contract is awarded to the valid tender with the best price-quality ratio. The "
        "quality points of each valid tender on the award criteria below are divided by its evaluated price and "
        "multiplied by the constant X = {x}; the tender with the highest result wins.",
        "a_utility_index": "The contract is awarded to the valid tender with the best price-quality ratio. Each "
        "valid tender gets a utility index that weighs its quality on the award criteria below against its "
        "evaluated price at the ratio N of the quality weights ({wq}) to the price weight ({wp}); the tender with "
        "the highest index wins.",
        "f_total": "total",
        "f_price_points": "price points",
        "f_fictitious": "fictitious price",
        "f_ratio": "ratio",
        "f_value_for_money": "result",
        "l_quality": "`Q`: the quality points of the tender, the sum of its scores on the award criteria.",
        "l_quality_share": "`Q`: the quality of the tender as a share of the quality weights ({wq}); `Q_best`: the "
        "highest `Q` among the valid tenders.",
        "l_values": "`V_c`: the value in euros the tender earns on award criterion c, at most its weight `W_c`.",
        "l_price": "`P`: the evaluated price of the tender, in EUR.",
        "l_price_min": "`P_min`: the lowest evaluated price among the {valid}.",
        "l_price_max": "`P_max`: the highest evaluated price among the {valid}.",
        "valid_tenders": "valid tenders",
        "valid_passed": "valid tenders that pass the quality threshold",
        "weights_headers": "Award criterion|Id|Weight|Share",
        "weights_headers_eur": "Award criterion|Id|Largest value",
        "price_row": "Evaluated price",
        "total_row": "Total",
        "evaluated_price": "The evaluated price of a tender is {base}{adjusted}.",
        "evaluated_only": "The evaluated price serves only to rank the tenders: the contract price is the price "
        "offered.",
        "base_price": "the total price it offers for the lot",
        "base_basket": "the price of the lot's basket at the tender's unit prices (the sum of quantity × unit price "
        "over the basket)",
        "base_lcc": "its life-cycle cost, computed as set out under Life-cycle cost",
        "adjusted": ", adjusted as set out under Price adjustments",
        "h_price": "Price",
        "price_intro": "The evaluated price earns at most {points} price points, by the method: {method}.",
        "pm_ratio_lowest": "ratio to the lowest price",
        "pm_linear_bounds": "linear between fixed bounds",
        "pm_linear_from_lowest": "linear from the lowest price",
        "pm_linear_min_max_bids": "linear between the lowest and the highest tender",
        "pm_log": "logarithmic formula",
        "p_ratio_lowest": "The lowest evaluated price among the {valid} earns all {points} price points; every other "
        "tender earns points in proportion: a tender twice as dear as the lowest earns half.",
        "p_linear_bounds": "An evaluated price of `{lo}` earns all {points} price points and one of `{hi}` earns "
        "none; in between, the points fall linearly.",
        "p_linear_bounds_clamp": "A price below `{lo}` earns no more than {points} price points, and a price above "
        "`{hi}` earns 0.",
        "p_linear_bounds_free": "The line continues beyond both bounds: a price below `{lo}` earns more than {points} "
        "price points, and a price above `{hi}` earns negative points.",
        "p_linear_from_lowest": "The lowest evaluated price among the {valid} earns all {points} price points; a "
        "tender loses {per_pct} points for each percent its evaluated price is above the lowest, so a price more "
        "than twice the lowest earns negative points.",
        "p_linear_min_max_bids": "The lowest evaluated price among the {valid} earns all {points} price points and "
        "the highest earns none; in between, the points fall linearly.",
        "p_log": "The lowest evaluated price among the {valid} earns all {points} price points and a price {a} "
        "times the lowest earns none; in between, the points fall with the logarithm of the ratio to the lowest "
        "price. A price more than {a} times the lowest earns negative points.",
        "h_adjustments": "Price adjustments",
        "adj_intro": "Before it is scored, the evaluated price is adjusted as follows, in this order.",
        "adj_discount": "A discount by the level of {metric} (`{mid}`) the tender offers; a level not listed, or no "
        "level, gets no discount.",
        "adj_discount_headers": "Level|Discount",
        "adj_externality": "A cost added for {metric} (`{mid}`): `{factor}` per unit of the value offered{per_device}. "
        "A tender that does not state the value is not ranked.",
        "adj_per_device": ", per device, times the quantity of the lot ({quantity})",
        "f_discount": "P × (1 − k(level))",
        "l_discount": "`k(level)`: the discount of the tender's level in the table.",
        "h_lcc": "Life-cycle cost",
        "lcc_intro": "The life-cycle cost of a tender is computed for the quantity of devices of the lot over the "
        "evaluation period, from the data the tender gives and the parameters below (Directive 2014/24/EU "
        "art. 68).",
        "lcc_headers": "Parameter|Value",
        "lcc_period": "Evaluation period",
        "lcc_electricity": "Electricity price",
        "lcc_grid": "Grid emission factor",
        "lcc_carbon": "Carbon price",
        "lcc_embodied": "Embodied emissions priced",
        "lcc_discounting": "Discounting",
        "lcc_ext_discounted": "CO2 cost discounted",
        "lcc_data": "Each tender states, per device:",
        "lcc_required": "required",
        "lcc_optional": "optional: 0 when not stated",
        "lcc_required_embodied": "required, because embodied emissions are priced",
        "d_none": "none: future costs count at face value, d(t) = 1",
        "d_end_of_year": "at the end of each year, at a rate of `{rate}`: d(t) = 1 / (1 + r)^t",
        "d_flat_factor": "one factor for every future cost: d(t) = {factor}",
        "lcc_partial": "A partial last year counts in proportion, with its costs at t = T.",
        "l_lcc": "`A`: the acquisition cost (the price offered); `q`: the quantity of the lot ({q}); `t = 1 … T`, "
        "`T = {years}` years; `E`: the energy use per device, in kWh per year; `M`: the maintenance cost per device "
        "per year; `EoL`: the end-of-life cost and `RV`: the residual value per device; `p_e`: the electricity "
        "price; `EF`: the grid emission factor; `c`: the carbon price; `EC`: the embodied emissions per device; "
        "`d(t)`: the discount factor of year `t`; `d_x(t)`: the discount factor of the CO2 cost.",
        "dx_one": "the CO2 cost is not discounted",
        "h_threshold": "Quality threshold",
        "t_min_score": "A tender must score at least {min} on the award criteria together. A tender below this "
        "threshold is not ranked and its price is not evaluated.",
        "t_max_pass": "Only the {n} tenders with the best quality score on the award criteria are ranked, together "
        "with any tender tied with the last of them; the prices of the others are not evaluated.",
        "h_ties": "Equal results",
        "ties_lots": "If two or more tenders rank first with exactly the same result, the winner is decided by "
        "drawing lots. The draw is made with the published seed {seed}, so that anyone can repeat it.",
        "ties_report": "If two or more tenders rank first with exactly the same result, the tie is recorded; the "
        "evaluation does not choose between them.",
        "rounding_none": "Results are compared exactly: they are not rounded, and there is no margin within which "
        "they count as equal.",
        "rounding": "Results are rounded to {n} decimals before they are compared (an exact half is rounded to the "
        "even neighbour).",
        "h_sources": "Criteria and their sources",
        "sources_headers": "Criterion|Publisher|Document|Code|URL|Status",
        "status_verified": "verified",
        "status_secondary": "secondary",
        "status_derived": "derived",
        "status_legend": "Status: verified, checked against the original document; secondary, taken from a "
        "faithful secondary rendering of it; derived, worked out from sources by the criterion's authors.",
        "ev_declaration": "a declaration by the tenderer",
        "ev_technical_documentation": "technical documentation",
        "ev_test_report": "a test report",
        "ev_label": "a label",
        "ev_certificate": "a certificate",
        "ev_product_carbon_footprint": "a product carbon footprint",
        "ev_lca_report": "an LCA report",
        "ev_contract_records": "records kept during the contract",
        "ev_audit_report": "an audit report",
        "or": "or",
    },
    "nl": {
        "buyer": "**Aanbestedende dienst:** {name}",
        "reference": "**Kenmerk:** `{id}`",
        "date": "**Peildatum van de beoordeling:** {date}",
        "basis_line": "**Gunningscriterium:** {basis}",
        "intro": "Dit document bevat de criteria van de aanbesteding: de geschiktheidseisen, de technische "
        "specificaties waaraan elke inschrijving moet voldoen, de gunningscriteria met hun gewicht en "
        "beoordelingswijze, en de contractvoorwaarden. Waarden en eenheden staan zoals het aanbestedingsbestand ze "
        "vastlegt; een waarde in een andere eenheid van dezelfde soort telt na omrekening (`36 month` voldoet aan "
        "`3 year`).",
        "h_lots": "Percelen",
        "lot_headers": "Perceel|Omschrijving|Productgroep|Aantal|Looptijd van de overeenkomst",
        "not_stated": "niet vermeld",
        "basket": "Representatief mandje van perceel `{lot}`: {lines}.",
        "h_selection_criterion": "Geschiktheidseisen",
        "h_technical_specification": "Technische specificaties (minimumeisen)",
        "h_award": "Gunning",
        "h_award_criterion": "Gunningscriteria",
        "h_contract_performance_clause": "Contractvoorwaarden",
        "i_selection_criterion": "Elke inschrijver moet aan elk van deze eisen voldoen. Een inschrijver die niet aan "
        "een eis voldoet of dit niet aantoont, wordt van de beoordeling uitgesloten.",
        "i_technical_specification": "Elke inschrijving moet aan elk van deze minimumeisen voldoen. Een inschrijving "
        "die niet aan een eis voldoet of dit niet aantoont, is ongeldig en wordt niet verder beoordeeld: zij wordt "
        "terzijde gelegd voordat de gunningscriteria en de prijs worden beoordeeld. Bestaat een aanbieding uit "
        "meerdere producten van de productgroep, dan telt de minst gunstige waarde.",
        "i_award_criterion": "Elk gunningscriterium levert ten hoogste zijn gewicht op. Een inschrijving die voor een "
        "criterium geen waarde vermeldt of die niet aantoont, krijgt daarop niets; een ontbrekende waarde wordt "
        "nooit geschat.",
        "i_award_unscored": "Het gunningscriterium kent geen kwaliteitsdeel: de onderstaande gunningscriteria worden "
        "niet beoordeeld.",
        "i_contract_performance_clause": "De opdrachtnemer moet tijdens de uitvoering van de overeenkomst aan deze "
        "verplichtingen voldoen; zij tellen niet mee bij de gunning.",
        "none_selection_criterion": "Deze aanbesteding stelt geen geschiktheidseisen.",
        "none_technical_specification": "Deze aanbesteding stelt geen technische specificaties.",
        "none_award_criterion": "Deze aanbesteding heeft geen gunningscriteria.",
        "none_contract_performance_clause": "Deze aanbesteding stelt geen contractvoorwaarden.",
        "note": "**Toelichting van de aanbestedende dienst:** {note}",
        "req_label": "Eis",
        "obl_label": "Verplichting",
        "req": "**{label}:** {metric} (`{mid}`) {constraint}.",
        "req_bool": "**{label}:** {metric} (`{mid}`): {value}.",
        "req_labels": "**{label}:** aangetoond met een van de onderstaande geaccepteerde keurmerken of een "
        "gelijkwaardig keurmerk{valid}.",
        "req_labels_valid": ", geldig op {date}",
        "req_assessed": "**{label}:** beoordeeld door de beoordelingscommissie aan de hand van de onderstaande "
        "bewijsmiddelen.",
        "at_least": "ten minste `{v}`",
        "at_most": "ten hoogste `{v}`",
        "between": "ten minste `{lo}` en ten hoogste `{hi}`",
        "exactly": "precies `{v}`",
        "min_level": "ten minste niveau `{v}`",
        "one_of": "een van {values}",
        "yes": "ja",
        "no": "nee",
        "evidence": "**Bewijsmiddelen:** {items}.",
        "labels": "**Geaccepteerde keurmerken:** {labels} of een gelijkwaardig keurmerk.",
        "rule_description": "**Toelichting op de regel:** {text}",
        "weight_points": "**Gewicht:** {w} ({share} van {total}).",
        "weight_points_plain": "**Gewicht:** {w}.",
        "weight_eur_discount": "**Gewicht:** ten hoogste `{w}` korting op de beoordelingsprijs.",
        "weight_eur_surcharge": "**Gewicht:** ten hoogste `{w}` opslag op de beoordelingsprijs als de kwaliteit niet "
        "wordt geboden.",
        "scoring": "**Beoordeling:** {text}",
        "point": "punt",
        "points": "punten",
        "s_linear": "{W} bij een {metric} van `{best}`, 0 bij `{worst}`, lineair daartussen.",
        "s_linear_clamp": "Een betere waarde dan `{best}` levert niet meer op dan {W}; een slechtere waarde dan "
        "`{worst}` levert 0 op.",
        "s_linear_free": "De lijn loopt door buiten beide waarden: een betere waarde dan `{best}` levert meer op dan "
        "{W}, een slechtere waarde dan `{worst}` een negatieve score.",
        "s_ratio_higher": "De geldige inschrijving met de hoogste waarde voor {metric} krijgt {W}; elke andere "
        "inschrijving krijgt naar verhouding van haar waarde.",
        "s_ratio_lower": "De geldige inschrijving met de laagste waarde voor {metric} krijgt {W}; elke andere "
        "inschrijving krijgt naar verhouding: een waarde die twee keer zo hoog is als de laagste, krijgt de helft.",
        "s_steps": "De aangeboden waarde voor {metric} krijgt de score van de beste trede die zij bereikt; een "
        "waarde die geen trede bereikt, krijgt 0.",
        "s_yes_no": "{W} als het antwoord voor {metric} ja is; 0 als het nee is.",
        "s_yes_no_assessed": "{W} als de beoordelingscommissie aan de hand van de onderstaande bewijsmiddelen "
        "vaststelt dat aan het criterium is voldaan; anders 0.",
        "s_label_scale": "De score hangt af van het aangeboden niveau voor {metric}; een niveau dat niet in de tabel "
        "staat, krijgt 0.",
        "s_euro_higher": "Elke eenheid {metric} boven `{baseline}` is `{per_unit}` waard{cap}; de waarde is ten "
        "hoogste het gewicht.",
        "s_euro_lower": "Elke eenheid {metric} onder `{baseline}` is `{per_unit}` waard{cap}; de waarde is ten "
        "hoogste het gewicht.",
        "s_euro_cap": ", tot ten hoogste `{cap}`",
        "step_headers": "Trede|Punten volgens de regel|Score",
        "level_headers": "Niveau|Punten volgens de regel|Score",
        "step_min": "ten minste `{v}`",
        "step_max": "ten hoogste `{v}`",
        "x_is": "`x`: de aangeboden waarde voor {metric}, in `{unit}`.",
        "x_is_plain": "`x`: de aangeboden waarde voor {metric}.",
        "x_best_higher": "`x_max`: de hoogste aangeboden waarde van de geldige inschrijvingen.",
        "x_best_lower": "`x_min`: de laagste aangeboden waarde van de geldige inschrijvingen.",
        "p_step": "`p`: de punten volgens de regel voor de bereikte trede of het bereikte niveau; `p_max = {pmax}`.",
        "clamped_to": "begrensd op {lo} … {hi}",
        "f_score": "score",
        "f_value": "V",
        "f_if_yes": "1 bij ja, 0 bij nee",
        "basis_lowest_price": "laagste prijs",
        "basis_lowest_cost": "laagste kosten op basis van kosteneffectiviteit (levenscycluskosten)",
        "basis_best_price_quality": "beste prijs-kwaliteitverhouding",
        "m_weighted_points": "gewogen puntentelling",
        "m_fictitious_price": "fictieve prijs (gunnen op waarde)",
        "m_fictitious_surcharge": "fictieve opslag",
        "m_price_per_quality_point": "prijs per kwaliteitspunt",
        "m_value_for_money": "kwaliteit per euro (value for money)",
        "m_utility_index": "utility-index",
        "m_fixed_price": "vaste prijs, alleen kwaliteit",
        "a_lowest": "De opdracht wordt gegund aan de geldige inschrijving met de laagste beoordelingsprijs.",
        "a_weighted_points": "De opdracht wordt gegund aan de geldige inschrijving met de beste "
        "prijs-kwaliteitverhouding. Elke geldige inschrijving krijgt punten op de onderstaande gunningscriteria en "
        "prijspunten voor haar beoordelingsprijs; de inschrijving met het hoogste totaal wint. Het maximale totaal "
        "is {total} punten: {quality} voor de gunningscriteria en {price} voor de prijs.",
        "a_fictitious_price": "De opdracht wordt gegund aan de geldige inschrijving met de beste "
        "prijs-kwaliteitverhouding. Elke geldige inschrijving krijgt een fictieve prijs: haar beoordelingsprijs "
        "minus de waarde in euro van haar kwaliteit op de onderstaande gunningscriteria; de inschrijving met de "
        "laagste fictieve prijs wint.",
        "a_fictitious_surcharge": "De opdracht wordt gegund aan de geldige inschrijving met de beste "
        "prijs-kwaliteitverhouding. Elke geldige inschrijving krijgt een fictieve prijs: haar beoordelingsprijs "
        "plus, per onderstaand gunningscriterium, de waarde in euro van de kwaliteit die zij niet biedt (het "
        "gewicht minus de verdiende waarde); de inschrijving met de laagste fictieve prijs wint.",
        "a_fixed_price": "De aanbestedende dienst stelt de contractprijs vast op `{price}`; inschrijvers "
        "concurreren alleen op kwaliteit. Een inschrijving met een andere prijs voldoet niet. De geldige "
        "inschrijving met de meeste kwaliteitspunten op de onderstaande gunningscriteria wint.",
        "a_price_per_quality_point": "De opdracht wordt gegund aan de geldige inschrijving met de beste "
        "prijs-kwaliteitverhouding. De beoordelingsprijs van elke geldige inschrijving wordt gedeeld door haar "
        "kwaliteitspunten op de onderstaande gunningscriteria; de inschrijving met de laagste prijs per "
        "kwaliteitspunt wint.",
        "a_value_for_money": "De opdracht wordt gegund aan de geldige inschrijving met de beste "
        "prijs-kwaliteitverhouding. De kwaliteitspunten van elke geldige inschrijving op de onderstaande "
        "gunningscriteria worden gedeeld door haar beoordelingsprijs en vermenigvuldigd met de constante X = {x}; "
        "de inschrijving met de hoogste uitkomst wint.",
        "a_utility_index": "De opdracht wordt gegund aan de geldige inschrijving met de beste "
        "prijs-kwaliteitverhouding. Elke geldige inschrijving krijgt een utility-index die haar kwaliteit op de "
        "onderstaande gunningscriteria afweegt tegen haar beoordelingsprijs, in de verhouding N van de "
        "kwaliteitsgewichten ({wq}) tot het prijsgewicht ({wp}); de inschrijving met de hoogste index wint.",
        "f_total": "totaal",
        "f_price_points": "prijspunten",
        "f_fictitious": "fictieve prijs",
        "f_ratio": "verhouding",
        "f_value_for_money": "uitkomst",
        "l_quality": "`Q`: de kwaliteitspunten van de inschrijving, de som van haar scores op de gunningscriteria.",
        "l_quality_share": "`Q`: de kwaliteit van de inschrijving als deel van de kwaliteitsgewichten ({wq}); "
        "`Q_best`: de hoogste `Q` van de geldige inschrijvingen.",
        "l_values": "`V_c`: de waarde in euro die de inschrijving op gunningscriterium c verdient, ten hoogste het "
        "gewicht `W_c`.",
        "l_price": "`P`: de beoordelingsprijs van de inschrijving, in EUR.",
        "l_price_min": "`P_min`: de laagste beoordelingsprijs van de {valid}.",
        "l_price_max": "`P_max`: de hoogste beoordelingsprijs van de {valid}.",
        "valid_tenders": "geldige inschrijvingen",
        "valid_passed": "geldige inschrijvingen boven de kwaliteitsdrempel",
        "weights_headers": "Gunningscriterium|Id|Gewicht|Aandeel",
        "weights_headers_eur": "Gunningscriterium|Id|Hoogste waarde",
        "price_row": "Beoordelingsprijs",
        "total_row": "Totaal",
        "evaluated_price": "De beoordelingsprijs van een inschrijving is gelijk aan {base}{adjusted}.",
        "evaluated_only": "De beoordelingsprijs dient alleen voor de rangschikking: de contractprijs is de aangeboden "
        "prijs.",
        "base_price": "de totale prijs die zij voor het perceel biedt",
        "base_basket": "de prijs van het mandje van het perceel tegen de eenheidsprijzen van de inschrijving (de som "
        "van aantal × eenheidsprijs over het mandje)",
        "base_lcc": "haar levenscycluskosten, berekend zoals beschreven onder Levenscycluskosten",
        "adjusted": ", gecorrigeerd zoals beschreven onder Prijscorrecties",
        "h_price": "Prijs",
        "price_intro": "De beoordelingsprijs levert ten hoogste {points} prijspunten op, volgens de methode: {method}.",
        "pm_ratio_lowest": "verhouding tot de laagste prijs",
        "pm_linear_bounds": "lineair tussen vaste grenzen",
        "pm_linear_from_lowest": "lineair vanaf de laagste prijs",
        "pm_linear_min_max_bids": "lineair tussen de laagste en de hoogste inschrijving",
        "pm_log": "logaritmische formule",
        "p_ratio_lowest": "De laagste beoordelingsprijs van de {valid} krijgt alle {points} prijspunten; elke "
        "andere inschrijving krijgt naar verhouding punten: een inschrijving die twee keer zo duur is als de "
        "laagste, krijgt de helft.",
        "p_linear_bounds": "Een beoordelingsprijs van `{lo}` krijgt alle {points} prijspunten en een van `{hi}` "
        "geen; daartussen nemen de punten lineair af.",
        "p_linear_bounds_clamp": "Een prijs onder `{lo}` krijgt niet meer dan {points} prijspunten, en een prijs "
        "boven `{hi}` krijgt 0.",
        "p_linear_bounds_free": "De lijn loopt door buiten beide grenzen: een prijs onder `{lo}` krijgt meer dan "
        "{points} prijspunten, en een prijs boven `{hi}` krijgt negatieve punten.",
        "p_linear_from_lowest": "De laagste beoordelingsprijs van de {valid} krijgt alle {points} prijspunten; een "
        "inschrijving verliest {per_pct} punten voor elk procent dat haar beoordelingsprijs boven de laagste ligt, "
        "zodat een prijs van meer dan twee keer de laagste negatieve punten krijgt.",
        "p_linear_min_max_bids": "De laagste beoordelingsprijs van de {valid} krijgt alle {points} prijspunten en de "
        "hoogste geen; daartussen nemen de punten lineair af.",
        "p_log": "De laagste beoordelingsprijs van de {valid} krijgt alle {points} prijspunten en een prijs van {a} "
        "keer de laagste krijgt er geen; daartussen nemen de punten af met de logaritme van de verhouding tot de "
        "laagste prijs. Een prijs van meer dan {a} keer de laagste krijgt negatieve punten.",
        "h_adjustments": "Prijscorrecties",
        "adj_intro": "Voordat de beoordelingsprijs wordt beoordeeld, wordt hij als volgt gecorrigeerd, in deze "
        "volgorde.",
        "adj_discount": "Een korting naar het niveau van {metric} (`{mid}`) dat de inschrijving biedt; een niveau "
        "dat niet in de tabel staat, of geen niveau, krijgt geen korting.",
        "adj_discount_headers": "Niveau|Korting",
        "adj_externality": "Een opslag voor {metric} (`{mid}`): `{factor}` per eenheid van de aangeboden "
        "waarde{per_device}. Een inschrijving die de waarde niet vermeldt, wordt niet gerangschikt.",
        "adj_per_device": ", per apparaat, maal het aantal van het perceel ({quantity})",
        "f_discount": "P × (1 − k(niveau))",
        "l_discount": "`k(niveau)`: de korting van het niveau van de inschrijving volgens de tabel.",
        "h_lcc": "Levenscycluskosten",
        "lcc_intro": "De levenscycluskosten van een inschrijving worden berekend voor het aantal apparaten van het "
        "perceel over de beoordelingsperiode, uit de gegevens van de inschrijving en de onderstaande parameters "
        "(Richtlijn 2014/24/EU art. 68).",
        "lcc_headers": "Parameter|Waarde",
        "lcc_period": "Beoordelingsperiode",
        "lcc_electricity": "Elektriciteitsprijs",
        "lcc_grid": "Emissiefactor van het elektriciteitsnet",
        "lcc_carbon": "CO2-prijs",
        "lcc_embodied": "Productiegebonden emissies beprijsd",
        "lcc_discounting": "Disconteren",
        "lcc_ext_discounted": "CO2-kosten verdisconteerd",
        "lcc_data": "Elke inschrijving vermeldt per apparaat:",
        "lcc_required": "verplicht",
        "lcc_optional": "facultatief: 0 als niet vermeld",
        "lcc_required_embodied": "verplicht, omdat productiegebonden emissies worden beprijsd",
        "d_none": "geen: toekomstige kosten tellen tegen hun nominale waarde, d(t) = 1",
        "d_end_of_year": "aan het einde van elk jaar, tegen `{rate}`: d(t) = 1 / (1 + r)^t",
        "d_flat_factor": "één factor voor alle toekomstige kosten: d(t) = {factor}",
        "lcc_partial": "Een onvolledig laatste jaar telt naar verhouding mee, met zijn kosten op t = T.",
        "l_lcc": "`A`: de aanschafkosten (de aangeboden prijs); `q`: het aantal van het perceel ({q}); `t = 1 … T`, "
        "`T = {years}` jaar; `E`: het energieverbruik per apparaat, in kWh per jaar; `M`: de onderhoudskosten per "
        "apparaat per jaar; `EoL`: de kosten aan het einde van de levensduur en `RV`: de restwaarde per apparaat; "
        "`p_e`: de elektriciteitsprijs; `EF`: de emissiefactor van het net; `c`: de CO2-prijs; `EC`: de "
        "productiegebonden emissies per apparaat; `d(t)`: de disconteringsfactor van jaar `t`; `d_x(t)`: de "
        "disconteringsfactor van de CO2-kosten.",
        "dx_one": "de CO2-kosten worden niet verdisconteerd",
        "h_threshold": "Kwaliteitsdrempel",
        "t_min_score": "Een inschrijving moet op de gunningscriteria samen ten minste {min} behalen. Een "
        "inschrijving onder deze drempel wordt niet gerangschikt en haar prijs wordt niet beoordeeld.",
        "t_max_pass": "Alleen de {n} inschrijvingen met de beste kwaliteitsscore op de gunningscriteria worden "
        "gerangschikt, samen met elke inschrijving die gelijk eindigt met de laatste daarvan; de prijzen van de "
        "andere worden niet beoordeeld.",
        "h_ties": "Gelijke uitkomsten",
        "ties_lots": "Als twee of meer inschrijvingen met precies dezelfde uitkomst als eerste eindigen, wordt de "
        "winnaar door loting bepaald. De loting gebeurt met de gepubliceerde seed {seed}, zodat iedereen haar kan "
        "herhalen.",
        "ties_report": "Als twee of meer inschrijvingen met precies dezelfde uitkomst als eerste eindigen, wordt dat "
        "vastgelegd; de beoordeling kiest dan niet tussen hen.",
        "rounding_none": "De uitkomsten worden exact vergeleken: zij worden niet afgerond en er is geen marge "
        "waarbinnen zij als gelijk gelden.",
        "rounding": "De uitkomsten worden vóór de vergelijking afgerond op {n} decimalen (een exacte helft wordt "
        "afgerond naar het even buurgetal).",
        "h_sources": "Criteria en hun bronnen",
        "sources_headers": "Criterium|Uitgever|Document|Code|URL|Status",
        "status_verified": "geverifieerd",
        "status_secondary": "secundair",
        "status_derived": "afgeleid",
        "status_legend": "Status: geverifieerd, gecontroleerd aan het oorspronkelijke document; secundair, "
        "overgenomen uit een getrouwe secundaire weergave daarvan; afgeleid, door de opstellers van het criterium "
        "uit bronnen afgeleid.",
        "ev_declaration": "een eigen verklaring van de inschrijver",
        "ev_technical_documentation": "technische documentatie",
        "ev_test_report": "een testrapport",
        "ev_label": "een keurmerk",
        "ev_certificate": "een certificaat",
        "ev_product_carbon_footprint": "een product-carbonfootprint",
        "ev_lca_report": "een LCA-rapport",
        "ev_contract_records": "registraties tijdens de uitvoering van de overeenkomst",
        "ev_audit_report": "een auditrapport",
        "or": "of",
    },
}

_KINDS = ("selection_criterion", "technical_specification", "award_criterion", "contract_performance_clause")

_TOKEN = re.compile(r"(\*\*.+?\*\*|`[^`]+`)")


# --------------------------------------------------------------------------- building the document


def tender_document(
    tender: Tender,
    lang: str = "en",
    *,
    criteria: Sequence[Criterion] | None = None,
    metrics: Mapping[str, Metric] | None = None,
) -> TenderDocument:
    """The tender text in ``lang`` (``en`` or ``nl``).

    ``criteria`` are the tender's criteria with their parameters bound (default: resolved against the bundled
    library with :func:`circular_ict.scoring.api.resolve_tender`); ``metrics`` the metric vocabulary (default:
    the bundled one). Raises :class:`RenderError` for a language the fixed sentences or the tender's own texts
    do not exist in, and for a threshold that the tender leaves open. Validate the tender first
    (:func:`circular_ict.load_tender`): the text describes a valid tender.
    """
    if lang not in LANGUAGES:
        raise RenderError(f"tender texts exist in {', '.join(LANGUAGES)}, not {lang!r}")
    if lang not in tender.languages:
        raise RenderError(
            f"the tender has no texts in {lang!r}; its languages are {', '.join(tender.languages)}",
        )
    if criteria is None:
        from ..scoring.api import resolve_tender

        criteria = resolve_tender(tender)
    if metrics is None:
        from ..catalogue import metrics as bundled_metrics

        metrics = bundled_metrics()
    return _Builder(tender, lang, list(criteria), metrics).build()


def render_tender(tender: Tender | str | Path, fmt: TextFormat = "md", lang: str = "en") -> str:
    """The tender text as Markdown (``md``) or a self-contained HTML document (``html``).

    ``tender`` is a :class:`~circular_ict.model.tender.Tender` or the path of a tender file (validated first:
    a file with problems raises :class:`~circular_ict.errors.DocumentError` with every diagnostic).
    """
    return tender_document(_tender(tender), lang).render(fmt)


def write_tender(tender: Tender | str | Path, path: str | Path, fmt: TextFormat = "md", lang: str = "en") -> None:
    """Write :func:`render_tender` to ``path`` atomically (:mod:`circular_ict.safeio`)."""
    from ..safeio import write_text_atomic

    write_text_atomic(path, render_tender(tender, fmt, lang))


def _tender(tender: Tender | str | Path) -> Tender:
    if isinstance(tender, (str, Path)):
        from ..validation import load_tender

        return load_tender(tender)
    return tender


def _spans(template: str, values: Mapping[str, object]) -> Inline:
    """A template with ``**strong**`` and ```code``` marks, filled in piece by piece (values are never parsed)."""
    spans: list[Span] = []
    for token in _TOKEN.split(template):
        if not token:
            continue
        if token.startswith("**") and token.endswith("**") and len(token) > 4:
            spans.append(Span(token[2:-2].format_map(values), "strong"))
        elif token.startswith("`") and token.endswith("`") and len(token) > 2:
            spans.append(Span(token[1:-1].format_map(values), "code"))
        else:
            spans.append(Span(token.format_map(values)))
    return tuple(spans)


def _join(*parts: Inline) -> Inline:
    return tuple(s for part in parts for s in part)


_SP: Inline = (Span(" "),)


def _sentences(parts: Sequence[Inline]) -> Inline:
    """Sentences one after the other, separated by a space."""
    out: list[Span] = []
    for i, part in enumerate(parts):
        if i:
            out.append(Span(" "))
        out.extend(part)
    return tuple(out)


def _plain(spans: Inline) -> str:
    return "".join(s.text for s in spans)


def _paragraphs(text: str) -> list[str]:
    """A text from a file as paragraphs: blank lines separate them, other line breaks are spaces."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def _num(value: float, lang: str, places: int = 2, *, group: bool = True) -> str:
    """A number in the language's notation, without trailing zeros: 1,200 / 7.5 (en), 1.200 / 7,5 (nl)."""
    text = f"{value:,.{places}f}" if group else f"{value:.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", "−0"):
        text = "0"
    if lang == "nl":
        text = text.translate(str.maketrans(",.", ".,"))
    return text


def _fnum(value: float, lang: str) -> str:
    """A number in a formula: no thousands separators, up to 6 decimals."""
    return _num(value, lang, 6, group=False)


def _lower_first(name: str) -> str:
    """'Warranty period' -> 'warranty period', but 'CO2 footprint' and 'TEC' stay as they are."""
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name


class _Builder:
    def __init__(self, tender: Tender, lang: str, criteria: list[Criterion], metrics: Mapping[str, Metric]) -> None:
        self.tender = tender
        self.lang = lang
        self.criteria = criteria
        self.metrics = metrics
        self.t = _TEXT[lang]
        self.blocks: list[Block] = []
        self.notes = {ref.ref: ref.note for ref in tender.criteria.include if ref.note}
        award = tender.award
        self.fictitious = award.method in ("fictitious_price", "fictitious_surcharge")
        self.scored = award.basis == "best_price_quality"

    # ---- helpers

    def s(self, key: str, **values: object) -> Inline:
        return _spans(self.t[key], values)

    def s_with(self, key: str, slot: str, inline: Inline, **values: object) -> Inline:
        """The template ``key`` with ``{slot}`` replaced by ready-made spans (which may hold code)."""
        head, tail = self.t[key].split("{" + slot + "}")
        return _join(_spans(head, values), inline, _spans(tail, values))

    def text(self, key: str, **values: object) -> str:
        return self.t[key].format_map(values)

    def loc(self, text: Mapping[str, str]) -> str:
        value = text.get(self.lang)
        if value is None:  # a validated tender has every text in every language it declares
            raise RenderError(f"a text has no {self.lang!r} version: {next(iter(text.values()), '')[:60]!r}")
        return value

    def para(self, spans: Inline) -> None:
        self.blocks.append(Paragraph(spans))

    def prose(self, text: str) -> None:
        for p in _paragraphs(text):
            self.para((Span(p),))

    def metric_name(self, metric_id: str) -> str:
        metric = self.metrics.get(metric_id)
        return _lower_first(metric.name.get(self.lang, metric_id)) if metric is not None else metric_id

    def metric_unit(self, metric_id: str) -> str | None:
        metric = self.metrics.get(metric_id)
        return getattr(metric, "unit", None) if metric is not None else None

    def in_metric_unit(self, q: Quantity, metric_id: str) -> float:
        unit = self.metric_unit(metric_id)
        return q.to(unit) if unit and q.unit else q.magnitude

    def higher_is_better(self, metric_id: str) -> bool:
        return getattr(self.metrics.get(metric_id), "better", "higher") == "higher"

    def points(self, value: float) -> str:
        word = self.t["point"] if value == 1 else self.t["points"]
        return f"{_num(value, self.lang)} {word}"

    def or_list(self, items: Sequence[str]) -> str:
        if len(items) <= 1:
            return "".join(items)
        return ", ".join(items[:-1]) + f" {self.t['or']} " + items[-1]

    # ---- the document

    def build(self) -> TenderDocument:
        tender = self.tender
        title = self.loc(tender.title)
        self.blocks.append(Heading(1, title))
        buyer = tender.buyer.name + (f" ({tender.buyer.country})" if tender.buyer.country else "")
        items = [self.s("buyer", name=buyer), self.s("reference", id=tender.id)]
        if tender.date is not None:
            items.append(self.s("date", date=tender.date.isoformat()))
        items.append(self.s("basis_line", basis=self.basis_words()))
        self.blocks.append(Bullets(tuple(items)))
        self.para(self.s("intro"))
        self.lots()
        by_kind = {kind: [c for c in self.criteria if c.kind == kind] for kind in _KINDS}
        for kind in ("selection_criterion", "technical_specification"):
            self.requirements_section(kind, by_kind[kind])
        self.award_section(by_kind["award_criterion"])
        self.requirements_section("contract_performance_clause", by_kind["contract_performance_clause"])
        ordered = [c for kind in _KINDS for c in by_kind[kind]]
        self.sources(ordered)
        return TenderDocument(title, self.lang, tuple(self.blocks), tuple(c.id for c in ordered))

    def basis_words(self) -> str:
        award = self.tender.award
        words = self.text(f"basis_{award.basis}")
        if award.basis == "best_price_quality" and award.method is not None:
            words += f" ({self.text(f'm_{award.method}')})"
        return words

    def lots(self) -> None:
        from ..catalogue import product_groups

        groups = product_groups()
        self.blocks.append(Heading(2, self.text("h_lots")))
        rows = []
        for lot in self.tender.lots:
            group = groups.get(lot.product_group)
            group_name = group.name.get(self.lang, lot.product_group) if group is not None else lot.product_group
            period: Inline = (
                (Span(lot.contract_period.text, "code"),)
                if lot.contract_period is not None
                else (Span(self.text("not_stated")),)
            )
            rows.append(
                (
                    (Span(lot.id, "code"),),
                    (Span(self.loc(lot.title)),),
                    (Span(f"{group_name} "), Span(lot.product_group, "code")),
                    (Span(_num(lot.quantity, self.lang)),),
                    period,
                )
            )
        self.blocks.append(Table(tuple(self.text("lot_headers").split("|")), tuple(rows)))
        for lot in self.tender.lots:
            if lot.basket:
                lines = ", ".join(f"{_num(n, self.lang)} × {g}" for g, n in lot.basket.items())
                self.para(self.s("basket", lot=lot.id, lines=lines))

    # ---- requirements (selection criteria, technical specifications, contract performance clauses)

    def requirements_section(self, kind: str, criteria: list[Criterion]) -> None:
        self.blocks.append(Heading(2, self.text(f"h_{kind}")))
        if not criteria:
            self.para(self.s(f"none_{kind}"))
            return
        self.para(self.s(f"i_{kind}"))
        label = self.text("obl_label" if kind == "contract_performance_clause" else "req_label")
        for crit in criteria:
            self.criterion_head(crit)
            requirement: Requirement | None = getattr(crit, "requirement", None)
            if requirement is not None:
                self.para(self.requirement(crit.id, requirement, label))
            elif crit.verification is not None and crit.verification.labels:
                valid = self.text("req_labels_valid", date=self.tender.date.isoformat()) if self.tender.date else ""
                self.para(self.s("req_labels", label=label, valid=valid))
            elif kind != "contract_performance_clause":
                self.para(self.s("req_assessed", label=label))
            self.verification(crit.verification)

    def criterion_head(self, crit: Criterion) -> None:
        self.blocks.append(Heading(3, f"{self.loc(crit.title)} ({crit.id})"))
        self.prose(self.loc(crit.text))
        note = self.notes.get(crit.id)
        if note is not None:
            self.para(self.s("note", note=" ".join(self.loc(note).split())))

    def requirement(self, cid: str, req: Requirement, label: str) -> Inline:
        from ..model import ParameterRef

        lo, hi = req.min, req.max
        for bound in (lo, hi):
            if isinstance(bound, ParameterRef):
                raise RenderError(f"{cid}: the parameter {bound.parameter!r} has no value in the tender")
        assert not isinstance(lo, ParameterRef)
        assert not isinstance(hi, ParameterRef)
        metric = self.metric_name(req.metric)
        if isinstance(req.equals, bool):
            value = self.text("yes" if req.equals else "no")
            return self.s("req_bool", label=label, metric=metric, mid=req.metric, value=value)
        if lo is not None and hi is not None:
            constraint = self.s("between", lo=lo.text, hi=hi.text)
        elif lo is not None:
            constraint = self.s("at_least", v=lo.text)
        elif hi is not None:
            constraint = self.s("at_most", v=hi.text)
        elif req.equals is not None:
            constraint = self.s("exactly", v=req.equals.text)
        elif req.min_level is not None:
            constraint = self.s("min_level", v=req.min_level)
        else:
            constraint = _join(self.s("one_of", values=""), self.code_list(list(req.one_of or [])))
        return self.s_with("req", "constraint", constraint, label=label, metric=metric, mid=req.metric)

    def code_list(self, values: Sequence[str]) -> Inline:
        """``A``, ``B`` or ``C`` (values as code)."""
        spans: list[Span] = []
        for i, value in enumerate(values):
            if i:
                spans.append(Span(f" {self.t['or']} " if i == len(values) - 1 else ", "))
            spans.append(Span(value, "code"))
        return tuple(spans)

    def verification(self, verification: Verification | None) -> None:
        if verification is None:
            return
        items = [self.text(f"ev_{e}") for e in verification.evidence]
        self.para(self.s("evidence", items=self.or_list(items)))
        if verification.labels:
            self.para(self.s("labels", labels=", ".join(verification.labels)))
        if verification.text:
            self.prose(self.loc(verification.text))

    # ---- award

    def award_section(self, award_criteria: list[Criterion]) -> None:
        from ..model import AwardCriterion

        award = self.tender.award
        self.blocks.append(Heading(2, self.text("h_award")))
        if not self.scored:
            self.para(self.s("a_lowest"))
        else:
            self.award_method([c for c in award_criteria if isinstance(c, AwardCriterion)])
        self.para(self.evaluated_price_sentence())
        if award.price is not None:
            self.price_points(award.price)
        if award.price_adjustments:
            self.adjustments(award.price_adjustments)
        if self.uses_lcc():
            self.lcc()
        if award.quality_threshold is not None:
            self.threshold()
        self.ties()
        self.blocks.append(Heading(2, self.text("h_award_criterion")))
        scored = [c for c in award_criteria if isinstance(c, AwardCriterion)]
        if not scored:
            self.para(self.s("none_award_criterion"))
            return
        self.para(self.s("i_award_criterion" if self.scored else "i_award_unscored"))
        for crit in scored:
            self.criterion_head(crit)
            if self.scored:
                self.award_scoring(crit)
            self.verification(crit.verification)

    def uses_lcc(self) -> bool:
        award = self.tender.award
        return award.priced_on == "life_cycle_cost"

    def valid_word(self) -> str:
        return self.text("valid_passed" if self.tender.award.quality_threshold is not None else "valid_tenders")

    def evaluated_price_sentence(self) -> Inline:
        award = self.tender.award
        if self.uses_lcc():
            base = self.text("base_lcc")
        elif award.price_from == "basket":
            base = self.text("base_basket")
        else:
            base = self.text("base_price")
        adjusted = self.text("adjusted") if award.price_adjustments else ""
        sentence = self.s("evaluated_price", base=base, adjusted=adjusted)
        if self.uses_lcc() or award.price_adjustments or self.fictitious:
            sentence = _join(sentence, (Span(" "),), self.s("evaluated_only"))
        return sentence

    def award_method(self, criteria: list[Criterion]) -> None:
        award = self.tender.award
        lang = self.lang
        method = award.method
        weights = award.weights
        missing = [c.id for c in criteria if c.id not in weights]
        if missing:
            raise RenderError(f"no weight for the award criteria {', '.join(missing)}")
        quality_total = sum(w.magnitude for w in weights.values())
        P, total_w = self.s("l_price"), self.text("f_total")
        if method == "weighted_points":
            assert award.price is not None
            assert award.total_points is not None
            self.para(
                self.s(
                    "a_weighted_points",
                    total=_num(award.total_points, lang),
                    quality=_num(quality_total, lang),
                    price=_num(award.price.points, lang),
                )
            )
            self.blocks.append(Formula((f"{total_w} = Σ_c {self.text('f_score')}_c + {self.text('f_price_points')}",)))
            self.weights_table(criteria, award.total_points, price_points=award.price.points)
            return
        if method in ("fictitious_price", "fictitious_surcharge"):
            self.para(self.s(f"a_{method}"))
            sign = "−" if method == "fictitious_price" else "+"
            term = "Σ_c V_c" if method == "fictitious_price" else "Σ_c (W_c − V_c)"
            self.blocks.append(Formula((f"{self.text('f_fictitious')} = P {sign} {term}",)))
            self.para(_join(P, _SP, self.s("l_values")))
            self.weights_table(criteria, None)
            return
        if method == "fixed_price":
            assert award.fixed_price is not None
            self.para(self.s("a_fixed_price", price=award.fixed_price.text))
            self.weights_table(criteria, award.total_points)
            return
        if method == "price_per_quality_point":
            self.para(self.s("a_price_per_quality_point"))
            self.blocks.append(Formula((f"{self.text('f_ratio')} = P / Q",)))
            self.para(_join(P, _SP, self.s("l_quality")))
        elif method == "value_for_money":
            assert award.ratio_constant is not None
            x = _fnum(award.ratio_constant, lang)
            self.para(self.s("a_value_for_money", x=_num(award.ratio_constant, lang)))
            self.blocks.append(Formula((f"{self.text('f_value_for_money')} = Q / P × {x}",)))
            self.para(_join(P, _SP, self.s("l_quality")))
        elif method == "utility_index":
            wp = award.price_weight
            assert wp is not None
            wq_text, wp_text = _fnum(quality_total, lang), _fnum(wp, lang)
            self.para(self.s("a_utility_index", wq=_num(quality_total, lang), wp=_num(wp, lang)))
            self.blocks.append(
                Formula(
                    (
                        f"N = {wq_text} / {wp_text} = {_fnum(quality_total / wp, lang)}",
                        "U = (1 − (Q_best − Q) × N) / P × P_min",
                    )
                )
            )
            valid = self.valid_word()
            self.para(
                _join(
                    self.s("l_quality_share", wq=_num(quality_total, lang)),
                    _SP,
                    P,
                    _SP,
                    self.s("l_price_min", valid=valid),
                )
            )
        price_weight = award.price_weight if method == "utility_index" else None
        self.weights_table(criteria, award.total_points, price_points=price_weight)

    def weights_table(self, criteria: list[Criterion], total: float | None, price_points: float | None = None) -> None:
        weights = self.tender.award.weights
        lang = self.lang
        if self.fictitious:
            rows = [
                ((Span(self.loc(c.title)),), (Span(c.id, "code"),), (Span(weights[c.id].text, "code"),))
                for c in criteria
            ]
            self.blocks.append(Table(tuple(self.text("weights_headers_eur").split("|")), tuple(rows)))
            return
        quality = sum(weights[c.id].magnitude for c in criteria)
        denominator = total if total is not None else quality + (price_points or 0.0)

        def share(value: float) -> Inline:
            return (Span(f"{_num(100 * value / denominator, lang)} %"),) if denominator else (Span("–"),)

        table_rows: list[tuple[Inline, ...]] = [
            (
                (Span(self.loc(c.title)),),
                (Span(c.id, "code"),),
                (Span(self.points(weights[c.id].magnitude)),),
                share(weights[c.id].magnitude),
            )
            for c in criteria
        ]
        if price_points is not None:
            table_rows.append(
                ((Span(self.text("price_row")),), (Span("–"),), (Span(self.points(price_points)),), share(price_points))
            )
        whole = quality + (price_points or 0.0)
        table_rows.append(
            (
                (Span(self.text("total_row"), "strong"),),
                (Span(""),),
                (Span(self.points(whole), "strong"),),
                share(whole),
            )
        )
        self.blocks.append(Table(tuple(self.text("weights_headers").split("|")), tuple(table_rows)))

    def price_points(self, price: PriceSpec) -> None:
        lang = self.lang
        self.blocks.append(Heading(3, self.text("h_price")))
        pts = _num(price.points, lang)
        self.para(self.s("price_intro", points=pts, method=self.text(f"pm_{price.method}")))
        valid = self.valid_word()
        f_pts = _fnum(price.points, lang)
        head = self.text("f_price_points")
        legend = [self.s("l_price"), self.s("l_price_min", valid=valid)]
        if price.method == "ratio_lowest":
            self.para(self.s("p_ratio_lowest", valid=valid, points=pts))
            lines = [f"{head} = {f_pts} × P_min / P"]
        elif price.method == "linear_bounds":
            assert price.lowest is not None
            assert price.highest is not None
            lo, hi = price.lowest.to("EUR"), price.highest.to("EUR")
            self.para(self.s("p_linear_bounds", lo=price.lowest.text, hi=price.highest.text, points=pts))
            key = "p_linear_bounds_clamp" if price.clamp else "p_linear_bounds_free"
            self.para(self.s(key, lo=price.lowest.text, hi=price.highest.text, points=pts))
            lines = [f"{head} = {f_pts} × ({_fnum(hi, lang)} − P) / ({_fnum(hi, lang)} − {_fnum(lo, lang)})"]
            if price.clamp:
                lines.append(self.text("clamped_to", lo="0", hi=f_pts))
            legend = [self.s("l_price")]
        elif price.method == "linear_from_lowest":
            self.para(
                self.s("p_linear_from_lowest", valid=valid, points=pts, per_pct=_num(price.points / 100, lang, 4))
            )
            lines = [f"{head} = {f_pts} − {f_pts} × (P − P_min) / P_min"]
        elif price.method == "linear_min_max_bids":
            self.para(self.s("p_linear_min_max_bids", valid=valid, points=pts))
            lines = [f"{head} = {f_pts} × (1 − (P − P_min) / (P_max − P_min))"]
            legend.append(self.s("l_price_max", valid=valid))
        else:  # log
            assert price.a is not None
            self.para(self.s("p_log", valid=valid, points=pts, a=_num(price.a, lang)))
            lines = [f"{head} = {f_pts} × (1 − ln(P / P_min) / ln {_fnum(price.a, lang)})"]
        self.blocks.append(Formula(tuple(lines)))
        self.para(_sentences(legend))

    def adjustments(self, adjustments: Sequence[PriceAdjustment]) -> None:
        self.blocks.append(Heading(3, self.text("h_adjustments")))
        self.para(self.s("adj_intro"))
        for adj in adjustments:
            metric = self.metric_name(adj.metric)
            if adj.type == "percentage_discount":
                assert adj.discounts is not None
                self.para(self.s("adj_discount", metric=metric, mid=adj.metric))
                rows = tuple(((Span(level, "code"),), (Span(q.text, "code"),)) for level, q in adj.discounts.items())
                self.blocks.append(Table(tuple(self.text("adj_discount_headers").split("|")), rows))
                self.blocks.append(Formula((f"P = {self.text('f_discount')}",)))
                self.para(self.s("l_discount"))
            else:
                assert adj.factor is not None
                per_device = self.text("adj_per_device", quantity=self.lot_quantities()) if adj.per_device else ""
                self.para(
                    self.s(
                        "adj_externality", metric=metric, mid=adj.metric, factor=adj.factor.text, per_device=per_device
                    )
                )
                unit = self.metric_unit(adj.metric)
                factor = adj.factor.to(f"EUR / ({unit})") if unit else adj.factor.magnitude
                tail = " × q" if adj.per_device else ""
                self.blocks.append(Formula((f"P = P + {_fnum(factor, self.lang)} × x{tail}",)))
                self.para(self.s("x_is", metric=metric, unit=unit) if unit else self.s("x_is_plain", metric=metric))

    def lot_quantities(self) -> str:
        return ", ".join(f"{lot.id}: {_num(lot.quantity, self.lang)}" for lot in self.tender.lots)

    def lcc(self) -> None:
        params = self.tender.lcc
        lang = self.lang
        if params is None:  # a validated tender that uses the life-cycle cost has its parameters
            raise RenderError("the award uses the life-cycle cost but the tender has no 'lcc' parameters")
        self.blocks.append(Heading(3, self.text("h_lcc")))
        self.para(self.s("lcc_intro"))
        yes, no = self.text("yes"), self.text("no")
        rows: list[tuple[Inline, ...]] = [
            ((Span(self.text("lcc_period")),), (Span(params.evaluation_period.text, "code"),))
        ]
        for key, q in (
            ("lcc_electricity", params.electricity_price),
            ("lcc_grid", params.grid_emission_factor),
            ("lcc_carbon", params.carbon_price),
        ):
            if q is not None:
                rows.append(((Span(self.text(key)),), (Span(q.text, "code"),)))
        priced_co2 = params.carbon_price is not None and params.grid_emission_factor is not None
        rows.append(((Span(self.text("lcc_embodied")),), (Span(yes if params.include_embodied_co2 else no),)))
        d = params.discounting
        if d.convention == "end_of_year":
            assert d.rate is not None
            disc = self.s("d_end_of_year", rate=d.rate.text)
        elif d.convention == "flat_factor":
            assert d.factor is not None
            disc = self.s("d_flat_factor", factor=_fnum(d.factor, lang))
        else:
            disc = self.s("d_none")
        rows.append(((Span(self.text("lcc_discounting")),), disc))
        if priced_co2 and d.convention != "none":
            rows.append(((Span(self.text("lcc_ext_discounted")),), (Span(yes if d.discount_externalities else no),)))
        self.blocks.append(Table(tuple(self.text("lcc_headers").split("|")), tuple(rows)))

        from ..scoring.costing import LCC_METRICS

        self.para(self.s("lcc_data"))
        items = []
        for part, (metric_id, required) in LCC_METRICS.items():
            if part == "embodied":
                if not params.include_embodied_co2:
                    continue
                status = self.text("lcc_required_embodied")
            else:
                status = self.text("lcc_required" if required else "lcc_optional")
            unit = self.metric_unit(metric_id)
            items.append(
                _join(
                    (Span(f"{_upper_first(self.metric_name(metric_id))} "), Span(metric_id, "code")),
                    ((Span(" ("), Span(unit, "code"), Span(f"): {status}")) if unit else (Span(f": {status}"),)),
                )
            )
        self.blocks.append(Bullets(tuple(items)))

        years = params.evaluation_period.to("year")
        lines = ["LCC = A", "    + Σ_t q × (E × p_e + M) × d(t)", "    + q × (EoL − RV) × d(T)"]
        if priced_co2:
            lines.append("    + Σ_t q × E × EF × c × d_x(t)")
        if params.include_embodied_co2 and params.carbon_price is not None:
            lines.append("    + q × EC × c")
        if d.convention == "end_of_year":
            assert d.rate is not None
            lines.append(f"d(t) = 1 / (1 + {_fnum(d.rate.to('dimensionless'), lang)})^t")
        elif d.convention == "flat_factor":
            assert d.factor is not None
            lines.append(f"d(t) = {_fnum(d.factor, lang)}")
        else:
            lines.append("d(t) = 1")
        if priced_co2:
            lines.append("d_x(t) = d(t)" if d.discount_externalities or d.convention == "none" else "d_x(t) = 1")
        values = [f"T = {_fnum(years, lang)}"]
        for symbol, q, unit in (
            ("p_e", params.electricity_price, "EUR / kWh"),
            ("EF", params.grid_emission_factor, "kg CO2e / kWh"),
            ("c", params.carbon_price, "EUR / (kg CO2e)"),
        ):
            if q is not None:
                values.append(f"{symbol} = {_fnum(q.to(unit), lang)} {unit}")
        lines.append(("; " if lang == "nl" else ", ").join(values))
        self.blocks.append(Formula(tuple(lines)))
        legend = self.s("l_lcc", q=self.lot_quantities(), years=_num(years, lang, 4))
        if priced_co2 and not d.discount_externalities and d.convention != "none":
            legend = _join(legend, _SP, self.s("dx_one"), (Span("."),))
        if abs(years - round(years)) > 1e-9:
            legend = _join(legend, _SP, self.s("lcc_partial"))
        self.para(legend)

    def threshold(self) -> None:
        threshold = self.tender.award.quality_threshold
        assert threshold is not None
        self.blocks.append(Heading(3, self.text("h_threshold")))
        if threshold.min_score is not None:
            minimum = (
                f"EUR {_num(threshold.min_score, self.lang)}" if self.fictitious else self.points(threshold.min_score)
            )
            self.para(self.s("t_min_score", min=minimum))
        else:
            self.para(self.s("t_max_pass", n=threshold.max_pass))

    def ties(self) -> None:
        award = self.tender.award
        self.blocks.append(Heading(3, self.text("h_ties")))
        if award.ties.rule == "lots":
            self.para(self.s("ties_lots", seed=award.ties.seed))
        else:
            self.para(self.s("ties_report"))
        if award.rounding is None:
            self.para(self.s("rounding_none"))
        else:
            self.para(self.s("rounding", n=award.rounding))

    # ---- the scoring rule of one award criterion

    def award_scoring(self, crit: Criterion) -> None:
        from ..model.scoring import (
            BooleanPointsRule,
            LabelScaleRule,
            LinearRule,
            MonetaryValueRule,
            RatioToBestRule,
            StepsRule,
        )

        award = self.tender.award
        lang = self.lang
        weight = award.weights[crit.id]
        if self.fictitious:
            w_value = weight.to("EUR")
            key = "weight_eur_discount" if award.method == "fictitious_price" else "weight_eur_surcharge"
            self.para(self.s(key, w=weight.text))
            W = f"EUR {_num(w_value, lang)}"
        else:
            w_value = weight.magnitude
            W = self.points(w_value)
            total = award.total_points
            if total:
                share = f"{_num(100 * w_value / total, lang)} %"
                self.para(self.s("weight_points", w=W, share=share, total=_num(total, lang)))
            else:
                self.para(self.s("weight_points_plain", w=W))
        rule = getattr(crit, "scoring", None)
        if rule is None:
            return
        score = self.text("f_score") if not self.fictitious else self.text("f_value")
        fw = _fnum(w_value, lang)
        metric_id: str | None = getattr(rule, "metric", None)
        metric = self.metric_name(metric_id) if metric_id else ""
        unit = self.metric_unit(metric_id) if metric_id else None
        x_legend = self.s("x_is", metric=metric, unit=unit) if unit else self.s("x_is_plain", metric=metric)
        legend: list[Inline] = []
        if isinstance(rule, LinearRule):
            assert metric_id is not None
            words = _join(
                self.s("s_linear", W=W, metric=metric, best=rule.best.text, worst=rule.worst.text),
                (Span(" "),),
                self.s(
                    "s_linear_clamp" if rule.clamp else "s_linear_free", W=W, best=rule.best.text, worst=rule.worst.text
                ),
            )
            w0 = _fnum(self.in_metric_unit(rule.worst, metric_id), lang)
            w1 = _fnum(self.in_metric_unit(rule.best, metric_id), lang)
            lines = [
                f"{score} = W × (x − worst) / (best − worst)",
                f"{' ' * len(score)} = {fw} × (x − {w0}) / ({w1} − {w0})",
            ]
            if rule.clamp:
                lines.append(self.text("clamped_to", lo="0", hi=fw))
            legend.append(x_legend)
            self.para(_join(self.s("scoring", text=""), words))
        elif isinstance(rule, RatioToBestRule):
            assert metric_id is not None
            higher = self.higher_is_better(metric_id)
            self.para(
                _join(
                    self.s("scoring", text=""),
                    self.s("s_ratio_higher" if higher else "s_ratio_lower", W=W, metric=metric),
                )
            )
            lines = [f"{score} = {fw} × x / x_max" if higher else f"{score} = {fw} × x_min / x"]
            legend += [x_legend, self.s("x_best_higher" if higher else "x_best_lower")]
        elif isinstance(rule, StepsRule):
            pmax = max(s.points for s in rule.steps)
            self.para(_join(self.s("scoring", text=""), self.s("s_steps", metric=metric)))
            rows = []
            for step in rule.steps:
                if step.min is not None:
                    bound = self.s("step_min", v=step.min.text)
                else:
                    assert step.max is not None
                    bound = self.s("step_max", v=step.max.text)
                rows.append((bound, (Span(_num(step.points, lang)),), (Span(self.scaled(step.points, pmax, w_value)),)))
            self.blocks.append(Table(tuple(self.text("step_headers").split("|")), tuple(rows)))
            lines = [f"{score} = {fw} × p / {_fnum(pmax, lang)}"]
            legend.append(self.s("p_step", pmax=_num(pmax, lang)))
        elif isinstance(rule, BooleanPointsRule):
            key = "s_yes_no" if rule.metric is not None else "s_yes_no_assessed"
            self.para(_join(self.s("scoring", text=""), self.s(key, W=W, metric=metric)))
            lines = [f"{score} = {fw} × ({self.text('f_if_yes')})"]
        elif isinstance(rule, LabelScaleRule):
            pmax = max(rule.points.values())
            self.para(_join(self.s("scoring", text=""), self.s("s_label_scale", metric=metric)))
            rows = [
                ((Span(level, "code"),), (Span(_num(p, lang)),), (Span(self.scaled(p, pmax, w_value)),))
                for level, p in rule.points.items()
            ]
            self.blocks.append(Table(tuple(self.text("level_headers").split("|")), tuple(rows)))
            lines = [f"{score} = {fw} × p / {_fnum(pmax, lang)}"]
            legend.append(self.s("p_step", pmax=_num(pmax, lang)))
        elif isinstance(rule, MonetaryValueRule):
            assert metric_id is not None
            higher = self.higher_is_better(metric_id)
            baseline_q = rule.baseline
            baseline_text = baseline_q.text if baseline_q is not None else "0"
            cap = self.s("s_euro_cap", cap=rule.cap.text) if rule.cap is not None else ()
            self.para(
                _join(
                    self.s("scoring", text=""),
                    self.s_with(
                        "s_euro_higher" if higher else "s_euro_lower",
                        "cap",
                        cap,
                        metric=metric,
                        baseline=baseline_text,
                        per_unit=rule.value_per_unit.text,
                    ),
                )
            )
            per_unit = rule.value_per_unit.to(f"EUR / ({unit})") if unit else rule.value_per_unit.magnitude
            base = _fnum(self.in_metric_unit(baseline_q, metric_id), lang) if baseline_q is not None else "0"
            gain = f"x − {base}" if higher else f"{base} − x"
            sep = "; " if lang == "nl" else ", "
            limits = [_fnum(rule.cap.to("EUR"), lang)] if rule.cap is not None else []
            limits.append(fw)
            lines = [f"V = min(max(0{sep}{gain}) × {_fnum(per_unit, lang)}{sep}{sep.join(limits)})"]
            legend.append(x_legend)
        else:  # pragma: no cover - every rule type of model.scoring is handled above
            raise RenderError(f"{crit.id}: cannot describe the scoring rule {getattr(rule, 'type', rule)!r}")
        self.blocks.append(Formula(tuple(lines)))
        if legend:
            self.para(_sentences(legend))
        if rule.description:
            self.para(self.s("rule_description", text=" ".join(self.loc(rule.description).split())))

    def scaled(self, points: float, pmax: float, weight: float) -> str:
        value = points / pmax * weight if pmax else 0.0
        return f"EUR {_num(value, self.lang)}" if self.fictitious else self.points(value)

    # ---- sources

    def sources(self, criteria: list[Criterion]) -> None:
        self.blocks.append(Heading(2, self.text("h_sources")))
        rows = []
        for crit in criteria:
            p: Provenance = crit.source
            rows.append(
                (
                    (Span(crit.id, "code"),),
                    (Span(p.publisher),),
                    (Span(p.document),),
                    (Span(p.code, "code"),) if p.code else (Span("–"),),
                    (Span(p.url, "link"),) if p.url else (Span("–"),),
                    (Span(self.text(f"status_{p.status}")),),
                )
            )
        self.blocks.append(Table(tuple(self.text("sources_headers").split("|")), tuple(rows)))
        self.para(self.s("status_legend"))


def _upper_first(name: str) -> str:
    return name[:1].upper() + name[1:]


# --------------------------------------------------------------------------- Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def _md_text(text: str) -> str:
    """Plain text for Markdown: HTML-escaped, markup characters backslash-escaped, on one line."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(re.sub(r"\s+", " ", text), quote=False))


def _md_code(text: str, in_table: bool) -> str:
    text = re.sub(r"\s+", " ", text)
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    body = f"{fence}{pad}{text}{pad}{fence}"
    return body.replace("|", "\\|") if in_table else body


def _md_inline(spans: Inline, in_table: bool = False) -> str:
    out = []
    for span in spans:
        if span.style == "code":
            out.append(_md_code(span.text, in_table))
        elif span.style == "strong":
            out.append(f"**{_md_text(span.text)}**" if span.text.strip() else "")
        elif span.style == "link" and re.fullmatch(r"https?://[^\s<>`|]+", span.text):
            out.append(f"<{span.text}>")
        else:
            out.append(_md_text(span.text))
    return "".join(out)


def _md_block(block: Block) -> str:
    if isinstance(block, Heading):
        return "#" * block.level + " " + _md_text(block.text)
    if isinstance(block, Paragraph):
        return _md_inline(block.spans)
    if isinstance(block, Bullets):
        return "\n".join("- " + _md_inline(item) for item in block.items)
    if isinstance(block, Table):
        header = "| " + " | ".join(_md_text(h) for h in block.header) + " |"
        rule = "|" + "|".join("---" for _ in block.header) + "|"
        rows = ["| " + " | ".join(_md_inline(cell, in_table=True) for cell in row) + " |" for row in block.rows]
        return "\n".join([header, rule, *rows])
    fence = "````" if any("```" in line for line in block.lines) else "```"
    return "\n".join([f"{fence}text", *block.lines, fence])


# --------------------------------------------------------------------------- HTML

_CSS = """body { font-family: system-ui, sans-serif; line-height: 1.5; max-width: 60rem; margin: 2rem auto; }
body { padding: 0 1rem; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #999; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #eee; }
pre { background: #f4f4f4; padding: 0.5rem 0.75rem; overflow-x: auto; }
code { font-family: ui-monospace, monospace; }
"""


def _html_inline(spans: Inline) -> str:
    out = []
    for span in spans:
        text = html.escape(span.text, quote=True)
        if span.style == "code":
            out.append(f"<code>{text}</code>")
        elif span.style == "strong":
            out.append(f"<strong>{text}</strong>")
        elif span.style == "link":
            out.append(f'<a href="{text}">{text}</a>')
        else:
            out.append(text)
    return "".join(out)


def _html_block(block: Block) -> str:
    if isinstance(block, Heading):
        level = min(max(block.level, 1), 6)
        return f"<h{level}>{html.escape(block.text)}</h{level}>"
    if isinstance(block, Paragraph):
        return f"<p>{_html_inline(block.spans)}</p>"
    if isinstance(block, Bullets):
        return "<ul>\n" + "\n".join(f"<li>{_html_inline(i)}</li>" for i in block.items) + "\n</ul>"
    if isinstance(block, Table):
        head = "".join(f"<th>{html.escape(h)}</th>" for h in block.header)
        rows = "\n".join("<tr>" + "".join(f"<td>{_html_inline(c)}</td>" for c in row) + "</tr>" for row in block.rows)
        return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>"
    return "<pre><code>" + html.escape("\n".join(block.lines)) + "</code></pre>"
