"""An entry's own question said inside more words (a hearsay, a story first, a feeling, a situation told: the kinds of
tests/data/qa_kinds13.yaml, in other words) is answered by that entry although the extra words put it below the
confidence bar; near questions the documents do not answer, and everyday chatter, are still declined
(tests/data/qa_unanswerable13.yaml). The catalogue asked about by no business is answered by its entry, not
given an industry verdict with nothing to place. A question in the words people use for what an entry names
otherwise (P上去, 抽空干, 缴费, 最差一档) reaches that entry; those words said of everyday things are still declined."""

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


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        # the vocabulary people use for a thing the entry names otherwise (synonyms.yaml)
        pytest.param("材料上的公章是P上去的会怎么样", "弄虚作假", id="faked-by-photo-editing"),
        pytest.param("环保工作让财务抽空干可以吗", "应设尽设", id="part-time-said-as-in-spare-time"),
        pytest.param("不打算参评的厂，预警时的限产方案谁来定", "非评级", id="not-taking-part-and-the-plan"),
        pytest.param("第一次参评要给谁缴费吗", "要交费用", id="a-fee-said-another-way"),
        pytest.param("专家来之前停两天产行不行", "正常生产状态", id="a-stop-of-a-few-days"),
        pytest.param(
            "没评级的企业是不是按最差一档管", "按最低等级进行管理", id="the-lowest-grade-as-the-worst"
        ),
        pytest.param(
            "我们公司做水泥和石灰两项业务，等级怎么定", "按行业分别评级", id="two-lines-of-business"
        ),
        # a question the entry answers, worded as people ask it (the entries' phrasings)
        pytest.param("录像存十天就被覆盖了，这样行吗", "各来源说法不同", id="a-recording-overwritten"),
        pytest.param("评级等级就分ABC三档吗", "用到的等级有", id="just-three-grades"),
        # what the speaker remembers is what they ask about (我记得 is a filler word)
        pytest.param("我记得小微企业是一年排放500公斤以下", "100千克", id="remembered-figure-checked"),
    ],
)
async def test_a_question_in_the_words_people_use_reaches_its_entry(
    harness: Harness, question: str, answered: str
) -> None:
    reply = await harness.text("张三", question)
    assert answered in reply, reply


async def test_whether_a_warning_is_coming_gets_its_entry_alone(harness: Harness) -> None:
    reply = await harness.text("张三", "最近是不是要启动橙色预警了")
    assert reply.startswith("现在是否处于重污染天气预警"), reply  # not offered beside another entry


@pytest.mark.parametrize(
    "question",
    [
        # a household's bills are no fee of the grading, however the paying is said
        pytest.param("停车费要交钱吗", id="a-parking-fee"),
        pytest.param("物业费今年要交费了吗", id="a-service-charge"),
        # the new words said of everyday things
        pytest.param("这张照片P一下再发", id="a-photo-edited"),
        pytest.param("过年给老丈人带了两条烟", id="a-family-gift"),
        pytest.param("老师给孩子的作文打分太低了", id="a-school-mark"),
        pytest.param("我记得上周开过会了", id="a-remembered-meeting"),
    ],
)
async def test_everyday_matters_in_those_words_are_still_declined(harness: Harness, question: str) -> None:
    assert (await harness.text("张三", question)).startswith(NOT_SURE)
