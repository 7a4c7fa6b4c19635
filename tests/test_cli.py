"""circular_ict.cli: output formats, exit codes, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from circular_ict import __version__
from circular_ict.cli import main

BAD = "id: x\ntitle: {en: X}\nversion: 1.10\n"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_bundled_library(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", "--bundled")
    assert code == 0, out
    assert out.startswith("valid:")


def test_validate_checkout_folders(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    code, out, _ = run(capsys, "validate", str(root / "criteria"), str(root / "examples"))
    assert code == 0, out


def test_invalid_file_text_output(capsys: pytest.CaptureFixture[str], write) -> None:  # type: ignore[no-untyped-def]
    path = write(BAD)
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == f"{path}:1:1: error[missing-key] missing required key 'languages'"
    assert f"{path}:3:10: error[wrong-type] expected text, got the number 1.1 (at version)" in lines
    assert "    hint: quote it" in out
    assert out.rstrip().splitlines()[-1].startswith("invalid: 1 file checked, 1 invalid")


def test_json_output(capsys: pytest.CaptureFixture[str], write) -> None:  # type: ignore[no-untyped-def]
    path = write(BAD)
    code, out, _ = run(capsys, "validate", "--format", "json", str(path))
    assert code == 1
    data = json.loads(out)
    assert data["valid"] is False
    assert data["summary"]["errors"] == len(data["files"][0]["diagnostics"])
    first = data["files"][0]["diagnostics"][0]
    assert set(first) == {"file", "line", "column", "path", "code", "severity", "message", "hint"}


def test_github_output(capsys: pytest.CaptureFixture[str], write) -> None:  # type: ignore[no-untyped-def]
    path = write(BAD)
    code, out, _ = run(capsys, "validate", "--format", "github", str(path))
    assert code == 1
    assert any(line.startswith(f"::error file={path},line=3,col=10,title=wrong-type::") for line in out.splitlines())


def test_quiet_and_strict(capsys: pytest.CaptureFixture[str], write) -> None:  # type: ignore[no-untyped-def]
    path = write("a: [1, 2]\n")  # unknown document: an error
    code, out, _ = run(capsys, "validate", "-q", str(path))
    assert code == 1
    warn = write(
        "title: {en: M, nl: M}\nversion: '1'\nmetrics:\n"
        "  - {id: m, type: boolean, name: {en: M, nl: M}, description: {en: M, nl: M}, references: [NO]}\n",
        "warn.yaml",
    )
    assert run(capsys, "validate", str(warn))[0] == 0
    assert run(capsys, "validate", "--strict", str(warn))[0] == 1
    code, out, _ = run(capsys, "validate", "-q", str(warn))
    assert "yaml11-boolean" not in out


def test_usage_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(capsys, "validate")[0] == 2
    assert run(capsys, "validate", str(tmp_path))[0] == 2  # no YAML files
    with pytest.raises(SystemExit) as info:
        main(["validate", "--format", "xml", "x"])
    assert info.value.code == 2
    assert run(capsys)[0] == 2


def test_missing_file_is_reported_not_raised(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "validate", str(tmp_path / "nope.yaml"))
    assert code == 1
    assert "file-unreadable" in out
    assert "Traceback" not in out + err


def test_schema_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    assert json.loads(out)["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    code, out, _ = run(capsys, "schema", "--type", "metric-vocabulary")
    assert "metrics" in json.loads(out)["properties"]


def test_version_in_a_subprocess() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "circular_ict", "--version"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"circular-ict {__version__}"


def test_version_does_not_import_heavy_modules() -> None:
    heavy = ("pint", "pydantic", "yaml", "pandas", "matplotlib", "jsonschema")
    code = f"import sys; import circular_ict.cli; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"


def test_list_table_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "--product-group", "smartphones", "--theme", "lifespan")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["id", "kind", "level"]
    assert lines[-1].endswith("criteria")
    n = int(lines[-1].split()[0])
    assert n == len(lines) - 3
    code, out, _ = run(capsys, "list", "-p", "smartphones", "-t", "lifespan", "--format", "json")
    data = json.loads(out)
    assert len(data) == n
    assert all("smartphones" in c["product_groups"] and "lifespan" in c["themes"] for c in data)
    assert {"set", "id", "kind", "title", "source"} <= set(data[0])


def test_list_by_cpv_and_bad_cpv(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "--cpv", "32250000-0", "--format", "json")
    assert code == 0
    assert all("smartphones" in c["product_groups"] for c in json.loads(out))
    code, _out, err = run(capsys, "list", "--cpv", "3225")
    assert code == 2
    assert "not a CPV code" in err


def test_show(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "ED-2023-1670.battery-endurance")
    assert code == 0
    assert out.startswith("ED-2023-1670.battery-endurance  (technical_specification, basic")
    assert "[en] " in out
    assert "[nl] " in out
    assert "status: " in out
    code, out, _ = run(capsys, "show", "ED-2023-1670.battery-endurance", "--format", "json")
    assert json.loads(out)["set"] == "eu-ecodesign-smartphones-tablets-2023"
    code, _out, err = run(capsys, "show", "nope")
    assert code == 2
    assert "no bundled criterion" in err


def test_score_example_table_and_formats(capsys: pytest.CaptureFixture[str], root: Path, tmp_path: Path) -> None:
    tender = str(root / "examples" / "laptop-tender" / "tender.yaml")
    bids = str(root / "examples" / "laptop-tender" / "bids")
    code, out, _ = run(capsys, "score", tender, bids, "--explain", "--robustness")
    assert code == 0
    assert out.splitlines()[0].split()[:3] == ["rank", "bid", "supplier"]
    assert "excluded: B4" in out
    assert "rank reversal" in out
    assert "weight sensitivity" in out
    code, out, _ = run(capsys, "score", tender, bids, "--format", "json")
    assert json.loads(out)["tender"] == "example-notebooks-2027"
    code, out, _ = run(capsys, "score", tender, bids, "--format", "md", "--lang", "nl")
    assert "Inschrijving" in out
    xlsx = tmp_path / "ev.xlsx"
    code, _out, _err = run(capsys, "score", tender, bids, "--format", "xlsx", "-o", str(xlsx))
    assert code == 0
    assert xlsx.stat().st_size > 0
    assert run(capsys, "score", tender, bids, "--format", "xlsx")[0] == 2  # needs -o


def test_score_invalid_tender_reports_without_traceback(capsys: pytest.CaptureFixture[str], write, root: Path) -> None:  # type: ignore[no-untyped-def]
    bad = write("id: t\ntitle: {en: T}\naward: {basis: lowest_pric}\n", "tender.yaml")
    code, out, err = run(capsys, "score", str(bad), str(root / "examples" / "laptop-tender" / "bids"))
    assert code == 1
    assert "invalid-value" in out
    assert "Traceback" not in out + err


def test_quiet_strict_still_fails_on_warnings(capsys: pytest.CaptureFixture[str], write) -> None:  # type: ignore[no-untyped-def]
    warn = write(
        "title: {en: M, nl: M}\nversion: '1'\nmetrics:\n"
        "  - {id: m, type: boolean, name: {en: M, nl: M}, description: {en: M, nl: M}, references: [NO]}\n",
        "warn.yaml",
    )
    assert run(capsys, "validate", "-q", "--strict", str(warn))[0] == 1


def test_validate_bid_table_reports_row_and_column(capsys: pytest.CaptureFixture[str], write) -> None:  # type: ignore[no-untyped-def]
    table = write(
        "bid_id,supplier,price [EUR],product_group,name,warranty_period [month]\n"
        "B-001,Contoso,251000,notebooks,,36\n"
        "B-001,Contoso,215000,notebooks,Book 14,36\n",
        "bids.csv",
    )
    code, out, err = run(capsys, "validate", str(table))
    assert code == 1
    lines = out.splitlines()
    assert f"{table}:2:5: error[empty-cell] column 'name': the cell is empty" in lines
    assert any(line.startswith(f"{table}:3:3: error[inconsistent-bid] column 'price [EUR]'") for line in lines)
    assert lines[-1] == "invalid: 1 file checked, 1 invalid, 2 errors, 0 warnings"
    assert "Traceback" not in out + err
    code, out, _ = run(capsys, "validate", "--format", "json", str(table))
    (report,) = json.loads(out)["files"]
    assert report["type"] == "bid-table"
    assert [(d["line"], d["column"], d["code"]) for d in report["diagnostics"]] == [
        (2, 5, "empty-cell"),
        (3, 3, "inconsistent-bid"),
    ]
    # folders are searched for YAML files only: a CSV file in a folder is not read as a bid table
    assert run(capsys, "validate", str(table.parent))[0] == 2
