"""circular_ict.catalogue: the bundled library is found and valid."""

from __future__ import annotations

import pytest

from circular_ict import catalogue


def test_library_root_has_the_library() -> None:
    root = catalogue.library_root()
    assert root.joinpath("metrics.yaml").is_file()
    assert root.joinpath("products.yaml").is_file()


def test_metrics_and_product_groups_load() -> None:
    metrics = catalogue.metrics()
    assert metrics["warranty_period"].type == "quantity"
    assert metrics["energy_label_class"].type == "ordinal"
    assert "notebooks" in catalogue.product_groups()


def test_every_bundled_set_loads() -> None:
    ids = catalogue.list_bundled_sets()
    assert ids
    for set_id in ids:
        cset = catalogue.load_bundled_set(set_id)
        assert cset.id == set_id, "the file name must be the set id"


def test_unknown_set_suggests() -> None:
    with pytest.raises(KeyError, match="did you mean"):
        catalogue.load_bundled_set("eu-ecodesign-smartphones-tablet-2023")


@pytest.mark.parametrize(
    ("code", "digits", "prefix"),
    [
        ("30213100-6", "30213100", "302131"),
        ("30213100", "30213100", "302131"),
        ("30200000-1", "30200000", "302"),
        ("32250000-0", "32250000", "3225"),
        (" 48820000-2 ", "48820000", "4882"),
        ("30000000-9", "30000000", "3"),
        ("10000000", "10000000", "1"),
    ],
)
def test_cpv_prefix_rule(code: str, digits: str, prefix: str) -> None:
    assert catalogue.normalize_cpv(code) == digits
    assert catalogue.cpv_prefix(code) == (prefix if len(prefix) >= 2 else digits[:2])


@pytest.mark.parametrize("bad", ["3021310", "302131000", "30213100-66", "3021310a", "30213100-x", ""])
def test_invalid_cpv_codes(bad: str) -> None:
    with pytest.raises(ValueError, match="not a CPV code"):
        catalogue.normalize_cpv(bad)


def test_more_specific_codes_fall_under_their_group() -> None:
    assert [g.id for g in catalogue.groups_for_cpv("30213100-6")] == ["notebooks"]
    assert [g.id for g in catalogue.groups_for_cpv("30213100")] == ["notebooks"]  # check digit optional
    assert "smartphones" in [g.id for g in catalogue.groups_for_cpv("32250000-0")]


def test_generic_codes_match_only_when_broader() -> None:
    generic = "30200000-1"  # computer equipment and supplies
    narrow = {g.id for g in catalogue.groups_for_cpv(generic)}
    broad = {g.id for g in catalogue.groups_for_cpv(generic, broader=True)}
    assert "notebooks" not in narrow
    assert {"notebooks", "desktops", "monitors", "tablets"} <= broad


def test_routes_are_left_out_unless_asked() -> None:
    routes = {g.id for g in catalogue.product_groups().values() if g.route}
    assert routes
    for group in catalogue.product_groups().values():
        for code in group.cpv:
            assert not routes & {g.id for g in catalogue.groups_for_cpv(code)}


def test_every_group_code_finds_its_group() -> None:
    for group in catalogue.product_groups().values():
        for code in group.cpv:
            assert group.id in [g.id for g in catalogue.groups_for_cpv(code, routes=True)], code


def test_find_criterion() -> None:
    set_id, crit = catalogue.find_criterion("ED-2023-1670.battery-endurance")
    assert set_id == "eu-ecodesign-smartphones-tablets-2023"
    assert crit.requirement is not None  # type: ignore[union-attr]
    with pytest.raises(KeyError, match="did you mean"):
        catalogue.find_criterion("ED-2023-1670.battery-endurence")


def test_criterion_ids_are_unique_across_the_library() -> None:
    ids = [c.id for _s, c in catalogue.bundled_criteria()]
    assert len(ids) == len(set(ids))
