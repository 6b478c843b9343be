"""The staff workspace in a real headless Chromium (Debian's chromium and chromium-driver, via selenium).

One browser and one server for the module: these are the suite's slow exception. The bot's clock is the
simulated one; the browser's waits only poll for what the page shows.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import openpyxl
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select

from knowledge.application_list import HEADER_ROW
from tests.harness import ROOT, VALID_CODES, cement, complete, save_draft
from tests.workspace_rig import WorkspaceRig, workspace_rig

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver
    from selenium.webdriver.support.ui import WebDriverWait

pytestmark = [pytest.mark.slow, pytest.mark.e2e]  # a browser: run first (tests/conftest.py)

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
PHONE = (390, 844)
DESKTOP = (1366, 768)
WAIT_SECONDS = 20
# selenium polls every 0.5 s by default: most waits follow a click whose page is there within a few
# milliseconds, so each cost up to half a second of idle waiting
POLL_SECONDS = 0.05

if not (CHROMIUM.exists() and CHROMEDRIVER.exists()) and not os.environ.get("CI"):
    pytest.skip(
        "Debian's chromium and chromium-driver are not installed (.ci/run installs them)",
        allow_module_level=True,
    )

# Two enterprises of 平山县 (one has confirmed twice) and one of 鹿泉区, which 平山县's staff must not see.
PINGSHAN_B = ("平山县鼎鑫水泥有限公司", VALID_CODES[1], "85")  # 85% clean transport: grade B
PINGSHAN_A = ("平山县恒达水泥有限公司", VALID_CODES[2], "100")
LUQUAN = ("鹿泉区金隅水泥有限公司", VALID_CODES[0], "85")
ROBOT_KEY = "0123abcd-4567-89ef-0123-456789abcdef"


def seed(rig: WorkspaceRig) -> None:
    for (name, code, transport), county, user in (
        (PINGSHAN_B, "平山", "赵经理"),
        (PINGSHAN_A, "平山", "钱经理"),
        (LUQUAN, "鹿泉", "孙经理"),
    ):
        chat = f"{county}企业群"
        rig.run(complete(rig.harness, user, cement(name, code, county, transport), chat=chat))
        rig.run(save_draft(rig.harness, user, chat=chat))
    # its second version, reopened where a draft's review may be shown: the private chat
    rig.say("赵经理", "修改申请", chat="赵经理", role="enterprise")
    rig.say("赵经理", "确认", chat="赵经理", role="enterprise")
    for chat in ("平山县企业群", "平山县二群"):
        rig.say("wangke", "/绑定 平山县", chat=chat)
    rig.say("lishi", "/绑定 鹿泉区", chat="鹿泉区企业群")
    rig.say("wangke", f"/机器人 {ROBOT_KEY}", chat="平山县二群")  # a robot the fake does not know yet


@pytest.fixture(scope="module")
def rig(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WorkspaceRig]:
    with workspace_rig(tmp_path_factory.mktemp("workspace")) as running:
        seed(running)
        yield running


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(downloads: Path) -> Iterator[WebDriver]:
    # the driver's modules are imported here, not at collection: every worker collects this module, and `-m "not e2e"`
    # runs none of its tests (~0.09 s of CPU a worker; By and Select cost ~4 ms)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def page(browser: WebDriver, rig: WorkspaceRig) -> WebDriver:
    """The browser with no session, at desktop size."""
    browser.set_window_size(*DESKTOP)
    browser.get(f"{rig.base}/staff/static/workspace.css")  # a page of the site, to clear its cookies
    browser.delete_all_cookies()
    return browser


def sign_in(page: WebDriver, rig: WorkspaceRig, user: str = "wangke") -> None:
    page.get(rig.sign_in_link(user))
    page.find_element(By.ID, "signin").click()
    wait_for_text(page, " · 概览")


# Read in the page itself, holding no element: while a page is being replaced (a form posted, a redirect), an
# element found a moment before is gone, and chromedriver reports that as a stale element or, at times, as an
# "unhandled inspector error" (node not in the document) that no wait ignores.
BODY_TEXT = "return document.body ? document.body.innerText : ''"
ELEMENT_TEXT = "const element = document.getElementById(arguments[0]); return element && element.innerText"
REFUSAL_REASON = (
    "const refused = document.getElementById('refused'); return refused && refused.dataset.reason"
)


def waiting(page: WebDriver) -> WebDriverWait[WebDriver]:
    from selenium.webdriver.support.ui import WebDriverWait  # imported with the driver, as in `browser`

    return WebDriverWait(page, WAIT_SECONDS, poll_frequency=POLL_SECONDS)


def wait_for_text(page: WebDriver, text: str) -> None:
    """Until the page shows `text`."""
    waiting(page).until(lambda d: text in d.execute_script(BODY_TEXT))


def downloaded(page: WebDriver, folder: Path, suffix: str) -> Path:
    """The file Chromium saved there, once it has finished writing it (no .crdownload left)."""

    def finished() -> list[Path]:
        files = list(folder.iterdir())
        done = [f for f in files if f.suffix == suffix]
        return done if done and not any(f.suffix == ".crdownload" for f in files) else []

    waiting(page).until(lambda _d: finished())
    (found,) = finished()
    return found


def refusal(page: WebDriver) -> str:
    """Why the page (once it has loaded) refused."""
    reason: str = waiting(page).until(lambda d: d.execute_script(REFUSAL_REASON))
    return reason


def test_a_sign_in_link_works_once_and_for_ten_minutes(page: WebDriver, rig: WorkspaceRig) -> None:
    link = rig.sign_in_link("wangke")
    page.get(link)
    page.find_element(By.ID, "signin").click()
    wait_for_text(page, "平山县 · 概览")
    page.delete_all_cookies()
    page.get(link)
    page.find_element(By.ID, "signin").click()
    assert refusal(page) == "link_used"
    assert "已经用过，或已超过10分钟" in page.page_source

    late = rig.sign_in_link("wangke")
    rig.advance(minutes=10, seconds=1)
    page.get(late)
    page.find_element(By.ID, "signin").click()
    assert refusal(page) == "link_used"


def test_another_countys_draft_is_invisible_and_its_address_answers_404(
    page: WebDriver, rig: WorkspaceRig
) -> None:
    sign_in(page, rig, "lishi")  # the city's: every county
    page.get(f"{rig.base}/staff/drafts")
    luquan_address = page.find_element(By.LINK_TEXT, LUQUAN[0]).get_attribute("href")
    assert luquan_address
    assert LUQUAN[1] not in luquan_address  # no credit code in addresses (access logs, histories)

    page.delete_all_cookies()
    sign_in(page, rig)
    page.get(f"{rig.base}/staff/drafts")
    table = page.find_element(By.ID, "drafts").text
    assert PINGSHAN_A[0] in table
    assert PINGSHAN_B[0] in table
    assert LUQUAN[0] not in table
    page.get(luquan_address)
    assert refusal(page) == "not_found"
    assert LUQUAN[0] not in page.page_source

    page.get(f"{rig.base}/staff/drafts")
    page.find_element(By.LINK_TEXT, PINGSHAN_B[0]).click()
    wait_for_text(page, "历史版本")
    assert "第1版" in page.find_element(By.ID, "history").text  # the version its second confirmation replaced
    assert "第2版" in page.find_element(By.ID, "draft").text
    assert "运输" in page.find_element(By.ID, "limits").text  # its transport is what limits it


def test_the_city_sees_every_county(page: WebDriver, rig: WorkspaceRig) -> None:
    sign_in(page, rig, "lishi")
    page.get(f"{rig.base}/staff/drafts")
    table = page.find_element(By.ID, "drafts").text
    assert all(name in table for name, _code, _transport in (PINGSHAN_A, PINGSHAN_B, LUQUAN))


def test_filter_and_download_exactly_what_is_shown(
    page: WebDriver, rig: WorkspaceRig, downloads: Path
) -> None:
    sign_in(page, rig)
    page.get(f"{rig.base}/staff/drafts")
    Select(page.find_element(By.ID, "status")).select_by_visible_text("低于拟申报等级")
    page.find_element(By.ID, "apply").click()
    wait_for_text(page, "显示 1 家，共 2 家")
    shown = page.find_element(By.ID, "drafts").text
    assert PINGSHAN_B[0] in shown
    assert PINGSHAN_A[0] not in shown
    assert PINGSHAN_B[1] not in shown  # masked until asked for

    for old in downloads.iterdir():
        old.unlink()
    page.find_element(By.ID, "download-xlsx").click()
    sheet = openpyxl.load_workbook(downloaded(page, downloads, ".xlsx")).active
    assert sheet is not None
    rows = [row for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True) if any(row)]
    assert [(row[2], row[3]) for row in rows] == [(PINGSHAN_B[0], PINGSHAN_B[1])]


def test_showing_full_personal_data_is_logged(
    page: WebDriver, rig: WorkspaceRig, caplog: pytest.LogCaptureFixture
) -> None:
    sign_in(page, rig)
    page.get(f"{rig.base}/staff/drafts")
    assert PINGSHAN_A[1] not in page.find_element(By.ID, "drafts").text
    with caplog.at_level(logging.INFO, logger="handlers.workspace"):
        page.find_element(By.ID, "reveal").click()
        wait_for_text(page, "已显示完整信息")
    assert PINGSHAN_A[1] in page.find_element(By.ID, "drafts").text
    revealed = [r for r in caplog.records if r.getMessage() == "personal data revealed"]
    assert [(r.staff, r.rows) for r in revealed] == [("wangke", 2)]  # type: ignore[attr-defined]


def test_a_confirmed_broadcast_shows_its_progress_until_done(page: WebDriver, rig: WorkspaceRig) -> None:
    sign_in(page, rig)
    page.get(f"{rig.base}/staff/broadcast")
    page.find_element(By.ID, "text").send_keys("请各企业7月17日12:00前报送申请名单")
    page.find_element(By.ID, "preview").click()
    wait_for_text(page, "确认广播")
    targets = page.find_element(By.ID, "targets").text
    # named as /提醒列表 names them: two groups of one county and kind told apart by their ids' ends
    assert "平山县·企业群（…企业群）" in targets
    assert "平山县·企业群（…县二群）" in targets
    assert "鹿泉区" not in targets
    page.find_element(By.ID, "confirm").click()
    # the progress page refreshes itself until the broadcast is done
    waiting(page).until(lambda d: d.execute_script(ELEMENT_TEXT, "state") == "完成")
    assert page.find_element(By.ID, "delivered").text == "1"
    assert page.find_element(By.ID, "failed").text == "1"  # the group whose robot the platform refuses


def test_a_failed_send_is_resent_once(page: WebDriver, rig: WorkspaceRig) -> None:
    rig.say("wangke", "/广播 平山县 明天上午检查自评进度", chat="wangke")
    rig.say("wangke", "确认", chat="wangke")
    rig.drain()
    received = len(rig.robots.received.get(ROBOT_KEY, []))
    sign_in(page, rig)
    rig.robots.keys.add(ROBOT_KEY)  # the robot works again
    page.get(f"{rig.base}/staff/sends")
    first_tab = page.current_window_handle
    page.switch_to.new_window("tab")  # the same page open twice, as after a double click
    page.get(f"{rig.base}/staff/sends")
    second_tab = page.current_window_handle
    page.switch_to.window(first_tab)
    page.find_elements(By.CLASS_NAME, "resend")[0].click()
    wait_for_text(page, "已重发，这次送达了")
    assert len(rig.robots.received[ROBOT_KEY]) == received + 1

    page.switch_to.window(second_tab)
    page.find_elements(By.CLASS_NAME, "resend")[0].click()
    wait_for_text(page, "没有再发")
    assert len(rig.robots.received[ROBOT_KEY]) == received + 1
    page.close()
    page.switch_to.window(first_tab)


def test_a_forged_form_and_an_idle_session_are_refused(page: WebDriver, rig: WorkspaceRig) -> None:
    sign_in(page, rig)
    page.get(f"{rig.base}/staff/drafts")
    page.execute_script("document.getElementById('reveal').form.elements.csrf.value = 'forged'")
    page.find_element(By.ID, "reveal").click()
    assert refusal(page) == "csrf"

    page.get(f"{rig.base}/staff/")
    rig.advance(hours=8, minutes=1)
    page.get(f"{rig.base}/staff/drafts")
    assert refusal(page) == "signed_out"
    assert "请在私聊中给助手发送 /后台" in page.find_element(By.ID, "refused").text


def test_screenshots_of_the_overview_and_the_list(
    page: WebDriver, rig: WorkspaceRig, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Saved for the README (BOT_TEST_SCREENSHOTS=docs/screenshots writes them there)."""
    folder = Path(os.environ.get("BOT_TEST_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder = folder if folder.is_absolute() else ROOT / folder
    folder.mkdir(parents=True, exist_ok=True)
    sign_in(page, rig)
    for size_name, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_window_size(*size)
        for name, path in (("overview", "/staff/"), ("list", "/staff/drafts")):
            page.get(f"{rig.base}{path}")
            target = folder / f"workspace-{name}-{size_name}.png"
            assert page.save_screenshot(str(target))
            assert target.stat().st_size > 10_000
