"""Retrieval's shortcuts change nothing: the index answers what scoring every entry of the knowledge would, and
the catalogue's scan finds the terms that trying every slice of a message would."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz import fuzz

from bot.settings import Settings
from knowledge.base import KnowledgeBase
from knowledge.catalogue import fold
from knowledge.faq import FaqIndex, exact
from knowledge.models import read_yaml
from knowledge.pinyin import TYPED_MAX, SoundIndex, near_sound, sound
from knowledge.textnorm import CLAUSE_END, grades_asked, grams, literal_alternation, nfkc
from tests.harness import development_texts

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class EntryGrams:
    grams: set[str]  # of its questions, title and keywords, and the two-character words of its answer
    contributions: dict[str, float]  # what each of them adds to the entry's coverage
    contrasted: frozenset[str]  # the contrasted things its phrasings name


@dataclass(frozen=True)
class EntriesGrams:
    own: list[EntryGrams]  # each entry's, in the index's order
    # the same contributions turned around: the entries each gram adds to, and what it adds to each
    adding_to: dict[str, list[tuple[int, float]]]


@pytest.fixture(scope="module")
def entry_grams(kb: KnowledgeBase) -> EntriesGrams:
    index = kb.faq
    found = []
    adding_to: dict[str, list[tuple[int, float]]] = {}
    for number, entry in enumerate(index.entries):
        asked = set().union(*map(grams, [*index._phrasings[number], *index._keywords[number]]))
        answered = {gram for gram in grams(index._normalize(entry.answer)) - asked if len(gram) == 2}
        weights = {**dict.fromkeys(asked, 1.0), **dict.fromkeys(answered, index.ANSWER_WEIGHT)}
        contributions = {
            gram: exact(index._idf[gram] * weight) for gram, weight in weights.items() if gram in index._idf
        }
        contrasted = frozenset().union(*map(index._contrasted_words, index._phrasings[number]))
        found.append(EntryGrams(asked | answered, contributions, contrasted))
        for gram, contribution in contributions.items():
            adding_to.setdefault(gram, []).append((number, contribution))
    return EntriesGrams(found, adding_to)


def every_entry_scored(
    index: FaqIndex, entry_grams: EntriesGrams, question: str, limit: int
) -> list[tuple[str, float, bool]]:
    """The index's scoring without the index: each entry's coverage from its own text, every entry ranked."""
    query = index._normalize(question)
    query_grams = grams(query) - index._common
    if not query_grams:
        return []
    # Added in another order than the index adds them (the set's): the sums are exact, so they are equal.
    in_order = sorted(query_grams)
    total = sum(index._idf.get(gram, index._unknown_idf) for gram in in_order)
    # each query gram's contribution to every entry it adds to, summed in the grams' sorted order: for the
    # ~7,500 development questions 1.7 s of CPU, against 4.3 s intersecting the query with each entry's grams
    coverage = [0.0] * len(entry_grams.own)
    for gram in in_order:
        for number, contribution in entry_grams.adding_to.get(gram, ()):
            coverage[number] += contribution
    # the highest coverage first, the lower number first among equals (a stable sort keeps their order reversed)
    ranked = sorted(range(len(coverage)), key=coverage.__getitem__, reverse=True)
    shortlist = [number for number in ranked[: index.SHORTLIST] if coverage[number] > 0]
    # the entries defining a word whose meaning is asked are scored wherever their coverage ranks
    defining = index.defining(query)
    shortlist += sorted(defining - set(shortlist))
    clauses = [index._normalize(clause) for clause in CLAUSE_END.split(question) if clause]
    asked_grades = grades_asked(query, clauses)
    # what the question alone decides, once for all the entries scored
    named = index._contrasted_words(query)
    groups_named = {index._contrast_group[thing] for thing in named}
    deadline_days = set(index._deadline_day.findall(query))
    hour_named = index._hour.search(query) is not None
    ratio_to_query = functools.partial(fuzz.ratio, query)
    scored = []
    for number in shortlist:
        similarity = max(map(ratio_to_query, index._phrasings[number])) / 100
        held = {
            word for word in index._bonus_words[number] if word in query
        }  # its keywords and clauses cited
        # a keyword inside a longer one the question holds is that word, counted once
        counted = [word for word in held if not any(word in longer for longer in held - {word})]
        keyword = min(0.2, 0.1 * len(counted))
        score = min(1.0, 0.55 * (coverage[number] / total) + 0.45 * similarity + keyword)
        about = index._grades[number]
        if asked_grades and about and not asked_grades <= about and not about <= asked_grades:
            score *= index.OTHER_GRADE_PENALTY
        # a contrast group the question names whose things the entry names, none of them the question's
        contrasted = entry_grams.own[number].contrasted
        for group in groups_named:
            asked = {thing for thing in named if index._contrast_group[thing] == group}
            meant = {thing for thing in contrasted if index._contrast_group[thing] == group}
            if meant and asked.isdisjoint(meant):
                score *= index.CONTRASTED_PENALTY
                break
        if deadline_days and index._days[number] and not deadline_days & index._days[number]:
            score *= index.OTHER_DAY_PENALTY
        if index._of_the_hour[number] and not hour_named:
            score *= index.UNASKED_HOUR_PENALTY
        if defining and number not in defining:
            score *= index.DEFINED_ELSEWHERE_PENALTY
        narrowed_to = index._narrowed_to[number]
        if narrowed_to and not any(word in query for words in narrowed_to for word in words):
            score *= index.UNNAMED_NARROWING_PENALTY
        shared = query_grams & entry_grams.own[number].grams
        specific = any(len(gram) == 2 and not set(gram) <= index.asking_chars for gram in shared)
        scored.append((index.entries[number].id, score, specific))
    scored.sort(key=lambda hit: (hit[2], hit[1]), reverse=True)
    return scored[:limit]


def found(index: FaqIndex, question: str, limit: int) -> list[tuple[str, float, bool]]:
    return [(hit.entry.id, hit.score, hit.specific) for hit in index.search(question, limit)]


@pytest.mark.slow
def test_index_finds_what_scoring_every_entry_finds_for_every_development_question(
    kb: KnowledgeBase, entry_grams: EntriesGrams
) -> None:
    texts = list(dict.fromkeys(development_texts()))  # each once: a few sets share a text
    assert len(texts) > 1000
    differing = [
        text for text in texts if found(kb.faq, text, 3) != every_entry_scored(kb.faq, entry_grams, text, 3)
    ]
    assert differing == []


def knowledge_characters() -> str:
    """Characters of the FAQ's questions, so that generated questions share grams with its entries."""
    settings = Settings()
    chars: set[str] = set()
    for path in settings.knowledge_dir.glob("faq_*.yaml"):
        for entry in read_yaml(path)["entries"]:
            chars.update("".join(entry["questions"]))
    return "".join(sorted(chars)) + "abcdAB-+ ，？"


@given(
    question=st.one_of(
        st.text(alphabet=knowledge_characters(), max_size=40),
        st.sampled_from(development_texts()).flatmap(
            lambda text: st.tuples(st.integers(0, len(text)), st.text(max_size=6)).map(
                lambda cut: text[: cut[0]] + cut[1] + text[cut[0] :]
            )
        ),
    ),
    limit=st.integers(1, 5),
)
def test_index_finds_what_scoring_every_entry_finds_for_any_question(
    kb: KnowledgeBase, entry_grams: EntriesGrams, question: str, limit: int
) -> None:
    assert found(kb.faq, question, limit) == every_entry_scored(kb.faq, entry_grams, question, limit)


def every_slice_scanned(kb: KnowledgeBase, text: str) -> list[tuple[int, int]]:
    """The longest catalogue or outside term starting at each position, trying every slice."""
    catalogue = kb.catalogue
    folded = fold(text)
    starts = []
    for start in range(len(folded)):
        for end in range(len(folded), start + 1, -1):
            if folded[start:end] in catalogue._terms or folded[start:end] in catalogue._outside:
                starts.append((start, end))
                break
    return [
        (s, e) for s, e in starts if not any(s2 <= s and e <= e2 and (e2 - s2) > (e - s) for s2, e2 in starts)
    ]


def catalogue_characters(kb: KnowledgeBase) -> str:
    terms = [*kb.catalogue._terms, *kb.catalogue._outside]
    return "".join(sorted(set("".join(terms)))) + "不没和的是做"


@given(data=st.data())
def test_catalogue_scan_finds_the_longest_term_at_each_position(
    kb: KnowledgeBase, data: st.DataObject
) -> None:
    text = data.draw(st.text(alphabet=catalogue_characters(kb), max_size=30))
    scanned = [(span.start, span.end) for span in kb.catalogue.read(text)._spans]
    assert scanned == every_slice_scanned(kb, text)


def synonyms_by_regex(kb: KnowledgeBase, text: str) -> str:
    """Every synonym by its canonical term, by one regex of all members, longest first."""
    canonical = kb._normalize._canonical
    members = sorted(canonical, key=len, reverse=True)
    return re.sub("|".join(map(re.escape, members)), lambda found: canonical[found.group(0)], text)


def synonym_characters(kb: KnowledgeBase) -> str:
    canonical = kb._normalize._canonical
    return "".join(sorted(set("".join([*canonical, *canonical.values()])))) + "的是不"


@given(data=st.data())
def test_synonyms_are_rewritten_as_one_regex_of_all_members_would(
    kb: KnowledgeBase, data: st.DataObject
) -> None:
    text = data.draw(st.text(alphabet=synonym_characters(kb), max_size=30))
    assert kb._normalize._rewrite_synonyms(text) == synonyms_by_regex(kb, text)


@given(
    text=st.text(
        alphabet=st.one_of(
            st.characters(min_codepoint=0xFF00, max_codepoint=0xFF65),  # fullwidth forms and their neighbours
            st.sampled_from("\u3000 =<>aA1，？：（）“”申请名①㈱ﬁ"),
            st.characters(categories=["Mn", "Me"]),  # combining marks, which compose with what precedes them
            st.characters(),
        ),
        max_size=20,
    )
)
def test_nfkc_with_fullwidth_forms_mapped_first_is_nfkc(text: str) -> None:
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


# How the cue patterns use an alternation: alone, before an end, repeated, and twice with backtracking between.
ALTERNATION_USES = ("{}", "(?:{})$", "(?:{})*x", "(?:{})(?:{})$", "e(?:{})?c", "(?=({}))")


@given(
    words=st.sets(st.text(alphabet="abcd.", max_size=4), max_size=8),
    text=st.text(alphabet="abcde.", max_size=14),
)
def test_an_alternation_written_as_a_tree_matches_as_the_words_longest_first(
    words: set[str], text: str
) -> None:
    longest_first = "|".join(map(re.escape, sorted(words - {""}, key=len, reverse=True)))
    for use in ALTERNATION_USES:
        joined = re.compile(use.format(longest_first, longest_first))
        tree = re.compile(use.format(literal_alternation(words), literal_alternation(words)))
        assert [(found.span(), found.groups()) for found in tree.finditer(text)] == [
            (found.span(), found.groups()) for found in joined.finditer(text)
        ]
        assert tree.sub("_", text) == joined.sub("_", text)


def sound_indexes(kb: KnowledgeBase) -> list[SoundIndex]:
    """The catalogue's (edits), the outside words' (exact homophones) and the questions' (sounds only)."""
    return [kb.catalogue._sounds, kb.catalogue._outside_sounds, kb._question_sounds]


def near_misses(index: SoundIndex, every: int = 10) -> list[str]:
    """Every tenth term of the index with each character in turn replaced by one of the same or a near sound (or,
    where it has none, of the next term), left out, or doubled: the slices a typo search must not leave out."""
    terms = sorted(index._terms)
    alike: dict[str, str] = {}  # a character -> another of its sound, else of its near sound
    for key in (near_sound, sound):
        by_key: dict[str, list[str]] = {}
        for char in sorted(set("".join(terms))):
            by_key.setdefault(key(char), []).append(char)
        alike |= {
            char: chars[(chars.index(char) + 1) % len(chars)] for chars in by_key.values() for char in chars
        }
    texts = []
    for number in range(0, len(terms), every):
        term, other = terms[number], terms[(number + 1) % len(terms)]
        for at, char in enumerate(term):
            replacement = alike[char] if alike[char] != char else other[0]
            texts += [
                term[:at] + replacement + term[at + 1 :],
                term[:at] + term[at + 1 :],
                term[:at] + char + term[at:],
            ]
    return texts


def test_typo_search_leaves_out_only_slices_without_a_close_term(kb: KnowledgeBase) -> None:
    for index in (kb.catalogue._sounds, kb.catalogue._outside_sounds, kb._question_sounds):
        index.find("")  # built on first use
        for text, edits in [(text, edits) for text in near_misses(index) for edits in (True, False)]:
            sounds, near = tuple(map(sound, text)), tuple(map(near_sound, text))
            compared = index._slices(text, sounds, near, edits)
            for length in range(2, min(index._longest + 1, TYPED_MAX, len(text)) + 1):
                for start in range(len(text) - length + 1):
                    end = start + length
                    if (start, end) not in compared:
                        assert (
                            index._close_terms(text[start:end], sounds[start:end], near[start:end], edits)
                            == []
                        )
            same_sound_only = index._slices(text, sounds, (), False)  # find(near=False): the cheap search
            for length in range(2, min(index._longest + 1, TYPED_MAX, len(text)) + 1):
                for start in range(len(text) - length + 1):
                    if (start, start + length) not in same_sound_only:
                        assert (
                            index._sounds_like(text[start : start + length], sounds[start : start + length])
                            == []
                        )
