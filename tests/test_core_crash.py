"""Answers that survive a crash: the process dies after a message is claimed, after its answer is recorded, or
during the send; after a restart and the platform's redelivery every message is answered exactly once, on
SQLite and PostgreSQL. The WeCom app (whose answers go back passively or through message/send, as the
timing falls) and the AI bot's passive reply."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

import pytest

from bot.inbox import SENT, SendResult
from bot.runtime import BotApp
from bot.settings import Settings
from tests.harness import Rig, make_settings, private_rig
from tests.test_wecom_bot_callback import wecom_rig
from tests.wecom_peer import response_url_server, text_callback

APP_PATH = "/wecom/app"
MESSAGES = [("zhangsan", "/帮助", "8100001"), ("lisi", "/帮助", "8100002"), ("zhangsan", "/截止", "8100003")]


class Crash(Exception):
    """The injected fault: the process dies here."""


class Killer:
    """The fault-injection hook: dies at the first `step` reached, and stays dead (every later step too)."""

    def __init__(self, step: str) -> None:
        self.step = step
        self.dead = False

    def __call__(self, step: str) -> None:
        if self.dead or step == self.step:
            self.dead = True
            raise Crash(step)


async def deliver_app_messages(rig: Rig) -> tuple[list[int], list[tuple[str, str]]]:
    """Each message's HTTP status, and the answers that came back in the responses (to, text)."""
    statuses, passive = [], []
    for user, text, msg_id in MESSAGES:
        params, body = rig.app_peer.text(user, text, msg_id, rig.now())
        response = await rig.client.post(APP_PATH, params=params, data=body)
        statuses.append(response.status)
        reply = await response.text()
        if response.status == 200 and reply:
            fields = rig.app_peer.open_reply(reply, params)
            passive.append((fields["ToUserName"], fields["Content"]))
    await rig.bot.drain()
    return statuses, passive


@pytest.mark.parametrize("step", ["claimed", "recorded", "sending"])
async def test_app_messages_are_answered_once_after_a_crash_and_the_redelivery(
    database_url: str, step: str
) -> None:
    async with private_rig(database_url) as rig:
        killer = Killer(step)
        rig.bot.fault = killer
        first, answers = await deliver_app_messages(rig)
        assert killer.dead
        sent = list(rig.api.sent)  # what reached WeCom before the crash
        stopped_at = rig.clock.now()
    async with private_rig(database_url, start=stopped_at + timedelta(seconds=10)) as rig:  # the restart
        statuses, passive = await deliver_app_messages(rig)  # WeCom's redeliveries (a 500 or no answer)
        assert statuses == [200] * 3
        answers += passive
        # what the dead worker held is taken at once, its lease still running (bot.runtime.ANSWER_LEASE)
        await rig.bot.tick()
        await rig.bot.drain()
        await rig.bot.tick()  # nothing is left for a second tick
        await rig.bot.drain()
        sent += rig.api.sent
    answers += [(s.to, s.text) for s in sent if s.path == "/cgi-bin/message/send"]
    assert Counter(to for to, _ in answers) == {"zhangsan": 2, "lisi": 1}, (first, answers)
    assert len(set(answers)) == 3  # zhangsan's two answers differ: each message answered once
    assert all(text for _, text in answers)


async def passive_answers(rig: Any, payloads: list[dict[str, Any]]) -> list[str]:
    contents = []
    for payload in payloads:
        response, nonce = await rig.post(payload)
        body = await response.read()
        if response.status == 200 and body:
            contents.append(str(rig.peer.open_reply(await response.json(), nonce)["stream"]["content"]))
    await rig.bot.drain()
    return contents


@pytest.mark.parametrize("step", ["claimed", "recorded"])
async def test_ai_bot_messages_are_answered_once_after_a_crash_and_the_redelivery(
    database_url: str, tmp_path: Any, step: str
) -> None:
    settings = make_settings(database_url, exports_dir=tmp_path)
    async with response_url_server() as endpoint:
        payloads = [
            text_callback(msg_id, text, user=user, chat=None, response_url=endpoint.url(msg_id))
            for user, text, msg_id in MESSAGES
        ]
        contents = await crash_and_restart(settings, payloads, step)
        contents += [body["markdown"]["content"] for _, body in endpoint.received]
    assert len(contents) == 3, contents
    assert len(set(contents)) == 2  # the two /帮助 answers are alike, /截止's differs


async def crash_and_restart(settings: Settings, payloads: list[dict[str, Any]], step: str) -> list[str]:
    """The passive answers to the AI bot's messages, sent once, then again to a restarted bot."""
    async with wecom_rig(settings) as rig:
        killer = Killer(step)
        rig.bot.fault = killer
        contents = await passive_answers(rig, payloads)
        assert killer.dead
        rig.bot.context.repos.inbox._engine.dispose()
    async with wecom_rig(settings) as rig:  # the restart; WeCom redelivers what it got no answer to
        contents += await passive_answers(rig, payloads)
        contents += await passive_answers(rig, payloads)  # more redeliveries: nothing more
        # A redelivery takes up its conversation's turn: a later message left in the same conversation is
        # answered with it, actively (through the response_url its person's message left unused).
        assert rig.outbox.sent == []
    return contents


async def test_a_late_ai_bot_answer_cut_off_by_a_crash_takes_the_push_route_after_the_restart(
    database_url: str, tmp_path: Any
) -> None:
    """A response_url lives in the memory of the process that got it: after a restart the answer recorded
    for it goes the push route (here the channels' fallback: the chat has no robot)."""
    settings = make_settings(database_url, exports_dir=tmp_path)
    async with response_url_server() as endpoint:
        payload = text_callback("8200001", "/帮助", chat=None, response_url=endpoint.url("late"))
        async with wecom_rig(settings, budget=0) as rig:  # no budget: every answer comes later
            rig.bot.fault = Killer("sending")
            response, _ = await rig.post(payload)
            assert (response.status, await response.read()) == (200, b"")
            await rig.bot.drain()
            rig.bot.context.repos.inbox._engine.dispose()
        async with wecom_rig(settings, start=rig.clock.now() + timedelta(seconds=10)) as restarted:
            await restarted.bot.tick()  # the dead worker's lease still runs: what it held is taken at once
            await restarted.bot.drain()
            await restarted.bot.tick()
            await restarted.bot.drain()
            [answer] = restarted.outbox.sent
            assert answer.text.startswith("我是绩效分级助手")
        assert endpoint.received == []  # the crash came before the POST


def crash_once_delivered(bot: BotApp[Any]) -> None:
    """The process dies after the platform took an answer and before the answer is marked sent."""
    writes = bot._writes
    mark = writes.sent

    async def dies_before_marking(result: SendResult) -> None:
        if result.status == SENT:
            raise Crash("delivered")
        await mark(result)

    writes.sent = dies_before_marking  # type: ignore[method-assign]


async def test_an_ai_bot_answer_delivered_just_before_a_crash_is_not_pushed_again(
    database_url: str, tmp_path: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """The AI bot's way back after a restart is the push route, which has no duplicate check: an answer whose
    send had begun when the process died is recorded as cut off and logged, never sent a second time (a
    doubled answer in a group is worse than a lost one, which the log and the outbox row say)."""
    settings = make_settings(database_url, exports_dir=tmp_path)
    async with response_url_server() as endpoint:
        payload = text_callback("8300001", "/帮助", chat=None, response_url=endpoint.url("late"))
        async with wecom_rig(settings, budget=0) as rig:  # no budget: the answer goes to the response_url
            crash_once_delivered(rig.bot)
            response, _ = await rig.post(payload)
            assert response.status == 200
            await rig.bot.drain()
            rig.bot.context.repos.inbox._engine.dispose()
        assert len(endpoint.received) == 1  # it reached the chat
        async with wecom_rig(settings, start=rig.clock.now() + timedelta(seconds=10)) as restarted:
            for _ in range(2):
                await restarted.bot.tick()
                await restarted.bot.drain()
            await passive_answers(restarted, [payload])  # WeCom's redelivery too
            assert restarted.outbox.sent == []  # not pushed again
            state = restarted.bot.inbox.state("wecom_bot", "8300001")
            assert state is not None
            assert [row["status"] for row in state[1]] == ["failed"]
        assert len(endpoint.received) == 1
    assert "answer cut off by a crash" in caplog.text
