"""UN document symbols (CTOC/COP/WG.2/2013/5, A/RES/55/25), the one pattern for all layers."""
from __future__ import annotations

import re

# A symbol in running text: capitals, then /-separated parts; ASCII boundaries, so a symbol may
# touch a CJK character (第3/4号决定). Checked in translations, kept whole and LTR in the editions.
SYMBOL_PATTERN = r"(?<![A-Za-z0-9./])[A-Z][A-Z0-9.]*(?:/[A-Za-z0-9.]*[A-Za-z0-9])+"
SYMBOL = re.compile(SYMBOL_PATTERN)

# A corpus field that holds a symbol (`report:`, `symbol:`), possibly a range of two ("A/… – A/…").
SYMBOL_FIELD = re.compile(r"^[A-Z]+(?:/[A-Za-z0-9.]+)+(?:\s*[-–]\s*[A-Z]+(?:/[A-Za-z0-9.]+)+)?$")
