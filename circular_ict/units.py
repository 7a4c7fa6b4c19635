"""Units and quantities: the one pint registry of circular_ict.

The registry is built eagerly, once, from the package data file
``units.txt`` (whose header documents the vocabulary). It has CO2-equivalent
mass, the euro and battery charge cycles as dimensions of their own, so that
``"3 kg"`` can never satisfy a ``kg CO2e`` criterion.

Quantities are written as strings: ``"3 year"``, ``"36 month"``, ``"800 cycle"``,
``"25 %"``, ``"180 kg CO2e"``. :func:`parse_quantity` refuses decimal commas,
NaN, infinity, numbers hidden in the unit and unknown units, each with a
:class:`~circular_ict.errors.UnitError` that says what to write instead.

Conversions go through :func:`conversion_factor`, which caches one float per
(unit, unit) pair: scoring multiplies arrays by it, never calls pint per value.
"""

from __future__ import annotations

import difflib
import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

import pint

from .errors import UnitError

__all__ = [
    "Quantity",
    "accepts_bare_number",
    "conversion_factor",
    "describe_dimension",
    "dimension_of",
    "is_compatible",
    "known_unit_names",
    "normalize_unit",
    "parse_quantity",
    "registry",
]


def _build_registry() -> pint.UnitRegistry[Any]:
    definitions = files("circular_ict").joinpath("units.txt").read_text(encoding="utf-8")
    reg: pint.UnitRegistry[Any] = pint.UnitRegistry(None, autoconvert_offset_to_baseunit=False, on_redefinition="raise")
    reg.load_definitions(definitions.splitlines())
    reg.formatter.default_sort_func = None
    return reg


#: The library's unit registry (never pint's lazy application registry).
registry: pint.UnitRegistry[Any] = _build_registry()

# The names units.txt defines, taken before any parsing: pint adds each prefixed unit it parses to
# its table ('kilowatt_hour'), after which it would accept a second prefix ('kkilowatt_hour').
_DEFINED_NAMES: frozenset[str] = frozenset(registry._units)
_PREFIXES: tuple[str, ...] = tuple(p for p in registry._prefixes if p)


def _is_defined(name: str) -> bool:
    """Whether pint's name lookup (prefix, name, plural 's') finds ``name`` among the defined units."""
    if name in _DEFINED_NAMES or name == "dimensionless":
        return True
    for suffix in ("", "s"):
        if not name.endswith(suffix):
            continue
        stem = name[: len(name) - len(suffix)]
        for prefix in ("", *_PREFIXES):
            unit = stem[len(prefix) :] if stem.startswith(prefix) else ""
            if unit in _DEFINED_NAMES and (not suffix or len(unit) > 1):  # pint: no plural of one letter
                return True
    return False


# ASCII digits only (``\\d`` would take other scripts' digits, which the JSON Schema cannot mirror).
_NUMBER = r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
_QUANTITY_RE = re.compile(rf"^\s*(?P<number>{_NUMBER})(?P<unit>.*?)\s*$", re.DOTALL)
_COMMA_NUMBER_RE = re.compile(r"^\s*[-+]?[0-9]+(?:[.,][0-9]+)*,[0-9]+")
_NONFINITE_RE = re.compile(r"^\s*[-+]?\.?(?:nan|inf|infinity)\b", re.IGNORECASE)
# A unit expression: names (letters, digits after the first letter, _), %, €,
# products (space, *, ·), quotients (/), integer powers (** or ^) and brackets.
_UNIT_TOKEN_RE = re.compile(r"\s*(?:(?P<name>[^\W\d][\w]*|%|€)|(?P<op>\*\*|\^|[*/·()])|(?P<num>[-+]?\d+(?:\.\d+)?))")
# Words that pint's string preprocessor would rewrite ('square m' -> 'm ** 2'): refused, so that
# a unit means what its names say (and the JSON Schema's pattern can mirror the grammar).
_NAME_RE = re.compile(r"^[^\W\d]\w*$")
_POWER_NUMBER_RE = re.compile(r"^[-+]?[1-9][0-9]*$")  # as Python (and so pint) reads an exponent
_ASCII_NAME_RE = re.compile(r"^[A-Za-zµμ_][A-Za-z0-9_µμ]*$")
_PINT_WORDS_RE = re.compile(r"(?:square|sq|cubic)$|^(?:squared|cubed)|[⁰¹²³⁴⁵⁶⁷⁸⁹]")
# Compact CO2e spellings -> "<prefix>g CO2e".
_CO2E_COMPACT_RE = re.compile(r"(?<![\w])(k|M|G)?(g|t)\s*CO(?:2|₂)(?:e|eq|-eq|-e|_eq)\b")
_CO2E_WORD_RE = re.compile(r"\bCO(?:2|₂)(?:-eq|-e|_eq|eq)\b|CO₂e\b")


@functools.lru_cache(maxsize=1024)
def normalize_unit(unit: str) -> str:
    """Return the unit in the spelling pint parses, or raise :class:`UnitError`.

    Accepts ``kgCO2e``, ``tCO2e``, ``kg CO₂e``, ``CO2-eq`` (rewritten to
    ``kg CO2e`` etc.), ``%`` and ``€``. Refuses numbers inside the unit (other
    than exponents), which is what a thousands separator such as
    ``"1 500 kWh"`` would leave behind.
    """
    text = unit.strip()
    if not text:
        return ""
    text = _CO2E_COMPACT_RE.sub(lambda m: f"{(m.group(1) or '')}{m.group(2)} CO2e", text)
    text = _CO2E_WORD_RE.sub("CO2e", text)
    out: list[str] = []
    pos = 0
    previous_op = ""
    while pos < len(text):
        m = _UNIT_TOKEN_RE.match(text, pos)
        if not m or m.end() == pos:
            raise UnitError("unknown-unit", unit, "unexpected character in unit", f"cannot read {text[pos:].strip()!r}")
        pos = m.end()
        if m.group("name"):
            name = m.group("name")
            if name == "per" and pos < len(text.rstrip()) and out and out[-1] not in ("(", "*", "/", "**"):
                out.append("/")  # 'kWh per year'; a leading or trailing 'per' stays a (unknown) name
                previous_op = "/"
                continue
            if _PINT_WORDS_RE.search(name):
                raise UnitError(
                    "unknown-unit", unit, f"unknown unit {name!r}", "write powers with '**': 'm ** 2', not 'square m'"
                )
            out.append({"%": "percent", "€": "EUR"}.get(name, name))
            previous_op = ""
        elif m.group("op"):
            op = m.group("op")
            out.append({"^": "**", "·": "*"}.get(op, op))
            previous_op = out[-1]
        else:
            if previous_op == "**" and not _POWER_NUMBER_RE.match(m.group("num")):
                raise UnitError(
                    "unknown-unit", unit, "a power must be a whole number other than 0", "write e.g. 'm ** 2'"
                )
            if previous_op != "**":
                raise UnitError(
                    "malformed-quantity",
                    unit,
                    "a number inside the unit",
                    "write one number followed by its unit, without thousands separators",
                )
            out.append(m.group("num"))
            previous_op = ""
    if not _UNIT_SYNTAX_RE.match(text):
        raise UnitError(
            "unknown-unit",
            unit,
            "cannot read the unit",
            "join unit names with ' ', '*', '/' or 'per', and write powers as '** 2', e.g. 'kg CO2e / kWh'",
        )
    return " ".join(out)


# ------------------------------------------------------------------ the unit grammar
# A unit is a product or quotient of factors: a unit name (with an optional prefix and plural 's'),
# '%', '€', 'dimensionless', or a bracketed expression, each with an optional whole power. The one
# grammar gates the loader (with any name, so that pint says which name is unknown) and makes the
# JSON Schema's pattern (with the registry's names), so the two accept the same units.

#: How deep brackets may nest in a unit ('EUR / (t CO2e)' is one level).
UNIT_NESTING = 2
_POWER = r"(?:\s*(?:\*\*|\^)\s*[-+]?[1-9][0-9]*)?"
_JOIN = r"(?:\s*[*·/]\s*|\s+per\s+|\s+)(?=[^\s)])"
_END = r"(?=\s*(?:\)|$))"


def unit_grammar(atom: str, nesting: int = UNIT_NESTING) -> str:
    """A regular expression (valid in Python and ECMA-262) for unit expressions made of ``atom``."""
    expr = ""
    for _ in range(nesting + 1):
        group = rf"|\(\s*{expr}\s*\)" if expr else ""
        expr = rf"(?:(?:{atom}{group}){_POWER}(?:{_JOIN}|{_END}))+"
    return expr


# The loader's gate: any name (applied after the CO2e spellings are rewritten).
_UNIT_SYNTAX_RE = re.compile(r"^\s*" + unit_grammar(r"(?:[^\W\d]\w*|%|€)") + r"\s*$")


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@functools.cache
def unit_atom_pattern() -> str:
    """One unit factor as the registry reads it, as a regular expression.

    Mirrors pint's name lookup (any prefix, then a unit name, symbol or alias, then an optional
    plural 's' unless the name has one letter) and the CO2e spellings :func:`normalize_unit` rewrites.
    """
    prefixes = f"(?:{_alternation(_PREFIXES)})"
    names = [n for n in _DEFINED_NAMES if n not in ("%", "€")]
    long = _alternation(n for n in names if len(n) > 1)
    short = _alternation(n for n in names if len(n) == 1)
    co2e = rf"[kMG]?[gt]\s*CO[2₂](?:e|eq|-eq|-e|_eq)|CO[2₂](?:-eq|-e|_eq|eq)|{prefixes}?CO₂e"
    return rf"(?:{prefixes}?(?:(?:{long})s?|{short})|%|€|dimensionless|{co2e})"


@functools.cache
def unit_pattern() -> str:
    """A pattern (Python and ECMA-262) that a unit string matches iff :func:`parse_unit` accepts it."""
    return r"^\s*" + unit_grammar(unit_atom_pattern()) + r"\s*$"


@functools.cache
def quantity_pattern() -> str:
    """A pattern that a quantity string matches iff :func:`parse_quantity` accepts it.

    Except numbers beyond the float range ('1e999 kWh'), which only the loader refuses.
    """
    return rf"^\s*{_NUMBER}(?:\s*{unit_grammar(unit_atom_pattern())})?\s*$"


@functools.cache
def known_unit_names() -> list[str]:
    """Every unit name, symbol and alias that ``units.txt`` defines (without prefixes), sorted.

    Read from the definitions file rather than from pint's registry, whose table also grows with every
    prefixed unit parsed, so that "did you mean" suggestions do not depend on what was parsed before.
    """
    names: set[str] = set()
    in_block = False
    for line in files("circular_ict").joinpath("units.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("@"):
            in_block = line != "@end"
            continue
        if in_block or not line or line.startswith("[") or "=" not in line:
            continue
        first, _definition, *aliases = (part.strip() for part in line.split("="))
        if first.endswith("-"):  # a prefix
            continue
        names.update(n for n in (first, *aliases) if n and n != "_")
    return sorted(names)


@functools.lru_cache(maxsize=1024)
def _parse_unit(normalized: str, original: str) -> pint.Unit:
    try:
        for token in normalized.split(" "):
            if not _NAME_RE.match(token):
                continue
            if not _ASCII_NAME_RE.match(token):  # pint's tokenizer fails on e.g. 'CO₂' (NFKC makes ₂ a digit)
                raise pint.UndefinedUnitError(token)
            if not _is_defined(token):  # each name on its own: pint drops names that cancel ('kwh / kwh')
                raise pint.UndefinedUnitError(token)
        return registry.parse_units(normalized) if normalized else registry.dimensionless
    except pint.UndefinedUnitError as exc:
        bad = str(exc.unit_names if isinstance(exc.unit_names, str) else exc.unit_names[0])
        candidates = sorted(set(known_unit_names()) | {"kWh", "kg", "kg CO2e", "t CO2e", "GB"})
        close = difflib.get_close_matches(bad, candidates, n=3)
        hint = (
            f"did you mean {' or '.join(repr(c) for c in close)}?"
            if close
            else ("see the unit list in the criteria file format documentation")
        )
        raise UnitError("unknown-unit", original, f"unknown unit {bad!r}", hint) from None
    except (
        pint.errors.DefinitionSyntaxError,
        AttributeError,
        TypeError,
        ValueError,
        SyntaxError,
        AssertionError,  # pint's evaluator asserts on input its tokenizer half-reads
        KeyError,  # pint fails on powers it cannot simplify
    ):
        raise UnitError(
            "unknown-unit", original, "cannot read the unit", "write a unit such as 'year', 'kWh', 'kg CO2e / kWh'"
        ) from None


def parse_unit(unit: str) -> pint.Unit:
    """Parse a unit string (cached)."""
    return _parse_unit(normalize_unit(unit), unit)


@dataclass(frozen=True)
class Quantity:
    """A number with the unit its author wrote.

    ``text`` is the string exactly as written (kept for lossless dumping);
    ``unit`` is ``""`` for a bare number.
    """

    magnitude: float
    unit: str
    text: str

    def to(self, unit: str) -> float:
        """The magnitude in ``unit`` (raises :class:`UnitError` on a dimension mismatch)."""
        return self.magnitude * conversion_factor(self.unit, unit)

    def dimension(self) -> str:
        return dimension_of(self.unit)

    def __str__(self) -> str:
        return self.text


def _comma_hint(text: str) -> str:
    """What to write instead of a number with commas: '1,5 kWh', '1.500,5 kWh', '1,000 month'."""
    m = re.match(r"^([-+]?[\d.,]*\d)(.*)$", text)
    number, rest = (m.group(1), m.group(2)) if m else (text, "")
    if "." in number:  # 1.500,5: points group thousands, the comma is the decimal mark
        return f"write {number.replace('.', '').replace(',', '.')}{rest}"
    groups = number.split(",")
    if len(groups) == 2 and len(groups[1]) == 3:  # 1,000: a thousands separator, or a decimal comma?
        return (
            f"if the comma separates thousands write {''.join(groups)}{rest}; "
            f"if it is a decimal comma write {groups[0]}.{groups[1]}{rest}"
        )
    if len(groups) > 2:  # 1,000,000: thousands separators
        return f"write {''.join(groups)}{rest} (no thousands separators)"
    return f"write {groups[0]}.{groups[1]}{rest}"


def parse_quantity(value: str | float | int) -> Quantity:
    """Read ``"3 year"``-style text (or a bare number) into a :class:`Quantity`.

    >>> parse_quantity("36 month").to("year")
    3.0
    >>> parse_quantity("1,5 kWh")
    Traceback (most recent call last):
    ...
    circular_ict.errors.UnitError: the number uses a decimal comma: '1,5 kWh' (write 1.5 kWh)
    """
    if isinstance(value, bool):
        raise UnitError(
            "malformed-quantity",
            str(value).lower(),
            "a boolean is not a quantity",
            "write a number followed by a unit, e.g. '3 year'",
        )
    if isinstance(value, (int, float)):
        try:
            magnitude = float(value)
        except OverflowError:  # an integer beyond the float range
            raise UnitError("not-finite", "", "the number is too large", "write a finite number") from None
        if not math.isfinite(magnitude):
            raise UnitError("not-finite", str(value), "NaN and infinity are not quantities", "write a finite number")
        return Quantity(magnitude, "", str(value))
    text = value
    if _NONFINITE_RE.match(text):
        raise UnitError("not-finite", text, "NaN and infinity are not quantities", "write a finite number")
    if _COMMA_NUMBER_RE.match(text):
        raise UnitError("decimal-comma", text, "the number uses a decimal comma", _comma_hint(text.strip()))
    m = _QUANTITY_RE.match(text)
    if not m:
        raise UnitError(
            "malformed-quantity", text, "not a number followed by a unit", "write e.g. '3 year', '180 kg CO2e', '25 %'"
        )
    magnitude = float(m.group("number"))
    if not math.isfinite(magnitude):
        raise UnitError("not-finite", text, "the number is too large", "write a finite number")
    unit = m.group("unit").strip()
    if unit.startswith(","):
        raise UnitError(
            "decimal-comma", text, "the number uses a comma", "write decimals with a point and no thousands separators"
        )
    try:
        parse_unit(unit)
    except UnitError as exc:
        raise UnitError(exc.code, text, exc.problem, exc.hint) from None
    return Quantity(magnitude, unit, text)


@functools.lru_cache(maxsize=4096)
def conversion_factor(from_unit: str, to_unit: str) -> float:
    """The factor that converts magnitudes in ``from_unit`` to ``to_unit`` (cached).

    >>> conversion_factor("t CO2e", "kg CO2e")
    1000.0
    """
    src, dst = parse_unit(from_unit), parse_unit(to_unit)
    if src.dimensionality != dst.dimensionality:
        raise UnitError(
            "wrong-dimension",
            from_unit or "(no unit)",
            f"cannot convert {describe_dimension(from_unit)} to {describe_dimension(to_unit)}",
            f"expected a unit like {example_unit(to_unit)!r}",
        )
    return float(registry.Quantity(1.0, src).m_as(dst))


def accepts_bare_number(unit: str) -> bool:
    """Whether a value of this unit may be written as a bare number: only for a pure number (factor 1).

    Not for percentages: is a bare 95 meant as 95 % or as 95 (that is, 9500 %)?

    >>> accepts_bare_number("dimensionless"), accepts_bare_number("percent"), accepts_bare_number("year")
    (True, False, False)
    """
    try:
        return conversion_factor("", unit) == 1.0
    except UnitError:
        return False


def is_compatible(from_unit: str, to_unit: str) -> bool:
    """Whether ``from_unit`` converts to ``to_unit``."""
    return parse_unit(from_unit).dimensionality == parse_unit(to_unit).dimensionality


def dimension_of(unit: str) -> str:
    """The dimension as pint writes it, e.g. ``[mass] * [co2e]``; ``dimensionless``."""
    dim = parse_unit(unit).dimensionality
    return str(dim) if dim else "dimensionless"


_DIMENSION_NAMES: dict[str, tuple[str, str]] = {}


def _dimension_table() -> dict[str, tuple[str, str]]:
    if not _DIMENSION_NAMES:
        for example, name in [
            ("year", "a time"),
            ("kWh", "an energy"),
            ("W", "a power (or an energy per year)"),
            ("kg CO2e", "a CO2-equivalent mass"),
            ("kg CO2e / kWh", "an emission factor"),
            ("kg CO2e / year", "annual emissions"),
            ("EUR", "an amount of money"),
            ("EUR / kWh", "a price per energy"),
            ("EUR / (t CO2e)", "a carbon price"),
            ("percent", "a dimensionless number"),
            ("cycle", "a number of charge cycles"),
            ("kg", "a plain mass"),
            ("m", "a length"),
            ("L", "a volume"),
            ("L / kWh", "a water use per energy"),
            ("GB", "an amount of data"),
            ("device", "a number of devices"),
        ]:
            key = str(parse_unit(example).dimensionality) or "dimensionless"
            _DIMENSION_NAMES.setdefault(key, (name, example))
    return _DIMENSION_NAMES


def describe_dimension(unit: str) -> str:
    """A reader's name for what a unit measures: ``"year"`` -> ``"a time"``."""
    dim = dimension_of(unit)
    return _dimension_table().get(dim, (f"a quantity of dimension {dim}", ""))[0]


def example_unit(unit: str) -> str:
    """A typical unit of the same dimension as ``unit`` (for hints)."""
    dim = dimension_of(unit)
    return _dimension_table().get(dim, ("", unit or "dimensionless"))[1] or unit
