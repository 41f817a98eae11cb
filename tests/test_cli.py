"""The command line: outputs, exit codes, and one clear line (never a traceback) for bad input."""
from pathlib import Path

import pytest
from clirun import copy_project, edit, run

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path)


def assert_clean_error(r, *fragments):
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    for f in fragments:
        assert f in lines[0], lines[0]


def test_build_writes_the_english_proof(project):
    r = run("build", "--lang", "en", "--format", "txt", cwd=project)
    assert r.returncode == 0, r.stderr
    text = (project / "build" / "en" / "compendium.txt").read_text(encoding="utf-8")
    assert "26. In its delivery of technical assistance" in text
    assert not list((project / "build" / "en").glob(".*tmp"))


def test_validate_reports_known_irregularities_as_warnings(project):
    r = run("validate", cwd=project)
    assert r.returncode == 0, r.stdout + r.stderr
    out = r.stdout
    assert "CTOC/COP/WG.2.2016/5" in out and "CTOC/COP/WG.2/2008/7" in out
    assert 'says "first nine sessions" but part B has 8' in out
    assert all(": warning: " in line for line in out.strip().splitlines())
    assert "0 error(s)" in r.stderr


def test_validate_fails_on_an_undocumented_index_difference(project):
    edit(project / "content" / "index.yaml", "- A.VII.26\n", "- A.VII.25\n")
    r = run("validate", cwd=project)
    assert r.returncode == 1
    assert "derived index differs from the published one" in r.stdout and "Accra Agenda" in r.stdout


def test_validate_fails_on_uncited_footnote(project):
    edit(project / "content" / "footnotes.yaml", "ibid-b8: Ibid.", "ibid-b8: Ibid.\nspare: An uncited note.")
    r = run("validate", cwd=project)
    assert r.returncode == 1 and "content/footnotes.yaml:" in r.stdout and "'spare' is never cited" in r.stdout


def test_validate_fails_on_symbol_of_another_year(project):
    edit(project / "content" / "A" / "07.yaml", "report: CTOC/COP/WG.2/2013/5", "report: CTOC/COP/WG.2/2019/5")
    r = run("validate", cwd=project)
    assert r.returncode == 1 and "content/A/07.yaml:" in r.stdout and "2019" in r.stdout


@pytest.mark.parametrize("args,fragment", [
    (("build", "--lang", "xx"), "unknown language 'xx'"),
    (("build", "--format", "odt"), "unknown format 'odt'"),
    (("build", "--frobnicate"), "unrecognized arguments: --frobnicate"),
    (("explode",), "invalid choice: 'explode'"),
])
def test_usage_errors_exit_2(args, fragment):
    r = run(*args)
    assert r.returncode == 2 and fragment in r.stderr and "Traceback" not in r.stderr


BUILD_EN_TXT = ("build", "--lang", "en", "--format", "txt")


def test_a_corpus_error_stops_the_whole_build_before_any_output(project):
    """A bad chapter file stops `build` of every language and format with one line, before any job:
    the outputs of the last good build and its manifest stay as they were, nothing new is written.
    (tests/test_robustness.py lists the messages; this is what a build does with them.)"""
    assert run(*BUILD_EN_TXT, cwd=project).returncode == 0
    out = project / "build"
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    edit(project / "content" / "A" / "07.yaml", "- '2013-10-28'", "- 28 October 2013")   # a date in words
    r = run("build", "--jobs", "2", "--force", cwd=project)
    assert_clean_error(r, "content/A/07.yaml:4:", "bad date", "YYYY-MM-DD")
    assert r.stdout == ""                                   # no progress, no summary: no job started
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_unknown_key_and_bad_markup(project):
    """A file with an unknown key and bad inline markup: build, validate and extract all name the
    first problem in the same line (and extract leaves the POT alone); fixed, the markup is named
    with its line and the fix to make; made as the hint says, the text prints the literal bracket."""
    chapter = project / "content" / "A" / "07.yaml"
    pot = project / "locales" / "compendium.pot"
    pot_before = pot.read_bytes()
    edit(chapter, "report: CTOC", "reprot: CTOC")
    edit(chapter, "multi-year workplan", "multi-year] workplan")
    lines = set()
    for command in (BUILD_EN_TXT, ("validate",), ("extract",)):
        r = run(*command, cwd=project)
        assert_clean_error(r, "content/A/07.yaml:6:", "unknown key 'reprot'", "allowed here")
        lines.add(r.stderr)
    assert len(lines) == 1 and pot.read_bytes() == pot_before
    edit(chapter, "reprot: CTOC", "report: CTOC")
    r = run(*BUILD_EN_TXT, cwd=project)
    assert_clean_error(r, "content/A/07.yaml:13:", "inline markup: unmatched ']'", "write \\]")
    edit(chapter, "multi-year] workplan", "multi-year\\] workplan")
    r = run(*BUILD_EN_TXT, cwd=project)
    assert r.returncode == 0, r.stderr
    text = (project / "build" / "en" / "compendium.txt").read_text(encoding="utf-8")
    assert "multi-year] workplan" in text and "\\]" not in text


def test_a_place_is_not_printed_so_it_is_refused_with_the_reason(project):
    edit(project / "content" / "A" / "07.yaml", "report: CTOC", "place: Vienna\nreport: CTOC")
    assert_clean_error(run("build", cwd=project), "content/A/07.yaml:6:", "unknown key 'place'",
                       "the book prints no place of meeting; remove the line")


def test_debug_shows_traceback(project):
    edit(project / "content" / "A" / "07.yaml", "report: CTOC", "report: [CTOC")
    r = run("--debug", "build", cwd=project)
    assert r.returncode == 2 and "Traceback" in r.stderr


def test_unwritable_output_folder(project):
    out = project / "ro"
    out.mkdir()
    out.chmod(0o500)
    try:
        r = run("build", "--format", "txt", "--out", str(out / "sub"), cwd=project)
        if r.returncode == 0:
            pytest.skip("running as a user who can write anywhere (root)")
        assert_clean_error(r, "not writable")
    finally:
        out.chmod(0o700)


def test_version_names_the_engines_that_shape_the_outputs():
    """Two machines whose WeasyPrint, python-docx, Babel … differ are told apart by `--version`."""
    from importlib import metadata
    r = run("--version")
    assert r.returncode == 0, r.stderr
    first, engines = r.stdout.splitlines()
    assert first.startswith("compendium ")
    for dist in ("weasyprint", "python-docx", "babel", "pyicu", "pypdf"):
        assert f"{dist} {metadata.version(dist)}" in engines


def test_lock_file_pins_every_dependency_with_hashes():
    """What `make` installs is exactly the lock: every requirement pinned (==) and hashed."""
    import re
    from importlib import metadata
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pins = dict(re.findall(r"^([a-z0-9._-]+)==(\S+) \\$", lock, re.M))
    for dist in ("babel", "weasyprint", "python-docx", "pyicu", "pyyaml", "pytest", "setuptools"):
        assert dist in pins, dist
    assert lock.count("--hash=sha256:") >= len(pins)
    assert "file://" not in lock and "--index-url" not in lock       # no machine's own package mirror
    assert metadata.version("babel") == pins["babel"]                 # the venv holds what is locked
