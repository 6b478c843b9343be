"""Whether a question answered right stays right when it is wrapped as people wrap it (issue 11: the development
sets scored 100 % while people's own wording scored ~80 %): every development question the bot answers right is
asked again through each wrapper below, one at a time, each a small meaning-preserving change of how Chinese is
spoken or typed in a group chat (a greeting before it, a filler inside, the situation first, a polite tail, the
punctuation dropped, 吗 asked as 不/没, a stutter, full-width letters, a trailing emoji). For each wrapper it prints
how many stay right (the invariance rate) and a few that flip.

    python bench/paraphrase_invariance.py [--sample N] [--examples N] [--wrapper NAME …]

The wrapped text goes through what a group message goes through before it is answered (the @-mention stripped,
bot.text.strip_mention) and is scored as `knowledge eval` scores it (the entry among the first two, the facts its
reply must hold, or declined where it should be). Held-out sets are never read. `--sample N` asks each wrapper of
N questions drawn with a fixed seed instead of all (~5,600 questions × 24 wrappers: ~2 minutes of CPU).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.evaluate import DEV_QUESTIONS, Miss, check_answer, load_cases  # noqa: E402
from bot.render import Renderer  # noqa: E402
from bot.text import strip_mention  # noqa: E402
from handlers.qa import Answers  # noqa: E402
from knowledge.base import KnowledgeBase, load_knowledge  # noqa: E402

BOT_NAME = "绩效分级助手"  # the default BOT_NAME, whose @-mention the group adapters strip
SEED = 29
CLAUSE_MARK = re.compile(r"[，,。；;！!？?、\s]+")
ENDING_MARKS = "？?。.！!，, "
_TO_FULLWIDTH = {code: code + 0xFEE0 for code in range(0x21, 0x7F)}
_TO_HALFWIDTH_MARKS = str.maketrans("，？！：；（）", ",?!:;()")


def _ending_stripped(question: str) -> tuple[str, str]:
    """The question without its closing marks, and those marks."""
    body = question.rstrip(ENDING_MARKS)
    return body, question[len(body) :]


def _last_clause_start(question: str) -> int | None:
    """Where the last clause of a question of several starts, None for a question of one clause."""
    body, _ = _ending_stripped(question)
    marks = list(CLAUSE_MARK.finditer(body))
    return marks[-1].end() if marks else None


def filler_in_last_clause(filler: str) -> Callable[[str], str | None]:
    def wrapped(question: str) -> str | None:
        at = _last_clause_start(question)
        return None if at is None else question[:at] + filler + question[at:]

    return wrapped


def filler_after_first_clause(filler: str) -> Callable[[str], str | None]:
    def wrapped(question: str) -> str | None:
        body, _ = _ending_stripped(question)
        first = CLAUSE_MARK.search(body)
        return None if first is None else question[: first.end()] + filler + question[first.end() :]

    return wrapped


def tail(words: str) -> Callable[[str], str | None]:
    def wrapped(question: str) -> str | None:
        body, marks = _ending_stripped(question)
        return f"{body}{marks}{words}"

    return wrapped


def punctuation_as(mark: str) -> Callable[[str], str | None]:
    """Every clause mark said as `mark` ("" drops them); None where the question has none."""

    def wrapped(question: str) -> str | None:
        body, _ = _ending_stripped(question)
        if not CLAUSE_MARK.search(question):
            return None
        return CLAUSE_MARK.sub(mark, body).strip()

    return wrapped


_MA_ENDING = re.compile(r"吗(?=[？?。!！]*$)")


def ma_as_a_not_a(question: str) -> str | None:
    """A yes-no question's closing 吗 asked as 没 after a done thing (交了吗 → 交了没), else as 不 (能报吗 → 能报不)."""
    found = _MA_ENDING.search(question)
    if found is None:
        return None
    particle = "没" if question[: found.start()].endswith(("了", "过")) else "不"
    return question[: found.start()] + particle + question[found.end() :]


def stutter(question: str) -> str | None:
    """The first two characters said twice, as voice input keeps a restart (名单名单几号交)."""
    opening = question[:2]
    return None if len(opening) < 2 or CLAUSE_MARK.search(opening) else opening + question


def fullwidth_letters_and_digits(question: str) -> str | None:
    if not re.search(r"[0-9A-Za-z]", question):
        return None
    return re.sub(r"[0-9A-Za-z]", lambda found: found[0].translate(_TO_FULLWIDTH), question)


def halfwidth_marks(question: str) -> str | None:
    turned = question.translate(_TO_HALFWIDTH_MARKS)
    return None if turned == question else turned


def spaces_around_latin(question: str) -> str | None:
    """Spaces typed around letters and digits (A级 → A 级, 7月17日 → 7 月 17 日)."""
    spaced = re.sub(r"\s*([0-9A-Za-z.:]+)\s*", r" \1 ", question).strip()
    return None if spaced == question.strip() else spaced


@dataclass(frozen=True)
class Wrapper:
    name: str
    wrap: Callable[[str], str | None]  # None: the wrapper does not apply to this question
    # the topics its words tell something of: a wrapped question answered by an entry of one got what the wrapper
    # added ("我们是个小厂，" + a question: the small and micro enterprises' rules), which is no flip
    informs: frozenset[str] = frozenset()


WRAPPERS = (
    Wrapper("greeting 老师好，", lambda q: "老师好，" + q),
    Wrapper("greeting 你好，麻烦问下", lambda q: "你好，麻烦问下" + q),
    # the group adapters strip the bot's @-mention before anything reads the message
    Wrapper("address @绩效分级助手", lambda q: strip_mention(f"@{BOT_NAME} " + q, BOT_NAME)),
    Wrapper("greeting 各位领导好，请问", lambda q: "各位领导好，请问" + q),
    Wrapper("filler 那个， before", lambda q: "那个，" + q),
    Wrapper("filler 就是 in the last clause", filler_in_last_clause("就是")),
    Wrapper("filler 嗯， after the first clause", filler_after_first_clause("嗯，")),
    Wrapper("filler 嗯 before", lambda q: "嗯 " + q),
    Wrapper("situation 我们是个小厂，", lambda q: "我们是个小厂，" + q, frozenset({"小微企业"})),
    Wrapper("situation 我是厂里新来的环保员，", lambda q: "我是厂里新来的环保员，" + q),
    Wrapper("tail 谢谢", tail("谢谢")),
    Wrapper("tail ，谢谢老师", tail("，谢谢老师")),
    Wrapper("tail 急", tail(" 急")),
    Wrapper("tail 在线等", tail("，在线等")),
    Wrapper("punctuation dropped", punctuation_as("")),
    Wrapper("punctuation all commas", punctuation_as("，")),
    Wrapper("punctuation as spaces", punctuation_as(" ")),
    Wrapper("吗 → 不/没", ma_as_a_not_a),
    Wrapper("stutter", stutter),
    Wrapper("full-width letters and digits", fullwidth_letters_and_digits),
    Wrapper("half-width marks", halfwidth_marks),
    Wrapper("spaces around letters and digits", spaces_around_latin),
    Wrapper("tail emoji 🙏", tail("🙏")),
    Wrapper("tail 。。。", tail("。。。")),
)


@dataclass
class Invariance:
    asked: int = 0
    stayed: int = 0
    informed: int = 0  # answered by an entry of a topic the wrapper tells something of: not asked
    flips: list[tuple[str, Miss]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.stayed / self.asked if self.asked else 1.0


def answered_right(
    kb: KnowledgeBase, answers: Answers, cases: Iterable[dict[str, object]]
) -> list[dict[str, object]]:
    """The questions the bot answers right as they are written."""
    return [case for case in cases if check_answer(kb, answers, case)[0]]


def invariance(
    kb: KnowledgeBase, answers: Answers, cases: list[dict[str, object]], wrapper: Wrapper
) -> Invariance:
    measured = Invariance()
    for case in cases:
        wrapped = wrapper.wrap(str(case["q"]))
        if wrapped is None:
            continue
        ok, miss = check_answer(kb, answers, {**case, "q": wrapped})
        if not ok and miss.found and kb.entries[miss.found[0]].topic in wrapper.informs:
            measured.informed += 1
            continue
        measured.asked += 1
        measured.stayed += ok
        if not ok:
            measured.flips.append((str(case["q"]), miss))
    return measured


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sample", type=int, default=0, help="questions per wrapper, drawn with a fixed seed"
    )
    parser.add_argument("--examples", type=int, default=3, help="flips printed per wrapper")
    parser.add_argument(
        "--wrapper", nargs="*", default=[], metavar="NAME", help="only wrappers whose name holds it"
    )
    arguments = parser.parse_args()
    templates = ROOT / "knowledge" / "templates"
    kb = load_knowledge(ROOT / "knowledge" / "data", templates)
    answers = Answers(kb, Renderer(templates, commands=kb.commands))
    cases = [case for name in DEV_QUESTIONS for case in load_cases(ROOT / "tests" / "data", name)]
    right = answered_right(kb, answers, cases)
    if arguments.sample:
        right = random.Random(SEED).sample(right, min(arguments.sample, len(right)))
    wrappers = [
        w for w in WRAPPERS if not arguments.wrapper or any(part in w.name for part in arguments.wrapper)
    ]
    measured = {wrapper.name: invariance(kb, answers, right, wrapper) for wrapper in wrappers}
    print(f"{len(right)} development questions answered right, each asked again through every wrapper")
    print("| wrapper | asked | stay right | invariance | answered by what it told (not asked) |")
    print("|---|---|---|---|---|")
    for name, result in measured.items():
        print(f"| {name} | {result.asked} | {result.stayed} | {result.rate:.1%} | {result.informed or ''} |")
    asked = sum(result.asked for result in measured.values())
    stayed = sum(result.stayed for result in measured.values())
    informed = sum(result.informed for result in measured.values())
    print(f"| all | {asked} | {stayed} | {stayed / asked if asked else 1.0:.1%} | {informed} |")
    for name, result in measured.items():
        for original, miss in result.flips[: arguments.examples]:
            print(
                f"{name}: {original} → {miss.text} → {miss.decided} {miss.found[:2]} (expected {miss.expect}"
                f"{', missing ' + '/'.join(miss.missing) if miss.missing else ''}; {miss.step})"
            )


if __name__ == "__main__":
    main()
