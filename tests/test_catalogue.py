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
