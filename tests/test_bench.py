"""Smoke test of the benchmark command (bench/): ``python -m bench --quick`` runs and prints its table."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_quick_prints_the_table() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    r = subprocess.run(
        [sys.executable, "-m", "bench", "--quick"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[1].split() == ["benchmark", "median", "ratio", "/", "result", "note"]
    rows = {line.split("  ")[0]: line for line in lines[3:]}
    for name in (
        "cold start: python -c pass",
        "cold start: circular-ict --version",
        "validate bundled library (criteria/)",
        "YAML same file, load_yaml (line tracking)",
        "score 1,000 x 6: evaluate()",
        "score 1,000 x 6: numpy floor",
        "total benchmark wall time",
    ):
        assert name in rows, name
    # the engine's totals were checked against the numpy floor (the command fails when they differ)
    assert "same totals (checked)" in rows["score 1,000 x 6: numpy floor"]
    targets = [line for line in lines if line.startswith("target: ")]
    assert len(targets) == 6
    # quick mode never reaches 1M offers: those two targets say so instead of a verdict
    assert sum("run with --full" in t for t in targets) == 2
    assert all(any(v in t for v in ("MET", "MISSED", "not measured")) for t in targets)
