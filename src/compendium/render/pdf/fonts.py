"""The fonts of a PDF edition: checked after layout, and their set-up recorded for the build manifest.

An edition names its faces in `[fonts] family` of its style.toml. When fontconfig cannot find one
(not installed, hidden by a configuration), Pango quietly sets the text in whatever covers it
(DejaVu, Mongolian …) or draws empty boxes: a "final" PDF nobody can read. `check_glyphs` walks the
laid-out lines and fails the build naming the characters and the face that set them, unless every
visible character is in a face the edition names and has a glyph there (read from the faces
WeasyPrint embedded: no second pass over the text). `setup` is fontconfig's
resolution of those families (the files it matches and their hashes), part of each PDF's inputs: a
repaired or replaced font rebuilds the PDFs it shapes.
"""
from __future__ import annotations

import json
import os
import unicodedata
from typing import TYPE_CHECKING, Any

from ...errors import CompendiumError

if TYPE_CHECKING:                  # annotations only: the build's planning imports this module cheaply
    from ...localize.conventions import Style

DEFAULT = ["Noto Serif"]                  # when a style.toml has no [fonts] family
_SHOWN = 12                               # characters named in a message


def families(style: Style) -> list[str]:
    """The font families an edition names, in its fallback order."""
    return list(style.fonts.get("family") or DEFAULT)


def _invisible(ch: str) -> bool:
    """Spaces, format controls (U+2060, U+00AD …) and other characters drawn without a glyph."""
    return ch.isspace() or unicodedata.category(ch) in ("Cf", "Cc", "Zs", "Zl", "Zp")


def used_faces(document: Any) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(characters by the family that set them, characters without a glyph by family) of a WeasyPrint
    document already written (write_pdf): every face it embedded, with the text of each glyph."""
    by_family: dict[str, set[str]] = {}
    missing: dict[str, set[str]] = {}
    for font in document.fonts.values():
        chars = {c for text in font.to_unicode.values() for c in text if not _invisible(c)}
        if chars:
            by_family.setdefault(font.family, set()).update(chars)
        lost = {chr(cp) for cp in font.missing if not _invisible(chr(cp))}
        if lost:
            missing.setdefault(font.family, set()).update(lost)
    return by_family, missing


def check_glyphs(document: Any, style: Style) -> None:
    """Raise unless every visible character is set in a family the edition names, with a glyph
    (`document` after write_pdf)."""
    named = families(style)
    wanted = {f.casefold() for f in named}
    by_family, missing = used_faces(document)
    line = style.source.line(("fonts", "family")) if style.source else None
    fix = ("install the fonts (`fc-list : family` shows the families fontconfig sees), or name in [fonts] "
           "family one that has these characters")
    for family, chars in sorted(missing.items()):
        chars = {c for c in chars if not _invisible(c)}
        if chars:
            raise CompendiumError(f"{len(chars)} character(s) have no glyph in {family}: {_show(chars)}; the "
                                  "PDF would print empty boxes", style.path, line, hint=fix)
    stray = {family: chars for family, chars in by_family.items() if family.casefold() not in wanted}
    if stray:
        family, chars = max(stray.items(), key=lambda kv: len(kv[1]))
        also = f" (and {sum(len(c) for c in stray.values()) - len(chars)} more in "\
               f"{', '.join(sorted(set(stray) - {family}))})" if len(stray) > 1 else ""
        from .fontconfig import resolve
        absent = [f for f in named if all(found.casefold() != f.casefold() for _, _, found, _ in resolve(f)[:1])]
        why = (f"{', '.join(absent)}: not found by fontconfig; " if absent else "")
        raise CompendiumError(f"{why}{len(chars)} character(s) set in {family}, a font the edition does not name "
                              f"(its fonts: {', '.join(named)}): {_show(chars)}{also}", style.path, line, hint=fix)


def _show(chars: set[str]) -> str:
    ordered = sorted(chars, key=lambda c: (not unicodedata.category(c).startswith("L"), c))   # letters first
    shown = " ".join(f"{c} U+{ord(c):04X}" for c in ordered[:_SHOWN])
    return shown + (f" … ({len(ordered) - _SHOWN} more)" if len(ordered) > _SHOWN else "")


# -- the font set-up, for the manifest ---------------------------------------------------------------
# fontconfig's environment: which configuration it reads (and the user's folders it names)
FONTCONFIG_ENV = ("FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT", "HOME", "XDG_CONFIG_HOME",
                  "XDG_DATA_HOME")


def setup(families: list[str], hasher: Any) -> list:
    """fontconfig's resolution of the edition's font families with each matched file's identity (a
    manifest.Hasher's: size, time, inode). The resolution is recalled from the previous build while
    fontconfig's configuration files and font folders are as they were then (fontconfig's own test of
    whether its cache is up to date), so a build with nothing to do does not load fontconfig."""
    def derive() -> tuple[list, list[str]]:
        from .fontconfig import resolve, watched
        return [list(face) for family in families for face in resolve(family)], watched()
    env = [os.environ.get(name, "") for name in FONTCONFIG_ENV]
    found = hasher.watched(f"fonts {json.dumps([env, families])}", derive)
    return [[pattern, path, family, index, hasher.identity(path) if path else "none"]
            for pattern, path, family, index in found]
