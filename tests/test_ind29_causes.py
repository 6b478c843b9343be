"""Issue #11's "are we one of the 47?" shapes that ind28 and outside31 left (属于 only on positive evidence, 不属于 only
on positive evidence of a business outside the list, else not sure with the closest industries). A kiln or process
named as one item of an equipment list is not sold by a word of selling in another item ("石灰销售系统"). A product
refined (粗苯精制) is made there. "加工及销售" in a licence line is the work and the selling of what it makes, and the
work ending the list's last item is said of every item, so a listed product named beside an outside word is made. An
outside word made of a listed word's tail and a word of production ("塑料齿轮加工" holds 齿轮加工) works the listed
goods. A primary industry's goods bought in and worked (铝锭) are worked further by another listed industry, which the
message does not name: not sure, those industries first (industry_cues.yaml's worked_further)."""

from __future__ import annotations

from knowledge.base import KnowledgeBase
from knowledge.models import read_yaml
from tests.harness import (
    KNOWLEDGE_DATA,
    UNSURE,
    Harness,
    assert_never_outside_and_kept,
    assert_verdict,
    listed_products,
    told_outside,
)

CUES = read_yaml(KNOWLEDGE_DATA / "industry_cues.yaml")
SELLING = ("销售", "批发", "卖", "贸易", "经销", "代理", "门市")


def made_goods(kb: KnowledgeBase) -> list[str]:
    """Every listed product but those starting with a verb (做茶叶盒), whose goods follow."""
    return [product for product in listed_products(kb) if not product.startswith("做")]


def test_a_kiln_or_process_beside_a_selling_look_alike_in_an_equipment_list_is_never_outside(
    kb: KnowledgeBase,
) -> None:
    """Every kiln, furnace or process of every industry defined by what it makes, listed with each of its look-alikes
    that name a sale ("石灰销售"), first and last in turn (560 of 11,670 readings of both orders were 不属于); the
    industry is kept."""
    process_defined = set(CUES["process_defined"])
    pairs = [
        (industry.name, word, look_alike)
        for industry in kb.catalogue.industries
        if industry.name not in process_defined
        for word in [
            *industry.processes,
            *(alias for alias in industry.aliases if alias.endswith(("窑", "炉"))),
        ]
        for look_alike in industry.excludes
        if any(sell in look_alike for sell in SELLING)
    ]
    assert_never_outside_and_kept(
        kb,
        (
            (
                name,
                f"主要设备：{word}2座、{look_alike}系统1套"
                if index % 2
                else f"主要设备：{look_alike}系统1套、{word}1座",
            )
            for index, (name, word, look_alike) in enumerate(pairs)
        ),
    )


def test_a_product_refined_and_sold_in_a_licence_line_is_never_outside(kb: KnowledgeBase) -> None:
    """Every listed product followed by a step of making (精制, 提取, 发酵: one to a product in turn) and its sale."""
    steps = CUES["production_steps"]
    wordings = [
        f"经营范围：{product}{steps[index % len(steps)]}及销售"
        for index, product in enumerate(made_goods(kb))
    ]
    wrong = told_outside(kb, wordings)
    assert not wrong, wrong[:20]


def test_refining_crude_benzene_is_coking(kb: KnowledgeBase) -> None:
    match = kb.catalogue.match("经营范围：粗苯精制及销售")
    assert match.verdict == "one", match
    assert match.candidates[0].name == "焦化", match


def test_a_product_beside_an_outside_word_in_a_licence_line_is_never_outside(kb: KnowledgeBase) -> None:
    """Every product of every industry defined by what it makes, then an outside word (each in turn, those naming
    their work with 加工 and goods or trades of two characters), worked and sold in one licence line ("饲料、豆腐加工及
    销售"): the product is named made, so never 不属于 (8,101 of 8,280 sampled readings were); its industry is kept."""
    catalogue = kb.catalogue
    worked = sorted(term for term in catalogue.outside_terms if term.endswith("加工"))
    # goods or trades of two characters, not a verb and its object ("卖鞋", "修鞋": the verb heads no list's item)
    verbs = tuple([*CUES["bought_before"], *CUES["sells"], *CUES["plain_verbs"], *CUES["repairs_before"]])
    plain = sorted(term for term in catalogue.outside_terms if len(term) == 2 and not term.startswith(verbs))
    assert worked
    assert plain
    assert_never_outside_and_kept(
        kb,
        (
            (industry.name, f"经营范围：{product}、{outside}及销售")
            for index, (industry, product) in enumerate(
                (industry, product)
                for industry in catalogue.industries
                if industry.name not in CUES["process_defined"]  # goods made anywhere, coated or dyed there
                for product in industry.products
                if not product.startswith("做")
            )
            for outside in (worked[index % len(worked)], f"{plain[index % len(plain)]}加工")
        ),
    )


def test_work_and_sale_named_alone_is_still_trade(kb: KnowledgeBase) -> None:
    """Goods traded stay traded: the pair of businesses is only a verb of work listed beside a word of selling."""
    for said in ("只做螺纹钢、板材的批发，没有生产线", "水泥都是买来的，直接卖", "经营范围：饲料、兽药销售"):
        assert kb.catalogue.match(said).verdict == "outside", said


def test_listed_goods_bought_and_worked_are_never_outside(kb: KnowledgeBase) -> None:
    """Every listed product bought and worked before it is sold, with and without a denial of a furnace first: an
    outside word of the product's tail and 加工 (模具加工 in 石墨模具加工) is no trade of its own (8 were 不属于)."""
    wordings = [
        f"{before}把买来的{product}加工了卖" for product in made_goods(kb) for before in ("", "没有炉子，")
    ]
    wrong = told_outside(kb, wordings)
    assert not wrong, wrong[:20]


def test_a_primary_industrys_goods_bought_and_worked_are_unsure_with_their_workers_first(
    kb: KnowledgeBase,
) -> None:
    """Every product of every primary industry worked further by others, bought and worked: not sure, the working
    industries first, then the maker, or placed in a working industry its words name ("原铝加工" holds 铝加工); never
    in the maker alone (47 of 57 were)."""
    catalogue = kb.catalogue
    wrong = []
    for name, workers in CUES["worked_further"].items():
        for product in catalogue.by_name[name].products:
            said = f"没有炉子，把买来的{product}加工了卖"
            match = catalogue.match(said)
            named = [one.name for one in match.candidates]
            if not (
                (match.verdict == "unsure" and named == [*workers, name])
                or (match.verdict == "one" and named[0] in workers)
            ):
                wrong.append((said, match.verdict, named))
    assert not wrong, wrong[:20]


def test_goods_bought_and_worked_by_a_named_process_are_that_process(kb: KnowledgeBase) -> None:
    """A process said beside the bought goods names the working industry."""
    for said, industry in (("铝锭买来挤压成型材", "有色金属压延"), ("我们买锌锭回来压铸", "铸造")):
        match = kb.catalogue.match(said)
        assert match.verdict == "one", (said, match)
        assert match.candidates[0].name == industry, (said, match)


async def test_lime_kiln_beside_lime_sales_in_an_equipment_list_is_lime_kiln(harness: Harness) -> None:
    reply = await harness.text("张三", "主要设备：白灰窑2座、石灰销售系统1套")
    assert_verdict(reply, "属于", "石灰窑")


async def test_bought_ingots_worked_with_no_furnace_are_unsure_rolling_first(harness: Harness) -> None:
    reply = await harness.text("李四", "没有炉子，把买来的铝锭加工了卖")
    assert UNSURE in reply, reply
    assert "不属于" not in reply, reply
    assert reply.index("有色金属压延") < reply.index("电解铝"), reply
