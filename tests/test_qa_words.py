"""Questions in everyday words (synonyms.yaml): a colloquial word finds the entries its canonical term finds,
in any question that uses it, not only in the one it was added for."""

from __future__ import annotations

import pytest

from tests.harness import Harness


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("评级结果会挂出来让人看吗", "评级企业予以公示"),  # 挂出来, 贴出来 are 公示
        ("包容性执法9.30以后还管用不", "2022年9月30日前"),  # a date written 9.30 is 9月30日
        ("名单贴出来贴几天", "没有写公示期多长"),  # 贴几天 is 公示期
        ("这周会来预警不", "机器人也不预报天气"),  # a warning that comes is one started
        ("评级有问题问哪位", "樊永平"),  # 问哪位 asks for the contact
        ("专家收了企业东西会怎样", "黑名单"),  # 收东西 is a bribe
        ("首次违法罚款给免了，还用整改吗", "免罚不等于不整改"),  # 罚款给免了 is 免予处罚
        ("被记了黑账几年不能报", "一年内不得申报"),  # 记黑账 is the credit file
        ("雾霾天B级企业要限产吗", "限产或降低负荷"),  # the smog days are the warning days
        ("八条原则第五条讲的啥", "应设尽设"),  # 八条原则 is 八大原则; each principle by its number
        ("减排名单模板在哪下载", "附件8"),  # 减排名单 is the emission-reduction list, not 申请名单
        ("减排名单上都写些啥", "运输方式及运输量"),
    ],
)
async def test_a_colloquial_word_finds_the_entry_of_its_canonical_term(
    harness: Harness, question: str, fact: str
) -> None:
    reply = await harness.text("张三", question)
    assert fact in reply
