"""An entry's own question said inside more words (a hearsay, a story first, a feeling, a situation told: the kinds of
tests/data/qa_kinds13.yaml, in other words) is answered by that entry although the extra words put it below the
confidence bar; near questions the documents do not answer, and everyday chatter, are still declined
(tests/data/qa_unanswerable13.yaml). The catalogue asked about by no business is answered by its entry, not
given an industry verdict with nothing to place."""

from __future__ import annotations

import pytest

from tests.harness import NOT_SURE, Harness

VERDICT = "请告诉我贵企业主要生产什么产品"  # the industry verdict with nothing to place


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        pytest.param("我们镇上开会的时候有个干部讲，所有冒烟的厂子都得进清单", "应纳尽纳", id="a-hearsay"),
        pytest.param(
            "这几天天一直阴着，车间里的人都在打听预警一般是什么时候发布", "不预报天气", id="a-story-first"
        ),
        pytest.param(
            "前任走的时候啥也没说，我就想知道技术规范1321是干嘛的", "HJ 1321-2023", id="asked-after-a-story"
        ),
    ],
)
async def test_an_entrys_question_said_inside_more_words_is_answered(
    harness: Harness, question: str, answered: str
) -> None:
    reply = await harness.text("张三", question)
    assert answered in reply, reply


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("车间主任问预警停产那几天工人的工资怎么发", id="near-the-warning-entries"),
        pytest.param("老板一直催我，申请名单上的联系人能不能写两个人", id="near-the-list-entries"),
        pytest.param("园区管委会问这个紧急通知要不要在园区公示栏贴出来", id="near-the-notice-entry"),
        pytest.param("同事说他下个月要休产假", id="chatter-told"),
        pytest.param("财务说这个月报销单要早点交", id="chatter-relayed"),
    ],
)
async def test_a_question_near_an_entrys_words_is_still_declined(harness: Harness, question: str) -> None:
    assert (await harness.text("张三", question)).startswith(NOT_SURE)


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("群里转的那个47个重点行业目录具体是哪47个", id="which-47"),
        pytest.param("环保局的人提过一个47个重点行业的名单，都有哪些行业", id="a-hearsay-of-the-list"),
    ],
)
async def test_the_catalogue_asked_about_by_no_business_gets_its_entry(
    harness: Harness, question: str
) -> None:
    reply = await harness.text("张三", question)
    assert "共47个重点行业" in reply, reply
    assert VERDICT not in reply


async def test_a_business_asking_whether_it_is_listed_still_gets_the_verdict(harness: Harness) -> None:
    assert VERDICT in await harness.text("张三", "我们厂在重点行业里吗")
