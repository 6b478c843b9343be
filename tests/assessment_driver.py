"""Answers a self-assessment the way a person would: reads each question and replies by a script."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.message import Reply
from tests.conftest import Harness

REVIEW_MARK = "【申请名单草稿】"
Rule = tuple[str, str | list[str]]  # (regex searched in the question line, the answer or answers in turn)

VALID_CODES = ("91330100716105852F", "91440300708461136T", "91110000600037341L", "91350100M000100Y43")

# Every indicator ladder answered "meets grade A", and the common questions answered plainly.
ALL_A: list[Rule] = [
    (r"·.*A级", "是"),
    (r"【门禁车牌识别系统】|【装卸场所视频监控】|【运输车辆电子台账】", "是"),
    (r"【小微涉气企业核对】", "否"),
    (r"【是否在工业园区】", "是"),
    (r"【主要生产线或工序】", "主要生产线1条"),
    (r"【主要运输方式】", "公路运输"),
    (r"【年运输量】", "12.5"),
    (r"【联系人】", "张经理"),
    (r"【联系电话】", "13812345678"),
]


def basics(name: str, code: str, county: str, industries: Sequence[str], intended: str) -> list[Rule]:
    return [
        (r"【企业名称】", name),
        (r"【统一社会信用代码】", code),
        (r"【县（市、区）】", county),
        (r"【行业类别】", industries[0]),
        (r"还有其他重点行业", [*industries[1:], "没有"]),
        (r"行业吗？（回复", "是"),
        (r"吗？（回复“是”或“否”）", "是"),
        (r"【拟申报等级】", intended),
    ]


def cement(name: str, code: str, county: str, clean_transport: str) -> list[Rule]:
    """A cement works meeting grade A but for its share of clean transport (85 % limits it to B)."""
    return [
        (r"【水泥·清洁运输比例】", clean_transport),
        (r"【水泥·其余车辆国四】|【水泥·厂内运输车辆】|【水泥·非道路移动机械】", "是"),
        *basics(name, code, county, ["熟料"], "A级"),
        *ALL_A,
    ]


# A cement works in 鹿泉区 whose transport (85% clean vehicles) limits it to grade B.
CEMENT = cement("鹿泉区鼎鑫水泥有限公司", VALID_CODES[0], "鹿泉", "85")


def question_line(text: str) -> str:
    """The line that names the question (its 【title】), else the last line (a confirmation prompt)."""
    titled = [line for line in text.splitlines() if line.startswith("【")]
    return titled[-1] if titled else text.splitlines()[-1]


@dataclass
class Run:
    sent: list[str] = field(default_factory=list)  # every message the person sent, start word first
    replies: list[Reply] = field(default_factory=list)  # the replies to the last message
    transcript: list[str] = field(default_factory=list)  # every reply text, in order

    @property
    def text(self) -> str:
        return "\n".join(reply.text for reply in self.replies)


async def complete(
    harness: Harness, user: str, rules: Sequence[Rule], chat: str = "平山县企业群", limit: int = 150
) -> Run:
    """Start a self-assessment and answer until the draft summary is shown (the first matching rule wins)."""
    pending = [(pattern, list(answer) if isinstance(answer, list) else answer) for pattern, answer in rules]
    run = Run(sent=["我要自评"], replies=await harness.say(user, "我要自评", chat=chat))
    run.transcript += [reply.text for reply in run.replies]
    for _ in range(limit):
        if REVIEW_MARK in run.text:
            return run
        asked = question_line(run.replies[-1].text)
        answer = next((a for pattern, a in pending if re.search(pattern, asked)), None)
        if answer is None:
            raise AssertionError(f"no scripted answer for: {asked}")
        said = answer.pop(0) if isinstance(answer, list) else answer
        run.sent.append(said)
        run.replies = await harness.say(user, said, chat=chat)
        run.transcript += [reply.text for reply in run.replies]
    raise AssertionError(f"no draft summary after {limit} answers; last: {run.text}")
