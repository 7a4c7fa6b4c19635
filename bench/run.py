"""One command for all benchmarks: ``python -m bench`` (or ``python bench/run.py``) from the repository root.

Prints one table of medians and ratios, all measured in the same run, and the targets of issue 6 next to them.
``--quick`` shrinks every size for a smoke run (seconds); ``--full`` adds 1M offers (long; not the default).
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

Row = tuple[str, str, str, str]  # (benchmark, measurement, comparison, note)


def median_time(repeat: int, fn: Callable[..., Any], *args: Any) -> tuple[float, Any]:
    """The median wall time of ``fn(*args)`` over ``repeat`` calls, and its last result."""
    times: list[float] = []
    out: Any = None
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        out = fn(*args)
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def fmt(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _cli() -> list[str]:
    exe = Path(sys.executable).parent / "circular-ict"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "circular_ict"]


def _subprocess_median(cmd: list[str], repeat: int) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, check=False)  # warm the OS file cache
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        r = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, check=False)
        times.append(time.perf_counter() - t)
        if r.returncode not in (0, 1):
            raise RuntimeError(f"{' '.join(cmd)} exited {r.returncode}: {r.stderr.decode()[-500:]}")
    return statistics.median(times)


def bench_cold_start(repeat: int, results: dict[str, float]) -> list[Row]:
    bare = _subprocess_median([sys.executable, "-c", "pass"], repeat)
    version = _subprocess_median([*_cli(), "--version"], repeat)
    validate = _subprocess_median([*_cli(), "validate", "criteria/metrics.yaml"], repeat)
    results["version_minus_bare"] = version - bare
    return [
        ("cold start: python -c pass", fmt(bare), "1.00x", f"median of {repeat}"),
        (
            "cold start: circular-ict --version",
            fmt(version),
            f"{version / bare:.2f}x bare (+{fmt(version - bare)})",
            "",
        ),
        (
            "cold start: circular-ict validate metrics.yaml",
            fmt(validate),
            f"{validate / bare:.2f}x bare (+{fmt(validate - bare)})",
            "",
        ),
    ]


def bench_library(repeat: int) -> list[Row]:
    import circular_ict

    t, _report = median_time(repeat, circular_ict.validate, ROOT / "criteria")
    files = len(list((ROOT / "criteria").rglob("*.yaml")))
    return [("validate bundled library (criteria/)", fmt(t), "", f"{files} YAML files, median of {repeat}")]


def make_big_yaml(target_bytes: int, directory: Path) -> Path:
    """A criteria set of many criteria: the EPEAT set's criteria repeated with fresh ids up to ``target_bytes``."""
    text = (ROOT / "criteria" / "sets" / "epeat.yaml").read_text(encoding="utf-8")
    head, body = text.split("\ncriteria:\n", 1)
    parts = [head, "\ncriteria:\n"]
    size, k = len(head), 0
    while size < target_bytes:
        chunk = re.sub(r"(\n  - id: )([\w.-]+)", rf"\g<1>\g<2>-r{k}", "\n" + body)
        parts.append(chunk)
        size += len(chunk)
        k += 1
    path = directory / "big-criteria.yaml"
    path.write_text("".join(parts), encoding="utf-8")
    return path


def bench_yaml(target_bytes: int, repeat: int, results: dict[str, float]) -> list[Row]:
    import yaml

    from circular_ict.yamlio import Limits, load_yaml

    with tempfile.TemporaryDirectory() as tmp:
        path = make_big_yaml(target_bytes, Path(tmp))
        text = path.read_text(encoding="utf-8")
        size = path.stat().st_size
        limits = Limits(max_bytes=size + 1, max_nodes=100_000_000)
        plain, data = median_time(repeat, yaml.load, text, yaml.CSafeLoader)
        tracked, doc = median_time(repeat, lambda: load_yaml(path, limits=limits))
        if doc.diagnostics:
            raise RuntimeError(f"generated YAML did not load cleanly: {doc.diagnostics[0]}")
        # load_yaml keeps dates as text where libyaml makes datetime.date: compare the criteria, not every scalar
        if [c["id"] for c in doc.data["criteria"]] != [c["id"] for c in data["criteria"]]:
            raise RuntimeError("load_yaml and yaml.CSafeLoader disagree on the generated file")
    results["yaml_ratio"] = tracked / plain
    n = len(data["criteria"])
    return [
        (f"YAML {size / 1e6:.1f} MB, plain yaml.CSafeLoader", fmt(plain), "1.00x", f"{n} criteria, median of {repeat}"),
        (
            "YAML same file, load_yaml (line tracking)",
            fmt(tracked),
            f"{tracked / plain:.2f}x plain",
            "same criteria (checked)",
        ),
    ]


def bench_scoring(
    sizes: list[int], ks: list[int], repeat_small: int, results: dict[str, float], peer_version: str | None
) -> list[Row]:
    import numpy as np

    from bench import peer
    from bench.scoring_setup import build_bids, build_criteria, build_tender, generate_values, numpy_floor
    from circular_ict import catalogue
    from circular_ict.scoring.engine import evaluate

    metrics = catalogue.metrics()
    rows: list[Row] = []
    largest = (max(sizes), max(ks))
    for k in ks:
        crits, weights, specs = build_criteria(k)
        tender = build_tender(weights)
        wlist = list(weights.values())
        evaluator = peer.build_evaluator(specs, wlist) if peer_version else None
        for n in sizes:
            repeat = repeat_small if n <= 10_000 else 1
            raw, price = generate_values(n, k)
            build_t, bids = median_time(1, build_bids, raw, price)
            eval_t, ev = median_time(repeat, evaluate, tender, bids, crits, metrics)
            if (n, k) == largest:
                # peak resident memory of the whole process so far (Linux reports KiB): the largest run dominates it
                results["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            floor_t, floor_totals = median_time(max(repeat, 3), numpy_floor, raw, price, specs, wlist)
            ours = np.array([r.total for r in ev.ranking])
            if ours.shape != floor_totals.shape or not np.allclose(ours, floor_totals, rtol=1e-9, atol=1e-9):
                raise RuntimeError(f"engine and numpy floor disagree at {n} x {k}")
            del ev
            label = f"score {n:,} x {k}"
            results[f"eval_{n}_{k}"] = eval_t
            results[f"floor_{n}_{k}"] = floor_t
            rows.append((f"{label}: build Bid models", fmt(build_t), "", "pydantic, 1 run"))
            rows.append((f"{label}: evaluate()", fmt(eval_t), f"{eval_t / floor_t:.0f}x floor", f"median of {repeat}"))
            rows.append((f"{label}: numpy floor", fmt(floor_t), "1.00x", "same totals (checked)"))
            if evaluator is not None:
                peer_t, peer_totals = median_time(repeat, peer.run, raw, price, specs, evaluator)
                same = np.allclose(np.sort(peer_totals), np.sort(floor_totals), rtol=1e-9, atol=1e-9)
                results[f"peer_{n}_{k}"] = peer_t
                rows.append(
                    (
                        f"{label}: bid-evaluation {peer_version}",
                        fmt(peer_t),
                        f"ours {eval_t / peer_t:.2f}x its time",
                        "same totals (checked)" if same else "totals DIFFER",
                    )
                )
            del bids
            gc.collect()
    if "peak_mb" in results:
        n, k = largest
        rows.append(
            (
                f"peak memory, build + evaluate {n:,} x {k}",
                f"{results['peak_mb']:.0f} MB",
                "",
                "peak RSS of the process (models + engine)",
            )
        )
    return rows


def targets(results: dict[str, float], sizes: list[int]) -> list[Row]:
    rows: list[Row] = []

    def add(name: str, value: str, met: bool | None) -> None:
        rows.append((f"target: {name}", value, {True: "MET", False: "MISSED", None: "not measured"}[met], ""))

    mid = 100_000 if 100_000 in sizes else max(sizes)
    e, p, f = results.get(f"eval_{mid}_6"), results.get(f"peer_{mid}_6"), results.get(f"floor_{mid}_6")
    add(f"{mid:,} x 6 <= 0.5x bid-evaluation", f"{e / p:.2f}x" if e and p else "-", (e <= 0.5 * p) if e and p else None)
    add(f"{mid:,} x 6 <= 3x numpy floor", f"{e / f:.0f}x" if e and f else "-", (e <= 3 * f) if e and f else None)
    e1 = results.get("eval_1000000_6")
    e0 = results.get("eval_100000_6")
    if e1 and e0:
        add("linear growth 100k -> 1M (time ratio <= ~10x)", f"{e1 / e0:.1f}x", e1 / e0 <= 11)
    else:
        add("linear growth 100k -> 1M", "run with --full", None)
    peak = results.get("peak_mb")
    if peak is not None and 1_000_000 in sizes:
        add("1M x 20 peak memory < 1 GB", f"{peak:.0f} MB", peak < 1000)
    else:
        add("1M x 20 peak memory < 1 GB", "run with --full", None)
    d = results.get("version_minus_bare")
    add("--version within 150 ms of bare Python", f"+{fmt(d)}" if d is not None else "-", d <= 0.150 if d else None)
    y = results.get("yaml_ratio")
    add("line tracking <= 1.5x plain libyaml", f"{y:.2f}x" if y else "-", y <= 1.5 if y else None)
    return rows


def print_table(rows: list[Row], out: Any) -> None:
    header: Row = ("benchmark", "median", "ratio / result", "note")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    line = "  ".join("-" * w for w in widths)
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)), file=out)
    print(line, file=out)
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip(), file=out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="tiny sizes, for a smoke run")
    mode.add_argument("--full", action="store_true", help="add 1M offers (long; needs several GB of memory today)")
    args = ap.parse_args(argv)
    from bench.peer import available

    start = time.perf_counter()
    if args.quick:
        sizes, ks, reps, yaml_bytes, cold = [200, 1_000], [6], 1, 200_000, 1
    elif args.full:
        sizes, ks, reps, yaml_bytes, cold = [10_000, 100_000, 1_000_000], [6, 20], 3, 10_000_000, 5
    else:
        sizes, ks, reps, yaml_bytes, cold = [10_000, 100_000], [6, 20], 3, 10_000_000, 5
    peer_version = available()
    results: dict[str, float] = {}
    rows: list[Row] = []
    rows += bench_cold_start(cold, results)
    rows += bench_library(1 if args.quick else 3)
    rows += bench_yaml(yaml_bytes, 1 if args.quick else 3, results)
    rows += bench_scoring(sizes, ks, reps, results, peer_version)
    if peer_version is None:
        rows.append(("bid-evaluation", "-", "not installed", "pip install bid-evaluation to compare"))
    rows += targets(results, sizes)
    rows.append(("total benchmark wall time", fmt(time.perf_counter() - start), "", ""))
    print(
        f"circular_ict benchmarks ({'quick' if args.quick else 'full' if args.full else 'default'} mode), "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs"
    )
    print_table(rows, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
