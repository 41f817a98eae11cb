"""The reader of one content tree: its root and edition view, file loading, and the typed getters
and text checks every part of the corpus is read with (errors say file:line)."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from .characters import FORBIDDEN, forbidden_character
from .editions import FIELDS, View
from ..errors import CompendiumError
from .. import schema
from .markup import MarkupError, parse
from .model import Loc, Text
from .yamlio import Map, Seq, line_of, load

FIELD = re.compile(r"\{([^{}]*)\}")
EDITION_KEYS = {"since", "until"}
REMOVED = {"place": "the book prints no place of meeting; remove the line"}
_WANT = {"str": "text", "Seq": "a list", "Map": "a mapping", "int": "a whole number", "float": "a number"}


class Reader:
    """Shared state while reading one content tree."""

    def __init__(self, root: Path, view: View | None = None) -> None:
        self.root = root
        self.view = view

    def first_edition(self, *elements: Map) -> str:
        """The edition an element first appears in: its own since:, else its container's, else the first."""
        for m in elements:
            if isinstance(m, Map) and "since" in m:
                return str(m["since"])
        return self.view.editions.items[0].name

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root.parent))
        except ValueError:
            return str(path)

    def load(self, path: Path) -> Any:
        return load(path, self.rel(path))

    def load_as(self, path: Path, kind: type, what: str) -> Any:
        """Load a file whose top level must be a mapping (Map) or a list (Seq)."""
        value = self.load(path)
        if not isinstance(value, kind):
            raise CompendiumError(f"{path.name} {what}, not {_kind(value)}", self.rel(path), line_of(value, 1),
                                  hint="see 'Editing the corpus' in README.md")
        return value

    # -- small typed getters -------------------------------------------------
    @staticmethod
    def need(m: Map, key: str, kind: type | tuple[type, ...] = str) -> Any:
        if not isinstance(m, Map):
            raise CompendiumError("expected a mapping here", getattr(m, "file", None), line_of(m))
        if key not in m:
            raise CompendiumError(f"missing key '{key}'", m.file, m.line)
        value = m[key]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if not isinstance(value, kinds) or isinstance(value, bool) or value == "":
            want = " or ".join(_WANT.get(k.__name__, k.__name__) for k in kinds)
            raise CompendiumError(f"'{key}' must be {want}, not {_kind(value)}", m.file, m.key_lines[key])
        return value

    def optional(self, m: Map, key: str, kind: type | tuple[type, ...], default: Any) -> Any:
        return self.need(m, key, kind) if key in m else default

    @staticmethod
    def only(m: Map, allowed: set[str]) -> None:
        if not isinstance(m, Map):
            raise CompendiumError(f"expected a mapping of keys ({', '.join(sorted(allowed))}), not {_kind(m)}",
                                  getattr(m, "file", None), line_of(m))
        for key in m:
            if key not in allowed:
                raise CompendiumError(f"unknown key '{key}'", m.file, m.key_lines[key],
                                      hint=REMOVED.get(key) or "allowed here: " + ", ".join(sorted(allowed)))

    def holds(self, m: Any) -> bool:
        """Whether an element (a mapping, maybe with since:/until:) belongs to the edition loaded."""
        return not isinstance(m, Map) or self.view is None or self.view.holds(m)

    def wording(self, value: Any, line: int) -> tuple[Any, int]:
        """A text for this edition: a versioned mapping ({2021: …, 2023: …}) gives the wording in force."""
        if isinstance(value, Map) and self.view is not None:
            return self.view.wording(value)
        return value, line

    def text(self, value: Any, file: str, line: int, where: str) -> Text:
        if isinstance(value, Map):
            value, line = self.wording(value, line)
            if value is None:
                raise CompendiumError(f"no wording for edition {self.view.edition.name}", file, line,
                                      hint="add an entry for it (or for an earlier edition) to this mapping")
        if not isinstance(value, str) or not value.strip():
            raise CompendiumError("expected non-empty text", file, line)
        source = " ".join(value.split()) if "\n" not in value.strip() else value.strip()
        found = FORBIDDEN.search(source)
        if found is not None:
            bad = found.group()
            raise CompendiumError(f"{forbidden_character(bad)} U+{ord(bad):04X} in the text "
                                  f"(column {source.index(bad) + 1})", file, line,
                                  hint="remove it; the editions set direction and line breaks themselves")
        try:
            inlines = parse(source)
        except MarkupError as exc:
            raise CompendiumError(f"inline markup: {exc} (column {exc.col} of the text)", file, line,
                                  hint="see 'Inline markup' in README.md") from None
        for name in FIELD.findall(source):
            if name not in FIELDS:
                raise CompendiumError(f"unknown placeholder {{{name}}}", file, line,
                                      hint="the tool fills " + ", ".join(f"{{{f}}}" for f in FIELDS)
                                      + "; other braces are not allowed in the corpus")
        return Text(source, inlines, Loc(file, line), where)

    def need_text(self, m: Map, key: str, where: str) -> Text:
        """The text under `key`: plain, or worded per edition."""
        return self.text(self.need(m, key, (str, Map)), m.file, m.key_lines[key], where)

    def text_list(self, m: Map, key: str, where: str) -> list[Text]:
        """A list of lines; an item worded {edition: null} from some edition on is dropped there."""
        seq = self.need(m, key, Seq)
        out = []
        for value, ln in zip(seq, seq.item_lines):
            if isinstance(value, Map):
                value, ln = self.wording(value, ln)
                if value is None:
                    continue
            out.append(self.text(value, seq.file, ln, where))
        return out

    def date(self, value: Any, file: str, line: int) -> dt.date:
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise CompendiumError(f"bad date {value!r}", file, line,
                                  hint="write a real date as YYYY-MM-DD") from None


def _kind(value: Any) -> str:
    return schema.kind(value, "yaml")
