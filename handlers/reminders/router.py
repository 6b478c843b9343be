"""The router every part of the reminders module registers on."""

from __future__ import annotations

from bot.dispatch import Router
from handlers.context import Context

router: Router[Context] = Router("reminders")
