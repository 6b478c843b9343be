"""What kept the older development sets' questions (qa_fresh8 … qa_fresh17, qa_voice) from their entries, each cause in
other words: 有几家 saying "some" before the question, a tag of emphasis taken for a subject, the names people give
a policy, a system or a contact's phone, not applying told as the stop it brought, what the county said passed on,
and the party a question is asked for taken for the business told first."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.answering import SOME_WORD, indefinite_count_read
from knowledge.base import KnowledgeBase
from tests.harness import BOTH, Harness, answers_with, assert_declined

# words that ask nothing, to say who or what a count is of ("鹿泉", "企业在47个行业里")
TOLD = st.lists(
    st.sampled_from(["鹿泉", "企业", "厂", "客户", "材料齐了", "在47个行业里", "想报B级", "辖区"]), max_size=3
)
ASKING_TAILS = ["，名单是交分局还是交市局", "，分局该怎么办", "，有什么好处", "吗", "，几号截止"]


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        pytest.param("手里有几家客户，申请名单是交分局还是交市局", "7月17日", id="some-clients-then-where"),
        pytest.param("我们村有几家企业在47个行业里吗", "47个", id="are-there-some-in-the-list"),
    ],
)
async def test_some_enterprises_before_the_question_ask_no_count(
    harness: Harness, question: str, answered: str
) -> None:
    # 有几家 before what the message goes on to ask says "some of them": the count the documents give only of the whole
    # city is not what is asked, and its entries (how many were graded) do not answer
    reply = await harness.text("张三", question)
    assert answered in reply, reply


async def test_a_count_the_message_ends_on_is_still_asked(harness: Harness) -> None:
    # "鹿泉有几家" asks how many: the documents count only the whole city's enterprises
    assert_declined(await harness.text("张三", "鹿泉有几家？"), "资料里没有", "全市")


@given(before=TOLD, after=TOLD, tail=st.sampled_from(ASKING_TAILS))
def test_the_indefinite_count_is_read_only_before_a_question(
    kb: KnowledgeBase, before: list[str], after: list[str], tail: str
) -> None:
    told_before, told_after = "".join(before), "".join(after)
    ending = f"{told_before}有几家{told_after}"
    assert indefinite_count_read(kb, ending) == ending  # the count the message ends on
    assert indefinite_count_read(kb, f"{ending}？") == f"{ending}？"  # a mark alone asks the count too
    assert indefinite_count_read(kb, ending + tail) == f"{told_before}{SOME_WORD}{told_after}{tail}"


async def test_a_tag_of_emphasis_names_nothing_asked(harness: Harness, kb: KnowledgeBase) -> None:
    # 到底是不是 only asks to confirm the hearsay before it: its words found the emission list's entry, which answers
    # nothing of the photos' retention
    reply = await harness.text("张三", "朋友圈里传门禁照片得留三年，到底是不是")
    assert "应急减排清单" not in reply, reply
    # the hearsay is of the video's retention, which its entry answers since it is asked as 存半年还是存一年 (voice28)
    reply = await harness.text("张三", "听说门口的视频要留一年，到底是不是啊")
    assert answers_with(kb, reply, "guide_retention_conflict"), reply


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        pytest.param(
            "先升级后达标这个政策，都哪些企业能用", "长流程钢铁、铸造", id="the-incentive-by-what-it-grants"
        ),
        pytest.param("移动污染源是啥意思", "移动源", id="the-mobile-sources-full-name"),
        pytest.param("前年我们厂没报，这次应急被要求停产", "最低等级", id="not-applying-told-as-its-stop"),
        pytest.param("老板让我问专班的联系人电话", "樊永平", id="the-notices-contacts-phone"),
    ],
)
async def test_the_words_people_name_a_policy_or_a_system_by(
    harness: Harness, question: str, answered: str
) -> None:
    # 先升级后达标 is the incentive grading (a grade first, the indicators met later), 移动污染源 the mobile sources in
    # full, a stop ordered after not applying is what not applying costs (managed at the lowest grade), and the task
    # force's contact person's phone is the notice's contacts, whose phone it does not print (not Pingshan's policies')
    reply = await harness.text("张三", question)
    assert answered in reply, reply


async def test_what_the_county_said_is_hearsay_not_the_branchs_deadline(harness: Harness) -> None:
    # 县里说 passes on what the county said: the enterprise's own deadline is asked, not the branch's list to the city
    reply = await harness.text("张三", "县里说今年还得评一次，申请名单最晚哪天报")
    assert "7月17日" in reply, reply
    assert BOTH not in reply, reply


async def test_the_party_a_question_is_asked_for_is_no_business_told(harness: Harness) -> None:
    # 帮居委会问一下 says whose question it is: the committee is not the business the question is about, so no verdict
    # of it (不属于) comes before the rule asked of, that every workshop emitting gas is in the list
    reply = await harness.text("张三", "帮居委会问一下，小区里几个小作坊要不要进应急减排清单")
    assert "应纳尽纳" in reply, reply
    assert "不属于" not in reply, reply


@given(
    done_for=st.sampled_from(["替", "帮", "代", "给"]),
    party=st.sampled_from(["村委会", "客户", "老板", "隔壁厂", "居委会", "物业公司"]),
    end=st.sampled_from(["问", "问一下", "问下", "问问"]),
)
def test_whom_a_question_is_asked_for_is_read_only_of_such_a_clause(
    kb: KnowledgeBase, done_for: str, party: str, end: str
) -> None:
    catalogue = kb.catalogue
    assert catalogue.names_whom_asked_for(f"{done_for}{party}{end}")
    assert not catalogue.names_whom_asked_for(f"{done_for}{end}")  # nobody named: "帮问一下"
    # work done for the party, nothing asked
    assert not catalogue.names_whom_asked_for(f"{done_for}{party}做环评")
    assert not catalogue.names_whom_asked_for(f"{party}{end}")  # the party asking itself
