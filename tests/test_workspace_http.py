"""The staff workspace over real HTTP on loopback, without a browser: settings, links, headers, cookies, the
same numbers as the chat commands, and no query that breaks a page."""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiohttp import ClientSession, CookieJar
from aiohttp.test_utils import BaseTestServer, TestServer
from hypothesis import given
from hypothesis import strategies as st

from bot.server import make_web_app, workspace_mounts
from bot.settings import Settings
from handlers.signin import StaffMember, download_link
from handlers.workspace import as_message
from tests.fake_robot import robot_server
from tests.harness import VALID_CODES, Harness, cement, complete, make_harness, make_settings, save_draft
from tests.test_wecom_bot_serve import serve_environment, serve_process
from tests.workspace_rig import SECRET, STAFF

LINK = re.compile(r"https?://\S+/staff/signin\?token=(\S+)")


@dataclass
class Workspace:
    harness: Harness
    server: BaseTestServer
    client: ClientSession

    def url(self, path: str) -> str:
        return str(self.server.make_url(path))

    async def sign_in(self, user: str = "wangke") -> None:
        text = await self.harness.text(user, "/后台", chat=user, role="staff")
        token = LINK.search(text)
        assert token, text
        async with self.client.post(self.url("/staff/signin"), data={"token": token.group(1)}) as response:
            assert response.status == 200


def workspace_settings(
    tmp_path: Path, public_url: str = "https://bot.example.cn", **more: object
) -> Settings:
    return make_settings(
        f"sqlite:///{tmp_path}/bot.db",
        exports_dir=tmp_path / "exports",
        public_url=public_url,
        session_secret=SECRET,
        staff=STAFF,
        **more,
    )


@pytest.fixture
async def workspace(tmp_path: Path) -> AsyncIterator[Workspace]:
    async with robot_server(keys=set()) as robots:  # it knows no robot: every push to one fails
        settings = workspace_settings(tmp_path, wecom_api_base=robots.base, send_max_attempts=1)
        async for running in _serve(settings):
            yield running


async def _serve(settings: Settings) -> AsyncIterator[Workspace]:
    harness = make_harness(settings)
    app = make_web_app(harness.app, workspace_mounts(harness.app, settings))
    async with TestServer(app, host="127.0.0.1") as server:
        # the links name BOT_PUBLIC_URL; the test reaches the same paths on loopback, over plain HTTP, so the
        # cookie jar must take the Secure cookie back there
        async with ClientSession(
            cookie_jar=CookieJar(unsafe=True, treat_as_secure_origin=[server.make_url("/")])
        ) as client:
            yield Workspace(harness, server, client)


async def test_the_workspace_is_off_without_its_settings_and_serve_says_so_once(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    harness = make_harness(settings)
    with caplog.at_level(logging.WARNING, logger="bot.server"):
        mounts = workspace_mounts(harness.app, settings)
    assert mounts == []
    assert [r.getMessage() for r in caplog.records] == [
        "BOT_PUBLIC_URL or BOT_SESSION_SECRET not set: the staff workspace (/staff/) is off"
    ]
    assert "工作台还没有开通" in await harness.text("wangke", "/后台", chat="wangke", role="staff")
    async with TestServer(make_web_app(harness.app, mounts), host="127.0.0.1") as server:
        async with ClientSession() as client, client.get(server.make_url("/staff/")) as response:
            assert response.status == 404


async def test_a_link_is_sent_only_in_private_and_only_to_staff(workspace: Workspace) -> None:
    in_group = await workspace.harness.text("wangke", "/后台", chat="平山县企业群", role="staff")
    assert "只在私聊里发" in in_group
    assert not LINK.search(in_group)
    assert not LINK.search(await workspace.harness.text("张三", "/后台", chat="张三"))


async def test_opening_a_link_does_not_use_it_up(workspace: Workspace) -> None:
    """A chat app's link preview fetches the page: only the button signs in."""
    text = await workspace.harness.text("wangke", "/后台", chat="wangke", role="staff")
    token = LINK.search(text)
    assert token
    assert token.group(0).startswith("https://bot.example.cn/staff/signin?token=")
    for _ in range(2):
        async with workspace.client.get(workspace.url(f"/staff/signin?token={token.group(1)}")) as response:
            assert response.status == 200
    async with workspace.client.post(
        workspace.url("/staff/signin"), data={"token": token.group(1)}
    ) as response:
        assert "平山县 · 概览" in await response.text()


async def test_pages_send_strict_headers_and_the_cookie_is_locked_down(workspace: Workspace) -> None:
    text = await workspace.harness.text("wangke", "/后台", chat="wangke", role="staff")
    token = LINK.search(text)
    assert token
    url = workspace.url("/staff/signin")
    async with workspace.client.post(url, data={"token": token.group(1)}, allow_redirects=False) as response:
        assert response.status == 303
        cookie = response.headers["Set-Cookie"]
        assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert "HttpOnly" in cookie
    assert "SameSite=Strict" in cookie
    assert "Secure" in cookie  # BOT_PUBLIC_URL is https
    assert "Path=/staff/" in cookie
    async with workspace.client.get(workspace.url("/staff/")) as response:
        assert response.status == 200
        assert "script-src" not in response.headers["Content-Security-Policy"]  # none allowed at all
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Cache-Control"] == "no-store"


async def test_a_forged_cookie_is_no_session(workspace: Workspace) -> None:
    workspace.client.cookie_jar.update_cookies({"staff_session": "gAAAAAforged"})
    async with workspace.client.get(workspace.url("/staff/drafts")) as response:
        assert response.status == 401
        assert "请重新登录" in await response.text()


async def test_the_workspace_and_the_chat_commands_count_the_same(workspace: Workspace) -> None:
    harness = workspace.harness
    for chat in ("平山县企业群", "平山县二群"):
        await harness.text("wangke", "/绑定 平山县", chat=chat, role="staff")
    await harness.text(
        "wangke", "/机器人 0123abcd-4567-89ef-0123-456789abcdef", chat="平山县二群", role="staff"
    )
    await harness.text("wangke", "/广播 平山县 请按时报送", chat="wangke", role="staff")
    await harness.text("wangke", "确认", chat="wangke", role="staff")
    await harness.app.drain()
    await complete(harness, "赵经理", cement("平山县鼎鑫水泥有限公司", VALID_CODES[1], "平山", "85"))
    await save_draft(harness, "赵经理")
    failures = await harness.text("wangke", "/发送失败", chat="wangke", role="staff")
    listed = await harness.text("wangke", "/申请列表", chat="wangke", role="staff")
    await workspace.sign_in()
    async with workspace.client.get(workspace.url("/staff/")) as response:
        overview = await response.text()
    async with workspace.client.get(workspace.url("/staff/sends")) as response:
        sends = await response.text()
    async with workspace.client.get(workspace.url("/staff/drafts")) as response:
        drafts = await response.text()
    assert "申请名单草稿（共1家）" in listed
    assert "显示 1 家，共 1 家" in drafts
    assert re.search(r"<dt>已确认</dt><dd>1</dd>", overview)
    assert "平山县·企业群（…县二群）" in failures  # two groups of one county and kind: told apart
    assert sends.count('class="resend"') == 1  # the one failure /发送失败 lists
    assert re.search(r"<dt>能收到推送</dt><dd>2</dd>", overview)
    assert re.search(r"<td>1</td>\s*<td>1</td>\s*<td>完成</td>", overview)  # delivered 1, failed 1


async def test_the_sends_page_says_when_the_county_has_no_bound_group(workspace: Workspace) -> None:
    """提醒和发送 listed reminders and broadcasts as if they would go out while the county had no bound group; and
    a county reminder that fell due there was shown nowhere (staff18)."""
    harness = workspace.harness
    await harness.text("wangke", "/提醒 平山县 明天9点 交材料", chat="wangke", role="staff")
    await harness.text("wangke", "/截止", chat="wangke", role="staff", time="2020-07-16T09:01")
    await workspace.sign_in()
    async with workspace.client.get(workspace.url("/staff/sends")) as response:
        sends = await response.text()
    async with workspace.client.get(workspace.url("/staff/")) as response:
        overview = await response.text()
    assert (
        '<p class="bad" id="no-groups">平山县还没有绑定的群：截止提醒、自定提醒和广播现在发不到任何群。'
        "绑定方法：在要接收的群里发送“/绑定 平山县”（分局工作群发送“/绑定 平山县 分局”）。</p>"
    ) in sends
    assert re.search(
        r"<td>提醒#1（7月16日 09:00）：交材料</td>\s*<td>平山县（没有绑定的群）</td>\s*<td>没有发出</td>",
        sends,
    )
    assert "没有发出（没有绑定的群）" in sends  # the reminder's own status
    assert 'class="resend"' not in sends  # nowhere to send it again
    assert re.search(r"<dt>没有可发的群</dt><dd>1</dd>", overview)
    await harness.text("wangke", "/绑定 平山县", chat="平山县企业群", role="staff")
    async with workspace.client.get(workspace.url("/staff/sends")) as response:
        assert 'id="no-groups"' not in await response.text()


async def test_staff_of_a_county_cannot_download_anothers(workspace: Workspace) -> None:
    await workspace.sign_in()
    async with workspace.client.get(workspace.url("/staff/drafts/export.xlsx?county=鹿泉区")) as response:
        assert response.status == 400
        assert "只能查看和导出平山县的申请名单" in await response.text()
    async with workspace.client.get(workspace.url("/staff/drafts/export.csv")) as response:
        assert response.status == 200
        assert "申请名单草稿" in (await response.read()).decode("utf-8-sig")


FIELDS = st.sampled_from(["county", "industry", "grade", "status", "search", "sort", "order", "x"])


@given(query=st.dictionaries(FIELDS, st.text(max_size=30), max_size=6))
async def test_no_query_breaks_the_list(workspace: Workspace, query: dict[str, str]) -> None:
    """Whatever is typed into the address: the list, or the chat command's reason, never a failure."""
    if not workspace.client.cookie_jar.filter_cookies(workspace.server.make_url("/staff/")):
        await workspace.sign_in("lishi")
    async with workspace.client.get(workspace.url("/staff/drafts"), params=query) as response:
        assert response.status in (200, 400), await response.text()


async def test_a_download_link_signs_its_staff_member_in_once_and_downloads(workspace: Workspace) -> None:
    """What /导出 sends where the channel cannot carry a file (the AI bot, the Official Account)."""
    ctx = workspace.harness.app.context
    staff = as_message(ctx, StaffMember("wangke", "王科长"))
    link = download_link(staff, ctx, "平山县", "csv")
    assert link is not None
    token = LINK.search(link)
    assert token
    url, form = workspace.url("/staff/signin"), {"token": token.group(1)}
    async with workspace.client.post(url, data=form) as response:
        assert response.headers["Content-Disposition"].startswith("attachment")
        assert "申请名单草稿" in (await response.read()).decode("utf-8-sig")
    workspace.client.cookie_jar.clear()
    async with workspace.client.post(url, data=form) as response:
        assert response.status == 403  # used


async def test_no_download_link_while_the_workspace_is_off(settings: Settings) -> None:
    ctx = make_harness(settings).app.context
    assert download_link(as_message(ctx, StaffMember("wangke", "王科长")), ctx, "平山县", "xlsx") is None


@pytest.mark.slow
async def test_serve_mounts_the_workspace_when_configured(tmp_path: Path) -> None:
    env = serve_environment(
        tmp_path, BOT_PUBLIC_URL="https://bot.example.cn", BOT_SESSION_SECRET=SECRET, BOT_ACCESS_LOG="true"
    )
    logs: list[str] = []
    async with serve_process(env, logs) as base, ClientSession() as client:
        async with client.get(f"{base}/staff/") as response:
            assert response.status == 401
            assert "请在私聊中给助手发送" in await response.text()
            assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")
        async with client.get(f"{base}/staff/signin", params={"token": "never-logged"}) as response:
            assert response.status == 200
    assert "/staff/signin?token=…" in logs[0]  # a sign-in link in the access log would be a credential
    assert "never-logged" not in logs[0]


async def preview_broadcast(workspace: Workspace, text: str) -> tuple[int, str]:
    """The broadcast page's form sent with `text`: the confirmation page or the form again."""
    async with workspace.client.get(workspace.url("/staff/broadcast")) as response:
        csrf = re.search(r'name="csrf" value="([^"]+)"', await response.text())
    assert csrf
    form = {"csrf": csrf.group(1), "text": text}
    async with workspace.client.post(workspace.url("/staff/broadcast/preview"), data=form) as response:
        return response.status, await response.text()


async def test_a_broadcast_that_cannot_go_out_asks_again_with_the_reason(workspace: Workspace) -> None:
    await workspace.sign_in()
    status, page = await preview_broadcast(workspace, "请按时报送")
    assert status == 400
    assert "平山县还没有绑定的群，发不出去" in page  # /广播's own words
    assert ">请按时报送</textarea>" in page  # the form again, with what was typed


FORM_FIELDS = st.sampled_from(["county", "text", "industry", "grade", "status", "search", "reveal", "x"])
FORM_PATHS = st.sampled_from(
    ["/staff/drafts", "/staff/broadcast/preview", "/staff/broadcast", "/staff/signout"]
) | st.builds(
    "{}{}".format,
    st.sampled_from(["/staff/drafts/", "/staff/sends/", "/staff/broadcasts/"]),
    st.integers(min_value=0, max_value=2**70) | st.text(max_size=8),
).map(lambda path: path + ("/resend" if path.startswith("/staff/sends/") else ""))


@given(path=FORM_PATHS, form=st.dictionaries(FORM_FIELDS, st.text(max_size=40), max_size=4))
async def test_no_form_breaks_a_page(workspace: Workspace, path: str, form: dict[str, str]) -> None:
    """Whatever a form posts (its own token kept, so the form itself is judged): a page or the chat command's
    reason, never a failure."""
    async with workspace.client.get(workspace.url("/staff/broadcast")) as response:
        if response.status == 401:  # the first example, or signed out by the one before
            await workspace.sign_in()
    async with workspace.client.get(workspace.url("/staff/broadcast")) as response:
        csrf = re.search(r'name="csrf" value="([^"]+)"', await response.text())
    assert csrf
    async with workspace.client.post(workspace.url(path), data={**form, "csrf": csrf.group(1)}) as response:
        assert response.status < 500, await response.text()


async def test_the_sends_and_the_broadcast_pages_name_chats_as_the_chat_commands_do(
    workspace: Workspace,
) -> None:
    """提醒和发送 showed each push's and each reminder's platform chat id (wrk…, a user's account) where
    /提醒列表 and /发送失败 say 平山县·企业群 or 王科长的私聊; the broadcast's confirmation listed the ids too."""
    harness = workspace.harness
    group = "wrkSFfCgAAgroupid0417"
    await harness.text("wangke", "/绑定 平山县", chat=group, role="staff")
    await harness.text("wangke", "/机器人 0123abcd-4567-89ef-0123-456789abcdef", chat=group, role="staff")
    await harness.text("wangke", "/提醒 明天9点 交名单", chat=group, role="staff")
    await harness.text("wangke", "/提醒 明天10点 打电话", chat="wangke", role="staff")
    await harness.text("wangke", "/广播 平山县 请按时报送", chat="wangke", role="staff")
    await harness.text("wangke", "确认", chat="wangke", role="staff")
    await harness.app.drain()
    await workspace.sign_in()
    async with workspace.client.get(workspace.url("/staff/sends")) as response:
        sends = await response.text()
    _, preview = await preview_broadcast(workspace, "明天开会")
    # the notice as the groups will read it, signed
    assert '<blockquote class="pre" id="notice">【通知】明天开会\n——' in preview
    for page in (sends, preview):
        assert group not in page
        assert "group" not in page.replace("groups", "")
    assert sends.count("<td>平山县·企业群</td>") == 2  # the reminder to the group, and the broadcast there
    assert "<td>wangke的私聊</td>" in sends  # the console's user is named by their id: no display name
    assert "<td>平山县·企业群</td>" in preview
