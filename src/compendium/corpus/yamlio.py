"""YAML reading that keeps line numbers, so every message can say file:line."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..errors import CompendiumError


class Map(dict):
    """A mapping that remembers the line of itself and of each key."""

    file: str
    line: int
    key_lines: dict[str, int]


class Seq(list):
    """A sequence that remembers its line and the line of each item."""

    file: str
    line: int
    item_lines: list[int]


def line_of(value: Any, default: int = 0) -> int:
    return getattr(value, "line", default)


_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {"str", "int", "float", "bool", "null", "timestamp"}
_NAMES = {"int": "whole number", "float": "number"}
_NUMBERS = yaml.SafeLoader("")          # its constructors read int and float scalars (they keep no state)


def _tag_error(node: yaml.Node, file: str) -> CompendiumError:
    tag = node.tag.replace(_CORE, "!!")
    return CompendiumError(f"YAML tag '{tag}' is not allowed here", file, node.start_mark.line + 1,
                           node.start_mark.column + 1, "remove the tag; the corpus holds plain text, lists and keys")


def _scalar(node: yaml.ScalarNode, file: str) -> Any:
    if not node.tag.startswith(_CORE) or node.tag[len(_CORE):] not in _SCALAR_TAGS:
        raise _tag_error(node, file)
    tag = node.tag[len(_CORE):]
    try:
        if tag == "int":
            return _NUMBERS.construct_yaml_int(node)
        if tag == "float":
            return _NUMBERS.construct_yaml_float(node)
    except (ValueError, IndexError, yaml.YAMLError):          # IndexError: an empty "!!int "
        raise CompendiumError(f"{node.value!r} is not a {_NAMES[tag]}", file, node.start_mark.line + 1,
                              node.start_mark.column + 1, "write digits, or quote it to make it text") from None
    if tag == "bool":
        return node.value.lower() in ("true", "yes", "on")
    if tag == "null":
        return None
    return node.value  # strings, and dates kept as text for our own checking


def _build(node: yaml.Node, file: str, seen: set[int]) -> Any:
    if id(node) in seen:    # an alias (*name): the corpus writes every text out; this also stops alias bombs
        raise CompendiumError("YAML anchors and aliases (&name, *name) are not supported", file,
                              node.start_mark.line + 1, node.start_mark.column + 1, "write the value out in full")
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, file)
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _CORE + "seq":
            raise _tag_error(node, file)
        seq = Seq(_build(n, file, seen) for n in node.value)
        seq.file, seq.line = file, node.start_mark.line + 1
        seq.item_lines = [n.start_mark.line + 1 for n in node.value]
        return seq
    if isinstance(node, yaml.MappingNode):
        if node.tag != _CORE + "map":
            raise _tag_error(node, file)
        m = Map()
        m.file, m.line, m.key_lines = file, node.start_mark.line + 1, {}
        for knode, vnode in node.value:
            key = _build(knode, file, seen)
            if not isinstance(key, (str, int)) or isinstance(key, bool):
                raise CompendiumError("a key must be a plain word", file, knode.start_mark.line + 1,
                                      knode.start_mark.column + 1)
            key = str(key)
            if key in m:
                raise CompendiumError(f"duplicate key '{key}', first on line {m.key_lines[key]}",
                                      file, knode.start_mark.line + 1, knode.start_mark.column + 1,
                                      "keep one of them")
            m[key] = _build(vnode, file, seen)
            m.key_lines[key] = knode.start_mark.line + 1
        return m
    raise CompendiumError("unsupported YAML node", file, node.start_mark.line + 1)


_FAST = getattr(yaml, "CSafeLoader", None)       # LibYAML: the same nodes and marks, ten times faster


def _compose(text: str) -> yaml.Node | None:
    """The node tree of a document: LibYAML when PyYAML has it; on any syntax error the pure-Python
    parser reads the text again, so the message (and its line) is PyYAML's, whichever parser is built."""
    if _FAST is not None:
        try:
            return yaml.compose(text, Loader=_FAST)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def load(path: Path, display: str | None = None) -> Any:
    """Parse a YAML file into Map/Seq/scalars; syntax errors become CompendiumError."""
    name = display or str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CompendiumError("file not found", name, hint="restore it from git or check the path") from None
    except OSError as exc:
        raise CompendiumError(f"cannot read: {exc.strerror}", name) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        raise CompendiumError(f"not UTF-8 text ({exc.reason}, byte {data[exc.start]:#04x})", name,
                              data.count(b"\n", 0, exc.start) + 1,
                              len(data[line_start:exc.start].decode("utf-8", "replace")) + 1,
                              hint="save the file as UTF-8") from None
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.problem and "end of stream" in exc.problem and exc.context_mark:
            mark = exc.context_mark                      # where the unclosed thing opens, not the file's end
        what = exc.problem or exc.context or "YAML syntax error"
        if exc.context and exc.problem:
            if exc.problem.startswith("but "):           # "expected a single document …, but found …"
                what = f"{exc.context}, {exc.problem}"
            else:                                        # "found … while scanning a quoted scalar …"
                what += f" {exc.context}"
                if exc.context_mark and mark and exc.context_mark.line != mark.line:
                    what += f" that starts on line {exc.context_mark.line + 1}"
        hint = ("close the quote; inside '…' write '' for a quote, inside \"…\" write \\\""
                if "quoted scalar" in (exc.context or "") else "check indentation, colons and quotes")
        raise CompendiumError(f"YAML syntax error: {what}", name,
                              mark.line + 1 if mark else None, mark.column + 1 if mark else None, hint) from None
    except yaml.YAMLError as exc:
        raise CompendiumError(f"YAML error: {' '.join(str(exc).split())}", name) from None
    except RecursionError:
        raise CompendiumError("YAML nested too deeply", name, hint="check the brackets") from None
    if node is None:
        raise CompendiumError("file is empty", name, hint="restore it from git")
    try:
        return _build(node, name, set())
    except RecursionError:
        raise CompendiumError("YAML nested too deeply", name, hint="check the brackets") from None
