"""The example notebooks run from top to bottom, without errors, and draw their plots.

Each notebook in ``examples/notebooks/`` is executed in a fresh kernel (``python3``, from ipykernel) with the
notebook's folder as working directory, as a reader would run it. The notebooks carry their own checks (``assert``
cells with numbers worked by hand), so an error in any cell fails the test. The committed files must have their
outputs cleared.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import circular_ict

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "examples" / "notebooks"

#: Each notebook, and how many image/png outputs it must produce.
EXPECTED_PLOTS = {
    "score-the-example-tender.ipynb": 2,
    "market-screening.ipynb": 1,
    "compare-award-methods.ipynb": 1,
}


def test_every_notebook_is_listed() -> None:
    assert sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) == sorted(EXPECTED_PLOTS)


@pytest.mark.parametrize("name", sorted(EXPECTED_PLOTS))
def test_committed_notebook_has_no_outputs(name: str) -> None:
    nbformat = pytest.importorskip("nbformat")
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("name", sorted(EXPECTED_PLOTS))
def test_notebook_runs_and_plots(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("pandas")
    pytest.importorskip("matplotlib")
    # The kernel is a new process in the notebook's folder: make it import the package under test.
    package_root = str(Path(circular_ict.__file__).resolve().parent.parent)
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join([package_root, os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    )
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}
    )
    start = time.perf_counter()
    client.execute()  # raises CellExecutionError on the first cell that fails
    elapsed = time.perf_counter() - start
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    pngs = [o for o in outputs if o.output_type in ("display_data", "execute_result") and "image/png" in o.data]
    assert len(pngs) == EXPECTED_PLOTS[name]
    assert elapsed < 120
