"""The audit record of an evaluation, and checking a saved evaluation against its inputs.

Every :class:`~circular_ict.scoring.evaluation.Evaluation` carries an
:class:`AuditRecord`: the library version, the SHA-256 of every input (the
tender file, each bid file or bid table, and the bundled library files the
evaluation used), the parameters (the lot, the tender's award specification
and life-cycle-cost parameters, as data) and the evaluation date. The date is
the tender's ``date``, else the date the caller gave; never the clock, so the
same inputs give byte-identical output.

:func:`verify` re-runs an evaluation from its inputs and compares it with a
saved JSON evaluation: the input hashes, then the results byte for byte.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .errors import CircularIctError

if TYPE_CHECKING:
    from .scoring.evaluation import Evaluation
    from .yamlio import Limits

__all__ = [
    "AuditRecord",
    "InputChangedError",
    "InputFile",
    "VerifyResult",
    "hash_bytes",
    "hash_file",
    "library_inputs",
    "model_input",
    "read_input",
    "record_for",
    "unchanged",
    "verify",
]


def hash_bytes(data: bytes) -> str:
    """The SHA-256 of ``data``, as 64 lowercase hex digits."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class InputFile:
    """One input of an evaluation.

    ``role`` is ``tender``, ``bid``, ``bid-table`` or ``library``. ``name`` is
    the file name (for a folder of bids, the path inside the folder; for the
    library, the path inside the library, e.g. ``criteria/metrics.yaml``), so
    the record does not depend on where the files lie. ``source`` is ``file``,
    or ``memory`` for a model given in Python: its ``sha256`` is then the hash
    of the model's canonical JSON, and ``size`` is None.
    """

    role: str
    name: str
    sha256: str
    size: int | None
    source: str = "file"

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, "name": self.name, "source": self.source, "sha256": self.sha256, "size": self.size}


def read_input(path: str | Path, limits: Limits | None = None) -> bytes | None:
    """The bytes of an input file, or None when it cannot be read or is over ``limits.max_bytes`` (the loader then
    reports it with a located diagnostic)."""
    from .yamlio import Limits

    limit = (limits or Limits()).max_bytes
    try:
        if Path(path).stat().st_size > limit:
            return None
        data = Path(path).read_bytes()
    except OSError:
        return None
    return data if len(data) <= limit else None


class InputChangedError(CircularIctError):
    """An input file changed while it was being evaluated: its hash might not be that of the bytes read."""


def unchanged(before: Sequence[tuple[Path, tuple[int, int] | None]], after: Sequence[tuple[int, int] | None]) -> None:
    """Raise :class:`InputChangedError` if a file's size or modification time changed between hashing and
    loading, so the recorded hash is always that of the bytes the evaluation read."""
    for (path, old), new in zip(before, after, strict=True):
        if old != new:
            raise InputChangedError(f"{path} changed while it was being evaluated; run the evaluation again")


def hash_file(path: str | Path, role: str, name: str | None = None) -> InputFile:
    """Read ``path`` once and record its SHA-256 and size."""
    data = Path(path).read_bytes()
    return InputFile(role, name or Path(path).name, hash_bytes(data), len(data))


def model_input(role: str, name: str, model: Any) -> InputFile:
    """Record a model given in memory: the hash of its canonical JSON (sorted keys, no spaces)."""
    data = model.model_dump(mode="json", by_alias=True)
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return InputFile(role, name, hash_bytes(text.encode("utf-8")), None, "memory")


@dataclass(frozen=True)
class AuditRecord:
    """What an evaluation was computed from: version, inputs with their hashes, parameters and date."""

    library_version: str
    evaluated_on: str | None
    """The evaluation date (ISO 8601), or None when neither the tender nor the caller gave one."""
    date_source: str | None
    """``tender`` (the tender's ``date``), ``caller`` (given to :func:`~circular_ict.scoring.api.score`) or None."""
    inputs: tuple[InputFile, ...]
    parameters: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "library_version": self.library_version,
            "evaluated_on": self.evaluated_on,
            "date_source": self.date_source,
            "inputs": [i.to_dict() for i in self.inputs],
            "parameters": self.parameters,
        }


def library_inputs(ev: Evaluation) -> list[InputFile]:
    """The bundled library files an evaluation used: the metric vocabulary, product groups, level schemes, the
    CO2 defaults (when a life-cycle cost or CO2 footprint was computed) and the criteria sets the tender draws on
    (those its selections name and those that define the bundled criteria it uses)."""
    from .catalogue import bundled_criteria, criteria_set_files, library_root

    root = library_root()
    names = ["metrics.yaml", "products.yaml", "levels.yaml"]
    if any(b.co2 is not None or b.lcc is not None for b in ev.bids):
        names.append("co2-defaults.yaml")
    own = {c.id for c in ev.tender.criteria.own}
    defined = {c.id: set_id for set_id, c in bundled_criteria()}
    sets = {s.set for s in ev.tender.criteria.select}
    sets |= {defined[c.id] for c in ev.criteria if c.id not in own and c.id in defined}
    files = {f.name.rsplit(".", 1)[0]: f for f in criteria_set_files()}
    out = []
    for name in names:
        data = root.joinpath(name).read_bytes()
        out.append(InputFile("library", f"criteria/{name}", hash_bytes(data), len(data)))
    for set_id in sorted(sets):
        if set_id in files:
            data = files[set_id].read_bytes()
            out.append(InputFile("library", f"criteria/sets/{files[set_id].name}", hash_bytes(data), len(data)))
    return out


def parameters_of(ev: Evaluation) -> dict[str, Any]:
    """The parameters of an evaluation as data: the lot, the award specification and the lcc parameters."""
    tender = ev.tender
    return {
        "lot": ev.lot.id,
        "award": tender.award.model_dump(mode="json", by_alias=True, exclude_none=True),
        "lcc": None if tender.lcc is None else tender.lcc.model_dump(mode="json", by_alias=True, exclude_none=True),
    }


def record_for(
    ev: Evaluation,
    *,
    tender_input: InputFile | None = None,
    bid_inputs: Sequence[InputFile] | None = None,
    date_source: str | None = None,
) -> AuditRecord:
    """The audit record of ``ev``; inputs not given as files are recorded as given in memory."""
    tender_in = tender_input or model_input("tender", ev.tender.id, ev.tender)
    bids_in = list(bid_inputs) if bid_inputs is not None else [model_input("bid", b.id, b) for b in ev.bid_models]
    date = ev.tender.date
    return AuditRecord(
        library_version=__version__,
        evaluated_on=None if date is None else date.isoformat(),
        date_source=None if date is None else (date_source or "tender"),
        inputs=(tender_in, *bids_in, *library_inputs(ev)),
        parameters=parameters_of(ev),
    )


# --------------------------------------------------------------------------- verify


@dataclass(frozen=True)
class VerifyResult:
    """The outcome of :func:`verify`: ``identical`` when the hashes and the results match byte for byte."""

    identical: bool
    input_changes: tuple[str, ...]
    result_changes: tuple[str, ...]
    inputs_checked: int

    def to_text(self) -> str:
        if self.identical:
            return f"identical: {self.inputs_checked} input hashes and the results match the saved evaluation\n"
        lines = ["the saved evaluation does not match its inputs:"]
        if self.input_changes:
            lines.append("inputs:")
            lines += [f"  {c}" for c in self.input_changes]
        if self.result_changes:
            lines.append("results:")
            lines += [f"  {c}" for c in self.result_changes]
        return "\n".join(lines) + "\n"


class SavedEvaluationError(ValueError):
    """The saved evaluation is not a JSON evaluation with an audit record."""


def _saved(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SavedEvaluationError(f"not JSON: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("audit"), dict):
        raise SavedEvaluationError("not an evaluation saved with 'circular-ict score --format json' (no 'audit' key)")
    return data


def saved_arguments(saved_text: str) -> tuple[str | None, dt.date | None]:
    """The lot and the caller's evaluation date recorded in a saved evaluation (to re-run it the same way)."""
    data = _saved(saved_text)
    audit = data["audit"]
    when = None
    if audit.get("date_source") == "caller" and isinstance(audit.get("evaluated_on"), str):
        try:
            when = dt.date.fromisoformat(audit["evaluated_on"])
        except ValueError:
            raise SavedEvaluationError(f"bad evaluated_on {audit['evaluated_on']!r}") from None
    lot = data.get("lot")
    return (lot if isinstance(lot, str) else None), when


def verify(saved_text: str, ev: Evaluation) -> VerifyResult:
    """Compare a saved JSON evaluation with ``ev``, the evaluation re-run from the inputs.

    Reports each input whose hash changed, appeared or disappeared, and each difference in the results (a bid's
    status, total or rank, the ranking, any other key), or that the saved text differs only in its bytes.
    """
    saved = _saved(saved_text)
    fresh_text = ev.to_json()
    fresh = json.loads(fresh_text)
    input_changes = _input_changes(saved["audit"].get("inputs") or [], fresh["audit"]["inputs"])
    result_changes: list[str] = []
    if fresh_text != saved_text:
        result_changes = _result_changes(saved, fresh)
        if not result_changes:
            result_changes = ["the saved file differs from the re-run output in its bytes (layout or formatting)"]
    return VerifyResult(
        identical=not input_changes and fresh_text == saved_text,
        input_changes=tuple(input_changes),
        result_changes=tuple(result_changes),
        inputs_checked=len(fresh["audit"]["inputs"]),
    )


def _input_changes(saved: list[Any], fresh: list[dict[str, Any]]) -> list[str]:
    def key(item: Any) -> tuple[str, str]:
        return (str(item.get("role")), str(item.get("name"))) if isinstance(item, dict) else ("?", repr(item))

    old = {key(i): i for i in saved}
    new = {key(i): i for i in fresh}
    out = []
    for k, item in new.items():
        role, name = k
        if k not in old:
            out.append(f"{role} {name}: not in the saved evaluation (sha256 {item['sha256']})")
        elif old[k].get("sha256") != item["sha256"]:
            out.append(f"{role} {name}: sha256 changed from {old[k].get('sha256')} to {item['sha256']}")
    out += [
        f"{role} {name}: in the saved evaluation, not among the inputs now"
        for role, name in old
        if (role, name) not in new
    ]
    return out


def _result_changes(saved: dict[str, Any], fresh: dict[str, Any]) -> list[str]:
    out = []
    old_bids = {b.get("bid_id"): b for b in saved.get("bids", []) if isinstance(b, dict)}
    new_bids = {b["bid_id"]: b for b in fresh["bids"]}
    for bid_id, new in new_bids.items():
        old = old_bids.get(bid_id)
        if old is None:
            out.append(f"bid {bid_id}: not in the saved evaluation")
            continue
        for name in ("status", "total", "rank", "price", "evaluated_price", "price_points", "quality"):
            if old.get(name) != new.get(name):
                out.append(f"bid {bid_id}: {name} saved {old.get(name)!r}, re-run {new.get(name)!r}")
        if old != new and not any(line.startswith(f"bid {bid_id}:") for line in out):
            changed = sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))
            out.append(f"bid {bid_id}: {', '.join(changed)} differ")
    out += [f"bid {b}: in the saved evaluation, not re-run" for b in old_bids if b not in new_bids]
    for name in sorted(set(saved) | set(fresh)):
        if name in ("bids", "audit") or saved.get(name) == fresh.get(name):
            continue
        if name == "ranking":
            old_order, new_order = _order(saved.get(name)), _order(fresh.get(name))
            if old_order != new_order:
                out.append(f"ranking: saved {' > '.join(old_order)}, re-run {' > '.join(new_order)}")
            continue  # the totals are reported per bid
        out.append(f"{name}: saved {saved.get(name)!r}, re-run {fresh.get(name)!r}")
    old_audit, new_audit = saved.get("audit", {}), fresh["audit"]
    for name in sorted(set(old_audit) | set(new_audit)):
        if name != "inputs" and old_audit.get(name) != new_audit.get(name):
            out.append(f"audit.{name}: saved {old_audit.get(name)!r}, re-run {new_audit.get(name)!r}")
    return out


def _order(ranking: Any) -> list[str]:
    if not isinstance(ranking, list):
        return [repr(ranking)]
    return [str(e.get("bid_id")) if isinstance(e, dict) else repr(e) for e in ranking]
