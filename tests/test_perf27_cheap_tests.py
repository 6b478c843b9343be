"""What perf27's cuts of the cold answer rely on: the clauses of a message are never more than its runs of clause ends
and one, so a message with fewer runs asks nothing besides (answering.asked_besides); and the FAQ search's
remembered results are the search's own, whatever a caller does with the list it is given."""

from __future__ import annotations

import pickle

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge.answering import _clauses_asked
from knowledge.base import KnowledgeBase
from knowledge.textnorm import CLAUSE_END

# clause ends of every kind, a forwarded message's dash, question words and a listing comma's neighbours
_PIECES = st.sampled_from(
    [
        "，",
        "、",
        "。",
        "？",
        " ",
        "；",
        "——",
        "转发",
        "：",
        "什么时候交",
        "交给谁",
        "要报吗",
        "材料",
        "名单",
        "几号",
    ]
)


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=8))
def test_a_message_has_no_more_clauses_than_runs_of_clause_ends_and_one(
    kb: KnowledgeBase, pieces: list[str]
) -> None:
    text = "".join(pieces)
    assert len(_clauses_asked(kb, text)) <= len(CLAUSE_END.findall(text)) + 1, text


def test_a_search_given_again_is_the_search_not_what_a_caller_made_of_it(kb: KnowledgeBase) -> None:
    asked = "申请名单什么时候截止"
    first = kb.faq.search(asked, limit=3)
    expected = [(hit.entry.id, hit.score) for hit in first]
    first.clear()
    assert [(hit.entry.id, hit.score) for hit in kb.faq.search(asked, limit=3)] == expected
    # a limit is part of what is remembered: the shortlist is not the first three
    assert len(kb.faq.search(asked, limit=8)) > len(expected)
    # read back from the knowledge cache, the index searches alike
    read_back = pickle.loads(pickle.dumps(kb.faq))
    assert [(hit.entry.id, hit.score) for hit in read_back.search(asked, limit=3)] == expected
