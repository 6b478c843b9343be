"""Causes of the misses of the voice-typed tests/data/qa_unanswerable34.yaml, each in other words than the set's:
practical details of what the documents require that they never give (the line a system sends its data by, a signed
paper put online, a listing renewed each year, a group's figures or a member's, a field whose value cannot be found
out, a spreadsheet against a program bought, a password refused, thanks sent to the experts) and a recording lost by
a fault, where the notice speaks only of clips deleted on purpose; and the requirements, terms and businesses next to
them that keep their entries or verdicts."""

from __future__ import annotations

import pytest

from knowledge.base import KnowledgeBase
from tests.decisions import decided
from tests.harness import NOT_SURE, Harness


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("门禁数据往分局传，走光纤还是用流量卡", id="the-line-data-goes-by"),
        pytest.param("签的整改承诺书会不会放到网上让人看", id="a-signed-paper-put-online"),
        pytest.param("纳入正面清单以后是一劳永逸还是每年重新报", id="a-listing-renewed"),
        pytest.param("税收贡献是按母公司的算还是按我们分厂单算", id="a-groups-figures-or-a-members"),
        pytest.param("外地来的车查不到它是国几台账上咋填", id="a-value-not-found-out"),
        pytest.param("运输台账用WPS表格记行不行，还是得买个软件", id="a-spreadsheet-or-a-program"),
        pytest.param("专家来帮扶完了，我们想写封感谢信寄给分局", id="thanks-sent"),
        pytest.param("录像机坏了，丢了一周的录像，会按最低等级处理吗", id="a-recording-a-fault-lost"),
    ],
)
def test_a_detail_the_documents_never_give_is_declined(kb: KnowledgeBase, question: str) -> None:
    # the entry of the requirement or scheme named (the gate, the ledger, the visits, the lowest grade's cases)
    # states none of these, and would be told as if it did; the other years' gap entry says each year's notice decides
    kind, entries, step, *_ = decided(kb, question)
    assert kind == "unsure" or entries == ("other_years_schedule_gap",), (kind, entries, step)


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        # the requirement itself and the term are stated
        ("要不要建电子台账", "electronic_ledger"),
        ("电子台账是什么意思", "electronic_ledger"),
        # no password typed and refused: the mailbox's entry gives the password
        ("邮箱登不上去，附件下不下来", "attachments_mailbox_download"),
        # the results are what the documents publish
        ("评级结果会不会挂到网上", "ab_publicity"),
        # clips deleted are the case the notice's rule states
        ("删了监控录像咋处理", "consequence_mobile_fraud"),
    ],
)
def test_what_the_documents_do_give_keeps_its_entry(kb: KnowledgeBase, question: str, entry: str) -> None:
    kind, entries, step, *_ = decided(kb, question)
    assert entries[:1] == (entry,), (kind, entries, step)


@pytest.mark.parametrize("description", ["我们厂生产光纤光缆，要参加评级吗", "我们是做锦旗的要评级吗"])
def test_a_business_making_the_things_keeps_its_verdict(kb: KnowledgeBase, description: str) -> None:
    # a line or a banner asked about is laid, used or sent; a plant that makes them asks whether it takes part
    kind, entries, step, *_ = decided(kb, description)
    assert kind == "industry", (kind, entries, step)


async def test_a_password_refused_is_declined_through_the_console(harness: Harness) -> None:
    # not the password told again as if it explained why the one typed fails
    reply = await harness.text("张三", "公共邮箱老提示密码错误，登不进去咋办")
    assert reply.startswith(NOT_SURE), reply


async def test_a_lost_recording_is_declined_through_the_console(harness: Harness) -> None:
    reply = await harness.text("张三", "硬盘出故障了，装卸区丢了十来天录像，会不会直接降到最低级")
    assert reply.startswith(NOT_SURE), reply
    assert "哪些情况按最低等级" in reply, reply
