"""The reading's term scan (`Catalogue._longest_terms`, an Aho-Corasick automaton over every known word) finds what
trying every slice of the text would: at each place, the longest word of the catalogue or of outside.yaml starting
there that reaches over no clause's start."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.harness import shipped_knowledge

CATALOGUE = shipped_knowledge().catalogue
KNOWN = sorted({*CATALOGUE._terms, *CATALOGUE._outside})
KNOWN_SET = frozenset(KNOWN)
# pieces of known words as well as whole ones: a text holding a word's beginning or end, or two words overlapping,
# is where a scan finds a shorter word or none
PIECES = st.sampled_from(KNOWN).flatmap(
    lambda word: st.sampled_from([word, word[: len(word) // 2 + 1], word[len(word) // 2 :]])
)
FILLER = st.text(alphabet="我们做的厂了和不是卖0", min_size=0, max_size=2)


def every_slice(folded: str, clause_starts: set[int]) -> list[tuple[int, int]]:
    """What the scan must find, by trying every slice: the longest known word at each place within its clause."""
    found = []
    for start in range(len(folded)):
        clause_end = min([at for at in clause_starts if at > start] + [len(folded)])
        end = next(
            (end for end in range(clause_end, start, -1) if folded[start:end] in KNOWN_SET),
            None,
        )
        if end is not None:
            found.append((start, end))
    return found


@given(clauses=st.lists(st.lists(st.one_of(PIECES, FILLER), min_size=1, max_size=5), min_size=1, max_size=3))
def test_the_scan_finds_the_longest_word_at_each_place_within_its_clause(clauses: list[list[str]]) -> None:
    texts = ["".join(pieces) for pieces in clauses]
    folded = "".join(texts)
    clause_starts, at = set(), 0
    for text in texts:
        clause_starts.add(at)
        at += len(text)
    assert CATALOGUE._longest_terms(folded, clause_starts) == every_slice(folded, clause_starts)


def test_a_word_across_a_clause_start_is_not_found_whole() -> None:
    """ "我们是电动自行车，组装": 电动自行车组装 is a known word, but the comma's clause starts inside it."""
    folded = "电动自行车组装"
    assert folded in KNOWN_SET
    whole, cut = CATALOGUE._longest_terms(folded, {0}), CATALOGUE._longest_terms(folded, {0, 5})
    assert (whole[0], cut[0]) == ((0, 7), (0, 5))
    assert (whole, cut) == (every_slice(folded, {0}), every_slice(folded, {0, 5}))
