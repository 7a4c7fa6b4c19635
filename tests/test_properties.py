"""Property tests (hypothesis) of the loaders and the scoring engine.

(a) arbitrary documents, byte strings and CSV texts never make the loaders raise: they return a report;
(b) the totals do not depend on the order of the bids; (c) nor on the unit a value is given in;
(d) under absolute formulas (linear rules, linear_bounds price) an excluded bid does not change the others.
"""

from __future__ import annotations

import math
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from circular_ict import catalogue
from circular_ict.bids import validate_bid_table
from circular_ict.errors import CircularIctError
from circular_ict.model.bid import Bid
from circular_ict.model.tender import Tender
from circular_ict.scoring.api import resolve_tender
from circular_ict.scoring.engine import evaluate
from circular_ict.validation import load_document

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# =========================================================================== (a) loaders never raise

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["60 month", "5 year", "-1 EUR", "1,5 kg", ".nan EUR", "notebooks", "B-1", "=1+1", "yes", ""]),
)
KEYS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["id", "supplier", "price", "offers", "values", "criteria", "award", "lots", "title", "kind"]),
)
TREES = st.recursive(
    SCALARS,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(KEYS, children, max_size=5)),
    max_leaves=25,
)

VALID_BID: dict[str, Any] = {
    "id": "B-1",
    "supplier": "Groen IT",
    "price": "1000 EUR",
    "offers": [
        {
            "product_group": "notebooks",
            "name": "Book",
            "quantity": 10,
            "values": {"warranty_period": "60 month", "embodied_emissions": "240 kg CO2e"},
        }
    ],
}
VALID_TENDER: dict[str, Any] = {
    "id": "t",
    "title": {"en": "T", "nl": "T"},
    "buyer": {"name": "Buyer"},
    "languages": ["en", "nl"],
    "lots": [{"id": "L1", "title": {"en": "L", "nl": "L"}, "product_group": "notebooks", "quantity": 10}],
    "criteria": {"include": [{"ref": "EU-GPP-2021.TS3.comprehensive", "parameters": {"warranty_min": "3 year"}}]},
    "award": {"basis": "lowest_price"},
}


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(data, dict):
        for k, v in data.items():
            out.extend(_paths(v, (*prefix, k)))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out.extend(_paths(v, (*prefix, i)))
    return out


def _replace(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {k: (_replace(v, rest, value) if k == head else v) for k, v in data.items()}
    return [(_replace(v, rest, value) if i == head else v) for i, v in enumerate(data)]


@st.composite
def mutated(draw: st.DrawFn) -> Any:
    """A valid bid or tender with one node (possibly the root) replaced by an arbitrary tree."""
    base = draw(st.sampled_from([VALID_BID, VALID_TENDER]))
    path = draw(st.sampled_from(_paths(base)))
    return _replace(base, path, draw(TREES))


def _load_never_raises(source: str | bytes) -> None:
    try:
        model, report = load_document(source, file="fuzz.yaml")
    except CircularIctError:
        return  # the library's own errors are allowed
    assert (model is not None) == report.valid
    for d in report.diagnostics:
        assert d.code
        assert d.message
        assert d.line >= 0
        assert d.column >= 0


@FAST
@given(TREES)
def test_arbitrary_yaml_documents_never_raise(tree: Any) -> None:
    _load_never_raises(yaml.safe_dump(tree, allow_unicode=True))


@FAST
@given(mutated())
def test_mutated_bids_and_tenders_never_raise(data: Any) -> None:
    _load_never_raises(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


#: Characters YAML 1.2 does not allow in a stream (section 5.1); see test_control_characters_are_reported.
NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@FAST
@given(st.binary(max_size=300))
def test_random_bytes_never_raise(raw: bytes) -> None:
    _load_never_raises(raw)


@FAST
@given(st.text(max_size=200))
def test_random_text_never_raises(text: str) -> None:
    _load_never_raises(text)


@pytest.mark.parametrize("source", ["a: \x07", b"id: B\x01\n", "x: \x7f"])
def test_control_characters_are_reported(source: str | bytes) -> None:
    """A control character YAML does not allow must give a located diagnostic, not an exception."""
    model, report = load_document(source, file="ctrl.yaml")
    assert model is None
    assert not report.valid
    assert report.diagnostics[0].line == 1


@pytest.mark.parametrize(
    "text",
    [
        "id: B-1\nvalues: []\n",
        "id: B-1\nsupplier: S\nprice: 1 EUR\noffers:\n  - {product_group: notebooks, name: N, values: [1]}\n",
    ],
)
def test_values_given_as_a_list_are_reported(text: str) -> None:
    """``values:`` must be a mapping of metric ids; a list must give a wrong-type diagnostic, not an exception."""
    model, report = load_document(text, file="bid.yaml")
    assert model is None
    assert "wrong-type" in {d.code for d in report.diagnostics}


COLUMNS = [
    "bid_id",
    "supplier",
    "price [EUR]",
    "product_group",
    "name",
    "quantity",
    "warranty_period [month]",
    "warranty_period [kg]",
    "embodied_emissions [kg CO2e]",
    "battery_user_replaceable",
    "unknown",
    "",
]
CELLS = st.one_of(
    st.sampled_from(["", "1", "0", "-5", "1,5", "NaN", "inf", "1e400", "=1+1", "true", "notebooks", "B-1", '"']),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=8),
    st.floats(allow_nan=True).map(repr),
)


@st.composite
def csv_texts(draw: st.DrawFn) -> str:
    header = draw(st.lists(st.sampled_from(COLUMNS), min_size=0, max_size=9))
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=len(header) + 1), max_size=4))
    sep = draw(st.sampled_from([",", ";", "\t"]))
    lines = [sep.join(header), *(sep.join(r) for r in rows)]
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\r\n"]))


def _table_never_raises(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bids.csv"
        path.write_bytes(content)
        try:
            bids, report = validate_bid_table(path)
        except CircularIctError:
            return
        assert report.valid or bids == []
        for d in report.diagnostics:
            assert d.code
            assert d.message


@FAST
@given(csv_texts())
def test_random_bid_tables_never_raise(text: str) -> None:
    _table_never_raises(text.encode("utf-8"))


@FAST
@given(st.binary(max_size=300))
def test_random_bytes_as_bid_table_never_raise(raw: bytes) -> None:
    _table_never_raises(raw)


def test_latin1_table_with_old_mac_line_ends_is_reported(tmp_path: Path) -> None:
    """A Latin-1 CSV with CR line ends (classic Mac) must give not-utf8, not an exception (CLI exit 3)."""
    path = tmp_path / "cr.csv"
    path.write_bytes(b"bid_id,supplier\rB-1,Soci\xe9t\xe9\r")
    _bids, report = validate_bid_table(path)
    assert [d.code for d in report.diagnostics] == ["not-utf8"]


# =========================================================================== scoring properties

SRC = {"publisher": "Test", "document": "Test tender", "url": "https://example.org", "status": "derived"}


def _crit(cid: str, kind: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": cid,
        "kind": kind,
        "title": {"en": cid, "nl": cid},
        "text": {"en": cid, "nl": cid},
        "ambition": "basic",
        "themes": ["lifespan"],
        "product_groups": ["notebooks"],
        "source": SRC,
        **extra,
    }


WARRANTY_MIN = _crit(
    "T.warranty", "technical_specification", requirement={"metric": "warranty_period", "min": "36 month"}
)
WARRANTY_LINEAR = _crit(
    "T.warranty-award",
    "award_criterion",
    scoring={
        "type": "linear",
        "metric": "warranty_period",
        "worst": "3 year",
        "best": "5 year",
        "points": 10,
        "clamp": True,
    },
)
CO2_RATIO = _crit(
    "T.co2", "award_criterion", scoring={"type": "ratio_to_best", "metric": "embodied_emissions", "points": 10}
)
CO2_LINEAR = _crit(
    "T.co2",
    "award_criterion",
    scoring={
        "type": "linear",
        "metric": "embodied_emissions",
        "worst": "400 kg CO2e",
        "best": "100 kg CO2e",
        "points": 10,
        "clamp": True,
    },
)


def _tender(price: dict[str, Any], co2: dict[str, Any]) -> Tender:
    return Tender.model_validate(
        {
            "id": "t",
            "title": {"en": "T", "nl": "T"},
            "buyer": {"name": "Buyer"},
            "languages": ["en", "nl"],
            "lots": [{"id": "L1", "title": {"en": "L", "nl": "L"}, "product_group": "notebooks", "quantity": 10}],
            "criteria": {"own": [WARRANTY_MIN, WARRANTY_LINEAR, co2]},
            "award": {
                "basis": "best_price_quality",
                "method": "weighted_points",
                "total_points": 100,
                "price": price,
                "weights": {"T.warranty-award": 30, "T.co2": 30},
            },
        }
    )


RELATIVE = _tender({"method": "ratio_lowest", "points": 40}, CO2_RATIO)
ABSOLUTE = _tender(
    {"method": "linear_bounds", "points": 40, "lowest": "500 EUR", "highest": "5000 EUR", "clamp": True}, CO2_LINEAR
)


def _bid(
    bid_id: str, price: int, months: int | None, kg: int | None, *, years: bool = False, tonnes: bool = False
) -> Bid:
    values: dict[str, str] = {}
    if months is not None:
        values["warranty_period"] = f"{months / 12!r} year" if years else f"{months} month"
    if kg is not None:
        values["embodied_emissions"] = f"{kg / 1000!r} t CO2e" if tonnes else f"{kg} kg CO2e"
    return Bid.model_validate(
        {
            "id": bid_id,
            "supplier": f"Supplier {bid_id}",
            "price": f"{price} EUR",
            "offers": [{"product_group": "notebooks", "name": "N", "values": values}],
        }
    )


#: (price in EUR, warranty in months or None, embodied emissions in kg CO2e or None)
OFFERS = st.tuples(
    st.integers(min_value=100, max_value=6000),
    st.one_of(st.none(), st.integers(min_value=1, max_value=96)),
    st.one_of(st.none(), st.integers(min_value=1, max_value=900)),
)


def _totals(tender: Tender, bids: list[Bid]) -> dict[str, tuple[str, float | None]]:
    ev = evaluate(tender, bids, resolve_tender(tender), catalogue.metrics())
    return {b.id: (ev.result(b.id).status, ev.result(b.id).total) for b in bids}


def _same(a: dict[str, tuple[str, float | None]], b: dict[str, tuple[str, float | None]]) -> None:
    assert a.keys() == b.keys()
    for k in a:
        assert a[k][0] == b[k][0], k
        if a[k][1] is None or b[k][1] is None:
            assert a[k][1] is None, k
            assert b[k][1] is None, k
        else:
            assert math.isclose(a[k][1], b[k][1], rel_tol=1e-9, abs_tol=1e-9), (k, a[k], b[k])


@FAST
@given(
    st.lists(OFFERS, min_size=1, max_size=6), st.randoms(use_true_random=False), st.sampled_from([RELATIVE, ABSOLUTE])
)
def test_totals_do_not_depend_on_bid_order(offers: list[tuple[int, Any, Any]], rnd: Any, tender: Tender) -> None:
    bids = [_bid(f"B{i}", *o) for i, o in enumerate(offers)]
    shuffled = list(bids)
    rnd.shuffle(shuffled)
    _same(_totals(tender, bids), _totals(tender, shuffled))


@FAST
@given(st.lists(OFFERS, min_size=1, max_size=6), st.sampled_from([RELATIVE, ABSOLUTE]))
def test_the_unit_of_a_value_does_not_change_any_score(offers: list[tuple[int, Any, Any]], tender: Tender) -> None:
    """Warranty in months vs the same in years; embodied emissions in kg vs t CO2e."""
    plain = [_bid(f"B{i}", *o) for i, o in enumerate(offers)]
    converted = [_bid(f"B{i}", *o, years=True, tonnes=True) for i, o in enumerate(offers)]
    _same(_totals(tender, plain), _totals(tender, converted))


@FAST
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=100, max_value=6000),
            st.integers(min_value=36, max_value=96),
            st.one_of(st.none(), st.integers(min_value=1, max_value=900)),
        ),
        min_size=1,
        max_size=5,
    ),
    st.tuples(
        st.integers(min_value=1, max_value=6000),
        st.one_of(st.none(), st.integers(min_value=1, max_value=35)),
        st.integers(min_value=1, max_value=900),
    ),
)
def test_an_excluded_bid_does_not_change_the_others_under_absolute_formulas(
    offers: list[tuple[int, int, Any]], failing: tuple[int, Any, int]
) -> None:
    """Every bid meets the 36-month minimum but the extra one (less warranty, or none): it is excluded."""
    bids = [_bid(f"B{i}", *o) for i, o in enumerate(offers)]
    before = _totals(ABSOLUTE, bids)
    after = _totals(ABSOLUTE, [*bids, _bid("X", *failing)])
    assert after.pop("X")[0] == "excluded"
    _same(before, after)
