"""The dialogue engine as a pure function: advance(state, text, now) -> Outcome."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from functools import partial

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from pydantic import ValidationError

from handlers.flow_engine import FlowEngine, FlowState, Outcome
from knowledge import credit_code
from knowledge.answering import asks_besides_the_business
from knowledge.base import KnowledgeBase
from knowledge.figures import Figure, read_figures
from knowledge.flows import REVIEW, Flow
from tests.harness import VALID_CODES, question_line

NOW = datetime.fromisoformat("2020-07-15T09:00:00+08:00")


@pytest.fixture(scope="module")
def engine(kb: KnowledgeBase) -> FlowEngine:
    return FlowEngine(
        kb.flows["self_assessment"],
        kb.flow_messages,
        kb.counties,
        kb.catalogue,
        kb.words,
        timedelta(hours=2),
        asks_besides_the_business=partial(asks_besides_the_business, kb),
    )


def say(engine: FlowEngine, state: FlowState, *texts: str) -> Outcome:
    outcome = Outcome("ask", state)
    for text in texts:
        outcome = engine.advance(outcome.state, text, NOW)
    return outcome


def at(engine: FlowEngine, step: str, **answers: object) -> FlowState:
    return FlowState(step=step, answers=dict(answers), updated_at=NOW)


def test_start_asks_the_first_question(engine: FlowEngine) -> None:
    outcome = engine.start(NOW)
    assert outcome.state.step == "enterprise_name"
    assert outcome.state.answers == {}
    assert question_line(outcome.text).startswith("【企业名称】")


def test_an_answer_is_recorded_and_the_next_question_asked(engine: FlowEngine) -> None:
    outcome = say(engine, engine.start(NOW).state, "平山县利民建材有限公司", f" {VALID_CODES[0].lower()} ")
    assert outcome.state.answers == {
        "enterprise_name": "平山县利民建材有限公司",
        "credit_code": VALID_CODES[0],
    }
    assert outcome.state.step == "county"


def test_an_invalid_answer_keeps_the_state_and_repeats_the_question(engine: FlowEngine) -> None:
    state = at(engine, "credit_code", enterprise_name="某某公司名称")
    outcome = engine.advance(state, "91330100716105852E", NOW)
    assert outcome.status == "ask"
    assert outcome.state.step == "credit_code"
    assert outcome.state.answers == state.answers
    assert outcome.text.startswith("统一社会信用代码的校验位")
    assert "【统一社会信用代码】" in outcome.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("是", "是"),
        ("1", "是"),
        ("是的，都装了", "是"),
        ("已经装好了", "是"),
        ("否", "否"),
        ("2", "否"),
        ("没有安装", "否"),
        ("不是", "否"),
        ("不确定", "不确定"),
        ("3", "不确定"),
        ("这个不太清楚", "不确定"),
    ],
)
def test_yes_no_unsure_answers(engine: FlowEngine, text: str, expected: str) -> None:
    state = at(engine, "mobile_gate", **{"industries": ["焦化"]})
    assert engine.advance(state, text, NOW).state.answers["mobile_gate"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", "A"),
        ("A", "A"),
        ("b级", "B"),
        ("B-", "B-"),
        ("B减", "B-"),
        ("引领性", "leading"),
        ("第4个", "C"),
    ],
)
def test_choice_by_number_text_alias_or_fuzzy(engine: FlowEngine, text: str, expected: str) -> None:
    state = at(engine, "intended_grade", industries=["焦化"])
    assert engine.advance(state, text, NOW).state.answers["intended_grade"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("汽车", "road"),
        ("火车", "rail"),
        ("汽车和火车", "road_rail"),
        ("公路铁路都有", "road_rail"),
        ("公铁", "road_rail"),
    ],
)
def test_both_ways_of_transport_named_together_are_the_option_for_both(
    engine: FlowEngine, text: str, expected: str
) -> None:
    """汽车和火车 names the road option's word and the rail option's: it is neither alone, but both."""
    state = at(engine, "transport_mode", industries=["焦化"])
    assert engine.advance(state, text, NOW).state.answers["transport_mode"] == expected


def test_fuzzy_choice_and_numbers(engine: FlowEngine) -> None:
    state = at(engine, "transport_mode", industries=["焦化"])
    assert engine.advance(state, "主要是汽车运", NOW).state.answers["transport_mode"] == "road"
    volume = at(engine, "transport_volume", industries=["焦化"])
    assert engine.advance(volume, "约1,200万吨", NOW).state.answers["transport_volume"] == 1200.0
    skipped = engine.advance(volume, "跳过", NOW)
    assert skipped.state.answers["transport_volume"] is None
    assert skipped.state.step != "transport_volume"


def test_county_fuzzy_match_waits_for_confirmation(engine: FlowEngine) -> None:
    state = at(engine, "county")
    asked = engine.advance(state, "鹿泉区的", NOW)
    assert asked.state.pending
    assert asked.state.pending["kind"] == "confirm"
    assert "“鹿泉区”吗" in asked.text
    assert engine.advance(asked.state, "是", NOW).state.answers["county"] == "鹿泉区"
    declined = engine.advance(asked.state, "否", NOW)
    assert declined.state.pending is None
    assert "county" not in declined.state.answers
    retyped = engine.advance(asked.state, "灵寿", NOW)  # a new answer instead of 是/否
    assert retyped.state.answers["county"] == "灵寿县"


def test_several_industries_are_collected_then_recorded(engine: FlowEngine) -> None:
    state = at(
        engine, "industries", enterprise_name="甲企业有限公司", credit_code=VALID_CODES[0], county="平山县"
    )
    outcome = say(engine, state, "水泥", "铸件", "是", "水泥")
    assert outcome.state.pending == {
        "kind": "more",
        "collected": ["水泥", "铸造"],
        "prompt": outcome.text.splitlines()[-1],
    }
    assert outcome.text.startswith("“水泥”已经记录过了")
    done = engine.advance(outcome.state, "没有", NOW)
    assert done.state.answers["industries"] == ["水泥", "铸造"]
    assert done.state.step == "in_park"


def test_back_revisits_in_order_and_keep_leaves_an_answer(engine: FlowEngine) -> None:
    state = say(engine, engine.start(NOW).state, "甲企业有限公司", VALID_CODES[0], "平山县").state
    back = say(engine, state, "返回", "返回")
    assert back.state.step == "credit_code"
    assert back.state.mode == "revisit"
    assert "当前答案：91330100716105852F" in back.text
    kept = engine.advance(back.state, "不变", NOW)
    assert kept.state.step == "county"
    assert "当前答案：平山县" in kept.text
    onwards = engine.advance(kept.state, "不变", NOW)
    assert onwards.state.step == "industries"
    assert onwards.state.mode == "fill"
    first = say(engine, engine.start(NOW).state, "返回")
    assert first.text.startswith("已经是第一题了")
    assert first.state.step == "enterprise_name"


def test_edit_jumps_back_then_continues_with_the_first_unanswered_step(engine: FlowEngine) -> None:
    state = say(
        engine, engine.start(NOW).state, "甲企业有限公司", VALID_CODES[0], "平山县", "焦化", "没有"
    ).state
    assert state.step == "in_park"
    edit = engine.advance(state, "修改 信用代码", NOW)
    assert edit.state.step == "credit_code"
    resumed = engine.advance(edit.state, VALID_CODES[1], NOW)
    assert resumed.state.step == "in_park"
    assert resumed.state.answers["credit_code"] == VALID_CODES[1]
    unknown = engine.advance(state, "修改 颜色", NOW)
    assert unknown.text.startswith("没有找到“颜色”这一项")
    assert unknown.state == state


def test_cancel_needs_confirmation(engine: FlowEngine) -> None:
    state = at(engine, "county", enterprise_name="甲企业有限公司")
    asked = engine.advance(state, "取消", NOW)
    assert asked.state.pending == {"kind": "cancel"}
    assert asked.status == "ask"
    assert engine.advance(asked.state, "是", NOW).status == "cancelled"
    kept = engine.advance(asked.state, "否", NOW)
    assert kept.state.pending is None
    assert kept.state.answers == state.answers
    assert engine.advance(asked.state, "随便", NOW).text.startswith("请回复“是”或“否”")


def filled(engine: FlowEngine, **answers: object) -> dict[str, object]:
    """Every applicable step answered (yes/no/unsure 是, plain yes/no 否, first option, 1, text)."""
    plain: dict[str, object] = {"yes_no_unsure": "是", "yes_no": "否", "number": 1.0, "percent": 1.0}
    for _ in range(10):
        missing = [ref for ref in engine.flow.walk(answers) if ref.key not in answers]
        if not missing:
            return answers
        for ref in missing:
            options = ref.step.options
            answers[ref.key] = options[0].value if options else plain.get(ref.step.type, "x")
    raise AssertionError("answers do not settle")


def test_review_then_done(engine: FlowEngine) -> None:
    state = at(engine, "contact_phone", industries=["焦化"], contact_name="张三")
    review = engine.advance(state, "13812345678", NOW)
    assert review.status == "ask"  # earlier required answers are still missing: they are asked first
    answered = filled(engine, industries=["焦化"])
    del answered["contact_phone"]
    full = FlowState(step="contact_phone", answers=answered, updated_at=NOW)
    last = engine.advance(full, "13812345678", NOW)
    assert last.status == "review"
    assert last.state.step == REVIEW
    assert engine.advance(last.state, "随便说点", NOW).text.startswith("没有看懂“随便说点”。请回复“确认”")
    assert engine.advance(last.state, "确认", NOW).status == "done"


def test_expiry_and_state_round_trip(engine: FlowEngine) -> None:
    state = say(engine, engine.start(NOW).state, "甲企业有限公司").state
    assert not engine.expired(state, NOW + timedelta(hours=2))
    assert engine.expired(state, NOW + timedelta(hours=2, seconds=1))
    restored = FlowState.from_json(state.step, state.to_json(), state.updated_at)
    assert restored == state


def test_conditions_follow_the_answers(engine: FlowEngine) -> None:
    def keys(**answers: object) -> list[str]:
        return [ref.key for ref in engine.flow.walk(dict(answers))]

    cement = {"industries": ["水泥"]}
    assert "cement_rest_china4@水泥" not in keys(**cement, **{"cement_clean_share@水泥": 100.0})
    assert "cement_rest_china4@水泥" in keys(**cement, **{"cement_clean_share@水泥": 90.0})
    assert "cement_in_plant@水泥" not in keys(**cement, **{"cement_clean_share@水泥": 60.0})
    foundry = {
        "industries": ["铸造"],
        "foundry_melting@铸造": "gas_electric",
        "foundry_moulding@铸造": "mechanised",
    }
    assert not [k for k in keys(**foundry) if k.startswith("equipment_")]  # the known row settled it
    unsure = {
        "industries": ["铸造"],
        "foundry_melting@铸造": "gas_electric",
        "foundry_moulding@铸造": "unsure",
    }
    assert "equipment_a@铸造" in keys(**unsure)
    assert "equipment_b@铸造" in keys(**unsure, **{"equipment_a@铸造": "否"})
    assert "equipment_b@铸造" not in keys(**unsure, **{"equipment_a@铸造": "是"})
    assert "incentive_tax" in keys(county="平山县", industries=["长流程联合钢铁"])
    assert "incentive_tax" not in keys(county="鹿泉区", industries=["长流程联合钢铁"])
    assert "incentive_tax" not in keys(county="平山县", industries=["水泥"])
    assert "micro_daily_kg" in keys(micro_candidate="是", micro_seasonal="是")
    assert "micro_annual_kg" not in keys(micro_candidate="是", micro_seasonal="是")


MINIMAL = {
    "id": "demo",
    "title": "演示",
    "intro": "开始。",
    "help": "帮助（{idle}分钟）",
    "industry_step": "industries",
    "county_step": "county",
    "guides": {"national": "国家指南", "hebei": "河北指南"},
    "indicators": [{"id": "equipment", "label": "装备水平"}],
    "sections": [
        {
            "title": "基本",
            "steps": [
                {"id": "county", "label": "县", "ask": "哪个县？", "type": "county"},
                {
                    "id": "industries",
                    "label": "行业",
                    "ask": "哪个行业？",
                    "type": "industry",
                    "multiple": True,
                },
            ],
        },
        {
            "title": "指标",
            "each": "industry",
            "steps": [
                {
                    "ladder": {
                        "indicator": "equipment",
                        "grades": ["A", "B"],
                        "ask": "{industry}是否达到{guide}{grade}级？",
                        "requirement": "达到{grade}级",
                        "source": {"doc": "mee_guide2020", "section": "x"},
                    }
                }
            ],
        },
    ],
}


def test_a_small_flow_runs_on_the_same_engine(kb: KnowledgeBase) -> None:
    flow = Flow.model_validate(MINIMAL)
    engine = FlowEngine(
        flow,
        kb.flow_messages,
        kb.counties,
        kb.catalogue,
        kb.words,
        timedelta(minutes=5),
        asks_besides_the_business=partial(asks_besides_the_business, kb),
    )
    outcome = say(engine, engine.start(NOW).state, "平山", "焦化", "没有")
    assert outcome.text.startswith("【焦化·装备水平】焦化是否达到国家指南A级？")
    outcome = say(engine, outcome.state, "否", "是")
    assert outcome.status == "review"
    assert outcome.state.answers == {
        "county": "平山县",
        "industries": ["焦化"],
        "equipment_a@焦化": "否",
        "equipment_b@焦化": "是",
    }
    assert engine.help_text() == "帮助（5分钟）"


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"steps": [{"id": "x", "label": "x", "ask": "x", "type": "choice"}]}, "choice 至少需要两个选项"),
        (
            {
                "steps": [
                    {"id": "x", "label": "x", "ask": "x", "type": "text", "when": {"answer": {"y": ["是"]}}}
                ]
            },
            "引用了不存在或在后面的题目 y",
        ),
        ({"steps": [{"id": "x", "label": "x", "ask": "{colour}", "type": "text"}]}, "未知占位符"),
        ({"steps": [{"id": "x", "label": "x", "ask": "x", "type": "text", "colour": 1}]}, "不认识这个字段"),
    ],
)
def test_flow_data_errors_are_caught_on_load(
    kb: KnowledgeBase, change: dict[str, object], complaint: str
) -> None:
    broken = {**MINIMAL, "sections": [{**MINIMAL["sections"][0], **change}, MINIMAL["sections"][1]]}  # type: ignore[index]
    with pytest.raises(ValidationError) as refused:
        Flow.model_validate(broken)
    said = [kb.words.reason(item) for item in refused.value.errors()]  # as `knowledge check` words them
    assert any(complaint in each for each in said), said


ANSWERS = st.sampled_from(
    ["是", "否", "1", "3", "铸造", "没有", "平山县", VALID_CODES[0], "12.5", "六成", "13812345678", "张经理",
     "返回", "修改 联系电话", "跳过", "不变", "不知道", "A级", "帮助", "确认", "1e309", "－１"]
) | st.text(max_size=12)  # fmt: skip


@given(said=st.lists(ANSWERS, max_size=40))
def test_any_answers_in_any_order_are_taken_or_asked_again(engine: FlowEngine, said: list[str]) -> None:
    """Whatever a contact types at whichever question: the flow goes on, or asks again keeping every earlier
    answer, and always says something while it waits."""
    state = engine.start(NOW).state
    for text in said:
        outcome = engine.advance(state, text, NOW)
        if outcome.status not in ("ask", "review"):
            break
        assert outcome.text or outcome.status == "review"
        if outcome.state.step == state.step and outcome.state.mode == state.mode:
            assert (
                outcome.state.answers.items()
                >= {k: v for k, v in state.answers.items() if k != state.step}.items()
            )
        state = outcome.state


NAMED = st.text(
    st.sampled_from("平山县利民建材鼎鑫水泥有限公司张经理王五熟料生产线条套一二三4567tdAB、"),
    min_size=2,
    max_size=14,
)


@given(
    step=st.sampled_from(["enterprise_name", "production_lines", "contact_name"]),
    before=NAMED,
    asking=st.sampled_from(["吗", "吗？", "是什么", "怎么写", "多少", "要写全称吗", "咋办", "哪个"]),
)
def test_a_question_at_a_name_or_description_is_asked_again_and_a_plain_answer_taken(
    engine: FlowEngine, step: str, before: str, asking: str
) -> None:
    """A question typed where a name or description is asked would go into the application list as typed: it is
    refused with the question asked again; the same words without the question are taken."""
    asked = engine.advance(at(engine, step), before + asking, NOW)
    assert asked.state.step == step
    assert step not in asked.state.answers
    assert asked.text.startswith("这句像是问题")
    assert asked.asked == before + asking
    taken = engine.advance(at(engine, step), before + "有限公司", NOW)
    assert taken.state.answers.get(step) == before + "有限公司"


@given(
    hedges=st.lists(st.sampled_from(["嗯", "嗯嗯", "呃", "额", "哦"]), max_size=3),
    separator=st.sampled_from(["，", ",", "。", " ", "、"]),
    answer=st.sampled_from(["是", "是的", "有", "对", "否", "没有", "不是", "没装", ""]),
)
def test_a_hedge_before_a_yes_or_no_neither_answers_nor_changes_it(
    engine: FlowEngine, hedges: list[str], separator: str, answer: str
) -> None:
    """嗯 is said while thinking: alone it is asked again with the options, and the words after it answer."""
    state = at(engine, "in_park", industries=["焦化"])
    said = separator.join([*hedges, answer])
    outcome = engine.advance(state, said, NOW)
    if not answer:
        assert "in_park" not in outcome.state.answers
        assert outcome.text.startswith("请回答“是”或“否”")
        assert "1. 是　2. 否" in outcome.text
        return
    assert outcome.state.answers["in_park"] == engine.advance(state, answer, NOW).state.answers["in_park"]


@given(
    step=st.sampled_from(["intended_grade", "transport_volume", "in_park"]),
    asking=st.sampled_from(["B级要啥条件？", "这个数填多少合适", "什么是工业园区", "够A级吗", "怎么算"]),
)
def test_a_question_at_a_choice_number_or_yes_no_is_handed_back_to_answer(
    engine: FlowEngine, step: str, asking: str
) -> None:
    """A question is not read as an option, a figure or a yes: nothing is recorded, and the outcome carries the
    question for the handler to answer before the step is asked again."""
    state = at(engine, step, industries=["焦化"])
    outcome = engine.advance(state, asking, NOW)
    assert outcome.state.answers == state.answers
    assert outcome.asked == asking
    assert question_line(outcome.text).startswith("【")


BASICS = {"enterprise_name": "平山县利民建材有限公司", "credit_code": VALID_CODES[0], "county": "平山县"}


@given(
    item=st.sampled_from([("enterprise_name", "企业名称"), ("credit_code", "代码"), ("county", "所在县")]),
    punct=st.sampled_from(["", "。", "！", " "]),
)
def test_the_item_named_after_a_bare_edit_opens_it(
    engine: FlowEngine, item: tuple[str, str], punct: str
) -> None:
    """After "修改" alone, an item's name (its label or another name, punctuation around it) is "修改 <item>";
    anything else is the answer to the question it was said at."""
    key, name = item
    state = at(engine, "industries", **BASICS)
    listed = engine.advance(state, "修改", NOW)
    assert listed.text.startswith("请写明要修改哪一项")
    opened = engine.advance(listed.state, f"{name}{punct}", NOW)
    assert opened.state.step == key
    assert opened.state.answers == BASICS
    answered = engine.advance(listed.state, "水泥", NOW)
    assert answered.text == engine.advance(state, "水泥", NOW).text


@given(
    volume=st.decimals(min_value="0.1", max_value="20000", places=1).map(str),
    minus=st.sampled_from(["-", "－", "负", "- "]),
    unit=st.sampled_from(["", "万吨", "万吨/年"]),
)
def test_a_negative_figure_is_out_of_range_and_a_range_is_still_a_range(
    engine: FlowEngine, volume: str, minus: str, unit: str
) -> None:
    """A minus before a figure is its sign (read_figures), so a volume below zero is refused with the range;
    between two figures it still says a range ("5-6")."""
    state = at(engine, "transport_volume")
    refused = engine.advance(state, f"{minus}{volume}{unit}", NOW)
    assert "transport_volume" not in refused.state.answers
    assert refused.text.startswith("这个数值应在0到20000之间")
    ranged = engine.advance(state, f"{volume}-{volume}1{unit}", NOW)
    assert ranged.state.answers.get("transport_volume") == float(volume)


@given(data=st.data(), separator=st.sampled_from(["和", "、", "，", " ", "及", "以及", "/"]))
def test_industries_named_in_a_list_are_all_recorded(
    engine: FlowEngine, kb: KnowledgeBase, data: st.DataObject, separator: str
) -> None:
    """Two or three of the 47 named by their names in one answer are each recorded, in the order named."""
    names = [industry.name for industry in kb.catalogue.industries]
    named = data.draw(st.lists(st.sampled_from(names), min_size=2, max_size=3, unique=True))
    outcome = engine.advance(at(engine, "industries", **BASICS), separator.join(named), NOW)
    assert outcome.state.pending is not None
    assert outcome.state.pending["collected"] == named


@given(said=st.text(max_size=8) | st.integers(min_value=0, max_value=99).map(str))
def test_what_picks_nothing_among_the_offered_industries_keeps_them_offered(
    engine: FlowEngine, said: str
) -> None:
    """At the numbered industries offered, an answer is a number offered, another industry (confirmed or offered
    in its turn) or nothing read: then the same list is offered again, so that its numbers still pick."""
    offered = engine.advance(at(engine, "industries", **BASICS), "做砖的", NOW)
    assert offered.state.pending is not None
    assert offered.state.pending["kind"] == "choose"
    outcome = engine.advance(offered.state, said, NOW)
    if outcome.state.pending == offered.state.pending and "industries" not in outcome.state.answers:
        assert outcome.text.endswith(offered.text) or outcome.asked
        picked = engine.advance(outcome.state, "1", NOW)
        assert picked.state.pending is not None
        assert picked.state.pending["collected"] == ["砖瓦窑"]
        return
    assert outcome.state.pending != offered.state.pending or "industries" in outcome.state.answers
    assert "没有找到" not in outcome.text


CHINESE_DIGITS = "一二三四五六七八九"


@given(
    whole=st.integers(min_value=1, max_value=9),
    tenth=st.integers(min_value=1, max_value=9),
    chinese=st.booleans(),
    tonnes=st.sampled_from(["", "吨"]),
)
def test_a_figure_shortened_after_its_unit_is_read_as_people_mean_it(
    whole: int, tenth: int, chinese: bool, tonnes: str
) -> None:
    """ "1万2" and "两万五" say 1.2万 and 2.5万 (the digit after 万 is its thousands), "3千5" and "三千五" 3500, "3千吨"
    3000 tonnes: they were read as 100002, 20005, two figures and 3万吨, and a transport volume was recorded ten
    times too large, or refused."""
    digit = (lambda n: CHINESE_DIGITS[n - 1]) if chinese else str
    ten_thousands = f"{digit(whole)}万{digit(tenth)}{tonnes}"
    assert read_figures(ten_thousands, "万吨/年") == [Figure(whole + tenth / 10, whole + tenth / 10)]
    assert read_figures(ten_thousands) == [Figure(whole * 10000 + tenth * 1000, whole * 10000 + tenth * 1000)]
    thousands = f"{digit(whole)}千{digit(tenth)}{tonnes}"
    assert read_figures(thousands) == [Figure(whole * 1000 + tenth * 100, whole * 1000 + tenth * 100)]
    assert read_figures(f"{whole}千吨", "万吨/年") == [Figure(whole / 10, whole / 10)]
    hundreds = f"{CHINESE_DIGITS[whole - 1]}百{CHINESE_DIGITS[tenth - 1]}"
    assert read_figures(hundreds) == [Figure(whole * 100 + tenth * 10, whole * 100 + tenth * 10)]
    assert read_figures(f"{CHINESE_DIGITS[whole - 1]}百零{CHINESE_DIGITS[tenth - 1]}") == [
        Figure(whole * 100 + tenth, whole * 100 + tenth)
    ]  # 一百零五 is 105


@given(
    whole=st.integers(min_value=0, max_value=99),
    tenth=st.integers(min_value=0, max_value=9),
    unit=st.sampled_from(["万吨/年", ""]),
    tonnes=st.sampled_from(["", "吨", "吨左右"]),
)
def test_a_figure_in_hundred_millions_is_read_in_the_steps_unit(
    whole: int, tenth: int, unit: str, tonnes: str
) -> None:
    """ "12.5亿吨" at 【年运输量】 was recorded as 12.5万吨, ten thousand times too small, without a word; "1亿5", like
    "1万5", says 1.5亿."""
    in_ten_thousands = (whole * 10 + tenth) * (1000 if unit else 10**7)
    for said in (f"{whole}.{tenth}亿{tonnes}", f"{whole}亿{tenth}{tonnes}"):
        assert read_figures(said, unit) == [Figure(in_ten_thousands, in_ten_thousands)], said
    assert len(read_figures(f"{whole}到{whole + 1}亿{tenth}", unit)) != 1  # no one figure: asked again


def test_figures_with_their_units_written_out_are_read_as_before() -> None:
    for said, unit, value in [("5万吨左右", "万吨/年", 5), ("30000吨", "万吨/年", 3), ("两万五千吨", "万吨/年", 2.5),
                              ("一百二十", "", 120), ("十五", "", 15), ("50千克", "", 50), ("2万5000吨", "万吨/年", 2.5)]:  # fmt: skip
        assert read_figures(said, unit) == [Figure(value, value)], said


@given(
    code=st.sampled_from(VALID_CODES),
    before=st.sampled_from(["", "代码是", "统一社会信用代码：", "我们的代码 ", "（"]),
    after=st.sampled_from(["", "）", "，请核对", " 营业执照上的", "。"]),
    case=st.sampled_from([str.upper, str.lower]),
)
def test_a_credit_code_with_words_around_it_is_taken(
    engine: FlowEngine, code: str, before: str, after: str, case: object
) -> None:
    said = f"{before}{case(code)}{after}"  # type: ignore[operator]
    outcome = engine.advance(at(engine, "credit_code", enterprise_name="甲企业有限公司"), said, NOW)
    assert outcome.state.answers.get("credit_code") == code


@given(text=st.text(alphabet=st.sampled_from("0123456789ABFLTY代码是：，- "), max_size=40))
def test_a_credit_code_answer_is_a_valid_code_written_in_the_text_or_asked_again(
    engine: FlowEngine, text: str
) -> None:
    outcome = engine.advance(at(engine, "credit_code", enterprise_name="甲企业有限公司"), text, NOW)
    taken = outcome.state.answers.get("credit_code")
    if taken is None:
        assert outcome.state.step == "credit_code"
        return
    assert credit_code.problem(taken) is None
    assert taken in credit_code.normalize(text)


def test_a_credit_code_mistyped_among_words_is_told_what_is_wrong_with_it(engine: FlowEngine) -> None:
    mistyped = VALID_CODES[0][:-1] + ("G" if VALID_CODES[0][-1] != "G" else "H")
    outcome = engine.advance(
        at(engine, "credit_code", enterprise_name="甲企业有限公司"), f"代码是{mistyped}", NOW
    )
    assert "校验位" in outcome.text  # not "应为18位，您输入的是21位"


@given(text=st.text(alphabet=st.sampled_from("013456789０- （）()微信同号手机座或李明 +"), max_size=30))
def test_a_phone_answer_is_one_number_of_the_text_or_asked_again(engine: FlowEngine, text: str) -> None:
    """Whatever is typed at 联系电话: the one mobile number or landline with its area code it holds is taken
    (words, spaces and dashes around it allowed), anything else is asked again; a taken number is 11 digits
    starting with 1, or an area code and a local number of 7 or 8 digits joined by a dash, whose digits all
    stand in the text, in order."""
    outcome = engine.advance(at(engine, "contact_phone"), text, NOW)
    taken = outcome.state.answers.get("contact_phone")
    if taken is None:
        assert outcome.state.step == "contact_phone"
        return
    digits = "".join(char for char in text.replace("０", "0") if char.isdigit())
    area, _, local = taken.rpartition("-")
    if area:
        assert area.startswith("0")
        assert len(area) == (3 if area[1] in "12" else 4)
        assert len(local) in (7, 8)
        assert local[0] not in "01"
        assert digits == area + local
        return
    assert len(taken) == 11
    assert taken.startswith("1")
    assert taken.isdigit()
    assert digits in (taken, "86" + taken)


@given(
    area=st.sampled_from(["010", "022", "0311", "0319"]),
    local=st.from_regex(r"[2-9][0-9]{6,7}", fullmatch=True),
    dash=st.sampled_from(["-", " ", "－", ""]),
    words=st.sampled_from(["", "座机", "办公室电话"]),
)
def test_a_landline_with_its_area_code_is_taken_however_it_is_spaced(
    engine: FlowEngine, area: str, local: str, dash: str, words: str
) -> None:
    outcome = engine.advance(at(engine, "contact_phone"), f"{words}{area}{dash}{local}", NOW)
    assert outcome.state.answers.get("contact_phone") == f"{area}-{local}"


@given(
    name=st.sampled_from(["李明", "张经理", "平山县利民建材有限公司"]),
    number=st.sampled_from(["13812345678", "138 1234 5678", "0311-85812345", "031185812345"]),
    between=st.sampled_from(["", " ", "，", "电话", "（手机）"]),
)
def test_a_name_with_a_phone_number_in_it_is_asked_again(
    engine: FlowEngine, name: str, number: str, between: str
) -> None:
    step = "contact_name" if len(name) < 5 else "enterprise_name"
    outcome = engine.advance(at(engine, step), name + between + number, NOW)
    assert outcome.state.step == step
    assert step not in outcome.state.answers
    assert "电话号码" in outcome.text


def test_a_capacity_in_a_description_is_no_phone_number(engine: FlowEngine) -> None:
    outcome = engine.advance(at(engine, "production_lines"), "熟料生产线1条，年产2500000吨", NOW)
    assert outcome.state.answers.get("production_lines") == "熟料生产线1条，年产2500000吨"


def written_in_chinese(number: int) -> str:
    """1 to 99 as people write them: 十, 十五, 二十, 三十五."""
    tens, ones = divmod(number, 10)
    said = ("" if tens < 2 else CHINESE_DIGITS[tens - 1]) + ("十" if tens else "")
    return said + (CHINESE_DIGITS[ones - 1] if ones else "")


@given(
    whole=st.integers(min_value=1, max_value=99),
    tail=st.sampled_from("多几来"),
    chinese=st.booleans(),
    unit=st.sampled_from(["万吨", "%", "吨"]),
)
def test_a_figure_with_a_rough_tail_is_the_range_up_to_one_more_of_its_last_place(
    whole: int, tail: str, chinese: bool, unit: str
) -> None:
    """ "二十多万吨" is 20 to 30, "十几万吨" 10 to 20, "15来吨" 15 to 16: a range the step takes at its conservative end
    and says so. 二十多 and 二十来 were read as 20 exactly, and 十几 and 十多 as no figure at all."""
    assume(whole >= 10 or not chinese)  # 三多 is no Chinese: 三万多, below
    written = written_in_chinese(whole) if chinese else str(whole)
    step = 10 if whole % 10 == 0 else 1
    unit_of_step = {"万吨": "万吨/年", "%": "%", "吨": ""}[unit]
    assert read_figures(f"大概{written}{tail}{unit}", unit_of_step) == [Figure(whole, whole + step)]


@given(whole=st.integers(min_value=1, max_value=9), tail=st.sampled_from("多来"))
def test_a_rough_tail_after_ten_thousands_is_the_next_ten_thousand(whole: int, tail: str) -> None:
    assert read_figures(f"{whole}万{tail}吨", "万吨/年") == [Figure(whole, whole + 1)]
    for thousands in (f"{CHINESE_DIGITS[whole - 1]}千{tail}吨", f"{whole}千{tail}吨"):
        assert read_figures(thousands) == [Figure(whole * 1000, (whole + 1) * 1000)]
        assert read_figures(thousands, "万吨/年") == [Figure(whole / 10, (whole + 1) / 10)]


@pytest.mark.parametrize("said", ["几十万吨", "好几万吨", "几百吨", "大概几千吨吧"])
def test_a_figure_with_no_leading_digit_is_no_figure(said: str) -> None:
    """ "几十万吨" was read as 10万吨: the 几 was dropped and 十 read alone. Some tens says no figure."""
    assert read_figures(said, "万吨/年") == []


@given(
    answer=st.sampled_from(
        ["是", "是的", "有", "对", "对的", "在", "可以", "否", "没有", "不是", "没装", "不在"]
    ),
    particles=st.lists(
        st.sampled_from(["啊", "呀", "哈", "啦", "嘛", "哦", "喔", "哟"]), min_size=1, max_size=2
    ),
    end=st.sampled_from(["", "。", "！", "~"]),
)
def test_a_particle_after_a_yes_or_no_leaves_it_the_answer(
    engine: FlowEngine, answer: str, particles: list[str], end: str
) -> None:
    """是啊, 没有呀: the word before the particle answers, as it does alone."""
    state = at(engine, "in_park", industries=["焦化"])
    alone = engine.advance(state, answer, NOW).state.answers["in_park"]
    said = f"{answer}{''.join(particles)}{end}"
    assert engine.advance(state, said, NOW).state.answers.get("in_park") == alone, said


@given(
    st.integers(min_value=0, max_value=46),
    st.sampled_from(["", "我们是做", "我们厂是"]),
    st.sampled_from(["吗", "算吗？", "的，算哪个行业？", "，要报吗"]),
)
def test_a_business_named_with_a_question_word_is_never_an_aside(
    kb: KnowledgeBase, number: int, before: str, after: str
) -> None:
    """At the industry step a question naming one of the 47 by name is read as the business, whatever it asks."""
    said = f"{before}{kb.catalogue.industries[number].name}{after}"
    assert not asks_besides_the_business(kb, said), said


OFFERED = ["铸造", "工业涂装", "水泥", "焦化"]  # industries as the industry step offers them by number
BETWEEN = st.sampled_from(["和", "、", ",", "，", "及", "与", "跟"])


@given(
    picked=st.lists(st.integers(min_value=1, max_value=len(OFFERED)), min_size=2, max_size=4),
    between=BETWEEN,
)
def test_numbers_picked_together_at_the_industries_offered_take_each(
    engine: FlowEngine, picked: list[int], between: str
) -> None:
    """ "1和2" (or "都是") to industries offered by number, where the business is several of them: each is taken,
    once, in the order said; the step then asks whether there are more."""
    state = at(
        engine, "industries", enterprise_name="甲企业有限公司", credit_code=VALID_CODES[0], county="平山县"
    )
    offered = replace(
        state, pending={"kind": "choose", "options": OFFERED, "prompt": "1. 铸造", "collected": None}
    )
    outcome = engine.advance(offered, between.join(map(str, picked)), NOW)
    taken = list(dict.fromkeys(OFFERED[number - 1] for number in picked))
    assert outcome.state.pending is not None
    assert outcome.state.pending["collected"] == taken
    all_of_them = engine.advance(offered, "都是", NOW).state.pending
    assert all_of_them is not None
    assert all_of_them["collected"] == OFFERED


@given(picked=st.lists(st.integers(min_value=0, max_value=9), min_size=2, max_size=4), between=BETWEEN)
def test_a_number_not_offered_among_numbers_picked_together_takes_none(
    engine: FlowEngine, picked: list[int], between: str
) -> None:
    assume(any(number < 1 or number > len(OFFERED) for number in picked))
    state = at(
        engine, "industries", enterprise_name="甲企业有限公司", credit_code=VALID_CODES[0], county="平山县"
    )
    offered = replace(
        state, pending={"kind": "choose", "options": OFFERED, "prompt": "1. 铸造", "collected": None}
    )
    outcome = engine.advance(offered, between.join(map(str, picked)), NOW)
    assert not (outcome.state.pending or {}).get("collected")


@given(
    data=st.data(),
    before=st.text(alphabet=st.sampled_from("恒达铸造水泥石家庄市有限公司 "), max_size=6),
    after=st.text(alphabet=st.sampled_from("恒达铸造水泥有限责任公司（）"), max_size=8),
)
def test_a_county_written_in_full_in_a_name_is_found_alone(
    kb: KnowledgeBase, data: st.DataObject, before: str, after: str
) -> None:
    """What the review's note on another county in the enterprise's name reads: the full name, that one only
    (井陉矿区 is not also 井陉县's), and no county where only a short name stands (新华书店)."""
    county = data.draw(st.sampled_from(kb.counties.names))
    assert kb.counties.named_in(f"{before}{county}{after}") == [county]
    assert kb.counties.named_in(f"{before}新华书店平山{after}") == []


@given(
    figure=st.integers(min_value=1, max_value=99),
    word=st.sampled_from(["不到{}%", "低于{}%", "{}%以下", "不超过{}%", "少于{}%", "没到{}%"]),
)
def test_a_share_said_only_as_a_bound_below_it_is_asked_for_as_a_figure(
    engine: FlowEngine, figure: int, word: str
) -> None:
    """ "不到80%" at 【水泥·清洁运输比例】 was recorded as 80%, which meets B's 不低于80%: the works was told B where it
    is C. Said below a figure, a share is asked for as one; said above it (超过, 以上, 不低于) it is taken, low."""
    share = at(engine, "cement_clean_share@水泥", industries=["水泥"], transport_mode="road")
    below = engine.advance(share, word.format(figure), NOW)
    assert "cement_clean_share@水泥" not in below.state.answers
    assert below.text.startswith(f"“{word.format(figure)}”只说了一个界限")
    for above in ("超过{}%", "{}%以上", "不低于{}%"):
        taken = engine.advance(share, above.format(figure), NOW)
        assert taken.state.answers.get("cement_clean_share@水泥") == figure, above


@given(figure=st.integers(min_value=1, max_value=99))
def test_an_emission_said_as_a_bound_is_asked_for_where_the_bound_is_not_its_high_end(
    engine: FlowEngine, figure: int
) -> None:
    """At a limit not to exceed (the small/micro 年排放总量, whose conservative end is the high one) "不到80千克" is 80
    as before, and "超过80千克", a figure that may be far larger, is asked for."""
    emission = at(engine, "micro_annual_kg", micro_candidate="是", micro_seasonal="否")
    assert engine.advance(emission, f"不到{figure}千克", NOW).state.answers.get("micro_annual_kg") == figure
    above = engine.advance(emission, f"超过{figure}千克", NOW)
    assert "micro_annual_kg" not in above.state.answers
    assert "只说了一个界限" in above.text


@given(
    code=st.from_regex(
        r"[0-9A-Za-z.+\-＋－０-９ ]{0,6}[0-9０-９][0-9A-Za-z.+\-＋－０-９ ]{0,6}", fullmatch=True
    )
)
def test_a_number_or_code_at_the_industry_is_never_read_as_one(engine: FlowEngine, code: str) -> None:
    """ "1e309" was offered 炭黑制造: digits, with Latin letters or signs among them, are said to be no industry's
    name and the question stays, whatever they spell."""
    state = at(engine, "industries", enterprise_name="平山县利民建材有限公司", county="平山县")
    outcome = engine.advance(state, code, NOW)
    assert outcome.status == "ask"
    assert outcome.state.step == "industries"
    assert outcome.state.pending is None
    assert "industries" not in outcome.state.answers
    # digits and signs alone: the reason any answer without words gets
    assert outcome.text.startswith((f"“{code.strip()}”是数字或代码", "这里要写文字，不能只有数字或符号")), (
        outcome.text
    )


@given(
    name=NAMED,
    naming=st.sampled_from(["", "统一社会信用代码", "代码是", "信用代码："]),
    apart=st.sampled_from([" ", "，", "、", ""]),
    after=st.sampled_from(["", " 鹿泉区", "，平山县"]),
)
def test_a_name_said_before_the_code_is_the_name_and_the_code_the_codes(
    engine: FlowEngine, name: str, naming: str, apart: str, after: str
) -> None:
    """Whatever name comes before a valid code, with or without words naming the code, it is taken as the name
    alone would be (without the punctuation that set it off) and the code as its own answer; a name not taken
    alone is refused as before, nothing kept. (A code glued to a name's last digit is no code the
    reading sees: left out here, as is a Latin letter's, the next tests'.)"""
    assume(apart or naming or not (name[-1].isascii() and name[-1].isalnum()))
    alone = engine.advance(at(engine, "enterprise_name"), name.strip("、"), NOW)
    outcome = engine.advance(
        at(engine, "enterprise_name"), f"{name}{apart}{naming}{VALID_CODES[0]}{after}", NOW
    )
    if "enterprise_name" not in alone.state.answers:
        assert outcome.state.answers == {}
        return
    assert outcome.state.answers["enterprise_name"] == alone.state.answers["enterprise_name"]
    assert outcome.state.answers["credit_code"] == VALID_CODES[0]


CODE_CHARS = st.sampled_from(credit_code.CHARSET)


@given(
    letters=st.text(st.sampled_from("ABCDEFGHXYZabcxyz"), min_size=1, max_size=6),
    before=st.sampled_from(["", "恒达科技有限公司", "代码", "12"]),
    first17=st.text(CODE_CHARS, min_size=16, max_size=16).map(lambda rest: f"9{rest}"),
    after=st.sampled_from(["", " ", "，平山县", "要报吗"]),
)
def test_a_valid_code_glued_after_latin_letters_is_read_and_an_invalid_one_not(
    before: str, letters: str, first17: str, after: str
) -> None:
    """ux31: 恒达科技有限公司ABC9113… was no code to the reading (the letter before it joined them into one run). The
    last 18 characters of such a run are the code where their check character holds, else nothing is (a run of 18
    alone is read whatever it holds, to be told what is wrong with it)."""
    valid = first17 + credit_code.check_character(first17)
    wrong = first17 + next(char for char in credit_code.CHARSET if char != valid[-1])
    found = credit_code.written_in(f"{before}{letters}{valid}{after}")
    assert [code["code"] for code in found] == [valid]
    assert f"{before}{letters}{valid}{after}"[: found[0].start("code")] == f"{before}{letters}"
    assert credit_code.written_in(f"{before}{letters}{wrong}{after}") == []
    assert [code["code"] for code in credit_code.written_in(f"{before}{wrong}{after}")] == (
        [] if before[-1:].isascii() and before[-1:].isalnum() else [wrong]
    )


@given(
    letters=st.text(st.sampled_from("ABCXYZ"), min_size=1, max_size=4), after=st.sampled_from(["", " 鹿泉区"])
)
def test_a_code_glued_to_the_names_last_letters_at_the_name_is_the_name_and_the_code(
    engine: FlowEngine, letters: str, after: str
) -> None:
    outcome = engine.advance(
        at(engine, "enterprise_name"), f"恒达科技有限公司{letters}{VALID_CODES[0]}{after}", NOW
    )
    assert outcome.state.answers["enterprise_name"] == f"恒达科技有限公司{letters}"
    assert outcome.state.answers["credit_code"] == VALID_CODES[0]
    at_code = engine.advance(at(engine, "credit_code"), f"恒达科技有限公司{letters}{VALID_CODES[0]}", NOW)
    assert at_code.state.answers["credit_code"] == VALID_CODES[0]
