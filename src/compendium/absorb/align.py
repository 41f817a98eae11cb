"""Alignment of what the DOCX holds with what the edition shows today.

Body paragraphs and headings align by their bookmark. A paragraph whose bookmark the editor lost
(retyped, pasted over) is matched by its neighbours and text: it must stand between the paragraphs
around its place and resemble its text. What is left is inserted, deleted, split, joined or moved,
for a human. Front matter, contents and back cover lines align by their style and order, the index
by table row and column, footnotes by Word's numbering.
"""
from __future__ import annotations

import bisect
import difflib
from dataclasses import dataclass, field

from .expect import Item
from .read import Found, Reading

SIMILAR = 0.6          # text similarity needed to match a paragraph without its bookmark


@dataclass
class Pair:
    item: Item
    found: Found
    how: str = ""              # "" (by bookmark or place) | "by neighbours and text (0.93)"


@dataclass
class Leftover:
    kind: str                  # inserted | deleted | moved | split | joined | new note | index row
    where: str
    text: str
    detail: str = ""


@dataclass
class Alignment:
    pairs: list[Pair] = field(default_factory=list)
    leftovers: list[Leftover] = field(default_factory=list)


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def align(items: list[Item], reading: Reading) -> Alignment:
    out = Alignment()
    by_group: dict[str, list[Item]] = {}
    for it in items:
        by_group.setdefault(it.group, []).append(it)
    found_groups: dict[str, list[Found]] = {}
    for f in reading.body:
        found_groups.setdefault(f.group, []).append(f)
    _body(by_group.get("body", []), found_groups.get("body", []), out)
    for group in ("draft", "cover", "title_page", "copyright", "contents", "toc", "back", "index_notes"):
        _ordered(by_group.get(group, []), [f for f in found_groups.get(group, []) if f.text.strip()], out)
    _index(by_group.get("index_head", []) + by_group.get("index_cell", []),
           found_groups.get("index_head", []) + found_groups.get("index_cell", []), out)
    notes = {it.key: it for it in by_group.get("note", [])}
    for f in reading.notes:
        item = notes.pop(f"note:{f.note}", None) if f.note else None
        if item is None:
            out.leftovers.append(Leftover("new note", f"footnote (w:id {f.para.note})", f.text,
                                          "a footnote the editor added: give it an id and text in "
                                          "content/footnotes.yaml and cite it as [^id]"))
        else:
            out.pairs.append(Pair(item, f))
    for item in notes.values():
        out.leftovers.append(Leftover("deleted", item.where, item.shown, "the footnote is no longer in the DOCX"))
    return out


def _body(items: list[Item], found: list[Found], out: Alignment) -> None:
    position = {it.key: n for n, it in enumerate(items)}
    placed: dict[str, Found] = {}
    skip: set[str] = set()                        # ids whose text is not compared (joined, moved)
    lost: set[str] = set()                        # ids matched without their bookmark
    loose: list[Found] = []                       # paragraphs without a (usable) bookmark
    sequence: list[tuple[int, Found]] = []        # (expected position, paragraph) in DOCX order
    for f in found:
        ids = [i for i in f.ids if i in position and i not in placed]
        if not ids:
            if f.text.strip():
                loose.append(f)
                sequence.append((-1, f))
            continue
        placed[ids[0]] = f
        sequence.append((position[ids[0]], f))
        if len(ids) > 1:
            out.leftovers.append(Leftover("joined", " + ".join(ids), f.text,
                                          "the editor joined these paragraphs into one; each keeps its text "
                                          "until a human decides (remove or merge the blocks in the corpus)"))
            for extra in ids[1:]:
                placed[extra] = f
            skip.update(ids)
    keep = _increasing([p for p, _ in sequence if p >= 0])
    for k, (p, f) in enumerate(sequence):
        if p >= 0 and p not in keep:
            ident = items[p].key
            before = next((items[q].key for q, g in reversed(sequence[:k]) if q >= 0), "the start")
            skip.add(ident)
            out.leftovers.append(Leftover("moved", ident, f.text, f"it now stands after {before}: move the block "
                                          "in the corpus if that is meant (its text is not absorbed)"))
    # paragraphs that lost their bookmark: between the neighbours of a missing id, and like its text
    missing = [it for it in items if it.key not in placed]
    for it in missing:
        p = position[it.key]
        lo = max((q for q in keep if q < p), default=-1)
        hi = min((q for q in keep if q > p), default=len(items))
        start = _index_of(sequence, lo)
        end = _index_of(sequence, hi) if hi < len(items) else len(sequence)
        candidates = [f for q, f in sequence[start + 1 if lo >= 0 else 0:end] if q < 0 and f in loose]
        scored = sorted(((similarity(it.full, f.text), n, f) for n, f in enumerate(candidates)), key=lambda x: (-x[0], x[1]))
        if scored and scored[0][0] >= SIMILAR:
            score, _, f = scored[0]
            loose.remove(f)
            placed[it.key] = f
            lost.add(it.key)
            out.pairs.append(Pair(it, f, f"matched without its bookmark, by its neighbours and text ({score:.2f})"))
        else:
            out.leftovers.append(Leftover("deleted", it.key, it.full, "the paragraph is no longer in the DOCX: "
                                          "remove the block from the corpus if that is meant"))
    for ident, f in placed.items():
        if ident not in skip and ident not in lost:
            out.pairs.append(Pair(items[position[ident]], f))
    # what is left: inserted paragraphs, or the second half of a split one
    for f in loose:
        k = next(n for n, (_, g) in enumerate(sequence) if g is f)
        prev = next(((q, g) for q, g in reversed(sequence[:k]) if q >= 0), None)
        if prev is not None:
            item, g = items[prev[0]], prev[1]
            if similarity(item.full, g.text + " " + f.text) > similarity(item.full, g.text) + 0.05:
                out.leftovers.append(Leftover("split", item.key, f.text, "the editor split this paragraph; its "
                                              "second part is here. Neither part is absorbed: split the block "
                                              "in the corpus by hand if that is meant"))
                out.pairs = [pr for pr in out.pairs if pr.item.key != item.key]
                continue
        after = items[prev[0]].key if prev else "the start of the body"
        out.leftovers.append(Leftover("inserted", f"after {after}", f.text,
                                      "a new paragraph has no place in the structure: add a block to the corpus "
                                      "(numbers follow) if it belongs there"))
    out.pairs.sort(key=lambda pr: position.get(pr.item.key, 0))


def _index_of(sequence: list[tuple[int, Found]], p: int) -> int:
    return next((n for n, (q, _) in enumerate(sequence) if q == p), -1)


def _increasing(values: list[int]) -> set[int]:
    """The longest increasing subsequence of `values` (paragraphs that kept their order)."""
    tails: list[int] = []
    tails_at: list[int] = []
    prev: list[int] = [-1] * len(values)
    for n, v in enumerate(values):
        k = bisect.bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tails_at.append(n)
        else:
            tails[k] = v
            tails_at[k] = n
        prev[n] = tails_at[k - 1] if k else -1
    out = set()
    n = tails_at[-1] if tails_at else -1
    while n >= 0:
        out.add(values[n])
        n = prev[n]
    return out


def _ordered(items: list[Item], found: list[Found], out: Alignment) -> None:
    """Lines of one kind (cover, copyright …) in order; when the editor added or removed lines, the
    lines that still resemble each other are paired and the others left for a human."""
    if len(items) == len(found):
        out.pairs.extend(Pair(it, f) for it, f in zip(items, found))
        return
    matcher = difflib.SequenceMatcher(None, [i.full for i in items], [f.text for f in found], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            out.pairs.extend(Pair(it, f) for it, f in zip(items[i1:i2], found[j1:j2]))
            continue
        olds, news = list(items[i1:i2]), list(found[j1:j2])
        for it in list(olds):
            best = max(news, key=lambda f: similarity(it.full, f.text), default=None)
            if best is not None and similarity(it.full, best.text) >= SIMILAR:
                out.pairs.append(Pair(it, best))
                olds.remove(it)
                news.remove(best)
        for it in olds:
            if it.text is not None:            # a generated line (draft note, contents) comes back by itself
                out.leftovers.append(Leftover("deleted", it.where, it.full, "the line is no longer in the DOCX"))
        for f in news:
            out.leftovers.append(Leftover("inserted", f"{f.group.replace('_', ' ')}", f.text,
                                          "a new line has no place in the corpus: add it to content/book.yaml if meant"))


def _index(items: list[Item], found: list[Found], out: Alignment) -> None:
    """Index cells by row and column; rows the editor added or removed are found by their content."""
    expected: dict[int, dict[int, Item]] = {}
    for it in items:
        _, kind, r, *rest = it.key.split(".")
        row = int(r)
        col = int(rest[-1])
        expected.setdefault(row, {})[col] = it
    got: dict[int, dict[int, Found]] = {}
    for f in found:
        got.setdefault(f.cell[0], {})[f.cell[1]] = f
    head = [r for r in sorted(expected) if r < 2]
    rows_e = [r for r in sorted(expected) if r >= 2]
    rows_f = [r for r in sorted(got) if r >= 2]
    pairs = list(zip(head, head))
    if len(rows_e) == len(rows_f):
        pairs += list(zip(rows_e, rows_f))
    else:
        sig = lambda cells, r: "\t".join(c.full if isinstance(c, Item) else c.text for _, c in sorted(cells[r].items())
                                         if _ > 0)
        matcher = difflib.SequenceMatcher(None, [sig(expected, r) for r in rows_e], [sig(got, r) for r in rows_f],
                                          autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
                pairs += list(zip(rows_e[i1:i2], rows_f[j1:j2]))
                continue
            for r in rows_e[i1:i2]:
                out.leftovers.append(Leftover("index row", f"index row {r - 1}", sig(expected, r),
                                              "the row is no longer in the DOCX: index rows are derived from "
                                              "content/index.yaml; remove the reference there if meant"))
            for r in rows_f[j1:j2]:
                out.leftovers.append(Leftover("index row", "index (new row)", sig(got, r),
                                              "a new row: index rows are derived, add the reference to the topic in "
                                              "content/index.yaml"))
    for re_, rf in pairs:
        for col, it in expected.get(re_, {}).items():
            f = got.get(rf, {}).get(col)
            if f is not None:
                out.pairs.append(Pair(it, f))
