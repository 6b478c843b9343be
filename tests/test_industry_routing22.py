"""Industry reading, branch industry22. A carton works that does not print (纸箱厂，不印刷; 印刷外包) makes paper
containers (GB/T 4754-2017 2231), none of the 47: 包装印刷 is 2319, the printing of packaging, and the guide grades
its inks. The denial is the condition of the 不属于 (如有“印刷”工序，则属于…), as for the industries that are a process;
goods another listed industry makes unprinted (复合膜: 塑料制品) and work of the printer's own (覆膜) keep it listed.
饲科, the short form company names give 饲料科技, names the feed business, 鞋企 the shoe makers; 铝企 and 药企 offer
their lines. A trade outside the list told first (洗车店, 快递分拣中心, 搅拌站) and then something asked of the grading's
duties keeps both: the entry that answers the question, and beside it the trade read as outside the 47 (as a listed
business placed surely is told); where no entry answers a question about the grading itself, the verdict does (it
takes no part). A typo reading keeps real words whole (汽车企业 is no 汽车漆, 农业企业 no 农药企业). Machines the speaker holds, counted
(我们有两台装载机, 买了台挖掘机), are another maker's goods: never 属于 for that maker's industry nor 不属于; and a works'
own forklifts are no park's, of which alone the entry on non-road machinery speaks: not sure, not the parks' rule.
环保局 alone, as an enterprise says it, is its branch (the notice has enterprises hand everything to the 辖区分局)."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest

from bot.settings import Settings
from knowledge.answering import decide
from knowledge.base import KnowledgeBase
from tests.harness import BOTH, NOT_SURE, UNSURE, Harness, assert_verdict, bot_command

CARTON_WORKS = ["纸箱厂", "我们是纸箱厂", "做纸箱的", "我们做瓦楞纸箱", "纸盒厂", "我们厂做牛皮纸箱"]
PRINTING_DENIED = ["不印刷", "不搞印刷", "印刷外包", "印刷都外包给别人了", "印刷是外协", "自己不印刷"]
ASKED = ["", "，要报吗", "，算不算重点行业"]


async def test_a_carton_works_that_does_not_print_is_outside_on_that_condition(harness: Harness) -> None:
    reply = await harness.text("张三", "纸箱厂，不印刷，要报名单吗")
    assert_verdict(reply, "不属于", "包装印刷")
    assert "如有“印刷”工序，则属于“包装印刷”" in reply, reply


def test_every_carton_works_denying_print_is_told_the_condition(kb: KnowledgeBase) -> None:
    """Every wording of the shape: a carton works, printing denied, a question or none: 不属于 resting on the
    denial of printing alone (no outside class), never read as another listed industry."""
    for works, denied, asked in itertools.product(CARTON_WORKS, PRINTING_DENIED, ASKED):
        said = f"{works}，{denied}{asked}"
        match = kb.catalogue.match(said)
        assert match.verdict == "outside", (said, match.verdict, match.terms)
        assert match.conditional, (said, match.outside)
        assert [industry.name for _, industry in match.negated] == ["包装印刷"], (said, match.negated)


def test_listed_work_or_goods_beside_denied_printing_are_never_outside(kb: KnowledgeBase) -> None:
    """Printing denied takes away only the goods others make unprinted: a printer's other work (覆膜, 复合) and goods
    that are printed or plastic stay evidence, so the denial never turns them into 不属于."""
    own_lines = [
        "我们做复合膜",
        "做软包装的",
        "我们做彩盒",
        "做塑料彩印袋的",
        "纸箱厂，有覆膜",
        "做纸箱，还做干式复合",
    ]
    for line, denied in itertools.product(own_lines, PRINTING_DENIED):
        said = f"{line}，{denied}"
        match = kb.catalogue.match(said)
        assert match.verdict != "outside", (said, match.terms)
        assert match.candidates, (said, match.terms)


@pytest.mark.parametrize(
    ("description", "named"),
    [
        ("我们是饲科公司，要报吗", "饲料加工"),
        ("我们厂生产饲科，鸡鸭吃的颗粒料", "饲料加工"),
        ("我们是鞋企，要报吗", "制鞋"),
    ],
)
async def test_a_short_form_of_a_trade_names_it(harness: Harness, description: str, named: str) -> None:
    assert_verdict(await harness.text("张三", description), "属于", named)


def test_short_forms_of_several_lines_offer_them_and_never_say_outside(kb: KnowledgeBase) -> None:
    """铝企 may be any aluminium line and 药企 a maker of pesticides as well as medicines: offered, never placed."""
    offered = {"铝企": "电解铝", "药企": "制药"}
    for lead, short, asked in itertools.product(["", "我们是", "咱是"], sorted(offered), ASKED):
        said = f"{lead}{short}{asked}"
        match = kb.catalogue.match(said)
        assert match.verdict == "unsure", (said, match.verdict)
        assert match.candidates[0].name == offered[short], (said, match.candidates)


def test_knowledge_check_refuses_a_word_not_of_the_industry_it_is_made_without(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(Settings().knowledge_dir, data)
    cues = data / "industry_cues.yaml"
    cues.write_text(
        cues.read_text(encoding="utf-8").replace("包装印刷: [纸箱厂,", "包装印刷: [铁水, 纸箱厂,", 1), "utf-8"
    )
    done = bot_command(["knowledge", "check"], BOT_KNOWLEDGE_DIR=str(data))
    assert done.code == 1
    assert "industry_cues.yaml: made_without_process.包装印刷: 词语“铁水”不是“包装印刷”的词语" in done.stderr


OUTSIDE_TRADES = [
    "洗车店",
    "我们是洗车店",
    "快递分拣中心",
    "我们开饭店的",
    "我们是商砼站",
    "我们开搅拌站的",
    "驾校",
]
LISTED_PLANTS = ["铸造厂", "我们是水泥厂", "做家具的", "我们是纸箱厂", "我们是钢厂的运输车队"]
ASKED_BESIDE = [
    "问下要不要建门禁",
    "申请名单几号交",
    "预警期间要停产吗",
    "评级要不要交钱",
    "门禁系统谁出钱装",
]


async def test_a_trade_outside_told_first_gets_its_question_answered_and_its_verdict(
    harness: Harness,
) -> None:
    reply = await harness.text("张三", "快递分拣中心，问下要不要建门禁")
    assert "移动源应急管理系统" in reply, reply  # the question's entry
    assert "另外，按您说的“快递分拣中心”" in reply, reply
    assert "不在2020年47个重点行业目录" in reply, reply


async def test_ready_mixed_concrete_asking_of_the_grading_is_told_it_takes_no_part(harness: Harness) -> None:
    """商砼 and 搅拌站 are 水泥制品 (GB/T 4754-2017 302), not 水泥 (3011) of 附件1: no entry answers the fee asked
    surely here, and the verdict does: no grading to take part in."""
    reply = await harness.text("张三", "我们开搅拌站的，问下评级要交多少钱")
    assert_verdict(reply, "不属于", "水泥制品")


def test_every_outside_trade_told_first_is_read_beside_what_it_asks(kb: KnowledgeBase) -> None:
    """A trade outside the list said first, then a question of the grading's duties: whatever answers the question,
    the trade is read as outside (told beside the entry, or the verdict alone)."""
    for trade, asked in itertools.product(OUTSIDE_TRADES, ASKED_BESIDE):
        said = f"{trade}，{asked}"
        decision = decide(kb, said)
        assert decision.industry is not None, (said, decision.kind, decision.step)
        assert decision.industry.verdict == "outside", (said, decision.industry.verdict)


def test_a_listed_plant_told_first_is_never_outside_whatever_it_asks(kb: KnowledgeBase) -> None:
    for plant, asked in itertools.product(LISTED_PLANTS, ASKED_BESIDE):
        said = f"{plant}，{asked}"
        decision = decide(kb, said)
        assert decision.industry is None or decision.industry.verdict != "outside", (said, decision.step)


HOLDERS = ["我们有", "厂里有", "我们买了", "我们租了", "我们新买了", "工地上用"]
COUNTS = ["", "两", "3", "几", "十几"]
MACHINES = ["台挖掘机", "台装载机", "台压路机", "台推土机", "辆装载机"]


async def test_a_works_own_forklifts_are_no_parks_and_not_sure(harness: Harness) -> None:
    """The parks' entry is the only one speaking of forklifts; machines the speaker holds are no park's, and the
    documents say nothing of registering a works' own."""
    reply = await harness.text("张三", "我们有两台叉车，要登记吗")
    assert reply.startswith(NOT_SURE), reply


async def test_machines_held_say_nothing_of_what_the_business_makes(harness: Harness) -> None:
    reply = await harness.text("张三", "我们买了两台挖掘机，要报吗")
    assert reply.startswith(UNSURE), reply
    assert "工程机械整机制造" not in reply, reply


def test_machines_counted_as_held_are_never_their_makers_industry_nor_outside(kb: KnowledgeBase) -> None:
    """Every wording of the shape: a holder, a count, a machine its maker's industry lists, a question or none."""
    for holder, count, machine, asked in itertools.product(HOLDERS, COUNTS, MACHINES, ASKED):
        said = f"{holder}{count}{machine}{asked}"
        match = kb.catalogue.match(said)
        assert match.verdict not in ("one", "ambiguous", "outside"), (said, match.verdict, match.terms)


def test_a_furnace_counted_is_still_the_speakers_own_work(kb: KnowledgeBase) -> None:
    """Processes and facilities counted so are what the works runs: 有两台矿热炉 is 铁合金."""
    for holder, count in itertools.product(["我们有", "厂里有", "新上了"], ["两", "3"]):
        said = f"{holder}{count}台矿热炉，要报吗"
        match = kb.catalogue.match(said)
        assert match.verdict == "one", (said, match.verdict)
        assert match.candidates[0].name == "铁合金", (said, match.candidates)


@pytest.mark.parametrize("asked", ["材料交环保局截止哪天", "申报材料最晚几号交到环保局"])
async def test_the_bureau_an_enterprise_hands_its_materials_to_is_its_branch(
    harness: Harness, asked: str
) -> None:
    """环保局 alone, said by an enterprise, is the branch it deals with: its own deadline, not beside it the branch's
    deadline for reporting to the city (8月7日)."""
    reply = await harness.text("张三", asked)
    assert not reply.startswith(BOTH), reply
    assert "7月31日" in reply, reply
    assert "8月7日" not in reply, reply


async def test_a_car_enterprise_is_no_car_paint_mistyped(harness: Harness) -> None:
    """汽车企业: 企 sounds like 漆, but 企业 is a word as written; no typo takes part of it (汽车漆, 涂料制造)."""
    reply = await harness.text("张三", "我们是汽车企业，要报吗")
    assert "汽车漆" not in reply, reply
    assert "涂料制造" not in reply, reply


def test_no_typo_reading_changes_a_whole_word(kb: KnowledgeBase) -> None:
    """农业, 商业, 企业 are words as written: a reading that changes a character of one (农业企业 as 农药企业) or takes
    part of one (汽车企 as 汽车漆) is no typo."""
    for lead, trade, noun, asked in itertools.product(
        ["", "我们是"], ["农业", "商业", "实业", "汽车", "工业"], ["企业", "公司"], ASKED
    ):
        said = f"{lead}{trade}{noun}{asked}"
        match = kb.catalogue.match(said)
        changed = [(typed, term) for typed, term in match.read_as if "业" in typed or "企" in typed]
        assert not changed, (said, match.read_as)
        assert match.verdict != "outside" or match.outside is not None, (said, match.negated)
