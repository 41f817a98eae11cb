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


# what is wrong with each forbidden character: (first, last) code point ranges of each kind
KINDS = {
    "control character": [(0x00, 0x08), (0x0B, 0x1F), (0x7F, 0x9F)],      # tab (09) and line break (0A) allowed
    "character not allowed in XML": [(0xD800, 0xDFFF), (0xFFFE, 0xFFFF)],
    "bidi control character": [(cp, cp) for cp in BIDI_CONTROLS],
}
# the same characters as one pattern: a whole text is searched at C speed
FORBIDDEN = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for ranges in KINDS.values() for a, b in ranges) + "]")


def forbidden_character(ch: str) -> str | None:
    """What is wrong with one character of a translation ('control character', …), or None."""
    cp = ord(ch)
    return next((kind for kind, ranges in KINDS.items() if any(a <= cp <= b for a, b in ranges)), None)


def safe(translation: str) -> bool:
    """True when a text holds none of the characters `forbidden_character` names."""
    return FORBIDDEN.search(translation) is None
