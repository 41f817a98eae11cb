"""`compendium update`: merge the POT into a language's catalogue, as `pybabel update --previous` /
msgmerge do (the fuzzy step is merge.py; what Babel drops is kept.py)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message

from ..errors import CompendiumError
from .files import DOMAIN, po_path
from .kept import Kept, kept_from
from .merge import fill_new
from .pofile import babel_key, po_bytes, read, read_catalog, write_if_changed


@dataclass
class UpdateResult:
    lang: str
    path: Path
    created: bool
    new: int            # messages the catalogue did not have (untranslated or with a suggestion)
    suggested: int      # of those, pre-filled (fuzzy) with the translation of a similar message
    changed: int        # messages whose English changed: old translation kept, fuzzy, previous English
    removed: int        # entries made obsolete because their English left the template
    revived: int        # obsolete entries brought back because their English returned


def update(pot: Path, locales: Path, lang: str) -> UpdateResult:
    """Merge the POT into the language's catalogue, as `pybabel update --previous` / msgmerge.

    A changed English text keeps its translation as fuzzy with `#| msgid` (the previous English),
    a removed one becomes obsolete (`#~`), an obsolete one whose English returns is restored; a new
    one is pre-filled only from a genuinely similar message (merge.py, similarity.py).
    No translation is ever dropped, nor what Babel does not model (see Kept).
    """
    template = read_catalog(pot)
    path = po_path(locales, lang)
    created = not path.exists()
    if created:
        try:
            Locale.parse(lang)
        except (ValueError, UnknownLocaleError):
            raise CompendiumError(f"'{lang}' is not a language code that Babel/CLDR knows", str(path.parents[1]),
                                  hint="name the folder with an ISO 639 code such as de or pt_BR") from None
        catalog = Catalog(locale=lang, domain=DOMAIN, project=template.project, version=template.version,
                          copyright_holder="United Nations", charset="utf-8", fuzzy=False,
                          language_team=f"{Locale.parse(lang).english_name} <>",
                          last_translator="Working translation, to be replaced by UN translators <>",
                          revision_date=datetime.now(timezone.utc), header_comment=_header_comment(lang))
        kept = Kept()
    else:
        catalog, entries = read(path, lang)
        kept = kept_from(entries)
    previous = {_key(m): m.previous_id for m in catalog if m.id and m.fuzzy and m.previous_id}
    old = [m for m in catalog if m.id]
    before_obsolete = set(catalog.obsolete)
    revived = 0
    for message in template:                      # msgmerge revives obsolete entries; Babel does not
        key = babel_key(message)
        stale = catalog.obsolete.get(key)
        if message.id and stale is not None and catalog.get(message.id, message.context) is None:
            del catalog.obsolete[key]
            catalog[message.id] = stale
            kept.obsolete_previous.pop(key, None)
            revived += 1
    had = {babel_key(m) for m in catalog if m.id}
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    removed = set(catalog.obsolete) - before_obsolete
    new = [m for m in catalog if m.id and babel_key(m) not in had]
    merged = fill_new(catalog, new, old, removed)
    kept.previous_context.update(merged.previous_context)
    for m in old:                                 # a fuzzy entry made obsolete keeps its previous English
        key = babel_key(m)
        if key in catalog.obsolete and key in removed and m.previous_id:
            kept.obsolete_previous[key] = (kept.previous_context.get(key), list(m.previous_id))
    for message in catalog:
        if not message.id:
            continue
        if message.fuzzy and not message.previous_id and _key(message) in previous:
            message.previous_id = previous[_key(message)]     # Babel forgets the '#| msgid' of one still fuzzy
        source = template.get(message.id, message.context)
        if source is not None:                    # format flags follow the template (msgmerge), not the old
            message.flags = {f for f in message.flags if not f.endswith("-format")} | {   # entry a fuzzy match
                f for f in source.flags if f.endswith("-format")}                         # came from
    result = UpdateResult(lang, path, created, len(new) - merged.changed, merged.suggested, merged.changed,
                          len(removed) - merged.changed, revived)
    write_if_changed(path, po_bytes(catalog, include_previous=True, kept=kept), "--locales")
    return result


def _key(message: Message) -> tuple[str | None, str]:
    return (message.context, message.id if isinstance(message.id, str) else message.id[0])


def _header_comment(lang: str) -> str:
    name = Locale.parse(lang).english_name
    return (f"# {name} translation of the Technical Assistance Compendium.\n"
            "# Copyright (C) United Nations\n"
            "# This file is distributed under the same license as the compendium project.\n"
            "#")
