"""YAML reading that keeps line numbers, so every message can say file:line."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import CompendiumError


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


def _scalar(node: yaml.ScalarNode) -> Any:
    tag = node.tag.rsplit(":", 1)[-1]
    if tag == "int":
        return yaml.SafeLoader.construct_yaml_int(yaml.SafeLoader(""), node)
    if tag == "bool":
        return node.value.lower() in ("true", "yes", "on")
    if tag == "null":
        return None
    if tag == "float":
        return float(node.value)
    return node.value  # strings, and dates kept as text for our own checking


def _build(node: yaml.Node, file: str) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        seq = Seq(_build(n, file) for n in node.value)
        seq.file, seq.line = file, node.start_mark.line + 1
        seq.item_lines = [n.start_mark.line + 1 for n in node.value]
        return seq
    if isinstance(node, yaml.MappingNode):
        m = Map()
        m.file, m.line, m.key_lines = file, node.start_mark.line + 1, {}
        for knode, vnode in node.value:
            key = _build(knode, file)
            if not isinstance(key, (str, int)):
                raise CompendiumError("a key must be a plain word", file, knode.start_mark.line + 1)
            key = str(key)
            if key in m:
                raise CompendiumError(f"duplicate key '{key}' (first on line {m.key_lines[key]})",
                                      file, knode.start_mark.line + 1, knode.start_mark.column + 1,
                                      "keep one of them")
            m[key] = _build(vnode, file)
            m.key_lines[key] = knode.start_mark.line + 1
        return m
    raise CompendiumError("unsupported YAML node", file, node.start_mark.line + 1)


def load(path: Path, display: str | None = None) -> Any:
    """Parse a YAML file into Map/Seq/scalars; syntax errors become CompendiumError."""
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CompendiumError("file not found", name, hint="restore it from git or check the path") from None
    except UnicodeDecodeError as exc:
        raise CompendiumError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", name,
                              hint="save the file as UTF-8") from None
    except OSError as exc:
        raise CompendiumError(f"cannot read: {exc.strerror}", name) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "YAML syntax error"
        raise CompendiumError(f"YAML syntax error: {what}", name,
                              mark.line + 1 if mark else None, mark.column + 1 if mark else None,
                              "check indentation, colons and quotes") from None
    except yaml.YAMLError as exc:
        raise CompendiumError(f"YAML error: {exc}", name) from None
    if node is None:
        raise CompendiumError("file is empty", name)
    return _build(node, name)
