"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def root() -> Path:
    """The checkout's top folder."""
    return ROOT


@pytest.fixture
def write(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write a YAML text to a file in a temporary folder and return its path."""

    def _write(text: str, name: str = "doc.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write
