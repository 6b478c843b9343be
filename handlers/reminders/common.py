"""Wording shared by the reminders module: times, countdowns, audiences, targets."""

from __future__ import annotations

from datetime import datetime

from knowledge.schedule import Audience

GROUP_KIND = {Audience.ENTERPRISE: "企业群", Audience.COUNTY_BRANCH: "分局群"}


def day_time(moment: datetime) -> str:
    """7月17日 12:00"""
    return f"{moment.month}月{moment.day}日 {moment:%H:%M}"


def countdown(now: datetime, due: datetime) -> str:
    """还有2天3小时 / 还有5小时 / 还有40分钟 / 已截止"""
    left = due - now
    if left.total_seconds() <= 0:
        return "已截止"
    days, hours, minutes = left.days, left.seconds // 3600, left.seconds % 3600 // 60
    if days:
        return f"还有{days}天{hours}小时" if hours else f"还有{days}天"
    if hours:
        return f"还有{hours}小时{minutes}分钟" if minutes else f"还有{hours}小时"
    return f"还有{max(minutes, 1)}分钟"


def group_kind(audience: str) -> str:
    return GROUP_KIND[Audience(audience)]
