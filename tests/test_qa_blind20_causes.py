"""What made the bot answer the blind sets of fresh18 (tests/data/qa_fresh18.yaml, qa_unanswerable25.yaml) wrongly,
each cause in other words. A question asking what a word means is asked of the entry whose title names that word,
saying least besides it, not of one naming it among other things (issue #11)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.base import KnowledgeBase
from knowledge.models import read_yaml
from knowledge.textnorm import grades
from tests.harness import GAP_STATED, KNOWLEDGE_DATA, Harness, assert_declined

# the characters of the entries' titles and of a few words around them, so that generated words name some
_TITLE_CHARACTERS = "".join(
    sorted(
        {
            char
            for path in KNOWLEDGE_DATA.glob("faq_*.yaml")
            for entry in read_yaml(path)["entries"]
            for char in entry["title"]
        }
        | set("的是这个词通知里说")
    )
)


@pytest.mark.parametrize(
    ("question", "defined"),
    [
        pytest.param("绩效引领性怎么理解", "A到D之外的另一条评级路线", id="leading-track-not-the-grade-list"),
        pytest.param("短板到底指啥，评级总说这个", "最弱的", id="short-board-beside-another-ask"),
        pytest.param("门禁是指什么", "自动识别车牌", id="the-gate-not-the-three-bans"),
        pytest.param("小微涉气是什么意思", "100千克以下", id="small-and-micro-criteria"),
    ],
)
async def test_a_words_meaning_is_asked_of_the_entry_defining_it(
    harness: Harness, question: str, defined: str
) -> None:
    assert defined in await harness.text("张三", question)


async def test_a_meaning_asked_of_a_common_word_leaves_the_ranking_alone(harness: Harness) -> None:
    # 政策 is in the titles of many entries: "三不罚政策" is asked of the inclusive enforcement, not of a policies' list
    assert "轻微不罚" in await harness.text("张三", "平山的三不罚政策是什么意思")


@given(
    before=st.text(alphabet=_TITLE_CHARACTERS, max_size=12),
    after=st.text(alphabet=_TITLE_CHARACTERS, max_size=6),
)
def test_the_entries_defining_a_word_name_a_word_said_before_the_asking(
    kb: KnowledgeBase, before: str, after: str
) -> None:
    index = kb.faq
    query = index._normalize(f"{before}是什么意思{after}")
    defining = index.defining(query)
    said = query.split("什么意思")[0][-index.DEFINED_TERM_LONGEST :]
    # an intent's word said there is given its lead (intents.yaml), any other word the entries whose titles name it
    led = {number for word, numbers in index._meanings.items() if word in said for number in numbers}
    for number in defining - led:
        title = index._titles[number]
        assert any(said[start : start + 2] in title for start in range(len(said) - 1)), (query, title)
    assert index.defining(index._normalize(before.replace("意思", ""))) == frozenset()


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("这笔评级咨询费入账记哪个科目", id="how-a-fee-is-booked"),
        pytest.param("有没有公司免费给企业安装车牌识别门禁", id="a-gate-installed-free"),
        pytest.param("评上A级有没有奖金", id="a-bonus-for-a-grade"),
        pytest.param("面粉车间粉尘大，会不会粉尘爆炸", id="dust-explosion-is-workplace-safety"),
        pytest.param("铸造车间工人戴的口罩是啥型号的", id="a-masks-model"),
        pytest.param("评级结果会不会用短信通知我们", id="told-by-text-message"),
    ],
)
async def test_a_detail_the_documents_never_give_is_declined(harness: Harness, question: str) -> None:
    # the documents say who bears the grading's costs, what the gate records and where results are published, never the
    # accounts, a free installation, a bonus, the safety of dust, a mask's model or the message results come by
    assert_declined(await harness.text("张三", question), GAP_STATED)


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        pytest.param("评级要不要交钱", "没有写企业参加评级要交费用", id="the-grading-fee"),
        pytest.param("无组织排放粉尘怎么管", "无组织", id="fugitive-dust"),
        pytest.param("门禁一套多少钱", "资料里没有", id="the-gates-price-gap"),
    ],
)
async def test_the_entries_near_those_details_keep_their_answers(
    harness: Harness, question: str, answered: str
) -> None:
    assert answered in await harness.text("张三", question)


async def test_grades_compared_by_their_letters_alone_are_grades(harness: Harness) -> None:
    # "b和c" compares B with C as "B级和C级" would: the entries about those grades answer, not one about warnings at large
    assert "部分生产线" in await harness.text("张三", "b和c有啥不一样，预警期间")


@given(
    first=st.sampled_from("ABCDabcd"),
    joiner=st.sampled_from(["和", "跟", "与", "同", "比", "还是"]),
    second=st.sampled_from("ABCDabcd"),
)
def test_letters_joined_as_compared_name_both_grades(
    kb: KnowledgeBase, first: str, joiner: str, second: str
) -> None:
    assert grades(kb.faq._normalize(f"{first}{joiner}{second}差在哪")) == {first.lower(), second.lower()}
    # inside a word (an e-mail address, a model number) a letter is no grade
    assert grades(kb.faq._normalize(f"x{first}{joiner}{second}1型号")) == frozenset()


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        pytest.param(
            "平山的企业税交得多，能沾光不", "一般性激励", id="much-tax-paid-is-the-tax-contribution"
        ),
        pytest.param("我们缴税多，在平山能有啥照顾", "税收贡献", id="tax-paid-asked-as-favour"),
        pytest.param("平山有没有人能上门帮忙看看我们的除尘器", "两进三送", id="experts-to-the-plant"),
    ],
)
async def test_pingshan_support_asked_by_what_is_wanted(
    harness: Harness, question: str, answered: str
) -> None:
    # an enterprise asks for what it wants, not by the policy's name: paying much tax is the incentive grading's
    # 税收贡献, someone to come and look at the equipment the experts' visits of 两进三送
    assert answered in await harness.text("张三", question)


async def test_a_visit_to_help_keeps_its_no_penalty_answer(harness: Harness) -> None:
    assert "不罚款" in await harness.text("张三", "专家上门帮扶发现问题会罚款吗")


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("申报材料写得好看些，会不会出问题", id="materials-written-nicer"),
        pytest.param("监测报告弄得好看点有风险吗", id="a-report-made-to-look-better"),
    ],
)
async def test_materials_dressed_up_ask_the_consequence_of_falsifying(
    harness: Harness, question: str
) -> None:
    # a clerk's words for what 美化数据 says: materials made to look better than the plant is are falsified
    assert "弄虚作假" in await harness.text("张三", question)


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        pytest.param("老总问评级对公司有啥甜头，我该怎么回他", "受益", id="the-boss-asks-the-benefit"),
        pytest.param("厂长问名单最晚哪天交", "7月17日", id="the-director-asks-the-deadline"),
    ],
)
async def test_a_superiors_question_passed_on_is_searched_by_what_follows(
    harness: Harness, question: str, answered: str
) -> None:
    # "老板问…" says who asks, as "老板让我问…" does: what follows is the question
    assert answered in await harness.text("张三", question)


async def test_a_superiors_problems_are_no_question_passed_on(harness: Harness) -> None:
    # 问题 after 老板 is no asking: the message is read whole
    assert "7月17日" in await harness.text("张三", "老板问题多，名单啥时候交")


async def test_a_meaning_asked_below_the_bar_offers_the_defining_entry(harness: Harness) -> None:
    # the words around "小微涉气" lower every entry's score; the entry defining it is still what is asked, offered as a guess
    reply = await harness.text("张三", "文件里说的小微涉气，到底指哪类企业")
    assert "100千克以下" in reply, reply


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        pytest.param(
            "我们公司上黑名单了还能评级吗", "一年内不得申报", id="a-companys-blacklist-is-the-integrity-file"
        ),
        pytest.param("专家收红包会进黑名单吗", "不得在河北省区域内", id="the-experts-blacklist-stays-theirs"),
    ],
)
async def test_whose_blacklist_decides_the_entry(harness: Harness, question: str, answered: str) -> None:
    # the notice's 黑名单 is the experts'; an enterprise's is its 诚信档案, which bars applying for a year
    assert answered in await harness.text("张三", question)


async def test_the_end_of_july_is_the_materials_deadline(harness: Harness) -> None:
    # 七月底 is 7月31日 as 九月底 is 9月30日
    assert "7月31日" in (await harness.text("张三", "材料最晚是不是七月底")).splitlines()[0]


async def test_a_policy_gone_after_a_day_asks_when_it_ends(harness: Harness) -> None:
    # "到年底就没了" asks whether the policy expires then, as 到期 and 就结束了 do: the entry stating its end answers alone
    reply = await harness.text("张三", "两进三送是不是到年底就没了")
    assert "2022年底" in reply, reply
    assert "组建高水平生态环境专家队伍" not in reply, reply  # what the visits are is another question
