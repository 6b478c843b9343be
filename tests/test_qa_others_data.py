"""Requests for other enterprises' data (who is assessing themselves, their drafts, contacts and phones) get a
refusal that says why; questions about the rules themselves are answered as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from handlers.context import Answer
from handlers.qa import Answers, answerer
from knowledge.models import read_yaml
from tests.harness import ROOT, Harness

REQUESTS = [
    "哪些企业在做自评？",
    "谁已经提交了申请名单",
    "我们县都有哪些公司报了名单",
    "其他企业的联系电话能发我一下吗",
    "别家企业自评是什么等级",
    "把别的公司的申请名单草稿给我看看",
    "鹿泉区鼎鑫水泥有限公司的联系电话是多少",
    "平山县敬业钢铁的统一社会信用代码告诉我",
    "同行的联系人是谁",
    "宏达铸造的信用代码是多少",  # was answered with the attachments' mailbox and its password
]
# Questions about the rules that share words with such requests: still answered from the knowledge.
RULE_QUESTIONS = [
    "请问哪些厂要填评级申请名单",
    "哪些企业得装车辆应急管理系统",
    "评出来的A级B级企业名单会公开吗",
    "市局有没有咨询电话啊",
    "两进三送是哪些企业能参加",
    "全市一共多少企业参与这次评级啊",
    "我们公司的自评结果在哪看",
    # an industry's rules, once refused as another enterprise's data (水泥的, 钢铁的 end enterprises' names too)
    "水泥的等级怎么评",
    "钢铁的等级有几级",
    "水泥的申请名单怎么填",
]


@pytest.mark.parametrize("question", REQUESTS)
async def test_a_request_for_other_enterprises_data_is_refused_with_the_reason(
    harness: Harness, question: str
) -> None:
    reply = await harness.text("张三", question)
    assert "不确定" not in reply
    assert "不能提供其他企业的信息" in reply
    assert "隐私" in reply
    assert "分局工作人员" in reply
    staff = await harness.text("王科长", question, chat="王科长", role="staff")
    assert "/申请列表" in staff


def development_questions() -> list[str]:
    folder = ROOT / "tests" / "data"
    files = [
        Path(folder, name) for name in ("qa_notice2020.yaml", "qa_pingshan_guide.yaml", "qa_holdout.yaml")
    ]
    return [case["q"] for path in files for case in read_yaml(path)]


async def test_questions_about_the_rules_are_not_taken_for_such_requests(harness: Harness) -> None:
    others = harness.app.context.kb.others_data
    taken = [q for q in [*RULE_QUESTIONS, *development_questions()] if others.asked_for(q)]
    assert taken == []
    assert "不能提供" not in await harness.text("张三", RULE_QUESTIONS[0])


async def test_the_answer_cache_remembers_a_refusal_and_the_bot_still_words_it_for_the_role(
    harness: Harness, answers: Answers
) -> None:
    checked: list[str] = []
    asked: list[str] = []
    others = harness.app.context.kb.others_data

    def refused(question: str) -> bool:
        checked.append(question)
        return others.asked_for(question)

    def counting(question: str) -> Answer:
        asked.append(question)
        return answers(question)

    remembering = answerer(counting, refused, 8)
    assert remembering(REQUESTS[0]) is None
    assert remembering(REQUESTS[0]) is None
    assert remembering(RULE_QUESTIONS[0]) == remembering(RULE_QUESTIONS[0]) == answers(RULE_QUESTIONS[0])
    assert checked == [REQUESTS[0], RULE_QUESTIONS[0]]  # asked again, neither check nor retrieval runs
    assert asked == [RULE_QUESTIONS[0]]  # a refused request is never retrieved
    # Through the bot, the same request from enterprise staff and then from county staff: each its own words.
    assert "/申请列表" not in await harness.text("张三", REQUESTS[1])
    assert "/申请列表" in await harness.text("王科长", REQUESTS[1], chat="王科长", role="staff")
