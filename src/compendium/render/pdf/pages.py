"""What the PDF writer does around WeasyPrint's layout: footnotes kept on the page of their call
(the footnote placement pass), and /PageLabels (WeasyPrint paints folios but writes no page labels).

The placement pass runs inside WeasyPrint's own repagination loop (`notes_kept`): when a layout
ends with a note deferred off its call page, the paragraph that pushed it gets `break-before: page`
and only the pages from the one it started on are laid out again, from WeasyPrint's saved page
states; the earlier pages, the cascade and the box tree are kept. The result is the layout of the
HTML with those paragraphs marked `page-break` (templates/pdf/book.css), page for page.
This leans on WeasyPrint internals (layout.make_all_pages, LayoutContext.page_maker, pinned in
requirements.lock); where they are missing, `notes_kept` says so and the writer lays out again
from the HTML instead (`writer.layout`).
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator

BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6"}
# PDF page label styles of the CSS counter styles that have one (others are labelled in decimal)
LABEL_STYLES = {"decimal": "/D", "lower-roman": "/r", "upper-roman": "/R", "lower-alpha": "/a",
                "lower-latin": "/a", "upper-alpha": "/A", "upper-latin": "/A"}


def note_breaks(document: Any) -> set[str]:
    """Blocks to move to the next page so that every footnote sits on the page of its call.

    WeasyPrint may defer a note to the next page to fit the first line of a later paragraph
    (layout/block.py, "report footnotes"); moving that paragraph to the next page leaves the room
    to the note. Returns the ids of such paragraphs (empty when every note is in place)."""
    try:
        pages = [page._page_box for page in document.pages]
    except AttributeError:  # WeasyPrint internals changed: nothing to correct
        return set()
    return _moves(pages)[0]


def _moves(pages: list[Any], seen: dict[int, tuple] | None = None) -> tuple[set[str], dict[str, int]]:
    """note_breaks over laid-out page boxes, and the page index where each block in flow starts.
    `seen` keeps what was found on each page box, for the passes that reuse most pages."""
    seen = {} if seen is None else seen
    first_page: dict[str, int] = {}
    blocks: list[list[str]] = []      # per page: ids of paragraphs and headings in flow, in order
    calls: dict[str, int] = {}
    notes: dict[str, int] = {}
    for i, page in enumerate(pages):
        known = seen.get(id(page))
        if known is None:
            known = seen[id(page)] = (page, *_page_facts(page))    # the page kept with it: its id is not reused
        _, ids, page_calls, page_notes = known
        for element_id in ids:
            first_page.setdefault(element_id, i)
        for note in page_calls:
            calls.setdefault(note, i)
        for note in page_notes:
            notes.setdefault(note, i)
        blocks.append(ids)
    moves = set()
    for note, call in calls.items():
        if note not in notes or notes[note] == call:
            continue
        starting = [b for b in blocks[call] if first_page.get(b) == call]
        if starting:
            moves.add(starting[-1])
    return moves, first_page


def _page_facts(page: Any) -> tuple[list[str], list[str], list[str]]:
    """Of one page box: the ids of the paragraphs and headings in its flow, in order; the notes
    called on it; the notes in its footnote area."""
    flow, *areas = page.children
    ids: list[str] = []
    calls: list[str] = []
    for box in flow.descendants():
        element = box.element
        if element is None:
            continue
        tag = box.element_tag or ""
        if tag.endswith("::footnote-call"):
            calls.append(element.get("id", ""))
        elif tag == "a" and (element.get("href") or "").startswith("#"):   # a call that links to its note
            calls.append(element.get("href")[1:])
        elif tag in BLOCK_TAGS and element.get("id") and box.style["display"][0] == "block" \
                and (not ids or ids[-1] != element.get("id")):
            ids.append(element.get("id"))
    notes = [box.element.get("id", "") for area in areas if type(area).__name__ == "FootnoteAreaBox"
             for box in area.children if box.element is not None]
    return ids, calls, notes


class Kept:
    """What notes_kept reports: whether it could work inside WeasyPrint (`active`) and the blocks its
    last pass found still to move when it ran out of passes (`pending`)."""

    def __init__(self) -> None:
        self.active = False
        self.pending: set[str] = set()


@contextmanager
def notes_kept(placed: set[str], passes: int) -> Iterator[Kept]:
    """While WeasyPrint lays out inside this block, keep every note on its call page: after each
    pass over the pages, the blocks note_breaks names (at most `passes` - 1 times) are given
    `break-before: page` and the page each starts on is marked for WeasyPrint to make again, which
    makes it and every page whose starting state then differs. `placed` collects the blocks moved.

    Yields a Kept, inactive (and nothing changed) where WeasyPrint's internals are not as expected."""
    kept = Kept()
    try:
        from weasyprint import layout as engine
        inner = engine.make_all_pages
    except (ImportError, AttributeError):
        yield kept
        return
    kept.active = True
    rounds = [0]
    seen: dict[int, tuple] = {}             # what each page box holds, for the passes that reuse it

    def make_all_pages(context: Any, root_box: Any, html: Any, pages: list) -> Iterator[Any]:
        made = []
        for page in inner(context, root_box, html, pages):
            made.append(page)
            yield page
        moves, starts = _moves(made, seen)
        more = moves - placed
        rounds[0] += 1
        if not more or rounds[0] >= passes:
            kept.pending = more
            return
        for box in root_box.descendants():
            element = box.element
            if element is not None and element.get("id") in more and box.element_tag in BLOCK_TAGS:
                box.style["break_before"] = "page"
        for block in more:
            context.page_maker[starts[block]][-1]["content_changed"] = True
        placed.update(more)

    engine.make_all_pages = make_all_pages
    try:
        yield kept
    finally:
        engine.make_all_pages = inner


def label_starts(document: Any, anchors: tuple[str, str, str]) -> dict[str, int]:
    """Page index of each anchor where the numbering changes."""
    starts = {}
    for i, page in enumerate(document.pages):
        for name in anchors:
            if name in page.anchors and name not in starts:
                starts[name] = i
    return starts


def page_labels(title: int, body: int, back: int, pages: int,
                front_style: str = "lower-roman", body_style: str = "decimal"):
    """A WeasyPrint finisher writing /PageLabels as printed: covers C1, C2 …, front matter i, ii …
    from the title page (index `title`), body 1, 2 … from page index `body`, back cover C4 (index
    `back`, past the end if none). The styles are CSS counter styles, as in the style sheets.

    Written into the catalogue while WeasyPrint writes the file: no second pass over the PDF."""
    import pydyf

    def label(style: str, prefix: str = "", start: int = 1) -> pydyf.Dictionary:
        entry = pydyf.Dictionary({"S": style, "St": start})
        if prefix:
            entry["P"] = pydyf.String(prefix)
        return entry

    nums: list = []
    if title > 0:
        nums += [0, label("/D", "C")]
    if body > title:
        nums += [title, label(LABEL_STYLES.get(front_style, "/D"))]
    if back > body:
        nums += [body, label(LABEL_STYLES.get(body_style, "/D"))]
    if back < pages:
        nums += [back, label("/D", "C", 4)]

    def finish(document: Any, pdf: Any) -> None:
        pdf.catalog["PageLabels"] = pydyf.Dictionary({"Nums": pydyf.Array(nums)})
    return finish
