"""The self-assessment through the JSON-lines console: a restart midway, a full run with the export, and the
command-line export."""

from __future__ import annotations

import asyncio
from pathlib import Path

import openpyxl
import pytest

from tests.harness import (
    ALL_A,
    ANSWERED_IN_GROUP,
    REVIEW_MARK,
    VALID_CODES,
    basics,
    bot_command,
    complete,
    make_harness,
    make_settings,
    question_line,
    run_jsonl,
    run_jsonl_with_logs,
)
from tests.test_wording import SHEET

STEEL_PINGSHAN = [
    (r"【长流程联合钢铁·装备水平】.*A级", "否"),
    (r"【长流程联合钢铁·装备水平】.*B级", "是"),
    (r"【单位污染物税收贡献】", "2"),
    (r"【研发投入占比】", "不高于行业平均水平"),
    *basics("平山县敬业钢铁有限公司", VALID_CODES[1], "平山县", ["长流程联合钢铁"], "B级"),
    *ALL_A,
]
GROUP = "平山县企业群"
USER = "刘经理"


@pytest.fixture(scope="module")
def sent(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """What a person types for the steel script, found by running it once in-process."""
    folder = tmp_path_factory.mktemp("script")
    harness = make_harness(make_settings(f"sqlite:///{folder}/script.db", exports_dir=folder / "unused"))
    return asyncio.run(complete(harness, USER, STEEL_PINGSHAN, chat=GROUP)).sent


def lines(texts: list[str], **extra: str) -> list[dict[str, object] | str]:
    return [{"chat": GROUP, "user": USER, "text": text, **extra} for text in texts]


def test_a_restart_midway_continues_the_dialogue(sent: list[str], database_url: str) -> None:
    half = len(sent) // 2
    first = run_jsonl(lines(sent[:half]), database_url, now="2020-07-15T09:00:00")
    waiting = question_line(str(first[-1]["text"]))
    # a new console on the same database: the next answer goes to the question the first one asked; the result,
    # not shown in the group, is read and confirmed in the private chat
    in_private = [{"chat": USER, "user": USER, "text": text} for text in ("继续自评", "确认")]
    second = run_jsonl(
        [*lines([*sent[half:], "转私聊"]), *in_private], database_url, now="2020-07-15T09:30:00"
    )
    assert all(reply["to"] == USER for reply in second if reply["chat"] == GROUP)
    assert waiting.startswith("【")
    assert not str(second[0]["text"]).startswith("请")  # the answer fitted: no complaint
    in_group = "\n".join(str(reply["text"]) for reply in second if reply["chat"] == GROUP)
    assert ANSWERED_IN_GROUP in in_group
    assert "自评等级：" not in in_group
    review = "\n".join(str(reply["text"]) for reply in second[:-1] if reply["chat"] == USER)
    assert REVIEW_MARK in review
    assert "企业名称：平山县敬业钢铁有限公司" in review  # answered before the restart
    assert "联系电话：13812345678" in review  # answered after it
    assert "可先按高一级（A级）实施绩效管理，半年内指标达标后正式晋级" in review
    assert "已保存为申请名单草稿" in str(second[-1]["text"])


def test_full_run_then_staff_export_and_the_command_line_export(sent: list[str], tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/bot.db"
    exports = tmp_path / "exports"
    records: list[dict[str, object]] = [
        *lines([*sent, "转私聊"]),  # type: ignore[list-item]
        *lines(["继续自评", "确认"], chat=USER),  # type: ignore[list-item]  # read in private, then saved
        {"chat": GROUP, "user": USER, "text": "/导出 平山县"},
        {"chat": "王科长", "user": "王科长", "text": "/导出 平山县 csv xlsx", "role": "staff"},
    ]
    out, logged = run_jsonl_with_logs(records, url, "2020-07-16T15:00:00", BOT_EXPORTS_DIR=str(exports))
    texts = [str(reply["text"]) for reply in out]
    assert "提醒：须在2020年7月17日12:00前把" in texts[0]  # 21 hours left when the dialogue starts
    assert any("已保存为申请名单草稿" in text for text in texts)
    assert "仅限县（市、区）生态环境分局工作人员使用" in texts[-4]
    assert "（1家，xlsx和csv文件）" in texts[-3]
    paths = [Path(text) for text in texts[-2:]]  # the console shows a file as where it was written
    assert [path.suffix for path in paths] == [".xlsx", ".csv"]
    assert all(path.parent == exports for path in paths)
    sheet = openpyxl.load_workbook(paths[0]).active
    assert sheet is not None
    rows = [tuple(cell.value for cell in row) for row in sheet.iter_rows(min_row=3)]
    assert sheet["A1"].value == SHEET.title
    assert rows == [
        SHEET.columns,
        (
            1,
            "平山县",
            "平山县敬业钢铁有限公司",
            VALID_CODES[1],
            "长流程联合钢铁",
            "是",
            "B级",
            "B级",
            "长流程联合钢铁·装备水平",
            "张经理",
            "13812345678",
            "2020-07-16 15:00",
        ),
    ]
    assert "application draft saved" in logged
    assert "13812345678" not in logged
    assert VALID_CODES[1] not in logged

    for name, extra in (("list.xlsx", []), ("list.csv", ["--format", "csv"])):
        done = bot_command(
            ["export", "--county", "平山", "--out", str(tmp_path / name), *extra],
            BOT_DATABASE_URL=url,
            BOT_LOG_FORMAT="json",
        )
        assert done.code == 0, done.stderr
        assert f"已导出平山县申请名单 1 行：{tmp_path / name}" in done.stdout
    exported = openpyxl.load_workbook(tmp_path / "list.xlsx").active
    assert exported is not None
    assert [tuple(cell.value for cell in row) for row in exported.iter_rows(min_row=3)] == rows
    assert (
        (tmp_path / "list.csv")
        .read_text(encoding="utf-8-sig")
        .splitlines()[3]
        .startswith("1,平山县,平山县敬业钢铁有限公司,")
    )
    unknown = bot_command(
        ["export", "--county", "北京", "--out", str(tmp_path / "x.xlsx")], BOT_DATABASE_URL=url
    )
    assert unknown.code == 2
    assert "没有找到县（市、区）“北京”" in unknown.stderr
