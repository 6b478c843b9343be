"""Short follow-ups ("那C级呢", "具体几点", "那我们焦化呢") answered with the question asked just before them, as
transcripts through the console harness; and the follow-up detector on any text."""

from __future__ import annotations

import functools
import itertools
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.settings import Settings
from handlers.context import Answer, is_command
from handlers.qa import Answers
from knowledge.answering import Decision, decide
from knowledge.base import KnowledgeBase
from knowledge.followup import (
    BARE_QUESTION_MAX,
    GRADE,
    SHAPED_MAX,
    SURE_ALONE,
    WARNING_LEVEL,
    core,
    may_follow_up,
    names_only_a_slot,
    read_with,
    readings,
    shaped,
    subject_joined,
)
from tests.harness import (
    VALID_CODES,
    Harness,
    evaluation_cases,
    follow_up_lead,
    fresh_postgres_database,
    make_harness,
    make_settings,
    selects_holding,
)

GROUP = "平山县企业群"
OTHER_GROUP = "鹿泉区企业群"


_PASSERS_BY = itertools.count()


async def said_alone(harness: Harness, text: str) -> str:
    """The reply to `text` asked in a chat of its own by someone who asked nothing before (each time another: the same
    question sent again right after itself is told it was answered above)."""
    passer_by = f"路人{next(_PASSERS_BY)}"
    return await harness.text(passer_by, text, chat=passer_by)


# (question, follow-up, how it is read, the entry or industry that answers the reading)
PAIRS = [
    ("B级企业预警期间要停产吗", "那C级呢", "C级企业预警期间要停产吗", "guide_grade_c_d"),
    ("B级企业预警期间要停产吗", "那A级呢", "A级企业预警期间要停产吗", "guide_grade_a_leading"),
    ("预警期间要停产吗", "那B级呢", "B级预警期间要停产吗", "guide_grade_b"),
    ("申请名单什么时候截止", "具体几点", "申请名单具体几点", "deadline_application_list"),
    ("申请名单什么时候截止", "还有材料呢", "材料什么时候截止", "deadline_materials"),
    ("材料交给谁", "那电子版还是纸质", "材料交给电子版还是纸质", "deadline_materials"),
    # the verb both say is written once (was "材料交交到哪", answered by a pair of entries)
    ("材料交几份", "那交到哪呢", "材料交到哪", "deadline_materials"),
    ("小微企业怎么认定", "那要交啥证明呢", "小微企业要交啥证明", "micro_certification"),
    ("小微企业怎么认定", "那个体户呢", "个体户怎么认定", "micro_certification"),
    ("水泥厂要参加评级吗", "那砖厂呢", "砖厂要参加评级吗", "砖瓦窑"),
    ("水泥厂要参加评级吗", "焦化厂", "焦化厂要参加评级吗", "焦化"),
    ("铸造企业评B级要满足什么条件", "那水泥呢", "水泥评B级要满足什么条件", "guide_gap_industry_indicators"),
    # a grade asked of a business is no forecast: how to check it, and the self-assessment offered (test_qa_user_round16)
    ("铸造厂能评A吗", "那我们焦化呢", "焦化能评A吗", "grade_forecast_gap"),
    ("平山县有哪些扶持政策", "具体有啥", "平山县具体有啥", "pingshan_overview"),
    ("平山县正面清单怎么申请", "那需要啥条件", "平山县正面清单需要啥条件", "positive_list_gap"),
    # a warning level named alone takes the place of the one asked before, as a grade does
    ("水泥B级红色预警停不停", "那橙色呢", "水泥B级橙色预警停不停", "guide_cement_measures_ab"),
    ("红色预警期间B级企业怎么限产", "橙色预警呢", "橙色预警期间B级企业怎么限产", "guide_grade_b"),
    # thanks or an OK said first to the answer before (was answered alone: 短板原则, "不确定")
    ("B级企业预警期间要停产吗", "谢谢，那C级呢", "C级企业预警期间要停产吗", "guide_grade_c_d"),
    ("B级企业预警期间要停产吗", "好的，明白了。A级呢", "A级企业预警期间要停产吗", "guide_grade_a_leading"),
]


@pytest.mark.parametrize(("question", "follow_up", "reading", "answered_by"), PAIRS)
async def test_a_follow_up_is_answered_read_with_the_question_before_it(
    harness: Harness, question: str, follow_up: str, reading: str, answered_by: str
) -> None:
    kb = harness.app.context.kb
    decision = decide(kb, reading)
    found = [hit.entry.id for hit in decision.hits[:1]] or [decision.industry.candidates[0].name]  # type: ignore[union-attr]
    assert found == [answered_by]
    await harness.say("张三", question, chat=GROUP)
    replied = await harness.text("张三", follow_up, chat=GROUP)
    assert replied == f"{follow_up_lead(question, reading)}\n{await said_alone(harness, reading)}"


async def test_follow_ups_go_on_from_the_question_not_from_each_other(harness: Harness) -> None:
    await harness.say("张三", "B级企业预警期间要停产吗", chat=GROUP)
    await harness.say("张三", "那C级呢", chat=GROUP)
    replied = await harness.text("张三", "那A级呢", chat=GROUP)
    assert replied.startswith(follow_up_lead("B级企业预警期间要停产吗", "A级企业预警期间要停产吗"))


# A bare question (no 那, 还有 or 呢) answered below the bar alone, or by a guess: read with the question before when
# that reading is answered surely by an entry of the same topic as the question before's.
BARE = [
    ("小微企业怎么认定", "要交啥证明", "小微企业要交啥证明", "micro_certification"),
    ("名单几号截止", "几点", "名单几点截止", "deadline_application_list"),
]


@pytest.mark.parametrize("chat", [GROUP, "张三"])
@pytest.mark.parametrize(("question", "follow_up", "reading", "answered_by"), BARE)
async def test_a_bare_question_of_the_same_thing_is_read_with_the_question_before(
    harness: Harness, chat: str, question: str, follow_up: str, reading: str, answered_by: str
) -> None:
    kb = harness.app.context.kb
    assert decide(kb, reading).hits[0].entry.id == answered_by
    await harness.say("张三", question, chat=chat)
    replied = await harness.text("张三", follow_up, chat=chat)
    assert replied == f"{follow_up_lead(question, reading)}\n{await said_alone(harness, reading)}"


async def test_a_bare_question_after_one_of_another_topic_is_answered_alone(harness: Harness) -> None:
    """ "要交啥证明" after a question on warning measures is no question about them: the reading's topic is not the
    question before's."""
    await harness.say("张三", "B级企业预警期间要停产吗", chat=GROUP)
    replied = await harness.text("张三", "要交啥证明", chat=GROUP)
    assert replied == await said_alone(harness, "要交啥证明")


async def test_a_question_answered_surely_alone_is_no_follow_up(harness: Harness) -> None:
    """ "发哪个邮箱" is the mailboxes' entry, which says the materials go to the branch, not by mail."""
    await harness.say("张三", "材料交给谁", chat=GROUP)
    replied = await harness.text("张三", "发哪个邮箱", chat=GROUP)
    assert replied == await said_alone(harness, "发哪个邮箱")


# A county named takes the place of the one asked before; the Pingshan policies are Pingshan's only.
async def test_a_county_named_takes_the_place_of_the_county_asked_before(harness: Harness) -> None:
    await harness.say("张三", "鹿泉区有什么扶持政策", chat=GROUP)
    replied = await harness.text("张三", "那我们平山呢", chat=GROUP)
    assert (
        replied
        == f"{follow_up_lead('鹿泉区有什么扶持政策', '平山有什么扶持政策')}\n{await said_alone(harness, '平山有什么扶持政策')}"
    )
    assert "共八项" in replied


@pytest.mark.parametrize("chat", [GROUP, "张三"])
async def test_pingshans_policies_asked_of_another_county_say_they_are_pingshans(
    harness: Harness, chat: str
) -> None:
    await harness.say("张三", "平山县有哪些扶持政策", chat=chat)
    replied = await harness.text("张三", "那鹿泉呢", chat=chat)
    assert replied.startswith(follow_up_lead("平山县有哪些扶持政策", "鹿泉有哪些扶持政策"))
    assert "只适用于平山县" in replied
    assert "没有讲到“鹿泉”的" in replied
    assert "共八项" not in replied  # Pingshan's list is not given as 鹿泉's


async def test_a_county_named_after_a_question_of_the_whole_city_asks_it_of_that_county(
    harness: Harness,
) -> None:
    await harness.say("张三", "平山县环保分局电话多少", chat=GROUP)
    replied = await harness.text("张三", "那鹿泉呢", chat=GROUP)
    reading = "鹿泉环保分局电话多少"
    assert (
        replied
        == f"{follow_up_lead('平山县环保分局电话多少', reading)}\n{await said_alone(harness, reading)}"
    )


async def test_a_reading_answered_no_surer_is_answered_as_alone(harness: Harness) -> None:
    await harness.say("张三", "申请名单什么时候截止", chat=GROUP)
    replied = await harness.text("张三", "那个呢", chat=GROUP)
    assert replied == await said_alone(harness, "那个呢")
    assert "接着上一个问题" not in replied


async def test_the_window_expires_on_the_clock(harness: Harness) -> None:
    await harness.say("张三", "B级企业预警期间要停产吗", chat="张三", time="2020-07-15T09:00:00+08:00")
    within = await harness.text("张三", "那C级呢", chat="张三", time="2020-07-15T09:09:00+08:00")
    assert within.startswith(follow_up_lead("B级企业预警期间要停产吗", "C级企业预警期间要停产吗"))
    await harness.say("张三", "B级企业预警期间要停产吗", chat="张三", time="2020-07-15T09:20:00+08:00")
    late = await harness.text("张三", "那C级呢", chat="张三", time="2020-07-15T09:31:00+08:00")
    assert late == await said_alone(harness, "那C级呢")


async def test_another_member_goes_on_from_the_groups_last_question_within_the_shorter_window(
    harness: Harness,
) -> None:
    await harness.say("张三", "B级企业预警期间要停产吗", chat=GROUP, time="2020-07-15T09:00:00+08:00")
    within = await harness.text("李四", "那C级呢", chat=GROUP, time="2020-07-15T09:02:00+08:00")
    assert within.startswith(follow_up_lead("B级企业预警期间要停产吗", "C级企业预警期间要停产吗"))
    await harness.say("张三", "B级企业预警期间要停产吗", chat=GROUP, time="2020-07-15T09:10:00+08:00")
    later = await harness.text("李四", "那C级呢", chat=GROUP, time="2020-07-15T09:14:00+08:00")
    assert later == await said_alone(harness, "那C级呢")
    # the member's own question comes first, even where another's is later
    await harness.say("李四", "申请名单什么时候截止", chat=GROUP, time="2020-07-15T09:20:00+08:00")
    await harness.say("张三", "B级企业预警期间要停产吗", chat=GROUP, time="2020-07-15T09:21:00+08:00")
    own = await harness.text("李四", "具体几点", chat=GROUP, time="2020-07-15T09:22:00+08:00")
    assert own.startswith(follow_up_lead("申请名单什么时候截止", "申请名单具体几点"))


async def test_another_members_phone_and_credit_code_are_not_repeated_in_the_group(harness: Harness) -> None:
    question = "我电话13912345678，代码91330100716105852F，B级企业预警期间要停产吗"
    await harness.say("张三", question, chat=GROUP)
    replied = await harness.text("李四", "那C级呢", chat=GROUP)
    assert replied.startswith(
        "接着上一个问题（我电话139****5678，代码9133**********2F，B级企业预警期间要停产吗）"
    )
    assert "13912345678" not in replied
    assert "91330100716105852F" not in replied


async def test_a_command_or_a_dialogue_between_ends_the_question(harness: Harness) -> None:
    await harness.say("张三", "B级企业预警期间要停产吗", chat=GROUP)
    await harness.say("张三", "/截止", chat=GROUP)
    after_command = await harness.text("张三", "那C级呢", chat=GROUP)
    assert after_command == await said_alone(harness, "那C级呢")
    await harness.say("张三", "B级企业预警期间要停产吗", chat=GROUP)
    await harness.say("张三", "我要自评", chat=GROUP)
    await harness.say("张三", "取消", chat=GROUP)
    await harness.say("张三", "是", chat=GROUP)
    after_dialogue = await harness.text("张三", "那C级呢", chat=GROUP)
    assert after_dialogue == await said_alone(harness, "那C级呢")


async def test_a_follow_up_to_another_worker_finds_the_question_in_the_shared_inbox(
    database_url: str, tmp_path: Path
) -> None:
    """Two bots on one database, as `serve --workers 2` runs: the one answering the follow-up never saw the
    question, which it reads back from the inbox."""
    settings = make_settings(database_url, exports_dir=tmp_path)
    first, second = make_harness(settings), make_harness(settings)
    try:
        await first.say("张三", "B级企业预警期间要停产吗", chat=GROUP)
        replied = await second.text("李四", "那C级呢", chat=GROUP)
    finally:
        for worker in (first, second):
            await worker.app.close()
            worker.app.context.repos.inbox._engine.dispose()
    assert replied.startswith(follow_up_lead("B级企业预警期间要停产吗", "C级企业预警期间要停产吗"))


def inbox_reads(harness: Harness) -> list[str]:
    """The chat's latest messages read from the database from now on (InboxRepository.latest_in_chat)."""
    return selects_holding(harness.app.context.repos.inbox._engine, "inbox.mentions_bot")


async def test_a_follow_up_in_a_chat_this_process_recorded_reads_no_database(harness: Harness) -> None:
    """On a database one process serves (SQLite) the chat's latest messages are the ones it recorded: a busy
    group's follow-ups cost no query (bench_wecom_bot.py --instructions)."""
    await harness.say(
        "李四", "你好", chat=GROUP, time="2020-07-15T09:00:00+08:00"
    )  # the chat's first message
    await harness.say("张三", "B级企业预警期间要停产吗", chat=GROUP, time="2020-07-15T10:00:00+08:00")
    reads = inbox_reads(harness)
    replied = await harness.text("张三", "那C级呢", chat=GROUP, time="2020-07-15T10:01:00+08:00")
    assert replied.startswith(follow_up_lead("B级企业预警期间要停产吗", "C级企业预警期间要停产吗"))
    assert reads == []


async def test_a_question_recorded_before_a_restart_is_read_from_the_database(settings: Settings) -> None:
    """What a process recorded before it stopped is in the database alone: the chat's messages this process
    recorded since it began do not hold it, so the follow-up reads them."""
    before = make_harness(settings)
    await before.say("张三", "B级企业预警期间要停产吗", chat=GROUP, time="2020-07-15T09:00:00+08:00")
    await before.app.close()
    after = make_harness(settings)
    try:
        await after.say("李四", "你好", chat=GROUP, time="2020-07-15T09:01:00+08:00")
        reads = inbox_reads(after)
        replied = await after.text("张三", "那C级呢", chat=GROUP, time="2020-07-15T09:02:00+08:00")
    finally:
        await after.app.close()
    assert replied.startswith(follow_up_lead("B级企业预警期间要停产吗", "C级企业预警期间要停产吗"))
    assert len(reads) == 1


async def test_each_worker_reads_the_question_another_answered_since(tmp_path: Path) -> None:
    """`serve --workers 2` on PostgreSQL: a worker that answered an earlier question in the chat still reads the
    chat's latest from the database, where the other recorded a later one."""
    with fresh_postgres_database(migrated=True) as url:
        settings = make_settings(url, exports_dir=tmp_path)
        first, second = make_harness(settings), make_harness(settings)
        try:
            await first.say("张三", "B级企业预警期间要停产吗", chat=GROUP, time="2020-07-15T09:00:00+08:00")
            await second.say("张三", "水泥B级红色预警停不停", chat=GROUP, time="2020-07-15T09:01:00+08:00")
            replied = await first.text("张三", "那橙色呢", chat=GROUP, time="2020-07-15T09:02:00+08:00")
        finally:
            for worker in (first, second):
                await worker.app.close()
                worker.app.context.repos.inbox._engine.dispose()
    assert replied.startswith(follow_up_lead("水泥B级红色预警停不停", "水泥B级橙色预警停不停"))


async def test_two_groups_do_not_mix(harness: Harness) -> None:
    await harness.say("张三", "B级企业预警期间要停产吗", chat=GROUP)
    elsewhere = await harness.text("张三", "那C级呢", chat=OTHER_GROUP)
    assert elsewhere == await said_alone(harness, "那C级呢")


async def test_the_same_text_said_alone_later_is_still_answered_alone(harness: Harness) -> None:
    alone = await said_alone(harness, "那要交啥证明呢")
    await harness.say("张三", "小微企业怎么认定", chat=GROUP)
    in_context = await harness.text("张三", "那要交啥证明呢", chat=GROUP)
    assert in_context.startswith(follow_up_lead("小微企业怎么认定", "小微企业要交啥证明"))
    assert await harness.text("王五", "那要交啥证明呢", chat=OTHER_GROUP) == alone


def development_questions() -> list[str]:
    return [
        str(case["q"])
        for name in ("qa_everyday.yaml", "qa_groupchat.yaml")
        for case in evaluation_cases(name)
    ]


def placed_terms(decision: Decision) -> tuple[str, ...]:
    """The words that place the one industry a question names, if it names one."""
    placed = decision.industry
    return tuple(placed.terms) if placed is not None and placed.verdict == "one" else ()


def names_more_than_a_slot_and_is_answered_surely(kb: KnowledgeBase, answer: Answer, text: str) -> bool:
    """`answer` is the text's, taken by the caller that reads it too (each answer and decision made once)."""
    if answer.sure is None or answer.sure < SURE_ALONE:
        return False
    decision = decide(kb, text)
    if decision.kind == "pair":  # two entries offered, either meant: the question before may say which
        return False
    words = kb.follow_up_words
    return not names_only_a_slot(words, core(words, text), placed_terms(decision))


@pytest.fixture(scope="module")
def answered_alone(answers: Answers) -> dict[str, Answer]:
    """Every development question answered alone: once for the module's two tests that read them all."""
    return {text: answers(text) for text in development_questions()}


def test_full_questions_answered_surely_alone_are_never_follow_ups(
    kb: KnowledgeBase, answered_alone: dict[str, Answer]
) -> None:
    """Every development question is asked alone: one answered surely by one entry that names more than a grade, a
    time or an industry is never taken as going on from a question before it. A short bare one may be read with it
    ("模板在哪下载" after "申报材料要哪些"), only where that asks of the same thing: the next test keeps every
    development question asked after another to its own answer."""
    taken = [
        text
        for text, answer in answered_alone.items()
        if answer.follows == "going_on" and names_more_than_a_slot_and_is_answered_surely(kb, answer, text)
    ]
    assert taken == []


def test_a_development_question_after_another_keeps_its_answer(
    kb: KnowledgeBase, answers: Answers, answered_alone: dict[str, Answer]
) -> None:
    """Groups ask unrelated questions one after another: every development question (each asked alone by the
    evaluation) asked right after another one answered surely keeps its own answer."""
    texts = development_questions()

    @functools.cache  # each text answered once: the readings ask again of the questions before (~700 times)
    def answer_of(said: str) -> Answer:
        return answered_alone[said] if said in answered_alone else answers(said)

    before = [
        text for text in texts[::25] if (answer := answer_of(text)).sure and answer.follows != "going_on"
    ]

    def sure_of(said: str) -> float | None:
        return answer_of(said).sure

    def answered_by(said: str) -> str | None:
        return answer_of(said).answered_by

    changed = [
        (previous, text, reading)
        for text in texts
        if (follows := (alone := answer_of(text)).follows)
        for previous in before
        if (reading := read_with(kb, previous, text, follows, alone.closest, sure_of, answered_by))
        is not None
        and decide(kb, reading).hits[:1] != decide(kb, text).hits[:1]
    ]
    assert changed == []


# Pieces of follow-ups, so that the property also meets the slots (grades, warning levels, times, counties)
PIECES = [
    "那",
    "还有",
    "具体",
    "橙色",
    "红色预警",
    "C级",
    "A",
    "几点",
    "平山",
    "要交",
    "啥",
    "证明",
    "吗",
    "呢",
    "？",
]
COUNTIES = ("平山", "平山县", "鹿泉区")
said = st.text(max_size=40) | st.lists(st.sampled_from(PIECES), max_size=5).map("".join)


@given(
    text=said,
    previous=said,
    sure=st.none() | st.floats(0, 1),
    terms=st.lists(st.text(min_size=1, max_size=4), max_size=3),
)
def test_the_detector_and_the_readings_take_any_text(
    kb: KnowledgeBase, text: str, previous: str, sure: float | None, terms: list[str]
) -> None:
    words = kb.follow_up_words
    follows = may_follow_up(words, text, sure, terms, county_names=COUNTIES)
    rest = core(words, text)
    named = terms or ([rest] if rest in COUNTIES else [])  # a county named alone is named as an industry is
    if follows:
        assert sure is not None
        assert len(rest) <= SHAPED_MAX
        assert sure < SURE_ALONE or names_only_a_slot(words, rest, named)
    if follows == "going_on":
        assert shaped(words, text) or names_only_a_slot(words, rest, named)
    if follows == "bare":  # a short question unsure alone, naming no grade, warning level, industry or county
        assert sure is not None
        assert sure < SURE_ALONE
        assert len(rest) <= BARE_QUESTION_MAX
        assert not named
        assert not shaped(words, text)
        assert GRADE.search(rest) is None
        assert WARNING_LEVEL.search(rest) is None
    assert all(isinstance(reading, str) for reading in readings(kb, previous, text))


@given(pair=st.sampled_from(PAIRS), between=st.sampled_from(["，", "。", " ", "！", ""]), data=st.data())
def test_an_acknowledgement_before_a_follow_up_changes_nothing_of_it(
    kb: KnowledgeBase, pair: tuple[str, str, str, str], between: str, data: st.DataObject
) -> None:
    words = kb.follow_up_words
    question, follow_up, _, _ = pair
    acknowledgement = data.draw(st.sampled_from(words.acknowledgements), label="acknowledgement")
    acknowledged = f"{acknowledgement}{between}{follow_up}"
    assert core(words, acknowledged) == core(words, follow_up)
    assert shaped(words, acknowledged) == shaped(words, follow_up)
    assert readings(kb, question, acknowledged) == readings(kb, question, follow_up)
    for sure in (None, 0.0, 0.5, 0.9):
        assert may_follow_up(words, acknowledged, sure, county_names=COUNTIES) == may_follow_up(
            words, follow_up, sure, county_names=COUNTIES
        )


@given(
    subject=st.text("材料交报名单给", min_size=1, max_size=6),
    rest=st.text("交报到哪给谁", min_size=1, max_size=6),
)
def test_a_subject_and_what_is_asked_of_it_share_only_what_both_say(subject: str, rest: str) -> None:
    """The reading is the subject, then the follow-up without the words the subject ends with ("材料交" + "交到哪")."""
    joined = subject_joined(subject, rest)
    shared = len(subject) + len(rest) - len(joined)
    assert 0 <= shared <= min(len(subject), len(rest))
    assert joined == subject + rest[shared:]
    assert subject.endswith(rest[:shared])
    assert not any(
        subject.endswith(rest[:longer]) for longer in range(shared + 1, min(len(subject), len(rest)) + 1)
    )


@given(text=st.sampled_from(development_questions()), lead=st.sampled_from(["", "那", "另外", "还有"]))
def test_a_full_question_answered_surely_is_no_follow_up_whatever_starts_it(
    kb: KnowledgeBase, answers: Answers, text: str, lead: str
) -> None:
    asked = lead + text
    answer = answers(asked)
    # a short bare one may still be read with the question before, where that asks of the same thing (read_with)
    if names_more_than_a_slot_and_is_answered_surely(kb, answer, asked):
        assert answer.follows != "going_on"


@pytest.mark.parametrize("command", ["/截止", "还有几天？", "修改申请 91330100716105852F"])
def test_what_the_dispatcher_takes_as_a_command_ends_the_question_before(
    kb: KnowledgeBase, command: str
) -> None:
    """The question before a follow-up is looked for back to the last command, read with the dispatcher's own
    rules: a slash, a command's word said alone, a lead word before a code (修改申请 9113… without the slash)."""
    assert is_command(kb, command)
    assert not is_command(kb, "修改申请名单要找谁")


# ---------------------------------------------------------------- asked of the answer just given (followup16)

CONFIDENCE_SAID = {
    None: "可信度：高，依据文件原文。",
    "medium": "可信度：中，据公开资料整理，请以官方文本为准。",
}


@pytest.mark.parametrize("asked", ["这个是哪个文件说的", "出处呢", "依据是啥"])
@pytest.mark.parametrize(
    ("question", "answered_by"),
    [("申请名单什么时候截止", "deadline_application_list"), ("B级企业预警期间要停产吗", "guide_grade_b")],
)
async def test_the_source_asked_after_an_answer_is_that_answers_own(
    harness: Harness, asked: str, question: str, answered_by: str
) -> None:
    """Not the notice's basis document: the previous answer's document, part and confidence."""
    kb = harness.app.context.kb
    entry = kb.entries[answered_by]
    assert decide(kb, question).hits[0].entry.id == answered_by
    await harness.say("张三", question, chat=GROUP)
    replied = await harness.text("张三", asked, chat=GROUP)
    assert replied == "\n".join(
        [
            f"上一个问题（{question}）的回答出自：",
            f"文件：{kb.sources[entry.source.doc].title}",
            f"依据：{entry.source.section}",
            CONFIDENCE_SAID[entry.confidence],
        ]
    )
    assert kb.entries["basis_document"].answer not in replied


async def test_the_source_asked_after_a_follow_up_is_its_readings(harness: Harness) -> None:
    """After "那C级呢" the answer given was the C-level entry's, read with the question before."""
    kb = harness.app.context.kb
    await harness.say("张三", "B级企业预警期间要停产吗", chat=GROUP)
    await harness.say("张三", "那C级呢", chat=GROUP)
    replied = await harness.text("张三", "出处呢", chat=GROUP)
    assert replied.startswith("上一个问题（C级企业预警期间要停产吗）的回答出自：")
    assert f"依据：{kb.entries['guide_grade_c_d'].source.section}" in replied


async def test_the_source_or_more_asked_with_no_answer_before_says_how_to_ask(harness: Harness) -> None:
    render = harness.app.context.render
    assert await harness.text("张三", "出处呢", chat=GROUP) == render("qa_source_asked.j2")
    assert await harness.text("张三", "详细说说", chat=GROUP) == render("qa_more_asked.j2")
    # an answer that gave no entry ("not sure") has no source to name
    await harness.say("张三", "火星上有没有环保分局", chat=OTHER_GROUP)
    assert await harness.text("张三", "依据是啥", chat=OTHER_GROUP) == render("qa_source_asked.j2")


@pytest.mark.parametrize("asked", ["出处呢", "依据是啥"])
async def test_the_source_asked_after_an_industry_verdict_is_the_catalogue_and_what_it_said(
    harness: Harness, asked: str
) -> None:
    """A verdict states no entry: its source is the notice's 附件1, and the claims on the industry it told with theirs
    (how-to-ask was said instead, ux21)."""
    kb = harness.app.context.kb
    coking = kb.catalogue.by_name["焦化"]
    # what the verdict says of coking, each with its source
    assert coking.grade_scheme is not None
    assert coking.incentive
    assert (await harness.text("张三", "我们是焦化厂", chat="张三")).startswith("属于")
    replied = await harness.text("张三", asked, chat="张三")
    notice = kb.sources[coking.source.doc].title
    assert replied.startswith(
        "\n".join(
            [
                "上一个问题（我们是焦化厂）的回答出自：",
                f"【47个重点行业目录：“焦化”是第{coking.number}项】",
                f"文件：{notice}",
                f"依据：{coking.source.section}",
                CONFIDENCE_SAID[None],
            ]
        )
    )
    for claim in (coking.grade_scheme, *coking.incentive):
        assert (
            f"【{claim.text}】\n文件：{kb.sources[claim.source.doc].title}\n依据：{claim.source.section}\n"
            in replied
        )
        assert CONFIDENCE_SAID[claim.confidence] in replied


async def test_the_source_asked_after_an_outside_verdict_names_the_class_it_was_read_as(
    harness: Harness,
) -> None:
    kb = harness.app.context.kb
    assert (await harness.text("张三", "开饭店的要报吗", chat=GROUP)).startswith("不属于")
    replied = await harness.text("张三", "出处呢", chat=GROUP)
    assert "【47个重点行业目录】\n" in replied
    assert "【国民经济行业分类：“餐饮业”（H62）】" in replied
    assert f"文件：{kb.sources[kb.catalogue.outside_source.doc].title}" in replied


async def test_the_source_asked_after_an_unsure_verdict_is_the_catalogue_it_offered_from(
    harness: Harness,
) -> None:
    await harness.say("张三", "我们是做砖的", chat="张三")
    replied = await harness.text("张三", "出处呢", chat="张三")
    assert replied.startswith("上一个问题（我们是做砖的）的回答出自：\n【47个重点行业目录】\n")
    assert "依据：附件1" in replied


@pytest.mark.parametrize("asked", ["具体点", "详细说说", "展开讲讲"])
async def test_more_asked_after_an_answer_gives_its_related_entries_in_full(
    harness: Harness, asked: str
) -> None:
    """The answer given was its entry in full: more of it is the entries related to it, never the list of the 47
    industries or the Pingshan policies' list."""
    kb = harness.app.context.kb
    await harness.say("张三", "B级企业预警期间要停产吗", chat=GROUP)
    replied = await harness.text("张三", asked, chat=GROUP)
    assert replied.startswith(
        f"上一个问题（B级企业预警期间要停产吗）的回答已经是资料里“{kb.entries['guide_grade_b'].title}”的全部内容"
    )
    for related in kb.entries["guide_grade_b"].see_also:
        entry = kb.entries[related]
        assert f"【{entry.title}】{entry.answer}" in replied
        assert f"——来源：{kb.cite(entry.source)}" in replied
    assert "共八项" not in replied
    assert "接着上一个问题" not in replied


async def test_source_then_more_both_ask_of_the_question_answered(harness: Harness) -> None:
    kb = harness.app.context.kb
    await harness.say("张三", "小微企业怎么认定", chat="张三")
    await harness.say("张三", "出处呢", chat="张三")
    replied = await harness.text("张三", "具体点", chat="张三")
    assert replied.startswith(
        f"上一个问题（小微企业怎么认定）的回答已经是资料里“{kb.entries['micro_certification'].title}”"
    )
    assert kb.entries["micro_criteria_all"].answer in replied
    # 具体几点 still asks of the question before
    await harness.say("张三", "申请名单什么时候截止", chat="张三")
    assert (await harness.text("张三", "具体几点", chat="张三")).startswith(
        follow_up_lead("申请名单什么时候截止", "申请名单具体几点")
    )


async def test_the_source_asked_in_a_group_masks_the_question_quoted(harness: Harness) -> None:
    await harness.say("张三", "我电话13912345678，申请名单什么时候截止", chat=GROUP)
    replied = await harness.text("李四", "出处呢", chat=GROUP)
    assert replied.startswith("上一个问题（我电话139****5678，申请名单什么时候截止）的回答出自：")
    assert "13912345678" not in replied


async def test_a_grade_follow_up_after_an_aside_in_the_self_assessment_is_read_with_the_aside(
    harness: Harness,
) -> None:
    """In the middle of the self-assessment "那B级呢" after a question asked aside is that question asked of grade
    B; the dialogue's question is asked again after it and the answers given are kept."""
    user = "王五"
    for said in ("我要自评", "平山县某水泥公司", VALID_CODES[0], "平山县", "水泥", "没有"):
        waiting = await harness.text(user, said, chat=user)
    assert "【是否在工业园区】" in waiting
    await harness.say(user, "C级企业预警期间要停产吗", chat=user)
    replied = await harness.text(user, "那B级呢", chat=user)
    reading = "B级企业预警期间要停产吗"
    assert replied.startswith(
        f"{follow_up_lead('C级企业预警期间要停产吗', reading)}\n{await said_alone(harness, reading)}"
    )
    assert "已填的答案会保留" in replied
    assert replied.endswith(waiting[waiting.index("【是否在工业园区】") :])
    going_on = await harness.text(user, "否", chat=user)
    assert "【是否在工业园区】" not in going_on
    summary = await harness.text(user, "返回", chat=user)
    assert "【是否在工业园区】" in summary  # the step answered is the one before, kept


@pytest.mark.parametrize(("chat", "group"), [(GROUP, True), ("张三", False)])
async def test_a_phone_number_told_with_words_asking_nothing_gets_the_phone_notice(
    harness: Harness, chat: str, group: bool
) -> None:
    render = harness.app.context.render
    replied = await harness.text("张三", "我的电话13812345678，有事打给我", chat=chat)
    assert replied == render("qa_phone_alone.j2", group=group, alone=False)
    assert ("群里请不要发" in replied) is group
    # a question beside the number is answered
    asked = await harness.text("李四", "我电话13912345678，申请名单什么时候截止", chat=chat)
    assert harness.app.context.kb.entries["deadline_application_list"].answer in asked
