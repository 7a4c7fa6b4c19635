"""The installed package carries the bundled library, the schemas and its type marker.

CI installs the project non-editable (as the README says) and runs the tests against that installation;
these tests check that what the wheel installed is complete and identical to the checkout.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest

import circular_ict
from circular_ict import catalogue

ROOT = Path(__file__).resolve().parent.parent
INSTALLED = Path(circular_ict.__file__).resolve().parent != ROOT / "circular_ict"


@pytest.mark.skipif(not INSTALLED, reason="runs against an installed (non-editable) package, as in CI")
def test_installed_package_has_the_library() -> None:
    packaged = files("circular_ict").joinpath("criteria")
    assert packaged.is_dir()
    assert str(catalogue.library_root()) == str(packaged)
    for path in sorted((ROOT / "criteria").rglob("*.yaml")):
        rel = path.relative_to(ROOT / "criteria").parts
        assert packaged.joinpath(*rel).read_bytes() == path.read_bytes(), rel


@pytest.mark.skipif(not INSTALLED, reason="runs against an installed (non-editable) package, as in CI")
def test_installed_package_has_schemas_units_and_marker() -> None:
    pkg = files("circular_ict")
    for name in ["py.typed", "units.txt"]:
        assert pkg.joinpath(name).is_file(), name
    for path in sorted((ROOT / "circular_ict" / "schemas").glob("*.json")):
        assert pkg.joinpath("schemas", path.name).read_bytes() == path.read_bytes()


def test_library_root_is_found() -> None:
    root = catalogue.library_root()
    assert root.joinpath("metrics.yaml").is_file()
