"""Test helper: build editions through the real parallel, incremental build (as `compendium build`)."""
from __future__ import annotations

from pathlib import Path

from compendium.build import build_jobs, settings
from compendium.corpus.loader import load_book
from compendium.errors import CompendiumError


def build(content: Path, langs: list[str], formats: list[str], out: Path,
          locales: Path = Path("locales"), templates: Path = Path("templates"),
          print_marks: bool = False, jobs: int = 1, force: bool = False, edition: str | None = None) -> list[Path]:
    """Build (or confirm up to date) one edition's build/[<edition>/]<lang>/compendium.<fmt> (the newest
    edition by default, in build/<lang>/); return the paths; raise on failure."""
    s = settings(Path(content), Path(locales), Path(templates), Path(out), print_marks, edition)
    load_book(s.content, s.edition)    # a corpus error is reported once, with file and line, before any job
    results = build_jobs(s, langs, formats, jobs, force)
    failed = [r for r in results if r.status == "failed"]
    if failed:
        raise CompendiumError(failed[0].error)
    return [r.job.path for r in sorted(results, key=lambda r: (r.job.lang, r.job.fmt))]
