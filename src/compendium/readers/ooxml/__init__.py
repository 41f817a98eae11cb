"""A small, self-contained reader of WordprocessingML (DOCX) packages as Word and LibreOffice save them.

It knows OOXML, not the compendium: paragraphs with their style names, outline levels, Word numbering
labels ("1.", "(a)", as the list's level prints them), bookmarks, comment anchors and table cells; runs
as spans of text with italic, character style, hyperlink, footnote reference (and custom mark) and
field; footnotes; comments; the text of page headers and footers; core properties. Tracked changes are resolved into one of two views:
"accept" (the text as if every change were accepted: w:ins and w:moveTo kept, w:del and w:moveFrom
dropped, a deleted paragraph mark joins two paragraphs) or "reject" (the text before the changes:
w:delText read back, insertions dropped, formatting from w:rPrChange/w:pPrChange).

Untrusted input: no entity expansion, no network, parts larger than MAX_PART are refused.

The modules: package (the ZIP package, its parts and relationships, styles, core properties),
model (what the reader gives: Paragraph, Span, Comment, Style), walker (block and inline content
of one part in one view of its tracked changes), numbering (Word list labels), xml (names, helpers).
"""
from .model import Comment, Paragraph, Span
from .package import Package
from .xml import w

__all__ = ["Comment", "Package", "Paragraph", "Span", "w"]
