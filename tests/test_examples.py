"""Every script in examples/ runs, from the top folder of the checkout, and prints what it promises."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = sorted((ROOT / "examples").glob("*.py"))

# Lines (or beginnings of lines) each script must print.
EXPECTED: dict[str, list[str]] = {
    "validate_criteria.py": [
        "valid: ",
        "broken.yaml:3:10: error[wrong-type] expected text, got the number 1.1 (at version)",
        "broken.yaml:17:12: error[decimal-comma] the number uses a decimal comma: '2,5 year'",
        "invalid: 1 file checked, 1 invalid, 2 errors, 0 warnings",
        "codes: wrong-type, decimal-comma",
        "- NB.warranty [technical_specification, significant]: Warranty including on-site repair",
        "    warranty_min suggested at the basic level: 2 year (24 month)",
        "    battery_cycles_to_80 at least 1000 cycle (1000 cycle): 10 points",
        "    certified_data_erasure is true",
    ],
}


def test_every_script_has_expectations() -> None:
    assert SCRIPTS, "no example scripts found"
    assert sorted(s.name for s in SCRIPTS) == sorted(EXPECTED)


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.name for s in SCRIPTS])
def test_script_runs(script: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(script.relative_to(ROOT))], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    lines = proc.stdout.splitlines()
    for expected in EXPECTED[script.name]:
        assert any(line.startswith(expected) for line in lines), expected
    # the bundled library and the examples must be valid, whatever their number
    assert lines[1].startswith("valid: ")
    assert ", 0 invalid, 0 errors" in lines[1]
