"""circular_ict.select: filters over criteria."""

from __future__ import annotations

from circular_ict import catalogue
from circular_ict.select import CriteriaFilter, bundled, filter_criteria


def test_no_filter_keeps_everything() -> None:
    assert bundled(CriteriaFilter()) == catalogue.bundled_criteria()


def test_filters_combine() -> None:
    items = catalogue.bundled_criteria()
    where = CriteriaFilter(product_groups=["smartphones"], themes=["lifespan"], levels=["basic"])
    kept = filter_criteria(items, where)
    assert kept
    for _set_id, c in kept:
        assert "smartphones" in c.product_groups
        assert "lifespan" in c.themes
        assert c.ambition == "basic"
    dropped = [c for _s, c in items if (_s, c) not in kept]
    for c in dropped:
        assert "smartphones" not in c.product_groups or "lifespan" not in c.themes or c.ambition != "basic"


def test_cpv_selects_product_groups() -> None:
    by_cpv = bundled(CriteriaFilter(cpv="32250000-0"))
    by_group = bundled(CriteriaFilter(product_groups=["smartphones"]))
    assert by_cpv == by_group
    assert by_cpv


def test_cpv_and_group_intersect() -> None:
    assert bundled(CriteriaFilter(cpv="32250000-0", product_groups=["servers"])) == []


def test_sources_kinds_and_ids() -> None:
    set_id, crit = catalogue.bundled_criteria()[0]
    assert bundled(CriteriaFilter(ids=[crit.id])) == [(set_id, crit)]
    assert all(s == set_id for s, _c in bundled(CriteriaFilter(sources=[set_id])))
    assert all(c.kind == "award_criterion" for _s, c in bundled(CriteriaFilter(kinds=["award_criterion"])))


def _example(root):  # type: ignore[no-untyped-def]
    import circular_ict as ci

    return ci.load_criteria_set(root / "examples" / "notebooks-tender-criteria.yaml")


def test_bind_parameters(root) -> None:  # type: ignore[no-untyped-def]
    from circular_ict.select import bind_parameters
    from circular_ict.units import parse_quantity

    crit = _example(root).criteria[0]
    assert crit.id == "NB.warranty"
    bound = bind_parameters(crit, {"warranty_min": parse_quantity("4 year")})
    assert bound.requirement.min == parse_quantity("4 year")  # type: ignore[union-attr]
    assert bound.parameters == {}
    assert crit.parameters  # the original is unchanged (immutable)
    assert bind_parameters(crit, {}) is crit


def _refs_doc(text: str):  # type: ignore[no-untyped-def]
    from circular_ict.yamlio import load_yaml

    return load_yaml(text, file="refs.yaml")


REFS = """\
id: refs
title: {en: R, nl: R}
version: "1"
languages: [en, nl]
source: {publisher: P, document: D, url: https://example.org, status: derived}
gpp_origin: other
references:
  - ref: NB.warranty
    ambition: basic
    parameters: {warranty_min: 24 month}
  - {ref: NB.take-back}
"""


def _check(root, text: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    from circular_ict.checks import CheckContext, check_document
    from circular_ict.model import CriteriaSet
    from circular_ict.validation import validate_data

    lib = {c.id: c for c in _example(root).criteria}
    base = CheckContext.bundled()
    ctx = CheckContext(base.metrics, base.product_groups, base.level_schemes, lambda: lib)
    doc = _refs_doc(text)
    model, errors = validate_data(doc, CriteriaSet)
    assert model is not None, errors
    return [(d.code, d.path) for d in check_document(model, doc, ctx)]


def test_references_check(root) -> None:  # type: ignore[no-untyped-def]
    assert _check(root, REFS) == []
    assert _check(root, REFS.replace("24 month", "4 year")) == [
        ("ambition-mismatch", "references[0].parameters.warranty_min")
    ]
    assert _check(root, REFS.replace("ambition: basic", "ambition: ambitious")) == [
        ("ambition-mismatch", "references[0].ambition")
    ]
    assert _check(root, REFS.replace("{ref: NB.take-back}", "{ref: NB.take-back, ambition: ambitious}")) == [
        ("ambition-mismatch", "references[1].ambition")
    ]
    assert _check(root, REFS.replace("ref: NB.warranty", "ref: NB.waranty")) == [
        ("unknown-criterion", "references[0].ref")
    ]
    assert _check(root, REFS.replace("warranty_min: 24 month", "warranty_min: 24 kg")) == [
        ("wrong-dimension", "references[0].parameters.warranty_min"),
        ("ambition-mismatch", "references[0].parameters.warranty_min"),
    ]
    assert _check(root, REFS.replace("{warranty_min: 24 month}", "{warranty_mn: 24 month}")) == [
        ("unknown-parameter", "references[0].parameters.warranty_mn"),
        ("ambition-mismatch", "references[0].ambition"),
    ]
    assert _check(root, REFS + "  - {ref: NB.take-back}\n") == [("duplicate-id", "references[2].ref")]


def test_resolve_references(root) -> None:  # type: ignore[no-untyped-def]
    from circular_ict.select import resolve_references
    from circular_ict.validation import loads_criteria_set

    lib = {c.id: c for c in _example(root).criteria}
    # the bundled library does not hold NB.*: validate the structure only, then resolve with our lookup
    from circular_ict.model import CriteriaSet
    from circular_ict.validation import validate_data

    model, _ = validate_data(_refs_doc(REFS), CriteriaSet)
    assert model is not None
    resolved = resolve_references(model, lib)
    assert [c.id for c in resolved.criteria] == ["NB.warranty", "NB.take-back"]
    warranty = resolved.criteria[0]
    assert warranty.ambition == "basic"
    assert warranty.requirement.min.text == "24 month"  # type: ignore[union-attr]
    assert resolved.references == []
    assert loads_criteria_set  # the public loader exists for sets with bundled references


def test_source_filter_lists_a_sets_references() -> None:
    starter = catalogue.load_bundled_set("circular-ict-starter")
    listed = bundled(CriteriaFilter(sources=["circular-ict-starter"]))
    assert [c.id for _s, c in listed] == [r.ref for r in starter.references]
    moved = {r.ref: r.ambition for r in starter.references if r.ambition}
    for _s, c in listed:
        if c.id in moved:
            assert c.ambition == moved[c.id]


def test_coverage_counts_each_criterion_once_at_its_level() -> None:
    cells = catalogue.coverage()
    ids = [i for v in cells.values() for i in v]
    # a criterion the starter set uses at its own level is not counted a second time
    assert not any(i.startswith("circular-ict-starter:EU-GPP-2021.TS3.core") for i in ids)
    assert any(i == "circular-ict-starter:TCO.lifetime-warranty-and-updates" for i in ids)


# --------------------------------------------------------------------------- select(): a new set


def _decisions(chosen) -> dict[str, tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    return {d.criterion: (d.action, d.by) for d in chosen.decisions}


def test_levels_are_cumulative_and_a_stricter_criterion_replaces() -> None:
    from circular_ict.select import select

    basic = select("eu-gpp-computers-2021", product_groups=["notebooks"], level="basic", themes=["lifespan"])
    basic_ids = [c.id for c in basic.criteria_set.criteria]
    assert "EU-GPP-2021.TS3.core" in basic_ids
    assert all(c.ambition == "basic" for c in basic.criteria_set.criteria)
    significant = select(
        "eu-gpp-computers-2021", product_groups=["notebooks"], level="significant", themes=["lifespan"]
    )
    got = _decisions(significant)
    # the comprehensive warranty (3 year suggested at 'significant') covers the core one (1 or 2 year at 'basic')
    assert got["EU-GPP-2021.TS3.core"] == ("replaced", "EU-GPP-2021.TS3.comprehensive")
    ids = [c.id for c in significant.criteria_set.criteria]
    assert "EU-GPP-2021.TS3.core" not in ids
    # the other basic criteria stay (cumulative), with the significant ones
    assert set(basic_ids) - {"EU-GPP-2021.TS3.core"} <= set(ids)
    assert {"EU-GPP-2021.TS3.comprehensive", "EU-GPP-2021.TS10", "EU-GPP-2021.AC1"} <= set(ids)
    assert {c.ambition for c in significant.criteria_set.criteria} == {"basic", "significant"}
    # without a level nothing is replaced
    every = select("eu-gpp-computers-2021", product_groups=["notebooks"], themes=["lifespan"])
    assert {"EU-GPP-2021.TS3.core", "EU-GPP-2021.TS3.comprehensive"} <= {c.id for c in every.criteria_set.criteria}
    assert all(d.action == "kept" for d in every.decisions)


def test_the_replacing_criterion_is_the_strictest_that_stays() -> None:
    from circular_ict.select import select

    chosen = select(
        "epeat",
        level="ambitious",
        kinds=["technical_specification"],
        ids=["EPEAT.bronze", "EPEAT.silver", "EPEAT.gold"],
    )
    got = _decisions(chosen)
    assert got["EPEAT.bronze"] == ("replaced", "EPEAT.gold")
    assert got["EPEAT.silver"] == ("replaced", "EPEAT.gold")
    assert [c.id for c in chosen.criteria_set.criteria] == ["EPEAT.gold"]
    at_significant = select("epeat", level="significant", ids=["EPEAT.bronze", "EPEAT.silver", "EPEAT.gold"])
    assert [c.id for c in at_significant.criteria_set.criteria] == ["EPEAT.silver"]


def test_a_partly_covered_criterion_is_narrowed() -> None:
    from circular_ict.select import select

    kinds = ["contract_performance_clause"]
    chosen = select("se-it-equipment-2022", level="significant", themes=["lifespan"], kinds=kinds)
    got = _decisions(chosen)
    # the basic guarantee (1 year) also covers refurbished devices; the advanced one (3 year) does not
    assert got["SE-IT-2022.product-guarantee-core"] == ("narrowed", "SE-IT-2022.product-guarantee-advanced")
    core = next(c for c in chosen.criteria_set.criteria if c.id == "SE-IT-2022.product-guarantee-core")
    assert core.product_groups == ["refurbished_devices"]
    narrowed = next(d for d in chosen.decisions if d.action == "narrowed")
    assert narrowed.groups == ("notebooks", "desktops", "all_in_ones", "monitors", "tablets", "smartphones")
    # product groups outside the selection do not count: for notebooks the basic guarantee is replaced
    for_notebooks = select("se-it-equipment-2022", product_groups=["notebooks"], level="significant", kinds=kinds)
    assert _decisions(for_notebooks)["SE-IT-2022.product-guarantee-core"][0] == "replaced"


def test_replacement_across_sets() -> None:
    from circular_ict.select import select

    chosen = select(["no-dfo-ict", "eu-gpp-computers-2021"], product_groups=["notebooks"], level="significant")
    # 3 year suggested for the EU comprehensive warranty is at least as strict as the Norwegian 3 year
    assert _decisions(chosen)["NO-DFO.laptop-warranty"] == ("replaced", "EU-GPP-2021.TS3.comprehensive")
    assert chosen.sets == ("no-dfo-ict", "eu-gpp-computers-2021")
    # the Norwegian set defines its own metric (battery cycles to 60 %): the new set carries it
    assert [m.id for m in chosen.criteria_set.metrics] == ["battery_cycles_to_60"]


def test_cpv_prefix_selection() -> None:
    from circular_ict.select import select

    by_cpv = select("eu-gpp-computers-2021", cpv="30213100-6", level="basic")
    by_group = select("eu-gpp-computers-2021", product_groups=["notebooks"], level="basic")
    assert by_cpv.criteria_set.criteria == by_group.criteria_set.criteria
    # a more specific code falls under the same group; the check digit is optional
    assert (
        select("eu-gpp-computers-2021", cpv="30213110", level="basic").criteria_set.criteria
        == by_cpv.criteria_set.criteria
    )
    assert all("notebooks" in c.product_groups for c in by_cpv.criteria_set.criteria)
    assert ("cpv", "30213100-6") in by_cpv.filters


def test_origin_survives_dump_and_load() -> None:
    from circular_ict.select import select
    from circular_ict.serialize import dumps
    from circular_ict.validation import loads_criteria_set

    chosen = select("circular-ict-starter", product_groups=["notebooks"], level="ambitious")
    cset = chosen.criteria_set
    origins = {c.id: c.origin for c in cset.criteria}
    tco = origins["TCO.lifetime-warranty-and-updates"]
    assert tco is not None
    assert (tco.set, tco.version, tco.defined_in, tco.gpp_origin) == (
        "circular-ict-starter",
        "1.0",
        "tco-certified",
        "other",
    )
    eu = origins["EU-GPP-2021.TS5"]
    assert eu is not None
    assert (eu.defined_in, eu.gpp_origin) == ("eu-gpp-computers-2021", "eu")
    # the starter set places TCO's warranty at the ambitious level with 6 years: it covers both EU warranties
    got = _decisions(chosen)
    assert got["EU-GPP-2021.TS3.core"] == ("replaced", "TCO.lifetime-warranty-and-updates")
    assert got["EU-GPP-2021.TS3.comprehensive"] == ("replaced", "TCO.lifetime-warranty-and-updates")
    text = dumps(cset)
    again = loads_criteria_set(text)
    assert again == cset
    assert dumps(again) == text
    assert "defined_in: null" not in text  # only what is known is written
    # selected again, a criterion keeps the origin that names the first set
    twice = select(again, kinds=["technical_specification"])
    assert {c.origin.set for c in twice.criteria_set.criteria if c.origin} == {"circular-ict-starter"}
    assert twice.sets == ("selection",)  # what it was selected from, this time


def test_the_new_set_is_a_valid_criteria_set() -> None:
    from circular_ict.select import select

    chosen = select(None, cpv="30213100-6", level="basic", themes=["take_back"], set_id="take-back", version="2026.1")
    cset = chosen.criteria_set
    assert (cset.id, cset.version, cset.languages) == ("take-back", "2026.1", ["en", "nl"])
    assert cset.gpp_origin == "other"  # EU, national and other criteria
    assert cset.level_scheme is None  # the sets use different level schemes
    assert cset.source.status == "derived"
    assert "themes: take_back" in (cset.source.note or "")
    one = select("eu-gpp-computers-2021", product_groups=["monitors"], level="basic")
    assert one.criteria_set.level_scheme == "eu-gpp"  # one scheme, every criterion still fits it
    assert one.criteria_set.gpp_origin == "eu"


def test_select_reports_contradictions() -> None:
    from circular_ict.select import select

    chosen = select("epeat", level="ambitious", product_groups=["notebooks"])
    found = [(c.type, c.criteria) for c in chosen.contradictions]
    assert ("pointless-award", ("EPEAT.gold", "EPEAT.tier-award")) in found


def test_select_refuses_bad_filters() -> None:
    import pytest

    from circular_ict.errors import CircularIctError
    from circular_ict.select import select

    with pytest.raises(ValueError, match="unknown product group 'notebok'; did you mean 'notebooks'"):
        select("epeat", product_groups=["notebok"])
    with pytest.raises(ValueError, match="unknown level 'high'"):
        select("epeat", level="high")
    with pytest.raises(ValueError, match="unknown kind 'award'"):
        select("epeat", kinds=["award"])
    with pytest.raises(ValueError, match="is not a CPV code"):
        select("epeat", cpv="3021310")
    with pytest.raises(KeyError, match="no bundled criteria set 'epeet'"):
        select("epeet")
    with pytest.raises(CircularIctError, match="the filters match nothing"):
        select("eu-gpp-data-centres-2020", product_groups=["smartphones"])


def test_select_renderings() -> None:
    import json

    from circular_ict.select import select

    chosen = select("epeat", level="significant", ids=["EPEAT.bronze", "EPEAT.silver"])
    assert chosen.to_text().splitlines() == [
        "selected 1 criterion from epeat into 'selection' (level: significant (cumulative); ids: EPEAT.bronze, "
        "EPEAT.silver)",
        "replaced EPEAT.bronze (epeat): by EPEAT.silver (significant) on epeat_tier: min_level Silver is at least as "
        "strict as min_level Bronze",
        "kept EPEAT.silver (epeat): technical_specification, significant",
    ]
    data = json.loads(chosen.to_json())
    assert data["result"] == {"id": "selection", "criteria": ["EPEAT.silver"]}
    assert data["filters"] == {"level": "significant (cumulative)", "ids": "EPEAT.bronze, EPEAT.silver"}
    assert [d["action"] for d in data["decisions"]] == ["replaced", "kept"]


# --------------------------------------------------------------------------- tenders: criteria by selection

TENDER = """\
id: demo-tender
title: {en: Demo notebook tender}
buyer: {name: City of Example, country: NL}
languages: [en]
lots:
  - {id: LOT-1, title: {en: Notebooks}, product_group: notebooks, quantity: 100}
criteria:
  select:
    - set: eu-gpp-computers-2021
      level: significant
      themes: [lifespan]
      kinds: [technical_specification]
      exclude: [EU-GPP-2021.TS1, EU-GPP-2021.TS2]
  include:
    - ref: EU-GPP-2021.TS3.comprehensive
      parameters: {warranty_min: 4 year}
    - ref: EU-GPP-2021.TS6
      parameters: {cycles_min: 500 cycle}
    - ref: EU-GPP-2021.TS23
award:
  basis: lowest_price
"""


def _tender_codes(text: str) -> list[tuple[str, str]]:
    from circular_ict.validation import load_document

    _model, report = load_document(text.encode(), file="tender.yaml")
    return [(d.code, d.path) for d in report.diagnostics]


def test_tender_criteria_by_selection() -> None:
    from circular_ict.scoring.api import resolve_tender
    from circular_ict.validation import load_document

    assert _tender_codes(TENDER) == []
    tender, _report = load_document(TENDER.encode(), file="tender.yaml")
    criteria = resolve_tender(tender)  # type: ignore[arg-type]
    ids = [c.id for c in criteria]
    # selected (in the set's order), then included ones that are not selected
    assert ids[:3] == ["EU-GPP-2021.TS3.comprehensive", "EU-GPP-2021.TS4", "EU-GPP-2021.TS6"]
    assert ids[-1] == "EU-GPP-2021.TS23"
    assert "EU-GPP-2021.TS3.core" not in ids
    assert "EU-GPP-2021.TS1" not in ids
    assert len(ids) == len(set(ids))
    # the include with the same id overrides the selected criterion: its parameter is set
    warranty = criteria[0]
    assert warranty.requirement.min.text == "4 year"  # type: ignore[union-attr]
    assert warranty.parameters == {}
    assert warranty.origin is not None
    assert warranty.origin.set == "eu-gpp-computers-2021"


def test_tender_selection_diagnostics() -> None:
    # a selected criterion's parameter must be set by an include with its id
    unset = TENDER.replace("    - ref: EU-GPP-2021.TS6\n      parameters: {cycles_min: 500 cycle}\n", "")
    assert _tender_codes(unset) == [("unset-parameter", "criteria.select[0]")]
    more = (
        "    - {set: tco-certifed}\n"
        "    - {set: tco-certified, product_groups: [notebok]}\n"
        "    - {set: tco-certified, cpv: 03000000-1}\n"
        "    - {set: eu-gpp-data-centres-2020, exclude: [NOPE.x]}\n"
    )
    bad = TENDER.replace("  include:\n", more + "  include:\n")
    assert _tender_codes(bad) == [
        ("unknown-criteria-set", "criteria.select[1].set"),
        ("unknown-product-group", "criteria.select[2].product_groups[0]"),
        ("empty-selection", "criteria.select[3].cpv"),
        ("empty-selection", "criteria.select[4]"),
        ("unknown-criterion", "criteria.select[4].exclude[0]"),
    ]
    # filter values the model knows are checked by the model, with located diagnostics
    wrong = TENDER.replace("      level: significant\n", "      level: high\n      cpv: '3021310'\n")
    assert _tender_codes(wrong) == [
        ("invalid-value", "criteria.select[0].level"),
        ("invalid-cpv", "criteria.select[0].cpv"),
    ]


def test_selected_award_criteria_need_weights() -> None:
    awards = "    - {set: eu-gpp-computers-2016, kinds: [award_criterion], themes: [lifespan], level: basic}\n"
    text = TENDER.replace("  include:\n", awards + "  include:\n").replace(
        "award:\n  basis: lowest_price\n",
        "award:\n  basis: best_price_quality\n  method: weighted_points\n  total_points: 100\n"
        "  price: {method: ratio_lowest, points: 90}\n  weights: {EU-GPP-2016.extended-warranty: 10}\n",
    )
    # at the basic level for notebooks, the 2016 set has one lifespan award criterion: extended warranty
    assert _tender_codes(text) == []
    significant = text.replace("themes: [lifespan], level: basic", "themes: [lifespan], level: significant")
    # at the significant level the battery, durability and storage criteria join it, without weights
    assert _tender_codes(significant) == [("missing-weight", "award.weights")] * 3


def test_how_to_python_example_runs(root, capsys) -> None:  # type: ignore[no-untyped-def]
    """The Python block of docs/how-to/select-and-combine.md runs and prints what the page says it does."""
    import re

    page = (root / "docs" / "how-to" / "select-and-combine.md").read_text(encoding="utf-8")
    (code,) = re.findall(r"```python\n(.*?)```", page, flags=re.DOTALL)
    exec(compile(code, "select-and-combine.md", "exec"), {})
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "20 criteria"
    assert lines[1].startswith(
        "replaced EU-GPP-2021.TS3.core (eu-gpp-computers-2021): by EU-GPP-2021.TS3.comprehensive"
    )
    assert lines[2] == "EU-GPP-2021.TS1 from eu-gpp-computers-2021 2021.1"
    assert "('EU-GPP-2021.TS6', 'SE-IT-2022.reused-battery-new-cells') battery_cycles_to_80" in lines
    assert "combined selection, se-it-equipment-2022 into 'combined': 31 criteria" in lines
    assert lines[-1] == "['kept', 'narrowed', 'replaced']"


# --------------------------------------------------------------------------- the command


def test_cli_select_writes_a_valid_set(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from circular_ict.cli import main
    from circular_ict.validation import load_criteria_set, loads_criteria_set

    out_file = tmp_path / "nb.yaml"
    args = ["select", "--set", "epeat", "-p", "notebooks", "--level", "ambitious", "-k", "technical_specification"]
    assert main([*args, "--exclude", "EPEAT.climate-plus", "-o", str(out_file), "--set-id", "nb"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "selected 1 criterion from epeat into 'nb' (product_groups: notebooks; level: ambitious (cumulative); "
        "kinds: technical_specification; exclude: EPEAT.climate-plus)",
        "replaced EPEAT.bronze (epeat): by EPEAT.gold (ambitious) on epeat_tier: min_level Gold is at least as strict "
        "as min_level Bronze",
        "replaced EPEAT.silver (epeat): by EPEAT.gold (ambitious) on epeat_tier: min_level Gold is at least as strict "
        "as min_level Silver",
        "kept EPEAT.gold (epeat): technical_specification, ambitious",
    ]
    assert err == f"wrote {out_file}\n"
    written = load_criteria_set(out_file)
    assert [c.id for c in written.criteria] == ["EPEAT.gold"]
    # a file is a set to select from too; without -o the set goes to standard output, the report to standard error
    assert main(["select", "--set", str(out_file), "--report", "json"]) == 0
    out, err = capsys.readouterr()
    assert [c.id for c in loads_criteria_set(out).criteria] == ["EPEAT.gold"]
    assert '"sets": [\n    "nb"\n  ]' in err


def test_cli_select_errors(capsys) -> None:  # type: ignore[no-untyped-def]
    from circular_ict.cli import main

    assert main(["select", "-p", "notebok"]) == 2
    assert "unknown product group 'notebok'; did you mean 'notebooks'?" in capsys.readouterr().err
    assert main(["select", "--cpv", "3021"]) == 2
    assert "is not a CPV code" in capsys.readouterr().err
    assert main(["select", "--set", "epeet"]) == 2
    assert "did you mean 'epeat'?" in capsys.readouterr().err
    assert main(["select", "--set", "eu-gpp-data-centres-2020", "-p", "smartphones"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "the filters match nothing" in err
    assert main(["select", "--set", "missing.yaml"]) == 1
    assert "error[file-unreadable]" in capsys.readouterr().out
