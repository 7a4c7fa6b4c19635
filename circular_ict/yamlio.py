"""YAML reading and writing with exact positions, limits and YAML 1.2 typing.

:func:`load_yaml` parses with the libyaml C parser (the pure-Python parser is
only a fallback when libyaml is missing), with the cyclic garbage collector
switched off around the parse only. It never raises for bad input: every
problem becomes a :class:`~circular_ict.diagnostics.Diagnostic` in the returned
:class:`YamlDocument`, which also keeps the node graph so that any path inside
the document (``criteria[3].requirement.min``) can be located afterwards, at
no cost unless asked.

What it checks, beyond syntax:

* duplicate keys (while merge keys ``<<: *base`` with overrides stay legal);
* implicit typing follows YAML 1.2 core, not PyYAML's YAML 1.1: ``no``, ``on``
  and ``NO`` stay text (with a warning), ``1e3`` is a number, bare dates stay
  text, ``1:20`` stays text (with a warning) and ``0755`` is refused;
* only plain YAML tags; no Python objects;
* limits on file size, alias expansion ("billion laughs") and nesting depth.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from .diagnostics import Diagnostic, Severity, format_path

__all__ = ["Limits", "YamlDocument", "dump_yaml", "load_yaml"]

_TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (_TAG + t for t in ("str", "int", "float", "bool", "null"))
MAP, SEQ, MERGE = _TAG + "map", _TAG + "seq", _TAG + "merge"
_ALLOWED_TAGS = {STR, INT, FLOAT, BOOL, NULL, MAP, SEQ, MERGE}


@dataclass(frozen=True)
class Limits:
    """Bounds that protect the loader; raise them when a real file needs it.

    ``max_bytes``: file size. ``max_nodes``: nodes after expanding every alias.
    ``max_depth``: nesting of mappings and sequences.
    """

    max_bytes: int = 20_000_000
    max_nodes: int = 2_000_000
    max_depth: int = 64


# --------------------------------------------------------------------------- resolver


class Yaml12Resolver(BaseResolver):
    """Implicit types of the YAML 1.2 core schema (no timestamps, no base 60)."""


_BOOL_RE = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_NULL_RE = re.compile(r"^(?:~|null|Null|NULL|)$")
_INT_RE = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT_RE = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
Yaml12Resolver.add_implicit_resolver(BOOL, _BOOL_RE, list("tTfF"))
Yaml12Resolver.add_implicit_resolver(NULL, _NULL_RE, ["~", "n", "N", ""])
Yaml12Resolver.add_implicit_resolver(INT, _INT_RE, list("-+0123456789"))
Yaml12Resolver.add_implicit_resolver(FLOAT, _FLOAT_RE, list("-+0123456789."))
Yaml12Resolver.add_implicit_resolver(MERGE, re.compile(r"^(?:<<)$"), ["<"])

# Plain scalars that YAML 1.1 tools (PyYAML's safe_load, older editors) read differently.
_YAML11_BOOL_RE = re.compile(r"^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$")
_YAML11_SEXAGESIMAL_RE = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
_LEADING_ZERO_RE = re.compile(r"^[-+]?0[0-9]+$")


class Yaml12Constructor(SafeConstructor):
    """SafeConstructor with YAML 1.2 integers (``0o17``, ``0x1f``, decimal otherwise)."""

    def construct_yaml_int(self, node: ScalarNode) -> int:
        value = str(self.construct_scalar(node)).replace("_", "")
        if value.startswith("0o"):
            return int(value[2:], 8)
        if value.startswith("0x"):
            return int(value[2:], 16)
        return int(value)


Yaml12Constructor.add_constructor(INT, Yaml12Constructor.construct_yaml_int)  # type: ignore[type-var]

try:  # the libyaml C parser
    from yaml._yaml import CParser as _Parser

    WITH_LIBYAML = True
except ImportError:  # pragma: no cover - only without libyaml
    WITH_LIBYAML = False


if WITH_LIBYAML:

    class _Loader(_Parser, Yaml12Constructor, Yaml12Resolver):
        def __init__(self, stream: str) -> None:
            _Parser.__init__(self, stream)
            Yaml12Constructor.__init__(self)
            Yaml12Resolver.__init__(self)

else:  # pragma: no cover
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Loader(Reader, Scanner, Parser, Composer, Yaml12Constructor, Yaml12Resolver):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)
            Yaml12Constructor.__init__(self)
            Yaml12Resolver.__init__(self)


@contextmanager
def _gc_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# --------------------------------------------------------------------------- document


@dataclass
class YamlDocument:
    """A parsed YAML file: its data, its node graph and what was found wrong."""

    file: str
    data: Any = None
    root: Node | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the data can be used (no error so far)."""
        return not any(d.is_error for d in self.diagnostics)

    def node_at(self, path: Sequence[str | int], *, key: bool = False) -> Node | None:
        """The deepest node along ``path`` (the key node of the last part if ``key``)."""
        node = self.root
        if node is None:
            return None
        for i, part in enumerate(path):
            last = i == len(path) - 1
            if isinstance(node, MappingNode) and isinstance(part, str):
                pair = _find_pair(node, part)
                if pair is None:
                    return node
                node = pair[0] if (key and last) else pair[1]
            elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
            else:
                return node
        return node

    def locate(self, path: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the node at ``path`` (or its deepest existing parent)."""
        node = self.node_at(path, key=key)
        if node is None:
            return (1, 1) if self.root is None else (0, 0)
        return node.start_mark.line + 1, node.start_mark.column + 1

    def diagnostic(
        self,
        code: str,
        message: str,
        path: Sequence[str | int] = (),
        *,
        hint: str | None = None,
        key: bool = False,
        severity: Severity | None = None,
    ) -> Diagnostic:
        """A diagnostic placed at ``path`` in this document."""
        line, column = self.locate(path, key=key)
        return Diagnostic.make(
            code,
            message,
            file=self.file,
            line=line,
            column=column,
            path=format_path(path),
            hint=hint,
            severity=severity,
        )


def _find_pair(node: MappingNode, name: str) -> tuple[Node, Node] | None:
    merges: list[Node] = []
    # Last match wins: that is the pair construction keeps (merged pairs come first
    # once PyYAML has flattened the mapping, the mapping's own pairs after them).
    for key_node, value_node in reversed(node.value):
        if key_node.tag == MERGE:
            merges.append(value_node)
        elif isinstance(key_node, ScalarNode) and key_node.value == name:
            return key_node, value_node
    for merged in merges:
        sources = merged.value if isinstance(merged, SequenceNode) else [merged]
        for source in sources:
            if isinstance(source, MappingNode):
                pair = _find_pair(source, name)
                if pair is not None:
                    return pair
    return None


def _decode(raw: bytes, file: str) -> tuple[str | None, Diagnostic | None]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, Diagnostic.make("not-utf8", "the file is UTF-16 encoded", file=file, line=1, column=1)
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col_bytes = before[before.rfind(b"\n") + 1 :]
        column = len(col_bytes.decode("utf-8", errors="replace")) + 1
        return None, Diagnostic.make(
            "not-utf8",
            f"byte 0x{raw[exc.start]:02x} is not valid UTF-8 (the file may be Latin-1 or Windows-1252)",
            file=file,
            line=line,
            column=column,
        )


def load_yaml(source: str | Path | bytes, *, file: str | None = None, limits: Limits | None = None) -> YamlDocument:
    """Parse one YAML document; never raises for bad input.

    ``source`` is a path, or the text (``str``) or bytes of a document, in which
    case ``file`` names it in diagnostics.
    """
    limits = limits or Limits()
    if isinstance(source, Path):
        name = file or str(source)
        try:
            size = source.stat().st_size
            if size > limits.max_bytes:
                return YamlDocument(
                    name,
                    diagnostics=[
                        Diagnostic.make(
                            "file-too-large", f"the file has {size} bytes; the limit is {limits.max_bytes}", file=name
                        )
                    ],
                )
            raw = source.read_bytes()
        except OSError as exc:
            return YamlDocument(
                name,
                diagnostics=[
                    Diagnostic.make("file-unreadable", f"cannot read the file: {exc.strerror or exc}", file=name)
                ],
            )
    else:
        name = file or "<string>"
        raw = source.encode("utf-8") if isinstance(source, str) else source
    doc = YamlDocument(name)
    if len(raw) > limits.max_bytes:
        doc.diagnostics.append(
            Diagnostic.make(
                "file-too-large", f"the document has {len(raw)} bytes; the limit is {limits.max_bytes}", file=name
            )
        )
        return doc
    text, problem = _decode(raw, name)
    if problem is not None or text is None:
        doc.diagnostics.append(problem)  # type: ignore[arg-type]
        return doc

    loader = _Loader(text)
    try:
        with _gc_paused():
            try:
                root = loader.get_single_node()
            except yaml.MarkedYAMLError as exc:
                doc.diagnostics.append(_syntax_diagnostic(exc, name))
                return doc
            except RecursionError:  # pragma: no cover - pure-Python parser only
                doc.diagnostics.append(
                    Diagnostic.make(
                        "nesting-too-deep", "the document nests too deeply to parse", file=name, line=1, column=1
                    )
                )
                return doc
            if root is None:
                doc.diagnostics.append(
                    Diagnostic.make(
                        "empty-document", "the file is empty (or holds only comments)", file=name, line=1, column=1
                    )
                )
                return doc
            doc.root = root
            if not _check_graph(doc, root, limits):
                return doc
            try:
                doc.data = loader.construct_document(root)
            except yaml.MarkedYAMLError as exc:
                doc.diagnostics.append(_syntax_diagnostic(exc, name))
    finally:
        loader.dispose()
    return doc


def _syntax_diagnostic(exc: yaml.MarkedYAMLError, file: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "invalid YAML"
    code = "yaml-syntax"
    hint = None
    if isinstance(exc, yaml.composer.ComposerError) and "single document" in (exc.context or ""):
        code = "multiple-documents"
        problem = "found a second document in the stream"
    elif "nesting depth" in problem:
        code = "nesting-too-deep"
    elif "found character '\\t'" in problem:
        hint = "YAML does not allow tabs for indentation: indent with spaces"
    elif "undefined alias" in problem or "found undefined alias" in problem:
        hint = "define the anchor (&name) before its alias (*name)"
    message = problem
    if exc.context and code == "yaml-syntax":
        message = f"{problem} ({exc.context}"
        if exc.context_mark is not None and exc.context_mark is not mark:
            message += f" started at line {exc.context_mark.line + 1}, column {exc.context_mark.column + 1}"
        message += ")"
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    return Diagnostic.make(code, message, file=file, line=line, column=column, hint=hint)


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _check_graph(doc: YamlDocument, root: Node, limits: Limits) -> bool:
    """Walk the node graph once (iteratively): tags, keys, YAML 1.1 traps, size, depth.

    Returns False when the graph must not be constructed (bomb, cycle, bad tag).
    """
    file = doc.file
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    in_progress: set[int] = set()
    keys: set[int] = set()
    fatal = False
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        nid = id(node)
        if children_done:
            in_progress.discard(nid)
            kids = _children(node)
            size[nid] = 1 + sum(size[id(k)] for k in kids)
            depth[nid] = 1 + max((depth[id(k)] for k in kids), default=0)
            if size[nid] > limits.max_nodes:
                line, col = _mark(node)
                doc.diagnostics.append(
                    Diagnostic.make(
                        "alias-expansion",
                        f"aliases expand this node to more than {limits.max_nodes} nodes",
                        file=file,
                        line=line,
                        column=col,
                    )
                )
                return False
            if depth[nid] > limits.max_depth:
                line, col = _mark(node)
                doc.diagnostics.append(
                    Diagnostic.make(
                        "nesting-too-deep",
                        f"the document nests more than {limits.max_depth} levels deep",
                        file=file,
                        line=line,
                        column=col,
                    )
                )
                return False
            continue
        if nid in size:
            continue
        if nid in in_progress:
            line, col = _mark(node)
            doc.diagnostics.append(
                Diagnostic.make(
                    "recursive-alias", "an alias refers to a node that contains it", file=file, line=line, column=col
                )
            )
            return False
        if node.tag not in _ALLOWED_TAGS:
            line, col = _mark(node)
            doc.diagnostics.append(
                Diagnostic.make(
                    "unsupported-tag", f"the tag {node.tag!r} is not allowed", file=file, line=line, column=col
                )
            )
            fatal = True
        if isinstance(node, ScalarNode):
            if nid not in keys:
                _check_scalar(doc, node)
            size[nid], depth[nid] = 1, 0
            continue
        if isinstance(node, MappingNode):
            fatal = _check_keys(doc, node) or fatal
            keys.update(id(k) for k, _ in node.value)
        in_progress.add(nid)
        stack.append((node, True))
        stack.extend((k, False) for k in reversed(_children(node)) if id(k) not in size)
    return not fatal


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def _check_scalar(doc: YamlDocument, node: ScalarNode) -> None:
    if node.style:  # quoted or block scalars are always text (plain is None or "")
        return
    value = node.value
    line, col = _mark(node)
    if node.tag == INT and _LEADING_ZERO_RE.match(value):
        doc.diagnostics.append(
            Diagnostic.make("yaml11-octal", f"{value} has a leading zero", file=doc.file, line=line, column=col)
        )
    elif node.tag == STR and _YAML11_BOOL_RE.match(value):
        doc.diagnostics.append(
            Diagnostic.make(
                "yaml11-boolean",
                f"{value!r} is read as the text {value!r}, not as a boolean",
                file=doc.file,
                line=line,
                column=col,
            )
        )
    elif node.tag == STR and _YAML11_SEXAGESIMAL_RE.match(value):
        doc.diagnostics.append(
            Diagnostic.make("yaml11-sexagesimal", f"{value!r} is read as text", file=doc.file, line=line, column=col)
        )


def _check_keys(doc: YamlDocument, node: MappingNode) -> bool:
    """Report duplicate and non-text keys; True if a key cannot even be constructed (a collection)."""
    seen: dict[str, Node] = {}
    unhashable = False
    for key_node, _value in node.value:
        if key_node.tag == MERGE:
            continue
        line, col = _mark(key_node)
        if not isinstance(key_node, ScalarNode) or key_node.tag != STR:
            unhashable = unhashable or not isinstance(key_node, ScalarNode)
            shown = repr(key_node.value) if isinstance(key_node, ScalarNode) else "a list or mapping"
            doc.diagnostics.append(
                Diagnostic.make(
                    "non-string-key",
                    f"the key {shown} is not text",
                    file=doc.file,
                    line=line,
                    column=col,
                    hint="quote the key" if isinstance(key_node, ScalarNode) else "use a plain text key",
                )
            )
            continue
        first = seen.get(key_node.value)
        if first is not None:
            fl, fc = _mark(first)
            doc.diagnostics.append(
                Diagnostic.make(
                    "duplicate-key",
                    f"the key {key_node.value!r} is already defined at line {fl}, column {fc}",
                    file=doc.file,
                    line=line,
                    column=col,
                )
            )
        else:
            seen[key_node.value] = key_node
    return unhashable


# --------------------------------------------------------------------------- dumping


class _Dumper(yaml.SafeDumper):
    """A dumper that quotes every string a YAML 1.1 *or* 1.2 reader would not read as text."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


for _tag, _regexp, _first in [
    (INT, _INT_RE, list("-+0123456789")),
    (FLOAT, _FLOAT_RE, list("-+0123456789.")),
    (BOOL, _YAML11_BOOL_RE, list("yYnNoO")),  # YAML 1.1 booleans
    (STR, _YAML11_SEXAGESIMAL_RE, list("-+0123456789")),
]:
    _Dumper.add_implicit_resolver(_tag if _tag != STR else INT, _regexp, _first)


def dump_yaml(data: Any) -> str:
    """Write plain data as block-style YAML, keys in their given order, Unicode as is.

    Strings that any YAML reader might take for something else (``no``, ``1e3``,
    ``0755``, ``1:20``, ``2024-05-01``) are quoted.
    """
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)
