"""The fixed strings and patterns of the templates (`templates/strings.yaml`), in English,
keyed by the context the catalogues give them as msgctxt ("running_head.index").

Each value is text whose {fields} are plain names (checked when the file is read, with its line);
where a pattern is filled, its fields must be among those the tool fills there (`Strings.pattern`),
so a misspelt `{numbr}` is one line naming the key and the fields it may use.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..corpus.yamlio import Map, load
from ..errors import CompendiumError
from ..schema import Source, Table, Text, fields, validate

_HINT = "write {{ or }} for a literal brace; see the comments in templates/strings.yaml"


def _pattern(value: str) -> str | None:
    found = fields(value)
    return found if isinstance(found, str) else None


STRINGS = Table(other=Text(_pattern, empty=True, hint='a string is text: write it in quotes, "like this"',
                           pattern_hint=_HINT))


class Strings(dict):
    """The English strings by key, remembering the file and each key's line; a key it lacks is one
    line naming templates/strings.yaml (the writers and templates look strings up by key)."""

    def __init__(self, values: dict[str, str], file: str, lines: dict[str, int]) -> None:
        super().__init__(values)
        self.file = file
        self.lines = lines
        self._checked: set[tuple[str, frozenset[str]]] = set()

    def __missing__(self, key: str) -> str:
        raise CompendiumError(f"no string '{key}'", self.file, hint=f"restore the file from git, or add a line '{key}: …'")

    def like(self, values: dict[str, str]) -> Strings:
        """Other strings by the same keys (a language's), remembering where the English is."""
        return Strings(values, self.file, self.lines)

    def pattern(self, key: str, filled: Iterable[str]) -> str:
        """The English of `key`; its {fields} must be among `filled`, the ones the tool fills here."""
        english = self[key]
        filled = frozenset(filled)
        if (key, filled) not in self._checked:
            names = fields(english)
            unknown = [n for n in names if n not in filled] if isinstance(names, list) else []
            if unknown:
                shown = " ".join(f"{{{n}}}" for n in sorted(filled)) or "none"
                raise CompendiumError(f"'{key}' has the field {{{unknown[0]}}}, which is not filled in here "
                                      f"(fields of '{key}': {shown})", self.file, self.lines.get(key),
                                      hint="fix the field's name, or write {{ }} for literal braces")
            self._checked.add((key, filled))
        return english


def read_strings(path: Path, shown: str) -> Map:
    """strings.yaml as read, with the line of each key, every value checked; bad input is one line."""
    strings = load(path, shown)
    if not isinstance(strings, Map):
        raise CompendiumError("strings.yaml maps keys to English text", shown,
                              hint="restore templates/strings.yaml from git")
    validate(strings, STRINGS, Source(shown, {(k,): n for k, n in strings.key_lines.items()}, "yaml"))
    return strings


def load_strings(templates: Path) -> Strings:
    """The English fixed strings and patterns, keyed by context."""
    if not Path(templates).is_dir():
        raise CompendiumError("templates folder not found", str(templates),
                              hint="run from the project folder, or pass --templates")
    path = Path(templates) / "strings.yaml"
    m = read_strings(path, str(path))
    return Strings(dict(m), str(path), dict(m.key_lines))


def place(key: str) -> str:
    """Where a template string appears, as catalogues say it: 'running head (running_head.index)'."""
    return f"{key.split('.')[0].replace('_', ' ')} ({key})"
