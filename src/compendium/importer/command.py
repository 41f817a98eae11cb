"""`compendium import FILE -o OUT.yaml`: a UN document (text or DOCX) as a corpus chapter, with the
review report of every place to check; `--compare CHAPTER.yaml` reports how the document and the corpus
differ, paragraph by paragraph, instead of writing."""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

from .. import atomic
from ..corpus import ids
from ..corpus.loader import load_book, load_editions_of
from ..corpus.symbols import SYMBOL_FIELD
from ..corpus.yamlio import Map, load
from ..errors import CompendiumError
from ..readers import read_document
from .chapter import Imported, Options, build, chapter_id
from .corpusfile import Overlay, chapter_text, with_footnotes
from .outline import outline, select



def run(args: argparse.Namespace) -> int:
    if not args.output and not args.compare:
        raise CompendiumError("say where the chapter goes: -o content/A/12.yaml (or --compare CHAPTER.yaml)")
    target = args.target or _target_of(args.compare or args.output)
    opts = Options(target, args.annex, args.section, _span(args.paragraphs), _symbol(args.symbol, "--symbol"),
                   _report(args.report), _dates(args.dates), args.headings == "keep")
    doc = read_document(args.file)
    o = outline(doc)
    if args.compare:
        _defaults_from(args.compare, opts, o.kind)
    sel = select(o, opts.annex, opts.section, opts.paragraphs)
    book = load_book(args.content)
    opts.since = _since(args.content, chapter_id(opts.target))
    notes_file = args.footnotes or (_footnotes_file(args.output, args.content) if args.output else None)
    beside = {k: v for k, v in _notes_in(notes_file).items() if k not in book.footnotes}
    imp = build(o, sel, opts, book, beside)
    text = chapter_text(imp)
    if args.compare:
        from .compare import compare
        return compare(doc, imp, text, args.compare, args.content, book, args.variants)
    out: Path = args.output
    if out.exists() and not args.force:
        raise CompendiumError("already exists; nothing written", str(out), hint="pass --force to replace it")
    if out.is_dir():
        raise CompendiumError("is a folder", str(out), hint="name the chapter file, e.g. content/A/12.yaml")
    _, problems = Overlay(args.content, imp.cid, text, beside | imp.footnotes).load()
    atomic.write_text(out, text)
    if imp.footnotes:
        existing = notes_file.read_text(encoding="utf-8") if notes_file.exists() else ""
        atomic.write_text(notes_file, with_footnotes(existing, imp.footnotes))
    _report_review(doc.path, imp, problems)
    notes = f"; {len(imp.footnotes)} footnote(s) added to {notes_file}" if imp.footnotes else ""
    places = len(imp.findings) + len(problems)
    print(f"{out}: {imp.cid}, {len(imp.lines)} blocks{notes}; {places} place(s) to review"
          + (" (listed above)" if places else ""), file=sys.stderr)
    return 0


def _since(content: Path, target: tuple[str, int]) -> str | None:
    """The newest edition, for a chapter that the edition before it does not have (None otherwise)."""
    editions = load_editions_of(content)
    if len(editions.items) < 2:
        return None
    previous = load_book(content, editions.items[-2].name)
    cid = f"{target[0]}.{ids.roman(target[1])}"
    return None if cid in previous.chapters else editions.newest.name


def _defaults_from(chapter: Path, opts: Options, kind: str) -> None:
    """What a document cannot say about itself (its symbol, the meeting's report), taken
    from the chapter it is compared with, so that the comparison is about what the document says."""
    data = load(chapter) if chapter.is_file() else None
    if not isinstance(data, Map):
        return
    report = data.get("report") if isinstance(data.get("report"), str) else ""
    rule = next((r for r in data.get("sources") or [] if isinstance(r, Map) and r.get("symbol") == report), None)
    if kind == "report" and not opts.symbol and report:
        opts.symbol = report
    elif kind != "report" and opts.report is None and rule is not None:
        first = rule.get("paragraph") if "paragraph" in rule else (rule.get("offset") or 0) + 1
        opts.report = (report, first if isinstance(first, int) else None)


def _report_review(path: str, imp: Imported, problems) -> None:
    for f in imp.findings:
        print(f"{path}:{f.line}: {f.what}" if f.line else f"{path}: {f.what}")
    for p in problems:
        print(f"{p.file}:{p.line}: validate: {p.message}" if p.line else f"{p.file}: validate: {p.message}")


def _notes_in(path: Path | None) -> dict[str, str]:
    """The footnotes a file already holds (id -> text)."""
    if path is None or not path.is_file():
        return {}
    data = load(path)
    if not isinstance(data, Map):
        raise CompendiumError("a footnotes file maps each note id to its text", str(path), data.line
                              if hasattr(data, "line") else None)
    return {k: dict(v) if isinstance(v, Map) else " ".join(str(v).split()) for k, v in data.items()}


def _footnotes_file(out: Path, content: Path) -> Path:
    """footnotes.yaml of the corpus the chapter is written into; beside the chapter otherwise."""
    if out.parent.name in ("A", "B") and (out.parent.parent / "footnotes.yaml").exists():
        return out.parent.parent / "footnotes.yaml"
    return out.with_name(out.stem + ".footnotes.yaml")


def _target_of(path: Path) -> str:
    """A.XII for content/A/12.yaml; for a chapter file elsewhere, its 'meeting:' or 'session:'."""
    m = re.fullmatch(r"(\d{1,3})", path.stem)
    if path.parent.name in ("A", "B") and m and int(m.group(1)) > 0:
        return f"{path.parent.name}.{ids.roman(int(m.group(1)))}"
    if path.exists() and path.is_file():
        data = load(path)
        if isinstance(data, Map):
            for key, part in (("meeting", "A"), ("session", "B")):
                if isinstance(data.get(key), int) and data[key] > 0:
                    return f"{part}.{ids.roman(data[key])}"
    raise CompendiumError("cannot tell which chapter this is", str(path),
                          hint="pass --as A.XII (or write to content/A/12.yaml)")


def _span(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    m = re.fullmatch(r"\s*(\d{1,4})\s*(?:[-–]\s*(\d{1,4})\s*)?", value)
    if not m or (m.group(2) and int(m.group(2)) < int(m.group(1))):
        raise CompendiumError(f"--paragraphs {value!r} is not N or N-M with N <= M", hint="e.g. --paragraphs 2-20")
    lo = int(m.group(1))
    return lo, int(m.group(2) or lo)


def _symbol(value: str | None, option: str) -> str:
    if value is None:
        return ""
    value = value.strip()
    if not SYMBOL_FIELD.match(value):
        raise CompendiumError(f"{option} {value!r} is not a document symbol", hint="e.g. CTOC/COP/WG.2/2010/1")
    return value


def _report(value: str | None) -> tuple[str, int | None] | None:
    if value is None:
        return None
    symbol, _, para = value.partition(":")
    if para and not para.isdigit():
        raise CompendiumError(f"--report {value!r}: after ':' comes the paragraph number",
                              hint="e.g. --report CTOC/COP/WG.2/2016/5:5")
    return _symbol(symbol, "--report"), int(para) if para else None


def _dates(value: str | None) -> tuple[dt.date, dt.date] | None:
    if value is None:
        return None
    try:
        days = [dt.date.fromisoformat(v.strip()) for v in value.split(",")]
    except ValueError:
        days = []
    if len(days) not in (1, 2) or days[-1] < days[0]:
        raise CompendiumError(f"--dates {value!r} is not FIRST[,LAST] as YYYY-MM-DD",
                              hint="e.g. --dates 2020-07-09,2020-07-10")
    return days[0], days[-1]

