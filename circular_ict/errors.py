"""The exceptions of circular_ict.

All of them derive from :class:`CircularIctError`. Like pint's errors they carry
structured fields and build their message themselves; exceptions about files
carry the :class:`~circular_ict.diagnostics.Report` with every problem found.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .diagnostics import Diagnostic, Report

__all__ = ["CircularIctError", "DocumentError", "UnitError"]


class CircularIctError(Exception):
    """Base class of every error raised by circular_ict."""


@dataclass
class UnitError(CircularIctError, ValueError):
    """A quantity or unit that cannot be used.

    ``code`` is a diagnostic code from :data:`circular_ict.diagnostics.CODES`
    (``decimal-comma``, ``unknown-unit``, ``wrong-dimension``...).
    """

    code: str
    text: str
    problem: str
    hint: str = ""

    def __str__(self) -> str:
        msg = f"{self.problem}: {self.text!r}"
        return f"{msg} ({self.hint})" if self.hint else msg

    def __reduce__(self) -> tuple[type[UnitError], tuple[str, str, str, str]]:
        return (UnitError, (self.code, self.text, self.problem, self.hint))


@dataclass
class DocumentError(CircularIctError):
    """A file that is not valid; ``report`` holds every diagnostic found."""

    report: Report
    diagnostics: list[Diagnostic] = field(init=False)

    def __post_init__(self) -> None:
        self.diagnostics = self.report.errors

    def __str__(self) -> str:
        lines = [str(d) for d in self.report.errors[:20]]
        more = len(self.report.errors) - len(lines)
        if more > 0:
            lines.append(f"... and {more} more")
        return "\n".join([self.report.summary(), *lines])

    def __reduce__(self) -> tuple[type[DocumentError], tuple[Report]]:
        return (DocumentError, (self.report,))
