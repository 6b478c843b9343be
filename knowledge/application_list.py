"""A draft application list from the self-assessments (not the official 附件5 form), as .xlsx or CSV."""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from dataclasses import astuple, dataclass
from pathlib import Path

_WIDTHS = (6, 12, 32, 22, 20, 14, 14, 12, 36, 10, 14, 22)
HEADER_ROW = 3  # title, caveat, then the column names


@dataclass(frozen=True, slots=True)
class SheetWording:
    """What the list says besides the enterprises' answers (knowledge/templates/application_list.j2): it is
    not the official form (附件5 of the notice), and its title, first line and columns say so."""

    sheet: str
    title: str
    caveat: str
    columns: tuple[str, ...]  # 序号 first, then one per field of ApplicationRow
    yes: str
    no: str


@dataclass(frozen=True, slots=True)
class ApplicationRow:
    """One enterprise's row; the 序号 is its position in the list."""

    county: str
    enterprise_name: str
    credit_code: str
    industries: str
    in_industrial_park: bool
    self_grade: str
    intended_grade: str
    short_board: str
    contact_name: str
    contact_phone: str
    submitted_at: str


def table(rows: Sequence[ApplicationRow], words: SheetWording) -> list[tuple[str, ...]]:
    """Title, caveat, header and rows, every cell text: codes and phone numbers must not turn into numbers."""
    body = [
        tuple(words.yes if cell is True else words.no if cell is False else cell for cell in astuple(row))
        for row in rows
    ]
    numbered = [(str(number), *cells) for number, cells in enumerate(body, start=1)]
    return [(words.title,), (words.caveat,), words.columns, *numbered]


def as_text_cell(value: str) -> str:
    """A leading = + - @ makes a spreadsheet run a CSV cell as a formula (=HYPERLINK…): a quote keeps it text."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def write_xlsx(rows: Sequence[ApplicationRow], words: SheetWording, path: Path) -> Path:
    # imported here: openpyxl is a tenth of start-up, and most runs never export
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has its first sheet
    sheet.title = words.sheet
    for line in table(rows, words):
        # a control character no worksheet holds (one typed before answers were cleaned of them) is left out,
        # not the county's whole list refused
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", cell) for cell in line])
    for serial, *typed in sheet.iter_rows(min_row=HEADER_ROW + 1):
        serial.value = int(str(serial.value))  # a number, so that a sort puts 10 after 9, not after 1
        for cell in typed:
            cell.data_type = "s"  # what an enterprise typed stays text, never a formula (=HYPERLINK…)
    last = get_column_letter(len(words.columns))
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
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    workbook.properties.title = words.title
    _private_folder(path.parent)
    with open(path, "wb", opener=_private) as stream:
        workbook.save(stream)
    return path


def write_csv(rows: Sequence[ApplicationRow], words: SheetWording, path: Path) -> Path:
    """UTF-8 with a byte-order mark, so that Excel opens the Chinese text correctly."""
    _private_folder(path.parent)
    with open(path, "w", encoding="utf-8-sig", newline="", opener=_private) as stream:
        csv.writer(stream).writerows([tuple(map(as_text_cell, line)) for line in table(rows, words)])
    return path


# An application list holds enterprises' credit codes and contacts' phone numbers: only the bot's own user
# may read it, whatever the umask.
def _private_folder(folder: Path) -> None:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)


def _private(path: str, flags: int) -> int:
    return os.open(path, flags, 0o600)
