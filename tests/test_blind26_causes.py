"""Causes of the industry misses noted after 68b8745 (issue #11), each a shape fixed by rule: a listed plant the
speaker says it is stays that plant when it sends one of its processes out, and a workshop named by a real word of
the work is not read as another workshop's name mistyped."""

from __future__ import annotations

import itertools

from knowledge.base import KnowledgeBase
from tests.harness import Harness, assert_verdict

# plants of the industries that are a process done to goods (process_defined in industry_cues.yaml), each with
# processes of its own that such a plant may send out
PROCESS_PLANTS = {
    "金属表面处理及热处理加工（热镀锌）": (
        ["镀锌厂", "热镀锌厂", "电镀厂", "热处理厂", "镀锌公司", "表面处理厂", "酸洗厂"],
        ["镀锌", "酸洗", "热处理", "淬火", "磷化", "电镀加工"],
    ),
    "工业涂装": (
        ["喷涂厂", "喷漆厂", "涂装厂", "喷塑厂", "烤漆厂", "喷漆公司", "钢构厂"],
        ["喷漆", "喷塑", "喷粉", "刷漆", "喷底漆", "静电喷涂"],
    ),
    "印染精加工": (
        ["印染厂", "染厂", "染整厂", "印花厂", "染布厂", "定型厂"],
        ["印花", "染色", "定型加工", "漂染", "磨毛"],
    ),
    "集中喷涂": (
        ["集中喷涂中心", "喷涂中心", "钣喷中心"],
        ["喷漆", "喷塑", "喷涂"],
    ),
}
SAYING_ONES_PLANT = ["我们是{p}", "我们就是{p}", "本厂是{p}", "咱是个{p}", "我们是一家{p}", "{p}"]
SENT_OUT = ["{w}外协", "{w}外包", "{w}委外", "{w}交给别人做", "{w}找别人做"]


def test_a_process_plant_that_sends_a_process_out_is_still_that_plant(kb: KnowledgeBase) -> None:
    """Every wording of the shape (3,210: a loop reads them all for less than drawing some): the plant's own
    industry, never the condition "如有…工序" that a business only denying the process gets."""
    wrong = []
    for name, (plants, processes) in PROCESS_PLANTS.items():
        for plant, saying, process, sent in itertools.product(plants, SAYING_ONES_PLANT, processes, SENT_OUT):
            said = f"{saying.format(p=plant)}，{sent.format(w=process)}"
            match = kb.catalogue.match(said)
            if match.verdict == "outside" or name not in [one.name for one in match.candidates]:
                wrong.append((said, match.verdict, [one.name for one in match.candidates]))
    assert not wrong, wrong


def test_a_business_naming_no_plant_that_sends_the_process_out_keeps_the_condition(kb: KnowledgeBase) -> None:
    """The denial still stands where no plant of the process is said to be the speaker's: a door maker whose
    coating is done elsewhere is no coater, and a carton works printing nowhere no packaging printer (its plant is
    named by its goods, which others make without printing)."""
    for said in ["做防盗门的，喷塑外协", "我们是纸箱厂，印刷外包"]:
        match = kb.catalogue.match(said)
        assert match.verdict == "outside", (said, match)
        assert match.negated, (said, match)


async def test_a_galvaniser_sending_its_pickling_out_is_told_it_takes_part(harness: Harness) -> None:
    reply = await harness.text("张三", "我们是镀锌厂，酸洗这道工序外协，要报吗")
    assert_verdict(reply, "属于", "热镀锌")


# real words of the listed work (two characters each, holding a character of production) and the names of a
# workshop or section made with them
WORK_WORDS = [
    "烧成",
    "熔炼",
    "熔化",
    "冶炼",
    "煅烧",
    "焙烧",
    "烧制",
    "炼焦",
    "炼钢",
    "炼铁",
    "轧钢",
    "压制",
    "浇注",
    "喷涂",
    "印刷",
    "染色",
]
WORKSHOPS = ["{w}车间", "{w}工段", "{w}工序", "有个{w}车间", "厂里{w}车间的"]


def test_a_workshop_named_by_a_word_of_work_is_read_as_written(kb: KnowledgeBase) -> None:
    """Every wording of the shape (80): no typo reading puts another word of work in the place of the one written
    (烧成车间 is no 烧结车间, 熔炼车间 no 密炼车间)."""
    wrong = []
    outside = []
    for word, shape in itertools.product(WORK_WORDS, WORKSHOPS):
        said = shape.format(w=word)
        match = kb.catalogue.match(said)  # read once for both claims
        changed = [(typed, term) for typed, term in match.read_as if word not in term]
        if changed:
            wrong.append((said, changed))
        if match.verdict == "outside":
            outside.append((said, match.terms))
    assert not wrong, wrong
    assert not outside, outside


def test_a_mistyped_workshop_or_goods_name_is_still_forgiven(kb: KnowledgeBase) -> None:
    """A wrong character that makes no word of work is a typo as before, and goods named by another goods' word
    too (石墨电机 beside a baking furnace is the graphite electrode)."""
    assert kb.catalogue.match("烧节车间").candidates[0].name == "长流程联合钢铁"
    assert kb.catalogue.match("我们做石墨电机，有焙烧炉").candidates[0].name == "炭素"


async def test_a_firing_workshop_is_no_sintering_plant(harness: Harness) -> None:
    reply = await harness.text("张三", "我们厂有烧成车间，要报吗")
    assert "长流程联合钢铁" not in reply, reply
    assert "不属于" not in reply, reply


# listed plants with goods of their own industry (industries.yaml), the ways of saying the speaker works for one, and
# the words of storing its goods
PLANTS_AND_GOODS = {
    "铸造厂": ["铸件", "铸铁件"],
    "陶瓷厂": ["瓷砖"],
    "焦化厂": ["焦炭"],
    "玻璃厂": ["玻璃"],
    "水泥厂": ["水泥"],
    "砖厂": ["红砖"],
    "石灰厂": ["石灰"],
    "家具厂": ["家具"],
    "耐火材料厂": ["耐火砖"],
    "饲料厂": ["饲料"],
    "农药厂": ["农药"],
    "轮胎厂": ["轮胎"],
    "炭素厂": ["石墨电极"],
}
FOR_A_PLANT = ["替{p}", "帮{p}", "给{p}", "为{p}", "我们替{p}", "专门替{p}", "我们是仓库，帮{p}"]
STORING = ["存{g}", "存放{g}", "储存{g}", "保管{g}", "堆放{g}", "暂存{g}", "仓储{g}"]


def test_storing_a_listed_plants_goods_never_places_the_store_in_its_industry(kb: KnowledgeBase) -> None:
    """Every wording of the shape (686): the goods are the plant's, stored, so never 属于 its industry; where the
    speaker says nothing else, the store is told 不属于 as warehousing, but where a word of its goods is vague (砖 of
    bricks, tiles and refractories) or the plant's name is its goods' (家具厂), it stays not sure."""
    said = [
        f"{saying.format(p=plant)}{storing.format(g=goods)}"
        for plant, all_goods in PLANTS_AND_GOODS.items()
        for goods, saying, storing in itertools.product(all_goods, FOR_A_PLANT, STORING)
    ]
    matches = {wording: kb.catalogue.match(wording) for wording in said}  # each read once for both claims
    placed = [
        (wording, match.verdict, [one.name for one in match.candidates])
        for wording, match in matches.items()
        if match.verdict in ("one", "ambiguous")
    ]
    assert not placed, placed
    stores = [wording for wording in said if not any(vague in wording for vague in ("砖", "家具"))]
    not_stores = [
        wording
        for wording in stores
        if (match := matches[wording]).outside is None or match.outside.name != "装卸搬运和仓储业"
    ]
    assert not not_stores, not_stores


def test_a_store_that_also_makes_the_goods_is_not_placed_outside(kb: KnowledgeBase) -> None:
    """Production said beside the storing keeps it not sure, and a plant storing its own goods is that plant."""
    assert kb.catalogue.match("帮铸造厂存铸件，自己也铸一些").verdict == "unsure"
    assert kb.catalogue.match("我们是铸造厂，铸件存放在仓库").candidates[0].name == "铸造"


async def test_storing_castings_for_a_foundry_is_warehousing(harness: Harness) -> None:
    reply = await harness.text("张三", "我们替铸造厂存铸件，要报名单吗")
    assert_verdict(reply, "不属于", "装卸搬运和仓储业")


# what a business besides the listed work may say it is, listed processes, the parties whose work they may be said
# to be (listed plants among them), and the ways of saying so, in a clause of their own or not
OWN_TRADE = ["", "我们做五金件，", "我们只做机加工，", "我们是机械厂，"]
LISTED_WORK = ["喷漆", "喷塑", "电镀", "镀锌", "热处理", "铸造", "印花", "染色", "印刷"]
OTHER_PARTIES = ["家具厂", "铸造厂", "电镀厂", "印染厂", "包装厂", "客户", "别人", "外面的厂", "甲方"]
ANOTHERS_WORK = [
    "{w}是{p}的事",
    "{w}，是{p}的事",
    "{w}。是{p}的事",
    "{w} 是{p}的事",
    "{w}是{p}干的",
    "{w}，是{p}干的",
    "{w}，由{p}负责",
    "{w}由{p}负责",
    "{w}，都是{p}做",
    "{w}都是{p}做",
    "{w}，归{p}管",
]


def test_work_said_to_be_another_partys_places_the_speaker_in_neither_industry(kb: KnowledgeBase) -> None:
    """Every wording of the shape (3,564): the work is denied to the speaker and the party named is no evidence of
    what the speaker is, whether the party's words stand in the term's clause or in the next one."""
    placed = [
        (said, match.verdict, [one.name for one in match.candidates])
        for own, work, party, saying in itertools.product(
            OWN_TRADE, LISTED_WORK, OTHER_PARTIES, ANOTHERS_WORK
        )
        for said in [own + saying.format(w=work, p=party)]
        if (match := kb.catalogue.match(said)).verdict in ("one", "ambiguous")
    ]
    assert not placed, placed


def test_a_clause_naming_the_speakers_plant_after_its_goods_is_no_other_partys_work(
    kb: KnowledgeBase,
) -> None:
    """A bare 是 and a plant's name in the next clause say what the speaker is, and work said to be the speaker's own
    plant's stays its own."""
    assert kb.catalogue.match("我们做家具，是家具厂").candidates[0].name == "家具制造"
    assert kb.catalogue.match("我们做门，喷漆，是我们厂自己做").candidates[0].name == "工业涂装"


async def test_painting_said_in_its_own_clause_to_be_a_furniture_works_is_the_condition(
    harness: Harness,
) -> None:
    reply = await harness.text("张三", "我们做五金配件，喷漆，是家具厂的事，要报吗")
    assert "家具制造" not in reply, reply
    assert_verdict(reply, "不属于", "如有“喷漆”工序")


# listed plants with materials they take in (industries.yaml `materials`, and the shorter words suppliers use: 矿粉,
# 精粉), and the ways a supplier or haulier says it brings them
MATERIALS_TAKEN = {
    "钢厂": ["矿粉", "铁矿粉", "铁精粉", "铁矿石", "精粉", "铁精矿"],
    "焦化厂": ["焦煤", "炼焦煤", "配合煤"],
    "铸造厂": ["型砂", "覆膜砂", "树脂砂"],
    "炭素厂": ["石油焦", "针状焦", "煤沥青"],
    "玻璃厂": ["碎玻璃"],
    "铜冶炼厂": ["铜精矿", "铜精粉"],
    "陶瓷厂": ["瓷土", "釉料", "瓷泥"],
    "耐火材料厂": ["镁砂", "铝矾土"],
    "铁合金厂": ["锰矿", "铬矿", "硅石"],
    "电解铝厂": ["氟化铝", "冰晶石"],
    "氧化铝厂": ["铝土矿"],
}
BRINGING = [
    "我们给{p}送{m}",
    "给{p}供{m}",
    "往{p}拉{m}",
    "我们帮{p}运{m}",
    "专门给{p}送{m}的",
    "我们是车队，给{p}拉{m}",
    "我们给{p}供应{m}",
]


def test_materials_brought_to_a_listed_plant_never_place_the_supplier(kb: KnowledgeBase) -> None:
    """Every wording of the shape (203): what the speaker brings is the plant's input, spelt in full or read by the
    typo search (矿粉 as the steel works' 铁矿粉), never evidence that the speaker is that plant."""
    placed = [
        (said, match.verdict, match.read_as)
        for plant, materials in MATERIALS_TAKEN.items()
        for material, bringing in itertools.product(materials, BRINGING)
        for said in [bringing.format(p=plant, m=material)]
        if (match := kb.catalogue.match(said)).verdict in ("one", "ambiguous")
    ]
    assert not placed, placed


def test_a_mistyped_word_of_the_speakers_own_beside_a_party_still_places_it(kb: KnowledgeBase) -> None:
    """A typo read as a word of another industry than the party's is the speaker's own (练焦 is 炼焦)."""
    assert kb.catalogue.match("练焦的，给钢厂供焦碳").candidates[0].name == "焦化"


async def test_a_supplier_of_ore_fines_to_a_steel_works_is_not_told_it_is_one(harness: Harness) -> None:
    reply = await harness.text("张三", "我们给钢厂送矿粉，要报名单吗")
    assert not reply.startswith("属于"), reply
    assert "不属于" not in reply, reply


# real words ending with the 别 that 别的 (其他) starts with (synonyms.yaml `whole_words`), and what may follow them
WORDS_ENDING_WITH_BIE = ["识别", "类别", "分别", "特别", "鉴别", "辨别", "判别", "甄别"]
AFTER_THE_WORD = ["{w}的记录", "车牌{w}的数据删了", "{w}的企业有哪些", "有什么{w}的要求", "{w}的地方在哪"]


def test_a_word_ending_with_bie_keeps_its_de_when_questions_are_normalised(kb: KnowledgeBase) -> None:
    """Every wording of the shape (40): 别的 read inside a longer word is no 其他 ("车牌识别的记录" is no 识其他记录),
    while 别的 said alone still is."""
    normalize = kb._normalize
    cut = [
        (said, normalize(said))
        for word, shape in itertools.product(WORDS_ENDING_WITH_BIE, AFTER_THE_WORD)
        for said in [shape.format(w=word)]
        if "其他" in normalize(said)
    ]
    assert not cut, cut
    assert "其他" in normalize("别的企业都报了吗")
    assert "其他" in normalize("除了这个，别的都达到A级了")
    assert "其他企业" in normalize("园区别的企业都报了吗")


async def test_a_gate_recognising_plates_is_asked_about_the_gate_first(harness: Harness) -> None:
    """Read as 识其他记录 the question leaned to the fraud entry; read as written, the gate's requirements come
    first of the two it may ask."""
    reply = await harness.text("张三", "门禁识别的记录丢了怎么办")
    assert "门禁车牌识别要求" in reply, reply
    assert reply.index("门禁车牌识别要求") < reply.index("移动源造假的后果"), reply


# goods made and coated in a works, words of the 工业涂装 industry (industries.yaml), the paints applied to them (涂料制造's
# goods) and the words of applying, in the goods' clause or the next
COATED_GOODS = ["钢结构", "钢结构件", "钢构件", "护栏", "网架"]
PAINTS = [
    "防腐漆",
    "氟碳漆",
    "环氧漆",
    "防锈漆",
    "醇酸漆",
    "防火涂料",
    "防腐涂料",
    "环氧富锌底漆",
    "聚氨酯漆",
]
APPLYING = ["喷", "刷", "涂", "喷涂", "刷涂", "滚涂"]
COATING_SAID = ["我们做{g}，{v}{p}", "{g}，{v}{p}", "{g}{v}{p}", "厂里做{g}，焊完{v}{p}"]


def test_paint_applied_to_goods_made_in_the_works_is_industrial_coating(kb: KnowledgeBase) -> None:
    """Every wording of the shape (1,080): the paint after a word of applying is bought from its maker, so the works
    is 工业涂装 by its goods, never a paint maker (涂料制造)."""
    wrong = [
        (said, match.verdict, [one.name for one in match.candidates])
        for goods, paint, verb, shape in itertools.product(COATED_GOODS, PAINTS, APPLYING, COATING_SAID)
        for said in [shape.format(g=goods, v=verb, p=paint)]
        if (match := kb.catalogue.match(said)).verdict != "one" or match.candidates[0].name != "工业涂装"
    ]
    assert not wrong, wrong


def test_goods_applied_by_a_business_outside_the_47_make_it_no_maker_of_them(kb: KnowledgeBase) -> None:
    """Pesticide sprayed, fertiliser spread and paint brushed by others are no making; a paint maker still is one, and
    the things a painter coats are its goods (喷家具: furniture)."""
    for said in ["果园，喷农药", "给果树喷农药", "种地的，撒尿素", "装修公司，刷乳胶漆"]:
        assert kb.catalogue.match(said).verdict != "one", said
    assert kb.catalogue.match("我们生产防腐漆").candidates[0].name == "涂料制造"
    assert kb.catalogue.match("喷家具的，有木工活").candidates[0].name == "家具制造"


async def test_a_steel_structure_works_spraying_anticorrosive_paint_is_industrial_coating(
    harness: Harness,
) -> None:
    reply = await harness.text("张三", "我们厂做钢结构，焊好以后喷防腐漆，要报吗")
    assert_verdict(reply, "属于", "工业涂装")
    assert "涂料制造" not in reply, reply
