"""The workspace's pages: each reads the request, calls handlers.workspace, renders a template."""

from __future__ import annotations

from typing import Literal
from urllib.parse import quote, urlencode

from aiohttp import web
from multidict import MultiMapping

from bot.errors import UserError
from bot.web.security import context, csrf_token, member, page, refusal, sign_in, sign_out
from handlers import signin, workspace
from handlers.workspace import ListFilter

FILTER_FIELDS = ("county", "industry", "grade", "status", "search", "sort", "order")


def add_routes(app: web.Application) -> None:
    app.router.add_get("/signin", signin_page, name="signin")
    app.router.add_post("/signin", signin_confirm, name="signin_confirm")
    app.router.add_post("/signout", signout)
    app.router.add_get("/", overview)
    app.router.add_get("/drafts", drafts)
    app.router.add_post("/drafts", drafts)  # 显示完整信息: the same list, unmasked and logged
    app.router.add_get("/drafts/export.{fmt:xlsx|csv}", export)
    app.router.add_get("/drafts/{ref}", draft)
    app.router.add_post("/drafts/{ref}", draft)
    app.router.add_get("/sends", sends)
    app.router.add_post("/sends/{row:\\d+}/resend", resend)
    app.router.add_get("/broadcast", compose)
    app.router.add_post("/broadcast/preview", preview)
    app.router.add_post("/broadcast", confirm_broadcast)
    app.router.add_get("/broadcasts/{number:\\d+}", progress)


def see_other(location: str) -> web.Response:
    return web.Response(status=303, headers={"Location": location})


async def signin_page(request: web.Request) -> web.StreamResponse:
    """A page with one button: opening the link (a chat app's preview fetching it) does not use it up."""
    return page(request, "signin.html", token=request.query.get("token", ""))


async def signin_confirm(request: web.Request) -> web.StreamResponse:
    token = str((await request.post()).get("token", ""))
    redeemed = signin.redeem_link(context(request), token)
    if redeemed is None:
        return refusal(request, 403, "link_used")
    who, target = redeemed
    sign_in(request, who)
    return see_other(target)


async def signout(request: web.Request) -> web.StreamResponse:
    sign_out(request)
    return refusal(request, 200, "signed_out")


async def overview(request: web.Request) -> web.StreamResponse:
    ctx, who = context(request), member(request)
    return page(request, "overview.html", o=workspace.overview(ctx, who), csrf=csrf_token(request))


def _filter(values: MultiMapping[str]) -> ListFilter:
    return ListFilter(
        county=values.get("county", ""),
        industry=values.get("industry", ""),
        grade=values.get("grade", ""),
        status=values.get("status", ""),
        search=values.get("search", "").strip(),
        sort=values.get("sort", "submitted_at"),
        descending=values.get("order") == "desc",
    )


def _query(values: MultiMapping[str]) -> str:
    return urlencode({name: values[name] for name in FILTER_FIELDS if values.get(name)})


async def drafts(request: web.Request) -> web.StreamResponse:
    ctx, who = context(request), member(request)
    values = await request.post() if request.method == "POST" else request.query
    chosen = _filter(values)  # type: ignore[arg-type]
    listing = workspace.application_list(ctx, who, chosen)
    revealed = request.method == "POST"
    if revealed:
        workspace.log_reveal(ctx, who, [view["row"].credit_code for view in listing["drafts"]])
    return page(
        request,
        "drafts.html",
        listing=listing,
        chosen=chosen,
        query=_query(values),  # type: ignore[arg-type]
        revealed=revealed,
        csrf=csrf_token(request),
    )


async def export(request: web.Request) -> web.StreamResponse:
    fmt: Literal["xlsx", "csv"] = "csv" if request.match_info["fmt"] == "csv" else "xlsx"
    name, data = workspace.export_file(context(request), member(request), _filter(request.query), fmt)
    kind = (
        "text/csv; charset=utf-8"
        if fmt == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    disposition = f"attachment; filename=\"export.{fmt}\"; filename*=UTF-8''{quote(name)}"
    return web.Response(body=data, headers={"Content-Type": kind, "Content-Disposition": disposition})


async def draft(request: web.Request) -> web.StreamResponse:
    ctx, who = context(request), member(request)
    found = workspace.draft_detail(ctx, who, request.match_info["ref"])
    if found is None:
        return refusal(request, 404, "not_found")
    revealed = request.method == "POST"
    if revealed:
        workspace.log_reveal(ctx, who, [found["row"].credit_code])
    return page(request, "draft.html", d=found, revealed=revealed, csrf=csrf_token(request))


async def sends(request: web.Request) -> web.StreamResponse:
    ctx, who = context(request), member(request)
    return page(
        request,
        "sends.html",
        s=workspace.sends(ctx, who),
        resent=request.query.get("resent", ""),
        csrf=csrf_token(request),
    )


async def resend(request: web.Request) -> web.StreamResponse:
    outcome = await workspace.resend(context(request), member(request), int(request.match_info["row"]))
    result = "none" if outcome is None else "sent" if outcome.delivered else "failed"
    return see_other(f"/staff/sends?resent={result}")


async def compose(request: web.Request) -> web.StreamResponse:
    return _compose_form(request)


def _compose_form(request: web.Request, county: str = "", text: str = "", problem: str = "") -> web.Response:
    """The broadcast form; again with what was typed and why it cannot be sent, after a bad one."""
    ctx, who = context(request), member(request)
    return page(
        request,
        "broadcast.html",
        status=400 if problem else 200,
        counties=workspace.county_choices(ctx, who),
        scope=workspace.own_scope(ctx, who),
        county=county,
        text=text,
        problem=problem,
        csrf=csrf_token(request),
    )


async def preview(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    county, text = str(form.get("county", "")), str(form.get("text", ""))
    try:
        shown = workspace.broadcast_preview(context(request), member(request), county, text)
    except UserError as error:
        return _compose_form(request, county, text, error.text)
    return page(request, "preview.html", p=shown, csrf=csrf_token(request))


async def confirm_broadcast(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    ctx, who = context(request), member(request)
    number = workspace.start_broadcast(ctx, who, str(form.get("county", "")), str(form.get("text", "")))
    return see_other(f"/staff/broadcasts/{number}")


async def progress(request: web.Request) -> web.StreamResponse:
    found = workspace.broadcast_progress(context(request), member(request), int(request.match_info["number"]))
    if found is None:
        return refusal(request, 404, "not_found")
    return page(request, "progress.html", b=found, csrf=csrf_token(request))
