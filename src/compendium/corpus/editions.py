"""Editions as views of one corpus: `content/editions.yaml` and what each element says about them.

Every chapter, block, annex, footnote, index topic and row appears in the editions from its
`since:` (default: the first edition) to its `until:` (default: the newest); a text whose wording
differs between editions is a mapping from the edition that introduced each wording, e.g.
``{2021: "… first nine sessions", 2023: "… first {sessions} sessions"}`` (``null``: dropped from
that edition on). Loading the corpus for one edition gives that edition's book; ids, numbers and
footnote numbers follow that view, so a paragraph added in one edition renumbers the later ones.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import CompendiumError
from .yamlio import Map, Seq, line_of, load

FILE = "editions.yaml"
FIELDS = ("year", "meetings", "sessions")   # the corpus's {placeholders}, filled from each edition's view
STATUSES = ("published", "draft")
HINT = "see 'Preparing the next edition' in README.md"


@dataclass(frozen=True)
class Edition:
    """The facts of one edition: its name, the year it carries, whether it is published."""

    name: str                  # "2021": what `--edition` and `since:` name
    year: str                  # printed on the title and copyright pages ({year})
    status: str                # "published" | "draft"
    published_index: str       # transcription of its printed index ("" when not published)
    file: str
    line: int


class Editions:
    """The editions of the corpus, oldest first."""

    def __init__(self, items: list[Edition]) -> None:
        self.items = items
        self._rank = {e.name: n for n, e in enumerate(items)}

    @property
    def names(self) -> list[str]:
        return [e.name for e in self.items]

    @property
    def newest(self) -> Edition:
        return self.items[-1]

    def get(self, name: str | None) -> Edition:
        """The edition called `name` (the newest for None)."""
        if name is None:
            return self.newest
        name = str(name)
        if name not in self._rank:
            raise CompendiumError(f"unknown edition '{name}'", hint="choose from " + ", ".join(self.names)
                                  + f" (the editions are listed in content/{FILE})")
        return self.items[self._rank[name]]

    def rank(self, name: Any, file: str, line: int) -> int:
        """The place of a named edition (0 for the first); an unknown name is bad input at file:line."""
        key = str(name)
        if key not in self._rank:
            raise CompendiumError(f"'{key}' is not an edition", file, line,
                                  hint=f"the editions are {', '.join(self.names)} (content/{FILE})")
        return self._rank[key]


class View:
    """One edition's view: which elements it holds, which wording of a text it prints."""

    def __init__(self, editions: Editions, edition: Edition) -> None:
        self.editions = editions
        self.edition = edition
        self.rank = editions.rank(edition.name, edition.file, edition.line)

    def holds(self, m: Map) -> bool:
        """Whether an element with optional `since:`/`until:` keys belongs to this edition."""
        since = self.editions.rank(m["since"], m.file, m.key_lines["since"]) if "since" in m else 0
        until = (self.editions.rank(m["until"], m.file, m.key_lines["until"]) if "until" in m
                 else len(self.editions.items) - 1)
        if until < since:
            raise CompendiumError(f"'until: {m['until']}' comes before 'since: {m['since']}'", m.file,
                                  m.key_lines["until"], hint="until names the last edition that holds it")
        return since <= self.rank <= until

    def wording(self, value: Map) -> tuple[Any, int]:
        """The wording of a versioned text for this edition and its line; (None, line) when it has none."""
        chosen = None
        for key in value:
            rank = self.editions.rank(key, value.file, value.key_lines[key])
            if rank <= self.rank and (chosen is None or rank > chosen[0]):
                chosen = (rank, key)
        if chosen is None:
            return None, value.line
        return value[chosen[1]], value.key_lines[chosen[1]]


def load_editions(root: Path, shown: str) -> Editions:
    """Read `content/editions.yaml` (`shown` is how its path is printed)."""
    path = Path(root) / FILE
    if not path.is_file():
        raise CompendiumError("file not found", shown,
                              hint=f"it lists the editions of the book (name, year, status); {HINT}")
    seq = load(path, shown)
    if not isinstance(seq, Seq) or not seq:
        raise CompendiumError(f"{FILE} is a list of editions (edition, year, status), oldest first", shown,
                              line_of(seq, 1), hint=HINT)
    items: list[Edition] = []
    for m, line in zip(seq, seq.item_lines):
        if not isinstance(m, Map):
            raise CompendiumError("an edition is a mapping (edition, year, status, published_index)", shown, line)
        for key in m:
            if key not in ("edition", "year", "status", "published_index"):
                raise CompendiumError(f"unknown key '{key}'", shown, m.key_lines[key],
                                      hint="allowed here: edition, published_index, status, year")
        for key in ("edition", "year", "status"):
            if key not in m or m[key] in (None, "") or isinstance(m[key], (bool, Map, Seq)):
                raise CompendiumError(f"missing key '{key}'" if key not in m else f"'{key}' must be text",
                                      shown, m.key_lines.get(key, m.line))
        name, year, status = str(m["edition"]), str(m["year"]), str(m["status"])
        if status not in STATUSES:
            raise CompendiumError(f"status '{status}' is not one of {', '.join(STATUSES)}", shown,
                                  m.key_lines["status"])
        if not (year.isdigit() and len(year) == 4):
            raise CompendiumError(f"year '{year}' is not a year such as 2023", shown, m.key_lines["year"])
        if any(e.name == name for e in items):
            raise CompendiumError(f"edition '{name}' is listed twice", shown, m.key_lines["edition"])
        if items and int(year) < int(items[-1].year):
            raise CompendiumError(f"edition '{name}' ({year}) is older than '{items[-1].name}' ({items[-1].year})",
                                  shown, m.key_lines["year"], hint="list the editions oldest first")
        index = m.get("published_index") or ""
        if not isinstance(index, str):
            raise CompendiumError("'published_index' must be a path such as sources/thematic-index.tsv",
                                  shown, m.key_lines["published_index"])
        items.append(Edition(name, year, status, index, shown, m.key_lines["edition"]))
    return Editions(items)
