"""Questions the search answered confidently with another entry, or found below the bar, for want of the words people
use (tests/data's development misses of `bench/decide_steps.py --list confident below_bar`, in other words): the end
of August is the mobile-source system's day, 8月30日; a grade aimed at higher than the one held asks how to assess
oneself against the indicators; a micro enterprise asking in a few words whether it takes part is told what the
notice leaves unsaid, not how one is recognised; the list of the enterprises graded (评上的名单) is the results', not the
application list (申请名单); what comes after the list is asked of the materials, and who decides the grade of the
grade's forecast; the branch vetting (把关) the application list is its screening; a Pingshan policy's contact (联系人) is
asked by the policy's name, and the department publicising the positive list (哪个部门负责公示) by its duties; the emission
list's template (清单模板) is 附件8, told beside the attachments' list; Pingshan's incentive grading is the county's
procedure, not the province's; the 2019 guide is asked of only where it is named; the materials' day confirmed
(材料7月底前交) asks their deadline, not the hour the documents leave out."""

from __future__ import annotations

import pytest

from tests.harness import Harness


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("门禁和视频监控八月底之前得建完吗", id="august-end-in-words"),
        pytest.param("车辆管理系统8月末前要装好吗", id="august-end-in-digits"),
    ],
)
async def test_the_end_of_august_is_the_mobile_source_systems_day(harness: Harness, question: str) -> None:
    reply = await harness.text("张三", question)
    assert "8月30日" in reply, reply


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("去年评的C级，今年想升到B级要做什么", id="last-years-grade-up"),
        pytest.param("想从B级升到A级要做什么", id="a-grade-up"),
    ],
)
async def test_a_higher_grade_aimed_at_asks_how_to_assess_oneself(harness: Harness, question: str) -> None:
    reply = await harness.text("张三", question)
    assert "逐项对照" in reply, reply


@pytest.mark.parametrize("question", ["小微也要评级吗", "小微要不要报？"])
async def test_whether_a_micro_enterprise_takes_part_is_told_the_notice_does_not_say(
    harness: Harness, question: str
) -> None:
    reply = await harness.text("张三", question)
    assert "没有写认定后的具体管控措施或是否免于评级" in reply, reply


@pytest.mark.parametrize("question", ["评上的企业名单哪里能看到", "获评名单能发一份吗"])
async def test_the_list_of_those_graded_is_the_results_not_the_application_list(
    harness: Harness, question: str
) -> None:
    reply = await harness.text("张三", question)
    assert "评上A级、B级（含B-）或引领性的企业名单和数量" in reply, reply


async def test_what_comes_after_the_application_list_is_the_materials(harness: Harness) -> None:
    reply = await harness.text("张三", "名单报完了接下来干嘛")
    assert "是先后两样东西" in reply, reply


async def test_whether_the_enterprise_decides_its_grade_is_no_forecast(harness: Harness) -> None:
    reply = await harness.text("张三", "等级是我们自己定吗")
    assert "由市级或省级确认" in reply, reply


async def test_the_branch_vetting_the_application_list_is_its_screening(harness: Harness) -> None:
    reply = await harness.text("张三", "申请名单报给分局，分局给把关吗")
    assert "对申请名单进行科学、合理筛查" in reply, reply


async def test_the_contact_of_a_pingshan_policy_is_asked_by_its_name(harness: Harness) -> None:
    reply = await harness.text("张三", "两进三送的事联系人是哪位")
    assert "张振奇" in reply, reply


async def test_which_department_publicises_the_positive_list_is_its_duties(harness: Harness) -> None:
    reply = await harness.text("张三", "正面清单是哪个部门负责公示")
    assert "负责正面清单审核、调整、公示" in reply, reply


async def test_the_emission_lists_template_is_named_by_its_own_words(harness: Harness) -> None:
    reply = await harness.text("张三", "减排清单模板是通知哪个附件")
    assert "《2020版应急减排清单填报模板》" in reply, reply


async def test_pingshans_incentive_grading_is_reviewed_by_the_county_not_the_province(
    harness: Harness,
) -> None:
    reply = await harness.text("张三", "平山激励分级审核要多久")
    assert "县生态环境分局在15个工作日内审核" in reply, reply


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        pytest.param("国家指南现在管几个行业", "39个行业", id="the-guide-in-force"),
        pytest.param("老版指南管几个行业", "2019年", id="the-old-guide-named"),
    ],
)
async def test_the_2019_guide_is_asked_of_only_where_named(
    harness: Harness, question: str, answered: str
) -> None:
    reply = await harness.text("张三", question)
    assert answered in reply, reply


async def test_the_materials_day_confirmed_is_the_materials_deadline_not_its_hour(harness: Harness) -> None:
    reply = await harness.text("张三", "材料是不是七月底之前交")
    assert "最晚于2020年7月31日前一起报辖区生态环境分局" in reply, reply
