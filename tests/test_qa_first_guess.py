"""A first guess the bot gives, and one it does not: a message below the confidence bar whose telling words share much
with its first entry (a story, a hearsay or a letter around the entry's words, the kinds of tests/data/qa_kinds16.yaml
in other words) is asked back ("您是不是想问…") with that entry's answer and source, a statement on fewer of them than a
question; one sharing a word or two with an entry (tests/data/qa_unanswerable16.yaml's shapes), or a question sharing as
few as a statement's guess needs, is still declined."""

from __future__ import annotations

import pytest

from tests.harness import NOT_SURE, Harness


@pytest.mark.parametrize(
    ("message", "title", "fact"),
    [
        pytest.param(
            "我们这边有个专家拿了别人的好处，论证意见写得跟实际完全不符", "专家黑名单", "黑名单", id="told"
        ),
        pytest.param(
            "车间主任跟我说，我们运输车的车牌号在台账系统里让人给改了",
            "移动源造假的后果",
            "篡改车辆信息",
            id="relayed",
        ),
        pytest.param(
            "前两天开会，分局的人提了一句配套的实施细则和移动源指南让我们找来看",
            "技术指南的配套文件",
            "实施细则",
            id="a-story",
        ),
        pytest.param(
            "老板让我打听打听，咱们这一年排的污染物总共也就几十千克",
            "小微年排放量标准",
            "100千克",
            id="asked-for-someone",
        ),
        # a statement needs fewer of the entry's telling words than a question, in two words or more
        # (tests/data/qa_kinds19.yaml's kind)
        pytest.param("我们的论证意见是评审专家照着别家抄的", "专家黑名单", "黑名单", id="a-statement"),
        pytest.param(
            "检查组来那天我们的脱硝设备正好停下来检修",
            "原则八正常生产状态",
            "正常生产",
            id="a-statement-at-the-visit",
        ),
    ],
)
async def test_a_message_sharing_many_telling_words_gets_the_entry_as_a_guess(
    harness: Harness, message: str, title: str, fact: str
) -> None:
    reply = await harness.text("张三", message)
    assert reply.startswith(f"您是不是想问“{title}”？"), reply
    assert fact in reply
    assert "——来源：" in reply
    assert "换个说法再问" in reply  # the guess says how to be read otherwise


@pytest.mark.parametrize(
    "message",
    [
        pytest.param("帮扶的专家来了我们要不要给他们开发票", id="an-invoice"),
        pytest.param("搞光伏电站的并网手续去哪办", id="grid-connection"),
        pytest.param("门口抓拍的录像我们想全传到云盘上存着", id="cloud-storage"),
        pytest.param("兹有一事请教：企业更名后原绩效等级是否继续有效", id="a-letter"),
        pytest.param("专家到厂那天外面下着大雪", id="a-statement-of-a-word"),
        # one rare word of the entry's, however telling, is a mention, not the situation it covers
        pytest.param("车间里的危险废物堆满了", id="a-statement-of-one-rare-word"),
        # as many words as a statement's guess needs, but a question: the detail asked may be one no entry gives
        pytest.param("管委会问这个紧急通知要不要贴在园区的公告栏上", id="a-question-of-a-few-words"),
    ],
)
async def test_a_message_sharing_a_word_or_two_is_still_declined(harness: Harness, message: str) -> None:
    assert (await harness.text("张三", message)).startswith(NOT_SURE)


VERDICT_UNSURE = "我没能确定贵企业是否属于"


@pytest.mark.parametrize(
    ("message", "fact"),
    [
        pytest.param("我们是小作坊，排放那一点点算不算小微啊", "非燃煤", id="small-and-micro"),
        pytest.param("47个重点行业的目录在哪儿看，我们小作坊在里面吗", "共47个重点行业", id="the-catalogue"),
    ],
)
async def test_a_business_the_verdict_cannot_place_gets_the_entry_of_what_else_it_asks(
    harness: Harness, message: str, fact: str
) -> None:
    reply = await harness.text("张三", message)
    assert fact in reply, reply
    assert VERDICT_UNSURE not in reply


async def test_a_business_the_verdict_cannot_place_asking_only_membership_gets_the_verdict(
    harness: Harness,
) -> None:
    assert VERDICT_UNSURE in await harness.text("张三", "我们是个小作坊，要报吗")
