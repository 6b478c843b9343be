"""What made the bot answer the blind sets of fresh17 (tests/data/qa_fresh17.yaml, qa_unanswerable24.yaml,
industry_fresh17.yaml) wrongly, each cause in other words. Goods said to be taken in as raw material ("当原料") are the
supplier's product, no evidence of the speaker's industry; how often or how directly work is done (天天, 直接) says
nothing of what is done, so a business whose only listed process is denied is placed on that condition (issue #11)."""

from __future__ import annotations

import pytest

from tests.harness import GAP_STATED, Harness, assert_declined, assert_verdict


@pytest.mark.parametrize(
    ("description", "named"),
    [
        pytest.param("我们用煤焦油作原料，生产炭黑", "炭黑制造", id="a-coking-product-taken-in"),
        pytest.param("厂里拿焦炭当原料炼铁", "长流程联合钢铁", id="coke-taken-in-by-an-ironworks"),
        # an industry's own materials stay evidence of it
        pytest.param("我们用蒽油当原料", "炭黑制造", id="the-industrys-own-material"),
    ],
)
async def test_goods_taken_in_as_raw_material_are_the_suppliers(
    harness: Harness, description: str, named: str
) -> None:
    reply = await harness.text("张三", description)
    assert_verdict(reply, "属于", named)
    assert "焦化" not in reply.splitlines()[0], reply


@pytest.mark.parametrize(
    "description",
    [
        pytest.param("我们每天就是打磨焊接，不喷漆", id="every-day"),
        pytest.param("平时焊点钢结构，直接交货，不喷漆", id="delivered-directly"),
    ],
)
async def test_how_often_work_is_done_leaves_a_denial_placed(harness: Harness, description: str) -> None:
    assert_verdict(await harness.text("张三", description), "不属于", "工业涂装")


@pytest.mark.parametrize(
    ("description", "verdict", "named"),
    [
        pytest.param("我们天天喷漆", "属于", "工业涂装", id="work-done-every-day-is-still-done"),
        pytest.param("车间直接喷涂，不外包", "属于", "工业涂装", id="done-directly"),
    ],
)
async def test_how_often_a_listed_process_is_done_keeps_it(
    harness: Harness, description: str, verdict: str, named: str
) -> None:
    assert_verdict(await harness.text("张三", description), verdict, named)


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("小薇涉气企业的条件是什么", id="the-criteria"),
        pytest.param("小薇涉气的认定条件", id="recognised-how"),
    ],
)
async def test_xiaowei_typed_by_voice_is_small_and_micro(harness: Harness, question: str) -> None:
    # speech recognition writes 小薇 (a given name) for 小微 of the same sound; beside 涉气 or 企业 it is the notice's word
    assert "非燃煤" in await harness.text("张三", question)


async def test_the_contacts_phone_says_the_notice_prints_none(harness: Harness) -> None:
    # the notice's 联系人 are 樊永平 and 易鑫, with no number; Pingshan's policies, which list numbers, may come beside
    assert "没有公布电话号码" in await harness.text("张三", "联系人电话给一个")


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        pytest.param("装卸区的视频删掉一些，应该没事吧", "恶意删减视频片段", id="videos-deleted"),
        pytest.param("把数据美化下，没啥事吧", "弄虚作假", id="figures-dressed-up"),
        pytest.param("给评审专家送点土特产，没什么事吧", "黑名单", id="a-small-gift"),
        pytest.param("不报会不会有事", "最低等级", id="not-applying"),
    ],
)
async def test_a_doubt_about_a_deed_asks_its_consequence(
    harness: Harness, question: str, answered: str
) -> None:
    # "应该没事吧", "不会有事吧" hope for no consequence: the notice says what the deed brings
    assert answered in await harness.text("张三", question)


async def test_an_enterprise_outside_the_47_is_told_the_list_still_takes_it(harness: Harness) -> None:
    # however it says it is outside the 47, an enterprise that emits still goes on the emergency list (第（十一）条)
    assert "应纳尽纳" in await harness.text("张三", "咱是非重点行业，是不是啥都不用管了")


async def test_outside_the_47_asking_to_apply_keeps_who_must_apply(harness: Harness) -> None:
    reply = await harness.text("张三", "我们不在47个行业里，要参加评级吗")
    assert "47个重点行业的所有企业" in reply, reply


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("上次培训是哪位老师讲的", id="who-gave-the-training"),
        pytest.param("这个通知是谁起草的", id="who-drafted-the-notice"),
        pytest.param("听说这个通知作废了，真的吗", id="the-notice-repealed"),
        pytest.param("能推荐一家做门禁的公司吗", id="a-supplier-recommended"),
    ],
)
async def test_a_detail_the_documents_never_give_is_declined(harness: Harness, question: str) -> None:
    # the notice names its issuer and contacts, not who spoke at a training, who drafted it, whether it was repealed
    # since, nor any supplier: the entries nearest in words do not answer these
    assert_declined(await harness.text("张三", question), GAP_STATED)


async def test_the_notices_issuer_keeps_its_answer(harness: Harness) -> None:
    assert "石家庄市生态环境局" in await harness.text("张三", "通知是哪个部门发的")
