"""Fuzzing the readers of user input: whatever the bytes, only our own errors come out.

markup.parse raises only MarkupError; the content loader only CompendiumError (file:line: what);
the catalogue readers (Babel's for update/build, polib's for check) only CompendiumError, and when
they accept a catalogue they read the same translations from it, and msgfmt accepts it too.
"""
from __future__ import annotations

import functools
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from compendium.errors import CompendiumError
from compendium.corpus.loader import load_book
from compendium.corpus.markup import DocLink, Emph, MarkupError, NoteRef, Text, parse, plain
from compendium.messages.pofile import read_catalog
from compendium.messages.report import check_language, load_po

ROOT = Path(__file__).resolve().parent.parent
FUZZ = settings(deadline=None, suppress_health_check=list(HealthCheck), derandomize=False)


# -- inline markup ----------------------------------------------------------------------------------------
markup_text = st.lists(st.sampled_from(list("*[]\\^|/ aZ09.-_\n") + ["[^", "[[", "]]", "\\*", "é", "\u202e"]),
                       max_size=30).map("".join)


@settings(FUZZ, max_examples=400)
@given(st.one_of(markup_text, st.text(max_size=60)))
@example("*a [^b]*")
@example("[[x|]]")
@example("\\")
@example("[^]")
def test_markup_parse_raises_only_markup_error(source):
    try:
        nodes = parse(source)
    except MarkupError as exc:
        assert 1 <= exc.col <= len(source) + 1, (source, exc.col)
        assert str(exc)
        return
    assert all(isinstance(n, (Text, Emph, NoteRef, DocLink)) for n in nodes)
    assert all(n.text for n in nodes if isinstance(n, Emph))
    plain(nodes, lambda note: f"({note})")


# -- the content loader ----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus") / "content"
    shutil.copytree(ROOT / "content", root)
    return root


FILES = ["A/07.yaml", "B/05.yaml", "book.yaml", "index.yaml", "footnotes.yaml", "errata.yaml"]
PIECES = [b"- ", b": ", b"\n", b"  ", b"\t", b"'", b'"', b"[", b"]", b"{", b"}", b"*", b"&a ", b"*a", b"!!int ",
          b"!!python/name:os.system ", b"---\n", b"- para: ", b"- see: A.V", b"list:\n  - sub: x", b"A.VII.26-",
          b"99999999", b"[^x]", b"\\", b"\xff", b"\x00", b"#", b"|", b">", b"%YAML 1.1\n", b"? ", b"~", b"yes",
          b"2013-02-30", b"meeting: 0", b"\xe2\x80\xae", b"\"\\x07\""]


@st.composite
def mutated(draw, data: bytes):
    """A real file after a few random edits: delete, duplicate, insert, replace, truncate."""
    for _ in range(draw(st.integers(1, 4))):
        n = len(data)
        at = draw(st.integers(0, n))
        op = draw(st.sampled_from(["delete", "insert", "replace", "duplicate", "truncate", "swap"]))
        if op == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 40)):]
        elif op == "insert":
            piece = draw(st.one_of(st.sampled_from(PIECES), st.binary(max_size=8)))
            data = data[:at] + piece + data[at:]
        elif op == "replace":
            data = data[:at] + draw(st.binary(min_size=1, max_size=3)) + data[at + 1:]
        elif op == "duplicate":
            end = data.find(b"\n", at)
            line_start = data.rfind(b"\n", 0, at) + 1
            line = data[line_start:end + 1] if end >= 0 else data[line_start:]
            data = data[:line_start] + line + data[line_start:]
        elif op == "truncate":
            data = data[:at]
        else:
            lines = data.split(b"\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            data = b"\n".join(lines)
    return data


@settings(FUZZ, max_examples=60)
@given(st.data())
def test_content_loader_raises_only_compendium_errors(corpus, data):
    name = data.draw(st.sampled_from(FILES))
    path = corpus / name
    original = (ROOT / "content" / name).read_bytes()
    path.write_bytes(data.draw(mutated(original)))
    try:
        load_book(corpus)
    except CompendiumError as exc:
        text = str(exc)
        assert text and "\n" not in text.strip(), text
        assert exc.file, text                                   # every problem names its file
    finally:
        path.write_bytes(original)


# -- the catalogue readers --------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=None)           # read once: others may be editing the catalogues meanwhile
def _excerpt(lang: str, entries: int = 25) -> bytes:
    """The header and the first entries of a real catalogue (a valid catalogue, small enough to fuzz fast)."""
    text = (ROOT / "locales" / lang / "LC_MESSAGES" / "compendium.po").read_bytes()
    blocks = text.split(b"\n\n")
    return b"\n\n".join(blocks[: entries + 1]) + b"\n"


PO_PIECES = [b'msgid "x"\n', b'msgstr "y"\n', b'msgctxt "c"\n', b'msgid_plural "xs"\n', b'msgstr[0] ""\n',
             b'msgstr[2] "z"\n', b'#~ msgid "UNODC"\n#~ msgstr "o"\n', b'#| msgid "old"\n', b'#, fuzzy\n',
             b'"\\q"\n', b'"\\n"\n', b'"', b"\\", b'"Language: de\\n"\n', b'"Plural-Forms: nplurals=1; plural=0;\\n"\n',
             b'"Content-Type: text/plain\\n"\n', b"\xef\xbb\xbf", b"\xff", b"\x00", b"\r", b"#~ ", b"\n\n",
             b'msgid ""\nmsgstr ""\n', b"\xe2\x80\xae", b"msgstr", b"#"]


@st.composite
def po_bytes(draw):
    lang = draw(st.sampled_from(["fr", "ar", "zh"]))
    if draw(st.integers(0, 9)) == 0:
        return lang, draw(st.binary(max_size=200))
    data = _excerpt(lang)
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["insert", "delete", "replace", "truncate", "line"]))
        if op == "insert":
            data = data[:at] + draw(st.sampled_from(PO_PIECES)) + data[at:]
        elif op == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 30)):]
        elif op == "replace":
            data = data[:at] + draw(st.binary(min_size=1, max_size=2)) + data[at + 1:]
        elif op == "truncate":
            data = data[:at]
        else:                                                   # remove or repeat a whole line
            lines = data.split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            lines[i:i + 1] = [] if draw(st.booleans()) else [lines[i], lines[i]]
            data = b"\n".join(lines)
    return lang, data


EDGE_NEWLINE = re.compile(r"entries do not both (begin|end) with '\\n'")


def _babel_view(catalog) -> dict:
    return {(m.context, m.id): m.string for m in catalog if m.id}


def _polib_view(po) -> dict:
    return {(e.msgctxt or None, e.msgid): e.msgstr for e in po if not e.obsolete and e.msgid}


@settings(FUZZ, max_examples=150)
@given(po_bytes())
def test_catalogue_readers_raise_only_compendium_errors_and_agree(tmp_path_factory, sample):
    lang, data = sample
    path = tmp_path_factory.mktemp("po") / lang / "LC_MESSAGES" / "compendium.po"
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    outcomes, errors = [], []
    for reader in (lambda: read_catalog(path, lang), lambda: load_po(path, lang)):
        try:
            outcomes.append(reader())
        except CompendiumError as exc:
            text = str(exc)
            assert text.startswith(str(path)) and "\n" not in text, text
            outcomes.append(None)
            errors.append(text)
    babel, polib = outcomes
    assert (babel is None) == (polib is None), f"the two readers disagree on whether the file is valid: {errors}"
    if babel is None:
        return
    assert _babel_view(babel) == _polib_view(polib)           # build and check see the same translations
    if shutil.which("msgfmt"):                                  # what we accept, msgfmt accepts …
        r = subprocess.run(["msgfmt", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        fatal = [line for line in r.stderr.splitlines() if "found" not in line and not EDGE_NEWLINE.search(line)]
        assert r.returncode == 0 or not fatal, r.stderr
        if r.returncode:                                        # … but for a translation's leading/trailing
            report = check_language(path.parents[2], lang)      # line break, which `check` reports
            assert any(f.problem.startswith(("whitespace", "line breaks")) for f in report.errors), r.stderr


def test_real_catalogues_pass_the_strict_readers():
    for po in sorted((ROOT / "locales").glob("*/LC_MESSAGES/compendium.po")):
        lang = po.parent.parent.name
        assert _babel_view(read_catalog(po, lang)) == _polib_view(load_po(po, lang)), lang
    read_catalog(ROOT / "locales" / "compendium.pot")
