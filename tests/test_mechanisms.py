"""The shared mechanisms of issue 20, each with the property it guarantees, tested on generated inputs,
and the defects it fixes, each as a test a user's view would fail on before.

- atomic: a file written keeps the mode a user expects, a link stays a link, a special file is written
  through (test_written_file_properties)
- corpus.files: one rule for what is a chapter (test_chapter_discovery_property)
- schema: one validation layer, file:line (test_toml_lines_property, test_accepted_values_are_usable)
- render.docx.reference: any Word/LibreOffice save of the styles template gives a valid DOCX
- render.pdf.strict: a CSS slip is an error with its line (test_css_source_check_property)
- render.pdf.fonts: no glyph in a face the edition does not name (test_font_check_property)
- localize.breaks: no run without a line break longer than the bound (test_bounded_runs_property)
"""
from __future__ import annotations

import io
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from test_robustness import A07, FR, ROOT, copy_project, edit, error_line, record, run

PROPERTY = settings(deadline=None, suppress_health_check=list(HealthCheck), max_examples=60)
BUILD = ("build", "--lang", "en", "--format", "txt", "--jobs", "1")
_umask_lock = threading.Lock()


def _run_umask(mask: int, *args, cwd: Path):
    return subprocess.run([sys.executable, "-m", "compendium", *args], cwd=cwd, capture_output=True, text=True,
                          preexec_fn=lambda: os.umask(mask))


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


# -- atomic: the one writer -------------------------------------------------------------------------------
def test_every_file_written_gets_the_mode_a_user_expects(tmp_path):
    """Defect 6: catalogues, POT, outputs and the manifest were 0600 (the temporary file's mode)."""
    project = copy_project(tmp_path / "p")
    edit(project / A07, "multi-year workplan", "multi-year plan of work")
    for args in (("extract",), ("update", "--lang", "fr"), BUILD):
        r = _run_umask(0o022, *args, cwd=project)
        assert r.returncode == 0, r.stderr
    written = {p: _mode(project / p) for p in ("locales/compendium.pot", FR, "build/en/compendium.txt",
                                                 "build/.manifest.json", "build/en")}
    assert written == {**{p: 0o644 for p in written}, "build/en": 0o755}, {p: oct(m) for p, m in written.items()}
    record("outputs", "files written under umask 022 (POT, .po, text proof, manifest)",
           "compendium extract; update; build", 0, "(no message) every file 0644, new folders 0755")
    os.chmod(project / FR, 0o664)                       # a translator's shared catalogue: group-writable
    edit(project / A07, "plan of work", "work plan")
    assert _run_umask(0o077, "extract", cwd=project).returncode == 0
    assert _run_umask(0o077, "update", "--lang", "fr", cwd=project).returncode == 0
    assert _mode(project / FR) == 0o664 and "work plan" in (project / FR).read_text(encoding="utf-8")
    assert _mode(project / "locales/compendium.pot") == 0o644           # an existing file keeps its mode
    record("outputs", "existing .po of mode 0664, update under umask 077", "compendium update --lang fr", 0,
           "(no message) the catalogue keeps 0664")


def test_a_symlinked_catalogue_stays_a_link_and_its_target_is_updated(tmp_path):
    """Defect 6: a .po symlinked into another checkout became a plain file and the target went stale."""
    project = copy_project(tmp_path / "p")
    elsewhere = tmp_path / "other-checkout" / "fr"
    elsewhere.mkdir(parents=True)
    shutil.move(project / FR, elsewhere / "compendium.po")
    os.symlink(os.path.relpath(elsewhere / "compendium.po", (project / FR).parent), project / FR)
    edit(project / A07, "multi-year workplan", "multi-year plan of work")
    assert run("extract", cwd=project).returncode == 0
    r = run("update", "--lang", "fr", cwd=project)
    assert r.returncode == 0, r.stderr
    assert (project / FR).is_symlink() and (project / FR).resolve() == (elsewhere / "compendium.po").resolve()
    assert "plan of work" in (elsewhere / "compendium.po").read_text(encoding="utf-8")
    assert not list(elsewhere.glob("*.tmp")) and not list((project / FR).parent.glob(".*.tmp"))
    record("outputs", ".po that is a symbolic link into another checkout", "compendium update --lang fr", 0,
           "(no message) the link stays a link; its target is updated, atomically, in its own folder")


def test_extract_to_dev_stdout_writes_through_it(tmp_path):
    """Defect 6: as root, `extract --output /dev/stdout` replaced /dev/stdout with a regular file."""
    project = copy_project(tmp_path / "p")
    assert os.path.islink("/dev/stdout")
    r = run("extract", "--output", "/dev/stdout", cwd=project)
    assert r.returncode == 0, r.stderr
    assert os.path.islink("/dev/stdout")
    pot = polib.pofile(r.stdout)                          # the whole POT on stdout, nothing else
    assert len([e for e in pot if e.msgid]) > 300
    assert r.stdout.startswith("# Translations template") and r.stdout.rstrip().endswith('"')
    assert "/dev/stdout: " in r.stderr and "messages" in r.stderr      # the summary went to stderr
    record("outputs", "extract --output /dev/stdout (as root)", "compendium extract --output /dev/stdout", 0,
           "(no message on stdout: the POT) /dev/stdout stays a link; the summary goes to stderr")


def test_extract_to_a_fifo_writes_into_it(tmp_path):
    project = copy_project(tmp_path / "p")
    fifo = tmp_path / "pot.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    try:                                      # (the old writer read the pipe first, and waited forever)
        r = subprocess.run([sys.executable, "-m", "compendium", "extract", "--output", str(fifo)], cwd=project,
                           capture_output=True, text=True, timeout=120)
    finally:
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)) if reader.is_alive() else None
    reader.join(30)
    assert r.returncode == 0, r.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and got and got[0].startswith(b"# Translations template")
    record("outputs", "extract --output into a named pipe (FIFO)", "compendium extract --output pot.fifo", 0,
           "(no message) written into the pipe; the FIFO stays a FIFO")


links = st.lists(st.tuples(st.booleans(), st.booleans()), max_size=3)     # (absolute?, in another folder?)


@PROPERTY
@given(mask=st.sampled_from([0o022, 0o002, 0o077, 0o027, 0o000]),
       existing=st.one_of(st.none(), st.sampled_from([0o600, 0o640, 0o644, 0o664, 0o755, 0o444])),
       chain=links, data=st.binary(max_size=2000))
@example(mask=0o022, existing=None, chain=[], data=b"x")
def test_written_file_properties(tmp_path_factory, mask, existing, chain, data):
    """atomic.write_bytes(path): afterwards the file (at the end of path's links) holds `data`; a new
    file has mode 0666 & ~umask, an existing one keeps its mode; every link is still the same link;
    no temporary file is left in any folder involved."""
    from compendium import atomic
    tmp = tmp_path_factory.mktemp("w")
    target = tmp / "real" / "out.po"
    target.parent.mkdir()
    if existing is not None:
        target.write_bytes(b"old")
        os.chmod(target, existing)
    path, links_made = target, []
    for i, (absolute, other) in enumerate(chain):           # link -> link -> … -> target
        folder = tmp / (f"d{i}" if other else "real")
        folder.mkdir(exist_ok=True)
        link = folder / f"link{i}.po"
        os.symlink(path if absolute else os.path.relpath(path, folder), link)
        links_made.append((link, os.readlink(link)))
        path = link
    with _umask_lock:
        old = os.umask(mask)
        try:
            atomic.write_bytes(path, data)
        finally:
            os.umask(old)
    assert target.read_bytes() == data
    assert _mode(target) == (0o666 & ~mask if existing is None else existing)
    for link, pointed in links_made:
        assert link.is_symlink() and os.readlink(link) == pointed
    assert not [p for p in tmp.rglob("*") if p.name.endswith(".tmp")]


# -- corpus.files: one rule for what is a chapter ----------------------------------------------------------
CHAPTERS = [f"{n:02d}.yaml" for n in range(1, 14)] + ["100.yaml"]
DROPPINGS = ["._07.yaml", ".#07.yaml", "07.yaml~", "#07.yaml#", ".07.yaml.swp", "07.yaml.orig", "README.md",
             ".DS_Store", "notes.txt", "07.yaml.bak"]
MISNAMED = ["07.yml", "07.YAML", "7.yaml", "07 copy.yaml", "07-old.yaml", "chapter.yaml", "1000.yaml", "Ab.Yml"]


@PROPERTY
@given(st.sets(st.sampled_from(CHAPTERS + DROPPINGS + MISNAMED), max_size=12))
def test_chapter_discovery_property(tmp_path_factory, names):
    """chapter_files(folder): exactly the NN.yaml files, in name order, when nothing is misnamed; a
    misnamed YAML file is an error naming it; droppings change nothing. corpus_files never lists a
    dropping or a misnamed file."""
    from compendium.corpus.files import chapter_files, corpus_files
    from compendium.errors import CompendiumError
    root = tmp_path_factory.mktemp("c") / "content"
    folder = root / "A"
    folder.mkdir(parents=True)
    for name in names:
        (folder / name).write_bytes(b"\x00\x05\x16\x07 not a chapter" if name.startswith(".") else b"meeting: 1\n")
    misnamed = sorted(set(names) & set(MISNAMED))
    if misnamed:
        with pytest.raises(CompendiumError) as caught:
            chapter_files(folder)
        assert caught.value.file == str(folder / min(misnamed)) and "NN.yaml" in str(caught.value)
    else:
        assert [p.name for p in chapter_files(folder)] == sorted(set(names) & set(CHAPTERS))
    assert {p.name for p in corpus_files(root)} == set(names) & set(CHAPTERS)


def test_editor_droppings_are_not_chapters(tmp_path):
    """Defect 7: macOS ._07.yaml and the Emacs lock .#07.yaml were loaded as chapters (every command failed)."""
    clean = copy_project(tmp_path / "clean")
    project = copy_project(tmp_path / "p")
    part = project / "content" / "A"
    (part / "._07.yaml").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ")   # AppleDouble header
    os.symlink("root@host.4242:1700000000", part / ".#07.yaml")       # an Emacs lock is a dangling link
    (part / "07.yaml~").write_text("meeting: 99\n", encoding="utf-8")
    (part / "#07.yaml#").write_text("meeting: [\n", encoding="utf-8")
    for p in (clean, project):
        assert run(*BUILD, cwd=p).returncode == 0
        assert run("extract", cwd=p).returncode == 0
    assert (project / "build/en/compendium.txt").read_bytes() == (clean / "build/en/compendium.txt").read_bytes()
    pot = lambda p: (p / "locales/compendium.pot").read_text(encoding="utf-8").split("\n\n", 1)[1]
    assert pot(project) == pot(clean)
    r = run(*BUILD, cwd=project)
    assert "1 up to date" in r.stdout                    # the droppings are not inputs either
    record("corpus files", "content/A/._07.yaml, .#07.yaml, 07.yaml~, #07.yaml# beside the chapters",
           "compendium build; extract", 0, "(no message) ignored: the same proof and POT as without them")


# -- schema: one validation layer -------------------------------------------------------------------------
bare = st.from_regex(r"[a-z][a-z0-9_-]{0,8}", fullmatch=True)
quoted = st.text(st.characters(codec="utf-8", exclude_characters='"\\\n\r\x7f', exclude_categories=("Cc", "Cs")),
                 min_size=1, max_size=6).map(lambda k: f'"{k}"')
scalar = st.one_of(st.integers(-99, 99).map(str), st.booleans().map(lambda b: str(b).lower()),
                   st.sampled_from(['"a # not a comment"', "'x = 1'", '"[fake]"', '"""\nkey = "no"\n[no]\n"""',
                                    "'''\n[x]\n'''", '"{n}."', "1.5", '"é"']),
                   st.lists(st.sampled_from(['"a"', "1", '"]"', '"["']), max_size=4).map(
                       lambda items: "[\n  " + ",\n  ".join(items) + ",\n]" if items else "[]"))
comment = st.sampled_from(["", "  # a comment", " # [not] = a table"])


@st.composite
def toml_documents(draw):
    """A TOML text and, for each key, the line that defines it (the truth toml_lines must find)."""
    lines, expected = [], {}
    tables = draw(st.lists(st.tuples(st.lists(bare, min_size=1, max_size=2), st.lists(
        st.tuples(st.one_of(bare, quoted), scalar, comment), max_size=4, unique_by=lambda kv: kv[0])),
        max_size=4, unique_by=lambda t: tuple(t[0])))
    seen_tables: set = set()
    for path, keys in tables:
        path = tuple(path)
        if any(path[:k] in seen_tables or path[:k] in expected for k in range(1, len(path) + 1)) or \
                any(t[:len(path)] == path for t in seen_tables):
            continue
        seen_tables.add(path)
        lines.append(f"[{'.'.join(path)}]{draw(comment)}")
        for key, value, note in keys:
            name = key if not key.startswith('"') else json.loads(key)
            expected[path + (name,)] = len(lines) + 1
            lines += f"{key} = {value}{note}".split("\n")
            lines += [""] * draw(st.integers(0, 1))
    return "\n".join(lines) + "\n", expected


@PROPERTY
@given(toml_documents())
def test_toml_lines_property(document):
    """toml_lines(text) gives every key tomllib reads the line that defines it, whatever the strings,
    comments and multi-line values around it hold."""
    import tomllib
    from compendium.schema import toml_lines
    text, expected = document
    data = tomllib.loads(text)                            # the generator writes valid TOML

    def leaves(d, path=()):
        for k, v in d.items():
            if isinstance(v, dict) and v:
                yield from leaves(v, path + (k,))
            elif not isinstance(v, dict):
                yield path + (k,)
    assert set(leaves(data)) == set(expected)
    lines = toml_lines(text)
    for path, line in expected.items():
        assert lines.get(path) == line, (path, line, text)


@PROPERTY
@given(st.lists(st.sampled_from(list("0123456789.") + ["mm", "pt", "cm", "in", "px", "em", " ", "-"]), max_size=8).map("".join))
def test_accepted_lengths_are_read_alike_by_both_writers(value):
    """A length the edition schema accepts is one the DOCX writer (twips) and the PDF filters read, to
    the same number of points."""
    from compendium.errors import CompendiumError
    from compendium.render.docx.oxml import points
    from compendium.render.edition import MARGIN
    from compendium.render.pdf.filters import css_length
    from compendium.schema import Source, length_points
    try:
        MARGIN.check(value, Source("edition.toml", {}), ("page", "margin_top"))
    except CompendiumError as exc:
        assert exc.file == "edition.toml" and "[page] margin_top" in exc.message
        return
    assert str(css_length(value)) == value
    assert abs(points(value) - length_points(value)) < 1e-9


FIELD_PIECES = ["{n}", "{a}", "{A}", "{i}", "{I}", "{seq:abjad}", "{seq:none}", "{x}", "{", "}", "{{", "(", ")",
                " -", ".", "ب", "{0}", "{1}", "{d1}", "{month1}", "{0!r}", "{0:>9}", "{1.real}", "x"]


@PROPERTY
@given(st.lists(st.sampled_from(FIELD_PIECES), max_size=6).map("".join), st.integers(1, 28))
def test_accepted_patterns_are_usable(pattern, n):
    """A label the style.toml schema accepts numbers any item without error; an and-list or date
    pattern it accepts is filled by str.format with the tool's fields, and keeps every item."""
    from compendium.localize.conventions import DATE_FIELDS, LIST_PATTERN, Style, label_pattern
    from compendium.schema import format_fields
    style = Style("ar", "ar", "ar", "rtl", "western", {}, {}, {}, {}, {}, sequences={"abjad": list("أبجدهوزحطيكلمنسعفصقرشتثخذضظغ")})
    if label_pattern(pattern) is None and "{seq:none}" not in pattern:
        style.number(pattern, n)
    if LIST_PATTERN.pattern(pattern) is None:
        out = pattern.format("FIRST", "SECOND")
        assert "FIRST" in out and "SECOND" in out
    if format_fields(DATE_FIELDS)(pattern) is None:
        pattern.format(**{f: f.upper() for f in DATE_FIELDS})


@pytest.mark.parametrize("manifest,where", [
    ('{"outputs": [1, 2]}', "missing key 'version'"),
    ('{"version": 1, "outputs": {"en/compendium.txt": 5}}', "'outputs.en/compendium.txt' must be a table"),
    ('{"version": 1, "outputs": {"en/compendium.txt": {"inputs": "x", "output": null, "pages": "many"}}}',
     "'outputs.en/compendium.txt.pages' must be a whole number"),
    ('{"version": 2, "outputs": {}}', "'version' is 2: written by another version of compendium"),
    ('{"version": 1, "outputs": {', "not valid JSON"),
], ids=["list", "number", "pages", "version", "json"])
def test_a_manifest_of_the_wrong_shape_is_a_warning_and_everything_is_rebuilt(tmp_path, manifest, where):
    """Defect 9: a manifest of the wrong shape was an internal error (AttributeError)."""
    project = copy_project(tmp_path / "p")
    path = project / "build" / ".manifest.json"
    path.parent.mkdir()
    path.write_text(manifest, encoding="utf-8")
    r = run(*BUILD, cwd=project)
    assert r.returncode == 0, r.stderr
    line = r.stderr.strip().splitlines()[-1]
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr
    assert re.match(r"compendium: build/\.manifest\.json(:\d+)?: warning: ", line) and where in line, line
    assert "every output is rebuilt" in line and "1 built" in r.stdout
    assert set(json.loads(path.read_text(encoding="utf-8"))["outputs"]) == {"en/compendium.txt"}
    record("outputs", f"build/.manifest.json: {manifest}", "compendium " + " ".join(BUILD), 0, line)


def test_an_unreadable_catalogue_during_build_is_one_line(tmp_path, monkeypatch, capsys):
    """Defect 9: an unreadable .po was an internal error of the build (PermissionError in the hasher)."""
    from compendium import build, cli
    project = copy_project(tmp_path / "p")
    real = Path.read_bytes
    po = (project / FR).resolve()

    def read_bytes(self):
        if self.resolve() == po:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)
    monkeypatch.chdir(project)
    monkeypatch.setattr(build, "_cache", {})
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    code = cli.main(["build", "--lang", "fr", "--format", "txt", "--jobs", "1"])
    err = capsys.readouterr().err
    line = error_line(err)
    assert code == 2 and f"{FR}: cannot read: Permission denied" in line, err
    record("bad input", ".po unreadable (no permission, simulated)", "compendium build --lang fr --format txt", code, line)


# -- reference.docx ---------------------------------------------------------------------------------------
def _valid_docx(path: Path) -> None:
    """A package Word and LibreOffice open: unique part names, one core-properties relationship."""
    import docx
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        assert len(names) == len(set(names)), [n for n in names if names.count(n) > 1]
        rels = z.read("_rels/.rels").decode()
        assert rels.count("metadata/core-properties") == 1, rels
        assert z.testzip() is None
    assert docx.Document(str(path)).core_properties.author == "United Nations Office on Drugs and Crime"  # meta.author


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed")
@pytest.mark.parametrize("filter_name", ["", ":Office Open XML Text"], ids=["word-2007-365", "office-open-xml"])
def test_a_reference_docx_resaved_by_libreoffice_gives_a_valid_docx(tmp_path, filter_name):
    """Defect 4: docProps/core.xml twice in the package, two core-properties relationships."""
    project = copy_project(tmp_path / "p")
    out = tmp_path / "lo"
    r = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                        "--convert-to", "docx" + filter_name, "--outdir", str(out), str(project / "templates/reference.docx")],
                       capture_output=True, text=True, timeout=180)
    assert (out / "reference.docx").is_file(), r.stderr
    shutil.copy(out / "reference.docx", project / "templates/reference.docx")
    r = run("build", "--lang", "en", "--format", "docx", "--jobs", "1", cwd=project)
    assert r.returncode == 0, r.stderr
    assert "Duplicate name" not in r.stderr
    _valid_docx(project / "build/en/compendium.docx")
    record("reference.docx", "reference.docx re-saved by LibreOffice (soffice --convert-to docx"
           + filter_name + ")", "compendium build --lang en --format docx", 0,
           "(no message) a valid DOCX: one docProps/core.xml, one core-properties relationship")


def test_a_word_template_dotx_as_reference_is_accepted(tmp_path):
    """Defect 9: a .dotx (Word's "Save as template") was an internal error; it is a styles template."""
    project = copy_project(tmp_path / "p")
    ref = project / "templates/reference.docx"
    buf = io.BytesIO()
    with zipfile.ZipFile(ref) as z, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as w:
        for info in z.infolist():
            data = z.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            w.writestr(info, data)
    ref.write_bytes(buf.getvalue())
    r = run("build", "--lang", "en", "--format", "docx", "--jobs", "1", cwd=project)
    assert r.returncode == 0, r.stderr
    _valid_docx(project / "build/en/compendium.docx")
    with zipfile.ZipFile(project / "build/en/compendium.docx") as z:
        assert b"document.main+xml" in z.read("[Content_Types].xml")
    record("reference.docx", "reference.docx saved as a Word template (.dotx)", "compendium build --lang en --format docx",
           0, "(no message) accepted: the edition is a Word document")


# -- render.pdf.strict: CSS ------------------------------------------------------------------------------------
css_atoms = st.sampled_from(["color: red;", 'content: "{";', "content: '}';", "/* { */", "margin: calc(1mm + (2mm));",
                             "font: 9pt serif;", 'content: "\\"";', "x: url(a.png);", "\n"])


@st.composite
def stylesheets(draw, depth=0):
    rules = []
    for _ in range(draw(st.integers(1, 3))):
        selector = draw(st.sampled_from(["p", ".a > .b", "@page main", "@media print", "a[href]", "@page :left"]))
        body = " ".join(draw(st.lists(css_atoms, max_size=3)))
        if depth < 1 and selector.startswith(("@page", "@media")) and draw(st.booleans()):
            body += " " + draw(stylesheets(depth + 1))
        rules.append(f"{selector} {{ {body} }}" + draw(st.sampled_from(["\n", " ", "\n\n"])))
    return "".join(rules)


@PROPERTY
@given(stylesheets(), st.data())
def test_css_source_check_property(sheet, data):
    """check_css_source passes every well-formed sheet, and fails one that lost any single brace, bracket
    or parenthesis (outside strings and comments), naming a line of the sheet."""
    from compendium.errors import CompendiumError
    from compendium.render.pdf.strict import check_css_source
    check_css_source(sheet, "book.css")
    masked = re.sub(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'|/\*.*?\*/', lambda m: "_" * len(m.group()), sheet, flags=re.S)
    positions = [i for i, c in enumerate(masked) if c in "{}()"]
    at = data.draw(st.sampled_from(positions))
    broken = sheet[:at] + sheet[at + 1:]
    with pytest.raises(CompendiumError) as caught:
        check_css_source(broken, "book.css")
    assert caught.value.file == "book.css" and 1 <= caught.value.line <= broken.count("\n") + 1


def test_jinja_tags_keep_the_lines_of_a_css_template():
    from compendium.errors import CompendiumError
    from compendium.render.pdf.strict import check_css_source
    source = (ROOT / "templates/pdf/page.css.j2").read_text(encoding="utf-8")
    check_css_source(source, "page.css.j2")
    lines = source.splitlines()
    k = next(i for i, line in enumerate(lines) if line.startswith("html {"))
    lines[k] = "html"
    with pytest.raises(CompendiumError) as caught:
        check_css_source("\n".join(lines), "page.css.j2")
    assert "closes nothing" in caught.value.message


# -- render.pdf.fonts ---------------------------------------------------------------------------------------
class _Font:
    def __init__(self, family, text, missing=""):
        self.family, self.to_unicode, self.missing = family, dict(enumerate(text)), {ord(c): 0 for c in missing}


class _Document:
    def __init__(self, fonts):
        self.fonts = dict(enumerate(fonts))


faces = st.lists(st.tuples(st.sampled_from(["Noto Serif", "noto serif", "DejaVu Sans", "Noto Sans Mongolian"]),
                           st.text(st.sampled_from("aé中\u200b \u00ad\u2060ب"), max_size=5),
                           st.text(st.sampled_from("x\u200b "), max_size=2)), max_size=4)


@PROPERTY
@given(faces)
def test_font_check_property(fonts):
    """check_glyphs fails, naming the face and characters, exactly when a visible character was set in a
    face the edition does not name or has no glyph; spaces and format controls never count."""
    from compendium.errors import CompendiumError
    from compendium.localize.conventions import load_style
    from compendium.render.pdf.fonts import check_glyphs
    style = load_style("en", ROOT / "locales")                      # names Noto Serif
    visible = lambda s: [c for c in s if c.strip() and c not in "\u200b\u00ad\u2060"]
    bad = any(visible(missing) for _, _, missing in fonts) or any(
        family.casefold() != "noto serif" and visible(text) for family, text, _ in fonts)
    try:
        check_glyphs(_Document([_Font(*f) for f in fonts]), style)
    except CompendiumError as exc:
        assert bad and exc.file == style.path and exc.line
        assert any(family in exc.message for family, _, _ in fonts)
        return
    assert not bad


def test_a_missing_font_fails_the_build_and_the_font_setup_is_an_input(tmp_path):
    """Defect 1: Noto hidden from fontconfig gave a "final" PDF in a fallback face, exit 0, and once the
    font was back the broken PDF stayed "up to date"."""
    project = copy_project(tmp_path / "p")
    conf = tmp_path / "hide-noto-serif.conf"
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
                    '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
                    "  <selectfont><rejectfont><glob>/usr/share/fonts/truetype/noto/NotoSerif-*</glob>"
                    "</rejectfont></selectfont>\n</fontconfig>\n", encoding="utf-8")
    hidden = dict(os.environ, FONTCONFIG_FILE=str(conf))
    digest = ("from pathlib import Path; from compendium import build, manifest; "
              "s = build.Settings(Path('content'), Path('locales'), Path('templates'), Path('build')); "
              "print(build.inputs(s, 'en', '{}', manifest.Hasher()))")
    ask = lambda fmt, env: subprocess.run([sys.executable, "-c", digest.format(fmt)], cwd=project, env=env,
                                          capture_output=True, text=True).stdout
    assert ask("pdf", None) != ask("pdf", hidden)                  # the font set-up is an input of the PDF
    assert ask("docx", None) == ask("docx", hidden)                # and only of the PDF
    old = project / "build/en/compendium.pdf"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"%PDF- an earlier edition")
    r = subprocess.run([sys.executable, "-m", "compendium", "build", "--lang", "en", "--format", "pdf", "--jobs", "1"],
                       cwd=project, env=hidden, capture_output=True, text=True)
    assert r.returncode == 2, r.stdout + r.stderr
    line = error_line(r.stderr)
    assert "locales/en/style.toml:" in line and "Noto Serif: not found by fontconfig" in line, line
    assert "a font the edition does not name (its fonts: Noto Serif)" in line and "U+0041" in line, line
    assert old.read_bytes() == b"%PDF- an earlier edition"          # nothing "final" written
    record("fonts", "Noto Serif hidden from fontconfig (FONTCONFIG_FILE rejecting NotoSerif-*)",
           "compendium build --lang en --format pdf", 2, line)


# -- localize.breaks: a bound on layout time -------------------------------------------------------------------
run_text = st.lists(st.one_of(st.sampled_from([" ", "a", "é", "中", "ب", "/", "-", "\u200b", "\u00a0", "😀", "."]),
                              st.text("abc", min_size=30, max_size=120)), max_size=12).map("".join)


@PROPERTY
@given(run_text, st.integers(10, 60), st.sampled_from(["en", "fr", "ar", "zh", "ru"]))
@example("a" * 121 + "-" + "a" * 30, 11, "en")   # a cut before "-" made it word-initial (UAX #14 LB20a)
def test_bounded_runs_property(text, limit, locale):
    """with_breaks(text) has no run longer than `limit` without a line-break opportunity, reads the same
    without the U+200B it added, and leaves a text that had no such run untouched."""
    from compendium.localize.breaks import ZWSP, long_runs, longest_run, with_breaks
    bounded = with_breaks(text, limit, locale)
    assert not long_runs(bounded, limit, locale)
    assert longest_run(bounded, locale) <= limit
    if not long_runs(text, limit, locale):
        assert bounded == text
    extra = len(bounded) - len(text)
    assert extra >= 0 and bounded.replace(ZWSP, "") == text.replace(ZWSP, "")


def test_a_5000_character_run_does_not_hold_the_layout(en_2023):
    """Defect 8: a 5,000-character unbreakable string kept the PDF build running past 5 minutes."""
    import copy
    from compendium.localize.conventions import load_style
    from compendium.render.edition import load_edition
    from compendium.render.pdf.writer import layout, render_html
    tree = copy.deepcopy(en_2023)
    tree.intro.blocks[1].runs[0].text += " " + "a" * 5000
    tree.index.topics[0].rows[0].topic += " " + "b" * 5000          # a table cell: the slowest case
    start = time.perf_counter()
    edition = load_edition(load_style("en", ROOT / "locales"), ROOT / "templates")
    document, moved, _ = layout(tree, edition)
    seconds = time.perf_counter() - start
    html, _ = render_html(tree, edition, moved)
    assert seconds < 120, seconds                              # 2,000 characters alone took 8 s, 5,000 minutes
    assert html.count("\u200b") >= 2 * 5000 // 40 - 2 and "a" * 41 not in html and "b" * 41 not in html
    record("translation text", "a run of 5,000 characters without a break (PDF layout)",
           "compendium build --format pdf", 0, f"(no message) a break opportunity every 40 characters: "
           f"laid out in {seconds:.0f} s")


def test_check_reports_an_unbreakable_run(tmp_path):
    project = copy_project(tmp_path / "p")
    po = polib.pofile(str(project / FR), wrapwidth=76)
    entry = next(e for e in po if e.msgstr and not e.msgctxt and not e.fuzzy and len(e.msgid) < 400)
    entry.msgstr += " " + "a" * 5000
    po.save()
    r = run("check", "--lang", "fr", cwd=project)
    assert r.returncode == 1
    line = next(x for x in r.stdout.splitlines() if "unbreakable" in x)
    assert re.match(rf"{re.escape(FR)}:\d+: \[", line) and "a run of 5000 characters" in line
    assert "max_unbreakable" in line
    record("translation text", "msgstr with a run of 5,000 characters without a break", "compendium check --lang fr",
           1, line[:220] + ("…" if len(line) > 220 else ""))
