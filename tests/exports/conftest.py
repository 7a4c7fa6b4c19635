"""Fixtures for the export tests: the OCDS 1.1 release schema patched with the extensions (test data)."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

OCDS = Path(__file__).resolve().parent / "ocds"
#: Applied in this order: lots defines ``Lot``, which the other two extend.
PATCHES = (
    "lots-release-schema.json",
    "awardCriteriaBreakdown-release-schema.json",
    "sustainability-release-schema.json",
)


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7386 JSON merge patch, as OCDS applies extensions to the release schema."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = copy.deepcopy(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def patched_release_schema() -> dict[str, Any]:
    schema = json.loads((OCDS / "release-schema.json").read_text(encoding="utf-8"))
    for name in PATCHES:
        schema = merge_patch(schema, json.loads((OCDS / name).read_text(encoding="utf-8")))
    assert isinstance(schema, dict)
    return schema


def minimal_release(fragment: dict[str, Any]) -> dict[str, Any]:
    """A fragment wrapped in the fields every OCDS release needs."""
    return {
        "ocid": "ocds-213czf-000-00001",
        "id": "00001-tender",
        "date": "2027-03-01T00:00:00Z",
        "tag": ["tender"],
        "initiationType": "tender",
        **fragment,
    }


@pytest.fixture(scope="session")
def ocds_schema() -> dict[str, Any]:
    return patched_release_schema()


@pytest.fixture(scope="session")
def ocds_errors(ocds_schema: dict[str, Any]) -> Callable[[dict[str, Any]], list[str]]:
    """Validate a release fragment (wrapped in a minimal release); return the error messages, with their paths."""
    validator = jsonschema.Draft4Validator(ocds_schema)

    def errors(fragment: dict[str, Any]) -> list[str]:
        found = validator.iter_errors(minimal_release(fragment))
        return sorted(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in found)

    return errors
