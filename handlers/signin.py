"""/后台: one-time links that sign a staff member in to the workspace (工作台), also behind a download.

A shared kernel of the handler modules, like handlers/context.py: /导出 hands out a download link where the
channel cannot carry a file. The link is the staff member's identity: sent in their private chat, usable
once, within LINK_VALID; what the session may see follows from BOT_STAFF on every request.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal
from urllib.parse import quote

from bot.dispatch import Router
from bot.errors import UserError
from bot.message import ChatKind, Message, Reply
from handlers.context import Context, own_county
from storage.lazy import models

log = logging.getLogger("handlers.signin")

LINK_VALID = timedelta(minutes=10)
# the token goes in the query, which neither nginx (deploy/nginx) nor the access log (bot.logs) writes
SIGN_IN_PATH = "/staff/signin?token="
HOME = "/staff/"

router: Router[Context] = Router("signin")


@dataclass(frozen=True)
class StaffMember:
    """Who a workspace session belongs to: a platform user id, as BOT_STAFF names them."""

    staff_id: str
    name: str


def workspace_on(ctx: Context) -> bool:
    return bool(ctx.config.public_url and ctx.config.session_secret)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_link(msg: Message, ctx: Context, target: str = HOME) -> str:
    """A link that signs this staff member in once, within LINK_VALID, and opens `target`."""
    token = secrets.token_urlsafe(32)
    now = ctx.clock.now()
    ctx.repos.staff_links.forget_before(now - timedelta(days=1))
    ctx.repos.staff_links.add(
        models.StaffLinkRecord(
            token_hash=_token_hash(token),
            staff_id=msg.sender_id,
            staff_name=msg.sender_name or msg.sender_id,
            target=target,
            created_at=now,
            expires_at=now + LINK_VALID,
        )
    )
    return f"{ctx.config.public_url.rstrip('/')}{SIGN_IN_PATH}{token}"


def download_link(msg: Message, ctx: Context, county: str, fmt: Literal["xlsx", "csv"]) -> str | None:
    """For /导出 on a channel that cannot carry a file (the AI bot, the Official Account): a one-time link,
    valid LINK_VALID, that signs this staff member in and downloads the county's list. None while the
    workspace is off. The county limit is checked again when the link is used."""
    if not workspace_on(ctx):
        return None
    return issue_link(msg, ctx, f"/staff/drafts/export.{fmt}?county={quote(county)}")


def redeem_link(ctx: Context, token: str) -> tuple[StaffMember, str] | None:
    """The staff member a link signs in and the page it opens; None if unknown, used or expired."""
    link = ctx.repos.staff_links.redeem(_token_hash(token), ctx.clock.now())
    if link is None:
        return None
    log.info("workspace sign-in", extra={"staff": link.staff_id})
    return StaffMember(link.staff_id, link.staff_name), link.target


@router.command("workspace_link", staff_only=True)
async def workspace_link(msg: Message, ctx: Context, args: str) -> list[Reply]:
    if not workspace_on(ctx):
        raise UserError(ctx.render("workspace_link.j2", step="off"))
    if msg.chat_kind is ChatKind.GROUP:  # anyone in the group could open it first
        raise UserError(ctx.render("workspace_link.j2", step="private_only"))
    link = issue_link(msg, ctx)
    minutes = int(LINK_VALID.total_seconds() // 60)
    scope = own_county(msg, ctx)
    text = ctx.render(
        "workspace_link.j2", step="link", link=link, minutes=minutes, scope=scope.name if scope else None
    )
    return [msg.reply(text)]
