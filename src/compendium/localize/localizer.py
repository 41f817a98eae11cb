"""Apply one language to the model: translate texts, generate labels, headings, dates and index cells."""
from __future__ import annotations

import datetime as dt
import string
from collections.abc import Callable
from pathlib import Path

import icu

from ..corpus import ids, numerals
from ..corpus import model as m
from . import tree as t
from ..corpus.thematic_index import DerivedRow, derive_rows
from ..corpus.markup import DocLink, Emph, NoteRef, Text, translated_inlines
from .conventions import Style, load_style
from .fallbacks import Fallbacks, Translate
from .strings import Strings, load_strings

INDEX_COLUMNS = ("topic", "report", "symbol", "document", "paragraphs", "compendium")   # index.col.* strings


class Localizer:
    """One language's view of the book: strings, labels, dates and lists."""

    def __init__(self, book: m.Book, style: Style, strings: Strings, translate: Translate | None = None,
                 in_step: bool = True):
        self.book = book
        self.style = style
        self.strings = strings
        self.fb = Fallbacks(translate or (lambda ctx, msgid: None), style.lang == "en")
        self.in_step = in_step            # the catalogue holds exactly the messages of the text (step.py)

    # -- strings ---------------------------------------------------------------------------

    def ui(self, key: str, **fields: str) -> str:
        """A template string in this language, its {fields} filled; the English one (recorded as a
        fallback, so the edition is a draft and the place marked) when it has no usable translation."""
        english = self.strings.pattern(key, fields)
        text = self.fb.lookup(key, english) or english
        if text is not english and not _plain_fields(text, set(fields)):
            text = english           # a broken translated pattern falls back (check reports it)
            self.fb.unusable(key, english)
        self.fb.string(key, text is english)
        return self.typography(text.format(**fields))

    def runs(self, text: m.Text) -> tuple[list[t.Run], bool]:
        """The translated text as runs; English (and fallback=True) when untranslated or unusable."""
        translated = self.fb.lookup(None, text.source)
        inlines = translated_inlines(text.source, translated) if translated else None
        if inlines is None and translated:
            self.fb.unusable(None, text.source)
        fallback = self.fb.text(text.where, inlines is None)
        return self._runs(text.inlines if inlines is None else inlines), fallback

    def _runs(self, inlines) -> list[t.Run]:
        out = []
        link = self.book.meta.get("odslink", "{symbol}")
        for n in inlines:
            if isinstance(n, NoteRef) and out and out[-1].kind == "note":   # "³,¹", not "³¹" (note 31)
                out.append(t.Run("notesep", self.style.typography.get("note_separator", ",")))
            if isinstance(n, Text):
                out.append(t.Run("text", self.typography(self.fill(n.text))))
            elif isinstance(n, Emph):
                out.append(t.Run("emph", self.typography(self.fill(n.text))))
            elif isinstance(n, NoteRef):
                out.append(t.Run("note", "", note=self.book.footnotes[n.id].number))
            elif isinstance(n, DocLink):
                out.append(t.Run("link", n.text, href=link.format(symbol=n.symbol)))
        return out

    def fill(self, s: str) -> str:
        """The edition's {year}, {meetings} and {sessions} in this language's digits."""
        if "{" in s:
            for name, value in self.book.fields.items():
                s = s.replace("{" + name + "}", self.style.localize_digits(value))
        return s

    def typography(self, s: str) -> str:
        chars = self.style.typography.get("nbsp_before", "")
        if chars:
            for c in chars:
                s = s.replace(" " + c, "\u00a0" + c)
        return s

    # -- numbering, dates, lists --------------------------------------------------------------
    def label(self, kind: str, n: int) -> str:
        spec = self.style.labels.get(kind)
        return self.style.number(spec, n) if spec else ""

    def annex_number(self, number: str) -> str:
        """'II' as this language numbers annexes ([labels] annex: "II", "الثاني", "二")."""
        try:
            n = numerals.from_roman(number)
        except ValueError:              # not a roman numeral: printed as it is
            return number
        return self.style.number(self.style.labels.get("annex", "{I}"), n)

    def part_name(self, part: str) -> str:
        """'B' as this language names parts in references ([labels] part_ref: "B", "باء")."""
        return self.style.number(self.style.labels.get("part_ref", "{A}"), ord(part) - 64)

    def day(self, d: dt.date) -> str:
        first = self.style.dates.get("first_day", "")
        return self.style.localize_digits(first if d.day == 1 and first else str(d.day))

    def date_range(self, start: dt.date, end: dt.date) -> str:
        f = dict(d1=self.day(start), d2=self.day(end), month1=self.style.month(start.month),
                 month2=self.style.month(end.month), year1=self.style.localize_digits(str(start.year)),
                 year2=self.style.localize_digits(str(end.year)))
        if start == end:
            form = "single"
        elif start.year != end.year:
            form = "across_years"
        elif start.month != end.month:
            form = "across_months"
        elif (end - start).days == 1:
            form = "two_days"
        else:
            form = "same_month"
        return self.typography(self.style.dates["patterns"][form].format(**f))

    def join(self, items: list[str]) -> str:
        lists = self.style.lists
        if not items:
            return ""
        if len(items) == 1:
            return items[0]
        if len(items) == 2:
            return lists["two"].format(items[0], items[1])
        out = items[-1]
        out = lists["end"].format(items[-2], out)
        for item in reversed(items[:-2]):
            out = lists["middle"].format(item, out)
        return out

    def span(self, first: str, last: str) -> str:
        return f"{first}{self.style.lists.get('range_dash', '–')}{last}"

    # -- blocks -----------------------------------------------------------------------------------
    def para(self, b: m.Block) -> t.Para:
        if b.kind == "see":
            ch = self.book.chapters[b.target]
            mark = self.fb.mark()
            meeting = self.ui("meeting.ref", ordinal=self.style.ordinal("meeting_ref", ch.ordinal))
            runs = [t.Run("text", self.ui("see.meeting", meeting=meeting))]
            return t.Para(b.id, "text", "", runs, b.depth, fallback=self.fb.since(mark))
        runs, fallback = self.runs(b.text)
        label = self.label(b.kind, b.number) if b.kind in ("para", "sub", "item") else ""
        return t.Para(b.id, b.kind, label, runs, b.depth, [self.para(c) for c in b.children], fallback)

    def paras(self, blocks: list[m.Block]) -> list[t.Para]:
        return [self.para(b) for b in blocks]

    def heading(self, hid: str, level: int, label: str, text: m.Text | str, english: bool = False) -> t.Heading:
        """A heading of a corpus text, or of a generated `text` (`english`: a template string in it
        is shown in English)."""
        if isinstance(text, str):
            return t.Heading(hid, level, label, [t.Run("text", text)], english)
        runs, fallback = self.runs(text)
        return t.Heading(hid, level, label, runs, fallback)

    def sections_in(self, blocks: list[m.Block]) -> list[t.Para]:
        """Blocks of a decision: 'section' headings get their roman label here."""
        out = []
        for b in blocks:
            p = self.para(b)
            if b.kind == "section":
                p.label = self.label("section", b.number)
            out.append(p)
        return out

    def chapter(self, ch: m.Chapter) -> t.Chapter:
        mark = self.fb.mark()
        name = self.ui(f"{ch.kind}.name", ordinal=self.style.ordinal(ch.kind, ch.ordinal))
        title = self.ui(f"chapter.{ch.kind}", ordinal=name, dates=self.date_range(ch.start, ch.end))
        heading = self.heading(ch.id, 2, self.label("chapter", ch.ordinal), title, self.fb.since(mark))
        decision = None
        if ch.decision:
            d = ch.decision
            mark = self.fb.mark()
            text = self.ui(f"{d.kind}.heading", number=d.number)
            dh = self.heading(f"{d.id}.heading", 3, "", text, self.fb.since(mark))
            annexes = []
            for a in d.annexes:
                mark = self.fb.mark()
                text = (self.ui("annex.numbered", number=self.annex_number(a.number)) if a.number
                        else self.ui("annex.heading"))
                annexes.append(t.Annex(self.heading(a.id, 4, "", text, self.fb.since(mark)),
                                       self.heading(f"{a.id}.title", 5, "", a.title) if a.title else None,
                                       self.sections_in(a.blocks)))
            decision = t.Decision(dh, self.heading(f"{d.id}.title", 4, "", d.title),
                                  self.sections_in(d.blocks), annexes)
        return t.Chapter(heading, self.paras(ch.blocks), decision)

    # -- index --------------------------------------------------------------------------------------
    def path_label(self, path: tuple) -> str:
        labels = self.style.index_labels
        return labels.get("separator", " ").join(
            self.style.number(labels[series], n) for series, n in path)

    def compress(self, paths: list[tuple], fmt: Callable[[tuple], str], tail: Callable[[tuple], str]) -> list[str]:
        """Format paths, turning runs of three or more consecutive siblings into ranges."""
        out: list[str] = []
        i = 0
        while i < len(paths):
            j = i
            while (j + 1 < len(paths) and paths[j + 1][:-1] == paths[i][:-1]
                   and paths[j + 1][-1][0] == paths[i][-1][0] and paths[j + 1][-1][1] == paths[j][-1][1] + 1):
                j += 1
            if j - i >= 2:
                out.append(self.span(fmt(paths[i]), tail(paths[j])))
                i = j + 1
            else:
                out.append(fmt(paths[i]))
                i += 1
        return out

    def paragraph_list(self, paths: list[tuple]) -> str:
        """'2 (b) and (c), 6 and 8': subparagraphs grouped under their numbered paragraph."""
        items: list[str] = []
        groups: list[tuple[tuple, list[tuple]]] = []
        for p in paths:
            head = p[:1] if p[0][0] == "number" and len(p) > 1 else None
            if groups and groups[-1][0] == head:
                groups[-1][1].append(p[1:] if head else p)
            else:
                groups.append((head, [p[1:]] if head else [p]))
        for head, rest in groups:
            parts = self.compress(rest, self.path_label, lambda q: self.path_label(q[-1:]))
            if head:
                sep = self.style.index_labels.get("separator", " ")
                items.append(f"{self.path_label(head)}{sep}{self.join(parts)}")
            else:
                items.extend(parts)
        return self.join(items)

    def id_path(self, path: tuple) -> str:
        """('VII', ('number', 26)) -> 'VII.26': a compendium reference as the index prints it."""
        tokens = [p if isinstance(p, str) else ids.token(p[0], p[1]) for p in path]
        return self.style.index_labels.get("id_separator", ".").join(tokens)  # ids are the same in every language

    def compendium_lines(self, row: DerivedRow) -> list[list[t.Segment]]:
        ids_ = row.refs
        if row.via:
            chapters = sorted({r.split(".")[1] for r in ids_}, key=lambda c: ids_.index(next(r for r in ids_ if r.split(".")[1] == c)))
            part = ids_[0].split(".")[0]
            name = self.part_name(part)          # as the "Part A:" prefix names it (ar: الجزء ألف)
            text = (self.ui("index.see_part", part=name, chapter=chapters[0]) if len(chapters) == 1 else
                    self.ui("index.see_parts", part=name, chapters=self.join(chapters)))
            return [[t.Segment(text, f"{part}.{chapters[0]}")]]
        plain_ids = [r for r in ids_ if ".annex" not in r and ".PP." not in r]
        pp_ids = [r for r in ids_ if ".PP." in r]
        annex_ids = [r for r in ids_ if ".annex" in r]
        lines: list[list[t.Segment]] = []
        if plain_ids:
            paths = [(r.split(".")[1],) + row.structure[ids_.index(r)] for r in plain_ids]
            segs = self.compress(paths, self.id_path, lambda p: self.id_path(p[-1:]))
            lines.append(self._linked(segs, plain_ids))
        for r in pp_ids:
            ch = r.split(".")[1]
            lines.append([t.Segment(self.ui("index.compendium_pp", chapter=ch, paragraph=r.split(".")[-1]), r)])
        if annex_ids:
            ch = annex_ids[0].split(".")[1]
            paths = [row.paths[ids_.index(r)] for r in annex_ids]
            lines.append([t.Segment(self.ui("index.compendium_annex", chapter=ch,
                                            paragraphs=self.paragraph_list(paths)), annex_ids[0])])
        return lines

    def _linked(self, segs: list[str], refs: list[str]) -> list[t.Segment]:
        """Join formatted refs with the list pattern, each piece linking to its first paragraph."""
        joined = self.join([f"\x00{i}\x00" for i in range(len(segs))])
        out: list[t.Segment] = []
        targets = iter(_range_starts(segs, refs, self))
        for piece in joined.split("\x00"):
            if piece.isdigit():
                out.append(t.Segment(segs[int(piece)], next(targets)))
            elif piece:
                out.append(t.Segment(piece))
        return out

    def index(self) -> t.Index:
        topics = []
        for topic in self.book.topics:
            title_runs, fallback = self.runs(topic.title)
            title = t.plain(title_runs)
            rows = []
            seen_parts: set[str] = set()
            for k, row in enumerate(derive_rows(self.book, topic)):
                english = set()                   # the cells holding a template string shown in English
                mark = self.fb.mark()
                lines = self.compendium_lines(row)
                if not row.via and row.part not in seen_parts:
                    seen_parts.add(row.part)
                    first = lines[0]
                    prefix, _, _ = self.ui("index.part", part=self.part_name(row.part), refs="\x00").partition("\x00")
                    lines[0] = [t.Segment(prefix)] + first
                if self.fb.since(mark):
                    english.add("compendium")
                mark = self.fb.mark()
                paragraphs = self.paragraph_cells(row)
                if self.fb.since(mark):
                    english.add("paragraphs")
                mark = self.fb.mark()
                document = self.document_cell(row.document)
                if self.fb.since(mark):
                    english.add("document")
                rows.append(t.Row(title, k == 0, row.symbol, document, paragraphs, lines, row.shaded, row.refs,
                                  english))
            topics.append(t.Topic(title, rows, fallback))
        locale = self.style.sort.get("icu_locale")
        if locale:  # topics in the language's alphabetical order; rows keep book order
            collator = icu.Collator.createInstance(icu.Locale(locale))
            if self.style.sort.get("ignore_punctuation"):
                collator.setAttribute(icu.UCollAttribute.ALTERNATE_HANDLING, icu.UCollAttributeValue.SHIFTED)
            topics.sort(key=lambda topic: collator.getSortKey(topic.title))
        columns, english = {}, set()
        for c in INDEX_COLUMNS:
            mark = self.fb.mark()
            columns[c] = self.ui(f"index.col.{c}")
            if self.fb.since(mark):
                english.add(c)
        return t.Index(self.heading("index", 1, "", self.book.index_title), "", columns, topics, english)

    def document_cell(self, document: tuple[str, str] | None) -> str:
        """'Resolution 7/3'; a draft resolution's symbol is in the symbol column already."""
        if document is None:
            return ""
        if document[0] == "draft_resolution":
            return self.ui("index.draft_resolution")
        return self.ui(f"{document[0]}.heading", number=document[1])

    def paragraph_cells(self, row: DerivedRow) -> list[str]:
        lines = []
        for annex, pp, paths in row.groups():
            text = self.paragraph_list([(("number", p[0][1]),) + p[1:] for p in paths] if pp else paths)
            if pp:
                text = self.ui("index.pp", paragraphs=text)
            if annex is not None:
                text = (self.ui("index.annex_numbered", number=self.annex_number(annex), paragraphs=text) if annex else
                        self.ui("index.annex", paragraphs=text))
            lines.append(text)
        return lines

    # -- the whole book -------------------------------------------------------------------------
    def build(self) -> t.Book:
        b = self.book
        english: set[str] = set()                  # plain-text slots of the tree shown in English

        def lines(name: str, texts: list[m.Text]) -> list[list[t.Run]]:
            out = []
            for i, x in enumerate(texts):
                runs, fallback = self.runs(x)
                if fallback:
                    english.add(f"{name}.{i}")
                out.append(runs)
            return out

        intro = t.Section(self.heading("intro", 1, "", b.intro.title), self.paras(b.intro.blocks))
        comp = t.Section(self.heading("compendium", 1, "", b.compendium.title), self.paras(b.compendium.blocks))
        parts = [t.Part(self.heading(p.id, 1, self.label("part", ord(p.id) - 64), p.title),
                        [self.chapter(c) for c in p.chapters]) for p in b.parts]
        index = self.index()
        notes_runs, notes_fallback = self.runs(b.index_notes)
        mark = self.fb.mark()
        index.notes = self.ui("index.notes", notes=t.plain(notes_runs))
        if notes_fallback or self.fb.since(mark):
            english.add("index.notes")
        contents = [t.ContentsEntry(1, "", intro.heading.text, "intro"),
                    t.ContentsEntry(1, "", comp.heading.text, "compendium")]
        for p in parts:
            contents.append(t.ContentsEntry(2, p.heading.label, p.heading.text, p.heading.id))
            contents += [t.ContentsEntry(3, c.heading.label, c.heading.text, c.heading.id) for c in p.chapters]
        contents.append(t.ContentsEntry(1, "", index.heading.text, "index"))
        notes = {}
        for note in b.footnotes.values():
            runs, fb = self.runs(note.text)
            notes[note.number] = t.Note(note.id, note.number, runs, fb)
        cover, title_page, copyright_ = lines("cover", b.cover), lines("title_page", b.title_page), \
            lines("copyright", b.copyright)
        title_runs, title_fallback = self.runs(b.contents_title)
        if title_fallback:
            english.add("contents_title")
        back = lines("back_cover", b.back_cover)
        ui = self.strings.like({k: self.ui(k) if "{" not in v else self.pattern(k) for k, v in self.strings.items()})
        fallbacks = list(dict.fromkeys(self.fb.where))
        missing = self.fb.missing
        note_key = "page.draft_note" if missing else "page.draft_stale" if not self.in_step else \
            "page.draft_edition" if b.status == "draft" else ""
        # message figures, as `compendium check` counts them (messages/step.py)
        draft_note = self.ui(note_key, missing=str(missing), total=str(len(self.fb.seen)),
                             year=self.style.localize_digits(b.fields["year"])) if note_key else ""
        if note_key in self.fb.keys:
            english.add("draft_note")
        return t.Book(self.style.lang, self.style.direction, dict(b.meta), ui, cover, title_page, copyright_,
                      t.plain(title_runs), contents, intro, comp, parts, index, back, notes,
                      fallbacks, draft_note, self.style.typography.get("tight_after", ""),
                      edition_draft=b.status == "draft", in_step=self.in_step, ui_english=list(self.fb.keys),
                      english=english)

    def pattern(self, key: str) -> str:
        """A template pattern with its {fields} unfilled (the PDF template fills "{topic} (continued)")."""
        english = self.strings[key]
        text = self.fb.lookup(key, english) or english
        self.fb.string(key, text is english)
        return text


def _plain_fields(pattern: str, allowed: set[str]) -> bool:
    """Only plain {name} fields the tool fills: no attribute, index, conversion or format spec."""
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError:
        return False
    return all(name is None or (name in allowed and not spec and not conv) for _, name, spec, conv in parsed)


def _range_starts(segs: list[str], refs: list[str], loc: Localizer) -> list[str]:
    """The id each formatted segment starts at (segments are in ref order)."""
    out, k = [], 0
    dash = loc.style.lists.get("range_dash", "–")
    for s in segs:
        out.append(refs[k])
        if dash in s:
            first, last = s.split(dash)
            while k < len(refs) and not refs[k].endswith("." + last):
                k += 1
        k += 1
    return out


def localize(book: m.Book, lang: str, locales: Path | str = "locales", templates: Path | str = "templates",
             translate: Translate | None = None, in_step: bool = True) -> t.Book:
    """The localized tree of `book` in `lang` (`in_step`: its catalogue holds exactly the text's
    messages, see messages/step.py; when not, the edition is a draft)."""
    style = load_style(lang, Path(locales))
    strings = load_strings(Path(templates))
    return Localizer(book, style, strings, translate, in_step).build()

