"""Renderers for validation reports: text, JSON and GitHub annotations.

Each reporter is a function ``Report -> str`` registered in :data:`REPORTERS`.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from .diagnostics import Diagnostic, Report

__all__ = ["REPORTERS", "render"]


def render_text(report: Report) -> str:
    """Compiler-style lines ``file:line:col: error[code] message``, hints indented, then a summary."""
    lines: list[str] = []
    for d in report.diagnostics:
        lines.append(str(d))
        if d.hint:
            lines.append(f"    hint: {d.hint}")
    lines.append(report.summary())
    return "\n".join(lines) + "\n"


def render_json(report: Report) -> str:
    """The report as JSON (stable keys; see the error-code documentation)."""
    return json.dumps(report.as_dict(), indent=2, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github_line(d: Diagnostic) -> str:
    props = [f"file={_escape_property(d.file)}"]
    if d.line:
        props += [f"line={d.line}", f"col={d.column or 1}"]
    props.append(f"title={_escape_property(d.code)}")
    message = d.message + (f" (at {d.path})" if d.path else "") + (f". Hint: {d.hint}" if d.hint else "")
    return f"::{d.severity.value} {','.join(props)}::{_escape_data(message)}"


def render_github(report: Report) -> str:
    """GitHub Actions workflow commands (``::error file=...,line=...::message``)."""
    return "".join(_github_line(d) + "\n" for d in report.diagnostics) + report.summary() + "\n"


#: Reporter functions by format name.
REPORTERS: dict[str, Callable[[Report], str]] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
}


def render(report: Report, fmt: str = "text") -> str:
    """Render ``report`` in format ``fmt`` (a key of :data:`REPORTERS`)."""
    try:
        return REPORTERS[fmt](report)
    except KeyError:
        raise ValueError(f"unknown report format {fmt!r}; choose from {', '.join(REPORTERS)}") from None
