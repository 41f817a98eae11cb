"""fontconfig, asked directly (ctypes, no subprocess): which file a family name resolves to, and
which files and folders that answer depends on. Read by the build's planning (fonts.setup) only
when the previous build's answer is out of date."""
from __future__ import annotations

import ctypes
import ctypes.util
import os
from functools import cache

STYLES = ("", ":weight=bold", ":slant=italic", ":weight=bold:slant=italic")   # the faces the book uses


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
        for lister in (lib.FcConfigGetConfigFiles, lib.FcConfigGetConfigDirs, lib.FcConfigGetFontDirs):
            lister.restype, lister.argtypes = ctypes.c_void_p, [ctypes.c_void_p]
        lib.FcStrListNext.restype, lib.FcStrListNext.argtypes = ctypes.c_void_p, [ctypes.c_void_p]
        lib.FcStrListDone.argtypes = [ctypes.c_void_p]
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

    def paths(self) -> list[str]:
        """The configuration files and folders fontconfig read and the font folders it scans (those
        that do not exist too: a folder created later is a change)."""
        if not self.config:
            return []
        lib, found = self.lib, []
        for lister in (lib.FcConfigGetConfigFiles, lib.FcConfigGetConfigDirs, lib.FcConfigGetFontDirs):
            strings = lister(self.config)
            while strings and (item := lib.FcStrListNext(strings)):
                found.append(ctypes.string_at(item).decode(errors="surrogateescape"))
            if strings:
                lib.FcStrListDone(strings)
        return found


@cache
def _fontconfig() -> _Fontconfig | None:
    """fontconfig with its configuration and fonts loaded, once per process; None without libfontconfig
    (WeasyPrint could not run either)."""
    try:
        return _Fontconfig()
    except OSError:
        return None


@cache
def resolve(family: str) -> list[tuple[str, str, str, int]]:
    """(pattern, file, family found, index) for each face of `family` the book uses."""
    fc = _fontconfig()
    if fc is None:
        return [(family, "", "", 0)]
    safe = family.replace("\\", "\\\\").replace("-", "\\-").replace(":", "\\:").replace(",", "\\,")
    return [(family + s, *fc.match(safe + s)) for s in STYLES]


def watched() -> list[str]:
    """What resolve's answers depend on: fontconfig's configuration files and font folders, every
    folder under those included (a font added to one changes its time)."""
    fc = _fontconfig()
    found = fc.paths() if fc else []
    folders = []
    for path in found:
        if os.path.isdir(path):
            folders += [os.path.join(root, d) for root, dirs, _ in os.walk(path) for d in dirs]
    return sorted(set(found) | set(folders))


