"""The criteria-library pages in docs/library/ are checked against the bundled library, so that they cannot drift.

Each bundled criteria set has a page ``docs/library/<set-id>.md``; ``docs/library/index.md`` describes the whole
library. The tables between ``<!-- generated:NAME -->`` and ``<!-- /generated -->`` are written by
``tests/library_docs_gen.py``; when the library changes, run::

    PYTHONPATH=. python tests/library_docs_gen.py

to rewrite them (the prose around them is kept), then review the prose.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from circular_ict import catalogue
from circular_ict.model import AMBITION_LEVELS

ROOT = Path(__file__).resolve().parent.parent
LIBRARY_DOCS = ROOT / "docs" / "library"
INDEX = LIBRARY_DOCS / "index.md"
STARTER = "circular-ict-starter"
SETS = catalogue.list_bundled_sets()


def _load_generator() -> ModuleType:
    # The tests run with --import-mode=importlib, so the generator next to this file is loaded by path.
    path = Path(__file__).with_name("library_docs_gen.py")
    spec = importlib.util.spec_from_file_location("library_docs_gen", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


gen = _load_generator()


# ---------------------------------------------------------------- reading the pages


def page(set_id: str) -> Path:
    return LIBRARY_DOCS / f"{set_id}.md"


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def block(text: str, name: str) -> str:
    """The body of the generated block ``name``; exactly one such block must exist."""
    found = re.findall(rf"<!-- generated:{re.escape(name)} -->\n(.*?)<!-- /generated -->", text, re.S)
    assert len(found) == 1, f"expected one generated block {name!r}, found {len(found)}"
    return found[0]


def split_row(line: str) -> list[str]:
    inner = line.strip()
    assert inner.startswith("|"), line
    assert inner.endswith("|"), line
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", inner[1:-1])]


def parse_table(text: str) -> tuple[list[str], list[list[str]]]:
    """The header and the rows of the one Markdown table in ``text``."""
    lines = [line for line in text.splitlines() if line.strip().startswith("|")]
    assert len(lines) >= 2, f"no table in {text!r}"
    header = split_row(lines[0])
    assert all(re.fullmatch(r":?-+:?", c) for c in split_row(lines[1])), "second line is not a separator"
    rows = [split_row(line) for line in lines[2:]]
    assert all(len(r) == len(header) for r in rows), "a row has the wrong number of cells"
    return header, rows


def column(header: list[str], rows: list[list[str]], name: str) -> list[str]:
    i = header.index(name)
    return [r[i] for r in rows]


def unquote(cell: str) -> str:
    """A cell that holds one identifier in backticks, as plain text."""
    m = re.fullmatch(r"`([^`]+)`", cell)
    assert m, f"expected an identifier in backticks, got {cell!r}"
    return m.group(1)


def section(text: str, heading: str) -> str:
    """The text under a level-2 heading, up to the next level-2 heading."""
    m = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert m, f"no section '## {heading}'"
    return m.group(1)


# ---------------------------------------------------------------- (a) one page per set


def test_every_set_has_a_page_and_every_page_belongs_to_a_set() -> None:
    pages = {p.name for p in LIBRARY_DOCS.glob("*.md")} - {INDEX.name}
    assert pages == {f"{s}.md" for s in SETS}


def test_index_links_every_set_page() -> None:
    text = read(INDEX)
    for set_id in SETS:
        assert f"]({set_id}.md)" in text, set_id


@pytest.mark.parametrize("path", sorted(LIBRARY_DOCS.glob("*.md")), ids=lambda p: p.name)
def test_no_placeholder_is_left(path: Path) -> None:
    assert "TODO" not in read(path)


# ---------------------------------------------------------------- (b) the criteria tables


@pytest.mark.parametrize("set_id", [s for s in SETS if catalogue.load_bundled_set(s).criteria])
def test_criteria_table_lists_exactly_the_criteria_of_the_set(set_id: str) -> None:
    cset = catalogue.load_bundled_set(set_id)
    header, rows = parse_table(block(read(page(set_id)), "criteria"))
    assert [unquote(c) for c in column(header, rows, "id")] == [c.id for c in cset.criteria]
    assert column(header, rows, "level") == [c.ambition for c in cset.criteria]
    assert column(header, rows, "status") == [c.source.status for c in cset.criteria]
    assert column(header, rows, "title") == [" ".join(c.title["en"].split()) for c in cset.criteria]


def test_starter_table_lists_exactly_its_references() -> None:
    starter = catalogue.load_bundled_set(STARTER)
    resolved = {c.id: c for c in catalogue.resolve(starter).criteria}
    header, rows = parse_table(block(read(page(STARTER)), "references"))
    ids = [unquote(c) for c in column(header, rows, "id")]
    assert ids == [r.ref for r in starter.references]
    levels = [lv.split(" ", 1)[0] for lv in column(header, rows, "level")]
    assert levels == [resolved[i].ambition for i in ids]
    assert column(header, rows, "status") == [resolved[i].source.status for i in ids]
    origin = {c.id: s for s, c in catalogue.bundled_criteria()}
    assert column(header, rows, "set") == [f"[{origin[i]}]({origin[i]}.md)" for i in ids]


# ---------------------------------------------------------------- (c) the coverage tables


def coverage_counts(name: str) -> dict[tuple[str, str, str], int]:
    header, rows = parse_table(block(read(INDEX), name))
    assert header == ["product group", "theme", *AMBITION_LEVELS]
    counts: dict[tuple[str, str, str], int] = {}
    for row in rows:
        group, theme = unquote(row[0]), unquote(row[1])
        for level, value in zip(AMBITION_LEVELS, row[2:], strict=True):
            assert (group, theme, level) not in counts, (group, theme)
            counts[(group, theme, level)] = int(value)
    return counts


def test_library_coverage_table_matches_catalogue_coverage() -> None:
    expected = {key: len(ids) for key, ids in catalogue.coverage().items()}
    assert coverage_counts("coverage") == expected


def test_starter_coverage_table_matches_the_resolved_starter_set() -> None:
    starter = catalogue.resolve(catalogue.load_bundled_set(STARTER)).criteria
    expected = {
        (g, t, lv): sum(1 for c in starter if g in c.product_groups and t in c.themes and c.ambition == lv)
        for g in catalogue.MAIN_PRODUCT_GROUPS
        for t in catalogue.MISSION_THEMES
        for lv in AMBITION_LEVELS
    }
    assert coverage_counts("coverage-starter") == expected
    assert all(expected.values()), "the starter set is meant to fill every cell"


# ---------------------------------------------------------------- (d) the metric vocabulary


def test_metric_table_lists_every_metric_of_the_vocabulary() -> None:
    vocabulary = yaml.safe_load((ROOT / "criteria" / "metrics.yaml").read_text(encoding="utf-8"))
    header, rows = parse_table(block(read(INDEX), "metrics"))
    assert header[:5] == ["id", "type", "unit", "better", "name"]
    listed = [unquote(c) for c in column(header, rows, "id")]
    assert listed == [m["id"] for m in vocabulary["metrics"]]
    for m, row in zip(vocabulary["metrics"], rows, strict=True):
        assert row[1].split(":")[0] == m["type"], m["id"]
        assert row[2] == m.get("unit", "—"), m["id"]
        assert row[3] == m.get("better", "—"), m["id"]


def test_metrics_added_by_sets_are_listed() -> None:
    header, rows = parse_table(block(read(INDEX), "set-metrics"))
    listed = [unquote(c) for c in column(header, rows, "id")]
    assert listed == [m.id for s in SETS for m in catalogue.load_bundled_set(s).metrics]


# ---------------------------------------------------------------- (e) links


_FENCED = re.compile(r"^```.*?^```", re.S | re.M)
_LINK = re.compile(r"(?<!!)\[(?:[^\]]|\][^(])*\]\(([^)\s]+)\)")


def links(text: str) -> Iterator[str]:
    yield from _LINK.findall(_FENCED.sub("", text))


def anchors(path: Path) -> set[str]:
    """GitHub-style anchors of the headings of a Markdown page."""
    found = set()
    for heading in re.findall(r"^#{1,6} (.+)$", _FENCED.sub("", read(path)), re.M):
        plain = re.sub(r"[`*_]|\[([^\]]*)\]\([^)]*\)", r"\1", heading).strip().lower()
        found.add(re.sub(r"[^\w\- ]", "", plain).replace(" ", "-"))
    return found


@pytest.mark.parametrize("path", sorted(LIBRARY_DOCS.glob("*.md")), ids=lambda p: p.name)
def test_relative_links_resolve(path: Path) -> None:
    broken = []
    for target in links(read(path)):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # https:, mailto: ...
            continue
        file, _, anchor = target.partition("#")
        dest = (path.parent / file).resolve() if file else path
        missing_anchor = bool(anchor) and dest.suffix == ".md" and dest.exists() and anchor not in anchors(dest)
        if not dest.exists() or missing_anchor:
            broken.append(target)
    assert broken == []


def test_link_checker_finds_links() -> None:
    assert list(links("see [`a`](b.md#c) and [d](https://e)\n```\n[x](y)\n```\n")) == ["b.md#c", "https://e"]


# ---------------------------------------------------------------- honesty and freshness


def unverified_ids(set_id: str) -> list[str]:
    cset = catalogue.load_bundled_set(set_id)
    criteria = catalogue.resolve(cset).criteria if cset.references else cset.criteria
    return [c.id for c in criteria if c.source.status != "verified"]


@pytest.mark.parametrize("set_id", SETS)
def test_unverified_section_names_every_criterion_that_is_not_verified(set_id: str) -> None:
    text = section(read(page(set_id)), "What is still unverified")
    missing = [i for i in unverified_ids(set_id) if f"`{i}`" not in text]
    assert missing == []


@pytest.mark.parametrize("path", sorted(LIBRARY_DOCS.glob("*.md")), ids=lambda p: p.name)
def test_generated_tables_are_up_to_date(path: Path) -> None:
    pages = gen.expected_pages()
    assert path in pages, f"{path.name} belongs to no bundled set"
    text = read(path)
    assert gen.regenerate(text, pages[path](), path.name) == text, (
        f"{path.name} is out of date: run `PYTHONPATH=. python tests/library_docs_gen.py`"
    )


def test_regenerate_keeps_the_prose_and_rejects_unknown_blocks() -> None:
    text = "intro\n<!-- generated:a -->\nold\n<!-- /generated -->\noutro\n"
    assert gen.regenerate(text, {"a": "new\n"}) == "intro\n<!-- generated:a -->\nnew\n<!-- /generated -->\noutro\n"
    with pytest.raises(ValueError, match="unknown"):
        gen.regenerate(text, {"b": "x\n"})
    with pytest.raises(ValueError, match="duplicated"):
        gen.regenerate(text + text, {"a": "x\n"})
