"""What made the bot answer the blind sets of fresh18 (tests/data/qa_fresh18.yaml, qa_unanswerable25.yaml) wrongly,
each cause in other words. A question asking what a word means is asked of the entry whose title names that word,
saying least besides it, not of one naming it among other things (issue #11)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.base import KnowledgeBase
from knowledge.models import read_yaml
from tests.harness import ROOT, Harness

# the characters of the entries' titles and of a few words around them, so that generated words name some
_TITLE_CHARACTERS = "".join(
    sorted(
        {
            char
            for path in (ROOT / "knowledge" / "data").glob("faq_*.yaml")
            for entry in read_yaml(path)["entries"]
            for char in entry["title"]
        }
        | set("的是这个词通知里说")
    )
)


@pytest.mark.parametrize(
    ("question", "defined"),
    [
        pytest.param("绩效引领性怎么理解", "A到D之外的另一条评级路线", id="leading-track-not-the-grade-list"),
        pytest.param("短板到底指啥，评级总说这个", "最弱的", id="short-board-beside-another-ask"),
        pytest.param("门禁是指什么", "自动识别车牌", id="the-gate-not-the-three-bans"),
        pytest.param("小微涉气是什么意思", "100千克以下", id="small-and-micro-criteria"),
    ],
)
async def test_a_words_meaning_is_asked_of_the_entry_defining_it(
    harness: Harness, question: str, defined: str
) -> None:
    assert defined in await harness.text("张三", question)


async def test_a_meaning_asked_of_a_common_word_leaves_the_ranking_alone(harness: Harness) -> None:
    # 政策 is in the titles of many entries: "三不罚政策" is asked of the inclusive enforcement, not of a policies' list
    assert "轻微不罚" in await harness.text("张三", "平山的三不罚政策是什么意思")


@given(
    before=st.text(alphabet=_TITLE_CHARACTERS, max_size=12),
    after=st.text(alphabet=_TITLE_CHARACTERS, max_size=6),
)
def test_the_entries_defining_a_word_name_a_word_said_before_the_asking(
    kb: KnowledgeBase, before: str, after: str
) -> None:
    index = kb.faq
    query = index._normalize(f"{before}是什么意思{after}")
    defining = index.defining(query)
    said = query.split("什么意思")[0][-index.DEFINED_TERM_LONGEST :]
    # an intent's word said there is given its lead (intents.yaml), any other word the entries whose titles name it
    led = {number for word, numbers in index._meanings.items() if word in said for number in numbers}
    for number in defining - led:
        title = index._titles[number]
        assert any(said[start : start + 2] in title for start in range(len(said) - 1)), (query, title)
    assert index.defining(index._normalize(before.replace("意思", ""))) == frozenset()
