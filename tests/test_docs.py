"""The documentation in docs/ is checked against the code, so that it cannot drift.

Conventions the pages follow (and this module enforces):

* Every fenced ``yaml`` block starts with a marker comment (after an optional
  ``# yaml-language-server:`` modeline):

  - ``# full document``: a complete circular_ict file; it must validate with no
    diagnostic at all;
  - ``# broken: code, code``: a file with deliberate mistakes; validating it must
    give exactly these codes;
  - ``# fragment: Model``: a piece of a file; it must validate as that model
    (structure only: references to other files are not checked);
  - ``# file: name``: a file of another tool (a CI workflow, a pre-commit
    configuration); it must be valid YAML.

* A fenced ``text`` block whose first line is ``$ circular-ict validate ...`` shows
  real output. The command is run in an empty folder, after writing the YAML block
  above it (skipping other output examples) to the file the command names, and
  its output must be exactly the rest of the block. The block above may also be a
  ``csv`` block (a bid table): it is written as it is to a ``.csv`` file, and
  turned into a workbook for an ``.xlsx`` file (numbers and TRUE/FALSE become
  typed cells; a cell written ``'198500`` is the text 198500, as Excel shows a
  number stored as text).

* A fenced ``text`` block whose first line is ``$ circular-ict score ...`` shows
  the real output of scoring files of the repository (e.g. the example tender):
  the command is run in the repository's root folder.

* A fenced ``text`` block whose first line is ``$ circular-ict select ...`` or
  ``$ circular-ict combine ...`` shows the real output (the report) of that
  command, run in an empty folder. Bundled sets are named by id; a file it names
  (``my-set.yaml``) is written from the nearest YAML block above it on the page
  marked ``# full document: my-set.yaml``.

* A ``# full document: path`` block whose path names a file of the repository is
  a copy of that file: it must hold the same data.

* ``<!-- fields: Model, Model -->`` above a table says that the table's rows
  are fields of those models: every field of every model appears in a table,
  with the right "Required" column, and every table row is a real field.

Run ``python tests/test_docs.py`` to rewrite the output blocks from the current
code after a message has changed on purpose.
"""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import sys
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pytest
import yaml
from pydantic import BaseModel, TypeAdapter

from circular_ict import cli, model
from circular_ict.diagnostics import CODES
from circular_ict.validation import DOCUMENT_TYPES, load_document
from circular_ict.yamlio import load_yaml

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md")) + sorted(DOCS.glob("how-to/*.md")) + sorted(DOCS.glob("nl/*.md"))
REQUIRED_PAGES = ["index", "criteria-format", "error-codes", "editor-integration", "cli", "architecture"]

# Files the output examples refer to that cannot be shown as a YAML block.
BIG_FILE_BYTES = 25_000_000


@dataclass(frozen=True)
class Block:
    page: Path
    line: int  # 1-based line of the opening fence
    lang: str
    text: str

    @property
    def where(self) -> str:
        return f"{self.page.name}:{self.line}"

    @property
    def first_line(self) -> str:
        return self.text.split("\n", 1)[0]


_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*([\w+-]*)\s*$")


def fenced_blocks(page: Path) -> list[Block]:
    """The fenced code blocks of a Markdown page, in order (indented fences are dedented)."""
    blocks: list[Block] = []
    lines = page.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence, lang = m.groups()
        start = i
        body: list[str] = []
        i += 1
        while i < len(lines) and lines[i].strip() != fence:
            body.append(lines[i][len(indent) :] if lines[i].startswith(indent) else lines[i])
            i += 1
        blocks.append(Block(page, start + 1, lang.lower(), "\n".join(body) + "\n"))
        i += 1
    return blocks


ALL_BLOCKS = [b for page in PAGES for b in fenced_blocks(page)]
YAML_BLOCKS = [b for b in ALL_BLOCKS if b.lang in ("yaml", "yml")]
OUTPUT_COMMANDS = ("$ circular-ict validate", "$ circular-ict score", "$ circular-ict select", "$ circular-ict combine")
OUTPUT_BLOCKS = [b for b in ALL_BLOCKS if b.lang in ("text", "console") and b.first_line.startswith(OUTPUT_COMMANDS)]


def marker(block: Block) -> tuple[str, str]:
    """The kind of a YAML block (full, broken, fragment, file) and its argument."""
    for line in block.text.splitlines():
        if line.startswith("# yaml-language-server:"):
            continue
        m = re.match(r"^# (full document|broken|fragment|file)\b:?\s*(.*)$", line)
        if m:
            return m.group(1), m.group(2).strip()
        break
    return "", ""


def broken_codes(argument: str) -> set[str]:
    """``"not-utf8 (saved as Latin-1)"`` -> ``{"not-utf8"}``."""
    return {c.strip() for c in argument.split("(", 1)[0].split(",") if c.strip()}


def encode(block: Block) -> bytes:
    kind, argument = marker(block)
    if kind == "broken" and "latin-1" in argument.lower():
        return block.text.encode("latin-1")
    return block.text.encode("utf-8")


def ids(blocks: list[Block]) -> list[str]:
    return [b.where for b in blocks]


# --------------------------------------------------------------------------- pages and links


def test_every_page_exists() -> None:
    names = {p.stem for p in PAGES}
    assert set(REQUIRED_PAGES) <= names


def _slug(heading: str) -> str:
    """The anchor GitHub makes of a heading."""
    text = re.sub(r"[`*_]|<[^>]+>", "", heading.strip()).lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    anchors: set[str] = set()
    counts: dict[str, int] = {}
    in_fence = False
    for line in page.read_text(encoding="utf-8").splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        m = re.match(r"^#{1,6}\s+(.*)$", line)
        if m and not in_fence:
            slug = _slug(m.group(1))
            n = counts.get(slug, 0)
            anchors.add(slug if n == 0 else f"{slug}-{n}")
            counts[slug] = n + 1
    return anchors


_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def _prose(page: Path) -> str:
    """The page without its fenced blocks and inline code."""
    out: list[str] = []
    in_fence = False
    for line in page.read_text(encoding="utf-8").splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence:
            out.append(re.sub(r"`[^`]*`", "", line))
    return "\n".join(out)


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_relative_links_resolve(page: Path) -> None:
    problems = []
    for target in _LINK.findall(_prose(page)):
        if re.match(r"^[a-z]+:", target):
            continue  # https:, mailto:
        path_part, _, anchor = target.partition("#")
        dest = (page.parent / path_part).resolve() if path_part else page
        if not dest.exists():
            problems.append(f"{target}: no such file")
            continue
        if anchor and dest.suffix == ".md" and anchor not in _anchors(dest):
            problems.append(f"{target}: no heading with anchor #{anchor}")
    assert problems == []


def test_architecture_lists_every_module() -> None:
    """Every module and subpackage of circular_ict has a row in the "Rooms" table of architecture.md."""
    package = Path(model.__file__).resolve().parent.parent
    modules = {f.stem for f in package.glob("*.py") if not f.stem.startswith("_")}
    modules |= {f"{d.name}/" for d in package.iterdir() if d.is_dir() and any(d.glob("*.py"))}
    text = (DOCS / "architecture.md").read_text(encoding="utf-8")
    rows = set(re.findall(r"^\| `([a-z_]+/?)`", text, flags=re.MULTILINE))
    assert sorted(modules - rows) == [], "describe these modules in docs/architecture.md"
    assert sorted(rows - modules) == [], "these modules no longer exist"


def test_index_links_every_page() -> None:
    text = (DOCS / "index.md").read_text(encoding="utf-8")
    for name in REQUIRED_PAGES:
        if name != "index":
            assert f"({name}.md" in text, name


# --------------------------------------------------------------------------- YAML examples


def test_every_yaml_block_is_marked() -> None:
    unmarked = [b.where for b in YAML_BLOCKS if not marker(b)[0]]
    assert unmarked == [], "start each yaml block with '# full document', '# broken: code', '# fragment: Model'"


FULL = [b for b in YAML_BLOCKS if marker(b)[0] == "full document"]
BROKEN = [b for b in YAML_BLOCKS if marker(b)[0] == "broken"]
FRAGMENTS = [b for b in YAML_BLOCKS if marker(b)[0] == "fragment"]
OTHER_FILES = [b for b in YAML_BLOCKS if marker(b)[0] == "file"]


@pytest.mark.parametrize("block", FULL, ids=ids(FULL))
def test_full_documents_are_valid(block: Block) -> None:
    found, report = load_document(encode(block), file="example.yaml")
    assert [str(d) for d in report.diagnostics] == []
    assert found is not None


COPIES = [b for b in FULL if marker(b)[1] and (ROOT / marker(b)[1]).is_file()]


@pytest.mark.parametrize("block", COPIES, ids=ids(COPIES))
def test_copies_of_files_are_faithful(block: Block) -> None:
    """A '# full document: examples/...' block holds the same data as the file it copies."""
    shown = load_yaml(encode(block), file="example.yaml")
    original = load_yaml(ROOT / marker(block)[1])
    assert shown.data == original.data, f"copy {marker(block)[1]} into {block.where} again"


@pytest.mark.parametrize("block", BROKEN, ids=ids(BROKEN))
def test_broken_examples_give_their_codes(block: Block) -> None:
    expected = broken_codes(marker(block)[1])
    assert expected, "name the codes: '# broken: code, code'"
    assert expected <= set(CODES), expected - set(CODES)
    _found, report = load_document(encode(block), file="example.yaml")
    assert {d.code for d in report.diagnostics} == expected, [str(d) for d in report.diagnostics]


def _model_types() -> dict[str, Any]:
    types: dict[str, Any] = {name: getattr(model, name) for name in model.__all__}
    types.update({m.__name__: m for m in reachable_models()})
    return types


@pytest.mark.parametrize("block", FRAGMENTS, ids=ids(FRAGMENTS))
def test_fragments_are_valid(block: Block) -> None:
    name, _, field = marker(block)[1].partition(".")
    types = _model_types()
    assert name in types, f"unknown model {name!r}"
    doc = load_yaml(encode(block), file="fragment.yaml")
    assert [str(d) for d in doc.diagnostics] == []
    if field:  # "Model.field": a mapping with that one key, as it appears in the file
        assert list(doc.data) == [field], f"the fragment should hold only '{field}:'"
        TypeAdapter(types[name].model_fields[field].annotation).validate_python(doc.data[field])
    else:
        TypeAdapter(types[name]).validate_python(doc.data)


@pytest.mark.parametrize("block", OTHER_FILES, ids=ids(OTHER_FILES))
def test_other_yaml_files_parse(block: Block) -> None:
    assert yaml.safe_load(block.text) is not None


# --------------------------------------------------------------------------- output examples


def _setup_files(block: Block, folder: Path) -> list[str]:
    """Write the files an output example needs; return the command's arguments."""
    args = shlex.split(block.first_line.removeprefix("$ circular-ict "))
    parsed = cli.build_parser().parse_args(args)
    if parsed.command == "score":  # files of the repository, run in its root; nothing is written
        assert parsed.output is None, f"{block.where}: an output example prints, it does not write a file"
        for name in (parsed.tender, parsed.bids):
            assert (ROOT / name).exists(), f"{block.where}: {name} is not a path in the repository"
        return args
    if parsed.command in ("select", "combine"):  # bundled sets by id; files from blocks marked with their name
        names = parsed.sets or []
        for name in (n for n in names if n.endswith((".yaml", ".yml"))):
            above = [b for b in YAML_BLOCKS if b.page == block.page and b.line < block.line and marker(b)[1] == name]
            assert above, f"{block.where}: put the YAML of {name} in a block marked '# full document: {name}' above"
            (folder / name).write_bytes(encode(above[-1]))
        return args
    paths = list(parsed.paths)
    # the YAML (or CSV) block above, skipping other output examples of the same file
    blocks = [b for b in fenced_blocks(block.page) if b.line < block.line]
    while blocks and blocks[-1] in OUTPUT_BLOCKS:
        blocks.pop()
    previous = blocks[-1] if blocks else None
    if previous is not None and previous.lang in ("yaml", "yml") and marker(previous)[0] in ("full document", "broken"):
        assert len(paths) == 1, f"{block.where}: one file per example"
        (folder / paths[0]).write_bytes(encode(previous))
    elif previous is not None and previous.lang == "csv":
        assert len(paths) == 1, f"{block.where}: one file per example"
        if paths[0].endswith(".xlsx"):
            _write_workbook(previous.text, folder / paths[0])
        else:
            assert paths[0].endswith(".csv"), f"{block.where}: a csv block is written to a .csv or .xlsx file"
            (folder / paths[0]).write_bytes(previous.text.encode("utf-8"))
    else:
        for name in paths:
            if name == "big.yaml":
                (folder / name).write_bytes(b"#" * (BIG_FILE_BYTES - 1) + b"\n")
            elif name != "missing.yaml":
                raise AssertionError(f"{block.where}: put the YAML of {name} in a block just above the output")
    return args


def _typed_cell(text: str) -> Any:
    """A CSV cell as Excel would store it when typed in: a number, a boolean, text ('198500 is text) or empty."""
    if text == "":
        return None
    if text.startswith("'"):
        return text[1:]
    if text in ("TRUE", "FALSE"):
        return text == "TRUE"
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text


def _write_workbook(csv_text: str, path: Path) -> None:
    import csv

    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    for row in csv.reader(io.StringIO(csv_text)):
        sheet.append([_typed_cell(cell) for cell in row])
    book.save(path)


def _run(args: list[str], folder: Path) -> tuple[int, str]:
    out = io.StringIO()
    old = Path.cwd()
    try:
        import os

        os.chdir(folder)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            code = cli.main(args)
    finally:
        os.chdir(old)
    return code, out.getvalue()


def actual_output(block: Block, folder: Path) -> str:
    args = _setup_files(block, folder)
    _code, out = _run(args, ROOT if args[0] == "score" else folder)
    return f"{block.first_line}\n{out}"


@pytest.mark.parametrize("block", OUTPUT_BLOCKS, ids=ids(OUTPUT_BLOCKS))
def test_output_examples_are_real(block: Block, tmp_path: Path) -> None:
    assert actual_output(block, tmp_path) == block.text, "run: python tests/test_docs.py"


def test_quoted_messages_are_real() -> None:
    """A message line shown outside an output example must appear in one (so that it is real too)."""
    real = "".join(b.text for b in OUTPUT_BLOCKS)
    for block in ALL_BLOCKS:
        if block in OUTPUT_BLOCKS:
            continue
        for line in block.text.splitlines():
            if re.match(r"^\S+:\d+:\d+: (error|warning)\[", line):
                assert line in real, f"{block.where}: {line}"


# --------------------------------------------------------------------------- error codes


def code_sections() -> dict[str, str]:
    """The sections ``### `code` `` of error-codes.md, by code."""
    sections: dict[str, str] = {}
    current: str | None = None
    in_fence = False
    for line in (DOCS / "error-codes.md").read_text(encoding="utf-8").splitlines(keepends=True):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and re.match(r"^#{1,3} ", line):
            m = re.match(r"^### `([a-z0-9-]+)`\s*$", line)
            current = m.group(1) if m else None
            if current is not None:
                assert current not in sections, f"two sections for {current}"
                sections[current] = ""
            continue
        if current is not None:
            sections[current] += line
    return sections


def test_every_code_has_a_section() -> None:
    sections = code_sections()
    assert sorted(set(CODES) - set(sections)) == [], "document these codes in docs/error-codes.md"
    assert sorted(set(sections) - set(CODES)) == [], "these documented codes do not exist"


def test_every_code_mentioned_exists() -> None:
    for page in sorted({b.page for b in OUTPUT_BLOCKS}):
        text = page.read_text(encoding="utf-8")
        mentioned = set(re.findall(r"(?:error|warning)\[([a-z0-9-]+)\]", text))
        mentioned |= set(re.findall(r"^# broken: ([a-z0-9, -]+)", text, flags=re.MULTILINE))
        flat = {c.strip() for m in mentioned for c in m.split(",") if c.strip()}
        assert flat - set(CODES) == set(), page.name


@pytest.mark.parametrize("code", sorted(CODES))
def test_code_section_is_complete(code: str) -> None:
    body = code_sections()[code]
    severity = re.search(r"\*\*Severity:\*\*\s*(error|warning)", body)
    assert severity is not None, "state '**Severity:** error' or '**Severity:** warning'"
    assert severity.group(1) == CODES[code].severity.value
    assert "**Fix:**" in body
    examples = [b for b in body.split("```") if b.startswith(("text\n$ circular-ict", "console\n$ circular-ict"))]
    if "not reported yet" in body:
        package = Path(model.__file__).resolve().parent.parent
        users = [f.name for f in package.rglob("*.py") if f.name != "diagnostics.py" and f'"{code}"' in f.read_text()]
        assert users == [], f"{code} is reported now: replace 'not reported yet' by an example"
        return
    assert any(f"[{code}]" in b for b in examples), "show the real output of an example with this code"
    for kind_arg in re.findall(r"^# broken: (.*)$", body, flags=re.MULTILINE):
        assert code in broken_codes(kind_arg)


# --------------------------------------------------------------------------- command lines


def _command_lines() -> Iterator[tuple[str, str]]:
    for block in ALL_BLOCKS:
        for line in block.text.splitlines():
            m = re.match(r"^\s*(?:\$\s+|-?\s*run:\s+|entry:\s+)(circular-ict(?:\s.*)?)$", line)
            if m:
                yield block.where, m.group(1)


COMMANDS = list(_command_lines())


def test_cli_page_shows_commands() -> None:
    shown = [c for where, c in COMMANDS if where.startswith("cli.md")]
    for needed in ("circular-ict validate", "circular-ict schema", "circular-ict --version", "--format github"):
        assert any(needed in c for c in shown), needed


@pytest.mark.parametrize(("where", "command"), COMMANDS, ids=[f"{w}:{c}" for w, c in COMMANDS])
def test_commands_parse(where: str, command: str) -> None:
    args = shlex.split(command.split(" > ", 1)[0].split(" | ", 1)[0])[1:]
    parser = cli.build_parser()
    code: int | str | None = 0
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()) as err:
        try:
            parser.parse_args(args)
        except SystemExit as exc:  # --version and --help exit 0; a usage error exits 2
            code = exc.code
    assert code == 0, err.getvalue()


def test_exit_codes_are_documented() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    for code in (cli.EXIT_OK, cli.EXIT_INVALID, cli.EXIT_USAGE, cli.EXIT_INTERNAL):
        assert re.search(rf"^\| {code} \|", text, flags=re.MULTILINE), code


# --------------------------------------------------------------------------- the file format


def _models_in(tp: Any) -> Iterator[type[BaseModel]]:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        yield tp
        return
    for arg in typing.get_args(tp):
        yield from _models_in(arg)


def reachable_models() -> list[type[BaseModel]]:
    """Every model a circular_ict file can contain, starting from the document types."""
    found: dict[str, type[BaseModel]] = {}
    stack = [m for _key, m in DOCUMENT_TYPES.values()]
    while stack:
        m = stack.pop()
        if m.__name__ in found:
            continue
        found[m.__name__] = m
        for field in m.model_fields.values():
            stack.extend(_models_in(field.annotation))
    return list(found.values())


def _literals(tp: Any) -> Iterator[str]:
    if typing.get_origin(tp) is Literal:
        yield from (str(a) for a in typing.get_args(tp))
        return
    for arg in typing.get_args(tp):
        yield from _literals(arg)


#: The pages that document file formats: every model field, allowed value and document type is in one of them.
FORMAT_PAGES = ["criteria-format.md", "tender-format.md", "bids.md"]


def format_text() -> str:
    return "\n".join((DOCS / page).read_text(encoding="utf-8") for page in FORMAT_PAGES if (DOCS / page).exists())


def field_tables() -> dict[str, dict[str, str]]:
    """``<!-- fields: A, B -->`` tables of the format pages: model -> field -> "Required" cell."""
    lines = format_text().splitlines()
    tables: dict[str, dict[str, str]] = {}
    for i, line in enumerate(lines):
        m = re.match(r"^<!-- fields: (.*) -->$", line.strip())
        if not m:
            continue
        names = [n.strip() for n in m.group(1).split(",")]
        j = i + 1
        while j < len(lines) and not lines[j].startswith("|"):
            j += 1
        header = [c.strip() for c in lines[j].strip("|").split("|")]
        col = header.index("Required")
        for row in lines[j + 2 :]:
            if not row.startswith("|"):
                break
            cells = [c.strip() for c in row.strip("|").split("|")]
            key = re.fullmatch(r"`([a-z0-9_]+)`", cells[0])
            assert key, f"the first cell must be a `field`: {row}"
            for name in names:
                tables.setdefault(name, {})[key.group(1)] = cells[col]
    return tables


MODELS = reachable_models()


@pytest.mark.parametrize("m", MODELS, ids=[m.__name__ for m in MODELS])
def test_every_field_is_documented(m: type[BaseModel]) -> None:
    rows = field_tables().get(m.__name__)
    assert rows is not None, f"add a table marked <!-- fields: {m.__name__} --> to a page of {FORMAT_PAGES}"
    assert sorted(set(m.model_fields) - set(rows)) == [], "fields missing from the table"
    assert sorted(set(rows) - set(m.model_fields)) == [], "table rows that are not fields"
    for name, field in m.model_fields.items():
        said = rows[name].split()[0].lower().strip("*,.")
        assert said == ("yes" if field.is_required() else "no"), f"Required column of {name!r}"


def test_every_allowed_value_is_documented() -> None:
    text = format_text()
    missing = {
        f"{m.__name__}.{name}: {value}"
        for m in MODELS
        for name, field in m.model_fields.items()
        for value in _literals(field.annotation)
        if f"`{value}`" not in text
    }
    assert sorted(missing) == []


def _unit_file_names() -> set[str]:
    """Every unit and prefix name, symbol and alias defined in circular_ict/units.txt."""
    names: set[str] = set()
    text = (ROOT / "circular_ict" / "units.txt").read_text(encoding="utf-8")
    in_block = False  # inside @defaults ... @end
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("@"):
            in_block = line != "@end"
            continue
        if in_block or not line or line.startswith("[") or "=" not in line:
            continue
        first, _definition, *aliases = (part.strip() for part in line.split("="))
        names.update(n for n in (first, *aliases) if n and n not in ("_", "_-"))
    return names


def test_every_unit_and_prefix_is_documented() -> None:
    text = (DOCS / "criteria-format.md").read_text(encoding="utf-8")
    names = _unit_file_names()
    assert {"year", "kilo-", "k-", "CO2e", "%"} <= names
    assert sorted(n for n in names if f"`{n}`" not in text) == []


def test_every_document_type_is_documented() -> None:
    text = format_text()
    for kind, (key, _m) in DOCUMENT_TYPES.items():
        assert f"`{kind}`" in text, kind
        assert f"`{key}:`" in text, key


#: Keywords whose value is instance data (a default value, a constant), not a schema: its keys are not keywords.
_DATA_KEYWORDS = ("default", "const", "enum", "examples")


def _schema_keywords(node: Any, in_names: bool = False) -> Iterator[str]:
    """The keywords a schema uses (not the property names it defines, nor the keys of default values)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if not in_names:
                yield key
            if in_names or key not in _DATA_KEYWORDS:
                yield from _schema_keywords(value, key in ("properties", "$defs", "patternProperties"))
    elif isinstance(node, list):
        for item in node:
            yield from _schema_keywords(item)


def test_schema_keywords_are_the_documented_draft_07_ones() -> None:
    from circular_ict.schema import SCHEMA_IDS, json_schema

    text = (DOCS / "editor-integration.md").read_text(encoding="utf-8")
    used = {kw for kind in SCHEMA_IDS for kw in _schema_keywords(json_schema(kind))}
    assert sorted(kw for kw in used if f"`{kw}`" not in text) == []
    assert not used & {"prefixItems", "$dynamicRef", "unevaluatedProperties", "dependentRequired", "discriminator"}


# --------------------------------------------------------------------------- updating the pages


def update() -> None:
    """Rewrite every output block from the current code."""
    import tempfile

    for page in sorted({b.page for b in OUTPUT_BLOCKS}):
        text = page.read_text(encoding="utf-8")
        lines = text.splitlines(keepends=True)
        for block in reversed([b for b in OUTPUT_BLOCKS if b.page == page]):
            with tempfile.TemporaryDirectory() as tmp:
                new = actual_output(block, Path(tmp))
            old_count = block.text.count("\n")
            lines[block.line : block.line + old_count] = [new]
        page.write_text("".join(lines), encoding="utf-8")
        print(f"updated {page.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(update())
