"""Messages that name their business and ask or tell something other than whether it takes part (the routing
misses bench/decide_steps.py counted: the entry first in the search, the industry verdict given instead): the
entry about that business answers, the verdict told beside it where the business is placed surely; a message
about taking part, or one that only says what the business is, keeps the verdict. Worded anew, in no set."""

from __future__ import annotations

import pytest

from tests.harness import Harness

VERDICT = "属于。"
ASIDE = "另外，按您说的"


@pytest.mark.parametrize(
    ("question", "fact", "industry"),
    [
        pytest.param("热镀锌厂按啥评？", "河北省重污染天气八个行业", "热镀锌", id="which-guide"),
        pytest.param("水泥厂咋限产", "限产20%", "水泥", id="measures"),
    ],
)
async def test_a_business_named_with_a_short_question_of_its_own_gets_the_entry_and_the_verdict_beside(
    harness: Harness, question: str, fact: str, industry: str
) -> None:
    reply = await harness.text("张三", question)
    assert not reply.startswith(VERDICT), reply
    assert fact in reply
    assert ASIDE in reply
    assert industry in reply.split(ASIDE)[1]  # the business placed, told after the answer


@pytest.mark.parametrize(
    ("statement", "fact"),
    [
        pytest.param(
            "我们搞热镀锌的，在国家指南上查不到自己这行", "河北省重污染天气八个行业", id="guide-not-found"
        ),
        pytest.param("我们铸造厂制芯用冷芯盒，废气没经过处理就排了", "冷芯盒制芯用吸收", id="untreated-gas"),
    ],
)
async def test_a_listed_business_telling_its_situation_gets_the_entry_about_that_situation(
    harness: Harness, statement: str, fact: str
) -> None:
    reply = await harness.text("张三", statement)
    assert not reply.startswith(VERDICT), reply
    assert fact in reply
    assert ASIDE in reply


async def test_a_business_outside_the_list_telling_its_situation_gets_the_entry_about_its_kind(
    harness: Harness,
) -> None:
    reply = await harness.text("张三", "我们是物流园区，进出园区的货车还没建台账")
    assert "物流园区" in reply
    assert not reply.startswith("不属于"), reply


@pytest.mark.parametrize(
    "keywords",
    [
        pytest.param("物流园区门禁", id="outside-the-list"),
        pytest.param("我们是物流园，门禁", id="said-as-a-statement"),
    ],
)
async def test_a_business_named_with_an_entrys_topic_word_and_no_question_gets_that_entry(
    harness: Harness, keywords: str
) -> None:
    # typed as a search: the topic word beside the business is what is asked, though no question word says so
    reply = await harness.text("张三", keywords)
    assert "移动源应急管理系统" in reply, reply
    assert not reply.startswith("不属于"), reply


async def test_a_listed_business_named_with_a_grade_and_no_question_gets_the_entry_and_the_verdict_beside(
    harness: Harness,
) -> None:
    reply = await harness.text("张三", "我们是做铸造的 A级")
    assert not reply.startswith(VERDICT), reply
    assert ASIDE in reply, reply
    assert "铸造" in reply.split(ASIDE)[1]


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("热镀锌厂要报吗", id="taking-part"),
        pytest.param("我们做农机配件的，有个小铸造车间", id="only-what-the-business-is"),
        pytest.param("我们是做石灰的", id="a-bare-self-description"),
    ],
)
async def test_taking_part_or_what_the_business_is_keeps_the_verdict(harness: Harness, question: str) -> None:
    assert (await harness.text("张三", question)).startswith(VERDICT)


async def test_a_business_read_by_sound_asking_another_thing_gets_that_things_entry(harness: Harness) -> None:
    reply = await harness.text("张三", "我们是个配件厂，给正面清单企业供货，平山帮扶上下游是怎么回事")
    assert "产业链" in reply or "上下游" in reply
    assert not reply.startswith(("属于", "（")), reply  # no verdict on 配件 read as another word


@pytest.mark.parametrize(
    ("message", "topic"),
    [
        pytest.param("我们是外地刚搬来的，之前那边已经评过B级", "各地执行的差异", id="moved-here"),
        pytest.param("上个月分局来过，我们是头一遭被查出毛病", "包容", id="first-time-found"),
    ],
)
async def test_a_self_description_that_names_no_business_gets_no_industry_verdict(
    harness: Harness, message: str, topic: str
) -> None:
    # "我们是…" said of the speaker's situation, not of a business: nothing for the verdict to place
    reply = await harness.text("张三", message)
    assert not reply.startswith(("我没能确定", "要判断是不是")), reply
    assert topic in reply


@pytest.mark.parametrize(
    ("question", "fact", "industry"),
    [
        pytest.param(
            "铝型材挤压的，申请名单哪天截止", "7月17日", "有色金属压延", id="deadline-after-the-business"
        ),
        pytest.param("我们家有座石灰窑，申请名单几号交", "7月17日", "石灰窑", id="a-kiln-of-ours"),
    ],
)
async def test_a_business_said_before_a_question_any_business_asks_is_placed_beside_the_answer(
    harness: Harness, question: str, fact: str, industry: str
) -> None:
    reply = await harness.text("张三", question)
    assert fact in reply, reply
    assert ASIDE in reply
    assert industry in reply.split(ASIDE)[1]


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("国家指南的39个行业里，有没有陶瓷", id="asked-about-the-list"),
        pytest.param("隔壁村有家焦化厂，他们名单截止是哪天", id="someone-elses-plant"),
    ],
)
async def test_a_business_named_inside_the_question_is_not_taken_for_the_askers(
    harness: Harness, question: str
) -> None:
    reply = await harness.text("张三", question)
    assert ASIDE not in reply, reply


async def test_an_outside_trade_asking_about_warning_measures_is_told_it_is_outside_the_47(
    harness: Harness,
) -> None:
    # The entries on grades' measures speak of the listed industries; a trade outside them needs its verdict (and the
    # emission-reduction list it may still be on), not the measures of a B grade.
    reply = await harness.text("张三", "我们是做物业的，橙色预警要限产吗")
    assert reply.startswith("不属于。"), reply
    assert "应急减排清单" in reply


async def test_an_outside_trade_asking_about_its_own_duties_still_gets_the_entry(harness: Harness) -> None:
    reply = await harness.text("张三", "我们是物流公司，要装门禁吗")
    assert not reply.startswith("不属于。"), reply
    assert "物流" in reply


@pytest.mark.parametrize("chat", ["平山县企业群", "张三"], ids=["group", "private"])
async def test_a_trade_outside_the_list_asking_taking_part_and_another_thing_gets_the_other_things_entry(
    harness: Harness, chat: str
) -> None:
    reply = await harness.text(
        "张三", "我们给钢厂拉货的，车都是租的。今年要报评级。车辆电子台账还得我们建吗", chat=chat
    )
    assert "运输车辆电子台账" in reply
    assert "不属于" not in reply  # the outside verdict replaces no answer, nor is told beside one
    assert ASIDE not in reply


@pytest.mark.parametrize("chat", ["平山县企业群", "张三"], ids=["group", "private"])
@pytest.mark.parametrize(
    ("question", "fact", "industry"),
    [
        pytest.param(
            "我们是焦化厂，也要报评级吗，运输车辆台账要我们建吗",
            "运输车辆电子台账",
            "焦化",
            id="taking-part-and-ledger",
        ),
        # a letter asks by its request, not by a question word
        pytest.param(
            "请问贵局，本公司为玻璃钢制品企业，申请名单的截止时间及报送单位，望回复",
            "7月17日12:00",
            "玻璃钢",
            id="letter",
        ),
    ],
)
async def test_a_listed_business_asking_another_thing_gets_its_entry_and_the_verdict_beside(
    harness: Harness, chat: str, question: str, fact: str, industry: str
) -> None:
    reply = await harness.text("张三", question, chat=chat)
    assert fact in reply
    assert ASIDE in reply
    assert industry in reply.split(ASIDE)[1]


@pytest.mark.parametrize("chat", ["平山县企业群", "张三"], ids=["group", "private"])
async def test_taking_part_asked_alone_after_a_trade_outside_the_list_keeps_its_verdict(
    harness: Harness, chat: str
) -> None:
    reply = await harness.text("张三", "我们开物流公司的，车都是自己的，要不要报评级", chat=chat)
    assert reply.startswith("不属于"), reply


@pytest.mark.parametrize("chat", ["平山县企业群", "张三"], ids=["group", "private"])
async def test_taking_part_asked_after_a_story_of_a_business_named_by_no_word_gets_who_must_apply(
    harness: Harness, chat: str
) -> None:
    reply = await harness.text("张三", "我们厂就七八个人，上个月刚开工，这个评级要报名吗", chat=chat)
    assert "47个重点行业的所有企业" in reply  # who must apply, not a list of industries to choose from
    assert "1." not in reply
