"""The same scoring configured in the ``bid-evaluation`` package (PyPI ``bid-evaluation``), as far as it can express it.

What it cannot express is done before it, in pandas/numpy, and counted in its time: unit conversion (it has no units)
and the pass/fail requirements (it has no exclusion step; its StagedEvaluator filters on scores, not on values).
Fixed-bound linear points use its FormulaCriterion (``clip``), steps its ThresholdCriterion, price its
MinimumRatioCriterion (lowest price / price x 100), which is ``ratio_lowest``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from bench.scoring_setup import METRICS


def available() -> str | None:
    try:
        from importlib.metadata import version

        import bid_evaluation  # noqa: F401

        return version("bid-evaluation")
    except Exception:
        return None


def build_evaluator(specs: list[dict[str, Any]], weights: list[float]) -> Any:
    from bid_evaluation import Evaluator

    ev = Evaluator(normalize_weights=True)
    w = iter(weights)
    for s in specs:
        col = f"c{s['i']:02d}"
        if s["kind"] == "linear":
            worst, best = s["worst"], s["best"]
            ev.formula(col, next(w), formula=f"clip((value - ({worst!r})) / ({best - worst!r}), 0, 1) * 100")
        elif s["kind"] == "steps":
            if s["higher"]:
                th = [(t, np.inf, p * 10.0) for t, p in s["steps"]]
            else:
                th = [(-np.inf, float(np.nextafter(t, np.inf)), p * 10.0) for t, p in s["steps"]]
            ev.threshold(col, next(w), thresholds=th)
    ev.min_ratio("price", 40.0)
    return ev


def run(raw: np.ndarray, price: np.ndarray, specs: list[dict[str, Any]], evaluator: Any) -> np.ndarray:
    import pandas as pd

    canon = raw * np.array([METRICS[j][3] for j in range(raw.shape[1])])
    ok = np.ones(raw.shape[0], dtype=bool)
    cols: dict[str, Any] = {}
    for s in specs:
        x = canon[:, s["i"] % len(METRICS)]
        if s["kind"] == "requirement":
            ok &= (x >= s["bound"]) if s["higher"] else (x <= s["bound"])
        else:
            cols[f"c{s['i']:02d}"] = x
    cols["price"] = price
    df = pd.DataFrame(cols)[ok].reset_index(drop=True)
    out = evaluator.evaluate(df, include_details=False)
    return np.asarray(out["final_score"], dtype=float)
