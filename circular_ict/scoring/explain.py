"""Plain-language motivations of an evaluation, in English and Dutch.

A buyer must be able to explain every score to every bidder (Dutch Commissie
van Aanbestedingsexperts, advice 209: a bare score matrix is not enough). The
motivation states, per bid: why it was excluded, or its rank and total; per
award criterion the value offered, the rule and the points; the price part;
and, for a bid that did not win, where it lost ground against the winner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .evaluation import BidResult, RequirementCheck, count_ranked, ordinal

if TYPE_CHECKING:
    from .evaluation import Evaluation

__all__ = ["explain_bid"]

_T = {
    "en": {
        "excluded": "Bid {bid} ({supplier}) is excluded: it does not meet every requirement.",
        "req_fail": "- {title} ({cid}): required {rule}; {reason}.",
        "req_nd": "- {title} ({cid}): required {rule}; not demonstrated ({reason}).",
        "below": "Bid {bid} ({supplier}) meets the requirements but its quality score of {quality} is below "
        "the tender's quality threshold, so its price was not evaluated.",
        "ranked_points": "Bid {bid} ({supplier}) ranks {rank} of {n} with {total} points: quality {quality} points "
        "and price {price_points} points for a price of EUR {price}.",
        "ranked_fict": "Bid {bid} ({supplier}) ranks {rank} of {n} with an evaluated price of EUR {total}: "
        "{what} EUR {evaluated} minus EUR {quality} for quality.",
        "ranked_price": "Bid {bid} ({supplier}) ranks {rank} of {n} with {what} EUR {total}.",
        "score": "- {title} ({cid}): offered {offered}; rule: {rule}; {points} of {max} rule points, "
        "giving {contribution} {unit} of the weight {weight}.",
        "score_euro": "- {title} ({cid}): offered {offered}; rule: {rule}; worth EUR {contribution} "
        "(at most {weight}).",
        "score_nd": "- {title} ({cid}): no value offered, so no points (not demonstrated).",
        "winner": "It is the winning bid.",
        "tie": "It shares first place with {others}.",
        "draw": "First place was tied and decided by drawing lots (seed {seed}): {order}.",
        "gap": "It is {gap} {unit} behind the winning bid {winner}; the largest differences: {diffs}.",
        "diff": "{title} {delta}",
        "price_word": "price",
        "lcc_word": "life-cycle cost",
        "none": "none",
        "defaults": "Defaults used where the bid gives no value: ",
        "co2": "CO2 footprint per device: {total} kg CO2e ({embodied} embodied, {use} use phase over {years} years), "
        "{per_year} kg CO2e per device-year.",
    },
    "nl": {
        "excluded": "Inschrijving {bid} ({supplier}) is uitgesloten: zij voldoet niet aan alle eisen.",
        "req_fail": "- {title} ({cid}): vereist {rule}; {reason}.",
        "req_nd": "- {title} ({cid}): vereist {rule}; niet aangetoond ({reason}).",
        "below": "Inschrijving {bid} ({supplier}) voldoet aan de eisen, maar haar kwaliteitsscore van {quality} "
        "ligt onder de kwaliteitsdrempel van de aanbesteding; haar prijs is daarom niet beoordeeld.",
        "ranked_points": "Inschrijving {bid} ({supplier}) staat {rank} van {n} met {total} punten: kwaliteit "
        "{quality} punten en prijs {price_points} punten bij een prijs van EUR {price}.",
        "ranked_fict": "Inschrijving {bid} ({supplier}) staat {rank} van {n} met een fictieve prijs van EUR "
        "{total}: {what} EUR {evaluated} min EUR {quality} voor kwaliteit.",
        "ranked_price": "Inschrijving {bid} ({supplier}) staat {rank} van {n} met een {what} van EUR {total}.",
        "score": "- {title} ({cid}): aangeboden {offered}; regel: {rule}; {points} van {max} punten volgens de "
        "regel, goed voor {contribution} {unit} van het gewicht {weight}.",
        "score_euro": "- {title} ({cid}): aangeboden {offered}; regel: {rule}; waarde EUR {contribution} "
        "(ten hoogste {weight}).",
        "score_nd": "- {title} ({cid}): geen waarde aangeboden, dus geen punten (niet aangetoond).",
        "winner": "Dit is de winnende inschrijving.",
        "tie": "Zij deelt de eerste plaats met {others}.",
        "draw": "De eerste plaats was gelijk en is door loting beslist (seed {seed}): {order}.",
        "gap": "Zij staat {gap} {unit} achter de winnende inschrijving {winner}; de grootste verschillen: {diffs}.",
        "diff": "{title} {delta}",
        "price_word": "prijs",
        "lcc_word": "levenscycluskosten",
        "none": "geen",
        "defaults": "Standaardwaarden gebruikt waar de inschrijving geen waarde geeft: ",
        "co2": "CO2-voetafdruk per apparaat: {total} kg CO2e ({embodied} productie, {use} gebruiksfase over {years} "
        "jaar), {per_year} kg CO2e per apparaatjaar.",
    },
}

_UNITS = {
    "en": {"points": "points", "EUR": "EUR", "EUR per point": "EUR per point", "index": ""},
    "nl": {"points": "punten", "EUR": "euro", "EUR per point": "euro per punt", "index": ""},
}


def _n(x: float | None, lang: str = "en") -> str:
    """A number with two decimals: 1,320,000.00 in English, 1.320.000,00 in Dutch."""
    if x is None:
        return "-"
    text = f"{x:,.2f}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "nl" else text


def _reason(r: RequirementCheck, lang: str) -> str:
    """Why a requirement failed or was not demonstrated, in ``lang`` (the result holds it in English)."""
    if lang == "en":
        return r.reason
    if r.offered is not None:
        return f"aangeboden {r.offered}"
    return "geen waarde of bewijsmiddel opgegeven"


def _rule_texts(ev: Evaluation, lang: str) -> dict[str, str]:
    """Each criterion's requirement or scoring rule in words, in ``lang`` (the results hold them in English)."""
    from .engine import describe_requirement, describe_rule

    out: dict[str, str] = {}
    for c in ev.criteria:
        requirement = getattr(c, "requirement", None)
        scoring = getattr(c, "scoring", None)
        if requirement is not None and requirement.metric in ev.metrics:
            out[c.id] = describe_requirement(requirement, ev.metrics[requirement.metric], lang)
        elif scoring is not None:
            out[c.id] = describe_rule(scoring, lang)
    return out


def explain_bid(ev: Evaluation, b: BidResult, lang: str = "en") -> str:
    """The motivation of one bid's result."""
    if lang not in _T:
        raise ValueError(f"explanations exist in {', '.join(_T)}, not {lang!r}")
    t = _T[lang]
    rules = _rule_texts(ev, lang) if lang != "en" else {}
    title = ev._title
    lines: list[str] = []
    if b.status == "excluded":
        lines.append(t["excluded"].format(bid=b.bid_id, supplier=b.supplier))
        for r in b.requirements:
            key = {"fail": "req_fail", "not_demonstrated": "req_nd"}.get(r.status)
            if key is not None:
                lines.append(
                    t[key].format(
                        title=title(r.criterion_id, lang),
                        cid=r.criterion_id,
                        rule=rules.get(r.criterion_id, r.rule),
                        reason=_reason(r, lang),
                    )
                )
        return "\n".join(lines)
    if b.status == "below_quality_threshold":
        return t["below"].format(bid=b.bid_id, supplier=b.supplier, quality=_n(b.quality, lang))
    n = count_ranked(ev.bids)
    rank = ordinal(b.rank or 0, lang)
    uses_lcc = ev.tender.award.priced_on == "life_cycle_cost"
    what = t["lcc_word"] if uses_lcc else t["price_word"]
    if ev.higher_wins:
        lines.append(
            t["ranked_points"].format(
                bid=b.bid_id,
                supplier=b.supplier,
                rank=rank,
                n=n,
                total=_n(b.total, lang),
                quality=_n(b.quality, lang),
                price_points=_n(b.price_points, lang),
                price=_n(b.price, lang),
            )
        )
    elif ev.tender.award.basis == "best_price_quality":
        lines.append(
            t["ranked_fict"].format(
                bid=b.bid_id,
                supplier=b.supplier,
                rank=rank,
                n=n,
                total=_n(b.total, lang),
                what=what,
                evaluated=_n(b.evaluated_price, lang),
                quality=_n(b.quality, lang),
            )
        )
    else:
        lines.append(
            t["ranked_price"].format(
                bid=b.bid_id, supplier=b.supplier, rank=rank, n=n, total=_n(b.total, lang), what=what
            )
        )
    units = _UNITS[lang]
    for s in b.scores:
        name = title(s.criterion_id, lang)
        if not s.demonstrated:
            lines.append(t["score_nd"].format(title=name, cid=s.criterion_id))
        elif s.max_points is None:
            lines.append(
                t["score_euro"].format(
                    title=name,
                    cid=s.criterion_id,
                    offered=s.offered,
                    rule=rules.get(s.criterion_id, s.rule),
                    contribution=_n(s.contribution, lang),
                    weight=s.weight,
                )
            )
        else:
            lines.append(
                t["score"].format(
                    title=name,
                    cid=s.criterion_id,
                    offered=s.offered,
                    rule=rules.get(s.criterion_id, s.rule),
                    points=_n(s.points, lang),
                    max=f"{s.max_points:g}",
                    contribution=_n(s.contribution, lang),
                    unit=units[s.contribution_unit],
                    weight=s.weight,
                )
            )
    if b.co2 is not None:
        c = b.co2
        lines.append(
            t["co2"].format(
                total=_n(c.total, lang),
                embodied=_n(c.embodied, lang),
                use=_n(c.use_phase, lang),
                years=f"{c.years_of_use:g}",
                per_year=_n(c.per_device_year, lang),
            )
        )
        if len(c.assumptions) > 1:  # the first is the grid factor; the others are defaults the bid left to us
            lines.append(t["defaults"] + "; ".join(c.assumptions[1:]) + ".")
    firsts = [e.bid_id for e in ev.ranking if e.rank == 1]
    if ev.draw and b.bid_id in ev.draw["tied"]:
        lines.append(t["draw"].format(seed=ev.draw["seed"], order=" > ".join(ev.draw["order"])))
    if b.rank == 1 and len(firsts) == 1:
        lines.append(t["winner"])
    elif b.rank == 1:
        lines.append(t["tie"].format(others=", ".join(f for f in firsts if f != b.bid_id)))
    elif ev.winner is not None:
        w = ev.result(ev.winner)
        assert w.total is not None
        assert b.total is not None
        gap = (w.total - b.total) if ev.higher_wins else (b.total - w.total)
        diffs = _differences(ev, w, b, lang)
        lines.append(
            t["gap"].format(
                gap=_n(gap, lang), unit=units[ev.total_unit], winner=w.bid_id, diffs="; ".join(diffs) or t["none"]
            )
        )
    return "\n".join(lines)


def _differences(ev: Evaluation, w: BidResult, b: BidResult, lang: str) -> list[str]:
    """Where ``b`` lost against the winner ``w``, largest first (in the direction of the total)."""
    mine = {s.criterion_id: s.contribution for s in b.scores}
    deltas = [(ev._title(s.criterion_id, lang), mine.get(s.criterion_id, 0.0) - s.contribution) for s in w.scores]
    t = _T[lang]
    if ev.higher_wins and w.price_points is not None and b.price_points is not None:
        deltas.append((t["price_word"], b.price_points - w.price_points))
    elif not ev.higher_wins and w.evaluated_price is not None and b.evaluated_price is not None:
        deltas.append((t["lcc_word"] if w.lcc else t["price_word"], -(b.evaluated_price - w.evaluated_price)))
    losses = sorted((d for d in deltas if d[1] < 0), key=lambda d: d[1])
    return [
        t["diff"].format(title=name, delta=("+" if delta > 0 else "") + _n(delta, lang)) for name, delta in losses[:3]
    ]
