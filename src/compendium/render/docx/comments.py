"""Word comments on English shown for a missing translation: the comment around such content,
generated text commented when it is English, and the draft note with one comment for each template
string shown in English."""
from __future__ import annotations

from ...localize.strings import place
from .oxml import el
from .runs import Runs

COMMENT_AUTHOR = "compendium"


class Comments(Runs):
    """Content marked as English shown for a missing translation."""

    def commented(self, content: list, text: str | None = None) -> list:
        """`content` inside a Word comment saying the text is English shown for a missing translation.

        A fallback footnote is marked on its reference in the text: LibreOffice (7.4) cannot load a
        document with comment ranges inside footnotes."""
        if not content:
            return content
        text = text or self.book.ui["docx.fallback_comment"]
        c = self.doc.comments.add_comment(text=text, author=COMMENT_AUTHOR, initials="C")
        c._comment_elm.date = self.comment_date
        cid = str(c.comment_id)
        return [el("w:commentRangeStart", {"w:id": cid}), *content, el("w:commentRangeEnd", {"w:id": cid}),
                el("w:r", None, self.rpr(rstyle="annotation reference"), el("w:commentReference", {"w:id": cid}))]

    def english_text(self, text: str, english: bool, rstyle: str | None = None) -> list:
        """Runs of a generated text; commented (and left to right) when it is English shown in a
        translated edition."""
        runs = self.text_runs(text, rstyle=rstyle, english=english)
        return self.commented(self.ltr(runs)) if english else runs

    def draft_note_runs(self) -> list:
        """The draft note; when template strings are shown in English (page furniture too: a running
        head cannot carry a comment), a comment on it names each of them."""
        b = self.book
        english = "draft_note" in b.english
        runs = self.text_runs(b.draft_note, english=english)
        content = self.commented(self.ltr(runs)) if english else runs
        for key in b.ui_english:                 # one comment each, as the text proof lists them
            content = self.commented(content, f"{b.ui['docx.fallback_comment']} {place(key)}: {b.ui[key]}")
        return content
