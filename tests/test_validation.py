"""circular_ict.validation and circular_ict.checks: models, error mapping, cross-references."""

from __future__ import annotations

from pathlib import Path

import pytest

import circular_ict as ci
from circular_ict.errors import DocumentError
from circular_ict.serialize import dumps, to_data
from circular_ict.validation import load_document

VALID = """\
id: test-set
title: {en: Test set, nl: Testset}
version: "1.0"
languages: [en, nl]
source: {publisher: P, document: D, url: https://example.org/d, status: verified}
gpp_origin: eu
criteria:
  - id: T.1
    kind: technical_specification
    title: {en: Warranty, nl: Garantie}
    text: {en: At least three years., nl: Ten minste drie jaar.}
    ambition: basic
    themes: [lifespan]
    product_groups: [notebooks]
    requirement: {metric: warranty_period, min: 36 month}
    verification: {evidence: [declaration]}
    source: {publisher: P, document: D, code: TS1, url: https://example.org/d, status: verified}
"""


def diag(text: str) -> list[tuple[str, int, int, str]]:
    _model, report = load_document(text, file="t.yaml")
    return [(d.code, d.line, d.column, d.path) for d in report.diagnostics]


def replace(old: str, new: str) -> str:
    assert old in VALID
    return VALID.replace(old, new)


def test_valid_set_loads() -> None:
    cset = ci.loads_criteria_set(VALID)
    (crit,) = cset.criteria
    assert crit.kind == "technical_specification"
    assert crit.requirement is not None
    assert crit.requirement.min.to("year") == pytest.approx(3.0)  # type: ignore[union-attr]
    assert diag(VALID) == []


def test_load_dump_load_is_lossless() -> None:
    cset = ci.loads_criteria_set(VALID)
    text = dumps(cset)
    again = ci.loads_criteria_set(text)
    assert again == cset
    assert to_data(again) == to_data(cset)
    assert "36 month" in text  # written as the author wrote it


def test_bundled_and_example_files_round_trip(root: Path) -> None:
    for path in [*sorted((root / "criteria" / "sets").glob("*.yaml")), *sorted((root / "examples").glob("*.yaml"))]:
        cset = ci.load_criteria_set(path)
        assert ci.loads_criteria_set(dumps(cset)) == cset, path


def test_models_are_immutable() -> None:
    cset = ci.loads_criteria_set(VALID)
    with pytest.raises(Exception, match="frozen"):
        cset.version = "2"  # type: ignore[misc]


def test_unknown_key_with_suggestion() -> None:
    _m, report = load_document(replace("min: 36 month}", "min: 36 month, mni: 3}"), file="t.yaml")
    (d,) = report.errors
    assert (d.code, d.line, d.path) == ("unknown-key", 15, "criteria[0].requirement.mni")
    assert d.hint == "did you mean 'min'?"


def test_unknown_top_level_key() -> None:
    _m, report = load_document(VALID + "reviw_date: 2026-01-01\n", file="t.yaml")
    (d,) = report.errors
    assert (d.code, d.line, d.column) == ("unknown-key", 18, 1)
    assert d.hint == "did you mean 'review_date'?"


def test_missing_key_is_placed_at_the_mapping() -> None:
    assert diag(replace("    ambition: basic\n", "")) == [("missing-key", 8, 5, "criteria[0]")]


def test_wrong_kind_tag() -> None:
    (d,) = load_document(replace("kind: technical_specification", "kind: technical_spec"))[1].errors
    assert (d.code, d.line, d.column, d.path) == ("invalid-kind", 9, 11, "criteria[0].kind")
    assert d.hint == "did you mean 'technical_specification'?"


def test_missing_kind_tag() -> None:
    (d,) = load_document(replace("    kind: technical_specification\n", ""))[1].errors
    assert (d.code, d.path) == ("missing-key", "criteria[0]")
    assert "'kind'" in d.message


def test_field_of_another_kind_is_unknown() -> None:
    text = replace("    verification:", "    scoring: {type: yes_no, points: 3}\n    verification:")
    (d,) = load_document(text)[1].errors
    assert (d.code, d.path) == ("unknown-key", "criteria[0].scoring")


def test_unquoted_version_number() -> None:
    (d,) = load_document(replace('version: "1.0"', "version: 1.10"))[1].errors
    assert (d.code, d.line, d.column) == ("wrong-type", 3, 10)
    assert "'1.10'" in d.hint


def test_yaml11_boolean_where_a_boolean_is_expected() -> None:
    text = replace("{metric: warranty_period, min: 36 month}", "{metric: certified_data_erasure, equals: no}")
    _m, report = load_document(text)
    assert [(d.code, d.line, d.column) for d in report.diagnostics] == [
        ("yaml11-boolean", 15, 59),  # found by the YAML reader, before validation
        ("wrong-type", 15, 59),
    ]
    wrong = report.errors[0]
    assert wrong.path == "criteria[0].requirement.equals"
    assert "true or false" in wrong.hint


def test_wrong_dimension_and_unknown_references_are_all_reported() -> None:
    text = replace("min: 36 month", "min: 36 kg").replace("product_groups: [notebooks]", "product_groups: [notebok]")
    assert diag(text) == [
        ("unknown-product-group", 14, 22, "criteria[0].product_groups[0]"),
        ("wrong-dimension", 15, 49, "criteria[0].requirement.min"),
    ]
    (d,) = [d for d in load_document(text)[1].errors if d.code == "unknown-product-group"]
    assert d.hint == "did you mean 'notebooks'?"


def test_reference_errors_reported_with_structural_errors() -> None:
    text = replace('version: "1.0"', "version: 1.10").replace("min: 36 month", "min: 36 kg")
    assert [c[0] for c in diag(text)] == ["wrong-type", "wrong-dimension"]


def test_missing_unit() -> None:
    (d,) = load_document(replace("min: 36 month", "min: 36"))[1].errors
    assert d.code == "missing-unit"
    assert d.hint == "write the unit, e.g. '36 month'"


def test_missing_language() -> None:
    (d,) = load_document(replace("title: {en: Warranty, nl: Garantie}", "title: {en: Warranty}"))[1].errors
    assert (d.code, d.path) == ("missing-language", "criteria[0].title")


def test_duplicate_criterion_ids() -> None:
    second = VALID[VALID.index("  - id: T.1") :]
    codes = diag(VALID + second)
    assert [c[0] for c in codes] == ["duplicate-id"]
    assert codes[0][1] == 18


def test_parameter_reference_and_unused_parameter() -> None:
    text = replace(
        "requirement: {metric: warranty_period, min: 36 month}",
        "parameters:\n      w: {description: {en: W, nl: W}}\n      v: {description: {en: V, nl: V}}\n"
        "    requirement: {metric: warranty_period, min: {parameter: w}, max: {parameter: z}}",
    )
    found = {(c[0], c[3]) for c in diag(text)}
    assert found == {
        ("unused-parameter", "criteria[0].parameters.v"),
        ("unknown-parameter", "criteria[0].requirement.max.parameter"),
    }


def test_requirement_forms() -> None:
    both = replace("min: 36 month}", "min: 36 month, equals: 3 year}")
    assert [c[0] for c in diag(both)] == ["invalid-value-combination"]
    none = replace("requirement: {metric: warranty_period, min: 36 month}", "requirement: {metric: warranty_period}")
    assert [c[0] for c in diag(none)] == ["missing-key"]
    boolean = replace("metric: warranty_period, min: 36 month", "metric: certified_data_erasure, min: 3 year")
    assert [c[0] for c in diag(boolean)] == ["requirement-mismatch"]


def test_min_above_max_across_units() -> None:
    text = replace("min: 36 month}", "min: 4 year, max: 36 month}")
    assert [c[0] for c in diag(text)] == ["min-above-max"]
    ok = replace("min: 36 month}", "min: 3 year, max: 36 month}")
    assert diag(ok) == []


def test_nan_and_comma_in_quantities() -> None:
    assert [c[0] for c in diag(replace("min: 36 month", "min: .nan"))] == ["not-finite"]
    assert [c[0] for c in diag(replace("min: 36 month", "min: '1,5 year'"))] == ["decimal-comma"]


def test_warnings_for_missing_url_and_verification() -> None:
    text = replace("code: TS1, url: https://example.org/d, ", "code: TS1, ").replace(
        "    verification: {evidence: [declaration]}\n", ""
    )
    _m, report = load_document(text)
    assert report.valid
    assert sorted(d.code for d in report.warnings) == ["missing-source-url", "missing-verification"]


def test_dates_must_be_iso() -> None:
    assert [c[0] for c in diag(VALID + "review_date: 2026-13-01\n")] == ["invalid-format"]
    assert [c[0] for c in diag(VALID + "review_date: 20260101\n")] == ["invalid-format"]
    assert diag(VALID + "review_date: 2026-12-01\n") == []


def test_unknown_document() -> None:
    (d,) = load_document("foo: 1\n")[1].errors
    assert d.code == "unknown-document"
    (d,) = load_document("- a\n- b\n")[1].errors
    assert d.code == "unknown-document"


def test_load_criteria_set_raises_with_report(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(replace("kind: technical_specification", "kind: x"), encoding="utf-8")
    with pytest.raises(DocumentError) as info:
        ci.load_criteria_set(path)
    assert [d.code for d in info.value.diagnostics] == ["invalid-kind"]
    assert str(path) in str(info.value)


def test_validate_folder(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.yml").write_text("a: [\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("ignored", encoding="utf-8")
    report = ci.validate(tmp_path)
    assert [Path(f.file).name for f in report.files] == ["a.yaml", "b.yml"]
    assert not report.valid
    assert report.summary() == "invalid: 2 files checked, 1 invalid, 1 error, 0 warnings"


def test_level_scheme_maps_source_levels() -> None:
    with_scheme = replace("gpp_origin: eu\n", "gpp_origin: eu\nlevel_scheme: eu-gpp\n")
    assert [c[0] for c in diag(with_scheme)] == ["missing-key"]  # source_level required under a scheme
    ok = with_scheme.replace("ambition: basic\n", "ambition: basic\n    source_level: core\n")
    assert diag(ok) == []
    mismatch = with_scheme.replace("ambition: basic\n", "ambition: significant\n    source_level: core\n")
    (d,) = load_document(mismatch)[1].errors
    assert (d.code, d.path) == ("ambition-mismatch", "criteria[0].ambition")
    assert d.hint == "write ambition: basic"
    unknown = with_scheme.replace("ambition: basic\n", "ambition: basic\n    source_level: kern\n")
    assert [(c[0], c[3]) for c in diag(unknown)] == [("invalid-value", "criteria[0].source_level")]
    bad_scheme = replace("gpp_origin: eu\n", "gpp_origin: eu\nlevel_scheme: eu-gp\n")
    (d,) = load_document(bad_scheme)[1].errors
    assert (d.code, d.hint) == ("unknown-level-scheme", "did you mean 'eu-gpp'?")


def test_model_level_error_with_empty_location_is_placed_at_the_root() -> None:
    text = VALID[: VALID.index("criteria:")] + "criteria: []\n"
    (d,) = load_document(text, file="t.yaml")[1].errors
    assert (d.code, d.line, d.column, d.path) == ("missing-key", 1, 1, "")
    assert "'criteria:' or 'references:'" in d.message


def test_comma_inside_a_flow_mapping_is_explained() -> None:
    (d,) = load_document(replace("min: 36 month}", "min: 2,5 year}"))[1].errors
    assert (d.code, d.path) == ("unknown-key", "criteria[0].requirement.5 year")
    assert "decimal comma" in d.hint


def test_comma_in_a_text_of_a_flow_mapping_gives_one_clear_error() -> None:
    (d,) = load_document(replace("title: {en: Warranty, nl: Garantie}", "title: {en: Warranty, nl: Garantie, extra}"))[
        1
    ].errors
    assert (d.code, d.path) == ("invalid-format", "criteria[0].title.extra")
    assert d.message == "'extra' is not a language code"
    assert "quote it" in d.hint


def test_bare_number_for_a_percentage_needs_a_unit() -> None:
    text = replace("metric: warranty_period, min: 36 month", "metric: take_back_rate, min: 25")
    (d,) = load_document(text)[1].errors
    assert d.code == "missing-unit"
    assert d.hint == "write the unit, e.g. '25 %'"


def test_scoring_rule_must_fit_the_metric_type() -> None:
    text = (
        replace(
            "    requirement: {metric: warranty_period, min: 36 month}\n",
            "",
        )
        .replace("kind: technical_specification", "kind: award_criterion")
        .replace(
            "    verification:", "    scoring: {type: yes_no, metric: warranty_period, points: 3}\n    verification:"
        )
    )
    (d,) = load_document(text)[1].errors
    assert (d.code, d.path) == ("requirement-mismatch", "criteria[0].scoring.type")
