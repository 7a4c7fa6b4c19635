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
