"""A staff member's county for the application list: named, else BOT_STAFF, else the group's binding."""

from __future__ import annotations

from tests.conftest import Harness


async def test_list_uses_the_county_the_group_is_bound_to(harness: Harness) -> None:
    assert "请写明哪个县" in await harness.text("王科长", "/申请列表", role="staff", chat="平山县分局群")
    await harness.text("王科长", "/绑定 平山县 分局", role="staff", chat="平山县分局群")
    reply = await harness.text("王科长", "/申请列表", role="staff", chat="平山县分局群")
    assert "平山县" in reply
    assert "请写明哪个县" not in reply
