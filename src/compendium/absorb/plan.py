"""From aligned paragraphs to changes: what to write where, what is generated, what needs a human.

English editions write into the corpus text (`content/…yaml`); translated editions into the
language's catalogue. The policy for a translation (README, "The editors' round trip"):

- the DOCX showed the translation, and the translation is what the catalogue holds today: the new
  msgstr **stays translated**, with the translator comment "from editor's DOCX <file>";
- the DOCX showed a translation that is fuzzy today (the English changed since the DOCX was built,
  `compendium update` marked it): the corrected translation is written and **stays fuzzy**, for a
  translator to check against the new English;
- the DOCX showed the English (the translation was missing): the editor's text becomes the msgstr,
  **fuzzy**, for a translator to review.

A paragraph whose tracked changes start from a text other than today's (the corpus or catalogue
changed since the build) is a conflict, left for a human, as are changes that add or remove a
footnote reference or cannot keep markup the edition does not show.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from babel.messages.catalog import Catalog

from ..corpus.markup import MarkupError, NoteRef, parse
from ..messages.pofile import read_catalog
from ..readers.ooxml import Comment
from ..render.docx.comments import COMMENT_AUTHOR
from .align import Alignment, Leftover, Pair
from .expect import Edition, Item
from .read import Found, Reading
from .shown import carry, from_source, normalize


@dataclass
class Edit:
    """A text to write: a corpus scalar (English) or a catalogue msgstr (translations)."""
    item: Item
    file: str                  # as shown to the user ("content/A/07.yaml", "locales/ar/…/compendium.po")
    line: int                  # the YAML key's line, or the entry's msgid line
    old: str                   # the source text now (English, or msgstr)
    new: str
    msgid: str = ""            # catalogue edits: the entry's English
    fuzzy: bool = False
    why: str = ""              # for a catalogue edit: why it stays translated or becomes fuzzy
    how: str = ""              # how the paragraph was aligned, when not by its bookmark
    also: list[str] = field(default_factory=list)   # other places showing the same catalogue entry


@dataclass
class Generated:
    where: str
    old: str
    new: str
    decides: list[str]


@dataclass
class Plan:
    docx: str
    lang: str
    view: str
    edits: list[Edit] = field(default_factory=list)
    generated: list[Generated] = field(default_factory=list)
    human: list[Leftover] = field(default_factory=list)
    comments: list[tuple[str, Comment, str]] = field(default_factory=list)   # (where, comment, quoted text)


def plan(ed: Edition, docx_name: str, reading: Reading, original: Reading, alignment: Alignment,
         comments: dict[str, Comment]) -> Plan:
    out = Plan(docx_name, ed.lang, reading.view, human=list(alignment.leftovers))
    catalog = read_catalog(ed.po, ed.lang) if ed.po is not None and ed.po.exists() else None
    before = _originals(original)
    sharing: dict[str, list[str]] = {}
    for it in ed.items:
        if it.text is not None:
            sharing.setdefault(it.text.source, []).append(it.where)
    for pair in alignment.pairs:
        _compare(ed, pair, before.get(_key(pair.found)), catalog, sharing, out)
    _merge(out)
    _comments(ed, reading, alignment, comments, out)
    return out


def _key(f: Found) -> tuple:
    if f.group == "note":
        return ("note", f.note)
    if f.cell is not None:
        return ("cell", f.cell)
    if f.ids:
        return ("id", f.ids[0])
    return (f.group, f.order)


def _originals(reading: Reading) -> dict[tuple, Found]:
    """The paragraphs before the editor's tracked changes, by the same keys as the edited ones."""
    out = {}
    for f in reading.body + reading.notes:
        if f.group == "note" or f.cell is not None or f.ids:
            out[_key(f)] = f
    return out


def _compare(ed: Edition, pair: Pair, before: Found | None, catalog: Catalog | None,
             sharing: dict[str, list[str]], out: Plan) -> None:
    item, found = pair.item, pair.found
    if found.text == item.full:
        return
    edited = found.text
    if item.label:
        if edited.startswith(item.label):
            edited = edited[len(item.label):]
        else:
            cut = edited.split("\t", 1) if item.label.endswith("\t") else [edited[:len(item.label)], edited[len(item.label):]]
            new_label = cut[0] if len(cut) == 2 else ""
            out.generated.append(Generated(f"{item.where} (label)", item.label.rstrip("\t"), new_label,
                                           item.label_decides or ["the structure of the corpus"]))
            edited = cut[1] if len(cut) == 2 else edited
    if item.pattern is not None:
        prefix, suffix = item.pattern
        if edited.startswith(prefix) and edited.endswith(suffix) and len(edited) >= len(prefix) + len(suffix):
            edited = edited[len(prefix):len(edited) - len(suffix)]
        else:
            out.generated.append(Generated(item.where, prefix + item.shown + suffix, edited, item.decides))
            return
    if edited == item.shown:
        return
    if item.text is None:
        out.generated.append(Generated(item.where, item.shown, edited, item.decides))
        return
    if found.new_notes or _notes(edited) != _notes(item.shown):
        out.human.append(Leftover("footnote", item.where, edited,
                                  "the editor added or removed a footnote reference: notes live in "
                                  "content/footnotes.yaml and are cited as [^id]; change the corpus by hand"))
        return
    stale = before is not None and before.para.tracked and before is not found and \
        _strip_label(before.text, item) not in (item.shown,)
    display = ed.display_of(item)
    if ed.lang == "en":
        if stale:
            out.human.append(_conflict(item, edited))
            return
        new = carry(item.text.source, item.shown, edited, display)
        if new is None:
            out.human.append(_unplaceable(item, edited))
            return
        new = normalize(new)                       # as the loader will read it
        if new != item.text.source:
            out.edits.append(Edit(item, item.text.loc.file, item.text.loc.line, item.text.source, new, how=pair.how))
        return
    _translation(ed, pair, edited, before, stale, catalog, sharing, out)


def _strip_label(text: str, item: Item) -> str:
    text = text[len(item.label):] if item.label and text.startswith(item.label) else text
    if item.pattern and text.startswith(item.pattern[0]) and text.endswith(item.pattern[1]):
        text = text[len(item.pattern[0]):len(text) - len(item.pattern[1]) or None]
    return text


def _translation(ed: Edition, pair: Pair, edited: str, before: Found | None, stale: bool, catalog: Catalog | None,
                 sharing: dict[str, list[str]], out: Plan) -> None:
    item = pair.item
    msgid = item.text.source
    message = catalog.get(msgid) if catalog is not None else None
    display = ed.display_of(item)
    if message is None:
        if _shown_before(catalog, item, edited, display):
            return                         # the catalogue's older entry for this place: not edited
        out.human.append(Leftover("catalogue", item.where, edited,
                                  f"{ed.po} has no entry for the English of this text (it changed since the last "
                                  "`compendium extract` and `compendium update`): run them, then absorb again"))
        return
    current = message.string if isinstance(message.string, str) else ""
    base, shown, fuzzy, why = None, "", False, ""
    if not item.fallback:
        if stale:
            out.human.append(_conflict(item, edited))
            return
        base, shown, why = current, item.shown, "stays translated"
    else:
        try:
            shown_current = from_source(current, display) if current else ""
        except MarkupError:
            shown_current = ""
        original = _strip_label(before.text, item) if before is not None else edited
        if current and message.fuzzy and shown_current and (
                original == shown_current or
                (not (before and before.para.tracked) and _closer(edited, shown_current, item.shown))):
            base, shown = current, shown_current
            why = "fuzzy: the English changed since the DOCX was built; check the correction against it"
        elif stale:
            out.human.append(_conflict(item, edited))
            return
        else:
            base, shown = msgid, item.shown
            why = "fuzzy: the DOCX showed the English (no usable translation); a translator should review it"
        fuzzy = True
    new = carry(base, shown, edited, display)
    if new is None:
        out.human.append(_unplaceable(item, edited))
        return
    if new == current and fuzzy == bool(message.fuzzy):
        return
    also = [w for w in sharing.get(msgid, []) if w != item.where]
    out.edits.append(Edit(item, str(ed.po), 0, current, new, msgid=msgid, fuzzy=fuzzy, why=why, how=pair.how,
                          also=also))


def _shown_before(catalog: Catalog | None, item: Item, edited: str, display) -> bool:
    """Whether `edited` is what the catalogue's entry for this place shows (an entry whose English has
    changed in the corpus since: the editor did not touch the paragraph)."""
    if catalog is None:
        return False
    place = item.where.split(" (")[0] + " (" if item.group == "note" else item.where
    for m in catalog:
        if m.id and isinstance(m.string, str) and m.string and any(
                c == place or (place.endswith("(") and c.startswith(place)) for c in m.auto_comments):
            try:
                if from_source(m.string, display) == edited:
                    return True
            except MarkupError:
                continue
    return False


def _closer(text: str, a: str, b: str) -> bool:
    from .align import similarity
    return similarity(text, a) > similarity(text, b)


def _notes(shown: str) -> list[str]:
    try:
        return sorted(n.id for n in parse(shown) if isinstance(n, NoteRef))
    except MarkupError:
        return ["(unreadable)"]


def _conflict(item: Item, edited: str) -> Leftover:
    return Leftover("conflict", item.where, edited,
                    "the tracked changes start from another text than today's (the corpus or the catalogue "
                    "changed since this DOCX was built): apply the correction by hand")


def _unplaceable(item: Item, edited: str) -> Leftover:
    return Leftover("markup", item.where, edited,
                    "the change cuts through markup the edition does not show (emphasis, an escaped character): "
                    f"write it by hand into the source, which is now: {item.source}")


def _merge(out: Plan) -> None:
    """One edit per target; two different corrections of one catalogue entry are a conflict."""
    seen: dict[tuple, Edit] = {}
    kept = []
    for e in out.edits:
        key = (e.file, e.msgid) if e.msgid else (e.file, e.line)
        if key not in seen:
            seen[key] = e
            kept.append(e)
        elif seen[key].new != e.new:
            out.human.append(Leftover("conflict", f"{seen[key].item.where} and {e.item.where}", e.new,
                                      "two places that share one catalogue entry were corrected differently"))
            if seen[key] in kept:
                kept.remove(seen[key])
    out.edits = kept


def _comments(ed: Edition, reading: Reading, alignment: Alignment, comments: dict[str, Comment], out: Plan) -> None:
    ours = ed.tree.ui.get("docx.fallback_comment", "")
    place = {id(p.found): p.item.where for p in alignment.pairs}
    for f in reading.body + reading.notes:
        for cid in f.comments:
            c = comments.get(cid)
            if c is None or (c.author == COMMENT_AUTHOR and (c.text == ours or c.text.startswith(ours + " "))):
                continue
            where = place.get(id(f)) or (f.ids[0] if f.ids else f.group.replace("_", " "))
            out.comments.append((where, c, f.para.quoted(cid)))
