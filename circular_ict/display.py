"""Plain-text renderings of criteria for the terminal: a table, and one criterion in full."""

from __future__ import annotations

from collections.abc import Sequence

from .model import Criterion, Provenance
from .serialize import to_data
from .yamlio import dump_yaml

__all__ = ["criteria_rows", "criterion_text", "table"]


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, max_width: int = 60) -> str:
    """An aligned text table; cells longer than ``max_width`` are shortened with '…'."""

    def cut(cell: str) -> str:
        cell = " ".join(cell.split())
        return cell if len(cell) <= max_width else cell[: max_width - 1] + "…"

    cells = [[cut(c) for c in row] for row in [list(headers), *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def _text(value: dict[str, str] | None, lang: str) -> str:
    if not value:
        return ""
    return value.get(lang) or next(iter(value.values()))


def criteria_rows(items: Sequence[tuple[str, Criterion]], lang: str = "en") -> list[list[str]]:
    """One row per criterion: id, kind, level, themes, product groups, set, title."""
    return [
        [c.id, c.kind, c.ambition, ",".join(c.themes), ",".join(c.product_groups), set_id, _text(c.title, lang)]
        for set_id, c in items
    ]


CRITERIA_HEADERS = ("id", "kind", "level", "themes", "product groups", "set", "title")


def _provenance(p: Provenance) -> list[str]:
    lines = [f"  {p.publisher}: {p.document}"]
    if p.code:
        lines.append(f"  code: {p.code}")
    if p.url:
        lines.append(f"  url: {p.url}")
    if p.date:
        lines.append(f"  date: {p.date.isoformat()}")
    lines.append(f"  status: {p.status}")
    if p.note:
        lines.append(f"  note: {p.note}")
    return lines


def criterion_text(set_id: str, c: Criterion) -> str:
    """The whole criterion, in every language it has, with its provenance."""
    data = to_data(c)
    lines = [
        f"{c.id}  ({c.kind}, {c.ambition}" + (f", source level: {c.source_level}" if c.source_level else "") + ")",
        f"set: {set_id}",
        f"themes: {', '.join(c.themes)}",
        f"product groups: {', '.join(c.product_groups)}",
    ]
    for lang in c.title:
        lines += ["", f"[{lang}] {c.title[lang]}", *_wrap(c.text.get(lang, ""))]
    for key in ("requirement", "parameters", "scoring", "verification"):
        if key in data:
            lines += ["", f"{key}:", *("  " + line for line in dump_yaml(data[key]).splitlines())]
    lines += ["", "source:", *_provenance(c.source)]
    if c.notes:
        lines += ["", "notes:", *[f"  [{k}] {v}" for k, v in c.notes.items()]]
    return "\n".join(lines) + "\n"


def _wrap(text: str, width: int = 100) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width=width) or [""]
