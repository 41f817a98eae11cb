"""The specs: Text, Choice, Flag, Number, Length, List, Maybe, Check and Table, each checking a value
against its shape at its key path; `validate` checks a whole file."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from ..errors import CompendiumError
from .source import Key, Source, kind

PatternCheck = Callable[[str], "str | None"]   # an error message for a bad pattern, or None


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

