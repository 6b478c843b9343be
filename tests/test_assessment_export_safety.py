"""What an enterprise typed never becomes a spreadsheet formula in the exported application list."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl

from knowledge.application_list import ApplicationRow, write_csv, write_xlsx
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
