"""The staff workspace (工作台) under /staff/: an adapter like the platform callbacks, pages instead of XML.

It signs staff in with the one-time links /后台 sends, keeps them in an encrypted session cookie, and turns
each request into a call of handlers.workspace, which applies the chat commands' rules; it holds none.
"""

from __future__ import annotations

from pathlib import Path

import aiohttp_jinja2
import jinja2
from aiohttp import web

from bot.web import pages
from bot.web.security import CONTEXT, SESSIONS, CookieSessions, WorkspaceSettings, guard
from handlers.context import Context

PREFIX = "/staff"
HERE = Path(__file__).resolve().parent

__all__ = ["PREFIX", "WorkspaceSettings", "mount"]


def mount(app: web.Application, context: Context, settings: WorkspaceSettings) -> None:
    """Serve the workspace under /staff/ as a sub-application: its sessions, CSRF checks and headers touch
    no platform callback."""
    staff = web.Application(middlewares=[guard])
    staff[CONTEXT] = context
    staff[SESSIONS] = CookieSessions(settings)
    aiohttp_jinja2.setup(
        staff,
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    pages.add_routes(staff)
    staff.router.add_static("/static/", HERE / "static", name="static")
    app.add_subapp(f"{PREFIX}/", staff)
