"""Which meaning a question gets when people ask as they type in a WeChat group: topic words over question
words, the general meaning when no scheme is named, colloquial words and typos, and the clause that asks in a
longer message."""

from __future__ import annotations

import pytest

from tests.harness import Harness

SUBMISSION_FLOW = "①企业学习标准，对标《技术指南》自评"
INCENTIVE_PROCEDURE = "提交激励性生态环境绩效分级申报表"


async def test_a_grade_named_outweighs_a_question_word_shared(harness: Harness) -> None:
    # "会咋样" is also how "不申报会怎么样" asks; D is what this question is about
    reply = await harness.text("张三", "评个D级会咋样")
    assert "D级企业一般停产" in reply
    assert not reply.startswith("这个问题我不确定")


async def test_a_question_naming_no_scheme_gets_the_general_grading(harness: Harness) -> None:
    general = await harness.text("张三", "评级第一步干啥")
    assert general.startswith(SUBMISSION_FLOW)
    assert INCENTIVE_PROCEDURE not in general
    narrowed = await harness.text("张三", "激励性分级第一步干啥")  # naming the scheme still finds it
    assert INCENTIVE_PROCEDURE in narrowed


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("咋报名啊", SUBMISSION_FLOW),  # applying, not the experts' sign-up
        ("有没有交流群", "绩效评级工作微信群"),
        ("报晚了两天还算数不", "按最低等级进行管理"),
        ("小微企业怎么任定", "出具书面意见报市局核查认定"),  # 任定: a pinyin typo of 认定
        ("报了B想改成C行不", "通知没有写申请名单报出后能否修改"),
        ("谁定我们是A还是B", "由市级或省级确认"),  # 谁定: who decides, as 审定
        ("新增排放量的项目总量咋审", "生态环境分局审核建设项目的总量指标"),  # 咋审: how it is processed
        ("俺们基础不好 想报个A级能行吗", "行不行试一试"),  # 基础不好: 底子差
        ("中午过了名单还收不收", "按最低等级进行管理"),  # 还收不收: late
        ("头一步干啥", SUBMISSION_FLOW),
        ("评级这个事俺们必须参加不", "不主动申报的，按最低等级管理"),  # must we take part: who must apply
        ("绩效评级非参加不可吗", "不主动申报的，按最低等级管理"),
    ],
)
async def test_colloquial_words_and_typos_find_their_entry(
    harness: Harness, question: str, fact: str
) -> None:
    assert fact in await harness.text("张三", question)


async def test_a_bare_time_of_day_question_leads_with_the_application_list(harness: Harness) -> None:
    reply = await harness.text("张三", "截至几点")
    assert reply.startswith("企业须在2020年7月17日12:00前")
    assert "7月17日12:00前" in reply


async def test_the_clause_that_asks_is_answered_in_a_longer_message(harness: Harness) -> None:
    reply = await harness.text("张三", "门禁必须装吗 俺们想报C")
    assert "移动源应急管理系统" in reply
    unknown = await harness.text("张三", "领导好 食堂明天中午吃啥 有人知道吗")
    assert unknown.startswith("这个问题我不确定")  # no clause makes an unanswerable message answered


@pytest.mark.parametrize("question", ["俺们水泥厂 门禁视频要存多久", "我们是砖厂 监控录像保存多长时间"])
async def test_a_business_named_beside_a_how_long_question_is_not_taken_for_a_statement(
    harness: Harness, question: str
) -> None:
    # 多久/多长 ask, like 几 and 多少: the question is answered, not the business classified
    reply = await harness.text("张三", question)
    assert "6个月" in reply
    assert not reply.startswith(("属于", "我没能确定"))


@pytest.mark.parametrize(
    ("question", "lead", "offered"),
    [
        ("材料呢", "纸质版2份和电子版最晚于2020年7月31日前", "· 申报材料模板哪里拿"),
        ("专家", "环保绩效分级技术专家志愿者团队", "· 专家黑名单"),
        ("分几级", "用到的等级有A、B、B-", "· 通知里提到的等级"),
    ],
)
async def test_a_bare_topic_word_gets_its_likeliest_meaning_and_offers_the_others(
    harness: Harness, question: str, lead: str, offered: str
) -> None:
    reply = await harness.text("张三", question)
    first, _, rest = reply.partition("您要问的如果是别的")
    assert lead in first
    assert offered in rest


async def test_the_emission_list_and_the_application_list_are_told_apart(harness: Harness) -> None:
    emission_list = await harness.text("张三", "清单模板去哪下载")
    assert emission_list.startswith("附件8是《2020版应急减排清单填报模板》")
    application_list = await harness.text("张三", "申请名单模板去哪下载")
    assert "附件5" in application_list


async def test_a_business_asking_about_grades_gets_the_entry_not_the_verdict(harness: Harness) -> None:
    reply = await harness.text(
        "张三",
        "领导好 我们平山的铸造厂 今年上了新除尘 研发也投了不少 就是还有一项指标够不上B级 能不能先按高一级管",
    )
    assert "先按高一级别实施绩效管理" in reply
    assert not reply.startswith(("属于", "我没能确定"))


async def test_two_questions_in_one_message_get_both_answers(harness: Harness) -> None:
    reply = await harness.text("张三", "车牌识别必须装吗 录像要留多久")
    assert "自动识别车牌" in reply  # the gate's requirements
    assert "6个月" in reply  # how long the video is kept
    assert reply.startswith("您问了两件事")  # not "one of these two": both were asked
    single = await harness.text("张三", "我们是砖厂 申请名单几号交")  # one question: one answer
    assert single.startswith("企业须在2020年7月17日12:00前")
