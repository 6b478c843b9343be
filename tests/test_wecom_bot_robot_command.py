"""/机器人: staff attach a group robot to a bound group; its pushes then go through that robot."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer

from bot.clock import ManualClock
from bot.message import Reply
from bot.outbox import RoutingOutbox
from bot.server import compose, make_web_app
from bot.settings import Settings
from storage.db import make_engine, migrate
from storage.repos import Repositories
from tests.fake_robot import robot_server
from tests.harness import START, Harness, make_harness, make_settings, run_jsonl_with_logs
from tests.test_wording import RENDER
from tests.wecom_peer import AES_KEY, GROUP, TOKEN, WeComPeer, response_url_server, text_callback

STAFF_ONLY = RENDER("bot_words.j2", step="staff_only")

KEY = "3f1c9a2e-5b7d-4e8f-9a0b-1c2d3e4f7a9b"
OTHER_KEY = "8d7c6b5a-4f3e-4d2c-8b1a-0f9e8d7c6b5a"


def test_a_bound_group_keeps_its_robot_until_removed_or_unbound(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    groups = Repositories.on(engine).groups
    try:
        assert not groups.set_robot("console", "平山县企业群", KEY)  # not bound: nothing to attach to
        groups.bind("console", "平山县企业群", "平山县", "enterprise", "王科长", START)
        groups.bind("wecom_bot", "wrkLuquan", "鹿泉区", "enterprise", "王科长", START)
        assert groups.robot_key("console", "平山县企业群") is None
        assert groups.set_robot("console", "平山县企业群", KEY)
        assert groups.robot_key("console", "平山县企业群") == KEY
        assert groups.robot_key("wecom_bot", "平山县企业群") is None  # a group is (channel, chat)
        assert [g.chat_id for g in groups.with_robot(KEY)] == ["平山县企业群"]

        later = datetime.fromisoformat("2020-07-16T10:00:00+08:00")
        previous = groups.bind("console", "平山县企业群", "平山县", "county_branch", "李科长", later)
        assert previous is not None
        assert previous.robot_key == KEY
        assert groups.robot_key("console", "平山县企业群") == KEY  # re-binding keeps the robot

        assert groups.set_robot("console", "平山县企业群", OTHER_KEY)
        assert groups.with_robot(KEY) == []
        assert groups.set_robot("console", "平山县企业群", None)
        assert groups.robot_key("console", "平山县企业群") is None

        groups.set_robot("wecom_bot", "wrkLuquan", KEY)
        groups.unbind("wecom_bot", "wrkLuquan")
        assert groups.robot_key("wecom_bot", "wrkLuquan") is None  # unbinding forgets the robot
        groups.bind("wecom_bot", "wrkLuquan", "鹿泉区", "enterprise", "王科长", later)
        assert groups.robot_key("wecom_bot", "wrkLuquan") is None
    finally:
        engine.dispose()


URL = f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={KEY}"
PINGSHAN = "平山县企业群"
LUQUAN = "鹿泉区企业群"


def staff(chat: str, text: str, time: str | None = None) -> dict[str, str]:
    line = {"chat": chat, "user": "王科长", "text": text, "role": "staff"}
    return line | ({"time": time} if time else {})


def answers_to(out: list[dict[str, object]], chat: str) -> list[str]:
    return [str(o["text"]) for o in out if o["chat"] == chat and o["to"] is not None]


def pushes_to(out: list[dict[str, object]], chat: str) -> list[str]:
    return [str(o["text"]) for o in out if o["chat"] == chat and o["to"] is None]


async def test_console_group_with_a_robot_gets_its_pushes_through_it(tmp_path: Path) -> None:
    lines = [
        staff(PINGSHAN, f"/机器人 {URL}"),  # not bound yet
        staff(PINGSHAN, "/绑定 平山县"),
        {"chat": PINGSHAN, "user": "李经理", "text": f"/机器人 {URL}"},  # an enterprise user
        staff(PINGSHAN, "/机器人 https://qyapi.weixin.qq.com/cgi-bin/webhook/send"),  # no key in it
        staff(PINGSHAN, "/机器人 这是地址"),
        staff(PINGSHAN, f"/机器人 {URL}"),
        staff(LUQUAN, "/绑定 鹿泉区"),
        staff(LUQUAN, f"/机器人 {KEY}"),  # the same robot for another group
        staff(PINGSHAN, "/机器人"),
        staff("王科长", "/广播 请各企业按时报送申请名单"),
        staff("王科长", "确认"),
        staff("王科长", "/截止", time="2020-07-16T12:00"),  # the 7月17日 deadline's one-day reminder is due
        staff(PINGSHAN, "/机器人 删除"),
        staff(PINGSHAN, "确认"),
        staff("王科长", "/广播 第二条通知"),
        staff("王科长", "确认"),
    ]
    async with robot_server([KEY]) as robot:
        # the console (its own event loop) posts to the fake, whose server runs on this test's loop: a thread
        out, logs = await asyncio.to_thread(
            run_jsonl_with_logs,
            lines,
            f"sqlite:///{tmp_path}/bot.db",
            BOT_WECOM_API_BASE=robot.base,
            BOT_LOG_LEVEL="DEBUG",
        )

    pingshan = answers_to(out, PINGSHAN)
    assert "本群还没有绑定，不能设置群机器人" in pingshan[0]
    assert "已把本群绑定到平山县" in pingshan[1]
    assert answers_to(out, PINGSHAN)[2] == STAFF_ONLY
    assert pingshan[3].startswith("这不是群机器人的 webhook 地址或 key。请这样发送：/机器人")
    assert pingshan[4].startswith("这不是群机器人的 webhook 地址或 key。")
    assert pingshan[5].startswith("已为本群设置群机器人（key ****7a9b）。")
    assert "已经设置给另一个群（平山县·企业群）" in answers_to(out, LUQUAN)[1]
    assert pingshan[6].startswith("本群的推送通过群机器人（key ****7a9b）发出。")
    assert pingshan[7].startswith("确定删除本群的群机器人（key ****7a9b）吗？")
    assert pingshan[8].startswith("已删除本群的群机器人。")

    # While it had the robot, the group's broadcast and reminder went to the robot, not to stdout.
    assert [text.splitlines()[0] for text in robot.contents(KEY)] == [
        "【通知】请各企业按时报送申请名单",
        "【截止提醒】企业报送绩效评级申请名单",
    ]
    assert "截止：2020年7月17日12:00前（还有1天）" in robot.contents(KEY)[1]
    assert robot.refusals == []
    assert [text.splitlines()[0] for text in pushes_to(out, PINGSHAN)] == ["【通知】第二条通知"]
    # The group without a robot got everything in its channel, as before.
    assert [text.splitlines()[0] for text in pushes_to(out, LUQUAN)] == [
        "【通知】请各企业按时报送申请名单",
        "【截止提醒】企业报送绩效评级申请名单",
        "【通知】第二条通知",
    ]
    summaries = [t for t in answers_to(out, "王科长") + pushes_to(out, "王科长") if "发送完毕" in t]
    assert len(summaries) == 2
    assert all("共2个群，送达2个，失败0个" in t for t in summaries)

    assert KEY not in json.dumps(out, ensure_ascii=False)
    assert "group robot attached" in logs
    assert "****7a9b" in logs
    assert KEY not in logs


def ai_bot_settings(database_url: str, robots_base: str) -> Settings:
    """The AI bot configured, wangke staff of 平山县, group robots at `robots_base`."""
    return make_settings(
        database_url,
        wecom_api_base=robots_base,
        wecom_bot_token=TOKEN,
        wecom_bot_aes_key=AES_KEY,
        staff={"wangke": "平山县"},
    )


async def test_wecom_group_attaches_a_robot_and_a_broadcast_reaches_it(settings: Settings) -> None:
    group_key = "5f4e3d2c-1a0b-4c9d-8e7f-6a5b4c300001"
    async with robot_server([group_key]) as robot:
        configured = ai_bot_settings(settings.database_url, robot.base)
        clock = ManualClock(START)
        bot, mounts = compose(configured, clock, RoutingOutbox({}))  # as `serve` composes it
        peer = WeComPeer()

        async def say(msgid: str, text: str, chat: str | None = GROUP) -> str:
            params, body = peer.callback(
                text_callback(msgid, text, user="wangke", chat=chat), int(START.timestamp())
            )
            response = await client.post("/wecom/bot", params=params, data=body)
            reply = peer.open_reply(await response.json(), params["nonce"])
            return str(reply["stream"]["content"])

        try:
            async with TestClient(TestServer(make_web_app(bot, mounts))) as client:
                assert "已把本群绑定到平山县" in await say("m1", "@绩效分级助手 /绑定 平山县")
                warned = await say("m0", "/广播 明天上午检查", chat=None)
                assert "其中1个企业微信群还没有设置群机器人，这次收不到" in warned  # before /机器人
                assert "已取消" in await say("m00", "取消", chat=None)
                webhook = f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={group_key}"
                assert "key ****0001" in await say("m2", f"@绩效分级助手 /机器人 {webhook}")
                question = await say("m3", "/广播 明天上午检查", chat=None)
                assert "将向平山县1个群发送" in question  # wangke works for 平山县
                assert "没有设置群机器人" not in question
                assert "开始发送广播#1" in await say("m4", "确认", chat=None)
                await bot.drain()
        finally:
            await bot.close()
            bot.context.repos.inbox._engine.dispose()
    assert robot.contents(group_key) == ["【通知】明天上午检查\n——wangke"]


async def test_replacing_and_removing_a_robot(harness: Harness) -> None:
    async def say(text: str, chat: str = PINGSHAN) -> str:
        return await harness.text("王科长", text, chat=chat, role="staff")

    assert "/机器人 webhook地址" in await say("/帮助", chat="王科长")
    assert "请在要设置群机器人的群里发送" in await say(f"/机器人 {URL}", chat="王科长")
    await say("/绑定 平山县")
    assert "本群还没有设置群机器人" in await say("/机器人")
    assert "本群没有用 /机器人 设置群机器人，不用删除" in await say("/机器人 删除")
    await say(f"/机器人 {URL}")
    replaced = await say(f"/机器人 {OTHER_KEY}")
    assert replaced.startswith("已为本群设置群机器人（key ****6b5a），替换了原来的（key ****7a9b）。")
    assert harness.app.context.repos.groups.robot_key("console", PINGSHAN) == OTHER_KEY
    assert "确定删除本群的群机器人（key ****6b5a）吗" in await say("/机器人 删除")
    assert await say("取消") == "已取消，本群仍使用原来的群机器人。"
    assert harness.app.context.repos.groups.robot_key("console", PINGSHAN) == OTHER_KEY
    assert "为本群设置的群机器人也一并删除" in await say("/解绑")
    assert "已解绑" in await say("确认")
    assert harness.app.context.repos.groups.robot_key("console", PINGSHAN) is None


async def test_a_robot_configured_for_another_chat_is_refused(settings: Settings) -> None:
    harness = make_harness(settings.model_copy(update={"wecom_robots": {"wrkOtherGroup": KEY}}))
    await harness.say("王科长", "/绑定 平山县", chat=PINGSHAN, role="staff")
    refused = await harness.text("王科长", f"/机器人 {URL}", chat=PINGSHAN, role="staff")
    assert refused.startswith("配置文件里已把这个群机器人设置给另一个群")
    assert harness.app.context.repos.groups.robot_key("console", PINGSHAN) is None


async def test_only_a_robots_key_is_taken_and_a_test_push_can_be_asked_for(settings: Settings) -> None:
    async with robot_server([KEY]) as robot:  # it knows KEY only: OTHER_KEY is refused as invalid
        harness = make_harness(settings.model_copy(update={"wecom_api_base": robot.base}))

        async def say(text: str, chat: str = PINGSHAN) -> str:
            return await harness.text("王科长", text, chat=chat, role="staff")

        await say("/绑定 平山县")
        assert "本群还没有设置群机器人" in await say("/机器人 测试")
        for bad in ("abcdefgh", "robot-key-001", KEY[:-1], KEY + "0", URL.replace(KEY, "abcdefgh-1234")):
            refused = await say(f"/机器人 {bad}")
            assert refused.startswith("这不是群机器人的 webhook 地址或 key。"), bad
            assert "36个字符" in refused
        assert harness.app.context.repos.groups.robot_key("console", PINGSHAN) is None
        attached = await say(f"/机器人 {URL}")
        assert "发送“/机器人 测试”" in attached

        async def test_push(chat: str) -> list[Reply]:
            """What `/机器人 测试` says, then (once its push is done) how it went."""
            replies = await harness.say("王科长", "/机器人 测试", chat=chat, role="staff")
            await harness.app.drain()
            return replies + harness.outbox.take()

        started, report = await test_push(PINGSHAN)
        assert "正在通过本群的群机器人（key ****7a9b）发一条测试消息" in started.text
        assert [text.splitlines()[0] for text in robot.contents(KEY)] == ["【测试】这是群机器人的测试消息。"]
        assert (report.chat_id, report.to) == (PINGSHAN, "王科长")
        assert "测试消息已由群机器人（key ****7a9b）发出" in report.text

        await say("/绑定 鹿泉区", chat=LUQUAN)
        await say(f"/机器人 {OTHER_KEY}", chat=LUQUAN)
        _, report = await test_push(LUQUAN)
        assert (report.chat_id, report.to) == (LUQUAN, "王科长")  # back the way it was asked, not the robot
        assert "测试消息没有发出" in report.text
        assert "密钥无效" in report.text
        await harness.app.close()


async def test_a_broadcast_confirmed_through_the_ai_bot_reports_back_through_it(settings: Settings) -> None:
    group_key = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b"  # the fake knows no key: its robot refuses everything
    async with robot_server([]) as robot, response_url_server() as later:
        configured = ai_bot_settings(settings.database_url, robot.base)
        bot, mounts = compose(configured, ManualClock(START), RoutingOutbox({}))  # as `serve` composes it
        peer = WeComPeer()

        async def say(msgid: str, text: str) -> str:
            payload = text_callback(msgid, text, user="wangke", response_url=later.url(msgid))
            params, body = peer.callback(payload, int(START.timestamp()))
            response = await client.post("/wecom/bot", params=params, data=body)
            reply = peer.open_reply(await response.json(), params["nonce"])
            return str(reply["stream"]["content"])

        try:
            async with TestClient(TestServer(make_web_app(bot, mounts))) as client:
                await say("m1", "@绩效分级助手 /绑定 平山县")
                await say("m2", f"@绩效分级助手 /机器人 {group_key}")
                assert "将向平山县1个群发送" in await say("m3", "@绩效分级助手 /广播 明天上午检查")
                assert "开始发送广播#1" in await say("m4", "@绩效分级助手 确认")
                await bot.drain()
        finally:
            await bot.close()
            bot.context.repos.inbox._engine.dispose()
    assert robot.refusals == [(group_key, 93000)]  # the broadcast; its report did not try the robot
    [(code, body)] = later.received
    assert code == "m4"  # the message that confirmed it: the way the staff member spoke
    assert "广播#1发送完毕：共1个群，送达0个，失败1个" in body["markdown"]["content"]
