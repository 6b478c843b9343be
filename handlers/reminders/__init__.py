"""Deadline reminders and staff broadcasts to bound groups, each sent once.

Commands: /绑定 /解绑 /机器人 /截止 /提醒 /提醒列表 /取消提醒 /广播 /发送失败; the tick job send_due_reminders.
"""

from handlers.reminders import adhoc, broadcast, deadlines, failures, groups, robots  # noqa: F401  (register)
from handlers.reminders.router import router
from handlers.reminders.scheduler import falling_due, send_due_reminders

__all__ = ["falling_due", "router", "send_due_reminders"]
