"""What every workspace page goes through: the session (an encrypted cookie, its idle limit on the bot's
clock), the CSRF check of forms, strict headers, and Chinese pages instead of errors.

The session is a Fernet token (AES and HMAC, from `cryptography`) in an HttpOnly, SameSite=Strict cookie:
nothing on the server to keep, and every worker reads it. aiohttp-session would do the same but keeps its
state under string request keys, which aiohttp now warns about on every request.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import aiohttp_jinja2
from aiohttp import web
from cryptography.fernet import Fernet, InvalidToken

from bot.errors import UserError
from handlers.context import Context
from handlers.signin import StaffMember

log = logging.getLogger("bot.web")

IDLE_LIMIT = timedelta(hours=8)
# Only our own stylesheet and images; no script at all, no framing, forms only back to us.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",  # a sign-in link in a Referer would be a credential in someone's log
    "Cache-Control": "no-store",  # pages carry personal data
}
OPEN_ROUTES = {"signin", "signin_confirm", "static"}  # reached without a session


COOKIE = "staff_session"
COOKIE_PATH = "/staff/"


@dataclass(frozen=True)
class WorkspaceSettings:
    secret: str  # BOT_SESSION_SECRET
    secure: bool  # cookies only over TLS (BOT_PUBLIC_URL is https)


class CookieSessions:
    """Sessions kept by the browser, encrypted and signed with a key made from BOT_SESSION_SECRET."""

    def __init__(self, settings: WorkspaceSettings) -> None:
        key = hashlib.sha256(settings.secret.encode()).digest()
        self._fernet = Fernet(base64.urlsafe_b64encode(key))
        self._secure = settings.secure

    def read(self, request: web.Request) -> dict[str, str]:
        """The request's session; empty when it has none, or one we did not make."""
        cookie = request.cookies.get(COOKIE, "")
        try:
            data = json.loads(self._fernet.decrypt(cookie.encode())) if cookie else {}
        except (InvalidToken, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def write(self, response: web.StreamResponse, data: dict[str, str], had_cookie: bool) -> None:
        if data:
            sealed = self._fernet.encrypt(json.dumps(data).encode()).decode()
            response.set_cookie(
                COOKIE, sealed, path=COOKIE_PATH, httponly=True, samesite="Strict", secure=self._secure
            )
        elif had_cookie:
            response.del_cookie(COOKIE, path=COOKIE_PATH)


CONTEXT = web.AppKey("context", Context)
SESSIONS = web.AppKey("sessions", CookieSessions)
SESSION = web.RequestKey("session", dict)  # the request's session, saved into its response's cookie
MEMBER = web.RequestKey("member", StaffMember)  # who is signed in


def context(request: web.Request) -> Context:
    return request.app[CONTEXT]


def member(request: web.Request) -> StaffMember:
    return request[MEMBER]


def now(request: web.Request) -> datetime:
    return context(request).clock.now()


def sign_in(request: web.Request, who: StaffMember) -> None:
    """A fresh session (never one a visitor brought along) for this staff member."""
    session = request[SESSION]
    session.clear()
    session.update(
        staff=who.staff_id, name=who.name, seen=now(request).isoformat(), csrf=secrets.token_urlsafe(32)
    )


def sign_out(request: web.Request) -> None:
    request[SESSION].clear()


def csrf_token(request: web.Request) -> str:
    token: str = request[SESSION]["csrf"]
    return token


def page(request: web.Request, template: str, status: int = 200, **values: object) -> web.Response:
    return aiohttp_jinja2.render_template(template, request, values, status=status)


def refusal(request: web.Request, status: int, reason: str, text: str = "") -> web.Response:
    return page(request, "refused.html", status=status, reason=reason, text=text)


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@web.middleware
async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    sessions = request.app[SESSIONS]
    request[SESSION] = sessions.read(request)
    try:
        response = await _checked(request, handler)
    except web.HTTPNotFound:
        response = refusal(request, 404, "not_found")
    except web.HTTPMethodNotAllowed:
        response = refusal(request, 405, "not_found")
    except UserError as error:  # the chat command's own words for what cannot be done
        response = refusal(request, 400, "user_error", error.text)
    except Exception:
        log.exception("workspace page failed", extra={"path": request.path})
        response = refusal(request, 500, "failed")
    response.headers.update(HEADERS)
    sessions.write(response, request[SESSION], COOKIE in request.cookies)
    return response


async def _checked(request: web.Request, handler: Handler) -> web.StreamResponse:
    route = request.match_info.route.name
    if route in OPEN_ROUTES:
        return await handler(request)
    session = request[SESSION]
    who = _signed_in(session, now(request))
    if who is None:
        return refusal(request, 401, "signed_out")
    if request.method == "POST":
        sent = str((await request.post()).get("csrf", ""))
        if not hmac.compare_digest(sent.encode(), str(session["csrf"]).encode()):
            log.warning(
                "workspace form refused: CSRF token", extra={"staff": who.staff_id, "path": request.path}
            )
            return refusal(request, 403, "csrf")
    request[MEMBER] = who
    return await handler(request)


def _signed_in(session: dict[str, str], moment: datetime) -> StaffMember | None:
    """The session's staff member, unless idle longer than IDLE_LIMIT (then it ends)."""
    if "staff" not in session:
        return None
    if moment - datetime.fromisoformat(session["seen"]) > IDLE_LIMIT:
        session.clear()
        return None
    session["seen"] = moment.isoformat()
    return StaffMember(session["staff"], session["name"])
