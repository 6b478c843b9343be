"""Forgiving the typos of pinyin input: homophones, near-homophones and one wrong character.

People type on phones with pinyin input, so a mistyped business word is mostly another character of the
same (or a close) sound: 涂聊 for 涂料, 陶资 for 陶瓷. The index is built on first use, because only a
message that names no known word at all ever needs it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Mapping
from functools import cache, partial

from knowledge.textnorm import CJK_RUN, literal_alternation

# Sounds that pinyin input confuses most: retroflex and flat initials, n/l, front and back nasal finals.
# A near sound is forgiven in one character only; the same sound in all but one.
_NEAR = (
    (re.compile(r"^([zcs])h"), r"\1"),
    (re.compile(r"^n(?=[aeiou])"), "l"),
    (re.compile(r"(?<=[aei])ng$"), "n"),
)
# A term typed in letters is read from this many letters on: shorter runs are abbreviations (DCS, PM) more often
SPELLED_MIN = 4
EDIT_MIN = 3  # one wrong, missing or extra character is forgiven only in terms this long or longer
TYPED_MAX = (
    6  # longer words are not searched for typos: people mistype short words, and it keeps the search cheap
)


@cache
def sound(char: str) -> str:
    """The toneless syllable of a character (its most common reading); the character itself if it has none."""
    readings = _readings().get(ord(char))
    if not readings:
        return char
    first = unicodedata.normalize("NFD", readings.split(",")[0]).replace("u\u0308", "v")  # ü is written v
    return "".join(c for c in first if not unicodedata.combining(c))


@cache
def _readings() -> dict[int, str]:
    """pypinyin's character table, loaded on the first typo search: its phrase table (which a single
    character never needs) and the table itself would add ~0.3 s to every start."""
    from pypinyin.pinyin_dict import pinyin_dict

    return pinyin_dict


@cache
def near_sound(char: str) -> str:
    """The toneless syllable with the confusable parts folded together."""
    syllable = sound(char)
    for pattern, replacement in _NEAR:
        syllable = pattern.sub(replacement, syllable)
    return syllable


class SoundIndex:
    """Terms by sound; with `near`, also by a near sound in one character; with `edits`, also by one wrong,
    missing or extra character.

    `function_chars` are words of their own: a character of the message that differs from a term in one is no
    typo but a word around it ("砖瓦的" is not 砖瓦厂 mistyped). `light_chars` (a verb that names no process, a
    noun suffix): a wrong character that leaves only these and function characters right is no typo ("做电子"
    is not 做鞋子). Both are `typo_function_chars` and `typo_light_chars` of industry_cues.yaml. `vocabulary`: two-character
    words of the domain; a slice holding one is not read as a term holding another in its place ("烧成车间" is no
    烧结车间 mistyped: firing and sintering are both words as written), nor is a slice cutting one ("烧车间" of 煅烧车间)."""

    def __init__(
        self,
        terms: set[str],
        not_typos: set[str],
        function_chars: str,
        light_chars: str = "",
        edits: bool = True,
        near: bool = True,
        kinds: Mapping[str, Hashable] | None = None,
        whole_words: Collection[str] = (),
        vocabulary: Collection[str] = frozenset(),
        edges_to_neighbours: bool = False,
    ) -> None:
        self._vocabulary = vocabulary
        # with it, a reading that adds to the rest of its slice's own reading (or the rest typed right) only a change
        # of the slice's first or last character yields to it: that character ends or starts the word beside it (the
        # 去 of 过去 in "拉过去分据" is no 区分局's 区: 分据 alone is 分局; the 助 of 助手 no 绩效分级组's 组)
        self._edges_to_neighbours = edges_to_neighbours
        self._function = frozenset(function_chars)
        # real words no typo may cut: a slice taking part of one is no term mistyped ("汽车企业" holds no 汽车漆)
        self._whole_words = re.compile(literal_alternation(whole_words)) if whole_words else None
        self._function_or_light = self._function | frozenset(light_chars)
        self._edits = edits
        self._near = near
        self._kinds = kinds or {}  # what each term is a word for (its industry), where that is known
        self._terms = {term for term in terms if CJK_RUN.fullmatch(term) and len(term) >= 2}
        self._not_typos = not_typos
        self._built = False
        self._by_sound: dict[tuple[str, ...], list[str]] = {}
        self._by_near_sound: dict[tuple[str, ...], list[str]] = {}
        # One wrong character leaves the first two, the last two, or the first and last characters intact:
        # terms by each of those anchors (with the length) give the few candidates to compare.
        self._by_anchor: dict[tuple[str, str, int], list[str]] = {}
        self._by_shorter: dict[str, list[str]] = {}  # term with one character left out
        # The lengths of the slices that may be close to a term, by the sounds or near sounds of their first two
        # characters, and (for edits) by their first two, last two, or first and last characters: most slices of a
        # message match none of these, and only the others are compared (`_slices`).
        self._lengths_by_sounds: dict[tuple[str, ...], set[int]] = {}
        self._lengths_by_near_sounds: dict[tuple[str, ...], set[int]] = {}
        self._lengths_by_head: dict[str, set[int]] = {}
        self._lengths_by_tail: dict[str, set[int]] = {}
        # the last characters of the terms by their first character and length: a slice's first character looks up
        # the few lengths to compare, where a look-up of its first and last characters for every length cost a new
        # string each
        self._last_chars_by_first: dict[str, dict[int, set[str]]] = {}
        self._longest = 0
        # terms by their syllables written out in letters, as typed without the input method's characters
        # ("mingdan" for 名单)
        self._by_letters: dict[str, list[str]] = {}
        self._longest_letters = 0
        # the sounds of the words some term sounds like with a few characters more around them, by how many more at
        # most on either side, and the words asked already (`lengthens`): built on first use
        self._held_sounds: dict[int, set[tuple[str, ...]]] = {}
        self._lengthened: dict[tuple[str, int], bool] = {}

    def _build(self) -> None:
        for term in sorted(self._terms):
            self._by_sound.setdefault(tuple(map(sound, term)), []).append(term)
            self._by_near_sound.setdefault(tuple(map(near_sound, term)), []).append(term)
            self._by_letters.setdefault("".join(map(sound, term)), []).append(term)
            self._lengths_by_sounds.setdefault((sound(term[0]), sound(term[1])), set()).add(len(term))
            self._lengths_by_near_sounds.setdefault((near_sound(term[0]), near_sound(term[1])), set()).add(
                len(term)
            )
            if self._edits and len(term) >= EDIT_MIN:
                for anchor in _anchors(term):
                    self._by_anchor.setdefault(anchor, []).append(term)
                for i in range(len(term)):
                    shorter = term[:i] + term[i + 1 :]
                    self._by_shorter.setdefault(shorter, []).append(term)
                    self._lengths_by_head.setdefault(shorter[:2], set()).add(len(shorter))
                # One character wrong keeps the first two, the last two, or the first and last characters; one too
                # many keeps the first two or the last two.
                for length in (len(term), len(term) + 1):
                    self._lengths_by_head.setdefault(term[:2], set()).add(length)
                    self._lengths_by_tail.setdefault(term[-2:], set()).add(length)
                self._last_chars_by_first.setdefault(term[0], {}).setdefault(len(term), set()).add(term[-1])
        self._longest = max(map(len, self._terms), default=0)
        self._longest_letters = max(map(len, self._by_letters), default=0)
        self._built = True

    def spelled(self, letters: str) -> list[tuple[str, str]]:
        """(typed, term) pairs of the terms a run of lowercase letters spells in pinyin, longest first from its start
        ("shenbaocailiao": 申报, 材料); a part that spells none (an English abbreviation, VOCs) is left as it is."""
        if not self._built:
            self._build()
        found: list[tuple[str, str]] = []
        at = 0
        while at < len(letters):
            for end in range(min(len(letters), at + self._longest_letters), at + SPELLED_MIN - 1, -1):
                terms = self._by_letters.get(letters[at:end])
                if terms:
                    found.append((letters[at:end], terms[0]))
                    at = end
                    break
            else:
                at += 1
        return found

    def find(
        self,
        folded: str,
        edits: bool = True,
        near: bool = True,
        shortest: int = 2,
        edits_at: Callable[[int, int], bool] | None = None,
    ) -> list[tuple[str, str]]:
        """(typed, term) pairs, longest first and not overlapping; empty when nothing is close enough. Without
        `edits`, sounds only (no wrong, missing or extra character); without `near` either, the same sound only
        (the cheap search), in words of `shortest` characters or more. `edits_at(start, end)`: whether a wrong,
        missing or extra character may be forgiven in that slice of `folded` (asked only where sounds found none)."""
        if not self._built:
            self._build()
        found: list[tuple[int, int, list[str]]] = []
        for run in CJK_RUN.finditer(folded):
            text, offset = run.group(), run.start()
            sounds = tuple(map(sound, text))
            nears = tuple(map(near_sound, text)) if near else ()
            cut = self._cut_words(text)
            for start, end in self._slices(text, sounds, nears, edits and near, shortest):
                typed = text[start:end]
                if typed in self._terms or typed in self._not_typos:
                    continue
                if _cuts(cut, start, end) or self._cuts_a_word(text, start, end):
                    continue
                terms = (
                    self._close_terms(
                        typed,
                        sounds[start:end],
                        nears[start:end],
                        edits,
                        None if edits_at is None else partial(edits_at, offset + start, offset + end),
                    )
                    if near
                    else self._sounds_like(typed, sounds[start:end])
                )
                if terms and cut:
                    terms = [term for term in terms if not _changes_a_word(cut, start, typed, term)]
                if terms and self._vocabulary:
                    terms = [term for term in terms if not self._swaps_a_word(typed, term)]
                if terms:
                    found.append((offset + start, offset + end, terms))
        if self._edges_to_neighbours:
            found = self._without_changed_edges(folded, found)
        chosen: list[tuple[int, int, list[str]]] = []
        for start, end, terms in sorted(found, key=lambda f: (-(f[1] - f[0]), f[0])):
            if all(end <= s or start >= e for s, e, _ in chosen):
                chosen.append((start, end, terms))
        return [(folded[start:end], term) for start, end, terms in sorted(chosen) for term in terms]

    def _without_changed_edges(
        self, folded: str, found: list[tuple[int, int, list[str]]]
    ) -> list[tuple[int, int, list[str]]]:
        """The readings found, each slice's terms without those whose only change beyond the rest of the slice's own
        reading (or the rest as typed, a term or a real word) is its first or last character (`edges_to_neighbours`)."""
        read = {(start, end): terms for start, end, terms in found}

        def rest_reads_as(start: int, end: int, term: str) -> bool:
            typed = folded[start:end]
            return len(typed) >= 2 and (
                (typed == term and (typed in self._terms or typed in self._not_typos))
                or term in read.get((start, end), ())
            )

        kept = []
        for start, end, terms in found:
            typed = folded[start:end]
            terms = [
                term
                for term in terms
                if len(term) != len(typed)
                or not (
                    (term[0] != typed[0] and rest_reads_as(start + 1, end, term[1:]))
                    or (term[-1] != typed[-1] and rest_reads_as(start, end - 1, term[:-1]))
                )
            ]
            if terms:
                kept.append((start, end, terms))
        return kept

    def _cut_words(self, text: str) -> list[tuple[int, int]]:
        """Where the whole words stand in a run of the message: most runs hold none."""
        if self._whole_words is None:
            return []
        return [(word.start(), word.end()) for word in self._whole_words.finditer(text)]

    def _slices(
        self, text: str, sounds: tuple[str, ...], near: tuple[str, ...], edits: bool, shortest: int = 2
    ) -> set[tuple[int, int]]:
        """The (start, end) of every slice of the text, two to TYPED_MAX characters long, that `_close_terms` may
        find a term for: a slice sounding like a term starts with its first two sounds (or near sounds), and one a
        term with one character wrong, missing or too many shares the term's first two, last two, or first and
        last characters. About one slice in six, or one in thirty without edits. `near` empty: sounds only."""
        size = len(text)
        longest = min(self._longest + 1, TYPED_MAX, size)
        with_edits = self._edits and edits
        by_start: list[set[int]] = [set() for _ in text]  # the lengths of the slices worth comparing
        for start in range(size - 1):
            lengths = by_start[start]
            lengths.update(self._lengths_by_sounds.get(sounds[start : start + 2], ()))
            if self._near and near:
                lengths.update(self._lengths_by_near_sounds.get(near[start : start + 2], ()))
            if with_edits:
                pair = text[start : start + 2]
                lengths.update(self._lengths_by_head.get(pair, ()))
                for length in self._lengths_by_tail.get(pair, ()):  # of the slice ending with the pair
                    if length <= start + 2:
                        by_start[start + 2 - length].add(length)
                reach = min(longest, size - start)
                for length, last_chars in self._last_chars_by_first.get(text[start], {}).items():
                    if length <= reach and text[start + length - 1] in last_chars:
                        lengths.add(length)
        return {
            (start, start + length)
            for start, lengths in enumerate(by_start)
            for length in lengths
            if shortest <= length <= longest and start + length <= size
        }

    def syllables(self, text: str) -> tuple[str, ...]:
        """Each character's syllable: slices of it are what `same_sound` looks up, for many slices of one text."""
        return tuple(map(sound, text))

    def lengthens(self, word: str, more: int) -> bool:
        """Whether some term sounds like the word with up to `more` characters more before it and up to `more` after
        it, one more at least: where none does, `same_sound` finds no term in any such slice around the word in a
        message. Asked of the known words again and again, each answer is kept (as many as there are words)."""
        known = self._lengthened.get((word, more))
        if known is not None:
            return known
        if not self._built:
            self._build()
        held = self._held_sounds.get(more)
        if held is None:
            held = self._held_sounds[more] = {
                sounds[before : len(sounds) - after]
                for sounds in self._by_sound
                for before in range(more + 1)
                for after in range(more + 1)
                if (before or after) and len(sounds) > before + after
            }
        known = self._lengthened[(word, more)] = tuple(map(sound, word)) in held
        return known

    def same_sound(
        self, text: str, syllables: tuple[str, ...], slices: Iterable[tuple[int, int]]
    ) -> Iterator[tuple[int, int, str]]:
        """(start, end, term) for each term that a slice of the text sounds exactly like, with at least one character
        right, slice by slice in the order given (`syllables`: the text's). Most slices sound like no term: one
        look-up rules each out."""
        if not self._built:
            self._build()
        by_sound = self._by_sound
        cut: list[tuple[int, int]] | None = None  # found where a slice sounds like a term: most do not
        for start, end in slices:
            sounds = syllables[start:end]
            if sounds in by_sound:
                cut = self._cut_words(text) if cut is None else cut
                if _cuts(cut, start, end):
                    continue
                for term in self._sounds_like(text[start:end], sounds):
                    if not _changes_a_word(cut, start, text[start:end], term) and not self._swaps_a_word(
                        text[start:end], term
                    ):
                        yield start, end, term

    def _cuts_a_word(self, text: str, start: int, end: int) -> bool:
        """Whether the slice of the text starts or ends inside a word of the vocabulary ("烧车间" of 煅烧车间)."""
        vocabulary = self._vocabulary
        return (start > 0 and text[start - 1 : start + 1] in vocabulary) or (
            end < len(text) and text[end - 1 : end + 1] in vocabulary
        )

    def _swaps_a_word(self, typed: str, term: str) -> bool:
        """Whether reading the typed word as the term puts one word of the vocabulary for another, two characters
        of each at the same place holding a wrong one ("熔炼车间" as 密炼车间)."""
        vocabulary = self._vocabulary
        return len(typed) == len(term) and any(
            typed[at : at + 2] != term[at : at + 2]
            and typed[at : at + 2] in vocabulary
            and term[at : at + 2] in vocabulary
            for at in range(len(typed) - 1)
        )

    def _sounds_like(self, typed: str, sounds: tuple[str, ...]) -> list[str]:
        """Terms that sound exactly like the typed word, with at least one character right and none of the
        message's function characters wrong ("是光" is no 丝光: 是 is a word of its own; 汽修场 is 汽修厂)."""
        function = self._function
        return [
            t
            for t in self._by_sound.get(sounds, ())
            if t != typed
            and _wrong(typed, t) < len(t)
            and not any(a != b and a in function for a, b in zip(typed, t, strict=True))
        ]

    def _close_terms(
        self,
        typed: str,
        sounds: tuple[str, ...],
        near: tuple[str, ...],
        edits: bool = True,
        edits_here: Callable[[], bool] | None = None,
    ) -> list[str]:
        """The terms the typed word may have meant: the same sound with at least one character right, a near
        sound in one character, else (long terms only, where `edits_here()` allows) one character wrong, missing or
        too many."""
        same = self._sounds_like(typed, sounds)
        if same or not self._near:
            return same
        close = [
            t
            for t in self._by_near_sound.get(near, ())
            if _wrong(typed, t) == 1
            and t[_first_wrong(typed, t)] not in self._function
            and typed[_first_wrong(typed, t)] not in self._function
        ]  # "化肥掺" is no 化肥厂, "是器" no 炻器
        if close or len(typed) < EDIT_MIN or not (self._edits and edits):
            return close
        length = len(typed)
        anchored = [term for anchor in _anchors(typed) for term in self._by_anchor.get(anchor, ())]
        missing = self._by_shorter.get(typed, ())
        # A term the typed word holds with one character too many keeps the word's first two or last two
        # characters (it is at least three long): the anchors of that length give the few to compare.
        shorter = (
            [
                term
                for anchor in ((typed[:2], "", length - 1), ("", typed[-2:], length - 1))
                for term in self._by_anchor.get(anchor, ())
            ]
            if length > EDIT_MIN
            else []
        )
        if not (anchored or missing or shorter) or (edits_here is not None and not edits_here()):
            return []  # most words: nothing to compare
        # One wrong character ("化肥掺" is no 化肥厂: 厂 is a word of its own). Wherever it stands, terms of different
        # kinds it fits ("做石子": 做鞋子, 做石材) leave no one reading.
        substituted: set[str] = set()
        for term in anchored:
            at = _first_wrong(typed, term) if _wrong(typed, term) == 1 else -1
            if (
                at >= 0
                and typed[at] not in self._function
                and term[at] not in self._function
                and any(char not in self._function_or_light for char in term[:at] + term[at + 1 :])
            ):
                substituted.add(term)
        edited = [substituted, set(missing), {term for term in shorter if self._one_extra(typed, term)}]
        # Terms of different kinds that the word fits by the same kind of edit (件加工: 铜加工, 铝加工, 鞋加工;
        # 制品厂: 铜制品厂, 铝制品厂) say that the character the edit touches is what the word is about: it is
        # another word of that pattern, or the pattern itself, not a typo.
        found = {
            term for terms in edited if len({self._kinds.get(t, t) for t in terms}) == 1 for term in terms
        }
        return sorted(found)

    def _one_extra(self, typed: str, term: str) -> bool:
        """Whether the term is the typed word without one of its characters, that one not a function character."""
        return any(
            typed[i] not in self._function and typed[:i] + typed[i + 1 :] == term for i in range(len(typed))
        )


def _anchors(word: str) -> tuple[tuple[str, str, int], ...]:
    return ((word[:2], "", len(word)), ("", word[-2:], len(word)), (word[0], word[-1], len(word)))


def _wrong(typed: str, term: str) -> int:
    """How many characters of a same-length word differ from the term."""
    return sum(a != b for a, b in zip(typed, term, strict=True))


def _first_wrong(typed: str, term: str) -> int:
    return next(i for i, (a, b) in enumerate(zip(typed, term, strict=True)) if a != b)


def _cuts(words: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether the slice takes part of one of the words and leaves the rest ("汽车企" of 汽车企业)."""
    return any(low < end and start < high and not start <= low < high <= end for low, high in words)


def _changes_a_word(words: list[tuple[int, int]], start: int, typed: str, term: str) -> bool:
    """Whether reading the slice typed at `start` as the term changes a character of one of the words it holds
    ("农业企业" is no 农药企业: 农业 is a word as written)."""
    return len(typed) == len(term) and any(
        typed[at - start] != term[at - start]
        for low, high in words
        if start <= low and high <= start + len(typed)
        for at in range(low, high)
    )
