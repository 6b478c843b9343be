"""A message's decision depends on the message alone: not on what the same knowledge decided before, nor on
whether the knowledge is fresh, nor on the process (its hash seed orders every set of words), so that a group's
answer does not depend on what others asked earlier and every figure the evaluation measures is the same in any
order."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys

import pytest

from bot.settings import Settings
from knowledge.base import KnowledgeBase
from tests.decisions import Decided, decided, fresh_knowledge
from tests.harness import ROOT, development_texts, run_jsonl

SPACING = 30  # every 30th development text: about 250, each set's kinds of message among them


SAMPLE = list(dict.fromkeys(development_texts()))[::SPACING]


@pytest.fixture(scope="module")
def in_order(kb: KnowledgeBase) -> dict[str, Decided]:
    """The sample decided in the sets' order on the session's knowledge, after whatever other tests decided."""
    return {text: decided(kb, text) for text in SAMPLE}


def test_the_sample_holds_every_kind_of_development_message() -> None:
    assert len(SAMPLE) >= 200
    assert len(SAMPLE) <= 400  # a few hundred at most: each is decided several times over


FIRST = SAMPLE[:: len(SAMPLE) // 6]  # each decided first on a knowledge base of its own
FEW = SAMPLE[:: len(SAMPLE) // 20]  # decided after it, in an order of that knowledge base's own


@pytest.fixture(scope="module")
def on_fresh_knowledge() -> list[dict[str, Decided]]:
    """For each message of FIRST a fresh knowledge base deciding it first, then FEW's others in a shuffled order
    (a fixed one for each, from its number): each of the two tests below once needed a fresh knowledge base for
    each of its six runs (a tenth of a second to read, as long again for what the first decisions build), and
    a message decided first is also the first of an order."""
    runs = []
    for number, first in enumerate(FIRST):
        kb = fresh_knowledge()
        others = [text for text in FEW if text != first]
        order = [first, *random.Random(number).sample(others, len(others))]
        runs.append({text: decided(kb, text) for text in order})
    return runs


@pytest.mark.slow
def test_each_message_decided_first_on_fresh_knowledge_is_decided_alike(
    in_order: dict[str, Decided], on_fresh_knowledge: list[dict[str, Decided]]
) -> None:
    assert [next(iter(run)) for run in on_fresh_knowledge] == FIRST
    for run in on_fresh_knowledge:
        first, decided_first = next(iter(run.items()))
        assert decided_first == in_order[first], first


@pytest.mark.slow
def test_any_order_of_a_few_messages_decides_each_alike(
    in_order: dict[str, Decided], on_fresh_knowledge: list[dict[str, Decided]]
) -> None:
    orders = [list(run) for run in on_fresh_knowledge]
    assert len({tuple(order) for order in orders}) == len(orders)  # no two runs alike
    for run in on_fresh_knowledge:
        assert run == {text: in_order[text] for text in run}


@pytest.mark.slow
def test_the_reverse_order_on_fresh_knowledge_in_another_process_with_another_hash_seed_decides_alike(
    in_order: dict[str, Decided],
) -> None:
    """Sets of words iterate in an order each process draws from its hash seed: a sum or a tie taken in that
    order would make a message's decision depend on the process. The process decides the sample backwards on the
    knowledge it reads, so the same fresh knowledge and ~290 decisions also show that the order does not matter
    (once, not again in this process: ~0.8 s of CPU)."""
    program = (
        "import json, sys\n"
        "from tests.decisions import decided, fresh_knowledge\n"
        "kb = fresh_knowledge()\n"
        "print(json.dumps({text: decided(kb, text) for text in json.load(sys.stdin)}, ensure_ascii=False))\n"
    )
    seed = "1" if os.environ.get("PYTHONHASHSEED") != "1" else "2"
    done = subprocess.run(
        [sys.executable, "-c", program],
        input=json.dumps(SAMPLE[::-1], ensure_ascii=False),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONHASHSEED": seed},
        check=True,
        timeout=60,
    )
    # compared as JSON gives them back: tuples as lists
    assert json.loads(done.stdout) == json.loads(json.dumps(in_order))


def test_a_groups_reply_does_not_depend_on_what_other_groups_asked_before(settings: Settings) -> None:
    """Through the console: the same question gets the same reply in a bot that has answered nothing yet and in
    one whose other groups asked about grades, the list and the principles before it."""
    question = {"chat": "一组", "user": "张三", "text": "B-是不是就等于C级的意思"}
    others = [
        {"chat": "二组", "user": "李四", "text": text}
        for text in (
            "头回接触，想问问一共分几个等级，是A最好还是D最好",
            "小白问一下，申报材料跟申请名单是一回事吗",
            "短板原则是不是把各项指标取个平均分",
            "B级和B-级差在哪",
            "评上C级预警的时候怎么减排",
        )
    ]
    alone = run_jsonl([question], str(settings.database_url))
    after_others = run_jsonl([*others, question], str(settings.database_url))
    assert [reply["text"] for reply in after_others if reply["chat"] == "一组"] == [alone[0]["text"]]
