"""The command line: outputs, exit codes, and one clear line (never a traceback) for bad input."""
import shutil
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


def test_malformed_yaml_names_file_line_and_column(project):
    edit(project / "content" / "A" / "07.yaml", "report: CTOC", "report: [CTOC")
    assert_clean_error(run("build", cwd=project), "content/A/07.yaml:", "YAML syntax error")


def test_duplicate_chapter_id(project):
    shutil.copy(project / "content" / "A" / "07.yaml", project / "content" / "A" / "14.yaml")
    assert_clean_error(run("build", cwd=project), "duplicate id A.VII")


def test_unknown_id_in_index(project):
    edit(project / "content" / "index.yaml", "- A.VII.26\n", "- A.VII.99\n")
    assert_clean_error(run("validate", cwd=project), "content/index.yaml:", "unknown id A.VII.99")


def test_unknown_footnote_reference(project):
    edit(project / "content" / "A" / "02.yaml", "[^convention-a2]", "[^no-such-note]")
    assert_clean_error(run("build", cwd=project), "content/A/02.yaml:", "unknown id [^no-such-note]")


def test_unknown_see_target(project):
    edit(project / "content" / "B" / "05.yaml", "see: A.V", "see: A.XX")
    assert_clean_error(run("build", cwd=project), "content/B/05.yaml:", "unknown id A.XX")


@pytest.mark.parametrize("bad", ["2013-02-30", "28 October 2013"])
def test_bad_date(project, bad):
    edit(project / "content" / "A" / "07.yaml", "2013-10-28", bad)
    assert_clean_error(run("build", cwd=project), "content/A/07.yaml:", "bad date")


def test_dates_out_of_order(project):
    edit(project / "content" / "A" / "07.yaml", "'2013-10-30'", "'2013-10-01'")
    assert_clean_error(run("build", cwd=project), "content/A/07.yaml:", "before it starts")


def test_unknown_key_and_bad_markup(project):
    edit(project / "content" / "A" / "07.yaml", "report: CTOC", "reprot: CTOC")
    assert_clean_error(run("build", cwd=project), "content/A/07.yaml:6:", "unknown key 'reprot'")


def test_a_place_is_not_printed_so_it_is_refused_with_the_reason(project):
    edit(project / "content" / "A" / "07.yaml", "report: CTOC", "place: Vienna\nreport: CTOC")
    assert_clean_error(run("build", cwd=project), "content/A/07.yaml:6:", "unknown key 'place'",
                       "the book prints no place of meeting; remove the line")


def test_unclosed_emphasis(project):
    edit(project / "content" / "B" / "05.yaml", "*Endorses*", "*Endorses")
    assert_clean_error(run("build", cwd=project), "content/B/05.yaml:", "never closed")


def test_missing_content_file(project):
    (project / "content" / "footnotes.yaml").unlink()
    assert_clean_error(run("build", cwd=project), "content/footnotes.yaml", "file not found")


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
