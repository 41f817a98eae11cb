"""The thematic index, derived: each row's document, paragraphs and compendium references
come from the paragraphs it cites and their source-document mappings, never typed."""
from __future__ import annotations

from dataclasses import dataclass

from . import model as m


@dataclass
class DerivedRow:
    refs: list[str]
    via: str
    part: str                          # "A" | "B"
    symbol: str
    document: tuple[str, str] | None   # ("resolution", "7/3"), ("draft_resolution", "CTOC/COP/2022/L.5")
    annexes: list[str | None]          # per ref: None (not in an annex), "" or "I"
    paths: list[tuple]                 # per ref: source paragraph path
    structure: list[tuple]             # per ref: its own numbering path inside its chapter
    shaded: bool
    problems: list[str]
    loc: m.Loc

    def groups(self) -> list[tuple[str | None, bool, list[tuple]]]:
        """Refs grouped into cell lines: (annex, preambular?, paths), in order of appearance."""
        out: list[tuple[str | None, bool, list[tuple]]] = []
        for annex, path in zip(self.annexes, self.paths):
            pp = path[0][0] == "pp"
            if out and out[-1][0] == annex and out[-1][1] == pp:
                out[-1][2].append(path)
            else:
                out.append((annex, pp, [path]))
        return out


def _source(block: m.Block, via: str) -> m.SourceRef | None:
    for s in block.sources:
        if via and s.document is not None and s.document[1] == via:
            return s
        if not via and (block.id.startswith("B.") or s.document is None):
            return s
    return None


def derive_row(book: m.Book, row: m.IndexRow) -> DerivedRow:
    problems: list[str] = []
    sources = []
    for ref in row.refs:
        s = _source(book.blocks[ref], row.via)
        if s is None:
            how = f"through resolution {row.via}" if row.via else "in a source document"
            problems.append(f"{ref} has no source paragraph {how} (add a 'sources' rule to its chapter)")
        sources.append(s)
    known = [s for s in sources if s]
    symbols = {s.symbol for s in known}
    if len(symbols) > 1:
        problems.append("one row cites paragraphs of different documents: " + ", ".join(sorted(symbols)))
    parts = {r.split(".")[0] for r in row.refs}
    if not row.via and len(parts) > 1:
        problems.append("one row mixes part A and part B paragraphs")
    first = known[0] if known else None
    return DerivedRow(
        refs=row.refs, via=row.via, part=row.refs[0].split(".")[0],
        symbol=first.symbol if first else "", document=first.document if first else None,
        annexes=[s.annex if s else None for s in sources],
        paths=[s.path if s else (("number", 0),) for s in sources],
        structure=[structure(book, r) for r in row.refs],
        shaded=bool(row.via) or row.refs[0].startswith("B."), problems=problems, loc=row.loc)


def structure(book: m.Book, ref: str) -> tuple:
    """'A.II.3.b' -> (("number", 3), ("letter", 2)): the numbering path of a paragraph."""
    parts = ref.split(".")
    out = []
    for k in range(3, len(parts) + 1):
        block = book.blocks.get(".".join(parts[:k]))
        if block is not None and block.kind in m.NUMBERED:
            out.append((m.NUMBERED[block.kind], block.number))
    return tuple(out)


def derive_rows(book: m.Book, topic: m.Topic) -> list[DerivedRow]:
    return [derive_row(book, r) for r in topic.rows]
