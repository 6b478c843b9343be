"""Files in WeCom (issue 15, item 1): /导出 sends the application list as a file message, uploaded to the
fake WeCom API in a private app chat and to the fake group robot in a 分局群; where no file can go the answer
says so, and a file outside WeCom's sizes is refused in words."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from aiohttp import ClientSession, CookieJar
from aiohttp.test_utils import TestClient, TestServer
from hypothesis import given
from hypothesis import strategies as st

from bot.adapters.wecom_api import ApiClient, WeComAppSender, wecom_token_source
from bot.adapters.wecom_robot import WeComRobotSender
from bot.clock import ManualClock
from bot.dispatch import Router
from bot.files import MB
from bot.message import Message, Reply
from bot.outbox import RoutingOutbox, SendError
from bot.server import compose, make_web_app
from handlers.assessment import export_request
from handlers.context import Context
from storage.db import make_engine, migrate
from storage.repos import Repositories
from tests.fake_robot import robot_server
from tests.fake_wechat_api import AGENT_ID, CORP_ID, CORP_SECRET, Upload, wechat_api
from tests.harness import (
    CEMENT,
    START,
    VALID_CODES,
    Rig,
    cement,
    complete,
    make_harness,
    make_settings,
    own_commands,
    private_rig,
    save_draft,
)
from tests.test_wording import RENDER
from tests.wecom_peer import AES_KEY, TOKEN, WeComPeer, text_callback
from tests.workspace_rig import SECRET

ROBOT_KEY = "7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f"
BRANCH_GROUP = "wrkLuquanBranch"
STAFF = {"wangke": "鹿泉区"}
UPLOAD = "/cgi-bin/media/upload"


async def cement_draft(database_url: str, exports: Path) -> None:
    """An enterprise of 鹿泉区 confirms its draft through the console, on the database the channels use."""
    harness = make_harness(make_settings(database_url, exports_dir=exports))
    await complete(harness, "李经理", CEMENT, chat="李经理")
    assert "已保存为申请名单草稿" in await harness.text("李经理", "确认", chat="李经理")
    harness.app.context.repos.inbox._engine.dispose()


def sheet_rows(content: bytes) -> list[tuple[object, ...]]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    return [tuple(cell.value for cell in row) for row in sheet.iter_rows()]


def exported(exports: Path, suffix: str) -> Path:
    [path] = exports.glob(f"*{suffix}")
    return path


async def say_to_app(rig: Rig, user: str, text: str, msg_id: str) -> None:
    params, body = rig.app_peer.text(user, text, msg_id, rig.now())
    response = await rig.client.post("/wecom/app", params=params, data=body)
    assert (response.status, await response.text()) == (200, "")
    await rig.bot.drain()


async def test_export_in_a_private_app_chat_arrives_as_a_file(tmp_path: Path) -> None:
    url, exports = f"sqlite:///{tmp_path}/bot.db", tmp_path / "exports"
    await cement_draft(url, exports)
    async with private_rig(url, staff=STAFF, exports_dir=exports) as rig:
        # the upload follows the API's rules: a refused token is fetched anew and the call tried again; when
        # the platform is busy, the delivery backs off and tries again
        rig.api.refuse_next(42001, path=UPLOAD)
        rig.api.refuse_next(-1, path=UPLOAD)
        await say_to_app(rig, "wangke", "/导出", "6000001")
        caption, file_message = rig.api.sent
        assert (caption.to, file_message.to) == ("wangke", "wangke")
        assert "已导出鹿泉区申请名单草稿（1家，xlsx文件）" in caption.text
        assert file_message.path == "/cgi-bin/message/send"
        assert file_message.body["msgtype"] == "file"
        assert file_message.body["agentid"] == AGENT_ID
        uploaded = file_message.file
        assert uploaded is not None
        xlsx = exported(exports, ".xlsx")
        assert uploaded == Upload(xlsx.name, xlsx.read_bytes())  # shown under the export's own name
        rows = sheet_rows(uploaded.content)
        assert rows[3][2:4] == ("鹿泉区鼎鑫水泥有限公司", VALID_CODES[0])  # in full: a private chat
        assert "13812345678" in rows[3]
        assert rig.api.refusals == [42001, -1]
        assert rig.api.fetches["wecom"] == 2

        await say_to_app(rig, "wangke", "/导出 CSV", "6000002")
        csv_caption, csv_message = rig.api.sent[2:]
        assert "（1家，csv文件）" in csv_caption.text
        assert csv_message.file is not None
        assert csv_message.file.name.endswith(".csv")
        text = csv_message.file.content.decode("utf-8-sig")
        assert list(csv.reader(io.StringIO(text)))[3][2] == "鹿泉区鼎鑫水泥有限公司"


async def test_export_in_a_branch_group_goes_through_its_group_robot_and_nowhere_else(tmp_path: Path) -> None:
    url, exports = f"sqlite:///{tmp_path}/bot.db", tmp_path / "exports"
    await cement_draft(url, exports)
    peer = WeComPeer()
    async with robot_server([ROBOT_KEY]) as robot:
        settings = make_settings(
            url,
            exports_dir=exports,
            wecom_api_base=robot.base,
            wecom_bot_token=TOKEN,
            wecom_bot_aes_key=AES_KEY,
            staff=STAFF,
        )
        bot, mounts = compose(settings, ManualClock(START), RoutingOutbox({}))  # as `serve` composes it

        async def say(msgid: str, text: str, chat: str | None = BRANCH_GROUP) -> str:
            mention = "@绩效分级助手 " if chat else ""  # in a group WeCom delivers what @-mentions the bot
            payload = text_callback(msgid, mention + text, user="wangke", chat=chat)
            params, body = peer.callback(payload, int(START.timestamp()))
            response = await client.post("/wecom/bot", params=params, data=body)
            return str(peer.open_reply(await response.json(), params["nonce"])["stream"]["content"])

        try:
            async with TestClient(TestServer(make_web_app(bot, mounts))) as client:
                assert "已把本群绑定到鹿泉区" in await say("m1", "/绑定 鹿泉区 分局")
                # no way for a file: the AI bot's answers carry none, and the group has no robot yet
                for msgid, chat in (("m2", None), ("m3", BRANCH_GROUP)):
                    answer = await say(msgid, "/导出", chat=chat)
                    assert "已导出鹿泉区申请名单草稿（1家，xlsx文件）" in answer
                    name = exported(exports, ".xlsx").name
                    assert (
                        f"文件“{name}”已生成，但这个聊天里收不了文件。请在企业微信里私聊本助手的应用"
                        in answer
                    )
                    assert str(exports) not in answer  # a path on the server means nothing to staff
                await say("m4", f"/机器人 {ROBOT_KEY}")
                caption = await say("m5", "/导出")
                assert "已导出鹿泉区申请名单草稿（1家，xlsx文件）" in caption
                assert "收不了文件" not in caption
        finally:  # the file's push is done once the server has stopped
            await bot.close()
            bot.context.repos.inbox._engine.dispose()
    xlsx = exported(exports, ".xlsx")  # the clock stands still: each export rewrote the one file
    [uploaded] = robot.files(ROBOT_KEY)
    assert uploaded == Upload(xlsx.name, xlsx.read_bytes())
    assert sheet_rows(uploaded.content)[3][2] == "鹿泉区鼎鑫水泥有限公司"
    assert robot.refusals == []


# ---- size limits ------------------------------------------------------------------------------------


def said(error: SendError) -> str:
    """A refusal in the words of /发送失败."""
    return RENDER("send_failure.j2", failure=error.failure)


big: Router[Context] = Router("big files")


@big.command("大文件")
async def big_file(msg: Message, ctx: Context, args: str) -> list[Reply]:
    """A file of `args` bytes, sparse: it takes no room on disk."""
    path = ctx.config.exports_dir / "大文件.xlsx"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as stream:
        stream.truncate(int(args))
    return [msg.file_reply(path)]


async def test_the_official_account_answers_a_file_with_where_to_get_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/bot.db"
    async with private_rig(
        url, routers=[big], command_words=own_commands(big), exports_dir=tmp_path / "exports"
    ) as rig:
        params, body = rig.mp_peer.text("o_staff_openid_1", "/大文件 100", "8000001", rig.now(), True)
        response = await rig.client.post("/mp", params=params, data=body.encode("utf-8"))
        reply = rig.mp_peer.open_reply(await response.text(), params, True)
        await rig.bot.drain()
    assert reply["Content"].startswith("文件“大文件.xlsx”已生成，但这个聊天里收不了文件。")
    assert rig.api.uploads == {}
    assert rig.api.sent == []  # the answer went in the callback's response, and nothing else went out


@pytest.fixture
def oversized(tmp_path: Path) -> Path:
    path = tmp_path / "申请名单.xlsx"
    with path.open("wb") as stream:
        stream.truncate(20 * MB + 1)  # sparse: no room taken on disk
    return path


async def test_a_file_over_20_mb_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/bot.db"
    async with private_rig(
        url, routers=[big], command_words=own_commands(big), exports_dir=tmp_path / "exports"
    ) as rig:
        await say_to_app(rig, "wangke", f"/大文件 {25 * MB}", "7000001")
        await say_to_app(rig, "wangke", "/大文件 5", "7000002")
        await say_to_app(rig, "wangke", f"/大文件 {20 * MB}", "7000003")  # the largest WeCom takes
        too_large, too_small, largest = rig.api.sent
        assert too_large.text == (
            "文件“大文件.xlsx”有25.0 MB，超过了企业微信单个文件20 MB的上限，没有发出。请联系管理员从服务器上取这个文件。"
        )
        assert too_small.text == "文件“大文件.xlsx”太小（不到6个字节），企业微信不收这样的文件，没有发出。"
        assert largest.file is not None
        assert len(largest.file.content) == 20 * MB
        assert len(rig.api.uploads) == 1


async def test_senders_refuse_a_file_outside_the_limits_before_reading_it(
    tmp_path: Path, oversized: Path
) -> None:
    async with wechat_api() as api, robot_server([ROBOT_KEY]) as robot:
        engine = make_engine(f"sqlite:///{tmp_path}/bot.db")
        migrate(engine)
        repos = Repositories.on(engine)
        client = ApiClient(
            api.base,
            wecom_token_source(CORP_ID, AGENT_ID, CORP_SECRET),
            repos.tokens,
            ManualClock(START),
            "wecom",
        )
        app_sender = WeComAppSender(client, AGENT_ID, app_chats=())
        robot_sender = WeComRobotSender(robot.base)
        try:
            with pytest.raises(SendError) as app_refusal:
                await app_sender.send(Reply("wecom_app", "wangke", "", file=oversized))
            assert said(app_refusal.value).startswith("文件大小不符（企业微信只收 6 字节到 20 MB 的文件")
            with pytest.raises(SendError) as robot_refusal:
                await robot_sender.post_file(ROBOT_KEY, oversized)
            assert "这个文件有 20971521 字节" in said(robot_refusal.value)
            # the platforms refuse it too, should a sender ever let one through
            with pytest.raises(SendError) as platform_refusal:
                await client.upload("/cgi-bin/media/upload", {"type": "file"}, "x.xlsx", b"12345")
            assert re.search(r"文件大小不符.*errcode 40006", said(platform_refusal.value))
        finally:
            await client.close()
            await robot_sender.close()
            engine.dispose()
    assert api.uploads == {}
    assert api.fetches["wecom"] == 1  # the too-small upload reached the platform; the large ones did not
    assert robot.uploads == {}


# ---- what /导出 asks for -------------------------------------------------------------------------------

COUNTIES = st.sampled_from(["", "平山县", "平山", "鹿泉区", "高新区", "井陉矿区", "赵县"])
FORMAT_WORDS = {"xlsx": ["xlsx", "XLSX", "Excel", "ｘｌｓｘ"], "csv": ["csv", "CSV", "Csv", "ＣＳＶ"]}


@given(
    county=COUNTIES,
    wanted=st.sets(st.sampled_from(["xlsx", "csv"])),
    data=st.data(),
)
def test_export_request_reads_the_county_and_the_formats_in_any_order(
    county: str, wanted: set[str], data: st.DataObject
) -> None:
    words = [data.draw(st.sampled_from(FORMAT_WORDS[fmt])) for fmt in sorted(wanted)]
    parts = data.draw(st.permutations([county, *words] if county else words))
    joiner = data.draw(st.sampled_from([" ", "　", "和", "、", ",", " 和 "]))
    args = joiner.join(parts)
    named_county, formats = export_request(args)
    assert named_county == county
    assert formats == (tuple(fmt for fmt in ("xlsx", "csv") if fmt in wanted) or ("xlsx",))


def no_latin_letter(char: str) -> bool:
    return not any(c.isascii() and c.isalpha() for c in unicodedata.normalize("NFKC", char))


@given(st.text(st.characters().filter(no_latin_letter)))
def test_without_a_format_word_the_words_are_the_county_and_the_file_the_xlsx(args: str) -> None:
    assert export_request(args) == (args.strip(), ("xlsx",))


NAMES = st.text(st.sampled_from("申请名单平山县鹿泉区_-.（）ABCxyz0123"), min_size=1, max_size=40)


@given(name=NAMES, content=st.binary(max_size=64))
async def test_a_robot_upload_carries_the_file_exactly_or_is_refused_unsent(
    tmp_path: Path, name: str, content: bytes
) -> None:
    file = tmp_path / f"{name}.xlsx"
    file.write_bytes(content)
    async with robot_server([ROBOT_KEY]) as robot:
        sender = WeComRobotSender(robot.base)
        try:
            if len(content) < 6:
                with pytest.raises(SendError) as refusal:
                    await sender.post_file(ROBOT_KEY, file)
                assert said(refusal.value).startswith("文件大小不符")
            else:
                await sender.post_file(ROBOT_KEY, file)
        finally:
            await sender.close()
    assert robot.files(ROBOT_KEY) == ([Upload(file.name, content)] if len(content) >= 6 else [])
    assert robot.refusals == []


async def test_export_on_the_official_account_offers_a_one_time_download_link(tmp_path: Path) -> None:
    """Where no file can go, /导出 in a private chat answers with a link to the workspace's download, which
    signs that staff member in once and gives the same file."""
    url = f"sqlite:///{tmp_path}/bot.db"
    exports = tmp_path / "exports"
    async with private_rig(
        url, exports_dir=exports, public_url="https://bot.example.cn", session_secret=SECRET
    ) as rig:
        enterprise = make_harness(make_settings(url, exports_dir=exports))
        await complete(enterprise, "赵经理", cement("平山县鼎鑫水泥有限公司", VALID_CODES[1], "平山", "85"))
        await save_draft(enterprise, "赵经理")
        params, body = rig.mp_peer.text("o_staff_openid_1", "/导出 csv", "8000002", rig.now(), True)
        response = await rig.client.post("/mp", params=params, data=body.encode("utf-8"))
        answered = await response.text()
        passive = [] if answered == "success" else [rig.mp_peer.open_reply(answered, params, True)["Content"]]
        await rig.bot.drain()
        said = "\n".join([*passive, *rig.api.texts("o_staff_openid_1")])
        token = re.search(r"https://bot\.example\.cn/staff/signin\?token=(\S+)", said)
        assert token, said
        assert "10分钟内打开下面的链接下载" in said
        assert rig.api.uploads == {}
        form = {"token": token.group(1)}
        signin = rig.client.make_url("/staff/signin")
        # the link names BOT_PUBLIC_URL (https); here the same path on loopback over plain HTTP, so the jar
        # must take the Secure session cookie back there
        jar = CookieJar(unsafe=True, treat_as_secure_origin=[rig.client.make_url("/")])
        async with ClientSession(cookie_jar=jar) as browser:
            async with browser.post(signin, data=form) as download:
                assert download.headers["Content-Disposition"].startswith("attachment")
                assert "平山县鼎鑫水泥有限公司" in (await download.read()).decode("utf-8-sig")
            jar.clear()
            async with browser.post(signin, data=form) as again:
                assert again.status == 403  # usable once
