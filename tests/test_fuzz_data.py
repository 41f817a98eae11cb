"""Fuzzing every kind of data file the tool reads besides the corpus and the catalogues (test_fuzz.py):
style.toml, edition.toml, strings.yaml, glossary.csv, the build manifest and reference.docx.

Each is mutated (bytes, and values swapped for values of every kind at the real keys) and then read
and used as a build uses it: conventions and edition settings through localization, the text proof,
the PDF's HTML and style sheets and the DOCX writer; the glossary through the terminology check; the
manifest by the build's planning. Only our own one-line errors may come out (CompendiumError naming
its file), never an internal error; what is accepted is used without one.
"""
from __future__ import annotations

import dataclasses
import io
import json
import shutil
import zipfile
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from compendium.errors import CompendiumError
from test_fuzz import mutated

ROOT = Path(__file__).resolve().parent.parent
FUZZ = settings(deadline=None, suppress_health_check=list(HealthCheck), max_examples=60)
VALUES = ['"{n}."', '"{x}"', '"{seq:abjad}"', '"{"', '"}"', '"{0} and {1}"', '"{0}"', '"{d1} {month1}"', '""',
          '"0mm"', '"-5mm"', '"9999mm"', '"20 mm"', '"1.2.3mm"', '"20px"', '"wide"', '"20mm; } body {"', "0", "-1",
          "1e308", "inf", "nan", "3.5", "true", "false", '["Noto Serif"]', '[]', '[1, 2]', '["a", ["b"]]', "{}",
          '{a = 1}', "1979-05-27", '"pdf/ua-9"', '"lower-romen"', '"ltr"', '"rtl"', '"eastern"', '"xx_YY"',
          '"zh_Hans"', '"\\u202e"', '"a\\nb"', '"Noto Serif"', '"' + "x" * 300 + '"']


def _one_line(exc: CompendiumError) -> None:
    text = str(exc)
    assert text and "\n" not in text.strip() and "internal error" not in text, text
    assert exc.file, text
    event(f"refused ({Path(exc.file).name})")


def _fuzzed(path: Path, data: bytes, use) -> None:
    """Put `data` at `path` and `use` it as a build does: it works, or one line names a file."""
    original = path.read_bytes()
    path.write_bytes(data)
    try:
        use()
        event("accepted and used")
    except CompendiumError as exc:
        _one_line(exc)
    finally:
        path.write_bytes(original)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("data")
    for name in ("locales", "templates"):
        shutil.copytree(ROOT / name, root / name)
    return root


@pytest.fixture(scope="module")
def small(book_2023):
    """The English tree cut to its first chapters and topics: the writers run in a fraction of a second."""
    from compendium.localize.localizer import localize
    tree = localize(book_2023, "en", ROOT / "locales", ROOT / "templates")
    return dataclasses.replace(tree, parts=[dataclasses.replace(p, chapters=p.chapters[:1]) for p in tree.parts],
                               index=dataclasses.replace(tree.index, topics=tree.index.topics[:3]))


@st.composite
def toml_mutated(draw, data: bytes):
    """A TOML file with a few values replaced by values of other kinds, or its bytes mutated."""
    from compendium.schema import toml_lines
    if draw(st.integers(0, 3)) == 0:
        return draw(mutated(data))
    lines = data.decode("utf-8").split("\n")
    keyed = sorted({n for path, n in toml_lines(data.decode("utf-8")).items()
                    if "=" in lines[n - 1] and not lines[n - 1].lstrip().startswith("[")})
    for _ in range(draw(st.integers(1, 3))):
        n = draw(st.sampled_from(keyed))
        key = lines[n - 1].split("=", 1)[0]
        if "[" in lines[n - 1].split("=", 1)[1] and "]" not in lines[n - 1]:
            continue                                   # a multi-line value: leave it whole
        lines[n - 1] = f"{key}= {draw(st.sampled_from(VALUES))}"
    return "\n".join(lines).encode("utf-8")


def _use_edition(locales: Path, templates: Path, lang: str, small_tree) -> None:
    """What a build does with a language's conventions and the edition settings (short of WeasyPrint)."""
    from compendium.localize.conventions import load_style
    from compendium.render import writer
    from compendium.render.edition import load_edition
    from compendium.render.pdf.writer import render_html
    style = load_style(lang, locales)
    edition = load_edition(style, templates)
    render_html(small_tree, edition)
    writer("docx")(small_tree, edition)
    writer("txt")(small_tree, edition)


@FUZZ
@given(st.sampled_from(["en", "ar", "fr", "zh"]), st.data())
@example("en", None)
def test_style_toml_fuzz(project, book_2023, small, lang, data):
    from compendium.localize.localizer import localize
    from compendium.render.text import render_text
    original = (ROOT / "locales" / lang / "style.toml").read_bytes()

    def use():
        render_text(localize(book_2023, lang, project / "locales", project / "templates"))
        _use_edition(project / "locales", project / "templates", lang, small)
    _fuzzed(project / "locales" / lang / "style.toml", data.draw(toml_mutated(original)) if data else original, use)


@FUZZ
@given(st.data())
@example(None)
def test_edition_toml_fuzz(project, small, data):
    original = (ROOT / "templates" / "edition.toml").read_bytes()
    lang = data.draw(st.sampled_from(["en", "ar"])) if data else "en"
    _fuzzed(project / "templates" / "edition.toml", data.draw(toml_mutated(original)) if data else original,
            lambda: _use_edition(project / "locales", project / "templates", lang, small))


STRING_VALUES = ["[Decision]", "{a: b}", "5", "true", "~", "'{numbr}'", "'{number'", "'{number.real}'", "'}'",
                 "'{{literal}}'", "''", "'{0}'", "'{topic!r}'", "'{topic:>99}'", "\"\\u202e\"", "|\n  two\n  lines"]


@st.composite
def strings_mutated(draw, data: bytes):
    if draw(st.integers(0, 2)) == 0:
        return draw(mutated(data))
    lines = data.decode("utf-8").split("\n")
    keyed = [i for i, line in enumerate(lines) if line and not line.startswith(("#", " ")) and ": " in line]
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.sampled_from(keyed))
        op = draw(st.sampled_from(["value", "value", "drop", "rename"]))
        key = lines[i].split(": ", 1)[0]
        if op == "value":
            lines[i] = f"{key}: {draw(st.sampled_from(STRING_VALUES))}"
        elif op == "drop":
            lines[i] = ""
        else:
            lines[i] = lines[i].replace(key, key + "x", 1)
    return "\n".join(lines).encode("utf-8")


@FUZZ
@given(st.data())
@example(None)
def test_strings_yaml_fuzz(project, book_2023, small, data):
    from compendium.localize.localizer import localize
    from compendium.messages.extract import extract_strings
    from compendium.render.text import render_text
    path = project / "templates" / "strings.yaml"
    original = (ROOT / "templates" / "strings.yaml").read_bytes()

    def use():
        with open(path, "rb") as f:
            list(extract_strings(f, [], [], {}))
        tree = localize(book_2023, "en", project / "locales", project / "templates")
        render_text(tree)
        _use_edition(project / "locales", project / "templates", "en", small if data else tree)
    _fuzzed(path, data.draw(strings_mutated(original)) if data else original, use)


@FUZZ
@given(st.data())
@example(None)
def test_glossary_fuzz(project, data):
    from compendium.messages.glossary import load_glossary, terminology
    path = project / "locales" / "glossary.csv"
    original = (ROOT / "locales" / "glossary.csv").read_bytes()
    entries = [e for e in polib.pofile(str(ROOT / "locales/fr/LC_MESSAGES/compendium.po")) if e.msgstr][:40]

    def use():
        check = terminology(load_glossary(path), "fr")
        for e in entries:
            assert all(isinstance(problem, str) for problem in check(e))
    _fuzzed(path, data.draw(st.one_of(mutated(original), st.binary(max_size=300))) if data else original, use)


MANIFEST_KEYS = st.sampled_from(["version", "outputs", "inputs", "output", "pages", "draft", "en/compendium.txt"])
json_values = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(-5, 10**7), st.floats(allow_nan=True),
                                     st.text(max_size=5)),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(MANIFEST_KEYS, inner, max_size=4),
                           max_leaves=12)


@FUZZ
@given(st.one_of(json_values.map(lambda v: json.dumps(v).encode()),
                 st.builds(lambda v: json.dumps({"version": 1, "outputs": {"en/compendium.txt": v}}).encode(), json_values),
                 st.binary(max_size=100)))
def test_manifest_fuzz(tmp_path_factory, data):
    """manifest.load never raises: a manifest not of its shape is one warning line and nothing recorded;
    what it returns is what the build's planning reads (entries with their input hash)."""
    from compendium import manifest
    out = tmp_path_factory.mktemp("build")
    (out / manifest.NAME).write_bytes(data)
    warnings: list[str] = []
    recorded = manifest.load(out, warnings.append)
    assert len(warnings) <= 1 and all("\n" not in w and ": warning: " in w for w in warnings)
    assert isinstance(recorded, dict) and (recorded == {} or not warnings)
    for key, entry in recorded.items():
        assert isinstance(entry.get("inputs"), str) and isinstance(entry.get("draft", False), bool)
        assert entry.get("output") is None or isinstance(entry["output"], str)


# -- reference.docx -------------------------------------------------------------------------------------------
CORE_VARIANT = "http://schemas.openxmlformats.org/officedocument/2006/relationships/metadata/core-properties"


def _parts() -> dict[str, bytes]:
    with zipfile.ZipFile(ROOT / "templates" / "reference.docx") as z:
        return {n: z.read(n) for n in z.namelist()}


PARTS = _parts()


@st.composite
def packages(draw):
    """The real reference.docx after a few edits to its parts (what a word processor, a script or a
    damaged download could leave), or its bytes mutated."""
    if draw(st.integers(0, 4)) == 0:
        return draw(mutated((ROOT / "templates" / "reference.docx").read_bytes()))
    parts = dict(PARTS)
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(sorted(parts)))
        op = draw(st.sampled_from(["drop", "truncate", "garbage", "main-type", "core-variant", "core-twice",
                                   "no-sectPr", "rename-style", "footnotes-type"]))
        if op == "drop":
            parts.pop(name, None)
        elif op == "truncate" and name in parts:
            parts[name] = parts[name][: draw(st.integers(0, len(parts[name])))]
        elif op == "garbage" and name in parts:
            parts[name] = draw(st.binary(max_size=40))
        elif op == "main-type" and "[Content_Types].xml" in parts:
            kind = draw(st.sampled_from([b"template.main+xml", b"document.macroEnabled.main+xml", b"nonsense+xml"]))
            parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"document.main+xml", kind)
        elif op in ("core-variant", "core-twice") and "_rels/.rels" in parts:
            rels = parts["_rels/.rels"]
            extra = f'<Relationship Id="rId99" Type="{CORE_VARIANT}" Target="docProps/core.xml"/>'.encode()
            standard = b"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
            parts["_rels/.rels"] = (rels.replace(standard, CORE_VARIANT.encode()) if op == "core-variant"
                                    else rels.replace(b"</Relationships>", extra + b"</Relationships>"))
        elif op == "no-sectPr" and "word/document.xml" in parts:
            doc = parts["word/document.xml"]
            start, end = doc.find(b"<w:sectPr"), doc.find(b"</w:sectPr>")
            if 0 <= start < end:
                parts["word/document.xml"] = doc[:start] + doc[end + len(b"</w:sectPr>"):]
        elif op == "rename-style" and "word/styles.xml" in parts:
            parts["word/styles.xml"] = parts["word/styles.xml"].replace(b'w:val="Footnote Text"', b'w:val="Notes"', 1)
        elif op == "footnotes-type" and "[Content_Types].xml" in parts:
            parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"footnotes+xml", b"xml")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


@FUZZ
@given(packages())
@example((ROOT / "templates" / "reference.docx").read_bytes())
def test_reference_docx_fuzz(project, small, data):
    """A reference.docx either gives a valid DOCX (unique part names, one core-properties relationship,
    python-docx reopens it) or one line naming templates/reference.docx."""
    import docx
    from compendium.localize.conventions import load_style
    from compendium.render import writer
    from compendium.render.edition import load_edition
    path = project / "templates" / "reference.docx"
    path.write_bytes(data)
    try:
        out = writer("docx")(small, load_edition(load_style("en", project / "locales"), project / "templates"))
    except CompendiumError as exc:
        _one_line(exc)
        assert exc.file == str(path), str(exc)
        return
    finally:
        shutil.copy(ROOT / "templates" / "reference.docx", path)
    with zipfile.ZipFile(io.BytesIO(out)) as z:
        names = z.namelist()
        assert len(names) == len(set(names))
        assert z.read("_rels/.rels").count(b"metadata/core-properties") == 1
    docx.Document(io.BytesIO(out))
    event("accepted: a valid DOCX")
