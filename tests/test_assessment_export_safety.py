"""What an enterprise typed never becomes a spreadsheet formula in the exported application list."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl

from knowledge.application_list import ApplicationRow, write_csv, write_xlsx
from tests.harness import CEMENT, VALID_CODES, Harness, complete
from tests.test_wording import SHEET


def row(name: str) -> ApplicationRow:
    return ApplicationRow(
        county="平山县",
        enterprise_name=name,
        credit_code="91130131MA07U8QH52",
        industries="铸造",
        in_industrial_park=True,
        self_grade="B级",
        intended_grade="A级",
        short_board="装备水平",
        contact_name="=1+1",
        contact_phone="13812345678",
        submitted_at="2020-07-16 10:00",
    )


def test_formulas_stay_text(tmp_path: Path) -> None:
    rows = [row('=HYPERLINK("http://example.invalid","点我")')]
    sheet = openpyxl.load_workbook(write_xlsx(rows, SHEET, tmp_path / "list.xlsx")).active
    assert sheet is not None
    number, *cells = next(sheet.iter_rows(min_row=4))  # after the title, the caveat and the header
    assert number.value == 1  # the 序号 is the bot's own number
    assert all(cell.data_type == "s" for cell in cells)  # what was typed reads back as text, not as a formula
    assert str(cells[1].value).startswith("=HYPERLINK")
    with write_csv(rows, SHEET, tmp_path / "list.csv").open(encoding="utf-8-sig") as stream:
        lines = list(csv.reader(stream))
    assert lines[3][2].startswith("'=HYPERLINK")
    assert lines[3][9] == "'=1+1"


def test_a_control_character_stored_before_does_not_refuse_the_whole_sheet(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(
        write_xlsx([row("平山县\x07利民铸造")], SHEET, tmp_path / "list.xlsx")
    ).active
    assert sheet is not None
    assert next(sheet.iter_rows(min_row=4))[2].value == "平山县利民铸造"


async def test_invisible_characters_typed_in_a_name_reach_neither_the_draft_nor_the_export(
    harness: Harness,
) -> None:
    """A bell, a right-to-left override or a zero-width space pasted into a name: unseen in the chat, the bell made
    the county's xlsx export fail for every enterprise in it ("处理您的消息时出了点问题")."""
    typed = [
        (r"【企业名称】", "\u202e鹿泉区\u0007鼎鑫\u200b水泥有限公司"),
        (r"【联系人】", "张\u0008经理"),
        *CEMENT,
    ]
    await complete(harness, "李经理", typed, chat="李经理")
    assert "已保存" in await harness.text("李经理", "确认", chat="李经理")
    draft = harness.app.context.repos.drafts.current(VALID_CODES[0])
    assert draft is not None
    assert (draft.enterprise_name, draft.contact_name) == ("鹿泉区鼎鑫水泥有限公司", "张经理")
    exported = await harness.say("王科长", "/导出 鹿泉区", chat="王科长", role="staff")
    assert exported[0].text.startswith("已导出鹿泉区申请名单草稿（1家，xlsx文件）")


async def test_invisible_characters_around_a_dialogue_word_or_an_answer_are_not_read(
    harness: Harness,
) -> None:
    """A right-to-left mark before 确认 at 【企业名称】 was "内容太短了" (the word read with the mark), and a terminal's
    escape characters around an industry were echoed back in "没有找到…"."""
    await harness.say("李经理", "我要自评", chat="李经理")
    said = await harness.text("李经理", "\u202e确认", chat="李经理")
    assert said.startswith("“确认”不会作为企业名称填进申请名单")
    for answer in ("鹿泉区鼎鑫水泥有限公司", VALID_CODES[0], "鹿泉区"):
        await harness.say("李经理", answer, chat="李经理")
    unknown = await harness.text("李经理", "\x1b[1m火星\x1b[0m", chat="李经理")
    assert "\x1b" not in unknown
    assert "【行业类别】" in unknown
