"""Replace text values in a corpus YAML file and nothing else.

ruamel.yaml's round-trip composer finds the value (by the line of its key or list item, as the
loader reports it) with its exact span and quoting style; ruamel.yaml's emitter writes the new value
in that same style (plain, '…', "…", |-), folded like the file (continuation lines indented two past
the key, about 100 columns). Only that span of the file is replaced: comments, key order, quoting
and every other byte stay as they were. (A whole-file ruamel round trip would refold every long
text of the file.)
"""
from __future__ import annotations

import difflib
import io
from dataclasses import dataclass

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.scalarstring import (DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString,
                                      SingleQuotedScalarString)

from ..errors import CompendiumError
from .shown import normalize

WIDTH = 100
_STYLES = {None: str, "'": SingleQuotedScalarString, '"': DoubleQuotedScalarString, "|": LiteralScalarString,
           ">": FoldedScalarString}


@dataclass
class Hunk:
    line: int              # first line of the value (1-based)
    old: list[str]         # the lines the value occupied
    new: list[str]         # the same lines with the new value


def trimmed(h: Hunk) -> Hunk:
    """The hunk without the lines its old and new sides share at either end."""
    old, new, line = list(h.old), list(h.new), h.line
    while len(old) > 1 and len(new) > 1 and old[0] == new[0]:
        old.pop(0)
        new.pop(0)
        line += 1
    while len(old) > 1 and len(new) > 1 and old[-1] == new[-1]:
        old.pop()
        new.pop()
    return Hunk(line, old, new)


def _scalars(node, out: list) -> None:
    """(key node or None, value node) for every scalar value of the document."""
    if isinstance(node, MappingNode):
        for k, v in node.value:
            if isinstance(v, ScalarNode):
                out.append((k, v))
            else:
                _scalars(v, out)
    elif isinstance(node, SequenceNode):
        for v in node.value:
            if isinstance(v, ScalarNode):
                out.append((None, v))
            else:
                _scalars(v, out)


def replace_texts(text: str, edits: list[tuple[int, str, str]], name: str) -> tuple[str, list[Hunk]]:
    """`text` with each (line, old text, new text) applied, and the changed lines of each, in the
    order given; the old text (as the loader reads it, whitespace collapsed) must be the value whose
    key or list item is on that line."""
    try:
        root = YAML().compose(text)
    except YAMLError as exc:
        raise CompendiumError(f"cannot read the YAML to write the change: {' '.join(str(exc).split())}", name) from None
    values: list = []
    _scalars(root, values)
    spans = []
    for line, old, new in edits:
        found = [(k, v) for k, v in values if (k.start_mark.line if k is not None else v.start_mark.line) == line - 1
                 and isinstance(v.value, str) and normalize(v.value) == old]
        if len(found) != 1:
            raise CompendiumError("the text to correct is no longer on this line (the file changed since the "
                                  "corpus was loaded)", name, line, hint="absorb again")
        k, v = found[0]
        spans.append((v.start_mark.index, v.end_mark.index, _refold(k, v, new, text), _emit(k, v, new, text),
                      len(spans)))
    try:                                   # the refolded values when they read back, else ruamel's own
        return _splice(text, [(a, b, r or e, n) for a, b, r, e, n in spans], edits, name)
    except CompendiumError:
        return _splice(text, [(a, b, e, n) for a, b, _, e, n in spans], edits, name)


def _splice(text: str, spans: list[tuple[int, int, str, int]], edits: list[tuple[int, str, str]],
            name: str) -> tuple[str, list[Hunk]]:
    out, last, hunks = [], 0, [None] * len(spans)
    for start, end, value, n in sorted(spans):
        out.append(text[last:start])
        out.append(value)
        last = end
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        old_lines = text[line_start:line_end].split("\n")
        new_lines = (text[line_start:start] + value + text[end:line_end]).split("\n")
        hunks[n] = trimmed(Hunk(text.count("\n", 0, line_start) + 1, old_lines, new_lines))
    out.append(text[last:])
    result = "".join(out)
    _check(result, edits, name)
    return result, hunks


def _emit(key, value, new: str, text: str) -> str:
    """The new value as ruamel.yaml writes it in the old value's style, placed where the old one was."""
    style = value.style if value.style in _STYLES else None
    if "\n" in new and style in (None, "'", '"', ">"):
        style = "|"                       # several lines: a literal block, as the corpus writes them
    scalar = _STYLES[style](new)
    yaml = YAML()
    yaml.indent(mapping=2, sequence=2, offset=0)
    buf = io.StringIO()
    if key is not None:                   # "key: value", the key at column k
        indent = key.start_mark.column
        name = "k" * max(1, value.start_mark.column - indent - 2)
        yaml.width = WIDTH - indent
        yaml.dump({name: scalar}, buf)
        emitted = buf.getvalue()[len(name) + 1:].lstrip(" ")
    else:                                 # "- value", the dash at column k
        indent = max(0, value.start_mark.column - 2)
        yaml.width = WIDTH - indent
        yaml.dump([scalar], buf)
        emitted = buf.getvalue()[2:]
    lines = emitted.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    body = [lines[0].rstrip() if style not in ("|", ">") else lines[0]]
    for line in lines[1:]:
        body.append((" " * indent + line if line else line) if style in ("|", ">") else (" " * indent + line).rstrip())
    result = "\n".join(body)
    old = text[value.start_mark.index:value.end_mark.index]
    if style in ("|", ">"):               # a block scalar's span runs to the next key: keep what followed
        result = result.rstrip("\n") + old[len(old.rstrip()):]
    return result


def _refold(key, value, new: str, text: str) -> str | None:
    """The new value written into the old one's lines: lines whose words did not change stay as they
    are, the changed ones are refilled (about as wide as they were) between them, so a diff shows the words
    that changed. For one-line texts in plain or quoted style; None where ruamel.yaml must decide
    (block scalars, a text that can no longer be plain, several lines)."""
    style = value.style
    if style not in (None, "'", '"') or "\n" in new or "\n" in value.value.strip():
        return None
    old_span = text[value.start_mark.index:value.end_mark.index]
    quote = style or ""
    body = old_span[len(quote):len(old_span) - len(quote)] if quote else old_span
    raw_lines = body.split("\n")
    old_lines = [line.strip().split(" ") if line.strip() else [] for line in raw_lines]
    if any("" in words for words in old_lines) or not old_lines[0]:
        return None
    escape = {None: lambda w: w, "'": lambda w: w.replace("'", "''"),
              '"': lambda w: w.replace("\\", "\\\\").replace('"', '\\"')}[style]
    if " ".join(w for words in old_lines for w in words) != " ".join(escape(w) for w in value.value.split(" ")):
        return None                        # escapes or spacing this simple reading does not reproduce
    if style is None and _emit(key, value, new, text).startswith(("'", '"')):
        return None                        # the new text needs quotes: ruamel.yaml chooses them
    new_words = [escape(w) for w in new.split(" ")]
    old_words = [w for words in old_lines for w in words]
    first_col = value.start_mark.column + len(quote)
    indent = len(raw_lines[1]) - len(raw_lines[1].lstrip(" ")) if len(raw_lines) > 1 else (
        (key.start_mark.column if key is not None else value.start_mark.column - 2) + 2)
    starts, n = [], 0                      # index of each old line's first word
    for words in old_lines:
        starts.append(n)
        n += len(words)
    unchanged = set()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_words, new_words, autojunk=False).get_opcodes():
        if tag == "equal":
            unchanged.update(range(i1, i2))
    keep = [all(starts[k] + j in unchanged for j in range(len(words))) and k > 0
            for k, words in enumerate(old_lines)]
    mapping = {}                           # old word index -> new word index (unchanged words)
    for a, b, size in difflib.SequenceMatcher(None, old_words, new_words, autojunk=False).get_matching_blocks():
        for d in range(size):
            mapping[a + d] = b + d
    out_lines: list[list[str]] = []
    pos, k = 0, 0
    while k < len(old_lines):
        if keep[k]:
            start = mapping[starts[k]]
            if start < pos:
                return None
            out_lines.append(new_words[start:start + len(old_lines[k])])
            pos = start + len(old_lines[k])
            k += 1
            continue
        j = k
        while j < len(old_lines) and not keep[j]:
            j += 1
        end = mapping[starts[j]] if j < len(old_lines) else len(new_words)
        if end < pos:
            return None
        widest = max(len(raw_lines[m].rstrip()) + (first_col if m == 0 else 0) for m in range(k, j))
        out_lines.extend(_fill(new_words[pos:end], first_col if not out_lines else indent, indent,
                               max(WIDTH, widest + 8)))
        pos, k = end, j
    if pos != len(new_words) or not out_lines or not out_lines[0]:
        return None
    lines = [" ".join(out_lines[0])] + [" " * indent + " ".join(words) for words in out_lines[1:] if words]
    return quote + "\n".join(lines) + quote


def _fill(words: list[str], first_col: int, indent: int, width: int) -> list[list[str]]:
    """Words in lines of at most `width` columns (a longer word stands alone)."""
    lines: list[list[str]] = [[]]
    col = first_col
    for w in words:
        if lines[-1] and col + 1 + len(w) > width:
            lines.append([])
            col = indent
        col += (1 if lines[-1] else 0) + len(w)
        lines[-1].append(w)
    return lines


def _check(result: str, edits: list[tuple[int, str, str]], name: str) -> None:
    """The written file must read back with the new texts."""
    try:
        root = YAML().compose(result)
    except YAMLError as exc:
        raise CompendiumError(f"writing the change would break the YAML ({' '.join(str(exc).split())}); "
                              "nothing was written", name) from None
    values: list = []
    _scalars(root, values)
    texts = {normalize(v.value) for _, v in values if isinstance(v.value, str)}
    for line, old, new in edits:
        if normalize(new) not in texts:
            raise CompendiumError("the new text does not read back from the YAML; nothing was written", name, line)
