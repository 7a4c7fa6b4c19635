"""circular_ict.schema: the committed JSON Schemas match the models and the loader."""

from __future__ import annotations

from pathlib import Path

import pytest
from jsonschema import Draft7Validator, Draft202012Validator

from circular_ict.schema import SCHEMA_IDS, generate_schema, json_schema, validator
from circular_ict.yamlio import load_yaml


@pytest.mark.parametrize("kind", sorted(SCHEMA_IDS))
def test_committed_schema_matches_the_models(kind: str) -> None:
    assert json_schema(kind) == generate_schema(kind), "run: python -m circular_ict.schema"


@pytest.mark.parametrize("kind", sorted(SCHEMA_IDS))
def test_schema_is_valid_2020_12_and_draft_07(kind: str) -> None:
    schema = json_schema(kind)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == SCHEMA_IDS[kind]
    Draft202012Validator.check_schema(schema)
    Draft7Validator.check_schema(schema)  # editors (yaml-language-server) speak draft-07 best


def test_no_opaque_oneof_for_kinds() -> None:
    text = str(json_schema("criteria-set"))
    assert "discriminator" not in text
    assert "'if'" in text


def test_bundled_files_pass_the_schema(root: Path) -> None:
    for path, kind in [
        (root / "criteria" / "metrics.yaml", "metric-vocabulary"),
        (root / "criteria" / "products.yaml", "product-catalogue"),
        *[(p, "criteria-set") for p in sorted((root / "criteria" / "sets").glob("*.yaml"))],
        *[(p, "criteria-set") for p in sorted((root / "examples").glob("*.yaml"))],
    ]:
        errors = list(validator(kind).iter_errors(load_yaml(path).data))
        assert errors == [], (path, [e.message for e in errors])


def test_precise_error_per_kind() -> None:
    from jsonschema.exceptions import best_match

    data = load_yaml(Path(__file__).parent.parent / "examples" / "notebooks-tender-criteria.yaml").data
    data["criteria"][1]["scoring"]["points"] = 3  # not allowed on a steps rule
    err = best_match(validator("criteria-set").iter_errors(data))
    assert err is not None
    assert list(err.absolute_path) == ["criteria", 1, "scoring"]
    assert err.message == "Additional properties are not allowed ('points' was unexpected)"


def test_all_refs_are_local() -> None:
    refs = list(_walk(json_schema("criteria-set")))
    assert refs
    assert all(ref.startswith("#/$defs/") for ref in refs)


def _walk(node):  # type: ignore[no-untyped-def]
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref":
                yield v
            yield from _walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v)
