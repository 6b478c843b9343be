"""Kinds of message behind the blind sets' misses. qa_fresh8.yaml's (tests/data/qa_kinds8b.yaml): bare topic words and
voice slips, questions asked for someone else, wrongdoing told as what happened, situations told with the business's
own words, hearsay, a list asked together with whether a business is on it, near entries told apart by one word.
qa_fresh9.yaml's wrong first entries (tests/data/qa_kinds9b.yaml): whether a policy or a deadline still holds, asked
from today; English words mixed in; the enterprise's own step asked in words a branch's step shares; everyday words
for an entry's term; whether two things are one; a Pingshan policy asked of the situation its neighbour entry covers.
Each is asked here in words other than the development questions that showed it."""

from __future__ import annotations

import pytest

from tests.harness import Harness

# (the message, a fact of the entry that must answer it), by kind: qa_fresh8.yaml's, then qa_fresh9.yaml's
ANSWERED = [
    # bare topic words: the likeliest meaning
    pytest.param("时间安排", "2020年各节点", id="every-date-at-once"),
    pytest.param("哪些单位要报", "47个重点行业的所有企业", id="who-must-apply"),
    pytest.param("平山助企政策", "共八项", id="pingshan-overview"),
    pytest.param("总量指标？", "平山第七项政策", id="quota"),
    pytest.param("河北8个行业", "按推断（可信度低）", id="hebei-eight"),
    # what voice input writes for the bureau's words: 限直 for 限值, 攻间 for 攻坚
    pytest.param("排放限直呢", "没有任何行业、任何等级的排放限值", id="voice-limit"),
    pytest.param("环评百日攻间", "平山第四项政策", id="voice-campaign"),
    # who asks for whom, said first
    pytest.param(
        "我是厂里的保管员，车间主任让我问问电子台账都记啥",
        "所有申报评级的企业都应建立",
        id="asked-for-the-director",
    ),
    pytest.param("我是厂办的小王，厂长叫我问评级要不要交钱", "根据财政预算编制要求", id="asked-for-the-boss"),
    # wrongdoing told as what happened
    pytest.param("评级的人吃饭时暗示要送点东西", "接受企业赠礼或贿赂", id="gift-to-graders"),
    pytest.param("预警那几天晚上我们偷偷生产了", "不按要求落实限停产", id="working-through-a-warning"),
    pytest.param("检查出来我们排放超标了，还能报评级吗", "立即移交环境执法机构", id="over-the-limit"),
    # a situation naming the grade aimed at (冲A, 评B) or asked with a question mark
    pytest.param("水泥厂，运输车国五以上的才一半，想冲A", "A级物料公路运输", id="cement-aiming-at-a"),
    pytest.param("包装印刷，凹印用的油墨低VOCs的才三成，想评B", "包装印刷B级", id="printing-aiming-at-b"),
    pytest.param("我们是仓储物流园区，进出车辆也得登记？", "货物集散地", id="question-mark"),
    # hearsay passed on asks whether it is so
    pytest.param("我们是物流园区，有人说进出门口也得上车辆管控", "货物集散地", id="hearsay-park"),
    pytest.param("做石灰的，听说申请名单17号就截止了", "7月17日", id="hearsay-deadline"),
    # near entries told apart by one word: becoming an expert is the sign-up, not what experts do
    pytest.param("我们公司质检主任想去当专家", "技术骨干", id="becoming-an-expert"),
    # qa_fresh9.yaml's kinds (qa_kinds9b.yaml) from here
    # time-relative: whether a policy still holds asks when it ends; whether one is still in time asks the deadline
    pytest.param("上下游那个政策现在过期了吗", "至2022年底前", id="policy-expired"),
    pytest.param("总量指标支持过两年还办不办", "长期推进", id="policy-still-run"),
    pytest.param("七月十六号晚上了，名单还来得及交吗", "7月17日12:00前", id="still-in-time"),
    # English words mixed in, read as the bureau's word
    pytest.param("有没有整个评级的schedule", "2020年各节点", id="english-schedule"),
    pytest.param("申请名单的template哪里下", "附件5", id="english-template"),
    # the enterprise's own materials step, not the branch's, which shares the word 材料
    pytest.param("申报材料截止是几号啊", "7月31日前", id="own-materials-step"),
    # an everyday word for an entry's term: 味儿 is 异味
    pytest.param("烤漆房有股味儿，小微还能认定吗", "恶臭气体", id="everyday-odour"),
    # checking whether two things are one asks their difference
    pytest.param("B减跟B级其实是一回事吧", "具体指标有什么差别", id="one-and-the-same"),
    # a Pingshan policy asked of the situation its neighbour entry covers
    pytest.param("预警那几天还禁不禁止停产", "只针对非重污染天气应急预警时段", id="ban-during-a-warning"),
    pytest.param(
        "送法律送技术那个活动，非重点排污单位也能参加吗", "非重点排污单位能否参加", id="outside-the-scope"
    ),
]


@pytest.mark.parametrize(("question", "fact"), ANSWERED)
async def test_each_kind_gets_the_entry_that_answers_it(harness: Harness, question: str, fact: str) -> None:
    reply = await harness.text("张三", question)
    assert fact in reply
    assert not reply.startswith("属于")  # a business named in passing gets no industry verdict instead


async def test_a_list_asked_with_whether_the_business_is_on_it_gets_both(harness: Harness) -> None:
    reply = await harness.text("张三", "国家指南39个行业都有哪些，焦化在不在里面")
    assert "覆盖39个重点行业" in reply
    assert "属于2020年47个重点行业中的“焦化”" in reply
