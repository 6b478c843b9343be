"""Issue 14 (items 1, 4, 5, 6): each question says what it asks and how sure our sources are; rules go no
further than their source; the exported list says it is a draft; `knowledge check` holds flows to this."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl

from bot.settings import Settings
from knowledge.base import KnowledgeBase, fidelity_problems, load_knowledge
from tests.harness import VALID_CODES, Harness, complete
from tests.test_wording import SHEET

# A small foundry in 平山县: electric melting, hand moulding for small batches, answers as people type them.
FOUNDRY_HAND_MOULDING = [
    (r"【企业名称】", "平山县鑫达精密铸造有限公司"),
    (r"【统一社会信用代码】", "9144 0300 7084 6113 6T"),
    (r"【县（市、区）】", "平山"),
    (r"【行业类别】", "铸件"),
    (r"还有其他重点行业", "没有了"),
    (r"吗？（回复", "是的"),
    (r"【是否在工业园区】", "不在"),
    (r"【主要生产线或工序】", "中频炉2台，手工造型，做阀门壳体"),
    (r"【主要运输方式】", "汽运"),
    (r"【年运输量】", "跳过"),
    (r"【铸造·熔炼方式】", "中频炉"),
    (r"【铸造·造型（制壳）装备】", "手工造型"),
    (r"【铸造·手工造型的批量】", "小批量"),
    (r"【铸造·装备水平】.*B级", "是，我们都是单件小批"),
    (r"【铸造·颗粒物治理】", "没有，砂处理那还是旋风除尘"),
    (r"【铸造·制芯VOCs治理】", "没有制芯"),
    (r"【铸造·污染治理技术】.*B级", "是"),
    (r"【铸造·排放限值】.*A级", "不知道"),
    (r"【铸造·排放限值】.*B级", "是"),
    (r"【铸造·监测监控水平】.*A级", "跳过"),
    (r"·.*A级", "是"),
    (r"【门禁车牌识别系统】|【装卸场所视频监控】", "已安装"),
    (r"【运输车辆电子台账】", "有"),
    (r"【小微涉气企业核对】", "不是"),
    (r"【单位污染物税收贡献】|【研发投入占比】", "不清楚"),
    (r"【拟申报等级】", "B"),
    (r"【联系人】", "刘厂长"),
    (r"【联系电话】", "138 1234 5678"),
]

# A plastics firm (塑料制品, one of the eight Hebei industries) in 藁城区 that has no e-ledger yet.
PLASTICS_NO_LEDGER = [
    (r"【企业名称】", "石家庄市藁城区宏远塑料制品有限公司"),
    (r"【统一社会信用代码】", VALID_CODES[0]),
    (r"【县（市、区）】", "藁城区"),
    (r"【行业类别】", "塑料制品"),
    (r"还有其他重点行业", "没有"),
    (r"吗？（回复", "是"),
    (r"【是否在工业园区】", "是"),
    (r"【主要生产线或工序】", "注塑车间、吹膜线各一条"),
    (r"【主要运输方式】", "公路"),
    (r"【年运输量】", "3"),
    (r"【塑料制品·污染治理技术】.*A级", "达不到"),
    (r"【塑料制品·污染治理技术】.*B级", "能达到"),
    (r"【塑料制品·运输方式】.*A级", "说不准"),
    (r"【塑料制品·运输方式】.*B级", "是"),
    (r"【塑料制品·监测监控水平】.*A级", "跳过"),
    (r"·.*A级", "是"),
    (r"【门禁车牌识别系统】|【装卸场所视频监控】", "是"),
    (r"【运输车辆电子台账】", "还没有，正在找公司做"),
    (r"【小微涉气企业核对】", "否"),
    (r"【拟申报等级】", "B级"),
    (r"【联系人】", "陈会计"),
    (r"【联系电话】", "13912345678"),
]


async def test_foundry_with_hand_moulding_for_small_batches_is_not_d(harness: Harness) -> None:
    run = await complete(harness, "刘厂长", FOUNDRY_HAND_MOULDING, chat="刘厂长")
    transcript = "\n".join(run.transcript)
    # item 1: the B question quotes the reference's row at its confidence, small batches exempt
    assert (
        "据公开资料（可信度中，以指南原文为准），铸造行业B级的“装备水平”要求：黏土砂铸造中连续8小时生产或批量300件以上的"
        in transcript
    )
    assert "单批不足300件又不连续生产的黏土砂手工造型，这一条没有要求" in transcript
    # item 4: the melting type and the batch are asked; the row covers gas or electric melting only
    assert "只针对燃气或电熔炼的铸造企业" in transcript
    assert "【铸造·手工造型的批量】" in transcript
    result = run.text
    assert "自评等级：B级" in result  # no D from the moulding answer
    assert "装备水平B" in result
    assert "D级" not in result.split("【申请名单草稿】")[0].split("注（")[0]
    # the uncertain grade of the dust row is said, with its confidence and source
    assert (
        "产尘工序采用袋式或滤筒除尘，并按GB/T 16758设置二次集气罩（据公开资料，可信度中；这一条属于哪一级资料没能确定"
        in result
    )
    assert "来源：技术指南相关公开资料整理 铸造行业污染治理技术" in result
    assert "依据：2020年国家技术指南（环办大气函〔2020〕340号，石家庄市通知附件3）" in result
    assert "已跳过、未计入自评等级的题目" in result
    assert "铸造·监测监控水平" in result.split("已跳过")[1]
    assert "达到A级要求" not in result
    assert "申报前提" not in result  # the ledger is there
    assert "已保存" in await harness.text("刘厂长", "确认", chat="刘厂长")


async def test_plastics_firm_without_an_e_ledger_is_told_it_is_a_prerequisite(harness: Harness) -> None:
    first = await harness.text("陈会计", "我要自评", chat="陈会计")
    assert "【企业名称】" in first
    run = await complete(harness, "陈会计", PLASTICS_NO_LEDGER, chat="陈会计")
    result = run.text
    assert "自评等级：B级" in result  # no C from the missing ledger
    assert "申报前提：通知要求所有申报评级的企业都要建立运输车辆电子台账" in result
    assert "石家庄市生态环境局2020年绩效分级紧急通知 第（五）条" in result
    assert "依据：《河北省重污染天气八个行业应急减排技术指南》（石家庄市通知附件4）" in result
    assert "按排除法推断的，未核实" in result
    # the limiting indicators name the document that holds the requirement
    assert (
        "塑料制品行业A级“污染治理技术”的要求，见石家庄市通知附件4《河北省重污染天气八个行业应急减排技术指南》"
        in result
    )
    assert "塑料制品·监测监控水平" in result.split("已跳过")[1]
    assert "运输方式" in result.split("待核实")[1]


async def test_a_question_without_the_row_says_so_and_offers_three_ways(harness: Harness) -> None:
    for said in [
        "我要自评",
        "宏远塑料制品有限公司",
        VALID_CODES[0],
        "藁城区",
        "塑料制品",
        "没有",
        "是",
        "注塑车间",
        "公路",
        "3",
    ]:
        reply = await harness.text("陈会计", said, chat="陈会计")
    assert "【塑料制品·装备水平】我们的资料里没有该行业这一项的原文要求" in reply
    assert "按贵企业的理解回答是、否或不确定" in reply
    assert "向所在县（市、区）分局索取石家庄市通知附件4《河北省重污染天气八个行业应急减排技术指南》" in reply
    assert "回复“跳过”，这一项先不计入自评等级" in reply


async def test_the_gate_and_video_are_the_notices_condition_for_a_and_b(harness: Harness) -> None:
    script = [
        (r"【门禁车牌识别系统】", "没有"),
        (r"【装卸场所视频监控】", "是"),
        *[rule for rule in PLASTICS_NO_LEDGER if "门禁" not in rule[0] and "台账" not in rule[0]],
        (r"【运输车辆电子台账】", "有"),
    ]
    run = await complete(harness, "陈会计", script, chat="陈会计")
    result = run.text
    assert "自评等级：C级" in result
    assert "申报A级、B级（含B-级）或引领性标杆的企业都要建设重污染天气重点行业移动源应急管理系统" in result
    assert "按目前的回答申报不了B级" in result
    assert "申报前提" not in result


async def test_export_is_a_draft_and_names_the_official_form(harness: Harness) -> None:
    await complete(harness, "陈会计", PLASTICS_NO_LEDGER, chat="陈会计")
    await harness.text("陈会计", "确认", chat="陈会计")
    caption, sent, sent_csv = await harness.say(
        "王科长", "/导出 藁城区 xlsx csv", chat="王科长", role="staff"
    )
    reply = caption.text
    assert "申请名单草稿（1家，xlsx和csv文件）" in reply
    assert "不是官方格式" in reply
    assert (
        "正式的《2020年重点行业企业环保绩效评级申请名单》是石家庄市生态环境局通知的附件5，可向分局索取"
        in reply
    )
    assert sent.file is not None
    assert sent.file.suffix == ".xlsx"
    sheet = openpyxl.load_workbook(sent.file).active
    assert sheet is not None
    assert sheet["A1"].value == SHEET.title == "申请名单草稿（据企业自评整理，非官方格式）"
    assert sheet["A2"].value == SHEET.caveat
    assert str(sheet["A2"].value).startswith("说明：本表由绩效分级助手根据企业自己填写的初步自评整理")
    assert "附件5" in str(sheet["A2"].value)
    header = [cell.value for cell in sheet[3]]
    assert header == list(SHEET.columns)
    marked = [name for name in header if str(name).endswith("（非官方栏目）")]
    assert marked == ["自评等级（非官方栏目）", "短板指标（非官方栏目）", "提交时间（非官方栏目）"]
    assert [cell.value for cell in sheet[4]][2] == "石家庄市藁城区宏远塑料制品有限公司"
    assert sheet["A4"].value == 1  # 序号 a number: Excel sorts 1, 2 … 10, not 1, 10, 2
    assert sent_csv.file is not None
    lines = sent_csv.file.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == SHEET.title
    assert lines[2].split(",")[6] == "自评等级（非官方栏目）"


def test_knowledge_check_wants_a_confidence_on_every_requirement_from_the_reference(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    assert fidelity_problems(kb) == []
    data = tmp_path / "data"
    shutil.copytree(Settings().knowledge_dir, data)
    flow = data / "flows" / "self_assessment.yaml"
    text = flow.read_text(encoding="utf-8")
    core = text.index("id: foundry_core_voc")
    ask = text.index("（据公开资料，可信度中：热芯盒", core)
    text = text[:ask] + "（热芯盒" + text[ask + len("（据公开资料，可信度中：热芯盒") :]
    moulding = text.index("id: foundry_moulding")
    source = text.index(", confidence: medium}", moulding)
    text = text[:source] + "}" + text[source + len(", confidence: medium}") :]
    ladder = text.index("indicator: monitoring\n          grades")
    offer = text.index("③回复“跳过”", ladder)
    text = text[:offer] + "③先不答" + text[offer + len("③回复“跳过”") :]
    flow.write_text(text, encoding="utf-8")
    problems = fidelity_problems(load_knowledge(data, Settings().templates_dir))
    assert any("foundry_moulding.grading.source: 来自技术指南资料的要求须注明可信度" in p for p in problems)
    assert any(
        "foundry_core_voc: 来自技术指南资料的题目须在问题或提示里说明“可信度中”" in p for p in problems
    )
    assert any("monitoring_a: 资料里没有原文的题目须说明这一点并允许“跳过”" in p for p in problems)
