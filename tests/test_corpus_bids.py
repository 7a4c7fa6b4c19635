"""The bad-input corpus for bids, tenders and bid tables in tests/corpus_bids/, against its expected.yaml.

For every file: the validator reports exactly the expected diagnostics (code, line, column and, for YAML
files, path); ``circular-ict validate --format json`` exits 1 when there is an error and 0 otherwise, prints
JSON and never a traceback. Entries with ``known_bug`` hold what a careful reader would expect where the
library does not (yet) report it: they are strict xfails, so fixing the library turns them into failures
that ask for the manifest to be updated.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from circular_ict.bids import validate_bids
from circular_ict.cli import main
from circular_ict.diagnostics import CODES, Diagnostic
from circular_ict.validation import validate_file
from circular_ict.yamlio import load_yaml

CORPUS = Path(__file__).resolve().parent / "corpus_bids"


def _manifest() -> dict[str, Any]:
    doc = load_yaml(CORPUS / "expected.yaml")
    assert doc.ok, [str(d) for d in doc.diagnostics]
    assert isinstance(doc.data, dict)
    return doc.data


MANIFEST = _manifest()
FILES: dict[str, dict[str, Any]] = MANIFEST["files"]
FOLDERS: dict[str, dict[str, Any]] = MANIFEST["folders"]


def _params() -> list[Any]:
    out = []
    for name, entry in sorted(FILES.items()):
        marks = [pytest.mark.xfail(strict=True, reason=entry["known_bug"])] if "known_bug" in entry else []
        out.append(pytest.param(name, id=name, marks=marks))
    return out


def _key(item: dict[str, Any] | Diagnostic) -> tuple[str, int, int, str | None]:
    if isinstance(item, Diagnostic):
        return (item.code, item.line, item.column, item.path or None)
    return (item["code"], item["line"], item["column"], item.get("path"))


def _found(diagnostics: list[Diagnostic], severity: str) -> Counter[tuple[str, int, int, str | None]]:
    return Counter(_key(d) for d in diagnostics if d.severity.value == severity)


def _wanted(entry: dict[str, Any], key: str) -> Counter[tuple[str, int, int, str | None]]:
    return Counter(_key(i) for i in entry.get(key) or [])


def test_the_corpus_is_complete_and_large_enough() -> None:
    on_disk = {
        str(p.relative_to(CORPUS))
        for p in CORPUS.rglob("*")
        if p.is_file() and p.name != "expected.yaml" and p.parent.name not in FOLDERS
    }
    assert on_disk == set(FILES)
    assert len(FILES) >= 60
    kinds = Counter(name.split("/", 1)[0] for name in FILES)
    assert kinds["bids"] >= 20
    assert kinds["tenders"] >= 15
    assert kinds["tables"] >= 20
    codes = {i["code"] for e in FILES.values() for k in ("errors", "warnings") for i in e.get(k) or []}
    assert codes <= set(CODES), codes - set(CODES)


@pytest.mark.parametrize("name", _params())
def test_file_gives_its_expected_diagnostics(name: str) -> None:
    entry = FILES[name]
    report = validate_file(CORPUS / name)
    assert _found(report.diagnostics, "error") == _wanted(entry, "errors")
    assert _found(report.diagnostics, "warning") == _wanted(entry, "warnings")
    for d in report.diagnostics:
        assert d.message
        assert d.file == str(CORPUS / name)


@pytest.mark.parametrize("name", _params())
def test_cli_exit_code_and_json(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    entry = FILES[name]
    code = main(["validate", "--format", "json", str(CORPUS / name)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert code == (1 if entry.get("errors") else 0)
    data = json.loads(out)
    assert data["valid"] is (code == 0)
    (file,) = data["files"]
    found = Counter((d["code"], d["line"], d["column"]) for d in file["diagnostics"] if d["severity"] == "error")
    assert found == Counter(k[:3] for k in _wanted(entry, "errors").elements())


@pytest.mark.parametrize("folder", sorted(FOLDERS))
def test_folder_of_bids(folder: str) -> None:
    """Files that are valid one by one but not together (the same bid id from two suppliers)."""
    entry = FOLDERS[folder]
    for path in (CORPUS / folder).iterdir():
        assert validate_file(path).valid
    bids, report = validate_bids(CORPUS / folder)
    assert bids == []
    found = Counter((Path(d.file).name, d.code, d.line, d.column, d.path) for d in report.diagnostics)
    assert found == Counter((i["file"], i["code"], i["line"], i["column"], i["path"]) for i in entry["errors"])
