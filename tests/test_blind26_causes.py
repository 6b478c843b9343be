"""Causes of the industry misses noted after 68b8745 (issue #11), each a shape fixed by rule: a listed plant the
speaker says it is stays that plant when it sends one of its processes out."""

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
