"""The corpus of broken (and a few valid) files in tests/corpus/, against tests/corpus/expected.yaml.

For every file: the loader reports exactly the expected diagnostics at the expected lines and
columns; ``circular-ict validate`` exits 1 (or 0 for a valid file) without a traceback; and the
committed JSON Schema's verdict on the parsed data is the one the manifest gives, so that the
schema and the loader agree on every file of the corpus.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from circular_ict.cli import main
from circular_ict.diagnostics import CODES, Diagnostic
from circular_ict.schema import SCHEMA_IDS, validator
from circular_ict.validation import load_document
from circular_ict.yamlio import load_yaml

CORPUS = Path(__file__).resolve().parent / "corpus"
MANIFEST_FILE = CORPUS / "expected.yaml"


def _manifest() -> dict[str, dict[str, Any]]:
    doc = load_yaml(MANIFEST_FILE)
    assert doc.ok, [str(d) for d in doc.diagnostics]
    files = doc.data["files"]
    assert isinstance(files, dict)
    return files


MANIFEST = _manifest()
FILES = sorted(MANIFEST)

#: Codes of the models' structural checks: a file with one of these must fail the JSON Schema too.
STRUCTURAL = {
    "unknown-key",
    "missing-key",
    "wrong-type",
    "invalid-value",
    "invalid-kind",
    "invalid-format",
    "out-of-range",
    "not-finite",
    "decimal-comma",
    "malformed-quantity",
    "unknown-unit",
    "invalid-value-combination",
    "invalid-cpv",
}

#: Structural findings that JSON Schema cannot express, each with the reason. Keep this short.
SCHEMA_BLIND = {
    # Comparing two values of one object (after converting '3 year' and '36 month') is beyond
    # JSON Schema, which has no keyword that relates one property's value to another's.
    ("scoring/linear-same-worst-and-best.yaml", "invalid-value-combination"),
}

#: Files that are not YAML data at all (syntax, encoding, limits): there is no data for a schema.
NOT_DATA = "none"


def _expected(entry: dict[str, Any], key: str) -> list[dict[str, Any]]:
    items = entry.get(key) or []
    assert isinstance(items, list)
    return items


def _found(diagnostics: list[Diagnostic]) -> Counter[tuple[str, int, int]]:
    return Counter((d.code, d.line, d.column) for d in diagnostics)


def _wanted(items: list[dict[str, Any]]) -> Counter[tuple[str, int, int]]:
    return Counter((i["code"], i["line"], i["column"]) for i in items)


# --------------------------------------------------------------------------- the manifest itself


def test_every_corpus_file_is_in_the_manifest_and_back() -> None:
    on_disk = {p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*") if p.is_file() and p != MANIFEST_FILE}
    assert sorted(on_disk - set(MANIFEST)) == [], "corpus files missing from expected.yaml"
    assert sorted(set(MANIFEST) - on_disk) == [], "expected.yaml lists files that do not exist"


def test_the_corpus_is_mostly_broken_files() -> None:
    invalid = [f for f in FILES if _expected(MANIFEST[f], "errors")]
    valid = [f for f in FILES if not _expected(MANIFEST[f], "errors")]
    assert len(invalid) >= 40
    assert len(valid) >= 5


@pytest.mark.parametrize("name", FILES)
def test_manifest_entry_is_complete(name: str) -> None:
    entry = MANIFEST[name]
    assert entry["type"] in SCHEMA_IDS
    assert entry.get("note"), "say what the file tests"
    assert entry["schema"] in ("reject", "accept", NOT_DATA)
    for item in [*_expected(entry, "errors"), *_expected(entry, "warnings")]:
        assert set(item) <= {"code", "line", "column", "path", "message", "hint"}, item
        assert item["code"] in CODES
        assert isinstance(item["line"], int)
        assert isinstance(item["column"], int)
        assert item["line"] >= 1
        assert item["column"] >= 1
    for item in _expected(entry, "errors"):
        assert CODES[item["code"]].severity.value == "error", item
    for item in _expected(entry, "warnings"):
        assert CODES[item["code"]].severity.value == "warning", item
    if _expected(entry, "errors") and entry["schema"] != "reject":
        assert entry.get("reason"), "say why the schema cannot see the problem"
    if not _expected(entry, "errors"):
        assert entry["schema"] == "accept", "a valid file must pass the schema"


# --------------------------------------------------------------------------- the loader


@pytest.mark.parametrize("name", FILES)
def test_loader_reports_exactly_the_expected_diagnostics(name: str) -> None:
    entry = MANIFEST[name]
    model, report = load_document(CORPUS / name)
    assert _found(report.errors) == _wanted(_expected(entry, "errors")), [str(d) for d in report.diagnostics]
    assert _found(report.warnings) == _wanted(_expected(entry, "warnings")), [str(d) for d in report.diagnostics]
    for item in [*_expected(entry, "errors"), *_expected(entry, "warnings")]:
        here = [d for d in report.diagnostics if (d.code, d.line, d.column) == _key(item)]
        assert any(_fits(d, item) for d in here), (item, [(d.path, d.message, d.hint) for d in here])
    if entry.get("errors"):
        assert model is None
    else:
        assert model is not None
        assert report.document_type == entry["type"]


def _key(item: dict[str, Any]) -> tuple[str, int, int]:
    return item["code"], item["line"], item["column"]


def _fits(d: Diagnostic, item: dict[str, Any]) -> bool:
    """The path is the expected one, and the message and hint contain the expected texts."""
    return (
        item.get("path", d.path) == d.path and item.get("message", "") in d.message and item.get("hint", "") in d.hint
    )


@pytest.mark.parametrize("name", FILES)
def test_every_diagnostic_explains_itself(name: str) -> None:
    _model, report = load_document(CORPUS / name)
    for d in report.diagnostics:
        assert d.message, d
        assert "Traceback" not in d.message, d
        assert d.file == str(CORPUS / name)
        assert "Assertion" not in d.message, d  # a library's internal check leaking out


@pytest.mark.parametrize("name", FILES)
def test_cli_exit_code_and_no_traceback(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    entry = MANIFEST[name]
    path = CORPUS / name
    code = main(["validate", "--format", "json", str(path)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert code == (1 if _expected(entry, "errors") else 0), out + err
    data = json.loads(out)
    (file_report,) = data["files"]
    shown = Counter((d["code"], d["line"], d["column"]) for d in file_report["diagnostics"])
    _model, report = load_document(path)
    assert shown == _found(report.diagnostics)


# --------------------------------------------------------------------------- the JSON Schema


@pytest.mark.parametrize("name", FILES)
def test_schema_verdict_is_the_expected_one(name: str) -> None:
    entry = MANIFEST[name]
    doc = load_yaml(CORPUS / name)
    if entry["schema"] == NOT_DATA:
        assert doc.data is None, "the file parses: give the schema's verdict"
        return
    assert doc.data is not None
    errors = [e.message for e in validator(entry["type"]).iter_errors(doc.data)]
    verdict = "reject" if errors else "accept"
    assert verdict == entry["schema"], errors


@pytest.mark.parametrize("name", FILES)
def test_schema_rejects_whatever_the_models_reject(name: str) -> None:
    """A structural error found by the loader is an error in an editor using the schema too."""
    entry = MANIFEST[name]
    _model, report = load_document(CORPUS / name)
    structural = {d.code for d in report.errors if d.code in STRUCTURAL} - {
        code for file, code in SCHEMA_BLIND if file == name
    }
    doc = load_yaml(CORPUS / name)
    if not structural or doc.data is None:
        return
    assert entry["schema"] == "reject", structural
    assert list(validator(entry["type"]).iter_errors(doc.data)), structural


def test_schema_blind_spots_are_in_the_corpus() -> None:
    for name, code in SCHEMA_BLIND:
        assert code in {i["code"] for i in _expected(MANIFEST[name], "errors")}
        assert MANIFEST[name]["schema"] == "accept"


# --------------------------------------------------------------------------- found with the corpus

SET = (CORPUS / "valid" / "notebooks-tender.yaml").read_text(encoding="utf-8")


def _diagnostics(text: str) -> list[tuple[str, int, int, str]]:
    _model, report = load_document(text, file="t.yaml")
    return [(d.code, d.line, d.column, d.path) for d in report.diagnostics]


def _line_col(text: str, needle: str) -> tuple[int, int]:
    before = text[: text.index(needle)]
    return before.count("\n") + 1, len(before) - before.rfind("\n")


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ("min: 36 month", "min: " + "9" * 400, "criteria[0].requirement.min"),  # used to raise OverflowError
        ("points: 10", "points: " + "9" * 400, "criteria[1].scoring.points"),  # used to say 'expected a number'
    ],
)
def test_integers_beyond_the_float_range_are_not_finite(old: str, new: str, path: str) -> None:
    text = SET.replace(old, new)
    assert _diagnostics(text) == [("not-finite", *_line_col(text, "9" * 400), path)]


def test_unknown_key_in_a_parameter_reference_is_placed_at_the_key() -> None:
    text = SET.replace("min: 36 month", "min: {parameter: warranty_min, default: 36 month}")
    line, column = _line_col(text, "default")
    assert _diagnostics(text) == [("unknown-key", line, column, "criteria[0].requirement.min.default")]


def test_a_list_as_kind_is_a_wrong_type_not_a_text() -> None:
    text = SET.replace("kind: award_criterion", "kind: [award_criterion]")
    _model, report = load_document(text)
    (d,) = report.errors
    assert (d.code, d.path) == ("wrong-type", "criteria[1].kind")
    assert "got a list" in d.message


@pytest.mark.parametrize(
    ("unit", "message"),
    [
        ("₂", "unknown unit '₂'"),  # pint's tokenizer used to fail an assertion ('Assertion failed')
        ("kwh / kwh", "unknown unit 'kwh'"),  # unknown names that cancel out used to pass
        ("m ** 0", "a power must be a whole number other than 0"),  # pint used to raise KeyError
        ("   ", "the unit is blank"),  # used to pass as dimensionless
    ],
)
def test_metric_units_that_used_to_slip_through(unit: str, message: str) -> None:
    text = (
        (CORPUS / "valid" / "metric-vocabulary.yaml").read_text(encoding="utf-8").replace("unit: W", f"unit: '{unit}'")
    )
    _model, report = load_document(text)
    (d,) = report.errors
    assert d.path == "metrics[1].unit"
    assert message in d.message


def test_utf16_big_endian_without_bom_and_nul_bytes() -> None:
    (d,) = load_document("title: x\n".encode("utf-16-be"))[1].errors
    assert (d.code, d.line, d.column) == ("not-utf8", 1, 1)
    assert "big-endian" in d.message
    (d,) = load_document(b"title: x\nversion: '1'\x00\n")[1].errors
    assert (d.code, d.line, d.column) == ("not-utf8", 2, 13)
    assert "NUL" in d.message
