"""Apply one language to the model: the blocks, headings and chapters of the book, and the whole
localized tree (template strings and texts in wording, forms in forms, the index in index_cells)."""
from __future__ import annotations

from pathlib import Path

from ..corpus import model as m
from . import tree as t
from .conventions import load_style
from .fallbacks import Translate
from .index_cells import IndexCells
from .strings import load_strings


class Localizer(IndexCells):
    """One language's view of the book: its blocks, chapters and the whole tree, on the index cells,
    wording and forms of the classes it builds on (IndexCells, Wording, Forms)."""

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


def localize(book: m.Book, lang: str, locales: Path | str = "locales", templates: Path | str = "templates",
             translate: Translate | None = None, in_step: bool = True) -> t.Book:
    """The localized tree of `book` in `lang` (`in_step`: its catalogue holds exactly the text's
    messages, see messages/step.py; when not, the edition is a draft)."""
    style = load_style(lang, Path(locales))
    strings = load_strings(Path(templates))
    return Localizer(book, style, strings, translate, in_step).build()

