"""Answers as people write them: Chinese numerals and percent words, ranges, other names for the items of
`修改`, yes in its many forms, a choice named inside a longer answer, punctuation kept as typed; and less
noise: the skip hint said once, a change at the review answered with what changed."""

from __future__ import annotations

from typing import Any

import pytest

from tests.harness import CEMENT, REVIEW_MARK, VALID_CODES, Harness, cement, complete, question_line

USER = "李经理"
CHAT = "李经理"  # a private chat: nothing is masked


def answers(harness: Harness) -> dict[str, Any]:
    record = harness.app.context.repos.dialogues.get("console", CHAT, USER)
    assert record is not None
    return dict(record.answers["answers"])


@pytest.mark.parametrize(
    ("said", "taken"),
    [
        ("百分之八十五", "85%"),
        ("八成五", "85%"),
        ("七成", "70%"),
        ("大概百分之七十吧", "70%"),
        ("九十", "90%"),
    ],
)
async def test_percent_words_and_chinese_numerals(harness: Harness, said: str, taken: str) -> None:
    run = await complete(harness, USER, [(r"【水泥·清洁运输比例】", said), *CEMENT], chat=CHAT)
    assert f"（目前{taken}）" in run.text


async def test_a_range_takes_the_conservative_end_and_says_so(harness: Harness) -> None:
    rules = [(r"【水泥·清洁运输比例】", "80到90%"), (r"【年运输量】", "五六万吨"), *CEMENT]
    run = await complete(harness, USER, rules, chat=CHAT)
    said = "\n".join(run.transcript)
    assert "您写的是80到90%，按较保守的80%记录" in said  # less clean transport is the cautious reading
    assert "您写的是5到6万吨/年，按较保守的5万吨/年记录" in said
    assert answers(harness)["cement_clean_share@水泥"] == 80
    assert answers(harness)["transport_volume"] == 5


@pytest.mark.parametrize(
    ("said", "volume"),
    [("两万吨", 2), ("5万吨左右", 5), ("约3000吨", 0.3), ("0.1亿吨", 1000), ("1亿5", 15000)],
)
async def test_tonnes_are_read_in_the_questions_unit(harness: Harness, said: str, volume: float) -> None:
    await complete(harness, USER, [(r"【年运输量】", said), *CEMENT], chat=CHAT)
    assert answers(harness)["transport_volume"] == volume


async def test_a_share_said_as_below_a_figure_is_asked_for_not_taken_as_it(harness: Harness) -> None:
    """ "不到80%" at 【水泥·清洁运输比例】 was recorded as 80%, meeting B's 不低于80%: the works was told B (and its
    draft said B) where its share is below the line."""
    run = await complete(harness, USER, [(r"【水泥·清洁运输比例】", ["不到80%", "75"]), *CEMENT], chat=CHAT)
    asked = next(text for text in run.transcript if "不到80%" in text)
    assert asked.startswith("“不到80%”只说了一个界限")
    assert "【水泥·清洁运输比例】" in asked  # the same question again
    assert answers(harness)["cement_clean_share@水泥"] == 75
    assert "自评等级：C级" in run.text


async def test_a_choice_named_inside_a_longer_answer(harness: Harness) -> None:
    rules = [(r"【主要运输方式】", "铁路运输，年运输量约5万吨"), *CEMENT]
    await complete(harness, USER, rules, chat=CHAT)
    assert answers(harness)["transport_mode"] == "rail"
    asked = await harness.text(USER, "修改 拟申报等级", chat=CHAT)
    assert question_line(asked).startswith("【拟申报等级】")
    await harness.say(USER, "先报B-级试试", chat=CHAT)  # B is inside B-级: B- is the one named
    assert answers(harness)["intended_grade"] == "B-"


@pytest.mark.parametrize(
    ("said", "item"),
    [("企业名字", "企业名称"), ("名字", "企业名称"), ("手机", "联系电话"), ("联系方式", "联系电话")],
)
async def test_other_names_for_the_items_to_change(harness: Harness, said: str, item: str) -> None:
    await complete(harness, USER, CEMENT, chat=CHAT)
    asked = await harness.text(USER, f"修改 {said}", chat=CHAT)
    assert question_line(asked).startswith(f"【{item}】")


async def test_an_item_not_asked_yet_is_said_to_come_later_not_to_be_missing(harness: Harness) -> None:
    await harness.say(USER, "我要自评", chat=CHAT)
    await harness.say(USER, "鹿泉区鼎鑫水泥有限公司", chat=CHAT)
    told = await harness.text(USER, "修改 手机", chat=CHAT)
    assert told.startswith("“联系电话”还没问到，问到时直接回答即可。现在可以修改的项目有：企业名称。")
    assert question_line(told).startswith("【统一社会信用代码】")
    assert "没有找到“火星”这一项" in await harness.text(USER, "修改 火星", chat=CHAT)


async def test_yes_in_its_many_forms(harness: Harness) -> None:
    await harness.say(USER, "我要自评", chat=CHAT)
    await harness.say(USER, "鹿泉区鼎鑫水泥有限公司", chat=CHAT)
    asked = await harness.text(USER, "取消", chat=CHAT)
    assert "确定要取消本次自评吗" in asked
    assert "已取消" in await harness.text(USER, "确认", chat=CHAT)

    run = await complete(harness, USER, [(r"【是否在工业园区】", "没问题"), *CEMENT], chat=CHAT)
    assert "是否在工业园区：是" in run.text


@pytest.mark.parametrize(
    ("step", "said"),
    [
        (r"【门禁车牌识别系统】", "装了一部分"),
        (r"【门禁车牌识别系统】", "有的门装了有的没装"),
        (r"【运输车辆电子台账】", "有台账，不过是纸质的"),
    ],
)
async def test_a_yes_said_of_a_part_or_taken_back_is_asked_again(
    harness: Harness, step: str, said: str
) -> None:
    """ "装了一部分" at the gate system (every gate, the notice says) and "有台账，不过是纸质的" at the electronic ledger
    were taken as yes, their first words deciding: the grade counted a requirement met that was not."""
    run = await complete(harness, USER, [(step, [said, "否"]), *CEMENT], chat=CHAT)
    reply = run.transcript[run.sent.index(said)]
    assert reply.startswith(f"“{said}”听起来只是部分符合。")
    assert question_line(reply).startswith(step.replace("\\", ""))
    assert "自评等级：A级" not in run.text  # the no said next counts


async def test_a_guessed_yes_is_not_taken_and_a_guessed_no_is(harness: Harness) -> None:
    """ "应该是吧" at a yes/no question was read as a question (吧) and answered "这个问题我不确定" by the Q&A."""
    run = await complete(
        harness, USER, [(r"【是否在工业园区】", ["应该是吧", "好像不在"]), *CEMENT], chat=CHAT
    )
    reply = run.transcript[run.sent.index("应该是吧")]
    assert reply.startswith("拿不准的话，可以先问问厂里管这方面的同事")
    assert "不确定" not in reply
    assert "是否在工业园区：否" in run.text


@pytest.mark.parametrize("said", ["我，李四", "我叫李四", "联系人：李四"])
async def test_the_contact_is_the_name_without_what_is_said_before_it(harness: Harness, said: str) -> None:
    """ "我，李四" went into the application list's 联系人 column as typed."""
    run = await complete(harness, USER, [(r"【联系人】", said), *CEMENT], chat=CHAT)
    assert "联系人：李四\n" in run.text


@pytest.mark.parametrize("said", ["确认无误", "对的", "没错"])
async def test_the_draft_is_saved_on_a_plain_yes_in_other_words(harness: Harness, said: str) -> None:
    run = await complete(harness, USER, CEMENT, chat=CHAT)
    assert REVIEW_MARK in run.text
    assert (await harness.text(USER, said, chat=CHAT)).startswith("已保存为申请名单草稿")


async def test_a_yes_or_no_with_a_particle_after_it_is_taken(harness: Harness) -> None:
    run = await complete(harness, USER, [(r"【是否在工业园区】", "是啊"), *CEMENT], chat=CHAT)
    assert "是否在工业园区：是" in run.text
    assert not [text for text in run.transcript if text.startswith("请回答“是”或“否”")]


async def test_the_industry_named_again_confirms_it(harness: Harness) -> None:
    await harness.say(USER, "我要自评", chat=CHAT)
    for said in ("平山县恒达铸造有限公司", "91330100716105852F", "平山县"):
        await harness.say(USER, said, chat=CHAT)
    assert "您说的是附件1中的“铸造”行业吗" in await harness.text(USER, "铸件", chat=CHAT)
    recorded = await harness.text(USER, "对，铸造", chat=CHAT)
    assert "已记录行业：铸造" in recorded


@pytest.mark.parametrize(
    ("said", "recorded"),
    [
        ("是的，还有焦化", "已记录行业：长流程联合钢铁、焦化。贵企业还有其他重点行业吗"),
        ("我们还有焦化", "已记录行业：长流程联合钢铁、焦化。贵企业还有其他重点行业吗"),
        ("对，我们也做喷漆", "已记录行业：长流程联合钢铁。\n您说的是附件1中的“工业涂装”行业吗"),
    ],
)
async def test_another_industry_said_beside_a_confirmation_keeps_both(
    harness: Harness, said: str, recorded: str
) -> None:
    """ "我们还有焦化" to "是长流程联合钢铁行业吗？" took 焦化 instead of the steelworks, and "是的，还有焦化" took the
    steelworks and dropped 焦化: an enterprise of two industries was left with one."""
    await harness.say(USER, "我要自评", chat=CHAT)
    for answer in ("河北鑫达钢铁有限公司", VALID_CODES[2], "晋州"):
        await harness.say(USER, answer, chat=CHAT)
    assert "“长流程联合钢铁”行业吗" in await harness.text(USER, "长流程钢铁", chat=CHAT)
    assert (await harness.text(USER, said, chat=CHAT)).startswith(recorded)


@pytest.mark.parametrize("said", ["都是", "1和2"])
async def test_both_industries_offered_for_a_business_of_both_are_taken_at_once(
    harness: Harness, said: str
) -> None:
    """ "我们做铸件，也做点喷漆" was offered 铸造 and 工业涂装 as "以下行业之一": one number could be picked, and 都是
    was 没有找到“都是”对应的行业."""
    await harness.say(USER, "我要自评", chat=CHAT)
    for answer in ("平山县宏达机械有限公司", VALID_CODES[3], "平山县"):
        await harness.say(USER, answer, chat=CHAT)
    offered = await harness.text(USER, "我们做铸件，也做点喷漆", chat=CHAT)
    assert offered.endswith("几个都是的话，请回复“都是”或几个编号，例如“1和2”。")
    recorded = await harness.text(USER, said, chat=CHAT)
    assert recorded.startswith("已记录行业：铸造、工业涂装。贵企业还有其他重点行业吗")


async def test_a_reply_to_a_confirmation_that_is_neither_yes_nor_another_answer_keeps_it(
    harness: Harness,
) -> None:
    await harness.say(USER, "我要自评", chat=CHAT)
    for said in ("正定县彩虹包装印刷有限公司", "91330100716105852F"):
        await harness.say(USER, said, chat=CHAT)
    assert "您说的是“正定县”吗" in await harness.text(USER, "正丁县", chat=CHAT)  # typed by sound
    for stray in ("事的", "包装印刷"):  # a yes misheard, the next answer given early: no county either
        again = await harness.text(USER, stray, chat=CHAT)
        assert again.startswith("请回复“是”或“否”。"), stray
        assert again.endswith("您说的是“正定县”吗？（回复“是”或“否”）"), stray
    assert "【行业类别】" in await harness.text(USER, "对", chat=CHAT)
    assert answers(harness)["county"] == "正定县"
    # another county named at the confirmation is still taken instead
    await harness.say(USER, "修改 县", chat=CHAT)
    assert "您说的是“平山县”吗" in await harness.text(USER, "平三县", chat=CHAT)
    assert "已更改：县（市、区）：鹿泉区" in await harness.text(USER, "鹿泉区", chat=CHAT)


async def test_a_credit_code_said_with_words_around_it_is_taken(harness: Harness) -> None:
    await harness.say(USER, "我要自评", chat=CHAT)
    await harness.say(USER, "鹿泉区鼎鑫水泥有限公司", chat=CHAT)
    assert question_line(await harness.text(USER, f"代码是{VALID_CODES[0]}", chat=CHAT)).startswith(
        "【县（市、区）】"
    )
    assert answers(harness)["credit_code"] == VALID_CODES[0]


async def test_a_county_written_beside_the_credit_code_is_taken_too(harness: Harness) -> None:
    """ "9133… 鹿泉区" at 【统一社会信用代码】 took the code and asked the county again: the county typed was lost."""
    await harness.say(USER, "我要自评", chat=CHAT)
    await harness.say(USER, "恒达铸造有限公司", chat=CHAT)
    reply = await harness.text(USER, f"{VALID_CODES[0]} 鹿泉区", chat=CHAT)
    assert "县（市、区）也记下了：鹿泉区" in reply
    assert question_line(reply).startswith("【行业类别】")
    assert answers(harness)["credit_code"] == VALID_CODES[0]
    assert answers(harness)["county"] == "鹿泉区"
    # a county with its town after it is confirmed, as at its own question; words naming none leave it asked
    await harness.say(USER, "返回", chat=CHAT)
    await harness.say(USER, "返回", chat=CHAT)
    reply = await harness.text(USER, f"代码是{VALID_CODES[1]}，我们在平山县岗南镇", chat=CHAT)
    assert "已更改：统一社会信用代码" in reply
    assert "您说的是“平山县”吗" in reply
    assert "已更改：县（市、区）：平山县" in await harness.text(USER, "是", chat=CHAT)
    assert answers(harness)["credit_code"] == VALID_CODES[1]
    await harness.say(USER, "修改 信用代码", chat=CHAT)
    reply = await harness.text(USER, f"{VALID_CODES[2]} 这个对吗", chat=CHAT)
    assert answers(harness)["credit_code"] == VALID_CODES[2]
    assert answers(harness)["county"] == "平山县"
    assert "记下了" not in reply


async def test_a_name_written_before_the_credit_code_is_taken_with_it(harness: Harness) -> None:
    """ "恒达铸造有限公司 9133…" at 【企业名称】 was refused as a code at the name: both had to be typed again."""
    await harness.say(USER, "我要自评", chat=CHAT)
    said = f"恒达铸造有限公司，统一社会信用代码：{VALID_CODES[0]}，鹿泉区"
    reply = await harness.text(USER, said, chat=CHAT)
    assert "“企业名称”记为：恒达铸造有限公司，后面的统一社会信用代码也一并记下了" in reply
    assert "县（市、区）也记下了：鹿泉区" in reply
    assert question_line(reply).startswith("【行业类别】")
    taken = answers(harness)
    assert (taken["enterprise_name"], taken["credit_code"], taken["county"]) == (
        "恒达铸造有限公司",
        VALID_CODES[0],
        "鹿泉区",
    )


async def test_a_name_with_a_label_or_two_codes_is_still_refused(harness: Harness) -> None:
    """A label before the name (企业名称：…) would go into the list with it; two codes a space apart went into the
    list as part of the name (read without spaces they were one run of 36 characters)."""
    await harness.say(USER, "我要自评", chat=CHAT)
    for said in (
        f"企业名称：恒达铸造有限公司，代码{VALID_CODES[0]}",
        f"{VALID_CODES[0]} 恒达铸造有限公司",
        f"恒达铸造有限公司 {VALID_CODES[0]} {VALID_CODES[1]}",
    ):
        reply = await harness.text(USER, said, chat=CHAT)
        assert "不能当作企业名称填进申请名单" in reply, said
        assert question_line(reply).startswith("【企业名称】")
    assert answers(harness) == {}


async def test_full_width_punctuation_is_kept_as_typed(harness: Harness) -> None:
    name = "石家庄（鹿泉）鼎鑫水泥有限公司，一分厂"
    run = await complete(harness, USER, [(r"【企业名称】", name), *CEMENT], chat=CHAT)
    assert f"企业名称：{name}" in run.text


async def test_the_skip_hint_is_said_once(harness: Harness) -> None:
    run = await complete(harness, USER, CEMENT, chat=CHAT)
    volume = next(text for text in run.transcript if "【年运输量】" in text)
    assert volume.count("“跳过”") == 1


async def test_a_change_at_the_review_shows_what_changed_not_the_whole_result(harness: Harness) -> None:
    run = await complete(harness, USER, CEMENT, chat=CHAT)
    assert len(run.replies) == 3  # the grade, the routes and notes, the draft
    await harness.say(USER, "修改 联系电话", chat=CHAT)
    replies = await harness.say(USER, "13987654321", chat=CHAT)
    assert [reply.text.splitlines()[0] for reply in replies] == [
        "已更改：联系电话：13987654321。其余内容不变。",
        f"{REVIEW_MARK}请核对：",
    ]

    await harness.say(USER, "修改 清洁运输比例", chat=CHAT)
    replies = await harness.say(USER, "100", chat=CHAT)  # the grade changes: its message is shown again
    text = "\n".join(reply.text for reply in replies)
    assert text.startswith("已更改：水泥·清洁运输比例：100%")
    assert "自评等级：A级" in text
    assert "按最低等级进行管理" not in text  # not the routes and notes again
    assert "已保存" in await harness.text(USER, "确认", chat=CHAT)


async def test_a_whole_dialogue_answered_untidily(harness: Harness) -> None:
    """A packaging printer in 鹿泉区 answering the way people type: the result is the tidy one."""
    untidy = [
        (r"【企业名称】", "石家庄（鹿泉）彩印包装有限公司"),
        (r"【统一社会信用代码】", "9144 0300 7084 6113 6t"),
        (r"【县（市、区）】", "石家庄鹿泉"),
        (r"【行业类别】", "包装印刷"),
        (r"还有其他重点行业", "没了"),
        (r"【是否在工业园区】", "对的"),
        (r"【主要生产线或工序】", "凹印机2台，复合、分切"),
        (r"【主要运输方式】", "公路，一年大概两万吨"),
        (r"【年运输量】", "两万吨左右"),
        (r"【包装印刷·主要印刷工艺】", "凹版印刷为主"),
        (r"【包装印刷·承印物】", "纸张和纸板"),
        (r"【包装印刷·低VOCs油墨比例】", "百分之五十到六十"),
        (r"·.*A级", "好的"),
        (r"【门禁车牌识别系统】|【装卸场所视频监控】|【运输车辆电子台账】", "没问题"),
        (r"【小微涉气企业核对】", "不是"),
        (r"【拟申报等级】", "想报A级"),
        (r"【联系人】", "王会计"),
        (r"【联系电话】", "138-1234-5678"),
    ]
    run = await complete(harness, USER, untidy, chat=CHAT)
    said = "\n".join(run.transcript)
    assert "您写的是50到60%，按较保守的50%记录" in said
    assert "企业名称：石家庄（鹿泉）彩印包装有限公司" in run.text
    assert "统一社会信用代码：91440300708461136T" in run.text
    assert "县（市、区）：鹿泉区" in run.text
    assert "自评等级：B级" in run.text  # 50% low-VOC ink: B (A needs 60%)
    assert "联系电话：13812345678" in run.text
    assert answers(harness)["transport_mode"] == "road"
    assert answers(harness)["transport_volume"] == 2
    assert answers(harness)["intended_grade"] == "A"


@pytest.mark.parametrize("said", ["全部", "都是国五", "全都是新能源的"])
async def test_all_of_it_at_a_percentage_step_is_a_hundred_and_said_so(harness: Harness, said: str) -> None:
    """ "全部" at the share of clean transport was answered "请回复一个数字" however often it was said."""
    run = await complete(harness, USER, [(r"【水泥·清洁运输比例】", said), *CEMENT], chat=CHAT)
    reply = run.transcript[run.sent.index(said)]
    assert reply.startswith(f"“{said}”按100%记录（要改可回复“返回”）。")
    assert answers(harness)["cement_clean_share@水泥"] == 100


@pytest.mark.parametrize("said", ["大部分", "一部分是", "大部分都是国五"])
async def test_a_part_at_a_percentage_step_is_asked_as_a_figure(harness: Harness, said: str) -> None:
    """A part in words is no figure: how much it is, asked with the question again; neither 100 nor "请回复一个数字"."""
    run = await complete(harness, USER, [(r"【水泥·清洁运输比例】", [said, "85"]), *CEMENT], chat=CHAT)
    reply = run.transcript[run.sent.index(said)]
    assert reply.startswith(f"“{said}”是多少？这一题要一个百分比数字，估一个就行")
    assert question_line(reply).startswith("【水泥·清洁运输比例】")
    assert answers(harness)["cement_clean_share@水泥"] == 85


@pytest.mark.parametrize("said", ["重来", "从头开始"])
async def test_starting_over_is_told_how_and_never_taken_as_an_answer(harness: Harness, said: str) -> None:
    """ "重来" at 【企业名称】 was "内容太短了", and at 【主要生产线或工序】 (two characters at least) it was recorded
    as the enterprise's production lines."""
    run = await complete(
        harness, USER, [(r"【主要生产线或工序】", [said, "熟料生产线1条"]), *CEMENT], chat=CHAT
    )
    reply = run.transcript[run.sent.index(said)]
    assert reply.startswith("要从头重新填，请先回复“取消”结束这次自评，再发送“我要自评”")
    assert question_line(reply).startswith("【主要生产线或工序】")
    assert answers(harness)["production_lines"] == "熟料生产线1条"


@pytest.mark.parametrize("said", ["返回上一步", "回到上一题"])
async def test_back_in_longer_words_goes_back(harness: Harness, said: str) -> None:
    """ "返回上一步" at the credit code was told where to find the code on the licence."""
    await harness.say(USER, "我要自评", chat=CHAT)
    await harness.say(USER, "平山县恒达铸造有限公司", chat=CHAT)
    reply = await harness.text(USER, said, chat=CHAT)
    assert question_line(reply).startswith("【企业名称】")
    assert "（当前答案：平山县恒达铸造有限公司。" in reply


async def test_a_long_paragraph_at_the_production_lines_is_asked_again_shorter(harness: Harness) -> None:
    """A pasted paragraph of 300 characters was taken as the production lines (a brief list is asked for)."""
    paragraph = "回转窑熟料生产线一条，配套水泥粉磨站一座，" * 15
    run = await complete(
        harness,
        USER,
        [(r"【主要生产线或工序】", [paragraph, "熟料生产线1条、水泥粉磨1套"]), *CEMENT],
        chat=CHAT,
    )
    reply = run.transcript[run.sent.index(paragraph)]
    assert reply.startswith(f"内容太长了（{len(paragraph)}个字），请控制在150个字以内，写要点就行。")
    assert answers(harness)["production_lines"] == "熟料生产线1条、水泥粉磨1套"


@pytest.mark.parametrize(
    ("said", "taken"),
    [
        ("都装了", "是"),
        ("全装好了", "是"),
        ("全部装好了", "是"),
        ("全部", "是"),
        ("都没装", "否"),
        ("全部没有", "否"),
    ],
)
async def test_a_yes_or_no_said_of_every_one_is_taken(harness: Harness, said: str, taken: str) -> None:
    """ "都装了" to "贵企业是否已经全部装好？" was told to answer 是 or 否: the 都 before the yes hid it."""
    run = await complete(harness, USER, [(r"【门禁车牌识别系统】", said), *CEMENT], chat=CHAT)
    reply = run.transcript[run.sent.index(said)]
    assert not reply.startswith("请回答")
    assert answers(harness)["mobile_gate"] == taken


async def test_another_county_in_the_enterprises_name_is_pointed_out_at_the_review(harness: Harness) -> None:
    """The list goes to the county answered: 平山县恒达铸造有限公司 answered 鹿泉 (a slip) went to 鹿泉区's branch,
    whose staff saw another county's enterprise in full, and nothing at the review said so."""
    rules = cement("平山县恒达水泥有限公司", VALID_CODES[1], "鹿泉", "85")
    run = await complete(harness, USER, rules, chat=CHAT)
    assert (
        "注意：企业名称里写的是“平山县”，县（市、区）填的是“鹿泉区”。申请名单草稿会交给鹿泉区生态环境分局；"
        "填错了请回复“修改 县”。"
    ) in run.text
    await harness.say(USER, "修改 县", chat=CHAT)
    corrected = await harness.text(USER, "平山县", chat=CHAT)
    assert "县（市、区）：平山县" in corrected
    assert "企业名称里写的是" not in corrected
    same = await complete(harness, "王经理", CEMENT, chat="王经理")  # 鹿泉区鼎鑫水泥 in 鹿泉区
    assert "企业名称里写的是" not in same.text


async def test_a_question_at_the_review_is_answered_and_a_slip_said_unclear(harness: Harness) -> None:
    """At the review a question (申请名单什么时候交) and a slip (确任 for 确认) both got the prompt alone again."""
    await complete(harness, USER, CEMENT, chat=CHAT)
    answered = await harness.text(USER, "申请名单什么时候交", chat=CHAT)
    assert "2020年7月17日12:00前" in answered
    assert answered.endswith("回复“取消”放弃。")
    slip = await harness.text(USER, "确任", chat=CHAT)
    assert slip.startswith("没有看懂“确任”。请回复“确认”保存为申请名单草稿")
    assert "已保存" in await harness.text(USER, "确认", chat=CHAT)


@pytest.mark.parametrize(("said", "length"), [("1381234567", 10), ("138123456789", 12)])
async def test_a_mobile_number_a_digit_short_or_long_is_told_its_length(
    harness: Harness, said: str, length: int
) -> None:
    run = await complete(harness, USER, [(r"【联系电话】", [said, "13812345678"]), *CEMENT], chat=CHAT)
    reply = run.transcript[run.sent.index(said)]
    assert reply.startswith(f"手机号码是11位数字，您输入的是{length}位，可能多打或少打了一位。")
    assert question_line(reply).startswith("【联系电话】")


@pytest.mark.parametrize("said", ["啥", "你说啥？", "什么"])
async def test_what_said_to_a_question_gets_the_help_and_the_question_again(
    harness: Harness, said: str
) -> None:
    """ "啥" at 您说的是“平山县”吗 was answered by the Q&A as a question it was not sure of, offering guides."""
    for text in ("我要自评", "平山县恒达铸造有限公司", VALID_CODES[1]):
        await harness.say(USER, text, chat=CHAT)
    assert "您说的是“平山县”吗" in await harness.text(USER, "平三县", chat=CHAT)
    reply = await harness.text(USER, said, chat=CHAT)
    assert reply.startswith("您正在进行环保绩效初步自评，可以发送：")
    assert reply.endswith("您说的是“平山县”吗？（回复“是”或“否”）")


@pytest.mark.parametrize("said", ["13812345678", "123"])
async def test_digits_alone_at_the_industry_are_no_business(harness: Harness, said: str) -> None:
    """A telephone number at 【行业类别】 was offered 炭黑制造, 再生铜铝铅锌 and 制药 as what it might be."""
    reply = await harness.answer_industry_question(USER, said)
    assert reply.startswith("这里要写文字，不能只有数字或符号。")
    assert question_line(reply).startswith("【行业类别】")


@pytest.mark.parametrize("said", ["好了吗", "这样就可以了吗", "然后呢", "下一步干啥"])
async def test_asking_at_the_review_whether_it_is_done_is_told_it_is_not_saved(
    harness: Harness, said: str
) -> None:
    """Read as questions, these got a Q&A answer about something else (好了吗: 成熟一个申报一个) or "不确定"."""
    await complete(harness, USER, CEMENT, chat=CHAT)
    reply = await harness.text(USER, said, chat=CHAT)
    assert reply.startswith("还没有保存。请回复“确认”保存为申请名单草稿")


@pytest.mark.parametrize("said", ["我想改一下", "电话填错了"])
async def test_wishing_to_change_at_the_review_lists_the_items(harness: Harness, said: str) -> None:
    await complete(harness, USER, CEMENT, chat=CHAT)
    reply = await harness.text(USER, said, chat=CHAT)
    assert reply.startswith("请写明要修改哪一项，例如“修改 联系电话”。可以修改的项目有：企业名称")
    opened = await harness.text(
        USER, "联系电话", chat=CHAT
    )  # the item named next opens it, as after 修改 alone
    assert question_line(opened).startswith("【联系电话】")


@pytest.mark.parametrize(("said", "county"), [("平山县岗南镇", "平山县"), ("鹿泉区上庄镇西村", "鹿泉区")])
async def test_a_county_with_its_town_after_it_is_confirmed(harness: Harness, said: str, county: str) -> None:
    """ "平山县岗南镇" was "没有找到“平山县岗南镇”", as if no county had been named."""
    for text in ("我要自评", "平山县恒达铸造有限公司", VALID_CODES[1]):
        await harness.say(USER, text, chat=CHAT)
    assert await harness.text(USER, said, chat=CHAT) == f"您说的是“{county}”吗？（回复“是”或“否”）"
    assert question_line(await harness.text(USER, "是", chat=CHAT)).startswith("【行业类别】")
    assert answers(harness)["county"] == county
