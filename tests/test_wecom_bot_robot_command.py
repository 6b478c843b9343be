"""/机器人: staff attach a group robot to a bound group; its pushes then go through that robot."""

from __future__ import annotations

from datetime import datetime

from storage.db import make_engine, migrate
from storage.repos import Repositories
from tests.conftest import START

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
