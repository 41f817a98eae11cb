"""`make bench`: build-speed ratios measured in one run, written to benchmarks/RESULTS.md.

Machines here are noisy, so every figure is a ratio of two timings taken in the same run:
  1. PDF overhead: our PDF build of one language vs WeasyPrint alone on the same final HTML (≤ 1.15×)
  2. parallel speed-up: cold build of all outputs with one job per core vs one at a time (≤ 0.6× on 2 cores)
  3. no-op rebuild (≤ 0.5 s), and a one-catalogue change rebuilds exactly that language's outputs
  4. scaling: synthetic corpora ×1, ×4, ×10 (parts repeated with fresh ids): time and peak memory
     (×10 ≤ 11× the time of ×1, peak < 1.5 GiB)
"""
from __future__ import annotations

import datetime as dt
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
LANGS = ["ar", "en", "es", "fr", "ru", "zh"]
FORMATS = ["txt", "pdf", "docx"]


def cli(*args: str, cwd: Path = ROOT) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    r = subprocess.run([PY, "-m", "compendium", *args], cwd=cwd, capture_output=True, text=True)
    if r.returncode not in (0, 1):
        sys.exit(f"benchmark: `compendium {' '.join(args)}` failed:\n{r.stderr}")
    return time.perf_counter() - start, r


def pdf_overhead(lang: str = "en") -> dict:
    """Our whole PDF job (load, localize, templates, WeasyPrint, page labels) vs WeasyPrint on its final HTML."""
    from weasyprint import CSS, HTML

    from compendium.build import Job, Settings, forget, localized, run_job
    from compendium.render.edition import load_edition
    from compendium.render.pdf import writer as pdf
    from compendium.localize.conventions import load_style

    s = Settings(ROOT / "content", ROOT / "locales", ROOT / "templates", Path(tempfile.mkdtemp()))
    job = Job(lang, "pdf", s.out / lang / "compendium.pdf")
    run_job(s, job)                                   # warm-up: imports, font configuration
    tree = localized(s, lang)
    forget()
    start = time.perf_counter()
    result = run_job(s, job)                          # cold corpus and localization, as a build does
    ours = time.perf_counter() - start
    edition = load_edition(load_style(lang, s.locales), s.templates)
    _, html, sheets, base = pdf.layout(tree, edition)   # the HTML WeasyPrint finally renders
    start = time.perf_counter()
    variant = edition.settings.get("pdf", {}).get("pdf_variant") or None      # the same output: tagged
    HTML(string=html, base_url=base).render(stylesheets=[CSS(string=c, base_url=base) for c in sheets]).write_pdf(
        pdf_variant=variant)
    alone = time.perf_counter() - start
    shutil.rmtree(s.out)
    return {"lang": lang, "ours": ours, "weasyprint": alone, "ratio": ours / alone, "pages": result.pages}


def parallel(jobs: int) -> dict:
    out = Path(tempfile.mkdtemp())
    seq, _ = cli("build", "--force", "--jobs", "1", "--out", str(out))
    par, r = cli("build", "--force", "--jobs", str(jobs), "--out", str(out))
    noop, _ = cli("build", "--out", str(out))
    po = ROOT / "locales" / "fr" / "LC_MESSAGES" / "compendium.po"
    saved = po.read_bytes()
    try:
        po.write_bytes(saved + b"\n")                 # a translator delivery: one catalogue changes
        _, changed = cli("build", "--jobs", str(jobs), "--out", str(out))
    finally:
        po.write_bytes(saved)
    rebuilt = sorted(re.findall(r"^(\S+/compendium\.\w+)\s.*\sbuilt\s", changed.stdout, re.M))
    cli("build", "--out", str(out))                  # back to the committed catalogue
    shutil.rmtree(out)
    return {"sequential": seq, "parallel": par, "ratio": par / seq, "noop": noop, "rebuilt": rebuilt,
            "summary": r.stdout}


def synthetic(factor: int, where: Path) -> tuple[Path, Path]:
    """The book ×factor: every chapter of parts A and B repeated with fresh meeting/session numbers."""
    content, templates = where / "content", where / "templates"
    shutil.copytree(ROOT / "content", content)
    shutil.copytree(ROOT / "templates", templates)
    strings = (templates / "strings.yaml").read_text(encoding="utf-8")
    for part, key in (("A", "meeting"), ("B", "session")):
        originals = sorted((content / part).glob("*.yaml"))
        n = len(originals)
        for k in range(1, factor):
            for i, path in enumerate(originals, 1):
                number = k * n + i
                text = re.sub(rf"^{key}: \d+", f"{key}: {number}", path.read_text(encoding="utf-8"), count=1, flags=re.M)
                (content / part / f"{number:03d}.yaml").write_text(text, encoding="utf-8")
        for number in range(1, factor * n + 1):
            for prefix in ((key, f"{key}_ref") if key == "meeting" else (key,)):
                if f"\n{prefix}.{number}:" not in strings:
                    strings += f"{prefix}.{number}: {key.capitalize() if prefix == key else key} {number}\n"
    (templates / "strings.yaml").write_text(strings, encoding="utf-8")
    return content, templates


def scaling(factors=(1, 4, 10), lang: str = "en") -> list[dict]:
    rows = []
    for factor in factors:
        where = Path(tempfile.mkdtemp())
        content, templates = synthetic(factor, where)
        probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
                 "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
                 "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode, "
                 "r.stderr.replace(chr(10), ' ')[:300])")
        r = subprocess.run([PY, "-c", probe, PY, "-m", "compendium", "build", "--lang", lang, "--format", "pdf",
                            "--jobs", "1", "--force", "--content", str(content), "--templates", str(templates),
                            "--out", str(where / "build")], cwd=ROOT, capture_output=True, text=True)
        seconds, peak_kb, code, err = r.stdout.split(" ", 3)
        if code != "0":
            sys.exit(f"benchmark: scaling ×{factor} failed: {err}")
        from pypdf import PdfReader
        pages = len(PdfReader(where / "build" / lang / "compendium.pdf").pages)
        rows.append({"factor": factor, "seconds": float(seconds), "peak_mib": int(peak_kb) / 1024, "pages": pages})
        shutil.rmtree(where)
    return rows


def main() -> None:
    started = time.perf_counter()
    jobs = len(os.sched_getaffinity(0))
    over = pdf_overhead()
    par = parallel(jobs)
    scale = scaling()
    base = scale[0]["seconds"]
    fr = sorted(f"fr/compendium.{f}" for f in FORMATS)
    rebuilt = sorted(f"{Path(p).parent.name}/{Path(p).name}" for p in par["rebuilt"])
    lines = [
        "# Benchmark results", "",
        f"{dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC · {platform.node()} · {platform.processor() or platform.machine()} · "
        f"{jobs} cores · Python {platform.python_version()} · `make bench` took {time.perf_counter() - started:.0f} s", "",
        "| measure | figure | goal | met |", "|---|---|---|---|",
        f"| 1. PDF overhead ({over['lang']}, {over['pages']} pages): our job {over['ours']:.1f} s / WeasyPrint alone on the final HTML {over['weasyprint']:.1f} s "
        f"| {over['ratio']:.2f}× | ≤ 1.15× | {'yes' if over['ratio'] <= 1.15 else 'no'} |",
        f"| 2. parallel: {len(LANGS) * len(FORMATS)} outputs with {jobs} jobs {par['parallel']:.1f} s / one at a time {par['sequential']:.1f} s "
        f"| {par['ratio']:.2f}× | ≤ 0.6× | {'yes' if par['ratio'] <= 0.6 else 'no'} |",
        f"| 3a. no-op rebuild (whole command) | {par['noop']:.2f} s | ≤ 0.5 s | {'yes' if par['noop'] <= 0.5 else 'no'} |",
        f"| 3b. fr.po changed: rebuilt {', '.join(rebuilt) or 'nothing'} "
        f"| {len(rebuilt)} outputs | exactly fr's 3 | {'yes' if rebuilt == fr else 'no'} |",
    ]
    for row in scale:
        ratio = row["seconds"] / base
        goal = "≤ 11×, < 1.5 GiB" if row["factor"] == 10 else "—"
        met = ("yes" if ratio <= 11 and row["peak_mib"] < 1536 else "no") if row["factor"] == 10 else ""
        lines.append(f"| 4. scaling ×{row['factor']} (en PDF, {row['pages']} pages): {row['seconds']:.1f} s, peak {row['peak_mib']:.0f} MiB "
                     f"| {ratio:.2f}× of ×1 | {goal} | {met} |")
    lines += ["", "Cold parallel build summary:", "", "```", par["summary"].strip(), "```", ""]
    out = ROOT / "benchmarks" / "RESULTS.md"
    out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
