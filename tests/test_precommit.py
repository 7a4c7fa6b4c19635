"""The pre-commit hook that circular_ict provides to repositories of criteria files (.pre-commit-hooks.yaml)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from circular_ict.cli import main

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / ".pre-commit-hooks.yaml"

#: The keys pre-commit requires of a hook definition (https://pre-commit.com/#creating-new-hooks).
REQUIRED = {"id", "name", "entry", "language"}


def _hook() -> dict[str, object]:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    assert [h["id"] for h in hooks] == ["circular-ict-validate"]
    hook = hooks[0]
    assert isinstance(hook, dict)
    return hook


def test_hook_definition_has_the_required_keys() -> None:
    hook = _hook()
    assert set(hook) >= REQUIRED
    assert hook["entry"] == "circular-ict validate"
    assert hook["language"] == "python"
    # The entry is the console script that pyproject.toml declares.
    assert 'circular-ict = "circular_ict.cli:run"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("path", "matched"),
    [
        ("criteria/sets/eu-gpp-computers-2021.yaml", True),
        ("tenders/notebooks.yml", True),
        ("examples/laptop-tender/tender.yaml", True),
        ("examples/notebooks/notebook-offers.csv", False),
        ("docs/index.md", False),
        ("criteria.yaml.bak", False),
    ],
)
def test_hook_files_pattern_selects_yaml(path: str, matched: bool) -> None:
    # pre-commit matches `files` with re.search on the path relative to the repository root.
    assert bool(re.search(str(_hook()["files"]), path)) is matched


def _staged(folder: str) -> list[str]:
    """The files pre-commit would pass to the hook if every file under ``folder`` had changed."""
    pattern = str(_hook()["files"])
    files = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / folder).rglob("*") if p.is_file())
    return [f for f in files if re.search(pattern, f)]


def test_hook_entry_passes_on_the_examples(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    staged = _staged("examples")
    assert "examples/laptop-tender/tender.yaml" in staged
    assert "examples/laptop-tender/bids/groen-it.yaml" in staged
    program, *args = shlex.split(str(_hook()["entry"]))
    assert (program, args) == ("circular-ict", ["validate"])
    assert main([*args, *staged]) == 0
    out = capsys.readouterr().out
    assert f"valid: {len(staged)} files checked" in out


def test_hook_entry_fails_on_a_broken_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The criteria set of docs/how-to/validate-in-ci.md: a warranty threshold in kWh.
    text = (ROOT / "docs" / "how-to" / "validate-in-ci.md").read_text(encoding="utf-8")
    marker = "# broken: wrong-dimension\n"
    block = marker + text.split("```yaml\n" + marker, 1)[1].split("```", 1)[0]
    (tmp_path / "my-set.yaml").write_text(block, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _program, *args = shlex.split(str(_hook()["entry"]))
    assert main([*args, "--format", "github", "my-set.yaml"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("::error file=my-set.yaml,line=16,col=49,title=wrong-dimension::")
