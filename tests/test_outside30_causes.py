"""Causes of industry_fresh26's outside misses and bought29's leftovers. A business outside the 47 is told so where a
GB/T 4754 class is positively named and nothing listed is: its own trade's listed work said going on or done (a
bath-house "烧着一台燃气锅炉", a book printer's "印完装订") is no other work; a listed process with 的 right after a word
of selling to names the customer ("收旧电瓶，卖给炼铅的厂"); voice input's "要评级不", "也得报这个评级吗" ask about taking
part. And goods bought in and worked are production however said: a term's leading 干 is no verb (干式料), work said
before the goods after a run-on denial is not denied ("没有窑就磨外头拉来的熟料卖"), and "加工了卖" works the goods before
selling them."""

from __future__ import annotations

import pytest

from knowledge.base import KnowledgeBase
from knowledge.models import read_yaml
from tests.harness import (
    KNOWLEDGE_DATA,
    Harness,
    assert_placed_in_class,
    assert_verdict,
    listed_products,
    outside_classes,
    told_outside,
)


def listed_goods(kb: KnowledgeBase) -> list[str]:
    """Every product and material of every listed industry but those starting with 做 (a verb, whose goods follow)."""
    return sorted(
        {
            goods
            for industry in kb.catalogue.industries
            for goods in [*industry.products, *industry.materials]
            if not goods.startswith("做")
        }
    )


def own_work_classes() -> list[tuple[str, str, str]]:
    """(term, own work, class name): the first term of each outside class whose own trade is listed work."""
    return [(cls.terms[0], work, cls.name) for cls in outside_classes() for work in cls.own_work]


def test_own_work_going_on_on_a_counted_machine_is_the_trade(kb: KnowledgeBase) -> None:
    for term, work, name in own_work_classes():
        assert_placed_in_class(kb, f"我们是{term}，{work}着两台机器", name)
        assert_placed_in_class(kb, f"我们是{term}嗯{work}着一台嗯这个要报吗", name)


def test_own_work_on_listed_goods_is_never_outside(kb: KnowledgeBase) -> None:
    """What is burnt or printed named right after the work, going on or not, is listed work besides the trade."""
    said = [
        f"我们是{term}，还{work}{going}{goods}"
        for term, work, _ in own_work_classes()
        for goods in listed_products(kb)
        for going in ("", "着")
    ]
    wrong = told_outside(kb, said)
    assert not wrong, wrong[:20]


@pytest.mark.parametrize(
    ("description", "placed"),
    [
        ("我们是个洗浴中心嗯烧着一台燃气锅炉烧热水这个也得参加吗", "洗浴和保健养生服务"),
        ("我们印课本，胶印机印完装订", "书、报刊印刷"),
        ("俺家养了三万只蛋鸡", "畜牧业"),
        ("我们是废品收购站，收旧电瓶，卖给炼铅的厂", "再生物资回收与批发"),
        ("我们是酿白酒的，老式烧锅，粮食发酵了蒸馏", "酒、饮料和精制茶制造业"),
    ],
)
def test_fresh26_outside_shapes_are_placed(kb: KnowledgeBase, description: str, placed: str) -> None:
    assert_placed_in_class(kb, description, placed)


@pytest.mark.parametrize(
    "description", ["洗浴中心，还烧着砖", "我们印书刊，还印着宣传单", "我们是澡堂，也烧着瓦"]
)
def test_own_work_on_other_goods_stays_unsure(kb: KnowledgeBase, description: str) -> None:
    assert kb.catalogue.match(description).verdict != "outside", description


def test_a_listed_trade_sold_to_is_the_customers(kb: KnowledgeBase) -> None:
    """Every listed industry's processes said as the customer a scrap collector sells to: never its own."""
    for industry in kb.catalogue.industries:
        for process in industry.processes:
            match = kb.catalogue.match(f"我们是废品收购站，收废料卖给{process}的厂")
            assert match.verdict == "outside", (process, match)


def test_a_listed_process_of_the_speakers_own_stays_listed(kb: KnowledgeBase) -> None:
    """Selling after the speaker's own process names no customer: "我们炼铅，卖给做电池的" smelts."""
    assert kb.catalogue.match("我们炼铅，卖给做电池的").verdict == "one"
    assert kb.catalogue.match("我们是回收废电瓶的，拆了以后自己炼铅").candidates[0].name == "再生铜铝铅锌"


def test_leading_dry_is_no_verb(kb: KnowledgeBase) -> None:
    """Goods whose first character is a plain verb's but no verb there (干式料, 干馏炭), bought in and worked."""
    not_verbs = tuple(read_yaml(KNOWLEDGE_DATA / "industry_cues.yaml")["not_verbs"])
    goods = [goods for goods in listed_goods(kb) if goods.startswith(not_verbs)]
    assert goods
    said = [f"我们就把买来的{x}{work}了卖" for x in goods for work in ("磨细", "分装", "复配")]
    wrong = told_outside(kb, said)
    assert not wrong, wrong


# a denial of something else, then 就 run on (voice input writes no comma), with and without a filler
RUN_ON_DENIALS = ["我们厂没有窑就", "我们厂没有窑嗯就", "我们没有炉子就"]
WORK_FIRST = ["磨", "分装", "复配"]


def test_work_said_first_after_a_run_on_denial_is_done(kb: KnowledgeBase) -> None:
    """Every listed good ground, filled or formulated, said before the goods after a denial of something else: every
    goods with every work (read together: the goods follow the work), the denials in turn, so that each goods meets
    each denial and each work each denial. A denial is read as the text before the work, the same whatever goods
    follow: it holds no word the catalogue knows (checked below), its reach ends at the first turn after the word it
    denies (`_denial_end`'s `self._denial_turns.search(text, denied, clause_end)`), 就 before the work, and a span's
    `_negated` reads `before = folded[clause:start]`. Every denial with every goods and work was 16,422 readings
    more, about 1.6 s of CPU."""
    assert not [denial for denial in RUN_ON_DENIALS if kb.catalogue.known_slices(denial)]
    said = [
        f"{RUN_ON_DENIALS[(goods_at + work_at) % len(RUN_ON_DENIALS)]}{work}外头拉来的{x}卖"
        for goods_at, x in enumerate(listed_goods(kb))
        for work_at, work in enumerate(WORK_FIRST)
    ]
    wrong = told_outside(kb, said)
    assert not wrong, wrong[:20]


def test_bought_goods_worked_then_sold_are_made(kb: KnowledgeBase) -> None:
    """加工 of goods bought, then sold, is production, not trade ("加工了卖"), unless the goods and 加工 make the word of
    a class outside the 47 (废钢加工, 齿轮加工); plain selling stays trade."""
    said = [f"我们就把买来的{x}加工了卖" for x in listed_goods(kb)]
    wrong = [(wording, terms) for wording, terms in told_outside(kb, said) if not terms]
    assert not wrong, wrong[:20]
    assert kb.catalogue.match("我们做钢材买卖").verdict == "outside"
    assert kb.catalogue.match("我们就做着买卖").verdict == "outside"  # the trade goes on: no work done
    assert kb.catalogue.match("我们没有窑嗯就是把外头拉来的水泥卖").verdict == "outside"


async def test_bath_house_boiler_is_outside(harness: Harness) -> None:
    reply = await harness.text("张三", "我们是个洗浴中心嗯烧着一台燃气锅炉烧热水这个也得参加吗")
    assert_verdict(reply, "不属于", "洗浴")


async def test_grinding_bought_clinker_said_first_is_cement(harness: Harness) -> None:
    reply = await harness.text("张三", "我们厂没有窑就磨外头拉来的熟料卖这个要报吗")
    assert_verdict(reply, "属于", "水泥")


async def test_grinding_grain_is_no_toner_mistyped(harness: Harness) -> None:
    """磨粉 (milling) is a real word, not 墨粉 (toner) mistyped; flour and bran name grain milling, outside the list."""
    reply = await harness.text("张三", "俺们村里开了个磨粉的作坊，把小麦磨成面粉卖，要报吗")
    assert_verdict(reply, "不属于", "谷物磨制")
    assert "墨粉" not in reply
    toner = await harness.text("李四", "我们做复印机墨粉，要报吗")
    assert_verdict(toner, "属于", "油墨制造")
