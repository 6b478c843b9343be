"""A question answered right stays right when it is wrapped as people wrap it in a group chat (issue 11: the
development sets scored 100 % while people's own wording scored ~80 %): a greeting or an address before it, a sound
or a hesitation before it or its later clauses, the speaker's introduction by their role, thanks or pressing after it. bench/paraphrase_invariance.py measures every wrapper over
every development question; here a fixed sample holds a floor for the wrappers the courtesies' cut fixed."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.paraphrase_invariance import SEED, WRAPPERS, Wrapper, answered_right, invariance
from bot.evaluate import DEV_QUESTIONS
from handlers.qa import Answers
from knowledge.answering import decide
from knowledge.base import KnowledgeBase
from knowledge.textnorm import ascii_letters_and_digits, nfkc, said_once, typed_spacing_read
from tests.harness import Harness, evaluation_cases

SAMPLE = 300  # development questions drawn with the bench's seed: ~1 s of deciding for the wrappers below
# Each wrapper's share of the sample's right answers that stays right; at the courtesies' cut's base (b2591d7) the
# whole sets' shares were 97.4, 94.6, 97.1, 97.6, 98.4, 95.7, 97.6, 91.9, 98.2, 97.7 and 91.3 %
FLOORS = {
    "greeting 老师好，": 0.99,
    "greeting 你好，麻烦问下": 0.99,
    "greeting 各位领导好，请问": 0.99,
    "filler 嗯 before": 0.99,
    "filler 那个， before": 0.99,
    "tail 在线等": 0.99,
    "tail 急": 0.99,
    "stutter": 0.99,
    "filler 就是 in the last clause": 0.99,
    # its words tell the small and micro rules; answers by those are not counted (the whole sets: 96.0 → 99.8 % at
    # robust30, the size in a clause of its own read as the question's context)
    "situation 我们是个小厂，": 0.99,
    "situation 我是厂里新来的环保员，": 0.99,
    "tail 谢谢": 0.99,
    "tail emoji 🙏": 0.99,
    "spaces around letters and digits": 0.99,
    # voice input's runs of words without marks, whose clauses are found where a question ends (the sample: 95.7 %;
    # 135 of 142 at d73473b, 135 of 143 after qa29: a two-part letter it newly answers, "现就移动源咨询如下：一、…；
    # 二、…", has no numbered items once its marks are gone, as before; no question answered before flips anew)
    "punctuation dropped": 0.94,
}
GROUP = "平山县企业群"
LEADS = ["老师好，", "你好，", "各位领导好，", "嗯 ", "那个，", "领导您好，", "大家好，", "好的，"]
TAILS = ["，在线等", " 急", "，谢谢老师", "谢谢", "，急急急", "！辛苦了"]


@pytest.fixture(scope="module")
def right_sample(kb: KnowledgeBase, answers: Answers) -> list[dict[str, object]]:
    cases = [case for name in DEV_QUESTIONS for case in evaluation_cases(name)]
    return answered_right(kb, answers, random.Random(SEED).sample(cases, SAMPLE))


@pytest.mark.parametrize("wrapper", [w for w in WRAPPERS if w.name in FLOORS], ids=lambda w: w.name)
def test_a_wrapped_question_stays_right(
    kb: KnowledgeBase, answers: Answers, right_sample: list[dict[str, object]], wrapper: Wrapper
) -> None:
    measured = invariance(kb, answers, right_sample, wrapper)
    flipped = [(original, miss.found[:2]) for original, miss in measured.flips]
    assert measured.rate >= FLOORS[wrapper.name], flipped


@given(
    question=st.sampled_from(
        ["截止到几点", "名单交哪", "我们是铸造厂，要报吗", "门禁必须装吗", "好多企业没报怎么办"]
    ),
    lead=st.lists(st.sampled_from(LEADS), max_size=3).map("".join),
    tail=st.lists(st.sampled_from(TAILS), max_size=2).map("".join),
)
def test_the_courtesies_around_a_question_are_cut(
    kb: KnowledgeBase, question: str, lead: str, tail: str
) -> None:
    assert kb.without_courtesies(lead + question + tail) == question


@pytest.mark.parametrize(
    ("said", "left"),
    [
        ("预警的时候没按清单停，就是会怎么处理", "预警的时候没按清单停，会怎么处理"),
        ("名单交了，嗯，下一步干啥", "名单交了，下一步干啥"),
        ("切断、弯箍，这个也要报？", "切断、弯箍，这个也要报？"),  # 这个 points at what was said
    ],
)
def test_a_hesitation_opening_a_later_clause_is_cut(kb: KnowledgeBase, said: str, left: str) -> None:
    assert kb.without_courtesies(said) == left


@given(st.text(alphabet="老师好你嗯那个，谢急在线等您领导问下请好像多交哪 ", max_size=40))
def test_what_is_left_is_the_middle_of_the_message(kb: KnowledgeBase, said: str) -> None:
    left = kb.without_courtesies(said)
    assert left in said
    assert left == said or re.search(r"[\u4e00-\u9fff]", left)


@pytest.mark.parametrize(
    "said", ["各位领导" * 30 + "名单交哪", "名单交哪，" + "谢谢老师" * 30 + "x", "好的好的" * 30]
)
def test_a_run_of_courtesies_is_read_once_not_in_every_way_it_splits(kb: KnowledgeBase, said: str) -> None:
    # each of 30 各位领导 read also as 各位 and 领导 would be 2**30 ways to try before giving up
    assert kb.without_courtesies(said) in said


@pytest.mark.parametrize(
    "said",
    [
        "老师好多企业没报怎么办",  # 好多 is no greeting's 好
        "大家好像都没报",
        "要不要急",  # 急 said without a pause is the question's own word
        "组装电动车，车架都是买来喷好的",  # 好的 ends the sentence, thanking nobody
        "专家评审几天",
    ],
)
def test_words_that_only_look_like_courtesies_are_kept(kb: KnowledgeBase, said: str) -> None:
    assert kb.without_courtesies(said) == said


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("我是厂里新来的环保员，必须报吗", "who_must_apply"),
        ("本人是公司文员，名单交哪", "deadline_application_list"),
        ("我是新来的，截止到几点", "deadline_application_list"),
    ],
)
def test_the_speakers_introduction_by_their_role_is_no_part_of_the_question(
    kb: KnowledgeBase, said: str, asked: str
) -> None:
    assert [hit.entry.id for hit in decide(kb, said).hits][:1] == [asked]


@pytest.mark.parametrize("asked", ["截止到几点", "交哪", "名单过了中午12点还收不收"])
def test_a_business_told_by_its_size_alone_gets_no_verdict_on_its_trade(
    kb: KnowledgeBase, asked: str
) -> None:
    assert decide(kb, "我们是个小厂，" + asked).kind != "industry"


@pytest.mark.parametrize("said", ["我们是个小铸造厂，要报吗", "我们是个小厂，做铸造的，要报吗"])
def test_a_small_business_told_by_its_trade_still_gets_the_verdict(kb: KnowledgeBase, said: str) -> None:
    assert decide(kb, said).kind == "industry"


def test_a_greeting_and_an_introduction_before_a_choice_asked_are_no_small_talk(kb: KnowledgeBase) -> None:
    said = "老师好，我是代理公司的，手上有几家企业，材料是交市局还是交分局"  # asks which, by 还是 alone
    assert [hit.entry.id for hit in decide(kb, said).hits][:1] == ["deadline_materials"]


@pytest.mark.parametrize(
    ("said", "asked"),
    [("物流园门禁谢谢", "logistics_park_system"), ("物流园门禁，在线等", "logistics_park_system")],
)
def test_a_topic_named_before_the_thanks_is_what_is_asked(kb: KnowledgeBase, said: str, asked: str) -> None:
    assert [hit.entry.id for hit in decide(kb, said).hits][:1] == [asked]


def test_a_business_named_before_the_thanks_still_gets_the_verdict(kb: KnowledgeBase) -> None:
    assert decide(kb, "铸造厂谢谢").kind == "industry"


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("我们是个小厂，运输车辆电子台账是所有企业都要有吗", "electronic_ledger"),
        ("我们是个小厂，报给谁啊", "deadline_application_list"),
        ("我们是个小厂，不报有事没", "consequence_not_applying"),
        ("我们是个小厂，要报吗", "who_must_apply"),  # whether a business of that size takes part
    ],
)
def test_a_size_said_before_a_question_is_its_context(kb: KnowledgeBase, said: str, asked: str) -> None:
    assert [hit.entry.id for hit in decide(kb, said).hits][:1] == [asked]


def test_an_introduction_naming_a_business_or_a_county_is_kept(kb: KnowledgeBase) -> None:
    assert decide(kb, "我是铸造厂的环保员，要报吗").kind == "industry"  # the business asked about
    assert kb.introduction_end("我是鹿泉的环保员，名单交哪") is None  # where it is asked


@given(st.text(alphabet="２０Ａｂ１９Ｚｚ，？（）年级 abc12", max_size=30))
def test_full_width_letters_and_digits_are_read_as_ascii_and_nothing_else(said: str) -> None:
    read = ascii_letters_and_digits(said)
    assert [nfkc(char) if nfkc(char).isascii() and nfkc(char).isalnum() else char for char in said] == list(
        read
    )


_WORD_CHARS = "名单材料几号交门禁"
_CONTEXT_CHARS = "我们厂要报吗分局"


@given(
    word=st.lists(st.sampled_from(_WORD_CHARS), min_size=2, max_size=4, unique=True).map("".join),
    times=st.integers(2, 3),
    before=st.lists(st.sampled_from(_CONTEXT_CHARS), max_size=4, unique=True).map("".join),
    after=st.lists(st.sampled_from(_CONTEXT_CHARS), max_size=4, unique=True).map("".join),
)
def test_words_said_again_at_once_are_said_once(word: str, times: int, before: str, after: str) -> None:
    assert said_once(before + word * times + after) == before + word + after


@given(st.text(alphabet="名单名单几号交我们", max_size=24))
def test_saying_once_only_leaves_out_characters(said: str) -> None:
    once = iter(said)
    assert all(char in once for char in said_once(said))  # a subsequence of what was said


@given(st.text(alphabet="门禁吗装俺们C2，?", max_size=24))
def test_a_ma_inside_a_run_of_words_ends_its_clause(kb: KnowledgeBase, said: str) -> None:
    ended = kb.clauses_ended(said)
    assert ended.replace("吗,", "吗") == said.replace("吗,", "吗")
    assert re.search(r"吗[\u4e00-\u9fffA-Za-z0-9]", ended) is None


@given(st.text(alphabet="填啥俺们不会吗呢为了会怎么是真的对吧，A", max_size=24))
def test_a_question_ended_inside_a_run_of_words_only_gains_a_mark(kb: KnowledgeBase, said: str) -> None:
    ended = kb.clauses_ended(said)
    assert ended.replace(",", "") == said.replace(",", "")
    assert ended.count("为啥,") == said.count("为啥,")  # 为啥 asks why of what follows it


@pytest.mark.parametrize(
    ("said", "ended"),
    [
        ("清单里头得填啥俺们不会填", "清单里头得填啥,俺们不会填"),
        ("能按小微走不我们人少", "能按小微走不,我们人少"),
        ("听说评级不收钱是真的吗", "听说评级不收钱,是真的吗"),
        ("照片被发现了会怎么处理", "照片被发现了,会怎么处理"),
        ("为啥我们厂没收到", "为啥我们厂没收到"),
        ("材料交哪呢邮箱是哪个", "材料交哪呢,邮箱是哪个"),
    ],
)
def test_where_a_question_ends_without_a_mark_a_clause_ends(kb: KnowledgeBase, said: str, ended: str) -> None:
    assert kb.clauses_ended(said) == ended


@given(st.text(alphabet="想报C级 A+2020年吗，🙏💰", max_size=24))
def test_reading_the_typed_spacing_only_leaves_out_spaces_and_a_closing_gesture(said: str) -> None:
    kept, typed = typed_spacing_read(said).replace(" ", ""), said.replace(" ", "")
    assert typed.startswith(kept)
    assert set(typed[len(kept) :]) <= {"🙏"}


@pytest.mark.parametrize(
    ("said", "read"),
    [
        ("我们想报 C", "我们想报C"),
        ("跟 2020 年一样吗", "跟2020年一样吗"),
        ("我们想冲 A +，门禁必须装吗", "我们想冲A+，门禁必须装吗"),
        ("我们想冲A+ 门禁必须装吗", "我们想冲A+ 门禁必须装吗"),  # spaced on one side: a pause
        ("门禁必须装吗 C级呢", "门禁必须装吗 C级呢"),
        ("几点到几点🙏", "几点到几点"),
        ("监控装下来一共得多少💰", "监控装下来一共得多少💰"),  # money, no gesture
        ("🙏", "🙏"),
    ],
)
def test_spaces_around_letters_and_a_closing_gesture_are_typed_looks(said: str, read: str) -> None:
    assert typed_spacing_read(said) == read


def test_a_question_run_on_into_the_next_is_answered_by_its_clauses(kb: KnowledgeBase) -> None:
    # voice input puts no mark between them: 门禁必须装吗 is asked, 俺们想报C says why
    assert [hit.entry.id for hit in decide(kb, "门禁必须装吗俺们想报C").hits][:1] == ["mobile_system_who"]


@pytest.mark.parametrize(
    "said",
    [
        "２０１８年石家庄评级的材料是几号交的",
        "2018 年石家庄评级的材料是几号交的",
        "２０２３年的申请名单交到哪里",
    ],
)
def test_another_years_question_is_declined_however_its_year_is_typed(kb: KnowledgeBase, said: str) -> None:
    assert decide(kb, said).step == "beyond_sources"


@pytest.mark.parametrize(
    ("plain", "wrapped", "fact"),
    [
        ("截止到几点", "老师好，截止到几点，在线等", "7月17日"),
        ("谁审", "各位老师好，我是厂里新来的环保员，请问谁审 急", "初审"),
        ("谁审", "各位领导好，请问谁审 急", "初审"),
        ("门禁必须装吗", "门禁门禁必须装吗", "引领性标杆"),
        ("名单交给谁", "嗯 你好，麻烦问下名单交给谁？谢谢老师！", "分局"),
        (
            "运输车辆电子台账是所有企业都要有吗",
            "我们是个小厂，运输车辆电子台账是所有企业都要有吗",
            "所有申报评级的企业",
        ),
        ("物流园门禁", "物流园门禁谢谢", "物流园区"),
        ("听说评级不收钱，是真的吗", "听说评级不收钱是真的吗", "财政预算"),
        ("清单里头得填啥，俺们不会填", "清单里头得填啥俺们不会填", "清单"),
        ("门禁必须装吗 俺们想报C", "门禁必须装吗 俺们想报 C🙏", "引领性标杆"),
    ],
)
async def test_the_console_answers_a_wrapped_question_as_the_plain_one(
    harness: Harness, plain: str, wrapped: str, fact: str
) -> None:
    expected = await harness.text("张三", plain, chat=GROUP)
    assert fact in expected, expected
    assert await harness.text("李四", wrapped, chat="另一个企业群") == expected
