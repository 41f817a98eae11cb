"""The fuzzy step of `update`: a translation for each new message, only from a genuinely similar one.

After the exact merge (Babel's `Catalog.update` without its fuzzy matching), each message of the
template that the catalogue did not have is compared with the old catalogue's messages of the
same msgctxt (as msgmerge does), case-sensitively (see similarity.py):

- **changed**: the closest is a message whose English has just left the template (an edited
  paragraph): its translation comes over, fuzzy, with the previous English as `#| msgid`, and the
  old entry is not kept obsolete;
- **suggested**: the closest is a reviewed message still in the template (a similar text
  elsewhere in the book): its translation is offered, fuzzy, with that English as `#| msgid`;
- **new**: nothing similar enough; the entry stays untranslated.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from babel.messages.catalog import Catalog, Message

from .pofile import babel_key
from .similarity import closest


@dataclass
class Merged:
    changed: int = 0
    suggested: int = 0
    previous_context: dict = field(default_factory=dict)     # key -> msgctxt of the source ('#| msgctxt')


def fill_new(catalog: Catalog, new: list[Message], old: list[Message], removed: set) -> Merged:
    """Give each of `new` (untranslated, just added) the translation of its closest `old` message.

    `removed` holds the keys of old messages that left the template (they are in catalog.obsolete);
    one that is taken over by a changed message leaves the obsolete entries.
    """
    result = Merged()
    taken = set()
    for message in new:
        if not isinstance(message.id, str):
            continue
        candidates = [(m.id, m) for m in old if isinstance(m.id, str) and isinstance(m.string, str) and m.string
                      and m.context == message.context and (babel_key(m) in removed or not m.fuzzy)]
        found = closest(message.id, candidates)
        if found is None:
            continue
        source = found[1]
        message.string = source.string
        message.flags |= {"fuzzy"} | {f for f in source.flags if f != "fuzzy"}
        message.previous_id = [source.id]
        if source.context is not None:
            result.previous_context[babel_key(message)] = source.context
        if babel_key(source) in removed:
            result.changed += 1
            taken.add(babel_key(source))
            if source.user_comments:
                message.user_comments = list(dict.fromkeys(source.user_comments))
        else:
            result.suggested += 1
    for key in taken:
        catalog.obsolete.pop(key, None)
    return result
