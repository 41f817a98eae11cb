"""Where the values of a data file are (Source: its name as shown, the line of each key path) and
how an error message names a value (`kind`)."""
from __future__ import annotations

from typing import Any

from ..errors import CompendiumError

Key = tuple  # a path to a value: ("labels", "para"), ("dates", "months", 3)


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
