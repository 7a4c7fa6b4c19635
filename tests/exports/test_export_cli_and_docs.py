"""`circular-ict tender check` and `tender export`, and the outputs shown in docs/how-to/export-eforms-ocds.md."""

from __future__ import annotations

import contextlib
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from circular_ict import cli
from circular_ict.exports.eforms import eforms_json, eforms_xml
from circular_ict.exports.ocds import ocds_release_fragment
from circular_ict.validation import load_tender

ROOT = Path(__file__).resolve().parents[2]
LAPTOP = str(ROOT / "examples" / "laptop-tender" / "tender.yaml")
PAGE = ROOT / "docs" / "how-to" / "export-eforms-ocds.md"


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(args))
    return code, out.getvalue(), err.getvalue()


# --------------------------------------------------------------------------- the command line


def test_check_a_valid_tender() -> None:
    assert run("tender", "check", LAPTOP) == (0, "valid: 1 file checked, 0 invalid, 0 errors, 0 warnings\n", "")


def test_check_reports_every_problem_located(tmp_path: Path) -> None:
    text = Path(LAPTOP).read_text(encoding="utf-8")
    broken = text.replace("EU-GPP-2016.extended-warranty: 15", "EU-GPP-2016.extended-warranty: 14")
    broken = broken.replace("- ref: EU-GPP-2021.TS5\n", "- ref: EU-GPP-2021.TS99\n")
    path = tmp_path / "tender.yaml"
    path.write_text(broken, encoding="utf-8")
    code, out, _err = run("tender", "check", str(path))
    assert code == 1
    assert re.search(r"tender\.yaml:\d+:\d+: error\[", out)
    assert out.count(": error[") == 2  # the unknown criterion, and the weights that no longer add up to 100
    assert "error[unknown-criterion]" in out
    assert out.endswith("invalid: 1 file checked, 1 invalid, 2 errors, 0 warnings\n")
    code, out, _err = run("tender", "check", str(path), "--format", "json")
    assert code == 1
    assert json.loads(out)["summary"]["errors"] == 2


def test_check_a_file_that_is_no_tender() -> None:
    code, out, _err = run("tender", "check", str(ROOT / "examples" / "notebooks-tender-criteria.yaml"))
    assert code == 1
    assert "error[" in out


def test_export_formats(tmp_path: Path) -> None:
    tender = load_tender(LAPTOP)
    code, out, err = run("tender", "export", LAPTOP)
    assert (code, err) == (0, "")
    assert json.loads(out) == eforms_json(tender)
    code, out, _err = run("tender", "export", LAPTOP, "--format", "ocds", "--lang", "nl")
    assert code == 0
    assert json.loads(out) == ocds_release_fragment(tender, lang="nl")
    target = tmp_path / "notice.xml"
    code, out, err = run("tender", "export", LAPTOP, "--format", "eforms-xml", "-o", str(target))
    assert (code, out, err) == (0, "", f"wrote {target}\n")
    assert target.read_text(encoding="utf-8") == eforms_xml(tender)


def test_export_usage_errors_and_invalid_tenders(tmp_path: Path) -> None:
    code, _out, err = run("tender", "export", LAPTOP, "--format", "eforms", "--lang", "nl")
    assert code == 2
    assert "--lang is for --format ocds" in err
    code, _out, err = run("tender", "export", LAPTOP, "--format", "ocds", "--lang", "de")
    assert code == 2
    path = tmp_path / "tender.yaml"
    path.write_text(Path(LAPTOP).read_text(encoding="utf-8").replace("quantity: 1200", "quantity: 0"), "utf-8")
    code, out, _err = run("tender", "export", str(path))
    assert code == 1
    assert "error[" in out


def test_export_without_an_eu_language(tmp_path: Path) -> None:
    text = Path(LAPTOP).read_text(encoding="utf-8")
    small = (
        "id: t\ntitle: {no: T}\nbuyer: {name: B}\nlanguages: [no]\n"
        "lots:\n  - {id: L1, title: {no: Del}, product_group: notebooks, quantity: 1}\n"
        "criteria: {}\naward: {basis: lowest_price}\n"
    )
    assert "award:" in text
    path = tmp_path / "tender.yaml"
    path.write_text(small, encoding="utf-8")
    code, out, err = run("tender", "export", str(path))
    assert (code, out) == (1, "")
    assert err.startswith("circular-ict tender export: error: none of the tender's languages (no) is an official EU")


# --------------------------------------------------------------------------- the how-to page shows real output


def _blocks(lang: str) -> list[str]:
    text = PAGE.read_text(encoding="utf-8")
    return re.findall(rf"^```{lang}\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL)


def _contains(haystack: Any, needle: Any) -> bool:
    """``needle`` is a value inside ``haystack``; a dict may show only some of its keys."""
    if (
        isinstance(needle, dict)
        and isinstance(haystack, dict)
        and all(k in haystack and haystack[k] == v for k, v in needle.items())
    ):
        return True
    if haystack == needle:
        return True
    children = haystack.values() if isinstance(haystack, dict) else haystack if isinstance(haystack, list) else []
    return any(_contains(child, needle) for child in children)


def test_json_shown_is_real() -> None:
    tender = load_tender(LAPTOP)
    actual = [eforms_json(tender), ocds_release_fragment(tender)]
    blocks = _blocks("json")
    assert len(blocks) == 3
    for block in blocks:
        assert _contains(actual, json.loads(block)), block[:80]


def test_xml_shown_is_real() -> None:
    xml = eforms_xml(load_tender(LAPTOP))
    (block,) = _blocks("xml")
    assert block in xml
    declared = 'xmlns:cac="c" xmlns:cbc="b" xmlns:ext="x" xmlns:efext="e" xmlns:efac="a" xmlns:efbc="f"'
    ET.fromstring(f"<r {declared}>{block}</r>")  # the excerpt is well-formed once its prefixes are declared
