"""The JSON Schema's unit and quantity patterns accept exactly what the loader accepts.

The patterns are generated from the unit registry (:func:`circular_ict.units.unit_pattern`,
:func:`~circular_ict.units.quantity_pattern`), so that an editor flags an unknown unit as the
loader does. These tests compare the patterns with :func:`~circular_ict.units.parse_unit` and
:func:`~circular_ict.units.parse_quantity` on typical and broken units, on every text of the
bundled library and the examples, and on random unit expressions; in Python and, when Node.js
is installed, in JavaScript (the regular-expression dialect JSON Schema prescribes).
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from circular_ict.errors import UnitError
from circular_ict.schema import json_schema
from circular_ict.units import parse_quantity, parse_unit, quantity_pattern, unit_pattern
from circular_ict.yamlio import load_yaml

ROOT = Path(__file__).resolve().parent.parent
UNIT_RE = re.compile(unit_pattern())
QUANTITY_RE = re.compile(quantity_pattern())

TYPICAL_UNITS = [
    "month", "months", "year", "years", "yr", "a", "day", "days", "week", "h", "hour", "min", "s", "µs", "us",
    "Wh", "kWh", "MWh", "kWh / year", "kWh/year", "kWh per year", "kWh/a", "J", "MJ", "W", "kW", "mW",
    "kg", "g", "t", "kg CO2e", "kgCO2e", "t CO2e", "tCO2e", "gCO2e/kWh", "kg CO2e / kWh", "kg CO₂e", "kg CO2-eq",
    "Mt CO2e", "kg CO2e / year", "kg CO2e / device", "kg CO2e / (device * year)", "kg CO2e/(device·a)",
    "EUR", "€", "EUR / kWh", "€/kWh", "ct / kWh", "EUR / (t CO2e)", "EUR / year", "EUR/(EUR/year)",
    "%", "percent", "dimensionless", "cycle", "cycles", "charge_cycle", "device", "piece", "pieces",
    "L", "l", "L / kWh", "m", "m ** 2", "m^2", "m**-1", "GB", "TB", "GiB", "MB / s", "bit / s",
]  # fmt: skip

TYPICAL_QUANTITIES = [
    "36 month", "3 year", " 36 month ", "36month", "0.25 t CO2e", "180 kg CO2e", "25 %", "25%", "800 cycle",
    "1e3 kWh", "1.0e-3 kWh", ".5 kWh", "-2 %", "+2 %", "1.5 L/kWh", "0.2 EUR/kWh", "100 EUR / (t CO2e)",
    "18 kWh per year", "50 EUR / year", "36", "1.5", "2 TB",
]  # fmt: skip

BAD_UNITS = [
    "kwh", "KWh", "Kg", "parsec", "kg CO2", "kg CO₂", "$", "maand", "jaar",
    "square m", "meter squared", "m²",  # pint would rewrite these words and signs; the format has '** 2'
    "kwh / kwh", "CO2 per CO2 * Wh",  # unknown names that cancel out are still unknown
    "(kg)(s)", "kg(s)", "m**2kg", "%s",  # products need a space, '*' or '·'
    "m ** 0", "m ** 2.5", "m ** 02", "m ** 2 ** 2",
    "kg /", "/ kg", "kg / / s", "per year", "kWh per", "EUR / (kWh", "kWh)", "((((kWh))))", "₂", "kg-CO2e",
]  # fmt: skip

BAD_QUANTITIES = [
    "1 500 kWh", "1,5 kWh", "1.500,5 kWh", "1,500 kWh", "nan kWh", "NaN", "inf year", "-Infinity", ".inf",
    "3 kg CO2", "three years", "", "36 maand", "12 kwh", "1.5.3 kWh", "36 month,", "25 %s", "1e3,5 kWh",
    "kWh 36", "36 month 2",
]  # fmt: skip


def _accepts_unit(text: str) -> bool:
    try:
        parse_unit(text)
    except UnitError:
        return False
    return True


def _accepts_quantity(text: str) -> bool:
    try:
        parse_quantity(text)
    except UnitError:
        return False
    return True


def test_committed_schemas_use_the_generated_patterns() -> None:
    criteria_set = json_schema("criteria-set")
    assert criteria_set["$defs"]["QuantityText"]["pattern"] == quantity_pattern()
    for kind in ("criteria-set", "metric-vocabulary"):
        unit = json_schema(kind)["$defs"]["QuantityMetric"]["properties"]["unit"]
        assert unit["pattern"] == unit_pattern()


@pytest.mark.parametrize("unit", TYPICAL_UNITS)
def test_typical_units_are_accepted_by_both(unit: str) -> None:
    assert _accepts_unit(unit)
    assert UNIT_RE.match(unit)
    assert QUANTITY_RE.match(f"3 {unit}")


@pytest.mark.parametrize("text", TYPICAL_QUANTITIES)
def test_typical_quantities_are_accepted_by_both(text: str) -> None:
    assert _accepts_quantity(text)
    assert QUANTITY_RE.match(text)


@pytest.mark.parametrize("unit", BAD_UNITS)
def test_bad_units_are_refused_by_both(unit: str) -> None:
    with pytest.raises(UnitError):  # an error with a code and a hint, never another exception
        parse_unit(unit)
    assert not UNIT_RE.match(unit)
    assert not QUANTITY_RE.match(f"3 {unit}")


@pytest.mark.parametrize("text", BAD_QUANTITIES)
def test_bad_quantities_are_refused_by_both(text: str) -> None:
    with pytest.raises(UnitError):
        parse_quantity(text)
    assert not QUANTITY_RE.match(text)


def test_the_one_known_difference_is_float_overflow() -> None:
    # The pattern cannot know where floats end; the loader refuses the infinite magnitude.
    assert QUANTITY_RE.match("1e999 kWh")
    with pytest.raises(UnitError) as info:
        parse_quantity("1e999 kWh")
    assert info.value.code == "not-finite"


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _library_strings() -> list[str]:
    found: set[str] = set()
    for folder in (ROOT / "criteria", ROOT / "examples"):
        for path in sorted(folder.rglob("*.y*ml")):
            doc = load_yaml(path)
            found.update(_strings(doc.data))
    return sorted(found)


def test_every_text_of_the_library_gets_the_same_verdict() -> None:
    texts = _library_strings()
    quantities = [t for t in texts if _accepts_quantity(t) and parse_quantity(t).unit]
    assert len(quantities) >= 20, "the library should have quantities to compare"
    disagree = [t for t in texts if _accepts_quantity(t) != bool(QUANTITY_RE.match(t))]
    assert disagree == []


def test_every_metric_unit_of_the_library_matches() -> None:
    metrics = load_yaml(ROOT / "criteria" / "metrics.yaml").data["metrics"]
    units = sorted({m["unit"] for m in metrics if "unit" in m})
    assert len(units) >= 8
    for unit in units:
        assert _accepts_unit(unit), unit
        assert UNIT_RE.match(unit), unit


_NAMES = [
    "kWh", "kg", "MJ", "GB", "TB", "µm", "us", "cycle", "cycles", "years", "month", "EUR", "€", "%",
    "a", "t", "g", "h", "s", "m", "W", "L", "B",
    "kgCO2e", "tCO2e", "gCO2-eq", "CO₂e", "CO2-eq", "kCO₂e", "CO2e", "CO2eq", "dimensionless",
    "per", "square", "x", "kwh", "CO2", "Kg", "hs", "ts", "mins", "sq", "m²", "e", "E", "inf", "nan", "_", "₂",
]  # fmt: skip
_JOINS = [" ", "", "*", " * ", "/", " / ", " per ", "·", "**", " ** ", "^", "(", ")", " (", ") ", "2", "-1", "+2"]
_MORE = ["2.5", ",", "-", ".", "\t", "  ", "0", "01", "e3"]


def _random_units(count: int, seed: int = 20261128) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        parts = [rng.choice(["", "", "(", " "])]
        for i in range(rng.randint(1, 5)):
            if i:
                parts.append(rng.choice(_JOINS + _MORE))
            parts.append(rng.choice(_NAMES))
            if rng.random() < 0.15:
                parts.append(rng.choice(["**2", " ** -1", "^3", ")", "s"]))
        out.append("".join(parts))
    return out


RANDOM_UNITS = _random_units(3000)


def test_random_units_get_the_same_verdict() -> None:
    accepted = 0
    for unit in RANDOM_UNITS:
        if not unit.strip():
            continue  # a blank unit is a bare number's (no) unit, not a unit
        verdict = _accepts_unit(unit)
        accepted += verdict
        assert verdict == bool(UNIT_RE.match(unit)), unit
        text = f"36 {unit}"
        assert _accepts_quantity(text) == bool(QUANTITY_RE.match(text)), text
    assert accepted >= 300, "the sample should hold valid units too"


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_the_patterns_mean_the_same_in_javascript() -> None:
    """Editors run the schema's patterns as ECMA-262 regular expressions (with and without the 'u' flag)."""
    samples = [*TYPICAL_UNITS, *BAD_UNITS, *RANDOM_UNITS]
    samples += [*TYPICAL_QUANTITIES, *BAD_QUANTITIES, *(f"3 {u}" for u in samples)]
    python = [[bool(QUANTITY_RE.search(s)), bool(UNIT_RE.search(s))] for s in samples]
    script = """
    const d = JSON.parse(require('fs').readFileSync(0, 'utf8'));
    const out = {};
    for (const flags of ['', 'u']) {
      const q = new RegExp(d.q, flags), u = new RegExp(d.u, flags);
      out[flags] = d.s.map((s) => [q.test(s), u.test(s)]);
    }
    console.log(JSON.stringify(out));
    """
    payload = json.dumps({"q": quantity_pattern(), "u": unit_pattern(), "s": samples})
    proc = subprocess.run(["node", "-e", script], input=payload, capture_output=True, text=True, check=True)
    results = json.loads(proc.stdout)
    for flags in ("", "u"):
        differ = [s for s, js, py in zip(samples, results[flags], python, strict=True) if js != py]
        assert differ == [], flags
