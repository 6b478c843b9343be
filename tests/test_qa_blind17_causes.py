"""What made the bot answer the blind set of fresh16 (tests/data/qa_fresh16.yaml) wrongly, each cause in other words.
A message that opens by saying which enterprise asks ("X区一家企业问，…") asks what follows: the lead-in names a county
and an enterprise but asks nothing itself, so it must not dilute the question's search."""

from __future__ import annotations

import pytest

from knowledge.textnorm import Normalizer
from tests.harness import Harness, assert_declined

GUESSED = "您是不是想问"  # how a guess below the bar opens (qa_guess.j2, qa_unsure.j2)


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        pytest.param("鹿泉区一家企业问，市里那几条评级原则县里也得照着执行吗", "原则", id="principles"),
        pytest.param("栾城区一家企业问，评级原则咱县里也要照做吗", "原则", id="principles-short"),
    ],
)
async def test_an_enterprise_named_as_the_asker_leaves_the_question_its_answer(
    harness: Harness, question: str, answered: str
) -> None:
    reply = await harness.text("张三", question)
    assert GUESSED not in reply, reply
    assert answered in reply, reply


@pytest.mark.parametrize(
    "message", ["环保检查查出企业问题会影响评级吗", "对企业问责以后还能评A吗", "企业问询函要回复吗"]
)
def test_an_enterprises_problem_or_inquiry_is_no_asker_named(message: str) -> None:
    # 问题, 问责, 问询 are what the enterprise has or receives, not who asks: the words before them stay the question's
    assert Normalizer([])(message).startswith(message[:4])


ENTERPRISES_LIST = "企业须在2020年7月17日12:00前"  # the application list's deadline, the enterprises'
BRANCHES_LIST = "各分局须在2020年7月18日12:00前"  # the branches' summary of it to the city's task force


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("17号的截止县里能不能往后延", id="the-17th-s-deadline"),
        pytest.param("7月17日截止的是企业还是分局", id="the-day-then-its-deadline"),
    ],
)
async def test_a_deadline_asked_by_its_day_is_that_days(harness: Harness, question: str) -> None:
    # the branches' entry shares most words with the enterprises' and names the 18th: the day named tells them apart
    reply = await harness.text("张三", question)
    assert ENTERPRISES_LIST in reply, reply
    assert BRANCHES_LIST not in reply, reply


async def test_the_branches_deadline_asked_by_its_day_keeps_its_answer(harness: Harness) -> None:
    assert BRANCHES_LIST in await harness.text("张三", "7月18号那个截止企业要管吗")


async def test_a_day_the_asker_may_have_wrong_still_finds_the_other_deadline(harness: Harness) -> None:
    # not named as the deadline asked of, the 17th may be what the asker misremembers of the branches' day
    assert "7月18日" in await harness.text("张三", "分局把名单报到市里是不是也是17号")


@pytest.mark.parametrize(
    ("question", "number"),
    [
        pytest.param("八大原则第一条讲的啥", "第一条", id="the-first"),
        pytest.param("评级原则第3条说的什么", "第三条", id="in-digits"),
        pytest.param("八大原则第八条讲的啥", "第八条", id="the-eighth"),
    ],
)
async def test_a_principle_asked_by_its_number_is_that_ones_alone(
    harness: Harness, question: str, number: str
) -> None:
    # every principle's entry shares 八大原则 and 说的啥 with the question: the number is what tells them apart
    reply = await harness.text("张三", question)
    assert f"八大原则{number}：" in reply, reply
    assert reply.count("八大原则第") == 1, reply


FLOW_STEPS = "①企业学习标准"  # how the whole procedure's answer opens


async def test_being_new_to_it_does_not_ask_the_procedure(harness: Harness) -> None:
    # 第一次 says the asker is new, not what they ask: hiring an engineer and a wage are in no document
    reply = await harness.text("张三", "第一次弄这个，要不要雇个专门搞环保的工程师，工资一般多少")
    assert_declined(reply)
    assert FLOW_STEPS not in reply, reply


async def test_a_newcomer_asking_the_procedure_is_still_told_it(harness: Harness) -> None:
    assert FLOW_STEPS in await harness.text("张三", "头一回弄这个，申报流程从头到尾怎么走")
