"""circular_ict.exports.tender_text and .docx: the tender as text (Markdown, HTML, Word), English and Dutch.

The numbers below are worked by hand from the tender files; the price examples are those of
docs/scoring/price-methods.md (example B1: bids of EUR 800, 1,000 and 1,200 with 40 price points).
"""

from __future__ import annotations

import html
import math
import os
import re
import string
import sys
from pathlib import Path

import pytest

from circular_ict.cli import main
from circular_ict.exports import render_tender, tender_document
from circular_ict.exports.tender_text import _TEXT, Formula, Paragraph, RenderError, Table, TenderDocument
from circular_ict.scoring.api import resolve_tender
from circular_ict.validation import load_tender

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLE = ROOT / "examples" / "laptop-tender" / "tender.yaml"


# --------------------------------------------------------------------------- helpers


def tender_yaml(award: str, *criteria: str, include: str = "", extra: str = "", title: str = "Test tender") -> str:
    """A small tender: one lot of 100 notebooks, the buyer's own criteria, the given award section."""
    own = "".join(criteria)
    return (
        "id: T-1\n"
        f"title: {{en: {title}, nl: Testaanbesteding}}\n"
        "buyer: {name: City of Example, country: NL}\n"
        "languages: [en, nl]\n"
        "date: 2027-03-01\n"
        "lots:\n"
        "  - {id: LOT-1, title: {en: Notebooks, nl: Laptops}, product_group: notebooks, quantity: 100,"
        " contract_period: 4 year}\n"
        "criteria:\n"
        f"  include: [{include}]\n"
        f"  own:{own or ' []'}\n"
        f"award:\n{award}{extra}"
    )


def own(cid: str, kind: str, body: str, title: str = "") -> str:
    """One own criterion; ``body`` holds its kind-specific keys, one per line, without indentation."""
    lines = "".join(f"      {line}\n" for line in body.strip().splitlines())
    name = title or f"Title {cid}"
    return (
        f"\n    - id: {cid}\n"
        f"      kind: {kind}\n"
        f"      title: {{en: '{name}', nl: 'Titel {cid}'}}\n"
        f"      text: {{en: 'Text of {cid}.', nl: 'Tekst van {cid}.'}}\n"
        "      ambition: basic\n"
        "      themes: [lifespan]\n"
        "      product_groups: [notebooks]\n"
        "      source: {publisher: City of Example, document: Tender documents, status: derived}\n"
        f"{lines}"
    )


def load(write, text: str):  # type: ignore[no-untyped-def]
    return load_tender(write(text, "tender.yaml"))


def formulas(doc: TenderDocument) -> list[str]:
    return [line for b in doc.blocks if isinstance(b, Formula) for line in b.lines]


def evaluate(expression: str, **names: float) -> float:
    """Evaluate the right-hand side of a rendered (English) formula with the given symbols."""
    py = expression.replace("×", "*").replace("−", "-").replace("^", "**")
    py = re.sub(r"\bln (\d+(?:\.\d+)?)", r"math.log(\1)", py).replace("ln(", "math.log(")
    return float(eval(py, {"__builtins__": {}, "math": math, "min": min, "max": max}, dict(names)))


def rhs(doc: TenderDocument, starts: str) -> str:
    """The right-hand side of the (last) formula line that starts with ``starts``."""
    lines = [line for line in formulas(doc) if line.strip().startswith(starts)]
    assert lines, f"no formula line starting with {starts!r} in {formulas(doc)}"
    return lines[-1].split("=", 1)[1]


def table_rows(markdown: str) -> list[list[str]]:
    """The cells of every Markdown table line, split on unescaped pipes."""
    rows = []
    for line in markdown.splitlines():
        if line.startswith("|") and not line.startswith("|---"):
            cells = re.split(r"(?<!\\)\|", line)[1:-1]
            rows.append([c.strip() for c in cells])
    return rows


# --------------------------------------------------------------------------- the example tender


@pytest.fixture(scope="module")
def example_md() -> dict[str, str]:
    return {lang: render_tender(EXAMPLE, "md", lang) for lang in ("en", "nl")}


def test_fixed_sentences_exist_in_both_languages_with_the_same_placeholders() -> None:
    en, nl = _TEXT["en"], _TEXT["nl"]
    assert set(en) == set(nl)

    def fields(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    for key in en:
        assert fields(en[key]) == fields(nl[key]), key
    # only templates without words (labels filled in, formula symbols) are the same in both languages
    assert sorted(k for k in en if en[k] == nl[k]) == ["f_score", "f_value", "req", "req_bool"]


def test_no_template_markup_leaks_into_plain_text(write) -> None:  # type: ignore[no-untyped-def]
    """Marks (`code`, **strong**) come from templates only; a sentence put into a slot must not carry any."""
    docs = [tender_document(load_tender(EXAMPLE), lang) for lang in ("en", "nl")]
    docs += [tender_document(load(write, tender_yaml(POINTS_AWARD, *RULES)), lang) for lang in ("en", "nl")]
    for doc in docs:
        for block in doc.blocks:
            cells = [block.spans] if isinstance(block, Paragraph) else []
            cells += [cell for row in block.rows for cell in row] if isinstance(block, Table) else []
            for spans in cells:
                for span in spans:
                    if span.style == "plain":
                        assert "`" not in span.text, span.text
                        assert "**" not in span.text, span.text


def test_example_has_every_criterion_in_both_languages(example_md: dict[str, str]) -> None:
    tender = load_tender(EXAMPLE)
    ids = [c.id for c in resolve_tender(tender)]
    assert len(ids) == 10
    for lang, md in example_md.items():
        for cid in ids:
            assert f"({cid})\n" in md, (lang, cid)  # the criterion's heading
            assert f"| `{cid}` |" in md, (lang, cid)  # its row in the sources table
    doc = tender_document(tender, "en")
    assert sorted(doc.criterion_ids) == sorted(ids)


def test_example_english_requirements_with_the_tenders_thresholds(example_md: dict[str, str]) -> None:
    md = example_md["en"]
    assert md.startswith("# Circular notebooks for Example Municipality\n")
    assert "- **Contracting authority:** Gemeente Voorbeeld (NL)" in md
    assert "- **Award basis:** best price-quality ratio (weighted points)" in md
    assert "| `LOT-1` | Notebooks | Notebooks `notebooks` | 1,200 | `4 year` |" in md
    # parameters bound: warranty_min 3 year, cycles_min 500 cycle, tec_max 30 kWh / year
    assert "**Requirement:** warranty period (`warranty_period`) at least `3 year`." in md
    assert "**Requirement:** battery endurance in cycles (`battery_cycles_to_80`) at least `500 cycle`." in md
    assert "(`typical_energy_consumption`) at most `30 kWh / year`." in md
    assert "**Requirement:** built-in secure data erasure (`built_in_data_erasure`): yes." in md
    assert "**Obligation:** reporting on the fate of taken-back devices (`end_of_use_device_reporting`): yes." in md
    assert "**Note from the contracting authority:** At least three years of warranty." in md
    assert "**Evidence:** a test report or technical documentation." in md
    assert "This tender sets no selection criteria." in md
    assert "{parameter" not in md


def test_example_english_award_weights_and_formulas(example_md: dict[str, str]) -> None:
    md = example_md["en"]
    assert "The maximum total is 100 points: 60 for the award criteria and 40 for the price." in md
    rows = table_rows(md)
    assert ["Longer warranty and service agreement", "`EU-GPP-2016.extended-warranty`", "15 points", "15 %"] in rows
    assert ["Embodied emissions of the notebook", "`VB.embodied-co2`", "20 points", "20 %"] in rows
    assert ["Evaluated price", "–", "40 points", "40 %"] in rows
    assert ["**Total**", "", "**100 points**", "100 %"] in rows
    # steps of the warranty criterion: rule points 2.5 / 5 / 7.5 / 10 of 10, weighted to 15
    assert ["at least `3 year`", "2.5", "3.75 points"] in rows
    assert ["at least `5 year`", "7.5", "11.25 points"] in rows
    assert ["at least `6 year`", "10", "15 points"] in rows
    assert "**Weight:** 15 points (15 % of 100)." in md
    assert "15 points for a take-back rate of `100 %`, 0 for `80 %`, linearly in between." in md
    assert "      = 15 × (x − 80) / (100 − 80)\nlimited to 0 … 15\n" in md
    assert "score = 20 × x_min / x" in md
    assert "price points = 40 × P_min / P" in md
    assert "The evaluated price of a tender is its life-cycle cost" in md
    # LCC: 100 EUR per tonne is 0.1 EUR per kg; 3 % is 0.03; 0.30 EUR / kWh
    assert "T = 4, p_e = 0.3 EUR / kWh, EF = 0.281 kg CO2e / kWh, c = 0.1 EUR / (kg CO2e)" in md
    assert "d(t) = 1 / (1 + 0.03)^t" in md
    assert "| Carbon price | `100 EUR / (t CO2e)` |" in md
    assert "- Typical energy consumption (TEC) `typical_energy_consumption` (`kWh / year`): required" in md
    assert "the winner is decided by drawing lots. The draw is made with the published seed 20270301" in md


def test_example_dutch(example_md: dict[str, str]) -> None:
    md = example_md["nl"]
    assert md.startswith("# Circulaire laptops voor Gemeente Voorbeeld\n")
    assert "- **Aanbestedende dienst:** Gemeente Voorbeeld (NL)" in md
    assert "- **Gunningscriterium:** beste prijs-kwaliteitverhouding (gewogen puntentelling)" in md
    assert "| `LOT-1` | Laptops | Laptops `notebooks` | 1.200 | `4 year` |" in md
    assert "**Eis:** garantieperiode (`warranty_period`) ten minste `3 year`." in md
    assert "(`typical_energy_consumption`) ten hoogste `30 kWh / year`." in md
    assert "**Verplichting:** rapportage over de bestemming van teruggenomen apparaten" in md
    assert "**Bewijsmiddelen:** een testrapport of technische documentatie." in md
    assert "Het maximale totaal is 100 punten: 60 voor de gunningscriteria en 40 voor de prijs." in md
    rows = table_rows(md)
    assert ["Langere garantie en serviceovereenkomst", "`EU-GPP-2016.extended-warranty`", "15 punten", "15 %"] in rows
    assert ["ten minste `5 year`", "7,5", "11,25 punten"] in rows
    assert "**Gewicht:** 15 punten (15 % van 100)." in md
    assert "prijspunten = 40 × P_min / P" in md
    assert "T = 4; p_e = 0,3 EUR / kWh; EF = 0,281 kg CO2e / kWh; c = 0,1 EUR / (kg CO2e)" in md
    assert "wordt de winnaar door loting bepaald. De loting gebeurt met de gepubliceerde seed 20270301" in md
    assert "De opdrachtnemer moet tijdens de uitvoering van de overeenkomst aan deze verplichtingen voldoen" in md
    for english in ("Requirement", "Weight", "Evidence", "points", "Award criteria"):
        assert english not in md, english


def test_sources_table(example_md: dict[str, str]) -> None:
    rows = table_rows(example_md["en"])
    assert [
        "`VB.take-back-rate`",
        "Gemeente Voorbeeld",
        "Tender documents, award criteria (example)",
        "–",
        "<https://eur-lex.europa.eu/eli/dir/2014/24/oj>",
        "derived",
    ] in rows
    battery = next(r for r in rows if r[0] == "`EU-GPP-2016.battery-service-life`")
    assert battery[3] == "`11193`"
    assert battery[5] == "verified"
    nl = next(r for r in table_rows(example_md["nl"]) if r[0] == "`EU-GPP-2021.TS3.comprehensive`")
    assert nl[1:4] == [
        "European Commission",
        "EU GPP criteria for computers, monitors, tablets and smartphones (2021)",
        "`TS3`",
    ]
    assert nl[5] == "secundair"


def test_every_markdown_table_row_has_the_header_s_number_of_cells(example_md: dict[str, str]) -> None:
    for md in example_md.values():
        lines = md.splitlines()
        for i, line in enumerate(lines):
            if line.startswith("|---"):
                width = len(re.split(r"(?<!\\)\|", lines[i - 1])) - 2
                j = i + 1
                while j < len(lines) and lines[j].startswith("|"):
                    assert len(re.split(r"(?<!\\)\|", lines[j])) - 2 == width, lines[j]
                    j += 1


# --------------------------------------------------------------------------- scoring rules, one by one

RULES = [
    own(
        "R.linear",
        "award_criterion",
        "scoring: {type: linear, metric: warranty_period, worst: 24 month, best: 4 year, points: 10, clamp: false}",
    ),
    own("R.ratio", "award_criterion", "scoring: {type: ratio_to_best, metric: battery_cycles_to_80, points: 10}"),
    own("R.ratio-low", "award_criterion", "scoring: {type: ratio_to_best, metric: embodied_emissions, points: 5}"),
    own(
        "R.steps",
        "award_criterion",
        "scoring: {type: steps, metric: typical_energy_consumption, steps: "
        "[{max: 20 kWh / year, points: 4}, {max: 15 kWh / year, points: 8}]}",
    ),
    own("R.yes-no", "award_criterion", "scoring: {type: yes_no, metric: built_in_data_erasure, points: 1}"),
    own("R.assessed", "award_criterion", "scoring: {type: yes_no, points: 1}"),
    own(
        "R.label",
        "award_criterion",
        "scoring: {type: label_scale, metric: epeat_tier, points: {Bronze: 2, Silver: 4, Gold: 8}}",
    ),
]
POINTS_AWARD = """\
  basis: best_price_quality
  method: weighted_points
  total_points: 100
  price: {method: ratio_lowest, points: 20}
  weights: {R.linear: 20, R.ratio: 30, R.ratio-low: 5, R.steps: 10, R.yes-no: 5, R.assessed: 5, R.label: 5}
"""


@pytest.fixture
def rules_doc(write) -> TenderDocument:  # type: ignore[no-untyped-def]
    return tender_document(load(write, tender_yaml(POINTS_AWARD, *RULES)), "en")


def test_linear_rule_not_clamped(rules_doc: TenderDocument) -> None:
    md = rules_doc.to_markdown()
    # worst 24 month and best 4 year = 48 month, in the metric's unit (month); weight 20
    assert "      = 20 × (x − 24) / (48 − 24)\n" in md
    assert "The line continues beyond both values: a value better than `4 year` earns more than 20 points" in md
    expression = next(line for line in formulas(rules_doc) if "(48 − 24)" in line).split("=", 1)[1]
    assert evaluate(expression, x=36) == 10  # halfway between 24 and 48 months: half of 20
    assert evaluate(expression, x=60) == 30  # beyond best: more than the weight, as declared
    assert evaluate(expression, x=12) == -10
    assert "`x`: the value offered for the warranty period, in `month`." in md


def test_ratio_to_best_both_directions(rules_doc: TenderDocument) -> None:
    assert evaluate(rhs(rules_doc, "score = 30 × x / x_max"), x=800, x_max=1000) == 24  # 30 × 0.8
    assert evaluate(rhs(rules_doc, "score = 5 × x_min / x"), x=200, x_min=100) == 2.5  # twice the lowest: half
    md = rules_doc.to_markdown()
    assert "The valid tender with the highest value for the battery endurance in cycles earns 30 points" in md
    assert "The valid tender with the lowest value for the embodied emissions per device earns 5 points" in md


def test_steps_with_maximum_bounds(rules_doc: TenderDocument) -> None:
    rows = table_rows(rules_doc.to_markdown())
    assert ["at most `20 kWh / year`", "4", "5 points"] in rows  # 4 / 8 × 10
    assert ["at most `15 kWh / year`", "8", "10 points"] in rows
    assert evaluate(rhs(rules_doc, "score = 10 × p / 8"), p=4) == 5


def test_yes_no_and_label_scale(rules_doc: TenderDocument) -> None:
    md = rules_doc.to_markdown()
    assert "5 points when the answer for built-in secure data erasure is yes; 0 when it is no." in md
    assert "5 points when the evaluation committee finds the criterion met on the evidence below" in md
    assert "score = 5 × (1 if yes, 0 if no)" in md
    rows = table_rows(md)
    assert ["`Bronze`", "2", "1.25 points"] in rows  # 2 / 8 × 5
    assert ["`Gold`", "8", "5 points"] in rows
    assert evaluate(rhs(rules_doc, "score = 5 × p / 8"), p=4) == 2.5


def test_weights_table_shares(rules_doc: TenderDocument) -> None:
    rows = table_rows(rules_doc.to_markdown())
    assert ["Title R.ratio", "`R.ratio`", "30 points", "30 %"] in rows
    assert ["Evaluated price", "–", "20 points", "20 %"] in rows
    assert ["**Total**", "", "**100 points**", "100 %"] in rows


def price_doc(write, price: str, lang: str = "en") -> TenderDocument:  # type: ignore[no-untyped-def]
    award = (
        "  basis: best_price_quality\n  method: weighted_points\n  total_points: 100\n"
        f"  price: {price}\n  weights: {{R.linear: 60}}\n"
    )
    return tender_document(load(write, tender_yaml(award, RULES[0])), lang)


# Example B1 of docs/scoring/price-methods.md: EUR 800 (lowest), 1,000 and 1,200 (highest), 40 points.
@pytest.mark.parametrize(
    ("price", "expected_at_1000", "sentence"),
    [
        ("{method: ratio_lowest, points: 40}", 32, "a tender twice as dear as the lowest earns half"),
        (
            "{method: linear_bounds, points: 40, lowest: 700 EUR, highest: 1500 EUR, clamp: true}",
            25,
            "A price below `700 EUR` earns no more than 40 price points, and a price above `1500 EUR` earns 0.",
        ),
        ("{method: linear_from_lowest, points: 40}", 30, "a tender loses 0.4 points for each percent"),
        ("{method: linear_min_max_bids, points: 40}", 20, "the highest earns none; in between, the points fall"),
        ("{method: log, points: 40, a: 1.5}", 17.99, "a price 1.5 times the lowest earns none"),
    ],
)
def test_price_methods(write, price: str, expected_at_1000: float, sentence: str) -> None:  # type: ignore[no-untyped-def]
    doc = price_doc(write, price)
    value = evaluate(rhs(doc, "price points"), P=1000, P_min=800, P_max=1200)
    assert round(value, 2) == expected_at_1000
    assert sentence in doc.to_markdown()


def test_linear_bounds_not_clamped(write) -> None:  # type: ignore[no-untyped-def]
    doc = price_doc(write, "{method: linear_bounds, points: 40, lowest: 700 EUR, highest: 1500 EUR, clamp: false}")
    assert round(evaluate(rhs(doc, "price points"), P=1600), 2) == -5  # example B2
    md = doc.to_markdown()
    assert "a price above `1500 EUR` earns negative points" in md
    assert "limited to" not in md.split("### Price", 1)[1].split("###", 1)[0]


def test_price_method_in_dutch(write) -> None:  # type: ignore[no-untyped-def]
    md = price_doc(write, "{method: log, points: 40, a: 1.5}", "nl").to_markdown()
    assert "prijspunten = 40 × (1 − ln(P / P_min) / ln 1,5)" in md
    assert "een prijs van 1,5 keer de laagste krijgt er geen" in md


def test_fictitious_price_with_euro_values(write) -> None:  # type: ignore[no-untyped-def]
    crit = own(
        "R.euro",
        "award_criterion",
        "scoring: {type: euro_value, metric: warranty_period, value_per_unit: 50 EUR / month, "
        "baseline: 36 month, cap: 1000 EUR}",
    )
    award = "  basis: best_price_quality\n  method: fictitious_price\n  weights: {R.euro: 1500 EUR}\n"
    doc = tender_document(load(write, tender_yaml(award, crit)), "en")
    md = doc.to_markdown()
    assert "fictitious price = P − Σ_c V_c" in md
    assert "**Weight:** at most `1500 EUR` off the evaluated price." in md
    assert "Each unit of warranty period above `36 month` is worth `50 EUR / month`, up to `1000 EUR`" in md
    # example A7: 48 months -> (48 - 36) x 50 = 600; 60 months -> 1,200, capped to 1,000
    expression = rhs(doc, "V = min")
    assert evaluate(expression, x=48) == 600
    assert evaluate(expression, x=60) == 1000
    assert evaluate(expression, x=24) == 0
    assert ["Title R.euro", "`R.euro`", "`1500 EUR`"] in table_rows(md)
    assert "The evaluated price serves only to rank the tenders: the contract price is the price offered." in md
    nl = tender_document(load(write, tender_yaml(award, crit)), "nl").to_markdown()
    assert "V = min(max(0; x − 36) × 50; 1000; 1500)" in nl
    assert "ten hoogste `1500 EUR` korting op de beoordelingsprijs" in nl


def test_fictitious_surcharge(write) -> None:  # type: ignore[no-untyped-def]
    award = "  basis: best_price_quality\n  method: fictitious_surcharge\n  weights: {R.linear: 5000 EUR}\n"
    doc = tender_document(load(write, tender_yaml(award, RULES[0])), "en")
    md = doc.to_markdown()
    assert "fictitious price = P + Σ_c (W_c − V_c)" in md
    assert "**Weight:** at most `5000 EUR` added to the evaluated price when the quality is not offered." in md
    # the linear rule in euros: 36 months earns half of EUR 5,000
    assert evaluate(next(line for line in formulas(doc) if "(48 − 24)" in line).split("=", 1)[1], x=36) == 2500


def test_ratio_methods(write) -> None:  # type: ignore[no-untyped-def]
    base = "  basis: best_price_quality\n  weights: {R.linear: 100}\n"
    ppq = tender_document(load(write, tender_yaml(base + "  method: price_per_quality_point\n", RULES[0])), "en")
    assert evaluate(rhs(ppq, "ratio"), P=1000, Q=0.8) == 1250  # example B9
    vfm_award = base + "  method: value_for_money\n  ratio_constant: 1000\n"
    vfm = tender_document(load(write, tender_yaml(vfm_award, RULES[0])), "en")
    assert evaluate(rhs(vfm, "result"), P=1000, Q=80) == 80  # example B9
    assert "multiplied by the constant X = 1,000" in vfm.to_markdown()


def test_utility_index(write) -> None:  # type: ignore[no-untyped-def]
    award = (
        "  basis: best_price_quality\n  method: utility_index\n  price_weight: 40\n  total_points: 100\n"
        "  weights: {R.linear: 60}\n"
    )
    doc = tender_document(load(write, tender_yaml(award, RULES[0])), "en")
    assert "N = 60 / 40 = 1.5" in formulas(doc)
    rows = table_rows(doc.to_markdown())
    assert ["Title R.linear", "`R.linear`", "60 points", "60 %"] in rows
    assert ["Evaluated price", "–", "40 points", "40 %"] in rows
    # example B10 (the published Mercell example): bid B, quality 80 % against the best 90 %, EUR 875, lowest 600
    u = evaluate(rhs(doc, "U"), Q_best=0.9, Q=0.8, N=1.5, P=875, P_min=600)
    assert round(u, 4) == 0.5829


def test_lowest_price_basket_adjustments_threshold_and_rounding(write) -> None:  # type: ignore[no-untyped-def]
    text = tender_yaml(
        "  basis: lowest_price\n  price_from: basket\n"
        "  price_adjustments:\n"
        "    - {type: percentage_discount, metric: co2_performance_ladder_level, discounts: {'3': 4 %, '5': 10 %}}\n"
        "    - {type: externality, metric: embodied_emissions, factor: 0.1 EUR / (kg CO2e), per_device: true}\n"
        "  ties: {rule: report}\n  rounding: 2\n",
    ).replace("contract_period: 4 year}", "contract_period: 4 year, basket: {notebooks: 100, monitors: 20}}")
    md = tender_document(load(write, text), "en").to_markdown()
    assert "- **Award basis:** lowest price" in md
    assert "The contract is awarded to the valid tender with the lowest evaluated price." in md
    assert "Representative basket of lot `LOT-1`: 100 × notebooks, 20 × monitors." in md
    assert "the price of the lot's basket at the tender's unit prices" in md
    assert ["`5`", "`10 %`"] in table_rows(md)
    assert "P = P × (1 − k(level))" in md
    assert "A cost added for embodied emissions per device (`embodied_emissions`): `0.1 EUR / (kg CO2e)` per unit" in md
    assert "per device, times the quantity of the lot (LOT-1: 100)" in md
    assert "P = P + 0.1 × x × q" in md
    assert "the tie is recorded; the evaluation does not choose between them." in md
    assert "Results are rounded to 2 decimals before they are compared" in md
    assert "The award basis has no quality part" not in md  # no award criteria at all
    assert "This tender has no award criteria." in md


def test_quality_thresholds(write) -> None:  # type: ignore[no-untyped-def]
    award = POINTS_AWARD + "  quality_threshold: {min_score: 30}\n"
    md = tender_document(load(write, tender_yaml(award, *RULES)), "en").to_markdown()
    assert "A tender must score at least 30 points on the award criteria together." in md
    assert "the lowest evaluated price among the valid tenders that pass the quality threshold" in md
    award = POINTS_AWARD + "  quality_threshold: {max_pass: 3}\n"
    nl = tender_document(load(write, tender_yaml(award, *RULES)), "nl").to_markdown()
    assert "Alleen de 3 inschrijvingen met de beste kwaliteitsscore op de gunningscriteria worden gerangschikt" in nl


@pytest.mark.parametrize(
    ("discounting", "period", "expected"),
    [
        ("{convention: none}", "4 year", ["d(t) = 1"]),
        ("{convention: flat_factor, factor: 0.9}", "4 year", ["d(t) = 0.9"]),
        (
            "{convention: end_of_year, rate: 4 %, discount_externalities: false}",
            "30 month",
            ["d(t) = 1 / (1 + 0.04)^t", "d_x(t) = 1"],
        ),
    ],
)
def test_life_cycle_cost(write, discounting: str, period: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    award = """\
  basis: lowest_cost
"""
    extra = (
        f"lcc:\n  evaluation_period: {period}\n  electricity_price: 250 EUR / MWh\n"
        "  grid_emission_factor: 281 g CO2e / kWh\n  carbon_price: 100 EUR / (t CO2e)\n  include_embodied_co2: true\n"
        f"  discounting: {discounting}\n"
    )
    doc = tender_document(load(write, tender_yaml(award, extra=extra)), "en")
    lines = formulas(doc)
    for line in expected:
        assert line in lines
    md = doc.to_markdown()
    assert "- **Award basis:** lowest cost (life-cycle cost)" in md
    assert "    + q × EC × c" in lines  # embodied emissions priced
    # 250 EUR / MWh = 0.25 EUR / kWh; 281 g = 0.281 kg; 30 month = 2.5 year
    years = "2.5" if period == "30 month" else "4"
    assert f"T = {years}, p_e = 0.25 EUR / kWh, EF = 0.281 kg CO2e / kWh, c = 0.1 EUR / (kg CO2e)" in lines
    assert "- Embodied emissions per device `embodied_emissions` (`kg CO2e`): required, because embodied" in md
    assert ("A partial last year counts in proportion" in md) == (period == "30 month")
    assert ("the CO2 cost is not discounted" in md) == ("false" in discounting)


def test_requirement_forms(write) -> None:  # type: ignore[no-untyped-def]
    criteria = [
        own("Q.range", "technical_specification", "requirement: {metric: warranty_period, min: 3 year, max: 6 year}"),
        own("Q.exact", "technical_specification", "requirement: {metric: warranty_period, equals: 48 month}"),
        own("Q.level", "technical_specification", "requirement: {metric: epeat_tier, min_level: Silver}"),
        own("Q.oneof", "technical_specification", "requirement: {metric: epeat_tier, one_of: [Bronze, Silver, Gold]}"),
        own("Q.no", "technical_specification", "requirement: {metric: svhc_free, equals: false}"),
        own(
            "Q.label",
            "technical_specification",
            "verification: {evidence: [label], labels: [TCO Certified Generation 10, EPEAT Gold]}",
        ),
        own("Q.assessed", "selection_criterion", "verification: {evidence: [certificate, audit_report]}"),
    ]
    doc = tender_document(load(write, tender_yaml("  basis: lowest_price\n", *criteria)), "en")
    md = doc.to_markdown()
    assert "(`warranty_period`) at least `3 year` and at most `6 year`." in md
    assert "(`warranty_period`) exactly `48 month`." in md
    assert "(`epeat_tier`) at least level `Silver`." in md
    assert "(`epeat_tier`) one of `Bronze`, `Silver` or `Gold`." in md
    assert "(`svhc_free`): no." in md
    assert (
        "**Requirement:** met by one of the accepted labels below, or an equivalent label, valid on 2027-03-01." in md
    )
    assert "**Accepted labels:** TCO Certified Generation 10, EPEAT Gold, or an equivalent label." in md
    assert "**Requirement:** assessed by the evaluation committee on the evidence below." in md
    assert "**Evidence:** a certificate or an audit report." in md
    selection = md.split("## Selection criteria", 1)[1].split("## Technical", 1)[0]
    assert "(Q.assessed)" in selection
    nl = tender_document(load(write, tender_yaml("  basis: lowest_price\n", *criteria)), "nl").to_markdown()
    assert "(`epeat_tier`) een van `Bronze`, `Silver` of `Gold`." in nl
    assert "**Geaccepteerde keurmerken:** TCO Certified Generation 10, EPEAT Gold of een gelijkwaardig keurmerk." in nl
    assert "(`warranty_period`) ten minste `3 year` en ten hoogste `6 year`." in nl


# --------------------------------------------------------------------------- escaping

EVIL = "<script>alert(1)</script> & | `x` *y* [z](javascript:1)"


def test_html_escapes_every_text_and_is_self_contained(write) -> None:  # type: ignore[no-untyped-def]
    crit = own("E.evil", "award_criterion", "scoring: {type: yes_no, points: 1}", title="A | B <b>bold</b>")
    text = tender_yaml(
        "  basis: best_price_quality\n  method: price_per_quality_point\n  weights: {E.evil: 10}\n",
        crit,
        title='"' + EVIL + '"',
    )
    tender = load(write, text)
    page = tender_document(tender, "en").to_html()
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert page.endswith("</html>\n")
    assert "<script" not in page
    assert "<b>" not in page
    assert f"<title>{html.escape(EVIL)}</title>" in page
    assert f"<h1>{html.escape(EVIL)}</h1>" in page
    assert "<td>A | B &lt;b&gt;bold&lt;/b&gt;</td>" in page
    # nothing is fetched from elsewhere: no external scripts, stylesheets or images
    assert not re.search(r"<(link|img|iframe)\b|\bsrc=", page)
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert all(h.startswith(("http://", "https://")) for h in hrefs)


def test_markdown_escapes_markup_and_table_pipes(write) -> None:  # type: ignore[no-untyped-def]
    crit = own("E.evil", "award_criterion", "scoring: {type: yes_no, points: 1}", title="A | B <b>bold</b>")
    text = tender_yaml(
        "  basis: best_price_quality\n  method: price_per_quality_point\n  weights: {E.evil: 10}\n",
        crit,
        title='"' + EVIL + '"',
    )
    md = tender_document(load(write, text), "en").to_markdown()
    first = md.splitlines()[0]
    assert first == r"# &lt;script&gt;alert(1)&lt;/script&gt; &amp; \| \`x\` \*y\* \[z\](javascript:1)"
    assert "<script" not in md
    assert r"| A \| B &lt;b&gt;bold&lt;/b&gt; | `E.evil` | 10 points | 100 % |" in md
    for row in table_rows(md):
        assert len(row) in (2, 4, 5, 6)  # parameters/steps, weights, lots, sources: never split by a pipe


def test_language_errors(write) -> None:  # type: ignore[no-untyped-def]
    tender = load_tender(EXAMPLE)
    with pytest.raises(RenderError, match="not 'de'"):
        tender_document(tender, "de")
    only_en = tender.model_copy(update={"languages": ["en"]})
    with pytest.raises(RenderError, match="no texts in 'nl'; its languages are en"):
        tender_document(only_en, "nl")


# --------------------------------------------------------------------------- Word


def test_docx_holds_the_same_content(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    from circular_ict.exports.docx import write_tender_docx

    path = tmp_path / "tender.docx"
    write_tender_docx(EXAMPLE, path, "nl")
    word = docx.Document(str(path))
    assert word.core_properties.title == "Circulaire laptops voor Gemeente Voorbeeld"
    assert word.core_properties.language == "nl"
    doc = tender_document(load_tender(EXAMPLE), "nl")
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading") or p.style.name == "Title"]
    for cid in doc.criterion_ids:
        assert any(h.endswith(f"({cid})") for h in headings), cid
    sections = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert sections == [
        "Percelen",
        "Geschiktheidseisen",
        "Technische specificaties (minimumeisen)",
        "Gunning",
        "Gunningscriteria",
        "Contractvoorwaarden",
        "Criteria en hun bronnen",
    ]
    texts = [p.text for p in word.paragraphs]
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            assert "".join(s.text for s in block.spans) in texts
    expected_tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(word.tables) == len(expected_tables)
    weights = next(t for t in word.tables if t.rows[0].cells[0].text == "Gunningscriterium")
    assert [c.text for c in weights.rows[2].cells] == [
        "Langere garantie en serviceovereenkomst",
        "EU-GPP-2016.extended-warranty",
        "15 punten",
        "15 %",
    ]
    formula_text = "\n".join(p.text for p in word.paragraphs)
    assert "prijspunten = 40 × P_min / P" in formula_text
    bold = [r.text for p in word.paragraphs for r in p.runs if r.bold]
    assert "Eis:" in bold


def test_docx_without_python_docx_names_the_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from circular_ict.exports.docx import ExtraNotInstalledError, tender_docx

    monkeypatch.setitem(sys.modules, "docx", None)  # import docx now raises ImportError
    with pytest.raises(ExtraNotInstalledError, match=r"pip install 'circular-ict\[docx\]'"):
        tender_docx(EXAMPLE)


# --------------------------------------------------------------------------- command line


def test_cli_prints_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tender", "render", str(EXAMPLE), "--lang", "nl"]) == 0
    out, _ = capsys.readouterr()
    assert out == render_tender(EXAMPLE, "md", "nl")


def test_cli_writes_html_and_docx(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "tender.html"
    assert main(["tender", "render", str(EXAMPLE), "--format", "html", "-o", str(target)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"wrote {target}\n"
    assert target.read_text(encoding="utf-8") == render_tender(EXAMPLE, "html", "en")
    pytest.importorskip("docx")
    word = tmp_path / "tender.docx"
    assert main(["tender", "render", str(EXAMPLE), "--format", "docx", "-o", str(word)]) == 0
    assert word.read_bytes()[:2] == b"PK"  # a zip container
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tender.docx", "tender.html"]  # no temporary files left


def test_cli_usage_and_invalid_input(capsys: pytest.CaptureFixture[str], write, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert main(["tender", "render", str(EXAMPLE), "--format", "docx"]) == 2
    assert "--format docx needs --output FILE" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["tender"])
    assert exc.value.code == 2
    capsys.readouterr()
    bad = write(tender_yaml("  basis: lowest_price\n  weights: {X: 10}\n"), "bad.yaml")
    assert main(["tender", "render", str(bad)]) == 1
    out, err = capsys.readouterr()
    assert "error[invalid-value-combination]" in out
    assert "Traceback" not in out + err
    en_only = write(
        tender_yaml("  basis: lowest_price\n")
        .replace("languages: [en, nl]", "languages: [en]")
        .replace(", nl: Testaanbesteding", "")
        .replace(", nl: Laptops", ""),
        "en.yaml",
    )
    assert main(["tender", "render", str(en_only), "--lang", "nl"]) == 2
    assert "the tender has no texts in 'nl'; its languages: en" in capsys.readouterr().err


def test_cli_writes_atomically(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import circular_ict.safeio as safeio

    target = tmp_path / "tender.md"
    target.write_text("the previous version\n", encoding="utf-8")

    def crash(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(safeio.os, "replace", crash)
    assert main(["tender", "render", str(EXAMPLE), "-o", str(target)]) == 3
    assert "circular-ict tender: error: disk full" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "the previous version\n"  # never half a file
    assert os.listdir(tmp_path) == ["tender.md"]  # the temporary file was removed


# --------------------------------------------------------------------------- the how-to page

HOWTO = ROOT / "docs" / "how-to" / "render-a-tender.md"


def test_howto_excerpts_are_real_output(capsys: pytest.CaptureFixture[str]) -> None:
    page = HOWTO.read_text(encoding="utf-8")
    excerpts = re.findall(r"<!-- excerpt: (.+?) -->\n````markdown\n(.*?)\n````\n", page, flags=re.DOTALL)
    assert len(excerpts) == 2
    for command, text in excerpts:
        args = command.split()
        args[2] = str(ROOT / args[2])  # the tender path, from the repository's root
        assert main(args) == 0
        out, _ = capsys.readouterr()
        assert text + "\n" in out, f"the excerpt of '{command}' is not the real output: copy it again"
    # the worked number under the first excerpt: a take-back rate of 90 % earns 7.5 points
    doc = tender_document(load_tender(EXAMPLE), "en")
    weighted = next(line for line in formulas(doc) if "(100 − 80)" in line).split("=", 1)[1]
    assert evaluate(weighted, x=90) == 7.5
    assert "90 − 80) / (100 − 80) = 7.5 points" in page


def test_howto_python_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("docx")
    page = HOWTO.read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", page, flags=re.DOTALL)
    assert code is not None
    monkeypatch.chdir(tmp_path)
    source = code.group(1).replace('"examples/laptop-tender/tender.yaml"', repr(str(EXAMPLE)))
    namespace: dict[str, object] = {}
    exec(compile(source, str(HOWTO), "exec"), namespace)  # the page's own example, as a reader would run it
    assert isinstance(namespace["doc"], TenderDocument)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bestek.docx", "tender.html"]
    assert namespace["markdown"] == render_tender(EXAMPLE, "md", "nl")


def test_howto_links_resolve() -> None:
    page = HOWTO.read_text(encoding="utf-8")
    prose = re.sub(r"`{3,}.*?`{3,}", "", page, flags=re.DOTALL)
    for target in re.findall(r"\]\(([^)\s]+)\)", prose):
        path = target.split("#", 1)[0]
        if path and not re.match(r"^[a-z]+:", path):
            assert (HOWTO.parent / path).exists(), target
