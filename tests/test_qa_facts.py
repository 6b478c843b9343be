"""What the bot states is what its documents state: the corrections of the audit of every answer against
knowledge/sources (a rule the notice does not give, a guide fact under a seed's source line, a figure misread),
as a user gets them through the console."""

from __future__ import annotations

import pytest

from tests.harness import Harness

GROUP = "平山县企业群"


async def test_the_list_deadline_states_the_notices_rule_not_one_of_its_own(harness: Harness) -> None:
    reply = await harness.text("张三", "申请名单什么时候交", chat=GROUP)
    assert "2020年7月17日12:00前" in reply
    # 第（一）条、第（十七）条 give the rule for not applying; nothing says a late list "counts as" not applying
    assert "未主动申报参与绩效评级的，按最低等级进行管理" in reply
    assert "视同" not in reply
    assert "通知没有另外规定" in reply
    assert reply.endswith("第（一）条、第（十五）条、第（十七）条")


async def test_the_self_assessments_deadline_warning_quotes_the_consequence_as_written(
    harness: Harness,
) -> None:
    close = await harness.text("乙", "我要自评", chat=GROUP, time="2020-07-16T09:00")
    assert (
        "提醒：须在2020年7月17日12:00前把《2020年重点行业企业环保绩效评级申请名单》报辖区生态环境分局"
        in close
    )
    assert "未主动申报参与绩效评级的，或未按时上报绩效评级申报材料的，按最低等级进行管理" in close


async def test_the_hebei_scope_in_a_pingshan_answer_names_its_own_source_and_confidence(
    harness: Harness,
) -> None:
    reply = await harness.text("张三", "平山激励政策哪些行业能报", chat=GROUP)
    assert "长流程钢铁、铸造等行业企业" in reply  # the Pingshan text itself
    assert "可信度中，不是平山文件的内容" in reply  # the seven industries come from the guide reference
    assert "秦皇岛市抚宁区" in reply


async def test_pingshan_answers_add_nothing_the_policy_does_not_say(harness: Harness) -> None:
    exempt = await harness.text("张三", "光伏项目环评还要总量指标吗", chat=GROUP)
    assert "前置条件" in exempt
    assert "仍需总量指标" not in exempt  # the policy exempts some projects and says nothing of the others
    assert "原文只对这类项目作了这项规定" in exempt
    visit = await harness.text("张三", "两进三送发现问题会罚款吗", chat=GROUP)
    assert "不做笔录、不罚款、不问责" in visit
    assert "出主意" not in visit
    assert "送法律、送政策、送技术" in visit


async def test_guide_figures_read_as_the_reference_gives_them(harness: Harness) -> None:
    example = await harness.text("张三", "承德那家钢厂是怎么享受激励政策的", chat=GROUP)
    # 0.93% is the provincial average, not the margin above it
    assert "全省钢铁行业平均水平为0.93%，高出平均水平20%以上" in example
    ratio = await harness.text("张三", "黄色预警区域减排比例是多少", chat=GROUP)
    assert "10%、20%、30%" in ratio
    assert "年份我们没有核实" in ratio  # the plan summary is undated: not said to be of the 2020 guide's time
    assert "时期的做法" not in ratio


async def test_deadlines_cite_the_article_their_consequence_comes_from(harness: Harness) -> None:
    reply = await harness.text("张三", "/截止", chat=GROUP, time="2020-07-16T09:00")
    assert "出处：石家庄市生态环境局2020年绩效分级紧急通知 第（十五）条、第（十七）条" in reply


async def test_an_outside_class_is_named_by_its_gbt4754_code(harness: Harness) -> None:
    reply = await harness.text("张三", "我们是开足浴店的，要参加评级吗", chat=GROUP)
    assert "“洗浴和保健养生服务”（O805）" in reply  # a group of GB/T 4754-2017: 805, not the class 8050


async def test_a_sentence_drawn_from_weaker_sources_says_so_inside_a_surer_answer(harness: Harness) -> None:
    reply = await harness.text("张三", "绩效等级分哪几级", chat=GROUP)
    assert "C、D，另外部分行业有一条单独的引领性／非引领性路线（可信度高）" in reply
    assert "减排措施越宽松（据生态环境部公众号答网友问和河南的资料，可信度中）" in reply


async def test_the_incentive_procedure_cites_the_whole_policy_it_draws_on(harness: Harness) -> None:
    reply = await harness.text("张三", "平山激励性分级怎么申报，流程是什么", chat=GROUP)
    # the county's 15 working days are its 操作流程, the city's experts on site its 职责分工: both part 一
    assert "15个工作日内审核" in reply
    assert "现场核查" in reply
    assert "——来源：平山县分局2022年助企政策 一、实施激励性生态环境绩效分级制度\n" in reply


@pytest.mark.parametrize(
    ("said", "class_name"),
    [("我们是化纤厂，要参加评级吗", "化学纤维制造业"), ("我们厂做洗衣粉的，要报吗", "日用化学产品制造")],
)
async def test_a_chemical_class_outside_the_47_says_when_it_may_be_organic_chemicals(
    harness: Harness, said: str, class_name: str
) -> None:
    """No source gives the Hebei guide's scope of 有机化工行业 (its mapping is inferred, low confidence): a
    chemical business told 不属于 by its GB/T class is told too what own synthesis would place it there."""
    reply = await harness.text("张三", said, chat=GROUP)
    assert class_name in reply
    assert "可能属于“有机化工行业”，请向分局确认" in reply
