"""circular_ict.audit: the audit record of an evaluation, byte-identical output, and ``score --verify``."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

import pytest

from circular_ict import __version__
from circular_ict.audit import verify
from circular_ict.catalogue import library_root
from circular_ict.cli import main
from circular_ict.scoring.api import score

from .scoring.test_engine import CO2_AWARD, POINTS, WARRANTY_AWARD, bid, tender

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "laptop-tender"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the example tender and its five bids, to modify."""
    shutil.copytree(EXAMPLE, tmp_path / "laptop-tender")
    return tmp_path / "laptop-tender"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_record_hashes_every_file_read(example: Path) -> None:
    ev = score(example / "tender.yaml", example / "bids")
    audit = ev.to_dict()["audit"]
    assert audit["library_version"] == __version__
    assert audit["evaluated_on"] == "2027-03-01"
    assert audit["date_source"] == "tender"
    by_name = {(i["role"], i["name"]): i for i in audit["inputs"]}
    assert by_name["tender", "tender.yaml"]["sha256"] == _sha(example / "tender.yaml")
    bids = sorted(p.name for p in (example / "bids").iterdir())
    assert [i["name"] for i in audit["inputs"] if i["role"] == "bid"] == bids
    for name in bids:
        item = by_name["bid", name]
        assert item["sha256"] == _sha(example / "bids" / name)
        assert item["size"] == (example / "bids" / name).stat().st_size
    root = library_root()
    library = {n for r, n in by_name if r == "library"}
    # the example uses the life-cycle cost (CO2 defaults) and criteria of the 2016 and 2021 EU GPP sets
    assert {"criteria/metrics.yaml", "criteria/products.yaml", "criteria/levels.yaml"} <= library
    assert "criteria/co2-defaults.yaml" in library
    assert "criteria/sets/eu-gpp-computers-2016.yaml" in library
    metrics = root.joinpath("metrics.yaml").read_bytes()
    assert by_name["library", "criteria/metrics.yaml"]["sha256"] == hashlib.sha256(metrics).hexdigest()
    assert audit["parameters"]["lot"] == "LOT-1"
    assert audit["parameters"]["award"]["price"] == {"method": "ratio_lowest", "points": 40.0, "of": "life_cycle_cost"}
    assert audit["parameters"]["lcc"]["evaluation_period"] == "4 year"


def test_identical_inputs_give_byte_identical_json(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [str(example / "tender.yaml"), str(example / "bids"), "--format", "json"]
    assert main(["score", *args, "-o", str(tmp_path / "a.json")]) == 0
    assert main(["score", *args, "-o", str(tmp_path / "b.json")]) == 0
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    # another folder holding the same files gives the same bytes: the record names files, not where they lie
    other = tmp_path / "elsewhere"
    shutil.copytree(example, other)
    text = score(other / "tender.yaml", other / "bids").to_json()
    assert text.encode("utf-8") == (tmp_path / "a.json").read_bytes()


def test_models_are_recorded_as_given_in_memory() -> None:
    t = tender(POINTS, [WARRANTY_AWARD, CO2_AWARD])
    ev = score(
        t,
        [bid("A", "1000 EUR", warranty_period="4 year", embodied_emissions="200 kg CO2e")],
        evaluated_on=dt.date(2026, 5, 1),
    )
    audit = ev.to_dict()["audit"]
    first, second = audit["inputs"][:2]
    assert (first["role"], first["name"], first["source"], first["size"]) == ("tender", "t", "memory", None)
    assert (second["role"], second["name"], second["source"]) == ("bid", "A", "memory")
    assert audit["evaluated_on"] == "2026-05-01"
    assert audit["date_source"] == "caller"
    # the tender's own criteria draw on no bundled set
    assert not [i for i in audit["inputs"] if i["name"].startswith("criteria/sets/")]


def test_no_date_is_never_the_clock() -> None:
    t = tender(POINTS, [WARRANTY_AWARD, CO2_AWARD])
    audit = score(t, [bid("A", "1000 EUR", warranty_period="4 year", embodied_emissions="200 kg CO2e")]).to_dict()[
        "audit"
    ]
    assert audit["evaluated_on"] is None
    assert audit["date_source"] is None


def test_a_date_different_from_the_tenders_is_refused(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ValueError, match="2027-03-01"):
        score(example / "tender.yaml", example / "bids", evaluated_on=dt.date(2026, 1, 1))
    code = main(["score", str(example / "tender.yaml"), str(example / "bids"), "--evaluated-on", "2026-01-01"])
    assert code == 2
    assert "2027-03-01" in capsys.readouterr().err


def _save(example: Path, path: Path) -> list[str]:
    args = [str(example / "tender.yaml"), str(example / "bids")]
    assert main(["score", *args, "--format", "json", "-o", str(path)]) == 0
    return args


def test_verify_identical(example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = _save(example, tmp_path / "saved.json")
    capsys.readouterr()
    assert main(["score", "--verify", str(tmp_path / "saved.json"), *args]) == 0
    assert capsys.readouterr().out == "identical: 12 input hashes and the results match the saved evaluation\n"


def test_verify_detects_a_modified_bid_file(example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = _save(example, tmp_path / "saved.json")
    nordic = example / "bids" / "nordic-devices.yaml"
    old = _sha(nordic)
    nordic.write_text(nordic.read_text(encoding="utf-8").replace("1200000", "1100000"), encoding="utf-8")
    capsys.readouterr()
    assert main(["score", "--verify", str(tmp_path / "saved.json"), *args]) == 1
    out = capsys.readouterr().out
    assert f"bid nordic-devices.yaml: sha256 changed from {old} to {_sha(nordic)}" in out
    assert "bid B5: price saved 1200000.0, re-run 1100000.0" in out
    # B5's price points: 40 x lowest LCC / its LCC; its LCC falls by exactly 100,000 EUR
    assert "bid B5: total saved 67.019" in out
    assert "re-run 69.383" in out
    assert "tender.yaml" not in out  # only what changed is reported


def test_verify_detects_a_modified_saved_result(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "saved.json"
    args = _save(example, saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    b3 = next(b for b in data["bids"] if b["bid_id"] == "B3")
    assert b3["total"] == 81.75
    b3["total"] = 99.0
    saved.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["score", "--verify", str(saved), *args]) == 1
    out = capsys.readouterr().out
    assert "bid B3: total saved 99.0, re-run 81.75" in out
    assert "\ninputs:\n" not in out  # the inputs are unchanged


def test_verify_detects_a_change_in_layout_only(example: Path) -> None:
    ev = score(example / "tender.yaml", example / "bids")
    compact = json.dumps(json.loads(ev.to_json()), ensure_ascii=False)
    result = verify(compact, ev)
    assert not result.identical
    assert result.result_changes == (
        "the saved file differs from the re-run output in its bytes (layout or formatting)",
    )
    assert verify(ev.to_json(), ev).identical


def test_verify_rejects_a_file_that_is_no_evaluation(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "x.json").write_text("{}", encoding="utf-8")
    (tmp_path / "y.json").write_text("not json", encoding="utf-8")
    args = [str(example / "tender.yaml"), str(example / "bids")]
    assert main(["score", "--verify", str(tmp_path / "x.json"), *args]) == 1
    assert "no 'audit' key" in capsys.readouterr().err
    assert main(["score", "--verify", str(tmp_path / "y.json"), *args]) == 1
    assert "not JSON" in capsys.readouterr().err


def test_bid_table_is_recorded_with_its_hash(tmp_path: Path) -> None:
    from circular_ict.serialize import dumps

    tender_file = tmp_path / "tender.yaml"
    tender_file.write_text(dumps(tender(POINTS, [WARRANTY_AWARD, CO2_AWARD])), encoding="utf-8")
    table = tmp_path / "bids.csv"
    text = (
        "bid_id,supplier,price [EUR],product_group,name,warranty_period [month],embodied_emissions [kg CO2e]\n"
        "A,Alpha,1000,notebooks,N1,48,200\n"
        "B,Beta,800,notebooks,N2,36,250\n"
    )
    table.write_text(text, encoding="utf-8")
    ev = score(tender_file, table, evaluated_on=dt.date(2026, 2, 3))
    inputs = ev.to_dict()["audit"]["inputs"]
    assert inputs[0] == {
        "role": "tender",
        "name": "tender.yaml",
        "source": "file",
        "sha256": _sha(tender_file),
        "size": tender_file.stat().st_size,
    }
    assert inputs[1] == {
        "role": "bid-table",
        "name": "bids.csv",
        "source": "file",
        "sha256": hashlib.sha256(text.encode()).hexdigest(),
        "size": len(text),
    }
    assert ev.to_dict()["audit"]["evaluated_on"] == "2026-02-03"


DOC = Path(__file__).resolve().parent.parent / "docs" / "security-and-audit.md"


def _doc_blocks(lang: str) -> list[str]:
    import re

    text = DOC.read_text(encoding="utf-8")
    return re.findall(rf"^```{lang}\n(.*?)^```$", text, flags=re.S | re.M)


def test_the_documented_verify_exchange_is_real(
    example: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import shlex

    (block,) = [b for b in _doc_blocks("text") if b.startswith("$ cp -r examples/laptop-tender")]
    monkeypatch.chdir(example)
    shown: list[str] = []
    actual: list[str] = []
    for line in block.splitlines():
        if not line.startswith("$ "):
            shown.append(line)
            continue
        command = line[2:]
        if command.startswith("circular-ict "):
            code = main(shlex.split(command)[1:])
            captured = capsys.readouterr()
            actual += (captured.err + captured.out).splitlines()
        elif command.startswith("sed -i "):
            old, new = shlex.split(command)[2].split("/")[1:3]
            target = Path(shlex.split(command)[3])
            target.write_text(target.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        elif command == "echo $?":
            actual.append(str(code))
    assert actual == shown
    # B5's price points by hand: 40 x the lowest life-cycle cost (B3) / B5's, before and after a 100,000 EUR cut
    lowest = 812_196.9134
    assert 40 * lowest / 1_223_415.9357 == pytest.approx(26.555054, abs=1e-5)
    assert 40 * lowest / 1_123_415.9357 == pytest.approx(28.918832, abs=1e-5)


def test_the_documented_python_example_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (code,) = [b for b in _doc_blocks("python") if "verify(" in b]
    monkeypatch.chdir(DOC.parent.parent)
    exec(compile(code, str(DOC), "exec"), {"__name__": "__docs__"})
    assert capsys.readouterr().out == "identical: 12 input hashes and the results match the saved evaluation\n\n"


def test_score_applies_the_limits(example: Path) -> None:
    from circular_ict.errors import DocumentError
    from circular_ict.yamlio import Limits

    size = (example / "tender.yaml").stat().st_size
    with pytest.raises(DocumentError) as info:
        score(example / "tender.yaml", example / "bids", limits=Limits(max_bytes=size - 1))
    assert [d.code for f in info.value.report.files for d in f.diagnostics] == ["file-too-large"]
    assert score(example / "tender.yaml", example / "bids", limits=Limits(max_bytes=size)).winner == "B3"


def test_a_file_changed_during_the_evaluation_is_refused(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import circular_ict.bids
    from circular_ict.audit import InputChangedError

    original = circular_ict.bids.load_bids
    victim = example / "bids" / "groen-it.yaml"

    def load_then_change(*args, **kwargs):  # type: ignore[no-untyped-def]
        bids = original(*args, **kwargs)
        victim.write_text(victim.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
        return bids

    monkeypatch.setattr(circular_ict.bids, "load_bids", load_then_change)
    with pytest.raises(InputChangedError, match=r"groen-it\.yaml changed while it was being evaluated"):
        score(example / "tender.yaml", example / "bids")


def test_a_missing_file_is_still_a_diagnostic(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["score", str(tmp_path / "nope.yaml"), str(EXAMPLE / "bids")])
    out = capsys.readouterr().out
    assert code == 1
    assert "error[file-unreadable]" in out
