"""The bundled criteria library (the ``criteria/`` folder, shipped in the wheel).

Found through :mod:`importlib.resources` as ``circular_ict/criteria`` in an
installed package (also from a zipped wheel). In a source checkout with an
editable install, the top-level ``criteria/`` folder is used instead.

The library holds ``metrics.yaml`` (the metric vocabulary), ``products.yaml``
(product groups and CPV codes) and one criteria set per source under ``sets/``.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from .diagnostics import Report
from .errors import DocumentError
from .model import CriteriaSet, Criterion, LevelScheme, LevelSchemes, MetricVocabulary, ProductCatalogue, ProductGroup
from .model.metric import Metric

__all__ = [
    "MAIN_PRODUCT_GROUPS",
    "MISSION_THEMES",
    "bundled_criteria",
    "coverage",
    "cpv_prefix",
    "criteria_set_files",
    "find_criterion",
    "groups_for_cpv",
    "level_scheme_catalogue",
    "level_schemes",
    "library_root",
    "list_bundled_sets",
    "load_bundled_set",
    "metric_vocabulary",
    "metrics",
    "normalize_cpv",
    "product_catalogue",
    "product_groups",
    "resolve",
    "set_criteria",
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


def normalize_cpv(code: str) -> str:
    """The 8 digits of a CPV code, without its check digit: ``"30213100-6"`` -> ``"30213100"``.

    Raises :class:`ValueError` for anything that is not 8 digits optionally followed by ``-`` and one digit.
    """
    text = code.strip()
    digits, _, check = text.partition("-")
    if len(digits) != 8 or not digits.isdigit() or (check and (len(check) != 1 or not check.isdigit())):
        raise ValueError(f"{code!r} is not a CPV code (8 digits, optionally '-' and a check digit, e.g. 30213100-6)")
    return digits


def cpv_prefix(code: str) -> str:
    """The significant prefix of a CPV code: its digits with the trailing zeros stripped.

    The CPV is a hierarchy: each level adds a digit, and trailing zeros mark the unused levels, so
    ``30213000`` (personal computers) is the parent of ``30213100`` (portable computers). At least the two
    division digits are kept.
    """
    digits = normalize_cpv(code)
    stripped = digits.rstrip("0")
    return stripped if len(stripped) >= 2 else digits[:2]


def groups_for_cpv(code: str, *, broader: bool = False, routes: bool = False) -> list[ProductGroup]:
    """The product groups a tender's CPV code falls under, by the prefix rule.

    A code falls under a group when it starts with the prefix (see :func:`cpv_prefix`) of one of the group's
    codes: ``30213100-6`` (portable computers) and ``30213110`` fall under a group coded ``30213100``. The
    check digit is accepted and ignored. With ``broader=True``, a code more general than a group's code also
    matches (``30200000`` "computer equipment" then returns every computer group), for screening a tender
    whose CPV code is generic. Procurement routes (``route: true``, e.g. refurbished devices) are left out
    unless ``routes=True``: they cut across products rather than being one.

    Examples:
        >>> [g.id for g in groups_for_cpv("30213100-6")]
        ['notebooks']
    """
    digits = normalize_cpv(code)
    prefix = cpv_prefix(code)
    found: list[ProductGroup] = []
    for group in product_catalogue().product_groups:
        if group.route and not routes:
            continue
        for group_code in group.cpv:
            group_prefix = cpv_prefix(group_code)
            if digits.startswith(group_prefix) or (broader and group_prefix.startswith(prefix)):
                found.append(group)
                break
    return found


def criteria_set_files() -> list[Traversable]:
    """The bundled criteria-set files, sorted by name."""
    folder = library_root().joinpath("sets")
    return sorted((f for f in folder.iterdir() if f.name.endswith((".yaml", ".yml"))), key=lambda f: f.name)


_LOADING: set[str] = set()


def set_criteria(set_id: str) -> list[Criterion]:
    """The criteria of one bundled set, its references resolved (levels and parameters applied)."""
    return list(resolve(load_bundled_set(set_id)).criteria)


def bundled_criteria() -> list[tuple[str, Criterion]]:
    """Every criterion the bundled library defines, with the id of the set that defines it.

    Criteria that a set uses by reference are not repeated: each appears once, under its own set.
    """
    return [
        (set_id, crit)
        for set_id in list_bundled_sets()
        if set_id not in _LOADING  # a set being loaded cannot be referenced while it is checked
        for crit in load_bundled_set(set_id).criteria
    ]


MAIN_PRODUCT_GROUPS = ("notebooks", "desktops", "monitors", "tablets", "smartphones", "servers")
MISSION_THEMES = ("reuse", "climate", "lifespan", "take_back")


def coverage(
    groups: Sequence[str] = MAIN_PRODUCT_GROUPS, themes: Sequence[str] = MISSION_THEMES
) -> dict[tuple[str, str, str], list[str]]:
    """Which bundled criteria cover each (product group, theme, ambition level) cell.

    Counts the criteria the sets define and the criteria sets use by reference at another level (with
    the parameter values sourced for that level). Cells are keyed ``(group, theme, level)``; values are
    criterion ids (a referenced criterion appears as ``set-id:criterion-id``).
    """
    from .model.criterion import AMBITION_LEVELS

    cells: dict[tuple[str, str, str], list[str]] = {
        (g, t, lv): [] for g in groups for t in themes for lv in AMBITION_LEVELS
    }
    entries: list[tuple[str, Criterion]] = list(bundled_criteria())
    for set_id in list_bundled_sets():
        cset = load_bundled_set(set_id)
        moved = {r.ref for r in cset.references if r.ambition is not None}
        if moved:  # a reference at the criterion's own level adds nothing the library does not count already
            entries += [(f"{set_id}:{c.id}", c) for c in resolve(cset).criteria if c.id in moved]
    for label, crit in entries:
        for g in crit.product_groups:
            for t in crit.themes:
                key = (g, t, crit.ambition)
                if key in cells:
                    cells[key].append(crit.id if ":" not in label else label)
    return cells


def resolve(cset: CriteriaSet) -> CriteriaSet:
    """The set with its references to the bundled library replaced by the criteria they name."""
    from .select import resolve_references

    lookup = {crit.id: crit for _set_id, crit in bundled_criteria()}
    return resolve_references(cset, lookup)


def find_criterion(criterion_id: str) -> tuple[str, Criterion]:
    """A bundled criterion by id (ids are unique across the library), with its set id."""
    for set_id, crit in bundled_criteria():
        if crit.id == criterion_id:
            return set_id, crit
    import difflib

    close = difflib.get_close_matches(criterion_id, [c.id for _s, c in bundled_criteria()], n=1)
    raise KeyError(f"no bundled criterion {criterion_id!r}" + (f"; did you mean {close[0]!r}?" if close else ""))


def list_bundled_sets() -> list[str]:
    """The ids of the bundled criteria sets (their file names without extension)."""
    return [f.name.rsplit(".", 1)[0] for f in criteria_set_files()]


@functools.cache
def load_bundled_set(set_id: str) -> CriteriaSet:
    """Load a bundled criteria set by id, e.g. ``load_bundled_set("eu-gpp-computers-2021")``."""
    for f in criteria_set_files():
        if f.name.rsplit(".", 1)[0] == set_id:
            _LOADING.add(set_id)
            try:
                return _load(f, f"sets/{f.name}", "criteria-set", CriteriaSet)
            finally:
                _LOADING.discard(set_id)
    import difflib

    close = difflib.get_close_matches(set_id, list_bundled_sets(), n=1)
    raise KeyError(f"no bundled criteria set {set_id!r}" + (f"; did you mean {close[0]!r}?" if close else ""))
