"""The bundled criteria library (the ``criteria/`` folder, shipped in the wheel).

Found through :mod:`importlib.resources` as ``circular_ict/criteria`` in an
installed package (also from a zipped wheel). In a source checkout with an
editable install, the top-level ``criteria/`` folder is used instead.

The library holds ``metrics.yaml`` (the metric vocabulary), ``products.yaml``
(product groups and CPV codes) and one criteria set per source under ``sets/``.
"""

from __future__ import annotations

import functools
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from .diagnostics import Report
from .errors import DocumentError
from .model import CriteriaSet, LevelScheme, LevelSchemes, MetricVocabulary, ProductCatalogue, ProductGroup
from .model.metric import Metric

__all__ = [
    "criteria_set_files",
    "level_scheme_catalogue",
    "level_schemes",
    "library_root",
    "list_bundled_sets",
    "load_bundled_set",
    "metric_vocabulary",
    "metrics",
    "product_catalogue",
    "product_groups",
]

M = TypeVar("M", bound=BaseModel)


@functools.cache
def library_root() -> Traversable:
    """The folder of the bundled library."""
    packaged = files("circular_ict").joinpath("criteria")
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / "criteria"  # source checkout, editable install
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("the bundled criteria library is missing from this installation of circular_ict")


def _load(item: Traversable, name: str, kind: str, cls: type[M]) -> M:
    from .validation import load_document

    model, report = load_document(item.read_bytes(), file=f"criteria/{name}", expect=kind)
    if model is None:
        raise DocumentError(Report.of([report]))
    assert isinstance(model, cls)
    return model


@functools.cache
def metric_vocabulary() -> MetricVocabulary:
    """The bundled metric vocabulary (``criteria/metrics.yaml``)."""
    return _load(library_root().joinpath("metrics.yaml"), "metrics.yaml", "metric-vocabulary", MetricVocabulary)


def metrics() -> dict[str, Metric]:
    """The bundled metrics by id."""
    return {m.id: m for m in metric_vocabulary().metrics}


@functools.cache
def product_catalogue() -> ProductCatalogue:
    """The bundled product groups (``criteria/products.yaml``)."""
    return _load(library_root().joinpath("products.yaml"), "products.yaml", "product-catalogue", ProductCatalogue)


def product_groups() -> dict[str, ProductGroup]:
    """The bundled product groups by id."""
    return {g.id: g for g in product_catalogue().product_groups}


@functools.cache
def level_scheme_catalogue() -> LevelSchemes:
    """The bundled ambition-level schemes (``criteria/levels.yaml``)."""
    return _load(library_root().joinpath("levels.yaml"), "levels.yaml", "level-schemes", LevelSchemes)


def level_schemes() -> dict[str, LevelScheme]:
    """The bundled level schemes by id."""
    return {s.id: s for s in level_scheme_catalogue().schemes}


def criteria_set_files() -> list[Traversable]:
    """The bundled criteria-set files, sorted by name."""
    folder = library_root().joinpath("sets")
    return sorted((f for f in folder.iterdir() if f.name.endswith((".yaml", ".yml"))), key=lambda f: f.name)


def list_bundled_sets() -> list[str]:
    """The ids of the bundled criteria sets (their file names without extension)."""
    return [f.name.rsplit(".", 1)[0] for f in criteria_set_files()]


@functools.cache
def load_bundled_set(set_id: str) -> CriteriaSet:
    """Load a bundled criteria set by id, e.g. ``load_bundled_set("eu-gpp-computers-2021")``."""
    for f in criteria_set_files():
        if f.name.rsplit(".", 1)[0] == set_id:
            return _load(f, f"sets/{f.name}", "criteria-set", CriteriaSet)
    import difflib

    close = difflib.get_close_matches(set_id, list_bundled_sets(), n=1)
    raise KeyError(f"no bundled criteria set {set_id!r}" + (f"; did you mean {close[0]!r}?" if close else ""))
