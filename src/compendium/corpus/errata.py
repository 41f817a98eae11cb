"""Errata: errata.yaml read into the differences between the edition loaded's printed index and
the derived one."""
from __future__ import annotations

from pathlib import Path

from ..errors import CompendiumError
from .model import Erratum, Loc
from .reading import Reader
from .yamlio import Map, Seq

ERRATUM_KEYS = ("edition", "topic", "symbol", "document", "column", "published", "derived", "why")
ERRATUM_COLUMNS = ("symbol", "document", "paragraphs", "compendium", "shaded", "row")


def read_errata(r: Reader, path: Path) -> list[Erratum]:
    """The errata of the edition loaded: differences between its printed index and the derived one."""
    seq = r.load_as(path, Seq, "is a list of errata (edition, topic, symbol, column, published, derived, why)")
    out = []
    for e, line in zip(seq, seq.item_lines):
        if not isinstance(e, Map):
            raise CompendiumError("an erratum is a mapping (edition, topic, symbol, column, published, derived, why)",
                                  seq.file, line)
        if "row" in e:
            raise CompendiumError("errata name their row by topic and document symbol, not by position",
                                  e.file, e.key_lines["row"],
                                  hint="replace 'row:' by 'symbol:' (and 'document:' if the topic cites the symbol twice)")
        r.only(e, set(ERRATUM_KEYS))
        edition = r.need(e, "edition", (str, int))
        r.view.editions.rank(edition, e.file, e.key_lines["edition"])
        column = r.need(e, "column")
        if column not in ERRATUM_COLUMNS:
            raise CompendiumError(f"column '{column}' is not one of {', '.join(ERRATUM_COLUMNS)}", e.file,
                                  e.key_lines["column"])
        if str(edition) != r.view.edition.name:
            continue
        published = r.optional(e, "published", (str, int, float), "")
        derived = r.optional(e, "derived", (str, int, float), "")
        out.append(Erratum(str(edition), r.need(e, "topic"), r.need(e, "symbol"), r.optional(e, "document", str, ""),
                           column, str(published), str(derived), r.need(e, "why"), Loc(e.file, e.line)))
    return out
