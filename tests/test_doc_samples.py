"""Every ```python block of the documentation runs.

The blocks of one page run in page order and share one namespace, as a reader would paste them one after the other
into one Python session. The working folder is a temporary folder that mirrors the repository's root (a symbolic link
to each of its top-level entries), so a sample reads ``examples/laptop-tender/tender.yaml`` as written and the files it
writes (``tender.html``) land in the temporary folder, not in the repository.

A page provides the files a sample reads by putting ``<!-- file: NAME -->`` on the line just above a fenced block
(a CSV table, a YAML file): the block is written to NAME before the page's Python blocks run.

A block whose first line is ``# illustrative`` is shown but not run: it needs files that do not exist (a 200 MB bid
table). Use it sparingly; the test below keeps the list of such blocks short and explicit.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*([\w+-]*)\s*$")
_FILE = re.compile(r"^\s*<!--\s*file:\s*(\S+)\s*-->\s*$")

# The blocks marked illustrative, by page: a new one has to be added here on purpose.
ILLUSTRATIVE = {"security-and-audit.md": 1}


def _blocks(page: Path) -> list[tuple[int, str, str, str | None]]:
    """(line, language, text, file name from a ``<!-- file: -->`` line above) of each fenced block of a page."""
    found: list[tuple[int, str, str, str | None]] = []
    lines = page.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence, lang = m.groups()
        start = i
        named = _FILE.match(lines[i - 1]) if i > 0 else None
        body: list[str] = []
        i += 1
        while i < len(lines) and lines[i].strip() != fence:
            body.append(lines[i][len(indent) :] if lines[i].startswith(indent) else lines[i])
            i += 1
        found.append((start + 1, lang.lower(), "\n".join(body) + "\n", named.group(1) if named else None))
        i += 1
    return found


def _illustrative(text: str) -> bool:
    return re.match(r"# illustrative\b", text.split("\n", 1)[0].strip()) is not None


PAGES = sorted(p for p in DOCS.rglob("*.md") if any(lang == "python" for _, lang, _, _ in _blocks(p)))


def test_pages_with_samples_are_found() -> None:
    names = {p.relative_to(DOCS).as_posix() for p in PAGES}
    assert {"getting-started.md", "bids.md", "how-to/read-an-explanation.md", "how-to/market-screening.md"} <= names


def test_illustrative_blocks_are_few_and_listed() -> None:
    counts: dict[str, int] = {}
    for page in PAGES:
        n = sum(1 for _, lang, text, _ in _blocks(page) if lang == "python" and _illustrative(text))
        if n:
            counts[page.relative_to(DOCS).as_posix()] = n
    assert counts == ILLUSTRATIVE


def _mirror(folder: Path) -> None:
    for entry in ROOT.iterdir():
        if entry.name.startswith(".") or entry.name in ("site", "build", "dist"):
            continue
        (folder / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(DOCS).as_posix() for p in PAGES])
def test_python_samples_run(page: Path, tmp_path: Path) -> None:
    pytest.importorskip("numpy")
    _mirror(tmp_path)
    blocks = _blocks(page)
    for _line, _lang, text, name in blocks:
        if name is not None:
            assert not (tmp_path / name).exists(), f"{page.name}: {name} would hide a file of the repository"
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_text(text, encoding="utf-8")
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        for line, lang, text, _name in blocks:
            if lang != "python" or _illustrative(text):
                continue
            code = compile(text, f"{page.relative_to(DOCS).as_posix()}:{line}", "exec")
            with contextlib.redirect_stdout(io.StringIO()):
                exec(code, namespace)
    finally:
        os.chdir(old)
