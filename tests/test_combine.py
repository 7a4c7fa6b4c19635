"""circular_ict.combine: strategies, deduplication, contradictions, origins, the command."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest

from circular_ict.cli import main
from circular_ict.combine import CombineConflictError, CombineResult, combine, find_contradictions
from circular_ict.errors import CircularIctError
from circular_ict.serialize import dumps
from circular_ict.validation import load_criteria_set, loads_criteria_set

SOURCE = "{publisher: City of Example, document: D, url: https://example.org/d, status: derived}"


def criterion(cid: str, body: str, *, kind: str = "technical_specification", groups: str = "[notebooks]") -> str:
    return f"""\
  - id: {cid}
    kind: {kind}
    title: {{en: {cid}}}
    text: {{en: The text of {cid}.}}
    ambition: basic
    themes: [lifespan]
    product_groups: {groups}
    {body}
    verification: {{evidence: [declaration]}}
    source: {SOURCE}
"""


def make_set(sid: str, *criteria: str, languages: str = "[en]", version: str = "1") -> Any:
    text = f"""\
id: {sid}
title: {{en: {sid}, nl: {sid}}}
version: "{version}"
languages: {languages}
source: {SOURCE}
gpp_origin: national
criteria:
{"".join(criteria)}"""
    return loads_criteria_set(text, file=f"{sid}.yaml")


WARRANTY_3 = "requirement: {metric: warranty_period, min: 3 year}"
WARRANTY_60M = "requirement: {metric: warranty_period, min: 60 month}"
ERASURE = "requirement: {metric: built_in_data_erasure, equals: true}"
LONGER = "scoring: {type: linear, metric: warranty_period, worst: 3 year, best: 5 year, points: 10, clamp: true}"

FRAMEWORK = make_set(
    "framework",
    criterion("FW.warranty", WARRANTY_3, groups="[notebooks, tablets]"),
    criterion("FW.erasure", ERASURE),
)
POLICY = make_set(
    "policy",
    criterion("POL.warranty", WARRANTY_60M),
    criterion("POL.longer", LONGER, kind="award_criterion"),
    criterion("POL.erasure", ERASURE),
)


def actions(result: CombineResult) -> list[tuple[str, str, str | None]]:
    return [(d.action, d.criterion, d.by) for d in result.decisions if d.action != "kept"]


def ids(result: CombineResult) -> list[str]:
    assert result.criteria_set is not None
    return [c.id for c in result.criteria_set.criteria]


def groups(result: CombineResult, cid: str) -> list[str]:
    assert result.criteria_set is not None
    return next(list(c.product_groups) for c in result.criteria_set.criteria if c.id == cid)


# --------------------------------------------------------------------------- strategies


def test_error_strategy_stops_with_the_report() -> None:
    with pytest.raises(CombineConflictError) as caught:
        combine(FRAMEWORK, POLICY)
    result = caught.value.result
    assert isinstance(caught.value, CircularIctError)
    assert result.criteria_set is None
    (conflict,) = result.conflicts
    assert conflict.criteria == ("FW.warranty", "POL.warranty")
    assert conflict.sets == ("framework", "policy")
    assert (conflict.kind, conflict.metric, conflict.groups) == (
        "technical_specification",
        "warranty_period",
        ("notebooks",),
    )
    assert conflict.bounds == ("min 3 year", "min 60 month")
    assert conflict.resolution is None
    assert result.unresolved == (conflict,)
    assert "1 unresolved conflict (on_conflict=error)" in str(caught.value)
    again = pickle.loads(pickle.dumps(caught.value))
    assert again.result == result


def test_strictest_keeps_five_years_for_notebooks_and_three_for_tablets() -> None:
    result = combine(FRAMEWORK, POLICY, on_conflict="strictest")
    assert ids(result) == ["FW.warranty", "FW.erasure", "POL.warranty", "POL.longer"]
    assert groups(result, "FW.warranty") == ["tablets"]  # narrowed: 60 months (POL) beat 36 for notebooks
    assert actions(result) == [
        ("narrowed", "FW.warranty", "POL.warranty"),
        ("deduplicated", "POL.erasure", "FW.erasure"),
    ]
    narrowed = next(d for d in result.decisions if d.action == "narrowed")
    assert narrowed.groups == ("notebooks",)
    (conflict,) = result.conflicts
    assert conflict.resolution is not None
    assert conflict.resolution.startswith("kept POL.warranty")


def test_strictest_does_not_depend_on_the_order() -> None:
    result = combine(POLICY, FRAMEWORK, on_conflict="strictest")
    assert groups(result, "POL.warranty") == ["notebooks"]
    assert groups(result, "FW.warranty") == ["tablets"]


def test_first_and_last_follow_the_order() -> None:
    first = combine(FRAMEWORK, POLICY, on_conflict="first")
    assert ids(first) == ["FW.warranty", "FW.erasure", "POL.longer"]  # POL.warranty had notebooks only: replaced
    assert groups(first, "FW.warranty") == ["notebooks", "tablets"]
    assert ("replaced", "POL.warranty", "FW.warranty") in actions(first)
    # with the framework's 3 years, the award from 3 to 5 years still tells offers apart
    assert first.contradictions == ()
    last = combine(POLICY, FRAMEWORK, on_conflict="last")  # the framework comes last and wins, though looser
    assert ids(last) == ["POL.longer", "POL.erasure", "FW.warranty"]
    assert ("replaced", "POL.warranty", "FW.warranty") in actions(last)
    assert ("deduplicated", "FW.erasure", "POL.erasure") in actions(last)
    strictest = combine(POLICY, FRAMEWORK, on_conflict="strictest")
    assert "POL.warranty" in ids(strictest)


def test_strictest_falls_back_on_the_demand_in_the_metrics_direction() -> None:
    four = make_set("a", criterion("A.w", "requirement: {metric: warranty_period, min: 4 year}"))
    band = make_set("b", criterion("B.w", "requirement: {metric: warranty_period, min: 3 year, max: 5 year}"))
    result = combine(band, four, on_conflict="strictest")
    assert ids(result) == ["A.w"]  # 48 months demanded beat 36, although B also caps at 60
    assert "demands more" in (result.conflicts[0].resolution or "")
    # lower is better: a ceiling of 20 kWh / year beats 30
    low = make_set("low", criterion("L.tec", "requirement: {metric: typical_energy_consumption, max: 20 kWh / year}"))
    high = make_set("high", criterion("H.tec", "requirement: {metric: typical_energy_consumption, max: 30 kWh / year}"))
    assert ids(combine(high, low, on_conflict="strictest")) == ["L.tec"]
    assert ids(combine(high, low, on_conflict="first")) == ["H.tec"]


def test_strictest_cannot_rank_what_it_cannot_compare() -> None:
    # a parameter without any suggested value cannot be compared with a fixed bound
    open_ = make_set(
        "open",
        criterion(
            "O.cycles",
            "requirement: {metric: battery_cycles_to_80, min: {parameter: cycles}}\n"
            "    parameters: {cycles: {description: {en: Cycles.}}}",
        ),
    )
    fixed = make_set("fixed", criterion("F.cycles", "requirement: {metric: battery_cycles_to_80, min: 500 cycle}"))
    with pytest.raises(CombineConflictError) as caught:
        combine(open_, fixed, on_conflict="strictest")
    (conflict,) = caught.value.result.conflicts
    assert conflict.reason == "bounds that cannot be compared"
    assert conflict.resolution is None
    assert ids(combine(open_, fixed, on_conflict="last")) == ["F.cycles"]


def test_award_criteria_on_one_metric_conflict_and_rank_by_their_full_points_value() -> None:
    to5 = make_set("to5", criterion("A.five", LONGER, kind="award_criterion"))
    to4 = make_set("to4", criterion("A.four", LONGER.replace("best: 5 year", "best: 4 year"), kind="award_criterion"))
    with pytest.raises(CombineConflictError):
        combine(to4, to5)
    assert ids(combine(to4, to5, on_conflict="strictest")) == ["A.five"]  # full points need 60 months, not 48
    same = make_set("same", criterion("A.same", LONGER.replace("3 year", "36 month"), kind="award_criterion"))
    result = combine(to5, same)  # the same points for every value: equivalent, not a conflict
    assert actions(result) == [("deduplicated", "A.same", "A.five")]


def test_the_same_id_with_other_content_is_replaced_whole() -> None:
    a = make_set("a", criterion("X.w", WARRANTY_3, groups="[notebooks, tablets]"))
    b = make_set("b", criterion("X.w", WARRANTY_60M, groups="[notebooks]"))
    result = combine(a, b, on_conflict="strictest")
    assert ids(result) == ["X.w"]
    assert groups(result, "X.w") == ["notebooks"]  # b's X.w; a's is dropped whole: one id, one criterion
    assert actions(result) == [("replaced", "X.w", "X.w")]
    text_only_a = make_set("ta", criterion("T.label", "notes: {en: one}"))
    text_only_b = make_set("tb", criterion("T.label", "notes: {en: two}"))
    with pytest.raises(CombineConflictError) as caught:
        combine(text_only_a, text_only_b, on_conflict="strictest")
    assert caught.value.result.conflicts[0].reason == "the same id with different content"
    assert ids(combine(text_only_a, text_only_b, on_conflict="first")) == ["T.label"]


def test_unknown_strategy_and_no_sets() -> None:
    with pytest.raises(ValueError, match="unknown on_conflict 'strict'"):
        combine(FRAMEWORK, on_conflict="strict")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="at least one"):
        combine()


# --------------------------------------------------------------------------- duplicates


def test_identical_criteria_are_kept_once() -> None:
    result = combine(FRAMEWORK, FRAMEWORK)
    assert ids(result) == ["FW.warranty", "FW.erasure"]
    assert actions(result) == [
        ("deduplicated", "FW.warranty", "FW.warranty"),
        ("deduplicated", "FW.erasure", "FW.erasure"),
    ]
    assert result.conflicts == ()


def test_equivalent_criteria_of_the_bundled_library_are_kept_once() -> None:
    result = combine("eu-ecodesign-smartphones-tablets-2023", "eu-energy-label-smartphones-tablets-2023")
    assert actions(result) == [
        ("deduplicated", "EL-2023-1669.battery-endurance-cycles", "ED-2023-1670.battery-endurance")
    ]
    assert len(ids(result)) == 10 + 5 - 1


def test_criteria_of_one_set_are_not_compared() -> None:
    # the EU GPP set holds the core and the comprehensive warranty side by side: no conflict within the set
    result = combine("eu-gpp-computers-2021")
    assert result.conflicts == ()
    assert {"EU-GPP-2021.TS3.core", "EU-GPP-2021.TS3.comprehensive"} <= set(ids(result))


# --------------------------------------------------------------------------- contradictions


def test_pointless_award_criterion() -> None:
    result = combine(FRAMEWORK, POLICY, on_conflict="strictest")
    (found,) = result.contradictions
    assert found.type == "pointless-award"
    assert found.criteria == ("POL.warranty", "POL.longer")
    assert found.groups == ("notebooks",)
    assert "min 60 month" in found.message


def test_minimum_above_maximum_and_no_common_value() -> None:
    spec = make_set(
        "spec", criterion("S.w", "requirement: {metric: warranty_period, min: 5 year}"), criterion("S.e", ERASURE)
    )
    clause = make_set(
        "clause",
        criterion("C.w", "requirement: {metric: warranty_period, max: 4 year}", kind="contract_performance_clause"),
        criterion(
            "C.e", "requirement: {metric: built_in_data_erasure, equals: false}", kind="contract_performance_clause"
        ),
    )
    result = combine(spec, clause)  # different kinds: no conflict, but no offer can meet both
    assert result.conflicts == ()
    assert [(c.type, c.criteria) for c in result.contradictions] == [
        ("min-above-max", ("S.w", "C.w")),
        ("no-common-value", ("S.e", "C.e")),
    ]
    assert (
        "(min 5 year: 60 month) is above the maximum of C.w (max 4 year: 48 month)" in result.contradictions[0].message
    )
    # four years and more is fine with a cap at five years
    ok = make_set(
        "ok",
        criterion("C.w", "requirement: {metric: warranty_period, max: 5 year}", kind="contract_performance_clause"),
    )
    assert combine(spec, ok).contradictions == ()


def test_contradictions_need_a_common_product_group() -> None:
    spec = make_set("spec", criterion("S.w", "requirement: {metric: warranty_period, min: 5 year}"))
    clause = make_set(
        "clause",
        criterion(
            "C.w",
            "requirement: {metric: warranty_period, max: 4 year}",
            kind="contract_performance_clause",
            groups="[tablets]",
        ),
    )
    from circular_ict import catalogue

    assert find_contradictions([*spec.criteria, *clause.criteria], catalogue.metrics()) == []


# --------------------------------------------------------------------------- the result


def test_origins_and_the_derived_set() -> None:
    bilingual = make_set(
        "bilingual",
        criterion("B.w", WARRANTY_3, groups="[monitors]")
        .replace("{en: B.w}", "{en: B.w, nl: B.w}")
        .replace("{en: The text of B.w.}", "{en: The text of B.w., nl: De tekst van B.w.}"),
        languages="[en, nl]",
        version="2.1",
    )
    result = combine(bilingual, FRAMEWORK, on_conflict="first", set_id="mine")
    cset = result.criteria_set
    assert cset is not None
    assert cset.id == "mine"
    assert cset.languages == ["en"]  # the languages every contributing set has
    assert cset.title == {"en": "Criteria combined from bilingual, framework"}
    assert cset.gpp_origin == "national"
    origin = cset.criteria[0].origin
    assert origin is not None
    assert (origin.set, origin.version, origin.defined_in, origin.gpp_origin) == ("bilingual", "2.1", None, "national")
    # dump -> load -> dump is lossless, origins included
    text = dumps(cset)
    again = loads_criteria_set(text)
    assert again == cset
    assert dumps(again) == text
    # the origin stays with the criterion when it is combined again
    twice = combine(cset, POLICY, on_conflict="strictest")
    assert twice.criteria_set is not None
    assert {c.id: c.origin.set for c in twice.criteria_set.criteria if c.origin} == {
        "B.w": "bilingual",
        "FW.warranty": "framework",
        "FW.erasure": "framework",
        "POL.warranty": "policy",
        "POL.longer": "policy",
    }


def test_references_record_the_set_that_defines_the_criterion() -> None:
    result = combine("circular-ict-starter")
    assert result.criteria_set is not None
    by_id = {c.id: c for c in result.criteria_set.criteria}
    origin = by_id["EU-GPP-2021.TS3.core"].origin
    assert origin is not None
    assert (origin.set, origin.defined_in, origin.gpp_origin) == ("circular-ict-starter", "eu-gpp-computers-2021", "eu")
    assert result.criteria_set.gpp_origin == "other"  # EU, national and other criteria mixed
    # the starter set places TCO's warranty at the ambitious level with 6 years
    warranty = by_id["TCO.lifetime-warranty-and-updates"]
    assert warranty.ambition == "ambitious"
    assert warranty.requirement.min.text == "6 year"  # type: ignore[union-attr]


def test_renderings() -> None:
    result = combine(FRAMEWORK, POLICY, on_conflict="strictest")
    data = json.loads(result.to_json())
    assert data["sets"] == ["framework", "policy"]
    assert data["on_conflict"] == "strictest"
    assert data["result"]["criteria"] == ["FW.warranty", "FW.erasure", "POL.warranty", "POL.longer"]
    assert [d["action"] for d in data["decisions"]].count("kept") == 4
    assert data["contradictions"][0]["type"] == "pointless-award"
    lines = result.to_text().splitlines()
    assert lines[0] == "combined framework, policy into 'combined': 4 criteria"
    assert lines[1].startswith("conflict: FW.warranty (framework) and POL.warranty (policy): technical_specification")
    assert lines[-1].startswith("contradiction [pointless-award] POL.warranty / POL.longer:")


# --------------------------------------------------------------------------- the command


def _files(tmp_path: Path) -> tuple[str, str]:
    a, b = tmp_path / "framework.yaml", tmp_path / "policy.yaml"
    a.write_text(dumps(FRAMEWORK), encoding="utf-8")
    b.write_text(dumps(POLICY), encoding="utf-8")
    return str(a), str(b)


def test_cli_conflict_exits_1_with_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = _files(tmp_path)
    out_file = tmp_path / "out.yaml"
    assert main(["combine", a, b, "-o", str(out_file)]) == 1
    out, _err = capsys.readouterr()
    assert out.startswith("cannot combine framework, policy: 1 unresolved conflict (on_conflict=error)\n")
    assert "hint: choose --on-conflict strictest, first or last" in out
    assert not out_file.exists()
    assert main(["combine", a, b, "--report", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["result"] is None
    assert data["conflicts"][0]["criteria"] == ["FW.warranty", "POL.warranty"]


def test_cli_writes_a_valid_set(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = _files(tmp_path)
    out_file = tmp_path / "c.yaml"
    assert main(["combine", a, b, "--on-conflict", "strictest", "-o", str(out_file), "--set-id", "c"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("combined framework, policy into 'c': 4 criteria\n")
    assert err == f"wrote {out_file}\n"
    written = load_criteria_set(out_file)
    assert [c.id for c in written.criteria] == ["FW.warranty", "FW.erasure", "POL.warranty", "POL.longer"]
    # without -o: the set on standard output, the report on standard error
    assert main(["combine", a, "eu-energy-label-smartphones-tablets-2023", "--on-conflict", "last"]) == 0
    out, err = capsys.readouterr()
    assert loads_criteria_set(out).id == "combined"
    assert err.startswith("combined framework, eu-energy-label-smartphones-tablets-2023 into 'combined'")
    # --strict: the contradiction is an error, nothing is written
    strict_file = tmp_path / "strict.yaml"
    assert main(["combine", a, b, "--on-conflict", "strictest", "--strict", "-o", str(strict_file)]) == 1
    assert not strict_file.exists()
    assert "nothing written" in capsys.readouterr().err


def test_cli_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["combine", "eu-gpp-computers-2012"]) == 2
    err = capsys.readouterr().err
    assert "no bundled criteria set 'eu-gpp-computers-2012'; did you mean" in err
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\ntitle: {en: X}\n", encoding="utf-8")
    assert main(["combine", str(broken), "eu-gpp-computers-2021"]) == 1
    out, err = capsys.readouterr()
    assert "error[missing-key]" in out
    assert "Traceback" not in out + err
    with pytest.raises(SystemExit) as caught:
        main(["combine", "eu-gpp-computers-2021", "--on-conflict", "loudest"])
    assert caught.value.code == 2
    assert "invalid choice: 'loudest'" in capsys.readouterr().err
