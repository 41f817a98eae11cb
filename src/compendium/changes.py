"""`compendium changes --from 2021 --to 2023`: what a new edition adds, changes, removes and renumbers.

Two editions are two views of the same files, so an element is the same in both when it comes from
the same place in the corpus: a block from the same YAML item, a footnote from the same id, an index
topic or row from the same line of index.yaml, a front-matter text from the same key. Its id, number
or wording may differ between the views; that difference is what a reviser needs to see.
"""
from __future__ import annotations

import difflib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .corpus import walk
from .corpus.loader import load_book
from .corpus.markup import plain
from .corpus.model import Block, Book, Text
from .localize import tree as t
from .localize.localizer import localize
from .localize.published import row_cells
from .localize.strings import load_strings
from .messages.files import po_path
from .messages.pofile import read_catalog
from .messages.extract import corpus_messages


@dataclass
class Item:
    """One element added, removed, changed or renumbered between two editions."""

    kind: str                 # "chapter" | "paragraph" | "text" | "footnote" | "topic" | "row"
    id: str                   # its id in the newer edition (the older one's when removed)
    where: str                # content file:line
    text: str = ""            # what it says (the newer wording when changed)
    before: str = ""          # the older wording; when renumbered, the older id or footnote number
    after: str = ""           # when renumbered, the newer id or footnote number
    diff: str = ""            # word-level: "first [-nine-]{+11+} sessions"


@dataclass
class Changes:
    old: str
    new: str
    added: list[Item] = field(default_factory=list)
    changed: list[Item] = field(default_factory=list)
    removed: list[Item] = field(default_factory=list)
    renumbered: list[Item] = field(default_factory=list)
    translations: dict[str, dict[str, int]] = field(default_factory=dict)


def word_diff(before: str, after: str) -> str:
    """'a [-b-]{+c+} d': the words removed and inserted, as `git diff --word-diff` writes them."""
    a, b = before.split(), after.split()
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out += a[i1:i2]
            continue
        piece = (f"[-{' '.join(a[i1:i2])}-]" if i2 > i1 else "") + (f"{{+{' '.join(b[j1:j2])}+}}" if j2 > j1 else "")
        out.append(piece)
    return " ".join(out)


def _filled(book: Book, text: Text) -> str:
    """The English a reader of that edition sees: markup removed, {year} and counts filled in."""
    s = plain(text.inlines)
    for name, value in book.fields.items():
        s = s.replace("{" + name + "}", value)
    return s


def _blocks(book: Book) -> dict[tuple[str, int], Block]:
    return {(b.loc.file, b.loc.line): b for b in walk.all_blocks(book)}


def _texts(book: Book) -> dict[str, Text]:
    """Texts that are not blocks, by where they stand: front matter, part, decision and annex titles."""
    block_texts = {id(b.text) for b in walk.all_blocks(book) if b.text is not None}
    found = [x for x in walk.texts(book) if id(x) not in block_texts and x.where != "index topic"]
    repeated = {x.where for x in found if sum(y.where == x.where for y in found) > 1}
    out: dict[str, Text] = {}
    for text in found:            # the lines of the title page …: "title page, line 3"
        n = sum(1 for key in out if key.startswith(f"{text.where}, line ")) + 1
        out[f"{text.where}, line {n}" if text.where in repeated else text.where] = text
    return out


def _rows(book: Book, index: t.Index) -> dict[tuple[str, int], tuple[str, str]]:
    """Index rows by their line in index.yaml: (topic, the row's cells as printed)."""
    trees = {topic.title: topic for topic in index.topics}
    out = {}
    for topic in book.topics:
        tree_topic = trees[plain(topic.title.inlines)]
        for row, cells in zip(topic.rows, tree_topic.rows):
            out[(row.loc.file, row.loc.line)] = (tree_topic.title, " | ".join(c for c in row_cells(cells)[1:5]))
    return out


def _where(file: str, line: int) -> str:
    return f"{file}:{line}"


def compare(content: Path, old: str, new: str, locales: Path, templates: Path) -> Changes:
    """Everything that differs between edition `old` and edition `new` of the corpus in `content`."""
    a, b = load_book(content, old), load_book(content, new)
    out = Changes(a.edition, b.edition)
    _chapters(a, b, out, locales, templates)
    _paragraphs(a, b, out)
    _other_texts(a, b, out)
    _footnotes(a, b, out)
    _index(a, b, out, locales, templates)
    out.translations = _translations(a, b, locales, templates)
    return out


def _chapters(a: Book, b: Book, out: Changes, locales: Path, templates: Path) -> None:
    old = {ch.loc.file: ch for ch in a.chapters.values()}
    new = {ch.loc.file: ch for ch in b.chapters.values()}
    en = localize(b, "en", locales, templates) if set(new) - set(old) else None
    heads = {c.heading.id: c.heading for p in en.parts for c in p.chapters} if en else {}
    for file, ch in new.items():
        if file not in old:
            h = heads[ch.id]
            out.added.append(Item("chapter", ch.id, _where(file, ch.loc.line), f"{h.label} {h.text}"))
    for file, ch in old.items():
        if file not in new:
            out.removed.append(Item("chapter", ch.id, _where(file, ch.loc.line)))


def _paragraphs(a: Book, b: Book, out: Changes) -> None:
    old, new = _blocks(a), _blocks(b)
    for key, block in new.items():
        where = _where(*key)
        text = _filled(b, block.text) if block.text else f"see {block.target}"
        prior = old.get(key)
        if prior is None:
            out.added.append(Item("paragraph", block.id, where, text))
            continue
        before = _filled(a, prior.text) if prior.text else f"see {prior.target}"
        if before != text:
            out.changed.append(Item("paragraph", block.id, where, text, before, diff=word_diff(before, text)))
        if prior.id != block.id:
            out.renumbered.append(Item("paragraph", block.id, where, text, prior.id, block.id))
    for key, block in old.items():
        if key not in new:
            out.removed.append(Item("paragraph", block.id, _where(*key),
                                    _filled(a, block.text) if block.text else f"see {block.target}"))


def _other_texts(a: Book, b: Book, out: Changes) -> None:
    old, new = _texts(a), _texts(b)
    for key, text in new.items():
        where = _where(text.loc.file, text.loc.line)
        if key not in old:
            out.added.append(Item("text", key, where, _filled(b, text)))
        else:
            before, after = _filled(a, old[key]), _filled(b, text)
            if before != after:
                out.changed.append(Item("text", key, where, after, before, diff=word_diff(before, after)))
    for key, text in old.items():
        if key not in new:
            out.removed.append(Item("text", key, _where(text.loc.file, text.loc.line), _filled(a, text)))


def _footnotes(a: Book, b: Book, out: Changes) -> None:
    for note in sorted(b.footnotes.values(), key=lambda n: n.number):
        where = _where(note.loc.file, note.loc.line)
        prior = a.footnotes.get(note.id)
        text = _filled(b, note.text)
        if prior is None:
            out.added.append(Item("footnote", f"{note.id} ({note.number})", where, text))
            continue
        before = _filled(a, prior.text)
        if before != text:
            out.changed.append(Item("footnote", note.id, where, text, before, diff=word_diff(before, text)))
        if prior.number != note.number:
            out.renumbered.append(Item("footnote", note.id, where, text, str(prior.number), str(note.number)))
    for note in a.footnotes.values():
        if note.id not in b.footnotes:
            out.removed.append(Item("footnote", f"{note.id} ({note.number})", _where(note.loc.file, note.loc.line),
                                    _filled(a, note.text)))


def _index(a: Book, b: Book, out: Changes, locales: Path, templates: Path) -> None:
    old_topics = {(x.loc.file, x.loc.line): x for x in a.topics}
    for topic in b.topics:
        key = (topic.loc.file, topic.loc.line)
        title = _filled(b, topic.title)
        if key not in old_topics:
            out.added.append(Item("topic", title, _where(*key), title))
        elif _filled(a, old_topics[key].title) != title:
            before = _filled(a, old_topics[key].title)
            out.changed.append(Item("topic", title, _where(*key), title, before, diff=word_diff(before, title)))
    new_keys = {(x.loc.file, x.loc.line) for x in b.topics}
    for key, topic in old_topics.items():
        if key not in new_keys:
            out.removed.append(Item("topic", _filled(a, topic.title), _where(*key)))
    old = _rows(a, localize(a, "en", locales, templates).index)
    new = _rows(b, localize(b, "en", locales, templates).index)
    for key, (topic, cells) in new.items():
        if key not in old:
            out.added.append(Item("row", topic, _where(*key), cells))
        elif old[key][1] != cells:
            out.changed.append(Item("row", topic, _where(*key), cells, old[key][1], diff=word_diff(old[key][1], cells)))
    for key, (topic, cells) in old.items():
        if key not in new:
            out.removed.append(Item("row", topic, _where(*key), cells))


def _translations(a: Book, b: Book, locales: Path, templates: Path) -> dict[str, dict[str, int]]:
    """Per language: the newer edition's corpus messages absent from the older one, and how many
    of them (and of all the messages the newer edition prints) its catalogue lacks or has fuzzy."""
    old = {text.source for text, _ in corpus_messages(a)}
    corpus = list(dict.fromkeys(text.source for text, _ in corpus_messages(b)))
    strings = load_strings(Path(templates))
    out: dict[str, dict[str, int]] = {}
    for style in sorted(Path(locales).glob("*/style.toml")):
        lang = style.parent.name
        path = po_path(locales, lang)
        if not path.is_file():
            continue
        catalog = read_catalog(path, lang)

        def missing(msgid: str, context: str | None = None) -> str:
            m = catalog.get(msgid, context)
            return "untranslated" if m is None or not m.string else ("fuzzy" if m.fuzzy else "")
        fresh = [s for s in corpus if s not in old]
        state = [missing(s) for s in fresh]
        every = [missing(s) for s in corpus] + [missing(v, k) for k, v in strings.items()]
        out[lang] = {"new": len(fresh), "new_untranslated": state.count("untranslated"),
                     "new_fuzzy": state.count("fuzzy"), "messages": len(every),
                     "to_translate": sum(1 for s in every if s)}
    return out


# -- output -------------------------------------------------------------------------------------
_HEADS = {"chapter": "chapters", "paragraph": "paragraphs", "text": "front matter and titles",
          "footnote": "footnotes", "topic": "index topics", "row": "index rows"}


def render_text(c: Changes) -> str:
    lines = [f"Changes from edition {c.old} to edition {c.new}"]
    for what, items in (("new", c.added), ("changed", c.changed), ("removed", c.removed),
                        ("renumbered", c.renumbered)):
        for kind, head in _HEADS.items():
            group = [i for i in items if i.kind == kind]
            if not group:
                continue
            lines += ["", f"{what.capitalize()} {head} ({len(group)}):"]
            for i in group:
                if what == "renumbered":
                    lines.append(f"  {i.id}: {i.before} -> {i.after}  {i.where}")
                elif what == "changed":
                    lines.append(f"  {i.id}  {i.where}\n      {i.diff}")
                else:
                    lines.append(f"  {i.id}  {i.where}" + (f"\n      {_short(i.text)}" if i.text and i.text != i.id else ""))
    if not (c.added or c.changed or c.removed or c.renumbered):
        lines += ["", "No differences."]
    if c.translations:
        lines += ["", f"Translations for edition {c.new} (messages new since {c.old}: untranslated, fuzzy; "
                      f"all messages of {c.new} still to translate):"]
        for lang, f in c.translations.items():
            lines.append(f"  {lang}: {f['new']} new, {f['new_untranslated']} untranslated, {f['new_fuzzy']} fuzzy; "
                         f"{f['to_translate']} of {f['messages']} to translate")
    return "\n".join(lines) + "\n"


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def render_json(c: Changes) -> str:
    """{"from", "to", "new", "changed", "removed", "renumbered": [{kind, id, where, text, before,
    after, diff}], "translations": {lang: {new, new_untranslated, new_fuzzy, messages, to_translate}}}"""
    data = {"from": c.old, "to": c.new, "new": [asdict(i) for i in c.added],
            "changed": [asdict(i) for i in c.changed], "removed": [asdict(i) for i in c.removed],
            "renumbered": [asdict(i) for i in c.renumbered], "translations": c.translations}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
