"""Characters no text of the book may carry, in the corpus or in a translation."""
from __future__ import annotations

import re

# Characters no text may carry (corpus or translation): invisible controls (U+0000–U+001F but tab and line break,
# DEL and the C1 controls), what XML cannot hold (the DOCX would not open), and the bidi embeddings,
# overrides and isolates, which reorder text invisibly ("Trojan Source"); the editions set the
# direction themselves, and U+200E/U+200F (left-to-right/right-to-left mark) stay allowed.
BIDI_CONTROLS = {0x202A: "LEFT-TO-RIGHT EMBEDDING", 0x202B: "RIGHT-TO-LEFT EMBEDDING",
                 0x202C: "POP DIRECTIONAL FORMATTING", 0x202D: "LEFT-TO-RIGHT OVERRIDE",
                 0x202E: "RIGHT-TO-LEFT OVERRIDE", 0x2066: "LEFT-TO-RIGHT ISOLATE",
                 0x2067: "RIGHT-TO-LEFT ISOLATE", 0x2068: "FIRST STRONG ISOLATE",
                 0x2069: "POP DIRECTIONAL ISOLATE"}


def forbidden_character(ch: str) -> str | None:
    """What is wrong with one character of a translation ('control character', …), or None."""
    cp = ord(ch)
    if ch in "\n\t":
        return None
    if cp < 0x20 or 0x7F <= cp <= 0x9F:
        return "control character"
    if 0xD800 <= cp <= 0xDFFF or cp in (0xFFFE, 0xFFFF):
        return "character not allowed in XML"
    if cp in BIDI_CONTROLS:
        return "bidi control character"
    return None


# the characters forbidden_character names, as one pattern: a whole text is searched at C speed
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
                       + "".join(chr(cp) for cp in BIDI_CONTROLS) + "]")


def safe(translation: str) -> bool:
    """True when a text holds none of the characters `forbidden_character` names."""
    return FORBIDDEN.search(translation) is None
