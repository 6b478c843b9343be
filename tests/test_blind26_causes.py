"""Causes of the industry misses noted after 68b8745 (issue #11), each a shape fixed by rule: a listed plant the
speaker says it is stays that plant when it sends one of its processes out, and a workshop named by a real word of
the work is not read as another workshop's name mistyped."""

from __future__ import annotations

import itertools

from knowledge.base import KnowledgeBase
from tests.harness import Harness, assert_verdict, told_outside

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
    for word, shape in itertools.product(WORK_WORDS, WORKSHOPS):
        said = shape.format(w=word)
        changed = [(typed, term) for typed, term in kb.catalogue.match(said).read_as if word not in term]
        if changed:
            wrong.append((said, changed))
    assert not wrong, wrong
    assert not told_outside(
        kb, (shape.format(w=word) for word, shape in itertools.product(WORK_WORDS, WORKSHOPS))
    )


def test_a_mistyped_workshop_or_goods_name_is_still_forgiven(kb: KnowledgeBase) -> None:
    """A wrong character that makes no word of work is a typo as before, and goods named by another goods' word
    too (石墨电机 beside a baking furnace is the graphite electrode)."""
    assert kb.catalogue.match("烧节车间").candidates[0].name == "长流程联合钢铁"
    assert kb.catalogue.match("我们做石墨电机，有焙烧炉").candidates[0].name == "炭素"


async def test_a_firing_workshop_is_no_sintering_plant(harness: Harness) -> None:
    reply = await harness.text("张三", "我们厂有烧成车间，要报吗")
    assert "长流程联合钢铁" not in reply, reply
    assert "不属于" not in reply, reply
