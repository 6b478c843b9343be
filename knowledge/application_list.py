"""A draft application list from the self-assessments (not the official 附件5 form), as .xlsx or CSV."""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from dataclasses import astuple, dataclass
from pathlib import Path

# Not the official form: that is 附件5 of the notice, whose columns we have not seen. The sheet says so in
# its title and first line, and marks the columns the bot added from the self-assessment.
TITLE = "申请名单草稿（据企业自评整理，非官方格式）"
CAVEAT = (
    "说明：本表由绩效分级助手根据企业自己填写的初步自评整理，不是评级结论，也不是官方表格；"
    "正式的《2020年重点行业企业环保绩效评级申请名单》以石家庄市生态环境局通知附件5为准（可向分局索取），"
    "栏目和内容请对照附件5核对后再报送。标“（非官方栏目）”的是本助手增加的栏目。"
)
UNOFFICIAL = "（非官方栏目）"
COLUMNS = (
    "序号",
    "县（市、区）",
    "企业名称",
    "统一社会信用代码",
    "行业类别",
    "是否在工业园区",
    "自评等级" + UNOFFICIAL,
    "拟申报等级",
    "短板指标" + UNOFFICIAL,
    "联系人",
    "联系电话",
    "提交时间" + UNOFFICIAL,
)
_WIDTHS = (6, 12, 32, 22, 20, 14, 14, 12, 36, 10, 14, 22)
HEADER_ROW = 3  # title, caveat, then the column names


@dataclass(frozen=True, slots=True)
class ApplicationRow:
    """One enterprise's row; the 序号 is its position in the list."""

    county: str
    enterprise_name: str
    credit_code: str
    industries: str
    in_industrial_park: str  # 是 / 否
    self_grade: str
    intended_grade: str
    short_board: str
    contact_name: str
    contact_phone: str
    submitted_at: str


def table(rows: Sequence[ApplicationRow]) -> list[tuple[str, ...]]:
    """Title, caveat, header and rows, every cell text: codes and phone numbers must not turn into numbers."""
    body = [(str(number), *astuple(row)) for number, row in enumerate(rows, start=1)]
    return [(TITLE,), (CAVEAT,), COLUMNS, *body]


def as_text_cell(value: str) -> str:
    """A leading = + - @ makes a spreadsheet run a CSV cell as a formula (=HYPERLINK…): a quote keeps it text."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def write_xlsx(rows: Sequence[ApplicationRow], path: Path) -> Path:
    # imported here: openpyxl is a tenth of start-up, and most runs never export
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has its first sheet
    sheet.title = "申请名单"
    for line in table(rows):
        sheet.append(list(line))
    for row in sheet.iter_rows(min_row=HEADER_ROW + 1):
        for cell in row:
            cell.data_type = "s"  # what an enterprise typed stays text, never a formula (=HYPERLINK…)
    last = sheet.cell(row=HEADER_ROW, column=len(COLUMNS)).column_letter
    for number, size in ((1, 14), (2, 10)):
        sheet.merge_cells(f"A{number}:{last}{number}")
        cell = sheet.cell(row=number, column=1)
        cell.font = Font(bold=number == 1, size=size)
        cell.alignment = Alignment(horizontal="center" if number == 1 else "left", wrap_text=True)
    sheet.row_dimensions[2].height = 48
    for cell in sheet[HEADER_ROW]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for index, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[sheet.cell(row=HEADER_ROW, column=index).column_letter].width = width
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    workbook.properties.title = TITLE
    _private_folder(path.parent)
    with open(path, "wb", opener=_private) as stream:
        workbook.save(stream)
    return path


def write_csv(rows: Sequence[ApplicationRow], path: Path) -> Path:
    """UTF-8 with a byte-order mark, so that Excel opens the Chinese text correctly."""
    _private_folder(path.parent)
    with open(path, "w", encoding="utf-8-sig", newline="", opener=_private) as stream:
        csv.writer(stream).writerows([tuple(map(as_text_cell, line)) for line in table(rows)])
    return path


# An application list holds enterprises' credit codes and contacts' phone numbers: only the bot's own user
# may read it, whatever the umask.
def _private_folder(folder: Path) -> None:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)


def _private(path: str, flags: int) -> int:
    return os.open(path, flags, 0o600)
