"""The documentation site: ``mkdocs build --strict`` passes, every page is in the navigation, links that leave
docs/ name files of the repository, and the Python examples of the getting-started pages print what they show.

Skipped only when mkdocs is not installed (it is in the ``dev`` and ``docs`` extras).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

# Pages deliberately left out of the navigation (none today).
NOT_IN_NAV: set[str] = set()

# Pages whose ```python blocks are run; each is followed by a ```text block with what it prints.
RUN_PAGES = ["getting-started.md", "nl/snelstart.md"]


class _Loader(yaml.SafeLoader):
    """mkdocs.yml may use !!python/name tags (e.g. for pymdownx); the navigation does not need them."""


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _config() -> dict[str, Any]:
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as f:
        config: dict[str, Any] = yaml.load(f, Loader=_Loader)
    return config


def _nav_pages(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [page for item in node for page in _nav_pages(item)]
    if isinstance(node, dict):
        return [page for value in node.values() for page in _nav_pages(value)]
    return []


def _mkdocs() -> str:
    exe = shutil.which("mkdocs", path=str(Path(sys.executable).parent)) or shutil.which("mkdocs")
    if exe is None:
        pytest.skip("mkdocs is not installed (pip install '.[docs]')")
    return exe


def test_every_page_is_in_the_nav() -> None:
    nav = _nav_pages(_config()["nav"])
    pages = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))
    assert sorted(set(pages) - set(nav) - NOT_IN_NAV) == [], "add these pages to the nav in mkdocs.yml"
    assert sorted(set(nav) - set(pages)) == [], "the nav names pages that do not exist"
    assert len(nav) == len(set(nav)), "a page is in the nav twice"
    assert set(pages) >= NOT_IN_NAV


# "Doc file 'index.md' contains a link '../README.md', but the target is not found among documentation files."
# "Doc file 'index.md' contains an unrecognized relative link '../criteria/', it was left as is."
_OUTSIDE = re.compile(
    r"Doc file '([^']+)' contains (?:a link '([^']+)', but the target is not found"
    r"|an unrecognized relative link '([^']+)')"
)


def test_site_builds_strictly(tmp_path: Path) -> None:
    exe = _mkdocs()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [exe, "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert "WARNING" not in log, log
    assert (tmp_path / "site" / "index.html").is_file()
    api = (tmp_path / "site" / "api" / "index.html").read_text(encoding="utf-8")
    for name in ("circular_ict.scoring.api.score", "circular_ict.select.select", "circular_ict.combine.combine"):
        assert f'id="{name}"' in api, f"the API page lacks {name}"

    # mkdocs.yml reports links that leave docs/ at INFO level; each must name a file or folder of the repository
    found = _OUTSIDE.findall(log)
    assert found, "expected the links to README.md, criteria/ and examples/"
    problems = []
    for page, link, folder in found:
        target = (link or folder).split("#", 1)[0]
        dest = ((DOCS / page).parent / target).resolve()
        if dest.is_relative_to(DOCS.resolve()):
            problems.append(f"{page}: {target} is inside docs/ but not a page of the site")
        elif not dest.exists():
            problems.append(f"{page}: {target} does not exist")
    assert problems == []


def _blocks(page: Path) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in re.finditer(r"^```(\w*)\n(.*?)^```$", page.read_text(), re.S | re.M)]


@pytest.mark.parametrize("name", RUN_PAGES)
def test_python_examples_print_what_they_show(name: str) -> None:
    blocks = _blocks(DOCS / name)
    runs = [(code, blocks[i + 1]) for i, (lang, code) in enumerate(blocks) if lang == "python"]
    assert runs, f"{name} has no Python example"
    for code, (lang, shown) in runs:
        assert lang == "text", f"{name}: follow each python block with a text block of its output"
        out = io.StringIO()
        old = Path.cwd()
        try:
            os.chdir(ROOT)
            with contextlib.redirect_stdout(out):
                exec(compile(code, name, "exec"), {"__name__": "__docs__"})
        finally:
            os.chdir(old)
        assert out.getvalue() == shown
