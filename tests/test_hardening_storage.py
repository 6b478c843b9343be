"""One message's bad text never fails another's write (issue 12, failure 4): what no database stores (NUL, lone
surrogates) is escaped at the edge, and a group-committed inbox insert that fails anyway is retried message
by message. On SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.app import build_app
from bot.clock import ManualClock
from bot.inbox import InboxEntry, SendResult, Settlement
from bot.message import ChatKind, Message, Role
from bot.outbox import RecordingOutbox
from bot.settings import Settings
from storage.models import InboxRecord
from tests.harness import START, make_settings
from tests.test_wecom_bot_callback import wecom_rig
from tests.test_wording import RENDER
from tests.wecom_peer import text_callback

APOLOGY = RENDER("bot_words.j2", step="apology")

BATCH = 30
BAD = 17


def message(index: int, text: str = "/帮助") -> Message:
    user = f"u{index}"
    return Message(
        f"m{index}", "wecom_bot", "g", ChatKind.GROUP, user, user, Role.ENTERPRISE, text, True, START
    )


def test_what_no_database_stores_is_escaped_in_the_message() -> None:
    msg = message(1, "申请\x00名单\ud800？")
    assert msg.text == "申请\\x00名单\\ud800？"  # still readable, and storable everywhere
    assert message(2, "普通的问题").text == "普通的问题"


async def test_an_unstorable_message_in_a_group_commit_fails_only_itself(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot = build_app(make_settings(database_url, exports_dir=tmp_path), ManualClock(START), RecordingOutbox())
    inbox = bot.context.repos.inbox
    batches: list[int] = []
    write = inbox.write

    def counting(
        entries: Sequence[InboxEntry], settled: Sequence[Settlement] = (), sent: Sequence[SendResult] = ()
    ) -> list[bool]:
        batches.append(len(entries))
        return write(entries, settled, sent)

    monkeypatch.setattr(inbox, "write", counting)
    messages = [message(i) for i in range(BATCH)]
    # Past the edge's escaping (as a future adapter's bug might be): a text no database can store.
    object.__setattr__(messages[BAD], "text", "\ud800")
    results = await asyncio.gather(*(bot.submit(m) for m in messages), return_exceptions=True)
    assert batches[0] == BATCH  # they were one group commit
    assert isinstance(results[BAD], Exception)
    answered = [r for i, r in enumerate(results) if i != BAD]
    assert all(isinstance(r, list) and r and APOLOGY not in r[0].text for r in answered), answered
    with inbox._engine.connect() as connection:
        recorded = set(connection.execute(select(InboxRecord.msg_id)).scalars())  # type: ignore[call-overload]
    assert recorded == {f"m{i}" for i in range(BATCH)} - {f"m{BAD}"}
    inbox._engine.dispose()


async def test_nul_and_lone_surrogates_through_the_ai_bot_cost_no_answer(
    database_url: str, tmp_path: Path
) -> None:
    """The probe's case: callbacks arriving together, one carrying a lone surrogate and one a NUL."""
    settings = make_settings(database_url, exports_dir=tmp_path)
    texts = ["申请名单什么时候交"] * BATCH
    texts[3], texts[BAD] = "申请名单\ud800什么时候交", "申请名单\x00什么时候交"
    async with wecom_rig(settings) as rig:

        async def ask(index: int) -> str:
            payload = json.dumps(
                text_callback(f"s{index}", texts[index], user=f"u{index}")
            )  # \\ud800 escaped
            params, body = rig.peer.callback(payload, rig.now())
            response = await rig.client.post("/wecom/bot", params=params, data=body)
            assert response.status == 200
            return str(rig.peer.open_reply(await response.json(), params["nonce"])["stream"]["content"])

        answers = await asyncio.gather(*(ask(i) for i in range(BATCH)))
        assert all(APOLOGY not in answer and "申请名单" in answer for answer in answers)
        stored = {record.msg_id: record for record in rig.inbox()}
        assert len(stored) == BATCH
        assert stored["s3"].text == "申请名单\\ud800什么时候交"
        assert stored[f"s{BAD}"].text == "申请名单\\x00什么时候交"
        assert all(record.status != "failed" for record in stored.values())


async def test_an_id_that_would_need_escaping_is_refused(settings: Settings) -> None:
    """Escaped, an id could outgrow its column; the platforms' ids are plain ASCII, so such a one is forged."""
    async with wecom_rig(settings) as rig:
        for msgid, user in (("m\u0000", "u"), ("m1", "u\ud800")):
            payload = json.dumps(text_callback(msgid, "/帮助", user=user))
            params, body = rig.peer.callback(payload, rig.now())
            assert (await rig.client.post("/wecom/bot", params=params, data=body)).status == 400
        assert rig.inbox() == []


def test_announcements_made_before_their_numbers_are_numbered_within_their_kind(
    empty_database_url: str,
) -> None:
    """Migration 0017: reminders and broadcasts that shared one sequence are numbered each within its kind, in
    the order they were made, and the next one of a kind takes the number after its kind's last."""
    from alembic import command
    from sqlalchemy import text

    from storage.db import _alembic_config, make_engine, migrate
    from storage.lazy import models
    from storage.repos import Repositories

    engine = make_engine(empty_database_url)
    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0016")
    made = ["reminder", "broadcast", "reminder", "broadcast", "reminder"]
    with engine.begin() as connection:
        for kind in made:
            connection.execute(
                text(
                    "INSERT INTO announcements (kind, text, due_at, status, created_by, created_by_name, created_at)"
                    " VALUES (:kind, '开会', :at, 'done', 'wangke', '王科长', :at)"
                ),
                {"kind": kind, "at": START},
            )
    migrate(engine)
    announcements = Repositories.on(engine).announcements
    rows = [announcements.get(row_id) for row_id in range(1, len(made) + 1)]
    assert [(row.kind, row.number) for row in rows if row is not None] == [
        ("reminder", 1),
        ("broadcast", 1),
        ("reminder", 2),
        ("broadcast", 2),
        ("reminder", 3),
    ]
    later = models.Announcement(
        kind="broadcast",
        text="开会",
        due_at=START,
        status="done",
        created_by="wangke",
        created_by_name="王科长",
        created_at=START,
    )
    assert announcements.add(later).number == 3
    assert announcements.numbered("broadcast", 3) is not None
    engine.dispose()
