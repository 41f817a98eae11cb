"""`compendium import FILE --compare CHAPTER.yaml`: how a document and the corpus's chapter differ,
paragraph by paragraph (text word by word, emphasis, footnotes, source mapping), like the cross-check of
resolutions 8/4 and 7/3 but for any document. Documented differences (`--variants`, as in
sources/variants.yaml: id, official fragment, compendium fragment, note) are reported as such."""
from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass
from pathlib import Path

from ..corpus import ids, walk
from ..corpus.markup import DocLink, Emph, NoteRef, plain
from ..corpus.model import Block, Book, Chapter, SourceRef
from ..corpus.yamlio import Map, Seq, load
from ..errors import CompendiumError
from ..readers.blocks import Document
from .chapter import Imported
from .corpusfile import Overlay, relpath


@dataclass
class _Variant:
    id: str
    official: str
    compendium: str
    note: str
    where: str


def compare(doc: Document, imp: Imported, text: str, chapter: Path, content: Path, book: Book,
            variants_file: Path | None) -> int:
    ours_book, problems = Overlay(content, imp.cid, text, imp.footnotes).load()
    if ours_book is None:
        raise CompendiumError(f"the imported chapter does not load: {problems[0].message}", problems[0].file,
                              problems[0].line)
    theirs_book = book
    if chapter.resolve() != (content / relpath(imp.cid)).resolve():
        if not chapter.is_file():
            raise CompendiumError("file not found", str(chapter), hint="name a chapter file such as content/A/09.yaml")
        theirs_book, problems = Overlay(content, imp.cid, chapter.read_text(encoding="utf-8"), {}).load()
        if theirs_book is None:
            raise CompendiumError(problems[0].message, str(chapter), problems[0].line)
    if imp.cid not in theirs_book.chapters:
        raise CompendiumError(f"the corpus has no chapter {imp.cid}", str(chapter),
                              hint="compare with an existing chapter, or import it with -o")
    ours, theirs = ours_book.chapters[imp.cid], theirs_book.chapters[imp.cid]
    variants = _variants(variants_file) if variants_file else []
    report = _Report(doc.path, str(chapter), imp, variants)
    report.header(ours, theirs)
    report.blocks(ours, theirs, ours_book, theirs_book)
    for line in report.lines:
        print(line)
    print(report.summary(), file=sys.stderr)
    return 1 if report.differ else 0


class _Report:
    def __init__(self, doc: str, chapter: str, imp: Imported, variants: list[_Variant]) -> None:
        self.doc, self.chapter, self.imp, self.variants = doc, chapter, imp, variants
        self.lines: list[str] = []
        self.same = self.differ = self.documented = self.compared = 0

    def say(self, line: int, what: str, src: int | None = None) -> None:
        where = f" ({self.doc}:{src})" if src else ""
        self.lines.append(f"{self.chapter}:{line}: {what}{where}")

    def header(self, ours: Chapter, theirs: Chapter) -> None:
        for name, a, b in (("dates", (ours.start, ours.end), (theirs.start, theirs.end)),
                           ("adopted", ours.adopted, theirs.adopted), ("report", ours.report, theirs.report)):
            if a != b and (a or b) and name not in self.imp.guessed:
                self.differ += 1
                self.say(theirs.loc.line, f"{theirs.id} {name}: the document says {_show(a)}, the corpus {_show(b)}")
        if ours.decision and theirs.decision:
            titles = [("title", ours.decision.title, theirs.decision.title, theirs.decision.loc.line)]
            for a, b in zip(ours.decision.annexes, theirs.decision.annexes):
                titles.append((f"annex {a.number or ''}".strip() + " title", a.title, b.title, b.loc.line))
            for name, a, b, line in titles:
                ta, tb = (plain(t.inlines) if t else "" for t in (a, b))
                if ta != tb:
                    self.differ += 1
                    self.say(line, f"{theirs.id} {name}: " + (_wdiff(ta, tb) if ta and tb else
                                                                f"the document has {_show(ta)}, the corpus {_show(tb)}"))

    def blocks(self, ours: Chapter, theirs: Chapter, ob: Book, tb: Book) -> None:
        mine = _blocks(ours)
        lines = dict(zip((b.id for b in mine), self.imp.lines))
        yours = {b.id: b for b in _blocks(theirs)}
        for b in mine:
            t = yours.pop(b.id, None)
            src = lines.get(b.id)
            if t is None:
                self.differ += 1
                self.say(theirs.loc.line, f"{b.id} ({b.kind}) is in the document but not in the corpus", src)
                continue
            self.compared += 1
            found = self._block(b, t, ob, tb, src)
            if found == "same":
                self.same += 1
        for t in yours.values():
            self.differ += 1
            self.say(t.loc.line, f"{t.id} ({t.kind}) is in the corpus but not in the document")

    def _block(self, b: Block, t: Block, ob: Book, tb: Book, src: int | None) -> str:
        """Compare one paragraph; 'same', 'documented' (only variants) or 'differ'."""
        found: list[str] = []
        documented: list[str] = []
        if b.kind != t.kind:
            found.append(f"a {b.kind} in the document, a {t.kind} in the corpus")
        if b.text and t.text:
            official, corpus = plain(b.text.inlines), plain(t.text.inlines)
            applied, documented = self._apply(t.id, official, corpus)
            if applied != corpus:
                found.append(f"text differs ([-document-] {{+corpus+}}): {_wdiff(applied, corpus)}")
                documented = []
            for what, mine, yours in (("italics", _emph(b), _emph(t)), ("links", _doclinks(b), _doclinks(t)),
                                      ("footnotes", _notes(b, ob), _notes(t, tb))):
                if mine != yours:
                    found.append(f"{what} differ: the document has {mine or 'none'}, the corpus {yours or 'none'}")
        sa, sb = _sources(b.sources), _sources(t.sources)
        if sa != sb:
            found.append(f"source mapping differs: the document gives {sa or 'none'}, the corpus {sb or 'none'}")
        for what in found:
            self.say(t.loc.line, f"{t.id}: {what}", src)
        for n in documented:
            self.say(t.loc.line, f"{t.id}: documented difference ({n})", src)
        self.differ += len(found)
        self.documented += len(documented)
        return "differ" if found else ("documented" if documented else "same")

    def _apply(self, bid: str, official: str, corpus: str) -> tuple[str, list[str]]:
        applied, used = official, []
        for v in self.variants:
            if v.id == bid and applied.count(v.official) == 1 and v.compendium in corpus:
                applied = applied.replace(v.official, v.compendium)
                used.append(f"{v.where}: {v.note}")
        return applied, used

    def summary(self) -> str:
        doc = f", {self.documented} documented difference(s)" if self.variants else ""
        return (f"{self.imp.cid}: {self.compared} paragraph(s) compared, {self.same} the same{doc}; "
                f"{self.differ} difference(s)" + (" (listed above)" if self.differ else ""))


def _blocks(ch: Chapter) -> list[Block]:
    """A chapter's blocks in book order: a meeting's, or a session's decision and its annexes."""
    seqs = [ch.blocks] + ([ch.decision.blocks] + [a.blocks for a in ch.decision.annexes] if ch.decision else [])
    return [b for seq in seqs for b in walk.blocks(seq)]


def _variants(path: Path) -> list[_Variant]:
    data = load(path)
    if not isinstance(data, Seq):
        raise CompendiumError("a variants file is a list of entries (id, official, compendium, note)", str(path))
    out = []
    for v, line in zip(data, data.item_lines):
        if not isinstance(v, Map) or not {"id", "official", "compendium"} <= set(v):
            raise CompendiumError("a variant needs id, official and compendium", str(path), line)
        out.append(_Variant(str(v["id"]), " ".join(str(v["official"]).split()),
                            " ".join(str(v["compendium"]).split()), str(v.get("note", "")), f"{path}:{line}"))
    return out


def _wdiff(a: str, b: str, context: int = 5) -> str:
    wa, wb = a.split(), b.split()
    hunks = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        before = " ".join(wa[max(0, i1 - context):i1])
        after = " ".join(wa[i2:i2 + context])
        change = (f"[-{' '.join(wa[i1:i2])}-]" if i2 > i1 else "") + (f"{{+{' '.join(wb[j1:j2])}+}}" if j2 > j1 else "")
        hunks.append(f"…{before} {change} {after}…".replace("… ", "…").replace(" …", "…"))
    return " ".join(hunks)


def _emph(b: Block) -> list[str]:
    return [n.text for n in b.text.inlines if isinstance(n, Emph)] if b.text else []


def _doclinks(b: Block) -> list[str]:
    return [f"[[{n.text}|{n.symbol}]]" if n.text != n.symbol else f"[[{n.symbol}]]"
            for n in b.text.inlines if isinstance(n, DocLink)] if b.text else []


def _notes(b: Block, book: Book) -> list[str]:
    return [book.footnotes[n.id].text.source for n in b.text.inlines if isinstance(n, NoteRef)] if b.text else []


def _sources(refs: list[SourceRef]) -> list[str]:
    out = []
    for r in refs:
        where = r.symbol
        if r.document:
            where = f"{r.document[0]} {r.document[1]}" + (f" annex {r.annex}" if r.annex else (" annex" if r.annex == "" else ""))
        out.append(f"{where} para. " + ".".join(str(v) if k == "number" else _tok(k, v) for k, v in r.path))
    return out


def _tok(kind: str, v: object) -> str:
    if kind in ("letter", "roman") and isinstance(v, int):
        return ids.token(kind, v)
    return f"{kind} {v}"


def _show(v: object) -> str:
    if isinstance(v, tuple):
        return " to ".join(str(x) for x in v)
    return repr(v) if v else "nothing"
