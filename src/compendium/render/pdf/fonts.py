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

import ctypes
import ctypes.util
import unicodedata
from functools import cache
from typing import TYPE_CHECKING, Any

from ...errors import CompendiumError

if TYPE_CHECKING:                  # annotations only: the build's planning imports this module cheaply
    from ...localize.conventions import Style

DEFAULT = ["Noto Serif"]                  # when a style.toml has no [fonts] family
STYLES = ("", ":weight=bold", ":slant=italic", ":weight=bold:slant=italic")   # the faces the book uses
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
        absent = [f for f in named if all(found.casefold() != f.casefold() for _, _, found, _ in resolve(f)[:1])]
        why = (f"{', '.join(absent)}: not found by fontconfig; " if absent else "")
        raise CompendiumError(f"{why}{len(chars)} character(s) set in {family}, a font the edition does not name "
                              f"(its fonts: {', '.join(named)}): {_show(chars)}{also}", style.path, line, hint=fix)


def _show(chars: set[str]) -> str:
    ordered = sorted(chars, key=lambda c: (not unicodedata.category(c).startswith("L"), c))   # letters first
    shown = " ".join(f"{c} U+{ord(c):04X}" for c in ordered[:_SHOWN])
    return shown + (f" … ({len(ordered) - _SHOWN} more)" if len(ordered) > _SHOWN else "")


# -- fontconfig's resolution, for the manifest -----------------------------------------------------------
class _Fontconfig:
    """The few libfontconfig calls that say which file a family name resolves to (ctypes, no subprocess)."""

    def __init__(self) -> None:
        name = ctypes.util.find_library("fontconfig") or "libfontconfig.so.1"
        lib = ctypes.CDLL(name)
        lib.FcInitLoadConfigAndFonts.restype = ctypes.c_void_p
        lib.FcNameParse.restype = ctypes.c_void_p
        lib.FcNameParse.argtypes = [ctypes.c_char_p]
        lib.FcConfigSubstitute.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int]
        lib.FcDefaultSubstitute.argtypes = [ctypes.c_void_p]
        lib.FcFontMatch.restype = ctypes.c_void_p
        lib.FcFontMatch.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_int)]
        lib.FcPatternGetString.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int,
                                           ctypes.POINTER(ctypes.c_char_p)]
        lib.FcPatternGetInteger.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int,
                                            ctypes.POINTER(ctypes.c_int)]
        lib.FcPatternDestroy.argtypes = [ctypes.c_void_p]
        self.lib = lib
        self.config = lib.FcInitLoadConfigAndFonts()

    def match(self, pattern: str) -> tuple[str, str, int]:
        """(file, family, face index) fontconfig picks for a pattern such as 'Noto Serif:weight=bold'."""
        lib = self.lib
        pat = lib.FcNameParse(pattern.encode())
        if not pat or not self.config:
            return ("", "", 0)
        lib.FcConfigSubstitute(self.config, pat, 0)        # FcMatchPattern
        lib.FcDefaultSubstitute(pat)
        result = ctypes.c_int()
        font = lib.FcFontMatch(self.config, pat, ctypes.byref(result))
        lib.FcPatternDestroy(pat)
        if not font:
            return ("", "", 0)
        out = []
        for key in (b"file", b"family"):
            value = ctypes.c_char_p()
            lib.FcPatternGetString(font, key, 0, ctypes.byref(value))
            out.append(value.value.decode(errors="replace") if value.value else "")
        index = ctypes.c_int()
        lib.FcPatternGetInteger(font, b"index", 0, ctypes.byref(index))
        lib.FcPatternDestroy(font)
        return (out[0], out[1], index.value)


_fc: _Fontconfig | None = None


@cache
def resolve(family: str) -> list[tuple[str, str, str, int]]:
    """(pattern, file, family found, index) for each face of `family` the book uses (once per process,
    as fontconfig's configuration is loaded once)."""
    global _fc
    if _fc is None:
        try:
            _fc = _Fontconfig()
        except OSError:                 # no libfontconfig: WeasyPrint could not run either
            return [(family, "", "", 0)]
    safe = family.replace("\\", "\\\\").replace("-", "\\-").replace(":", "\\:").replace(",", "\\,")
    return [(family + s, *_fc.match(safe + s)) for s in STYLES]


def setup(families: list[str], identity) -> list:
    """fontconfig's resolution of the edition's font families with each matched file's identity (a
    Hasher's: size, time, inode)."""
    return [[pattern, path, found, index, identity(path) if path else "none"]
            for family in families for pattern, path, found, index in resolve(family)]
