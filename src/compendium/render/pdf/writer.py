"""The PDF writer: the localized tree through Jinja2 templates and CSS (templates/pdf), set by WeasyPrint.

Layout lives in the templates and style sheets; this module only builds the Jinja environment
(autoescaped: catalogue text never acts as HTML), renders, lays out with WeasyPrint until every
footnote sits on its citing page (`pages.note_breaks`), and writes the PDF with its page labels
(`pages.page_labels`, a WeasyPrint finisher).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ...localize import tree as t
from ..edition import Edition
from ...errors import CompendiumError
from .filters import FILTERS, TESTS
from .pages import label_starts, note_breaks, page_labels
from .printfile import cmyk_marks
from .tags import collect, retag

TEMPLATES = "pdf"            # folder under the templates folder
HTML_TEMPLATE = "book.html.j2"
PAGE_TEMPLATE = "page.css.j2"
# anchors (HTML ids) where the page labels change: covers, front matter (roman), body (decimal)
ANCHOR_TITLE, ANCHOR_BODY, ANCHOR_BACK = "title-page", "body", "back-cover"

MAX_PASSES = 4             # layouts at most: the first, then corrections of footnote placement
FONTS = ["Noto Serif"]     # when a language's style.toml has no [fonts] family


class _Notes:
    """Footnote bookkeeping for the template: a note's text is set at its first citation only."""

    def __init__(self, book: t.Book) -> None:
        self.book = book
        self.cited: set[int] = set()

    def first(self, number: int) -> bool:
        if number in self.cited:
            return False
        self.cited.add(number)
        return True

    def __getitem__(self, number: int) -> t.Note:
        return self.book.notes[number]


def environment(folder: Path) -> Environment:
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
        "pdf": pdf,
        "print": edition.settings.get("print", {}),
        "rtl": book.direction == "rtl",
        "fonts": list(style.fonts.get("family") or FONTS),
        "emphasis": style.typography.get("emphasis", "italic"),
        "digits": style.localize_digits,
        "numbering": "arabic-indic" if style.digits == "eastern" else pdf.get("body_numbering", "decimal"),
        "notes": _Notes(book),
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
    sheets = [env.get_template(name).render(ctx) for name in _sheets(folder, book)]
    return html, sheets


def _sheets(folder: Path, book: t.Book) -> list[str]:
    """book.css, the page geometry and type, then the direction's and the language's sheets if any."""
    names = ["book.css", PAGE_TEMPLATE, f"{book.direction}.css", f"lang-{book.lang}.css"]
    return [n for n in names if (folder / n).is_file()]


def layout(book: t.Book, edition: Edition) -> tuple[Any, str, list[str], str]:
    """Lay the book out with WeasyPrint, moving a paragraph to the next page wherever WeasyPrint
    would push a footnote off its citing page (see note_breaks); at most MAX_PASSES layouts.

    Returns the laid-out document and the final HTML, style sheets and base URL."""
    from weasyprint import CSS, HTML

    folder = Path(edition.templates) / TEMPLATES
    base = str(folder.resolve()) + "/"
    breaks: frozenset[str] = frozenset()
    for _ in range(MAX_PASSES):
        html, sheets = render_html(book, edition, breaks)
        profiles: dict = {}           # @color-profile rules of the sheets (the printer's CMYK profile)
        document = HTML(string=html, base_url=base).render(
            stylesheets=[CSS(string=s, base_url=base, color_profiles=profiles) for s in sheets],
            color_profiles=profiles)
        more = note_breaks(document) - breaks
        if not more:
            break
        breaks |= more
    return document, html, sheets, base


def render(book: t.Book, edition: Edition) -> bytes:
    """Writer entry point: the edition as a PDF."""
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
        return cmyk_marks(document.write_pdf(pdf_variant=variant, finisher=labels))
    if not variant:
        return document.write_pdf(finisher=labels)
    tagger, found = collect(book.lang)

    def finish(doc: Any, pdf: Any) -> None:
        labels(doc, pdf)
        tagger(doc, pdf)
    return retag(document.write_pdf(pdf_variant=variant, finisher=finish), found[0])


