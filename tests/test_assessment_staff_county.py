"""A staff member's county for the application list: named, else BOT_STAFF, else the group's binding."""

from __future__ import annotations

import pytest

from bot.settings import Settings
from tests.harness import Harness


@pytest.fixture
def settings_with_staff(settings: Settings) -> Settings:
    return settings.model_copy(update={"staff": {"wangke": "平山县"}})


async def test_list_uses_the_county_the_group_is_bound_to(harness: Harness) -> None:
    assert "请写明哪个县" in await harness.text("王科长", "/申请列表", role="staff", chat="平山县分局群")
    await harness.text("王科长", "/绑定 平山县 分局", role="staff", chat="平山县分局群")
    reply = await harness.text("王科长", "/申请列表", role="staff", chat="平山县分局群")
    assert "平山县" in reply
    assert "请写明哪个县" not in reply


async def test_staff_with_a_configured_county_see_only_their_own(settings_with_staff: Settings) -> None:
    from tests.harness import make_harness

    harness = make_harness(settings_with_staff)
    refused = await harness.text("wangke", "/申请列表 鹿泉区", role="staff", chat="wangke")
    assert "只能查看和导出平山县的申请名单" in refused
    own = await harness.text("wangke", "/申请列表", role="staff", chat="wangke")
    assert "平山县" in own
    assert "只能" not in own
