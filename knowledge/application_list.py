"""The county's 《2020年重点行业企业环保绩效评级申请名单》 as an .xlsx workbook or a CSV file."""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from dataclasses import astuple, dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

TITLE = "2020年重点行业企业环保绩效评级申请名单"
COLUMNS = (
    "序号",
    "县（市、区）",
    "企业名称",
    "统一社会信用代码",
    "行业类别",
    "是否在工业园区",
    "自评等级",
    "拟申报等级",
    "短板指标",
    "联系人",
    "联系电话",
    "提交时间",
)
_WIDTHS = (6, 12, 32, 22, 20, 14, 10, 12, 36, 10, 14, 18)


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
    """Header and rows, every cell text: codes and phone numbers must not turn into numbers."""
    return [COLUMNS, *((str(number), *astuple(row)) for number, row in enumerate(rows, start=1))]


def as_text_cell(value: str) -> str:
    """A leading = + - @ makes a spreadsheet run a CSV cell as a formula (=HYPERLINK…): a quote keeps it text."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def write_xlsx(rows: Sequence[ApplicationRow], path: Path) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has its first sheet
    sheet.title = "申请名单"
    for line in table(rows):
        sheet.append(list(line))
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.data_type = "s"  # what an enterprise typed stays text, never a formula (=HYPERLINK…)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for index, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    sheet.freeze_panes = "A2"
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
