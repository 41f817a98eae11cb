"""The English text proof reproduces the published 2021 edition word for word, in order."""
from seedtext import SUPERSCRIPTS, proof_paragraphs, seed_paragraphs


def _align(seed: list[str], proof: list[str]) -> list[str]:
    """Walk both in order; a seed paragraph cut by a page break is rejoined with the next ones."""
    failures, j, i = [], 0, 0
    while i < len(seed):
        s = seed[i]
        k = i
        while j < len(proof) and s != proof[j] and proof[j].startswith(s) and k + 1 < len(seed):
            k += 1
            s = f"{s} {seed[k]}"
        if j < len(proof) and s == proof[j]:
            i, j = k + 1, j + 1
            continue
        got = proof[j] if j < len(proof) else "<end of proof>"
        failures.append(f"published paragraph {i + 1} differs:\n  published: {seed[i][:200]}\n  proof:     {got[:200]}")
        i += 1
        j += 1
        if len(failures) > 5:
            break
    return failures


def _body_of(proof: list[str]) -> list[str]:
    """Proof paragraphs up to the end of the index heading, without footnotes."""
    body = [p for p in proof if p[0] not in SUPERSCRIPTS]
    end = next(n for n, p in enumerate(body) if p.startswith("Thematic index of recommendations")
               and n > 40)
    return body[:end + 1]


def test_every_published_paragraph_in_order(proof_2021):
    seed_body, _, _ = seed_paragraphs()
    proof = proof_paragraphs(proof_2021)
    # the back cover and the index notes follow the index table in both
    tail = 4
    failures = _align(seed_body[:-tail], _body_of(proof))
    assert not failures, "\n".join(failures)
    assert proof[-3:] == seed_body[-3:], "back cover differs"
    assert seed_body[-tail].startswith("Notes:") and seed_body[-tail] in proof


def test_every_footnote_word_for_word_and_numbered_1_to_17(proof_2021):
    _, seed_notes, _ = seed_paragraphs()
    proof = proof_paragraphs(proof_2021)
    proof_notes = [p for p in proof if p[0] in SUPERSCRIPTS]
    assert len(seed_notes) == 17
    assert proof_notes == sorted(seed_notes, key=lambda n: int("".join(
        str((SUPERSCRIPTS.index(c) + 1) % 10) for c in n if c in SUPERSCRIPTS)))


def test_footnote_follows_the_paragraph_citing_it(proof_2021):
    proof = proof_paragraphs(proof_2021)
    for n, p in enumerate(proof):
        if p[0] in SUPERSCRIPTS:
            mark = p[:len(p) - len(p.lstrip(SUPERSCRIPTS))]
            before = [q for q in proof[:n] if q[0] not in SUPERSCRIPTS][-1]
            assert mark in before, f"footnote {mark} does not follow the paragraph that cites it"


def test_a_changed_word_is_caught_and_named(proof_2021):
    seed_body, _, _ = seed_paragraphs()
    proof = proof_paragraphs(proof_2021.replace("Paris Declaration on Aid Effectiveness, the Accra",
                                              "Paris Declaration on Aid Efficiency, the Accra"))
    failures = _align(seed_body[:-4], _body_of(proof))
    assert len(failures) == 1 and "26. In its delivery of technical assistance" in failures[0]
