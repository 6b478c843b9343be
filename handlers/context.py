"""What every handler receives besides the message."""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock
from bot.render import Renderer
from bot.settings import Settings
from knowledge.base import KnowledgeBase
from storage.repos import Repositories


@dataclass(frozen=True)
class Context:
    clock: Clock
    repos: Repositories
    kb: KnowledgeBase
    render: Renderer
    settings: Settings
