"""Incremental builds: what rebuilds after which change (no timing; writers replaced by a fast fake)."""
import shutil
from pathlib import Path

import pytest

from compendium import build as b
from compendium.render.text import render_text

ROOT = Path(__file__).resolve().parent.parent
LANGS = ["en", "fr", "ru"]
FORMATS = ["txt", "pdf", "docx"]


@pytest.fixture
def project(tmp_path, monkeypatch):
    for name in ("content", "locales", "templates"):
        shutil.copytree(ROOT / name, tmp_path / name)
    (tmp_path / "templates" / "pdf").mkdir(exist_ok=True)
    (tmp_path / "templates" / "pdf" / "book.css").touch()
    (tmp_path / "templates" / "reference.docx").touch()
    # the real PDF/DOCX writers are tested elsewhere; here any writer of the tree will do
    monkeypatch.setattr("compendium.render.counted_writer",
                        lambda fmt: lambda tree, edition: (f"{fmt}\n{render_text(tree)}".encode(), None))
    return tmp_path


def run(project: Path, force: bool = False) -> dict[str, str]:
    s = b.Settings(project / "content", project / "locales", project / "templates", project / "build")
    return {f"{r.job.lang}.{r.job.fmt}": r.status for r in b.build_jobs(s, LANGS, FORMATS, jobs=1, force=force)}


def rebuilt(statuses: dict[str, str]) -> set[str]:
    assert "failed" not in statuses.values(), statuses
    return {k for k, v in statuses.items() if v == "built"}


ALL = {f"{l}.{f}" for l in LANGS for f in FORMATS}


def touch(path: Path, extra: str = "\n# changed\n") -> None:
    with open(path, "a", encoding="utf-8") as f:
        f.write(extra)


def test_first_build_builds_all_and_a_rebuild_does_nothing(project):
    assert rebuilt(run(project)) == ALL
    stamp = (project / "build" / "fr" / "compendium.pdf").stat().st_mtime_ns
    assert rebuilt(run(project)) == set()
    assert (project / "build" / "fr" / "compendium.pdf").stat().st_mtime_ns == stamp


def test_a_catalogue_change_rebuilds_only_that_language(project):
    run(project)
    touch(project / "locales" / "fr" / "LC_MESSAGES" / "compendium.po")
    assert rebuilt(run(project)) == {"fr.txt", "fr.pdf", "fr.docx"}


def test_language_conventions_rebuild_only_that_language(project):
    run(project)
    touch(project / "locales" / "ru" / "style.toml")
    assert rebuilt(run(project)) == {"ru.txt", "ru.pdf", "ru.docx"}


@pytest.mark.parametrize("template,formats", [
    ("pdf/book.css", {"pdf"}),
    ("reference.docx", {"docx"}),
    ("edition.toml", {"txt", "pdf", "docx"}),
    ("strings.yaml", {"txt", "pdf", "docx"}),
])
def test_a_template_change_rebuilds_only_the_formats_using_it(project, template, formats):
    run(project)
    touch(project / "templates" / template)
    assert rebuilt(run(project)) == {f"{l}.{f}" for l in LANGS for f in formats}


def test_a_corpus_change_rebuilds_everything(project):
    run(project)
    touch(project / "content" / "A" / "07.yaml")
    assert rebuilt(run(project)) == ALL


def test_a_deleted_or_altered_output_is_rebuilt(project):
    run(project)
    (project / "build" / "en" / "compendium.docx").unlink()
    (project / "build" / "ru" / "compendium.txt").write_text("edited by hand", encoding="utf-8")
    assert rebuilt(run(project)) == {"en.docx", "ru.txt"}


def test_force_rebuilds_everything(project):
    run(project)
    assert rebuilt(run(project, force=True)) == ALL


def test_a_lost_manifest_means_a_full_rebuild(project):
    run(project)
    (project / "build" / ".manifest.json").write_text("{not json", encoding="utf-8")
    assert rebuilt(run(project)) == ALL


def test_an_up_to_date_build_sweeps_temporaries_of_killed_writers(project):
    """A writer killed after its rename but before its sweep leaves `.compendium.txt.<pid>.….tmp`:
    the next build removes it even when it has nothing to rebuild (the pid no longer exists)."""
    run(project)
    out = project / "build" / "en"
    dead = out / ".compendium.txt.999999999.abc.tmp"
    dead.write_bytes(b"half")
    assert rebuilt(run(project)) == set()
    assert not dead.exists()


NO_OP = """
import sys
from compendium.cli import main
code = main(sys.argv[1:])
parsers = sorted(m for m in ("yaml", "babel", "icu", "compendium.corpus.loader", "compendium.localize.conventions")
                 if m in sys.modules)
print("parsed with:", ",".join(parsers) or "nothing", file=sys.stderr)
sys.exit(code)
"""


def no_op(project: Path, *args: str):
    import subprocess
    import sys
    return subprocess.run([sys.executable, "-c", NO_OP, "build", "--lang", "en,fr", "--format", "txt", *args],
                          cwd=project, capture_output=True, text=True)


def test_a_build_with_nothing_to_do_parses_no_yaml_or_toml(project):
    """The planning recalls what it read of editions.yaml and style.toml by their hashes: a build with
    nothing to do imports neither the YAML reader, the corpus loader nor the language conventions."""
    first = no_op(project)
    assert first.returncode == 0 and "2 built, 0 up to date" in first.stdout, first.stdout + first.stderr
    again = no_op(project)
    assert again.returncode == 0 and "0 built, 2 up to date" in again.stdout, again.stdout
    assert "parsed with: nothing" in again.stderr, again.stderr


def test_what_the_planning_recalls_follows_the_files_it_was_read_from(project):
    """editions.yaml and style.toml changed after a build are read again: a new newest edition builds
    into build/<lang>/ and the older one moves to build/<edition>/; a broken style.toml fails its jobs."""
    assert no_op(project).returncode == 0
    editions = project / "content" / "editions.yaml"
    text = editions.read_text(encoding="utf-8")
    newest = b.settings(project / "content", project / "locales", project / "templates", project / "build").edition
    editions.write_text(text + "- edition: '2031'\n  year: '2031'\n  status: draft\n", encoding="utf-8")
    moved = no_op(project, "--edition", newest)
    assert moved.returncode == 0 and f"build/{newest}/en/compendium.txt" in moved.stdout, moved.stdout + moved.stderr
    style = project / "locales" / "fr" / "style.toml"
    style.write_text(style.read_text(encoding="utf-8") + "\n[broken\n", encoding="utf-8")
    broken = no_op(project, "--edition", newest)
    assert broken.returncode == 2 and "style.toml" in broken.stderr and "TOML syntax error" in broken.stderr, broken.stderr


PDF_INPUTS = """
from pathlib import Path
from compendium import build, manifest
s = build.Settings(Path('content'), Path('locales'), Path('templates'), Path('build'))
hasher, _ = build.record(s.out)
print(build.inputs(s, 'en', 'pdf', hasher), build.inputs(s, 'en', 'pdf', manifest.Hasher()))
manifest.save(s.out, {}, hasher)
"""


def test_the_recalled_font_setup_follows_fontconfigs_configuration(project, tmp_path):
    """The PDF's font set-up is recalled from the manifest, not asked of fontconfig, only while
    fontconfig's configuration files and font folders are unchanged: a font hidden by an edited
    configuration changes the PDF's inputs exactly as a fresh resolution does."""
    import os
    import subprocess
    import sys
    (project / "build").mkdir()
    conf = tmp_path / "fonts.conf"
    head = '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n' \
           '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
    conf.write_text(head + "</fontconfig>\n", encoding="utf-8")
    env = dict(os.environ, FONTCONFIG_FILE=str(conf))
    ask = lambda: subprocess.run([sys.executable, "-c", PDF_INPUTS], cwd=project, env=env, capture_output=True,
                                 text=True, check=True).stdout.split()
    first = ask()
    assert first[0] == first[1] and ask() == first                 # recalled: the same answer
    assert "watched" in (project / "build" / ".manifest.json").read_text(encoding="utf-8")
    conf.write_text(head + "  <selectfont><rejectfont><glob>/usr/share/fonts/truetype/noto/NotoSerif-*</glob>"
                    "</rejectfont></selectfont>\n</fontconfig>\n", encoding="utf-8")
    hidden = ask()
    assert hidden[0] == hidden[1] != first[0]


def test_a_same_size_edit_is_seen_though_hashes_are_recalled_by_file_identity(project):
    """The manifest keeps each input's hash with its size, time and inode, and a later build reads a
    file again only when they differ: an edit that keeps the size still rebuilds, and a file changed
    within the clock's resolution of a build (two edits in one tick) is never recalled."""
    import json
    import os
    import time
    po = project / "locales" / "fr" / "LC_MESSAGES" / "compendium.po"
    old = time.time() - 60
    os.utime(po, (old, old))                       # edited a minute ago: its hash may be recalled
    run(project)
    hashes = json.loads((project / "build" / ".manifest.json").read_text(encoding="utf-8"))["hashes"]
    assert str(po.resolve()) in hashes or os.path.abspath(po) in hashes
    text = po.read_text(encoding="utf-8")
    i = text.rindex('msgstr "') + len('msgstr "')
    po.write_text(text[:i] + ("X" if text[i] != "X" else "Y") + text[i + 1:], encoding="utf-8")
    assert po.stat().st_size == len(text.encode("utf-8"))
    assert rebuilt(run(project)) == {"fr.txt", "fr.pdf", "fr.docx"}
    assert os.path.abspath(po) not in json.loads((project / "build" / ".manifest.json").read_text(
        encoding="utf-8"))["hashes"]                # just edited: hashed again next time, not recalled
