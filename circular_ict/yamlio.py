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


class NumberTooLongError(yaml.constructor.ConstructorError):
    """A decimal integer with more digits than Python converts (``sys.get_int_max_str_digits``)."""


class Yaml12Constructor(SafeConstructor):
    """SafeConstructor with YAML 1.2 integers (``0o17``, ``0x1f``, decimal otherwise)."""

    def construct_yaml_int(self, node: ScalarNode) -> int:
        value = str(self.construct_scalar(node)).replace("_", "")
        if value.startswith("0o"):
            return int(value[2:], 8)
        if value.startswith("0x"):
            return int(value[2:], 16)
        try:
            return int(value)
        except ValueError:
            problem = f"the number has {len(value.lstrip('+-'))} digits, too many to read"
            raise NumberTooLongError(None, None, problem, node.start_mark) from None


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
    head = raw[:4096]
    if b"\x00" in head:
        # NUL is valid UTF-8, but no text file holds it: UTF-16 without a byte-order mark puts
        # a NUL beside every ASCII character (LE: at odd offsets, BE: at even ones).
        odd, even = head[1::2].count(0), head[0::2].count(0)
        if max(odd, even) * 4 >= len(head) and min(odd, even) * 4 < max(odd, even):
            order = "little" if odd > even else "big"
            message = f"the file is UTF-16 encoded ({order}-endian, without a byte-order mark)"
            return None, Diagnostic.make("not-utf8", message, file=file, line=1, column=1)
        before = raw[: raw.index(b"\x00")]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
        return None, Diagnostic.make(
            "not-utf8", "the file holds a NUL byte (is it a binary file?)", file=file, line=line, column=column
        )
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

    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:
        doc.diagnostics.append(_reader_diagnostic(exc, name, text))
        return doc
    try:
        with _gc_paused():
            try:
                root = loader.get_single_node()
            except yaml.MarkedYAMLError as exc:
                doc.diagnostics.append(_syntax_diagnostic(exc, name, text))
                return doc
            except yaml.reader.ReaderError as exc:
                doc.diagnostics.append(_reader_diagnostic(exc, name, text))
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
            if not _check_graph(doc, root, limits, text):
                return doc
            try:
                doc.data = loader.construct_document(root)
            except yaml.MarkedYAMLError as exc:
                doc.diagnostics.append(_syntax_diagnostic(exc, name, text))
    finally:
        loader.dispose()
    return doc


def _reader_diagnostic(exc: yaml.reader.ReaderError, file: str, text: str) -> Diagnostic:
    """A character YAML does not allow (a control character), at its line and column."""
    position = max(0, min(int(getattr(exc, "position", 0) or 0), len(text)))
    before = text[:position]
    line = before.count("\n") + 1
    column = position - (before.rfind("\n") + 1) + 1
    char = getattr(exc, "character", "")
    code = ord(char) if isinstance(char, str) and len(char) == 1 else char if isinstance(char, int) else None
    shown = f"U+{code:04X}" if code is not None else repr(char)
    return Diagnostic.make(
        "yaml-syntax",
        f"the character {shown} is not allowed in YAML",
        file=file,
        line=line,
        column=column,
        hint="remove the control character (it may come from copying text out of another program)",
    )


def _syntax_diagnostic(exc: yaml.MarkedYAMLError, file: str, text: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "invalid YAML"
    context = exc.context or ""
    start = exc.context_mark
    code = "yaml-syntax"
    hint = None
    if isinstance(exc, NumberTooLongError):
        code, hint = "out-of-range", "no quantity needs that many digits: check the number"
    elif isinstance(exc, yaml.composer.ComposerError) and "single document" in context:
        code = "multiple-documents"
        problem = "found a second document in the stream"
    elif "nesting depth" in problem:
        code = "nesting-too-deep"
    elif "tab" in problem or (mark is not None and _char_at(text, mark.index) == "\t"):
        hint = "YAML does not allow tabs for indentation: indent with spaces"
    elif "undefined alias" in problem:
        hint = "define the anchor (&name) before its alias (*name)"
    elif "mapping values are not allowed" in problem:
        hint = "a ': ' inside a plain value starts a mapping: quote the value, or check the indentation of this line"
    elif mark is not None and "expected key" in problem and _char_at(text, mark.index) == "-":
        hint = "indent this '-' like the other items of its list"
    elif start is not None and ("expected key" in problem or "expected '-'" in problem):
        block = "mapping" if "mapping" in context else "list"
        hint = (
            f"indent this line like the other entries of the {block} that starts at line {start.line + 1}, "
            f"column {start.column + 1}"
        )
    message = problem
    if code == "yaml-syntax" and start is not None and mark is not None and start is not mark:
        stopped = f"line {mark.line + 1}, column {mark.column + 1}"
        if "quoted scalar" in context and "end of stream" in problem:
            # Point at the opening quote, not at the end of the file.
            message, mark = "the quoted text that starts here is not closed", start
            hint = "add the closing quote"
        elif "flow" in context and mark.line > start.line:
            # An unclosed '[' or '{': the parser only notices on a later line.
            bracket = "[" if "sequence" in context else "{"
            closing = "]" if bracket == "[" else "}"
            message = f"the '{bracket}' that starts here is not closed ({problem} at {stopped})"
            mark, hint = start, f"close it with '{closing}' on the same line, or check the commas"
        elif "simple key" in context:
            # A line without ':' after its key: the parser notices on the next line.
            message, mark = f"{problem} after the key that starts here (the parser stopped at {stopped})", start
            hint = "write 'key: value' with a colon and a space"
        else:
            message = f"{problem} ({context} started at line {start.line + 1}, column {start.column + 1})"
    elif context and code == "yaml-syntax":
        message = f"{problem} ({context})"
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    return Diagnostic.make(code, message, file=file, line=line, column=column, hint=hint)


def _char_at(text: str, index: int) -> str:
    return text[index] if 0 <= index < len(text) else ""


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _check_graph(doc: YamlDocument, root: Node, limits: Limits, text: str = "") -> bool:
    """Walk the node graph once (iteratively): tags, keys, YAML 1.1 traps, size, depth.

    Returns False when the graph must not be constructed (bomb, cycle, bad tag).
    """
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    paths: dict[int, DocPath] = {id(root): ()}  # the first path a node is reached by
    levels: dict[int, int] = {id(root): 1}  # nesting level of collections, from the top
    in_progress: set[int] = set()
    keys: set[int] = set()
    fatal = False
    stack: list[tuple[Node, bool, DocPath]] = [(root, False, ())]  # with the path each entry was reached by
    while stack:
        node, children_done, reached_by = stack.pop()
        nid = id(node)
        if children_done:
            in_progress.discard(nid)
            kids = _children(node)
            size[nid] = 1 + sum(size[id(k)] for k in kids)
            depth[nid] = 1 + max((depth[id(k)] for k in kids), default=0)
            if size[nid] > limits.max_nodes:
                message = f"aliases expand this node to more than {limits.max_nodes} nodes"
                doc.diagnostics.append(_at(doc, "alias-expansion", message, node, paths[nid]))
                return False
            if depth[nid] > limits.max_depth:  # only reachable through aliases: the levels check comes first
                message = f"the document nests more than {limits.max_depth} levels deep"
                doc.diagnostics.append(_at(doc, "nesting-too-deep", message, node, paths[nid]))
                return False
            continue
        if nid in size:
            continue
        if nid in in_progress:
            doc.diagnostics.append(_recursive_alias(doc, node, reached_by, text))
            return False
        if node.tag not in _ALLOWED_TAGS:
            doc.diagnostics.append(
                _at(doc, "unsupported-tag", f"the tag {node.tag!r} is not allowed", node, paths[nid])
            )
            fatal = True
        if isinstance(node, ScalarNode):
            if nid not in keys:
                _check_scalar(doc, node, paths[nid])
            size[nid], depth[nid] = 1, 0
            continue
        if levels[nid] > limits.max_depth:
            message = f"the document nests more than {limits.max_depth} levels deep"
            doc.diagnostics.append(_at(doc, "nesting-too-deep", message, node, paths[nid]))
            return False
        if isinstance(node, MappingNode):
            fatal = _check_keys(doc, node, paths[nid]) or fatal
            keys.update(id(k) for k, _ in node.value)
        in_progress.add(nid)
        stack.append((node, True, reached_by))
        for part, child in reversed(_labelled_children(node)):
            cid = id(child)
            if cid not in size:
                child_path = (*reached_by, part) if part is not None else reached_by
                paths.setdefault(cid, child_path)
                levels.setdefault(cid, levels[nid] + 1)
                stack.append((child, False, child_path))
    return not fatal


DocPath = tuple[str | int, ...]


def _at(doc: YamlDocument, code: str, message: str, node: Node, path: DocPath, hint: str | None = None) -> Diagnostic:
    line, col = _mark(node)
    return Diagnostic.make(code, message, file=doc.file, line=line, column=col, path=format_path(path), hint=hint)


def _recursive_alias(doc: YamlDocument, node: Node, path: DocPath, text: str) -> Diagnostic:
    """Point at the alias inside its own anchor (the node graph only keeps the anchored node)."""
    line, col = _mark(node)
    anchor = re.match(r"&([^\s,\[\]{}]+)", text[node.start_mark.index : node.end_mark.index])
    if anchor:
        name = anchor.group(1)
        span = text[node.start_mark.index : node.end_mark.index]
        alias = re.search(r"\*" + re.escape(name) + r"(?![^\s,\[\]{}])", span)
        if alias:
            offset = node.start_mark.index + alias.start()
            before = text[:offset]
            line, col = before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1
            message = f"the alias *{name} is inside the node it refers to (&{name} at line {_mark(node)[0]}, column "
            message += f"{_mark(node)[1]})"
            return Diagnostic.make(
                "recursive-alias", message, file=doc.file, line=line, column=col, path=format_path(path)
            )
    return Diagnostic.make(
        "recursive-alias",
        "an alias refers to a node that contains it",
        file=doc.file,
        line=line,
        column=col,
        path=format_path(path),
    )


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def _labelled_children(node: Node) -> list[tuple[str | int | None, Node]]:
    """The children with the path part that leads to them (None: the node's own path)."""
    if isinstance(node, MappingNode):
        out: list[tuple[str | int | None, Node]] = []
        for key_node, value_node in node.value:
            part = key_node.value if isinstance(key_node, ScalarNode) and key_node.tag == STR else None
            out += [(part, key_node), (part, value_node)]
        return out
    if isinstance(node, SequenceNode):
        return list(enumerate(node.value))
    return []


def _check_scalar(doc: YamlDocument, node: ScalarNode, path: DocPath) -> None:
    if node.style:  # quoted or block scalars are always text (plain is None or "")
        return
    value = node.value
    if node.tag == INT and _LEADING_ZERO_RE.match(value):
        digits = value.lstrip("+-")
        yaml11 = f"the octal number {int(digits, 8)}" if set(digits) <= set("01234567") else "text"
        hint = f"YAML 1.1 reads {value} as {yaml11}, YAML 1.2 as {int(value)}: quote it ('{value}') if it is a code"
        doc.diagnostics.append(_at(doc, "yaml11-octal", f"{value} has a leading zero", node, path, hint))
    elif node.tag == STR and _YAML11_BOOL_RE.match(value):
        message = f"{value!r} is read as the text {value!r}, not as a boolean"
        doc.diagnostics.append(_at(doc, "yaml11-boolean", message, node, path))
    elif node.tag == STR and _YAML11_SEXAGESIMAL_RE.match(value):
        doc.diagnostics.append(_at(doc, "yaml11-sexagesimal", f"{value!r} is read as text", node, path))


def _check_keys(doc: YamlDocument, node: MappingNode, path: DocPath) -> bool:
    """Report duplicate and non-text keys; True if a key cannot even be constructed (a collection)."""
    seen: dict[str, Node] = {}
    unhashable = False
    for key_node, _value in node.value:
        if key_node.tag == MERGE:
            continue
        if not isinstance(key_node, ScalarNode) or key_node.tag != STR:
            unhashable = unhashable or not isinstance(key_node, ScalarNode)
            shown = repr(key_node.value) if isinstance(key_node, ScalarNode) else "a list or mapping"
            hint = "quote the key" if isinstance(key_node, ScalarNode) else "use a plain text key"
            doc.diagnostics.append(_at(doc, "non-string-key", f"the key {shown} is not text", key_node, path, hint))
            continue
        first = seen.get(key_node.value)
        if first is not None:
            fl, fc = _mark(first)
            message = f"the key {key_node.value!r} is already defined at line {fl}, column {fc}"
            doc.diagnostics.append(_at(doc, "duplicate-key", message, key_node, (*path, key_node.value)))
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
