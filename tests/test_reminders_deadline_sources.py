"""/截止 cites each article of the notice once, however many deadlines cite it (the staff's list had read
第（十五）条、第（十七）条、第（十六）条、第（十六）条、第（十七）条)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from knowledge.base import KnowledgeBase
from knowledge.citations import articles
from knowledge.models import SourceRef
from tests.harness import Harness

NOTICE = "石家庄市生态环境局2020年绩效分级紧急通知"
CLAUSES = ["第（十五）条", "第（十六）条", "第（十七）条", "附件3", "正文开头", "一、2.适用对象"]


def source_line(reply: str) -> str:
    return next(line for line in reply.splitlines() if line.startswith("出处："))


async def test_staff_see_each_clause_once(harness: Harness) -> None:
    reply = await harness.text("王科长", "/截止", chat="王科长", role="staff")  # every audience's deadlines
    assert source_line(reply) == f"出处：{NOTICE} 第（十五）条、第（十七）条、第（十六）条、正文开头"


async def test_a_branch_group_sees_its_own_deadlines_clauses_once(harness: Harness) -> None:
    await harness.say("王科长", "/绑定 平山县 分局", chat="平山县分局群", role="staff")
    reply = await harness.text("王科长", "/截止", chat="平山县分局群", role="staff")
    assert source_line(reply) == f"出处：{NOTICE} 第（十六）条、第（十七）条、正文开头"


@given(st.lists(st.lists(st.sampled_from(CLAUSES), min_size=1, max_size=3), min_size=1, max_size=5))
def test_one_line_cites_every_article_once(kb: KnowledgeBase, sections: list[list[str]]) -> None:
    refs = [SourceRef(doc="notice2020", section="、".join(parts)) for parts in sections]
    cited = kb.cite_all(refs).removeprefix(f"{NOTICE} ")
    every = [article for ref in refs for article in articles(ref.section)]
    assert cited == "、".join(dict.fromkeys(every))


@given(st.lists(st.sampled_from(CLAUSES[:4]), min_size=1, max_size=4))
def test_a_list_of_clauses_reads_as_each_clause(clauses: list[str]) -> None:
    assert articles("、".join(clauses)) == clauses


def test_a_section_that_is_no_list_of_clauses_stays_whole() -> None:
    assert articles("一、2.适用对象") == ["一、2.适用对象"]
    assert articles("第（十五）条、正文开头") == ["第（十五）条、正文开头"]
