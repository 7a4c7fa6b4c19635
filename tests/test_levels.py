"""The level mapping: criteria/levels.yaml and docs/levels.md agree."""

from __future__ import annotations

import re
from pathlib import Path

from circular_ict import catalogue
from circular_ict.model.criterion import AMBITION_LEVELS

DOC = Path(__file__).resolve().parent.parent / "docs" / "levels.md"


def _doc_rows() -> set[tuple[str, str, str]]:
    rows = set()
    for line in DOC.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\| `([\w-]+)`[^|]*\| ([^|]+?) \| (\w+) \|$", line)
        if m:
            rows.add((m.group(1), m.group(2), m.group(3)))
    return rows


def test_doc_table_matches_levels_yaml() -> None:
    data = {(s.id, lv.label, lv.ambition) for s in catalogue.level_schemes().values() for lv in s.levels}
    assert _doc_rows() == data


def test_schemes_are_ordered_from_least_to_most_demanding() -> None:
    for scheme in catalogue.level_schemes().values():
        ranks = [AMBITION_LEVELS.index(lv.ambition) for lv in scheme.levels]
        assert ranks == sorted(ranks), scheme.id


def test_every_bundled_set_with_a_scheme_is_consistent() -> None:
    # the validator enforces it; this guards against a scheme that no set uses being wrong silently
    used = {catalogue.load_bundled_set(s).level_scheme for s in catalogue.list_bundled_sets()}
    assert used - {None} <= set(catalogue.level_schemes())
