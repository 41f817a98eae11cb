"""One validation layer for the values of the data files (style.toml, edition.toml, strings.yaml,
the build manifest): each file's shape is declared once, beside its reader, and checked once when
the file is read. A value of the wrong kind, out of range, an unknown setting or a missing one is
one line, `file:line: what is wrong (what to do)`, exit 2 — never a traceback later, never a value
printed as Python wrote it (`['Decision']`) or silently ignored.

Specs: Text (optionally a pattern check of its {fields}), Choice, Flag, Number, Length, List, Table,
Maybe (null allowed) and Check (a function, for what a spec cannot say). Lines come from the text of
the file: `toml_lines`, `json_lines`, or the YAML reader's key lines.
"""
from __future__ import annotations

import json
import re
import string
import tomllib
from collections.abc import Callable, Iterable
from typing import Any

from .errors import CompendiumError

Key = tuple  # a path to a value: ("labels", "para"), ("dates", "months", 3)
PatternCheck = Callable[[str], "str | None"]   # an error message for a bad pattern, or None


class Source:
    """Where the values of one file are: its name as shown and the line of each key path."""

    def __init__(self, file: str, lines: dict[Key, int] | None = None, style: str = "toml",
                 prefix: Key = ()) -> None:
        self.file = file
        self.lines = lines or {}
        self.style = style
        self.prefix = prefix       # where the values checked sit in the file (a table of overrides)

    def under(self, prefix: Key) -> Source:
        """The same file, for values that sit under `prefix` (style.toml's [edition] table)."""
        return Source(self.file, self.lines, self.style, self.prefix + tuple(prefix))

    def line(self, path: Key) -> int | None:
        """The line of `path`, or of the nearest enclosing key that has one."""
        path = self.prefix + tuple(path)
        for n in range(len(path), 0, -1):
            if path[:n] in self.lines:
                return self.lines[path[:n]]
        return None

    def name(self, path: Key) -> str:
        """How the message names a value: `[dates.patterns] single`, `'decision.heading'`."""
        path = self.prefix + tuple(path)
        keys = [p for p in path if not isinstance(p, int)]
        item = next((f" (item {p + 1})" for p in reversed(path) if isinstance(p, int)), "")
        if self.style == "toml":
            if not keys:
                return "the file"
            table = ".".join(keys[:-1])
            return (f"[{table}] {keys[-1]}" if table else keys[-1]) + item
        return (repr(".".join(str(p) for p in path)) if path else "the file") + item

    def error(self, path: Key, message: str, hint: str | None = None) -> CompendiumError:
        return CompendiumError(f"{self.name(path)} {message}", self.file, self.line(path), hint=hint)


def kind(value: Any, style: str = "toml") -> str:
    """A value as a message names it: 'the number 5', 'the text 'x'', 'a list' (YAML: 'a mapping')."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return (f"the text {value!r}" if len(value) <= 40 else "text") if value else "empty text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table" if style == "toml" else "a mapping"
    if value is None:
        return "nothing"
    return type(value).__name__


class Spec:
    want = "a value"

    def check(self, value: Any, src: Source, path: Key) -> None:
        raise NotImplementedError


class Text(Spec):
    """Text; `empty` allows ""; `pattern` checks its {fields}; `longest` bounds its length."""

    def __init__(self, pattern: PatternCheck | None = None, empty: bool = False, longest: int = 10_000,
                 hint: str | None = None, pattern_hint: str | None = None) -> None:
        self.pattern, self.empty, self.longest, self.hint = pattern, empty, longest, hint
        self.pattern_hint = pattern_hint or hint
        self.want = "text"

    def check(self, value: Any, src: Source, path: Key) -> None:
        if not isinstance(value, str):
            raise src.error(path, f"must be text, not {kind(value, src.style)}", self.hint or 'write it in quotes, "like this"')
        if not value and not self.empty:
            raise src.error(path, "must not be empty", self.hint)
        if len(value) > self.longest:
            raise src.error(path, f"is {len(value)} characters long, more than {self.longest}", self.hint)
        problem = self.pattern(value) if self.pattern else None
        if problem:
            raise src.error(path, problem, self.pattern_hint)


class Choice(Spec):
    def __init__(self, *values: str) -> None:
        self.values = values
        self.want = "one of " + ", ".join(repr(v) for v in values)

    def check(self, value: Any, src: Source, path: Key) -> None:
        if not isinstance(value, str) or value not in self.values:
            raise src.error(path, f"must be {self.want}, not {kind(value, src.style)}")


class Flag(Spec):
    want = "true or false"

    def check(self, value: Any, src: Source, path: Key) -> None:
        if not isinstance(value, bool):
            raise src.error(path, f"must be true or false, not {kind(value, src.style)}")


def _num(x: float) -> str:
    return str(int(x)) if x == int(x) else f"{x:g}"


class Number(Spec):
    """A number in [low, high] (above: more than low); `whole` for integers."""

    def __init__(self, low: float, high: float, whole: bool = False, above: bool = False) -> None:
        self.low, self.high, self.whole, self.above = low, high, whole, above
        bound = f"more than {_num(low)}" if above else f"from {_num(low)}"
        self.want = ("a whole number" if whole else "a number") + f" {bound} to {_num(high)}"

    def check(self, value: Any, src: Source, path: Key) -> None:
        ok_type = isinstance(value, int) if self.whole else isinstance(value, (int, float))
        if isinstance(value, bool) or not ok_type:
            raise src.error(path, f"must be {self.want}, not {kind(value, src.style)}")
        if value != value or not (self.low < value if self.above else self.low <= value) or value > self.high:
            raise src.error(path, f"must be {self.want}, not {value:g}")


LENGTH = re.compile(r"^(\d+(?:\.\d+)?)(mm|cm|in|pt)$")
PER_POINT = {"mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0, "pt": 1.0}


def length_points(value: str) -> float:
    """'170mm' as points (the form Length accepts)."""
    m = LENGTH.match(value)
    if not m:
        raise ValueError(f"not a length: {value!r}")
    return float(m.group(1)) * PER_POINT[m.group(2)]


class Length(Spec):
    """A length with a unit, as both writers read it: "20mm", "9.5pt", "0.5in", "1cm"."""

    def __init__(self, low_pt: float, high_pt: float, above: bool = True, why: str = "") -> None:
        self.low, self.high, self.above, self.why = low_pt, high_pt, above, why
        self.want = 'a length such as "20mm" or "9.5pt" (mm, cm, in or pt)'

    def check(self, value: Any, src: Source, path: Key) -> None:
        if not isinstance(value, str) or not LENGTH.match(value):
            raise src.error(path, f"must be {self.want}, not {kind(value, src.style)}")
        pt = length_points(value)
        if (pt <= self.low if self.above else pt < self.low) or pt > self.high:
            unit = LENGTH.match(value).group(2)
            low, high = (f"{round(x / PER_POINT[unit], 1):g}{unit}" for x in (self.low, self.high))
            raise src.error(path, f"= {value!r} is out of range: it must be {'more than' if self.above else 'at least'} "
                                  f"{low} and at most {high}{self.why}")


class List(Spec):
    def __init__(self, item: Spec, low: int = 0, high: int = 10_000) -> None:
        self.item, self.low, self.high = item, low, high
        count = f"{low}" if low == high else f"{low} to {high}" if high < 10_000 else f"at least {low}"
        self.want = f"a list of {count} ({item.want})"

    def check(self, value: Any, src: Source, path: Key) -> None:
        if not isinstance(value, list):
            raise src.error(path, f"must be {self.want}, not {kind(value, src.style)}",
                            'write a list in brackets: ["…", "…"]')
        if not self.low <= len(value) <= self.high:
            raise src.error(path, f"must be {self.want}; it has {len(value)}")
        for i, item in enumerate(value):
            self.item.check(item, src, path + (i,))


class Maybe(Spec):
    """A value or null (JSON)."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.want = f"{spec.want} or null"

    def check(self, value: Any, src: Source, path: Key) -> None:
        if value is not None:
            self.spec.check(value, src, path)


class _Anything(Spec):
    """Any value: checked by another reader's shape (style.toml's [edition], by edition.toml's)."""
    want = "a value"

    def check(self, value: Any, src: Source, path: Key) -> None:
        return None


ANYTHING = _Anything()


class Check(Spec):
    """A function's verdict: it returns an error message for a bad value, or None."""

    def __init__(self, base: Spec, verdict: Callable[[Any], str | None], hint: str | None = None) -> None:
        self.base, self.verdict, self.hint = base, verdict, hint
        self.want = base.want

    def check(self, value: Any, src: Source, path: Key) -> None:
        self.base.check(value, src, path)
        problem = self.verdict(value)
        if problem:
            raise src.error(path, problem, self.hint)


class Table(Spec):
    """A table of named settings: `keys` (their specs), `required`, and `other` for a table of
    free names (e.g. [sequences]); with neither, an unknown name is an error (a misspelt setting
    would otherwise be ignored)."""

    def __init__(self, keys: dict[str, Spec] | None = None, required: Iterable[str] = (),
                 other: Spec | None = None, hint: str | None = None) -> None:
        self.keys, self.required, self.other, self.hint = keys or {}, tuple(required), other, hint
        self.want = "a table"

    def check(self, value: Any, src: Source, path: Key, partial: bool = False) -> None:
        if not isinstance(value, dict):
            raise src.error(path, f"must be a table of settings, not {kind(value, src.style)}", self.hint)
        for key in value:
            if key not in self.keys and self.other is None:
                names = ", ".join(sorted(self.keys))
                hint = f"the settings here are: {names}" if names else self.hint
                if isinstance(value[key], dict) and src.style == "toml":
                    full = src.prefix + tuple(path) + (key,)
                    raise CompendiumError(f"[{'.'.join(map(str, full))}] is not a table of settings here",
                                          src.file, src.line(path + (key,)), hint=hint)
                raise src.error(path + (key,), "is not a setting here", hint)
        if not partial:
            for key in self.required:
                if key not in value:
                    full = src.prefix + tuple(path)
                    where = f"[{'.'.join(str(p) for p in full)}]" if src.style == "toml" else src.name(path)
                    missing = "missing setting" if src.style == "toml" else "missing key"
                    raise CompendiumError(f"{where} has no '{key}'" if full else f"{missing} '{key}'",
                                          src.file, src.line(path), hint=self.hint)
        for key, item in value.items():
            spec = self.keys.get(key, self.other)
            if isinstance(spec, Table):
                spec.check(item, src, path + (key,), partial)
            else:
                spec.check(item, src, path + (key,))


def validate(value: Any, spec: Spec, src: Source, partial: bool = False) -> Any:
    """Check a whole file's values against its spec; returns them unchanged."""
    if isinstance(spec, Table):
        spec.check(value, src, (), partial)
    else:
        spec.check(value, src, ())
    return value


# -- patterns: what may stand between braces -------------------------------------------------------
def format_fields(allowed: Iterable[str], required: Iterable[str] = ()) -> PatternCheck:
    """A pattern filled with str.format: only plain {name} fields from `allowed`, braces doubled to be
    literal, and every field in `required` present (it carries text that would otherwise be lost)."""
    allowed, required = tuple(allowed), tuple(required)
    shown = " ".join(f"{{{a}}}" for a in allowed) or "none"

    def check(value: str) -> str | None:
        names = fields(value)
        if isinstance(names, str):
            return f"{names} (fields here: {shown}; write {{{{ or }}}} for a literal brace)"
        for name in names:
            if name not in allowed:
                return f"has an unknown field {{{name}}} (fields here: {shown})"
        for name in required:
            if name not in names:
                return f"must contain {{{name}}} (fields here: {shown})"
        return None
    return check


def fields(pattern: str) -> list[str] | str:
    """The {field} names of a str.format pattern, or what is wrong with it (a text)."""
    out: list[str] = []
    try:
        for _, name, spec, conversion in string.Formatter().parse(pattern):
            if name is None:
                continue
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*|\d+", name) or spec or conversion:
                whole = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
                return f"has {{{whole}}}, which is not a plain {{name}} field"
            out.append(name)
    except ValueError as exc:
        return f"is not a valid pattern: {exc}"
    return out


# -- lines of TOML and JSON files -----------------------------------------------------------------------
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
        out.append(tomllib.loads(f"k = {token}")["k"] if token[0] in "\"'" else token)
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


def toml_source(text: str, file: str) -> tuple[dict, Source]:
    """A TOML file's values and where they are; a syntax error is one line with its line number."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise CompendiumError(f"TOML syntax error: {exc}", file, int(line.group(1)) if line else None,
                              hint="see https://toml.io; text values are written in quotes") from None
    return data, Source(file, toml_lines(text), "toml")


def json_lines(text: str, data: Any) -> dict[Key, int]:
    """The line of each key of a JSON document already parsed into `data` (keys found in order)."""
    lines: dict[Key, int] = {}

    def walk(value: Any, path: Key, pos: int) -> int:
        if isinstance(value, dict):
            for key, item in value.items():
                for form in (json.dumps(key), json.dumps(key, ensure_ascii=False)):
                    m = re.compile(re.escape(form) + r"\s*:").search(text, pos)
                    if m:
                        lines[path + (key,)] = text.count("\n", 0, m.start()) + 1
                        pos = m.end()
                        break
                pos = walk(item, path + (key,), pos)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                pos = walk(item, path + (i,), pos)
        return pos

    walk(data, (), 0)
    return lines
