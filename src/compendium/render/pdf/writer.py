"""The PDF writer: the localized tree through Jinja2 templates and CSS (templates/pdf), set by WeasyPrint.

Layout lives in the templates and style sheets; this module only builds the Jinja environment
(autoescaped: catalogue text never acts as HTML), renders, lays out with WeasyPrint until every
footnote sits on its citing page (`pages.note_breaks`), and writes the PDF with its page labels
(`pages.page_labels`, a WeasyPrint finisher), its structure tree written with it (`tags`: Note,
Lbl, one index Table, artifacts), its streams compressed once (`streams`) and, for `--print`, its
marks in CMYK (`printfile`).
"""
from __future__ import annotations

import re
from functools import cache
from html import unescape
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import escape

from ...localize import tree as t
from ...localize.breaks import with_breaks
from ..edition import Edition
from ...errors import CompendiumError
from .filters import FILTERS, TESTS
from .pages import label_starts, note_breaks, notes_kept, page_labels
from .fonts import check_glyphs, families
from .strict import check_css_source, counter_styles, warnings_as_errors
from .printfile import cmyk_marks
from .streams import line_ends_fixed, pack
from .tags import collect, engine_tree_skipped

TEMPLATES = "pdf"            # folder under the templates folder
HTML_TEMPLATE = "book.html.j2"
PAGE_TEMPLATE = "page.css.j2"
# anchors (HTML ids) where the page labels change: covers, front matter (roman), body (decimal)
ANCHOR_TITLE, ANCHOR_BODY, ANCHOR_BACK = "title-page", "body", "back-cover"

MAX_PASSES = 4             # passes at most: the first layout, then corrections of footnote placement


def environment(folder: Path) -> Environment:
    """The Jinja2 environment of a templates folder, one per process: a build worker that makes
    several languages compiles each template once (Jinja2 reloads a template whose file changed)."""
    return _environment(str(Path(folder).resolve()))


@cache
def _environment(folder: str) -> Environment:
    env = Environment(loader=FileSystemLoader(str(folder)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(FILTERS)
    env.tests.update(TESTS)
    return env


def context(book: t.Book, edition: Edition) -> dict[str, Any]:
    style = edition.style
    pdf = edition.settings.get("pdf", {})
    return {
        "book": book,
        "edition": edition,
        "page": edition.settings.get("page", {}),
        "type": edition.settings.get("type", {}),
        "index": edition.settings.get("index", {}),
        "pdf": pdf,
        "print": edition.settings.get("print", {}),
        "rtl": book.direction == "rtl",
        "fonts": families(style),
        "emphasis": style.typography.get("emphasis", "italic"),
        "digits": style.localize_digits,
        "numbering": "arabic-indic" if style.digits == "eastern" else pdf.get("body_numbering", "decimal"),
        "print_marks": edition.print_marks,
        "plain": t.plain,
        "label_gap": float(pdf.get("label_gap_pt", 3)),
    }


def render_html(book: t.Book, edition: Edition, breaks: frozenset[str] = frozenset()) -> tuple[str, list[str]]:
    """The book as one HTML document and its style sheets (CSS texts, in cascade order).

    breaks: ids of blocks that must start a new page (see pages.note_breaks)."""
    folder = Path(edition.templates) / TEMPLATES
    env = environment(folder)
    ctx = context(book, edition)
    ctx["breaks"] = breaks
    html = env.get_template(HTML_TEMPLATE).render(ctx)
    html = _bounded(html, edition.settings["pdf"]["max_unbreakable"], edition.style.babel_locale)
    sheets = [env.get_template(name).render(ctx) for name in _sheets(folder, book)]
    return html, sheets


_TEXT_NODE = re.compile(r">([^<]+)<")


def _bounded(html: str, limit: int, locale: str) -> str:
    """Every text of the document with a line-break opportunity at least every `limit` characters
    (localize.breaks): a run without one would hold WeasyPrint's line breaking for minutes."""
    def fix(m: re.Match) -> str:
        text = m.group(1)
        if len(text) <= limit:
            return m.group()
        plain = unescape(text)
        bounded = with_breaks(plain, limit, locale)
        return m.group() if bounded == plain else f">{escape(bounded)}<"
    return _TEXT_NODE.sub(fix, html)


def _sheets(folder: Path, book: t.Book) -> list[str]:
    """book.css, the page geometry and type, then the direction's and the language's sheets if any."""
    names = ["book.css", PAGE_TEMPLATE, f"{book.direction}.css", f"lang-{book.lang}.css"]
    return [n for n in names if (folder / n).is_file()]


def layout(book: t.Book, edition: Edition) -> tuple[Any, frozenset[str], str]:
    """Lay the book out with WeasyPrint, moving a paragraph to the next page wherever WeasyPrint
    would push a footnote off its citing page (pages.notes_kept: only the pages from there are laid
    out again); at most MAX_PASSES passes.

    Returns the laid-out document, the blocks moved (render_html(book, edition, moved) is the HTML
    it is the layout of) and the base URL."""
    from weasyprint import CSS, HTML

    folder = Path(edition.templates) / TEMPLATES
    base = str(folder.resolve()) + "/"
    names = _sheets(folder, book)
    sources = {name: (folder / name).read_text(encoding="utf-8") for name in [*names, HTML_TEMPLATE]}
    for name in names:
        check_css_source(sources[name], str(folder / name))
    known = counter_styles(list(sources.values()))
    for key in ("front_numbering", "body_numbering"):
        value = edition.settings["pdf"].get(key, "decimal")
        if value not in known:
            raise edition.error(("pdf", key), f"= {value!r} is not a counter style WeasyPrint knows",
                                hint="e.g. lower-roman, upper-roman, decimal, arabic-indic")
    from weasyprint.pdf import VARIANTS
    variant = edition.settings["pdf"].get("pdf_variant", "")
    if variant and variant not in VARIANTS:
        raise edition.error(("pdf", "pdf_variant"), f"= {variant!r} is not a PDF variant WeasyPrint writes",
                            hint="one of " + ", ".join(sorted(v for v in VARIANTS if v != "debug")) + ', or ""')
    breaks: frozenset[str] = frozenset()
    for _ in range(MAX_PASSES):
        html, sheets = render_html(book, edition, breaks)
        profiles: dict = {}           # @color-profile rules of the sheets (the printer's CMYK profile)
        stylesheets = []
        for name, sheet in zip(names, sheets):
            with warnings_as_errors(str(folder / name), sources[name], sheet):
                stylesheets.append(CSS(string=sheet, base_url=base, color_profiles=profiles))
        placed = set(breaks)
        with warnings_as_errors(str(folder / HTML_TEMPLATE), sources[HTML_TEMPLATE], html), \
                notes_kept(placed, MAX_PASSES) as kept:
            document = HTML(string=html, base_url=base).render(stylesheets=stylesheets, color_profiles=profiles)
        more = kept.pending if kept.active else note_breaks(document) - placed
        if not more:
            break
        breaks = frozenset(placed | more)       # laid out again from the HTML (notes_kept could not)
    return document, frozenset(placed), base


def render(book: t.Book, edition: Edition) -> bytes:
    """Writer entry point: the edition as a PDF."""
    return render_counted(book, edition)[0]


def render_counted(book: t.Book, edition: Edition) -> tuple[bytes, int]:
    """The edition as a PDF, and its page count from the laid-out document (the file is not read back)."""
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError
    try:
        document = layout(book, edition)[0]
    except TemplateSyntaxError as exc:
        raise CompendiumError(f"template error: {exc.message}", str(Path(edition.templates) / TEMPLATES / (exc.name or "")),
                              exc.lineno, hint="fix the template or restore it from git") from None
    except TemplateNotFound as exc:
        raise CompendiumError(f"template not found: {exc.name}", str(Path(edition.templates) / TEMPLATES),
                              hint="restore templates/pdf from git") from None
    except TemplateError as exc:
        raise CompendiumError(f"template error: {exc}", str(Path(edition.templates) / TEMPLATES),
                              hint="fix the template or restore it from git") from None
    ctx = context(book, edition)
    starts = label_starts(document, (ANCHOR_TITLE, ANCHOR_BODY, ANCHOR_BACK))
    title = starts.get(ANCHOR_TITLE, 0)
    pages = len(document.pages)
    labels = page_labels(title, starts.get(ANCHOR_BODY, title), starts.get(ANCHOR_BACK, pages), pages,
                         ctx["pdf"].get("front_numbering", "lower-roman"), ctx["numbering"])
    variant = (ctx["print"] if edition.print_marks else ctx["pdf"]).get("pdf_variant") or None
    if edition.print_marks:                      # the printer's file (PDF/X-4): not tagged, all CMYK
        # dated as the edition (dcterms.created), not by the clock (WeasyPrint's PDF/X default): two
        # builds of the same input give the same file
        document.metadata.modified = document.metadata.created
        data = cmyk_marks(document.write_pdf(pdf_variant=variant, finisher=labels))
    elif not variant:
        data = document.write_pdf(finisher=labels)
    else:
        tagger = collect(book.lang)

        def finish(doc: Any, pdf: Any) -> None:
            labels(doc, pdf)
            tagger(doc, pdf)
            pack(pdf)
        with engine_tree_skipped():
            data = document.write_pdf(pdf_variant=variant, finisher=finish)
        data = line_ends_fixed(data)
    check_glyphs(document, edition.style)       # after the write, which records the faces it embedded
    return data, pages


