"""`compendium absorb`: an editor's corrected DOCX brought back into the corpus and the catalogues.

    read (readers/ooxml/, read.py)    the DOCX in one view of its tracked changes, in shown form
    expect (expect.py)                 what the edition shows today, item by item, and its source
    align (align.py)                   DOCX paragraphs <-> items, by bookmark, place, neighbours, text
    plan (plan.py)                     changes to write; generated text; what is left for a human
    write (yaml_edit.py, po_edit.py)   only the changed values, every other byte kept, atomically
"""
from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .. import atomic
from ..corpus import walk
from ..errors import CompendiumError
from ..corpus.loader import load_book, load_editions_of
from ..readers.ooxml import Package
from .align import align
from .expect import Edition, load_edition
from .plan import Edit, Plan, plan
from .po_edit import PoChange, edit_catalog
from .read import read
from .yaml_edit import Hunk, replace_texts

MIN_MATCH = 0.5          # share of the body's bookmarks a DOCX of this edition must hold


@dataclass
class Outcome:
    plan: Plan
    edition: Edition
    files: dict[Path, bytes] = field(default_factory=dict)      # what --apply writes
    hunks: dict[int, list[Hunk]] = field(default_factory=dict)  # per edit (index in plan.edits)


def absorb(docx: Path, content: Path, locales: Path, templates: Path, lang: str | None = None,
           languages: list[str] | None = None, view: str = "accept") -> Outcome:
    """Read `docx` and work out every change; nothing is written (see `write`)."""
    name = str(docx)
    if not Path(docx).is_file():
        raise CompendiumError("file not found", name, hint="give the path of the edited DOCX")
    pkg = Package(docx)
    book = load_book(content, _edition_of(pkg, content))
    found_lang = _language(pkg)
    known = languages or []
    if lang is None:
        if found_lang is None:
            raise CompendiumError("the DOCX does not say its language (no dc:language, no w:lang)", name,
                                  hint="pass --lang L")
        lang = found_lang
    elif found_lang is not None and found_lang != lang:
        raise CompendiumError(f"this DOCX is the '{found_lang}' edition, not '{lang}'", name,
                              hint=f"pass --lang {found_lang}, or give the DOCX of the '{lang}' edition")
    if known and lang not in known:
        raise CompendiumError(f"no edition '{lang}' in {locales}", name, hint="choose from " + ", ".join(known))
    marks = {b for p in pkg.paragraphs("accept") for b in p.bookmarks}
    if not any(b.startswith("p_") for b in marks):
        raise CompendiumError("the DOCX has no paragraph bookmarks (p_…): it was not written by `compendium "
                              "build`, or they were removed", name,
                              hint="absorb aligns paragraphs by those bookmarks; correct the DOCX the build wrote")
    ed = load_edition(book, lang, content, locales, templates)
    _same_edition(pkg, ed, name, load_editions_of(content).names)
    _bookmarked(marks, ed, name)
    reading = read(pkg, ed, view)
    original = read(pkg, ed, "reject") if view != "reject" else reading
    alignment = align(ed.items, reading)
    out = Outcome(plan(ed, Path(docx).name, reading, original, alignment, pkg.comments()), ed)
    _prepare(out)
    return out


def write(out: Outcome) -> list[Path]:
    """Write the prepared files, each atomically (all were checked before the first is written); when
    one cannot be written, the ones already written are put back, so no half of a correction stays."""
    before = {path: path.read_bytes() for path in out.files}
    done: list[Path] = []
    try:
        for path, data in out.files.items():
            atomic.write_bytes(path, data)
            done.append(path)
    except BaseException:
        for path in done:
            atomic.write_bytes(path, before[path])
        raise
    return done


def _language(pkg: Package) -> str | None:
    tag = pkg.core().get("language", "")
    if not tag:
        styles = pkg.related("styles")
        if styles is not None:
            from ..readers.ooxml import w
            lang = pkg.xml(styles).find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('lang')}")
            tag = lang.get(w("val"), "") if lang is not None else ""
    return tag.replace("_", "-").split("-")[0].lower() or None


def _edition_of(pkg: Package, content: Path) -> str | None:
    """The edition whose year the DOCX carries (the writer dates it so), else the newest."""
    year = pkg.core().get("created", "")[:4]
    named = [e.name for e in load_editions_of(content).items if e.year == year]
    return named[-1] if named else None


def _same_edition(pkg: Package, ed: Edition, name: str, editions: list[str]) -> None:
    """The DOCX must come from this book and one of its editions (its title, in the edition's language
    or in English where that message is not translated, and its year, as the writer sets them)."""
    core, meta = pkg.core(), ed.book.meta
    title, created = core.get("title", ""), core.get("created", "")
    if title and title not in (ed.tree.ui["meta.title"], ed.strings["meta.title"]):
        raise CompendiumError(f"this DOCX is another book ('{title[:60]}'), not this corpus", name,
                              hint="give a DOCX built by `compendium build` from this corpus")
    year = meta.get("year", "")
    if created[:4].isdigit() and year and created[:4] != year:
        raise CompendiumError(f"this DOCX is dated {created[:4]}; no edition of this corpus is (its editions: "
                              f"{', '.join(editions)})", name,
                              hint="absorb it into the corpus it was built from, or build this edition's DOCX again")


def _bookmarked(marks: set[str], ed: Edition, name: str) -> None:
    body = [i.key for i in ed.items if i.group == "body"]
    names = {v: k for k, v in ed.bookmarks.items()}
    held = sum(1 for i in body if names.get(i) in marks)
    if held < MIN_MATCH * len(body):
        raise CompendiumError(f"only {held} of the {len(body)} paragraphs of this edition have their bookmark in "
                              "the DOCX: it is not a DOCX of this corpus (another edition?)", name,
                              hint="give the DOCX that `compendium build` wrote for this edition")


def _prepare(out: Outcome) -> None:
    """New contents of every file to change, checked; hunks for the report."""
    ed, p = out.edition, out.plan
    by_file: dict[str, list[tuple[int, Edit]]] = {}
    for n, e in enumerate(p.edits):
        by_file.setdefault(e.file, []).append((n, e))
    for shown, edits in by_file.items():
        is_po = bool(edits[0][1].msgid)
        path = Path(shown) if is_po else ed.file(shown)
        text = path.read_bytes().decode("utf-8")
        if is_po:
            new, hunks = edit_catalog(text, [PoChange(e.msgid, e.new, e.fuzzy, p.docx) for _, e in edits], shown, ed.lang)
            for n, e in edits:
                out.hunks[n] = [hunks[e.msgid]]
                e.line = hunks[e.msgid].line
        else:
            new, hunks = replace_texts(text, [(e.line, e.old, e.new) for _, e in edits], shown)
            for (n, _), h in zip(edits, hunks):
                out.hunks[n] = [h]
        out.files[path] = new.encode("utf-8")
    _loads(out)


def _loads(out: Outcome) -> None:
    """The corpus with the new YAML files must still load, holding the new texts (else nothing is written)."""
    ed = out.edition
    content = ed.content.resolve()
    changed = {p: d for p, d in out.files.items() if p.resolve().is_relative_to(content)}
    if not changed:
        return
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / content.name
        shutil.copytree(content, copy)
        for p, data in changed.items():
            (copy / p.resolve().relative_to(content)).write_bytes(data)
        try:
            book = load_book(copy)
        except CompendiumError as exc:
            raise CompendiumError(f"the corrected corpus would not load ({exc}); nothing was written",
                                  str(ed.content)) from None
    texts = {(t.loc.file, t.loc.line): t.source for t in walk.texts(book)}
    texts.update({(n.text.loc.file, n.text.loc.line): n.text.source for n in book.footnotes.values()})
    for e in out.plan.edits:
        if not e.msgid and texts.get((e.file, e.line)) != e.new:
            raise CompendiumError("a corrected text does not read back from the corpus; nothing was written",
                                  e.file, e.line)

