"""Diagnostics: located problems, the error-code catalogue, and reports.

Every problem found in a file is a :class:`Diagnostic`: a stable code, a
severity, a message, where it is (file, 1-based line and column, and the path
inside the document such as ``criteria[3].requirement.min``) and a hint on how
to fix it. A :class:`Report` collects the diagnostics of one or more files.

The catalogue :data:`CODES` is the single list of codes; ``docs/error-codes.md``
documents each of them and a test keeps the two in step.
"""

from __future__ import annotations

import difflib
import enum
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "CODES",
    "Code",
    "Diagnostic",
    "FileReport",
    "Report",
    "Severity",
    "format_path",
    "suggest",
]


class Severity(str, enum.Enum):
    """How bad a diagnostic is: errors make a file invalid, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Code:
    """One entry of the error-code catalogue."""

    name: str
    severity: Severity
    title: str
    hint: str = ""


_E = Severity.ERROR
_W = Severity.WARNING

#: The catalogue of every diagnostic code, by name.
CODES: dict[str, Code] = {
    c.name: c
    for c in [
        # reading the file
        Code("file-unreadable", _E, "The file cannot be read.", "Check the path and permissions."),
        Code(
            "file-too-large",
            _E,
            "The file exceeds the size limit.",
            "Split the file, or raise the limit with Limits(max_bytes=...).",
        ),
        Code(
            "not-utf8",
            _E,
            "The file is not valid UTF-8 text.",
            "Save the file as UTF-8 (in Excel: 'CSV UTF-8'; in editors: 'Save with encoding').",
        ),
        Code("empty-document", _E, "The file holds no YAML document.", "Start from an example in examples/."),
        Code(
            "multiple-documents",
            _E,
            "The file holds more than one YAML document.",
            "Keep one document per file; remove the extra '---' line.",
        ),
        Code(
            "unknown-document",
            _E,
            "The document is not a circular_ict file.",
            "Each kind of file is recognised by a top-level key (criteria:, metrics:, product_groups:, schemes:, "
            "award:, supplier:, device_defaults:); see 'The kinds of file' in docs/criteria-format.md.",
        ),
        # YAML syntax and YAML traps
        Code(
            "yaml-syntax",
            _E,
            "The YAML syntax is invalid.",
            "Check indentation, colons and quotes around this position.",
        ),
        Code(
            "unsupported-tag",
            _E,
            "The YAML tag is not allowed.",
            "Remove the '!tag'; circular_ict files use plain YAML values only.",
        ),
        Code(
            "duplicate-key",
            _E,
            "A key appears twice in the same mapping.",
            "Remove one of the two; YAML parsers would silently keep only one of them.",
        ),
        Code("non-string-key", _E, "A mapping key is not text.", "Quote the key."),
        Code(
            "alias-expansion",
            _E,
            "Aliases expand to too many nodes.",
            "Reduce the use of anchors and aliases (*name), or raise Limits(max_nodes=...).",
        ),
        Code(
            "recursive-alias",
            _E,
            "An alias refers to a node that contains it.",
            "Remove the alias from inside its own anchor.",
        ),
        Code(
            "nesting-too-deep",
            _E,
            "The document nests deeper than the limit.",
            "Flatten the structure, or raise Limits(max_depth=...).",
        ),
        Code(
            "yaml11-octal",
            _E,
            "A number with a leading zero is ambiguous.",
            "YAML 1.1 reads 0755 as the octal 493, YAML 1.2 as 755: write 755, or quote it as '0755'.",
        ),
        Code(
            "yaml11-boolean",
            _W,
            "A word that YAML 1.1 reads as a boolean is kept as text.",
            "circular_ict follows YAML 1.2: only true/false are booleans. Quote the word to silence this.",
        ),
        Code(
            "yaml11-sexagesimal",
            _W,
            "A value like 1:20 is kept as text.",
            "YAML 1.1 reads 1:20 as the base-60 number 80; circular_ict keeps it as text. Quote it.",
        ),
        # structure (the data model)
        Code(
            "unknown-key",
            _E,
            "The key is not part of the format.",
            "Check the spelling; unknown keys are errors so that no typo is silently ignored.",
        ),
        Code("missing-key", _E, "A required key is missing.", "Add the key."),
        Code("wrong-type", _E, "The value has the wrong type.", ""),
        Code("invalid-value", _E, "The value is not one of the allowed values.", ""),
        Code("invalid-kind", _E, "The kind or type tag is not known.", ""),
        Code("invalid-format", _E, "The value does not have the required format.", ""),
        Code("out-of-range", _E, "The value is outside the allowed range.", ""),
        Code("not-finite", _E, "NaN and infinity are not allowed.", "Write a finite number."),
        Code("invalid-value-combination", _E, "The keys are not consistent with each other.", ""),
        # quantities and units
        Code(
            "decimal-comma",
            _E,
            "The number uses a comma.",
            "Write decimals with a point (1.5 kWh); do not use thousands separators (1500 kWh).",
        ),
        Code(
            "malformed-quantity",
            _E,
            "The value is not a quantity such as '3 year'.",
            "Write a number followed by a unit, e.g. '36 month', '180 kg CO2e', '25 %'.",
        ),
        Code("unknown-unit", _E, "The unit is not known.", ""),
        Code("wrong-dimension", _E, "The unit does not measure what the metric measures.", ""),
        Code("missing-unit", _E, "The number has no unit.", ""),
        # references between documents
        Code("duplicate-id", _E, "The id is used twice.", "Give every item a unique id."),
        Code("unknown-metric", _E, "The metric is not in the metric vocabulary.", ""),
        Code("unknown-product-group", _E, "The product group is not known.", ""),
        Code(
            "unset-parameter",
            _E,
            "A parameter of an included criterion has no value.",
            "Set it in the reference: parameters: {name: value}.",
        ),
        Code(
            "weights-normalised",
            _W,
            "The weights do not add up and will be rescaled, as the tender asks.",
            "Publish the rescaled weights, or correct them and remove normalise_weights.",
        ),
        Code(
            "missing-weight",
            _E,
            "An award criterion has no weight.",
            "Add it under award.weights, or leave the criterion out.",
        ),
        Code(
            "weights-total",
            _E,
            "The weights do not add up to the declared total.",
            "Correct the weights; circular_ict never rescales weights silently.",
        ),
        Code(
            "missing-lcc",
            _E,
            "The award needs life-cycle-cost parameters.",
            "Add an 'lcc:' section with the evaluation period, energy price and discounting.",
        ),
        Code(
            "unknown-criterion",
            _E,
            "The referenced criterion is not in the bundled library.",
            "List the library with 'circular-ict list'.",
        ),
        Code(
            "unknown-criteria-set",
            _E,
            "The criteria set is not in the bundled library.",
            "Use the id of a bundled set, e.g. eu-gpp-computers-2021.",
        ),
        Code(
            "empty-selection",
            _W,
            "The selection chooses no criterion.",
            "Loosen the filters, or remove the selection.",
        ),
        Code(
            "unknown-parameter", _E, "The parameter is not declared.", "Declare it under the criterion's 'parameters:'."
        ),
        Code(
            "unused-parameter",
            _W,
            "The parameter is declared but never used.",
            "Use it in 'requirement:' or remove it.",
        ),
        Code(
            "missing-language",
            _E,
            "A text lacks one of the set's languages.",
            "Add the text in every language listed under 'languages:'.",
        ),
        Code("requirement-mismatch", _E, "The requirement does not fit the metric's type.", ""),
        Code("unknown-level-scheme", _E, "The level scheme is not known.", "See criteria/levels.yaml."),
        Code(
            "ambition-mismatch",
            _E,
            "The ambition does not match the source level.",
            "Set 'ambition' to the level the scheme maps 'source_level' to, or correct 'source_level'.",
        ),
        Code("min-above-max", _E, "The minimum is above the maximum.", "Swap or correct the bounds."),
        Code(
            "invalid-cpv",
            _E,
            "The CPV code is not valid.",
            "A CPV code has 8 digits, optionally followed by '-' and a check digit: 30213100-6.",
        ),
        # recommended fields
        Code(
            "missing-source-url",
            _W,
            "The source has no URL.",
            "Add 'url:' so that buyers can check the source document.",
        ),
        Code(
            "missing-verification",
            _W,
            "The criterion does not say how it is verified.",
            "Add 'verification:' with the evidence a bidder must supply.",
        ),
        Code("review-overdue", _W, "The set's review date has passed.", "Review the set and move 'review_date' on."),
        # bids and bid tables (circular_ict.bids)
        Code(
            "empty-table",
            _E,
            "The table has no data rows.",
            "Add one row per offered product under the header row.",
        ),
        Code(
            "empty-cell",
            _E,
            "A cell of a required column is empty.",
            "Fill in the cell. Only metric columns may be left empty: a missing value is 'not demonstrated'.",
        ),
        Code(
            "mixed-types",
            _E,
            "The cells of one column hold values of different types.",
            "Give every cell of the column one type: in Excel, format the column as Number and re-enter the "
            "numbers stored as text.",
        ),
        Code(
            "inconsistent-bid",
            _E,
            "The rows of one bid disagree.",
            "Give every row of a bid (the same bid_id) the same price, lot and submission date.",
        ),
        Code(
            "formula-like-text",
            _W,
            "A text starts like a spreadsheet formula.",
            "A text that starts with =, +, - or @ may run as a formula when it is opened in a spreadsheet: "
            "check the value; circular_ict keeps it as text.",
        ),
        Code(
            "evidence-expired",
            _W,
            "The evidence was no longer valid when the bid was submitted.",
            "Ask the supplier for evidence that is valid on the submission date, or correct the date.",
        ),
    ]
}


def suggest(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The candidate closest to a misspelt ``word``, or None if none is close enough.

    The similarity is difflib's ratio (taken both ways, as it is not symmetric),
    and among close candidates a longer common prefix wins: typos are rarer at
    the start of a word (``lifetime`` -> ``lifespan``, not ``climate``).
    """
    best: tuple[float, str] | None = None
    for cand in candidates:
        ratio = max(
            difflib.SequenceMatcher(None, word, cand).ratio(), difflib.SequenceMatcher(None, cand, word).ratio()
        )
        if ratio < cutoff:
            continue
        prefix = next(
            (i for i, (a, b) in enumerate(zip(word, cand, strict=False)) if a != b), min(len(word), len(cand))
        )
        score = ratio + 0.05 * min(prefix, 4)
        if best is None or score > best[0]:
            best = (score, cand)
    return best[1] if best else None


def format_path(parts: Sequence[str | int]) -> str:
    """Render a document path: ``("criteria", 3, "requirement")`` -> ``criteria[3].requirement``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass(frozen=True)
class Diagnostic:
    """One located problem.

    ``line`` and ``column`` are 1-based; 0 means the position is unknown.
    """

    code: str
    message: str
    file: str = ""
    line: int = 0
    column: int = 0
    path: str = ""
    hint: str = ""
    severity: Severity = field(default=Severity.ERROR)

    @classmethod
    def make(
        cls,
        code: str,
        message: str,
        *,
        file: str = "",
        line: int = 0,
        column: int = 0,
        path: str | Sequence[str | int] = "",
        hint: str | None = None,
        severity: Severity | None = None,
    ) -> Diagnostic:
        """Build a diagnostic, filling severity and hint from the catalogue."""
        entry = CODES[code]
        return cls(
            code=code,
            message=message,
            file=file,
            line=line,
            column=column,
            path=path if isinstance(path, str) else format_path(path),
            hint=entry.hint if hint is None else hint,
            severity=entry.severity if severity is None else severity,
        )

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        """``file:line:col`` (parts that are unknown are left out)."""
        loc = self.file or "<input>"
        if self.line:
            loc += f":{self.line}:{self.column or 1}"
        return loc

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
        }

    def __str__(self) -> str:
        text = f"{self.location()}: {self.severity.value}[{self.code}] {self.message}"
        if self.path:
            text += f" (at {self.path})"
        return text


def _sort_key(d: Diagnostic) -> tuple[str, int, int]:
    return (d.file, d.line, d.column)


@dataclass(frozen=True)
class FileReport:
    """The diagnostics of one file, sorted by position."""

    file: str
    diagnostics: tuple[Diagnostic, ...] = ()
    document_type: str = ""

    @property
    def valid(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]


@dataclass(frozen=True)
class Report:
    """The result of validating one or more files."""

    files: tuple[FileReport, ...] = ()

    @classmethod
    def of(cls, reports: Iterable[FileReport]) -> Report:
        return cls(tuple(reports))

    @property
    def valid(self) -> bool:
        return all(f.valid for f in self.files)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for f in self.files for d in f.diagnostics]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.diagnostics)

    def as_dict(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "summary": {
                "files": len(self.files),
                "invalid_files": sum(not f.valid for f in self.files),
                "errors": len(self.errors),
                "warnings": len(self.warnings),
            },
            "files": [
                {
                    "file": f.file,
                    "type": f.document_type,
                    "valid": f.valid,
                    "diagnostics": [d.as_dict() for d in f.diagnostics],
                }
                for f in self.files
            ],
        }

    def summary(self) -> str:
        n_err, n_warn, n_files = len(self.errors), len(self.warnings), len(self.files)
        bad = sum(not f.valid for f in self.files)
        head = "valid" if self.valid else "invalid"
        return (
            f"{head}: {n_files} file{'s' * (n_files != 1)} checked, {bad} invalid, "
            f"{n_err} error{'s' * (n_err != 1)}, {n_warn} warning{'s' * (n_warn != 1)}"
        )

    def render(self, fmt: str = "text") -> str:
        """Render with one of the reporters in :mod:`circular_ict.reporters`."""
        from .reporters import render

        return render(self, fmt)


def sort_diagnostics(diags: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    """Position order (ties keep the order they were found in), exact duplicates removed."""
    return tuple(sorted(dict.fromkeys(diags), key=_sort_key))
