"""What the DOCX of one edition shows today, item by item, and where each text comes from.

Built from the localized tree of the language (labels, headings, index cells as the writer got
them) and the model (the corpus text behind each item, with its file and line). Each item is either
*absorbable* (a corpus text, or its translation) or *generated* (labels, chapter headings from the
dates, index columns derived from the data): then `decides` names the files to change instead.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..corpus import model as m
from ..corpus.markup import MarkupError, NoteRef, parse
from ..corpus.yamlio import Map, load
from ..localize import tree as t
from ..localize.conventions import Style, load_style
from ..localize.localizer import localize
from ..localize.strings import load_strings
from ..messages.files import po_path
from ..messages.syntax import syntax_check
from ..messages.translations import translations
from ..render.docx.oxml import Bookmarks
from .shown import Display, Piece, compose, from_source


@dataclass
class Item:
    key: str                      # alignment key: a block id, "note:3", "cover.2", "index.row.5.col.2" …
    group: str                    # body | note | cover | title_page | copyright | contents | toc | back |
    #                               draft | index_head | index_cell | index_notes
    where: str                    # for people: "A.VII.26", "footnote 3 (treaty-series-a4)", "cover line 2"
    label: str = ""               # generated label as the DOCX shows it, tab included ("26.\t")
    shown: str = ""               # the shown form of the text after the label
    text: m.Text | None = None    # the corpus text behind it; None when generated
    source: str = ""              # the markup it is shown from (the translation, or the English)
    fallback: bool = False        # a translated edition showing the English
    decides: list[str] = field(default_factory=list)   # generated: what to change instead
    label_decides: list[str] = field(default_factory=list)
    pattern: tuple[str, str] | None = None   # text inside a generated frame ("Notes: {notes}"): prefix, suffix
    plain: bool = False           # shown without emphasis whatever the edition (index cells, notes line)

    @property
    def full(self) -> str:
        return self.label + self.shown


@dataclass
class Edition:
    """One language's edition of the corpus, as absorb needs it."""
    lang: str
    content: Path
    locales: Path
    templates: Path
    book: m.Book
    tree: t.Book
    style: Style
    display: Display
    strings: dict[str, str]
    table: dict[tuple[str | None, str], str]
    items: list[Item]
    bookmarks: dict[str, str]          # bookmark name -> compendium id
    notes: dict[int, str]              # note number -> note id

    @property
    def po(self) -> Path | None:
        return None if self.lang == "en" else po_path(self.locales, self.lang)

    def file(self, shown: str) -> Path:
        """A corpus file named as the loader names it ("content/A/07.yaml") on disk."""
        return self.content.parent / shown

    def by_key(self) -> dict[str, Item]:
        return {i.key: i for i in self.items}

    def display_of(self, item: Item) -> Display:
        return Display(self.display.nbsp_before, False, self.display.fields) if item.plain else self.display


def load_edition(book: m.Book, lang: str, content: Path, locales: Path, templates: Path) -> Edition:
    table = translations(locales, lang)
    tree = localize(book, lang, locales, templates, lambda ctx, msgid: table.get((ctx, msgid)))
    style = load_style(lang, locales)
    strings = load_strings(templates)
    ed = Edition(lang, content, locales, templates, book, tree, style, Display.of(style, book.fields), strings, table, [],
                 {}, {n.number: n.id for n in book.footnotes.values() if n.number})
    ed.items = _Items(ed).all()
    ed.bookmarks = _bookmark_names(tree)
    return ed


class _Items:
    def __init__(self, ed: Edition) -> None:
        self.ed = ed
        self.tree = ed.tree
        self.book = ed.book
        self.lang = ed.lang
        self.style_path = ed.style.path
        self._keys: dict[str, dict] = {}
        self._po_lines: dict[tuple[str | None, str], int] | None = None

    # -- sources ----------------------------------------------------------------------------------

    def translated(self, text: m.Text) -> tuple[str, bool]:
        """The markup the edition shows for `text` and whether it is the English fallback (as
        Localizer.runs decides: a translation is used when it parses and cites the same notes)."""
        if self.lang == "en":
            return text.source, False
        tr = self.ed.table.get((None, text.source))
        if tr:
            try:
                notes = sorted(n.id for n in parse(tr) if isinstance(n, NoteRef))
            except MarkupError:
                return text.source, True
            if notes == sorted(n.id for n in text.inlines if isinstance(n, NoteRef)):
                return tr, False
        return text.source, True

    def corpus(self, key: str, group: str, where: str, text: m.Text, label: str = "",
               label_decides: list[str] | None = None, plain: bool = False) -> Item:
        source, fallback = self.translated(text)
        item = Item(key, group, where, label, "", text, source, fallback, label_decides=label_decides or [],
                    plain=plain)
        item.shown = from_source(source, self.ed.display_of(item))
        return item

    def generated(self, key: str, group: str, where: str, shown: str, decides: list[str], label: str = "",
                  label_decides: list[str] | None = None) -> Item:
        return Item(key, group, where, label, shown, decides=decides, label_decides=label_decides or [])

    def runs(self, runs: list[t.Run]) -> str:
        """The shown form of tree runs (generated text)."""
        link = self.book.meta.get("odslink", "{symbol}")
        pieces = []
        for r in runs:
            if r.kind == "note":
                pieces.append(Piece("note", self.ed.notes.get(r.note, str(r.note))))
            elif r.kind == "link":
                pieces.append(Piece("link", r.text, symbol_of(r.href, link)))
            elif r.kind == "emph" and self.ed.display.emphasis:
                pieces.append(Piece("emph", r.text))
            else:
                pieces.append(Piece("text", r.text))
        return compose(pieces)

    def label(self, label: str) -> str:
        if not label:
            return ""
        return label if label[-1] in self.tree.tight_after else label + "\t"

    # -- what decides generated text ------------------------------------------------------------

    def key_line(self, file: str, key: str) -> str:
        """'content/A/07.yaml:3' for a top-level key of a corpus file."""
        if file not in self._keys:
            data = load(self.ed.file(file), file)
            self._keys[file] = data.key_lines if isinstance(data, Map) else {}
        line = self._keys[file].get(key)
        return f"{file}:{line} ({key})" if line else f"{file} ({key})"

    def ui(self, *keys: str) -> str:
        """Where the template strings `keys` live for this edition: strings.yaml, or the catalogue."""
        if self.lang == "en":
            return f"{self.ed.templates / 'strings.yaml'} ({', '.join(keys)})"
        po = po_path(self.ed.locales, self.lang)
        if self._po_lines is None:
            self._po_lines = {e.key: e.line for e in syntax_check(po, self.lang) if not e.obsolete}
        where = [f"msgctxt {k}" + (f" line {self._po_lines[(k, self.ed.strings[k])]}"
                                    if (k, self.ed.strings.get(k)) in self._po_lines else "") for k in keys]
        return f"{po} ({'; '.join(where)})"

    def labels(self, kind: str, block: m.Block | None = None) -> list[str]:
        out = [f"{self.style_path} [labels] {kind}"]
        if block is not None:
            out.append(f"{block.loc} (the number follows the block's place in its list)")
        return out

    def unofficial(self) -> bool:
        """A working translation: its DOCX says "Unofficial translation" after the title page lines."""
        from ..render.edition import load_edition as edition_settings
        return bool(edition_settings(self.ed.style, self.ed.templates).settings.get("unofficial"))

    # -- the items, in the order of the DOCX ------------------------------------------------------

    def all(self) -> list[Item]:
        tree, book = self.tree, self.book
        items: list[Item] = []
        if tree.draft and tree.draft_note:
            items.append(self.generated("draft", "draft", "draft note", compose([Piece("text", tree.draft_note)]),
                                        [self.ui("page.draft_note"), "the catalogue's untranslated and fuzzy entries"]))
        for group, texts, name in (("cover", book.cover, "cover"), ("title_page", book.title_page, "title page"),
                                   ("copyright", book.copyright, "copyright page")):
            for n, text in enumerate(texts, 1):
                items.append(self.corpus(f"{group}.{n}", group, f"{name} line {n}", text))
            if group == "title_page" and self.unofficial():
                items.append(self.generated("unofficial", group, "title page: unofficial translation",
                                            compose([Piece("text", tree.ui["page.unofficial"])]),
                                            [self.ui("page.unofficial"), f"{self.style_path} [edition] unofficial"]))
        items.append(self.corpus("contents", "contents", "contents title", book.contents_title))
        for n, e in enumerate(tree.contents, 1):
            items.append(self.generated(f"toc.{n}", "toc", f"contents entry {n} ({e.target})",
                                        compose([Piece("text", e.text)]),
                                        [f"the heading {e.target}: the contents list the headings"],
                                        self.label(e.label), [f"the heading {e.target}"]))
        for entry in tree.flow():
            if isinstance(entry, t.Heading):
                items.append(self.heading(entry))
            else:
                items.extend(self.blocks(entry))
        items.append(self.heading(tree.index.heading))
        items.extend(self.index())
        for n, text in enumerate(book.back_cover, 1):
            items.append(self.corpus(f"back.{n}", "back", f"back cover line {n}", text))
        for number in sorted(tree.notes):
            note = tree.notes[number]
            items.append(self.corpus(f"note:{number}", "note", f"footnote {number} ({note.id})",
                                     book.footnotes[note.id].text))
        return items

    def heading(self, h: t.Heading) -> Item:
        book = self.book
        label = self.label(h.label)
        corpus = {"intro": book.intro.title, "compendium": book.compendium.title, "index": book.index_title}
        for part in book.parts:
            corpus[part.id] = part.title
            for ch in part.chapters:
                d = ch.decision
                if d:
                    corpus[f"{d.id}.title"] = d.title
                    corpus.update({f"{a.id}.title": a.title for a in d.annexes if a.title})
        if h.id in corpus:
            return self.corpus(h.id, "body", h.id, corpus[h.id], label, self.labels("part"))
        shown = compose([Piece("text", h.text)])
        ch = book.chapters.get(h.id)
        if ch is not None:
            decides = [self.key_line(ch.loc.file, "dates"), f"{self.style_path} [dates]",
                       f"{self.style_path} [ordinals.{ch.kind}]", self.ui(f"chapter.{ch.kind}", f"{ch.kind}.name")]
            return self.generated(h.id, "body", f"{h.id} heading", shown, decides, label,
                                  [f"{self.style_path} [labels] chapter", f"{ch.loc} (the chapter's number)"])
        for ch in book.chapters.values():
            d = ch.decision
            if d and h.id == f"{d.id}.heading":
                return self.generated(h.id, "body", f"{d.id} {d.kind} heading", shown,
                                      [self.key_line(ch.loc.file, d.kind), self.ui(f"{d.kind}.heading")])
            for a in d.annexes if d else []:
                if h.id == a.id:
                    return self.generated(h.id, "body", f"{a.id} heading", shown,
                                          [self.key_line(ch.loc.file, "annexes"), f"{self.style_path} [labels] annex",
                                           self.ui("annex.numbered" if a.number else "annex.heading")])
        return self.generated(h.id, "body", h.id, shown, ["the structure of the corpus"], label)

    def blocks(self, p: t.Para) -> list[Item]:
        block = self.book.blocks.get(p.id)
        label = self.label(p.label)
        kind = "section" if p.kind == "section" else p.kind
        if block is None or block.text is None:      # 'see' blocks: generated from the chapter they name
            decides = [f"{block.loc} (see: {block.target})" if block else p.id,
                       f"{self.style_path} [ordinals.meeting_ref]", self.ui("see.meeting", "meeting.ref")]
            items = [self.generated(p.id, "body", p.id, self.runs(p.runs), decides, label)]
        else:
            items = [self.corpus(p.id, "body", p.id, block.text, label,
                                 self.labels(kind, block) if p.label else [])]
        for c in p.children:
            items.extend(self.blocks(c))
        return items

    def index(self) -> list[Item]:
        ix = self.tree.index
        book = self.book
        items = []
        c = ix.columns
        heads = [[c["topic"], c["report"], c["compendium"]], ["", c["symbol"], c["document"], c["paragraphs"], ""]]
        keys = [["topic", "report", "compendium"], ["topic", "symbol", "document", "paragraphs", "compendium"]]
        cols = [[0, 1, 4], [0, 1, 2, 3, 4]]
        for r, (texts, ks, cs) in enumerate(zip(heads, keys, cols)):
            for text, k, col in zip(texts, ks, cs):
                items.append(self.generated(f"index.head.{r}.{col}", "index_head", f"index column head ({k})",
                                            compose([Piece("text", text)]), [self.ui(f"index.col.{k}")]))
        topics = self._model_topics()
        row_no = 2
        for topic, model_topic in zip(ix.topics, topics):
            for k, row in enumerate(topic.rows):
                model_row = model_topic.rows[k] if model_topic and k < len(model_topic.rows) else None
                where = f"index row {row_no - 1} ({topic.title[:40]})"
                data = (f"{model_row.loc} (the row's paragraphs)" if model_row else "content/index.yaml")
                cells = [row.topic if row.first else "", row.symbol, row.document, "\n".join(row.paragraphs),
                         "\n".join("".join(s.text for s in line) for line in row.compendium)]
                for col, text in enumerate(cells):
                    key = f"index.row.{row_no}.col.{col}"
                    if col == 0 and row.first and model_topic is not None:
                        item = self.corpus(key, "index_cell", f"index topic '{topic.title[:50]}'", model_topic.title,
                                           plain=True)
                    else:
                        decides = [data] + {
                            0: [f"{model_topic.loc if model_topic else 'content/index.yaml'} (the topic's first row shows it)"],
                            1: ["the report of the chapter the paragraphs come from (report:)"],
                            2: [self.ui("decision.heading", "resolution.heading")],
                            3: ["the chapter's sources: (offsets, annexes)", f"{self.style_path} [index_labels] [lists]"],
                            4: [f"{self.style_path} [index_labels] [lists]", self.ui("index.part")],
                        }[col]
                        item = self.generated(key, "index_cell", f"{where} column {col + 1}",
                                              compose([Piece("text", text)]), decides)
                    items.append(item)
                row_no += 1
        notes = self.corpus("index.notes", "index_notes", "index notes", book.index_notes, plain=True)
        pattern = self.ed.table.get(("index.notes", self.ed.strings["index.notes"])) or self.ed.strings["index.notes"]
        prefix, _, suffix = pattern.partition("{notes}")
        disp = self.ed.display
        notes.pattern = (compose([Piece("text", disp.typography(prefix))]), compose([Piece("text", disp.typography(suffix))]))
        notes.decides = [self.ui("index.notes")]
        items.append(notes)
        return items

    def _model_topics(self) -> list[m.Topic | None]:
        """The model topic behind each tree topic (the tree sorts topics by the language's collation)."""
        pool: dict[tuple[str, int], list[m.Topic]] = {}
        for topic in self.book.topics:
            source, _ = self.translated(topic.title)
            title = "".join(n.text for n in parse(source) if hasattr(n, "text") and not isinstance(n, NoteRef))
            pool.setdefault((self.ed.display.typography(title), len(topic.rows)), []).append(topic)
        out = []
        for topic in self.tree.index.topics:
            found = pool.get((topic.title, len(topic.rows)))
            out.append(found.pop(0) if found else None)
        return out


def symbol_of(href: str, pattern: str) -> str:
    """The document symbol of an ODS link made from `pattern` ("https://…?s={symbol}")."""
    prefix, _, suffix = pattern.partition("{symbol}")
    if href.startswith(prefix) and href.endswith(suffix) and len(href) >= len(prefix) + len(suffix):
        return href[len(prefix):len(href) - len(suffix)]
    return ""


def _bookmark_names(tree: t.Book) -> dict[str, str]:
    """Bookmark name -> id, named in the order the DOCX writer names them (contents targets first)."""
    marks = Bookmarks()
    for e in tree.contents:
        marks.name(e.target)

    def para(p: t.Para) -> None:
        marks.name(p.id)
        for c in p.children:
            para(c)
    for entry in tree.flow():
        if isinstance(entry, t.Heading):
            marks.name(entry.id)
        else:
            para(entry)
    marks.name(tree.index.heading.id)
    return {name: ident for ident, name in marks.names.items()}
