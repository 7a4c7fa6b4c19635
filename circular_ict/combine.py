"""Combining criteria sets: merge, deduplicate, resolve conflicts and report contradictions.

:func:`combine` merges criteria sets (models, or ids of bundled sets) into one new, validated
:class:`~circular_ict.model.CriteriaSet`, and says in a :class:`CombineResult` what it kept, deduplicated,
replaced or narrowed, and why. The definitions of "stricter" and "pointless" are in
:mod:`circular_ict.constraints`.

* **Identical** criteria (the same id and the same content, whatever their ``origin``) are kept once.
  **Equivalent** criteria (the same kind, the same metric, requirements that accept the same values or scoring
  rules that give the same points, and the same product groups, whatever their ids) are kept once too: the
  first one stays.
* Two criteria **conflict** when they constrain (or score) the same metric, for at least one common product
  group, with the same kind, and are not equivalent; or when they have the same id and different content.
  ``on_conflict`` decides: ``error`` (the default) raises :class:`CombineConflictError` with the full report;
  ``strictest`` keeps the stricter one (see :mod:`circular_ict.constraints`), ``first`` and ``last`` the one
  from the earlier or later set. The other criterion loses the product groups the two share: it is
  **narrowed** to the groups it still covers alone, or **replaced** when none is left (a criterion with the same
  id as the winner is always replaced).
* **Contradictions** inside the result are reported, not resolved: two requirements on the same metric and
  product group that no value meets together (a minimum above a maximum), and an award criterion that a
  requirement on its metric makes pointless (every admissible offer earns the same points on it).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

from .constraints import (
    Bounds,
    at_least_as_strict,
    criterion_metric,
    equivalent,
    full_points_value,
    metric_direction,
    more_demanding,
    pointless_under,
    requirement_bounds,
    requirement_text,
    rule_demand_text,
    rules_equivalent,
    shared_groups,
)
from .errors import CircularIctError
from .model import CriteriaSet, Criterion, CriterionOrigin
from .model.metric import Metric, QuantityMetric
from .select import open_parameters

__all__ = [
    "STRATEGIES",
    "CombineConflictError",
    "CombineResult",
    "Conflict",
    "Contradiction",
    "Decision",
    "combine",
    "criteria_of",
    "derived_set",
    "find_contradictions",
    "metric_lookup",
    "origin_for",
    "report_dict",
    "with_origin",
]

Strategy = Literal["error", "strictest", "first", "last"]
STRATEGIES: tuple[str, ...] = ("error", "strictest", "first", "last")


@dataclass(frozen=True)
class Decision:
    """What happened to one criterion, and why.

    ``action``: ``kept`` (in the result as it came), ``narrowed`` (in the result for fewer product groups:
    ``groups`` are the ones it lost), ``replaced`` (left out: ``by`` replaces it), ``deduplicated`` (left out:
    ``by`` is the same criterion).
    """

    action: Literal["kept", "narrowed", "replaced", "deduplicated"]
    criterion: str
    set: str
    reason: str
    by: str | None = None
    by_set: str | None = None
    groups: tuple[str, ...] = ()

    def text(self) -> str:
        head = f"{self.action} {self.criterion} ({self.set})"
        return f"{head}: {self.reason}"


@dataclass(frozen=True)
class Conflict:
    """Two criteria that constrain the same metric for a common product group differently (or share an id)."""

    criteria: tuple[str, str]
    sets: tuple[str, str]
    kind: str
    metric: str | None
    groups: tuple[str, ...]
    bounds: tuple[str, str]
    reason: str
    resolution: str | None = None
    """What the strategy did; None when the conflict is not resolved."""

    def text(self) -> str:
        (a, b), (sa, sb) = self.criteria, self.sets
        what = f"{self.kind} on {self.metric}" if self.metric else self.kind
        line = (
            f"conflict: {a} ({sa}) and {b} ({sb}): {what} for {', '.join(self.groups)}: "
            f"{self.bounds[0]} vs {self.bounds[1]} ({self.reason})"
        )
        return f"{line}; {self.resolution}" if self.resolution else f"{line}; not resolved"


@dataclass(frozen=True)
class Contradiction:
    """Criteria of one set that cannot all make sense together.

    ``type``: ``min-above-max`` (a minimum of one requirement above the maximum of another on the same metric),
    ``no-common-value`` (two requirements on the same metric that no value meets together, e.g. ``equals: true``
    and ``equals: false``), ``pointless-award`` (a requirement leaves an award criterion nothing to tell apart).
    """

    type: Literal["min-above-max", "no-common-value", "pointless-award"]
    criteria: tuple[str, str]
    metric: str
    groups: tuple[str, ...]
    message: str

    def text(self) -> str:
        return f"contradiction [{self.type}] {self.criteria[0]} / {self.criteria[1]}: {self.message}"


def report_dict(
    decisions: Sequence[Decision], conflicts: Sequence[Conflict], contradictions: Sequence[Contradiction]
) -> dict[str, Any]:
    return {
        "decisions": [asdict(d) for d in decisions],
        "conflicts": [asdict(c) for c in conflicts],
        "contradictions": [asdict(c) for c in contradictions],
    }


def _report_lines(decisions: Sequence[Decision], contradictions: Sequence[Contradiction]) -> list[str]:
    lines = [d.text() for d in decisions if d.action != "kept"]
    return lines + [c.text() for c in contradictions]


@dataclass(frozen=True)
class CombineResult:
    """The outcome of :func:`combine`: the new set (None when conflicts stopped it) and what happened."""

    criteria_set: CriteriaSet | None
    sets: tuple[str, ...]
    strategy: str
    decisions: tuple[Decision, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    contradictions: tuple[Contradiction, ...] = ()

    @property
    def unresolved(self) -> tuple[Conflict, ...]:
        """The conflicts the strategy did not resolve."""
        return tuple(c for c in self.conflicts if c.resolution is None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "sets": list(self.sets),
            "on_conflict": self.strategy,
            "result": None
            if self.criteria_set is None
            else {"id": self.criteria_set.id, "criteria": [c.id for c in self.criteria_set.criteria]},
            **report_dict(self.decisions, self.conflicts, self.contradictions),
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    def to_text(self) -> str:
        names = ", ".join(self.sets)
        if self.criteria_set is None:
            head = (
                f"cannot combine {names}: {len(self.unresolved)} unresolved "
                f"conflict{'s' if len(self.unresolved) != 1 else ''} (on_conflict={self.strategy})"
            )
        else:
            n = len(self.criteria_set.criteria)
            head = f"combined {names} into {self.criteria_set.id!r}: {n} criteri{'on' if n == 1 else 'a'}"
        lines = [head, *(c.text() for c in self.conflicts), *_report_lines(self.decisions, self.contradictions)]
        if self.unresolved:
            lines.append("hint: choose --on-conflict strictest, first or last, or edit the sets")
        return "\n".join(lines) + "\n"


class CombineConflictError(CircularIctError):
    """The sets conflict and the strategy (``error``, or ``strictest`` on incomparable criteria) cannot choose.

    ``result`` holds the full report: every conflict, with the criteria, their bounds and their product groups.
    """

    def __init__(self, result: CombineResult) -> None:
        self.result = result
        super().__init__(result.to_text().rstrip("\n"))

    def __reduce__(self) -> tuple[type[CombineConflictError], tuple[CombineResult]]:
        return (CombineConflictError, (self.result,))


# --------------------------------------------------------------------------- origins and derived sets


def origin_for(cset: CriteriaSet, defined_in: str | None) -> CriterionOrigin:
    """The origin of a criterion taken from ``cset``; ``defined_in`` is the bundled set that defines it, when
    ``cset`` uses it by reference (its BT-805 origin is then that set's)."""
    gpp = cset.gpp_origin
    if defined_in is not None and defined_in != cset.id:
        from .catalogue import load_bundled_set

        gpp = load_bundled_set(defined_in).gpp_origin
    else:
        defined_in = None
    fields: dict[str, Any] = {"set": cset.id, "version": cset.version, "defined_in": defined_in, "gpp_origin": gpp}
    return CriterionOrigin.model_validate({k: v for k, v in fields.items() if v is not None})  # only what is known


def with_origin(crit: Criterion, origin: CriterionOrigin) -> Criterion:
    """The criterion with ``origin``, unless it already has one (an origin is kept through later selections)."""
    return crit if crit.origin is not None else crit.model_copy(update={"origin": origin})


def criteria_of(cset: CriteriaSet) -> list[Criterion]:
    """The set's criteria, its references to the bundled library resolved, each with its origin."""
    out = [with_origin(c, origin_for(cset, None)) for c in cset.criteria]
    if cset.references:
        from .catalogue import bundled_criteria, resolve

        defined = {c.id: set_id for set_id, c in bundled_criteria()}
        own = {c.id for c in cset.criteria}
        out += [with_origin(c, origin_for(cset, defined.get(c.id))) for c in resolve(cset).criteria if c.id not in own]
    return out


def metric_lookup(sets: Sequence[CriteriaSet]) -> dict[str, Metric]:
    """The bundled metrics and those the sets add."""
    from .catalogue import metrics

    found: dict[str, Metric] = dict(metrics())
    for cset in sets:
        for m in cset.metrics:
            found.setdefault(m.id, m)
    return found


_TITLES = {
    ("en", "select"): "Criteria selected from {names}",
    ("nl", "select"): "Criteria geselecteerd uit {names}",
    ("en", "combine"): "Criteria combined from {names}",
    ("nl", "combine"): "Criteria gecombineerd uit {names}",
}


def derived_set(
    criteria: Sequence[Criterion],
    sources: Sequence[CriteriaSet],
    *,
    made_by: Literal["select", "combine"],
    set_id: str,
    title: Mapping[str, str] | None = None,
    version: str = "1",
    note: str = "",
) -> CriteriaSet:
    """A new criteria set of ``criteria`` taken from ``sources``, validated like a file.

    Its languages are those every source that contributes a criterion has; it carries the metrics the sources
    define that its criteria use, the level scheme when every criterion still fits one common scheme, and the
    BT-805 origin its criteria share (``other`` when they differ). The set is written to YAML and read back,
    so it is checked exactly as a file would be (raises :class:`~circular_ict.errors.DocumentError` if it is
    not valid).
    """
    from .serialize import to_data
    from .validation import loads_criteria_set
    from .yamlio import dump_yaml

    if not criteria:
        raise CircularIctError(f"no criteria are left to put in the set {set_id!r}: the filters match nothing")
    by_id = {s.id: s for s in sources}
    used = [c.origin.set for c in criteria if c.origin is not None and c.origin.set in by_id]
    contributing = list(dict.fromkeys(used)) or [s.id for s in sources]
    languages = list(by_id[contributing[0]].languages)
    for sid in contributing[1:]:
        languages = [lang for lang in languages if lang in by_id[sid].languages]
    if not languages:
        raise CircularIctError(f"the sets {', '.join(contributing)} have no language in common")
    names = ", ".join(contributing)
    default_title = {lang: _TITLES.get((lang, made_by), _TITLES["en", made_by]) for lang in languages}
    the_title = dict(title) if title else {lang: text.format(names=names) for lang, text in default_title.items()}
    used_metrics = {criterion_metric(c) for c in criteria}
    metrics: dict[str, Any] = {}
    for s in sources:
        for m in s.metrics:
            if m.id in used_metrics:
                metrics.setdefault(m.id, m)
    origins = {c.origin.gpp_origin for c in criteria if c.origin is not None and c.origin.gpp_origin is not None}
    first = by_id[contributing[0]]
    data: dict[str, Any] = {
        "id": set_id,
        "title": the_title,
        "version": version,
        "languages": languages,
        "source": {
            "publisher": "circular_ict",
            "document": _TITLES["en", made_by].format(names=names),
            **({"url": first.source.url} if first.source.url else {}),
            "status": "derived",
            "note": f"Made by circular_ict {made_by}{' (' + note + ')' if note else ''}. Every criterion keeps "
            "its own source and names the set it was taken from under 'origin'; the URL is that of the first set.",
        },
        "gpp_origin": origins.pop() if len(origins) == 1 else "other",
    }
    scheme = _common_scheme(criteria, [by_id[sid] for sid in contributing])
    if scheme is not None:
        data["level_scheme"] = scheme
    if metrics:
        data["metrics"] = [to_data(m) for m in metrics.values()]
    data["criteria"] = [to_data(c) for c in criteria]
    return loads_criteria_set(dump_yaml(data), file=f"<{set_id}>")


def _common_scheme(criteria: Sequence[Criterion], sources: Sequence[CriteriaSet]) -> str | None:
    schemes = {s.level_scheme for s in sources}
    if len(schemes) != 1 or None in schemes:
        return None
    from .catalogue import level_schemes

    scheme_id = schemes.pop()
    scheme = level_schemes().get(str(scheme_id))
    if scheme is None:
        return None
    mapping = {lv.label: lv.ambition for lv in scheme.levels}
    if all(c.source_level is not None and mapping.get(c.source_level) == c.ambition for c in criteria):
        return scheme.id
    return None


# --------------------------------------------------------------------------- contradictions


def _value(x: float, metric: Metric | None) -> str:
    unit = metric.unit if isinstance(metric, QuantityMetric) else ""
    return f"{x:g} {unit}".strip()


def find_contradictions(criteria: Sequence[Criterion], metrics: Mapping[str, Metric]) -> list[Contradiction]:
    """Requirements that no value meets together, and award criteria a requirement makes pointless.

    Only certain contradictions are reported: with open parameters, for every value their sources suggest.
    """
    out: list[Contradiction] = []
    bounds = [requirement_bounds(c, metrics) for c in criteria]
    for i, a in enumerate(criteria):
        for j in range(i + 1, len(criteria)):
            b = criteria[j]
            groups = tuple(shared_groups(a, b))
            if not groups:
                continue
            ba, bb = bounds[i], bounds[j]
            if ba is not None and bb is not None and ba.metric == bb.metric:
                found = _disjoint(a, b, ba, bb, metrics.get(ba.metric), groups)
                if found is not None:
                    out.append(found)
                continue
            for award, req, rb in ((a, b, bb), (b, a, ba)):
                rule = getattr(award, "scoring", None)
                name = getattr(rule, "metric", None)
                if rb is None or name is None or name != rb.metric:
                    continue
                metric = metrics.get(name)
                if pointless_under(rule, metric, rb.loosest):
                    out.append(
                        Contradiction(
                            "pointless-award",
                            (req.id, award.id),
                            name,
                            groups,
                            f"every value {req.id} accepts ({rb.text}) earns the same points under {award.id} "
                            f"({rule_demand_text(rule)}), so {award.id} cannot tell admissible offers apart",
                        )
                    )
    return out


def _disjoint(
    a: Criterion, b: Criterion, ba: Bounds, bb: Bounds, metric: Metric | None, groups: tuple[str, ...]
) -> Contradiction | None:
    if ba.loosest.meets(bb.loosest):
        return None
    la, lb = ba.loosest, bb.loosest
    if la.levels is None and lb.levels is None:
        (low, low_b), (high, high_b) = ((a, ba), (b, bb)) if la.lo > lb.hi else ((b, bb), (a, ba))
        return Contradiction(
            "min-above-max",
            (low.id, high.id),
            ba.metric,
            groups,
            f"the minimum of {low.id} ({low_b.text}: {_value(low_b.loosest.lo, metric)}) is above the maximum of "
            f"{high.id} ({high_b.text}: {_value(high_b.loosest.hi, metric)}): no {ba.metric} meets both",
        )
    return Contradiction(
        "no-common-value",
        (a.id, b.id),
        ba.metric,
        groups,
        f"{a.id} accepts {ba.text} and {b.id} accepts {bb.text}: no {ba.metric} meets both",
    )


# --------------------------------------------------------------------------- conflicts


@dataclass
class _Slot:
    criterion: Criterion
    set_id: str
    source: int
    """The position of the set it came from: criteria of one set are never compared with each other."""
    alive: bool = True
    dump: dict[str, Any] = field(default_factory=dict)

    def content(self) -> dict[str, Any]:
        if not self.dump:
            self.dump = self.criterion.model_dump(exclude={"origin"})
        return self.dump


def _describe(crit: Criterion, b: Bounds | None) -> str:
    if b is not None:
        return b.text
    rule = getattr(crit, "scoring", None)
    if rule is not None:
        return rule_demand_text(rule)
    req = getattr(crit, "requirement", None)
    if req is not None:
        return requirement_text(crit)
    return "no measurable part"


class _Combiner:
    def __init__(self, metrics: Mapping[str, Metric], strategy: str) -> None:
        self.metrics = metrics
        self.strategy = strategy
        self.slots: list[_Slot] = []
        self.decisions: list[Decision] = []
        self.conflicts: list[Conflict] = []
        self._bounds: dict[int, tuple[Criterion, Bounds | None]] = {}

    def bounds(self, crit: Criterion) -> Bounds | None:
        key = id(crit)  # the cache holds the criterion too, so that its id is not reused while cached
        if key not in self._bounds:
            self._bounds[key] = (crit, requirement_bounds(crit, self.metrics))
        return self._bounds[key][1]

    def same_measure(self, a: Criterion, b: Criterion) -> bool | None:
        """True when ``a`` and ``b`` constrain or score their common metric the same way; None if unknown."""
        ba, bb = self.bounds(a), self.bounds(b)
        if ba is not None and bb is not None:
            return equivalent(ba, bb)
        rule_a, rule_b = getattr(a, "scoring", None), getattr(b, "scoring", None)
        if rule_a is not None and rule_b is not None:
            return rules_equivalent(rule_a, rule_b, self.metrics.get(str(getattr(rule_a, "metric", ""))))
        req_a, req_b = getattr(a, "requirement", None), getattr(b, "requirement", None)
        if req_a is not None and req_a == req_b and not open_parameters(a):  # the same fixed bounds, as written
            return True
        return None  # e.g. open parameters without suggested values: set apart, they may differ

    def equivalent(self, a: Criterion, b: Criterion) -> bool:
        metric = criterion_metric(a)
        return (
            a.kind == b.kind
            and metric is not None
            and metric == criterion_metric(b)
            and set(a.product_groups) == set(b.product_groups)
            and self.same_measure(a, b) is True
        )

    def conflict(self, a: Criterion, b: Criterion) -> str | None:
        """Why ``a`` and ``b`` conflict, or None."""
        if a.id == b.id:
            return "the same id with different content"
        metric = criterion_metric(a)
        if a.kind != b.kind or metric is None or metric != criterion_metric(b) or not shared_groups(a, b):
            return None
        same = self.same_measure(a, b)
        if same is True:
            return None
        return "different bounds" if same is False else "bounds that cannot be compared"

    def strictest(self, a: Criterion, b: Criterion) -> tuple[int, str] | None:
        """0 when ``a`` is the stricter, 1 when ``b`` is, with the reason; None when they cannot be ranked."""
        metric = self.metrics.get(str(criterion_metric(a)))
        better = metric_direction(metric)
        ba, bb = self.bounds(a), self.bounds(b)
        if ba is not None and bb is not None and ba.metric == bb.metric:
            if at_least_as_strict(ba, bb):
                return 0, f"every value {a.id} accepts, {b.id} accepts too"
            if at_least_as_strict(bb, ba):
                return 1, f"every value {b.id} accepts, {a.id} accepts too"
            side = "lowest" if better == "higher" else "highest"
            if more_demanding(ba, bb, better):
                return 0, f"{a.id} demands more: its {side} accepted value is better ({better} is better)"
            if more_demanding(bb, ba, better):
                return 1, f"{b.id} demands more: its {side} accepted value is better ({better} is better)"
            return None
        rule_a, rule_b = getattr(a, "scoring", None), getattr(b, "scoring", None)
        if rule_a is not None and rule_b is not None:
            fa, fb = full_points_value(rule_a, metric), full_points_value(rule_b, metric)
            if fa is None or fb is None or fa == fb:
                return None
            winner = 0 if fa > fb else 1
            name = (a, b)[winner].id
            return winner, f"{name} needs a better value for its full points ({better} is better)"
        return None

    def add(self, crit: Criterion, set_id: str, source: int) -> None:
        incoming = _Slot(crit, set_id, source)
        for slot in self.others(source):
            if slot.criterion.id == crit.id and slot.content() == incoming.content():
                self.decisions.append(
                    Decision(
                        "deduplicated",
                        crit.id,
                        set_id,
                        f"identical to {crit.id} of {slot.set_id}",
                        crit.id,
                        slot.set_id,
                    )
                )
                return
        for slot in self.others(source):
            if self.equivalent(slot.criterion, crit):
                other = slot.criterion
                self.decisions.append(
                    Decision(
                        "deduplicated",
                        crit.id,
                        set_id,
                        f"equivalent to {other.id} of {slot.set_id} (the same kind, product groups and "
                        f"{criterion_metric(crit)}: {_describe(crit, self.bounds(crit))})",
                        other.id,
                        slot.set_id,
                    )
                )
                return
        for slot in self.others(source):
            if not incoming.alive:
                break
            reason = self.conflict(slot.criterion, incoming.criterion)
            if reason is not None:
                self.resolve(slot, incoming, reason)
        if incoming.alive:
            self.slots.append(incoming)

    def alive(self) -> list[_Slot]:
        return [s for s in self.slots if s.alive]

    def others(self, source: int) -> list[_Slot]:
        """The criteria kept so far that come from other sets than ``source``."""
        return [s for s in self.slots if s.alive and s.source != source]

    def resolve(self, old: _Slot, new: _Slot, reason: str) -> None:
        a, b = old.criterion, new.criterion
        groups = tuple(shared_groups(a, b)) or tuple(a.product_groups)
        conflict = Conflict(
            (a.id, b.id),
            (old.set_id, new.set_id),
            a.kind if a.kind == b.kind else f"{a.kind}/{b.kind}",
            criterion_metric(a) if criterion_metric(a) == criterion_metric(b) else None,
            groups,
            (_describe(a, self.bounds(a)), _describe(b, self.bounds(b))),
            reason,
        )
        winner: int | None
        why: str
        if self.strategy == "first":
            winner, why = 0, f"{a.id} comes first"
        elif self.strategy == "last":
            winner, why = 1, f"{b.id} comes last"
        elif self.strategy == "strictest":
            ranked = self.strictest(a, b)
            winner, why = ranked if ranked is not None else (None, "")
        else:
            winner, why = None, ""
        if winner is None:
            self.conflicts.append(conflict)
            return
        win, lose = (old, new) if winner == 0 else (new, old)
        self.conflicts.append(replace(conflict, resolution=f"kept {win.criterion.id} ({why})"))
        self.narrow(lose, win, why)

    def narrow(self, lose: _Slot, win: _Slot, why: str) -> None:
        crit = lose.criterion
        lost = set(win.criterion.product_groups)
        left = [g for g in crit.product_groups if g not in lost]
        by, by_set = win.criterion.id, win.set_id
        if crit.id == win.criterion.id or not left:
            lose.alive = False
            self.decisions.append(
                Decision(
                    "replaced",
                    crit.id,
                    lose.set_id,
                    f"{by} of {by_set} is kept: {why}",
                    by,
                    by_set,
                    tuple(crit.product_groups),
                )
            )
            return
        removed = tuple(g for g in crit.product_groups if g in lost)
        lose.criterion = crit.model_copy(update={"product_groups": left})
        lose.dump = {}
        self.decisions.append(
            Decision(
                "narrowed",
                crit.id,
                lose.set_id,
                f"no longer for {', '.join(removed)}, where {by} of {by_set} is kept: {why}",
                by,
                by_set,
                removed,
            )
        )


def _load(item: CriteriaSet | str) -> CriteriaSet:
    if isinstance(item, CriteriaSet):
        return item
    from .catalogue import load_bundled_set

    return load_bundled_set(item)


def combine(
    *sets: CriteriaSet | str,
    on_conflict: Strategy = "error",
    set_id: str = "combined",
    title: Mapping[str, str] | None = None,
    version: str = "1",
) -> CombineResult:
    """Merge criteria sets (models, or ids of bundled sets) into one new, validated set.

    Criteria are taken in the order of the sets, their references to the bundled library resolved; each gets
    its ``origin`` (the set it came from) unless it has one. See the module's documentation for how identical
    and equivalent criteria, conflicts and contradictions are handled. Raises :class:`CombineConflictError`
    when conflicts remain that ``on_conflict`` cannot resolve, and :class:`ValueError` for an unknown strategy.

    Examples:
        >>> result = combine("eu-ecodesign-smartphones-tablets-2023", "eu-energy-label-smartphones-tablets-2023")
        >>> [d.criterion for d in result.decisions if d.action == "deduplicated"]
        ['EL-2023-1669.battery-endurance-cycles']
    """
    if on_conflict not in STRATEGIES:
        raise ValueError(f"unknown on_conflict {on_conflict!r}; choose from {', '.join(STRATEGIES)}")
    if not sets:
        raise ValueError("combine needs at least one criteria set")
    models = [_load(s) for s in sets]
    metrics = metric_lookup(models)
    work = _Combiner(metrics, on_conflict)
    for position, cset in enumerate(models):
        for crit in criteria_of(cset):
            work.add(crit, cset.id, position)
    names = tuple(dict.fromkeys(m.id for m in models))
    kept = [s.criterion for s in work.alive()]
    if any(c.resolution is None for c in work.conflicts):
        result = CombineResult(None, names, on_conflict, tuple(work.decisions), tuple(work.conflicts))
        raise CombineConflictError(result)
    criteria_set = derived_set(
        kept, models, made_by="combine", set_id=set_id, title=title, version=version, note=f"on_conflict={on_conflict}"
    )
    decisions = [Decision("kept", s.criterion.id, s.set_id, "in the result") for s in work.alive()]
    return CombineResult(
        criteria_set,
        names,
        on_conflict,
        tuple(decisions + work.decisions),
        tuple(work.conflicts),
        tuple(find_contradictions(criteria_set.criteria, metrics)),
    )
