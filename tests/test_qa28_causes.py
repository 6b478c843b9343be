"""Causes of the misses of the blind keyword-and-check set qa_fresh28, each in other words than the set's where it can
be: a detail typed in a search-box string (初审部门, 覆盖谁, 咨询谁, 兑现期限) that every policy states, chosen among the
policies by the other words of the string; the three bans, a freight yard and a side gate, the sign-up to the experts'
team, the policy's coverage, the positive list and lenient enforcement said as people say them (禁用停产限产, 货运场,
小门, 加入, 覆盖谁, 保障清单, 执法宽松); a clause of the notice named by its number (第十条) naming the entries that cite
it; a line quoted beside the business read as part of what is asked; and beliefs checked in words the entries did not
know (是同一个吧, 就等于, 综合打分, 好的补差的, 挑毛病, 哪个处室, 写没写联系电话)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.settings import Settings
from knowledge.answering import decide
from knowledge.base import KnowledgeBase
from knowledge.citations import clauses_cited
from knowledge.textnorm import chinese_numeral
from knowledge.wording import Wording
from tests.harness import Harness, answers_with, assert_answered_with

WORDING = Wording(Settings().templates_dir)  # the shipped citation_words.j2 names the clauses


@pytest.mark.parametrize(
    ("question", "entries"),
    [
        # the detail (兑现时间) is every Pingshan policy's: the other words say whose
        ("分局班子带队帮扶 活动 兑现期限", "pingshan_liangjin_timeline_contact"),
        ("两进三送 兑现期限", "pingshan_liangjin_timeline_contact"),
        ("三个禁用 兑现期限", "pingshan_threeban_timeline_contact"),
        ("包容性执法 兑现期限", "pingshan_inclusive_timeline_duty"),
        # whom to ask of the three bans, named by what they ban
        ("禁用停产限产 政策 咨询谁", "pingshan_threeban_timeline_contact"),
        ("禁用停产限产 咨询谁", "pingshan_threeban_timeline_contact"),
        ("三个禁用 政策 咨询谁", "pingshan_threeban_timeline_contact"),
        # whom a policy covers
        ("轻微违法 不罚 政策 覆盖谁", "pingshan_inclusive_target"),
        ("首次不罚 覆盖谁", "pingshan_inclusive_target"),
        # who screens a project for the positive list first
        ("市政工程 保障清单 申报 初审部门", "pingshan_poslist_procedure"),
        ("学校项目 正面清单 初审部门", "pingshan_poslist_procedure"),
        ("医院项目进正面清单 谁初审", "pingshan_poslist_procedure"),
        # a freight yard is a goods distribution place
        ("货运场 大门 门禁抓拍 要不要建", "logistics_park_system"),
        ("货运场 门禁 要求", "logistics_park_system"),
        # joining the experts' team is signing up to it
        ("协会专家 自愿 加入 评级专家队伍", "expert_signup"),
        ("行业协会的专家想加入专家团队", "expert_signup"),
    ],
)
async def test_a_detail_typed_in_a_search_string_gets_the_entry_stating_it(
    harness: Harness, kb: KnowledgeBase, question: str, entries: str
) -> None:
    await assert_answered_with(harness, kb, question, entries)


@pytest.mark.parametrize(
    ("question", "entries"),
    [
        # the entries answered before: the team's leader, a project's kind, the policy's whole content
        ("两进三送谁带队", "pingshan_liangjin_target_procedure"),
        ("市政工程能申报正面清单吗", "pingshan_poslist_target"),
        ("修路的市政工程能进白名单不", "pingshan_poslist_target"),
        ("学校项目正面清单找哪个局", "pingshan_poslist_duty"),
        ("东边那个侧门平时不走车，不装门禁可以吧", "gate_system"),
        ("包容性执法期间发现违法还立不立案", "pingshan_inclusive_procedure"),
    ],
)
async def test_the_neighbouring_entries_keep_their_own_questions(
    harness: Harness, kb: KnowledgeBase, question: str, entries: str
) -> None:
    await assert_answered_with(harness, kb, question, entries)


@pytest.mark.parametrize(
    ("question", "entries"),
    [
        ("第十条讲A/B级企业要接受同行和老百姓挑毛病，具体是怎么个接受法", "ab_publicity"),
        ("第十条说A级企业要接受监督，怎么监督", "ab_publicity"),
        ("评上A级会不会被同行挑毛病", "ab_publicity"),
        (
            "通知第一条最后那句按最低等级进行管理，对我们这种没报的厂意味着啥",
            ["consequence_not_applying", "lowest_grade_cases"],
        ),
        ("通知第十六条说的专班是谁", "city_task_force"),
    ],
)
async def test_a_clause_named_by_its_number_finds_the_entries_citing_it(
    harness: Harness, kb: KnowledgeBase, question: str, entries: str | list[str]
) -> None:
    await assert_answered_with(harness, kb, question, entries)


def test_a_clause_number_counts_named_whole_only(kb: KnowledgeBase) -> None:
    # 第三方 holds the words of 第三条 but names no clause: the onsite check's entry, which cites it, is no surer
    assert decide(kb, "现场核查那天我们能不能请帮我们做材料的第三方公司的人来陪着讲解").kind == "unsure"
    # the eight principles' own numbers are still theirs
    assert decide(kb, "八大原则第一条是啥").hits[0].entry.id == "principle_fugitive"


@given(numbers=st.lists(st.integers(min_value=1, max_value=99), min_size=1, max_size=4))
def test_every_clause_a_section_lists_is_read_as_people_name_it(numbers: list[int]) -> None:
    section = "、".join(f"第（{chinese_numeral(number)}）条" for number in numbers)
    assert clauses_cited(section, WORDING) == [f"第{chinese_numeral(number)}条" for number in numbers]


@pytest.mark.parametrize(
    "section",
    [
        "正文开头",
        "附件5及文末附件下载说明",
        "一、激励性生态环境绩效分级制度·兑现时间",
        "第（四）条（八大评级原则第七条）",
    ],
)
def test_only_the_bracketed_clauses_of_a_section_are_cited(section: str) -> None:
    cited = clauses_cited(section, WORDING)
    assert all(word.startswith("第") and word.endswith("条") for word in cited), cited
    assert "第七条" not in cited  # the principle's own number is not the notice's clause


@pytest.mark.parametrize(
    ("question", "entries"),
    [
        ("下载附件的邮箱跟联系人那个邮箱是一个吧", "two_mailboxes"),
        ("附件邮箱和联系邮箱是同一个吗", "two_mailboxes"),
        ("我寻思申请名单报上去就等于报了材料，后面不用再交别的了吧", "list_or_materials"),
        ("申请名单报了就等于报了材料吧", "list_or_materials"),
        ("我以为最后等级是几项指标综合打个分，好的能补差的，不是这样吗", "guide_short_board"),
        ("等级是不是各项指标打个总分", "guide_short_board"),
        ("几项指标能不能以长补短", "guide_short_board"),
        ("通知最后肯定写了联系电话吧，我怎么没找着", "contact_phone_gap"),
        ("材料最后报给“市局专班”，这个专班是哪个处室", "city_task_force"),
        ("市局专班是哪个部门的", "city_task_force"),
        (
            "我们在平山建卫生院，已经在保障清单里了，红色预警时拆旧楼、刷外墙也都能照常吧",
            "pingshan_poslist_content",
        ),
        ("有人说平山现在执法宽松了，排污超标也不立案了，是这么回事吗", "pingshan_inclusive_content"),
        ("平山执法放宽了，违法也不管了吧", "pingshan_inclusive_content"),
        ("我们厂西边还有个拉货偶尔走的小门，那个门不装抓拍应该没事吧", "gate_system"),
        ("侧门一个月才走几趟车，也要装车牌识别？", "gate_system"),
    ],
)
async def test_a_belief_checked_gets_the_entry_that_confirms_or_corrects_it(
    harness: Harness, kb: KnowledgeBase, question: str, entries: str
) -> None:
    await assert_answered_with(harness, kb, question, entries)


@pytest.mark.parametrize(
    "question",
    [
        # what the documents do not cover stays unsure
        "门口抓拍的照片上要不要带时间水印",
        "门口抓拍的录像我们想全传到云盘上存着",
        "樊永平是市局哪个科室的，职务是啥",
        "挥发性有机物 泄漏检测 LDAR 频次",
    ],
)
def test_what_the_documents_do_not_say_is_still_declined(kb: KnowledgeBase, question: str) -> None:
    decision = decide(kb, question)
    assert decision.kind == "unsure" or all(hit.entry.kind == "gap" for hit in decision.hits), decision


@pytest.mark.parametrize(
    "question",
    [
        "小微那条写着“无有毒有害及恶臭气体”，我们调漆有股味儿是不是就不行了",
        "通知里写“无有毒有害及恶臭气体”，我们喷漆车间有点味道还能报小微吗",
    ],
)
async def test_a_line_quoted_beside_the_business_is_part_of_what_is_asked(
    harness: Harness, kb: KnowledgeBase, question: str
) -> None:
    reply = await harness.text("张三", question)
    assert answers_with(kb, reply, "micro_no_toxic"), reply


def test_a_business_told_without_a_question_is_still_the_verdicts(kb: KnowledgeBase) -> None:
    assert decide(kb, "我们是做调漆的，要报名单吗").kind == "industry"
    assert decide(kb, "“装载机整机制造”，我们做装载机的").kind == "industry"
