"""Development misses of the industry reading at bc42ac8, by rule: a term overlapping goods bought names the same goods
more fully (买浮法玻璃原片 buys the 玻璃原片: tempering bought glass is deep processing, C3042, not 玻璃's melting); an
outside class takes a broader word its own terms are said beside (`narrows`: 印书刊的印刷厂 is a book printer, a 选矿厂
speaking of 铁精粉 an iron-ore concentrator); a process two industries share (研磨分散: paints and inks) is a vague word
of both, not evidence for one; words of grades and measures (重污染天气, 限产) say no work, so the 染 of 重污染 keeps no
outside business from its verdict; forgings, flanges and foil trays are metal products. A listed business said the same
ways stays listed, and none is told 不属于."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge.base import KnowledgeBase
from tests.harness import UNSURE, Harness, assert_verdict

# Each case: a description, the verdict its reply starts with, a name the reply holds.
CASES = [
    # goods bought, named more fully by an overlapping term, and worked on: the deep processing is the business
    ("买浮法玻璃原片回来切割、钢化、做中空玻璃", "不属于", "特种玻璃制造"),
    ("我们买玻璃原片回来钢化", "不属于", "如果贵企业自己生产或加工“玻璃原片”"),
    ("我们有浮法线，自己生产玻璃原片，也做钢化玻璃", "属于", "玻璃"),
    # forgings, machined flanges and foil trays are metal products; casting or galvanising said stays listed
    ("模锻法兰，中频加热，不铸造也不镀锌", "不属于", "锻件及粉末冶金制品制造"),
    ("机加工厂，只用车床铣床加工法兰，不喷漆", "不属于", "通用设备制造业"),
    ("用买来的铝箔冲压铝箔餐盒", "不属于", "金属制日用品制造"),
    ("我们做铸造法兰", "属于", "铸造"),
    ("锻造法兰，自己热镀锌", "属于", "金属表面处理及热处理加工（热镀锌）"),
    # forging is making: a hardware firm that forges its own shears makes them, one that sells them trades them
    ("五金工具公司，园林剪和修枝剪是自己锻打热处理的", "属于", "农用及园林用金属工具制造"),
    ("五金工具店，卖园林剪和修枝剪", "不属于", "如果贵企业自己生产或加工“园林剪”"),
    # a printing works naming only books and papers prints no packaging; packaging said beside it does
    ("印书刊杂志的印刷厂", "不属于", "书、报刊印刷"),
    ("我们是印刷厂，印书刊也印包装盒", "属于", "包装印刷"),
    ("我们是印刷厂", "属于", "包装印刷"),
    # a concentrator speaking of iron ore concentrates iron ore; one of copper ore stays nonferrous
    (
        "主要设备：破碎机、浮选机、磁选机；主要产品：铁精粉，卖给钢厂。我们要评级吗",
        "不属于",
        "黑色金属矿采选业",
    ),
    ("我们是选矿厂，铁精粉都卖给钢厂", "不属于", "黑色金属矿采选业"),
    ("我们是选矿厂，选铜矿", "不属于", "有色金属矿采选业"),
    ("选矿厂，还有球团生产线", "属于", "长流程联合钢铁"),
    # grinding and dispersing is the ink maker's as much as the paint maker's: the goods decide
    ("我们给印刷厂供货，自己生产胶印和凹印用的油墨，研磨分散灌装，算哪个行业", "属于", "油墨制造"),
    ("我们生产涂料，研磨分散灌装", "属于", "涂料制造"),
    # listed goods before 厂 name their maker, a customer after 给: the speaker's own work decides
    ("我们是运输公司，给护栏厂拉货", "不属于", "道路货物运输"),
    ("我们给护栏厂喷漆", "属于", "工业涂装"),
    ("我们是护栏厂", "属于", "工业涂装"),
    # 为 before a name ending its clause says what the speaker is, not whom it serves
    ("本公司为玻璃钢厂", "属于", "玻璃钢"),
    ("我司为水泥厂，要报吗", "属于", "水泥"),
    # tissue converting is paper making (C222), no packaging print; printing boxes beside it is
    ("电工兼管仓库，我们厂是做纸巾分切包装的", "不属于", "造纸"),
    ("我们做纸巾，也印包装盒", "属于", "包装印刷"),
    # baling scrap (打包压块) is plain work, no production; melting it is
    ("废钢回收站，收来的废钢只打包压块卖给钢厂，不熔炼", "不属于", "再生物资回收"),
    ("废钢回收站，收来的废钢自己用电炉炼钢", "属于", "短流程钢铁"),
    # 就几个 says only a few and asks nothing: the statement is read as a business
    ("软件外包公司，就几个程序员", "不属于", "软件和信息技术服务业"),
    # several plants named beside the speaker's own trade outside the 47 are others; named alone, the speaker's own
    ("附近几家陶瓷厂的废料都是我们清运，我们是搞运输的", "不属于", "道路货物运输"),
    ("我们是附近几家陶瓷厂之一", "属于", "陶瓷"),
    # a business outside the list asking about measures at warnings is told so, not answered a grade's measures
    ("我们是驾校，重污染天气要停吗", "不属于", "教育"),
    ("养鸡场，重污染天气要限产吗", "不属于", "畜牧业"),
    ("搞养殖的，重污染天气限产吗", "不属于", "畜牧业"),
    # also where no entry is found surely, and one clause alone would find a listed industry's measures
    ("驾校，十几台教练车，预警期间能上路吗", "不属于", "教育"),
    ("我们开快餐店的，有四五个灶头，预警了还能营业吗", "不属于", "餐饮业"),
]


@pytest.mark.parametrize(("description", "verdict", "named"), CASES)
async def test_the_reading_by_rule(harness: Harness, description: str, verdict: str, named: str) -> None:
    assert_verdict(await harness.text("张三", description), verdict, named)


async def test_a_process_of_two_industries_alone_offers_both(harness: Harness) -> None:
    reply = await harness.text("张三", "我们做研磨分散的")
    assert reply.startswith(UNSURE), reply
    assert "涂料制造" in reply, reply
    assert "油墨制造" in reply, reply
    assert "不属于" not in reply, reply


async def test_the_self_assessments_industry_question_reads_them_too(harness: Harness) -> None:
    glass = await harness.answer_industry_question("王会计", "买浮法玻璃原片回来切割、钢化、做中空玻璃")
    assert "特种玻璃制造" in glass, glass
    ink = await harness.answer_industry_question("李会计", "我们生产油墨，研磨分散灌装")
    assert "油墨制造" in ink, ink
    assert "涂料制造" not in ink, ink


# Words of grades and measures, listed goods or processes, and the ways a message says them together.
MEASURES = st.sampled_from(["重污染天气", "重污染", "预警", "限产", "停产"])
LISTED = st.sampled_from(["喷漆", "印染", "烧砖", "炼焦", "铸件", "水泥熟料"])


@settings(max_examples=120, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    MEASURES,
    LISTED,
    st.sampled_from(["我们{w}，{m}要停吗", "{w}的，{m}期间限产吗", "我们厂{w}，{m}怎么办"]),
)
def test_words_of_measures_never_hide_listed_work(
    kb: KnowledgeBase, measure: str, work: str, wording: str
) -> None:
    """A word of measures says no work only of itself: the listed work said beside it is still evidence."""
    match = kb.catalogue.match(wording.format(w=work, m=measure))
    assert match.verdict in ("one", "ambiguous"), (wording, work, measure, match.terms)


def test_a_broader_word_is_listed_again_beside_other_listed_words(kb: KnowledgeBase) -> None:
    """An outside class takes the broader word only where nothing else listed is said: packaging printed beside books
    keeps the printing works in 包装印刷, since a wrong 不属于 costs the lowest grade."""
    for books, packaging, wording in itertools.product(
        ["印书刊", "印教材", "印报纸", "书刊印刷"],
        ["包装盒", "纸箱", "不干胶标签", "手提袋"],
        ["我们是印刷厂，{b}，也印{p}", "印刷公司，{b}和{p}都印", "{b}的印刷厂，也印{p}"],
    ):
        match = kb.catalogue.match(wording.format(b=books, p=packaging))
        assert match.verdict in ("one", "ambiguous"), (wording, books, packaging, match.terms)
        assert "包装印刷" in [industry.name for industry in match.candidates], match.terms


async def test_a_listed_business_asking_about_measures_is_never_told_it_is_outside(harness: Harness) -> None:
    reply = await harness.text("张三", "水泥厂，十几台运输车，预警期间能上路吗")
    assert "不属于" not in reply, reply


async def test_a_customer_named_by_its_goods_leaves_the_typo_of_the_speakers_work_read(
    harness: Harness,
) -> None:
    # 护栏厂 after 给 is the customer, so its 护栏 no longer places the galvaniser under 工业涂装
    reply = await harness.text("张三", "热度锌加工，给护栏厂镀")
    assert reply.startswith("（“热度锌加工”按“热镀锌加工”理解。）\n属于"), reply
    assert "金属表面处理及热处理加工（热镀锌）" in reply, reply
