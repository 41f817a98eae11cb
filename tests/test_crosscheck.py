"""The compendium's paragraphs equal the official documents they reproduce, word for word.

Sources (see sources/README.md):

* 001: resolution 8/4 -- its preamble and operative paragraphs are part B VIII; annex
  paragraph n (n >= 2) is A.IX.(n-1) (annex paragraph 1 only introduces the list).
* 002: resolution 7/3 -- its body is part B VII; annex I paragraph n is A.VII.n, annex II
  paragraph n is A.VIII.n, its subparagraphs (a)... are A.VIII.13.a..., and the unnumbered
  closing paragraph of annex II is A.VIII.14.
* 004: the 2010 report -- the chapeau of its paragraph 4 is A.V.p1 and subparagraphs
  (a)...(o) are A.V.a...A.V.o.

The texts are PDF extractions. Only extraction artefacts are undone here: wrapped lines are
joined, paragraphs cut by a page break rejoined, footnote lines and footnote reference marks
dropped, markdown emphasis stripped, and whitespace (including the stray spaces the
extraction puts around hyphens, "money -laundering", "capacity - building") normalised.

Every genuine difference between an official text and the compendium is recorded in
sources/variants.yaml as a pair of short fragments; the official text with each of its
paragraph's variants applied (official fragment -> compendium fragment) must then equal the
compendium text exactly. A variant that is never used is an error too.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from compendium.corpus.markup import plain

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
VARIANTS = SOURCES / "variants.yaml"

DOCS = {
    "001": SOURCES / "001_868e53c41903a224.txt",
    "002": SOURCES / "002_4316debb4bfacb85.txt",
    "004": SOURCES / "004_f936931a798d0548.txt",
}

SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
_NUM = re.compile(r"^(\d+)\.(?:\s+|$)")
_SUB = re.compile(r"^\(([a-z])\)(?:\s+|$)")
_SECTION = re.compile(r"^[A-Z]\.\s")
_ANNEX = re.compile(r"^Annex(?: ([IVX]+))?$")
_TERMINAL = tuple(".;:,”’\")]")


# --------------------------------------------------------------------------- normalisation

def norm(s: str) -> str:
    """Whitespace-normalised text without markdown emphasis or footnote reference marks."""
    s = s.replace("*", "")
    s = re.sub(f"[{SUPERSCRIPTS}]+", "", s)
    s = " ".join(s.split())
    # the extraction's stray spaces around a hyphen inside a word ("capacity - building");
    # the documents' own dashes are en dashes, so a spaced hyphen is never meant
    s = re.sub(r"(?<=\w) ?- ?(?=\w)", "-", s)
    return s


def _is_label(block: str) -> bool:
    return bool(_NUM.match(block) or _SUB.match(block) or _SECTION.match(block))


def _continues(prev: str, nxt: str) -> bool:
    """Whether `nxt` is the rest of `prev`, cut by a page break."""
    prev = prev.rstrip(SUPERSCRIPTS)
    if not prev or prev.endswith(_TERMINAL) or _is_label(nxt) or _ANNEX.match(nxt):
        return False
    last_word = prev.split()[-1]
    return nxt[:1].islower() or last_word[:1].islower()


def _blocks(text: str) -> list[str]:
    """Paragraph-per-block text: footnotes dropped, page-split paragraphs rejoined."""
    out: list[str] = []
    for chunk in re.split(r"\n\s*\n", text):
        block = " ".join(chunk.split())
        if not block or block[0] in SUPERSCRIPTS:
            continue
        if out and _continues(out[-1], block):
            out[-1] = f"{out[-1]} {block}"
        else:
            out.append(block)
    return out


def _unwrap(lines: list[str]) -> list[str]:
    """Line-wrapped text (one line per printed line) as paragraph blocks, split at labels."""
    out: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line or line[0] in SUPERSCRIPTS:
            continue
        if not out or _is_label(line):
            out.append(line)
        elif out[-1].endswith("-"):
            out[-1] += line
        else:
            out[-1] = f"{out[-1]} {line}"
    return out


# --------------------------------------------------------------------------- source parsing

def _split_label(block: str) -> tuple[str | None, str]:
    for rx in (_NUM, _SUB):
        m = rx.match(block)
        if m:
            return m.group(1), block[m.end():]
    return None, block


def _resolution(path: Path, body_prefix: str, annex_prefixes: dict[str, str],
                annex_offset: int = 0) -> dict[str, tuple[str, str]]:
    """{compendium id: (where in the source, official text)} for a resolution with annexes."""
    blocks = _blocks(path.read_text(encoding="utf-8"))
    doc = path.name[:3]
    out: dict[str, tuple[str, str]] = {}
    region, pp, last_num = None, 0, None
    for block in blocks:
        m = _ANNEX.match(block)
        if m:
            region, last_num = (m.group(1) or ""), None
            continue
        if region is None:  # the resolution itself
            label, text = _split_label(block)
            if label and label.isdigit():
                out[f"{body_prefix}.{label}"] = (f"{doc} operative {label}", text)
            elif block.startswith("The Conference of the Parties"):
                out[f"{body_prefix}.p1"] = (f"{doc} preamble chapeau", text)
            elif block.split()[0] in ("Noting", "Welcoming", "Recalling", "Recognizing",
                                      "Reaffirming", "Bearing", "Acknowledging", "Taking",
                                      "Stressing", "Emphasizing", "Mindful", "Convinced",
                                      "Aware", "Concerned", "Noting,"):
                pp += 1
                out[f"{body_prefix}.PP.{pp}"] = (f"{doc} preamble {pp}", text)
            continue
        prefix = annex_prefixes[region]
        where = f"{doc} annex {region}".rstrip()
        label, text = _split_label(block)
        if _SECTION.match(block) or label is None and last_num is None:
            continue  # section heading, annex title
        if label and label.isdigit():
            n = int(label) - annex_offset
            last_num = n
            if n >= 1:
                out[f"{prefix}.{n}"] = (f"{where} {label}", text)
        elif label:  # lettered subparagraph of the last numbered one
            out[f"{prefix}.{last_num}.{label}"] = (f"{where} {last_num + annex_offset}({label})",
                                                    text)
        else:  # unnumbered paragraph closing the list: numbered on in the compendium
            last_num += 1
            out[f"{prefix}.{last_num}"] = (f"{where} closing paragraph", text)
    return out


def source_001() -> dict[str, tuple[str, str]]:
    return _resolution(DOCS["001"], "B.VIII", {"": "A.IX"}, annex_offset=1)


def source_002() -> dict[str, tuple[str, str]]:
    return _resolution(DOCS["002"], "B.VII", {"I": "A.VII", "II": "A.VIII"})


def source_004() -> dict[str, tuple[str, str]]:
    lines = DOCS["004"].read_text(encoding="utf-8").split("\n")
    start = next(i for i, l in enumerate(lines) if l.strip() == "II. Recommendations")
    end = next(i for i, l in enumerate(lines) if l.strip().startswith("III. Summary"))
    out: dict[str, tuple[str, str]] = {}
    for block in _unwrap(lines[start + 1:end]):
        label, text = _split_label(block)
        if label == "4":
            out["A.V.p1"] = ("004 para 4 chapeau", text)
        elif label and not label.isdigit():
            out[f"A.V.{label}"] = (f"004 para 4 ({label})", text)
    return out


SOURCES_PARSED = {"001": source_001, "002": source_002, "004": source_004}

# the pairs the brief names; the parser must find every one of them
EXPECTED = {
    "001": [f"A.IX.{n}" for n in range(1, 20)]
           + ["B.VIII.p1", "B.VIII.PP.1", "B.VIII.PP.2", "B.VIII.1", "B.VIII.2"],
    "002": [f"A.VII.{n}" for n in range(1, 32)]
           + [f"A.VIII.{n}" for n in range(1, 15)] + [f"A.VIII.13.{c}" for c in "abcde"]
           + ["B.VII.p1", "B.VII.PP.1", "B.VII.PP.2", "B.VII.1", "B.VII.2", "B.VII.3"],
    "004": ["A.V.p1"] + [f"A.V.{c}" for c in "abcdefghijklmno"],
}


# --------------------------------------------------------------------------- comparison

def load_variants() -> list[dict]:
    data = yaml.safe_load(VARIANTS.read_text(encoding="utf-8")) or []
    for n, v in enumerate(data):
        missing = {"id", "source", "compendium", "official", "note"} - set(v)
        assert not missing, f"variants.yaml entry {n + 1} lacks {sorted(missing)}"
    return data


def compare(bid: str, where: str, official: str, compendium: str,
            variants: list[dict], used: Counter) -> str | None:
    """None if equal (after the id's variants); otherwise a message naming id and both texts."""
    off, comp = norm(official), norm(compendium)
    applied, problems = off, []
    for n, v in enumerate(variants):
        if v["id"] != bid:
            continue
        frag_off, frag_comp = norm(str(v["official"])), norm(str(v["compendium"]))
        if applied.count(frag_off) > 1:
            problems.append(f"variant {frag_off!r} is ambiguous: it occurs more than once")
        elif frag_off in applied and frag_comp in comp:
            applied = applied.replace(frag_off, frag_comp)
            used[n] += 1
    if applied == comp and not problems:
        return None
    if applied == comp:
        return f"{bid} ({where}): " + "; ".join(problems)
    i = next((k for k, (a, b) in enumerate(zip(applied, comp)) if a != b),
             min(len(applied), len(comp)))
    return (f"{bid} ({where}) differs from the official text at character {i}:\n"
            f"  official:   {off}\n"
            f"  + variants: {applied}\n"
            f"  compendium: {comp}\n"
            f"  first difference: official …{applied[max(0, i - 30):i + 40]}…\n"
            f"                  compendium …{comp[max(0, i - 30):i + 40]}…"
            + "".join(f"\n  {p}" for p in problems))


def compendium_text(book, bid: str) -> str:
    return plain(book.blocks[bid].text.inlines)


@pytest.fixture(scope="module")
def variants() -> list[dict]:
    return load_variants()


# --------------------------------------------------------------------------- tests

@pytest.mark.parametrize("doc", sorted(SOURCES_PARSED))
def test_every_expected_paragraph_is_found_in_the_source(doc, book_2021):
    found = SOURCES_PARSED[doc]()
    assert sorted(found) == sorted(EXPECTED[doc]), (
        f"{doc}: missing {sorted(set(EXPECTED[doc]) - set(found))}, "
        f"unexpected {sorted(set(found) - set(EXPECTED[doc]))}")
    for bid in found:
        assert bid in book_2021.blocks, f"{doc}: {bid} is not a compendium block"
        assert book_2021.blocks[bid].text is not None, f"{bid} has no text"


@pytest.mark.parametrize("doc", sorted(SOURCES_PARSED))
def test_compendium_equals_official_text(doc, book_2021, variants):
    failures, used = [], Counter()
    for bid, (where, official) in SOURCES_PARSED[doc]().items():
        msg = compare(bid, where, official, compendium_text(book_2021, bid), variants, used)
        if msg:
            failures.append(msg)
    assert not failures, f"{len(failures)} paragraph(s) differ:\n\n" + "\n\n".join(failures)


def test_every_variant_is_used(book_2021, variants):
    # recomputed here so the test stands alone, whatever order tests run in
    used: Counter = Counter()
    for doc, parse in SOURCES_PARSED.items():
        for bid, (where, official) in parse().items():
            compare(bid, where, official, compendium_text(book_2021, bid), variants, used)
    unused = [f"{v['id']} ({v['source']}): {v['official']!r} -> {v['compendium']!r}"
              for n, v in enumerate(variants) if not used[n]]
    assert not unused, "variants.yaml entries never used:\n" + "\n".join(unused)


def test_variant_ids_are_unique_per_fragment(variants):
    keys = Counter((v["id"], v["official"], v["compendium"]) for v in variants)
    dup = [k for k, c in keys.items() if c > 1]
    assert not dup, f"duplicate variants: {dup}"


def test_a_changed_word_is_caught_and_named(book_2021, variants):
    bid = "A.IX.13"
    where, official = source_001()[bid]
    good = compendium_text(book_2021, bid)
    assert compare(bid, where, official, good, variants, Counter()) is None
    bad = good.replace("widest range", "broadest range")
    assert bad != good
    msg = compare(bid, where, official, bad, variants, Counter())
    assert msg is not None and msg.startswith("A.IX.13 (001 annex 14)")
    assert "broadest range" in msg and "widest range" in msg


def test_an_unexplained_variant_is_not_used(book_2021):
    """A variant whose fragments do not occur does not excuse anything and is reported unused."""
    bogus = [{"id": "A.IX.7", "source": "001 annex 8", "compendium": "no such words",
              "official": "nor these", "note": "test"}]
    used: Counter = Counter()
    where, official = source_001()["A.IX.8"]
    assert compare("A.IX.8", where, official, compendium_text(book_2021, "A.IX.8"), bogus,
                   used) is None
    assert not used[0]
