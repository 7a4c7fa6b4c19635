"""circular_ict.yamlio: positions, duplicate keys, YAML 1.2 typing, limits, dumping."""

from __future__ import annotations

import gc

import pytest

from circular_ict.yamlio import Limits, dump_yaml, load_yaml


def codes(doc) -> list[tuple[str, int, int]]:  # type: ignore[no-untyped-def]
    return [(d.code, d.line, d.column) for d in doc.diagnostics]


def test_yaml12_typing() -> None:
    doc = load_yaml("a: no\nb: NO\nc: on\nd: 1e3\ne: 2024-05-01\nf: 0o17\ng: 0x1f\nh: true\ni: ~\nj: 1:20\n")
    assert doc.data == {
        "a": "no",
        "b": "NO",
        "c": "on",
        "d": 1000.0,
        "e": "2024-05-01",
        "f": 15,
        "g": 31,
        "h": True,
        "i": None,
        "j": "1:20",
    }
    assert codes(doc) == [
        ("yaml11-boolean", 1, 4),
        ("yaml11-boolean", 2, 4),
        ("yaml11-boolean", 3, 4),
        ("yaml11-sexagesimal", 10, 4),
    ]
    assert doc.ok  # warnings only


def test_quoted_words_are_not_flagged() -> None:
    doc = load_yaml("a: 'no'\nb: \"on\"\n")
    assert doc.diagnostics == []


def test_keys_named_like_yaml11_booleans_are_not_flagged() -> None:
    doc = load_yaml("no: 1\ny: 2\n")
    assert doc.data == {"no": 1, "y": 2}
    assert doc.diagnostics == []


def test_leading_zero_is_an_error() -> None:
    doc = load_yaml("mode: 0755\n")
    assert codes(doc) == [("yaml11-octal", 1, 7)]
    assert not doc.ok


def test_all_duplicate_keys_are_reported() -> None:
    doc = load_yaml("a: 1\nb: 2\na: 3\nc:\n  x: 1\n  x: 2\n")
    assert codes(doc) == [("duplicate-key", 3, 1), ("duplicate-key", 6, 3)]
    assert "line 1, column 1" in doc.diagnostics[0].message


def test_merge_key_override_is_legal() -> None:
    doc = load_yaml("base: &b {x: 1, y: 2}\nd:\n  <<: *b\n  y: 3\n")
    assert doc.diagnostics == []
    assert doc.data["d"] == {"x": 1, "y": 3}
    assert doc.locate(("d", "y")) == (4, 6)  # the override, not the base
    assert doc.locate(("d", "x")) == (1, 14)  # merged from the anchor


def test_locate_paths() -> None:
    doc = load_yaml("criteria:\n  - id: a\n    weight: 3\n  - id: b\n")
    assert doc.locate(("criteria", 0, "weight")) == (3, 13)
    assert doc.locate(("criteria", 0, "weight"), key=True) == (3, 5)
    assert doc.locate(("criteria", 1)) == (4, 5)
    assert doc.locate(("criteria", 1, "missing")) == (4, 5)  # deepest existing node
    assert doc.locate(()) == (1, 1)


def test_syntax_error_position() -> None:
    doc = load_yaml("a: [1, 2\nb: 3\n", file="x.yaml")
    (d,) = doc.diagnostics
    # The '[' on line 1 is never closed; the parser only notices on line 2, but points back at it.
    assert (d.code, d.file, d.line, d.column) == ("yaml-syntax", "x.yaml", 1, 4)
    assert "not closed" in d.message
    assert "line 2" in d.message
    assert doc.data is None


def test_tab_indentation_hint() -> None:
    doc = load_yaml("a:\n\tb: 1\n")
    (d,) = doc.diagnostics
    assert d.code == "yaml-syntax"
    assert (d.line, d.column) == (2, 1)
    assert d.hint == "YAML does not allow tabs for indentation: indent with spaces"


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    doc = load_yaml("\n".join(lines) + "\n")
    assert [d.code for d in doc.diagnostics] == ["alias-expansion"]
    assert doc.data is None


def test_alias_limit_can_be_raised() -> None:
    text = "a: &a [1, 2, 3]\nb: [*a, *a, *a]\n"
    assert [d.code for d in load_yaml(text, limits=Limits(max_nodes=10)).diagnostics] == ["alias-expansion"]
    assert load_yaml(text).ok


def test_recursive_alias() -> None:
    doc = load_yaml("a: &a [*a]\n")
    assert [d.code for d in doc.diagnostics] == ["recursive-alias"]


@pytest.mark.parametrize("depth", [65, 5000])
def test_nesting_limit(depth: int) -> None:
    doc = load_yaml("a: " + "[" * depth + "]" * depth + "\n")
    assert [d.code for d in doc.diagnostics] == ["nesting-too-deep"]


def test_nesting_limit_can_be_raised() -> None:
    text = "a: " + "[" * 100 + "]" * 100 + "\n"
    assert load_yaml(text, limits=Limits(max_depth=200)).ok


def test_python_tags_are_refused() -> None:
    doc = load_yaml("a: !!python/object/apply:os.system ['echo hi']\n")
    assert [d.code for d in doc.diagnostics] == ["unsupported-tag"]
    assert doc.data is None


def test_multiple_documents() -> None:
    doc = load_yaml("a: 1\n---\nb: 2\n")
    assert codes(doc) == [("multiple-documents", 2, 1)]


@pytest.mark.parametrize("text", ["", "# only a comment\n", "\n\n"])
def test_empty_document(text: str) -> None:
    assert [d.code for d in load_yaml(text).diagnostics] == ["empty-document"]


def test_not_utf8_position() -> None:
    doc = load_yaml(b"a: ok\nb: caf\xe9\n")
    assert codes(doc) == [("not-utf8", 2, 7)]


def test_utf16_is_refused() -> None:
    doc = load_yaml("a: 1\n".encode("utf-16"))
    assert [d.code for d in doc.diagnostics] == ["not-utf8"]


def test_utf8_bom_is_accepted() -> None:
    assert load_yaml(b"\xef\xbb\xbfa: 1\n").data == {"a": 1}


def test_non_string_keys() -> None:
    doc = load_yaml("1: a\n[x]: b\n")
    assert [d.code for d in doc.diagnostics] == ["non-string-key", "non-string-key"]


def test_file_size_limit(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 200 + "\n")
    doc = load_yaml(path, limits=Limits(max_bytes=100))
    assert [d.code for d in doc.diagnostics] == ["file-too-large"]


def test_missing_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    doc = load_yaml(tmp_path / "nope.yaml")
    assert [d.code for d in doc.diagnostics] == ["file-unreadable"]


def test_gc_is_restored_after_a_failed_parse() -> None:
    assert gc.isenabled()
    load_yaml("a: [\n")
    assert gc.isenabled()


def test_dump_quotes_everything_ambiguous() -> None:
    data = {"a": "no", "b": "1e3", "c": "0755", "d": "1:20", "e": "2024-05-01", "f": "NO", "g": "true", "h": "x"}
    text = dump_yaml(data)
    assert load_yaml(text).data == data
    assert load_yaml(text).diagnostics == []
    import yaml

    assert yaml.safe_load(text) == data  # a YAML 1.1 reader agrees too
