"""The line of each key of a TOML or JSON file (`toml_lines`, `json_lines`), and a TOML or UTF-8
data file read with the Source of its values (`toml_source`, `utf8`)."""
from __future__ import annotations

import json
import re
from typing import Any

from ..errors import CompendiumError
from .source import Key, Source


_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\''
_KEY = rf"(?:{_BARE}|{_QUOTED})"
_DOTTED = rf"{_KEY}(?:[ \t]*\.[ \t]*{_KEY})*"
_ARRAY_TABLE = re.compile(rf"[ \t]*\[\[[ \t]*({_DOTTED})[ \t]*\]\]")
_TABLE = re.compile(rf"[ \t]*\[[ \t]*({_DOTTED})[ \t]*\]")
_KEYVAL = re.compile(rf"[ \t]*({_DOTTED})[ \t]*=")


def _keys(dotted: str) -> tuple[str, ...]:
    out = []
    for m in re.finditer(_KEY, dotted):
        token = m.group()
        out.append(_toml_value(token) if token[0] in "\"'" else token)
    return tuple(out)


class _Scan:
    """Where a TOML value ends: strings (also multi-line), brackets and comments, line by line."""

    def __init__(self) -> None:
        self.depth = 0
        self.quote = ""         # the multi-line string we are in: '"""' or "'''"

    @property
    def inside(self) -> bool:
        return bool(self.depth or self.quote)

    def feed(self, line: str) -> None:
        i, n = 0, len(line)
        while i < n:
            if self.quote:
                end = self._close(line, i, self.quote)
                if end < 0:
                    return
                i, self.quote = end, ""
                continue
            c = line[i]
            if c == "#":
                return
            if line.startswith(('"""', "'''"), i):
                self.quote = line[i:i + 3]
                i += 3
                continue
            if c in "\"'":
                end = self._close(line, i + 1, c)
                i = end if end > 0 else n
                continue
            if c in "[{":
                self.depth += 1
            elif c in "]}":
                self.depth = max(0, self.depth - 1)
            i += 1

    @staticmethod
    def _close(line: str, i: int, quote: str) -> int:
        """The index after the closing `quote` from i on, or -1 if the line ends first."""
        basic = quote[0] == '"'
        while i < len(line):
            if basic and line[i] == "\\":
                i += 2
                continue
            if line.startswith(quote, i):
                end = i + len(quote)
                while len(quote) == 3 and line.startswith(quote[0], end) and end - i < 5:
                    end += 1                        # """a"""" : up to two quotes belong to the string
                return end
            i += 1
        return -1


def toml_lines(text: str) -> dict[Key, int]:
    """The line of each table and key of a TOML document (keys inside inline tables and arrays
    take the line of the key that holds them)."""
    lines: dict[Key, int] = {}
    table: Key = ()
    arrays: dict[Key, int] = {}
    scan = _Scan()
    for n, line in enumerate(text.splitlines(), 1):
        if scan.inside:
            scan.feed(line)
            continue
        m = _ARRAY_TABLE.match(line)
        if m:
            path = _keys(m.group(1))
            arrays[path] = arrays.get(path, -1) + 1
            table = path + (arrays[path],)
            for k in range(1, len(path) + 1):
                lines.setdefault(path[:k], n)
            lines[table] = n
            continue
        m = _TABLE.match(line)
        if m:
            table = _keys(m.group(1))
            for k in range(1, len(table) + 1):
                lines.setdefault(table[:k], n)
            continue
        m = _KEYVAL.match(line)
        if m:
            key = table + _keys(m.group(1))
            for k in range(len(table) + 1, len(key)):
                lines.setdefault(key[:k], n)
            lines[key] = n
            scan.feed(line[m.end():])
    return lines


def utf8(data: bytes, file: str) -> str:
    """A data file's bytes as text; not UTF-8 is one line with the line of the first bad byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CompendiumError(f"not UTF-8 text ({exc.reason}, byte 0x{data[exc.start]:02x})", file,
                              data[:exc.start].count(b"\n") + 1, hint="save the file as UTF-8") from None


def _toml_value(token: str) -> Any:
    import tomllib                   # imported when a TOML file is read: a build with nothing to do reads none
    return tomllib.loads(f"k = {token}")["k"]


def toml_source(text: str, file: str) -> tuple[dict, Source]:
    """A TOML file's values and where they are; a syntax error is one line with its line number."""
    import tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise CompendiumError(f"TOML syntax error: {exc}", file, int(line.group(1)) if line else None,
                              hint="see https://toml.io; text values are written in quotes") from None
    return data, Source(file, toml_lines(text), "toml")


def _key_at(text: str, form: str, pos: int) -> int:
    """Where `form` (a JSON string) first appears from `pos` as a key (followed by a colon), or -1."""
    at = text.find(form, pos)
    while at >= 0:
        end = at + len(form)
        while end < len(text) and text[end] in " \t\r\n":
            end += 1
        if text.startswith(":", end):
            return at
        at = text.find(form, at + 1)
    return -1


def json_lines(text: str, data: Any) -> dict[Key, int]:
    """The line of each key of a JSON document already parsed into `data` (keys found in order)."""
    lines: dict[Key, int] = {}

    def walk(value: Any, path: Key, pos: int) -> int:
        if isinstance(value, dict):
            for key, item in value.items():
                for form in (json.dumps(key), json.dumps(key, ensure_ascii=False)):
                    at = _key_at(text, form, pos)
                    if at >= 0:
                        lines[path + (key,)] = text.count("\n", 0, at) + 1
                        pos = at + len(form)
                        break
                pos = walk(item, path + (key,), pos)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                pos = walk(item, path + (i,), pos)
        return pos

    walk(data, (), 0)
    return lines
