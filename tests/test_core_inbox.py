"""The inbox over time: handled messages (and their recorded answers) deleted after BOT_INBOX_RETENTION_DAYS
by the tick; the WeCom app's answer in its callback's encrypted response when ready within the budget; a
file reply recorded with its path."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

from bot.inbox import PENDING, InboxEntry, RecordedAnswer, Settlement
from bot.message import Reply
from bot.runtime import ANSWER_LEASE
from storage import tables
from storage.db import make_engine, migrate
from storage.repos import Repositories
from tests.harness import START, make_harness, make_settings, private_rig


def counts(harness_engine: object) -> tuple[int, int]:
    with harness_engine.connect() as connection:  # type: ignore[attr-defined]
        inbox = connection.execute(select(func.count()).select_from(tables.inbox)).scalar_one()
        outbox = connection.execute(select(func.count()).select_from(tables.outbox)).scalar_one()
    return inbox, outbox


async def test_the_tick_deletes_messages_handled_before_the_retention_days(tmp_path: Path) -> None:
    settings = make_settings(f"sqlite:///{tmp_path}/bot.db", exports_dir=tmp_path, inbox_retention_days=3)
    harness = make_harness(settings)
    engine = harness.app.context.repos.inbox._engine
    assert await harness.text("张三", "/帮助")
    harness.clock.advance(days=2)
    assert await harness.text("李四", "/截止")
    assert counts(engine) == (2, 2)  # each message with its answer
    await harness.tick()
    assert counts(engine) == (2, 2)  # neither is older than three days
    harness.clock.advance(days=1, minutes=1)
    await harness.tick()
    assert counts(engine) == (1, 1)  # 张三's went, with its answer; 李四's is a day old
    assert await harness.text("张三", "/帮助")  # a new message is recorded and answered as before
    assert counts(engine) == (2, 2)


async def test_an_app_answer_ready_within_the_budget_is_the_encrypted_passive_reply(
    database_url: str,
) -> None:
    async with private_rig(database_url, wecom_app_reply_budget_seconds=4) as rig:
        params, body = rig.app_peer.text("zhangsan", "/帮助", "9100001", rig.now())
        response = await rig.client.post("/wecom/app", params=params, data=body)
        assert response.status == 200
        reply = rig.app_peer.open_reply(await response.text(), params)
        assert (reply["ToUserName"], reply["MsgType"]) == ("zhangsan", "text")
        assert reply["Content"].startswith("我是绩效分级助手")
        await rig.bot.drain()
        assert rig.api.sent == []  # nothing more through message/send
        again = await rig.client.post("/wecom/app", params=params, data=body)  # a retry of the same MsgId
        assert (again.status, await again.text()) == (200, "")
        await rig.bot.drain()
        assert rig.api.sent == []


def test_a_recorded_file_reply_is_still_a_file_when_taken_up(database_url: str, tmp_path: Path) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    inbox = Repositories.on(engine).inbox
    entry = InboxEntry("wecom_app", "f1", "zhangsan", "zhangsan", "/导出", START)
    assert inbox.write([entry]) == [True]
    file = tmp_path / "申请名单.xlsx"
    text = Reply("wecom_app", "zhangsan", "已导出", "zhangsan")
    answers = tuple(
        RecordedAnswer("wecom_app", "f1", seq, reply, PENDING, None)
        for seq, reply in enumerate([text, replace(text, text="", file=file)])
    )
    inbox.write([], [Settlement("wecom_app", "f1", None, answers)])
    taken = [RecordedAnswer.from_row(row) for row in inbox.take_unsent(START, START + ANSWER_LEASE)]
    assert [(answer.reply.text, answer.reply.file) for answer in taken] == [("已导出", None), ("", file)]
    engine.dispose()


def test_a_message_written_at_a_whole_second_compares_equal_to_that_instant(database_url: str) -> None:
    """The inbox's own writes (DriverStatement) store a datetime as every other write does: on SQLite, where
    datetimes are text compared as text, "…:00" beside "…:00.000000" would make equal instants unequal."""
    engine = make_engine(database_url)
    migrate(engine)
    inbox = Repositories.on(engine).inbox
    assert inbox.write([InboxEntry("wecom_app", "t1", "zhangsan", "zhangsan", "/帮助", START)]) == [True]
    assert inbox.stalled(START) == []  # received at START, not before it
    assert inbox.stalled(START + timedelta(microseconds=1)) == [("wecom_app", "zhangsan", "zhangsan")]
    with engine.connect() as connection:
        at_start = tables.inbox.c.received_at == START
        assert connection.execute(select(func.count()).where(at_start)).scalar_one() == 1
        if engine.dialect.name == "sqlite":  # one fixed text format, whatever wrote the row
            stored = connection.exec_driver_sql("SELECT received_at FROM inbox").scalar_one()
            assert stored == "2020-07-15 01:00:00.000000"
    engine.dispose()


def test_the_upgrade_gives_whole_seconds_written_before_the_fixed_format(tmp_path: Path) -> None:
    from alembic import command

    from storage.db import _alembic_config

    engine = make_engine(f"sqlite:///{tmp_path}/bot.db")
    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0014")
        connection.exec_driver_sql(  # as the inbox's own write stored a whole second before
            "INSERT INTO inbox (channel, msg_id, chat_id, sender_id, text, received_at, status, chat_kind,"
            " sender_name, role, mentions_bot) VALUES ('console', 'old', '张三', '张三', '/帮助',"
            " '2020-07-15 01:00:00', 'queued', 'private', '', 'enterprise', 1)"
        )
    migrate(engine)
    with engine.connect() as connection:
        stored = connection.exec_driver_sql("SELECT received_at FROM inbox").scalar_one()
        assert stored == "2020-07-15 01:00:00.000000"
        at_start = tables.inbox.c.received_at == START
        assert connection.execute(select(func.count()).where(at_start)).scalar_one() == 1
    engine.dispose()
